import Foundation
import VerdictCore
import VerdictXML
import ZIPFoundation

/// Reads an .xlsx file (zipped SpreadsheetML) into cells, as Excel, WPS, LibreOffice and
/// openpyxl write it: shared or inline strings, rich text runs, cells with or without `r`,
/// relative or absolute part names, the 1904 date system, hidden sheets, merged ranges.
public enum XLSXReader {
    /// No part of a workbook is read beyond this size (a zip bomb stops here).
    static let partLimit: UInt64 = 128 * 1024 * 1024

    public static func read(_ path: String) throws -> Workbook {
        let file = PathText.lastComponent(path)
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw unreadable(file, "不是有效的 .xlsx 文件（无法按 zip 打开）；请在 Excel 或 WPS 中另存为\"Excel 工作簿 (*.xlsx)\"")
        }
        let parts = Parts(archive: archive, file: file)
        let workbookPath = try parts.officeDocument()
        let workbook = try parts.xml(workbookPath)
        let rels = try parts.relationships(of: workbookPath)
        let base = PathText.parent(workbookPath)
        var strings: [String] = []
        if let target = rels.values.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target {
            strings = SharedStrings.read(try parts.xml(Parts.resolve(target, base: base)))
        }
        var formats: [String?] = []
        if let target = rels.values.first(where: { $0.type.hasSuffix("/styles") })?.target {
            formats = CellFormats.read(try parts.xml(Parts.resolve(target, base: base)))
        }
        let pr = workbook.first("workbookPr")
        let date1904 = pr?["date1904"] == "1" || pr?["date1904"] == "true"
        var sheets: [Sheet] = []
        for s in workbook.first("sheets")?.all("sheet") ?? [] {
            guard let name = s["name"], let id = s.namespaced("id"), let target = rels[id]?.target else { continue }
            let state = s["state"] ?? "visible"
            var sheet = Sheet(name: name, hidden: state != "visible")
            let xml = try parts.xml(Parts.resolve(target, base: base))
            WorksheetCells.read(xml, into: &sheet, strings: strings, formats: formats)
            sheets.append(sheet)
        }
        return Workbook(source: file, sheets: sheets, date1904: date1904)
    }

    static func unreadable(_ file: String, _ message: String) -> WorkbookUnreadable {
        WorkbookUnreadable(problems: [.error(SheetLocation(sheet: file), message)])
    }
}

/// The parts of the zip, parsed through VerdictXML.
struct Parts {
    let archive: Archive
    let file: String

    struct Relationship { let type: String; let target: String }

    func bytes(_ path: String) throws -> [UInt8]? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        guard let entry = archive[name] ?? archive.first(where: { $0.path.lowercased() == name.lowercased() }) else { return nil }
        guard entry.uncompressedSize <= XLSXReader.partLimit else {
            throw XLSXReader.unreadable(file, "文件中的 \(name) 过大（超过 128 MB），无法读取")
        }
        var out = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                out.append(chunk)
                if out.count > Int(XLSXReader.partLimit) { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            throw XLSXReader.unreadable(file, "文件已损坏：无法解压 \(name)；请在 Excel 或 WPS 中打开并重新保存")
        }
        return [UInt8](out)
    }

    func xml(_ path: String) throws -> PlainElement {
        guard let data = try bytes(path) else {
            throw XLSXReader.unreadable(file, "文件缺少 \(path)，不是完整的 .xlsx 工作簿；请在 Excel 或 WPS 中另存为 .xlsx")
        }
        do {
            return try PlainXML.parse(data, part: path)
        } catch let e as XMLProblem {
            throw XLSXReader.unreadable(file, "\(path) 不是有效的 XML（\(e.line.map { "第 \($0) 行：" } ?? "")\(e.message)）；请在 Excel 或 WPS 中打开并重新保存")
        }
    }

    /// The workbook part named by the package relationships (normally `xl/workbook.xml`).
    func officeDocument() throws -> String {
        if let rels = try? relationships(of: ""), let main = rels.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
            return Parts.resolve(main.target, base: "")
        }
        return "xl/workbook.xml"
    }

    /// Id → relationship, from `dir/_rels/name.rels`.
    func relationships(of part: String) throws -> [String: Relationship] {
        let dir = PathText.parent(part)
        let name = PathText.lastComponent(part)
        let path = (dir.isEmpty ? "" : dir + "/") + "_rels/" + name + ".rels"
        guard let data = try bytes(path) else { return [:] }
        guard let root = try? PlainXML.parse(data, part: path) else { return [:] }
        var out: [String: Relationship] = [:]
        for r in root.all("Relationship") {
            if let id = r["Id"], let target = r["Target"] { out[id] = Relationship(type: r["Type"] ?? "", target: target) }
        }
        return out
    }

    /// A relationship target as a part name: absolute (`/xl/x.xml`) or relative to `base`.
    static func resolve(_ target: String, base: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : base.split(separator: "/")
        for p in target.split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(p) }
        }
        return parts.joined(separator: "/")
    }
}

/// `xl/sharedStrings.xml`: plain or rich text; phonetic runs (`rPh`) are not part of the text.
enum SharedStrings {
    static func read(_ sst: PlainElement) -> [String] {
        sst.all("si").map(text(of:))
    }

    static func text(of item: PlainElement) -> String {
        var s = ""
        for c in item.children {
            if c.name == "t" { s += c.text } else if c.name == "r" { s += c.first("t")?.text ?? "" }
        }
        return ExcelEscapes.decode(s)
    }
}

/// OOXML writes characters that XML cannot hold as `_xHHHH_` (and `_` itself as `_x005F_`).
enum ExcelEscapes {
    static func decode(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "_", let end = s.index(i, offsetBy: 6, limitedBy: s.endIndex), end < s.endIndex, s[end] == "_",
               s[s.index(after: i)] == "x", let code = UInt32(s[s.index(i, offsetBy: 2)..<end], radix: 16),
               let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                i = s.index(after: end)
            } else {
                out.append(s[i])
                i = s.index(after: i)
            }
        }
        return out
    }
}

/// `xl/styles.xml`: the number format code of each cell style (`s="3"`).
enum CellFormats {
    static func read(_ styles: PlainElement) -> [String?] {
        var custom: [Int: String] = [:]
        for f in styles.first("numFmts")?.all("numFmt") ?? [] {
            if let id = f["numFmtId"].flatMap({ Int($0) }), let code = f["formatCode"] { custom[id] = code }
        }
        return (styles.first("cellXfs")?.all("xf") ?? []).map { xf in
            let id = xf["numFmtId"].flatMap { Int($0) } ?? 0
            return custom[id] ?? NumberFormat.builtIn(id)
        }
    }
}

/// `xl/worksheets/sheetN.xml`: the cells and the merged ranges.
enum WorksheetCells {
    static func read(_ ws: PlainElement, into sheet: inout Sheet, strings: [String], formats: [String?]) {
        var rowNumber = 0
        for row in ws.first("sheetData")?.all("row") ?? [] {
            rowNumber = row["r"].flatMap { Int($0) } ?? rowNumber + 1
            var column = 0
            for c in row.all("c") {
                let address = c["r"].flatMap { CellAddress(Substring($0)) }
                column = address?.column ?? column + 1
                let at = CellAddress(row: address?.row ?? rowNumber, column: column)
                if let value = value(of: c, strings: strings, formats: formats) { sheet[at] = value }
            }
        }
        for m in ws.first("mergeCells")?.all("mergeCell") ?? [] {
            if let r = m["ref"].flatMap({ CellRange(Substring($0)) }), r.first != r.last { sheet.merged.append(r) }
        }
    }

    static func value(of c: PlainElement, strings: [String], formats: [String?]) -> CellValue? {
        let v = c.first("v")?.text
        let formula = c.first("f")
        let type = c["t"] ?? "n"
        if type == "inlineStr" {
            return c.first("is").map { .text(SharedStrings.text(of: $0)) }
        }
        guard let v, !v.isEmpty else {
            if let formula { return .formulaWithoutValue(formula.text) }
            return nil
        }
        switch type {
        case "s":
            guard let i = Int(v), i >= 0, i < strings.count else { return .error("#REF!") }
            return .text(strings[i])
        case "str", "d": return .text(ExcelEscapes.decode(v))
        case "b": return .boolean(v == "1" || v == "true")
        case "e": return .error(v)
        default:
            guard let d = Double(v.trimmingSpaces), d.isFinite else { return .text(v) }
            let style = c["s"].flatMap { Int($0) } ?? 0
            return .number(d, numberFormat: style < formats.count ? formats[style] : nil)
        }
    }
}
