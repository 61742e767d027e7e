import Foundation
import Hummingbird
import Ink
import VerdictCore
import VerdictDocuments
import VerdictXML

/// The training room (a procedure walked through a stored dossier, one step a screen), its
/// what-if panel, and the printable drafts.
extension VerdictService {
    func procedureDecl(_ context: ServerContext) throws -> (String, ProcedureDecl) {
        let name = context.parameters.get("procedure") ?? ""
        guard let decl = rules.engine.program.procedures[name] else {
            throw PageError(.notFound, "没有程序 `\(name)`", "unknown procedure `\(name)`")
        }
        return (name, decl)
    }

    func trainingPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (name, decl) = try procedureDecl(context)
        guard let id = request.uri.queryParameters["dossier"].map(String.init), !id.isEmpty else {
            // No dossier named: the ones the caller may walk through.
            let list = try await storage.dossierSummaries().filter { caller.role.mayRead($0) && $0.kind == "community" }
            let rows: [[String: Any]] = list.map { ["id": $0.id, "owner": $0.owner, "storedAt": WebViews.shanghaiTime($0.storedAt)] }
            return WebViews.html(WebViews.shared.render("training-pick", ["title": decl.title, "procedure": name, "dossiers": rows, "hasDossiers": !rows.isEmpty], caller: caller))
        }
        let d = try await pageDossier(id, caller, action: "training")
        let engine = rules.engine
        let inputs = try VerdictService.storedInputs(d, engine)
        let fields = DossierFields(bytes: d.xml)
        let html = try await runner.run { () -> String? in
            guard case .success(let doc) = engine.read(bytes: d.xml, name: d.id),
                  case .success(let interpreter) = engine.judge.interpreter(for: doc, inputs) else { return nil }
            let walk = Walkthrough(procedure: decl, interpreter: interpreter)
            var ctx = TrainingView.context(walk, d, procedure: name, engine.program)
            let all = fields?.fields ?? []
            let groups: [(DossierFields.Kind, String)] = [(.date, "日期 dates"), (.vote, "表决票 votes"), (.area, "面积 areas")]
            ctx["fieldGroups"] = groups.compactMap { kind, label -> [String: Any]? in
                let fs = all.filter { $0.kind == kind }
                if fs.isEmpty { return nil }
                return ["label": label, "fields": fs.map { ["key": $0.key, "label": $0.label, "value": $0.value, "kind": $0.kind.rawValue] }]
            }
            ctx["canEdit"] = fields != nil
            ctx["scripts"] = ["training.js"]
            ctx["wide"] = true
            return WebViews.shared.render("training", ctx, caller: caller)
        }
        guard let html else { throw PageError(.unprocessableContent, "用现行规则无法读取此卷宗", "the stored dossier cannot be read with the current rules") }
        await audit(caller.name, "training", "\(d.id) \(name)", "ok")
        return WebViews.html(html)
    }

    /// `POST /training/{procedure}/what-if` with `{"dossier", "field", "value"}`: the procedure and the
    /// verdicts judged again on a copy with one fact changed. The copy is never stored.
    func whatIf(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let (_, decl) = try procedureDecl(context)
        var request = request
        let body = try await request.collectBody(upTo: 64 * 1024)
        guard let ask = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any],
              let id = ask["dossier"] as? String, let key = ask["field"] as? String, let value = ask["value"] as? String else {
            throw PageError(.badRequest, "请求格式错误", "send JSON {\"dossier\": ID, \"field\": KEY, \"value\": TEXT}")
        }
        let d = try await pageDossier(id, caller, action: "what-if")
        guard let fields = DossierFields(bytes: d.xml) else {
            throw PageError(.unprocessableContent, "此卷宗不是 UTF-8 文本，无法修改", "this dossier is not UTF-8 text; the what-if panel cannot change it")
        }
        let changed: [UInt8]
        do { changed = try fields.changing(key, to: value) } catch let r as DossierFields.Refusal {
            throw PageError(.unprocessableContent, r.message, r.message)
        }
        let engine = rules.engine
        let inputs = try VerdictService.storedInputs(d, engine)
        let json = try await runner.run { WhatIfView.compare(engine, decl, d, original: d.xml, changed: changed, inputs) }
        await audit(caller.name, "what-if", "\(d.id) \(key)", "ok")
        return JSONResponse.make(.ok, json)
    }

    func draftPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let d = try await pageDossier(context.parameters.get("id") ?? "", caller, action: "draft")
        let document = context.parameters.get("document") ?? ""
        let templates = (rules.directory as NSString).appendingPathComponent("templates")
        guard Draft.available(in: templates).contains(document) else {
            throw PageError(.notFound, "没有文书 `\(document)`", "unknown document `\(document)`")
        }
        let engine = rules.engine
        let inputs = try VerdictService.storedInputs(d, engine)
        let outcome = try await runner.run { () -> (String?, String?) in
            guard case .success(let doc) = engine.read(bytes: d.xml, name: d.id),
                  case .success(let interpreter) = engine.judge.interpreter(for: doc, inputs) else { return (nil, "用现行规则无法读取此卷宗 the stored dossier cannot be read") }
            switch Draft.render(document, templates: templates, interpreter: interpreter) {
            case .markdown(let md): return (MarkdownParser().html(from: md), nil)
            case .refused(let why): return (nil, why)
            case .failed(let why): return (nil, why)
            }
        }
        let titles = ["dismissal-notice": "解聘通知书 dismissal notice", "handover-checklist": "交接清单 handover checklist"]
        let html = WebViews.shared.render("draft", [
            "title": titles[document] ?? document, "id": d.id, "document": document, "html": outcome.0 ?? "",
            "refused": outcome.1 != nil, "reason": outcome.1 ?? "", "printable": true,
            "others": Draft.available(in: templates).filter { $0 != document }.map { ["document": $0, "title": titles[$0] ?? $0] },
        ], caller: caller)
        await audit(caller.name, "draft", "\(d.id) \(document)", outcome.1 == nil ? "ok" : "refused")
        return WebViews.html(html)
    }
}

/// The training room's context: slides (the timeline, then one a step), each step's facts
/// first, then the question, then the answer and the law.
enum TrainingView {
    static func css(_ s: Walkthrough.Status) -> String {
        switch s {
        case .done: return "pass"
        case .pending, .advised: return "pending"
        case .overdue, .failed: return "fail"
        case .blocked, .notApplicable: return "na"
        case .unknown: return "unknown"
        }
    }

    static func context(_ walk: Walkthrough, _ d: StoredDossier, procedure: String, _ program: Program) -> [String: Any] {
        let steps: [[String: Any]] = walk.steps.map { s in
            let blocked = s.status == .blocked
            let findings: [[String: Any]] = blocked ? [] : s.findings.map {
                ["subject": $0.subject ?? "", "hasSubject": $0.subject != nil, "outcome": $0.outcome.label, "message": $0.message]
            }
            let next: [[String: Any]] = (s.status == .done || blocked) ? [] : s.next.map { ["action": $0.action, "due": $0.due?.description ?? "", "hasDue": $0.due != nil] }
            return [
                "number": s.number, "title": s.title, "status": s.status.label, "css": css(s.status), "due": s.due?.description ?? "",
                "hasDue": s.due != nil,
                "evidence": s.evidence.map { ["subject": $0.subject ?? "", "hasSubject": $0.subject != nil, "label": $0.label, "value": $0.value.isEmpty ? "（无）" : $0.value] },
                "hasEvidence": !s.evidence.isEmpty,
                "findings": findings, "blocked": blocked, "next": next,
                "law": s.law.map { ["cite": $0.cite, "text": $0.text ?? "（文本未存档 the text is not on file）"] },
            ]
        }
        return [
            "title": "\(walk.procedure.title) · 培训 training", "procedureTitle": walk.procedure.title, "procedure": procedure,
            "id": d.id, "owner": d.owner, "asOf": walk.asOf.description, "steps": steps, "stepCount": steps.count,
            "timeline": timeline(walk),
        ]
    }

    /// The dates the steps' findings name (the vote, the notice, the termination, the handover
    /// deadline), with the step each belongs to, in order; the as-of date among them.
    static func timeline(_ walk: Walkthrough) -> [[String: Any]] {
        var entries: [(CivilDate, String, Int?)] = [(walk.asOf, "截至日 as of", nil)]
        var seen: Set<String> = []
        for s in walk.steps where s.status != .blocked {
            for f in s.findings {
                for (name, date) in f.dates {
                    let label = FactLabels.text(name, rule: f.rule)
                    if seen.insert("\(label)\(date)").inserted { entries.append((date, label, s.number)) }
                }
            }
            if let due = s.due, seen.insert("due\(due)\(s.number)").inserted { entries.append((due, "期限 due：\(s.title)", s.number)) }
        }
        entries.sort { $0.0 < $1.0 }
        return entries.map { e in
            ["date": e.0.description, "label": e.1, "step": e.2.map(String.init) ?? "", "hasStep": e.2 != nil, "isAsOf": e.2 == nil]
        }
    }
}

/// What the what-if panel shows: each step's status and each finding's outcome, before and after.
enum WhatIfView {
    static func compare(_ engine: CheckEngine, _ decl: ProcedureDecl, _ d: StoredDossier, original: [UInt8], changed: [UInt8], _ inputs: EvaluationInputs) -> String {
        var w = JSONWriter(pretty: false)
        w.beginObject()
        guard let before = judged(engine, decl, original, d.id, inputs) else {
            w.string("error", "the stored dossier cannot be read with the current rules")
            w.endObject()
            return w.out
        }
        guard let after = judged(engine, decl, changed, d.id, inputs) else {
            // The change makes the dossier unreadable (schema): say where, judge nothing.
            let errors: [ReportError]
            if case .failure(let e) = engine.read(bytes: changed, name: d.id) { errors = e.errors } else { errors = [] }
            w.string("error", "修改后的卷宗无法读取 the changed dossier cannot be read: " + (errors.first?.message ?? "unreadable"))
            w.endObject()
            return w.out
        }
        w.beginObject("status")
        w.string("before", before.report.status.rawValue)
        w.string("after", after.report.status.rawValue)
        w.string("beforeLabel", TextReport.statusText(before.report))
        w.string("afterLabel", TextReport.statusText(after.report))
        w.endObject()
        w.beginArray("steps")
        for (b, a) in zip(before.walk.steps, after.walk.steps) {
            w.beginObject()
            w.int("number", b.number)
            w.string("title", b.title)
            w.string("before", b.status.label)
            w.string("after", a.status.label)
            w.string("beforeCss", TrainingView.css(b.status))
            w.string("afterCss", TrainingView.css(a.status))
            w.string("beforeDue", b.due?.description)
            w.string("afterDue", a.due?.description)
            w.bool("changed", b.status != a.status || b.due != a.due)
            w.endObject()
        }
        w.endArray()
        w.beginArray("findings")
        let old = Dictionary(before.report.findings.map { ($0.rule + "\u{1F}" + ($0.subject ?? ""), $0) }, uniquingKeysWith: { x, _ in x })
        for f in after.report.findings {
            let o = old[f.rule + "\u{1F}" + (f.subject ?? "")]
            guard o?.outcome != f.outcome || o?.message != f.message else { continue }
            w.beginObject()
            w.string("rule", f.rule)
            w.string("title", f.title)
            w.string("subject", f.subject)
            w.string("before", o?.outcome.label ?? "—")
            w.string("after", f.outcome.label)
            w.string("afterCss", f.outcome == .notApplicable ? "na" : f.outcome.rawValue)
            w.string("message", f.message)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.out
    }

    struct Judged {
        let walk: Walkthrough
        let report: DossierReport
    }

    static func judged(_ engine: CheckEngine, _ decl: ProcedureDecl, _ bytes: [UInt8], _ name: String, _ inputs: EvaluationInputs) -> Judged? {
        guard case .success(let doc) = engine.read(bytes: bytes, name: name),
              case .success(let interpreter) = engine.judge.interpreter(for: doc, inputs),
              case .judged(let report) = engine.judge.judge(doc, inputs) else { return nil }
        return Judged(walk: Walkthrough(procedure: decl, interpreter: interpreter), report: report)
    }
}
