/// Evaluates a checked program against one dossier. Not shared between threads: make
/// one per dossier (the program and the compiled XPath are shared, read-only).
public final class Interpreter {
    public let program: Program
    public let source: FactSource
    public let asOf: CivilDate

    var globalCache: [String: (Value, Dependencies)] = [:]
    var fieldCache: [FieldKey: Value] = [:]
    var ruleCache: [String: [Finding]] = [:]
    var rulesInProgress: Set<String> = []
    var deps = Dependencies()
    var trace: [TraceEvent] = []
    public var recordTrace = false

    struct FieldKey: Hashable {
        let node: FactNode
        let field: String
    }

    /// What a value was computed from: parameters, for the finding's `params`.
    struct Dependencies {
        var params: [String] = []
        var traces: [TraceEvent] = []
        mutating func merge(_ o: Dependencies) {
            for p in o.params where !params.contains(p) { params.append(p) }
            traces.append(contentsOf: o.traces)
        }
    }

    public init(program: Program, source: FactSource, asOf: CivilDate) {
        self.program = program
        self.source = source
        self.asOf = asOf
    }

    /// Every finding of every rule, in rule declaration order.
    public func run(only ids: [String]? = nil) -> [Finding] {
        var out: [Finding] = []
        for id in ids ?? program.ruleOrder { out.append(contentsOf: findings(of: id)) }
        return out
    }

    public func findings(of id: String) -> [Finding] {
        if let f = ruleCache[id] { return f }
        guard !rulesInProgress.contains(id) else { return [] }  // cycles are rejected by the checker
        rulesInProgress.insert(id)
        let saved = (deps, trace)
        deps = Dependencies()
        trace = []
        let result = evaluateRule(id)
        (deps, trace) = saved
        rulesInProgress.remove(id)
        ruleCache[id] = result
        return result
    }

    func sourceText(_ span: Span) -> String {
        guard span.file >= 0, span.file < program.files.count else { return "?" }
        return program.files[span.file].slice(span)
    }

    func where_(_ node: FactNode) -> String { "\(source.path):\(source.line(of: node))" }
}
