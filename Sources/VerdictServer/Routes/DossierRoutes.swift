import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore
import VerdictXML

/// Stored dossiers: the list, one report, the original bytes, an explanation.
extension VerdictService {
    /// A stored dossier the caller may read; anything else (absent or not theirs) is the same 404.
    func visibleDossier(_ context: ServerContext, action: String) async throws -> (Caller, StoredDossier) {
        let caller = try context.requireCaller()
        let id = context.parameters.get("id") ?? ""
        guard let d = try await storage.dossier(id: id), caller.role.mayRead(kind: d.kind, owner: d.owner, firmIds: d.firmIds) else {
            await audit(caller.name, action, id, "not found")
            throw APIError(.notFound, "no stored dossier `\(id)` that you may see")
        }
        return (caller, d)
    }

    func listDossiers(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        var owner: String?
        for (key, value) in request.uri.queryParameters {
            guard key == "owner" else {
                throw APIError(.badRequest, "unknown query parameter `\(key)` (this endpoint takes owner)")
            }
            owner = String(value)
        }
        if let owner, !VerdictService.mayAskFor(owner: owner, caller.role) {
            await audit(caller.name, "list", owner, "refused")
            throw APIError(.forbidden, "a \(caller.role) user may not list the dossiers of `\(owner)`")
        }
        let visible = try await storage.dossierSummaries().filter { caller.role.mayRead($0) && (owner == nil || $0.owner == owner) }
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.beginArray("dossiers")
        for d in visible {
            w.beginObject()
            w.string("id", d.id)
            w.string("owner", d.owner)
            w.string("kind", d.kind)
            w.string("storedAt", RFC3339.string(d.storedAt))
            w.string("storedBy", d.storedBy)
            w.string("status", d.status)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        await audit(caller.name, "list", owner ?? "", "\(visible.count)")
        return JSONResponse.make(.ok, w.out)
    }

    /// A committee asks only for its own community; a firm for itself or a community (which it sees where a contract names it).
    static func mayAskFor(owner: String, _ role: Role) -> Bool {
        switch role {
        case .bureau, .firm: return true
        case .committee(let id): return owner == id
        }
    }

    func dossierReport(_ request: Request, _ context: ServerContext) async throws -> Response {
        let (caller, d) = try await visibleDossier(context, action: "read")
        await audit(caller.name, "read", d.id, "ok")
        return JSONResponse.make(.ok, d.report)
    }

    func dossierXML(_ request: Request, _ context: ServerContext) async throws -> Response {
        let (caller, d) = try await visibleDossier(context, action: "read-xml")
        await audit(caller.name, "read-xml", d.id, "ok")
        var headers = HTTPFields()
        headers[.contentType] = "application/xml"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: d.xml)))
    }

    func explain(_ request: Request, _ context: ServerContext) async throws -> Response {
        let (caller, d) = try await visibleDossier(context, action: "explain")
        let rule = context.parameters.get("rule") ?? ""
        var subject: String?
        for (key, value) in request.uri.queryParameters {
            guard key == "subject" else { throw APIError(.badRequest, "unknown query parameter `\(key)` (this endpoint takes subject)") }
            subject = String(value)
        }
        let engine = rules.engine
        guard engine.program.rules[rule] != nil else {
            let s = FuzzyMatch.suggestion(for: rule, among: engine.program.ruleOrder)
            throw APIError(.notFound, "unknown rule `\(rule)`\(s.map { "; did you mean `\($0)`?" } ?? "")")
        }
        // Judged again with the inputs the dossier was stored with.
        var overrides: [String: String] = [:]
        for p in d.params {
            if let eq = p.firstIndex(of: "=") { overrides[String(p[..<eq])] = String(p[p.index(after: eq)...]) }
        }
        let (values, problems) = ParamValues.parse(overrides, for: engine.program)
        if let p = problems.first { throw APIError(.unprocessableContent, "the parameters this dossier was stored with no longer apply: \(p.message)") }
        let inputs = EvaluationInputs(asOf: d.asOf.flatMap { CivilDate(iso: $0) }, params: values)
        let bytes = d.xml, name = d.id, asked = subject
        let answer = try await runner.run { VerdictService.explanation(engine, rule: rule, subject: asked, bytes: bytes, name: name, inputs) }
        await audit(caller.name, "explain", "\(d.id) \(rule)", answer.status.code == 200 ? "ok" : "\(answer.status.code)")
        guard answer.status == .ok else { throw APIError(answer.status, answer.body) }
        return JSONResponse.make(.ok, answer.body)
    }

    struct ExplainAnswer: Sendable {
        let status: HTTPResponse.Status
        /// The JSON on 200, else the error message.
        let body: String
    }

    /// Runs on a check thread: judged again, traced, rendered as `verdict explain --format json` renders it.
    static func explanation(_ engine: CheckEngine, rule: String, subject: String?, bytes: [UInt8], name: String, _ inputs: EvaluationInputs) -> ExplainAnswer {
        switch engine.explain(rule, bytes: bytes, name: name, inputs) {
        case .failure(let e):
            return ExplainAnswer(status: .unprocessableContent, body: "the stored dossier cannot be read with the current rules: \(e.errors.first?.message ?? "unreadable")")
        case .success(.unknownRule):
            return ExplainAnswer(status: .notFound, body: "unknown rule `\(rule)`")
        case .success(.failed(let e)):
            return ExplainAnswer(status: .unprocessableContent, body: e.message)
        case .success(.notForKind(let kind, let kinds)):
            return ExplainAnswer(status: .ok, body: JSONReport.notForKind(rule: rule, kind: kind, kinds: kinds) + "\n")
        case .success(.findings(let all, let asOf)):
            var findings = all
            if let subject {
                findings = all.filter { $0.subject == subject }
                if findings.isEmpty {
                    let known = all.compactMap(\.subject)
                    let list = known.isEmpty ? "the rule speaks of no subject here" : "its subjects here: " + known.map { "`\($0)`" }.joined(separator: ", ")
                    return ExplainAnswer(status: .notFound, body: "rule `\(rule)` has no finding for subject `\(subject)` in this dossier; \(list)")
                }
            }
            let ex = Explanation(program: engine.program, dossierFile: name, asOf: asOf)
            return ExplainAnswer(status: .ok, body: ex.json(findings))
        }
    }

    func auditRoute(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard caller.role == .bureau else { throw APIError(.forbidden, "only bureau users may read the audit log") }
        var limit = 100
        for (key, value) in request.uri.queryParameters {
            guard key == "limit", let n = Int(value), n >= 1, n <= 10000 else {
                throw APIError(.badRequest, "this endpoint takes limit=N (1 to 10000)")
            }
            limit = n
        }
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.beginArray("entries")
        for e in try await storage.audit(limit: limit) {
            w.beginObject()
            w.string("at", RFC3339.string(e.at))
            w.string("user", e.user)
            w.string("action", e.action)
            w.string("target", e.target)
            w.string("outcome", e.outcome)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return JSONResponse.make(.ok, w.out)
    }

    func reloadRoute(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        guard caller.role == .bureau else {
            await audit(caller.name, "reload", "", "refused")
            throw APIError(.forbidden, "only bureau users may reload the rules")
        }
        switch await reloadRules() {
        case .success(let engine):
            await audit(caller.name, "reload", engine.program.version, "ok")
            return JSONResponse.make(.ok, "{\"status\":\"reloaded\",\"rules\":{\"version\":\(JSONWriter.quote(engine.program.version))}}")
        case .failure(let e):
            await audit(caller.name, "reload", "", "failed")
            var w = JSONWriter(pretty: false)
            w.beginObject()
            w.string("error", e.message + "; the old rules stay in force")
            w.beginArray("diagnostics")
            for line in e.diagnostics { w.string(nil, line) }
            w.endArray()
            w.beginObject("rules")
            w.string("version", rules.engine.program.version)
            w.endObject()
            w.endObject()
            throw APIError(.unprocessableContent, e.message, body: w.out)
        }
    }
}
