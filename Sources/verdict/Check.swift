import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML
import VerdictDocuments

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Judge dossiers against the rules and report the verdicts.",
        discussion: "Exit status: 0 every dossier compliant; 1 some noncompliant or incomplete; 2 usage error, rules that do not load, or a dossier that could not be read."
    )

    @OptionGroup var options: RuleOptions

    @Option(name: .long, help: "Report format: text, json, jsonl, html.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to FILE (through a temporary file and a rename).")
    var output: String?

    @Option(name: .long, help: "Dossiers checked in parallel (default: all cores).")
    var jobs: Int?

    @Option(name: .long, help: "Keep the I-th of N deterministic shares of the dossiers (1 ≤ I ≤ N).")
    var shard: String?

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    @Argument(help: "Dossier files or directories (every *.xml below, in sorted path order); - reads one dossier from standard input.",
              completion: .file(extensions: ["xml", "XML"]))
    var dossiers: [String] = []

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, jsonl, html }

    func validate() throws {
        if dossiers.isEmpty { throw ValidationError("name at least one dossier or directory") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard { _ = try Shard.parse(shard) }
    }

    func run() throws {
        let toTerminal = output == nil && Terminal.colour(fd: 1)
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        printLoadWarnings(engine.program)
        var (files, errors) = DossierFiles.expand(dossiers)
        if let shard { files = try Shard.parse(shard).select(files) }
        let sink = try ReportSink(path: output)
        var summary = Summary()
        var anyNotCompliant = false
        var judged: [DossierReport] = []  // kept only for the HTML page
        let textReport = TextReport(colour: toTerminal)
        let progress = Progress(total: files.count, enabled: !quiet && Terminal.isTerminal(fd: 2))
        var first = true
        if format == .json { sink.write("{\n  \"dossiers\": [") }
        engine.checkAll(files, jobs: jobs ?? CheckEngine.coreCount) { _, outcome in
            switch outcome {
            case .judged(let r):
                summary.add(r)
                if r.status != .compliant { anyNotCompliant = true }
                switch format {
                case .text: sink.write(textReport.render(r))
                case .jsonl:
                    JSONReport.streamLine(r) { sink.write(bytes: $0) }
                    sink.write("\n")
                case .json:
                    sink.write((first ? "\n" : ",\n") + JSONReport.indented(r, by: 4))
                    first = false
                case .html: judged.append(r)
                }
            case .failed(let es):
                errors.append(contentsOf: es)
            }
            progress.advance()
        }
        progress.finish()
        summary.errors = Set(errors.map(\.file)).count
        switch format {
        case .json: sink.write((first ? "]" : "\n  ]") + ",\n" + JSONReport.tailMembers(errors, summary, rules: engine.rulesUsed) + "\n}\n")
        case .jsonl: sink.write(JSONReport.tail(errors, summary, rules: engine.rulesUsed) + "\n")
        case .html: sink.write(try HTMLReport(program: engine.program).render(judged, errors, summary))
        case .text:
            var t = ""
            if !errors.isEmpty {
                t += (toTerminal ? "\u{1B}[1;31m无法读取 errors\u{1B}[0m" : "无法读取 errors") + "\n"
                for e in errors { t += "  \(e.file)\(e.line.map { ":\($0)" } ?? "")\(e.column.map { ":\($0)" } ?? ""): \(e.message)\n" }
                t += "\n"
            }
            sink.write(t + textReport.summary(summary, rules: engine.rulesUsed))
        }
        try sink.commit()
        // The process ends next: freeing the loaded library node by node would cost a tenth
        // of a small check's time (callgrind), for memory the exit returns anyway.
        ProcessLifetime.keep(engine)
        if !errors.isEmpty { throw ExitCode(2) }
        if anyNotCompliant { throw ExitCode(1) }
    }
}

/// Objects kept until the process exits, rather than freed piece by piece just before it.
enum ProcessLifetime {
    private final class Kept: @unchecked Sendable {
        // @unchecked: `objects` is only touched under `lock`.
        let lock = NSLock()
        var objects: [AnyObject] = []
    }
    private static let kept = Kept()

    static func keep(_ object: AnyObject) {
        kept.lock.lock()
        kept.objects.append(object)
        kept.lock.unlock()
    }
}

/// Where a report goes: standard output as it is produced, or a temporary file renamed
/// over `-o FILE` once the report is complete (never half a file).
final class ReportSink {
    let handle: FileHandle
    let temporary: String?
    let destination: String?

    init(path: String?) throws {
        guard let path else {
            handle = FileHandle.standardOutput
            temporary = nil
            destination = nil
            return
        }
        if AtomicFile.isSpecial(path) {
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw WriteFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            handle = h
            temporary = nil
            destination = nil
            return
        }
        let tmp = AtomicFile.temporaryPath(for: path)
        // The Ctrl-C handler knows the file before it exists: no moment leaves it behind.
        AtomicFile.registerForCleanup(tmp)
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else {
            throw WriteFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        handle = h
        temporary = tmp
        destination = path
    }

    func write(_ s: String) {
        handle.write(s.data(using: .utf8) ?? Data())
    }

    /// Bytes as they are, without a copy (`FileHandle.write` is done with them when it returns).
    func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
    }

    func commit() throws {
        guard let temporary, let destination else { return }
        try handle.close()
        try AtomicFile.rename(temporary, to: destination)
    }
}

/// A progress bar on standard error, shown only on a terminal and only once a run has
/// taken about two seconds.
final class Progress {
    let total: Int
    let enabled: Bool
    let start = Date()
    var done = 0
    var shown = false
    var lastDraw = Date.distantPast

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    func advance() {
        done += 1
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(start) >= Progress.delay, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        shown = true
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let rate = Double(done) / max(0.001, now.timeIntervalSince(start))
        Terminal.stderr("\r\(bar) \(done)/\(total) 卷宗 dossiers  \(Int(rate))/s ")
    }

    func finish() {
        if shown { Terminal.stderr("\r\u{1B}[K") }
    }

    /// Seconds before the bar appears (VERDICT_PROGRESS_DELAY overrides the 2 s, for tests).
    static let delay: Double = ProcessInfo.processInfo.environment["VERDICT_PROGRESS_DELAY"].flatMap(Double.init) ?? 2
}

enum DossierFiles {
    /// Files keep their order; a directory contributes every *.xml below it, sorted by path.
    static func expand(_ args: [String]) -> ([String], [ReportError]) {
        var files: [String] = []
        var errors: [ReportError] = []
        let fm = FileManager.default
        var stdinSeen = false
        for a in args {
            if a == "-" {
                // One dossier from standard input; a second `-` would read nothing.
                if stdinSeen {
                    errors.append(ReportError(file: "-", line: nil, column: nil, message: "standard input (-) can be named only once"))
                } else {
                    files.append("-")
                }
                stdinSeen = true
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: a, isDirectory: &isDir) else {
                errors.append(ReportError(file: a, line: nil, column: nil, message: "no such file or directory"))
                continue
            }
            if isDir.boolValue {
                var found: [String] = []
                if let e = DirectoryListing.relativePaths(in: a) {
                    // JINXIU.XML as well as jinxiu.xml: Windows offices save either.
                    for rel in e where rel.lowercased().hasSuffix(".xml") {
                        found.append((a as NSString).appendingPathComponent(rel))
                    }
                }
                if found.isEmpty {
                    errors.append(ReportError(file: a, line: nil, column: nil,
                                              message: "目录中没有卷宗（*.xml）— no dossier (*.xml) in this directory"))
                }
                files.append(contentsOf: found.sorted())
            } else {
                files.append(a)
            }
        }
        return (files, errors)
    }
}

struct Shard {
    let index: Int
    let count: Int

    static func parse(_ s: String) throws -> Shard {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw ValidationError("--shard `\(s)`: write I/N with 1 ≤ I ≤ N, e.g. --shard 2/8")
        }
        return Shard(index: i, count: n)
    }

    /// A file belongs to shard 1 + (FNV-1a of its path) mod N: stable across machines and runs.
    func select(_ files: [String]) -> [String] {
        files.filter { Shard.hash($0) % UInt64(count) == UInt64(index - 1) }
    }

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0100_0000_01b3
        }
        return h
    }
}
