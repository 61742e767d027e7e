import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore

/// The bureau manages users over HTTP too (the command line does the same on the server's machine).
extension VerdictService {
    struct NewUser: Decodable {
        let user: String
        let role: String
        let password: String
    }

    func requireBureau(_ context: ServerContext, _ action: String) async throws -> Caller {
        let caller = try context.requireCaller()
        guard caller.role == .bureau else {
            await audit(caller.name, action, "", "refused")
            throw APIError(.forbidden, "only bureau users may manage users")
        }
        return caller
    }

    func listUsers(_ request: Request, _ context: ServerContext) async throws -> Response {
        _ = try await requireBureau(context, "user list")
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.beginArray("users")
        for u in try await storage.users() {
            w.beginObject()
            w.string("name", u.name)
            w.string("role", u.role)
            w.string("createdAt", RFC3339.string(u.createdAt))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return JSONResponse.make(.ok, w.out)
    }

    func addUser(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try await requireBureau(context, "user add")
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let new = try? JSONDecoder().decode(NewUser.self, from: Data(buffer: body)) else {
            throw APIError(.badRequest, "send JSON {\"user\": \"NAME\", \"role\": \"bureau|committee:ID|firm:ID\", \"password\": \"…\"}")
        }
        guard Role(new.role) != nil else { throw APIError(.badRequest, "role `\(new.role)`: bureau, committee:ID or firm:ID (e.g. committee:JC-CQ-0402)") }
        guard UserNames.valid(new.user) else { throw APIError(.badRequest, "a user name is 1 to 100 characters without spaces") }
        guard new.password.count >= 8 else { throw APIError(.badRequest, "a password has at least 8 characters") }
        let password = new.password
        let hash = try await runner.pool.runIfActive { Passwords.hash(password) }
        do {
            try await storage.addUser(UserRecord(name: new.user, role: new.role, passwordHash: hash, createdAt: Date()))
        } catch let e as StorageError {
            throw APIError(.conflict, e.description)
        }
        await audit(caller.name, "user add", new.user, new.role)
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.string("name", new.user)
        w.string("role", new.role)
        w.endObject()
        return JSONResponse.make(.created, w.out)
    }

    func removeUser(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try await requireBureau(context, "user remove")
        let name = context.parameters.get("name") ?? ""
        guard try await storage.removeUser(named: name) else {
            throw APIError(.notFound, "no user named `\(name)`")
        }
        await audit(caller.name, "user remove", name, "ok")
        return Response(status: .noContent)
    }
}

enum UserNames {
    static func valid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 100 && !name.contains(where: { $0.isWhitespace || $0.isNewline }) && !hasControl(name)
    }

    /// Control characters (NUL among them, which PostgreSQL's text refuses) are in no name or id.
    static func hasControl(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
