/// XPath, shape fields and rules against the dossier schema.
extension Linter {
    /// Element names an XPath steps through, attribute names it reads, and each branch's last element.
    static func names(inXPath p: String) -> (elements: [String], attributes: [String], last: [String]) {
        var elements: [String] = [], attributes: [String] = [], last: [String] = []
        for branch in p.split(separator: "|") {
            var branchLast: String?
            var i = branch.startIndex
            while i < branch.endIndex {
                let c = branch[i]
                if c == "'" || c == "\"" {  // skip literals
                    i = branch[branch.index(after: i)...].firstIndex(of: c).map { branch.index(after: $0) } ?? branch.endIndex
                    continue
                }
                if c.isLetter || c == "_" || c == "@" {
                    let isAttribute = c == "@"
                    var j = isAttribute ? branch.index(after: i) : i
                    let start = j
                    while j < branch.endIndex, branch[j].isLetter || branch[j].isNumber || "-_.".contains(branch[j]) { j = branch.index(after: j) }
                    let name = String(branch[start..<j])
                    let next = branch[j...].first { $0 != " " }
                    let isFunctionOrAxis = next == "(" || branch[j...].hasPrefix("::")
                    let keywords: Set<String> = ["and", "or", "div", "mod"]
                    if !name.isEmpty, !isFunctionOrAxis, !keywords.contains(name) {
                        if isAttribute { attributes.append(name) } else {
                            elements.append(name)
                            // A name inside a predicate is not the step's element.
                            if !Linter.insidePredicate(branch, i) { branchLast = name }
                        }
                    }
                    i = j
                    continue
                }
                i = branch.index(after: i)
            }
            if let branchLast { last.append(branchLast) }
        }
        return (elements, attributes, last)
    }

    static func insidePredicate(_ s: Substring, _ at: Substring.Index) -> Bool {
        var depth = 0
        for c in s[..<at] {
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
        }
        return depth > 0
    }

    mutating func paths(_ schema: Schema) {
        var elementsOfShape: [String: Set<String>] = [:]
        func shapeName(_ t: TypeRef) -> String? {
            switch t {
            case .shape(let s): return s
            case .list(let e), .optional(let e): return shapeName(e)
            default: return nil
            }
        }
        func checkPath(_ p: String, _ span: Span, shape: String?) {
            let (els, attrs, last) = Linter.names(inXPath: p)
            for e in els where !schema.elements.contains(e) {
                let s = FuzzyMatch.suggestion(for: e, among: Array(schema.elements))
                report(.unknownSchemaName, span, "XPath `\(p)` names element `\(e)`, which the dossier schema does not have",
                       help: s.map { "did you mean `\($0)`?" } ?? "see schema/dossier.xsd")
            }
            let allAttributes = schema.attributes.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            for a in attrs where !allAttributes.contains(a) {
                let s = FuzzyMatch.suggestion(for: a, among: Array(allAttributes))
                report(.unknownSchemaName, span, "XPath `\(p)` reads attribute `@\(a)`, which no element of the dossier schema has",
                       help: s.map { "did you mean `@\($0)`?" } ?? "see schema/dossier.xsd")
            }
            if let shape { for l in last { elementsOfShape[shape, default: []].insert(l) } }
        }
        for f in program.facts.values { checkPath(f.path, f.pathSpan, shape: shapeName(f.type)) }
        for s in program.shapes.values {
            for f in s.fields { if let p = f.path, let ps = f.pathSpan { checkPath(p, ps, shape: shapeName(f.type)) } }
        }
        for (shapeName, elements) in elementsOfShape {
            guard let shape = program.shapes[shapeName] else { continue }
            for f in shape.fields where f.path == nil {
                let missing = elements.filter { schema.elements.contains($0) && !(schema.attributes[$0]?.contains(f.name) ?? false) }
                if !missing.isEmpty {
                    let candidates = missing.flatMap { Array(schema.attributes[$0] ?? []) }
                    let s = FuzzyMatch.suggestion(for: f.name, among: candidates)
                    report(.fieldNotInSchema, f.span, "field `\(f.name)` of shape `\(shapeName)` is not an attribute of <\(missing.sorted().joined(separator: ">, <"))> in the dossier schema",
                           help: s.map { "did you mean `\($0)`?" } ?? "fields are read from attributes of the same name")
                }
            }
        }
    }

    /// Rules whose `applies when` is false, whose every branch is `n/a`, or whose items
    /// come from elements their dossier kinds cannot contain.
    mutating func neverApplying() {
        for r in allRules {
            if let a = r.applies, case .bool(false) = a.kind {
                report(.neverApplies, a.span, "rule `\(r.id)` never applies: `applies when false`")
            }
            if r.body.branches.allSatisfy({ $0.outcome == .notApplicable }) {
                report(.neverApplies, r.idSpan, "rule `\(r.id)` can only find n/a", help: "give it a branch that decides pass, fail or pending")
            }
            guard let schema, !r.kinds.isEmpty, let fe = r.forEach else { continue }
            let facts = factsReached(from: fe.source)
            guard !facts.isEmpty else { continue }
            let allowed = r.kinds.reduce(into: Set<String>()) { $0.formUnion(schema.kindChildren[$1] ?? []) }
            let reachable = facts.contains { f in
                let tops = f.path.split(separator: "|").map { b -> String in
                    let steps = b.split(separator: "/").map { $0.filter { $0 != " " } }
                    return steps.count >= 2 ? String(steps[1].prefix { $0 != "[" }) : ""
                }
                return tops.contains { $0.isEmpty || allowed.contains($0) }
            }
            if !reachable {
                report(.neverApplies, fe.source.span, "rule `\(r.id)` goes through elements that \(r.kinds.joined(separator: " and ")) dossiers cannot contain (\(facts.map(\.path).joined(separator: ", ")))",
                       help: "check the rule's `for … dossiers` and the fact it goes through")
            }
        }
    }

    /// The facts an expression reads, directly or through definitions.
    func factsReached(from e: Expr) -> [FactDecl] {
        var out: [FactDecl] = []
        var seen: Set<Int> = []
        var queue = [e]
        while let x = queue.popLast() {
            ExprWalker.walk(x) { sub in
                let global: Int
                switch sub.kind {
                case .name(_, .global(let i)), .call(_, _, _, .definition(let i)): global = i
                default: return
                }
                guard global < program.globals.count, seen.insert(global).inserted else { return }
                switch program.globals[global] {
                case .fact(let f): out.append(f)
                case .definition(let l): queue.append(contentsOf: Linter.exprs(of: l))
                case .param: break
                }
            }
        }
        return out
    }
}
