import Foundation
import Testing

/// The mistakes a clerk makes in a first dossier (docs/dossier-guide.md, 常见错误): each gives a
/// Chinese message with the line and the fix, before libxml2's own words.
@Suite("Clerk mistakes get Chinese messages with the fix")
struct ClerkMistakeTests {
    static let head = """
    <?xml version="1.0" encoding="UTF-8"?>
    <dossier kind="community" id="X" as-of="2025-07-15">
      <community name="凤鸣小区"><owner id="o1" area="86.40"/><owner id="o2" area="90.00"/></community>

    """

    /// (name, line 4 of the dossier, expected line, expected Chinese text)
    static let mistakes: [(String, String, Int, String)] = [
        ("date-with-slashes", #"<notice id="n1" type="dismissal" from="owners" form="written" served="2025/3/20"/>"#, 4,
         #"served="2025/3/20"：日期请写成 YYYY-MM-DD，例如 2025-03-20"#),
        ("date-in-chinese", #"<termination date="2025年9月1日" cause="dismissal"/>"#, 4, "日期请写成 YYYY-MM-DD，例如 2025-09-01"),
        ("date-that-does-not-exist", #"<termination date="2025-02-30" cause="dismissal"/>"#, 4, "日期请写成 YYYY-MM-DD（真实存在的日期）"),
        ("decimal-comma", #"<fee-claim from="2025-09-01" to="2025-09-30" amount="12000,50"/>"#, 4, "数值请用英文小数点，不用逗号，例如 12000.50"),
        ("misspelt-element", #"<terminaton date="2025-09-01" cause="dismissal"/>"#, 4, "此处不允许元素 <terminaton>；您是不是想写 <termination>？"),
        ("misspelt-attribute", #"<contract firm="某物业" firm-id="F1" start="2021-01-01" end="2025-12-31" grade="2" dismisal-notice-days="30"/>"#, 4,
         #"<contract> 没有属性 "dismisal-notice-days"；您是不是想写 "dismissal-notice-days"？"#),
        ("misspelt-value", #"<management mode="frim"/>"#, 4, #"mode="frim"：不是允许的取值，可选 firm、trusteeship"#),
        ("upper-case-boolean", #"<complaints year="2025" count="3" strong="TRUE"/>"#, 4, #"您是不是想写 "true"？（区分大小写）"#),
        ("missing-attribute", #"<notice id="n1" type="dismissal" from="owners" form="written"/>"#, 4, #"<notice> 缺少必填属性 "served""#),
        ("curly-quotes", "<management mode=“firm”/>", 4, "属性值须用英文引号括起来"),
        ("text-instead-of-attribute", #"<complaints year="2025" count="3" strong="true">业主反映强烈</complaints>"#, 4, "中不能写文字"),
        ("duplicate-id", #"<decision id="o1" matter="dismiss-firm" date="2025-06-20"/>"#, 4, "id 'o1' 重复：第 3 行已用过"),
        ("integer-with-decimals", #"<complaints year="2025" count="3.5" strong="true"/>"#, 4, "请写不带小数的整数"),
        ("ampersand", #"<contract firm="甲&乙物业" firm-id="F1" start="2021-01-01" end="2025-12-31" grade="2"/>"#, 4, "&amp;"),
    ]

    static let names = mistakes.map(\.0)

    @Test(arguments: names)
    func mistake(_ name: String) throws {
        guard let (_, line, expectedLine, chinese) = Self.mistakes.first(where: { $0.0 == name }) else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-clerk-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("\(name).xml").path
        try (Self.head + "  " + line + "\n</dossier>\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try runVerdict(["check", "--format", "json", file])
        #expect(r.status == 2, "\(name): exit \(r.status)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let errors = obj?["errors"] as? [[String: Any]] ?? []
        let hit = errors.first { ($0["message"] as? String)?.contains(chinese) == true }
        #expect(hit != nil, "\(name): no message containing «\(chinese)»; got \(errors.map { $0["message"] ?? "" })")
        #expect(hit?["line"] as? Int == expectedLine, "\(name): line \(String(describing: hit?["line"]))")
        // Chinese first: the message starts with the explanation, libxml2's English follows.
        if let m = hit?["message"] as? String, let first = m.unicodeScalars.first(where: { $0.value > 127 }) {
            #expect(m.unicodeScalars.firstIndex(of: first).map { m.unicodeScalars.distance(from: m.unicodeScalars.startIndex, to: $0) < 40 } == true)
        }
    }

    @Test func gbkSavedButDeclaredUTF8NamesTheEncodingToDeclare() throws {
        let r = try runVerdict(["check", "--format", "json", "Tests/Fixtures/dossiers-bad/gbk-bytes-declared-utf8.xml"])
        #expect(r.status == 2)
        #expect(r.stdout.contains(#"encoding=\"GBK\""#))
        #expect(r.stdout.contains("另存为 UTF-8"))
    }
}
