import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

/// Options shared by every subcommand that reads rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Rules directory (default: ./rules, else the rules installed with verdict).", completion: .directory)
    var rules: String?

    @Option(name: .long, help: "Judge as of this date (YYYY-MM-DD); overrides the dossier's as-of.")
    var asOf: String?

    @Option(name: .long, help: "Override a parameter: --param reasonable-exit-days=15 (repeatable).")
    var param: [String] = []

    func parsedAsOf() throws -> CivilDate? {
        guard let asOf else { return nil }
        guard let d = CivilDate(iso: asOf) else {
            throw ValidationError("--as-of `\(asOf)` is not a date (YYYY-MM-DD)")
        }
        return d
    }

    func parsedParams() throws -> [String: String] {
        var out: [String: String] = [:]
        for p in param {
            guard let eq = p.firstIndex(of: "="), eq != p.startIndex else {
                throw ValidationError("--param `\(p)`: write NAME=VALUE, e.g. --param reasonable-exit-days=15")
            }
            out[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        return out
    }

    func rulesDirectory() -> String {
        if let rules { return rules }
        return Installation.find("rules") ?? "rules"
    }

    func schemaPath(rulesDirectory: String) -> String {
        Installation.schemaPath(rulesDirectory: rulesDirectory)
    }

    /// Loads the rules; on failure prints the diagnostics and exits with 2.
    func engine(colour: Bool) throws -> CheckEngine {
        let dir = rulesDirectory()
        do {
            return try CheckEngine(rulesDirectory: dir, schemaPath: schemaPath(rulesDirectory: dir),
                                   params: try parsedParams(), asOf: try parsedAsOf(), colour: colour)
        } catch let f as CheckEngine.LoadFailure {
            Terminal.stderr(f.rendered)
            let n = f.diagnostics.filter { $0.severity == .error }.count
            if n > 0 { Terminal.stderr("verdict: the rules in \(dir) do not load (\(n) error\(n == 1 ? "" : "s"))\n") }
            throw ExitCode(2)
        }
    }
}

/// Table gaps and overlaps in rules that load: printed as warnings, the command goes on.
func printLoadWarnings(_ program: Program) {
    let warnings = loadWarnings(program)
    if !warnings.isEmpty {
        Terminal.stderr(DiagnosticRenderer(files: program.files, colour: Terminal.colour(fd: 2)).renderAll(warnings))
    }
}

enum Terminal {
    static func stderr(_ s: String) {
        FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
    }

    static func isTerminal(fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Colour only on a terminal, and never with NO_COLOR.
    static func colour(fd: Int32) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(fd) == 1
    }
}

/// Writes through a temporary file and a rename: never half a file. An interrupted run
/// (Ctrl-C) removes its temporary file and exits with 130.
enum AtomicFile {
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    }

    /// A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written in place:
    /// renaming over it would replace the device with a regular file.
    static func isSpecial(_ path: String) -> Bool {
        // /dev/stdout redirected to a file stats as a regular file: renaming over it would
        // replace the /dev/stdout link itself.
        if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return true }
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) != S_IFREG
    }

    static func write(_ text: String, to path: String) throws {
        guard let data = text.data(using: .utf8) else { return }
        try write(data: data, to: path)
    }

    static func write(bytes: [UInt8], to path: String) throws {
        try write(data: Data(bytes), to: path)
    }

    static func write(data: Data, to path: String) throws {
        if isSpecial(path) {
            guard let h = FileHandle(forWritingAtPath: path) else {
                throw WriteFailure("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            h.write(data)
            try? h.close()
            return
        }
        let tmp = temporaryPath(for: path)
        registerForCleanup(tmp)
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw WriteFailure("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        try rename(tmp, to: path)
    }

    static func rename(_ tmp: String, to path: String) throws {
        if Foundation.rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw WriteFailure("cannot write \(path): \(reason)")
        }
        Interrupt.clear()
    }

    static func registerForCleanup(_ tmp: String) {
        Interrupt.install()
        Interrupt.setTemporary(tmp)
    }
}

/// Ctrl-C: remove the temporary file being written (if any) and exit promptly with 130
/// (SIGTERM: 143).
enum Interrupt {
    /// The temporary file's path as a C string the signal handler can use.
    /// `nonisolated(unsafe)`: a signal handler cannot take a lock; the buffer is written only
    /// by the command's thread before and after a report is written, and read by the handler.
    nonisolated(unsafe) static var pathBuffer = [CChar](repeating: 0, count: 4096)
    /// Set once, at start-up, on the main thread.
    nonisolated(unsafe) static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        signal(SIGINT, interruptHandler)
        signal(SIGTERM, interruptHandler)
        // A parent may have spawned us with these signals blocked; Ctrl-C must still work.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func setTemporary(_ path: String) {
        var bytes = Array(path.utf8CString.prefix(4095))
        bytes.append(0)
        for i in 0..<bytes.count { pathBuffer[i] = bytes[i] }
    }

    static func clear() { pathBuffer[0] = 0 }
}

private let interruptHandler: @convention(c) (Int32) -> Void = { signal in
    Interrupt.pathBuffer.withUnsafeBufferPointer { buf in
        if let base = buf.baseAddress, base.pointee != 0 { unlink(base) }
    }
    _exit(128 + signal)  // 130 for Ctrl-C (SIGINT), 143 for SIGTERM
}

/// A report or draft that could not be written: said with the reason, exit 2, no usage text.
struct WriteFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
