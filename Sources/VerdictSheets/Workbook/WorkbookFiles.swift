import Foundation

/// The input of `verdict import`: an .xlsx file or a folder of CSV files.
public enum WorkbookFiles {
    public static func read(_ path: String) throws -> Workbook {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw WorkbookUnreadable(SheetLocation(sheet: path), "文件不存在")
        }
        if isDirectory.boolValue { return try CSVReader.read(folder: path) }
        if path.lowercased().hasSuffix(".csv") {
            throw WorkbookUnreadable(SheetLocation(sheet: path), "请给出 CSV 文件所在的文件夹（每张表一个文件，如 卷宗信息.csv、业主名册.csv），而不是单个 CSV 文件")
        }
        return try XLSXReader.read(path)
    }
}
