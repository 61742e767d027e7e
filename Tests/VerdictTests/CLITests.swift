import Foundation
import Testing

/// The built binary, as a user runs it: stdout, stderr and exit status.
@Suite("verdict command line", .serialized)
struct CLITests {
    @Test func compliantExampleExitsZero() throws {
        let r = try runVerdict(["check", "examples/community/quorum-exactly-two-thirds.xml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("合规 compliant"))
        #expect(r.stdout.contains("assembly.quorum (d1)"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test func noncompliantExampleExitsOneAndShowsTheArithmetic() throws {
        let r = try runVerdict(["check", "examples/community/quorum-one-cent-below.xml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("不通过 fail"))
        #expect(r.stdout.contains("未达面积和人数均三分之二以上"))
        #expect(r.stdout.contains("依据 cite: 民法典 第二百七十八条第二款"))
    }

    @Test func jsonReportHasTheContractsShape() throws {
        let r = try runVerdict(["check", "--format", "json", "examples/community/dismissal-notice-one-day-short.xml"])
        #expect(r.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let dossiers = json?["dossiers"] as? [[String: Any]]
        #expect(dossiers?.count == 1)
        let findings = dossiers?.first?["findings"] as? [[String: Any]] ?? []
        let notice = findings.first { ($0["rule"] as? String) == "dismissal.notice" }
        #expect(notice?["outcome"] as? String == "fail")
        #expect(notice?["subject"] as? String == "n1")
        #expect((notice?["cite"] as? [String]) == ["民法典 第九百四十六条第一款"])
        let summary = json?["summary"] as? [String: Any]
        #expect(summary?["noncompliant"] as? Int == 1)
        #expect(json?["errors"] as? [Any] != nil)
    }

    @Test func reportsValidateAgainstTheSchema() throws {
        let tool = Repo.root.deletingLastPathComponent().appendingPathComponent("shared/tools/check-report").path
        guard FileManager.default.isExecutableFile(atPath: tool) else {
            print("skipped: \(tool) is not available")
            return
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-report-\(getpid()).json").path
        let r = try runVerdict(["check", "--format", "json", "-o", out, "examples/community", "examples/firm", "examples/renovation"])
        #expect(r.status == 1)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", tool, out]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text.hasSuffix("report: OK\n"), "\(text)")
        try? FileManager.default.removeItem(atPath: out)
    }

    @Test func jsonlEndsWithErrorsAndSummary() throws {
        let r = try runVerdict(["check", "--format", "jsonl", "examples/community/committee-size-5.xml", "examples/community/committee-size-4.xml"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.last?.hasPrefix("{\"errors\":[]") == true)
        #expect(lines[0].contains("\"committee-size-5.xml\"") || lines[0].contains("committee-size-5.xml"))
    }

    @Test func unreadableDossierIsReportedAndTheRestStillChecked() throws {
        let r = try runVerdict(["check", "--format", "json", "no/such/file.xml", "examples/community/committee-size-5.xml"])
        #expect(r.status == 2)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((json?["dossiers"] as? [Any])?.count == 1)
        let errors = json?["errors"] as? [[String: Any]] ?? []
        #expect(errors.first?["file"] as? String == "no/such/file.xml")
    }

    @Test func brokenRulesExitTwoWithLocatedDiagnostics() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-bad-rules-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: dir.path)
        try """
        rule demo.bad "three mistakes"
          must
          for community dossiers
          cite 民法典-946 ¶3
          let x = totl-area
          let y = as-of + 5
          decide
            pass when x > 0
            otherwise fail
        """.write(to: dir.appendingPathComponent("zz-bad.rules"), atomically: true, encoding: .utf8)
        let r = try runVerdict(["check", "--rules", dir.path, "examples/community/committee-size-5.xml"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("zz-bad.rules:4:8: error[V0305]"))
        #expect(r.stderr.contains("zz-bad.rules:5:11: error[V0301]"))
        #expect(r.stderr.contains("zz-bad.rules:6:11: error[V0401]"))
        #expect(r.stderr.contains("(3 errors)"))
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try runVerdict(["check"]).status == 2)
        #expect(try runVerdict(["check", "--as-of", "2025-02-30", "examples/community/committee-size-5.xml"]).status == 2)
        #expect(try runVerdict(["check", "--format", "pdf", "examples/community/committee-size-5.xml"]).status == 2)
        #expect(try runVerdict(["check", "--param", "no-such=1", "examples/community/committee-size-5.xml"]).status == 2)
        #expect(try runVerdict(["frobnicate"]).status == 2)
    }

    @Test func asOfAndParamsChangeTheVerdict() throws {
        // The handover deadline depends on reasonable-exit-days (a placeholder) when the contract is silent.
        let base = try runVerdict(["check", "--format", "json", "examples/community/handover-reasonable-exit-days.xml"])
        #expect(base.stdout.contains("\"reasonable-exit-days\""))
        #expect(base.stdout.contains("\"placeholder\": true"))
        let shorter = try runVerdict(["check", "--format", "json", "--param", "reasonable-exit-days=1", "examples/community/handover-reasonable-exit-days.xml"])
        #expect(shorter.stdout.contains("\"placeholder\": false"))
        #expect(shorter.stdout != base.stdout)
    }

    @Test func outputFileIsWrittenWhole() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-out-\(getpid()).txt").path
        let r = try runVerdict(["check", "-o", out, "examples/community/committee-size-5.xml"])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("汇总 summary"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path).filter { $0.hasPrefix(".verdict-out-") }
        #expect(leftovers.isEmpty)
        try? FileManager.default.removeItem(atPath: out)
    }

    @Test func outputToAPipeOrDeviceIsWrittenInPlace() throws {
        // `-o /dev/null` once renamed a regular file over the device (as root, for the whole
        // machine). A FIFO stands in for a device here: it must still be a FIFO afterwards.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-fifo-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("report").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if let h = FileHandle(forReadingAtPath: fifo) { received.data = h.readDataToEndOfFile() }
            done.signal()
        }
        let r = try runVerdict(["check", "--format", "json", "-o", fifo, "examples/community/committee-size-5.xml"])
        done.wait()
        #expect(r.status == 0, "\(r.stderr)")
        #expect(String(decoding: received.data, as: UTF8.self).contains("\"summary\""))
        var st = stat()
        #expect(stat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func directoriesAreCheckedInSortedOrder() throws {
        let r = try runVerdict(["check", "--format", "jsonl", "examples/renovation"])
        let files = r.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return obj["file"] as? String
        }
        #expect(files.count > 5)
        #expect(files == files.sorted())
    }

    /// Foundation on Linux traps on NSString's path methods for a one-letter path: `--rules r`
    /// crashed before the rules were read. A one-letter rules folder (with the schema beside it)
    /// now works like any other.
    @Test func oneLetterRulesDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-one-letter-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: dir.appendingPathComponent("r").path)
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        let dossier = Repo.path("examples/community/dismissal-notice-one-day-short.xml")
        let r = try runVerdict(["check", "--format", "json", "--rules", "r", dossier], cwd: dir.path)
        #expect(r.status == 1, "exit \(r.status): \(r.stderr.prefix(300))")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let used = (json?["rules"] as? [String: Any])?["directory"] as? String
        #expect(used.map { $0 == "r" || $0.hasSuffix("/r") } == true, "\(String(describing: used))")
        let fmt = try runVerdict(["fmt", "--check", "r"], cwd: dir.path)
        #expect(fmt.status == 0, "\(fmt.stderr.prefix(300))")
    }

    /// A folder of dossiers, or the rules, reached through a symbolic link is read through it
    /// (it looked empty: "no dossier (*.xml) in this directory"); files keep the path as given.
    @Test func directoriesThroughSymbolicLinks() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-links-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = dir.appendingPathComponent("cases").path
        let rules = dir.appendingPathComponent("rules").path
        try FileManager.default.createSymbolicLink(atPath: cases, withDestinationPath: Repo.path("examples/community"))
        try FileManager.default.createSymbolicLink(atPath: rules, withDestinationPath: Repo.path("rules"))
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: dir.appendingPathComponent("schema").path)
        let direct = try runVerdict(["check", "--format", "jsonl", "examples/community"])
        let linked = try runVerdict(["check", "--format", "jsonl", "--rules", "rules", "cases"], cwd: dir.path)
        #expect(linked.status == direct.status, "\(linked.stderr.prefix(300))")
        let files = linked.stdout.split(separator: "\n").compactMap { line -> String? in
            let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return o?["file"] as? String
        }
        let expected = try FileManager.default.contentsOfDirectory(atPath: Repo.path("examples/community")).filter { $0.hasSuffix(".xml") }
        #expect(files.count == expected.count)
        #expect(files.allSatisfy { $0.hasPrefix("cases/") })
    }
}
