/// The sheets and columns of each kind (docs/spreadsheets.md is the same list, in prose).
extension WorkbookLayout {
    static let dossierFields: [FormField] = [
        FormField("卷宗类型", "dossier", "kind", .choice(Vocabularies.kind), required: true),
        FormField("卷宗编号", "dossier", "id", .identifier, required: true),
        FormField("判定日期", "dossier", "as-of", .date),
    ]

    static let communityFields: [FormField] = [
        FormField("小区名称", "community", "name", .identifier, required: true, example: "凤鸣小区"),
        FormField("所在区县", "community", "district", .text, example: "城区"),
        FormField("所在街道", "community", "street", .text, example: "西街街道"),
    ]

    static let register = TableLayout(sheet: "业主名册", element: "community/owner", columns: [
        Column("业主编号", "id", .identifier, aliases: ["编号", "业主号"], example: "o001"),
        Column("姓名", "name", .text, required: false, aliases: ["业主姓名", "业主"], example: "王某"),
        Column("面积（m²）", "area", .area, aliases: ["专有部分面积", "专有面积", "建筑面积"], example: "86.40"),
        Column("房号", "unit", .text, required: false, aliases: ["房屋", "单元", "房间号"], example: "1-2-301"),
    ])

    static let decisions = TableLayout(sheet: "表决事项", element: "decision", columns: [
        Column("事项编号", "id", .identifier, aliases: ["编号"], example: "d1"),
        Column("表决事项", "matter", .choice(Vocabularies.matter), aliases: ["事项"], example: "解聘物业"),
        Column("表决日期", "date", .date, aliases: ["日期"], example: "2025-06-20"),
    ])

    /// Renovation dossiers vote only on splitting supply (供水分户, 供暖分户).
    static let renovationDecisions = TableLayout(sheet: "表决事项", element: "decision", columns: [
        decisions.columns[0],
        Column("表决事项", "matter", .choice(Vocabularies.matter), aliases: ["事项"], example: "供水分户"),
        Column("表决日期", "date", .date, aliases: ["日期"], example: "2024-04-01"),
    ])

    static let ballots = TableLayout(sheet: "表决票", element: "decision/ballot", columns: [
        Column("事项编号", "decision", .identifier, aliases: ["编号"], example: "d1"),
        Column("业主编号", "owner", .identifier, example: "o001"),
        Column("姓名", "name", .text, required: false, aliases: ["业主姓名"], example: "王某"),
        Column("表决意见", "vote", .choice(Vocabularies.vote), aliases: ["意见", "表决"], example: "同意"),
    ])

    static let community = WorkbookLayout(kind: "community", form: dossierFields + communityFields + [
        FormField("管理方式", "management", "mode", .choice(Vocabularies.managementMode), required: true, example: "物业服务企业"),
        FormField("委员会类型", "committee", "type", .choice(Vocabularies.committeeType), required: true, example: "业主委员会"),
        FormField("委员会选举日期", "committee", "elected", .date, example: "2023-05-01"),
        FormField("物业服务企业", "contract", "firm", .identifier, required: true, example: "某物业服务有限公司"),
        FormField("企业编号", "contract", "firm-id", .identifier, required: true, example: "F-0001"),
        FormField("合同开始日期", "contract", "start", .date, required: true, example: "2021-01-01"),
        FormField("合同结束日期", "contract", "end", .date, required: true, example: "2025-12-31"),
        FormField("合同服务等级", "contract", "grade", .grade, required: true, example: "2"),
        FormField("合同约定解聘通知期（天）", "contract", "dismissal-notice-days", .count, example: "30"),
        FormField("合同约定续聘通知期（天）", "contract", "renewal-notice-days", .count),
        FormField("合同约定退出期限（天）", "contract", "exit-days", .count, example: "15"),
        FormField("合同终止日期", "termination", "date", .date, required: true),
        FormField("合同终止原因", "termination", "cause", .choice(Vocabularies.terminationCause), required: true),
    ], tables: [
        register,
        TableLayout(sheet: "业主委员会", element: "committee/member", columns: [
            Column("姓名", "name", .identifier, example: "李某"),
            Column("职务", "role", .choice(Vocabularies.role), example: "主任"),
            Column("党员", "party", .boolean, aliases: ["是否党员"], example: "是"),
            Column("网格员", "grid-worker", .boolean, aliases: ["是否网格员"], example: "否"),
            Column("社区干部", "cadre", .boolean, aliases: ["是否社区干部"], example: "是"),
            Column("业主编号", "owner", .identifier, required: false, example: "o001"),
        ]),
        TableLayout(sheet: "联动制度", element: "committee/system", columns: [
            Column("制度", "name", .choice(Vocabularies.system), aliases: ["制度名称"], example: "联席会议"),
            Column("建立日期", "established", .date, example: "2024-01-10"),
        ]),
        decisions,
        ballots,
        TableLayout(sheet: "通知", element: "notice", columns: [
            Column("通知编号", "id", .identifier, aliases: ["编号"], example: "n1"),
            Column("通知类型", "type", .choice(Vocabularies.noticeType), example: "解聘通知"),
            Column("发出方", "from", .choice(Vocabularies.noticeFrom), example: "业主"),
            Column("形式", "form", .choice(Vocabularies.noticeForm), example: "书面"),
            Column("送达日期", "served", .date, example: "2025-07-01"),
            Column("生效日期", "effective", .date, required: false, example: "2025-09-01"),
        ]),
        TableLayout(sheet: "交接", element: "handover/item", columns: [
            Column("交接事项", "type", .choice(Vocabularies.handoverItem), aliases: ["事项"], example: "物业服务用房"),
            Column("完成日期", "date", .date, aliases: ["日期"], example: "2025-09-05"),
        ]),
        TableLayout(sheet: "费用主张", element: "fee-claim", columns: [
            Column("起始日期", "from", .date, example: "2025-09-01"),
            Column("截止日期", "to", .date, example: "2025-09-30"),
            Column("金额（元）", "amount", .amount, aliases: ["金额"], example: "12000.00"),
        ]),
        TableLayout(sheet: "整改", element: "rectification", columns: rectificationColumns),
        TableLayout(sheet: "投诉", element: "complaints", columns: [
            Column("年度", "year", .count, aliases: ["年份"], example: "2025"),
            Column("投诉件数", "count", .count, aliases: ["件数"], example: "37"),
            Column("业主反映强烈", "strong", .boolean, aliases: ["反映强烈"], example: "是"),
        ]),
    ])

    static let rectificationColumns: [Column] = [
        Column("整改编号", "id", .identifier, aliases: ["编号"], example: "r1"),
        Column("问题类型", "issue", .choice(Vocabularies.rectificationIssue), aliases: ["问题"], example: "质价不符"),
        Column("下达日期", "issued", .date, example: "2025-03-01"),
        Column("整改期限", "deadline", .date, example: "2025-04-30"),
        Column("完成日期", "completed", .date, required: false, example: "2025-04-20"),
        Column("拒不整改", "refused", .boolean, required: false, example: "否"),
    ]

    static let renovation = WorkbookLayout(kind: "renovation", form: dossierFields + communityFields + [
        FormField("改造年度", "project", "year", .count, required: true, example: "2024"),
        FormField("项目状态", "project", "status", .choice(Vocabularies.projectStatus), required: true, example: "在建"),
        FormField("电力产权移交", "power-transfer", "status", .choice(Vocabularies.powerTransfer), required: true, example: "未移交"),
        FormField("移交日期", "power-transfer", "date", .date),
    ], tables: [
        register,
        renovationDecisions,
        ballots,
        TableLayout(sheet: "改造内容", element: "project/work", columns: [
            Column("改造类别", "category", .choice(Vocabularies.workCategory), aliases: ["类别"], example: "水暖气和雨污水管网"),
        ]),
        TableLayout(sheet: "费用分摊", element: "project/cost", columns: [
            Column("费用项目", "item", .choice(Vocabularies.costItem), aliases: ["项目"], example: "保温板上墙"),
            Column("承担方", "payer", .choice(Vocabularies.payer), example: "居民"),
            Column("实施单位", "executor", .choice(Vocabularies.executor), required: false, example: ""),
            Column("金额（元）", "amount", .amount, required: false, aliases: ["金额"], example: "180000.00"),
        ]),
    ])

    static let firm = WorkbookLayout(kind: "firm", form: dossierFields + [
        FormField("企业名称", "firm", "name", .identifier, required: true, example: "某物业服务有限公司"),
        FormField("统一社会信用代码", "firm", "credit-code", .text, example: "91140500MA0XXXXXXX"),
        FormField("信用评价年度", "credit", "year", .count, required: true, example: "2024"),
        FormField("从业资格得分", "credit", "qualification", .score, required: true, example: "22.5"),
        FormField("经营业绩得分", "credit", "performance", .score, required: true, example: "24"),
        FormField("社会信誉得分", "credit", "reputation", .score, required: true, example: "21"),
        FormField("市场行为得分", "credit", "market", .score, required: true, example: "18"),
        FormField("自报信用等级", "credit", "declared-grade", .choice(Vocabularies.creditGrade), example: "A"),
    ], tables: [
        TableLayout(sheet: "服务项目", element: "firm/project", columns: [
            Column("项目编号", "id", .identifier, aliases: ["编号"], example: "p1"),
            Column("小区名称", "community", .identifier, aliases: ["小区"], example: "凤鸣小区"),
            Column("收费等级", "charged-grade", .grade, example: "2"),
            Column("核定等级", "assessed-grade", .grade, required: false, example: "3"),
            Column("核定日期", "assessed", .date, required: false, example: "2024-06-01"),
            Column("服务测评", "service", .boolean, required: false, aliases: ["已测评服务"], example: "是"),
            Column("秩序维护（小时/日）", "security-hours", .measure, required: false, aliases: ["秩序维护时长"], example: "16"),
            Column("每日保洁次数", "cleanings-per-day", .measure, required: false, example: "1"),
            Column("报修响应（小时）", "repair-response-hours", .measure, required: false, aliases: ["报修响应时限"], example: "12"),
            Column("年绿化修剪次数", "greenery-trims-per-year", .measure, required: false, example: "4"),
            Column("每百户服务人员", "staff-per-100-households", .measure, required: false, example: "2"),
        ]),
        TableLayout(sheet: "整改", element: "firm/rectification", columns: [
            Column("项目编号", "project", .identifier, example: "p1"),
        ] + rectificationColumns),
    ])
}
