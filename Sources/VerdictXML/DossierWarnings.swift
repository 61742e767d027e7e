import VerdictCore

/// What looks wrong in a register but is legal: said in the report, never judged.
enum DossierWarnings {
    /// An area this many times the median is called out (a decimal point slipped, or units summed twice).
    static let outlierFactor = 10

    static func of(_ d: DossierDocument) -> [ReportError] {
        guard let root = d.rootElement else { return [] }
        let store = d.store
        // Whole square metres are enough to call out a tenfold outlier (a warning, not a verdict):
        // parsing every area exactly cost more than judging some rules.
        var owners: [(line: Int, id: String, name: String?, area: Int?, text: String)] = []
        // Each attribute name looked up once, not at every owner.
        let areaKey = store.nameId("area"), idKey = store.nameId("id"), nameKey = store.nameId("name")
        func attribute(_ key: Int32?, _ e: Int) -> String? { key.flatMap { store.attribute($0, of: e) } }
        for c in store.children(of: root) where store.name(of: c) == "community" {
            for o in store.children(of: c) where store.name(of: o) == "owner" {
                let text = attribute(areaKey, o) ?? ""
                let whole = text.utf8.prefix { $0 != UInt8(ascii: ".") }
                // The bytes before the point (a point is ASCII: the cut is at a character).
                let area = whole.count <= 15 ? Int(Substring(whole)) : nil
                owners.append((store.line(of: o), attribute(idKey, o) ?? "?", attribute(nameKey, o), area, text))
            }
        }
        var out: [ReportError] = []
        func sameNames<Key: Hashable>(_ key: (String) -> Key) {
            var firstByName: [Key: (line: Int, id: String)] = [:]
            firstByName.reserveCapacity(owners.count)
            for o in owners {
                guard let name = o.name, !name.isEmpty else { continue }
                let k = key(name)
                if let first = firstByName[k] {
                    out.append(ReportError(file: d.path, line: o.line, column: nil,
                                           message: "业主 \(o.id) 与第 \(first.line) 行的 \(first.id) 同名（\(name)）：如是同一人，请合并为一行、面积相加（一人只计一次）；如是两人，可不理会 — owners \(first.id) and \(o.id) have the same name"))
                } else {
                    firstByName[k] = (o.line, o.id)
                }
            }
        }
        // Names are the same when they are the same text (canonically equivalent, as Swift
        // compares strings). A register of Chinese names compares them by their bytes, which is
        // the same thing there and costs a fraction (hashing a Chinese `String` normalises it).
        if owners.allSatisfy({ $0.name.map(NameBytes.isOwnNormalForm) ?? true }) {
            sameNames { NameBytes($0) }
        } else {
            sameNames { $0 }
        }
        let areas = owners.compactMap(\.area).sorted()
        if areas.count >= 5 {
            let median = areas[areas.count / 2]
            for o in owners {
                // a ≥ (median + 1) × 10 is over ten times any area whose whole part is the median.
                guard let a = o.area, a >= (median + 1) * outlierFactor else { continue }
                out.append(ReportError(file: d.path, line: o.line, column: nil,
                                       message: "业主 \(o.id) 的面积 \(o.text) ㎡ 超过其他业主面积中位数（约 \(median) ㎡）的 \(outlierFactor) 倍：请核对小数点和单位 — owner \(o.id)'s area is over \(outlierFactor)× the median"))
            }
        }
        return out.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}

/// A name compared and hashed by its UTF-8 bytes: for names in their own normal form only
/// (`isOwnNormalForm`), where equal bytes and canonical equivalence are the same test.
struct NameBytes: Hashable {
    let text: String
    init(_ text: String) { self.text = text }

    static func == (a: NameBytes, b: NameBytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Every scalar is ASCII (but no combining mark can follow: none is in this set), a CJK
    /// unified ideograph (U+3400–U+4DBF, U+4E00–U+9FFF) or the middle dot U+00B7 of
    /// transliterated names. No two of these compose, none decomposes, and a text of them only
    /// is its own NFC: another text is canonically equivalent to it exactly when its NFC has the
    /// same bytes. A register with any other scalar in a name (a compatibility ideograph
    /// U+F900…, which is canonically a unified one; an accent) is compared as Swift strings.
    static func isOwnNormalForm(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            u.value < 0x80 || u.value == 0xB7 || (0x3400...0x4DBF).contains(u.value) || (0x4E00...0x9FFF).contains(u.value)
        }
    }
}
