extension Interpreter {
    func evaluateRule(_ id: String) -> [Finding] {
        guard let versions = program.rules[id], let primary = versions.first else { return [] }
        // What `applies when` and `for each` use (parameters, defaults) belongs to every finding.
        deps = Dependencies()
        if let applies = primary.applies {
            switch truth(eval(applies, [:]), applies) {
            case .boolean(true): break
            case .boolean(false): return [blank(primary, subject: nil, item: nil, outcome: .notApplicable, message: "不适用")]
            case .unknown(let reason): return [blank(primary, subject: nil, item: nil, outcome: .unknown, message: reason)]
            default: return []
            }
        }
        guard let forEach = primary.forEach else {
            return [evaluateItem(versions, env: [:], subject: nil, item: nil, header: deps)]
        }
        let itemsValue = eval(forEach.source, [:])
        let items: [Value]
        switch itemsValue {
        case .list(let xs): items = xs
        case .absent: items = []
        case .unknown(let reason):
            return [blank(primary, subject: nil, item: nil, outcome: .unknown, message: reason)]
        default:
            return [blank(primary, subject: nil, item: nil, outcome: .unknown, message: "for each: not a list")]
        }
        if items.isEmpty {
            guard primary.whenNone != nil else { return [] }
            return [evaluateItem(versions, env: [:], subject: nil, item: nil, none: true, header: deps)]
        }
        let header = deps
        var out: [Finding] = []
        for item in items {
            var env: Env = [:]
            env[forEach.binder.slot] = item
            var subject: String?
            if let s = forEach.subject {
                let v = eval(s, env)
                if case .unknown = v { subject = nil } else if case .absent = v { subject = nil } else { subject = Display.text(v, source) }
            } else {
                subject = Display.text(item, source)
            }
            var node: FactNode?
            if case .node(let n, _) = item { node = n }
            out.append(evaluateItem(versions, env: env, subject: subject, item: node, header: header))
        }
        return out
    }

    func blank(_ r: RuleDecl, subject: String?, item: FactNode?, outcome: Outcome, message: String) -> Finding {
        Finding(rule: r.id, subject: subject, outcome: outcome, level: r.level, title: r.title,
                cites: r.cites.map(program.citeText), message: message, value: nil, facts: [], params: [],
                steps: [], item: item, trace: [])
    }

    /// Chooses the version in force on the event's date, then decides.
    func evaluateItem(_ versions: [RuleDecl], env: Env, subject: String?, item: FactNode?, none: Bool = false,
                      header: Dependencies = Dependencies()) -> Finding {
        deps = header
        let primary = versions[0]
        if recordTrace, let subject { deps.traces.append(.subject(subject)) }
        var eventDate = asOf
        if let e = primary.eventDate, !none {
            switch eval(e, env) {
            case .date(let d): eventDate = d
            case .unknown(let r):
                return blank(primary, subject: subject, item: item, outcome: .unknown, message: "事件日期无法确定：\(r)")
            default:
                return blank(primary, subject: subject, item: item, outcome: .unknown, message: "事件日期缺失：\(sourceText(e.span))")
            }
        }
        guard let rule = versions.first(where: { inForce($0, on: eventDate) }) else {
            var f = blank(primary, subject: subject, item: item, outcome: .unknown, message: "")
            let from = versions.compactMap(\.inForceFrom).min()
            var msg = "事件日期 \(eventDate) 不在本规则任何版本的施行期间内"
            if let from, eventDate < from { msg = "事件日期 \(eventDate) 早于本规则的施行日期 \(from)" }
            if let law = versions.compactMap(\.earlierLaw).first {
                msg += "；当时施行的\(law)未编入规则库"
            } else {
                msg += "；当时施行的法律未编入规则库"
            }
            f.message = msg
            f.facts = [("eventDate", eventDate.description)]
            f.dates = [("eventDate", eventDate)]
            return f
        }
        if none && rule.whenNone == nil {
            return blank(rule, subject: nil, item: nil, outcome: .notApplicable, message: "没有需要判断的项目")
        }
        if recordTrace { deps.traces.append(.version(from: rule.inForceFrom, until: rule.inForceUntil, eventDate: eventDate)) }
        return decide(rule, rule.whenNone.flatMap { none ? $0 : nil } ?? rule.body, env: env, subject: subject, item: item)
    }

    func letText(_ l: LetDecl) -> String {
        switch l.body {
        case .expr(let e): return sourceText(e.span)
        case .defaulted(let d, _, let ex): return ([sourceText(d.span)] + ex.map { "unless " + sourceText($0.0.span) }).joined(separator: " ")
        }
    }

    func inForce(_ r: RuleDecl, on d: CivilDate) -> Bool {
        if let f = r.inForceFrom, d < f { return false }
        if let u = r.inForceUntil, u < d { return false }
        return true
    }

    func decide(_ rule: RuleDecl, _ body: RuleBody, env: Env, subject: String?, item: FactNode?) -> Finding {
        let frame = LocalFrame(body.lets, env: env)
        // A `for each` item's shared definitions (`SharedLets`); none while a trace is kept.
        if !recordTrace, memoize, item != nil, let slot = rule.forEach?.binder.slot, case .node(let n, let shape) = env[slot] {
            frame.shared = body.lets.map { program.sharedLets[$0.span] }
            if frame.shared.contains(where: { $0 != nil }) { frame.item = (n.raw, shape) }
        }
        frames.append(frame)
        defer { frames.removeLast() }
        var finding = blank(rule, subject: subject, item: item, outcome: .unknown, message: "")
        if let v = rule.value {
            let value = eval(v, env)
            switch value {
            case .unknown, .absent: finding.value = nil
            default: finding.value = Display.text(value, source)
            }
        }
        var chosen: Branch?
        for b in body.branches {
            guard let c = b.condition else { chosen = b; break }
            switch truth(eval(c, env), c) {
            case .boolean(true):
                chosen = b
            case .boolean(false):
                continue
            case .unknown(let reason):
                finding.outcome = .unknown
                finding.message = reason
                if recordTrace { deps.traces.append(.branch(outcome: .unknown, condition: sourceText(c.span))) }
            default:
                break
            }
            break
        }
        if let b = chosen {
            finding.outcome = b.outcome
            if recordTrace { deps.traces.append(.branch(outcome: b.outcome, condition: b.condition.map { sourceText($0.span) } ?? "otherwise")) }
            if let m = b.message, case .text(let s) = eval(m, env) { finding.message = s }
            else if finding.message.isEmpty { finding.message = rule.title }
            for s in b.steps {
                var step = Finding.Step(action: "", due: nil, cites: s.cites.map(program.citeText))
                if case .text(let a) = eval(s.action, env) { step.action = a }
                if let d = s.due, case .date(let due) = eval(d, env) { step.due = due }
                if step.cites.isEmpty { step.cites = finding.cites }
                finding.steps.append(step)
            }
            for c in b.changes {
                if case .text(let t) = eval(c, env), !t.isEmpty { finding.changes.append(t) }
            }
        }
        if chosen == nil && finding.message.isEmpty {
            finding.message = "没有一个分支成立，且规则没有 `otherwise`：无法作出结论"
        }
        if finding.outcome == .unknown {
            finding.value = nil
        }
        // The rule's own definitions that were needed are the facts that decided it.
        var facts: [(String, String)] = []
        var dates: [(String, CivilDate)] = []
        for (i, l) in frame.lets.enumerated() {
            guard let v = frame.values[i] else { continue }
            let name = l.name
            if case .date(let d) = v { dates.append((name, d)) }
            if case .unknown(let r) = v { facts.append((name, "未知：\(r)")) }
            else if case .list(let xs) = v, xs.count > 20 { facts.append((name, "\(xs.count) 项")) }
            else { facts.append((name, Display.text(v, source))) }
        }
        // Defaults, exceptions and Art. 203 moves are facts too.
        for t in deps.traces {
            switch t {
            case .basis(let b):
                let branch = b.branch == "default" ? "法定默认" : "约定例外"
                facts.append(("\(b.name).依据", "\(branch)：\(b.source)（\(b.detail)）"))
            case .moved(let from, let to, let uncovered):
                if from != to { facts.append(("第二百零三条顺延", "\(from) → \(to)")) }
                if !uncovered.isEmpty {
                    facts.append(("节假日历", "\(uncovered.map(String.init).joined(separator: "、")) 年不在节假日历内，仅按周末计算休息日"))
                }
            default: break
            }
        }
        finding.facts = facts
        finding.dates = dates
        finding.params = deps.params.compactMap(paramUse)
        finding.trace = deps.traces
        return finding
    }

    func paramUse(_ name: String) -> Finding.ParamUse? {
        if name.hasPrefix("table:") {
            let t = String(name.dropFirst(6))
            guard let table = program.tables[t] else { return nil }
            return .init(name: t, value: "表（\(table.rows.count) 行）", source: table.source ?? "", placeholder: table.placeholder)
        }
        guard let p = program.params[name] else { return nil }
        let v = params[name] ?? eval(p.value, [:])
        let overridden = params[name] != nil
        var value = Display.text(v, source)
        if case .period(let per) = v, per.unit == .days { value = String(per.count) }
        return .init(name: name, value: value, source: overridden ? "命令行 --param（原：\(p.source)）" : p.source,
                     placeholder: overridden ? false : p.placeholder)
    }

    func ruleReference(_ kind: RuleRefKind, _ id: String, _ subject: Value?) -> Value {
        let fs = findings(of: id)
        var match: Finding?
        switch subject {
        case nil: match = fs.first
        case .node(let n, _)?: match = fs.first(where: { $0.item == n })
        case .text(let s)?: match = fs.first(where: { $0.subject == s })
        case .unknown?: return subject ?? .unknown("")
        case .absent?: match = nil
        default: match = nil
        }
        let outcome = match?.outcome ?? .notApplicable
        deps.params.append(contentsOf: (match?.params ?? []).map(\.name).filter { program.params[$0] != nil })
        switch kind {
        case .outcome: return .outcome(outcome)
        case .passed:
            switch outcome {
            case .pass: return .boolean(true)
            case .unknown: return .unknown("\(id)：\(match?.message ?? "未知")")
            default: return .boolean(false)
            }
        }
    }
}
