import Foundation

/// Loads a rules directory: every `*.rules` file (sorted by path), the holiday calendar
/// (`*.calendar`), parameter overrides; then checks the whole program.
public enum RuleLoader {
    public struct Failure: Error {
        public let diagnostics: [Diagnostic]
        public let files: [SourceFile]
    }

    /// `validateXPath` returns an error message for an XPath that does not compile.
    public static func load(directory: String, validateXPath: @escaping (String) -> String?) -> Result<Program, Failure> {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return .failure(Failure(diagnostics: [Diagnostic(.io, .none, "rules directory `\(directory)` not found",
                                                             help: "give the rules with `--rules DIR`")], files: []))
        }
        var ruleFiles: [String] = []
        var calendarFiles: [String] = []
        if let e = DirectoryListing.relativePaths(in: directory) {
            for rel in e {
                if rel.hasSuffix(".rules") { ruleFiles.append(rel) }
                if rel.hasSuffix(".calendar") { calendarFiles.append(rel) }
            }
        }
        ruleFiles.sort()
        calendarFiles.sort()
        var sources: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        for rel in ruleFiles {
            let path = (directory as NSString).appendingPathComponent(rel)
            guard let data = fm.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.io, .none, "cannot read `\(path)`"))
                continue
            }
            if data.count > 8 * 1024 * 1024 {
                diagnostics.append(Diagnostic(.io, .none, "`\(path)` is larger than 8 MB"))
                continue
            }
            var text = String(decoding: data, as: UTF8.self)
            // Scanned through the bytes (Data's own iteration costs ~60 instructions a byte).
            let hasCR = data.withUnsafeBytes { $0.contains(13) }
            if hasCR && !data.withUnsafeBytes({ $0.contains(10) }) { text = text.replacingOccurrences(of: "\r", with: "\n") }
            sources.append(SourceFile(path: path, text: text))
            // Invalid UTF-8 is found by the lexer on the raw bytes.
            if String(data: data, encoding: .utf8) == nil {
                sources[sources.count - 1] = SourceFile(path: path, rawBytes: [UInt8](data))
            }
        }
        let program = Program()
        program.files = sources
        var cals: [HolidayCalendar] = []
        for rel in calendarFiles {
            let path = (directory as NSString).appendingPathComponent(rel)
            let text = (fm.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            switch HolidayCalendar.parse(text, source: path) {
            case .success(let c): cals.append(c)
            case .failure(let e):
                diagnostics.append(Diagnostic(.calendar, .none, "\(path):\(e.line): \(e.message)"))
            }
        }
        program.calendar = HolidayCalendar.merged(cals)
        program.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        program.version = fingerprint(directory, ruleFiles + calendarFiles)
        diagnostics += parseAndCheck(program, validateXPath: validateXPath)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            return .failure(Failure(diagnostics: sortDiagnostics(diagnostics), files: program.files))
        }
        return .success(program)
    }

    /// Parses and checks rule files given as text (tests, the fuzzers, an editor's buffers):
    /// the program, and every diagnostic (the program is usable only when none is an error).
    public static func check(files: [SourceFile], validateXPath: @escaping (String) -> String?) -> (Program, [Diagnostic]) {
        let program = Program()
        program.files = files
        return (program, parseAndCheck(program, validateXPath: validateXPath))
    }

    /// Parses and checks sources already in `program.files`. `parsed` gives the declarations
    /// and diagnostics of a file already parsed (mutation testing re-parses only the file it changed).
    static func parseAndCheck(_ program: Program, validateXPath: @escaping (String) -> String?,
                              parsed: (Int) -> ParsedFile? = { _ in nil }) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (i, file) in program.files.enumerated() {
            let p = parsed(i) ?? parse(file, i)
            diagnostics += p.diagnostics
            for d in p.declarations { diagnostics += register(d, in: program) }
        }
        // Checking recurses through expressions and definitions: only run it on what the limits allow.
        if diagnostics.contains(where: { $0.code == .tooDeep }) { return diagnostics }
        var checker = Checker(program: program, validateXPath: validateXPath)
        diagnostics += checker.check()
        program.types = checker.globalTypes
        Resolver.resolve(program)
        return diagnostics
    }

    /// One file's declarations with its syntax and depth diagnostics.
    struct ParsedFile: Sendable {
        let declarations: [Declaration]
        let diagnostics: [Diagnostic]
    }

    static func parse(_ file: SourceFile, _ index: Int) -> ParsedFile {
        var parser = Parser(file: file, fileIndex: index)
        let decls = parser.parseFile()
        return ParsedFile(declarations: decls, diagnostics: parser.diagnostics + DepthCheck.check(decls))
    }

    /// FNV-1a 64 over each file's path (relative to the directory) and bytes, in sorted order.
    static func fingerprint(_ directory: String, _ files: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        for rel in files.sorted() {
            mix(rel.utf8)
            mix([0])
            if let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(rel)) {
                data.withUnsafeBytes { mix($0) }
            }
            mix([0])
        }
        return "fnv1a64:" + String(h, radix: 16).leftPadded(16).replacingOccurrences(of: " ", with: "0")
    }

    static func sortDiagnostics(_ ds: [Diagnostic]) -> [Diagnostic] {
        ds.sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
    }

    static func register(_ d: Declaration, in p: Program) -> [Diagnostic] {
        p.declarationOrder.append(d)
        func dup(_ name: String, _ span: Span, _ kind: String) -> [Diagnostic] {
            [Diagnostic(.duplicateName, span, "\(kind) `\(name)` is declared twice", help: "rename one of them")]
        }
        func taken(_ n: String) -> Bool {
            p.params[n] != nil || p.facts[n] != nil || p.lets[n] != nil || p.tables[n] != nil
        }
        let reserved: Diagnostic?
        switch d {
        case .param(let x): reserved = ReservedName.check(x.name, x.span, "a parameter")
        case .fact(let x): reserved = ReservedName.check(x.name, x.span, "a fact")
        case .let(let x): reserved = ReservedName.check(x.name, ReservedName.nameSpan(x.span, x.name), "a definition")
        case .table(let x): reserved = ReservedName.check(x.name, x.span, "a table")
        default: reserved = nil
        }
        if let reserved { return [reserved] }
        switch d {
        case .article(let a):
            if p.articles[a.id] != nil { return dup(a.id, a.span, "article") }
            p.articles[a.id] = a
        case .param(let x):
            if taken(x.name) { return dup(x.name, x.span, "name") }
            p.params[x.name] = x
        case .shape(let x):
            if p.shapes[x.name] != nil { return dup(x.name, x.span, "shape") }
            p.shapes[x.name] = x
        case .fact(let x):
            if taken(x.name) { return dup(x.name, x.span, "name") }
            p.facts[x.name] = x
        case .let(let x):
            if taken(x.name) { return dup(x.name, x.span, "name") }
            p.lets[x.name] = x
        case .table(let x):
            if taken(x.name) { return dup(x.name, x.span, "name") }
            p.tables[x.name] = x
        case .rule(let r):
            if p.rules[r.id] == nil { p.ruleOrder.append(r.id) }
            p.rules[r.id, default: []].append(r)
        case .procedure(let x):
            if p.procedures[x.name] != nil { return dup(x.name, x.span, "procedure") }
            p.procedures[x.name] = x
        }
        return []
    }

    /// `--param K=V`: V is read as the parameter's own kind of value.
}

extension SourceFile {
    /// For files that are not valid UTF-8: the lexer reports the bad bytes.
    convenience init(path: String, rawBytes: [UInt8]) {
        self.init(path: path, text: String(decoding: rawBytes, as: UTF8.self), bytes: rawBytes)
    }
}

extension HolidayCalendar {
    static func merged(_ cs: [HolidayCalendar]) -> HolidayCalendar {
        var out = HolidayCalendar()
        for c in cs { out.absorb(c) }
        return out
    }
}
