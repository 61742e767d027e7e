import Foundation

/// The rule files the server sees: every `*.rules` under the rules directory as it is on
/// disk, with the editor's open buffers in place of their files.
struct Workspace {
    struct Document {
        var uri: String
        var text: String
        var version: Int
    }

    private(set) var rulesDirectory: String?
    /// Rule files on disk, in the order `RuleLoader` reads them (sorted relative paths).
    private(set) var diskFiles: [String] = []
    private var diskText: [String: String] = [:]
    private(set) var documents: [String: Document] = [:]
    /// Bumped whenever a file's text may have changed: the analysis reuses what it built for the others.
    private(set) var revisions: [String: Int] = [:]
    private var clock = 0

    private mutating func touch(_ path: String) {
        clock += 1
        revisions[path] = clock
    }

    /// The workspace folder itself when it holds rule files, else its `rules/`.
    mutating func setRoot(_ root: String) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        let sub = (root as NSString).appendingPathComponent("rules")
        if fm.fileExists(atPath: sub, isDirectory: &isDir), isDir.boolValue {
            rulesDirectory = Workspace.standard(sub)
        } else if fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue {
            rulesDirectory = Workspace.standard(root)
        }
        rescan()
    }

    mutating func rescan() {
        diskFiles = []
        diskText = [:]
        guard let dir = rulesDirectory, let e = FileManager.default.enumerator(atPath: dir) else { return }
        var rels: [String] = []
        for case let rel as String in e {
            if rel.hasPrefix(".") || rel.contains("/.") { continue }
            if rel.hasSuffix(".rules") { rels.append(rel) }
            if rels.count >= 2000 { break }
        }
        diskFiles = rels.sorted().map { (dir as NSString).appendingPathComponent($0) }
        for path in diskFiles {
            diskText[path] = Workspace.read(path)
            touch(path)
        }
    }

    static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        var text = String(decoding: data, as: UTF8.self)
        // Editors show the text without a byte-order mark; positions are counted the same way.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// Every rule file with its current text: disk order first, then buffers of files outside the rules directory.
    func sources() -> [Source] {
        var out: [Source] = []
        var seen: Set<String> = []
        for path in diskFiles {
            seen.insert(path)
            out.append(Source(path: path, text: documents[path]?.text ?? diskText[path] ?? "", revision: revisions[path] ?? 0))
        }
        for path in documents.keys.sorted() where !seen.contains(path) {
            out.append(Source(path: path, text: documents[path]!.text, revision: revisions[path] ?? 0))
        }
        return out
    }

    struct Source {
        let path: String
        let text: String
        let revision: Int
    }

    mutating func open(uri: String, text: String, version: Int) {
        let path = Workspace.path(fromURI: uri)
        documents[path] = Document(uri: uri, text: text, version: version)
        touch(path)
    }

    mutating func change(uri: String, changes: [JSON], version: Int?, encoding: PositionEncoding) {
        let path = Workspace.path(fromURI: uri)
        var doc = documents[path] ?? Document(uri: uri, text: diskText[path] ?? "", version: 0)
        for c in changes {
            guard let text = c["text"]?.string else { continue }
            if let r = c["range"], let s = Position(r["start"]), let e = Position(r["end"]) {
                var bytes = Array(doc.text.utf8)
                let index = LineIndex(bytes)
                let a = index.offset(s, encoding), b = max(a, index.offset(e, encoding))
                bytes.replaceSubrange(a..<b, with: Array(text.utf8))
                doc.text = String(decoding: bytes, as: UTF8.self)
            } else {
                doc.text = text
            }
        }
        if let version { doc.version = version }
        documents[path] = doc
        touch(path)
    }

    mutating func close(uri: String) {
        let path = Workspace.path(fromURI: uri)
        documents[path] = nil
        if diskText[path] != nil { diskText[path] = Workspace.read(path) }
        touch(path)
    }

    mutating func saved(uri: String) {
        let path = Workspace.path(fromURI: uri)
        if diskText[path] != nil {
            diskText[path] = Workspace.read(path)
            touch(path)
        } else if isInRules(path) {
            rescan()
        }
    }

    func isInRules(_ path: String) -> Bool {
        guard let dir = rulesDirectory else { return false }
        return path.hasPrefix(dir + "/") && path.hasSuffix(".rules")
    }

    func uri(for path: String) -> String {
        documents[path]?.uri ?? URL(fileURLWithPath: path).absoluteString
    }

    static func path(fromURI uri: String) -> String {
        if uri.hasPrefix("file:"), let u = URL(string: uri), u.isFileURL { return standard(u.path) }
        return uri
    }

    static func standard(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
