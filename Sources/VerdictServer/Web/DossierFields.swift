import Foundation

/// The attributes of a dossier a trainer may change in the what-if panel (a date, a vote, an
/// area), found in the dossier's text, and a copy of the bytes with one of them changed. The
/// copy lives only in memory: it is judged and dropped, never stored.
struct DossierFields {
    enum Kind: String { case date, vote, area }

    struct Field {
        /// `notice.0.served`: the element's name, its position among elements of that name, the attribute.
        let key: String
        let element: String
        let elementId: String?
        let attribute: String
        let value: String
        let kind: Kind
        /// Where the value's characters are in the text (between the quotes).
        let range: Range<String.Index>

        var label: String {
            let what = DossierFields.labels["\(element)@\(attribute)"] ?? "\(element) \(attribute)"
            return what + (elementId.map { " \($0)" } ?? "")
        }
    }

    let text: String
    let fields: [Field]

    /// Nil when the dossier is not UTF-8 text (the panel then says it cannot edit this one).
    init?(bytes: [UInt8]) {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
        self.text = text
        fields = DossierFields.scan(text)
    }

    static let labels: [String: String] = [
        "decision@date": "表决日 vote date", "notice@served": "通知送达日 notice served", "termination@date": "合同终止日 termination date",
        "contract@start": "合同开始日 contract start", "contract@end": "合同届满日 contract end", "ballot@vote": "表决票 vote of owner",
        "owner@area": "专有部分面积（㎡）area of owner", "committee@elected": "业委会选举日 committee elected",
        "handover@date": "交接日 handover date", "item@date": "交还日 item returned", "rectification@issued": "整改令下达日 order issued",
        "rectification@deadline": "整改期限 order deadline", "system@established": "制度建立日 system established",
    ]

    /// Start tags in document order, skipping comments, processing instructions, CDATA and the doctype.
    static func scan(_ s: String) -> [Field] {
        var out: [Field] = []
        var seen: [String: Int] = [:]
        var i = s.startIndex
        while let lt = s[i...].firstIndex(of: "<") {
            let rest = s[lt...]
            if rest.hasPrefix("<!--") { i = rest.range(of: "-->")?.upperBound ?? s.endIndex; continue }
            if rest.hasPrefix("<![CDATA[") { i = rest.range(of: "]]>")?.upperBound ?? s.endIndex; continue }
            if rest.hasPrefix("<?") { i = rest.range(of: "?>")?.upperBound ?? s.endIndex; continue }
            if rest.hasPrefix("<!") || rest.hasPrefix("</") { i = rest.firstIndex(of: ">").map { s.index(after: $0) } ?? s.endIndex; continue }
            var j = s.index(after: lt)
            let nameStart = j
            while j < s.endIndex, !s[j].isWhitespace, s[j] != ">", s[j] != "/" { j = s.index(after: j) }
            let name = String(s[nameStart..<j])
            let n = seen[name, default: 0]
            seen[name] = n + 1
            var attrs: [(String, String, Range<String.Index>)] = []
            // Attributes until `>` or `/>`.
            while j < s.endIndex, s[j] != ">" {
                if s[j].isWhitespace || s[j] == "/" { j = s.index(after: j); continue }
                let aStart = j
                while j < s.endIndex, s[j] != "=", !s[j].isWhitespace, s[j] != ">" { j = s.index(after: j) }
                let aName = String(s[aStart..<j])
                while j < s.endIndex, s[j].isWhitespace || s[j] == "=" { j = s.index(after: j) }
                guard j < s.endIndex, s[j] == "\"" || s[j] == "'" else { continue }
                let quote = s[j]
                let vStart = s.index(after: j)
                guard let vEnd = s[vStart...].firstIndex(of: quote) else { return out }
                attrs.append((aName, String(s[vStart..<vEnd]), vStart..<vEnd))
                j = s.index(after: vEnd)
            }
            let id = attrs.first { $0.0 == "id" }?.1 ?? attrs.first { $0.0 == "owner" }?.1 ?? attrs.first { $0.0 == "name" && name != "owner" }?.1
            for (a, v, r) in attrs {
                guard let kind = kind(name, a, v) else { continue }
                out.append(Field(key: "\(name).\(n).\(a)", element: name, elementId: id, attribute: a, value: v, kind: kind, range: r))
            }
            i = j < s.endIndex ? s.index(after: j) : s.endIndex
        }
        return out
    }

    static func kind(_ element: String, _ attribute: String, _ value: String) -> Kind? {
        if attribute == "vote" { return .vote }
        if attribute == "area" { return .area }
        if isDate(value) { return .date }
        return nil
    }

    static func isDate(_ v: String) -> Bool {
        let u = Array(v.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        return u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (48...57).contains(c) }
    }

    struct Refusal: Error { let message: String }

    /// The dossier's bytes with one field set to a new value, checked for its kind first.
    func changing(_ key: String, to value: String) throws -> [UInt8] {
        guard let f = fields.first(where: { $0.key == key }) else { throw Refusal(message: "no field `\(key)` in this dossier") }
        let v = value.trimmingCharacters(in: .whitespaces)
        switch f.kind {
        case .date: guard DossierFields.isDate(v) else { throw Refusal(message: "`\(v)` is not a date (YYYY-MM-DD)") }
        case .vote: guard ["yes", "no", "abstain"].contains(v) else { throw Refusal(message: "a vote is yes, no or abstain") }
        case .area:
            guard !v.isEmpty, v.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), v.filter({ $0 == "." }).count <= 1 else {
                throw Refusal(message: "`\(v)` is not an area in m² (e.g. 95.40)")
            }
        }
        var copy = text
        copy.replaceSubrange(f.range, with: v)
        return Array(copy.utf8)
    }
}
