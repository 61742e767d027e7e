import VerdictXML

/// One worksheet part: frozen header rows, column widths and styles, cells, drop-down lists.
enum WorksheetXML {
    static func element(_ sheet: SheetDraft, selected: Bool, strings: inout SharedStringTable) -> PlainElement {
        var root = PlainElement("worksheet", [.init("xmlns", XLSXWriter.main), .init("xmlns:r", XLSXWriter.relationships)])
        var view = PlainElement("sheetView", [.init("workbookViewId", "0")])
        if selected { view.attributes.insert(.init("tabSelected", "1"), at: 0) }
        if sheet.frozenRows > 0 {
            view.children.append(PlainElement("pane", [.init("ySplit", String(sheet.frozenRows)), .init("topLeftCell", "A\(sheet.frozenRows + 1)"),
                                                       .init("activePane", "bottomLeft"), .init("state", "frozen")]))
        }
        root.children.append(PlainElement("sheetViews", children: [view]))
        root.children.append(PlainElement("sheetFormatPr", [.init("defaultRowHeight", "15")]))
        let columns = Set(sheet.widths.keys).union(sheet.columnStyles.keys).sorted()
        if !columns.isEmpty {
            root.children.append(PlainElement("cols", children: columns.map { c in
                var col = PlainElement("col", [.init("min", String(c)), .init("max", String(c)), .init("width", String(sheet.widths[c] ?? 12)), .init("customWidth", "1")])
                if let s = sheet.columnStyles[c] { col.attributes.append(.init("style", String(s.index))) }
                return col
            }))
        }
        var data = PlainElement("sheetData")
        for r in sheet.cells.keys.sorted() {
            var row = PlainElement("row", [.init("r", String(r))])
            for (c, cell) in sheet.cells[r]!.sorted(by: { $0.key < $1.key }) {
                row.children.append(self.cell(cell, CellAddress(row: r, column: c), strings: &strings))
            }
            data.children.append(row)
        }
        root.children.append(data)
        if !sheet.lists.isEmpty {
            let validations = sheet.lists.map { list in
                PlainElement("dataValidation", [.init("type", "list"), .init("errorStyle", "warning"), .init("allowBlank", "1"),
                                                .init("showInputMessage", "1"), .init("showErrorMessage", "1"),
                                                .init("errorTitle", "不在选项中"), .init("error", "请从下拉列表中选择；英文代码（如 yes）也可以"),
                                                .init("sqref", list.range)],
                             children: [PlainElement("formula1", text: "\"" + list.choices.joined(separator: ",") + "\"")])
            }
            root.children.append(PlainElement("dataValidations", [.init("count", String(validations.count))], children: validations))
        }
        root.children.append(PlainElement("pageMargins", [.init("left", "0.7"), .init("right", "0.7"), .init("top", "0.75"),
                                                         .init("bottom", "0.75"), .init("header", "0.3"), .init("footer", "0.3")]))
        return root
    }

    static func cell(_ cell: DraftCell, _ at: CellAddress, strings: inout SharedStringTable) -> PlainElement {
        var c = PlainElement("c", [.init("r", at.description)])
        if cell.style != .plain { c.attributes.append(.init("s", String(cell.style.index))) }
        switch cell.value {
        case .text(let s):
            c.attributes.append(.init("t", "s"))
            c.children.append(PlainElement("v", text: String(strings.id(s))))
        case .number(let n):
            c.children.append(PlainElement("v", text: n))
        case .date(let d):
            if let serial = DraftCell.serial(d) {
                c.children.append(PlainElement("v", text: String(serial)))
            } else {
                c.attributes.append(.init("t", "s"))
                c.children.append(PlainElement("v", text: String(strings.id(d.description))))
            }
        }
        return c
    }
}

/// styles.xml: the fixed styles of `CellStyle`, with a `yyyy-mm-dd` date format.
enum StylesXML {
    static func element() -> PlainElement {
        var formats = [PlainElement("numFmt", [.init("numFmtId", "164"), .init("formatCode", "yyyy-mm-dd")])]
        for n in 1...10 {
            formats.append(PlainElement("numFmt", [.init("numFmtId", String(164 + n)), .init("formatCode", "0." + String(repeating: "0", count: n))]))
        }
        func font(_ extra: [PlainElement], size: String = "11", grey: Bool = false) -> PlainElement {
            var children = extra + [PlainElement("sz", [.init("val", size)])]
            if grey { children.append(PlainElement("color", [.init("rgb", "FF808080")])) }
            children.append(PlainElement("name", [.init("val", "等线")]))
            return PlainElement("font", children: children)
        }
        let fonts = [font([]), font([PlainElement("b")]), font([PlainElement("i")], size: "9", grey: true), font([], size: "9", grey: true)]
        let fills = [
            PlainElement("fill", children: [PlainElement("patternFill", [.init("patternType", "none")])]),
            PlainElement("fill", children: [PlainElement("patternFill", [.init("patternType", "gray125")])]),
            PlainElement("fill", children: [PlainElement("patternFill", [.init("patternType", "solid")], children: [
                PlainElement("fgColor", [.init("rgb", "FFDDEBF7")]), PlainElement("bgColor", [.init("indexed", "64")]),
            ])]),
        ]
        func xf(_ numFmt: Int, font: Int = 0, fill: Int = 0, wrap: Bool = false) -> PlainElement {
            var x = PlainElement("xf", [.init("numFmtId", String(numFmt)), .init("fontId", String(font)), .init("fillId", String(fill)),
                                        .init("borderId", "0"), .init("xfId", "0")])
            if numFmt != 0 { x.attributes.append(.init("applyNumberFormat", "1")) }
            if font != 0 { x.attributes.append(.init("applyFont", "1")) }
            if fill != 0 { x.attributes.append(.init("applyFill", "1")) }
            if wrap {
                x.attributes.append(.init("applyAlignment", "1"))
                x.children.append(PlainElement("alignment", [.init("wrapText", "1"), .init("vertical", "top")]))
            }
            return x
        }
        var xfs = [xf(0), xf(0, font: 1, fill: 2), xf(0, font: 2), xf(164), xf(1)]
        for n in 1...10 { xfs.append(xf(164 + n)) }
        xfs.append(xf(0, font: 3, wrap: true))
        xfs.append(xf(49))
        let border = PlainElement("border", children: ["left", "right", "top", "bottom", "diagonal"].map { PlainElement($0) })
        return PlainElement("styleSheet", [.init("xmlns", XLSXWriter.main)], children: [
            PlainElement("numFmts", [.init("count", String(formats.count))], children: formats),
            PlainElement("fonts", [.init("count", String(fonts.count))], children: fonts),
            PlainElement("fills", [.init("count", String(fills.count))], children: fills),
            PlainElement("borders", [.init("count", "1")], children: [border]),
            PlainElement("cellStyleXfs", [.init("count", "1")], children: [
                PlainElement("xf", [.init("numFmtId", "0"), .init("fontId", "0"), .init("fillId", "0"), .init("borderId", "0")]),
            ]),
            PlainElement("cellXfs", [.init("count", String(xfs.count))], children: xfs),
            PlainElement("cellStyles", [.init("count", "1")], children: [
                PlainElement("cellStyle", [.init("name", "Normal"), .init("xfId", "0"), .init("builtinId", "0")]),
            ]),
        ])
    }
}
