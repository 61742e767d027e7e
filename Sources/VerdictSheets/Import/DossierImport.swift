import VerdictXML

/// What an import gives: the dossier (nil when any error remains), every problem located,
/// and a few lines saying what was read.
public struct ImportOutcome: Sendable {
    public let dossier: PlainElement?
    public let problems: [SheetProblem]
    public let summary: [String]

    public var errors: [SheetProblem] { problems.filter { $0.severity == .error } }
    public var warnings: [SheetProblem] { problems.filter { $0.severity == .warning } }
}

/// A workbook (or CSV folder) to a dossier: the layout of docs/spreadsheets.md.
public enum DossierImport {
    public static func run(_ workbook: Workbook) -> ImportOutcome {
        let session = ImportSession(workbook)
        let dossier = session.build()
        let problems = session.sortedProblems()
        let failed = problems.contains { $0.severity == .error }
        return ImportOutcome(dossier: failed ? nil : dossier, problems: problems, summary: session.summary)
    }

    /// The dossier's XML once it loads as any dossier does (schema and structure checks), for
    /// `path`; throws the loader's `DossierErrors` otherwise (a bug of the import, never the clerk's).
    public static func validatedXML(_ dossier: PlainElement, source: String, loader: DossierLoader, path: String) throws -> [UInt8] {
        let bytes = xml(dossier, source: source)
        _ = try loader.load(bytes: bytes, path: path)
        return bytes
    }

    /// The dossier as UTF-8 XML, written by libxml2, with a comment naming where it came from.
    public static func xml(_ dossier: PlainElement, source: String) -> [UInt8] {
        let safe = source.replacingDoubleHyphens
        return PlainXMLWriter.bytes(dossier, indent: true, comment: " 由 verdict import 从 \(safe) 生成 (imported from a workbook) ")
    }
}

extension String {
    /// A comment may not hold `--`.
    var replacingDoubleHyphens: String {
        var s = self
        while s.contains("--") { s = s.split(separator: "-", omittingEmptySubsequences: false).joined(separator: "_") }
        return s
    }
}

/// One import: the workbook, the problems found so far, and the ids already used.
final class ImportSession {
    let workbook: Workbook
    let cells: CellReader
    var problems: [SheetProblem] = []
    var summary: [String] = []
    /// Every id of the dossier (ids are unique among all elements) → where it was first given.
    var ids: [String: SheetLocation] = [:]
    var layout: WorkbookLayout?
    var tableSheets: [String: Sheet] = [:]
    var form: FormReader?

    init(_ workbook: Workbook) {
        self.workbook = workbook
        self.cells = CellReader(date1904: workbook.date1904)
    }

    func build() -> PlainElement? {
        guard let formSheet = workbook.sheets.first(where: { $0.tableName == WorkbookLayout.formSheet }) else {
            problems.append(.error(SheetLocation(sheet: workbook.source), "缺少\"\(WorkbookLayout.formSheet)\"表（卷宗类型、卷宗编号等）；可用 verdict import --template 生成模板"))
            return nil
        }
        var form = FormReader(sheet: formSheet, cells: cells)
        if formSheet.hidden { hiddenSheet(formSheet) }
        let kind = form.kind()
        problems += form.problems
        form.problems = []
        guard let kind, let layout = WorkbookLayout.of(kind: kind) else { return nil }
        self.layout = layout
        form.read(layout)
        self.form = form
        classifySheets(layout)
        let dossier: PlainElement?
        switch kind {
        case "community": dossier = community(layout)
        case "renovation": dossier = renovation(layout)
        default: dossier = firm(layout)
        }
        problems += self.form?.problems ?? []
        return dossier
    }

    func classifySheets(_ layout: WorkbookLayout) {
        for sheet in workbook.sheets where sheet.tableName != WorkbookLayout.formSheet {
            let name = sheet.tableName
            if WorkbookLayout.ignoredSheets.contains(name) { continue }
            if layout.table(name) != nil {
                if tableSheets[name] != nil {
                    problems.append(.error(SheetLocation(sheet: sheet.name), "\"\(name)\"表出现了两次；请合并为一张表"))
                    continue
                }
                if sheet.hidden { hiddenSheet(sheet) }
                tableSheets[name] = sheet
            } else if WorkbookLayout.knownSheets.contains(name) {
                if hasContent(sheet) {
                    problems.append(.error(SheetLocation(sheet: sheet.name), "\(Vocabularies.kind.label(for: layout.kind))卷宗没有\"\(name)\"表；请核对卷宗类型，或删除这张表"))
                }
            } else if hasContent(sheet) {
                problems.append(.warning(SheetLocation(sheet: sheet.name), "未识别的工作表\"\(name)\"，不导入（可用的表：\(layout.tables.map(\.sheet).joined(separator: "、"))）"))
            }
        }
    }

    func hiddenSheet(_ sheet: Sheet) {
        problems.append(.error(SheetLocation(sheet: sheet.name), "工作表被隐藏：隐藏的内容也会导入，请先取消隐藏并核对（或删除这张表）"))
    }

    func hasContent(_ sheet: Sheet) -> Bool {
        sheet.cells.contains { r, row in row.keys.contains { sheet.isFilled(CellAddress(row: r, column: $0)) } }
    }

    /// The rows of a table sheet (none when the sheet is absent).
    func rows(_ table: TableLayout) -> (rows: [TableRow], columns: [String: Int]) {
        guard let sheet = tableSheets[table.sheet] else { return ([], [:]) }
        var reader = TableReader(sheet: sheet, layout: table, cells: cells)
        let rows = reader.read()
        problems += reader.problems
        return (rows, reader.columns)
    }

    /// Claims an id for the dossier; a second use is an error.
    func claim(_ id: String, at location: SheetLocation) {
        if let earlier = ids[id] {
            problems.append(.error(location, "编号\"\(id)\"已在 \(earlier) 用过；卷宗里的编号（业主、事项、通知、整改、项目）不能重复"))
        } else {
            ids[id] = location
        }
    }

    /// An element from a row: the listed attributes in order, blank ones left out.
    func element(_ name: String, _ row: TableRow, _ attributes: [String]) -> PlainElement {
        var e = PlainElement(name)
        for a in attributes { e.set(a, row.value(a)) }
        return e
    }

    func sortedProblems() -> [SheetProblem] {
        var order: [String: Int] = [workbook.source: -1]
        for (i, s) in workbook.sheets.enumerated() { order[s.name] = i }
        return problems.enumerated().sorted { x, y in
            let a = x.element.location, b = y.element.location
            let (sa, sb) = (order[a.sheet] ?? Int.max, order[b.sheet] ?? Int.max)
            if sa != sb { return sa < sb }
            let (ra, rb) = (a.range?.first ?? CellAddress(row: 0, column: 0), b.range?.first ?? CellAddress(row: 0, column: 0))
            if ra != rb { return ra < rb }
            return x.offset < y.offset
        }.map(\.element)
    }
}
