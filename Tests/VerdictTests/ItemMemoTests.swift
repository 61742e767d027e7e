import Foundation
import Testing
@testable import VerdictCore
@testable import VerdictXML

/// Lookups and tests over one element are computed once per element and read back in later
/// passes (`ExprKind.memo`, `ItemMemo`): which expressions are kept, and that a kept value is
/// always the value computed afresh.
@Suite("Per-element memos")
struct ItemMemoTests {
    /// Members, their votes, and two indexes of members (one depends on a parameter).
    static let declarations = """
    article law-1 "某法 第一条"
      ¶1 "第一款。"
    shape member
      id: text
      area: decimal
    shape vote
      member: text
      choice: text
    fact members: list of member at "/dossier/member"
    fact votes: list of vote at "/dossier/vote"
    param min-area = 50 source "测试来源"
    let roll = index m in members by m.id
    let large = index m in [m in members where m.area >= min-area] by m.id

    """

    static let rules = declarations + """
    let known(v: vote) = v.member in roll

    rule t.one "first pass"
      must
      cite law-1
      let yes = count v in votes where v.member in roll and v.choice = "yes"
      let area = sum roll[v.member].area for v in votes where v.member in roll
      let large-votes = count v in votes where v.member in large
      decide
        otherwise pass "{yes} {area} {large-votes}"

    rule t.two "second pass, the same meanings written again"
      must
      cite law-1
      let strangers = [v.member for v in votes where not (v.member in roll)]
      let area = sum roll[v.member].area for v in votes where v.member in roll and v.choice = "yes"
      let large-votes = count v in votes where v.member in large
      let pairs = count v in votes where v.member = v.choice
      decide
        otherwise pass "{join(strangers, "、")} {area} {large-votes} {pairs}"
    """

    /// Every memo node of an expression tree: (key, binder slot).
    static func memos(_ e: Expr) -> [(key: Int, slot: Int)] {
        var out: [(Int, Int)] = []
        ExprWalker.walk(e) { sub in
            if case .memo(_, let slot, let key, _) = sub.kind { out.append((key, slot)) }
        }
        return out
    }

    static func letBody(_ program: Program, rule: String, _ name: String) -> Expr? {
        guard let l = program.rules[rule]?.first?.body.lets.first(where: { $0.name == name }),
              case .expr(let e) = l.body else { return nil }
        return e
    }

    @Test func lookupsAndTestsOverOneElementAreKeptUnderOneMeaning() throws {
        guard let program = loaded(Self.rules) else { return }
        // `v.member in roll` and `roll[v.member]`: one local, definitions only.
        let area1 = try #require(Self.letBody(program, rule: "t.one", "area"))
        let area2 = try #require(Self.letBody(program, rule: "t.two", "area"))
        let k1 = Self.memos(area1).map(\.key), k2 = Self.memos(area2).map(\.key)
        #expect(k1.count == 2)   // roll[v.member], v.member in roll
        #expect(k2.count == 3)   // the same two, and v.choice = "yes"
        #expect(Set(k1).count == 1, "`k in m` over an index of elements is kept as `m[k]`")
        #expect(Set(k1).isSubset(of: Set(k2)), "the same meaning in another rule shares its key")
        let answered = program.memoAnsweredByLookup.filter { $0 }.count
        #expect(answered >= 4)   // the `in roll` and `in large` tests
        // Inside a definition with a parameter, the parameter is the one local.
        guard let i = program.globalIndex["known"], case .definition(let known) = program.globals[i],
              case .expr(let body) = known.body else {
            Issue.record("no definition known")
            return
        }
        #expect(Self.memos(body).count == 1)
        #expect(Set(Self.memos(body).map(\.key)).isSubset(of: Set(k1)))
        // Two locals (`v.member = v.choice` reads one local twice: kept; an expression with two
        // binders, a rule's own definition or a call is not).
        let pairs = try #require(Self.letBody(program, rule: "t.two", "pairs"))
        #expect(Self.memos(pairs).count == 1)
        let (other, _, text) = checkRules([("u.rules", Self.rules + """

        let codes = index c in [m.id for m in members] by c
        rule t.three "not kept"
          must
          cite law-1
          let names = [v.member for v in votes]
          let twice = count v in votes where some w in votes satisfies w.member = v.member
          let local = count v in votes where v.member in names
          let called = count v in votes where known(v) = true
          let coded = count v in votes where v.member in codes
          decide
            otherwise pass "{twice} {local} {called} {coded}"
        """)])
        guard let other else {
            Issue.record("rules do not load:\n\(text)")
            return
        }
        for name in ["twice", "local"] {
            let e = try #require(Self.letBody(other, rule: "t.three", name))
            #expect(Self.memos(e).isEmpty, "\(name)")
        }
        // An `in` over an index of texts keeps its truth value under its own meaning.
        let coded = try #require(Self.letBody(other, rule: "t.three", "coded"))
        var sites: [Int] = []
        ExprWalker.walk(coded) { if case .memo(_, _, _, let site) = $0.kind { sites.append(site) } }
        #expect(sites.count == 1 && sites.allSatisfy { !other.memoAnsweredByLookup[$0] })
        let called = try #require(Self.letBody(other, rule: "t.three", "called"))
        #expect(Self.memos(called).isEmpty, "a call's value is the call's own memo, not this one")
    }

    /// Findings with the memos and without are the same, on a dossier with a stranger, a
    /// repeated member and texts equal as strings; and on one where a vote has no member (an
    /// unknown, which is never kept).
    @Test func keptValuesAreTheValuesComputedAgain() throws {
        guard let program = loaded(Self.rules) else { return }
        func judge(memoize: Bool, minArea: String?, memberless: Bool = false) -> [String] {
            let source = TreeSource(program: program, root: .init(name: "dossier", attributes: [:], children: []))
            source.add("member", ["id": "a", "area": "40.5"])
            source.add("member", ["id": "b", "area": "60"])
            source.add("member", ["id": "c", "area": "64.99"])
            source.add("member", ["id": "yes", "area": "70.25"])
            for (m, c) in [("a", "yes"), ("b", "no"), ("x", "yes"), ("b", "yes"), ("yes", "yes"), ("c", "no"), ("c", "yes")] {
                source.add("vote", ["member": m, "choice": c])
            }
            if memberless { source.add("vote", ["choice": "yes"]) }
            let params = minArea.map { ParamValues.parse(["min-area": $0], for: program).0 } ?? .shipped
            let interpreter = Interpreter(program: program, source: source, asOf: CivilDate(iso: "2025-07-01")!, params: params)
            interpreter.memoize = memoize
            let findings = interpreter.run()
            #expect(interpreter.memoTables.isEmpty == !memoize)
            return findings.map { f in
                "\(f.rule) \(f.outcome) \(f.message) params=\(f.params.map { "\($0.name)=\($0.value)" }) facts=\(f.facts.map { "\($0.0)=\($0.1)" })"
            }
        }
        for minArea in [nil, "65"] {
            let kept = judge(memoize: true, minArea: minArea), fresh = judge(memoize: false, minArea: minArea)
            #expect(kept == fresh)
            // `large` depends on the parameter: both rules that read it list it, though the
            // second reads the same test of the same votes (kept, it would list nothing).
            #expect(kept.count == 2 && kept.allSatisfy { $0.contains("params=[\"min-area=\(minArea ?? "50")\"]") }, "\(kept)")
        }
        let kept = judge(memoize: true, minArea: nil)
        // yes votes of the roll: a, b (its second), yes, c (its second); areas of the six roll
        // votes 40.5 + 60 + 60 + 70.25 + 64.99 + 64.99; five votes of members of 50 ㎡ or more.
        #expect(kept[0].hasPrefix("t.one pass 4 360.73 5 "), "\(kept[0])")
        #expect(kept[1].hasPrefix("t.two pass x 235.74 5 1 "), "\(kept[1])")
        let unknownKept = judge(memoize: true, minArea: nil, memberless: true)
        #expect(unknownKept == judge(memoize: false, minArea: nil, memberless: true))
        #expect(unknownKept[0].contains("yes=未知：memory.xml:13: vote 缺少属性"), "\(unknownKept[0])")
    }

    /// The shipped library on every shipped example: the same findings with the memos and without.
    @Test func shippedExamplesJudgeTheSameWithoutTheMemos() throws {
        let engine = Repo.engine
        let files = try FileManager.default.subpathsOfDirectory(atPath: Repo.path("examples"))
            .filter { $0.hasSuffix(".xml") && !$0.hasPrefix("firms-2024") }.sorted()
        #expect(files.count > 50)
        var compared = 0
        for f in files {
            let path = Repo.path("examples/" + f)
            guard case .success(let doc) = engine.read(path) else { continue }
            let asOf = doc.asOfText.flatMap { CivilDate(iso: Substring($0)) } ?? CivilDate(iso: "2025-07-01")!
            func findings(_ memoize: Bool) -> [String] {
                let i = Interpreter(program: engine.program, source: doc, asOf: asOf)
                i.memoize = memoize
                return i.run().map { "\($0.rule) \($0.subject ?? "") \($0.outcome) \($0.message) \($0.facts.map { "\($0.0)=\($0.1)" }) \($0.steps.map(\.action)) \($0.changes)" }
            }
            #expect(findings(true) == findings(false), "\(f)")
            compared += 1
        }
        #expect(compared > 50)
    }

    /// `distinct … by k` over items whose element an index found by `k` is told apart by that
    /// element (`distinctByFound`): the same items in the same order as by the key's text,
    /// texts equal as strings (é written two ways) included; computed as written when an item
    /// was not found (a stranger) or when the key is not an index's key.
    @Test func distinctOverFoundElementsKeepsTheFirstOfEachKey() throws {
        let rules = Self.declarations + """
        let counted = distinct v in [v in votes where v.member in roll] by v.member
        let counted-large = distinct v in [v in votes where v.member in large] by v.member
        let firsts = distinct v in votes by v.member
        let by-choice = distinct v in [v in votes where v.member in roll] by v.choice
        let shown(vs: list of vote) = join([v.member + ":" + v.choice for v in vs], ",")

        rule t.d "distinct"
          must
          cite law-1
          decide
            otherwise pass "{shown(counted)} | {shown(counted-large)} | {shown(firsts)} | {shown(by-choice)}"
        """
        guard let program = loaded(rules) else { return }
        func judge(memoize: Bool) -> (String, Int) {
            let source = TreeSource(program: program, root: .init(name: "dossier", attributes: [:], children: []))
            for (id, area) in [("a", "40"), ("b", "60"), ("c", "70"), ("\u{E9}", "80")] {
                source.add("member", ["id": id, "area": area])
            }
            for (m, c) in [("a", "yes"), ("b", "no"), ("x", "yes"), ("b", "yes"), ("e\u{301}", "yes"), ("\u{E9}", "no"), ("c", "no"), ("c", "yes")] {
                source.add("vote", ["member": m, "choice": c])
            }
            let interpreter = Interpreter(program: program, source: source, asOf: CivilDate(iso: "2025-07-01")!)
            interpreter.memoize = memoize
            let message = interpreter.run().first?.message ?? ""
            return (message, interpreter.distinctsByFound)
        }
        let (kept, shortcuts) = judge(memoize: true), (fresh, none) = judge(memoize: false)
        #expect(kept == fresh)
        let counted = "a:yes,b:no,e\u{301}:yes,c:no"
        #expect(kept == "\(counted) | b:no,e\u{301}:yes,c:no | a:yes,b:no,x:yes,e\u{301}:yes,c:no | a:yes,b:no", "\(kept)")
        // `counted`, and `counted-large` through `roll`'s kept elements (every one of its votes
        // was looked up in `roll` by `counted`): any index of the same key tells them apart.
        // Not `firsts` (x is in no index), nor `by-choice` (no index by choice).
        #expect(shortcuts == 2, "\(shortcuts)")
        #expect(none == 0)
    }

    /// Short decimals kept by element: scattered elements, in both directions, each read back
    /// as kept; an element never kept reads nothing.
    @Test func decimalsAreKeptByElement() {
        var memo = DecimalMemo()
        let elements = [500, 20, 9_000, 21, 499, 0, 12_345]
        for (i, n) in elements.enumerated() {
            memo.keep((Rational(ExactInteger(n * 100 + i), ExactInteger(100))!, Int16(i)), at: n)
        }
        for (i, n) in elements.enumerated() {
            let kept = memo.value(at: n)
            #expect(kept?.value == Rational(ExactInteger(n * 100 + i), ExactInteger(100)) && kept?.scale == Int16(i), "\(n)")
        }
        for n in [1, 19, 22, 501, 8_999, 12_346, -1] { #expect(memo.value(at: n) == nil, "\(n)") }
    }

    /// The window of kept values widens both ways and keeps what it held.
    @Test func theWindowWidensBothWays() {
        var memo = ItemMemo()
        memo.keep(.boolean(true), at: 10)
        memo.keep(.boolean(false), at: 5)
        memo.keep(.boolean(true), at: 20)
        memo.keep(.node(FactNode(raw: 7), shape: "member"), at: 12)
        memo.keep(.node(FactNode(raw: 8), shape: "vote"), at: 13)      // another shape: not kept
        memo.keep(.number(Rational(3), scale: 0), at: 14)                // not kept
        memo.keep(.node(FactNode(raw: 9), shape: "member"), at: 3)
        if case .boolean(true)? = memo.value(at: 10) {} else { Issue.record("10") }
        if case .boolean(false)? = memo.value(at: 5) {} else { Issue.record("5") }
        if case .boolean(true)? = memo.value(at: 20) {} else { Issue.record("20") }
        if case .node(let n, let s)? = memo.value(at: 12) { #expect(n.raw == 7 && s == "member") } else { Issue.record("12") }
        if case .node(let n, _)? = memo.value(at: 3) { #expect(n.raw == 9) } else { Issue.record("3") }
        #expect(memo.value(at: 13) == nil)
        #expect(memo.value(at: 14) == nil)
        #expect(memo.value(at: 6) == nil)
        #expect(memo.value(at: 1_000) == nil)
        #expect(memo.value(at: -1) == nil)
        // Met in descending order (a sorted list), every value is kept where it belongs.
        var down = ItemMemo()
        for n in stride(from: 5_000, through: 0, by: -1) { down.keep(.boolean(n % 3 == 0), at: n) }
        for n in 0...5_000 {
            guard case .boolean(let b)? = down.value(at: n) else {
                Issue.record("\(n) not kept")
                break
            }
            #expect(b == (n % 3 == 0))
        }
    }
}

/// A rule's own definition written alike in several rules is computed once per item
/// (`SharedLets`) when it is plain: no parameter, basis, table, rule outcome or Art. 203 move
/// behind it, and no other rule-local definition in it.
@Suite("Shared rule-local definitions")
struct SharedLetsTests {
    static func key(_ program: Program, _ rule: String, _ name: String) -> Int? {
        guard let l = program.rules[rule]?.first?.body.lets.first(where: { $0.name == name }) else { return nil }
        return program.sharedLets[l.span]
    }

    @Test func participatingAreaIsComputedOncePerDecision() throws {
        let program = Repo.engine.program
        let quorum = try #require(Self.key(program, "assembly.quorum", "participating-area"))
        #expect(Self.key(program, "assembly.approval", "participating-area") == quorum)
        // Same name, different meaning: not one value.
        #expect(Self.key(program, "assembly.quorum", "area-met") != Self.key(program, "assembly.approval", "area-met")
                || Self.key(program, "assembly.quorum", "area-met") == nil)
    }

    @Test func onlyPlainDefinitionsAreShared() throws {
        let rules = """
        article law-1 "某法 第一条"
          ¶1 "第一款。"
        shape item
          id: text
          amount: decimal
          days: optional integer
        fact items: list of item at "/dossier/item"
        param limit = 10 source "测试来源"
        let doubled(i: item) = i.amount * 2
        let capped = limit * 2
        let period = 60 days per law-1 ¶1 unless first-days days per "合同约定"
        let first-days = min i.days for i in items

        rule t.a "a"
          must
          cite law-1
          for each i in items, subject i.id
          let plain = doubled(i) + i.amount
          let with-param = i.amount + limit
          let through-param = i.amount + capped
          let with-default = as-of + period
          let with-local = plain + 1
          let moved = moved-to-working-day(as-of)
          decide
            otherwise pass "{plain} {with-param} {through-param} {with-default} {with-local} {moved}"

        rule t.b "b"
          must
          cite law-1
          for each i in items, subject i.id
          let plain = doubled(i) + i.amount
          let with-param = i.amount + limit
          let through-param = i.amount + capped
          let with-default = as-of + period
          let with-local = plain + 1
          let moved = moved-to-working-day(as-of)
          decide
            otherwise pass "{plain} {with-param}"
        """
        guard let program = loaded(rules) else { return }
        let plain = try #require(Self.key(program, "t.a", "plain"))
        #expect(Self.key(program, "t.b", "plain") == plain)
        // Each is written alike in both rules, so only its purity keeps it from being shared.
        for name in ["with-param", "through-param", "with-default", "with-local", "moved"] {
            #expect(Self.key(program, "t.a", name) == nil, "\(name)")
            #expect(Self.key(program, "t.b", name) == nil, "\(name)")
        }
        // The findings list the parameter in both rules, and the values agree with and without sharing.
        func judge(_ memoize: Bool) -> [String] {
            let source = TreeSource(program: program, root: .init(name: "dossier", attributes: [:], children: []))
            source.add("item", ["id": "a", "amount": "1.5", "days": "30"])
            source.add("item", ["id": "b", "amount": "2"])
            let interpreter = Interpreter(program: program, source: source, asOf: CivilDate(iso: "2025-07-01")!)
            interpreter.memoize = memoize
            let findings = interpreter.run()
            #expect(interpreter.sharedLetValues.isEmpty == !memoize)
            return findings.map { "\($0.rule) \($0.subject ?? "") \($0.message) \($0.params.map(\.name)) \($0.facts.map { "\($0.0)=\($0.1)" })" }
        }
        let shared = judge(true)
        #expect(shared == judge(false))
        #expect(shared.count == 4)
        #expect(shared[2].hasPrefix("t.b a 4.5 11.5 [\"limit\"]"), "\(shared[2])")
    }
}

/// The program of one rule file `t.rules`, or nil with the rendered diagnostics recorded.
func loaded(_ rules: String) -> Program? {
    let (program, _, rendered) = checkRules([("t.rules", rules)])
    if program == nil { Issue.record("rules do not load:\n\(rendered)") }
    return program
}
