import Foundation
import Testing
import VerdictCore

/// Deep but legal rule programs, at the limits of Grammar.md §9.3, judged right on ordinary
/// stacks: recursion past a thread's stack continues on fresh segments (`StackSegments`).
@Suite("Deep programs on ordinary stacks", .serialized)
struct DeepProgramTests {
    static func rule(_ id: String, _ condition: String) -> String {
        "rule \(id) \"生成的规则\"\n  advice\n  for community dossiers\n  cite 民法典-946 ¶1\n"
            + "  decide\n    pass when \(condition) \"ok\"\n    otherwise fail \"no\"\n"
    }

    /// Each program holds one chain at (or next to) its limit and a rule that passes only if
    /// the whole chain was evaluated exactly.
    static let programs: [(name: String, text: String, rule: String)] = {
        let n = 19_999
        var lets = "", calls = "", rules = ""
        for i in 0..<n { lets += "let zz-a\(i) = zz-a\(i + 1) + 1\n" }
        lets += "let zz-a\(n) = 0\n" + rule("zz.let-chain", "zz-a0 = \(n)")
        for i in 0..<n { calls += "let zz-f\(i)(x: decimal) = zz-f\(i + 1)(x) + 1\n" }
        calls += "let zz-f\(n)(x: decimal) = x * 2\n" + rule("zz.call-chain", "zz-f0(3) = \(n + 6)")
        let sum = "let zz-sum = " + Array(repeating: "1", count: n).joined(separator: " + ") + "\n" + rule("zz.sum", "zz-sum = \(n)")
        // Subtraction is not associative: evaluated left to right, 100 - 1 - 1 … is 100 - n.
        let difference = "let zz-diff = 100 - " + Array(repeating: "1", count: n - 1).joined(separator: " - ") + "\n"
            + rule("zz.diff", "zz-diff = \(100 - (n - 1))")
        // Two rules write the same `let` over the chain's head: whether it is plain (and so
        // shared, `SharedLets`) is decided through all 20,000 definitions when the rules load.
        var shared = ""
        for i in 0..<n { shared += "let zz-a\(i) = zz-a\(i + 1) + 1\n" }
        shared += "let zz-a\(n) = 0\n"
        for id in ["zz.shared-a", "zz.shared-b"] {
            shared += "rule \(id) \"生成的规则\"\n  advice\n  for community dossiers\n  cite 民法典-946 ¶1\n"
                + "  for each o in owners, subject o.id\n  let depth = zz-a0 + 0\n"
                + "  decide\n    pass when depth = \(n) \"ok\"\n    otherwise fail \"no\"\n"
        }
        for i in 0..<999 { rules += rule("zz.r\(i)", "passed zz.r\(i + 1)") }
        rules += rule("zz.r999", "true")
        return [("let-chain", lets, "zz.let-chain"), ("call-chain", calls, "zz.call-chain"),
                ("sum", sum, "zz.sum"), ("difference", difference, "zz.diff"), ("rule-chain", rules, "zz.r0"),
                ("shared-let-chain", shared, "zz.shared-b")]
    }()

    @Test(arguments: programs.map(\.name))
    func deepProgramIsJudged(_ name: String) throws {
        guard let program = Self.programs.first(where: { $0.name == name }) else {
            Issue.record("no program \(name)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-deep-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules").path
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: rules)
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        try Data(program.text.utf8).write(to: URL(fileURLWithPath: rules).appendingPathComponent("zz-\(name).rules"))
        let r = try runVerdict(["check", "--format", "json", "--rules", rules, "examples/community/committee-size-5.xml"])
        #expect(r.status == 0, "\(name): exit \(r.status); \(r.stderr.prefix(400))")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let findings = ((json?["dossiers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        let finding = findings.first { $0["rule"] as? String == program.rule }
        #expect(finding?["outcome"] as? String == "pass", "\(name): \(String(describing: finding))")
        if name == "rule-chain" {
            let chain = findings.filter { ($0["rule"] as? String)?.hasPrefix("zz.r") == true }
            #expect(chain.count == 1_000)
            #expect(chain.allSatisfy { $0["outcome"] as? String == "pass" })
        }
    }

    /// `explain` of a 10,001-long chain: every step's trace would hold every step below it
    /// (3.8 GB, then a crash); chains deeper than `Judge.maxTracedChain` are judged without steps,
    /// and the explanation says why. A chain within the bound keeps its steps.
    @Test func explainOfADeepChainLeavesOutTheSteps() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-deep-explain-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules").path
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: rules)
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        try FileManager.default.copyItem(atPath: Repo.path("Tests/Fixtures/rules-bad/let-chain-10000.rules"),
                                         toPath: URL(fileURLWithPath: rules).appendingPathComponent("zz-deep.rules").path)
        var short = ""
        for i in 0..<999 { short += "let zz-b\(i) = zz-b\(i + 1) + 1\n" }
        short += "let zz-b999 = 0\n" + Self.rule("zz.short-chain", "zz-b0 = 999")
        try Data(short.utf8).write(to: URL(fileURLWithPath: rules).appendingPathComponent("zz-short.rules"))
        let deep = try runVerdict(["explain", "zz.let-chain", "examples/community/committee-size-5.xml", "--rules", rules])
        #expect(deep.status == 0, "\(deep.stderr.prefix(300))")
        #expect(deep.stdout.contains("结论 outcome: pass"))
        #expect(deep.stdout.contains("steps not traced: definitions depend on each other 10001 deep"))
        let within = try runVerdict(["explain", "zz.short-chain", "examples/community/committee-size-5.xml", "--rules", rules])
        #expect(within.status == 0, "\(within.stderr.prefix(300))")
        #expect(within.stdout.contains("结论 outcome: pass"))
        #expect(!within.stdout.contains("steps not traced"))
        #expect(within.stdout.contains("zz-b500"))
    }

    static func depth(_ n: Int) -> Int {
        if StackSegments.isLow { return StackSegments.onFreshSegment { _ in depth(n) } }
        var padding = (n, n &+ 1, n &+ 2, n &+ 3)  // a frame of some size, as the evaluator's are
        withUnsafeMutablePointer(to: &padding) { _ in }
        return n == 0 ? 0 : 1 + depth(n - 1)
    }

    /// The mechanism itself: a recursion far deeper than a 4 MiB thread's stack completes, on
    /// segments, with the right result, and comes back to the thread it started on.
    @Test func recursionMovesToFreshSegments() {
        final class Box: @unchecked Sendable { var sum = 0; var backHome = false }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let home = Thread.current
            box.sum = Self.depth(300_000)
            box.backHome = Thread.current == home
            done.signal()
        }
        thread.stackSize = 4 << 20
        thread.start()
        done.wait()
        #expect(box.sum == 300_000)
        #expect(box.backHome)
    }
}
