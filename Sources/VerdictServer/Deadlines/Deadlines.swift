import Foundation
import Hummingbird
import HTTPTypes
import VerdictCore

/// A next step with a due date, from the newest stored dossier of one owner.
struct Deadline: Sendable, Equatable {
    let owner: String
    let kind: String
    let dossier: String
    let rule: String
    let action: String
    let due: CivilDate
    let storedAt: Date
}

extension VerdictService {
    struct DeadlineQuery {
        let from: CivilDate
        let within: Int
    }

    func deadlineQuery(_ request: Request) throws -> DeadlineQuery {
        var from = Judge.todayInShanghai()
        var within = 30
        for (key, value) in request.uri.queryParameters {
            switch key {
            case "within":
                guard let n = Int(value), n >= 0, n <= 3660 else { throw APIError(.badRequest, "within `\(value)` is not a number of days from 0 to 3660") }
                within = n
            case "from":
                guard let d = CivilDate(iso: String(value)) else { throw APIError(.badRequest, "from `\(value)` is not a date (YYYY-MM-DD)") }
                from = d
            default:
                throw APIError(.badRequest, "unknown query parameter `\(key)` (this endpoint takes within and from)")
            }
        }
        return DeadlineQuery(from: from, within: within)
    }

    /// Steps due from `from` to `from + within` days, of the newest stored dossier of each owner the
    /// caller may see, soonest first.
    func collectDeadlines(_ caller: Caller, _ q: DeadlineQuery) async throws -> [Deadline] {
        var newest: [String: DossierSummary] = [:]
        for s in try await storage.dossierSummaries() where newest[s.owner] == nil { newest[s.owner] = s }  // newest first
        var out: [Deadline] = []
        let last = q.from.daysSinceEpoch + q.within
        for s in newest.values where caller.role.mayRead(s) {
            guard let d = try await storage.dossier(id: s.id) else { continue }
            for step in ReportSteps.dated(d.report) where step.due >= q.from && step.due.daysSinceEpoch <= last {
                out.append(Deadline(owner: s.owner, kind: s.kind, dossier: s.id, rule: step.rule, action: step.action, due: step.due, storedAt: s.storedAt))
            }
        }
        return out.sorted { ($0.due, $0.owner, $0.rule, $0.action) < ($1.due, $1.owner, $1.rule, $1.action) }
    }

    func deadlines(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let q = try deadlineQuery(request)
        let list = try await collectDeadlines(caller, q)
        await audit(caller.name, "deadlines", "", "\(list.count)")
        var w = JSONWriter(pretty: false)
        w.beginObject()
        w.string("from", q.from.description)
        w.int("within", q.within)
        w.beginArray("deadlines")
        for d in list {
            w.beginObject()
            w.string("owner", d.owner)
            w.string("kind", d.kind)
            w.string("dossier", d.dossier)
            w.string("rule", d.rule)
            w.string("action", d.action)
            w.string("due", d.due.description)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return JSONResponse.make(.ok, w.out)
    }

    func deadlinesCalendar(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let q = try deadlineQuery(request)
        let list = try await collectDeadlines(caller, q)
        await audit(caller.name, "deadlines.ics", "", "\(list.count)")
        return JSONResponse.make(.ok, ICalendar.feed(list, name: "Verdict deadlines (\(caller.name))"), contentType: "text/calendar; charset=utf-8")
    }
}

/// The dossier-level steps of a stored report (REPORT.md: `dossiers[0].steps`), dated ones only.
enum ReportSteps {
    struct Step {
        let action: String
        let due: CivilDate
        let rule: String
    }

    static func dated(_ report: String) -> [Step] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
              let dossiers = object["dossiers"] as? [[String: Any]] else { return [] }
        var out: [Step] = []
        for d in dossiers {
            for s in d["steps"] as? [[String: Any]] ?? [] {
                guard let due = (s["due"] as? String).flatMap({ CivilDate(iso: $0) }) else { continue }
                out.append(Step(action: s["action"] as? String ?? "", due: due, rule: s["rule"] as? String ?? ""))
            }
        }
        return out
    }
}
