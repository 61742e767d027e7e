/// `verdict fmt`: one canonical layout for rule files. Only white space changes:
/// indentation by clause, single spaces between words and operators, aligned table
/// columns, one blank line between declarations. Comments and strings are kept as
/// written. The result is re-parsed and must give the same tree.
public struct Formatter {
    public enum Failure: Error {
        case doesNotParse([Diagnostic])
        case changedMeaning
    }

    /// One source line: its tokens (comments included, as `.comment`) and whether blank lines preceded it.
    struct Line {
        var tokens: [Piece]
        var blankBefore: Bool
    }

    struct Piece {
        enum Kind { case token(Token.Kind), comment }
        var kind: Kind
        var text: String
        var start: Int
        var end: Int
        var isComment: Bool { if case .comment = kind { return true }; return false }
        func isKeyword(_ k: Keyword) -> Bool { if case .token(.keyword(let x)) = kind { return x == k }; return false }
        func isPunct(_ p: String) -> Bool { if case .token(.punct(let x)) = kind { return x == p }; return false }
    }

    public static func format(_ text: String, path: String = "<input>") -> Result<String, Failure> {
        let file = SourceFile(path: path, text: text)
        var parser = Parser(file: file, fileIndex: 0)
        let before = parser.parseFile()
        let errors = parser.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { return .failure(.doesNotParse(errors)) }
        let out = Formatter(file: file).render()
        let again = SourceFile(path: path, text: out)
        var p2 = Parser(file: again, fileIndex: 0)
        let after = p2.parseFile()
        guard p2.diagnostics.filter({ $0.severity == .error }).isEmpty, TreeDump.of(before) == TreeDump.of(after) else {
            return .failure(.changedMeaning)
        }
        return .success(out)
    }

    let file: SourceFile
    var lines: [Line] = []

    init(file: SourceFile) {
        self.file = file
        var lexer = Lexer(file: file, fileIndex: 0)
        var pieces: [Piece] = lexer.tokenize().compactMap { t in
            if case .eof = t.kind { return nil }
            return Piece(kind: .token(t.kind), text: file.slice(t.span), start: t.span.start, end: t.span.end)
        }
        for c in lexer.comments {
            pieces.append(Piece(kind: .comment, text: c.text.trimmingTrailingSpaces(), start: c.span.start, end: c.span.end))
        }
        pieces.sort { $0.start < $1.start }
        var lastStartLine = -1
        var lastEndLine = 0
        for p in pieces {
            let line = file.location(of: p.start).line
            if line == lastStartLine, !lines.isEmpty {
                lines[lines.count - 1].tokens.append(p)
            } else {
                lines.append(Line(tokens: [p], blankBefore: !lines.isEmpty && line > lastEndLine + 1))
                lastStartLine = line
            }
            lastEndLine = file.location(of: p.end).line
        }
    }

    // MARK: layout

    enum Context { case top, article, param, shape, fact, topLet, table, rule, procedure }
    enum RuleStage { case header, decide, noneHeader, noneDecide }

    static let topKeywords: Set<Keyword> = [.article, .document, .param, .shape, .fact, .let, .table, .rule, .procedure]
    static let ruleClauses: Set<Keyword> = [.must, .should, .advice, .cite, .applies, .for, .in, .value, .let, .decide]
    static let outcomes: Set<Keyword> = [.pass, .fail, .pending, .unknown, .otherwise]

    func render() -> String {
        var out: [String] = []
        var context = Context.top
        var stage = RuleStage.header
        var clauseIndent = 0
        var depth = 0  // open brackets carried from previous lines
        var tableRows: [(indent: Int, cells: [String], comment: String?)] = []
        var declarationLines = 0   // lines of the declaration being laid out
        var previousDeclarationLines = 0

        func flushTable() {
            guard !tableRows.isEmpty else { return }
            let columns = tableRows.map(\.cells.count).max() ?? 0
            var widths = [Int](repeating: 0, count: columns)
            for r in tableRows { for (i, c) in r.cells.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
            for r in tableRows {
                var s = String(repeating: " ", count: r.indent) + "|"
                for (i, c) in r.cells.enumerated() {
                    s += " " + (i == r.cells.count - 1 ? c : DisplayWidth.pad(c, to: widths[i])) + " |"
                }
                if let c = r.comment { s += "  " + c }
                out.append(s)
            }
            tableRows = []
        }

        for line in lines {
            let first = line.tokens[0]
            var indent = 0
            var isContinuation = false
            if first.isComment {
                indent = -1  // decided by the next code line
            } else if case .token(.keyword(let k)) = first.kind, Formatter.topKeywords.contains(k),
                      !(context == .rule && k == .let && (stage == .header || stage == .noneHeader)) {
                context = Formatter.context(for: k)
                stage = .header
                indent = 0
                depth = 0
                previousDeclarationLines = declarationLines
                declarationLines = 0
            } else {
                switch context {
                case .top: indent = 0
                case .article, .param, .shape, .procedure, .table, .fact:
                    if depth > 0 || (context == .procedure && !first.isKeyword(.step)) || (context == .shape && !isFieldStart(line)) {
                        indent = 4
                        isContinuation = true
                    } else {
                        indent = 2
                    }
                case .topLet:
                    indent = 2
                    isContinuation = true
                case .rule:
                    (indent, isContinuation) = ruleIndent(first, line, &stage)
                }
                if isContinuation || (depth > 0 && context != .table) {
                    if !isContinuation { isContinuation = true }
                    indent = max(indent, clauseIndent + 2) + 2 * max(0, depth - (first.isPunct(")") || first.isPunct("]") ? 1 : 0))
                } else {
                    clauseIndent = indent
                }
            }
            if first.isPunct("|") && context == .table {
                let (cells, comment) = tableCells(line)
                tableRows.append((2, cells, comment))
                declarationLines += 1
                continue
            }
            flushTable()
            if line.blankBefore, !out.isEmpty, out.last != "" { out.append("") }
            if !first.isComment, indent == 0, context != .top, previousDeclarationLines > 1, !out.isEmpty, out.last != "" {
                // A declaration after a multi-line one starts after a blank line; comments above it stay with it.
                var k = out.count
                while k > 0, out[k - 1].hasPrefix("#") { k -= 1 }
                if k > 0, out[k - 1] != "" { out.insert("", at: k) }
            }
            out.append(String(repeating: " ", count: max(0, indent)) + joined(line.tokens))
            if !first.isComment { declarationLines += 1 }
            depth += bracketBalance(line.tokens)
            if depth < 0 { depth = 0 }
        }
        flushTable()
        // Own-line comments take the indentation of the next code line.
        var result: [String] = []
        for (i, l) in out.enumerated() {
            if l.hasPrefix("#") || (l.hasPrefix(" ") && l.trimmingLeadingSpaces().hasPrefix("#") && !l.contains("|")) {
                let next = out[(i + 1)...].first { !$0.isEmpty && !$0.trimmingLeadingSpaces().hasPrefix("#") } ?? ""
                let ind = next.prefix(while: { $0 == " " }).count
                result.append(String(repeating: " ", count: ind) + l.trimmingLeadingSpaces())
            } else {
                result.append(l)
            }
        }
        while result.first == "" { result.removeFirst() }
        while result.last == "" { result.removeLast() }
        return result.joined(separator: "\n") + "\n"
    }

    static func context(for k: Keyword) -> Context {
        switch k {
        case .article, .document: return .article
        case .param: return .param
        case .shape: return .shape
        case .fact: return .fact
        case .let: return .topLet
        case .table: return .table
        case .procedure: return .procedure
        default: return .rule
        }
    }

    func isFieldStart(_ line: Line) -> Bool {
        line.tokens.count >= 2 && line.tokens[1].isPunct(":")
    }

    /// Indentation inside a rule: header clauses 2, branches 4, steps 6; under `when none` one level deeper.
    func ruleIndent(_ first: Piece, _ line: Line, _ stage: inout RuleStage) -> (Int, Bool) {
        let extra = (stage == .noneHeader || stage == .noneDecide) ? 2 : 0
        if first.isKeyword(.when), line.tokens.count > 1, line.tokens[1].isKeyword(.none) {
            stage = .noneHeader
            return (2, false)
        }
        if case .token(.keyword(let k)) = first.kind {
            if k == .decide {
                stage = stage == .noneHeader ? .noneDecide : .decide
                return (2 + extra, false)
            }
            if stage == .header || stage == .noneHeader, Formatter.ruleClauses.contains(k) { return (2 + extra, false) }
            if stage == .decide || stage == .noneDecide {
                if Formatter.outcomes.contains(k) { return (4 + extra, false) }
                if k == .step || k == .change { return (6 + extra, false) }
            }
        }
        if case .token(.notApplicable) = first.kind, stage == .decide || stage == .noneDecide { return (4 + extra, false) }
        // Anything else continues the clause above it.
        return (0, true)
    }

    func bracketBalance(_ ps: [Piece]) -> Int {
        var d = 0
        for p in ps {
            if p.isPunct("(") || p.isPunct("[") { d += 1 }
            if p.isPunct(")") || p.isPunct("]") { d -= 1 }
        }
        return d
    }

    func tableCells(_ line: Line) -> ([String], String?) {
        var cells: [String] = []
        var current: [Piece] = []
        var comment: String?
        for p in line.tokens.dropFirst() {
            if p.isComment { comment = p.text; continue }
            if p.isPunct("|") {
                cells.append(joined(current))
                current = []
            } else {
                current.append(p)
            }
        }
        if !current.isEmpty { cells.append(joined(current)) }
        return (cells, comment)
    }

    /// Canonical spacing between the tokens of one line.
    func joined(_ ps: [Piece]) -> String {
        var s = ""
        for (i, p) in ps.enumerated() {
            if i > 0 {
                let prev = ps[i - 1]
                if p.isComment {
                    s += "  "
                } else if needsSpace(prev, p, previous: i >= 2 ? ps[i - 2] : nil) {
                    s += " "
                }
            }
            s += p.text
        }
        return s
    }

    func needsSpace(_ a: Piece, _ b: Piece, previous: Piece?) -> Bool {
        let adjacent = a.end == b.start
        // Adjacency the grammar depends on: field access, calls, lookups, rule ids.
        if b.isPunct(".") && adjacent { return false }
        if a.isPunct(".") && adjacent { return false }
        if b.isPunct("(") && adjacent { return false }
        if b.isPunct("[") && adjacent && !isOperatorLike(a) { return false }
        if a.isPunct("(") || a.isPunct("[") { return false }
        if b.isPunct(")") || b.isPunct("]") || b.isPunct(",") { return false }
        if b.isPunct(":") { return false }
        if a.isPunct("¶") || a.isPunct("§") { return false }
        // A fraction of two numbers stays together: 2/3.
        if a.isPunct("/") || b.isPunct("/") {
            let left = a.isPunct("/") ? previous : a
            let right = a.isPunct("/") ? b : nil
            if a.isPunct("/"), let l = left, isNumber(l), let r = right, isNumber(r), adjacent { return false }
            if b.isPunct("/"), isNumber(a), adjacent { return false }
        }
        // Unary minus binds to its operand.
        if a.isPunct("-"), previous.map(isOperatorLike) ?? true { return false }
        return true
    }

    func isNumber(_ p: Piece) -> Bool {
        if case .token(.number) = p.kind { return true }
        return false
    }

    func isOperatorLike(_ p: Piece) -> Bool {
        switch p.kind {
        case .token(.punct(let x)): return ["(", "[", ",", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "|", "=>", ":"].contains(x)
        case .token(.keyword(let k)): return ![.true, .false, .absent, .days, .months, .years, .pass, .fail, .pending, .unknown].contains(k)
        default: return false
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    func trimmingLeadingSpaces() -> String {
        String(drop(while: { $0 == " " }))
    }
}
