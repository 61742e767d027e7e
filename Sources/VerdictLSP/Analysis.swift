import Foundation
import VerdictCore

/// One checked snapshot of the workspace: the program built from every rule file (open
/// buffers as the editor has them, the rest from disk), its diagnostics, and the index the
/// navigation requests read. Immutable once built.
final class Analysis: @unchecked Sendable {
    let paths: [String]
    let files: [SourceFile]
    let lines: [LineIndex]
    let texts: [String: Text]
    let program: Program
    let diagnostics: [Diagnostic]
    private var indexed = false
    private(set) var tokens: [[Token]] = []
    /// Every occurrence of every symbol, per file, in source order.
    private(set) var occurrences: [[Occurrence]] = []
    private(set) var declarations: [[DeclSymbol]] = []
    /// Every cite with the article it names, per file.
    private(set) var cites: [[CiteRef]] = []
    /// Shapes of binders and rule `let`s, by the span of their declaration (for `x.` completion and hover).
    private(set) var localTypes: [Span: ValueType] = [:]
    private(set) var localNames: [Span: String] = [:]

    struct Options {
        var validateXPath: (String) -> String?
        var lint: ((Program) -> [Diagnostic])?
    }

    /// A file's text with its line table, kept from one analysis to the next while its revision stays.
    struct Text {
        let revision: Int
        let file: SourceFile
        let lines: LineIndex
    }

    init(sources: [Workspace.Source], previous: [String: Text], options: Options) {
        paths = sources.map(\.path)
        let texts = sources.map { s -> Text in
            if let t = previous[s.path], t.revision == s.revision { return t }
            let file = SourceFile(path: s.path, text: s.text)
            return Text(revision: s.revision, file: file, lines: LineIndex(file.bytes))
        }
        files = texts.map(\.file)
        lines = texts.map(\.lines)
        self.texts = Dictionary(texts.map { ($0.file.path, $0) }, uniquingKeysWith: { a, _ in a })
        let t0 = Date()
        let (program, checked) = RuleLoader.check(files: files, validateXPath: options.validateXPath)
        self.program = program
        var all = checked
        let t1 = Date()
        if !checked.contains(where: { $0.severity == .error }), let lint = options.lint {
            var seen = Set(checked.map { "\($0.code.rawValue)\($0.span)\($0.message)" })
            for d in lint(program) where seen.insert("\(d.code.rawValue)\(d.span)\(d.message)").inserted { all.append(d) }
        }
        let t2 = Date()
        diagnostics = all
        if Analysis.timing {
            let ms = { (a: Date, b: Date) in String(format: "%.1f", b.timeIntervalSince(a) * 1000) }
            FileHandle.standardError.write(Data("verdict lsp: check \(ms(t0, t1)) ms, lint \(ms(t1, t2)) ms\n".utf8))
        }
    }

    /// The index is built on the first request that reads it, not on every keystroke.
    func ensureIndexed() {
        if indexed { return }
        indexed = true
        tokens = files.enumerated().map { i, f in
            var lexer = Lexer(file: f, fileIndex: i)
            return lexer.tokenize()
        }
        occurrences = Array(repeating: [], count: files.count)
        declarations = Array(repeating: [], count: files.count)
        cites = Array(repeating: [], count: files.count)
        var indexer = Indexer(analysis: self)
        indexer.run()
        for i in occurrences.indices { occurrences[i].sort { $0.span < $1.span } }
        if Analysis.timing {
            let unknown = occurrences.joined().filter { if case .field(nil, _) = $0.key { return true }; return false }
            let sample = unknown.prefix(8).map { "\(($0.key.name ?? "")) at \(PathText.lastComponent(paths[$0.span.file])):\(lines[$0.span.file].position($0.span.start, .utf8).line + 1)" }
            FileHandle.standardError.write(Data("verdict lsp: index: \(occurrences.joined().count) occurrences, \(unknown.count) fields of unknown shape \(sample)\n".utf8))
        }
    }

    static let timing = ProcessInfo.processInfo.environment["VERDICT_LSP_TIMING"] != nil

    func fileIndex(_ path: String) -> Int? { paths.firstIndex(of: path) }

    func add(_ o: Occurrence) {
        guard o.span.file >= 0, o.span.file < occurrences.count else { return }
        occurrences[o.span.file].append(o)
    }

    func add(_ d: DeclSymbol) {
        guard d.span.file >= 0, d.span.file < declarations.count else { return }
        declarations[d.span.file].append(d)
    }

    func add(_ c: CiteRef) {
        guard c.span.file >= 0, c.span.file < cites.count else { return }
        cites[c.span.file].append(c)
    }

    func setLocal(_ span: Span, _ name: String, _ type: ValueType?) {
        localNames[span] = name
        if let type { localTypes[span] = type }
    }

    /// The span of `text` in the first token from `start` on whose text it is (a declaration's name).
    func tokenSpan(file: Int, from start: Int, text: String) -> Span? {
        guard file >= 0, file < tokens.count else { return nil }
        let ts = tokens[file]
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ts[mid].span.start < start { lo = mid + 1 } else { hi = mid }
        }
        for t in ts[lo..<min(ts.count, lo + 12)] where t.text == text { return t.span }
        return nil
    }

    /// The occurrence whose name covers `offset` (the end of a name counts, as editors put the cursor there).
    func occurrence(file: Int, at offset: Int) -> Occurrence? {
        guard file >= 0, file < occurrences.count else { return nil }
        let os = occurrences[file]
        return os.first { $0.span.start <= offset && offset < $0.span.end }
            ?? os.first { $0.span.start <= offset && offset <= $0.span.end }
    }

    func cite(file: Int, at offset: Int) -> CiteRef? {
        guard file >= 0, file < cites.count else { return nil }
        return cites[file].first { $0.span.start <= offset && offset <= $0.span.end }
    }

    func token(file: Int, at offset: Int) -> Token? {
        guard file >= 0, file < tokens.count else { return nil }
        return tokens[file].first { $0.span.start <= offset && offset < $0.span.end }
            ?? tokens[file].first { $0.span.start <= offset && offset <= $0.span.end }
    }

    func occurrences(of key: SymbolKey) -> [Occurrence] {
        occurrences.flatMap { $0.filter { $0.key == key } }
    }

    func declaration(of key: SymbolKey) -> Occurrence? {
        for os in occurrences { if let o = os.first(where: { $0.key == key && $0.isDeclaration }) { return o } }
        return nil
    }

    /// The shape of a field's owner (`contract.exit-days` → the field `exit-days` of shape `contract`).
    func field(_ shape: String?, _ name: String) -> (ShapeDecl, FieldDecl)? {
        if let shape, let s = program.shapes[shape], let f = s.fields.first(where: { $0.name == name }) { return (s, f) }
        return nil
    }
}

extension ValueType {
    /// The shape of a node, of a list's or an index's items.
    var shapeName: String? {
        switch self {
        case .node(let s): return s
        case .list(let t), .index(let t): return t.shapeName
        default: return nil
        }
    }

    var element: ValueType {
        switch self {
        case .list(let t), .index(let t): return t
        default: return self
        }
    }

    init?(_ t: TypeRef) {
        switch t {
        case .shape(let s): self = .node(s)
        case .list(let x): guard let v = ValueType(x) else { return nil }; self = .list(v)
        case .optional(let x): guard let v = ValueType(x) else { return nil }; self = v
        case .enumeration(let vs): self = .enumeration(vs)
        case .text: self = .text
        case .number, .integer: self = .number
        case .date: self = .date
        case .boolean: self = .boolean
        case .period: self = .period
        }
    }
}
