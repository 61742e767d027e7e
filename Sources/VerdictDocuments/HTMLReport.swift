import Mustache
import VerdictCore

/// `verdict check --format html`: one self-contained page per run (no scripts, fonts or
/// images fetched), readable on a projector and printable.
public struct HTMLReport {
    let program: Program

    public init(program: Program) { self.program = program }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let groups: [(Outcome, String, String)] = [
        (.fail, "不通过 fail", "fail"), (.unknown, "无法判断 unknown", "unknown"),
        (.pending, "待办 pending", "pending"), (.pass, "通过 pass", "pass"),
    ]

    public func render(_ dossiers: [DossierReport], _ errors: [ReportError], _ summary: Summary) throws -> String {
        let template = try MustacheTemplate(string: HTMLReport.template)
        return template.render(context(dossiers, errors, summary))
    }

    func context(_ dossiers: [DossierReport], _ errors: [ReportError], _ summary: Summary) -> [String: Any] {
        var ds: [[String: Any]] = []
        for d in dossiers {
            var groups: [[String: Any]] = []
            for (outcome, label, css) in HTMLReport.groups {
                let fs = d.findings.filter { $0.outcome == outcome }
                if fs.isEmpty { continue }
                groups.append(["label": label, "css": css, "count": fs.count, "findings": fs.map(finding)])
            }
            let na = d.findings.filter { $0.outcome == .notApplicable }.map { $0.rule + ($0.subject.map { " \($0)" } ?? "") }
            ds.append([
                "id": d.id, "file": d.file, "kind": d.kind, "asOf": TextReport.asOfText(d),
                "status": d.status.rawValue + (d.status == .compliant && d.reservations > 0 ? " reservations" : ""),
                "statusLabel": TextReport.statusText(d),
                "warnings": d.warnings.map { ["line": $0.line.map(String.init) ?? "", "message": $0.message] },
                "hasWarnings": !d.warnings.isEmpty,
                "groups": groups, "notApplicable": na.joined(separator: "、"), "hasNotApplicable": !na.isEmpty,
                "timeline": timeline(d), "steps": d.steps.map { ["due": $0.due?.description ?? "无期限", "action": $0.action, "rule": $0.rule] },
                "hasSteps": !d.steps.isEmpty,
            ])
        }
        var values: [[String: Any]] = []
        for rule in summary.valueOrder {
            let counts = (summary.values[rule] ?? [:]).sorted { $0.key < $1.key }
            values.append(["rule": rule, "counts": counts.map { ["value": $0.key, "count": $0.value] }])
        }
        return [
            "rulesDirectory": program.directory, "rulesVersion": program.version,
            "dossiers": ds, "errors": errors.map { ["file": $0.file, "line": $0.line.map(String.init) ?? "", "message": $0.message] },
            "hasErrors": !errors.isEmpty,
            "summary": ["dossiers": summary.dossiers, "compliant": summary.compliant, "noncompliant": summary.noncompliant,
                        "incomplete": summary.incomplete, "errors": summary.errors],
            "values": values,
        ]
    }

    func finding(_ f: Finding) -> [String: Any] {
        let rule = program.rules[f.rule]?.first
        let law: [[String: Any]] = (rule?.cites ?? []).map { c in
            ["cite": program.citeText(c), "text": program.citedText(c) ?? "（文本未存档 the document's text is not on file）"]
        }
        return [
            "rule": f.rule, "subject": f.subject ?? "", "hasSubject": f.subject != nil, "title": f.title,
            "level": f.level.rawValue, "message": f.message, "value": f.value ?? "", "hasValue": f.value != nil,
            "law": law, "facts": f.facts.map { ["name": FactLabels.text($0.0, rule: f.rule), "value": $0.1] }, "hasFacts": !f.facts.isEmpty,
            "params": f.params.map { ["name": $0.name, "value": $0.value, "source": $0.source, "placeholder": $0.placeholder] },
            "changes": f.changes, "steps": f.steps.map { ["action": $0.action, "due": $0.due?.description ?? ""] },
        ]
    }

    /// Every date a finding's facts or steps name, with the as-of date, in order, each
    /// labelled in Chinese (`FactLabels`), never by rule id or fact name.
    func timeline(_ d: DossierReport) -> [[String: Any]] {
        var entries: [(CivilDate, String)] = [(d.asOf, "截至日 as of")]
        var seen: Set<String> = []
        for f in d.findings where f.outcome != .notApplicable {
            for (name, date) in f.dates {
                // One event, several rules (the termination date): shown once.
                if seen.insert("\(FactLabels.text(name))\(date)").inserted { entries.append((date, FactLabels.text(name, rule: f.rule))) }
            }
            for s in f.steps {
                if let due = s.due, seen.insert("due\(due)\(s.action)").inserted { entries.append((due, "期限 due：" + s.action)) }
            }
        }
        entries.sort { $0.0 < $1.0 }
        return entries.map { ["date": $0.0.description, "label": $0.1, "isAsOf": $0.1.hasPrefix("截至日")] }
    }

    static let template = """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Verdict 合规报告</title>
    <style>
    :root { --fail:#b3261e; --unknown:#6a1b9a; --pending:#b26a00; --pass:#1b5e20; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; font-size: 18px; line-height: 1.6; color: #111; }
    h1 { font-size: 1.7em; margin-bottom: .2em; } h2 { font-size: 1.35em; border-bottom: 2px solid #333; padding-bottom: .2em; margin-top: 1.6em; }
    h3 { font-size: 1.1em; margin: 1em 0 .3em; }
    .status { display: inline-block; padding: .1em .6em; border-radius: .3em; color: #fff; font-weight: bold; }
    .status.compliant { background: var(--pass); } .status.compliant.reservations { background: #b26a00; }
    .warnings { background: #fff7e0; border-left: 4px solid #b26a00; padding: .3em .8em; } .status.noncompliant { background: var(--fail); } .status.incomplete { background: var(--unknown); }
    .finding { border-left: 6px solid #999; padding: .4em .8em; margin: .6em 0; background: #fafafa; break-inside: avoid; }
    .finding.fail { border-color: var(--fail); } .finding.unknown { border-color: var(--unknown); } .finding.pending { border-color: var(--pending); } .finding.pass { border-color: var(--pass); }
    .rule { font-family: monospace; font-weight: bold; } .level { font-size: .8em; color: #555; }
    .law { font-size: .9em; color: #333; margin: .3em 0; } .law q { quotes: "「" "」"; }
    table { border-collapse: collapse; margin: .3em 0; font-size: .9em; } td, th { border: 1px solid #bbb; padding: .15em .5em; text-align: left; vertical-align: top; }
    .placeholder { color: var(--pending); font-weight: bold; }
    .timeline { list-style: none; padding-left: 0; border-left: 3px solid #333; margin-left: .5em; }
    .timeline li { padding-left: 1em; margin: .2em 0; } .timeline .asof { font-weight: bold; background: #eef; }
    .summary td { text-align: right; min-width: 4em; }
    @media print { body { font-size: 12pt; max-width: none; } .finding { background: none; } }
    </style>
    </head>
    <body>
    <h1>Verdict 合规报告 compliance report</h1>
    <p>规则 rules: {{rulesDirectory}}（版本 version {{rulesVersion}}）</p>
    <table class="summary"><tr><th>卷宗 dossiers</th><th>合规 compliant</th><th>不合规 noncompliant</th><th>待补充 incomplete</th><th>无法读取 errors</th></tr>
    {{#summary}}<tr><td>{{dossiers}}</td><td>{{compliant}}</td><td>{{noncompliant}}</td><td>{{incomplete}}</td><td>{{errors}}</td></tr>{{/summary}}</table>
    {{#values}}<h3>{{rule}}</h3><table><tr>{{#counts}}<th>{{value}}</th>{{/counts}}</tr><tr>{{#counts}}<td>{{count}}</td>{{/counts}}</tr></table>{{/values}}
    {{#hasErrors}}<h2>无法读取 errors</h2><ul>{{#errors}}<li>{{file}}:{{line}} {{message}}</li>{{/errors}}</ul>{{/hasErrors}}
    {{#dossiers}}
    <section class="dossier">
    <h2>{{id}} <span class="status {{status}}">{{statusLabel}}</span></h2>
    <p>{{kind}} · {{file}} · 截至 as of {{asOf}}</p>
    {{#hasWarnings}}<div class="warnings"><b>⚠ 注意 warnings</b>（不影响判定 they change no verdict）<ul>{{#warnings}}<li>{{file}}:{{line}} {{message}}</li>{{/warnings}}</ul></div>{{/hasWarnings}}
    {{#groups}}
    <h3>{{label}} ({{count}})</h3>
    {{#findings}}
    <div class="finding {{css}}">
    <div><span class="rule">{{rule}}</span>{{#hasSubject}} ({{subject}}){{/hasSubject}} — {{title}} <span class="level">[{{level}}]</span>{{#hasValue}} = <b>{{value}}</b>{{/hasValue}}</div>
    <div>{{message}}</div>
    {{#law}}<div class="law">{{cite}}：<q>{{text}}</q></div>{{/law}}
    {{#hasFacts}}<table>{{#facts}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/facts}}</table>{{/hasFacts}}
    {{#params}}<div>参数 {{name}} = {{value}}（{{source}}）{{#placeholder}}<span class="placeholder"> 占位值 placeholder，非法律规定</span>{{/placeholder}}</div>{{/params}}
    {{#changes}}<div>改变结论所需：{{.}}</div>{{/changes}}
    {{#steps}}<div>→ {{action}} {{due}}</div>{{/steps}}
    </div>
    {{/findings}}
    {{/groups}}
    {{#hasNotApplicable}}<p>不适用 n/a：{{notApplicable}}</p>{{/hasNotApplicable}}
    <h3>时间线 timeline</h3>
    <ul class="timeline">{{#timeline}}<li{{#isAsOf}} class="asof"{{/isAsOf}}>{{date}} — {{label}}</li>{{/timeline}}</ul>
    {{#hasSteps}}<h3>下一步 next steps</h3><table><tr><th>期限 due</th><th>事项 action</th><th>规则 rule</th></tr>{{#steps}}<tr><td>{{due}}</td><td>{{action}}</td><td>{{rule}}</td></tr>{{/steps}}</table>{{/hasSteps}}
    </section>
    {{/dossiers}}
    </body>
    </html>

    """
}
