import Hummingbird
import NIOCore

/// One request's context: who asks (once authenticated) and from where.
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// Set by `AuthMiddleware` for every `/api/v1/*` route but login.
    var caller: Caller?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The authenticated caller; routes behind `AuthMiddleware` always have one.
    func requireCaller() throws -> Caller {
        guard let caller else { throw APIError(.unauthorized, "log in first: POST /api/v1/login, then send the token as `Authorization: Bearer TOKEN`") }
        return caller
    }

    /// Loopback callers may read /metrics without logging in.
    var fromLoopback: Bool {
        switch remoteAddress {
        case .v4(let a)?: return a.host.hasPrefix("127.")
        case .v6(let a)?: return a.host == "::1" || a.host.hasPrefix("::ffff:127.")
        default: return false
        }
    }
}

/// A logged-in user.
struct Caller: Sendable {
    let name: String
    let role: Role
    let tokenHash: String
}

/// An answer other than 2xx: `{"error": "…"}` with a message a person can act on.
struct APIError: Error {
    let status: HTTPResponse.Status
    let message: String
    /// A JSON body to send instead of `{"error"}` (422 reports, reload diagnostics).
    var body: String?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ message: String, body: String? = nil) {
        self.status = status
        self.message = message
        self.body = body
    }
}
