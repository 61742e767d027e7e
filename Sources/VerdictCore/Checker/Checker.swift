/// Static checks when rules load: unknown names (with "did you mean"), type errors,
/// arity, invalid XPath, duplicate ids, cites without an article, cycles.
struct Checker {
    public let program: Program
    /// Validates an XPath; returns an error message, or nil when it compiles.
    let validateXPath: (String) -> String?
    public internal(set) var diagnostics: [Diagnostic] = []
    var globalTypes: [String: ValueType] = [:]
    var letTypesInProgress: Set<String> = []
    /// The result type of each definition with parameters, typed once from its declared
    /// parameter types (typing it again at every call was exponential in a chain of calls).
    var functionTypes: [String: ValueType] = [:]

    public init(program: Program, validateXPath: @escaping (String) -> String?) {
        self.program = program
        self.validateXPath = validateXPath
    }

    mutating func report(_ code: DiagnosticCode, _ span: Span, _ message: String, help: String? = nil) {
        diagnostics.append(Diagnostic(code, span, message, help: help))
    }

    struct Scope {
        var locals: [String: ValueType] = [:]
        var inRule: Bool = false
    }

    public mutating func check() -> [Diagnostic] {
        if !checkChains() { return diagnostics }
        checkShapes()
        for f in program.facts.values.sorted(by: { $0.span.start < $1.span.start }) { checkFact(f) }
        for p in program.params.values { globalTypes[p.name] = typeOf(p.value, Scope()) }
        checkParameterTypes()
        for t in program.tables.values { checkTable(t) }
        for l in program.lets.values.sorted(by: { $0.name < $1.name }) { _ = letType(l.name) }
        checkCycles()
        for id in program.ruleOrder {
            for r in program.rules[id] ?? [] { checkRule(r) }
            checkVersions(id)
        }
        checkRuleRefCycles()
        for p in program.procedures.values {
            for s in p.steps {
                if let r = s.rule, program.rules[r] == nil {
                    let sugg = FuzzyMatch.suggestion(for: r, among: program.ruleOrder)
                    report(.unknownRule, s.span, "unknown rule `\(r)` in procedure `\(p.name)`",
                           help: sugg.map { "did you mean `\($0)`?" })
                }
                if let c = s.condition { expect(.boolean, c, Scope(), "a step's `done when` condition") }
                if let d = s.due { expect(.date, d, Scope(), "a step's `due`") }
                for c in s.cites { checkCite(c) }
            }
        }
        return diagnostics
    }

    // MARK: shapes and facts

    mutating func checkShapes() {
        for s in program.shapes.values {
            var seen: Set<String> = []
            for f in s.fields {
                if !seen.insert(f.name).inserted {
                    report(.duplicateName, f.span, "field `\(f.name)` is declared twice in shape `\(s.name)`")
                }
                var isNode = nodeShape(of: f.type) != nil
                if let shape = nodeShape(of: f.type), program.shapes[shape] == nil {
                    reportUnknownShape(shape, f.span)
                    isNode = false  // most likely a misspelt attribute type: no follow-on `at` error
                }
                if isNode && f.path == nil {
                    report(.expected, f.span, "field `\(f.name)` holds `\(s.name)` children but says nowhere where they are",
                           help: "add the XPath relative to the \(s.name): `\(f.name): \(describeType(f.type)) at \"child\"`")
                }
                if let p = f.path, let ps = f.pathSpan {
                    if isNode { checkXPath(p, ps) } else {
                        report(.unexpectedToken, ps, "field `\(f.name)` is an attribute; only element fields take `at \"…\"`",
                               help: "attributes are read by name: remove `at \"…\"`")
                    }
                }
            }
        }
    }

    func describeType(_ t: TypeRef) -> String {
        switch t {
        case .list(let e): return "list of \(describeType(e))"
        case .optional(let e): return "optional \(describeType(e))"
        case .shape(let s): return s
        default: return "\(ValueType.from(t))"
        }
    }

    func nodeShape(of t: TypeRef) -> String? {
        switch t {
        case .shape(let s): return s
        case .list(let e), .optional(let e): return nodeShape(of: e)
        default: return nil
        }
    }

    /// Type names people write from other languages (and the word Grammar.md §5.1 uses for
    /// the number types), with the type they mean.
    static let typeAliases: [String: (String, String)] = [
        "number": ("decimal", "numbers are written `decimal` (any scale) or `integer` (Grammar.md §5.1)"),
        "numeric": ("decimal", "numbers are written `decimal` (any scale) or `integer` (Grammar.md §5.1)"),
        "float": ("decimal", "numbers are exact: write `decimal` (any scale) or `integer` (Grammar.md §5.1)"),
        "double": ("decimal", "numbers are exact: write `decimal` (any scale) or `integer` (Grammar.md §5.1)"),
        "int": ("integer", "whole numbers are written `integer` (Grammar.md §5.1)"),
        "string": ("text", "text is written `text` (Grammar.md §5.1)"),
        "bool": ("boolean", "truth values are written `boolean` (Grammar.md §5.1)"),
        "period": ("days", "periods are written `days` (Grammar.md §5.1)"),
    ]

    mutating func reportUnknownShape(_ name: String, _ span: Span) {
        if let (type, why) = Checker.typeAliases[name] {
            report(.unknownShape, span, "unknown type `\(name)`; did you mean `\(type)`?", help: why)
            return
        }
        let known = ["text", "decimal", "integer", "date", "boolean", "days"] + Array(program.shapes.keys)
        let s = FuzzyMatch.suggestion(for: name, among: known)
        report(.unknownShape, span, "unknown type `\(name)`", help: s.map { "did you mean `\($0)`?" } ?? "declare it with `shape \(name)`")
    }

    /// Parameters of definitions and tables name their types; an unknown one is reported
    /// here, once, and typed `any` in their bodies so that it causes no other error.
    mutating func checkParameterTypes() {
        let lets = program.lets.values.sorted { $0.span.start < $1.span.start }.map(\.params)
        let tables = program.tables.values.sorted { $0.span.start < $1.span.start }.map(\.params)
        for p in (lets + tables).joined() {
            if let shape = nodeShape(of: p.type), program.shapes[shape] == nil { reportUnknownShape(shape, p.span) }
        }
    }

    func parameterType(_ t: TypeRef) -> ValueType {
        if let shape = nodeShape(of: t), program.shapes[shape] == nil { return .any }
        return ValueType.from(t)
    }

    mutating func checkXPath(_ p: String, _ span: Span) {
        _ = program.pathId(p)
        if let message = validateXPath(p) {
            let help = message.hasPrefix(FactPathSubset.outside) ? FactPathSubset.help : "facts are read with XPath 1.0, e.g. \"/dossier/community/owner\""
            report(.invalidXPath, span, "invalid XPath `\(p)`: \(message)", help: help)
        }
    }

    mutating func checkFact(_ f: FactDecl) {
        guard let shape = nodeShape(of: f.type) else {
            report(.typeMismatch, f.span, "fact `\(f.name)` must hold dossier elements of a shape",
                   help: "write `fact \(f.name): list of SHAPE at \"…\"`; read attributes through the shape's fields")
            globalTypes[f.name] = .any
            return
        }
        if program.shapes[shape] == nil { reportUnknownShape(shape, f.span) }
        checkXPath(f.path, f.pathSpan)
        globalTypes[f.name] = ValueType.from(f.type)
    }

    // MARK: lets, tables

    mutating func letType(_ name: String) -> ValueType {
        if let t = globalTypes[name] ?? functionTypes[name] { return t }
        guard let l = program.lets[name] else { return .any }
        if letTypesInProgress.contains(name) { return .any }  // cycles are reported by checkCycles
        letTypesInProgress.insert(name)
        defer { letTypesInProgress.remove(name) }
        var scope = Scope()
        for p in l.params { scope.locals[p.name] = parameterType(p.type) }
        let t = letBodyType(l, scope)
        if l.params.isEmpty { globalTypes[name] = t } else { functionTypes[name] = t }
        return t
    }

    mutating func letBodyType(_ l: LetDecl, _ scope: Scope) -> ValueType {
        switch l.body {
        case .expr(let e):
            return typeOf(e, scope)
        case .defaulted(let d, let basis, let exceptions):
            var t = typeOf(d, scope)
            checkBasis(basis)
            for (e, b) in exceptions {
                let et = typeOf(e, scope)
                checkBasis(b)
                if let j = t.join(et) { t = j } else {
                    report(.typeMismatch, e.span, "the exception is a \(et), but the default is a \(t)",
                           help: "both must give the same kind of value (e.g. `contract.exit-days days`)")
                }
            }
            return t
        }
    }

    mutating func checkBasis(_ b: Basis) {
        if case .cite(let c) = b { checkCite(c) }
    }

    mutating func checkTable(_ t: TableDecl) {
        var scope = Scope()
        for p in t.params { scope.locals[p.name] = parameterType(p.type) }
        for c in t.columns where scope.locals[c.name] == nil {
            report(.unknownName, c.span, "column `\(c.name)` is not a parameter of table `\(t.name)`",
                   help: "columns name the table's inputs: \(t.params.map(\.name).joined(separator: ", "))")
        }
        var resultType: ValueType?
        for row in t.rows {
            for (i, cell) in row.cells.enumerated() {
                guard case .test(let op, let e) = cell, i < t.columns.count else { continue }
                let colType = scope.locals[t.columns[i].name] ?? .any
                let et = typeOf(e, Scope())
                checkComparison(op, colType, et, e.span)
            }
            let rt = typeOf(row.result, Scope())
            if let r = resultType {
                if r.join(rt) == nil { report(.typeMismatch, row.result.span, "row result is a \(rt), earlier rows give a \(r)") }
            } else {
                resultType = rt
            }
        }
        globalTypes[t.name] = .any  // tables are called, not read
        tableResults[t.name] = resultType ?? .any
    }

    var tableResults: [String: ValueType] = [:]

    // MARK: rules

    mutating func checkCite(_ c: CiteRef) {
        guard let a = program.articles[c.article] else {
            let s = FuzzyMatch.suggestion(for: c.article, among: Array(program.articles.keys))
            report(.unknownArticle, c.span, "cite of undeclared article `\(c.article)`",
                   help: s.map { "did you mean `\($0)`?" } ?? "declare it with `article \(c.article) \"title\"` and its text")
            return
        }
        if let p = c.part, !a.notOnFile, !a.parts.contains(where: { $0.part == p }) {
            let have = a.parts.map { part -> String in
                switch part.part {
                case .paragraph(let n): return "¶\(n)"
                case .section(let l): return "§\"\(l)\""
                }
            }
            report(.unknownParagraph, c.span, "article `\(c.article)` has no such part",
                   help: have.isEmpty ? "the article declares no parts" : "it declares \(have.joined(separator: ", "))")
        }
    }

    mutating func checkRule(_ r: RuleDecl) {
        for c in r.cites { checkCite(c) }
        for k in r.kinds where !["community", "firm", "renovation"].contains(k) {
            let s = FuzzyMatch.suggestion(for: k, among: ["community", "firm", "renovation"])
            report(.unknownName, r.kindsSpan ?? r.idSpan, "unknown dossier kind `\(k)`",
                   help: s.map { "did you mean `\($0)`?" } ?? "kinds are community, firm and renovation")
        }
        var scope = Scope()
        scope.inRule = true
        if let a = r.applies { expect(.boolean, a, scope, "`applies when`") }
        var itemScope = scope
        if let fe = r.forEach {
            let st = typeOf(fe.source, scope)
            var elem = ValueType.any
            if case .list(let e) = st { elem = e } else if st != .any {
                report(.typeMismatch, fe.source.span, "`for each` needs a list, found a \(st)")
            }
            if let d = ReservedName.check(fe.binder.name, fe.binder.span, "a variable") { diagnostics.append(d) }
            itemScope.locals[fe.binder.name] = elem
            if let s = fe.subject { expectText(s, itemScope, "a rule's subject") }
        }
        if let e = r.eventDate { expect(.date, e, itemScope, "the event date after `on`") }
        let bodyScope = checkBody(r.body, itemScope, r)
        if let v = r.value { _ = typeOf(v, bodyScope) }
        if let n = r.whenNone { _ = checkBody(n, scope, r) }
    }

    @discardableResult
    mutating func checkBody(_ body: RuleBody, _ outer: Scope, _ r: RuleDecl) -> Scope {
        var scope = outer
        for l in body.lets {
            if !l.params.isEmpty { report(.unexpectedToken, l.span, "a rule's own `let` takes no parameters", help: "declare it outside the rule") }
            if let d = ReservedName.check(l.name, ReservedName.nameSpan(l.span, l.name), "a rule's own definition") {
                diagnostics.append(d)
            } else if scope.locals[l.name] != nil || globalTypes[l.name] != nil || program.lets[l.name] != nil {
                report(.duplicateName, l.span, "`\(l.name)` is already defined", help: "choose another name")
            }
            scope.locals[l.name] = letBodyType(l, scope)
        }
        for b in body.branches {
            if let c = b.condition { expect(.boolean, c, scope, "a `\(b.outcome.rawValue) when` condition") }
            if let m = b.message { _ = typeOf(m, scope) }
            for c in b.changes { _ = typeOf(c, scope) }
            for s in b.steps {
                _ = typeOf(s.action, scope)
                if let d = s.due { expect(.date, d, scope, "a step's `due`") }
                for c in s.cites { checkCite(c) }
            }
        }
        return scope
    }

    mutating func checkVersions(_ id: String) {
        guard let versions = program.rules[id], versions.count > 1 else { return }
        for i in 0..<versions.count {
            for j in (i + 1)..<versions.count {
                let a = versions[i], b = versions[j]
                let aFrom = a.inForceFrom?.daysSinceEpoch ?? Int.min, aUntil = a.inForceUntil?.daysSinceEpoch ?? Int.max
                let bFrom = b.inForceFrom?.daysSinceEpoch ?? Int.min, bUntil = b.inForceUntil?.daysSinceEpoch ?? Int.max
                if aFrom <= bUntil && bFrom <= aUntil {
                    var other = "elsewhere"
                    if a.idSpan.file >= 0, a.idSpan.file < program.files.count {
                        let f = program.files[a.idSpan.file]
                        let (l, c) = f.location(of: a.idSpan.start)
                        other = "at \(f.path):\(l):\(c)"
                    }
                    report(.duplicateRule, b.idSpan, "rule `\(id)` is declared twice with overlapping dates in force (first \(other))",
                           help: "give each version of a rule its own `in force from … until …` range")
                }
            }
        }
    }

    // MARK: cycles and chains

    /// Definitions and rules may depend on each other only so deep; cycles are reported later.
    mutating func checkChains() -> Bool {
        var lets: [String: [String]] = [:]
        for (n, l) in program.lets {
            var names: [String] = []
            Checker.collectNames(l.body, into: &names)
            lets[n] = names.filter { program.lets[$0] != nil && $0 != n }
        }
        var rules: [String: [String]] = [:]
        for (id, versions) in program.rules {
            var refs: [String] = []
            for r in versions { RuleRefs.collectDirect(r, into: &refs) }
            rules[id] = refs.filter { program.rules[$0] != nil && $0 != id }
        }
        var ok = true
        if hasCycle(lets) == false { program.definitionChains = DepthCheck.chainLengths(lets) }
        if hasCycle(lets) == false, let (len, start) = DepthCheck.longestChain(lets), len > DepthCheck.maxDefinitionChain, let l = program.lets[start] {
            report(.tooDeep, l.span, "definitions depend on each other \(len) deep, starting at `\(start)` (at most \(DepthCheck.maxDefinitionChain))",
                   help: "flatten the chain of `let`s")
            ok = false
        }
        if hasCycle(rules) == false, let (len, start) = DepthCheck.longestChain(rules), len > DepthCheck.maxRuleChain, let r = program.rules[start]?.first {
            report(.tooDeep, r.idSpan, "rules depend on each other's outcomes \(len) deep, starting at `\(start)` (at most \(DepthCheck.maxRuleChain))",
                   help: "refer to fewer rules in a chain")
            ok = false
        }
        return ok
    }

    /// Whether a graph has a cycle (iterative colouring).
    func hasCycle(_ graph: [String: [String]]) -> Bool {
        var state: [String: Int] = [:]
        for root in graph.keys {
            if state[root] != nil { continue }
            var stack: [(String, Int)] = [(root, 0)]
            state[root] = 1
            while let (node, i) = stack.popLast() {
                let next = graph[node] ?? []
                if i < next.count {
                    stack.append((node, i + 1))
                    let n = next[i]
                    if state[n] == 1 { return true }
                    if state[n] == nil { state[n] = 1; stack.append((n, 0)) }
                } else {
                    state[node] = 2
                }
            }
        }
        return false
    }

    mutating func checkCycles() {
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ name: String, _ c: inout Checker) {
            if StackSegments.isLow { return StackSegments.onFreshSegment { _ in visit(name, &c) } }
            if state[name] == 2 { return }
            if state[name] == 1 {
                if let l = c.program.lets[name] {
                    c.report(.cycle, l.span, "`\(name)` is defined in terms of itself: \((path + [name]).joined(separator: " → "))",
                             help: "a definition may not depend on itself")
                }
                return
            }
            state[name] = 1
            if let l = c.program.lets[name] {
                var names: [String] = []
                Checker.collectNames(l.body, into: &names)
                path.append(name)
                for n in names where c.program.lets[n] != nil { visit(n, &c) }
                path.removeLast()
            }
            state[name] = 2
        }
        for name in program.lets.keys.sorted() { visit(name, &self) }
    }

    static func collectNames(_ body: LetBody, into names: inout [String]) {
        switch body {
        case .expr(let e): collectNames(e, into: &names)
        case .defaulted(let d, _, let ex):
            collectNames(d, into: &names)
            for (e, _) in ex { collectNames(e, into: &names) }
        }
    }

    static func collectNames(_ e: Expr, into names: inout [String]) {
        ExprWalker.walk(e) { sub in
            switch sub.kind {
            case .name(let n, _): names.append(n)
            case .call(let n, _, _, _): names.append(n)
            default: break
            }
        }
    }

    mutating func checkRuleRefCycles() {
        var graph: [String: [String]] = [:]
        for (id, versions) in program.rules {
            var refs: [String] = []
            for r in versions { RuleRefs.collect(r, program, into: &refs) }
            graph[id] = refs
        }
        var state: [String: Int] = [:]
        var path: [String] = []
        func visit(_ id: String, _ c: inout Checker) {
            if StackSegments.isLow { return StackSegments.onFreshSegment { _ in visit(id, &c) } }
            if state[id] == 2 { return }
            if state[id] == 1 {
                if let r = c.program.rules[id]?.first {
                    c.report(.cycle, r.idSpan, "rule `\(id)` depends on its own outcome: \((path + [id]).joined(separator: " → "))")
                }
                return
            }
            state[id] = 1
            path.append(id)
            for n in graph[id] ?? [] where c.program.rules[n] != nil { visit(n, &c) }
            path.removeLast()
            state[id] = 2
        }
        for id in program.ruleOrder { visit(id, &self) }
    }
}

/// Rule ids that a rule's outcome depends on (directly or through definitions).
enum RuleRefs {
    /// Rule ids a rule names directly (not through definitions).
    static func collectDirect(_ r: RuleDecl, into refs: inout [String]) {
        for e in Linter.exprs(of: r) {
            ExprWalker.walk(e) { sub in if case .ruleRef(_, let id, _, _) = sub.kind { refs.append(id) } }
        }
    }

    static func collect(_ r: RuleDecl, _ p: Program, into refs: inout [String]) {
        var seenLets: Set<String> = []
        var queue = Linter.exprs(of: r)
        while let e = queue.popLast() {
            ExprWalker.walk(e) { sub in
                switch sub.kind {
                case .ruleRef(_, let id, _, _): refs.append(id)
                case .name(let n, _), .call(let n, _, _, _):
                    if let l = p.lets[n], seenLets.insert(n).inserted { queue.append(contentsOf: Linter.exprs(of: l)) }
                default: break
                }
            }
        }
    }
}

/// Visits every sub-expression (pre-order).
enum ExprWalker {
    public static func walk(_ e: Expr, _ visit: (Expr) -> Void) {
        var stack = [e]
        while let cur = stack.popLast() {
            visit(cur)
            stack.append(contentsOf: children(cur))
        }
    }

    public static func children(_ e: Expr) -> [Expr] {
        switch e.kind {
        case .number, .percent, .date, .bool, .outcome, .absent, .asOf, .name: return []
        case .string(let parts): return parts.compactMap { if case .interpolation(let x) = $0 { return x }; return nil }
        case .field(let x, _, _, _), .negate(let x), .not(let x), .isAbsent(let x, _), .exists(let x), .period(let x, _): return [x]
        case .lookup(let a, let b), .binary(_, let a, let b): return [a, b]
        case .call(_, let args, _, _): return args
        case .conditional(let a, let b, let c): return [a, b, c]
        case .filter(_, let s, let w): return [s] + [w].compactMap { $0 }
        case .map(let body, _, let s, let w): return [body, s] + [w].compactMap { $0 }
        case .list(let xs): return xs
        case .aggregate(_, _, let s, let w, let b): return [s] + [w, b].compactMap { $0 }
        case .quantifier(_, _, let s, let w, let b): return [s, b] + [w].compactMap { $0 }
        case .pick(_, _, let s, let w, let k): return [s, k] + [w].compactMap { $0 }
        case .distinct(_, let s, let k, _), .index(_, let s, let k): return [s, k]
        case .ruleRef(_, _, _, let s): return [s].compactMap { $0 }
        case .sort(_, let s, let k, _): return [s, k]
        case .fewest(_, let s, let k, let a): return [s, k, a]
        case .memo(let x, _, _, _): return [x]
        }
    }
}
