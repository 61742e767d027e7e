import VerdictCore

/// What looks wrong in a register but is legal: said in the report, never judged.
enum DossierWarnings {
    /// An area this many times the median is called out (a decimal point slipped, or units summed twice).
    static let outlierFactor = 10

    static func of(_ d: DossierDocument) -> [ReportError] {
        guard let root = d.rootElement else { return [] }
        let store = d.store
        // Each attribute name looked up once, not at every owner; an owner's texts (id, name,
        // area) are made only for the owners a warning names: a 200,000-owner register is
        // read as bytes.
        let areaKey = store.nameId("area"), idKey = store.nameId("id"), nameKey = store.nameId("name")
        func attribute(_ key: Int32?, _ e: Int) -> String? { key.flatMap { store.attribute($0, of: e) } }
        func id(_ o: Int) -> String { attribute(idKey, o) ?? "?" }
        var owners: [(element: Int, area: Int?)] = []
        for c in store.children(of: root) where store.name(of: c) == "community" {
            for o in store.children(of: c) where store.name(of: o) == "owner" {
                // Whole square metres are enough to call out a tenfold outlier (a warning, not a
                // verdict): the digits before the point, as `Int` reads them.
                owners.append((o, areaKey.flatMap { store.withValue($0, of: o, wholePart) } ?? nil))
            }
        }
        var out: [ReportError] = []
        func warn(_ o: Int, first: Int, _ name: String) {
            let (this, earlier) = (id(o), id(first))  // each read once (a 200,000-owner register has 60,000 of these)
            out.append(ReportError(file: d.path, line: store.line(of: o), column: nil,
                                   message: "业主 \(this) 与第 \(store.line(of: first)) 行的 \(earlier) 同名（\(name)）：如是同一人，请合并为一行、面积相加（一人只计一次）；如是两人，可不理会 — owners \(earlier) and \(this) have the same name"))
        }
        // Names compared as `NameBytes.repeats` compares texts (by bytes where that is exact).
        if let nameKey {
            store.values.withUnsafeBufferPointer { all in
                var names: [(element: Int, text: NameBytes)] = []
                names.reserveCapacity(owners.count)
                for o in owners {
                    guard let r = store.valueRange(nameKey, of: o.element), !r.isEmpty, r.upperBound <= all.count else { continue }
                    names.append((o.element, NameBytes(UnsafeBufferPointer(rebasing: all[r]))))
                }
                NameBytes.repeats(names) { o, first, name in warn(o, first: first, name) }
            }
        }
        let areas = owners.compactMap(\.area).sorted()
        if areas.count >= 5 {
            let median = areas[areas.count / 2]
            for o in owners {
                // a ≥ (median + 1) × 10 is over ten times any area whose whole part is the median.
                guard let a = o.area, a >= (median + 1) * outlierFactor else { continue }
                let text = attribute(areaKey, o.element) ?? ""
                out.append(ReportError(file: d.path, line: store.line(of: o.element), column: nil,
                                       message: "业主 \(id(o.element)) 的面积 \(text) ㎡ 超过其他业主面积中位数（约 \(median) ㎡）的 \(outlierFactor) 倍：请核对小数点和单位 — owner \(id(o.element))'s area is over \(outlierFactor)× the median"))
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }

    /// The digits before the first point as `Int(_:)` reads them (an optional sign, then at
    /// least one digit and nothing else), nil past 15 bytes.
    static func wholePart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let whole = bytes.prefix { $0 != UInt8(ascii: ".") }
        guard whole.count <= 15 else { return nil }
        var i = whole.startIndex
        var negative = false
        if i < whole.endIndex, whole[i] == UInt8(ascii: "-") || whole[i] == UInt8(ascii: "+") {
            negative = whole[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < whole.endIndex else { return nil }
        var value = 0
        while i < whole.endIndex {
            let b = whole[i]
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            i += 1
        }
        return negative ? -value : value
    }
}

/// A name compared and hashed by its UTF-8 bytes (as the fact store holds them, valid while
/// the store's bytes are): for names in their own normal form only (`isOwnNormalForm`), where
/// equal bytes and canonical equivalence are the same test.
struct NameBytes: Hashable {
    let bytes: UnsafeBufferPointer<UInt8>
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func == (a: NameBytes, b: NameBytes) -> Bool { a.bytes.elementsEqual(b.bytes) }

    func hash(into h: inout Hasher) { h.combine(bytes: UnsafeRawBufferPointer(bytes)) }

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

    /// Each entry whose text an earlier entry has, in order: `found(element, first, text)` with
    /// the element of the first entry of that text. Texts are the same when they are the same
    /// text (canonically equivalent, as Swift compares strings): compared by their bytes when
    /// every text is in its own normal form, which is that same test there and costs a fraction
    /// (hashing a Chinese `String` normalises it); as strings otherwise. Used for the register's
    /// same-name warnings and for duplicate ids.
    static func repeats(_ entries: [(element: Int, text: NameBytes)], _ found: (_ element: Int, _ first: Int, _ text: String) -> Void) {
        if entries.allSatisfy({ isOwnNormalForm(bytes: $0.text.bytes) }) {
            var first: [NameBytes: Int] = [:]
            first.reserveCapacity(entries.count)
            for (e, text) in entries {
                if let f = first[text] { found(e, f, text.text) } else { first[text] = e }
            }
        } else {
            var first: [String: Int] = [:]
            first.reserveCapacity(entries.count)
            for (e, bytes) in entries {
                let text = bytes.text
                if let f = first[text] { found(e, f, text) } else { first[text] = e }
            }
        }
    }

    static func isOwnNormalForm(scalar u: Unicode.Scalar) -> Bool {
        u.value < 0x80 || u.value == 0xB7 || (0x3400...0x4DBF).contains(u.value) || (0x4E00...0x9FFF).contains(u.value)
    }
}
