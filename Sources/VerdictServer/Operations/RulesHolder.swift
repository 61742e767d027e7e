import Foundation
import VerdictCore
import VerdictXML

/// The loaded rules every request judges with. A reload swaps them in whole, or keeps the old
/// ones and says why; a request keeps the engine it started with.
final class RulesHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var current: CheckEngine
    let directory: String
    let schemaPath: String

    struct LoadError: Error {
        /// The diagnostics as text, paths relative to the rules directory.
        let message: String
        let diagnostics: [String]
    }

    init(directory: String, schemaPath: String) throws {
        self.directory = directory
        self.schemaPath = schemaPath
        current = try RulesHolder.load(directory: directory, schemaPath: schemaPath)
    }

    var engine: CheckEngine {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Loads the rules again; on failure the old rules stay in force.
    func reload() throws -> CheckEngine {
        let fresh = try RulesHolder.load(directory: directory, schemaPath: schemaPath)
        lock.lock()
        current = fresh
        lock.unlock()
        return fresh
    }

    static func load(directory: String, schemaPath: String) throws -> CheckEngine {
        do {
            // Checking rules recurses as deep as the rules go: on a large stack, as in the CLI.
            return try WorkerThread.run { try CheckEngine(rulesDirectory: directory, schemaPath: schemaPath) }
        } catch let f as CheckEngine.LoadFailure {
            let text = hidePaths(f.rendered, directory: directory, schemaPath: schemaPath)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            if lines.isEmpty { lines = ["the rules do not load"] }
            let errors = f.diagnostics.filter { $0.severity == .error }.count
            let summary = errors > 0 ? "the rules do not load (\(errors) error\(errors == 1 ? "" : "s"))" : (lines.first ?? "the rules do not load")
            throw LoadError(message: summary, diagnostics: lines)
        } catch {
            throw LoadError(message: "the rules do not load: \(error)", diagnostics: [])
        }
    }

    /// Diagnostics name rule files relative to the rules directory, never a path of the server's machine.
    static func hidePaths(_ text: String, directory: String, schemaPath: String) -> String {
        var t = text
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        t = t.replacingOccurrences(of: dir, with: "")
        t = t.replacingOccurrences(of: schemaPath, with: "dossier.xsd")
        return t
    }
}
