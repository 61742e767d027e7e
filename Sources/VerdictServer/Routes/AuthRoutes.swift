import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore

/// Bearer token or session cookie on every `/api/v1/*` route but login; 401 without either.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let service: VerdictService

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let token = AuthMiddleware.token(request) else {
            throw APIError(.unauthorized, "log in first: POST /api/v1/login, then send the token as `Authorization: Bearer TOKEN` (or the session cookie)")
        }
        let digest = Passwords.digest(token)
        guard let session = try await service.storage.session(tokenHash: digest), session.expires > Date(),
              let user = try await service.storage.user(named: session.user), let role = Role(user.role) else {
            throw APIError(.unauthorized, "the token or session has expired or was ended; log in again")
        }
        var context = context
        context.caller = Caller(name: user.name, role: role, tokenHash: digest)
        context.logger[metadataKey: "user"] = .string(user.name)
        return try await next(request, context)
    }

    static let cookieName = "verdict_session"

    static func token(_ request: Request) -> String? {
        if let auth = request.headers[.authorization] {
            let parts = auth.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let t = parts[1].trimmingCharacters(in: .whitespaces)
                return t.isEmpty ? nil : t
            }
        }
        if let c = request.cookies[cookieName]?.value, !c.isEmpty { return c }
        return nil
    }
}

extension VerdictService {
    struct LoginRequest: Decodable {
        let user: String
        let password: String
    }

    func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let login = try? JSONDecoder().decode(LoginRequest.self, from: Data(buffer: body)) else {
            throw APIError(.badRequest, "send JSON {\"user\": \"NAME\", \"password\": \"PASSWORD\"} with Content-Type: application/json")
        }
        let user = try await storage.user(named: login.user)
        // An unknown name is checked against a decoy hash: it takes as long as a wrong password.
        let hash = user?.passwordHash ?? Passwords.decoy
        let password = login.password
        let matches = try await runner.pool.runIfActive { Passwords.verify(password, hash: hash) }
        guard let user, matches, Role(user.role) != nil else {
            await audit(login.user, "login", "", "refused")
            throw APIError(.unauthorized, "wrong user name or password")
        }
        let token = Passwords.newToken()
        let expires = Date().addingTimeInterval(Double(configuration.sessionSeconds))
        try await storage.addSession(SessionRecord(tokenHash: Passwords.digest(token), user: user.name, expires: expires))
        await audit(user.name, "login", "", "ok")
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.string("token", token)
        w.string("expires", RFC3339.string(expires))
        w.string("user", user.name)
        w.string("role", user.role)
        w.endObject()
        var response = JSONResponse.make(.ok, w.out)
        response.headers[.setCookie] = "\(AuthMiddleware.cookieName)=\(token); Path=/; Max-Age=\(configuration.sessionSeconds); HttpOnly; SameSite=Strict"
        return response
    }

    func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        try await storage.removeSession(tokenHash: caller.tokenHash)
        await audit(caller.name, "logout", "", "ok")
        var response = Response(status: .noContent)
        response.headers[.setCookie] = "\(AuthMiddleware.cookieName)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
        return response
    }
}

enum RFC3339 {
    static func string(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }
}
