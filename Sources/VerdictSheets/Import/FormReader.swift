import VerdictXML
/// Reads the 卷宗信息 form: the label in column A (or the attribute path in column C), the
/// value in column B. The kind comes first, since it decides which lines belong.
struct FormReader {
    let sheet: Sheet
    let cells: CellReader
    var problems: [SheetProblem] = []
    /// element → attribute → (where, value).
    var values: [String: [String: (CellAddress, String)]] = [:]
    /// Where each field's line is (for "missing" problems), by path.
    var lines: [String: Int] = [:]

    init(sheet: Sheet, cells: CellReader) {
        self.sheet = sheet
        self.cells = cells
    }

    static let valueColumn = 2

    /// The texts that may name a line's field: the label (A), then the attribute path (C).
    func keys(_ r: Int) -> [String] {
        [1, 3].compactMap { c in
            if case .text(let t)? = sheet[CellAddress(row: r, column: c)], !t.trimmingSpaces.isEmpty { return t }
            return nil
        }
    }

    func key(_ r: Int) -> String? { keys(r).first }

    func field(_ r: Int, in fields: [FormField]) -> FormField? {
        for k in keys(r) { if let f = fields.first(where: { $0.matches(k) }) { return f } }
        return nil
    }

    /// The kind written on the form, or nil (reported).
    mutating func kind() -> String? {
        let field = WorkbookLayout.dossierFields[0]
        for r in sheet.rowNumbers {
            guard self.field(r, in: [field]) != nil else { continue }
            let a = CellAddress(row: r, column: FormReader.valueColumn)
            switch cells.read(sheet[a], as: field.kind, what: field.label) {
            case .value(let v), .noted(let v, _): return v
            case .problem(let p):
                problems.append(.error(SheetLocation(sheet: sheet.name, cell: a), p))
                return nil
            case .blank:
                problems.append(.error(SheetLocation(sheet: sheet.name, cell: a), "请填写卷宗类型：小区、物业企业 或 老旧小区改造（或 community/firm/renovation）"))
                return nil
            }
        }
        problems.append(.error(SheetLocation(sheet: sheet.name), "缺少\"卷宗类型\"一行（A 列写 卷宗类型，B 列写 小区、物业企业 或 老旧小区改造）"))
        return nil
    }

    mutating func read(_ layout: WorkbookLayout) {
        for r in sheet.rowNumbers {
            guard let k = key(r) else {
                if sheet.isFilled(CellAddress(row: r, column: FormReader.valueColumn)) {
                    problems.append(.warning(SheetLocation(sheet: sheet.name, cell: CellAddress(row: r, column: 1)), "这一行没有项目名称（A 列），B 列的内容不导入"))
                }
                continue
            }
            guard let field = field(r, in: layout.form) else {
                if HeaderText.normalised(k) == "项目" { continue }  // the form's own header line
                let other = WorkbookLayout.all.first { $0.form.contains { $0.matches(k) } }
                let at = SheetLocation(sheet: sheet.name, cell: CellAddress(row: r, column: 1))
                if other != nil, sheet.isFilled(CellAddress(row: r, column: FormReader.valueColumn)) {
                    problems.append(.error(at, "\"\(k.trimmingSpaces)\"不属于\(Vocabularies.kind.label(for: layout.kind))卷宗；请核对卷宗类型，或删除这一行"))
                } else if other == nil, sheet.isFilled(CellAddress(row: r, column: FormReader.valueColumn)) {
                    problems.append(.warning(at, "未识别的项目\"\(k.trimmingSpaces)\"，不导入"))
                }
                continue
            }
            if let earlier = lines[field.path] {
                problems.append(.error(SheetLocation(sheet: sheet.name, cell: CellAddress(row: r, column: 1)), "\"\(field.label)\"重复（第 \(earlier) 行已有）；请删除其中一行"))
                continue
            }
            lines[field.path] = r
            let a = CellAddress(row: r, column: FormReader.valueColumn)
            switch cells.read(sheet[a], as: field.kind, what: field.label) {
            case .blank: break
            case .value(let v): values[field.element, default: [:]][field.attribute] = (a, v)
            case .noted(let v, let note):
                values[field.element, default: [:]][field.attribute] = (a, v)
                problems.append(.warning(SheetLocation(sheet: sheet.name, cell: a), note))
            case .problem(let p):
                problems.append(.error(SheetLocation(sheet: sheet.name, cell: a), p))
                values[field.element, default: [:]][field.attribute] = (a, "")
            }
        }
    }

    func has(_ element: String) -> Bool { !(values[element] ?? [:]).isEmpty }

    /// An element's attributes in the layout's order; required ones that are missing are reported.
    mutating func element(_ name: String, layout: WorkbookLayout, always: Bool = false) -> PlainElement? {
        guard always || has(name) else { return nil }
        var e = PlainElement(name)
        for f in layout.form where f.element == name {
            if let (_, v) = values[name]?[f.attribute] {
                e.set(f.attribute, v)
            } else if f.required {
                problems.append(.error(missingAt(f), missingMessage(f, layout: layout)))
            }
        }
        return e
    }

    func missingAt(_ f: FormField) -> SheetLocation {
        if let r = lines[f.path] { return SheetLocation(sheet: sheet.name, cell: CellAddress(row: r, column: FormReader.valueColumn)) }
        return SheetLocation(sheet: sheet.name)
    }

    func missingMessage(_ f: FormField, layout: WorkbookLayout) -> String {
        let siblings = layout.form.filter { $0.element == f.element && $0.element != "dossier" }
        let filled = siblings.filter { values[f.element]?[$0.attribute] != nil }.map(\.label)
        let because = filled.isEmpty ? "" : "（已填了\(filled.joined(separator: "、"))）"
        let line = lines[f.path] == nil ? "缺少\"\(f.label)\"一行；" : ""
        return "\(line)请填写\(f.label)\(because)"
    }
}
