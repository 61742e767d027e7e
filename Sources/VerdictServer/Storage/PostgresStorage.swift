import Foundation
import Logging
import PostgresNIO

/// The shared store for bureaus that run several replicas: PostgreSQL through postgres-nio's
/// connection pool. The same tables and behaviour as `SQLiteStorage`.
public final class PostgresStorage: Storage {
    let client: PostgresClient
    let runner: Task<Void, Never>
    let logger: Logger

    public init(url: String, logger: Logger = Logger(label: "verdict.postgres")) throws {
        let config = try PostgresStorage.configuration(url)
        client = PostgresClient(configuration: config, backgroundLogger: logger)
        let client = self.client
        runner = Task { await client.run() }
        self.logger = logger
    }

    /// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`.
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let u = URLComponents(string: url), let scheme = u.scheme, ["postgres", "postgresql"].contains(scheme),
              let host = u.host, !host.isEmpty else {
            throw StorageError("--database `\(PostgresStorage.redacted(url))` is not a postgres://USER:PASSWORD@HOST:PORT/DATABASE address")
        }
        let mode = u.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "require", "verify-full", "verify-ca": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        let db = u.path.hasPrefix("/") ? String(u.path.dropFirst()) : u.path
        var c = PostgresClient.Configuration(host: host, port: u.port ?? 5432, username: u.user?.removingPercentEncoding ?? "postgres",
                                             password: u.password?.removingPercentEncoding, database: db.isEmpty ? nil : db, tls: tls)
        c.options.maximumConnections = 8
        return c
    }

    /// The address without its password, for messages.
    static func redacted(_ url: String) -> String {
        guard var u = URLComponents(string: url), u.password != nil else { return url }
        u.password = "***"
        return u.string ?? url
    }

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { c in
            // Replicas starting together: one migrates, the others wait for it.
            try await c.query("SELECT pg_advisory_xact_lock(7413001)", logger: logger)
            try await c.query("CREATE TABLE IF NOT EXISTS verdict_schema (version INTEGER NOT NULL)", logger: logger)
            var version = 0
            for try await v in try await c.query("SELECT version FROM verdict_schema", logger: logger).decode(Int.self) { version = v }
            if version < 1 {
                for statement in PostgresStorage.v1 { try await c.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                try await c.query("DELETE FROM verdict_schema", logger: logger)
                try await c.query("INSERT INTO verdict_schema (version) VALUES (1)", logger: logger)
            }
        }
    }

    static let v1 = [
        """
        CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                               expires BIGINT NOT NULL)
        """,
        """
        CREATE TABLE dossiers (id TEXT PRIMARY KEY, owner TEXT NOT NULL, kind TEXT NOT NULL, firm_ids TEXT NOT NULL,
                               status TEXT NOT NULL, stored_at BIGINT NOT NULL, stored_by TEXT NOT NULL, seq BIGSERIAL NOT NULL,
                               xml BYTEA NOT NULL, report TEXT NOT NULL, as_of TEXT, params TEXT NOT NULL)
        """,
        "CREATE INDEX dossiers_owner ON dossiers(owner, seq)",
        """
        CREATE TABLE audit (seq BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, user_name TEXT NOT NULL, action TEXT NOT NULL,
                            target TEXT NOT NULL, outcome TEXT NOT NULL)
        """,
    ]

    public func addUser(_ u: UserRecord) async throws {
        do {
            try await client.query("""
                INSERT INTO users (name, role, password_hash, created_at) VALUES (\(u.name), \(u.role), \(u.passwordHash), \(u.createdAt.storageMillis))
                """, logger: logger)
        } catch let e as PSQLError where e.serverInfo?[.sqlState] == "23505" {
            throw StorageError("a user named `\(u.name)` already exists")
        }
    }

    /// PostgreSQL's `text` cannot hold NUL: a key with one names nothing stored (no name, id or
    /// token can contain it), and looking it up would be a server error, not "not found".
    static func storable(_ key: String) -> Bool { !key.utf8.contains(0) }

    public func user(named name: String) async throws -> UserRecord? {
        guard Self.storable(name) else { return nil }
        let rows = try await client.query("SELECT name, role, password_hash, created_at FROM users WHERE name = \(name)", logger: logger)
        for try await (n, r, h, c) in rows.decode((String, String, String, Int64).self) {
            return UserRecord(name: n, role: r, passwordHash: h, createdAt: Date(storageMillis: c))
        }
        return nil
    }

    public func users() async throws -> [UserRecord] {
        var out: [UserRecord] = []
        let rows = try await client.query("SELECT name, role, password_hash, created_at FROM users ORDER BY name", logger: logger)
        for try await (n, r, h, c) in rows.decode((String, String, String, Int64).self) {
            out.append(UserRecord(name: n, role: r, passwordHash: h, createdAt: Date(storageMillis: c)))
        }
        return out
    }

    public func removeUser(named name: String) async throws -> Bool {
        guard Self.storable(name) else { return false }
        return try await client.withTransaction(logger: logger) { c in
            try await c.query("DELETE FROM sessions WHERE user_name = \(name)", logger: logger)
            var removed = false
            for try await _ in try await c.query("DELETE FROM users WHERE name = \(name) RETURNING name", logger: logger).decode(String.self) {
                removed = true
            }
            return removed
        }
    }

    public func addSession(_ s: SessionRecord) async throws {
        let now = Date().storageMillis
        try await client.query("DELETE FROM sessions WHERE expires < \(now)", logger: logger)
        try await client.query("""
            INSERT INTO sessions (token_hash, user_name, expires) VALUES (\(s.tokenHash), \(s.user), \(s.expires.storageMillis))
            """, logger: logger)
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        guard Self.storable(tokenHash) else { return nil }
        let rows = try await client.query("SELECT token_hash, user_name, expires FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
        for try await (t, u, e) in rows.decode((String, String, Int64).self) {
            return SessionRecord(tokenHash: t, user: u, expires: Date(storageMillis: e))
        }
        return nil
    }

    public func removeSession(tokenHash: String) async throws {
        guard Self.storable(tokenHash) else { return }
        try await client.query("DELETE FROM sessions WHERE token_hash = \(tokenHash)", logger: logger)
    }

    public func store(_ d: StoredDossier) async throws {
        // One statement is one transaction: the row with its bytes and report, or nothing.
        let firms = FirmList.encode(d.firmIds)
        let params = d.params.joined(separator: "\n")
        try await client.query("""
            INSERT INTO dossiers (id, owner, kind, firm_ids, status, stored_at, stored_by, xml, report, as_of, params)
            VALUES (\(d.id), \(d.owner), \(d.kind), \(firms), \(d.status), \(d.storedAt.storageMillis), \(d.storedBy),
                    \(Data(d.xml)), \(d.report), \(d.asOf), \(params))
            """, logger: logger)
    }

    public func dossier(id: String) async throws -> StoredDossier? {
        guard Self.storable(id) else { return nil }
        let rows = try await client.query("""
            SELECT id, owner, kind, firm_ids, status, stored_at, stored_by, xml, report, as_of, params FROM dossiers WHERE id = \(id)
            """, logger: logger)
        for try await (i, o, k, f, s, at, by, xml, rep, asOf, params) in
            rows.decode((String, String, String, String, String, Int64, String, Data, String, String?, String).self) {
            return StoredDossier(id: i, owner: o, kind: k, firmIds: FirmList.decode(f), status: s, storedAt: Date(storageMillis: at),
                                 storedBy: by, xml: [UInt8](xml), report: rep, asOf: asOf,
                                 params: params.isEmpty ? [] : params.components(separatedBy: "\n"))
        }
        return nil
    }

    public func dossierSummaries() async throws -> [DossierSummary] {
        var out: [DossierSummary] = []
        let rows = try await client.query("SELECT id, owner, kind, firm_ids, status, stored_at, stored_by FROM dossiers ORDER BY seq DESC", logger: logger)
        for try await (i, o, k, f, s, at, by) in rows.decode((String, String, String, String, String, Int64, String).self) {
            out.append(DossierSummary(id: i, owner: o, kind: k, firmIds: FirmList.decode(f), status: s,
                                      storedAt: Date(storageMillis: at), storedBy: by))
        }
        return out
    }

    public func appendAudit(_ e: AuditEntry) async throws {
        try await client.query("""
            INSERT INTO audit (at, user_name, action, target, outcome) VALUES (\(e.at.storageMillis), \(e.user), \(e.action), \(e.target), \(e.outcome))
            """, logger: logger)
    }

    public func audit(limit: Int) async throws -> [AuditEntry] {
        var out: [AuditEntry] = []
        let rows = try await client.query("SELECT at, user_name, action, target, outcome FROM audit ORDER BY seq DESC LIMIT \(limit)", logger: logger)
        for try await (at, u, a, t, o) in rows.decode((Int64, String, String, String, String).self) {
            out.append(AuditEntry(at: Date(storageMillis: at), user: u, action: a, target: t, outcome: o))
        }
        return out
    }

    public func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}

/// Opens the store a command line names: `--database postgres://…`, else SQLite under `--data`.
public enum StorageOpener {
    public static func open(data: String, database: String?) async throws -> any Storage {
        let storage: any Storage
        if let database, !database.isEmpty {
            storage = try PostgresStorage(url: database)
        } else {
            storage = try SQLiteStorage(directory: data)
        }
        do {
            try await storage.migrate()
        } catch {
            try? await storage.close()
            throw StorageError("cannot open the database: \(StorageOpener.describe(error))")
        }
        return storage
    }

    /// A database error in words a person can act on, without a query or a password.
    static func describe(_ error: Error) -> String {
        if let e = error as? PSQLError {
            if let m = e.serverInfo?[.message] { return m }
            return "\(e.code)"
        }
        if let e = error as? StorageError { return e.description }
        return "\(error)"
    }
}
