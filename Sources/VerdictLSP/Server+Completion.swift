import Foundation
import VerdictCore

/// Completion from the text before the cursor (which may not parse yet) and the last analysis.
extension LanguageServer {
    enum ItemKind: Int {
        case method = 2, function = 3, field = 5, variable = 6, module = 9, value = 12, keyword = 14
        case reference = 18, enumMember = 20, constant = 21, structure = 22
    }

    /// Where the name (with `dots`: the dotted path) that ends `s` starts, in bytes. Names are made of
    /// letters of any script, digits, `_` and `-`; full-width punctuation ends them.
    static func nameStart(_ s: String, dots: Bool) -> Int {
        let tail = s.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || (dots && $0 == ".") }
        return s.utf8.count - String(tail).utf8.count
    }

    func completion(_ p: JSON) throws -> JSON {
        let c = try cursor(p)
        let a = c.analysis
        let bytes = a.files[c.file].bytes
        let lineStart = a.lines[c.file].lineStarts[a.lines[c.file].line(of: c.offset)]
        // The name being typed.
        let w = lineStart + LanguageServer.nameStart(String(decoding: bytes[lineStart..<c.offset], as: UTF8.self), dots: false)
        let before = String(decoding: bytes[lineStart..<w], as: UTF8.self)
        let wordSpan = Span(file: c.file, start: w, end: c.offset)
        var items: [JSON] = []
        func add(_ label: String, _ kind: ItemKind, _ detail: String? = nil, insert: String? = nil, doc: String? = nil, sort: String = "1") {
            var o: [String: JSON] = ["label": .string(label), "kind": .int(kind.rawValue), "sortText": .string(sort + label),
                                     "textEdit": ["range": range(wordSpan, a), "newText": .string(insert ?? label)]]
            if let detail { o["detail"] = .string(detail) }
            if let doc { o["documentation"] = ["kind": "markdown", "value": .string(doc)] }
            items.append(.object(o))
        }
        let trimmed = before.trimmingTrailingSpaces

        // Rule ids: `passed `, `outcome of `, a procedure's `rule ` (and the dotted id typed so far).
        if let ruleStart = LanguageServer.ruleIdStart(before) {
            let ws = Span(file: c.file, start: lineStart + ruleStart, end: c.offset)
            for id in a.program.ruleOrder {
                let title = a.program.rules[id]?.first?.title
                items.append(["label": .string(id), "kind": .int(ItemKind.method.rawValue), "detail": title.map { .string($0) } ?? .null,
                              "textEdit": ["range": range(ws, a), "newText": .string(id)]])
            }
            return ["isIncomplete": false, "items": .array(items)]
        }

        // Fields after `x.` (`contract.`, `d.date.`).
        if before.hasSuffix(".") {
            let chain = LanguageServer.receiverChain(String(before.dropLast()))
            var shape: String?
            if let first = chain.first {
                var t = receiverType(first, a, c)
                for f in chain.dropFirst() {
                    guard let s = t?.shapeName, let (_, fd) = a.field(s, f) else { t = nil; break }
                    t = ValueType(fd.type)
                }
                shape = t?.shapeName
            }
            let shapes = shape.flatMap { a.program.shapes[$0] }.map { [$0] } ?? a.program.shapes.values.sorted { $0.name < $1.name }
            var seen: Set<String> = []
            let ix = Indexer(analysis: a)
            for s in shapes {
                for f in s.fields where seen.insert(f.name).inserted {
                    add(f.name, .field, ix.describe(f.type), doc: f.path.map { "read from `\($0)`" } ?? "`@\(f.name)` of `\(s.name)`")
                }
            }
            return ["isIncomplete": false, "items": .array(items)]
        }

        // Paragraphs after an article id in a cite: `民法典-946 ¶`.
        if let article = LanguageServer.citedArticle(before), let decl = a.program.articles[article] {
            let hasMark = before.hasSuffix("¶") || before.hasSuffix("§")
            let markLength = hasMark ? 2 : 0  // ¶ and § are two bytes in UTF-8
            let ws = Span(file: c.file, start: w - markLength, end: c.offset)
            for part in decl.parts {
                let label: String
                switch part.part {
                case .paragraph(let n): label = "¶\(n)"
                case .section(let s): label = "§\"\(s)\""
                }
                items.append(["label": .string(label), "kind": .int(ItemKind.reference.rawValue), "detail": .string(String(part.text.prefix(60))),
                              "textEdit": ["range": range(ws, a), "newText": .string(label)],
                              "documentation": .string(part.text)])
            }
            return ["isIncomplete": false, "items": .array(items)]
        }

        // Article ids after `cite`, `per` and between a cite's commas.
        if LanguageServer.inCiteList(trimmed) {
            for (id, art) in a.program.articles.sorted(by: { $0.key < $1.key }) {
                add(id, .reference, art.title, doc: art.parts.first.map { String($0.text.prefix(200)) })
            }
            return ["isIncomplete": false, "items": .array(items)]
        }

        // Enum literals where a `one of` field is compared: `d.matter = "`.
        if let (receiver, field) = LanguageServer.comparedField(before) {
            var values: [String] = []
            let owner = receiverType(receiver, a, c)?.shapeName
            let shapes = owner.flatMap { a.program.shapes[$0] }.map { [$0] } ?? Array(a.program.shapes.values)
            for s in shapes { for f in s.fields where f.name == field { values += LanguageServer.enumValues(f.type) } }
            if !values.isEmpty {
                let quoted = before.hasSuffix("\"")
                let ws = Span(file: c.file, start: w - (quoted ? 1 : 0), end: c.offset)
                for v in Set(values).sorted() {
                    items.append(["label": .string("\"\(v)\""), "kind": .int(ItemKind.enumMember.rawValue),
                                  "filterText": .string(quoted ? "\"" + v : v),
                                  "textEdit": ["range": range(ws, a), "newText": .string("\"\(v)\"")]])
                }
                return ["isIncomplete": false, "items": .array(items)]
            }
        }
        if before.hasSuffix("\"") || LanguageServer.insideString(before) { return ["isIncomplete": false, "items": []] }
        // A space or a quote opens the lists above only: typing `a b` does not pop up every name.
        if let trigger = p["context"]?["triggerCharacter"]?.string, trigger == " " || trigger == "\"" || trigger == "¶" {
            return ["isIncomplete": false, "items": []]
        }

        // Names in scope, then built-ins, then keywords.
        for (name, t) in localsInScope(a, c) { add(name, .variable, t.map { "\($0)" }, sort: "0") }
        for g in a.program.globals {
            switch g {
            case .param(let p): add(p.name, .constant, a.program.types[p.name].map { "\($0)" } ?? "param", doc: "source: \(p.source)")
            case .fact(let f): add(f.name, .variable, Indexer(analysis: a).describe(f.type), doc: "read from `\(f.path)`")
            case .definition(let l):
                if l.params.isEmpty { add(l.name, .variable, a.program.types[l.name].map { "\($0)" }) }
                else { add(l.name, .function, "(" + l.params.map(\.name).joined(separator: ", ") + ")", insert: l.name + "(") }
            }
        }
        for t in a.program.tableList { add(t.name, .function, "table → \(t.output)", insert: t.name + "(") }
        for b in Builtin.allCases { add(b.rawValue, .function, b.documentation, insert: b.rawValue + "(", sort: "2") }
        add("as-of", .constant, "the date the dossier is judged at", sort: "2")
        for k in Keyword.allCases { add(k.rawValue, .keyword, sort: "3") }
        add("n/a", .keyword, sort: "3")
        return ["isIncomplete": false, "items": .array(items)]
    }

    /// The type of a receiver name at the cursor: a binder or `let` of the enclosing declaration, or a global.
    func receiverType(_ name: String, _ a: Analysis, _ c: Cursor) -> ValueType? {
        if let local = localsInScope(a, c).last(where: { $0.0 == name }) { return local.1 }
        return a.program.types[name]
    }

    /// Binders, parameters and rule `let`s of the declaration around the cursor, declared before it.
    func localsInScope(_ a: Analysis, _ c: Cursor) -> [(String, ValueType?)] {
        // The declaration around the cursor: the last one that starts before it; it ends where the next one starts.
        let starts = a.declarations[c.file].filter { $0.kind != .article }.map(\.span.start).sorted()
        guard let start = starts.last(where: { $0 <= c.offset }) else { return [] }
        let next = a.declarations[c.file].map(\.span.start).filter { $0 > start }.min() ?? Int.max
        guard c.offset < next else { return [] }
        return a.localNames.filter { $0.key.file == c.file && $0.key.start >= start && $0.key.start < min(next, c.offset) }
            .sorted { $0.key.start < $1.key.start }
            .map { ($0.value, a.localTypes[$0.key]) }
    }

    static func enumValues(_ t: TypeRef) -> [String] {
        switch t {
        case .enumeration(let vs): return vs
        case .optional(let x), .list(let x): return enumValues(x)
        default: return []
        }
    }

    /// `a.b.c` before a dot: ["a", "b", "c"].
    static func receiverChain(_ s: String) -> [String] {
        let bytes = Array(s.utf8)
        return String(decoding: bytes[nameStart(s, dots: true)...], as: UTF8.self).split(separator: ".").map(String.init)
    }

    /// Where the rule id starts (a byte offset in the line) when the text ends with `passed`, `outcome of` or `rule` and an id so far.
    static func ruleIdStart(_ before: String) -> Int? {
        // Back over a partial dotted id (`assembly.quo`).
        let bytes = Array(before.utf8)
        let i = nameStart(before, dots: true)
        let head = String(decoding: bytes[..<i], as: UTF8.self)
        guard head.hasSuffix(" ") else { return nil }
        let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" })
        guard let last = words.last else { return nil }
        if last == "passed" || (last == "of" && words.dropLast().last == "outcome") { return i }
        if last == "rule", words.first == "step" || head.contains("step \"") { return i }
        return nil
    }

    /// The article id just before the cursor in a cite (`cite 民法典-946 ¶`, `per 民法典-946 `).
    static func citedArticle(_ before: String) -> String? {
        var s = before
        if s.hasSuffix("¶") || s.hasSuffix("§") { s.removeLast() }
        let t = s.trimmingTrailingSpaces
        guard t.count < s.count || before.hasSuffix("¶") || before.hasSuffix("§") else { return nil }
        let words = t.split(whereSeparator: { $0 == " " || $0 == "," })
        guard words.count >= 2, let id = words.last else { return nil }
        guard inCiteList(String(t.dropLast(id.count)).trimmingTrailingSpaces) else { return nil }
        return String(id)
    }

    /// Whether the text ends inside a cite list: after `cite`/`per`, or after a comma that follows one.
    static func inCiteList(_ trimmed: String) -> Bool {
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let last = words.last else { return false }
        if last == "cite" || last == "per" { return true }
        if trimmed.hasSuffix(",") {
            // `cite A ¶1, B, ` : the nearest `cite`/`per` before, with only ids, ¶N and commas between.
            for w in words.reversed() {
                if w == "cite" || w == "per" { return true }
                if w.contains("\"") && !w.hasPrefix("§") { return false }
                if let k = Keyword(rawValue: String(w)), k != .cite, k != .per { return false }
            }
        }
        return false
    }

    /// `x.f = "` or `x.f != ` before the cursor: the receiver and the field compared.
    static func comparedField(_ before: String) -> (String, String)? {
        var s = before
        if s.hasSuffix("\"") { s.removeLast() }
        s = s.trimmingTrailingSpaces
        if s.hasSuffix("!=") { s.removeLast(2) } else if s.hasSuffix("=") { s.removeLast() } else { return nil }
        let chain = receiverChain(s.trimmingTrailingSpaces)
        guard chain.count >= 2 else { return nil }
        return (chain[chain.count - 2], chain[chain.count - 1])
    }

    /// An odd number of quotes before the cursor on this line (outside an interpolation is not tracked).
    static func insideString(_ before: String) -> Bool {
        var inString = false, depth = 0
        var escaped = false
        for ch in before {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "#" && !inString { return false }
            if inString {
                if ch == "{" { depth += 1; inString = false; continue }
                if ch == "\"" { inString = false }
            } else {
                if ch == "}" && depth > 0 { depth -= 1; inString = true; continue }
                if ch == "\"" { inString = true }
            }
        }
        return inString
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
