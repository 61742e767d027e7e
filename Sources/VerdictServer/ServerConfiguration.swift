import Foundation
import VerdictXML

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
        Installation.schemaPath(rulesDirectory: rulesDirectory)
    }
}
