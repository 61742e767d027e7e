import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore

/// Logging in and out from a form: the same accounts, the same session and cookie as `POST /api/v1/login`.
extension VerdictService {
    func loginPage(_ request: Request, error: String?, status: HTTPResponse.Status = .ok) -> Response {
        let next = WebSession.safeNext(request.uri.queryParameters["next"].map(String.init))
        let html = WebViews.shared.render("login", ["title": "登录 Log in", "next": next, "error": error ?? "", "hasError": error != nil])
        return WebViews.html(html, status: status)
    }

    func loginForm(_ request: Request, _ context: ServerContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        let form = WebSession.form(String(buffer: body))
        let name = form["user"] ?? "", password = form["password"] ?? ""
        let user = try await storage.user(named: name)
        // An unknown name is checked against a decoy hash: it takes as long as a wrong password.
        let hash = user?.passwordHash ?? Passwords.decoy
        let matches = try await runner.pool.runIfActive { Passwords.verify(password, hash: hash) }
        guard let user, matches, Role(user.role) != nil else {
            await audit(name, "login", "", "refused")
            var r = loginPage(request, error: "用户名或密码错误 wrong user name or password", status: .unauthorized)
            r.headers[.cacheControl] = "no-store"
            return r
        }
        let token = Passwords.newToken()
        let expires = Date().addingTimeInterval(Double(configuration.sessionSeconds))
        try await storage.addSession(SessionRecord(tokenHash: Passwords.digest(token), user: user.name, expires: expires))
        await audit(user.name, "login", "web", "ok")
        let cookie = "\(AuthMiddleware.cookieName)=\(token); Path=/; Max-Age=\(configuration.sessionSeconds); HttpOnly; SameSite=Strict"
        return WebViews.redirect(WebSession.safeNext(form["next"]), cookie: cookie)
    }

    func logoutForm(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        try await storage.removeSession(tokenHash: caller.tokenHash)
        await audit(caller.name, "logout", "web", "ok")
        return WebViews.redirect("/login", cookie: "\(AuthMiddleware.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    }
}

enum WebSession {
    /// Only a path of this site: never `//host` or `http://…` (no open redirect).
    static func safeNext(_ next: String?) -> String {
        guard let n = next, n.hasPrefix("/"), !n.hasPrefix("//"), !n.hasPrefix("/\\"), !n.contains("\r"), !n.contains("\n") else { return "/" }
        return n
    }

    /// `application/x-www-form-urlencoded` fields.
    static func form(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            guard let k = kv.first else { continue }
            out[decode(k)] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return out
    }
}
