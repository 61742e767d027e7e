import Testing
@testable import VerdictSheets

/// How one cell is read: the decimal a number cell shows, dates, words for codes.
@Suite("Import: cell values")
struct ImportValueTests {
    let reader = CellReader(date1904: false)

    func area(_ d: Double, _ format: String? = nil) -> CellReader.Reading {
        reader.read(.number(d, numberFormat: format), as: .area, what: "面积")
    }

    @Test func shortestRoundTripDecimals() {
        #expect(DecimalText.fromDouble(86.39999999999999) == "86.39999999999999")
        #expect(DecimalText.fromDouble(86.4) == "86.4")
        #expect(DecimalText.fromDouble(1e-05) == "0.00001")
        #expect(DecimalText.fromDouble(1.5e16) == "15000000000000000")
        #expect(DecimalText.fromDouble(-0.25) == "-0.25")
        #expect(DecimalText.fromDouble(120) == "120")
    }

    /// The documented rule: more decimals than shown and within 1e-9 (relative) of the shown
    /// value → float noise, rounded half-even; otherwise the stored value stays (with a note
    /// when the format hides digits); a format's zeros are kept.
    @Test func numberCellsReadAsTheyShow() {
        #expect(area(86.39999999999999, "0.00") == .value("86.40"))
        #expect(area(86.39999999999999) == .value("86.40"))
        #expect(area(86.4, "0.00") == .value("86.40"))
        #expect(area(86.4, "#,##0.00_ ;[Red]-#,##0.00") == .value("86.40"))
        #expect(area(86.4) == .value("86.4"))
        #expect(area(86.4123, nil) == .value("86.4123"))
        if case .noted(let v, let note) = area(86.4123, "0.00") {
            #expect(v == "86.4123")
            #expect(note.contains("显示为 86.41"))
        } else {
            Issue.record("a hidden digit must be kept and noted")
        }
        #expect(area(0.1 + 0.2) == .value("0.30"))
        #expect(reader.read(.number(22.123, numberFormat: nil), as: .score, what: "得分") == .value("22.123"))
        #expect(DecimalText.roundHalfEven("2.345", places: 2) == "2.34")
        #expect(DecimalText.roundHalfEven("2.355", places: 2) == "2.36")
        #expect(DecimalText.sum(["60.2", "26.20", "0.05"]) == "86.45")
    }

    @Test func areasWrittenAsText() {
        #expect(reader.read(.text(" 86.40 "), as: .area, what: "面积") == .value("86.40"))
        #expect(reader.read(.text("８６．４"), as: .area, what: "面积") == .value("86.4"))
        #expect(reader.read(.text("120.15㎡"), as: .area, what: "面积") == .value("120.15"))
        #expect(reader.read(.text("89,5"), as: .area, what: "面积") == .problem("面积 \"89,5\" 不是数字，请写成 89.50"))
        #expect(reader.read(.text("1,234.5"), as: .area, what: "面积") == .problem("面积 \"1,234.5\" 不是数字，请写成 1234.50"))
        #expect(reader.read(.text("0"), as: .area, what: "面积") == .problem("面积 0 不对：面积必须大于 0"))
        #expect(reader.read(.number(-3, numberFormat: nil), as: .area, what: "面积") == .problem("面积 -3 不对：面积必须大于 0"))
    }

    @Test func dates() {
        func date(_ v: CellValue) -> CellReader.Reading { reader.read(v, as: .date, what: "日期") }
        #expect(date(.number(45736, numberFormat: "yyyy-mm-dd")) == .value("2025-03-20"))
        #expect(date(.number(61, numberFormat: nil)) == .value("1900-03-01"))
        #expect(date(.number(59, numberFormat: nil)) == .value("1900-02-28"))
        #expect(CellReader(date1904: true).read(.number(44274, numberFormat: nil), as: .date, what: "日期") == .value("2025-03-20"))
        for text in ["2025-03-20", "2025-3-20", "2025/3/20", "2025.3.20", "2025年3月20日", "２０２５年３月２０日", "2025-03-20 00:00:00"] {
            #expect(date(.text(text)) == .value("2025-03-20"), "\(text)")
        }
        #expect(date(.text("2025-02-29")) == .problem("日期 \"2025-02-29\" 不是真实的日期（2025 年 2 月只有 28 天）"))
        #expect(date(.text("3/20/2025")) == .problem("日期 \"3/20/2025\" 不是日期，请写成 YYYY-MM-DD，如 2025-03-20（若是 2025 年 3 月 20 日）"))
        #expect(date(.text("2025-03-20 14:30")) == .problem("日期 \"2025-03-20 14:30\" 带有时间，请只写日期，如 2025-03-20"))
        if case .noted(let v, _) = date(.number(45736.5, numberFormat: nil)) { #expect(v == "2025-03-20") } else { Issue.record("time part") }
    }

    @Test func wordsForCodes() {
        func vote(_ s: String) -> CellReader.Reading { reader.read(.text(s), as: .choice(Vocabularies.vote), what: "表决意见") }
        #expect(vote("同意") == .value("yes"))
        #expect(vote("YES") == .value("yes"))
        #expect(vote("反对") == .value("no"))
        #expect(vote(" 弃权 ") == .value("abstain"))
        #expect(vote("abstain") == .value("abstain"))
        #expect(vote("赞同") == .problem("表决意见 \"赞同\" 无法识别，请填 同意、反对 或 弃权（或 yes/no/abstain）"))
        func flag(_ v: CellValue) -> CellReader.Reading { reader.read(v, as: .boolean, what: "党员") }
        #expect(flag(.text("是")) == .value("true"))
        #expect(flag(.text("否")) == .value("false"))
        #expect(flag(.text("True")) == .value("true"))
        #expect(flag(.boolean(false)) == .value("false"))
        #expect(flag(.number(1, numberFormat: nil)) == .value("true"))
        #expect(reader.read(.number(1001, numberFormat: nil), as: .identifier, what: "业主编号") == .value("1001"))
        #expect(reader.read(.text("30天"), as: .count, what: "通知期") == .value("30"))
        #expect(reader.read(.number(2, numberFormat: nil), as: .grade, what: "等级") == .value("2"))
        #expect(reader.read(.text("0"), as: .grade, what: "等级") == .problem("等级 \"0\" 不对：等级是正整数，1 为最高"))
    }

    @Test func numberFormats() {
        #expect(NumberFormat.places("0.00")! == (2, 2))
        #expect(NumberFormat.places("#,##0.0#")! == (1, 2))
        #expect(NumberFormat.places("0")! == (0, 0))
        #expect(NumberFormat.places("\"¥\"#,##0.00;[Red]-\"¥\"#,##0.00")! == (2, 2))
        #expect(NumberFormat.places("yyyy-mm-dd") == nil)
        #expect(NumberFormat.places("0.00%") == nil)
        #expect(NumberFormat.places(nil) == nil)
        #expect(NumberFormat.places("General") == nil)
    }

    @Test func cellAddresses() {
        #expect(CellAddress(row: 14, column: 3).description == "C14")
        #expect(CellAddress(row: 1, column: 28).description == "AB1")
        #expect(CellAddress("$AB$12") == CellAddress(row: 12, column: 28))
        #expect(CellRange("A3:A5")?.description == "A3:A5")
        #expect(ExcelEscapes.decode("王某_x000D_") == "王某\r")
        #expect(ExcelEscapes.decode(ExcelEscapes.encode("a_x0041_b")) == "a_x0041_b")
    }
}
