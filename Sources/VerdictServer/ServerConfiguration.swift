import Foundation

/// Everything `verdict-server` takes on its command line (SERVICE.md, "Starting it").
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./verdict-data"
    /// Nil: `./rules`, else the rules installed beside the executable, else the source tree's.
    public var rulesDirectory: String?
    public var database: String?
    public var maxDossierBytes = 64 * 1024 * 1024
    /// Seconds one check may take before the request answers 503.
    public var checkTimeout: Double = 30
    /// How long a login's token and cookie last.
    public var sessionSeconds: Int = 12 * 3600
    /// Threads that run checks (the rest of the server never waits on a check).
    public var checkThreads = max(2, ProcessInfo.processInfo.activeProcessorCount)

    public init() {}

    /// The rules directory actually used.
    public var resolvedRulesDirectory: String {
        if let rulesDirectory { return rulesDirectory }
        return Installation.find("rules") ?? "rules"
    }

    /// `schema/dossier.xsd` beside the rules directory, else an installed or source-tree copy (as the CLI finds it).
    public func schemaPath(rulesDirectory: String) -> String {
        let beside = ((rulesDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("schema/dossier.xsd")
        if FileManager.default.fileExists(atPath: beside) { return beside }
        return Installation.find("schema/dossier.xsd") ?? "schema/dossier.xsd"
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
