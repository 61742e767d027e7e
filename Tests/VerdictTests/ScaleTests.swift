import Foundation
import Testing

@Suite("batch checking: jobs, shards, diff, progress, interruption", .serialized)
struct ScaleTests {
    @Test func jobsDoNotChangeTheReport() throws {
        let one = try runVerdict(["check", "--format", "json", "--jobs", "1", "examples/community", "examples/firm"])
        let two = try runVerdict(["check", "--format", "json", "--jobs", "2", "examples/community", "examples/firm"])
        let four = try runVerdict(["check", "--format", "jsonl", "--jobs", "4", "examples/community", "examples/firm"])
        let oneL = try runVerdict(["check", "--format", "jsonl", "--jobs", "1", "examples/community", "examples/firm"])
        #expect(one.stdout == two.stdout)
        #expect(four.stdout == oneL.stdout)
        #expect(one.status == two.status)
    }

    func summary(_ r: RunResult) -> [String: Any] {
        let lines = r.stdout.split(separator: "\n")
        guard let last = lines.last, let obj = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] else { return [:] }
        return obj["summary"] as? [String: Any] ?? [:]
    }

    func files(_ r: RunResult) -> [String] {
        r.stdout.split(separator: "\n").dropLast().compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["file"] as? String
        }
    }

    @Test func shardsPartitionTheDossiers() throws {
        let whole = try runVerdict(["check", "--format", "jsonl", "examples/firms-2024", "examples/community"])
        var union: [String] = []
        var totals: [String: Int] = [:]
        var grades: [String: Int] = [:]
        for i in 1...3 {
            let part = try runVerdict(["check", "--format", "jsonl", "--shard", "\(i)/3", "examples/firms-2024", "examples/community"])
            let fs = files(part)
            #expect(!fs.isEmpty)
            union += fs
            for (k, v) in summary(part) { if let n = v as? Int { totals[k, default: 0] += n } }
            for (k, v) in (summary(part)["credit.grade"] as? [String: Int]) ?? [:] { grades[k, default: 0] += v }
        }
        #expect(union.sorted() == files(whole).sorted())
        #expect(Set(union).count == union.count, "no dossier in two shards")
        for key in ["dossiers", "compliant", "noncompliant", "incomplete", "errors"] {
            #expect(totals[key] == summary(whole)[key] as? Int, "\(key)")
        }
        #expect(grades == ["A": 32, "B": 77, "C": 92, "D": 1])
        #expect(try runVerdict(["check", "--shard", "4/3", "examples/firm"]).status == 2)
        #expect(try runVerdict(["check", "--shard", "0/3", "examples/firm"]).status == 2)
    }

    @Test func diffListsOnlyTheVerdictsThatChange() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-diff-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let newRules = dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: newRules.path)
        let params = newRules.appendingPathComponent("params.rules")
        let text = try String(contentsOf: params, encoding: .utf8).replacingOccurrences(of: "param credit-a = 90", with: "param credit-a = 89.99")
        try text.write(to: params, atomically: true, encoding: .utf8)
        let same = try runVerdict(["diff", "rules", "rules", "examples/firm"])
        #expect(same.status == 0)
        #expect(same.stdout.contains("变化 changes: 0"))
        let r = try runVerdict(["diff", "--format", "json", "rules", newRules.path, "examples/firms-2024"])
        #expect(r.status == 1)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let changes = obj?["changes"] as? [[String: Any]] ?? []
        #expect(changes.contains { ($0["file"] as? String)?.hasSuffix("F-2024-135.xml") == true && $0["rule"] as? String == "credit.grade" && $0["old"] as? String == "pass (B)" && $0["new"] as? String == "fail (A)" })
        #expect(changes.allSatisfy { ($0["file"] as? String)?.hasSuffix("F-2024-135.xml") == true })
        #expect((obj?["new"] as? [String: Any])?["noncompliant"] as? Int == 41)
    }

    /// Runs a command under a pseudo-terminal (util-linux `script`), returning what the terminal showed.
    func onTerminal(_ command: String, environment: [String: String]) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qec", command, "/dev/null"]
        p.currentDirectoryURL = Repo.root
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func progressBarOnATerminalOnly() throws {
        let sink = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-progress-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: sink) }
        let cmd = "\(Repo.binary) check --format jsonl -o \(sink) examples/firms-2024"
        guard let tty = try onTerminal(cmd, environment: ["VERDICT_PROGRESS_DELAY": "0"]) else {
            print("SKIPPED progressBarOnATerminalOnly: /usr/bin/script is not installed")
            return
        }
        #expect(tty.contains("202/202 卷宗 dossiers"), "\(tty.suffix(300))")
        let quiet = try onTerminal(cmd + " --quiet", environment: ["VERDICT_PROGRESS_DELAY": "0"]) ?? ""
        #expect(!quiet.contains("卷宗 dossiers"))
        let piped = try runVerdict(["check", "--format", "jsonl", "examples/firms-2024"], environment: ["VERDICT_PROGRESS_DELAY": "0"])
        #expect(!piped.stderr.contains("卷宗 dossiers"), "no bar when standard error is not a terminal")
    }

    @Test func interruptExits130AndLeavesNoHalfFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-int-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.json").path
        try "old report\n".write(toFile: out, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Repo.binary)
        p.arguments = ["check", "--format", "json", "--jobs", "1", "-o", out] + Array(repeating: "examples/firms-2024", count: 40)
        p.currentDirectoryURL = Repo.root
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Interrupt once the report's temporary file exists (the handler is installed before it
        // is created), however long the start took on a busy machine.
        var started = false
        for _ in 0..<6000 where p.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            if names.contains(where: { $0.hasSuffix(".tmp") }) { started = true; break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(started, "the run never began writing its report")
        p.interrupt()
        let watchdog = Watchdog(p, limit: 120)
        p.waitUntilExit()
        watchdog.cancel()
        #expect(!watchdog.fired, "did not exit after Ctrl-C")
        #expect(p.terminationReason == .exit, "exits, not killed by the signal")
        #expect(p.terminationStatus == 130)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old report\n", "the old file is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }
}
