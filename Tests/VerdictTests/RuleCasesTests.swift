import Foundation
import Testing

@Suite("verdict test", .serialized)
struct RuleCasesTests {
    @Test func shippedCasesPass() throws {
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-junit-\(getpid()).xml").path
        defer { try? FileManager.default.removeItem(atPath: junit) }
        let r = try runVerdict(["test", "--junit", junit, "rules"])
        #expect(r.status == 0, "\(r.stdout.suffix(2000))")
        #expect(r.stdout.contains(" passed, 0 failed\n"))
        let xml = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(xml.contains("<testsuites name=\"verdict test\""))
        #expect(xml.contains("failures=\"0\""))
    }

    @Test func aChangedExpectationFailsWithBothSides() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-cases-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let rules = dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: rules.path)
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        try "cases\n".write(to: rules.appendingPathComponent("cases.paths"), atomically: true, encoding: .utf8)
        let cases = rules.appendingPathComponent("cases")
        try? FileManager.default.createDirectory(at: cases, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Repo.path("examples/community/quorum-one-cent-below.xml"), toPath: cases.appendingPathComponent("q.xml").path)
        let expect = try String(contentsOfFile: Repo.path("examples/community/quorum-one-cent-below.expect"), encoding: .utf8)
        let changed = expect.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            // The outcome line only (the lines with step~/change~ check what the failure says).
            line.hasPrefix("assembly.quorum") && !line.contains("~") ? line.replacingOccurrences(of: "fail", with: "pass") : String(line)
        }.joined(separator: "\n")
        #expect(changed != expect)
        try changed.write(to: cases.appendingPathComponent("q.expect"), atomically: true, encoding: .utf8)
        let r = try runVerdict(["test", "--coverage", rules.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("assembly.quorum d1: outcome: expected pass, got fail"), "\(r.stdout)")
        #expect(r.stdout.contains("1 failed\n"))
        #expect(r.stdout.contains("规则 rule"))
    }
}
