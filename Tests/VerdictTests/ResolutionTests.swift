import Testing
@testable import VerdictCore

/// The resolution pass (Sources/VerdictCore/Resolution): every name bound once when the
/// rules load, the binding kept in the program, and the evaluator reading only bindings.
@Suite("Name resolution")
struct ResolutionTests {
    @Test func everyNameOfTheShippedLibraryIsBound() throws {
        let program = Repo.engine.program
        var unbound: [String] = []
        var names = 0
        for e in Linter(program: program, schema: nil, templateNames: []).everyExpression {
            ExprWalker.walk(e) { sub in
                switch sub.kind {
                case .name(let n, let ref):
                    names += 1
                    if ref == .unresolved { unbound.append(n) }
                case .call(let n, _, _, let ref):
                    names += 1
                    if ref == .unresolved { unbound.append(n + "()") }
                default: break
                }
            }
        }
        #expect(names > 500)
        #expect(unbound.isEmpty, "unbound: \(unbound.prefix(10))")
        // The symbol table has every use, in source order.
        #expect(program.uses.count >= names)
        #expect(zip(program.uses, program.uses.dropFirst()).allSatisfy { !($1.span < $0.span) })
    }

    @Test func bindingsFollowTheScopes() throws {
        let (program, _, rendered) = checkRules([("t.rules", InterpreterTests.header + """
        let n = 7
        let twice(x: decimal) = x + x
        rule t.scope "scope"
          must
          cite law-1
          for each i in items, subject i.id
          let a = i.amount
          let b = a + n
          decide
            pass when every j in items satisfies j.amount <= b + twice(a)
            otherwise fail
        """)])
        let p = try #require(program, "\(rendered)")
        let rule = try #require(p.rules["t.scope"]?.first)
        // `a` in `let b = a + n`: the rule's first own definition; `n`: a global.
        guard case .expr(let b) = rule.body.lets[1].body, case .binary(_, let l, let r) = b.kind else {
            Issue.record("unexpected shape of `b`")
            return
        }
        guard case .name("a", let aRef) = l.kind, case .name("n", let nRef) = r.kind else {
            Issue.record("unexpected operands")
            return
        }
        #expect(aRef == .ruleLocal(0))
        #expect(nRef == .global(try #require(p.globalIndex["n"])))
        // `i` (the rule's binder) is slot 0; `j` (the quantifier's) slot 1.
        let cond = try #require(rule.body.branches.first?.condition)
        guard case .quantifier(_, let j, _, _, let body) = cond.kind else {
            Issue.record("expected a quantifier")
            return
        }
        #expect(rule.forEach?.binder.slot == 0)
        #expect(j.slot == 1)
        var refs: [String: NameRef] = [:]
        var calls: [String: CallRef] = [:]
        ExprWalker.walk(body) { sub in
            if case .name(let n, let ref) = sub.kind { refs[n] = ref }
            if case .call(let n, _, _, let ref) = sub.kind { calls[n] = ref }
        }
        #expect(refs["j"] == .local(1))
        #expect(refs["b"] == .ruleLocal(1))
        #expect(refs["a"] == .ruleLocal(0))
        #expect(calls["twice"] == .definition(try #require(p.globalIndex["twice"])))
        // A definition's parameter is its slot.
        guard case .definition(let twice) = p.globals[try #require(p.globalIndex["twice"])],
              case .expr(let tb) = twice.body, case .binary(_, let x, _) = tb.kind else {
            Issue.record("expected twice(x) = x + x")
            return
        }
        guard case .name("x", let xRef) = x.kind else { return }
        #expect(xRef == .local(0))
    }

    @Test func anInnerBinderShadowsAnOuterOne() throws {
        let fs = try InterpreterTests().run("""
        rule t.shadow "shadow"
          must
          cite law-1
          for each i in items, subject i.id
          let inner = count i in items where i.amount > 5
          decide
            pass when inner = 2 and i.amount > 0
            otherwise fail "{inner}"
        """, [["id": "a", "amount": "1"], ["id": "b", "amount": "6"], ["id": "c", "amount": "9"]])
        #expect(fs.map(\.outcome) == [.pass, .pass, .pass])
    }

    @Test func aBinderWithADefinitionsNameIsNotAUseOfIt() throws {
        let (program, _, rendered) = checkRules([("t.rules", InterpreterTests.header + """
        let spare = 1
        rule t.binder "binder"
          must
          cite law-1
          decide
            pass when every spare in items satisfies spare.amount > 0
            otherwise fail
        """)])
        let p = try #require(program, "\(rendered)")
        var linter = Linter(program: p, schema: nil, templateNames: [])
        let ds = linter.run()
        #expect(ds.contains { $0.code == .unusedDefinition && $0.message.contains("`spare`") },
                "lint: \(ds.map(\.message))")
    }
}
