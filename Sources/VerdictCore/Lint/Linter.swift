/// `verdict lint`: checks beyond loading. Rules without a cite, articles nobody cites,
/// parameters without a source, placeholders (listed), unused definitions, decision
/// tables with gaps or overlaps, XPath and fields the schema does not have, rules that
/// can never apply.
public struct Linter {
    public struct Schema {
        public var elements: Set<String>
        public var attributes: [String: Set<String>]
        /// Dossier kind → the elements allowed directly under the root.
        public var kindChildren: [String: Set<String>]
        public init(elements: Set<String>, attributes: [String: Set<String>], kindChildren: [String: Set<String>]) {
            self.elements = elements
            self.attributes = attributes
            self.kindChildren = kindChildren
        }
    }

    let program: Program
    let schema: Schema?
    /// Names used by draft templates (`{{name}}`, `{{#name}}`, `{{name.field}}`).
    let templateNames: Set<String>
    public private(set) var diagnostics: [Diagnostic] = []

    public init(program: Program, schema: Schema?, templateNames: Set<String>) {
        self.program = program
        self.schema = schema
        self.templateNames = templateNames
    }

    mutating func report(_ code: DiagnosticCode, _ span: Span, _ message: String, help: String? = nil) {
        diagnostics.append(Diagnostic(code, span, message, help: help))
    }

    public mutating func run() -> [Diagnostic] {
        citesAndArticles()
        params()
        unused()
        tables()
        if let schema { paths(schema) }
        neverApplying()
        return diagnostics.sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
    }

    // MARK: everything a program says

    var allRules: [RuleDecl] { program.ruleOrder.flatMap { program.rules[$0] ?? [] } }

    static func exprs(of l: LetDecl) -> [Expr] {
        switch l.body {
        case .expr(let e): return [e]
        case .defaulted(let d, _, let ex): return [d] + ex.map(\.0)
        }
    }

    static func exprs(of r: RuleDecl) -> [Expr] {
        var out = [r.applies, r.forEach?.source, r.forEach?.subject, r.value, r.eventDate].compactMap { $0 }
        for body in [r.body, r.whenNone].compactMap({ $0 }) {
            for l in body.lets { out += exprs(of: l) }
            for b in body.branches {
                out += [b.condition, b.message].compactMap { $0 } + b.changes
                for s in b.steps { out += [s.action] + [s.due].compactMap { $0 } }
            }
        }
        return out
    }

    /// Every expression of the program (rules, definitions, parameters, tables, procedures).
    var everyExpression: [Expr] {
        var out: [Expr] = allRules.flatMap(Linter.exprs(of:))
        out += program.lets.values.flatMap(Linter.exprs(of:))
        out += program.params.values.map(\.value)
        for t in program.tables.values {
            for row in t.rows {
                out.append(row.result)
                for c in row.cells { if case .test(_, let e) = c { out.append(e) } }
            }
        }
        for p in program.procedures.values { for s in p.steps { out += [s.condition, s.due].compactMap { $0 } } }
        return out
    }

    // MARK: checks

    mutating func citesAndArticles() {
        var cited: Set<String> = []
        func use(_ c: CiteRef) { cited.insert(c.article) }
        for r in allRules {
            if r.cites.isEmpty {
                report(.missingCite, r.idSpan, "rule `\(r.id)` cites nothing", help: "add `cite ARTICLE` naming the law it encodes")
            }
            r.cites.forEach(use)
            for body in [r.body, r.whenNone].compactMap({ $0 }) {
                for b in body.branches { for s in b.steps { s.cites.forEach(use) } }
                for l in body.lets { if case .defaulted(_, let b, let ex) = l.body { for x in [b] + ex.map(\.1) { if case .cite(let c) = x { use(c) } } } }
            }
        }
        for l in program.lets.values {
            if case .defaulted(_, let b, let ex) = l.body { for x in [b] + ex.map(\.1) { if case .cite(let c) = x { use(c) } } }
        }
        for p in program.procedures.values { for s in p.steps { s.cites.forEach(use) } }
        for a in program.articles.values.sorted(by: { $0.span.start < $1.span.start }) where !cited.contains(a.id) {
            report(.uncitedArticle, a.span, "article `\(a.id)` (\(a.title)) is declared but nothing cites it",
                   help: "cite it from the rule that encodes it, or remove the declaration")
        }
    }

    mutating func params() {
        for p in program.params.values.sorted(by: { $0.span.start < $1.span.start }) {
            if p.source.isEmpty {
                report(.paramWithoutSource, p.span, "parameter `\(p.name)` has no source", help: "add `source \"…\"` saying where the value comes from")
            }
            if p.placeholder {
                report(.placeholder, p.span, "parameter `\(p.name)` is a placeholder (\(p.source)), not law",
                       help: "replace it with the official value when it is known; reports flag every verdict that used it")
            }
        }
        for t in program.tables.values.sorted(by: { $0.span.start < $1.span.start }) where t.placeholder {
            report(.placeholder, t.span, "table `\(t.name)` holds placeholder values (\(t.source ?? "no source")), not law",
                   help: "replace the rows with the official standard when it is known")
        }
    }

    mutating func unused() {
        // What the resolution pass bound each name to: a binder that shares a definition's name
        // is not a use of the definition.
        var used = templateNames
        for u in program.uses {
            switch u.target {
            case .global(let i) where i < program.globals.count: used.insert(program.globals[i].name)
            case .table(let i) where i < program.tableList.count: used.insert(program.tableList[i].name)
            default: break
            }
        }
        // `DOCUMENT-allowed` and `DOCUMENT-refusal` are read by `verdict draft`.
        for n in program.lets.keys where n.hasSuffix("-allowed") || n.hasSuffix("-refusal") { used.insert(n) }
        for (name, l) in program.lets.sorted(by: { $0.value.span.start < $1.value.span.start }) where !used.contains(name) {
            report(.unusedDefinition, l.span, "`\(name)` is defined but never used", help: "remove it, or use it in a rule or template")
        }
        for (name, f) in program.facts.sorted(by: { $0.value.span.start < $1.value.span.start }) where !used.contains(name) {
            report(.unusedDefinition, f.span, "fact `\(name)` is never used")
        }
        for (name, t) in program.tables.sorted(by: { $0.value.span.start < $1.value.span.start }) where !used.contains(name) {
            report(.unusedDefinition, t.span, "table `\(name)` is never used")
        }
        for (name, p) in program.params.sorted(by: { $0.value.span.start < $1.value.span.start }) where !used.contains(name) {
            report(.unusedDefinition, p.span, "parameter `\(name)` is never used")
        }
        var shapesUsed: Set<String> = []
        func mark(_ t: TypeRef) {
            switch t {
            case .shape(let s): shapesUsed.insert(s)
            case .list(let e), .optional(let e): mark(e)
            default: break
            }
        }
        program.facts.values.forEach { mark($0.type) }
        program.shapes.values.forEach { $0.fields.forEach { mark($0.type) } }
        program.lets.values.forEach { $0.params.forEach { mark($0.type) } }
        for (name, s) in program.shapes.sorted(by: { $0.value.span.start < $1.value.span.start }) where !shapesUsed.contains(name) {
            report(.unusedDefinition, s.span, "shape `\(name)` is never used")
        }
    }
}
