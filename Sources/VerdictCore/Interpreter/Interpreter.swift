/// Evaluates a checked program against one dossier. Not shared between threads: make
/// one per dossier (the program and the compiled XPath are shared, read-only).
public final class Interpreter {
    public let program: Program
    public let source: FactSource
    public let asOf: CivilDate
    /// This evaluation's parameter values (`--param`); the program's own where none is given.
    public let params: ParamValues

    /// Parameters, facts and definitions computed so far, by `Program.globals` position.
    var globalCache: [CacheEntry?]
    var fieldCache: [FieldKey: Value] = [:]
    /// Per field access site: the shape last seen there, its field and the dossier's key for
    /// the attribute (an inline cache: a site nearly always sees one shape).
    var fieldSites: [FieldBinding?]

    final class FieldBinding {
        let shape: String
        let decl: FieldDecl
        let key: AttributeKey
        /// The field name's number in `fieldNumbers` (the `fieldCache` key's second half).
        let number: UInt32
        /// A `decimal` attribute: read from its bytes when it is a short plain decimal.
        let decimal: Bool
        /// Kept in `fieldCache` when no trace is recorded: elements found by a path only.
        let kept: Bool
        /// A text or one-of attribute (optional or not): its value is the attribute as written
        /// (`Interpreter.convert`), read without going through the general conversion.
        let plainText: Bool
        init(shape: String, decl: FieldDecl, key: AttributeKey, number: UInt32) {
            self.shape = shape
            self.decl = decl
            self.key = key
            self.number = number
            switch decl.type {
            case .number, .optional(.number): decimal = decl.path == nil
            default: decimal = false
            }
            kept = decl.path != nil
            func isText(_ t: TypeRef) -> Bool {
                switch t {
                case .text, .enumeration: return true
                case .optional(let inner): return isText(inner)
                default: return false
                }
            }
            plainText = decl.path == nil && isText(decl.type)
        }
    }
    var callCache: [CallKey: CacheEntry] = [:]
    /// Per-element memos (`ItemMemo`) by meaning and shape, and per place the one last used
    /// there (an inline cache, like `fieldSites`).
    var memos: [ItemMemo] = []
    var memoTables: [MemoKey: Int] = [:]
    var memoSites: [MemoSite?]
    /// `source.elementCount`, asked once.
    let elementCount: Int
    struct MemoKey: Hashable {
        let key: Int
        let shape: String
    }
    /// Each field name read so far, numbered (a `FieldKey` holds the number, not the name).
    var fieldNumbers: [String: UInt32] = [:]
    /// Short decimals read, by field number (`DecimalMemo`; read and changed in place).
    var decimalMemos: [DecimalMemo] = []

    /// A computed definition with what it depended on (a reference: cheap to look up).
    final class CacheEntry {
        let value: Value
        let deps: Dependencies
        /// Depends on no parameter and carries no trace or basis: reading it again merges nothing.
        /// (Most definitions: `register`, `total-area`, a call of `counted-ballots`.)
        let dependsOnNothing: Bool
        init(_ value: Value, _ deps: Dependencies) {
            self.value = value
            self.deps = deps
            dependsOnNothing = deps.isEmpty
        }
    }
    var ruleCache: [String: [Finding]] = [:]
    var rulesInProgress: Set<String> = []
    var deps = Dependencies()
    /// The rule-local definitions of the rules being decided (a stack: rule references nest).
    var frames: [LocalFrame] = []

    /// A rule's own `let`s (by position: `NameRef.ruleLocal`), evaluated lazily in the
    /// item's scope; those evaluated become its facts.
    final class LocalFrame {
        let lets: [LetDecl]
        let env: Env
        var values: [Value?]
        var inProgress: [Bool]
        /// Per `let`, the meaning it shares with other rules' (`SharedLets`), and the item
        /// (element and shape) those values are kept for; nil when nothing is shared.
        var shared: [Int?] = []
        var item: (node: UInt, shape: String)?
        init(_ lets: [LetDecl], env: Env) {
            self.lets = lets
            self.env = env
            values = Array(repeating: nil, count: lets.count)
            inProgress = Array(repeating: false, count: lets.count)
        }
    }
    /// A shared rule-local value: the meaning's number and the item it was computed for.
    struct SharedLetKey: Hashable {
        let meaning: Int
        let node: UInt
        let shape: String
    }
    var sharedLetValues: [SharedLetKey: Value] = [:]
    /// Record every fact read, value and comparison (for `explain`); off for `check`.
    public var recordTrace = false
    /// Keep lookups and tests per element (`ItemMemo`); off only to compare with it on.
    var memoize = true
    /// How many `distinct`s were told apart by found elements (`distinctByFound`; for tests).
    var distinctsByFound = 0
    /// Where `eval` moves to a fresh stack segment (`StackSegments`); set for the thread that
    /// calls in at each public entry.
    var stackFloor: UInt = StackSegments.floorOfCurrentThread()

    /// An element and a field name's number (`fieldNumbers`): 16 bytes, no string hashed or
    /// compared on the hottest path. (An open-addressing table tried in place of the
    /// dictionary cost more: callgrind, docs/performance.md.)
    struct FieldKey: Hashable {
        let node: UInt
        let field: UInt32
    }

    /// A one-argument definition call (`Program.globals` position), memoised by the argument's value.
    struct CallKey: Hashable {
        enum Argument: Hashable {
            case node(UInt), text(String), number(Rational), date(Int)
        }
        let definition: Int
        let argument: Argument
    }

    /// What a value was computed from: parameters, for the finding's `params`.
    struct Dependencies {
        var params: [String] = []
        var traces: [TraceEvent] = []
        /// Definitions (`Program.globals` positions) and calls already merged in, so a value
        /// used many times is traced once.
        var lets: Set<Int> = []
        var calls: Set<CallKey> = []
        var isEmpty: Bool { params.isEmpty && traces.isEmpty && lets.isEmpty && calls.isEmpty }
        mutating func merge(_ o: Dependencies) {
            for p in o.params where !params.contains(p) { params.append(p) }
            traces.append(contentsOf: o.traces)
            lets.formUnion(o.lets)
            calls.formUnion(o.calls)
        }
    }

    public init(program: Program, source: FactSource, asOf: CivilDate, params: ParamValues = .shipped) {
        self.program = program
        self.source = source
        self.asOf = asOf
        self.params = params
        globalCache = Array(repeating: nil, count: program.globals.count)
        fieldSites = Array(repeating: nil, count: program.fieldSiteCount)
        memoSites = Array(repeating: nil, count: program.memoSiteCount)
        elementCount = max(0, source.elementCount)
    }

    /// Every finding of every rule, in rule declaration order.
    public func run(only ids: [String]? = nil) -> [Finding] {
        stackFloor = StackSegments.floorOfCurrentThread()
        var out: [Finding] = []
        for id in ids ?? program.ruleOrder { out.append(contentsOf: findings(of: id)) }
        return out
    }

    public func findings(of id: String) -> [Finding] {
        stackFloor = StackSegments.floorOfCurrentThread()
        if let f = ruleCache[id] { return f }
        guard !rulesInProgress.contains(id) else { return [] }  // cycles are rejected by the checker
        rulesInProgress.insert(id)
        let saved = deps
        deps = Dependencies()
        let result = evaluateRule(id)
        deps = saved
        rulesInProgress.remove(id)
        ruleCache[id] = result
        return result
    }

    /// The value of a parameterless definition, parameter or fact (for drafts).
    public func value(of name: String) -> Value {
        stackFloor = StackSegments.floorOfCurrentThread()
        if name == "as-of" { return .date(asOf) }
        guard let i = program.globalIndex[name] else { return .unknown("unknown name \(name)") }
        return global(i)
    }

    /// A field of a dossier element (for drafts).
    public func field(of node: FactNode, shape: String, _ name: String) -> Value {
        stackFloor = StackSegments.floorOfCurrentThread()
        return field(.node(node, shape: shape), name, Expr(.absent, .none), site: -1)
    }

    func sourceText(_ span: Span) -> String {
        guard span.file >= 0, span.file < program.files.count else { return "?" }
        return program.files[span.file].slice(span)
    }

    func where_(_ node: FactNode) -> String { "\(source.path):\(source.line(of: node))" }
}
