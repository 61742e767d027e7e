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
        /// What the dossier shows, without the verdict (for trainees).
        public var shows: [String]
        public var next: [Finding.Step]
    }

    public var procedure: ProcedureDecl
    public var asOf: CivilDate
    public var steps: [Step]

    /// Judges every step. `interpreter` evaluates rules and conditions on the dossier.
    public init(procedure: ProcedureDecl, interpreter: Interpreter) {
        self.procedure = procedure
        asOf = interpreter.asOf
        let program = interpreter.program
        var out: [Step] = []
        var earlierOpen = false
        for (i, decl) in procedure.steps.enumerated() {
            var status: Status
            var findings: [Finding] = []
            var due: CivilDate?
            var cites = decl.cites
            if let r = decl.rule {
                findings = interpreter.findings(of: r).filter { $0.outcome != .notApplicable }
                cites += program.rules[r]?.first?.cites ?? []
                status = Walkthrough.status(of: findings, asOf: interpreter.asOf)
                due = findings.flatMap { $0.steps.compactMap(\.due) }.min()
            } else if let c = decl.condition {
                switch interpreter.evaluate(c) {
                case .boolean(true): status = .done
                case .boolean(false): status = .pending
                default: status = .unknown
                }
            } else {
                status = .unknown
            }
            if let d = decl.due, case .date(let date) = interpreter.evaluate(d) {
                due = date
                if status == .pending && interpreter.asOf > date { status = .overdue }
            }
            if status == .notApplicable && earlierOpen { status = .blocked }
            if status == .pending && earlierOpen && decl.rule == nil { status = .blocked }
            if status != .done && status != .notApplicable && status != .advised { earlierOpen = true }
            let shows = findings.compactMap { f -> String? in
                let facts = f.facts.filter { !$0.0.contains(".依据") }.prefix(8).map { "\($0.0) = \($0.1)" }.joined(separator: "；")
                return facts.isEmpty ? nil : (f.subject.map { "[\($0)] " } ?? "") + facts
            }
            out.append(Step(number: i + 1, title: decl.title, rule: decl.rule, status: status, due: due, findings: findings,
                            law: cites.map { (program.citeText($0), program.citedText($0)) }, shows: shows,
                            next: findings.flatMap(\.steps)))
        }
        steps = out
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
