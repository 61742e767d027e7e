/// A procedure followed through one dossier: each step's status, from the findings of
/// its rule (or its `done when` condition), in order.
public struct Walkthrough: Sendable {
    public enum Status: String, Sendable {
        case done, pending, overdue, failed, blocked, notApplicable = "n/a", unknown, advised

        public var label: String {
            switch self {
            case .done: return "已完成 done"
            case .pending: return "待办 pending"
            case .overdue: return "逾期 overdue"
            case .failed: return "未通过 failed"
            case .blocked: return "受阻于前一步 blocked by an earlier step"
            case .notApplicable: return "不适用 n/a"
            case .unknown: return "无法判断 unknown"
            case .advised: return "建议适用 advice applies"
            }
        }
    }

    public struct Step: Sendable {
        public var number: Int
        public var title: String
        public var rule: String?
        public var status: Status
        public var due: CivilDate?
        public var findings: [Finding]
        public var law: [(cite: String, text: String?)]
        /// What the dossier shows, without the verdict (for trainees): the facts a question
        /// needs, labelled in Chinese (`FactLabels`), never one that reveals the answer.
        public var evidence: [Evidence]
        public var next: [Finding.Step]
    }

    /// One fact shown to trainees: `[n1] 解聘通知送达日：2025-06-01`.
    public struct Evidence: Sendable, Equatable {
        public var subject: String?
        public var label: String
        public var value: String

        public var line: String { (subject.map { "[\($0)] " } ?? "") + "\(label)：\(value.isEmpty ? "（无）" : value)" }
    }

    public var procedure: ProcedureDecl
    public var asOf: CivilDate
    public var steps: [Step]

    /// Judges every step. `interpreter` evaluates rules and conditions on the dossier.
    public init(procedure: ProcedureDecl, interpreter: Interpreter) {
        self.procedure = procedure
        asOf = interpreter.asOf
        let program = interpreter.program
        let stepRules = Set(procedure.steps.compactMap(\.rule))
        var out: [Step] = []
        var earlierOpen = false
        var earlierNotYet = false
        for (i, decl) in procedure.steps.enumerated() {
            var status: Status
            var findings: [Finding] = []
            var evidence: [Evidence] = []
            var due: CivilDate?
            var cites = decl.cites
            if let r = decl.rule {
                findings = interpreter.findings(of: r).filter { $0.outcome != .notApplicable }
                cites += program.rules[r]?.first?.cites ?? []
                status = Walkthrough.status(of: findings, asOf: interpreter.asOf)
                due = findings.flatMap { $0.steps.compactMap(\.due) }.min()
                evidence = Walkthrough.evidence(of: r, findings, besides: stepRules, interpreter)
            } else if let c = decl.condition {
                switch interpreter.evaluate(c) {
                case .boolean(true): status = .done
                case .boolean(false): status = .pending
                default: status = .unknown
                }
                evidence = Walkthrough.evidence(of: c, interpreter)
            } else {
                status = .unknown
            }
            if let d = decl.due, case .date(let date) = interpreter.evaluate(d) {
                due = date
                if status == .pending && interpreter.asOf > date { status = .overdue }
            }
            if status == .notApplicable && earlierOpen { status = .blocked }
            if status == .pending && earlierOpen && decl.rule == nil { status = .blocked }
            // A step cannot be done before an earlier one has happened (a fee claim judged
            // while the contract has not ended yet): as of A it waits for that step.
            if status == .done && earlierNotYet { status = .blocked }
            if status != .done && status != .notApplicable && status != .advised { earlierOpen = true }
            if [.pending, .blocked, .unknown].contains(status) { earlierNotYet = true }
            out.append(Step(number: i + 1, title: decl.title, rule: decl.rule, status: status, due: due, findings: findings,
                            law: cites.map { (program.citeText($0), program.citedText($0)) }, evidence: evidence,
                            next: findings.flatMap(\.steps)))
        }
        steps = out
    }

    /// The facts of a rule's findings, and of the findings of rules it refers to that are
    /// not steps themselves (the vote counts behind `dismissal.resolution`), kept to evidence.
    static func evidence(of rule: String, _ findings: [Finding], besides stepRules: Set<String>, _ interpreter: Interpreter) -> [Evidence] {
        var refs: [String] = []
        if let decl = interpreter.program.rules[rule]?.first { RuleRefs.collectDirect(decl, into: &refs) }
        var sources = findings
        for r in interpreter.program.ruleOrder where refs.contains(r) && !stepRules.contains(r) {
            sources += interpreter.findings(of: r).filter { $0.outcome != .notApplicable }
        }
        var out: [Evidence] = []
        for f in sources {
            for (name, value) in f.facts where FactLabels.isEvidence(name, rule: f.rule) {
                let e = Evidence(subject: f.subject, label: FactLabels.text(name, rule: f.rule), value: value)
                if !out.contains(e) { out.append(e) }
            }
        }
        return out
    }

    /// The definitions a `done when` condition reads, with their values.
    static func evidence(of condition: Expr, _ interpreter: Interpreter) -> [Evidence] {
        var found: [(String, Int)] = []
        ExprWalker.walk(condition) { e in
            if case .name(let n, _) = e.kind, !found.contains(where: { $0.0 == n }),
               interpreter.program.lets[n].map({ $0.params.isEmpty }) ?? false {
                found.append((n, e.span.start))
            }
        }
        let names = found.sorted { $0.1 < $1.1 }.map(\.0)
        return names.filter { FactLabels.isEvidence($0) }.map { n in
            let v = interpreter.value(of: n)
            let text: String
            switch v {
            case .absent: text = "（无）"
            case .unknown(let r): text = "未知：\(r)"
            default: text = Display.text(v, interpreter.source)
            }
            return Evidence(subject: nil, label: FactLabels.text(n), value: text)
        }
    }

    static func status(of findings: [Finding], asOf: CivilDate) -> Status {
        if findings.isEmpty { return .notApplicable }
        if findings.allSatisfy({ $0.level == .advice }), findings.contains(where: { $0.outcome == .fail }) { return .advised }
        if let f = findings.first(where: { $0.outcome == .fail }) {
            return f.steps.contains { ($0.due.map { $0 < asOf }) ?? false } ? .overdue : .failed
        }
        if findings.contains(where: { $0.outcome == .unknown }) { return .unknown }
        if findings.contains(where: { $0.outcome == .pending }) { return .pending }
        return .done
    }
}

extension Interpreter {
    /// Evaluates an expression with no local bindings (procedure conditions).
    public func evaluate(_ e: Expr) -> Value { eval(e, [:]) }
}
