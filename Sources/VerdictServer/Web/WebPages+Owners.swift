import Foundation
import Hummingbird
import VerdictCore

/// The dashboard, the upload page and an owner's history.
extension VerdictService {
    func dashboardPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        var newest: [DossierSummary] = []
        var counts: [String: Int] = [:]
        for s in try await storage.dossierSummaries() where caller.role.mayRead(s) {  // newest first
            if counts[s.owner] == nil { newest.append(s) }
            counts[s.owner, default: 0] += 1
        }
        let owners: [[String: Any]] = newest.sorted { $0.owner < $1.owner }.map { s in
            ["owner": s.owner, "ownerPath": WebViews.pathEscape(s.owner), "kind": s.kind == "community" ? "小区 community" : "企业 firm",
             "status": s.status, "statusLabel": WebViews.statusLabel(s.status), "id": s.id, "storedAt": WebViews.shanghaiTime(s.storedAt),
             "count": counts[s.owner] ?? 1]
        }
        let today = Judge.todayInShanghai()
        let deadlines = try await collectDeadlines(caller, DeadlineQuery(from: today, within: 30))
        let rows: [[String: Any]] = deadlines.map { d in
            ["due": d.due.description, "days": d.due.daysSinceEpoch - today.daysSinceEpoch, "owner": d.owner, "action": d.action,
             "rule": d.rule, "dossier": d.dossier]
        }
        await audit(caller.name, "dashboard", "", "\(owners.count)")
        let html = WebViews.shared.render("dashboard", [
            "title": "工作台 Dashboard", "owners": owners, "hasOwners": !owners.isEmpty, "deadlines": rows,
            "hasDeadlines": !rows.isEmpty, "today": today.description, "mayUpload": true,
        ], caller: caller)
        return WebViews.html(html)
    }

    func uploadPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let hint: String
        switch caller.role {
        case .bureau: hint = "任何小区或企业的卷宗 any community or firm dossier"
        case .committee(let id): hint = "根元素 id 为 \(id) 的小区卷宗 community dossiers whose root id is \(id)"
        case .firm(let id): hint = "根元素 id 为 \(id) 的企业卷宗 firm dossiers whose root id is \(id)"
        }
        return WebViews.html(WebViews.shared.render("upload", ["title": "上传卷宗 Upload", "hint": hint, "scripts": ["upload.js"]], caller: caller))
    }

    /// The stored dossiers of one owner, and the findings that differ between two of them.
    func historyPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let owner = context.parameters.get("owner") ?? ""
        let list = try await storage.dossierSummaries().filter { $0.owner == owner && caller.role.mayRead($0) }
        guard !list.isEmpty else {
            await audit(caller.name, "history", owner, "not found")
            throw PageError(.notFound, "没有您可查看的 `\(owner)` 卷宗", "no stored dossiers of `\(owner)` that you may see")
        }
        let ids = list.map(\.id)
        let query = request.uri.queryParameters
        // Default: the newest against the one before it.
        let newer = query["b"].map(String.init).flatMap { ids.contains($0) ? $0 : nil } ?? ids[0]
        let older = query["a"].map(String.init).flatMap { ids.contains($0) ? $0 : nil } ?? (ids.count > 1 ? ids[1] : ids[0])
        var diff: [[String: Any]] = []
        var compared = false
        if older != newer, let a = try await storage.dossier(id: older), let b = try await storage.dossier(id: newer) {
            compared = true
            diff = StoredFindings.differences(StoredFindings.read(a.report), StoredFindings.read(b.report)).map { d in
                ["rule": d.rule, "subject": d.subject ?? "", "hasSubject": d.subject != nil, "title": d.title,
                 "before": StoredFindings.label(d.before), "after": StoredFindings.label(d.after),
                 "beforeMessage": d.before?.message ?? "", "afterMessage": d.after?.message ?? "",
                 "beforeCss": StoredFindings.css(d.before), "afterCss": StoredFindings.css(d.after)]
            }
        }
        var rows: [[String: Any]] = []
        for s in list {
            // The file name it was uploaded as and the date it was judged at, from its stored report.
            let meta = try await storage.dossier(id: s.id).map { StoredFindings.meta($0.report) } ?? ("", "")
            rows.append(["id": s.id, "storedAt": WebViews.shanghaiTime(s.storedAt), "storedBy": s.storedBy, "status": s.status,
                         "statusLabel": WebViews.statusLabel(s.status), "isA": s.id == older, "isB": s.id == newer,
                         "file": meta.0.isEmpty || meta.0 == "-" ? s.id : meta.0, "asOf": meta.1])
        }
        func name(_ id: String) -> String { rows.first { $0["id"] as? String == id }?["file"] as? String ?? id }
        await audit(caller.name, "history", owner, "\(list.count)")
        let html = WebViews.shared.render("history", [
            "title": "历史 History · \(owner)", "owner": owner, "ownerPath": WebViews.pathEscape(owner), "dossiers": rows,
            "older": older, "newer": newer, "olderName": name(older), "newerName": name(newer), "compared": compared, "differences": diff, "hasDifferences": !diff.isEmpty,
            "single": list.count == 1,
        ], caller: caller)
        return WebViews.html(html)
    }
}

/// The findings of a stored JSON report (REPORT.md), as data: what the history compares.
enum StoredFindings {
    struct Entry: Equatable {
        let rule: String
        let subject: String?
        let title: String
        let outcome: String
        let message: String
    }

    struct Difference {
        let rule: String
        let subject: String?
        let title: String
        let before: Entry?
        let after: Entry?
    }

    /// `通过 pass`; `—` where the finding is absent from that report.
    static func label(_ e: Entry?) -> String {
        guard let e else { return "— 无 none" }
        return Outcome(rawValue: e.outcome)?.label ?? e.outcome
    }

    static func css(_ e: Entry?) -> String {
        guard let e, e.outcome != Outcome.notApplicable.rawValue else { return "na" }
        return e.outcome
    }

    /// The dossier's file name (as uploaded) and as-of date in a stored report.
    static func meta(_ report: String) -> (String, String) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
              let d = (o["dossiers"] as? [[String: Any]])?.first else { return ("", "") }
        return (d["file"] as? String ?? "", d["asOf"] as? String ?? "")
    }

    static func read(_ report: String) -> [Entry] {
        guard let o = try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any],
              let ds = o["dossiers"] as? [[String: Any]] else { return [] }
        return ds.flatMap { d in
            (d["findings"] as? [[String: Any]] ?? []).map { f in
                Entry(rule: f["rule"] as? String ?? "", subject: f["subject"] as? String, title: f["title"] as? String ?? "",
                      outcome: f["outcome"] as? String ?? "", message: f["message"] as? String ?? "")
            }
        }
    }

    /// Findings whose outcome or message differ, appear or disappear, in the newer report's order.
    static func differences(_ old: [Entry], _ new: [Entry]) -> [Difference] {
        func key(_ e: Entry) -> String { e.rule + "\u{1F}" + (e.subject ?? "") }
        let before = Dictionary(old.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Difference] = []
        for e in new {
            let b = before[key(e)]
            if b?.outcome != e.outcome || b?.message != e.message {
                out.append(Difference(rule: e.rule, subject: e.subject, title: e.title, before: b, after: e))
            }
        }
        for e in old where after[key(e)] == nil {
            out.append(Difference(rule: e.rule, subject: e.subject, title: e.title, before: e, after: nil))
        }
        // Changed outcomes first, then findings whose wording alone changed (a date in a message).
        let outcomeChanged = out.filter { $0.before?.outcome != $0.after?.outcome }
        return outcomeChanged + out.filter { $0.before?.outcome == $0.after?.outcome }
    }
}
