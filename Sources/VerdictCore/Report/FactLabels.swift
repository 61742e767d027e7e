/// The one place where the names a rule gives its facts (`participating-area`, `served`)
/// become plain Chinese for an audience: walk text, HTML fact tables, the timeline.
///
/// Each label also says whether the fact *reveals the verdict* (`area-met = true`,
/// `late = …`): `walk --interactive` shows only the other facts before it asks.
/// A name missing here is composed from the words of `words`; only a name with a word
/// missing there too is shown as written (a test keeps every shipped fact labelled).
public enum FactLabels {
    public struct Label: Sendable, Equatable {
        public let text: String
        /// A conclusion rather than evidence: kept from trainees until they have answered.
        public let revealsVerdict: Bool
    }

    /// The label of a fact of rule `rule` (a rule's own label wins over the shared one).
    public static func label(_ name: String, rule: String? = nil) -> Label? {
        if let rule, let l = byRule["\(rule) \(name)"] { return l }
        if let l = byName[name] { return l }
        if name.hasSuffix(".依据") {
            let base = String(name.dropLast(".依据".count))
            // Where a period comes from (statute or contract): a note for readers, not a question's fact.
            return Label(text: (label(base, rule: rule)?.text ?? base) + "的依据", revealsVerdict: true)
        }
        return composed(name).map { Label(text: $0, revealsVerdict: true) }
    }

    /// The text to show for a fact: its label, else (unavoidably) its name.
    public static func text(_ name: String, rule: String? = nil) -> String {
        label(name, rule: rule)?.text ?? name
    }

    /// Evidence a trainee may see before answering: labelled and not a conclusion.
    public static func isEvidence(_ name: String, rule: String? = nil) -> Bool {
        guard let l = label(name, rule: rule) else { return false }
        return !l.revealsVerdict
    }

    /// `termination-date` → 终止日期, when every word is known.
    static func composed(_ name: String) -> String? {
        let parts = name.split(separator: "-").map(String.init)
        guard !parts.isEmpty else { return nil }
        var out = ""
        for p in parts {
            guard let w = words[p] else { return nil }
            out += w
        }
        return out
    }

    static func evidence(_ text: String) -> Label { Label(text: text, revealsVerdict: false) }
    static func verdict(_ text: String) -> Label { Label(text: text, revealsVerdict: true) }

    static let byName: [String: Label] = [
        // 业主共同决定 assembly.*
        "register-ballots": evidence("名册内业主的表决票（张）"),
        "strangers": verdict("名册外的投票人"),
        "repeated": verdict("重复投票（张）"),
        "participating-area": evidence("参与表决的专有部分面积（㎡）"),
        "participating-owners": evidence("参与表决的业主（人）"),
        "area-needed": evidence("须参与表决的面积（总面积 × 2/3，㎡）"),
        "owners-needed": evidence("须参与表决的人数（总人数 × 2/3）"),
        "area-met": verdict("面积是否达到"),
        "owners-met": verdict("人数是否达到"),
        "more-owners": verdict("还须参与表决的业主（人）"),
        "more-area": verdict("还须参与表决的面积（㎡）"),
        "voters": evidence("参与表决的业主"),
        "non-voters": evidence("未参与表决的业主"),
        "by-area": verdict("按面积最少须动员的业主"),
        "soonest": verdict("最少须动员参与表决的业主"),
        "yes-area": evidence("同意的专有部分面积（㎡）"),
        "yes-owners": evidence("同意的业主（人）"),
        "three-quarters": verdict("是否为须四分之三以上同意的事项"),
        "tier": evidence("须同意的比例"),
        "area-bound": evidence("同意面积的界限（参与面积 × 比例，㎡）"),
        "owners-bound": evidence("同意人数的界限（参与人数 × 比例）"),
        "more-yes-owners": verdict("还须改投同意的业主（人）"),
        "more-yes-area": verdict("还须改投同意的面积（㎡）"),
        "not-yes": verdict("未投同意票的表决票"),
        "convert-by-area": verdict("按面积最少须争取改投同意的表决票"),
        "convert": verdict("最少须争取改投同意的表决票"),
        "relation": verdict("比较关系"),
        "short-relation": verdict("未达时的比较关系"),
        "eventDate": evidence("事件日期"),
        // 业主委员会 committee.*
        "size": evidence("委员人数"),
        "party": evidence("党员委员人数"),
        "to-replace": verdict("须更换的非党员委员（人）"),
        "grid-or-cadre": evidence("网格员或社区干部委员人数"),
        "established": evidence("截至日已建立的制度"),
        // 管理方式 management.*
        "contract-in-force": verdict("截至日合同是否在履行期内"),
        "mode": evidence("管理方式"),
        // 解聘 dismissal.*
        "decision": evidence("解聘表决"),
        "decision-date": evidence("解聘表决日"),
        "early-notices": verdict("早于表决送达的解聘通知"),
        "notice-period": evidence("通知期限"),
        "served": evidence("送达日"),
        "termination-date": evidence("合同终止日"),
        "earliest-termination": evidence("最早合法终止日（送达日 + 通知期限）"),
        "last-day-to-serve": evidence("最后送达日（终止日 − 通知期限）"),
        "dismissal-termination-date": evidence("因解聘终止合同的日期"),
        "dismissal-notice-period": evidence("解聘通知期限"),
        "renewal-notice-period": evidence("不续聘通知期限"),
        "exit-period": evidence("退出期限"),
        "contract-end": evidence("合同约定期限届满日"),
        // 续聘 renewal.*
        "last-day": evidence("最后通知日（届满日 − 通知期限）"),
        "candidates": evidence("合同开始后的续聘、另聘或解聘表决"),
        // 退出交接 handover.*
        "period": evidence("退出期限"),
        "period-end": evidence("退出期限届满日（终止日 + 退出期限）"),
        "deadline": evidence("退出期限最后一日（休息日顺延后）"),
        "delivered": evidence("已交还或完成的事项及日期"),
        "missing": evidence("尚未交还或完成的事项"),
        "late": verdict("逾期交还或完成的事项"),
        "claims": evidence("合同终止后期间的物业费请求"),
        "exit-outcome": verdict("退出交接的结论"),
        // 整改 supervision.*
        "completed": evidence("整改完成日"),
        "consequence": verdict("后果"),
        // 企业 credit.* service.*
        "total": evidence("四项得分合计"),
        "grade": verdict("信用等级"),
        "s": evidence("服务标准实测"),
        "missing-measures": verdict("缺少的服务指标"),
        "failed-quality-order": verdict("是否已有未通过的质价不符整改"),
        // 改造 renovation.*
        "payer": evidence("承担方"),
        "executor": evidence("实施方"),
        "votes": evidence("表决"),
        "most-yes": evidence("同意的业主最多的一次表决（人）"),
        "agreed": evidence("同意的业主（人）"),
        "transferred": verdict("是否已移交"),
        // 计算说明 (already Chinese)
        "第二百零三条顺延": evidence("第二百零三条顺延"),
        "节假日历": evidence("节假日历"),
    ]

    /// Where one rule's fact means something more specific than the shared label.
    static let byRule: [String: Label] = [
        "committee.linkage-systems missing": evidence("尚未建立的制度"),
        "dismissal.notice served": evidence("解聘通知送达日"),
        "renewal.firm-notice served": evidence("不续聘通知送达日"),
        "renewal.firm-notice notice-period": evidence("不续聘通知期限"),
        "handover.exit termination-date": evidence("合同终止日（退出期限起算）"),
    ]

    /// Words for composing a label of a name not listed above (modifier before head, as in Chinese).
    static let words: [String: String] = [
        "area": "面积", "owner": "业主", "owners": "业主", "decision": "表决", "date": "日", "day": "日",
        "notice": "通知", "notices": "通知", "period": "期限", "end": "届满日", "start": "开始日",
        "termination": "终止", "earliest": "最早", "latest": "最晚", "last": "最后", "first": "最早",
        "contract": "合同", "firm": "物业服务人", "fee": "物业费", "fees": "物业费", "claim": "请求", "claims": "请求",
        "handover": "交接", "item": "事项", "items": "事项", "deadline": "期限", "yes": "同意", "no": "反对",
        "votes": "票", "ballots": "表决票", "count": "数", "total": "合计", "exit": "退出", "days": "天数",
        "served": "送达", "committee": "业主委员会", "members": "委员", "term": "任期", "elected": "选举",
        "cost": "费用", "amount": "金额", "project": "项目", "grade": "等级", "score": "得分",
    ]
}

extension Outcome {
    /// Chinese first, as the reports print it: `通过 pass`.
    public var label: String {
        switch self {
        case .pass: return "通过 pass"
        case .fail: return "不通过 fail"
        case .pending: return "待办 pending"
        case .notApplicable: return "不适用 n/a"
        case .unknown: return "无法判断 unknown"
        }
    }
}
