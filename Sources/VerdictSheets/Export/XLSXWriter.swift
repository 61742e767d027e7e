import Foundation
import VerdictXML
import ZIPFoundation

/// Writes a `WorkbookDraft` as a minimal .xlsx: [Content_Types].xml, the package and workbook
/// relationships, workbook.xml, one worksheet per sheet, styles.xml (with a date format)
/// and sharedStrings.xml. Every part is XML written by libxml2 (through VerdictXML).
public enum XLSXWriter {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let package = "http://schemas.openxmlformats.org/package/2006/relationships"
    /// Entries carry a fixed time, so the same workbook gives the same bytes.
    static let entryDate = Date(timeIntervalSince1970: 1_735_689_600)

    public static func write(_ draft: WorkbookDraft, to path: String) throws {
        var strings = SharedStringTable()
        var parts: [(String, PlainElement)] = []
        parts.append(("[Content_Types].xml", contentTypes(draft)))
        parts.append(("_rels/.rels", PlainElement("Relationships", [.init("xmlns", package)], children: [
            relationship("rId1", "officeDocument", "xl/workbook.xml"),
        ])))
        parts.append(("xl/workbook.xml", workbook(draft)))
        var rels = draft.sheets.indices.map { relationship("rId\($0 + 1)", "worksheet", "worksheets/sheet\($0 + 1).xml") }
        rels.append(relationship("rId\(draft.sheets.count + 1)", "styles", "styles.xml"))
        rels.append(relationship("rId\(draft.sheets.count + 2)", "sharedStrings", "sharedStrings.xml"))
        parts.append(("xl/_rels/workbook.xml.rels", PlainElement("Relationships", [.init("xmlns", package)], children: rels)))
        for (i, sheet) in draft.sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", WorksheetXML.element(sheet, selected: i == 0, strings: &strings)))
        }
        parts.append(("xl/styles.xml", StylesXML.element()))
        parts.append(("xl/sharedStrings.xml", strings.element()))

        try? FileManager.default.removeItem(atPath: path)
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, root) in parts {
            let data = Data(PlainXMLWriter.bytes(root, indent: false, standalone: true))
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    static func relationship(_ id: String, _ type: String, _ target: String) -> PlainElement {
        let base = type == "officeDocument" || type == "worksheet" || type == "styles" || type == "sharedStrings"
            ? "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" : ""
        return PlainElement("Relationship", [.init("Id", id), .init("Type", base + type), .init("Target", target)])
    }

    static func contentTypes(_ draft: WorkbookDraft) -> PlainElement {
        let office = "application/vnd.openxmlformats-officedocument.spreadsheetml."
        var children = [
            PlainElement("Default", [.init("Extension", "rels"), .init("ContentType", "application/vnd.openxmlformats-package.relationships+xml")]),
            PlainElement("Default", [.init("Extension", "xml"), .init("ContentType", "application/xml")]),
            PlainElement("Override", [.init("PartName", "/xl/workbook.xml"), .init("ContentType", office + "sheet.main+xml")]),
        ]
        for i in draft.sheets.indices {
            children.append(PlainElement("Override", [.init("PartName", "/xl/worksheets/sheet\(i + 1).xml"), .init("ContentType", office + "worksheet+xml")]))
        }
        children.append(PlainElement("Override", [.init("PartName", "/xl/styles.xml"), .init("ContentType", office + "styles+xml")]))
        children.append(PlainElement("Override", [.init("PartName", "/xl/sharedStrings.xml"), .init("ContentType", office + "sharedStrings+xml")]))
        return PlainElement("Types", [.init("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types")], children: children)
    }

    static func workbook(_ draft: WorkbookDraft) -> PlainElement {
        let sheets = draft.sheets.enumerated().map { i, s in
            PlainElement("sheet", [.init("name", s.name), .init("sheetId", String(i + 1)), .init("r:id", "rId\(i + 1)")])
        }
        return PlainElement("workbook", [.init("xmlns", main), .init("xmlns:r", relationships)], children: [
            PlainElement("workbookPr"),
            PlainElement("bookViews", children: [PlainElement("workbookView", [.init("activeTab", "0")])]),
            PlainElement("sheets", children: sheets),
        ])
    }
}

/// Strings are written once, in sharedStrings.xml, and cells refer to them by index.
struct SharedStringTable {
    var list: [String] = []
    var index: [String: Int] = [:]

    mutating func id(_ s: String) -> Int {
        if let i = index[s] { return i }
        index[s] = list.count
        list.append(s)
        return list.count - 1
    }

    func element() -> PlainElement {
        let items = list.map { s -> PlainElement in
            let spaced = s.first.map { $0 == " " || $0 == "\n" } == true || s.last.map { $0 == " " || $0 == "\n" } == true
            let t = PlainElement("t", spaced ? [.init("xml:space", "preserve")] : [], text: ExcelEscapes.encode(s))
            return PlainElement("si", children: [t])
        }
        return PlainElement("sst", [.init("xmlns", XLSXWriter.main), .init("count", String(list.count)), .init("uniqueCount", String(list.count))], children: items)
    }
}

extension ExcelEscapes {
    /// A literal `_xHHHH_` in text is written `_x005F_xHHHH_`, so that it reads back as itself.
    static func encode(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        return decodeMarker(s)
    }

    private static func decodeMarker(_ s: String) -> String {
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "_", let end = s.index(i, offsetBy: 6, limitedBy: s.endIndex), end < s.endIndex, s[end] == "_",
               s[s.index(after: i)] == "x", UInt32(s[s.index(i, offsetBy: 2)..<end], radix: 16) != nil {
                out += "_x005F"
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
