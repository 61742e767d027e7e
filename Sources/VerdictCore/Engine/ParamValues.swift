/// Parameter values given for one evaluation (`--param K=V`, or a request's parameters),
/// checked against the program's declarations. The program itself never holds them, so one
/// loaded program serves evaluations with different parameters at once.
public struct ParamValues: Sendable {
    public let values: [String: Value]

    public static let shipped = ParamValues(values: [:])

    init(values: [String: Value]) { self.values = values }

    public subscript(name: String) -> Value? { values[name] }

    /// Checks `K=V` overrides against the program's parameters: each value must be of the
    /// declared kind (a period with or without its unit, a date, a decimal or percentage,
    /// true/false, text). Problems come back as diagnostics with a did-you-mean.
    public static func parse(_ overrides: [String: String], for p: Program) -> (ParamValues, [Diagnostic]) {
        var out: [Diagnostic] = []
        var values: [String: Value] = [:]
        for (k, raw) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let decl = p.params[k] else {
                let s = FuzzyMatch.suggestion(for: k, among: Array(p.params.keys))
                out.append(Diagnostic(.param, .none, "unknown parameter `\(k)` in --param",
                                      help: s.map { "did you mean `\($0)`?" } ?? "parameters: \(p.params.keys.sorted().joined(separator: ", "))"))
                continue
            }
            guard let value = value(raw.trimmingCharacters(in: " "), like: decl.value) else {
                out.append(Diagnostic(.param, .none, "--param \(k)=\(raw): `\(raw)` is not a value of the parameter's kind",
                                      help: "the shipped value is `\(p.files.indices.contains(decl.value.span.file) ? p.files[decl.value.span.file].slice(decl.value.span) : "?")`"))
                continue
            }
            values[k] = value
        }
        return (ParamValues(values: values), out)
    }

    static func value(_ v: String, like declared: Expr) -> Value? {
        switch declared.kind {
        case .period(_, let unit):
            let words = v.split(separator: " ")
            let units: [String: Period.Unit] = ["days": .days, "day": .days, "日": .days, "天": .days,
                                                "months": .months, "month": .months, "个月": .months,
                                                "years": .years, "year": .years, "年": .years]
            guard words.count == 1 || words.count == 2 else { return nil }
            let u = words.count == 2 ? units[String(words[1])] : unit
            return u.flatMap { u in Int(words[0]).flatMap { Period($0, u) } }.map { .period($0) }
        case .date:
            return CivilDate(iso: v).map { .date($0) }
        case .string:
            return .text(v)
        case .bool:
            return v == "true" ? .boolean(true) : (v == "false" ? .boolean(false) : nil)
        default:
            if v.hasSuffix("%"), let (r, _) = Rational.parseDecimal(Substring(v.dropLast())), let q = r.dividing(by: Rational(100)) {
                return .number(q, scale: nil)
            }
            if let (r, s) = Rational.parseDecimal(Substring(v)) { return .number(r, scale: Value.scale(s)) }
            return nil
        }
    }
}
