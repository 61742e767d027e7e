import VerdictCore

/// The elements of one dossier as the parser passed them, in document order: names
/// interned, attributes as bytes, lines kept; no tree of libxml2 nodes and no object per
/// element. Element `0` is the root; every element's index is its place in document order.
final class FactStore {
    struct Element {
        var name: Int32
        /// -1 for the root.
        var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// The line of the start tag, as libxml2's tree gives it.
        var line: Int32
        var attributeStart: Int32
        var attributeCount: Int32
        /// In a namespace: a name in a path (no prefix) never selects it.
        var namespaced: Bool
    }

    struct Attribute {
        var name: Int32
        /// The namespace's interned URI, or -1.
        var namespace: Int32
        var valueStart: Int32
        var valueEnd: Int32
    }

    /// A run of text that is not white space (stray text; a dossier's facts are attributes).
    struct Text {
        var element: Int32
        var line: Int
        var text: String
    }

    private(set) var names: [String] = []
    private var nameIds: [String: Int32] = [:]
    var elements: [Element] = []
    var attributes: [Attribute] = []
    var values: [UInt8] = []
    var texts: [Text] = []
    /// The root element's namespace URI, if it has one.
    var rootNamespace: String?

    /// Gives back the room the arrays were reserved (`reserve(for:)`) or grew into while
    /// reading: on a 200,000-owner dossier about 20 MB held while the rules run. Called once,
    /// after the parse.
    func compact() {
        func fitted<T>(_ a: [T]) -> [T] {
            a.capacity - a.count > 4096 ? a.withUnsafeBufferPointer { Array($0) } : a
        }
        elements = fitted(elements)
        attributes = fitted(attributes)
        values = fitted(values)
    }

    /// The interned name's number (interning once per distinct name).
    func intern(_ s: String) -> Int32 {
        if let id = nameIds[s] { return id }
        let id = Int32(names.count)
        names.append(s)
        nameIds[s] = id
        return id
    }

    /// The number of a name if any element or attribute has it.
    func nameId(_ s: String) -> Int32? { nameIds[s] }

    func name(of e: Int) -> String { e >= 0 && e < elements.count ? names[Int(elements[e].name)] : "" }

    /// Room, before reading, for as much as a dossier of these bytes can hold: an element per
    /// `<`, an attribute per `=`, attribute values no longer than the file. Grown by doubling,
    /// each array was copied to a new block every time it filled, and the pages of the new
    /// block faulted in again: a third of the page faults of a 200,000-owner check. Room that
    /// is never written is address space, not memory (the blocks are mapped on demand). Each
    /// array's room is capped at 256 MB; past that it grows as before.
    func reserve(for input: UnsafeBufferPointer<UInt8>) {
        let (tags, equals) = FactStore.count(UInt8(ascii: "<"), UInt8(ascii: "="), in: input)
        let cap = 256 << 20
        elements.reserveCapacity(Swift.min(tags, cap / MemoryLayout<Element>.stride))
        attributes.reserveCapacity(Swift.min(equals, cap / MemoryLayout<Attribute>.stride))
        values.reserveCapacity(Swift.min(input.count, cap))
        LargePages.advise(&elements)
        LargePages.advise(&attributes)
        LargePages.advise(&values)
    }

    /// How many bytes equal `a`, and how many `b`: eight bytes at a time (a byte at a time cost
    /// eight instructions a byte, 1 % of a large check). In a word `w ^ a…a` a byte is zero
    /// exactly where `w` holds `a`; `((x & 7F…) + 7F…) | x | 7F…` has the high bit of each byte
    /// set exactly where that byte of `x` is not zero, with no carry between bytes.
    static func count(_ a: UInt8, _ b: UInt8, in input: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        func zeroBytes(_ x: UInt64) -> Int { (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount }
        let spreadA = UInt64(a) &* 0x0101_0101_0101_0101, spreadB = UInt64(b) &* 0x0101_0101_0101_0101
        var countA = 0, countB = 0, i = 0
        let n = input.count
        let raw = UnsafeRawBufferPointer(input)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            countA &+= zeroBytes(w ^ spreadA)
            countB &+= zeroBytes(w ^ spreadB)
            i += 8
        }
        while i < n {
            if input[i] == a { countA &+= 1 } else if input[i] == b { countB &+= 1 }
            i += 1
        }
        return (countA, countB)
    }

    func line(of e: Int) -> Int { e >= 0 && e < elements.count ? Int(elements[e].line) : 0 }

    /// Child elements in document order.
    func children(of e: Int) -> [Int] {
        var out: [Int] = []
        guard e >= 0 && e < elements.count else { return out }
        var c = Int(elements[e].firstChild)
        while c >= 0 {
            out.append(c)
            c = Int(elements[c].nextSibling)
        }
        return out
    }

    func parent(of e: Int) -> Int? {
        guard e >= 0 && e < elements.count, elements[e].parent >= 0 else { return nil }
        return Int(elements[e].parent)
    }

    func value(_ a: Attribute) -> String {
        let start = Int(a.valueStart), end = Int(a.valueEnd)
        guard start >= 0, start <= end, end <= values.count else { return "" }
        // From the bytes in place (a slice of the array cost a retain and a release a read).
        return values.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// An attribute in no namespace, as libxml2's tree would give it.
    func attribute(_ name: String, of e: Int) -> String? {
        guard let id = nameIds[name] else { return nil }
        return attribute(id, of: e)
    }

    /// The same, by the name's number (`nameId`).
    func attribute(_ id: Int32, of e: Int) -> String? {
        noNamespaceAttribute(id, of: e).map(value)
    }

    /// The element's attribute of that name in no namespace, as the store holds it.
    private func noNamespaceAttribute(_ id: Int32, of e: Int) -> Attribute? {
        guard e >= 0 && e < elements.count else { return nil }
        let el = elements[e]
        for i in Int(el.attributeStart)..<Int(el.attributeStart + el.attributeCount) {
            let a = attributes[i]
            if a.name == id && a.namespace < 0 { return a }
        }
        return nil
    }

    /// Where an attribute's value lies in `values` (nil when the element has no such attribute).
    func valueRange(_ id: Int32, of e: Int) -> Range<Int>? {
        guard let a = noNamespaceAttribute(id, of: e) else { return nil }
        let start = Int(a.valueStart), end = Int(a.valueEnd)
        return start >= 0 && start <= end && end <= values.count ? start..<end : nil
    }

    /// `body` over an attribute's bytes, as written (nil when there is no such attribute).
    func withValue<T>(_ id: Int32, of e: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T? {
        guard let r = valueRange(id, of: e) else { return nil }
        return values.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// An attribute in no namespace read as a short plain decimal straight from its bytes
    /// (`Rational.parseShortDecimal`); nil when absent or not one.
    func shortDecimal(_ id: Int32, of e: Int) -> (value: Rational, scale: Int)? {
        withValue(id, of: e, Rational.parseShortDecimal(bytes:)) ?? nil  // nil past 18 bytes
    }

    /// Every attribute of an element, as written: (name, namespace URI, value).
    func allAttributes(of e: Int) -> [(name: String, namespace: String?, value: String)] {
        guard e >= 0 && e < elements.count else { return [] }
        let el = elements[e]
        return (Int(el.attributeStart)..<Int(el.attributeStart + el.attributeCount)).map { i in
            let a = attributes[i]
            return (names[Int(a.name)], a.namespace < 0 ? nil : names[Int(a.namespace)], value(a))
        }
    }
}
