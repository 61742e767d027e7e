/// Expressions, lowest precedence first:
/// if-then-else, or, and, not, comparison (= != < <= > >= in, is [not] absent),
/// + -, * / of, unary -, postfix (.field, [key], (args), days|months|years), primary.
extension Parser {
    public mutating func parseExpr() throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            // Point at the bracket that opened the level too many.
            let previous = index > 0 ? tokens[index - 1] : current
            let at = isPunct("(", previous) || isPunct("[", previous) ? previous.span : current.span
            throw error(.tooDeep, at, "expression nested more than \(Parser.maxDepth - 1) levels deep",
                        help: "split it into named parts with `let`")
        }
        if isKeyword(.if) {
            let start = advance()
            let c = try parseExpr()
            _ = try expect(.then, "after the condition of `if`")
            let a = try parseExpr()
            _ = try expect(.else, "in `if … then … else …`", help: "an `if` needs both branches")
            let b = try parseExpr()
            return Expr(.conditional(c, a, b), start.span.to(b.span))
        }
        return try parseOr()
    }

    mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while accept(.or) {
            let right = try parseAnd()
            left = Expr(.binary(.or, left, right), left.span.to(right.span))
        }
        return left
    }

    mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while accept(.and) {
            let right = try parseNot()
            left = Expr(.binary(.and, left, right), left.span.to(right.span))
        }
        return left
    }

    mutating func parseNot() throws -> Expr {
        if isKeyword(.not) {
            let t = advance()
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw error(.tooDeep, t.span, "expression nested more than \(Parser.maxDepth - 1) levels deep", help: "split it into named parts with `let`") }
            let e = try parseNot()
            return Expr(.not(e), t.span.to(e.span))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseAdditive()
        if isKeyword(.is) {
            _ = advance()
            let negated = accept(.not)
            let end = try expect(.absent, "after `is`", help: "write `x is absent` or `x is not absent`")
            return Expr(.isAbsent(left, negated: negated), left.span.to(end.span))
        }
        let ops: [(String, BinaryOp)] = [("=", .eq), ("!=", .ne), ("<=", .le), (">=", .ge), ("<", .lt), (">", .gt)]
        for (p, op) in ops where isPunct(p) {
            _ = advance()
            let right = try parseAdditive()
            if ops.contains(where: { isPunct($0.0) }) {
                throw error(.unexpectedToken, current.span, "comparisons do not chain",
                            help: "write `a < b and b < c`")
            }
            return Expr(.binary(op, left, right), left.span.to(right.span))
        }
        if isKeyword(.in) {
            _ = advance()
            let right = try parseAdditive()
            return Expr(.binary(.in, left, right), left.span.to(right.span))
        }
        return left
    }

    mutating func parseAdditive() throws -> Expr {
        var left = try parseMultiplicative()
        while isPunct("+") || isPunct("-") {
            let op: BinaryOp = isPunct("+") ? .add : .sub
            _ = advance()
            let right = try parseMultiplicative()
            left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    mutating func parseMultiplicative() throws -> Expr {
        var left = try parseUnary()
        while isPunct("*") || isPunct("/") || isKeyword(.of) {
            let op: BinaryOp = isPunct("*") ? .mul : (isPunct("/") ? .div : .of)
            _ = advance()
            let right = try parseUnary()
            left = Expr(.binary(op, left, right), left.span.to(right.span))
        }
        return left
    }

    mutating func parseUnary() throws -> Expr {
        if isPunct("-") {
            let t = advance()
            depth += 1
            defer { depth -= 1 }
            if depth > Parser.maxDepth { throw error(.tooDeep, t.span, "expression nested more than \(Parser.maxDepth - 1) levels deep") }
            let e = try parseUnary()
            return Expr(.negate(e), t.span.to(e.span))
        }
        return try parsePostfix()
    }

    mutating func parsePostfix() throws -> Expr {
        var e = try parsePrimary()
        while true {
            if isPunct("."), isFieldName(peek()), peek().span.start == current.span.end {
                _ = advance()
                let f = advance()
                e = Expr(.field(e, f.text, f.span, site: -1), e.span.to(f.span))
            } else if isPunct("["), current.span.start == e.span.end {
                _ = advance()
                let key = try parseExpr()
                let close = try expectPunct("]", "to close the lookup")
                e = Expr(.lookup(e, key), e.span.to(close.span))
            } else if isKeyword(.days) || isKeyword(.months) || isKeyword(.years) {
                let u = advance()
                let unit: Period.Unit = isKeyword(.days, u) ? .days : (isKeyword(.months, u) ? .months : .years)
                e = Expr(.period(e, unit), e.span.to(u.span))
            } else {
                return e
            }
        }
    }

    /// `x in xs [where cond]` after an aggregate keyword.
    mutating func parseBinding(_ context: String) throws -> (Binder, Expr, Expr?) {
        let b = try expectIdentifier("after `\(context)`")
        _ = try expect(.in, "after `\(context) \(b.text)`")
        let source = try parseAdditive()
        var cond: Expr?
        if accept(.where) { cond = try parseNotLevel() }
        return (Binder(name: b.text, span: b.span), source, cond)
    }

    /// A `where` condition: and/or/not/comparisons, but stops before `satisfies`, `by`, `for`.
    mutating func parseNotLevel() throws -> Expr { try parseOr() }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .number:
            _ = advance()
            // Longer literals were already reported by the lexer; parsing them would only cost time.
            if t.text.utf8.count > Lexer.maxTokenBytes { return Expr(.number(.zero, scale: 0), t.span) }
            guard let (v, scale) = Rational.parseDecimal(Substring(t.text)) else {
                throw error(.invalidNumber, t.span, "`\(t.text)` is not a number")
            }
            return Expr(.number(v, scale: scale), t.span)
        case .percent:
            _ = advance()
            if t.text.utf8.count > Lexer.maxTokenBytes { return Expr(.percent(.zero), t.span) }
            guard let (v, _) = Rational.parseDecimal(Substring(t.text)), let p = v.dividing(by: Rational(100)) else {
                throw error(.invalidNumber, t.span, "`\(t.text)%` is not a percentage")
            }
            return Expr(.percent(p), t.span)
        case .date:
            _ = advance()
            return Expr(.date(CivilDate(iso: t.text) ?? .epoch), t.span)
        case .string:
            _ = advance()
            return Expr(.string(try interpolate(t)), t.span)
        case .notApplicable:
            _ = advance()
            return Expr(.outcome(.notApplicable), t.span)
        case .identifier:
            _ = advance()
            if isPunct("("), current.span.start == t.span.end {
                _ = advance()
                var args: [Expr] = []
                if !isPunct(")") {
                    repeat { args.append(try parseExpr()) } while acceptPunct(",")
                }
                let close = try expectPunct(")", "to close the call of `\(t.text)`")
                return Expr(.call(t.text, args, t.span, .unresolved), t.span.to(close.span))
            }
            return Expr(.name(t.text, .unresolved), t.span)
        case .punct("("):
            _ = advance()
            let e = try parseExpr()
            let close = try expectPunct(")", "to close `(`")
            return Expr(e.kind, t.span.to(close.span))
        case .punct("["):
            return try parseBracket()
        case .keyword(let k):
            return try parseKeywordPrimary(k, t)
        default:
            throw error(.unexpectedToken, t.span, "expected an expression, found \(describe(t))")
        }
    }

    mutating func parseBracket() throws -> Expr {
        let open = advance()
        if isPunct("]") {
            let close = advance()
            return Expr(.list([]), open.span.to(close.span))
        }
        if case .identifier = current.kind, isKeyword(.in, peek()) {
            let (b, source, cond) = try parseBinding("[")
            let close = try expectPunct("]", "to close the list")
            return Expr(.filter(b, source, cond), open.span.to(close.span))
        }
        let first = try parseExpr()
        if accept(.for) {
            let (b, source, cond) = try parseBinding("for")
            let close = try expectPunct("]", "to close the list")
            return Expr(.map(first, b, source, cond), open.span.to(close.span))
        }
        var items = [first]
        while acceptPunct(",") { items.append(try parseExpr()) }
        let close = try expectPunct("]", "to close the list")
        return Expr(.list(items), open.span.to(close.span))
    }

    mutating func parseKeywordPrimary(_ k: Keyword, _ t: Token) throws -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maxDepth {
            throw error(.tooDeep, t.span, "expression nested more than \(Parser.maxDepth - 1) levels deep", help: "split it into named parts with `let`")
        }
        switch k {
        case .true: _ = advance(); return Expr(.bool(true), t.span)
        case .false: _ = advance(); return Expr(.bool(false), t.span)
        case .absent: _ = advance(); return Expr(.absent, t.span)
        case .pass: _ = advance(); return Expr(.outcome(.pass), t.span)
        case .fail: _ = advance(); return Expr(.outcome(.fail), t.span)
        case .pending: _ = advance(); return Expr(.outcome(.pending), t.span)
        case .unknown: _ = advance(); return Expr(.outcome(.unknown), t.span)
        case .exists:
            _ = advance()
            let e = try parsePostfix()
            return Expr(.exists(e), t.span.to(e.span))
        case .count:
            _ = advance()
            if case .identifier = current.kind, isKeyword(.in, peek()) {
                let (b, source, cond) = try parseBinding("count")
                return Expr(.aggregate(.count, b, source, cond, nil), t.span.to(tokens[index - 1].span))
            }
            let e = try parsePostfix()
            return Expr(.aggregate(.count, nil, e, nil, nil), t.span.to(e.span))
        case .sum, .min, .max:
            _ = advance()
            let body = try parseAdditive()
            _ = try expect(.for, "after `\(k.rawValue) …`", help: "write `\(k.rawValue) o.area for o in owners`")
            let (b, source, cond) = try parseBinding("for")
            let kind: AggregateKind = k == .sum ? .sum : (k == .min ? .min : .max)
            return Expr(.aggregate(kind, b, source, cond, body), t.span.to(tokens[index - 1].span))
        case .every, .some, .no:
            _ = advance()
            let (b, source, cond) = try parseBinding(k.rawValue)
            _ = try expect(.satisfies, "in `\(k.rawValue) \(b.name) in …`", help: "write `\(k.rawValue) x in xs satisfies CONDITION`")
            let body = try parseOr()
            let kind: QuantifierKind = k == .every ? .every : (k == .some ? .some : .no)
            return Expr(.quantifier(kind, b, source, cond, body), t.span.to(body.span))
        case .latest, .earliest:
            _ = advance()
            let (b, source, cond) = try parseBinding(k.rawValue)
            _ = try expect(.by, "in `\(k.rawValue) \(b.name) in …`", help: "say what orders them: `\(k.rawValue) d in decisions by d.date`")
            let key = try parseAdditive()
            return Expr(.pick(k == .latest ? .latest : .earliest, b, source, cond, key), t.span.to(key.span))
        case .distinct, .index:
            _ = advance()
            let (b, source, cond) = try parseBinding(k.rawValue)
            if let cond {
                diagnostics.append(Diagnostic(.unexpectedToken, cond.span, "`\(k.rawValue)` takes no `where`",
                                              help: "filter first: `\(k.rawValue) x in [x in xs where …] by …`"))
            }
            _ = try expect(.by, "in `\(k.rawValue) \(b.name) in …`")
            let key = try parseAdditive()
            let kind: ExprKind = k == .distinct ? .distinct(b, source, key, site: -1) : .index(b, source, key)
            return Expr(kind, t.span.to(key.span))
        case .sort:
            _ = advance()
            let (b, source, cond) = try parseBinding("sort")
            if let cond { diagnostics.append(Diagnostic(.unexpectedToken, cond.span, "`sort` takes no `where`", help: "filter first: `sort x in [x in xs where …] by …`")) }
            _ = try expect(.by, "in `sort \(b.name) in …`", help: "write `sort o in owners by o.area descending`")
            let key = try parseAdditive()
            let desc = accept(.descending)
            return Expr(.sort(b, source, key, descending: desc), t.span.to(tokens[index - 1].span))
        case .fewest:
            _ = advance()
            let (b, source, cond) = try parseBinding("fewest")
            if let cond { diagnostics.append(Diagnostic(.unexpectedToken, cond.span, "`fewest` takes no `where`", help: "filter first: `fewest x in [x in xs where …] by …`")) }
            _ = try expect(.by, "in `fewest \(b.name) in …`", help: "write `fewest o in non-voters by o.area covering 120.50`")
            let key = try parseAdditive()
            _ = try expect(.covering, "after `fewest … by …`", help: "say the amount to reach: `covering more-area`")
            let amount = try parseAdditive()
            return Expr(.fewest(b, source, key, amount), t.span.to(amount.span))
        case .passed:
            _ = advance()
            let (id, span) = try parseRuleId("after `passed`")
            var subject: Expr?
            if isKeyword(.for), !isKeyword(.each, peek()) { _ = advance(); subject = try parseAdditive() }
            return Expr(.ruleRef(.passed, id, span, subject), t.span.to(subject?.span ?? span))
        case .outcome:
            _ = advance()
            _ = try expect(.of, "after `outcome`", help: "write `outcome of handover.exit`")
            let (id, span) = try parseRuleId("after `outcome of`")
            var subject: Expr?
            if isKeyword(.for), !isKeyword(.each, peek()) { _ = advance(); subject = try parseAdditive() }
            return Expr(.ruleRef(.outcome, id, span, subject), t.span.to(subject?.span ?? span))
        case .text where isPunct("(", peek()) && peek().span.start == t.span.end:
            // `text(x)` is the built-in conversion, though `text` is also a type name.
            _ = advance()
            _ = advance()
            let arg = try parseExpr()
            let close = try expectPunct(")", "to close `text(`")
            return Expr(.call("text", [arg], t.span, .unresolved), t.span.to(close.span))
        default:
            throw error(.unexpectedToken, t.span, "expected an expression, found `\(t.text)`",
                        help: "`\(t.text)` is a reserved word")
        }
    }

    /// Splits a string body into literal text and `{expression}` parts.
    mutating func interpolate(_ t: Token) throws -> [StringPart] {
        let bodyStart = file.bytes[t.span.start] == 34 ? t.span.start + 1 : t.span.start + 3
        let body = Array(t.text.utf8)
        var parts: [StringPart] = []
        var literal: [UInt8] = []
        var i = 0
        while i < body.count {
            let b = body[i]
            if b == 92, i + 1 < body.count {  // escape
                let n = body[i + 1]
                literal.append(contentsOf: n == 110 ? [10] : (n == 116 ? [9] : [n]))
                i += 2
                continue
            }
            if b == 123 {  // {
                var j = i + 1
                var depthBraces = 1
                while j < body.count {
                    if body[j] == 123 { depthBraces += 1 }
                    if body[j] == 125 { depthBraces -= 1; if depthBraces == 0 { break } }
                    j += 1
                }
                guard j < body.count else {
                    throw error(.unterminatedString, Span(file: fileIndex, start: bodyStart + i, end: bodyStart + i + 1),
                                "`{` in a string is not closed", help: "close the interpolation with `}`, or write `\\{` for a brace")
                }
                if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))); literal = [] }
                var sub = Parser(subrange: bodyStart + i + 1..<bodyStart + j, of: self)
                let e: Expr
                do {
                    e = try sub.parseExpr()
                } catch {
                    diagnostics.append(contentsOf: sub.diagnostics)
                    throw error
                }
                if !sub.atEOF {
                    diagnostics.append(contentsOf: sub.diagnostics)
                    throw error(.unexpectedToken, sub.current.span, "unexpected \(sub.describe(sub.current)) in `{…}`")
                }
                diagnostics.append(contentsOf: sub.diagnostics)
                parts.append(.interpolation(e))
                i = j + 1
                continue
            }
            literal.append(b)
            i += 1
        }
        if !literal.isEmpty { parts.append(.literal(String(decoding: literal, as: UTF8.self))) }
        return parts
    }

    init(subrange: Range<Int>, of parent: Parser) {
        file = parent.file
        fileIndex = parent.fileIndex
        var lexer = Lexer(file: parent.file, fileIndex: parent.fileIndex, range: subrange)
        tokens = lexer.tokenize()
        diagnostics = lexer.diagnostics
        depth = parent.depth
    }
}
