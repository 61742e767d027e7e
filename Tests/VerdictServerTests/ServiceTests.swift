import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End to end over real HTTP on loopback: the built `verdict-server`, started as a child process.
/// No assertion here depends on how long anything takes.
@Suite("verdict-server over HTTP", .serialized)
struct ServiceTests {
    static let handover = "examples/series/dismissal/04-handover.xml"  // JC-CQ-0001, contract firm-id F-0001, a step due 2025-08-15
    static let firmDossier = "examples/firm/credit-a-at-90.xml"        // firm F-EX-01
    static let otherCommunity = "examples/community/committee-size-11.xml"  // JC-CQ-0104

    @Test("healthz, openapi.json and metrics answer without a login; the start-up line names the port")
    func openEndpoints() throws {
        let s = try ServerProcess()
        #expect(s.startLine == "listening on http://127.0.0.1:\(s.port)")
        let h = try s.request("GET", "/healthz")
        #expect(h.status == 200 && h.json["status"] as? String == "ok")
        let o = try s.request("GET", "/openapi.json")
        #expect(o.status == 200 && (o.json["openapi"] as? String)?.hasPrefix("3.1") == true)
        let nowhere = try s.request("GET", "/nowhere")
        #expect(nowhere.status == 404 && nowhere.json["error"] is String)
        let wrongMethod = try s.request("DELETE", "/api/v1/check")
        #expect([404, 405].contains(wrongMethod.status) && wrongMethod.json["error"] is String)
        let token = try s.login("clerk")
        #expect(try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover)).status == 200)
        #expect(try s.post("/api/v1/check", token: token, xml: Array("<".utf8)).status == 422)
        let m = try s.request("GET", "/metrics")
        #expect(m.status == 200)
        #expect(m.text.contains("verdict_http_requests_total"))
        #expect(m.text.contains("route=\"/healthz\""))
        #expect(m.text.contains("verdict_dossiers_checked_total{status=\"noncompliant\"} 1"))
        #expect(m.text.contains("verdict_dossiers_checked_total{status=\"unreadable\"} 1"))
        #expect(m.text.contains("verdict_http_request_duration_seconds_bucket{"))
        #expect(m.header("X-Request-Id") != nil)
        #expect(s.stop() == 0)
    }

    @Test("login: token and an HttpOnly SameSite=Strict cookie; a wrong name and a wrong password get the same 401; logout ends the token")
    func loginAndLogout() throws {
        let s = try ServerProcess()
        let body = try JSONSerialization.data(withJSONObject: ["user": "clerk", "password": ServerProcess.password])
        let r = try s.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: [UInt8](body))
        #expect(r.status == 200)
        let token = try #require(r.json["token"] as? String)
        #expect((r.json["expires"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } != nil)
        let cookie = try #require(r.header("Set-Cookie"))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.hasPrefix("verdict_session=\(token)"))
        // The cookie alone authenticates (a browser).
        let viaCookie = try s.request("GET", "/api/v1/dossiers", headers: ["Cookie": "verdict_session=\(token)"])
        #expect(viaCookie.status == 200)
        for (user, password) in [("clerk", "wrong"), ("nobody", ServerProcess.password)] {
            let b = try JSONSerialization.data(withJSONObject: ["user": user, "password": password])
            let bad = try s.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: [UInt8](b))
            #expect(bad.status == 401)
            #expect(bad.json["error"] as? String == "wrong user name or password")
        }
        let nul = try JSONSerialization.data(withJSONObject: ["user": "a\u{0}b", "password": ServerProcess.password])
        #expect(try s.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: [UInt8](nul)).status == 401)
        let junk = try s.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: Array("{".utf8))
        #expect(junk.status == 400)
        #expect(try s.request("POST", "/api/v1/logout", token: token).status == 204)
        #expect(try s.request("GET", "/api/v1/dossiers", token: token).status == 401)
        #expect(try s.request("GET", "/api/v1/dossiers", headers: ["Cookie": "verdict_session=\(token)"]).status == 401)
        s.stop()
    }

    @Test("every /api/v1 endpoint but login answers 401 without a token, or with a bad one")
    func unauthenticated() throws {
        let s = try ServerProcess()
        let xml = try bytes(Self.handover)
        let calls: [(String, String)] = [("POST", "/api/v1/logout"), ("POST", "/api/v1/check"), ("POST", "/api/v1/dossiers"),
                                         ("GET", "/api/v1/dossiers"), ("GET", "/api/v1/dossiers/d1"), ("GET", "/api/v1/dossiers/d1/xml"),
                                         ("GET", "/api/v1/dossiers/d1/explain/handover.exit"), ("GET", "/api/v1/deadlines"),
                                         ("GET", "/api/v1/deadlines.ics"), ("POST", "/api/v1/admin/reload"), ("GET", "/api/v1/audit"),
                                         ("GET", "/api/v1/users"), ("POST", "/api/v1/users"), ("DELETE", "/api/v1/users/clerk")]
        for (method, path) in calls {
            for token in [nil, "not-a-token"] {
                let r = try s.request(method, path, token: token, headers: ["Content-Type": "application/xml"], body: method == "POST" ? xml : [])
                #expect(r.status == 401, "\(method) \(path)")
                #expect(r.json["error"] is String)
                #expect(!r.text.contains("JC-CQ-0001"))
            }
        }
        s.stop()
    }

    @Test("check: 200 with the report, 422 for an unreadable dossier (same shape, summary.errors 1), 400 for a bad query, 413, 415")
    func checkStatuses() throws {
        let s = try ServerProcess(options: .init(extra: ["--max-dossier-bytes", "1000000"]))
        let token = try s.login("clerk")
        let ok = try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover))
        #expect(ok.status == 200)
        let dossiers = try #require(ok.json["dossiers"] as? [[String: Any]])
        #expect(dossiers.count == 1 && dossiers[0]["id"] as? String == "JC-CQ-0001" && dossiers[0]["file"] as? String == "-")
        let bad = try s.post("/api/v1/check", token: token, xml: Array("<dossier kind=\"community\"".utf8))
        #expect(bad.status == 422)
        #expect((bad.json["errors"] as? [Any])?.isEmpty == false)
        #expect((bad.json["summary"] as? [String: Any])?["errors"] as? Int == 1)
        #expect((bad.json["dossiers"] as? [Any])?.isEmpty == true)
        let hostile = try s.post("/api/v1/check", token: token, xml: try bytes("Tests/Fixtures/dossiers-bad/billion-laughs.xml"))
        #expect(hostile.status == 422)
        for query in ["as-of=2025-13-01", "param=nonsense", "param=no-such-parameter=3", "asof=2025-01-01"] {
            let r = try s.post("/api/v1/check?\(query)", token: token, xml: try bytes(Self.handover))
            #expect(r.status == 400, "\(query): \(r)")
            #expect(r.json["error"] is String)
        }
        let big = [UInt8](repeating: 0x20, count: 1_500_000)
        let tooLarge = try s.post("/api/v1/check", token: token, xml: big)
        #expect(tooLarge.status == 413)
        #expect((tooLarge.json["error"] as? String)?.contains("limit") == true)
        let json = try s.request("POST", "/api/v1/check", token: token, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
        #expect(json.status == 415)
        s.stop()
    }

    @Test("verdicts are the CLI's, byte for byte, for every shipped example (as-of and param given as on the command line)")
    func sameVerdictsAsCLI() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        var files: [String] = []
        for dir in ["examples/community", "examples/firm", "examples/renovation", "examples/series/dismissal", "examples/firms-2024"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: Repo.path(dir)).filter { $0.hasSuffix(".xml") }.sorted()
            files += names.map { "\(dir)/\($0)" }
        }
        #expect(files.count > 100)
        // One CLI run over every example; the server answers each file on its own.
        let cli = try runCheck(["--jobs", "2"] + files)
        let all = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        var judged: [String: [String: Any]] = [:]
        for d in all["dossiers"] as? [[String: Any]] ?? [] { judged[d["file"] as? String ?? ""] = d }
        var unreadable: [String: [[String: Any]]] = [:]
        for e in all["errors"] as? [[String: Any]] ?? [] { unreadable[e["file"] as? String ?? "", default: []].append(e) }
        #expect(judged.count + unreadable.count == files.count)
        for file in files {
            let r = try s.post("/api/v1/check?name=\(q(file))", token: token, xml: try bytes(file))
            let reported = r.json
            if let expected = judged[file] {
                #expect(r.status == 200, "\(file)")
                let got = (reported["dossiers"] as? [Any])?.first
                #expect(NSDictionary(dictionary: expected).isEqual(got), "\(file): the server's verdict differs from `verdict check`")
            } else {
                #expect(r.status == 422, "\(file)")
                let got = reported["errors"] as? [[String: Any]] ?? []
                #expect(NSArray(array: got).isEqual(to: unreadable[file] ?? []), "\(file): the server's errors differ from `verdict check`")
            }
        }
        // Byte for byte, one file at a time, as `verdict check --format json FILE` prints it.
        for file in files.prefix(5) + ["Tests/Fixtures/dossiers-bad/as-of-invalid.xml"] {
            let one = try runCheck([file])
            let r = try s.post("/api/v1/check?name=\(q(file))", token: token, xml: try bytes(file))
            #expect(r.status == (one.status == 2 ? 422 : 200), "\(file)")
            #expect(r.text == one.stdout, "\(file): the server's report differs from `verdict check --format json`")
        }
        // Evaluation inputs as the CLI's --as-of and --param.
        let file = Self.handover
        let withInputs = try runCheck(["--as-of", "2025-09-30", "--param", "reasonable-exit-days=10", file])
        let r = try s.post("/api/v1/check?as-of=2025-09-30&param=\(q("reasonable-exit-days=10"))&name=\(q(file))", token: token, xml: try bytes(file))
        #expect(r.text == withInputs.stdout)
        s.stop()
    }

    @Test("store: 201 with id and report; the report and the original (GBK, UTF-16, UTF-8) come back byte-identical; list newest first")
    func storeAndRead() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        var storedIds: [String] = []
        for file in [Self.handover, "examples/community/encoding-gbk.xml", "examples/community/encoding-utf16.xml"] {
            let xml = try bytes(file)
            let r = try s.post("/api/v1/dossiers?name=\(q(file))", token: token, xml: xml)
            #expect(r.status == 201)
            let id = try #require(r.json["id"] as? String)
            #expect(r.header("Location") == "/api/v1/dossiers/\(id)")
            storedIds.append(id)
            let report = try s.request("GET", "/api/v1/dossiers/\(id)", token: token)
            #expect(report.status == 200)
            let posted = try #require(r.json["report"] as? [String: Any])
            #expect(NSDictionary(dictionary: posted).isEqual(to: report.json))
            let cli = try runCheck([file])
            #expect(report.text == cli.stdout)
            let original = try s.request("GET", "/api/v1/dossiers/\(id)/xml", token: token)
            #expect(original.status == 200 && original.body == xml)
            #expect(original.header("Content-Type")?.hasPrefix("application/xml") == true)
        }
        let list = try s.request("GET", "/api/v1/dossiers", token: token)
        let listed = try #require(list.json["dossiers"] as? [[String: Any]])
        #expect(listed.map { $0["id"] as? String ?? "" } == storedIds.reversed())
        #expect(listed.last?["owner"] as? String == "JC-CQ-0001" && listed.last?["kind"] as? String == "community")
        let bad = try s.post("/api/v1/dossiers", token: token, xml: Array("not xml".utf8))
        #expect(bad.status == 422)
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: token)).count == 3)
        #expect(try s.request("GET", "/api/v1/dossiers/dnotthere", token: token).status == 404)
        s.stop()
    }

    @Test("roles: a committee acts on its own community only and sees another's stored dossier as 404 with no byte of it; a firm reads the communities whose contract names it")
    func roles() throws {
        let s = try ServerProcess()
        let clerk = try s.login("clerk"), own = try s.login("jc0001"), other = try s.login("other")
        let firm = try s.login("firm1"), firmEx = try s.login("firmex")
        let xml = try bytes(Self.handover)
        // The owning committee may check and store.
        #expect(try s.post("/api/v1/check", token: own, xml: xml).status == 200)
        let stored = try s.post("/api/v1/dossiers", token: own, xml: xml)
        #expect(stored.status == 201)
        let id = try #require(stored.json["id"] as? String)
        // Another committee may not check, store, or see it.
        #expect(try s.post("/api/v1/check", token: other, xml: xml).status == 403)
        #expect(try s.post("/api/v1/dossiers", token: other, xml: xml).status == 403)
        for path in ["/api/v1/dossiers/\(id)", "/api/v1/dossiers/\(id)/xml", "/api/v1/dossiers/\(id)/explain/handover.exit"] {
            let r = try s.request("GET", path, token: other)
            #expect(r.status == 404, "\(path)")
            #expect(!r.text.contains("JC-CQ-0001") && !r.text.contains("凤鸣"), "\(path) leaks the dossier")
            // The same answer as for an id that was never stored.
            let never = try s.request("GET", path.replacingOccurrences(of: id, with: "d00000000000000000000000000000000"), token: other)
            #expect(never.status == 404 && never.text == r.text.replacingOccurrences(of: id, with: "d00000000000000000000000000000000"))
        }
        #expect((try s.request("GET", "/api/v1/dossiers", token: other).json["dossiers"] as? [Any])?.isEmpty == true)
        #expect(try s.request("GET", "/api/v1/dossiers?owner=JC-CQ-0001", token: other).status == 403)
        #expect((try s.request("GET", "/api/v1/deadlines?from=2025-08-01", token: other).json["deadlines"] as? [Any])?.isEmpty == true)
        // The committee may not act on another community's dossier, nor on a firm's.
        #expect(try s.post("/api/v1/check", token: own, xml: try bytes(Self.otherCommunity)).status == 403)
        #expect(try s.post("/api/v1/dossiers", token: own, xml: try bytes(Self.firmDossier)).status == 403)
        // The firm named in the contract reads, but does not store, the community's dossiers.
        #expect(try s.request("GET", "/api/v1/dossiers/\(id)", token: firm).status == 200)
        #expect(try s.request("GET", "/api/v1/dossiers/\(id)/xml", token: firm).body == xml)
        #expect(try s.post("/api/v1/dossiers", token: firm, xml: xml).status == 403)
        #expect(try s.post("/api/v1/check", token: firm, xml: xml).status == 403)
        // A firm acts on its own firm dossier; another firm sees neither.
        let firmStored = try s.post("/api/v1/dossiers", token: firmEx, xml: try bytes(Self.firmDossier))
        #expect(firmStored.status == 201)
        let firmId = try #require(firmStored.json["id"] as? String)
        #expect(try s.request("GET", "/api/v1/dossiers/\(firmId)", token: firm).status == 404)
        #expect(try s.request("GET", "/api/v1/dossiers/\(id)", token: firmEx).status == 404)
        #expect(try s.request("GET", "/api/v1/dossiers/\(firmId)", token: own).status == 404)
        // The bureau sees everything; the lists are what each may see.
        #expect(try s.request("GET", "/api/v1/dossiers/\(firmId)", token: clerk).status == 200)
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: clerk)) == [firmId, id])
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: own)) == [id])
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: firm)) == [id])
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: firmEx)) == [firmId])
        #expect(ids(try s.request("GET", "/api/v1/dossiers?owner=F-EX-01", token: clerk)) == [firmId])
        // Only the bureau reloads rules and reads the audit log.
        #expect(try s.request("POST", "/api/v1/admin/reload", token: own).status == 403)
        #expect(try s.request("POST", "/api/v1/admin/reload", token: firm).status == 403)
        #expect(try s.request("GET", "/api/v1/audit", token: own).status == 403)
        // The audit log says who checked, stored and read what.
        let audit = try s.request("GET", "/api/v1/audit?limit=1000", token: clerk)
        let entries = try #require(audit.json["entries"] as? [[String: Any]])
        func has(_ user: String, _ action: String, _ target: String? = nil, _ outcome: String? = nil) -> Bool {
            entries.contains { $0["user"] as? String == user && $0["action"] as? String == action
                && (target == nil || $0["target"] as? String == target) && (outcome == nil || $0["outcome"] as? String == outcome) }
        }
        #expect(has("jc0001", "store", id))
        #expect(has("jc0001", "check", "community:JC-CQ-0001"))
        #expect(has("firm1", "read-xml", id, "ok"))
        #expect(has("other", "read", id, "not found"))
        #expect(has("other", "store", "community:JC-CQ-0001", "refused"))
        s.stop()
    }

    /// `verdict check --format json`, with the rules directory named as the server names it (its last component).
    func runCheck(_ args: [String]) throws -> Run {
        var r = try run("verdict", ["check", "--format", "json"] + args)
        r.stdout = r.stdout.replacingOccurrences(of: "\"directory\": \"\(Repo.path("rules"))\"", with: "\"directory\": \"rules\"")
        return r
    }

    func ids(_ r: HTTPResponse) -> [String] {
        (r.json["dossiers"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test("explain: the CLI's explain --format json; 404 for an unknown rule or subject")
    func explain() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        let file = Self.handover
        let stored = try s.post("/api/v1/dossiers", token: token, xml: try bytes(file))
        let id = try #require(stored.json["id"] as? String)
        let r = try s.request("GET", "/api/v1/dossiers/\(id)/explain/handover.exit", token: token)
        #expect(r.status == 200)
        let cli = try run("verdict", ["explain", "--format", "json", "handover.exit", file])
        #expect(r.text == cli.stdout.replacingOccurrences(of: "\"\(file)\"", with: "\"\(id)\""))
        let subject = try s.request("GET", "/api/v1/dossiers/\(id)/explain/supervision.rectification?subject=r1", token: token)
        #expect(subject.status == 200)
        #expect((subject.json["findings"] as? [[String: Any]])?.first?["subject"] as? String == "r1")
        #expect(try s.request("GET", "/api/v1/dossiers/\(id)/explain/supervision.rectification?subject=r9", token: token).status == 404)
        let unknown = try s.request("GET", "/api/v1/dossiers/\(id)/explain/handover.exits", token: token)
        #expect(unknown.status == 404)
        #expect((unknown.json["error"] as? String)?.contains("did you mean `handover.exit`") == true)
        let notForKind = try s.request("GET", "/api/v1/dossiers/\(id)/explain/credit.grade", token: token)
        #expect(notForKind.status == 200 && notForKind.json["applies"] as? Bool == false)
        s.stop()
    }

    @Test("deadlines: JSON and iCalendar from the newest dossier of each owner, soonest first, stable UIDs")
    func deadlines() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk"), firm = try s.login("firm1")
        // Stage 3 first, then stage 4 (newest) of the same community.
        #expect(try s.post("/api/v1/dossiers", token: token, xml: try bytes("examples/series/dismissal/03-termination.xml")).status == 201)
        let stored = try s.post("/api/v1/dossiers", token: token, xml: try bytes(Self.handover))
        let id = try #require(stored.json["id"] as? String)
        let r = try s.request("GET", "/api/v1/deadlines?from=2025-08-01&within=30", token: token)
        #expect(r.status == 200)
        let list = try #require(r.json["deadlines"] as? [[String: Any]])
        #expect(!list.isEmpty)
        #expect(list.allSatisfy { $0["dossier"] as? String == id && $0["owner"] as? String == "JC-CQ-0001" })
        let due = list.compactMap { $0["due"] as? String }
        #expect(due == due.sorted() && due.allSatisfy { $0 >= "2025-08-01" && $0 <= "2025-08-31" })
        #expect(list.contains { $0["rule"] as? String == "handover.exit" && $0["due"] as? String == "2025-08-15" })
        #expect((try s.request("GET", "/api/v1/deadlines?from=2025-08-16&within=0", token: token).json["deadlines"] as? [Any])?.isEmpty == true)
        // Within: from 2025-08-05, 10 days reaches 08-15 exactly; 9 days does not.
        let in10 = try s.request("GET", "/api/v1/deadlines?from=2025-08-05&within=10", token: token).json["deadlines"] as? [[String: Any]] ?? []
        let in9 = try s.request("GET", "/api/v1/deadlines?from=2025-08-05&within=9", token: token).json["deadlines"] as? [[String: Any]] ?? []
        #expect(in10.contains { $0["due"] as? String == "2025-08-15" } && !in9.contains { $0["due"] as? String == "2025-08-15" })
        // The firm named in the contract sees the same deadlines.
        #expect((try s.request("GET", "/api/v1/deadlines?from=2025-08-01", token: firm).json["deadlines"] as? [Any])?.count == list.count)
        #expect(try s.request("GET", "/api/v1/deadlines?within=abc", token: token).status == 400)
        #expect(try s.request("GET", "/api/v1/deadlines?from=yesterday", token: token).status == 400)
        #expect(try s.request("GET", "/api/v1/deadlines", token: token).status == 200)  // today, 30 days
        let ics = try s.request("GET", "/api/v1/deadlines.ics?from=2025-08-01&within=30", token: token)
        #expect(ics.status == 200 && ics.header("Content-Type")?.hasPrefix("text/calendar") == true)
        let text = ics.text
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == list.count)
        #expect(text.contains("DTSTART;VALUE=DATE:20250815\r\nDTEND;VALUE=DATE:20250816\r\n"))
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let uids = Set(text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") })
        #expect(uids.count == list.count)
        // Storing the same community again keeps the UIDs: a calendar updates its events.
        #expect(try s.post("/api/v1/dossiers", token: token, xml: try bytes(Self.handover)).status == 201)
        let again = try s.request("GET", "/api/v1/deadlines.ics?from=2025-08-01&within=30", token: token).text
        #expect(Set(again.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }) == uids)
        s.stop()
    }

    @Test("reload: POST (bureau) and SIGHUP; rules that fail keep the old ones in force and say why")
    func reload() throws {
        let work = Repo.temporaryDirectory("rules")
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: work + "/rules")
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: work + "/schema")
        let s = try ServerProcess(options: .init(rules: work + "/rules"))
        let token = try s.login("clerk")
        let ok = try s.request("POST", "/api/v1/admin/reload", token: token)
        #expect(ok.status == 200 && ok.json["status"] as? String == "reloaded")
        let broken = work + "/rules/zz-broken.rules"
        try "rule broken.rule \"x\" {\n  this is not the language\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let failed = try s.request("POST", "/api/v1/admin/reload", token: token)
        #expect(failed.status == 422)
        #expect((failed.json["error"] as? String)?.contains("old rules stay in force") == true)
        let diagnostics = (failed.json["diagnostics"] as? [String] ?? []).joined(separator: "\n")
        #expect(diagnostics.contains("zz-broken.rules") && !diagnostics.contains(work))
        // Still judging with the old rules.
        #expect(try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover)).status == 200)
        s.signal(SIGHUP)
        #expect(try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover)).status == 200)
        try FileManager.default.removeItem(atPath: broken)
        s.signal(SIGHUP)
        #expect(try s.request("GET", "/healthz").status == 200)
        #expect(s.stop() == 0)
        #expect(s.log.contains("rules not reloaded; the old rules stay in force"))
        #expect(s.log.contains("zz-broken.rules"))
    }

    @Test("deep but legal rules (a chain of 10,001 definitions) load, reload and judge on large stacks, as in the CLI")
    func deepRules() throws {
        let work = Repo.temporaryDirectory("deep-rules")
        try FileManager.default.copyItem(atPath: Repo.path("rules"), toPath: work + "/rules")
        try FileManager.default.copyItem(atPath: Repo.path("schema"), toPath: work + "/schema")
        try FileManager.default.copyItem(atPath: Repo.path("Tests/Fixtures/rules-bad/let-chain-10000.rules"),
                                         toPath: work + "/rules/zz-let-chain.rules")
        let s = try ServerProcess(options: .init(rules: work + "/rules"))
        let token = try s.login("clerk")
        let r = try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover))
        #expect(r.status == 200)
        let findings = ((r.json["dossiers"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]]) ?? []
        #expect(findings.contains { $0["rule"] as? String == "zz.let-chain" && $0["outcome"] as? String == "pass" },
                "zz.let-chain: \(findings.filter { ($0["rule"] as? String)?.hasPrefix("zz.") == true })")
        #expect(try s.request("POST", "/api/v1/admin/reload", token: token).status == 200)
        #expect(try s.request("GET", "/healthz").status == 200)
        #expect(s.stop() == 0)
    }

    @Test("SIGTERM: a request in flight (half its body sent) is finished, then the server exits 0")
    func gracefulStop() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        let xml = try bytes(Self.handover)
        let r = try HTTP.request(port: s.port, "POST", "/api/v1/check",
                                 headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/xml"], body: xml) {
            usleep(500_000)  // lets the server read the head before the signal; not a measurement
            s.signal(SIGTERM)
        }
        #expect(r.status == 200)
        #expect((r.json["dossiers"] as? [[String: Any]])?.first?["id"] as? String == "JC-CQ-0001")
        s.process.waitUntilExit()
        #expect(s.process.terminationStatus == 0)
        #expect(throws: HTTPFailure.self) { try HTTP.request(port: s.port, "GET", "/healthz", record: false) }
    }

    @Test("a check past --check-timeout answers 503 with a message, and the server goes on")
    func checkTimeout() throws {
        let s = try ServerProcess(options: .init(extra: ["--check-timeout", "0.000001"]))
        let token = try s.login("clerk")
        let r = try s.post("/api/v1/check", token: token, xml: try bytes(Self.handover))
        #expect(r.status == 503)
        #expect((r.json["error"] as? String)?.contains("longer than") == true)
        #expect(try s.request("GET", "/healthz").status == 200)
        s.stop()
    }

    @Test("on PostgreSQL: users added before the first start, store, byte-identical original, roles, deadlines, list",
          .enabled(if: TestPostgres.available, "VERDICT_TEST_POSTGRES_URL is not set"))
    func postgres() async throws {
        let url = try await TestPostgres.freshDatabase()
        let s = try ServerProcess(database: url)
        let clerk = try s.login("clerk"), own = try s.login("jc0001"), other = try s.login("other")
        var stored: [String] = []
        for file in [Self.handover, "examples/community/encoding-gbk.xml"] {
            let xml = try bytes(file)
            let r = try s.post("/api/v1/dossiers", token: clerk, xml: xml)
            #expect(r.status == 201)
            let id = try #require(r.json["id"] as? String)
            stored.append(id)
            #expect(try s.request("GET", "/api/v1/dossiers/\(id)/xml", token: clerk).body == xml)
            #expect(try s.request("GET", "/api/v1/dossiers/\(id)", token: clerk).text == (try runCheck([file])).stdout.replacingOccurrences(of: "\"file\": \"\(file)\"", with: "\"file\": \"-\""))
        }
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: clerk)) == stored.reversed())
        #expect(ids(try s.request("GET", "/api/v1/dossiers", token: own)) == [stored[0]])
        #expect(try s.request("GET", "/api/v1/dossiers/\(stored[0])", token: other).status == 404)
        let deadlines = try s.request("GET", "/api/v1/deadlines?from=2025-08-01", token: own).json["deadlines"] as? [[String: Any]] ?? []
        #expect(deadlines.contains { $0["due"] as? String == "2025-08-15" })
        #expect(try s.request("POST", "/api/v1/logout", token: own).status == 204)
        #expect(try s.request("GET", "/api/v1/dossiers", token: own).status == 401)
        // NUL, which PostgreSQL's text refuses, in a login name or a path names nothing: a 401 or
        // a 404, not a 500, and the audit log takes the attempt (schemathesis found the login).
        let nul = try JSONSerialization.data(withJSONObject: ["user": "a\u{0}b", "password": "x"])
        let badLogin = try s.request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: [UInt8](nul))
        #expect(badLogin.status == 401)
        #expect(try s.request("GET", "/api/v1/dossiers/a%00b", token: clerk).status == 404)
        #expect(try s.request("DELETE", "/api/v1/users/a%00b", token: clerk).status == 404)
        #expect(try s.request("GET", "/api/v1/dossiers", headers: ["Authorization": "Bearer a%00b"]).status == 401)
        for query in ["param=reasonable-exit-days=1%005", "name=a%00b.xml", "as-of=2025-01-01%00"] {
            #expect(try s.post("/api/v1/dossiers?\(query)", token: clerk, xml: try bytes(Self.handover)).status == 400, "\(query)")
        }
        #expect(!s.log.contains(" error "), "\(s.log.suffix(2000))")
        #expect(s.stop() == 0)
    }

    @Test("users from the command line and over HTTP (bureau only): bcrypt hashes only; a removed user's token stops working; bad roles refused")
    func users() throws {
        let s = try ServerProcess()
        let token = try s.login("other")
        let list = try run("verdict-server", ["user", "list"] + s.storeArgs)
        #expect(list.status == 0 && list.stdout.contains("other\tcommittee:JC-OTHER-9") && list.stdout.contains("clerk\tbureau"))
        let dup = try run("verdict-server", ["user", "add", "other", "--role", "bureau", "--password-stdin"] + s.storeArgs, stdin: "x\n")
        #expect(dup.status != 0 && dup.stderr.contains("already exists"))
        let badRole = try run("verdict-server", ["user", "add", "x", "--role", "admin", "--password-stdin"] + s.storeArgs, stdin: "x\n")
        #expect(badRole.status != 0)
        let removed = try run("verdict-server", ["user", "remove", "other"] + s.storeArgs)
        #expect(removed.status == 0)
        #expect(try s.request("GET", "/api/v1/dossiers", token: token).status == 401)
        #expect(try run("verdict-server", ["user", "remove", "other"] + s.storeArgs).status != 0)
        // Over HTTP, by the bureau only.
        let clerk = try s.login("clerk"), committee = try s.login("jc0001")
        let body = try JSONSerialization.data(withJSONObject: ["user": "newclerk", "role": "committee:JC-CQ-0104", "password": "another passphrase"])
        let json = ["Content-Type": "application/json"]
        #expect(try s.request("POST", "/api/v1/users", token: committee, headers: json, body: [UInt8](body)).status == 403)
        #expect(try s.request("GET", "/api/v1/users", token: committee).status == 403)
        #expect(try s.request("POST", "/api/v1/users", token: clerk, headers: json, body: [UInt8](body)).status == 201)
        // A control character (NUL: PostgreSQL's text refuses it) in a name or a role's id is a 400, not a 500.
        for (user, role) in [("nul\u{0}name", "bureau"), ("okname", "committee:JC\u{0}1"), ("bell\u{7}", "bureau")] {
            let bad = try JSONSerialization.data(withJSONObject: ["user": user, "role": role, "password": "another passphrase"])
            #expect(try s.request("POST", "/api/v1/users", token: clerk, headers: json, body: [UInt8](bad)).status == 400)
        }
        #expect(try s.request("POST", "/api/v1/users", token: clerk, headers: json, body: [UInt8](body)).status == 409)
        let badRoleBody = try JSONSerialization.data(withJSONObject: ["user": "x", "role": "admin", "password": "another passphrase"])
        #expect(try s.request("POST", "/api/v1/users", token: clerk, headers: json, body: [UInt8](badRoleBody)).status == 400)
        let names = (try s.request("GET", "/api/v1/users", token: clerk).json["users"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("newclerk") && !names.contains("other"))
        let newToken = try s.login("newclerk", password: "another passphrase")
        #expect(try s.post("/api/v1/check", token: newToken, xml: try bytes(Self.otherCommunity)).status == 200)
        #expect(try s.request("DELETE", "/api/v1/users/newclerk", token: committee).status == 403)
        #expect(try s.request("DELETE", "/api/v1/users/newclerk", token: clerk).status == 204)
        #expect(try s.request("DELETE", "/api/v1/users/newclerk", token: clerk).status == 404)
        #expect(try s.request("GET", "/api/v1/dossiers", token: newToken).status == 401)
        if s.database == nil {
            let db = try Data(contentsOf: URL(fileURLWithPath: s.data + "/verdict.sqlite"))
            #expect(db.range(of: Data(ServerProcess.password.utf8)) == nil)
        }
        s.stop()
    }
}
