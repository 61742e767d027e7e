import Foundation
import Hummingbird
import VerdictCore
import VerdictXML

/// One stored dossier: its report page and a finding's explanation page.
extension VerdictService {
    func reportPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let d = try await pageDossier(context.parameters.get("id") ?? "", caller, action: "read")
        let engine = rules.engine
        let inputs = try VerdictService.storedInputs(d, engine)
        let html = try await runner.run { () -> String? in
            guard case (.judged(let report), _) = engine.check(bytes: d.xml, name: d.id, inputs) else { return nil }
            return WebViews.shared.render("report", ReportView.context(report, d, engine.program), caller: caller)
        }
        guard let html else {
            throw PageError(.unprocessableContent, "用现行规则无法读取此卷宗", "the stored dossier cannot be read with the current rules")
        }
        await audit(caller.name, "read", d.id, "ok")
        return WebViews.html(html)
    }

    func explainPage(_ request: Request, _ context: ServerContext) async throws -> Response {
        let caller = try context.requireCaller()
        let d = try await pageDossier(context.parameters.get("id") ?? "", caller, action: "explain")
        let rule = context.parameters.get("rule") ?? ""
        let subject = request.uri.queryParameters["subject"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let engine = rules.engine
        guard engine.program.rules[rule] != nil else {
            throw PageError(.notFound, "没有规则 `\(rule)`", "unknown rule `\(rule)`")
        }
        let inputs = try VerdictService.storedInputs(d, engine, trace: true)
        let result = try await runner.run { () -> Result<String, PageError> in
            switch engine.explain(rule, bytes: d.xml, name: d.id, inputs) {
            case .failure, .success(.failed):
                return .failure(PageError(.unprocessableContent, "用现行规则无法读取此卷宗", "the stored dossier cannot be read with the current rules"))
            case .success(.unknownRule):
                return .failure(PageError(.notFound, "没有规则 `\(rule)`", "unknown rule `\(rule)`"))
            case .success(.notForKind(let kind, _)):
                return .failure(PageError(.notFound, "规则 `\(rule)` 不判定 \(kind) 卷宗", "rule `\(rule)` does not judge \(kind) dossiers"))
            case .success(.findings(let all, let asOf)):
                let findings = subject.map { s in all.filter { $0.subject == s } } ?? all
                if findings.isEmpty {
                    return .failure(PageError(.notFound, "规则 `\(rule)` 在此卷宗中没有关于 `\(subject ?? "")` 的结论",
                                              "rule `\(rule)` has no finding for subject `\(subject ?? "")` in this dossier"))
                }
                let ctx = ExplainView.context(findings, d, asOf: asOf, engine.program, lines: ExplainView.lines(d.xml))
                return .success(WebViews.shared.render("explain", ctx, caller: caller))
            }
        }
        await audit(caller.name, "explain", "\(d.id) \(rule)", "ok")
        return WebViews.html(try result.get())
    }
}

/// The report page's context: findings grouped by outcome, next steps, law folded.
enum ReportView {
    static let groups: [(Outcome, String, String)] = [
        (.fail, "不通过", "fail"), (.unknown, "无法判断", "unknown"), (.pending, "待办", "pending"), (.pass, "通过", "pass"),
    ]

    static func context(_ report: DossierReport, _ d: StoredDossier, _ program: Program) -> [String: Any] {
        var groups: [[String: Any]] = []
        for (outcome, label, css) in present(report) {
            let fs = report.findings.filter { $0.outcome == outcome }
            groups.append(["label": label, "english": outcome.rawValue, "css": css, "count": fs.count,
                           "findings": fs.map { finding($0, program, dossier: d.id) }])
        }
        let na = report.findings.filter { $0.outcome == .notApplicable }.map { $0.title + ($0.subject.map { "（\($0)）" } ?? "") }
        let steps: [[String: Any]] = report.steps.map { ["due": $0.due?.description ?? "无期限 no date", "action": $0.action, "rule": $0.rule] }
        let procedures = program.procedures.values.sorted { $0.name < $1.name }.map { ["name": $0.name, "title": $0.title] }
        return [
            "title": "报告 Report · \(report.id)", "id": d.id, "owner": d.owner, "ownerPath": WebViews.pathEscape(d.owner),
            "kind": report.kind, "asOf": TextReport.asOfText(report), "status": report.status.rawValue,
            "statusLabel": TextReport.statusText(report), "storedAt": WebViews.shanghaiTime(d.storedAt), "storedBy": d.storedBy,
            "groups": groups, "notApplicable": na.joined(separator: "、"), "hasNotApplicable": !na.isEmpty,
            "steps": steps, "hasSteps": !steps.isEmpty,
            "warnings": report.warnings.map { ["line": $0.line.map(String.init) ?? "", "message": $0.message] }, "hasWarnings": !report.warnings.isEmpty,
            "community": report.kind == "community", "procedures": procedures, "rulesVersion": program.version,
        ]
    }

    static func present(_ report: DossierReport) -> [(Outcome, String, String)] {
        Self.groups.filter { g in report.findings.contains { $0.outcome == g.0 } }
    }

    /// One finding for a page: Chinese labels, law folded, a link to its explanation.
    static func finding(_ f: Finding, _ program: Program, dossier: String) -> [String: Any] {
        let law: [[String: Any]] = (program.rules[f.rule]?.first?.cites ?? []).map { c in
            ["cite": program.citeText(c), "text": program.citedText(c) ?? "（文本未存档 the text is not on file）"]
        }
        var explain = "/dossiers/\(WebViews.pathEscape(dossier))/explain/\(WebViews.pathEscape(f.rule))"
        if let s = f.subject { explain += "?subject=" + WebViews.queryEscape(s) }
        return [
            "rule": f.rule, "subject": f.subject ?? "", "hasSubject": f.subject != nil, "title": f.title, "css": f.outcome == .notApplicable ? "na" : f.outcome.rawValue,
            "outcome": f.outcome.label, "level": levelLabel(f.level), "message": f.message, "value": f.value ?? "", "hasValue": f.value != nil,
            "law": law, "hasLaw": !law.isEmpty,
            "facts": f.facts.map { ["name": FactLabels.text($0.0, rule: f.rule), "value": $0.1] }, "hasFacts": !f.facts.isEmpty,
            "params": f.params.map { ["name": $0.name, "value": $0.value, "source": $0.source, "placeholder": $0.placeholder] },
            "changes": f.changes, "hasChanges": !f.changes.isEmpty,
            "steps": f.steps.map { ["action": $0.action, "due": $0.due?.description ?? ""] }, "hasSteps": !f.steps.isEmpty,
            "explain": explain,
        ]
    }

    static func levelLabel(_ l: Level) -> String {
        switch l {
        case .must: return "必须 must"
        case .should: return "应当 should"
        case .advice: return "建议 advice"
        }
    }
}

/// A finding's derivation for people: the facts with their dossier lines, the exact arithmetic,
/// the comparisons, the branch taken, the law and what would change it, from the trace events.
enum ExplainView {
    static func context(_ findings: [Finding], _ d: StoredDossier, asOf: CivilDate, _ program: Program, lines: [Substring]) -> [String: Any] {
        let first = findings[0]
        let plain = Explanation(program: program, dossierFile: d.id, asOf: asOf)
        return [
            "title": "解释 Explanation · \(first.title)", "id": d.id, "asOf": asOf.description, "rule": first.rule,
            "findings": findings.map { f in
                var c = explained(f, program, dossier: d.id, lines: lines)
                c["plainText"] = plain.text(f)  // exactly what `verdict explain` prints
                return c
            },
        ]
    }

    /// The stored dossier's lines, to show the line each fact was read from (none if not UTF-8).
    static func lines(_ xml: [UInt8]) -> [Substring] {
        guard let text = String(bytes: xml, encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    static func explained(_ f: Finding, _ program: Program, dossier: String, lines: [Substring]) -> [String: Any] {
        var c = ReportView.finding(f, program, dossier: dossier)
        var reads: [[String: Any]] = [], computed: [[String: Any]] = [], arithmetic: [String] = [], comparisons: [String] = []
        var notes: [String] = [], branch = "", version = ""
        var seenComputed: Set<String> = []
        for e in f.trace {
            switch e {
            case .readFact(let n, let v, let l):
                let source = l.flatMap { $0 >= 1 && $0 <= lines.count ? lines[$0 - 1].trimmingCharacters(in: .whitespaces) : nil } ?? ""
                reads.append(["label": FactLabels.label(n, rule: f.rule)?.text ?? "", "name": n, "value": v.isEmpty ? "（空）" : v.text,
                              "line": l.map(String.init) ?? "?", "source": source.count > 200 ? String(source.prefix(200)) + "…" : source,
                              "hasSource": !source.isEmpty])
            case .computed(let n, let v, let x):
                if seenComputed.insert(n).inserted { computed.append(["label": FactLabels.text(n, rule: f.rule), "name": n, "expression": x, "value": v.text]) }
            case .compared(let x, let l, let op, let r, let res):
                let s = "\(x)：\(l) \(op) \(r) → \(res)"
                if !comparisons.contains(s) { comparisons.append(s) }
            case .arithmetic(let x, let t):
                let s = "\(x)：\(t)"
                if !arithmetic.contains(s) { arithmetic.append(s) }
            case .basis(let b):
                notes.append("\(b.name)：\(b.branch == "default" ? "法定默认 the statute's default" : "约定例外 the agreed exception") — \(b.source)（\(b.detail)）")
            case .moved(let from, let to, _):
                notes.append(from == to ? "\(from) 是工作日，不顺延" : "\(from) 是休息日，依第二百零三条顺延至 \(to)")
            case .branch(let o, let cond): branch = "\(o.label) ← \(cond)"
            case .version(let from, let until, let event):
                version = "事件日期 \(event)" + (from == nil && until == nil ? "；本规则未限定施行期间" : "，适用\(from.map { "自 \($0) 起" } ?? "")\(until.map { "至 \($0) 止" } ?? "")施行的版本")
            case .note(let n): notes.append(n)
            case .param, .subject: break
            }
        }
        c["reads"] = reads; c["hasReads"] = !reads.isEmpty
        c["computed"] = computed; c["hasComputed"] = !computed.isEmpty
        c["arithmetic"] = arithmetic; c["hasArithmetic"] = !arithmetic.isEmpty
        c["comparisons"] = comparisons; c["hasComparisons"] = !comparisons.isEmpty
        c["notes"] = notes; c["hasNotes"] = !notes.isEmpty
        c["branch"] = branch; c["hasBranch"] = !branch.isEmpty
        c["version"] = version; c["hasVersion"] = !version.isEmpty
        c["xml"] = "/api/v1/dossiers/\(WebViews.pathEscape(dossier))/xml"
        return c
    }
}
