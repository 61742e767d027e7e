import Foundation
import VerdictCore

/// Hover, definition, references, rename and symbols: all read the analysis's index.
extension LanguageServer {
    struct Cursor {
        let analysis: Analysis
        let file: Int
        let offset: Int
    }

    func cursor(_ p: JSON) throws -> Cursor {
        guard let uri = p["textDocument"]?["uri"]?.string, let pos = Position(p["position"]) else {
            throw RequestError.invalidParams("expected textDocument and position")
        }
        let a = current()
        guard let file = a.fileIndex(Workspace.path(fromURI: uri)) else { throw RequestError.invalidParams("unknown document \(uri)") }
        return Cursor(analysis: a, file: file, offset: a.lines[file].offset(pos, encoding))
    }

    func range(_ span: Span, _ a: Analysis) -> JSON { a.lines[span.file].range(span, encoding) }

    // MARK: hover

    func hover(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        let a = c.analysis
        var text: String?
        var span: Span?
        if let cite = a.cite(file: c.file, at: c.offset) {
            text = citeHover(cite, a)
            span = cite.span
        } else if let o = a.occurrence(file: c.file, at: c.offset) {
            text = symbolHover(o.key, a)
            span = o.span
        }
        guard let text, let span else { return .null }
        return ["contents": ["kind": "markdown", "value": .string(text)], "range": range(span, a)]
    }

    func citeHover(_ c: CiteRef, _ a: Analysis) -> String {
        let p = a.program
        guard let article = p.articles[c.article] else { return "unknown article `\(c.article)`" }
        var out = "**\(p.citeText(c))**"
        if let f = article.inForceFrom { out += "  \nin force from \(f)" }
        if let u = article.inForceUntil { out += (article.inForceFrom == nil ? "  \nin force" : "") + " until \(u)" }
        if let text = p.citedText(c) {
            out += "\n\n" + text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n>\n")
        } else if article.notOnFile {
            out += "\n\n(the text is not on file)"
        } else {
            out += "\n\n(no such paragraph)"
        }
        return out
    }

    func articleHover(_ id: String, _ a: Analysis) -> String {
        guard let article = a.program.articles[id] else { return "unknown article `\(id)`" }
        var out = "**\(article.title)**"
        if article.notOnFile { return out + "\n\n(the text is not on file)" }
        for part in article.parts {
            let label: String
            switch part.part {
            case .paragraph(let n): label = "¶\(n)"
            case .section(let s): label = "§ \(s)"
            }
            out += "\n\n\(label) " + part.text
        }
        return out
    }

    func symbolHover(_ key: SymbolKey, _ a: Analysis) -> String? {
        let p = a.program
        func code(_ s: String) -> String { "```verdict\n\(s)\n```" }
        switch key {
        case .global(let name):
            let type = p.types[name].map { "\($0)" }
            if let param = p.params[name] {
                var out = code("param \(name) = \(slice(param.value.span, a))")
                if let type { out += "\n\n" + type }
                out += "\n\nsource: " + (param.source.isEmpty ? "(none)" : param.source)
                if param.placeholder { out += "\n\n**placeholder**: not law; replace it before relying on it" }
                return out
            }
            if let fact = p.facts[name] {
                return code("fact \(name): \(Indexer(analysis: a).describe(fact.type))") + "\n\nread from `\(fact.path)`"
            }
            if let l = p.lets[name] {
                let params = l.params.isEmpty ? "" : "(" + l.params.map { "\($0.name): \(Indexer(analysis: a).describe($0.type))" }.joined(separator: ", ") + ")"
                var out = code("let \(name)\(params) = " + letBodyText(l.body, a))
                if let type { out += "\n\n" + type }
                return out
            }
            return nil
        case .table(let name):
            guard let t = p.tables[name] else { return nil }
            let params = t.params.map { "\($0.name): \(Indexer(analysis: a).describe($0.type))" }.joined(separator: ", ")
            var out = code("table \(name)(\(params)) \(t.hit.rawValue) hit") + "\n\n\(t.rows.count) rows → \(t.output)"
            if let s = t.source { out += "\n\nsource: \(s)" }
            if t.placeholder { out += "\n\n**placeholder**" }
            return out
        case .rule(let id):
            guard let versions = p.rules[id], let r = versions.first else { return "unknown rule `\(id)`" }
            var out = "**rule \(id)** (\(r.level.rawValue))\n\n\(r.title)"
            if !r.cites.isEmpty { out += "\n\ncites " + r.cites.map { p.citeText($0) }.joined(separator: "、") }
            if versions.count > 1 { out += "\n\n\(versions.count) versions" }
            if let cases { out += "\n\n" + cases.title(id) }
            return out
        case .article(let id): return articleHover(id, a)
        case .shape(let name):
            guard let s = p.shapes[name] else { return nil }
            let ix = Indexer(analysis: a)
            return code("shape \(name)\n" + s.fields.map { "  \($0.name): \(ix.describe($0.type))" + ($0.path.map { " at \"\($0)\"" } ?? "") }.joined(separator: "\n"))
        case .field(let shape, let name):
            if let (s, f) = a.field(shape, name) {
                var out = code("\(s.name).\(name): \(Indexer(analysis: a).describe(f.type))")
                out += "\n\n" + (f.path.map { "read from `\($0)`" } ?? "the attribute `@\(name)` of the `\(s.name)` element")
                return out
            }
            let owners = p.shapes.values.filter { $0.fields.contains { $0.name == name } }.map(\.name).sorted()
            return "field `\(name)`" + (owners.isEmpty ? "" : " of " + owners.map { "`\($0)`" }.joined(separator: ", "))
        case .local(let at):
            let name = a.localNames[at] ?? slice(at, a)
            var out = code(name)
            if let t = a.localTypes[at] { out += "\n\n\(t)" }
            return out + "\n\nbound at line \(a.lines[at.file].position(at.start, .utf8).line + 1)"
        case .builtin(let name):
            guard let b = Builtin(rawValue: name) else { return nil }
            return code(b.documentation) + "\n\nbuilt-in function"
        case .procedure(let name):
            guard let pr = p.procedures[name] else { return nil }
            return "**procedure \(name)**\n\n\(pr.title)\n\n" + pr.steps.enumerated().map { "\($0 + 1). \($1.title)" }.joined(separator: "\n")
        case .asOf: return ReservedName.meaning(of: "as-of").map { code("as-of") + "\n\n" + $0 }
        }
    }

    func slice(_ s: Span, _ a: Analysis) -> String { a.files[safe: s.file]?.slice(s) ?? "" }

    func letBodyText(_ b: LetBody, _ a: Analysis) -> String {
        switch b {
        case .expr(let e): return slice(e.span, a)
        case .defaulted(let d, _, let ex):
            let end = ex.last?.0.span ?? d.span
            return slice(Span(file: d.span.file, start: d.span.start, end: max(d.span.end, end.end)), a)
        }
    }

    // MARK: definition, references

    /// The symbol under the cursor (a cite counts as its article).
    func symbol(at c: Cursor) -> Occurrence? {
        c.analysis.occurrence(file: c.file, at: c.offset)
    }

    func definition(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        guard let o = symbol(at: c) else { return .null }
        let a = c.analysis
        if case .field(nil, let name) = o.key {
            // The receiver's shape is not known: every shape with such a field.
            let all = a.occurrences.flatMap { $0.filter { if case .field(_?, name) = $0.key, $0.isDeclaration { return true }; return false } }
            return .array(all.map { location($0.span, a) })
        }
        guard let d = a.declaration(of: o.key) else { return .null }
        return location(d.span, a)
    }

    func references(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        guard let o = symbol(at: c) else { return .null }
        let includeDeclaration = p["context"]?["includeDeclaration"]?.bool ?? true
        let all = c.analysis.occurrences(of: o.key).filter { includeDeclaration || !$0.isDeclaration }
        return .array(all.map { location($0.span, c.analysis) })
    }

    // MARK: rename

    func prepareRename(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        guard let o = symbol(at: c), o.key.renamable else { return .null }
        return ["range": range(o.span, c.analysis), "placeholder": .string(slice(o.span, c.analysis))]
    }

    func rename(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        guard let newName = p["newName"]?.string else { throw RequestError.invalidParams("expected newName") }
        guard let o = symbol(at: c) else { throw RequestError(code: -32803, message: "nothing to rename here") }
        guard o.key.renamable else { throw RequestError(code: -32803, message: "`\(slice(o.span, c.analysis))` belongs to the language and cannot be renamed") }
        if case .rule = o.key { try LanguageServer.checkName(newName, dotted: true) } else { try LanguageServer.checkName(newName, dotted: false) }
        var edits: [String: [JSON]] = [:]
        let a = c.analysis
        if let clash = LanguageServer.clash(o.key, newName, a.program) {
            throw RequestError(code: -32803, message: "`\(newName)` is already \(clash)")
        }
        if case .field(_, let name) = o.key,
           let unsure = a.occurrences.joined().first(where: { if case .field(nil, name) = $0.key { return true }; return false }) {
            let line = a.lines[unsure.span.file].position(unsure.span.start, .utf8).line + 1
            throw RequestError(code: -32803, message: "`\(name)` at \(PathText.lastComponent(a.paths[unsure.span.file])):\(line) is a field of a value whose shape is not known: rename cannot tell whether it is the same field")
        }
        for occ in a.occurrences(of: o.key) {
            let uri = workspace.uri(for: a.paths[occ.span.file])
            edits[uri, default: []].append(["range": range(occ.span, a), "newText": .string(newName)])
        }
        if case .rule(let id) = o.key, let dir = workspace.rulesDirectory {
            for (path, lineEdits) in LanguageServer.expectationEdits(rule: id, newName: newName, rulesDirectory: dir, encoding: encoding) {
                edits[URL(fileURLWithPath: path).absoluteString] = lineEdits
            }
        }
        return ["changes": .object(edits.mapValues { .array($0) })]
    }

    /// What a new name is already taken by, in the namespace of the symbol renamed.
    static func clash(_ key: SymbolKey, _ newName: String, _ p: Program) -> String? {
        switch key {
        case .global, .table:
            if p.params[newName] != nil { return "a parameter" }
            if p.facts[newName] != nil { return "a fact" }
            if p.lets[newName] != nil { return "a definition" }
            if p.tables[newName] != nil { return "a table" }
            return ReservedName.meaning(of: newName)
        case .rule: return p.rules[newName] != nil ? "a rule" : nil
        case .article: return p.articles[newName] != nil ? "an article" : nil
        case .shape: return p.shapes[newName] != nil ? "a shape" : nil
        case .field(let shape?, _): return p.shapes[shape]?.fields.contains { $0.name == newName } == true ? "a field of `\(shape)`" : nil
        case .procedure: return p.procedures[newName] != nil ? "a procedure" : nil
        default: return nil
        }
    }

    /// A renamed rule keeps its example cases: the `.expect` lines that name it (`RULE SUBJECT OUTCOME …`).
    static func expectationEdits(rule: String, newName: String, rulesDirectory: String, encoding: PositionEncoding) -> [String: [JSON]] {
        var out: [String: [JSON]] = [:]
        for dossier in CaseFiles.find(in: rulesDirectory).cases {
            let path = CaseFiles.expectPath(of: dossier)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains(rule) else { continue }
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let indent = line.prefix { $0 == " " || $0 == "\t" }
                let word = line.dropFirst(indent.count).prefix { $0 != " " && $0 != "\t" }
                guard word == rule else { continue }
                let start = encoding == .utf8 ? indent.utf8.count : indent.utf16.count
                let length = encoding == .utf8 ? word.utf8.count : word.utf16.count
                out[path, default: []].append(["range": ["start": ["line": .int(n), "character": .int(start)],
                                                         "end": ["line": .int(n), "character": .int(start + length)]],
                                               "newText": .string(newName)])
            }
        }
        return out
    }

    /// A new name must lex as one name (rule ids: names joined by dots), not a keyword.
    static func checkName(_ name: String, dotted: Bool) throws {
        let parts = dotted ? name.split(separator: ".", omittingEmptySubsequences: false).map(String.init) : [name]
        for part in parts {
            var lexer = Lexer(file: SourceFile(path: "<rename>", text: part), fileIndex: 0)
            let ts = lexer.tokenize()
            guard lexer.diagnostics.isEmpty, ts.count == 2, ts[0].kind == .identifier, ts[0].text == part else {
                throw RequestError(code: -32602, message: "`\(name)` is not a valid name: use letters, digits and inner hyphens, not a keyword")
            }
        }
    }

    // MARK: symbols

    func documentSymbols(_ p: JSON) throws -> JSON {
        guard let uri = p["textDocument"]?["uri"]?.string else { throw RequestError.invalidParams("expected textDocument") }
        let a = current()
        guard let file = a.fileIndex(Workspace.path(fromURI: uri)) else { return [] }
        func json(_ s: DeclSymbol) -> JSON {
            let whole = Span(file: s.span.file, start: min(s.span.start, s.nameSpan.start), end: max(s.span.end, s.nameSpan.end))
            var o: [String: JSON] = ["name": .string(s.name), "kind": .int(s.lspKind), "range": range(whole, a),
                                     "selectionRange": range(s.nameSpan, a)]
            if !s.detail.isEmpty { o["detail"] = .string(String(s.detail.prefix(120))) }
            if !s.children.isEmpty { o["children"] = .array(s.children.map(json)) }
            return .object(o)
        }
        return .array(a.declarations[file].sorted { $0.span < $1.span }.map(json))
    }

    func workspaceSymbols(_ p: JSON) -> JSON {
        let query = (p["query"]?.string ?? "").lowercased()
        let a = current()
        var out: [JSON] = []
        for decls in a.declarations {
            for s in decls where query.isEmpty || LanguageServer.fuzzy(query, s.name.lowercased()) || s.detail.lowercased().contains(query) {
                out.append(["name": .string(s.name), "kind": .int(s.lspKind), "location": location(s.nameSpan, a),
                            "containerName": .string(PathText.lastComponent(a.paths[s.nameSpan.file]))])
                if out.count >= 500 { return .array(out) }
            }
        }
        return .array(out)
    }

    /// The query's characters in order (`dnp` finds `dismissal-notice-period`).
    static func fuzzy(_ q: String, _ s: String) -> Bool {
        var i = s.startIndex
        for ch in q {
            guard let j = s[i...].firstIndex(of: ch) else { return false }
            i = s.index(after: j)
        }
        return true
    }
}
