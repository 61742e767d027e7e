import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import VerdictCore
import VerdictXML

/// POST /api/v1/check and POST /api/v1/dossiers: the same reading and judging as `verdict check`.
extension VerdictService {
    /// What a check request asks for besides the bytes.
    struct CheckQuery {
        var inputs: EvaluationInputs
        var asOf: String?
        var params: [String]
        /// Stands for the file in the report (`verdict check -` says `-`).
        var name: String
    }

    static let checkQueryKeys = ["as-of", "param", "name"]

    func checkQuery(_ request: Request, engine: CheckEngine) throws -> CheckQuery {
        var asOf: CivilDate?
        var asOfText: String?
        var params: [String] = []
        var overrides: [String: String] = [:]
        var name = "-"
        for (key, value) in request.uri.queryParameters {
            let k = String(key), v = String(value)
            // A stored dossier keeps its parameters and name as text: no NUL (PostgreSQL refuses it).
            if v.utf8.contains(0) { throw APIError(.badRequest, "\(k): a query value may not contain NUL (%00)") }
            switch k {
            case "as-of":
                guard let d = CivilDate(iso: v) else { throw APIError(.badRequest, "as-of `\(v)` is not a date (YYYY-MM-DD)") }
                asOf = d
                asOfText = v
            case "param":
                guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                    throw APIError(.badRequest, "param `\(v)`: write NAME=VALUE, e.g. param=reasonable-exit-days=15")
                }
                overrides[String(v[..<eq])] = String(v[v.index(after: eq)...])
                params.append(v)
            case "name":
                guard !v.isEmpty, v.utf8.count <= 255, !v.contains(where: { $0.isNewline }) else {
                    throw APIError(.badRequest, "name must be a file name of 1 to 255 bytes on one line")
                }
                name = v
            default:
                let s = FuzzyMatch.suggestion(for: k, among: VerdictService.checkQueryKeys)
                throw APIError(.badRequest, "unknown query parameter `\(k)`\(s.map { "; did you mean `\($0)`?" } ?? "") (this endpoint takes as-of, param and name)")
            }
        }
        let (values, problems) = ParamValues.parse(overrides, for: engine.program)
        if let p = problems.first {
            throw APIError(.badRequest, "param: \(p.message)")
        }
        return CheckQuery(inputs: EvaluationInputs(asOf: asOf, params: values), asOf: asOfText, params: params, name: name)
    }

    static let dossierContentTypes = ["application/xml", "text/xml", "application/octet-stream"]

    /// The request body as posted, refused above the size limit without reading it all.
    func dossierBytes(_ request: Request) async throws -> [UInt8] {
        if let type = request.headers[.contentType] {
            let base = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard VerdictService.dossierContentTypes.contains(base) else {
                throw APIError(.unsupportedMediaType, "send the dossier's bytes with Content-Type: application/xml (not \(base))")
            }
        }
        let limit = configuration.maxDossierBytes
        let tooLarge = APIError(.contentTooLarge, "the dossier is larger than this server's limit of \(VerdictService.size(limit)); split it or ask the bureau to raise --max-dossier-bytes")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        }
    }

    static func size(_ bytes: Int) -> String {
        bytes % (1024 * 1024) == 0 ? "\(bytes / (1024 * 1024)) MiB" : "\(bytes) bytes"
    }

    /// Reads, authorises and judges one posted dossier. 403 before any verdict leaves the server.
    func judgePosted(_ request: Request, _ context: ServerContext, action: String) async throws -> (CheckQuery, CheckEngine, Judge.Outcome, DossierIdentity?, [UInt8]) {
        let caller = try context.requireCaller()
        let engine = rules.engine
        let query = try checkQuery(request, engine: engine)
        let bytes = try await dossierBytes(request)
        let inputs = query.inputs, name = query.name
        let (outcome, identity) = try await runner.run { engine.check(bytes: bytes, name: name, inputs) }
        if let identity, !caller.role.mayAct(on: identity) {
            await audit(caller.name, action, "\(identity.kind):\(identity.id)", "refused")
            throw APIError(.forbidden, VerdictService.refusal(caller.role, identity))
        }
        switch outcome {
        case .judged(let r): metrics.checked(r.status.rawValue)
        case .failed: metrics.checked("unreadable")
        }
        return (query, engine, outcome, identity, bytes)
    }

    static func refusal(_ role: Role, _ d: DossierIdentity) -> String {
        switch role {
        case .bureau: return "refused"
        case .committee(let id): return "a committee:\(id) user may check and store only community dossiers whose root id is `\(id)`"
        case .firm(let id): return "a firm:\(id) user may check and store only firm dossiers whose root id is `\(id)`"
        }
    }

    func check(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (_, engine, outcome, identity, _) = try await judgePosted(request, context, action: "check")
        let report = ReportJSON.render(outcome, rules: engine)
        await audit(caller.name, "check", identity.map { "\($0.kind):\($0.id)" } ?? "", ReportJSON.statusWord(outcome))
        switch outcome {
        case .judged: return JSONResponse.make(.ok, report)
        case .failed: return JSONResponse.make(.unprocessableContent, report)
        }
    }

    func storeDossier(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (query, engine, outcome, identity, bytes) = try await judgePosted(request, context, action: "store")
        let report = ReportJSON.render(outcome, rules: engine)
        guard case .judged(let r) = outcome, let identity else {
            await audit(caller.name, "store", identity.map { "\($0.kind):\($0.id)" } ?? "", "unreadable")
            return JSONResponse.make(.unprocessableContent, report)
        }
        let id = Passwords.newDossierId()
        let stored = StoredDossier(id: id, owner: identity.id, kind: identity.kind, firmIds: identity.contractFirmIds,
                                   status: r.status.rawValue, storedAt: Date(), storedBy: caller.name, xml: bytes,
                                   report: report, asOf: query.asOf, params: query.params)
        try await storage.store(stored)
        await audit(caller.name, "store", id, r.status.rawValue)
        var response = JSONResponse.make(.created, "{\"id\":\(JSONWriter.quote(id)),\"report\":\(report)}")
        response.headers[.location] = "/api/v1/dossiers/\(id)"
        return response
    }
}

/// The JSON report of REPORT.md for one dossier, byte for byte as `verdict check --format json`
/// writes it for one file (the rules directory named by its last component only).
enum ReportJSON {
    static func render(_ outcome: Judge.Outcome, rules engine: CheckEngine) -> String {
        let dir = engine.program.directory
        let name = PathText.lastComponent(dir)
        let rules = JSONReport.RulesUsed(directory: name.isEmpty ? dir : name, version: engine.program.version)
        var summary = Summary()
        var errors: [ReportError] = []
        var out = "{\n  \"dossiers\": ["
        switch outcome {
        case .judged(let r):
            summary.add(r)
            out += "\n" + JSONReport.indented(r, by: 4) + "\n  ]"
        case .failed(let es):
            errors = es
            out += "]"
        }
        summary.errors = Set(errors.map(\.file)).count
        return out + ",\n" + JSONReport.tailMembers(errors, summary, rules: rules) + "\n}\n"
    }

    static func statusWord(_ outcome: Judge.Outcome) -> String {
        switch outcome {
        case .judged(let r): return r.status.rawValue
        case .failed: return "unreadable"
        }
    }
}
