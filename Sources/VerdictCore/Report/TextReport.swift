/// `--format text`: for people. Chinese with English beside it, findings grouped by
/// outcome, next steps with their due dates; colour only when asked for.
public struct TextReport {
    public var colour: Bool
    public var showPasses = true

    public init(colour: Bool) { self.colour = colour }

    func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    static let groups: [(Outcome, String, String, String)] = [
        (.fail, "✗", "不通过 fail", "1;31"),
        (.unknown, "?", "无法判断 unknown", "1;35"),
        (.pending, "…", "待办 pending", "1;33"),
        (.pass, "✓", "通过 pass", "32"),
    ]

    /// The status as a person should read it: a compliant dossier with failed `should`/`advice`
    /// findings says so on the same line.
    public static func statusText(_ d: DossierReport) -> String {
        let n = d.reservations
        guard d.status == .compliant, n > 0 else { return statusText(d.status) }
        return "合规（另有 \(n) 条应当或建议事项未通过）compliant, with \(n) should/advice finding\(n == 1 ? "" : "s") not passed"
    }

    public static func asOfText(_ d: DossierReport) -> String {
        switch d.asOfSource {
        case .override?: return "\(d.asOf)（--as-of）"
        case .dossier?: return "\(d.asOf)（卷宗 as-of）"
        case .today?: return "\(d.asOf)（今天 today：卷宗未写 as-of）"
        case nil: return d.asOf.description
        }
    }

    public static func statusText(_ s: DossierReport.Status) -> String {
        switch s {
        case .compliant: return "合规 compliant"
        case .noncompliant: return "不合规 noncompliant"
        case .incomplete: return "待补充 incomplete"
        }
    }

    public func render(_ d: DossierReport) -> String {
        var out = ""
        let statusColour = d.status == .compliant ? (d.reservations > 0 ? "1;33" : "1;32") : (d.status == .noncompliant ? "1;31" : "1;35")
        out += paint("■ \(d.id)", "1") + "  \(d.kind)  \(d.file)\n"
        out += "  状态 status: \(paint(TextReport.statusText(d), statusColour))    截至 as of: \(TextReport.asOfText(d))\n"
        if !d.warnings.isEmpty {
            out += "\n  " + paint("⚠ 注意 warnings (\(d.warnings.count))", "1;33") + "  不影响判定 — they change no verdict\n"
            for w in d.warnings { out += "    \(d.file)\(w.line.map { ":\($0)" } ?? ""): \(w.message)\n" }
        }
        for (outcome, mark, label, code) in TextReport.groups {
            let fs = d.findings.filter { $0.outcome == outcome }
            if fs.isEmpty { continue }
            if outcome == .pass && !showPasses { continue }
            out += "\n  " + paint("\(mark) \(label) (\(fs.count))", code) + "\n"
            for f in fs { out += finding(f, detailed: outcome != .pass) }
        }
        let na = d.findings.filter { $0.outcome == .notApplicable }
        if !na.isEmpty {
            out += "\n  – 不适用 n/a: " + na.map { $0.rule + ($0.subject.map { " \($0)" } ?? "") }.joined(separator: ", ") + "\n"
        }
        let steps = d.steps
        if !steps.isEmpty {
            out += "\n  " + paint("下一步 next steps", "1") + "\n"
            for s in steps {
                let due = s.due.map { "\($0)" } ?? "（无期限）"
                out += "    \(DisplayWidth.pad(due, to: 12)) \(s.action)  [\(s.rule)]\n"
            }
        }
        return out + "\n"
    }

    func finding(_ f: Finding, detailed: Bool) -> String {
        var s = "    [\(f.level.rawValue)] \(paint(f.rule, "1"))"
        if let subj = f.subject { s += " (\(subj))" }
        s += "  \(f.title)"
        if let v = f.value { s += "  = \(v)" }
        s += "\n"
        if detailed || f.params.contains(where: \.placeholder) {
            if !f.message.isEmpty { s += "        \(f.message)\n" }
            if !f.cites.isEmpty { s += "        依据 cite: \(f.cites.joined(separator: "；"))\n" }
            for p in f.params {
                let flag = p.placeholder ? paint("（占位值 placeholder，非法定）", "33") : ""
                s += "        参数 param: \(p.name) = \(p.value)  来源 \(p.source)\(flag)\n"
            }
            for c in f.changes where detailed {
                s += "        改变结论所需 to change it: \(c)\n"
            }
            for st in f.steps where detailed {
                s += "        → \(st.action)\(st.due.map { "（期限 \($0)）" } ?? "")\n"
            }
        }
        return s
    }

    public func summary(_ sum: Summary, rules: JSONReport.RulesUsed? = nil) -> String {
        var out = paint("汇总 summary", "1") + "\n"
        if let rules { out += "  规则 rules: \(rules.directory)（版本 version \(rules.version)）\n" }
        let rows: [(String, Int)] = [("卷宗 dossiers", sum.dossiers), ("合规 compliant", sum.compliant),
                                     ("不合规 noncompliant", sum.noncompliant), ("待补充 incomplete", sum.incomplete),
                                     ("无法读取 errors", sum.errors)]
        for (k, v) in rows { out += "  \(DisplayWidth.pad(k, to: 22))\(String(v).leftPadded(6))\n" }
        for rule in sum.valueOrder {
            let counts = sum.values[rule] ?? [:]
            let keys = counts.keys.sorted()
            out += "\n  \(rule)\n"
            out += "  " + keys.map { "| " + $0.leftPadded(5) + " " }.joined() + "| total |\n"
            out += "  " + keys.map { _ in "|-------" }.joined() + "|-------|\n"
            out += "  " + keys.map { "| " + String(counts[$0] ?? 0).leftPadded(5) + " " }.joined()
                + "| " + String(counts.values.reduce(0, +)).leftPadded(5) + " |\n"
        }
        return out
    }
}

extension String {
    public func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(self))) + self
    }
}
