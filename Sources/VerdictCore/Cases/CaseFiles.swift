import Foundation

/// Where `verdict test` finds its cases: every `*.xml` with a `.expect` beside it under
/// RULES-DIR/cases/ and under each folder listed in RULES-DIR/cases.paths.
public enum CaseFiles {
    /// A `cases.paths` line naming a folder that is not there (a copied library without
    /// the examples it lists): an error, never a silent skip.
    public struct MissingFolder: Sendable, Equatable {
        public let listFile: String
        public let line: Int
        public let entry: String
        public let folder: String

        public var message: String {
            "\(listFile):\(line): 用例目录不存在 case folder `\(entry)` does not exist (\(folder)); "
                + "copy it beside the rules or remove the line"
        }
    }

    public struct Found: Sendable {
        public var cases: [String]
        public var missing: [MissingFolder]
    }

    /// The `.expect` path of a case dossier.
    public static func expectPath(of dossier: String) -> String { String(dossier.dropLast(4)) + ".expect" }

    public static func find(in rulesDir: String) -> Found {
        let fm = FileManager.default
        var folders = [(rulesDir as NSString).appendingPathComponent("cases")]
        var missing: [MissingFolder] = []
        let listFile = (rulesDir as NSString).appendingPathComponent("cases.paths")
        if let text = try? String(contentsOfFile: listFile, encoding: .utf8) {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if entry.isEmpty { continue }
                let folder = (rulesDir as NSString).appendingPathComponent(entry)
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue {
                    folders.append(folder)
                } else {
                    let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
                    missing.append(MissingFolder(listFile: listFile, line: n + 1, entry: entry, folder: absolute))
                }
            }
        }
        // A folder named twice (cases/ and a `cases` line) is read once.
        var out: [String: String] = [:]
        for folder in folders {
            guard let e = DirectoryListing.relativePaths(in: folder) else { continue }
            for rel in e where rel.hasSuffix(".xml") {
                let path = ((folder as NSString).appendingPathComponent(rel) as NSString).standardizingPath
                guard fm.fileExists(atPath: expectPath(of: path)) else { continue }
                let key = URL(fileURLWithPath: path).standardizedFileURL.path
                if out[key] == nil { out[key] = path }
            }
        }
        return Found(cases: out.values.sorted(), missing: missing)
    }
}
