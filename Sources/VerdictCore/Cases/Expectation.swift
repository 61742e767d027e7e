/// The `.expect` files kept beside example dossiers and rule cases:
///
///     # comment
///     RULE  SUBJECT  OUTCOME  [value=V] [due=YYYY-MM-DD] [message~TEXT | step~TEXT | change~TEXT]
///
/// SUBJECT is `-` for a rule whose subject is null. Rules a file does not list must be
/// n/a (or absent) in the dossier's findings; a listed `n/a` also accepts absence.
public struct Expectation: Sendable, Equatable {
    public var rule: String
    public var subject: String?
    public var outcome: Outcome
    public var value: String?
    public var due: CivilDate?
    public var message: String?
    /// `step~TEXT`: some step's action contains TEXT; `change~TEXT`: some `change` line does.
    public var step: String? = nil
    public var change: String? = nil
    public var line: Int

    /// Fields whose text runs to the end of the line (and may contain `#`).
    static let textFields = ["message~", "step~", "change~"]

    public static func parse(_ text: String) -> Result<[Expectation], ParseError> {
        var out: [Expectation] = []
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#"), !textFields.contains(where: { line[..<hash].contains($0) }) { line = line[..<hash] }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            if words.isEmpty { continue }
            guard words.count >= 3, let outcome = Outcome(rawValue: words[2]) else {
                return .failure(ParseError(line: lineNo, message: "expected `RULE SUBJECT OUTCOME [value=…] [due=…]`, with OUTCOME one of pass, fail, pending, n/a, unknown"))
            }
            var e = Expectation(rule: words[0], subject: words[1] == "-" ? nil : words[1], outcome: outcome,
                                value: nil, due: nil, message: nil, line: lineNo)
            words.removeFirst(3)
            var i = 0
            while i < words.count {
                let w = words[i]
                if w.hasPrefix("value=") { e.value = String(w.dropFirst(6)) }
                else if w.hasPrefix("due=") {
                    guard let d = CivilDate(iso: Substring(w.dropFirst(4))) else {
                        return .failure(ParseError(line: lineNo, message: "`\(w)`: due= takes a date YYYY-MM-DD"))
                    }
                    e.due = d
                } else if let field = textFields.first(where: { w.hasPrefix($0) }) {
                    let text = ([String(w.dropFirst(field.count))] + words[(i + 1)...]).joined(separator: " ")
                    switch field {
                    case "step~": e.step = text
                    case "change~": e.change = text
                    default: e.message = text
                    }
                    break
                } else {
                    return .failure(ParseError(line: lineNo, message: "unknown field `\(w)`; use value=, due=, message~, step~ or change~"))
                }
                i += 1
            }
            out.append(e)
        }
        return .success(out)
    }

    public struct ParseError: Error, Sendable {
        public let line: Int
        public let message: String
    }

    /// Compares findings with expectations; returns one line per mismatch. With `knownRules`,
    /// an expectation naming no rule of the library says so, with "did you mean".
    public static func compare(_ expected: [Expectation], _ findings: [Finding], knownRules: [String]? = nil) -> [String] {
        var problems: [String] = []
        var listed: Set<String> = []
        for e in expected {
            listed.insert(key(e.rule, e.subject))
            if let known = knownRules, !known.contains(e.rule) {
                let s = FuzzyMatch.suggestion(for: e.rule, among: known)
                problems.append("line \(e.line): unknown rule `\(e.rule)`" + (s.map { "; did you mean `\($0)`?" } ?? ""))
                continue
            }
            let diffs = e.mismatches(findings)
            if !diffs.isEmpty {
                let f = e.finding(in: findings)
                problems.append("line \(e.line): \(e.rule) \(e.subject ?? "-"): " + diffs.joined(separator: "; ")
                                + (f.map { " — \($0.message)" } ?? ""))
            }
        }
        for f in findings where f.outcome != .notApplicable && !listed.contains(key(f.rule, f.subject)) {
            problems.append("not expected: \(f.rule) \(f.subject ?? "-") \(f.outcome.rawValue) — \(f.message)")
        }
        return problems
    }

    static func key(_ rule: String, _ subject: String?) -> String { rule + " " + (subject ?? "-") }

    /// The finding this line speaks of (same rule and subject), if any.
    func finding(in findings: [Finding]) -> Finding? {
        findings.first { $0.rule == rule && $0.subject == subject }
    }

    /// How the finding differs from this line; empty when the line holds.
    func mismatches(_ findings: [Finding]) -> [String] {
        let f = finding(in: findings)
        let got = f?.outcome ?? .notApplicable
        var diffs: [String] = []
        if got != outcome { diffs.append("outcome: expected \(outcome.rawValue), got \(got.rawValue)") }
        if let v = value, f?.value != v { diffs.append("value: expected \(v), got \(f?.value ?? "null")") }
        if let d = due, !(f?.steps.contains { $0.due == d } ?? false) {
            let dues = f?.steps.map { $0.due?.description ?? "null" } ?? []
            diffs.append("due: expected \(d), got [\(dues.joined(separator: ", "))]")
        }
        if let m = message, !(f?.message.contains(m) ?? false) {
            diffs.append("message: expected to contain «\(m)», got «\(f?.message ?? "")»")
        }
        if let t = step, !(f?.steps.contains { $0.action.contains(t) } ?? false) {
            diffs.append("step: expected one to contain «\(t)», got «\((f?.steps.map(\.action) ?? []).joined(separator: " | "))»")
        }
        if let t = change, !(f?.changes.contains { $0.contains(t) } ?? false) {
            diffs.append("change: expected one to contain «\(t)», got «\((f?.changes ?? []).joined(separator: " | "))»")
        }
        return diffs
    }
}
