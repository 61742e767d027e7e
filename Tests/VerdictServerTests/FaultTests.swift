import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kill -9 while stores are in flight, restart on the same data: every dossier is wholly stored
/// (its bytes exactly one of those posted, its report whole) or absent; every store that
/// answered 201 is there.
@Suite("fault: kill -9 during stores", .serialized)
struct FaultTests {
    final class Posted: @unchecked Sendable {
        let lock = NSLock()
        var bodies: [[UInt8]] = []
        var confirmed: [String] = []
        var stop = false

        func add(_ b: [UInt8]) { lock.lock(); bodies.append(b); lock.unlock() }
        func confirm(_ id: String) { lock.lock(); confirmed.append(id); lock.unlock() }
        var confirmedCount: Int { lock.lock(); defer { lock.unlock() }; return confirmed.count }
        var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stop }
        func halt() { lock.lock(); stop = true; lock.unlock() }
    }

    func killDuringStores(database: String?) throws {
        let s = try ServerProcess(database: database)
        let token = try s.login("clerk")
        let base = try bytes(ServiceTests.handover)
        let posted = Posted()
        let port = s.port
        let group = DispatchGroup()
        for worker in 0..<3 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var n = 0
                while !posted.stopped {
                    n += 1
                    // Distinct bytes each time, padded so that a store writes a few megabytes.
                    let pad = String(repeating: "填充 padding ", count: 150_000)
                    let body = base + Array("\n<!-- worker \(worker) store \(n) \(pad) -->\n".utf8)
                    posted.add(body)
                    guard let r = try? HTTP.request(port: port, "POST", "/api/v1/dossiers",
                                                    headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/xml"],
                                                    body: body, record: false) else { continue }
                    if r.status == 201, let id = r.json["id"] as? String { posted.confirm(id) }
                }
            }
        }
        // Kill once a few stores have been answered: the workers keep others in flight.
        var waited = 0
        while posted.confirmedCount < 4 && waited < 3000 && s.process.isRunning {
            usleep(20_000)
            waited += 1
        }
        s.kill9()
        posted.halt()
        group.wait()
        #expect(posted.confirmedCount >= 4, "the stores did not get going: \(s.log.suffix(2000))")

        let again = try ServerProcess(data: s.data, database: database, users: [])
        let t = try again.login("clerk")
        let list = try again.request("GET", "/api/v1/dossiers", token: t)
        let listed = (list.json["dossiers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        for id in posted.confirmed { #expect(listed.contains(id), "store \(id) answered 201 but is gone") }
        for id in listed {
            let xml = try again.request("GET", "/api/v1/dossiers/\(id)/xml", token: t)
            #expect(xml.status == 200)
            #expect(posted.bodies.contains(xml.body), "\(id): stored bytes are not one of the posted dossiers (\(xml.body.count) bytes)")
            let report = try again.request("GET", "/api/v1/dossiers/\(id)", token: t)
            #expect(report.status == 200 && (report.json["dossiers"] as? [[String: Any]])?.first?["id"] as? String == "JC-CQ-0001")
        }
        #expect(again.stop() == 0)
    }

    @Test("SQLite")
    func sqlite() throws {
        try killDuringStores(database: nil)
    }

    @Test("PostgreSQL", .enabled(if: TestPostgres.available, "VERDICT_TEST_POSTGRES_URL is not set"))
    func postgres() async throws {
        let url = try await TestPostgres.freshDatabase()
        try killDuringStores(database: url)
    }
}
