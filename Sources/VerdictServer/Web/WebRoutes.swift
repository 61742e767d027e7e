import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore
import VerdictXML

/// The browser workspace (issue #14): server-rendered pages over the same accounts, roles and
/// session cookie as `/api/v1`. Every page that names a dossier or an owner answers 404 to a
/// caller who may not see it, exactly as the API does.
extension VerdictService {
    func addWebRoutes(to router: Router<ServerContext>) {
        let views = WebViews.shared
        router.get("/static/{file}") { _, context in try views.staticFile(context.parameters.get("file") ?? "") }
        router.get("/login") { request, _ in self.loginPage(request, error: nil) }
        router.post("/login") { request, context in try await self.loginForm(request, context) }

        // Authentication first, so that an error page still shows who is logged in.
        let pages = router.group().add(middleware: PageAuthMiddleware(service: self)).add(middleware: PageErrorMiddleware())
        pages.get("/") { request, context in try await self.dashboardPage(request, context) }
        pages.post("/logout") { request, context in try await self.logoutForm(request, context) }
        pages.get("/upload") { request, context in try await self.uploadPage(request, context) }
        pages.get("/dossiers/{id}") { request, context in try await self.reportPage(request, context) }
        pages.get("/dossiers/{id}/explain/{rule}") { request, context in try await self.explainPage(request, context) }
        pages.get("/dossiers/{id}/drafts/{document}") { request, context in try await self.draftPage(request, context) }
        pages.get("/owners/{owner}") { request, context in try await self.historyPage(request, context) }
        pages.get("/training/{procedure}") { request, context in try await self.trainingPage(request, context) }
        pages.post("/training/{procedure}/what-if") { request, context in try await self.whatIf(request, context) }
    }

    /// A stored dossier the caller may read, by id; anything else is the one 404 page.
    func pageDossier(_ id: String, _ caller: Caller, action: String) async throws -> StoredDossier {
        guard let d = try await storage.dossier(id: id), caller.role.mayRead(kind: d.kind, owner: d.owner, firmIds: d.firmIds) else {
            await audit(caller.name, action, id, "not found")
            throw PageError(.notFound, "没有您可查看的卷宗 `\(id)`", "no stored dossier `\(id)` that you may see")
        }
        return d
    }

    /// The inputs a stored dossier was judged with (its `as-of` and `param=K=V`), for judging it again.
    static func storedInputs(_ d: StoredDossier, _ engine: CheckEngine, trace: Bool = false) throws -> EvaluationInputs {
        var overrides: [String: String] = [:]
        for p in d.params {
            if let eq = p.firstIndex(of: "=") { overrides[String(p[..<eq])] = String(p[p.index(after: eq)...]) }
        }
        let (values, problems) = ParamValues.parse(overrides, for: engine.program)
        if let p = problems.first {
            throw PageError(.unprocessableContent, "此卷宗保存时的参数已不适用：\(p.message)", "the parameters this dossier was stored with no longer apply")
        }
        return EvaluationInputs(asOf: d.asOf.flatMap { CivilDate(iso: $0) }, params: values, trace: trace)
    }
}

/// A page that cannot be shown: rendered as an HTML page with the status, Chinese first.
struct PageError: Error {
    let status: HTTPResponse.Status
    let chinese: String
    let english: String

    init(_ status: HTTPResponse.Status, _ chinese: String, _ english: String) {
        self.status = status
        self.chinese = chinese
        self.english = english
    }
}

/// Pages need the session cookie; without a valid one a GET goes to the login page, anything else gets 401.
struct PageAuthMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let service: VerdictService

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        if let token = AuthMiddleware.token(request) {
            let digest = Passwords.digest(token)
            if let session = try await service.storage.session(tokenHash: digest), session.expires > Date(),
               let user = try await service.storage.user(named: session.user), let role = Role(user.role) {
                var context = context
                context.caller = Caller(name: user.name, role: role, tokenHash: digest)
                context.logger[metadataKey: "user"] = .string(user.name)
                return try await next(request, context)
            }
        }
        guard request.method == .get else {
            throw APIError(.unauthorized, "log in first: the session has expired or was ended")
        }
        let target = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        return WebViews.redirect("/login?next=" + WebViews.queryEscape(target))
    }
}

/// Turns page errors (and the API's) into an HTML page; JSON callers (the what-if panel) get JSON.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as PageError {
            return PageErrorMiddleware.page(request, e, caller: context.caller)
        } catch let e as APIError {
            return PageErrorMiddleware.page(request, PageError(e.status, e.message, e.message), caller: context.caller)
        }
    }

    static func page(_ request: Request, _ e: PageError, caller: Caller?) -> Response {
        if request.method != .get {
            return JSONResponse.make(e.status, JSONResponse.error(e.english))
        }
        let html = WebViews.shared.render("error", [
            "title": "\(e.status.code) \(e.chinese)", "status": e.status.code, "chinese": e.chinese, "english": e.english,
        ], caller: caller)
        return WebViews.html(html, status: e.status)
    }
}
