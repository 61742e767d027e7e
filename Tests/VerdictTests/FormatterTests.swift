import Foundation
import Testing
@testable import VerdictCore

@Suite("verdict fmt")
struct FormatterTests {
    static let ruleFiles: [String] = {
        let dir = Repo.path("rules")
        let all = (FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".rules") }
        return all.sorted()
    }()

    @Test(arguments: ruleFiles)
    func shippedRulesAreFormatted(_ rel: String) throws {
        let text = try String(contentsOfFile: Repo.path("rules/\(rel)"), encoding: .utf8)
        guard case .success(let out) = Formatter.format(text, path: rel) else {
            Issue.record("\(rel) does not format")
            return
        }
        #expect(out == text, "rules/\(rel) is not formatted: run `verdict fmt rules`")
    }

    /// Random re-spacing: extra spaces, odd indentation, blank lines.
    static func scramble(_ text: String, seed: UInt64) -> String {
        var rng = seed
        func next() -> UInt64 { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return rng >> 33 }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { out += "\n"; continue }
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") || line.contains("\"") {
                // Keep strings and comments intact; only move the line.
                out += String(repeating: " ", count: Int(next() % 7)) + line.trimmingCharacters(in: .whitespaces) + "\n"
                continue
            }
            var s = String(repeating: " ", count: Int(next() % 9))
            for word in line.split(separator: " ") { s += word + String(repeating: " ", count: 1 + Int(next() % 3)) }
            out += s + "\n"
            if next() % 5 == 0 { out += "\n\n" }
        }
        return out
    }

    @Test(arguments: ["community/assembly.rules", "community/dismissal.rules", "firm/service.rules", "dossier.rules"])
    func scrambledFileComesBackCanonical(_ rel: String) throws {
        let original = try String(contentsOfFile: Repo.path("rules/\(rel)"), encoding: .utf8)
        let scrambled = Self.scramble(original, seed: 42)
        #expect(scrambled != original)
        guard case .success(let out) = Formatter.format(scrambled, path: rel) else {
            Issue.record("the scrambled \(rel) does not format")
            return
        }
        // Equal in meaning: the same tree as the original.
        var p1 = Parser(file: SourceFile(path: rel, text: original), fileIndex: 0)
        var p2 = Parser(file: SourceFile(path: rel, text: out), fileIndex: 0)
        #expect(TreeDump.of(p1.parseFile()) == TreeDump.of(p2.parseFile()))
        // Canonical: formatting it again changes nothing, and each line's words match the original's.
        guard case .success(let twice) = Formatter.format(out, path: rel) else { return }
        #expect(twice == out)
        let words = { (s: String) in s.split(whereSeparator: { $0 == " " || $0 == "\n" }) }
        #expect(words(out) == words(original))
    }

    @Test func tablesAreAligned() throws {
        let text = "table t(x: decimal) first hit\n| x | => g |\n| >= 90 | \"A\" |\n|- | \"B\"|\n"
        guard case .success(let out) = Formatter.format(text) else { Issue.record("no format"); return }
        #expect(out == "table t(x: decimal) first hit\n  | x     | => g |\n  | >= 90 | \"A\" |\n  | -     | \"B\" |\n")
    }

    @Test func commentsAndArticleTextAreKept() throws {
        let text = "# 说明\narticle a-1 \"甲法 第一条\"\n      ¶1   \"原文，  一字不改。\"   # 注\n"
        guard case .success(let out) = Formatter.format(text) else { Issue.record("no format"); return }
        #expect(out == "# 说明\narticle a-1 \"甲法 第一条\"\n  ¶1 \"原文，  一字不改。\"  # 注\n")
    }

    @Test func brokenFilesAreNotFormatted() {
        guard case .failure(.doesNotParse(let ds)) = Formatter.format("rule a.b \"t\"\n  must\n  decide\n    pass when (\n") else {
            Issue.record("expected a parse failure")
            return
        }
        #expect(!ds.isEmpty)
    }

    @Test func fmtCheckCommand() throws {
        let ok = try runVerdict(["fmt", "--check", "rules"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-fmt-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let messy = dir.appendingPathComponent("messy.rules").path
        try "param   x =   5\n   source \"s\"\n".write(toFile: messy, atomically: true, encoding: .utf8)
        let check = try runVerdict(["fmt", "--check", messy])
        #expect(check.status == 1)
        #expect(check.stdout.contains("messy.rules"))
        let fix = try runVerdict(["fmt", messy])
        #expect(fix.status == 0)
        #expect(try String(contentsOfFile: messy, encoding: .utf8) == "param x = 5\n  source \"s\"\n")
    }

    @Test func fmtWithoutAPathUsesTheRulesDirectory() throws {
        // Like `verdict test` and `verdict lint`: ./rules.
        let shipped = try runVerdict(["fmt", "--check"])
        #expect(shipped.status == 0, "\(shipped.stdout)\(shipped.stderr)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-fmt-default-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("rules"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "param   x =   5\n   source \"s\"\n".write(to: dir.appendingPathComponent("rules/messy.rules"), atomically: true, encoding: .utf8)
        let check = try runVerdict(["fmt", "--check"], cwd: dir.path)
        #expect(check.status == 1)
        #expect(check.stdout == "rules/messy.rules\n", "\(check.stdout)\(check.stderr)")
        let fix = try runVerdict(["fmt"], cwd: dir.path)
        #expect(fix.status == 0)
        #expect(try runVerdict(["fmt", "--check"], cwd: dir.path).status == 0)
    }
}
