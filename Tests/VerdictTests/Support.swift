import Foundation
import VerdictCore
import VerdictXML

/// Paths and shared fixtures for the tests.
enum Repo {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ rel: String) -> String { root.appendingPathComponent(rel).path }

    /// The built `verdict` executable (beside the test bundle, or in .build/debug).
    static let binary: String = {
        let fm = FileManager.default
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for c in [beside.appendingPathComponent("verdict").path,
                  beside.deletingLastPathComponent().appendingPathComponent("verdict").path,
                  path(".build/debug/verdict")] where fm.isExecutableFile(atPath: c) {
            return c
        }
        return path(".build/debug/verdict")
    }()

    /// The shipped rules, loaded once for all tests.
    static let engine: CheckEngine = {
        do {
            return try CheckEngine(rulesDirectory: path("rules"), schemaPath: path("schema/dossier.xsd"))
        } catch let f as CheckEngine.LoadFailure {
            fatalError("shipped rules do not load:\n\(f.rendered)")
        } catch {
            fatalError("\(error)")
        }
    }()

    /// Every example dossier that has an `.expect` beside it.
    static func exampleCases() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for dir in ["examples/community", "examples/firm", "examples/renovation", "examples/series/dismissal", "examples/firms-2024"] {
            let full = path(dir)
            for f in (try? fm.contentsOfDirectory(atPath: full)) ?? [] where f.hasSuffix(".xml") {
                let x = (full as NSString).appendingPathComponent(f)
                if fm.fileExists(atPath: String(x.dropLast(4)) + ".expect") { out.append("\(dir)/\(f)") }
            }
        }
        return out.sorted()
    }
}

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built binary with arguments, in the repository root.
func runVerdict(_ args: [String], environment: [String: String] = [:], stdin: String? = nil, cwd: String? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Repo.binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? Repo.root.path)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = nil
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let stdin { inPipe.fileHandleForWriting.write(stdin.data(using: .utf8) ?? Data()) }
    try? inPipe.fileHandleForWriting.close()
    // Read standard error on another thread: a full pipe must never stall the child.
    let e = Received()
    let errDone = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        e.data = err.fileHandleForReading.readDataToEndOfFile()
        errDone.signal()
    }
    let watchdog = Watchdog(p)
    let o = out.fileHandleForReading.readDataToEndOfFile()
    errDone.wait()
    p.waitUntilExit()
    watchdog.cancel()
    var stderr = String(decoding: e.data, as: UTF8.self)
    if watchdog.fired { stderr += "\n[test] verdict was killed after \(Int(Watchdog.limit)) s: it hung" }
    return RunResult(status: watchdog.fired ? 124 : p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: stderr)
}

/// Guards against a hang, not against slowness: only a process stuck for minutes reaches
/// the limit, however busy the machine is. Speed is measured in scripts/bench.sh.
final class Watchdog: @unchecked Sendable {
    static let limit: TimeInterval = 600
    private let lock = NSLock()
    private var done = false
    private(set) var fired = false

    init(_ process: Process, limit: TimeInterval = Watchdog.limit) {
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + limit) { [self] in
            lock.lock(); defer { lock.unlock() }
            guard !done else { return }
            fired = true
            kill(pid, SIGKILL)
        }
    }

    func cancel() {
        lock.lock(); defer { lock.unlock() }
        done = true
    }
}

/// Loads a program from rule text (plus the shipped shapes when asked), returning diagnostics rendered.
func checkRules(_ sources: [(String, String)], withShipped: Bool = false) -> (Program?, [Diagnostic], String) {
    var files: [SourceFile] = []
    if withShipped {
        for f in ["rules/dossier.rules", "rules/params.rules", "rules/law/civil-code.rules", "rules/law/local.rules", "rules/community/common.rules"] {
            let text = (try? String(contentsOfFile: Repo.path(f), encoding: .utf8)) ?? ""
            files.append(SourceFile(path: f, text: text))
        }
    }
    for (name, text) in sources { files.append(SourceFile(path: name, text: text)) }
    let (program, diagnostics) = RuleLoader.check(files: files, validateXPath: CompiledPaths.validate)
    let ds = diagnostics.sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
    let rendered = DiagnosticRenderer(files: files).renderAll(ds)
    return (ds.contains { $0.severity == .error } ? nil : program, ds, rendered)
}

/// Bytes read on another thread; the reader signals a semaphore before they are used.
final class Received: @unchecked Sendable {
    var data = Data()
}

/// One rule's findings on a dossier with their trace, as `verdict explain` gets them.
func explained(_ rule: String, _ path: String) -> (findings: [Finding], asOf: CivilDate)? {
    guard case .success(.findings(let findings, let asOf)) = Repo.engine.explain(rule, path) else { return nil }
    return (findings, asOf)
}
