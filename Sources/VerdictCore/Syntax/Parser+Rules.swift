extension Parser {
    mutating func parseLevel() throws -> Level {
        if accept(.must) { return .must }
        if accept(.should) { return .should }
        if accept(.advice) { return .advice }
        throw error(.expected, current.span, "expected the rule's level, found \(describe(current))",
                    help: "write `must` (law or binding rule), `should` (原则上, policy) or `advice`")
    }

    /// Rule ids are dotted: `assembly.quorum`.
    mutating func parseRuleId(_ context: String) throws -> (String, Span) {
        let first = try expectIdentifier(context)
        var id = first.text
        var span = first.span
        while isPunct("."), isFieldName(peek()), peek().span.start == current.span.end {
            _ = advance()
            let part = advance()
            id += "." + part.text
            span = span.to(part.span)
        }
        return (id, span)
    }

    mutating func parseRule() throws -> RuleDecl {
        let kw = advance()
        let (id, idSpan) = try parseRuleId("after `rule`")
        if !id.contains(".") {
            diagnostics.append(Diagnostic(.expected, idSpan, "rule id `\(id)` has no namespace",
                                          help: "rule ids are `namespace.name`, e.g. `assembly.quorum`"))
        }
        let (title, _) = try plainString("(the rule's title)")
        var rule = RuleDecl(id: id, idSpan: idSpan, title: title, level: .must, cites: [],
                            inForceFrom: nil, inForceUntil: nil, eventDate: nil, earlierLaw: nil,
                            applies: nil, forEach: nil, value: nil,
                            body: RuleBody(lets: [], branches: []), whenNone: nil, span: kw.span.to(idSpan))
        var sawLevel = false
        // Header clauses, in any order.
        headerLoop: while true {
            switch current.kind {
            case .keyword(.must), .keyword(.should), .keyword(.advice):
                if sawLevel { throw error(.duplicateClause, current.span, "the rule's level is given twice") }
                rule.level = try parseLevel()
                sawLevel = true
                _ = acceptPunct(",")
            case .keyword(.cite):
                _ = advance()
                rule.cites += try parseCites()
            case .keyword(.in):
                (rule.inForceFrom, rule.inForceUntil) = try parseInForce()
                if accept(.on) { rule.eventDate = try parseExpr() }
                if accept(.earlier) {
                    _ = try expect(.law, "after `earlier`", help: "write `earlier law \"物权法 第七十六条\"`")
                    rule.earlierLaw = try plainString("(the earlier law's name)").0
                }
            case .keyword(.applies):
                _ = advance()
                _ = try expect(.when, "after `applies`")
                rule.applies = try parseExpr()
            case .keyword(.for) where !isKeyword(.each, peek()):
                let start = advance()
                var kinds: [String] = []
                repeat { kinds.append(try expectIdentifier("(a dossier kind: community, firm, renovation)").text) } while acceptPunct(",")
                guard case .identifier = current.kind, current.text == "dossiers" || current.text == "dossier" else {
                    throw error(.expected, current.span, "expected `dossiers` after the kinds, found \(describe(current))",
                                help: "write `for community dossiers` or `for each x in xs`")
                }
                rule.kinds = kinds
                rule.kindsSpan = start.span.to(advance().span)
            case .keyword(.for):
                _ = advance()
                _ = try expect(.each, "after `for`", help: "write `for each d in decisions`")
                let b = try expectIdentifier("after `for each`")
                _ = try expect(.in, "after `for each \(b.text)`")
                let source = try parseExpr()
                var subject: Expr?
                if acceptPunct(",") || isKeyword(.subject) {
                    _ = try expect(.subject, "after `,`")
                    subject = try parseExpr()
                }
                rule.forEach = (Binder(name: b.text, span: b.span), source, subject)
            case .keyword(.value):
                _ = advance()
                rule.value = try parseExpr()
            default:
                break headerLoop
            }
        }
        if !sawLevel {
            diagnostics.append(Diagnostic(.expected, idSpan, "rule `\(id)` has no level",
                                          help: "add `must`, `should` or `advice` after the title"))
        }
        rule.body = try parseRuleBody(ruleId: id)
        if isKeyword(.when), isKeyword(.none, peek()) {
            _ = advance(); _ = advance()
            if rule.forEach == nil {
                diagnostics.append(Diagnostic(.unexpectedToken, tokens[index - 1].span, "`when none` needs a `for each` in the rule",
                                              help: "`when none` says what the rule finds when the `for each` list is empty"))
            }
            rule.whenNone = try parseRuleBody(ruleId: id)
        }
        rule.span = kw.span.to(tokens[max(0, index - 1)].span)
        return rule
    }

    mutating func parseRuleBody(ruleId: String) throws -> RuleBody {
        var body = RuleBody(lets: [], branches: [])
        while isKeyword(.let) { body.lets.append(try parseLet()) }
        _ = try expect(.decide, "in rule `\(ruleId)`", help: "a rule ends with `decide` and its outcomes: `pass when …`, `otherwise fail \"…\"`")
        while true {
            let start = current.span
            var outcome: Outcome
            var condition: Expr?
            if accept(.otherwise) {
                outcome = try parseOutcome()
            } else if let o = outcomeKeyword() {
                _ = advance()
                outcome = o
                _ = try expect(.when, "after `\(o.rawValue)`", help: "write `\(o.rawValue) when CONDITION \"message\"`, or `otherwise \(o.rawValue) \"message\"` last")
                condition = try parseExpr()
            } else {
                break
            }
            var branch = Branch(outcome: outcome, condition: condition, message: nil, steps: [], span: start)
            if case .string = current.kind { branch.message = try parseStringExpr() }
            while isKeyword(.step) || isKeyword(.change) {
                if accept(.change) {
                    branch.changes.append(try parseStringExpr())
                    continue
                }
                _ = advance()
                let s = tokens[index - 1].span
                let action = try parseStringExpr()
                var step = StepDecl(action: action, due: nil, cites: [], span: s)
                while true {
                    if accept(.due) { step.due = try parseExpr() }
                    else if accept(.cite) { step.cites += try parseCites() }
                    else { break }
                }
                branch.steps.append(step)
            }
            branch.span = start.to(tokens[max(0, index - 1)].span)
            body.branches.append(branch)
            if condition == nil { break }
        }
        if body.branches.isEmpty {
            throw error(.expected, current.span, "expected an outcome after `decide`, found \(describe(current))",
                        help: "write `pass when …`, `fail when …`, `pending when …`, `unknown when …`, `n/a when …` or `otherwise …`")
        }
        return body
    }

    func outcomeKeyword() -> Outcome? {
        switch current.kind {
        case .keyword(.pass): return .pass
        case .keyword(.fail): return .fail
        case .keyword(.pending): return .pending
        case .keyword(.unknown): return .unknown
        case .notApplicable: return .notApplicable
        default: return nil
        }
    }

    mutating func parseOutcome() throws -> Outcome {
        guard let o = outcomeKeyword() else {
            throw error(.expected, current.span, "expected an outcome, found \(describe(current))",
                        help: "outcomes are pass, fail, pending, unknown and n/a")
        }
        _ = advance()
        return o
    }

    mutating func parseStringExpr() throws -> Expr {
        guard case .string = current.kind else {
            throw error(.expected, current.span, "expected a string, found \(describe(current))")
        }
        return try parsePrimary()
    }

    /// table NAME(PARAMS) first|unique hit [source "…"] [placeholder]
    ///   | in1 | in2 | => out |
    ///   | >= 90 | - | "A" |
    mutating func parseTable() throws -> TableDecl {
        let kw = advance()
        let name = try expectIdentifier("after `table`")
        let params = try parseParams()
        var hit = HitPolicy.first
        if accept(.first) { hit = .first } else if accept(.unique) { hit = .unique }
        else { throw error(.expected, current.span, "expected `first hit` or `unique hit`", help: "say how rows are chosen: `first hit` takes the first matching row; `unique hit` requires exactly one") }
        _ = try expect(.hit, "after the hit policy")
        var table = TableDecl(name: name.text, params: params, hit: hit, source: nil, placeholder: false,
                              columns: [], output: "", rows: [], span: kw.span.to(name.span))
        while true {
            if accept(.source) { table.source = try plainString("after `source`").0 }
            else if accept(.placeholder) { table.placeholder = true }
            else { break }
        }
        // Header row.
        _ = try expectPunct("|", "to open the table's header row", help: "the first row names the inputs and, after `=>`, the result: `| total | => grade |`")
        while !isPunct("=>") {
            let c = try expectIdentifier("(an input column)")
            table.columns.append((c.text, c.span))
            _ = try expectPunct("|", "after a column name")
        }
        _ = advance()
        table.output = try expectIdentifier("after `=>`").text
        _ = try expectPunct("|", "to close the header row")
        // Rows: as many cells as columns, then the result.
        while isPunct("|") {
            let rowStart = advance()
            var cells: [TableDecl.Cell] = []
            for _ in table.columns {
                cells.append(try parseCell())
                _ = try expectPunct("|", "after a cell", help: "each row has \(table.columns.count) input cell(s) and one result")
            }
            let result = try parseExpr()
            let close = try expectPunct("|", "to close the row")
            table.rows.append((cells, result, rowStart.span.to(close.span)))
        }
        if table.rows.isEmpty {
            throw error(.badTable, table.span, "table `\(name.text)` has no rows")
        }
        return table
    }

    mutating func parseCell() throws -> TableDecl.Cell {
        if isPunct("-"), isPunct("|", peek()) { return .any(advance().span) }
        for (p, op) in [(">=", BinaryOp.ge), ("<=", .le), (">", .gt), ("<", .lt), ("=", .eq), ("!=", .ne)] where isPunct(p) {
            _ = advance()
            return .test(op, try parseAdditive())
        }
        return .test(.eq, try parseAdditive())
    }

    /// procedure NAME "title"
    ///   step "业主表决" rule dismissal.resolution
    ///   step "合同终止" done when exists termination [due …] [cite …]
    mutating func parseProcedure() throws -> ProcedureDecl {
        let kw = advance()
        let name = try expectIdentifier("after `procedure`")
        let (title, _) = try plainString("(the procedure's title)")
        var steps: [ProcedureDecl.Step] = []
        while accept(.step) {
            let s = tokens[index - 1].span
            let (t, ts) = try plainString("(the step's title)")
            var step = ProcedureDecl.Step(title: t, rule: nil, condition: nil, due: nil, span: s.to(ts))
            if accept(.rule) {
                let (r, rs) = try parseRuleId("after `rule`")
                step.rule = r
                step.span = s.to(rs)
            } else if current.kind == .identifier && current.text == "done" {
                _ = advance()
                _ = try expect(.when, "after `done`", help: "write `done when CONDITION`")
                let c = try parseExpr()
                step.condition = c
                step.span = s.to(c.span)
            } else {
                throw error(.expected, current.span, "expected `rule RULE-ID` or `done when CONDITION` after the step's title, found \(describe(current))")
            }
            while true {
                if accept(.due) { step.due = try parseExpr() }
                else if accept(.cite) { step.cites += try parseCites() }
                else { break }
            }
            steps.append(step)
        }
        if steps.isEmpty {
            throw error(.expected, current.span, "procedure `\(name.text)` has no steps", help: "add `step \"title\" rule RULE-ID`")
        }
        return ProcedureDecl(name: name.text, title: title, steps: steps, span: kw.span.to(name.span))
    }
}
