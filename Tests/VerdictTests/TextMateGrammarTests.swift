import Foundation
import Testing

/// editors/verdict.tmLanguage.json, run over every shipped rule file by a small TextMate
/// engine: every regex compiles (ICU here, Oniguruma in editors), tokenising never stalls,
/// and real lines get the scopes the language calls for.
@Suite("TextMate grammar highlights the shipped rules")
struct TextMateGrammarTests {
    fileprivate struct Line { let file: String, text: String, tokens: [TMToken] }
    /// `@unchecked Sendable`: built once by the static initialiser below and only read afterwards.
    fileprivate struct Corpus: @unchecked Sendable { var grammar: TMGrammar?, json: [String: Any] = [:], lines: [Line] = [] }

    fileprivate static let corpus: Corpus = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        guard let data = try? Data(contentsOf: root.appendingPathComponent("editors/verdict.tmLanguage.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return Corpus() }
        var c = Corpus(grammar: TMGrammar(json: json), json: json)
        let walk = FileManager.default.enumerator(at: root.appendingPathComponent("rules"), includingPropertiesForKeys: nil)
        let files = (walk?.allObjects ?? []).compactMap { $0 as? URL }.filter { $0.pathExtension == "rules" }.sorted { $0.path < $1.path }
        for f in files {
            let lines = ((try? String(contentsOf: f, encoding: .utf8)) ?? "").components(separatedBy: "\n")
            for (l, t) in zip(lines, c.grammar!.tokenize(lines)) { c.lines.append(Line(file: f.lastPathComponent, text: l, tokens: t)) }
        }
        return c
    }()

    /// The tokens of the first shipped line in `file` that contains `snippet`.
    private func line(_ snippet: String, in file: String) -> [TMToken] {
        let found = Self.corpus.lines.first { $0.file == file && $0.text.contains(snippet) }
        #expect(found != nil, "no line with \(snippet) in \(file)")
        return found?.tokens ?? []
    }

    private func token(_ text: String, _ tokens: [TMToken], _ scope: String) -> Bool {
        tokens.contains { $0.text == text && $0.has(scope) }
    }

    @Test func grammarIsJSONAndEveryRegexCompiles() {
        let json = Self.corpus.json
        #expect(json["scopeName"] as? String == "source.verdict" && json["fileTypes"] as? [String] == ["rules"])
        var regexes: [String] = [], includes: [String] = []
        func walk(_ v: Any) {
            if let a = v as? [Any] { a.forEach(walk) }
            for (k, x) in v as? [String: Any] ?? [:] {
                if ["match", "begin", "end"].contains(k), let s = x as? String { regexes.append(s) }
                if k == "include", let s = x as? String { includes.append(s) }
                walk(x)
            }
        }
        walk(json)
        #expect(regexes.count > 40)
        let failing = regexes.filter { (try? NSRegularExpression(pattern: $0)) == nil }
        #expect(failing.isEmpty, "regexes ICU rejects: \(failing)")
        let repo = json["repository"] as? [String: Any] ?? [:]
        #expect(!repo.isEmpty && includes.allSatisfy { $0 == "$self" || repo[String($0.dropFirst())] != nil })
        #expect(Self.corpus.grammar?.regexErrors.isEmpty == true)
    }

    @Test func everyShippedLineIsTokenisedWholeWithoutStalling() {
        let c = Self.corpus
        #expect(Set(c.lines.map(\.file)).count >= 14)
        #expect(c.lines.count > 700)
        #expect(c.grammar?.stuck.isEmpty == true, "stalled at: \(c.grammar?.stuck ?? [])")
        for l in c.lines {
            #expect(l.tokens.map(\.text).joined() == l.text, "tokens do not cover \(l.file): \(l.text)")
            if l.text.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                let body = l.tokens.drop { $0.text.allSatisfy(\.isWhitespace) }
                #expect(body.allSatisfy { $0.has("comment.line.number-sign.verdict") }, "\(l.text)")
            }
        }
    }

    @Test func ruleDeclarationsNameTheirRule() {
        let rules = Self.corpus.lines.filter { $0.text.hasPrefix("rule ") }
        #expect(rules.count >= 20)
        for r in rules {
            let id = String(r.text.split(separator: " ")[1])
            #expect(token("rule", r.tokens, "keyword.declaration.verdict"), "\(r.text)")
            #expect(token(id, r.tokens, "entity.name.function.rule.verdict"), "\(r.text)")
        }
        let ref = line("let exit-outcome = outcome of handover.exit", in: "handover.rules")
        #expect(token("outcome of", ref, "keyword.operator.word") && token("handover.exit", ref, "entity.name.function.rule.reference"))
    }

    @Test func articleParagraphsAndSectionsAreArticleText() throws {
        let shape = try NSRegularExpression(pattern: #"^\s*(?:¶\d+|§\s*"[^"]*")\s*"(.*)"$"#)
        var seen = 0
        for l in Self.corpus.lines {
            guard let m = shape.firstMatch(in: l.text, range: NSRange(location: 0, length: (l.text as NSString).length)) else { continue }
            seen += 1
            let body = (l.text as NSString).substring(with: m.range(at: 1))
            #expect(token(body, l.tokens, "string.quoted.double.article.verdict"), "\(l.text)")
            #expect(!l.tokens.contains { $0.has("variable") || $0.has("keyword.operator") }, "\(l.text)")
        }
        #expect(seen >= 20)
        let section = line(#""三(四)" "#, in: "local.rules")
        #expect(token("§", section, "keyword.other.section") && token(#""三(四)""#, section, "string.quoted.double.label"))
    }

    @Test func durationsNumbersAndCitations() {
        let period = line("60 days per 民法典-946 ¶1", in: "common.rules")
        #expect(token("60", period, "constant.numeric.duration.verdict") && token("days", period, "keyword.other.unit"))
        #expect(token("per", period, "keyword.other.clause"))
        #expect(token("民法典-946", period, "entity.name.section.article.reference"))
        #expect(token("1", period, "constant.numeric.paragraph") && !period.contains { $0.text == "946" })
        let param = line("param reasonable-exit-days = 30 days", in: "params.rules")
        #expect(token("reasonable-exit-days", param, "entity.name.variable") && token("30", param, "constant.numeric.duration"))
        let share = line("pass when party >= 1/2 of size", in: "committee.rules")
        #expect(token("1", share, "constant.numeric.verdict") && token("of", share, "keyword.operator.word"))
        #expect(token("percent", share, "support.function.builtin") && token(">=", share, "keyword.operator.comparison"))
    }

    @Test func hyphenatedNamesAreNeverSplitIntoKeywords() {
        let field = line("  exit-days: optional integer", in: "dossier.rules")
        #expect(token("exit-days", field, "variable.other.field") && token("optional", field, "storage.modifier"))
        let unless = line("unless contract.exit-days days per", in: "common.rules")
        #expect(token("exit-days", unless, "variable.other.member") && token("days", unless, "keyword.other.unit"))
        #expect(token("reasonable-exit-days", line("reasonable-exit-days per 民法典-949 ¶1", in: "common.rules"), "variable.other"))
        // Anywhere: a keyword, constant or type token never touches a name character or an inner hyphen.
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        for l in Self.corpus.lines {
            let chars = Array(l.text)
            var at = 0
            for t in l.tokens {
                let n = t.text.count
                defer { at += n }
                guard !t.has("string") && !t.has("comment") && (t.has("keyword") || t.has("constant") || t.has("storage")),
                      let first = t.text.first, let last = t.text.last, isName(first) || isName(last) else { continue }
                let before = at > 0 && (isName(chars[at - 1]) || (chars[at - 1] == "-" && at > 1 && isName(chars[at - 2])))
                let after = at + n < chars.count && (isName(chars[at + n]) || (chars[at + n] == "-" && at + n + 1 < chars.count && isName(chars[at + n + 1])))
                #expect(!before && !after, "`\(t.text)` is cut out of a name in: \(l.text)")
            }
        }
    }

    @Test func stringsHighlightTheirInterpolations() {
        let s = line(#"otherwise fail "名册外表决票 {count strangers}"#, in: "assembly.rules")
        #expect(token("count", s, "keyword.operator.word") && s.first(where: { $0.text == "count" })?.has("meta.interpolation") == true)
        #expect(token("join", s, "support.function.builtin"))
        #expect(s.first(where: { $0.text == "、" })?.scopes.filter { $0 == "string.quoted.double.verdict" }.count == 2)
        #expect(s.last?.text == "\"" && s.last?.scopes.filter { $0.hasPrefix("string.") }.count == 1)
        let nested = line(#"step "{if owners-met then "" else "至少再有 {more-owners}"#, in: "assembly.rules")
        #expect(nested.first(where: { $0.text == "more-owners" })?.scopes.filter { $0 == "meta.interpolation.verdict" }.count == 2)
        #expect(token("if", nested, "keyword.control.conditional"))
        #expect(token("cite", nested, "keyword.other.clause") && nested.first(where: { $0.text == "cite" })?.has("string") == false)
    }

    @Test func datesOutcomesClausesAndTypes() {
        let force = line(#"in force from 2021-01-01 on d.date earlier law "物权法 第七十六条""#, in: "assembly.rules")
        #expect(token("2021-01-01", force, "constant.numeric.date"))
        #expect(["in", "force", "from", "on", "earlier", "law"].allSatisfy { token($0, force, "keyword.other.clause") })
        #expect(token("date", force, "variable.other.member") && !token("date", force, "storage"))
        let na = line(#"n/a when committee.type = "management""#, in: "committee.rules")
        #expect(token("n/a", na, "constant.language.outcome") && token("when", na, "keyword.other.clause"))
        #expect(token("not on file", line("document 晋城服务标准", in: "local.rules"), "keyword.other.clause"))
        let type = line("  from: date", in: "dossier.rules")  // a keyword as a field name, then a type
        #expect(token("from", type, "variable.other.field") && token("date", type, "storage.type.primitive"))
        let kinds = line("for community, firm dossiers", in: "supervision.rules")
        #expect(token("community, firm", kinds, "support.constant.dossier-kind") && token("dossiers", kinds, "keyword.other.clause"))
    }

    @Test func tableRowsHaveBarsAndArrows() {
        let header = line("=> grade |", in: "credit.rules")
        #expect(token("=>", header, "keyword.operator.arrow") && header.allSatisfy { $0.has("meta.table.row") })
        let row = line(">= credit-a ", in: "credit.rules")
        #expect(row.filter { $0.text == "|" && $0.has("punctuation.separator.table") }.count == 3)
        #expect(token(">=", row, "keyword.operator.comparison") && token("credit-a", row, "variable.other"))
        #expect(line("| - ", in: "credit.rules").contains { $0.has("constant.language.wildcard") })
    }
}

/// One grammar rule: a `match`, or `begin`/`end` with its own (flattened) patterns.
fileprivate final class TMRule {
    var name: [String] = [], contentName: [String] = [], patterns: [TMRule] = []
    var match: NSRegularExpression?, begin: NSRegularExpression?, end: NSRegularExpression?
    var captures: [Int: [String]] = [:], beginCaptures: [Int: [String]] = [:], endCaptures: [Int: [String]] = [:]
}

fileprivate struct TMToken {
    let text: String, scopes: [String]
    func has(_ prefix: String) -> Bool { scopes.contains { $0.hasPrefix(prefix) } }
}

/// A small TextMate engine: at each position the earliest match wins, ties go to the earlier
/// pattern and the open rule's `end` wins ties; begin/end rules stay open across lines.
fileprivate final class TMGrammar {
    let json: [String: Any]
    private var repo: [String: [TMRule]] = [:]
    private(set) var top: [TMRule] = [], regexErrors: [String] = [], stuck: [String] = []

    init(json: [String: Any]) {
        self.json = json
        top = flatten(json["patterns"] as? [[String: Any]] ?? [])
    }

    private func regex(_ v: Any?) -> NSRegularExpression? {
        guard let s = v as? String else { return nil }
        do { return try NSRegularExpression(pattern: s) } catch { regexErrors.append(s); return nil }
    }
    private func scopes(_ v: Any?) -> [String] { ((v as? String) ?? "").split(separator: " ").map(String.init) }
    private func caps(_ v: Any?) -> [Int: [String]] {
        Dictionary(uniqueKeysWithValues: (v as? [String: [String: Any]] ?? [:]).map { (Int($0.key) ?? 0, scopes($0.value["name"])) })
    }

    private func flatten(_ list: [[String: Any]]) -> [TMRule] {
        list.flatMap { d -> [TMRule] in
            guard let inc = d["include"] as? String else { return [rule(d)] }
            if inc == "$self" { return top }
            let key = String(inc.dropFirst())
            if let done = repo[key] { return done }
            guard let item = (json["repository"] as? [String: [String: Any]])?[key] else { return [] }
            if item["match"] != nil || item["begin"] != nil {
                let r = TMRule()
                repo[key] = [r]  // registered before its patterns, so strings can nest in strings
                return [rule(item, r)]
            }
            repo[key] = []
            repo[key] = flatten(item["patterns"] as? [[String: Any]] ?? [])
            return repo[key]!
        }
    }

    private func rule(_ d: [String: Any], _ r: TMRule = TMRule()) -> TMRule {
        r.name = scopes(d["name"]); r.contentName = scopes(d["contentName"])
        r.match = regex(d["match"]); r.begin = regex(d["begin"]); r.end = regex(d["end"])
        r.captures = caps(d["captures"]); r.beginCaptures = caps(d["beginCaptures"]); r.endCaptures = caps(d["endCaptures"])
        if r.begin != nil { r.beginCaptures = r.beginCaptures.isEmpty ? r.captures : r.beginCaptures; r.endCaptures = r.endCaptures.isEmpty ? r.captures : r.endCaptures }
        if let p = d["patterns"] as? [[String: Any]] { r.patterns = flatten(p) }
        return r
    }

    func tokenize(_ lines: [String]) -> [[TMToken]] {
        var stack: [(rule: TMRule, scopes: [String])] = []
        return lines.map { line in
            let ns = line as NSString, len = ns.length
            var tokens: [TMToken] = [], pos = 0
            var cache: [ObjectIdentifier: (from: Int, m: NSTextCheckingResult?)] = [:]
            func find(_ re: NSRegularExpression) -> NSTextCheckingResult? {  // results stay valid until passed
                if let c = cache[ObjectIdentifier(re)], c.from <= pos, (c.m?.range.location ?? len) >= pos { return c.m }
                let m = re.firstMatch(in: line, options: [.withTransparentBounds, .withoutAnchoringBounds],
                                      range: NSRange(location: pos, length: len - pos))
                cache[ObjectIdentifier(re)] = (pos, m)
                return m
            }
            func emit(_ a: Int, _ b: Int, _ s: [String]) {
                if b > a { tokens.append(TMToken(text: ns.substring(with: NSRange(location: a, length: b - a)), scopes: s)) }
            }
            func emit(_ m: NSTextCheckingResult, _ base: [String], _ cs: [Int: [String]]) {
                var at = m.range.location
                let outer = base + (cs[0] ?? [])
                for i in cs.keys.sorted() where i > 0 && i < m.numberOfRanges {
                    let r = m.range(at: i)
                    guard r.location != NSNotFound, r.location >= at else { continue }
                    emit(at, r.location, outer); emit(r.location, r.location + r.length, outer + cs[i]!)
                    at = r.location + r.length
                }
                emit(at, m.range.location + m.range.length, outer)
            }
            while true {
                let base = stack.last?.scopes ?? ["source.verdict"]
                var best: (m: NSTextCheckingResult, rule: TMRule?)?
                if let open = stack.last, let end = open.rule.end, let m = find(end) { best = (m, nil) }
                for r in stack.last?.rule.patterns ?? top {
                    guard let re = r.match ?? r.begin, let m = find(re) else { continue }
                    if best == nil || m.range.location < best!.m.range.location { best = (m, r) }
                }
                guard let (m, r) = best else { emit(pos, len, base); break }
                emit(pos, m.range.location, base)
                if let r {
                    emit(m, base + r.name, r.match != nil ? r.captures : r.beginCaptures)
                    if r.begin != nil { stack.append((r, base + r.name + r.contentName)) }
                    if m.range.length == 0 { stuck.append("\(line) @\(pos)"); break }
                } else {
                    let open = stack.removeLast()
                    emit(m, Array(open.scopes.dropLast(open.rule.contentName.count)), open.rule.endCaptures)
                }
                pos = m.range.location + m.range.length
                if pos >= len, stack.last?.rule.end.flatMap(find)?.range.location != len { break }
            }
            return tokens
        }
    }
}
