import Foundation
import Testing
import VerdictCore
import VerdictLSP

/// `verdict lsp` driven over pipes by a scripted client (issue #15).
@Suite("verdict lsp", .serialized)
struct LSPTests {
    static let dismissal = "rules/community/dismissal.rules"
    static let common = "rules/community/common.rules"

    /// The whole session an editor has, in UTF-16 (the default) and in UTF-8: every column
    /// checked sits on a line with Chinese text before it, where the two encodings differ.
    @Test(arguments: [false, true])
    func scriptedSession(utf8: Bool) throws {
        let s = try LSPSession(utf8: utf8)
        let uri = LSPSession.uri(Self.dismissal)
        let good = LSPSession.text(Self.dismissal)
        #expect(good.contains("{n.id} 为口头通知"))

        // Open the file with an error in an interpolation after Chinese text.
        let bad = good.replacingOccurrences(of: "{n.id} 为口头通知", with: "{n.idd} 为口头通知")
        s.open(uri, bad)
        let ds = try s.diagnostics(uri, version: 1)
        let unknown = try #require(ds.first { $0["code"] == "V0306" }, "\(ds)")
        #expect(unknown["severity"] == 1)
        #expect(unknown["source"] == "verdict")
        #expect(unknown["range"]?["start"] == s.position(of: "n.idd} 为口头", in: bad, offset: 2))
        #expect(unknown["range"]?["end"] == s.position(of: "n.idd} 为口头", in: bad, offset: 5))
        #expect(unknown["message"]?.string?.contains("idd") == true)

        // A quick fix from the did-you-mean.
        let actions = try s.result("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": unknown["range"]!,
                                                               "context": ["diagnostics": [unknown]]])
        let fix = try #require(actions.array?.first)
        let edit = try #require(fix["edit"]?["changes"]?[uri]?[0])
        #expect(edit["newText"] == "id")
        #expect(edit["range"] == unknown["range"])

        // Edit it back: the error goes.
        s.change(uri, good, version: 2)
        let after = try s.diagnostics(uri, version: 2)
        #expect(!after.contains { $0["severity"] == 1 }, "\(after)")

        // Hover on a cite after Chinese text: the article's verbatim paragraph.
        let cite = s.position(of: "{notice-period}\" cite 民法典-946 ¶1", in: good, offset: 24)
        let hover = try s.result("textDocument/hover", s.at(uri, cite))
        let shown = try #require(hover["contents"]?["value"]?.string)
        #expect(shown.contains("民法典 第九百四十六条第一款"))
        #expect(shown.contains("业主依照法定程序共同决定解聘物业服务人的，可以解除物业服务合同。"))
        #expect(hover["range"]?["start"] == s.position(of: "{notice-period}\" cite 民法典-946 ¶1", in: good, offset: 22))

        // Hover on names: a definition's expression, a fact's path, a built-in's documentation.
        let periodUse = s.position(of: "= dismissal-notice-period", in: good, offset: 4)
        let periodHover = try s.result("textDocument/hover", s.at(uri, periodUse))["contents"]?["value"]?.string ?? ""
        #expect(periodHover.contains("let dismissal-notice-period"))
        #expect(periodHover.contains("period"))
        let joinUse = s.position(of: "join(early-notices", in: good, offset: 1)
        #expect(try s.result("textDocument/hover", s.at(uri, joinUse))["contents"]?["value"]?.string?.contains("join(texts, separator)") == true)

        // Definition in another file.
        let commonText = LSPSession.text(Self.common)
        let def = try s.result("textDocument/definition", s.at(uri, periodUse))
        #expect(def["uri"]?.string == LSPSession.uri(Self.common))
        #expect(def["range"]?["start"] == s.position(of: "let dismissal-notice-period", in: commonText, offset: 4))

        // References: the declaration, two uses here and four in drafts.rules (two inside string interpolations).
        let refs = try s.result("textDocument/references", ["textDocument": ["uri": .string(uri)], "position": periodUse,
                                                            "context": ["includeDeclaration": true]])
        #expect(refs.array?.count == 7)
        #expect(refs.array?.filter { $0["uri"]?.string == LSPSession.uri("rules/templates/drafts.rules") }.count == 4)

        // Rename across files.
        let rename = try s.result("textDocument/rename", ["textDocument": ["uri": .string(uri)], "position": periodUse, "newName": "解聘通知期限"])
        let changes = try #require(rename["changes"]?.object)
        #expect(Set(changes.keys) == [uri, LSPSession.uri(Self.common), LSPSession.uri("rules/templates/drafts.rules")])
        #expect(changes[uri]?.array?.count == 2)
        #expect(changes[uri]?.array?.allSatisfy { $0["newText"] == "解聘通知期限" } == true)
        let badRename = try s.request("textDocument/rename", ["textDocument": ["uri": .string(uri)], "position": periodUse, "newName": "two words"])
        #expect(badRename["error"] != nil)
        let taken = try s.request("textDocument/rename", ["textDocument": ["uri": .string(uri)], "position": periodUse, "newName": "contract"])
        #expect(taken["error"]?["message"]?.string?.contains("already a fact") == true)

        // Completion after `contract.` (a line typed into a rule: the buffer does not parse).
        let typing = good.replacingOccurrences(of: "  let served = n.served\n", with: "  let served = n.served\n  let days = contract.\n")
        s.change(uri, typing, version: 3)
        let dot = s.position(of: "contract.\n", in: typing, offset: 9)
        let items = try s.result("textDocument/completion", s.at(uri, dot))["items"]?.array ?? []
        let labels = Set(items.compactMap { $0["label"]?.string })
        #expect(labels.isSuperset(of: ["exit-days", "dismissal-notice-days", "firm", "start"]))
        #expect(!labels.contains("ballots"), "only the fields of `contract`")

        // Formatting: the formatter's output as one edit.
        let messy = good.replacingOccurrences(of: "  let served = n.served\n", with: "  let served =   n.served\n")
        s.change(uri, messy, version: 4)
        let edits = try s.result("textDocument/formatting", ["textDocument": ["uri": .string(uri)], "options": ["tabSize": 2, "insertSpaces": true]])
        #expect(edits.array?.count == 1)
        #expect(edits[0]?["newText"]?.string == good)

        // Outline.
        let symbols = try s.result("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])
        #expect(symbols.array?.contains { $0["name"] == "dismissal.notice" } == true)

        #expect(try s.finish() == 0)
    }

    /// Completion of article ids and paragraphs after `cite`, rule ids after `passed`, and
    /// enum literals; workspace symbols.
    @Test func completionContexts() throws {
        let s = try LSPSession()
        let uri = LSPSession.uri(Self.dismissal)
        let good = LSPSession.text(Self.dismissal)
        func labels(_ text: String, _ needle: String) throws -> Set<String> {
            let pos = s.position(of: needle, in: text, offset: needle.count)
            return Set(try s.result("textDocument/completion", s.at(uri, pos))["items"]?.array?.compactMap { $0["label"]?.string } ?? [])
        }
        var version = 1
        func edit(_ old: String, _ new: String) -> String {
            let t = good.replacingOccurrences(of: old, with: new)
            version += 1
            s.change(uri, t, version: version)
            return t
        }
        s.open(uri, good)
        let cite = edit("  cite 民法典-278 ¶2, 民法典-946 ¶1\n", "  cite 民法典-278 ¶2, \n")
        #expect(try labels(cite, "cite 民法典-278 ¶2, ").contains("民法典-946"))
        let para = edit("  cite 民法典-278 ¶2, 民法典-946 ¶1\n", "  cite 民法典-278 ¶2, 民法典-946 ¶\n")
        #expect(try labels(para, "民法典-946 ¶") == ["¶1", "¶2"])
        let passed = edit("pass when passed assembly.quorum for", "pass when passed  for")
        #expect(try labels(passed, "pass when passed ").contains("assembly.quorum"))
        let partial = edit("pass when passed assembly.quorum for", "pass when passed assembly.quo for")
        let partialItems = try s.result("textDocument/completion", s.at(uri, s.position(of: "passed assembly.quo", in: partial, offset: 19)))["items"]?.array ?? []
        let quorum = try #require(partialItems.first { $0["label"] == "assembly.quorum" })
        #expect(quorum["textEdit"]?["range"]?["start"] == s.position(of: "passed assembly.quo", in: partial, offset: 7))
        let literal = edit("fail when n.form = \"oral\"", "fail when n.form = \"")
        #expect(try labels(literal, "fail when n.form = \"").contains("\"oral\""))
        let names = edit("  let served = n.served\n", "  let served = n.served\n  let x = dis\n")
        let scope = try labels(names, "let x = dis")
        #expect(scope.isSuperset(of: ["dismissal-notice-period", "n", "notice-period", "join", "decide"]))
        let found = try s.result("workspace/symbol", ["query": "dismissal.not"]).array ?? []
        #expect(found.contains { $0["name"] == "dismissal.notice" })
        #expect(try s.finish() == 0)
    }

    /// Hover tells where a name comes from; renaming a rule also renames it in the example cases' `.expect` files.
    @Test func originsAndRuleRename() throws {
        let s = try LSPSession()
        let uri = LSPSession.uri(Self.common)
        let text = LSPSession.text(Self.common)
        s.open(uri, text)
        func hover(_ needle: String, offset: Int = 1) throws -> String {
            try s.result("textDocument/hover", s.at(uri, s.position(of: needle, in: text, offset: offset)))["contents"]?["value"]?.string ?? ""
        }
        let param = try hover("  reasonable-exit-days per", offset: 3)
        #expect(param.contains("param reasonable-exit-days = 30 days"))
        #expect(param.contains("合理期限的本地解释") && param.contains("placeholder"))
        #expect(try hover("unless contract.exit-days", offset: 8).contains("/dossier/contract"))
        #expect(try hover("unless contract.exit-days", offset: 17).contains("contract.exit-days: optional integer"))
        #expect(try hover("per 民法典-949 ¶1", offset: 5).contains("民法典 第九百四十九条第一款"))
        let law = LSPSession.text("rules/law/civil-code.rules")
        let article = try s.result("textDocument/definition", s.at(uri, s.position(of: "per 民法典-949 ¶1", in: text, offset: 5)))
        #expect(article["uri"]?.string == LSPSession.uri("rules/law/civil-code.rules"))
        #expect(article["range"]?["start"] == s.position(of: "article 民法典-949 ", in: law, offset: 8))

        let dismissal = LSPSession.text(Self.dismissal)
        let duri = LSPSession.uri(Self.dismissal)
        s.open(duri, dismissal)
        let decl = s.position(of: "rule dismissal.notice ", in: dismissal, offset: 7)
        let rename = try s.result("textDocument/rename", ["textDocument": ["uri": .string(duri)], "position": decl, "newName": "dismissal.notice-period"])
        let changes = try #require(rename["changes"]?.object)
        let series = URL(fileURLWithPath: Repo.path("examples/series/dismissal/02-notice.expect")).absoluteString
        let line = try #require(changes[series]?.array?.first)
        #expect(line["range"] == ["start": ["line": 12, "character": 0], "end": ["line": 12, "character": 16]])
        let idStart = s.position(of: "rule dismissal.notice ", in: dismissal, offset: 5)
        #expect(changes[duri]?.array?.contains { $0["range"]?["start"] == idStart } == true)
        #expect(try s.finish() == 0)
    }

    /// Quick fixes the diagnostics already know: ASCII for full-width punctuation, a period's unit;
    /// a workspace folder that is itself a rules directory.
    @Test func quickFixes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "let d = 2024-01-01\nlet later = d + 60\nlet xs = [1， 2]\n"
        let file = dir.appendingPathComponent("a.rules")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let s = try LSPSession(root: dir.path)
        let uri = file.absoluteString
        s.open(uri, text)
        let ds = try s.diagnostics(uri, version: 1)
        #expect(Set(ds.compactMap { $0["code"]?.string }) == ["V0401", "V0106"])
        func fix(_ code: String) throws -> JSON? {
            let d = try #require(ds.first { $0["code"]?.string == code })
            let actions = try s.result("textDocument/codeAction", ["textDocument": ["uri": .string(uri)], "range": d["range"]!,
                                                                   "context": ["diagnostics": [d]]])
            return actions[0]?["edit"]?["changes"]?[uri]?[0]
        }
        let comma = try fix("V0106")
        #expect(comma?["newText"] == ",")
        #expect(comma?["range"]?["start"] == s.position(of: "，", in: text))
        let unit = try fix("V0401")
        #expect(unit?["newText"] == " days")
        #expect(unit?["range"]?["start"] == s.position(of: "60\n", in: text, offset: 2))
        #expect(try s.finish() == 0)
    }

    /// Related locations: the first declaration of a name declared twice; the article a cite's missing paragraph belongs to.
    @Test func relatedLocations() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-lsp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "let a = 1\nlet a = 2\n\narticle x-1 \"条文\"\n  ¶1 \"文本\"\n\nrule r.one \"标题\"\n  must\n  cite x-1 ¶3\n  decide\n    otherwise pass \"好\"\n"
        let file = dir.appendingPathComponent("a.rules")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let s = try LSPSession(root: dir.path)
        let uri = file.absoluteString
        s.open(uri, text)
        let ds = try s.diagnostics(uri, version: 1)
        let twice = try #require(ds.first { $0["code"] == "V0302" })
        #expect(twice["relatedInformation"]?[0]?["location"]?["range"]?["start"] == ["line": 0, "character": 4])
        let part = try #require(ds.first { $0["code"] == "V0305" })
        #expect(part["relatedInformation"]?[0]?["location"]?["range"]?["start"] == ["line": 3, "character": 8])
        #expect(try s.finish() == 0)
    }

    /// A client that names no workspace folder: the rules directory around the first file opened.
    @Test func noWorkspaceFolder() throws {
        let s = try LSPSession(root: nil)
        let uri = LSPSession.uri(Self.dismissal)
        let text = LSPSession.text(Self.dismissal)
        s.open(uri, text)
        let ds = try s.diagnostics(uri, version: 1)
        #expect(!ds.contains { $0["severity"] == 1 }, "\(ds)")
        let def = try s.result("textDocument/definition", s.at(uri, s.position(of: "= dismissal-notice-period", in: text, offset: 4)))
        #expect(def["uri"]?.string == LSPSession.uri(Self.common))
        #expect(try s.finish() == 0)
    }

    /// Protocol errors are answered, not fatal.
    @Test func protocolErrors() throws {
        let s = try LSPSession()
        let unknown = try s.request("verdict/unknown", [:])
        #expect(unknown["error"]?["code"] == -32601)
        let noDocument = try s.request("textDocument/hover", s.at("file:///nowhere.rules", ["line": 0, "character": 0]))
        #expect(noDocument["error"]?["code"] == -32602)
        // A body that is not JSON, then the server goes on.
        let garbage = Array("{not json".utf8)
        try s.toServer.fileHandleForWriting.write(contentsOf: Data("Content-Length: \(garbage.count)\r\n\r\n".utf8) + Data(garbage))
        let parseError = try s.wait("a parse error") { $0["error"]?["code"] == -32700 }
        #expect(parseError["id"] == .null)
        #expect(try s.result("workspace/symbol", ["query": "quorum"]).array?.isEmpty == false)
        #expect(try s.finish() == 0)
    }

    /// The code lens over each rule counts its example cases (run in the background, then refreshed).
    @Test func caseLenses() throws {
        let s = try LSPSession(refreshLenses: true)
        let uri = LSPSession.uri(Self.dismissal)
        s.open(uri, LSPSession.text(Self.dismissal))
        _ = try s.result("textDocument/codeLens", ["textDocument": ["uri": .string(uri)]])
        _ = try s.wait("a code lens refresh") { $0["method"] == "workspace/codeLens/refresh" }
        let lenses = try s.result("textDocument/codeLens", ["textDocument": ["uri": .string(uri)]]).array ?? []
        let notice = try #require(lenses.first { $0["command"]?["arguments"]?[0] == "dismissal.notice" })
        let title = notice["command"]?["title"]?.string ?? ""
        #expect(title.hasPrefix("✓") && title.contains("example cases pass"), "\(title)")
        #expect(try s.finish() == 0)
    }

    /// Random edits to the shipped library (a fixed number, a fixed seed): after each, a
    /// request at a random place is answered, and the server never dies.
    @Test func randomEditsNeverCrashTheServer() throws {
        let s = try LSPSession()
        var rng = SplitMix(seed: 15)
        let files = ["rules/community/dismissal.rules", "rules/community/common.rules", "rules/dossier.rules",
                     "rules/law/civil-code.rules", "rules/community/assembly.rules", "rules/firm/credit.rules"]
        var texts: [String: [Character]] = [:]
        for f in files {
            texts[f] = Array(LSPSession.text(f))
            s.open(LSPSession.uri(f), String(texts[f]!))
        }
        let alphabet: [String] = ["(", ")", "[", "]", "{", "}", "\"", ".", ",", "¶", "§", " ", "\n", "-", "=", "<", "#", "|",
                                  "let ", "rule ", "cite ", "when ", "for each ", "fact ", "shape ", "民法典", "（", "，", "𠀀",
                                  "contract.", "passed ", "0", "2024-02-30", "\t", "\\", "\u{FEFF}", "a.b.c"]
        let methods = ["textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/completion",
                       "textDocument/documentSymbol", "textDocument/formatting", "textDocument/codeAction", "textDocument/prepareRename"]
        var version = 1
        for step in 0..<120 {
            let f = files[rng.next(files.count)]
            var chars = texts[f]!
            let at = rng.next(chars.count + 1)
            switch rng.next(3) {
            case 0: chars.insert(contentsOf: Array(alphabet[rng.next(alphabet.count)]), at: at)
            case 1: chars.removeSubrange(at..<min(chars.count, at + 1 + rng.next(40)))
            default:
                let from = rng.next(chars.count + 1)
                chars.insert(contentsOf: chars[from..<min(chars.count, from + rng.next(60))], at: at)
            }
            texts[f] = chars
            version += 1
            let uri = LSPSession.uri(f)
            s.change(uri, String(chars), version: version)
            let position: JSON = ["line": .int(rng.next(200)), "character": .int(rng.next(90))]
            let method = methods[step % methods.count]
            var params: JSON = s.at(uri, position)
            if method == "textDocument/codeAction" {
                params = ["textDocument": ["uri": .string(uri)], "range": ["start": position, "end": position], "context": ["diagnostics": []]]
            }
            let answer = try s.request(method, params)
            #expect(answer["result"] != nil || answer["error"]?["code"] != -32603, "step \(step): \(method) \(answer.serialized)")
        }
        #expect(try s.finish() == 0)
    }
}

/// Positions in both encodings, checked against Swift's own views of the text.
@Suite("LSP positions")
struct LSPPositionTests {
    @Test func offsetsAndPositionsRoundTrip() {
        let text = "rule a \"解聘𠀀通知\" x\n  cite 民法典-946 ¶1\r\nend"
        let bytes = Array(text.utf8)
        let index = LineIndex(bytes)
        for encoding in [PositionEncoding.utf8, .utf16] {
            var offset = 0
            for ch in text {
                let p = index.position(offset, encoding)
                #expect(index.offset(p, encoding) == offset, "\(encoding) \(offset)")
                offset += String(ch).utf8.count
            }
        }
        let x = text.range(of: " x")!.upperBound
        let before = text[..<text.index(before: x)]
        #expect(index.position(before.utf8.count, .utf16) == Position(line: 0, character: before.utf16.count))
        #expect(index.position(before.utf8.count, .utf8) == Position(line: 0, character: before.utf8.count))
        // Past the end of a line: the end of the line (before its CR LF).
        let second = index.offset(Position(line: 1, character: 500), .utf16)
        #expect(String(decoding: bytes[..<second], as: UTF8.self).hasSuffix("¶1"))
    }

    @Test func jsonRoundTrip() throws {
        let j: JSON = ["a": [1, .double(2.5), "民法典 \"¶\"\n", true, .null], "b": ["c": -3]]
        #expect(try JSON.parse(j.serialized) == j)
        #expect(try JSON.parse("\"\\ud840\\udc00\\u00b6\"") == "𠀀¶")
    }
}

/// A small deterministic generator (SplitMix64) for the random edits.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return bound <= 0 ? 0 : Int(z % UInt64(bound))
    }
}
