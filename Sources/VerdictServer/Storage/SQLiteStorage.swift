import Foundation
import GRDB

/// The embedded store: one SQLite file (`verdict.sqlite` under `--data`), WAL journal,
/// schema versions through GRDB's migrator.
public final class SQLiteStorage: Storage {
    let pool: DatabasePool
    public let path: String

    public init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("verdict.sqlite")
        var config = Configuration()
        // A writer waits for another process's writer (`user add` beside a running server).
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // FULL: a committed store survives a power cut, not only a killed process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)  // DatabasePool turns WAL on
    }

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE users (name TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL,
                                    password_hash TEXT NOT NULL, created_at INTEGER NOT NULL);
                CREATE TABLE sessions (token_hash TEXT PRIMARY KEY NOT NULL,
                                       user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
                                       expires INTEGER NOT NULL);
                CREATE TABLE dossiers (id TEXT PRIMARY KEY NOT NULL, owner TEXT NOT NULL, kind TEXT NOT NULL,
                                       firm_ids TEXT NOT NULL, status TEXT NOT NULL, stored_at INTEGER NOT NULL,
                                       stored_by TEXT NOT NULL, seq INTEGER NOT NULL, xml BLOB NOT NULL,
                                       report TEXT NOT NULL, as_of TEXT, params TEXT NOT NULL);
                CREATE INDEX dossiers_owner ON dossiers(owner, seq);
                CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, user_name TEXT NOT NULL,
                                    action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL);
                """)
        }
        return m
    }

    public func migrate() async throws {
        try SQLiteStorage.migrator.migrate(pool)
    }

    public func addUser(_ u: UserRecord) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                               arguments: [u.name, u.role, u.passwordHash, u.createdAt.storageMillis])
            }
        } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
            throw StorageError("a user named `\(u.name)` already exists")
        }
    }

    public func user(named name: String) async throws -> UserRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM users WHERE name = ?", arguments: [name]).map(SQLiteStorage.user)
        }
    }

    public func users() async throws -> [UserRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM users ORDER BY name").map(SQLiteStorage.user)
        }
    }

    static func user(_ r: Row) -> UserRecord {
        UserRecord(name: r["name"], role: r["role"], passwordHash: r["password_hash"], createdAt: Date(storageMillis: r["created_at"]))
    }

    public func removeUser(named name: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE user_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM users WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func addSession(_ s: SessionRecord) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE expires < ?", arguments: [Date().storageMillis])
            try db.execute(sql: "INSERT INTO sessions (token_hash, user_name, expires) VALUES (?, ?, ?)",
                           arguments: [s.tokenHash, s.user, s.expires.storageMillis])
        }
    }

    public func session(tokenHash: String) async throws -> SessionRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash]).map {
                SessionRecord(tokenHash: $0["token_hash"], user: $0["user_name"], expires: Date(storageMillis: $0["expires"]))
            }
        }
    }

    public func removeSession(tokenHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    public func store(_ d: StoredDossier) async throws {
        // One transaction (GRDB's `write`): the row with its bytes and report, or nothing.
        try await pool.write { db in
            let seq = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM dossiers") ?? 1
            try db.execute(sql: """
                INSERT INTO dossiers (id, owner, kind, firm_ids, status, stored_at, stored_by, seq, xml, report, as_of, params)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [d.id, d.owner, d.kind, FirmList.encode(d.firmIds), d.status, d.storedAt.storageMillis,
                                 d.storedBy, seq, Data(d.xml), d.report, d.asOf, d.params.joined(separator: "\n")])
        }
    }

    public func dossier(id: String) async throws -> StoredDossier? {
        try await pool.read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM dossiers WHERE id = ?", arguments: [id]) else { return nil }
            let xml: Data = r["xml"]
            let params: String = r["params"]
            return StoredDossier(id: r["id"], owner: r["owner"], kind: r["kind"], firmIds: FirmList.decode(r["firm_ids"]),
                                 status: r["status"], storedAt: Date(storageMillis: r["stored_at"]), storedBy: r["stored_by"],
                                 xml: [UInt8](xml), report: r["report"], asOf: r["as_of"],
                                 params: params.isEmpty ? [] : params.components(separatedBy: "\n"))
        }
    }

    public func dossierSummaries() async throws -> [DossierSummary] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, owner, kind, firm_ids, status, stored_at, stored_by FROM dossiers ORDER BY seq DESC").map {
                DossierSummary(id: $0["id"], owner: $0["owner"], kind: $0["kind"], firmIds: FirmList.decode($0["firm_ids"]),
                               status: $0["status"], storedAt: Date(storageMillis: $0["stored_at"]), storedBy: $0["stored_by"])
            }
        }
    }

    public func appendAudit(_ e: AuditEntry) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO audit (at, user_name, action, target, outcome) VALUES (?, ?, ?, ?, ?)",
                           arguments: [e.at.storageMillis, e.user, e.action, e.target, e.outcome])
        }
    }

    public func audit(limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit ORDER BY seq DESC LIMIT ?", arguments: [limit]).map {
                AuditEntry(at: Date(storageMillis: $0["at"]), user: $0["user_name"], action: $0["action"],
                           target: $0["target"], outcome: $0["outcome"])
            }
        }
    }

    public func close() async throws {
        try pool.close()
    }
}
