import Foundation
import Testing
@testable import VerdictXML

/// What every report says besides the verdicts: which rules judged, where the date came from,
/// warnings that change nothing, and a status line that never reads as a clean pass over a fail.
@Suite("Report context for clerks")
struct ReportContextTests {
    func json(_ args: [String]) throws -> [String: Any] {
        let r = try runVerdict(["check", "--format", "json"] + args)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func firstDossier(_ obj: [String: Any]) -> [String: Any] { (obj["dossiers"] as? [[String: Any]])?.first ?? [:] }

    @Test func reportsNameTheRulesAndTheirVersion() throws {
        let obj = try json(["examples/community/committee-size-5.xml"])
        let rules = obj["rules"] as? [String: String]
        #expect(rules?["directory"] == Repo.path("rules"))
        #expect(rules?["version"]?.hasPrefix("fnv1a64:") == true)
        #expect(rules?["version"]?.count == "fnv1a64:".count + 16)
        // A changed rule file changes the version.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-version-\(getpid())")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: copy.path)
        defer { try? FileManager.default.removeItem(at: copy) }
        let file = copy.appendingPathComponent("params.rules")
        try (try String(contentsOf: file, encoding: .utf8) + "\n# a comment\n").write(to: file, atomically: true, encoding: .utf8)
        let other = try json(["--rules", copy.path, "examples/community/committee-size-5.xml"])
        #expect((other["rules"] as? [String: String])?["version"] != rules?["version"])
        let text = try runVerdict(["check", "examples/community/committee-size-5.xml"])
        #expect(text.stdout.contains("规则 rules: \(Repo.path("rules"))（版本 version fnv1a64:"))
    }

    @Test func reportsSayWhereTheDateCameFrom() throws {
        #expect(firstDossier(try json(["examples/community/committee-size-5.xml"]))["asOfSource"] as? String == "dossier")
        #expect(firstDossier(try json(["--as-of", "2025-01-01", "examples/community/committee-size-5.xml"]))["asOfSource"] as? String == "--as-of")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-today-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let undated = dir.appendingPathComponent("undated.xml").path
        let text = try String(contentsOfFile: Repo.path("examples/community/committee-size-5.xml"), encoding: .utf8)
        try text.replacingOccurrences(of: #" as-of="[0-9-]+""#, with: "", options: .regularExpression).write(toFile: undated, atomically: true, encoding: .utf8)
        let d = firstDossier(try json([undated]))
        #expect(d["asOfSource"] as? String == "today", "\(d["asOf"] ?? "")")
        let t = try runVerdict(["check", undated])
        #expect(t.stdout.contains("（今天 today：卷宗未写 as-of）"))
    }

    @Test func aCompliantDossierWithAFailedAdviceSaysSoOnItsStatusLine() throws {
        let r = try runVerdict(["check", "docs/examples/dismissal-12-owners.xml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("状态 status: 合规（另有 1 条应当或建议事项未通过）"))
        let html = try runVerdict(["check", "--format", "html", "docs/examples/dismissal-12-owners.xml"])
        #expect(html.stdout.contains("status compliant reservations"))
        #expect(html.stdout.contains("合规（另有 1 条应当或建议事项未通过）"))
    }

    @Test func sameNamesAndOutlyingAreasAreWarningsThatChangeNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-warn-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try String(contentsOfFile: Repo.path("examples/community/committee-size-5.xml"), encoding: .utf8)
        let plain = try json(["examples/community/committee-size-5.xml"])
        let owners = (source.components(separatedBy: "<owner ").count - 1)
        #expect(owners >= 5)
        // Give the second owner the first owner's name, and the third a hundredfold area.
        var lines = source.components(separatedBy: "\n")
        let ownerLines = lines.indices.filter { lines[$0].contains("<owner ") }
        func attr(_ line: String, _ name: String) -> String? {
            guard let r = line.range(of: "\(name)=\"") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        let firstName = try #require(attr(lines[ownerLines[0]], "name"))
        let secondName = try #require(attr(lines[ownerLines[1]], "name"))
        lines[ownerLines[1]] = lines[ownerLines[1]].replacingOccurrences(of: "name=\"\(secondName)\"", with: "name=\"\(firstName)\"")
        let area = try #require(attr(lines[ownerLines[2]], "area"))
        lines[ownerLines[2]] = lines[ownerLines[2]].replacingOccurrences(of: "area=\"\(area)\"", with: "area=\"9999.00\"")
        let file = dir.appendingPathComponent("warned.xml").path
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let d = firstDossier(try json([file]))
        let warnings = d["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.contains { ($0["message"] as? String)?.contains("同名（\(firstName)）") == true && $0["line"] as? Int == ownerLines[1] + 1 })
        #expect(warnings.contains { ($0["message"] as? String)?.contains("超过其他业主面积中位数") == true && $0["line"] as? Int == ownerLines[2] + 1 })
        // The committee's verdicts are the same as without the warnings (areas are not used by committee rules).
        let before = (firstDossier(plain)["findings"] as? [[String: Any]] ?? []).filter { ($0["rule"] as? String)?.hasPrefix("committee.") == true }
        let after = (d["findings"] as? [[String: Any]] ?? []).filter { ($0["rule"] as? String)?.hasPrefix("committee.") == true }
        #expect(before.map { $0["outcome"] as? String } == after.map { $0["outcome"] as? String })
        #expect(firstDossier(plain)["warnings"] as? [Any] != nil)
    }

    /// Names are the same when they are the same text as Swift compares text (canonically
    /// equivalent): a register of Chinese names is compared by bytes (the fast way), one with
    /// any other scalar as strings; both give the warnings the text gives.
    @Test func sameNamesAreCanonicallyEquivalentNames() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-names-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = try String(contentsOfFile: Repo.path("examples/community/committee-size-5.xml"), encoding: .utf8)
        var lines = source.components(separatedBy: "\n")
        let ownerLines = lines.indices.filter { lines[$0].contains("<owner ") }
        #expect(ownerLines.count >= 5)
        func rename(_ i: Int, _ name: String) {
            guard let r = lines[ownerLines[i]].range(of: #"name="[^"]*""#, options: .regularExpression) else { return }
            lines[ownerLines[i]].replaceSubrange(r, with: "name=\"\(name)\"")
        }
        func sameNameLines(_ names: [String]) throws -> [Int] {
            for (i, n) in names.enumerated() { rename(i, n) }
            let file = dir.appendingPathComponent("names.xml").path
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let warnings = firstDossier(try json([file]))["warnings"] as? [[String: Any]] ?? []
            return warnings.filter { ($0["message"] as? String)?.contains("同名") == true }.compactMap { $0["line"] as? Int }
        }
        let line = { (i: Int) in ownerLines[i] + 1 }
        // Chinese names and the middle dot: by bytes.
        #expect(try sameNameLines(["程波晶", "阿依古丽·买买提", "程波晶", "阿依古丽·买买提", "程波"]) == [line(2), line(3)])
        // A compatibility ideograph (U+F900) is canonically the unified one (U+8C48).
        #expect(try sameNameLines(["\u{8C48}某", "\u{F900}某", "甲", "乙", "丙"]) == [line(1)])
        // An accent written precomposed and as a combining mark.
        #expect(try sameNameLines(["Jos\u{E9}", "Jose\u{301}", "Jose", "甲", "乙"]) == [line(1)])
        #expect(NameBytes.isOwnNormalForm("阿依古丽·买买提 Li"))
        #expect(!NameBytes.isOwnNormalForm("\u{F900}"))
        #expect(!NameBytes.isOwnNormalForm("Jose\u{301}"))
        // Read over the fact store's bytes, the same answer as over the text.
        for name in ["阿依古丽·买买提 Li", "\u{F900}", "Jose\u{301}", "程波", "", "\u{3400}\u{4DBF}\u{4E00}\u{9FFF}", "\u{33FF}", "\u{A0000}", "é", "·\u{B8}"] {
            let bytes = Array(name.utf8)
            #expect(bytes.withUnsafeBufferPointer { NameBytes.isOwnNormalForm(bytes: $0) } == NameBytes.isOwnNormalForm(name), "\(name)")
        }
        #expect(![UInt8(0xE4), 0xB8].withUnsafeBufferPointer { NameBytes.isOwnNormalForm(bytes: $0) })
        // The whole square metres of an area, as `Int` reads the digits before the point.
        for text in ["86.40", "0.5", "+12", "-3.2", "", ".5", "+", "1 2", "007", "123456789012345", "1234567890123456", "١٢", "12a"] {
            let whole = Substring(text.utf8.prefix { $0 != UInt8(ascii: ".") })
            let expected = whole.utf8.count <= 15 ? Int(whole) : nil
            #expect(Array(text.utf8).withUnsafeBufferPointer { DossierWarnings.wholePart($0) } == expected, "\(text)")
        }
    }

    @Test func upperCaseExtensionsAreCheckedAndAnEmptyFolderIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-upper-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try runVerdict(["check", dir.path])
        #expect(empty.status == 2)
        #expect(empty.stdout.contains("目录中没有卷宗（*.xml）"))
        try FileManager.default.copyItem(atPath: Repo.path("examples/community/committee-size-5.xml"), toPath: dir.appendingPathComponent("JINXIU.XML").path)
        let r = try runVerdict(["check", "--format", "jsonl", dir.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("JINXIU.XML"))
    }

    @Test func aReportThatCannotBeWrittenSaysWhy() throws {
        let r = try runVerdict(["check", "-o", "/no/such/dir/r.html", "examples/community/committee-size-5.xml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write /no/such/dir/r.html: No such file or directory"))
        #expect(!r.stderr.contains("Usage:"))
    }

    @Test func tableGapsAreWarnedWhenRulesLoadForCheck() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-gap-\(getpid())")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: copy.path)
        defer { try? FileManager.default.removeItem(at: copy) }
        try """
        # A table that leaves (89.99, 90) to no grade.
        table zz-grade(total: decimal) first hit
          | total     | => g  |
          | >= 90     | "A"   |
          | <= 89.99  | "B"   |
        """.write(to: copy.appendingPathComponent("zz-gap.rules"), atomically: true, encoding: .utf8)
        let r = try runVerdict(["check", "--rules", copy.path, "examples/community/committee-size-5.xml"])
        #expect(r.status == 0, "a warning changes no exit status: \(r.stderr)")
        #expect(r.stderr.contains("zz-gap.rules:2:"), "\(r.stderr)")
        #expect(r.stderr.contains("warning[L0006]"), "\(r.stderr)")
    }

    @Test(arguments: ["community", "firm", "renovation"])
    func newPrintsASkeletonThatReads(_ kind: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-new-\(kind)-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let printed = try runVerdict(["new", kind])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("kind=\"\(kind)\""))
        #expect(printed.stdout.contains("docs/dossier-guide.md"))
        let file = dir.appendingPathComponent("\(kind).xml").path
        #expect(try runVerdict(["new", kind, "-o", file]).status == 0)
        let r = try runVerdict(["check", "--format", "json", file])
        #expect(r.status != 2, "the skeleton is read and judged: \(r.stdout.prefix(500))")
        #expect(r.stdout.contains("\"kind\": \"\(kind)\""))
    }

    @Test func shellCompletionOffersProceduresRuleIdsAndDocuments() throws {
        let walk = try runVerdict(["---completion", "walk", "--", "positional@0", "2", "0", "verdict", "walk", ""])
        #expect(walk.stdout.split(separator: "\n").map(String.init) == ["dismissal", "exit", "renewal"])
        let explain = try runVerdict(["---completion", "explain", "--", "positional@0", "2", "0", "verdict", "explain", ""])
        #expect(explain.stdout.contains("assembly.quorum"))
        let script = try runVerdict(["--generate-completion-script", "bash"])
        #expect(script.stdout.contains("dismissal-notice") && script.stdout.contains("handover-checklist"))
    }

    @Test func aDossierOnStandardInputIsJudgedLikeTheFile() throws {
        let rel = "examples/community/quorum-one-cent-below.xml"
        let text = try String(contentsOfFile: Repo.path(rel), encoding: .utf8)
        let piped = try runVerdict(["check", "--format", "jsonl", "-"], stdin: text)
        let file = try runVerdict(["check", "--format", "jsonl", rel])
        #expect(piped.status == file.status)
        #expect(piped.stdout.replacingOccurrences(of: "\"file\":\"-\"", with: "\"file\":\"\(rel)\"") == file.stdout)
        let twice = try runVerdict(["check", "--format", "json", "-", "-"], stdin: text)
        #expect(twice.status == 2)
        #expect(twice.stdout.contains("standard input (-) can be named only once"))
        let broken = try runVerdict(["check", "--format", "json", "-"], stdin: "<dossier")
        #expect(broken.status == 2)
        #expect(broken.stdout.contains("\"file\": \"-\""))
    }

    @Test func versionIsPrinted() throws {
        let r = try runVerdict(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("verdict "))
    }
}
