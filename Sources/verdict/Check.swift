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

    @Argument(help: "Dossier files or directories (every *.xml below, in sorted path order).")
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
        var (files, errors) = DossierFiles.expand(dossiers)
        if let shard { files = try Shard.parse(shard).select(files) }
        var reports: [DossierReport] = []
        var summary = Summary()
        var text = ""
        var jsonl = ""
        let textReport = TextReport(colour: toTerminal)
        for file in files {
            switch engine.check(file) {
            case .judged(let r):
                reports.append(r)
                summary.add(r)
                switch format {
                case .text: text += textReport.render(r)
                case .jsonl: jsonl += JSONReport.line(r) + "\n"
                case .json, .html: break
                }
            case .failed(let es):
                errors.append(contentsOf: es)
                summary.errors += 1
            }
        }
        summary.errors = Set(errors.map(\.file)).count
        let out: String
        switch format {
        case .json: out = JSONReport.document(reports, errors, summary)
        case .html: out = try HTMLReport(program: engine.program).render(reports, errors, summary)
        case .jsonl: out = jsonl + JSONReport.tail(errors, summary) + "\n"
        case .text:
            var t = text
            if !errors.isEmpty {
                t += (toTerminal ? "\u{1B}[1;31m无法读取 errors\u{1B}[0m" : "无法读取 errors") + "\n"
                for e in errors { t += "  \(e.file)\(e.line.map { ":\($0)" } ?? "")\(e.column.map { ":\($0)" } ?? ""): \(e.message)\n" }
                t += "\n"
            }
            t += textReport.summary(summary)
            out = t
        }
        if let output {
            try AtomicFile.write(out, to: output)
        } else {
            FileHandle.standardOutput.write(out.data(using: .utf8) ?? Data())
        }
        if !errors.isEmpty { throw ExitCode(2) }
        if reports.contains(where: { $0.status != .compliant }) { throw ExitCode(1) }
    }
}

enum DossierFiles {
    /// Files keep their order; a directory contributes every *.xml below it, sorted by path.
    static func expand(_ args: [String]) -> ([String], [ReportError]) {
        var files: [String] = []
        var errors: [ReportError] = []
        let fm = FileManager.default
        for a in args {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: a, isDirectory: &isDir) else {
                errors.append(ReportError(file: a, line: nil, column: nil, message: "no such file or directory"))
                continue
            }
            if isDir.boolValue {
                var found: [String] = []
                if let e = fm.enumerator(atPath: a) {
                    for case let rel as String in e where rel.hasSuffix(".xml") {
                        found.append((a as NSString).appendingPathComponent(rel))
                    }
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
