import Foundation

/// A dossier as the engine needs it: facts, plus what its root says about it.
public protocol Dossier: FactSource {
    var id: String { get }
    var kind: String { get }
    /// The root's `as-of` attribute as written, if any.
    var asOfText: String? { get }
}

/// What one evaluation takes besides the program and the dossier.
public struct EvaluationInputs: Sendable {
    /// `--as-of` (or a request's date): wins over the dossier's own `as-of`.
    public var asOf: CivilDate?
    public var params: ParamValues
    /// Record trace events (for `explain`, `walk`, drafts); `check` pays nothing without.
    public var trace: Bool

    public init(asOf: CivilDate? = nil, params: ParamValues = .shipped, trace: Bool = false) {
        self.asOf = asOf
        self.params = params
        self.trace = trace
    }
}

/// Where the date a dossier is judged at came from.
public enum AsOfSource: String, Sendable {
    case override = "--as-of"
    case dossier = "dossier"
    case today = "today"
}

/// The one engine: as-of precedence, which rules judge which kind of dossier, parameters
/// per evaluation. Immutable: one value serves any number of dossiers on any thread.
public struct Judge: Sendable {
    public let program: Program

    public init(program: Program) { self.program = program }

    public enum Outcome: Sendable {
        case judged(DossierReport)
        case failed([ReportError])
    }

    /// `--as-of`, else the dossier's `as-of`, else today in Asia/Shanghai; an `as-of` that is
    /// not a date is an error located at the root.
    public func asOf(of dossier: Dossier, _ inputs: EvaluationInputs) -> Result<(CivilDate, AsOfSource), ReportError> {
        if let d = inputs.asOf { return .success((d, .override)) }
        guard let text = dossier.asOfText else { return .success((Judge.todayInShanghai(), .today)) }
        guard let d = CivilDate(iso: Substring(text.trimmingCharacters(in: .whitespaces))) else {
            return .failure(ReportError(file: dossier.path, line: 1, column: nil, message: "attribute 'as-of': '\(text)' is not a date"))
        }
        return .success((d, .dossier))
    }

    /// A rule names the dossier kinds it judges (`for community, firm dossiers`); none: all.
    public func applies(_ rule: String, toKind kind: String) -> Bool {
        guard let decl = program.rules[rule]?.first else { return false }
        return decl.kinds.isEmpty || decl.kinds.contains(kind)
    }

    /// The kinds a rule judges (empty: every kind).
    public func kinds(of rule: String) -> [String] { program.rules[rule]?.first?.kinds ?? [] }

    /// Every rule of the program that judges this kind, in declaration order.
    public func rules(forKind kind: String) -> [String] {
        program.ruleOrder.filter { applies($0, toKind: kind) }
    }

    /// An interpreter over one dossier at its date, with the evaluation's parameters.
    public func interpreter(for dossier: Dossier, _ inputs: EvaluationInputs) -> Result<Interpreter, ReportError> {
        asOf(of: dossier, inputs).map { dated in
            let interpreter = Interpreter(program: program, source: dossier, asOf: dated.0, params: inputs.params)
            interpreter.recordTrace = inputs.trace && traceable
            return interpreter
        }
    }

    /// Every rule for the dossier's kind, judged.
    public func judge(_ dossier: Dossier, _ inputs: EvaluationInputs) -> Outcome {
        switch asOf(of: dossier, inputs) {
        case .failure(let e): return .failed([e])
        case .success(let (date, source)):
            let interpreter = Interpreter(program: program, source: dossier, asOf: date, params: inputs.params)
            interpreter.recordTrace = inputs.trace && traceable
            let findings = interpreter.run(only: rules(forKind: dossier.kind))
            var report = DossierReport(file: dossier.path, id: dossier.id, kind: dossier.kind, asOf: date, findings: findings)
            report.asOfSource = source
            return .judged(report)
        }
    }

    public enum Explained {
        /// The rule's findings with their traces.
        case findings([Finding], asOf: CivilDate)
        /// The rule judges other kinds of dossier (`check` leaves it out of this one's report).
        case notForKind(String, kinds: [String])
        case unknownRule
        case failed(ReportError)
    }

    /// One rule's findings with their full trace, judged exactly as `check` judges them.
    public func explain(_ rule: String, _ dossier: Dossier, _ inputs: EvaluationInputs) -> Explained {
        guard program.rules[rule] != nil else { return .unknownRule }
        guard applies(rule, toKind: dossier.kind) else { return .notForKind(dossier.kind, kinds: kinds(of: rule)) }
        var traced = inputs
        traced.trace = true
        switch interpreter(for: dossier, traced) {
        case .failure(let e): return .failed(e)
        case .success(let i):
            let chain = deepestChain(reachableFrom: rule)
            i.recordTrace = chain <= Judge.maxTracedChain
            var findings = i.findings(of: rule)
            if !i.recordTrace {
                let note = TraceEvent.note("计算过程未记录：定义相互依赖 \(chain) 层，超过可记录的 \(Judge.maxTracedChain) 层 "
                    + "(steps not traced: definitions depend on each other \(chain) deep; a trace keeps chains up to \(Judge.maxTracedChain))")
                for k in findings.indices { findings[k].trace.insert(note, at: 0) }
            }
            return .findings(findings, asOf: i.asOf)
        }
    }

    /// The longest chain of definitions an explanation traces. Each step's trace holds every
    /// step below it, so a trace of a chain n deep holds about n²/2 events: 10,000 deep took
    /// 3.8 GB before it failed. Deeper programs are judged the same, without the steps.
    public static let maxTracedChain = 1_000

    /// Whether an evaluation of every rule may record its steps (see `maxTracedChain`).
    var traceable: Bool { (program.definitionChains.values.max() ?? 0) <= Judge.maxTracedChain }

    /// The longest chain of definitions a rule's judgement can reach: through its own
    /// expressions and the rules whose outcomes it names.
    func deepestChain(reachableFrom rule: String) -> Int {
        var deepest = 0
        var seen: Set<String> = [rule]
        var queue = [rule]
        while let id = queue.popLast() {
            for r in program.rules[id] ?? [] {
                for e in Linter.exprs(of: r) {
                    ExprWalker.walk(e) { sub in
                        switch sub.kind {
                        case .name(let n, _), .call(let n, _, _, _): deepest = max(deepest, program.definitionChains[n] ?? 0)
                        case .ruleRef(_, let other, _, _): if seen.insert(other).inserted { queue.append(other) }
                        default: break
                        }
                    }
                }
            }
        }
        return deepest
    }

    /// Today's date in Asia/Shanghai (UTC+8, no daylight saving).
    public static func todayInShanghai() -> CivilDate {
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400) ?? .epoch
    }
}
