import VerdictCore

/// A name compared and hashed by its UTF-8 bytes (as the fact store holds them, valid while
/// the store's bytes are): for names in their own normal form only (`isOwnNormalForm`), where
/// equal bytes and canonical equivalence are the same test.
struct NameBytes: Equatable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func == (a: NameBytes, b: NameBytes) -> Bool { a.bytes.elementsEqual(b.bytes) }

    /// Every scalar is ASCII (but no combining mark can follow: none is in this set), a CJK
    /// unified ideograph (U+3400–U+4DBF, U+4E00–U+9FFF) or the middle dot U+00B7 of
    /// transliterated names. No two of these compose, none decomposes, and a text of them only
    /// is its own NFC: another text is canonically equivalent to it exactly when its NFC has the
    /// same bytes. A register with any other scalar in a name (a compatibility ideograph
    /// U+F900…, which is canonically a unified one; an accent) is compared as Swift strings.
    static func isOwnNormalForm(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy(isOwnNormalForm(scalar:))
    }

    /// The same over UTF-8 bytes (an ill-formed sequence is not in the set).
    static func isOwnNormalForm(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }  // ASCII (an id), without decoding
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let u): if !isOwnNormalForm(scalar: u) { return false }
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Each entry whose text an earlier entry has, in order: `found(entry, first, text)` with
    /// the positions in `entries` of that entry and of the first one with its text. Texts are the same when they are the same
    /// text (canonically equivalent, as Swift compares strings): compared by their bytes when
    /// every text is in its own normal form, which is that same test there and costs a fraction
    /// (hashing a Chinese `String` normalises it); as strings otherwise. Used for the register's
    /// same-name warnings and for duplicate ids.
    static func repeats(_ entries: [(element: Int, text: NameBytes)], _ found: (_ entry: Int, _ first: Int, _ text: String) -> Void) {
        if entries.allSatisfy({ isOwnNormalForm(bytes: $0.text.bytes) }) {
            // Every hash first, then the probes: a probe is a cache miss into the table, and a
            // loop of probes alone lets the processor have many of them under way at once.
            let hashes = entries.map { FirstTexts.hash($0.text.bytes) }
            var firsts = FirstTexts(count: entries.count)
            for (i, (_, text)) in entries.enumerated() {
                if let f = firsts.first(of: text, hash: hashes[i], at: i, in: entries) { found(i, f, text.text) }
            }
        } else {
            var first: [String: Int] = [:]
            first.reserveCapacity(entries.count)
            for (i, (_, bytes)) in entries.enumerated() {
                let text = bytes.text
                if let f = first[text] { found(i, f, text) } else { first[text] = i }
            }
        }
    }

    static func isOwnNormalForm(scalar u: Unicode.Scalar) -> Bool {
        u.value < 0x80 || u.value == 0xB7 || (0x3400...0x4DBF).contains(u.value) || (0x4E00...0x9FFF).contains(u.value)
    }
}

/// The first entry of each text, for `NameBytes.repeats`: open addressing over each text's
/// hash and first entry, side by side, so that a probe compares hashes and reads a text's
/// bytes (scattered through the fact store) only where the hashes agree. A `Dictionary` keeps
/// no hashes: every occupied slot a probe passes compares the texts themselves, a cache miss
/// into a 30 MB store on a 200,000-owner register. The hash is Swift's seeded `Hasher`, so a
/// dossier cannot choose texts that collide.
struct FirstTexts {
    private var slots: [(hash: UInt64, entry: Int)]  // hash 0: an empty slot
    private let mask: Int

    init(count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity <<= 1 }   // at most half full
        slots = []
        slots.reserveCapacity(capacity)
        LargePages.advise(&slots)
        slots.append(contentsOf: repeatElement((hash: UInt64(0), entry: 0), count: capacity))
        mask = capacity - 1
    }

    /// The entry where `entries[i]`'s text (of hash `h`, `hash(text.bytes)`) first came, if
    /// an earlier entry had it; else `i` is recorded as its first.
    mutating func first(of text: NameBytes, hash h: UInt64, at i: Int, in entries: [(element: Int, text: NameBytes)]) -> Int? {
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[s]
            if slot.hash == 0 {
                slots[s] = (h, i)
                return nil
            }
            if slot.hash == h, entries[slot.entry].text == text { return slot.entry }
            s = (s + 1) & mask
        }
    }

    /// Never 0. A text of up to 16 bytes is hashed as two words and its length (the same
    /// hash for the same bytes), a longer one as bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        if bytes.count <= 16 {
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
            hasher.combine(words.0)
            hasher.combine(words.1)
            hasher.combine(bytes.count)
        } else {
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        }
        return UInt64(UInt(bitPattern: hasher.finalize())) | 1
    }
}
