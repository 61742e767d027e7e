import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals
import VerdictCore
import VerdictXML

/// The bureau's service: one loaded program, one store, the routes of SERVICE.md.
/// Routes decode the request, call the core, encode the result.
public final class VerdictService: Sendable {
    let configuration: ServerConfiguration
    let storage: any Storage
    let rules: RulesHolder
    let runner: CheckRunner
    let metrics = ServiceMetrics()
    let logger: Logger

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(configuration: ServerConfiguration, storage: any Storage, logger: Logger) throws {
        self.configuration = configuration
        self.storage = storage
        self.logger = logger
        let dir = configuration.resolvedRulesDirectory
        do {
            rules = try RulesHolder(directory: dir, schemaPath: configuration.schemaPath(rulesDirectory: dir))
        } catch let e as RulesHolder.LoadError {
            throw StartFailure(description: ([e.message] + e.diagnostics).joined(separator: "\n"))
        }
        runner = CheckRunner(threads: configuration.checkThreads, timeout: configuration.checkTimeout)
    }

    /// Serves until SIGTERM (or SIGINT): stops accepting, finishes requests in flight (at most
    /// 10 s), closes the store. Prints `listening on http://HOST:PORT` once the socket is bound.
    public func run() async throws {
        let host = configuration.host
        let listening = OnceFlag()
        let app = Application(
            router: buildRouter(),
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "verdict-server"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                listening.set()
                FileHandle.standardOutput.write(Data("listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)\n".utf8))
            },
            logger: logger
        )
        let reloader = ReloadOnHangup(service: self)
        var config = ServiceGroupConfiguration(services: [app, reloader], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        config.maximumGracefulShutdownDuration = .seconds(10)
        let group = ServiceGroup(configuration: config)
        defer { logger.info("stopped") }
        do {
            try await group.run()
        } catch {
            await shutdown()
            // Once serving, a stop is a stop (exit 0, SERVICE.md); before, it is a failure to start.
            guard listening.isSet else {
                throw StartFailure(description: "cannot listen on \(host):\(configuration.port): \(error)")
            }
            logger.error("server stopped with an error", metadata: ["error": .string("\(error)")])
            return
        }
        await shutdown()
    }

    func shutdown() async {
        await runner.shutdown()
        try? await storage.close()
    }

    func buildRouter() -> Router<ServerContext> {
        let router = Router(context: ServerContext.self)
        router.middlewares.add(RequestLogMiddleware(metrics: metrics))
        router.middlewares.add(ErrorMiddleware())
        router.get("/healthz") { _, _ in JSONResponse.make(.ok, "{\"status\":\"ok\"}") }
        router.get("/openapi.json") { _, _ in JSONResponse.make(.ok, OpenAPIDocument.json) }
        router.get("/metrics") { request, context in try await self.metricsText(request, context) }
        let api = router.group("/api/v1")
        api.post("/login") { request, context in try await self.login(request, context) }
        let authed = api.group().add(middleware: AuthMiddleware(service: self))
        authed.post("/logout") { request, context in try await self.logout(request, context) }
        authed.post("/check") { request, context in try await self.check(request, context) }
        authed.post("/dossiers") { request, context in try await self.storeDossier(request, context) }
        authed.get("/dossiers") { request, context in try await self.listDossiers(request, context) }
        authed.get("/dossiers/{id}") { request, context in try await self.dossierReport(request, context) }
        authed.get("/dossiers/{id}/xml") { request, context in try await self.dossierXML(request, context) }
        authed.get("/dossiers/{id}/explain/{rule}") { request, context in try await self.explain(request, context) }
        authed.get("/deadlines") { request, context in try await self.deadlines(request, context) }
        authed.get("/deadlines.ics") { request, context in try await self.deadlinesCalendar(request, context) }
        authed.post("/admin/reload") { request, context in try await self.reloadRoute(request, context) }
        authed.get("/audit") { request, context in try await self.auditRoute(request, context) }
        authed.get("/users") { request, context in try await self.listUsers(request, context) }
        authed.post("/users") { request, context in try await self.addUser(request, context) }
        authed.delete("/users/{name}") { request, context in try await self.removeUser(request, context) }
        addWebRoutes(to: router)  // the browser workspace (Web/)
        return router
    }

    /// Records who did what; a failure to record is logged, never hidden from the operator.
    func audit(_ user: String, _ action: String, _ target: String, _ outcome: String) async {
        // What a caller sent is logged as sent, but a NUL (which PostgreSQL's text refuses, and a
        // login name or path may carry) is written U+FFFD in both stores.
        func text(_ s: String) -> String { s.utf8.contains(0) ? s.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : s }
        do {
            try await storage.appendAudit(AuditEntry(at: Date(), user: text(user), action: text(action), target: text(target), outcome: text(outcome)))
        } catch {
            logger.error("cannot write the audit log", metadata: ["error": .string(StorageOpener.describe(error))])
        }
    }

    func metricsText(_ request: Request, _ context: ServerContext) async throws -> Response {
        if !context.fromLoopback {
            // From elsewhere only a bureau user may read the metrics.
            guard let token = AuthMiddleware.token(request),
                  let s = try await storage.session(tokenHash: Passwords.digest(token)), s.expires > Date(),
                  let u = try await storage.user(named: s.user) else {
                throw APIError(.unauthorized, "log in as a bureau user to read /metrics from another host")
            }
            guard Role(u.role) == .bureau else { throw APIError(.forbidden, "only bureau users may read /metrics from another host") }
        }
        return JSONResponse.make(.ok, metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// Reloads the rules (SIGHUP or the admin route); the old rules stay when the new ones fail.
    func reloadRules() async -> Result<CheckEngine, RulesHolder.LoadError> {
        let holder = rules
        let result: Result<CheckEngine, RulesHolder.LoadError>
        do {
            result = .success(try await runner.pool.runIfActive { try holder.reload() })
        } catch let e as RulesHolder.LoadError {
            result = .failure(e)
        } catch {
            result = .failure(RulesHolder.LoadError(message: "the rules could not be reloaded: \(error)", diagnostics: []))
        }
        switch result {
        case .success(let engine):
            metrics.reload(ok: true)
            logger.info("rules reloaded", metadata: ["version": .string(engine.program.version)])
        case .failure(let e):
            metrics.reload(ok: false)
            logger.error("rules not reloaded; the old rules stay in force", metadata: ["reason": .string(([e.message] + e.diagnostics).joined(separator: "\n"))])
        }
        return result
    }
}

/// Set once, read from another task.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// SIGHUP reloads the rules (a failed reload keeps the old ones and logs why).
struct ReloadOnHangup: Service {
    let service: VerdictService

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            _ = await service.reloadRules()
        }
    }
}
