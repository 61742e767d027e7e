/// All declarations of a rules directory, indexed by name. Built by `RuleLoader`,
/// validated by `Checker`, run by `Interpreter`.
///
/// `@unchecked Sendable`: every property is set while the rules load (on one thread) and
/// only read afterwards; nothing outside this module can set them, and evaluation never
/// writes (`pathIndex` is looked up, never extended, once loading is done).
public final class Program: @unchecked Sendable {
    public internal(set) var files: [SourceFile] = []
    public internal(set) var articles: [String: ArticleDecl] = [:]
    public internal(set) var params: [String: ParamDecl] = [:]
    public internal(set) var shapes: [String: ShapeDecl] = [:]
    public internal(set) var facts: [String: FactDecl] = [:]
    public internal(set) var lets: [String: LetDecl] = [:]
    public internal(set) var tables: [String: TableDecl] = [:]
    /// Rule versions by id, in declaration order.
    public internal(set) var rules: [String: [RuleDecl]] = [:]
    public internal(set) var ruleOrder: [String] = []
    public internal(set) var procedures: [String: ProcedureDecl] = [:]
    public internal(set) var calendar = HolidayCalendar()
    /// Every XPath in the program, by the span of its string; compiled once by the fact source.
    public internal(set) var paths: [String] = []
    public internal(set) var pathIndex: [String: Int] = [:]
    /// The declarations as parsed (for `fmt` and lint); the dictionaries above hold them resolved.
    public internal(set) var declarationOrder: [Declaration] = []
    /// Parameters, facts and definitions in source order, and their positions by name: what
    /// `NameRef.global` and `CallRef.definition` point at (set by the `Resolver`).
    public internal(set) var globals: [Global] = []
    public internal(set) var globalIndex: [String: Int] = [:]
    /// Decision tables in source order (`CallRef.table`).
    public internal(set) var tableList: [TableDecl] = []
    public internal(set) var tableIndex: [String: Int] = [:]
    /// Every bound use of a name, in source order: the symbol table.
    public internal(set) var uses: [NameUse] = []
    /// How many field accesses (`a.b`) the resolved expressions have (their sites are 0..<count).
    public internal(set) var fieldSiteCount = 0
    /// Lookups and `in` tests computed once per element (`ExprKind.memo`): how many places
    /// there are, and for each meaning (`key`) the definitions it reads, which must depend on
    /// no parameter or basis for a kept value to be the value (`Interpreter.memoized`).
    public internal(set) var memoSiteCount = 0
    public internal(set) var memoGlobals: [[Int]] = []
    /// The places of `k in m` tests (over an index of elements) kept under the meaning of
    /// `m[k]`: the element found answers the test.
    public internal(set) var memoAnsweredByLookup: [Bool] = []
    /// For each `distinct … by` place, the meanings (memo keys) of `m[key]` over an index of
    /// elements `m`: where each item's element is kept there, items are told apart by it
    /// (`Interpreter.distinctByFound`).
    public internal(set) var distinctFoundKeys: [[Int]] = []
    /// Rule-local definitions computed once per item for every rule that writes them alike
    /// (`SharedLets`): the meaning's number, by the `let`'s span.
    public internal(set) var sharedLets: [Span: Int] = [:]
    /// For each definition, the longest chain of definitions that starts at it (the checker's
    /// measure, at most `DepthCheck.maxDefinitionChain`): a trace of it holds every step below
    /// every step.
    public internal(set) var definitionChains: [String: Int] = [:]
    /// The static type of each parameter, fact and definition without arguments (the checker's).
    public internal(set) var types: [String: ValueType] = [:]
    /// The rules directory as given, and a fingerprint of every rule and calendar file in it
    /// (FNV-1a 64 over paths and bytes): every report says which library judged it.
    public internal(set) var directory = ""
    public internal(set) var version = ""

    init() {}

    func pathId(_ xpath: String) -> Int {
        if let i = pathIndex[xpath] { return i }
        paths.append(xpath)
        pathIndex[xpath] = paths.count - 1
        return paths.count - 1
    }

    /// "民法典 第九百四十六条第一款", "晋城 TA0315 答复 三(一)", "…（文本未存档）".
    public func citeText(_ c: CiteRef) -> String {
        guard let a = articles[c.article] else { return c.article }
        var s = a.title
        switch c.part {
        case .paragraph(let n)?: s += "第\(ChineseNumerals.format(n))款"
        case .section(let l)?: s += " " + l
        case nil: break
        }
        if a.notOnFile { s += "（文本未存档）" }
        return s
    }

    /// The verbatim text a cite points at (the whole article when no part is named).
    public func citedText(_ c: CiteRef) -> String? {
        guard let a = articles[c.article] else { return nil }
        if a.notOnFile { return nil }
        if let p = c.part { return a.parts.first(where: { $0.part == p })?.text }
        return a.parts.map(\.text).joined(separator: "\n")
    }
}

enum ChineseNumerals {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 946 → 九百四十六 (up to 9999).
    public static func format(_ n: Int) -> String {
        guard n > 0, n < 10000 else { return String(n) }
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        let units = ["", "十", "百", "千"]
        var out = ""
        var zero = false
        let ds = String(n).compactMap { Int(String($0)) }
        for (i, d) in ds.enumerated() {
            let place = ds.count - 1 - i
            if d == 0 { zero = true; continue }
            if zero && !out.isEmpty { out += "零" }
            zero = false
            out += digits[d] + units[place]
        }
        return out
    }
}
