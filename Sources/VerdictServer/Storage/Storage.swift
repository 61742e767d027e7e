import Foundation

/// What the service keeps, behind one small protocol: SQLite (`SQLiteStorage`) embedded,
/// PostgreSQL (`PostgresStorage`) for several replicas. Both run the same test suite.
public protocol Storage: Sendable {
    /// Creates or upgrades the tables; safe to run at every start.
    func migrate() async throws

    func addUser(_ user: UserRecord) async throws
    func user(named name: String) async throws -> UserRecord?
    func users() async throws -> [UserRecord]
    /// Removes the user and every session of theirs; false when there was no such user.
    func removeUser(named name: String) async throws -> Bool

    func addSession(_ session: SessionRecord) async throws
    func session(tokenHash: String) async throws -> SessionRecord?
    func removeSession(tokenHash: String) async throws

    /// Stores one dossier in one transaction: wholly or not at all.
    func store(_ dossier: StoredDossier) async throws
    func dossier(id: String) async throws -> StoredDossier?
    /// Every stored dossier's summary, newest first.
    func dossierSummaries() async throws -> [DossierSummary]

    func appendAudit(_ entry: AuditEntry) async throws
    /// The newest entries first.
    func audit(limit: Int) async throws -> [AuditEntry]

    /// Releases connections (PostgreSQL); a no-op for SQLite.
    func close() async throws
}

public struct UserRecord: Sendable, Equatable {
    public var name: String
    public var role: String
    public var passwordHash: String
    public var createdAt: Date

    public init(name: String, role: String, passwordHash: String, createdAt: Date) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

public struct SessionRecord: Sendable, Equatable {
    /// SHA-256 of the token, hex: a leaked database gives no usable token.
    public var tokenHash: String
    public var user: String
    public var expires: Date

    public init(tokenHash: String, user: String, expires: Date) {
        self.tokenHash = tokenHash
        self.user = user
        self.expires = expires
    }
}

/// A stored dossier: the original bytes, the report, who stored it and when.
public struct StoredDossier: Sendable, Equatable {
    public var id: String
    public var owner: String
    public var kind: String
    /// The firms the dossier's contracts name (for `firm:ID` readers).
    public var firmIds: [String]
    public var status: String
    public var storedAt: Date
    public var storedBy: String
    public var xml: [UInt8]
    /// The JSON report, as the store request answered it.
    public var report: String
    /// The request's `as-of`, if it gave one (explain judges again with it).
    public var asOf: String?
    /// The request's `param=K=V` overrides, as `K=V` lines.
    public var params: [String]

    public init(id: String, owner: String, kind: String, firmIds: [String], status: String, storedAt: Date,
                storedBy: String, xml: [UInt8], report: String, asOf: String?, params: [String]) {
        self.id = id
        self.owner = owner
        self.kind = kind
        self.firmIds = firmIds
        self.status = status
        self.storedAt = storedAt
        self.storedBy = storedBy
        self.xml = xml
        self.report = report
        self.asOf = asOf
        self.params = params
    }

    public var summary: DossierSummary {
        DossierSummary(id: id, owner: owner, kind: kind, firmIds: firmIds, status: status, storedAt: storedAt, storedBy: storedBy)
    }
}

public struct DossierSummary: Sendable, Equatable {
    public var id: String
    public var owner: String
    public var kind: String
    public var firmIds: [String]
    public var status: String
    public var storedAt: Date
    public var storedBy: String
}

public struct AuditEntry: Sendable, Equatable {
    public var at: Date
    public var user: String
    /// `login`, `logout`, `check`, `store`, `read`, `read-xml`, `explain`, `deadlines`, `reload`, …
    public var action: String
    /// A dossier id or owner, a rule, or empty.
    public var target: String
    public var outcome: String

    public init(at: Date, user: String, action: String, target: String, outcome: String) {
        self.at = at
        self.user = user
        self.action = action
        self.target = target
        self.outcome = outcome
    }
}

public struct StorageError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Date {
    /// Milliseconds since 1970: what both databases keep (exact, sortable, no time zone).
    var storageMillis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }
    init(storageMillis ms: Int64) { self.init(timeIntervalSince1970: Double(ms) / 1000) }
}

/// Firm ids kept as one text column: `|F1|F2|`, so that a LIKE '%|F1|%' finds one exactly.
enum FirmList {
    static func encode(_ ids: [String]) -> String { ids.isEmpty ? "" : "|" + ids.joined(separator: "|") + "|" }
    static func decode(_ s: String) -> [String] { s.split(separator: "|").map(String.init) }
}
