import Testing
@testable import VerdictCore

/// A dossier as a small in-memory tree: the interpreter needs only `FactSource`.
final class TreeSource: FactSource {
    struct Element {
        var name: String
        var attributes: [String: String]
        var children: [Int]
    }
    var elements: [Element] = []
    let program: Program
    var path: String { "memory.xml" }
    var root: FactNode { FactNode(raw: 0) }

    init(program: Program, root: Element) {
        self.program = program
        elements = [root]
    }

    @discardableResult
    func add(_ name: String, _ attributes: [String: String] = [:], under parent: Int = 0) -> Int {
        elements.append(Element(name: name, attributes: attributes, children: []))
        elements[parent].children.append(elements.count - 1)
        return elements.count - 1
    }

    /// Child steps only: "/dossier/a/b" from the root, or "a/b" from a context element.
    func select(_ pathId: Int, from context: FactNode) -> Result<[FactNode], FactError> {
        let xpath = program.paths[pathId]
        var steps = xpath.split(separator: "/").map(String.init)
        var current: [Int] = [Int(context.raw)]
        if xpath.hasPrefix("/") {
            guard steps.first == elements[0].name else { return .success([]) }
            steps.removeFirst()
            current = [0]
        }
        for s in steps {
            current = current.flatMap { elements[$0].children.filter { elements[$0].name == s } }
        }
        return .success(current.map { FactNode(raw: UInt($0)) })
    }

    func attribute(_ name: String, of node: FactNode) -> String? { elements[Int(node.raw)].attributes[name] }
    func line(of node: FactNode) -> Int { Int(node.raw) + 1 }
    func elementName(of node: FactNode) -> String { elements[Int(node.raw)].name }
    /// Numbered like the fact store, so the interpreter's per-element memos run here too.
    var elementCount: Int { elements.count }
}

@Suite("Interpreter semantics")
struct InterpreterTests {
    static let header = """
    article law-1 "某法 第一条"
      ¶1 "第一款。"
      ¶2 "第二款。"
    shape item
      id: text
      amount: decimal
      date: optional date
      days: optional integer
    fact items: list of item at "/dossier/item"
    param default-days = 30 days source "测试来源" placeholder

    """

    func run(_ rules: String, asOf: String = "2025-07-01", _ items: [[String: String]]) throws -> [Finding] {
        let (program, _, rendered) = checkRules([("t.rules", Self.header + rules)])
        guard let program else {
            Issue.record("rules do not load:\n\(rendered)")
            return []
        }
        let source = TreeSource(program: program, root: .init(name: "dossier", attributes: [:], children: []))
        for attrs in items { source.add("item", attrs) }
        return Interpreter(program: program, source: source, asOf: CivilDate(iso: asOf)!).run()
    }

    @Test func unknownNeverBecomesAPass() throws {
        let fs = try run("""
        rule t.sum "sum"
          must
          cite law-1
          for each i in items, subject i.id
          decide
            pass when i.amount > 10
            otherwise fail
        """, [["id": "a", "amount": "11"], ["id": "b", "amount": "1,5"], ["id": "c", "amount": "10"]])
        #expect(fs.map(\.outcome) == [.pass, .unknown, .fail])
        #expect(fs[1].message.contains("memory.xml:3"))
        #expect(fs[1].message.contains("'1,5' is not a decimal"))
    }

    @Test func kleeneLogicDecidesWhatItCan() throws {
        let fs = try run("""
        rule t.and "false and unknown is false"
          must
          cite law-1
          for each i in items, subject i.id
          decide
            pass when i.amount > 100 and i.date <= as-of
            fail when i.amount > 100 or i.date <= as-of
            otherwise pending
        """, [["id": "a", "amount": "5"], ["id": "b", "amount": "500"], ["id": "c", "amount": "5", "date": "2025-01-01"]])
        // a: amount false → and false; or: false or unknown(date absent) → unknown.
        #expect(fs.map(\.outcome) == [.unknown, .unknown, .fail])
        #expect(fs[0].message.contains("缺失"))
    }

    @Test func defaultAndExceptionAreRecorded() throws {
        let fs = try run("""
        let period = 60 days per law-1 ¶1 unless first-days days per "合同约定"
        let first-days = min i.days for i in items
        rule t.period "period"
          must
          cite law-1 ¶1
          let p = period
          decide
            otherwise pass "{p}"
        """, [["id": "a", "amount": "1", "days": "30"]])
        #expect(fs.first?.message == "30 日")
        #expect(fs.first?.facts.contains { $0.0 == "period.依据" && $0.1.hasPrefix("约定例外：合同约定") } == true)
        let none = try run("""
        let period = 60 days per law-1 ¶1 unless first-days days per "合同约定"
        let first-days = min i.days for i in items
        rule t.period "period"
          must
          cite law-1 ¶1
          let p = period
          decide
            otherwise pass "{p}"
        """, [["id": "a", "amount": "1"]])
        #expect(none.first?.message == "60 日")
        #expect(none.first?.facts.contains { $0.0 == "period.依据" && $0.1.contains("某法 第一条第一款") } == true)
    }

    @Test func divisionByZeroIsUnknownWithItsReason() throws {
        let fs = try run("""
        rule t.div "share"
          must
          cite law-1
          let share = 1 / count items
          decide
            pass when share > 0
            otherwise fail
        """, [])
        #expect(fs.first?.outcome == .unknown)
        #expect(fs.first?.message.contains("除数为零") == true)
    }

    @Test func placeholderParamsAreListed() throws {
        let fs = try run("""
        rule t.param "param"
          must
          cite law-1
          let deadline = as-of + default-days
          decide
            otherwise pass "{deadline}"
        """, [])
        #expect(fs.first?.message == "2025-07-31")
        #expect(fs.first?.params.map(\.name) == ["default-days"])
        #expect(fs.first?.params.first?.placeholder == true)
        #expect(fs.first?.params.first?.value == "30")
    }

    @Test func tablesFirstAndUniqueHit() throws {
        let fs = try run("""
        table grade(x: decimal) first hit
          | x     | => g |
          | >= 90 | "A" |
          | >= 75 | "B" |
          | -     | "C" |
        table strict(x: decimal) unique hit
          | x     | => g |
          | >= 50 | "high" |
          | >= 10 | "mid" |
        rule t.table "table"
          must
          cite law-1
          for each i in items, subject i.id
          value grade(i.amount)
          let s = strict(i.amount)
          decide
            otherwise pass "{s}"
        """, [["id": "a", "amount": "90"], ["id": "b", "amount": "89.99"], ["id": "c", "amount": "60"], ["id": "d", "amount": "5"]])
        #expect(fs.map { $0.value } == ["A", "B", "C", "C"])
        #expect(fs[2].facts.first { $0.0 == "s" }?.1.contains("2 rows match") == true)
        #expect(fs[3].facts.first { $0.0 == "s" }?.1.contains("no row matches") == true)
    }

    @Test func theVersionInForceOnTheEventDateApplies() throws {
        let rules = """
        rule t.v "old law"
          must
          cite law-1
          in force from 2021-01-01 on i.date earlier law "旧法"
          for each i in items, subject i.id
          decide
            otherwise pass "new"
        """
        let fs = try run(rules, [["id": "a", "amount": "1", "date": "2021-01-01"], ["id": "b", "amount": "1", "date": "2020-12-31"]])
        #expect(fs.map(\.outcome) == [.pass, .unknown])
        #expect(fs[1].message.contains("旧法"))
        let two = try run(rules + """

        rule t.v "older law"
          must
          cite law-1
          in force until 2020-12-31 on i.date
          for each i in items, subject i.id
          decide
            otherwise fail "old"
        """, [["id": "a", "amount": "1", "date": "2021-01-01"], ["id": "b", "amount": "1", "date": "2020-12-31"]])
        #expect(two.map(\.message) == ["new", "old"])
    }

    @Test func latestTakesTheLastOnATie() throws {
        let fs = try run("""
        rule t.latest "latest"
          must
          cite law-1
          let newest = latest i in items by i.date
          let oldest = earliest i in items by i.date
          decide
            otherwise pass "{newest.id} {oldest.id}"
        """, [["id": "a", "amount": "1", "date": "2025-01-01"], ["id": "b", "amount": "1", "date": "2025-01-01"], ["id": "c", "amount": "1", "date": "2024-01-01"]])
        #expect(fs.first?.message == "b c")
    }

    @Test func whenNoneGivesOneFindingWithoutSubject() throws {
        let fs = try run("""
        rule t.none "none"
          must
          cite law-1
          for each i in items, subject i.id
          decide
            otherwise pass
          when none
            decide
              otherwise pending "nothing yet" step "do it" due as-of + 10 days
        """, [])
        #expect(fs.count == 1)
        #expect(fs.first?.subject == nil)
        #expect(fs.first?.outcome == .pending)
        #expect(fs.first?.steps.first?.due == CivilDate(iso: "2025-07-11"))
    }
}
