import Foundation
import Logging
import PostgresNIO

/// `VERDICT_TEST_POSTGRES_URL` (set by .ci/run): a PostgreSQL server the tests may create
/// databases on. Each test gets a database of its own.
enum TestPostgres {
    static let url: String? = {
        let v = ProcessInfo.processInfo.environment["VERDICT_TEST_POSTGRES_URL"] ?? ""
        return v.isEmpty ? nil : v
    }()

    static var available: Bool { url != nil }

    /// A new empty database on the test server; its URL.
    static func freshDatabase() async throws -> String {
        guard let url, var parts = URLComponents(string: url) else { throw HTTPFailure(description: "VERDICT_TEST_POSTGRES_URL not set") }
        let name = "verdict_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        var config = PostgresClient.Configuration(host: parts.host ?? "127.0.0.1", port: parts.port ?? 5432,
                                                  username: parts.user ?? "postgres", password: parts.password,
                                                  database: parts.path.count > 1 ? String(parts.path.dropFirst()) : "postgres", tls: .disable)
        config.options.maximumConnections = 1
        let client = PostgresClient(configuration: config)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
            group.cancelAll()
        }
        parts.path = "/" + name
        return parts.string ?? url
    }
}
