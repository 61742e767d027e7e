import Foundation
import VerdictCore
import VerdictXML

/// Reads a folder of CSV files as a workbook: each `NAME.csv` is the sheet `NAME`.
/// UTF-8 with or without a byte order mark, else GBK/GB18030 (what Excel and WPS save as
/// "CSV" on Chinese Windows). Every cell is text, exactly as written in the file.
public enum CSVReader {
    static let fileLimit = 64 * 1024 * 1024

    public static func read(folder: String) throws -> Workbook {
        let fm = FileManager.default
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: folder)
        } catch {
            throw WorkbookUnreadable(problems: [.error(SheetLocation(sheet: folder), "无法读取文件夹：\(error.localizedDescription)")])
        }
        let csvs = names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") && !$0.hasPrefix("~$") }.sorted()
        if csvs.isEmpty {
            throw WorkbookUnreadable(problems: [.error(SheetLocation(sheet: folder), "文件夹中没有 .csv 文件；每张表存为一个文件，如 卷宗信息.csv、业主名册.csv")])
        }
        var sheets: [Sheet] = []
        var problems: [SheetProblem] = []
        for name in csvs {
            let path = (folder as NSString).appendingPathComponent(name)
            let table = String(name.dropLast(4)).precomposedStringWithCanonicalMapping
            guard let data = fm.contents(atPath: path), data.count <= fileLimit else {
                problems.append(.error(SheetLocation(sheet: name), "无法读取文件（不存在、无权限或超过 64 MB）"))
                continue
            }
            guard let text = decode([UInt8](data)) else {
                problems.append(.error(SheetLocation(sheet: name), "文件编码无法识别（既不是 UTF-8 也不是 GBK）；请另存为\"CSV UTF-8（逗号分隔）\""))
                continue
            }
            var sheet = Sheet(name: name, tableName: table)
            for (r, row) in rows(text).enumerated() {
                for (c, cell) in row.enumerated() where !cell.isEmpty {
                    sheet[CellAddress(row: r + 1, column: c + 1)] = .text(cell)
                }
            }
            sheets.append(sheet)
        }
        if !problems.isEmpty { throw WorkbookUnreadable(problems: problems) }
        return Workbook(source: PathText.lastComponent(folder), sheets: sheets)
    }

    /// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030.
    static func decode(_ bytes: [UInt8]) -> String? {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let s = String(validatingUTF8Bytes: bytes) { return s }
        return LegacyText.decodeGB18030(bytes)
    }

    /// RFC 4180: commas, double quotes around fields that hold commas, quotes or line breaks.
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        while let ch = next() {
            if quoted {
                if ch == "\"" {
                    if let after = it.next() {
                        if after == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = after }
                    } else { quoted = false }
                } else {
                    field.unicodeScalars.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\r":
                if let after = it.next(), after != "\n" { pending = after }
                row.append(field); rows.append(row); row = []; field = ""
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            default: field.unicodeScalars.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}

extension String {
    /// nil unless the bytes are valid UTF-8.
    init?(validatingUTF8Bytes bytes: [UInt8]) {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var out = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): out.append(s)
            case .emptyInput: self = String(out); return
            case .error: return nil
            }
        }
    }
}
