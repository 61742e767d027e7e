import Foundation
import Testing

/// The browser workspace over real HTTP: every page, the login form and its cookie, the what-if
/// endpoint, the drafts, and the access rules (a committee user never reaches another community
/// by editing a URL). No assertion depends on how long anything takes.
@Suite("workspace pages over HTTP", .serialized)
struct WebPageTests {
    static let vote = "examples/series/dismissal/01-vote.xml"              // JC-CQ-0001, as of 2025-05-20
    static let termination = "examples/series/dismissal/03-termination.xml"  // JC-CQ-0001, as of 2025-08-01
    static let otherCommunity = "examples/community/committee-size-11.xml"   // JC-CQ-0104

    /// A page request (not an API call: no OpenAPI check), with the browser's cookie.
    static func page(_ s: ServerProcess, _ method: String, _ target: String, cookie: String?, headers: [String: String] = [:], body: [UInt8] = []) throws -> HTTPResponse {
        var h = headers
        if let cookie { h["Cookie"] = cookie }
        return try HTTP.request(port: s.port, method, target, headers: h, body: body, record: false)
    }

    static func get(_ s: ServerProcess, _ target: String, cookie: String?) throws -> HTTPResponse {
        try page(s, "GET", target, cookie: cookie)
    }

    /// Logs in through the form, as a browser does; the cookie to send back.
    static func formLogin(_ s: ServerProcess, _ user: String, password: String = ServerProcess.password, next: String = "/") throws -> (HTTPResponse, String?) {
        let body = "user=\(q(user))&password=\(q(password))&next=\(q(next))"
        let r = try page(s, "POST", "/login", cookie: nil, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(body.utf8))
        let cookie = r.header("Set-Cookie").flatMap { $0.split(separator: ";").first.map(String.init) }
        return (r, cookie)
    }

    /// Stores a dossier through the API; its id.
    static func store(_ s: ServerProcess, _ token: String, _ rel: String) throws -> String {
        let name = (rel as NSString).lastPathComponent
        let r = try s.post("/api/v1/dossiers?name=\(q(name))", token: token, xml: try bytes(rel))
        guard r.status == 201, let id = r.json["id"] as? String else { throw HTTPFailure(description: "store \(rel): \(r)") }
        return id
    }

    @Test("login form: a page with labelled fields; wrong password 401; right one sets the HttpOnly SameSite=Strict cookie and goes to `next`; logout ends it")
    func loginForm() throws {
        let s = try ServerProcess()
        let anonymous = try Self.get(s, "/", cookie: nil)
        #expect(anonymous.status == 303)
        #expect(anonymous.header("Location") == "/login?next=/")
        let form = try Self.get(s, "/login?next=/upload", cookie: nil)
        #expect(form.status == 200)
        #expect(form.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(form.text.contains("<html lang=\"zh-CN\">"))
        #expect(form.text.contains("<label for=\"user\">") && form.text.contains("<label for=\"password\">"))
        #expect(form.text.contains("value=\"/upload\""))
        let (bad, badCookie) = try Self.formLogin(s, "clerk", password: "wrong")
        #expect(bad.status == 401 && badCookie == nil)
        #expect(bad.text.contains("用户名或密码错误"))
        let (unknown, _) = try Self.formLogin(s, "nobody")
        #expect(unknown.status == 401)
        let (ok, cookie) = try Self.formLogin(s, "clerk", next: "/upload")
        #expect(ok.status == 303 && ok.header("Location") == "/upload")
        let set = try #require(ok.header("Set-Cookie"))
        #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.hasPrefix("verdict_session="))
        // The same session serves the API.
        #expect(try Self.get(s, "/api/v1/dossiers", cookie: cookie).status == 200)
        // No open redirect.
        let (offsite, _) = try Self.formLogin(s, "clerk", next: "//evil.example/")
        #expect(offsite.header("Location") == "/")
        let out = try Self.page(s, "POST", "/logout", cookie: cookie)
        #expect(out.status == 303 && out.header("Location") == "/login")
        #expect(try Self.get(s, "/", cookie: cookie).status == 303)
        #expect(try Self.get(s, "/api/v1/dossiers", cookie: cookie).status == 401)
        s.stop()
    }

    @Test("every page renders for the bureau: dashboard, upload, report, explanation, history with differences, training room, drafts; static files; nothing from another host")
    func everyPage() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        let older = try Self.store(s, token, Self.vote)
        let newer = try Self.store(s, token, Self.termination)
        let (_, cookie) = try Self.formLogin(s, "clerk")
        var pages: [HTTPResponse] = []

        let dash = try Self.get(s, "/", cookie: cookie)
        pages.append(dash)
        #expect(dash.status == 200)
        #expect(dash.text.contains("JC-CQ-0001") && dash.text.contains("/dossiers/\(newer)"))
        #expect(dash.text.contains("/api/v1/deadlines.ics"))
        #expect(dash.text.contains("2 份卷宗"))

        let upload = try Self.get(s, "/upload", cookie: cookie)
        pages.append(upload)
        #expect(upload.status == 200 && upload.text.contains("type=\"file\"") && upload.text.contains("multiple"))
        #expect(upload.text.contains("/static/upload.js"))

        let report = try Self.get(s, "/dossiers/\(newer)", cookie: cookie)
        pages.append(report)
        #expect(report.status == 200)
        for text in ["不通过", "下一步", "2025-08-15", "<details class=\"law\">", "/dossiers/\(newer)/explain/", "/training/dismissal?dossier=\(newer)",
                     "/dossiers/\(newer)/drafts/handover-checklist"] {
            #expect(report.text.contains(text), "report page: \(text)")
        }
        // The law is folded: its text only inside <details>.
        #expect(!report.text.contains("<q>业主依照法定程序共同决定解聘物业服务人的") || report.text.contains("<summary>法律依据"))

        let explain = try Self.get(s, "/dossiers/\(newer)/explain/handover.exit", cookie: cookie)
        pages.append(explain)
        #expect(explain.status == 200)
        for text in ["读取的事实", "2025-08-15", "第九百四十九条", "/api/v1/dossiers/\(newer)/xml",
                     "<code class=\"source\">&lt;termination date=&quot;2025-07-31&quot;"] {
            #expect(explain.text.contains(text), "explain page: \(text)")
        }
        // The plain text is exactly the command line's, for the same dossier and rule.
        let cli = try run("verdict", ["explain", "handover.exit", Self.termination, "--rules", Repo.path("rules")])
        #expect(cli.status == 0)
        var expected = cli.stdout.replacingOccurrences(of: Self.termination, with: newer)
        for (c, e) in [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\"", "&quot;"), ("'", "&#39;")] {
            expected = expected.replacingOccurrences(of: c, with: e)
        }
        #expect(explain.text.contains("<pre>" + expected + "</pre>"), "the explanation's plain text differs from `verdict explain`")
        let withSubject = try Self.get(s, "/dossiers/\(newer)/explain/dismissal.notice?subject=n1", cookie: cookie)
        #expect(withSubject.status == 200 && withSubject.text.contains("2025-07-31"))
        #expect(try Self.get(s, "/dossiers/\(newer)/explain/no.such-rule", cookie: cookie).status == 404)
        #expect(try Self.get(s, "/dossiers/\(newer)/explain/dismissal.notice?subject=zz", cookie: cookie).status == 404)

        let history = try Self.get(s, "/owners/JC-CQ-0001", cookie: cookie)
        pages.append(history)
        #expect(history.status == 200)
        #expect(history.text.contains(older) && history.text.contains(newer))
        #expect(history.text.contains("01-vote.xml → 03-termination.xml"), "the two compared, by the names they were uploaded as")
        #expect(history.text.contains("handover.exit"), "the handover appears between the vote and the termination")
        let same = try Self.get(s, "/owners/JC-CQ-0001?a=\(newer)&b=\(newer)", cookie: cookie)
        #expect(same.status == 200 && !same.text.contains("不同的结论"))

        let training = try Self.get(s, "/training/dismissal?dossier=\(newer)", cookie: cookie)
        pages.append(training)
        #expect(training.status == 200)
        for text in ["时间线", "2025-05-17", "2025-06-01", "2025-07-31", "2025-08-15", "第 1 步", "第 6 步", "显示答案", "显示法律",
                     "id=\"whatif-field\"", "notice.0.served", "/static/training.js"] {
            #expect(training.text.contains(text), "training page: \(text)")
        }
        let pick = try Self.get(s, "/training/dismissal", cookie: cookie)
        #expect(pick.status == 200 && pick.text.contains("/training/dismissal?dossier=\(newer)"))
        #expect(try Self.get(s, "/training/no-such?dossier=\(newer)", cookie: cookie).status == 404)

        let draft = try Self.get(s, "/dossiers/\(newer)/drafts/handover-checklist", cookie: cookie)
        pages.append(draft)
        #expect(draft.status == 200 && draft.text.contains("物业服务退出交接清单") && draft.text.contains("凤鸣小区"))
        #expect(draft.text.contains("id=\"print\""))
        let refused = try Self.get(s, "/dossiers/\(newer)/drafts/dismissal-notice", cookie: cookie)
        pages.append(refused)
        #expect(refused.status == 200 && refused.text.contains("拒绝出具") && refused.text.contains("合同已于 2025-07-31 终止"))
        let lawful = try Self.get(s, "/dossiers/\(older)/drafts/dismissal-notice", cookie: cookie)
        #expect(lawful.text.contains("解聘通知书") && !lawful.text.contains("拒绝出具"))
        #expect(try Self.get(s, "/dossiers/\(newer)/drafts/no-such", cookie: cookie).status == 404)

        for p in pages {
            #expect(p.header("Content-Security-Policy")?.contains("default-src 'self'") == true)
            // Nothing from another host: no absolute URL in any page.
            #expect(!p.text.contains("http://") && !p.text.contains("https://"), "\(p.text.prefix(200))")
        }
        for file in ["workspace.css", "workspace.js", "upload.js", "training.js"] {
            let f = try Self.get(s, "/static/\(file)", cookie: nil)
            #expect(f.status == 200 && !f.body.isEmpty, "\(file)")
            #expect(!f.text.contains("http://") && !f.text.contains("https://"), "\(file)")
        }
        #expect(try Self.get(s, "/static/nothing.js", cookie: nil).status == 404)
        s.stop()
    }

    @Test("dashboard: a step due within 30 days is listed with the days left, as /api/v1/deadlines gives it")
    func dashboardDeadline() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        // The termination a few days ago (dates relative to today, Asia/Shanghai), judged as of today:
        // the handover is due 15 days after it.
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd"
        let ended = f.string(from: Date().addingTimeInterval(-3 * 86400))
        var xml = try String(contentsOfFile: Repo.path(Self.termination), encoding: .utf8)
        xml = xml.replacingOccurrences(of: " as-of=\"2025-08-01\"", with: "")
        xml = xml.replacingOccurrences(of: "<termination date=\"2025-07-31\"", with: "<termination date=\"\(ended)\"")
        let r = try s.post("/api/v1/dossiers", token: token, xml: Array(xml.utf8))
        #expect(r.status == 201, "\(r)")
        let api = try s.request("GET", "/api/v1/deadlines", token: token)
        let due = try #require((api.json["deadlines"] as? [[String: Any]])?.first?["due"] as? String)
        let (_, cookie) = try Self.formLogin(s, "clerk")
        let dash = try Self.get(s, "/", cookie: cookie)
        #expect(dash.text.contains("<td>\(due)</td>"))
        #expect(!dash.text.contains("未来 30 日没有期限"))
        s.stop()
    }

    @Test("what-if: one fact changed in a copy changes the verdicts; the stored dossier is untouched; bad values are refused")
    func whatIf() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        let id = try Self.store(s, token, Self.termination)
        let (_, cookie) = try Self.formLogin(s, "clerk")
        func ask(_ field: String, _ value: String) throws -> HTTPResponse {
            let body = try JSONSerialization.data(withJSONObject: ["dossier": id, "field": field, "value": value])
            return try Self.page(s, "POST", "/training/dismissal/what-if", cookie: cookie, headers: ["Content-Type": "application/json"], body: [UInt8](body))
        }
        // Served four days later: 2025-06-05 + 60 days is after the termination on 2025-07-31.
        let late = try ask("notice.0.served", "2025-06-05")
        #expect(late.status == 200)
        let steps = try #require(late.json["steps"] as? [[String: Any]])
        let notice = try #require(steps.first { $0["number"] as? Int == 2 })
        #expect(notice["changed"] as? Bool == true)
        #expect((notice["before"] as? String)?.hasPrefix("已完成") == true)
        let findings = try #require(late.json["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "dismissal.notice" && ($0["after"] as? String)?.hasPrefix("不通过") == true })
        #expect((late.json["status"] as? [String: Any])?["after"] as? String == "noncompliant")
        // Unchanged value: nothing changes.
        let same = try ask("notice.0.served", "2025-06-01")
        #expect((same.json["findings"] as? [Any])?.isEmpty == true)
        // A vote and an area are fields too.
        let vote = try ask("ballot.0.vote", "no")
        #expect(vote.status == 200 && vote.json["steps"] != nil)
        #expect(try ask("owner.0.area", "200.00").status == 200)
        #expect(try ask("notice.0.served", "next week").status == 422)
        #expect(try ask("ballot.0.vote", "maybe").status == 422)
        #expect(try ask("no.0.such", "1").status == 422)
        // Never stored: the stored original is byte-identical and still the only dossier.
        let xml = try s.request("GET", "/api/v1/dossiers/\(id)/xml", token: token)
        #expect(xml.body == (try bytes(Self.termination)))
        #expect((try s.request("GET", "/api/v1/dossiers", token: token).json["dossiers"] as? [Any])?.count == 1)
        #expect(try Self.page(s, "POST", "/training/dismissal/what-if", cookie: nil, headers: ["Content-Type": "application/json"], body: Array("{}".utf8)).status == 401)
        s.stop()
    }

    @Test("a committee user sees only its own community on every page; another's by URL is 404 with no data; a firm reads the communities that name it")
    func access() throws {
        let s = try ServerProcess()
        let token = try s.login("clerk")
        let mine = try Self.store(s, token, Self.termination)      // JC-CQ-0001
        let theirs = try Self.store(s, token, Self.otherCommunity)  // JC-CQ-0104
        let (_, jc) = try Self.formLogin(s, "jc0001")

        let dash = try Self.get(s, "/", cookie: jc)
        #expect(dash.status == 200 && dash.text.contains("JC-CQ-0001") && !dash.text.contains("JC-CQ-0104") && !dash.text.contains(theirs))
        #expect(try Self.get(s, "/dossiers/\(mine)", cookie: jc).status == 200)
        #expect(try Self.get(s, "/owners/JC-CQ-0001", cookie: jc).status == 200)

        let forbidden = ["/dossiers/\(theirs)", "/dossiers/\(theirs)/explain/committee.size", "/dossiers/\(theirs)/drafts/handover-checklist",
                         "/owners/JC-CQ-0104", "/owners/JC-CQ-0104?a=\(theirs)&b=\(mine)", "/training/dismissal?dossier=\(theirs)",
                         "/dossiers/no-such-id"]
        let secretNames = try String(contentsOfFile: Repo.path(Self.otherCommunity), encoding: .utf8)
            .components(separatedBy: "name=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }.filter { !$0.isEmpty }
        for url in forbidden {
            let r = try Self.get(s, url, cookie: jc)
            #expect(r.status == 404, "\(url)")
            #expect(r.header("Content-Type")?.hasPrefix("text/html") == true)
            for name in secretNames.prefix(5) { #expect(!r.text.contains(name), "\(url) leaks \(name)") }
        }
        // The same answer for a stored id that is not theirs and one that does not exist.
        let a = try Self.get(s, "/dossiers/\(theirs)", cookie: jc), b = try Self.get(s, "/dossiers/zzzzzzzz", cookie: jc)
        #expect(a.text.replacingOccurrences(of: theirs, with: "X") == b.text.replacingOccurrences(of: "zzzzzzzz", with: "X"))
        // Their history does not even list our own dossier mixed in; the what-if panel too.
        let body = try JSONSerialization.data(withJSONObject: ["dossier": theirs, "field": "owner.0.area", "value": "1.00"])
        let w = try Self.page(s, "POST", "/training/dismissal/what-if", cookie: jc, headers: ["Content-Type": "application/json"], body: [UInt8](body))
        #expect(w.status == 404 && !w.text.contains("JC-CQ-0104"))
        let pick = try Self.get(s, "/training/dismissal", cookie: jc)
        #expect(pick.text.contains(mine) && !pick.text.contains(theirs))

        // The other committee sees nothing of JC-CQ-0001.
        let (_, other) = try Self.formLogin(s, "other")
        let empty = try Self.get(s, "/", cookie: other)
        #expect(empty.status == 200 && !empty.text.contains("JC-CQ-0001") && !empty.text.contains(mine))
        #expect(try Self.get(s, "/dossiers/\(mine)", cookie: other).status == 404)
        #expect(try Self.get(s, "/owners/JC-CQ-0001", cookie: other).status == 404)

        // The firm named by JC-CQ-0001's contract reads it (not JC-CQ-0104's, unless it names it too).
        let (_, firm) = try Self.formLogin(s, "firm1")
        #expect(try Self.get(s, "/dossiers/\(mine)", cookie: firm).status == 200)
        // The bureau sees both.
        let (_, clerk) = try Self.formLogin(s, "clerk")
        let all = try Self.get(s, "/", cookie: clerk)
        #expect(all.text.contains("JC-CQ-0001") && all.text.contains("JC-CQ-0104"))
        s.stop()
    }
}
