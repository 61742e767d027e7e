/// Generates the mutants of a loaded program from its syntax tree: each is a small edit of
/// one rule file's text at a node's span, so a mutant is loaded and checked exactly as the
/// rule writer's own text would be. Only what can reach a finding is mutated: rules, and the
/// definitions, tables and parameters some rule uses. Message, step and `change` texts are
/// not (their interpolations only display values computed elsewhere); step `due` dates are.
public struct MutantGenerator {
    let program: Program
    let tokens: [[Token]]
    let notes: EquivalenceNotes
    let reach: RuleReach
    var out: [Mutant] = []
    /// The declaration being walked.
    var owner: Mutant.Owner = .rule("")
    var ownerRules: [String] = []
    var ownerArticles: [String] = []
    var ownerKinds: Set<String> = []

    init(program: Program) {
        self.program = program
        tokens = program.files.enumerated().map { i, f in
            var lexer = Lexer(file: f, fileIndex: i)
            return lexer.tokenize()
        }
        notes = EquivalenceNotes(files: program.files)
        reach = RuleReach(program)
    }

    /// Every mutant of the program, in file and text order, numbered from 1.
    public static func mutants(of program: Program) -> [Mutant] {
        var g = MutantGenerator(program: program)
        g.generate()
        var all = g.out.sorted { ($0.span.file, $0.span.start, $0.span.end, $0.replacement) < ($1.span.file, $1.span.start, $1.span.end, $1.replacement) }
        for i in all.indices { all[i].id = i + 1 }
        return all
    }

    mutating func generate() {
        for id in program.ruleOrder {
            for r in program.rules[id] ?? [] { rule(r) }
        }
        for decl in program.declarationOrder {
            switch decl {
            case .let(let l): if enter(.definition(l.name)) { letBody(l.body) }
            case .table(let t): if enter(.table(t.name)) { table(t) }
            case .param(let p): if enter(.param(p.name)) { expr(p.value) }
            default: break
            }
        }
    }

    /// Starts a declaration; false when no rule can see it (drafts and procedures only).
    mutating func enter(_ o: Mutant.Owner) -> Bool {
        owner = o
        ownerRules = reach.rules(affectedBy: o)
        guard !ownerRules.isEmpty else { return false }
        ownerKinds = reach.kinds(of: ownerRules)
        ownerArticles = reach.articles(of: ownerRules)
        return true
    }

    mutating func rule(_ r: RuleDecl) {
        _ = enter(.rule(r.id))
        ownerArticles = r.cites.map(program.citeText)
        if let a = r.applies {
            expr(a)
            if let kw = lastToken(before: a.span.start, in: a.span.file, where: { $0 == .keyword(.applies) }) {
                add(.applies, Span(file: a.span.file, start: kw.span.start, end: a.span.end), "")
            }
        }
        for e in [r.forEach?.source, r.forEach?.subject, r.value, r.eventDate].compactMap({ $0 }) { expr(e) }
        for body in [r.body, r.whenNone].compactMap({ $0 }) {
            for l in body.lets { letBody(l.body) }
            for b in body.branches {
                if let c = b.condition { expr(c) }
                for s in b.steps { if let d = s.due { expr(d) } }
                if body.branches.count > 1 { add(.branch, b.span, "") }
            }
        }
    }

    mutating func letBody(_ body: LetBody) {
        switch body {
        case .expr(let e): expr(e)
        case .defaulted(let d, _, let exceptions):
            expr(d)
            for (e, basis) in exceptions {
                expr(e)
                guard let kw = lastToken(before: e.span.start, in: e.span.file, where: { $0 == .keyword(.unless) }) else { continue }
                let end: Int?
                switch basis {
                case .cite(let c): end = c.span.end
                case .text: end = firstToken(from: e.span.end, in: e.span.file, where: { $0 == .string })?.span.end
                }
                if let end { add(.exception, Span(file: e.span.file, start: kw.span.start, end: end), "") }
            }
        }
    }

    mutating func table(_ t: TableDecl) {
        let f = t.span.file
        let firstRow = t.rows.first?.span.start ?? t.span.end
        if let hit = firstToken(from: t.span.end, in: f, where: { $0 == .keyword(.first) || $0 == .keyword(.unique) }),
           hit.span.end <= firstRow {
            add(.hitPolicy, hit.span, hit.kind == .keyword(.first) ? "unique" : "first",
                proved: rowsExclusive(t) ? "every two rows test some column for different constants: no input matches two rows, so first and unique hit agree" : nil)
        }
        for row in t.rows {
            for cell in row.cells {
                guard case .test(let op, let e) = cell else { continue }
                if let tok = lastToken(before: e.span.start, in: f, where: { _ in true }), tok.kind == .punct(op.rawValue) {
                    for alt in MutantGenerator.swaps[op] ?? [] { add(MutantGenerator.operatorKind(op), tok.span, alt.rawValue) }
                }
                expr(e)
            }
            expr(row.result)
            if t.rows.count > 1 { add(.tableRow, row.span, "") }
        }
    }

    /// `proved`: why the mutant cannot change a finding, when the generator can tell.
    /// Whether no input can match two rows: each pair of rows has a column whose cells are
    /// `= a` and `= b` with different literal constants.
    func rowsExclusive(_ t: TableDecl) -> Bool {
        let file = program.files[t.span.file]
        func constant(_ c: TableDecl.Cell) -> String? {
            guard case .test(.eq, let e) = c else { return nil }
            switch e.kind {
            case .string(let parts) where parts.allSatisfy({ if case .literal = $0 { return true }; return false }): return file.slice(e.span)
            case .number, .date, .bool: return file.slice(e.span)
            default: return nil
            }
        }
        for i in t.rows.indices {
            for j in t.rows.indices where j > i {
                let apart = zip(t.rows[i].cells, t.rows[j].cells).contains { a, b in
                    guard let x = constant(a), let y = constant(b) else { return false }
                    return x != y
                }
                if !apart { return false }
            }
        }
        return true
    }

    mutating func add(_ op: Mutant.Operator, _ span: Span, _ replacement: String, proved: String? = nil) {
        let file = program.files[span.file]
        let original = file.slice(span)
        guard original != replacement else { return }
        let line = file.location(of: span.start).line
        let marked = notes.reason(file: span.file, line: line, original: original, replacement: replacement)
        out.append(Mutant(id: 0, op: op, span: span, original: original, replacement: replacement,
                          owner: owner, rules: ownerRules, articles: ownerArticles, kinds: ownerKinds,
                          equivalentReason: marked ?? proved.map { "(proved) " + $0 }))
    }

    // MARK: tokens

    func firstToken(from offset: Int, in file: Int, where match: (Token.Kind) -> Bool) -> Token? {
        let ts = tokens[file]
        var i = firstIndex(atOrAfter: offset, ts)
        while i < ts.count {
            if match(ts[i].kind) { return ts[i] }
            i += 1
        }
        return nil
    }

    /// The last token that ends at or before `offset` and matches.
    func lastToken(before offset: Int, in file: Int, where match: (Token.Kind) -> Bool) -> Token? {
        let ts = tokens[file]
        var i = firstIndex(atOrAfter: offset, ts) - 1
        while i >= 0 {
            if ts[i].span.end <= offset, match(ts[i].kind) { return ts[i] }
            i -= 1
        }
        return nil
    }

    /// Tokens whose span lies within `lo..<hi`.
    func tokens(in file: Int, _ lo: Int, _ hi: Int) -> ArraySlice<Token> {
        let ts = tokens[file]
        let a = firstIndex(atOrAfter: lo, ts)
        var b = a
        while b < ts.count, ts[b].span.end <= hi, ts[b].kind != .eof { b += 1 }
        return ts[a..<b]
    }

    func firstIndex(atOrAfter offset: Int, _ ts: [Token]) -> Int {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid].span.start < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
