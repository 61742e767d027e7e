/// An enumeration of the dossier format with the Chinese words clerks write for it.
/// A cell may hold the Chinese label, an alias, or the English code itself.
public struct Vocabulary: Sendable {
    public struct Choice: Sendable {
        public let code: String
        /// Written by export and offered by the template's drop-down list.
        public let label: String
        public let aliases: [String]
    }

    public let choices: [Choice]

    init(_ choices: [(String, String, [String])]) {
        self.choices = choices.map { Choice(code: $0.0, label: $0.1, aliases: $0.2) }
    }

    /// The code for what a clerk wrote, or nil.
    public func code(for written: String) -> String? {
        let w = Vocabulary.normalised(written)
        for c in choices {
            if Vocabulary.normalised(c.code) == w || Vocabulary.normalised(c.label) == w { return c.code }
            if c.aliases.contains(where: { Vocabulary.normalised($0) == w }) { return c.code }
        }
        return nil
    }

    public func label(for code: String) -> String {
        choices.first { $0.code == code }?.label ?? code
    }

    /// `同意、反对 或 弃权`.
    public var labelList: String {
        let labels = choices.map(\.label)
        guard labels.count > 1 else { return labels.first ?? "" }
        return labels.dropLast().joined(separator: "、") + " 或 " + labels.last!
    }

    /// Case, blanks and full-width forms do not matter.
    static func normalised(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u == " " || u == "\u{3000}" || u == "\t" { continue }
            if u.value >= 0xFF01 && u.value <= 0xFF5E, let half = Unicode.Scalar(u.value - 0xFEE0) {
                out.unicodeScalars.append(half)
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out.lowercased()
    }
}

/// The dossier format's enumerations (DOSSIER.md), with their Chinese words.
public enum Vocabularies {
    public static let kind = Vocabulary([
        ("community", "小区", ["社区", "业主委员会", "小区卷宗"]),
        ("firm", "物业企业", ["物业服务企业", "企业"]),
        ("renovation", "老旧小区改造", ["改造", "改造项目"]),
    ])
    public static let vote = Vocabulary([
        ("yes", "同意", ["赞成", "y", "√"]),
        ("no", "反对", ["不同意", "n", "×"]),
        ("abstain", "弃权", []),
    ])
    public static let boolean = Vocabulary([
        ("true", "是", ["yes", "y", "1", "√", "对"]),
        ("false", "否", ["no", "n", "0", "×", "不是"]),
    ])
    public static let committeeType = Vocabulary([
        ("owners", "业主委员会", ["业委会"]),
        ("management", "物业管理委员会", ["物管会"]),
    ])
    public static let role = Vocabulary([
        ("chair", "主任", ["主任委员"]),
        ("vice-chair", "副主任", ["副主任委员"]),
        ("member", "委员", ["成员"]),
    ])
    public static let system = Vocabulary([
        ("joint-meeting", "联席会议", ["联席会议制度"]),
        ("coordination", "协调联动", ["协调联动解决实际问题"]),
        ("disclosure", "公示通报", ["公示通报和报告"]),
        ("evaluation", "评议监督", ["评议监督考评"]),
    ])
    public static let managementMode = Vocabulary([
        ("firm", "物业服务企业", ["物业公司", "物业企业"]),
        ("trusteeship", "托管", []),
        ("social-organization", "社会组织代管", []),
        ("self-managed", "居民自管", ["自管"]),
        ("none", "无", ["无人管理"]),
    ])
    public static let matter = Vocabulary([
        ("amend-procedures", "制定修改议事规则", ["议事规则"]),
        ("amend-covenant", "制定修改管理规约", ["管理规约"]),
        ("elect-committee", "选举更换业委会", ["选举业委会", "选举业主委员会"]),
        ("hire-firm", "选聘物业", ["选聘物业服务企业"]),
        ("dismiss-firm", "解聘物业", ["解聘物业服务企业"]),
        ("renew-firm", "续聘物业", ["续聘物业服务企业"]),
        ("use-fund", "使用维修资金", []),
        ("raise-fund", "筹集维修资金", []),
        ("rebuild", "改建重建", ["改建、重建"]),
        ("change-common-use", "改变共有部分用途", ["利用共有部分经营"]),
        ("other-major", "其他重大事项", []),
        ("water-split", "供水分户", []),
        ("heating-split", "供暖分户", []),
    ])
    public static let noticeType = Vocabulary([
        ("dismissal", "解聘通知", ["解聘"]),
        ("non-renewal", "不续聘通知", ["不续聘"]),
    ])
    public static let noticeFrom = Vocabulary([
        ("owners", "业主", ["业主大会", "业委会"]),
        ("firm", "物业企业", ["物业公司", "物业服务企业"]),
    ])
    public static let noticeForm = Vocabulary([
        ("written", "书面", []),
        ("oral", "口头", []),
    ])
    public static let terminationCause = Vocabulary([
        ("dismissal", "解聘", []),
        ("expiry", "期满", ["到期"]),
        ("other", "其他", []),
    ])
    public static let handoverItem = Vocabulary([
        ("premises", "物业服务用房", []),
        ("facilities", "相关设施", []),
        ("records", "相关资料", ["物业服务所必需的相关资料"]),
        ("status-report", "告知使用和管理状况", ["如实告知使用和管理状况"]),
        ("assist-successor", "配合新物业交接", ["配合新物业服务人交接"]),
    ])
    public static let rectificationIssue = Vocabulary([
        ("quality-price", "质价不符", []),
        ("non-performance", "不履约不到位", []),
        ("owner-interest", "侵占业主利益", []),
    ])
    public static let creditGrade = Vocabulary([
        ("A", "A", []), ("B", "B", []), ("C", "C", []), ("D", "D", []),
    ])
    public static let projectStatus = Vocabulary([
        ("planned", "计划", ["未开工"]),
        ("in-progress", "在建", ["实施中"]),
        ("completed", "完工", ["已完工", "竣工"]),
    ])
    public static let workCategory = Vocabulary([
        ("pipes", "水暖气和雨污水管网", ["管网"]),
        ("power-telecom", "强电弱电管线", []),
        ("fire-safety", "消防设施", []),
        ("public-space", "路面墙体路灯绿化", ["公共空间"]),
        ("amenities", "停车充电健身门禁社区用房", ["配套设施"]),
    ])
    public static let costItem = Vocabulary([
        ("wall-insulation-board", "保温板上墙", []),
        ("wall-insulation-mesh", "挂网", []),
        ("wall-insulation-coating", "涂料", []),
        ("pipe-public-civil", "楼道外公共管网土建", []),
        ("pipe-public-install", "楼道外公共管网安装", []),
        ("pipe-indoor", "楼道内管网", []),
        ("water-split", "供水分户", []),
        ("heating-split", "供暖分户", []),
        ("power-upgrade", "供电改造", []),
    ])
    public static let payer = Vocabulary([
        ("residents", "居民", []),
        ("project", "改造项目", ["项目"]),
        ("owners", "业主", []),
        ("utility", "专营单位", []),
        ("grid-company", "电网企业", ["供电公司"]),
    ])
    public static let executor = Vocabulary([
        ("utility", "专营单位", []),
        ("water-company", "供水企业", ["自来水公司"]),
        ("heat-company", "供热企业", ["热力公司"]),
        ("grid-company", "电网企业", ["供电公司"]),
    ])
    public static let powerTransfer = Vocabulary([
        ("pending", "未移交", ["待移交"]),
        ("completed", "已移交", ["移交完成"]),
    ])
}
