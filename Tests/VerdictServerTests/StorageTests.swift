import Foundation
import Testing
@testable import VerdictServer

/// One suite, both stores: what the service relies on from SQLite and PostgreSQL alike.
/// PostgreSQL runs when VERDICT_TEST_POSTGRES_URL names a server (CI starts one); otherwise
/// those cases are reported as skipped.
@Suite("storage")
struct StorageTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static func open(_ backend: Backend) async throws -> any Storage {
        switch backend {
        case .sqlite: return try await StorageOpener.open(data: Repo.temporaryDirectory("store"), database: nil)
        case .postgres: return try await StorageOpener.open(data: "", database: try await TestPostgres.freshDatabase())
        }
    }

    static func dossier(_ id: String, owner: String, kind: String = "community", firms: [String] = [], xml: [UInt8]) -> StoredDossier {
        StoredDossier(id: id, owner: owner, kind: kind, firmIds: firms, status: "compliant", storedAt: Date(), storedBy: "clerk",
                      xml: xml, report: "{\"dossiers\":[]}", asOf: id == "d1" ? "2025-01-02" : nil, params: id == "d1" ? ["a=1", "b=x=y"] : [])
    }

    func each(_ body: (any Storage) async throws -> Void) async throws {
        for backend in Backend.allCases {
            if backend == .postgres && !TestPostgres.available { continue }
            let s = try await Self.open(backend)
            do {
                try await body(s)
            } catch {
                try? await s.close()
                throw error
            }
            try await s.close()
        }
    }

    @Test("PostgreSQL is part of this run", .enabled(if: TestPostgres.available, "VERDICT_TEST_POSTGRES_URL is not set: the storage suite ran on SQLite only"))
    func postgresPresent() async throws {
        let s = try await Self.open(.postgres)
        try await s.migrate()  // a second migration changes nothing
        try await s.close()
    }

    @Test("users: add, find, list by name, refuse a second of the same name, remove with their sessions")
    func users() async throws {
        try await each { s in
            try await s.addUser(UserRecord(name: "b", role: "bureau", passwordHash: "$2b$h1", createdAt: Date()))
            try await s.addUser(UserRecord(name: "a", role: "committee:X", passwordHash: "$2b$h2", createdAt: Date()))
            await #expect(throws: StorageError.self) {
                try await s.addUser(UserRecord(name: "a", role: "bureau", passwordHash: "h", createdAt: Date()))
            }
            #expect(try await s.users().map(\.name) == ["a", "b"])
            #expect(try await s.user(named: "a")?.role == "committee:X")
            #expect(try await s.user(named: "zz") == nil)
            try await s.addSession(SessionRecord(tokenHash: "t1", user: "a", expires: Date().addingTimeInterval(60)))
            #expect(try await s.session(tokenHash: "t1")?.user == "a")
            #expect(try await s.removeUser(named: "a"))
            #expect(try await s.session(tokenHash: "t1") == nil)
            #expect(try await !s.removeUser(named: "a"))
        }
    }

    @Test("sessions: found until removed; expired ones are cleared when a new one is added")
    func sessions() async throws {
        try await each { s in
            try await s.addUser(UserRecord(name: "a", role: "bureau", passwordHash: "h", createdAt: Date()))
            try await s.addSession(SessionRecord(tokenHash: "old", user: "a", expires: Date().addingTimeInterval(-10)))
            try await s.addSession(SessionRecord(tokenHash: "new", user: "a", expires: Date().addingTimeInterval(600)))
            #expect(try await s.session(tokenHash: "old") == nil)
            #expect(try await s.session(tokenHash: "new")?.user == "a")
            try await s.removeSession(tokenHash: "new")
            #expect(try await s.session(tokenHash: "new") == nil)
        }
    }

    @Test("dossiers: every byte and field back as stored, newest first, an id stored once")
    func dossiers() async throws {
        try await each { s in
            let xml = [UInt8](0...255) + Array("<dossier/>\0\r\n".utf8)
            try await s.store(Self.dossier("d1", owner: "JC-1", firms: ["F-1", "F-2"], xml: xml))
            try await s.store(Self.dossier("d2", owner: "F-1", kind: "firm", xml: Array("x".utf8)))
            try await s.store(Self.dossier("d3", owner: "JC-1", xml: Array("y".utf8)))
            let d1 = try #require(try await s.dossier(id: "d1"))
            #expect(d1.xml == xml && d1.firmIds == ["F-1", "F-2"] && d1.asOf == "2025-01-02" && d1.params == ["a=1", "b=x=y"])
            #expect(d1.owner == "JC-1" && d1.kind == "community" && d1.storedBy == "clerk" && d1.report == "{\"dossiers\":[]}")
            #expect(try await s.dossier(id: "d2")?.params == [])
            #expect(try await s.dossierSummaries().map(\.id) == ["d3", "d2", "d1"])
            #expect(try await s.dossier(id: "nope") == nil)
            await #expect(throws: (any Error).self) { try await s.store(Self.dossier("d1", owner: "other", xml: [1])) }
            #expect(try await s.dossier(id: "d1")?.xml == xml)
            #expect(try await s.dossierSummaries().count == 3)
        }
    }

    @Test("audit: appended and read newest first, with a limit")
    func audit() async throws {
        try await each { s in
            for i in 1...5 {
                try await s.appendAudit(AuditEntry(at: Date(), user: "u\(i)", action: "read", target: "d\(i)", outcome: "ok"))
            }
            #expect(try await s.audit(limit: 3).map(\.user) == ["u5", "u4", "u3"])
        }
    }

    @Test("a large original (4 MiB) is stored and read back whole")
    func largeDossier() async throws {
        try await each { s in
            var g = SystemRandomNumberGenerator()
            let xml = (0..<(4 << 20)).map { _ in UInt8.random(in: 0...255, using: &g) }
            try await s.store(Self.dossier("big", owner: "JC-1", xml: xml))
            #expect(try await s.dossier(id: "big")?.xml == xml)
        }
    }
}
