import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

/// Options shared by every subcommand that reads rules.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "Rules directory (default: ./rules, else the rules installed with verdict).")
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
        let beside = ((rulesDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("schema/dossier.xsd")
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return Installation.find("schema/dossier.xsd") ?? "schema/dossier.xsd"
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

enum Installation {
    /// `./NAME`, else beside the executable (and its parent), else the source tree it was built from.
    static func find(_ name: String) -> String? {
        let fm = FileManager.default
        if fm.fileExists(atPath: name) { return name }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates = [exe.appendingPathComponent(name).path, exe.deletingLastPathComponent().appendingPathComponent(name).path]
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(source.appendingPathComponent(name).path)
        return candidates.first { fm.fileExists(atPath: $0) }
    }
}

enum Terminal {
    static func stderr(_ s: String) {
        FileHandle.standardError.write(s.data(using: .utf8) ?? Data())
    }

    /// Colour only on a terminal, and never with NO_COLOR.
    static func colour(fd: Int32) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(fd) == 1
    }
}

/// Writes through a temporary file and a rename: never half a file.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        guard let data = text.data(using: .utf8) else { return }
        do {
            try data.write(to: tmp)
            if rename(tmp.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: tmp)
                throw ValidationError("cannot write \(path): \(reason)")
            }
        } catch let e as ValidationError {
            throw e
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw ValidationError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
