/// Recursive-descent parser for rule files. On an error it reports, skips to the next
/// declaration that starts a line, and carries on, so every error is reported.
struct Parser {
    var tokens: [Token]
    var index = 0
    let file: SourceFile
    let fileIndex: Int
    public internal(set) var diagnostics: [Diagnostic] = []
    var depth = 0
    /// Nesting allowed below a top-level expression (parentheses, `not`, unary minus, …): 150.
    static let maxDepth = 151

    struct Failure: Error {}

    public init(file: SourceFile, fileIndex: Int) {
        self.file = file
        self.fileIndex = fileIndex
        var lexer = Lexer(file: file, fileIndex: fileIndex)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
    }

    /// Parses a whole file.
    public mutating func parseFile() -> [Declaration] {
        var decls: [Declaration] = []
        while !atEOF {
            let before = index
            do {
                decls.append(try parseDeclaration())
            } catch {
                synchronize(after: before)
            }
        }
        return decls
    }

    // MARK: token helpers

    var current: Token { tokens[min(index, tokens.count - 1)] }
    var atEOF: Bool { if case .eof = current.kind { return true }; return false }

    func peek(_ k: Int = 1) -> Token { tokens[min(index + k, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = current
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func isKeyword(_ k: Keyword, _ t: Token? = nil) -> Bool {
        if case .keyword(let x) = (t ?? current).kind { return x == k }
        return false
    }

    func isPunct(_ p: String, _ t: Token? = nil) -> Bool {
        if case .punct(let x) = (t ?? current).kind { return x == p }
        return false
    }

    mutating func accept(_ k: Keyword) -> Bool {
        if isKeyword(k) { index += 1; return true }
        return false
    }

    mutating func acceptPunct(_ p: String) -> Bool {
        if isPunct(p) { index += 1; return true }
        return false
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .eof: return "end of file"
        case .string: return "a string"
        case .identifier: return "`\(t.text)`"
        default: return "`\(t.text)`"
        }
    }

    mutating func error(_ code: DiagnosticCode, _ span: Span, _ message: String, help: String? = nil) -> Failure {
        diagnostics.append(Diagnostic(code, span, message, help: help))
        return Failure()
    }

    mutating func expect(_ k: Keyword, _ context: String, help: String? = nil) throws -> Token {
        guard isKeyword(k) else {
            throw error(.expected, current.span, "expected `\(k.rawValue)` \(context), found \(describe(current))", help: help)
        }
        return advance()
    }

    mutating func expectPunct(_ p: String, _ context: String, help: String? = nil) throws -> Token {
        guard isPunct(p) else {
            throw error(.expected, current.span, "expected `\(p)` \(context), found \(describe(current))", help: help)
        }
        return advance()
    }

    mutating func expectIdentifier(_ context: String) throws -> Token {
        guard case .identifier = current.kind else {
            var help: String? = nil
            if case .keyword(let k) = current.kind { help = "`\(k.rawValue)` is a reserved word; choose another name or join words with `-`" }
            throw error(.expected, current.span, "expected a name \(context), found \(describe(current))", help: help)
        }
        return advance()
    }

    mutating func expectString(_ context: String) throws -> Token {
        guard case .string = current.kind else {
            throw error(.expected, current.span, "expected a string \(context), found \(describe(current))",
                        help: "strings are written in double quotes: \"…\"")
        }
        return advance()
    }

    /// A plain string without interpolation (titles, sources, article text).
    mutating func plainString(_ context: String) throws -> (String, Span) {
        let t = try expectString(context)
        return (unescape(t.text), t.span)
    }

    func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// True when the token is the first on its line and starts in column 1.
    func startsLine(_ t: Token) -> Bool {
        let start = t.span.start
        return start == 0 || (start > 0 && file.bytes[start - 1] == 10) || (start == 3 && file.bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    }

    static let topLevel: Set<Keyword> = [.article, .document, .param, .shape, .fact, .let, .table, .rule, .procedure]

    mutating func synchronize(after before: Int) {
        if index == before { _ = advance() }
        while !atEOF {
            if case .keyword(let k) = current.kind, Parser.topLevel.contains(k), startsLine(current) { return }
            _ = advance()
        }
    }

    // MARK: declarations

    mutating func parseDeclaration() throws -> Declaration {
        let t = current
        guard case .keyword(let k) = t.kind else {
            throw error(.unexpectedToken, t.span, "expected a declaration, found \(describe(t))",
                        help: "a rule file is a series of `article`, `document`, `param`, `shape`, `fact`, `let`, `table`, `rule` and `procedure` declarations")
        }
        switch k {
        case .article, .document: return .article(try parseArticle())
        case .param: return .param(try parseParam())
        case .shape: return .shape(try parseShape())
        case .fact: return .fact(try parseFact())
        case .let: return .let(try parseLet())
        case .table: return .table(try parseTable())
        case .rule: return .rule(try parseRule())
        case .procedure: return .procedure(try parseProcedure())
        default:
            throw error(.unexpectedToken, t.span, "expected a declaration, found `\(t.text)`",
                        help: "`\(t.text)` belongs inside a rule; check the lines above for a missing clause")
        }
    }

    mutating func parseDateValue(_ context: String) throws -> CivilDate {
        guard case .date = current.kind else {
            throw error(.expected, current.span, "expected a date \(context), found \(describe(current))", help: "dates are written YYYY-MM-DD")
        }
        let t = advance()
        return CivilDate(iso: t.text) ?? CivilDate.epoch
    }

    /// `in force from DATE [until DATE]`
    mutating func parseInForce() throws -> (CivilDate?, CivilDate?) {
        _ = try expect(.in, "")
        _ = try expect(.force, "after `in`", help: "write `in force from YYYY-MM-DD`")
        var from: CivilDate?, until: CivilDate?
        if accept(.from) { from = try parseDateValue("after `from`") }
        if accept(.until) { until = try parseDateValue("after `until`") }
        return (from, until)
    }

    mutating func parseArticle() throws -> ArticleDecl {
        let kw = advance()
        let isDocument = isKeyword(.document, kw)
        let id = try expectIdentifier("after `\(kw.text)`")
        let (title, _) = try plainString("(the article's title, as cited)")
        var decl = ArticleDecl(id: id.text, title: title, inForceFrom: nil, inForceUntil: nil,
                               notOnFile: false, parts: [], span: kw.span)
        while true {
            if isKeyword(.in) {
                (decl.inForceFrom, decl.inForceUntil) = try parseInForce()
            } else if isKeyword(.not) {
                _ = advance()
                _ = try expect(.on, "in `not on file`")
                _ = try expect(.file, "in `not on file`")
                decl.notOnFile = true
            } else if isPunct("¶") {
                let p = advance()
                guard case .number = current.kind, let n = Int(current.text), n >= 1, n <= 99 else {
                    throw error(.expected, current.span, "expected a paragraph number after `¶`", help: "write `¶1 \"…\"`")
                }
                _ = advance()
                let (text, s) = try plainString("(the paragraph's text)")
                decl.parts.append(.init(part: .paragraph(n), text: text, span: p.span.to(s)))
            } else if isPunct("§") {
                let p = advance()
                let (key, _) = try plainString("(the section's label, e.g. \"三(一)\")")
                let (text, s) = try plainString("(the section's text)")
                decl.parts.append(.init(part: .section(key), text: text, span: p.span.to(s)))
            } else {
                break
            }
        }
        if isDocument && decl.parts.isEmpty && !decl.notOnFile { decl.notOnFile = true }
        decl.span = kw.span.to(tokens[max(0, index - 1)].span)
        return decl
    }

    mutating func parseParam() throws -> ParamDecl {
        let kw = advance()
        let name = try expectIdentifier("after `param`")
        _ = try expectPunct("=", "after the parameter's name")
        let value = try parseExpr()
        var source = ""
        var placeholder = false
        while true {
            if accept(.source) { source = try plainString("after `source`").0 }
            else if accept(.placeholder) { placeholder = true }
            else { break }
        }
        return ParamDecl(name: name.text, value: value, source: source, placeholder: placeholder,
                         span: kw.span.to(name.span))
    }

    /// text | decimal | integer | date | boolean | days | one of "a", "b" | SHAPE | list of T | optional T
    mutating func parseType() throws -> TypeRef {
        if accept(.optional) { return .optional(try parseType()) }
        if accept(.list) {
            _ = try expect(.of, "after `list`")
            return .list(try parseType())
        }
        if accept(.text) { return .text }
        if accept(.decimal) { return .number }
        if accept(.integer) { return .integer }
        if accept(.date) { return .date }
        if accept(.boolean) { return .boolean }
        if accept(.days) { return .period }
        if accept(.one) {
            _ = try expect(.of, "after `one`", help: "write `one of \"yes\", \"no\"`")
            var values = [try plainString("(an allowed value)").0]
            while acceptPunct(",") { values.append(try plainString("(an allowed value)").0) }
            return .enumeration(values)
        }
        if case .identifier = current.kind { return .shape(advance().text) }
        throw error(.expected, current.span, "expected a type, found \(describe(current))",
                    help: "types are text, decimal, integer, date, boolean, days, one of \"…\", a shape, list of T, optional T")
    }

    mutating func parseShape() throws -> ShapeDecl {
        let kw = advance()
        let name = try expectIdentifier("after `shape`")
        var fields: [FieldDecl] = []
        while isFieldName(current), isPunct(":", peek()) {
            let f = advance()
            _ = advance()
            let type = try parseType()
            var path: String?, pathSpan: Span?
            if accept(.at) {
                let (p, s) = try plainString("(an XPath relative to the \(name.text))")
                path = p
                pathSpan = s
            }
            fields.append(FieldDecl(name: f.text, type: type, path: path, pathSpan: pathSpan, span: f.span))
        }
        return ShapeDecl(name: name.text, fields: fields, span: kw.span.to(name.span))
    }

    /// Field names are attribute names, which may be words the language reserves (`date`, `from`).
    func isFieldName(_ t: Token) -> Bool {
        switch t.kind {
        case .identifier, .keyword: return true
        default: return false
        }
    }

    mutating func parseFact() throws -> FactDecl {
        let kw = advance()
        let name = try expectIdentifier("after `fact`")
        _ = try expectPunct(":", "after the fact's name", help: "write `fact owners: list of owner at \"/dossier/community/owner\"`")
        let type = try parseType()
        _ = try expect(.at, "before the fact's XPath")
        let (p, s) = try plainString("(an XPath)")
        return FactDecl(name: name.text, type: type, path: p, pathSpan: s, span: kw.span.to(name.span))
    }

    mutating func parseParams() throws -> [(name: String, type: TypeRef, span: Span)] {
        var params: [(String, TypeRef, Span)] = []
        if acceptPunct("(") {
            if !isPunct(")") {
                repeat {
                    let n = try expectIdentifier("(a parameter name)")
                    _ = try expectPunct(":", "after the parameter name", help: "give each parameter a type: `(d: decision)`")
                    params.append((n.text, try parseType(), n.span))
                } while acceptPunct(",")
            }
            _ = try expectPunct(")", "to close the parameter list")
        }
        return params
    }

    mutating func parseBasis() throws -> Basis {
        if case .string = current.kind { return .text(try plainString("").0) }
        return .cite(try parseCite())
    }

    mutating func parseLet() throws -> LetDecl {
        let kw = advance()
        let name = try expectIdentifier("after `let`")
        let params = try parseParams()
        _ = try expectPunct("=", "after `let \(name.text)`")
        let value = try parseExpr()
        if accept(.per) {
            let basis = try parseBasis()
            var exceptions: [(Expr, Basis)] = []
            while accept(.unless) {
                let e = try parseExpr()
                _ = try expect(.per, "after the exception", help: "say where the exception comes from: `unless … per \"合同约定\"`")
                exceptions.append((e, try parseBasis()))
            }
            return LetDecl(name: name.text, params: params, body: .defaulted(value, basis, exceptions), span: kw.span.to(name.span))
        }
        if isKeyword(.unless) {
            throw error(.expected, current.span, "a default needs its source before `unless`",
                        help: "write `let \(name.text) = DEFAULT per ARTICLE unless EXCEPTION per \"SOURCE\"`")
        }
        return LetDecl(name: name.text, params: params, body: .expr(value), span: kw.span.to(name.span))
    }

    /// ARTICLE-ID [¶N | §"label"]
    mutating func parseCite() throws -> CiteRef {
        let id = try expectIdentifier("(an article declared with `article`)")
        var part: CiteRef.Part?
        var span = id.span
        if isPunct("¶") {
            _ = advance()
            guard case .number = current.kind, let n = Int(current.text) else {
                throw error(.expected, current.span, "expected a paragraph number after `¶`")
            }
            span = span.to(advance().span)
            part = .paragraph(n)
        } else if isPunct("§") {
            _ = advance()
            let (label, s) = try plainString("(a section label)")
            span = span.to(s)
            part = .section(label)
        }
        return CiteRef(article: id.text, part: part, span: span)
    }

    mutating func parseCites() throws -> [CiteRef] {
        var cites = [try parseCite()]
        while acceptPunct(",") { cites.append(try parseCite()) }
        return cites
    }
}
