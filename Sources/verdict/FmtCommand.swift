import ArgumentParser
import Foundation
import VerdictXML
import VerdictCore

struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Lay out rule files canonically (comments and article texts kept); the result is checked to parse to the same tree.",
        discussion: """
        With --check, list the files that would change and exit 1 if any would. Without a path, \
        the rules directory: ./rules, as for test and lint (with --check also the installed one).
        """
    )

    @Flag(name: .long, help: "Only list the files that are not formatted; change nothing.")
    var check = false

    @Argument(help: "Rule files, or directories (every *.rules below) (default: ./rules).")
    var files: [String] = []

    /// No path: ./rules; a check (which changes nothing) also finds the installed rules, as lint does.
    func targets() throws -> [String] {
        if !files.isEmpty { return files }
        if FileManager.default.fileExists(atPath: "rules") { return ["rules"] }
        if check, let installed = Installation.find("rules") { return [installed] }
        throw ValidationError("no ./rules here: name the rule files or directories to format")
    }

    func run() throws {
        var paths: [String] = []
        let fm = FileManager.default
        for f in try targets() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: f, isDirectory: &isDir) else {
                Terminal.stderr("verdict: \(f): no such file or directory\n")
                throw ExitCode(2)
            }
            if isDir.boolValue {
                let found = (DirectoryListing.relativePaths(in: f) ?? []).filter { $0.hasSuffix(".rules") }
                paths += found.sorted().map { (f as NSString).appendingPathComponent($0) }
            } else {
                paths.append(f)
            }
        }
        var changed: [String] = []
        var failed = false
        for path in paths {
            guard let data = fm.contents(atPath: path) else {
                Terminal.stderr("verdict: cannot read \(path)\n")
                failed = true
                continue
            }
            let text = String(decoding: data, as: UTF8.self)
            switch Formatter.format(text, path: path) {
            case .failure(.doesNotParse(let ds)):
                Terminal.stderr(DiagnosticRenderer(files: [SourceFile(path: path, text: text)], colour: Terminal.colour(fd: 2)).renderAll(ds))
                Terminal.stderr("verdict: \(path) does not parse; not formatted\n")
                failed = true
            case .failure(.changedMeaning):
                Terminal.stderr("verdict: internal error: formatting \(path) would change its meaning; the file is left as it is\n")
                failed = true
            case .success(let out):
                if out != text {
                    changed.append(path)
                    if !check { try AtomicFile.write(out, to: path) }
                }
            }
        }
        for c in changed { print(check ? c : "formatted \(c)") }
        if failed { throw ExitCode(2) }
        if check && !changed.isEmpty { throw ExitCode(1) }
    }
}
