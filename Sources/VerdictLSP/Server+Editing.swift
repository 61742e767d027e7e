import Foundation
import VerdictCore

/// Formatting, quick fixes and code lenses.
extension LanguageServer {
    static let runCasesCommand = "verdict.runCases"

    func documentText(_ p: JSON) throws -> (path: String, text: String, index: LineIndex) {
        guard let uri = p["textDocument"]?["uri"]?.string else { throw RequestError.invalidParams("expected textDocument") }
        let path = Workspace.path(fromURI: uri)
        let text = workspace.documents[path]?.text ?? analysis?.texts[path]?.file.text ?? Workspace.read(path)
        return (path, text, LineIndex(Array(text.utf8)))
    }

    // MARK: formatting

    func formatting(_ p: JSON) throws -> JSON {
        let doc = try documentText(p)
        guard case .success(let out) = Formatter.format(doc.text, path: doc.path), out != doc.text else { return [] }
        let whole = Span(file: 0, start: 0, end: doc.index.bytes.count)
        return [["range": doc.index.range(whole, encoding), "newText": .string(out)]]
    }

    // MARK: quick fixes

    func codeActions(_ p: JSON) throws -> JSON {
        guard let uri = p["textDocument"]?["uri"]?.string, let r = p["range"], let s = Position(r["start"]), let e = Position(r["end"]) else {
            throw RequestError.invalidParams("expected textDocument and range")
        }
        let a = current()
        guard let file = a.fileIndex(Workspace.path(fromURI: uri)) else { return [] }
        let lo = a.lines[file].offset(s, encoding), hi = a.lines[file].offset(e, encoding)
        var out: [JSON] = []
        for d in a.diagnostics where d.span.file == file && d.span.start <= hi && lo <= d.span.end {
            guard let (title, span, text) = fix(d, a) else { continue }
            out.append([
                "title": .string(title),
                "kind": "quickfix",
                "diagnostics": [lspDiagnostic(d, a)],
                "isPreferred": true,
                "edit": ["changes": [workspace.uri(for: a.paths[file]): [["range": range(span, a), "newText": .string(text)]]]],
            ])
        }
        return .array(out)
    }

    /// The edit a diagnostic already knows: a did-you-mean name, ASCII for full-width punctuation, a period's unit.
    func fix(_ d: Diagnostic, _ a: Analysis) -> (String, Span, String)? {
        let file = a.files[d.span.file]
        if d.code == .fullWidthPunctuation {
            let quoted = LanguageServer.quoted(d.message)
            if quoted.count >= 2 { return ("replace `\(quoted[0])` with `\(quoted[1])`", d.span, quoted[1]) }
            if d.message.contains("space") { return ("replace the full-width space with a space", d.span, " ") }
            return nil
        }
        if let help = d.help, help.contains("did you mean"), let right = LanguageServer.quoted(help).first {
            // The wrong name is the quoted word of the message that the diagnostic's span holds.
            let text = file.slice(d.span)
            let words = LanguageServer.quoted(d.message).map { $0.hasPrefix("\"") ? String($0.dropFirst().dropLast()) : $0 }
            guard let wrong = words.first(where: { $0 == text }) ?? words.first(where: { !$0.isEmpty && text.contains($0) }),
                  let r = text.range(of: wrong) else { return nil }
            let want = right.hasPrefix("@") && !wrong.hasPrefix("@") ? String(right.dropFirst()) : right
            let start = d.span.start + text[..<r.lowerBound].utf8.count
            return ("change to `\(want)`", Span(file: d.span.file, start: start, end: start + wrong.utf8.count), want)
        }
        if d.code == .typeMismatch, let help = d.help,
           ["add a period", "subtract a period", "turn a number into a period"].contains(where: { help.hasPrefix($0) }) {
            // `d + 60`, `due contract.exit-days`: the number the expression ends with gets its unit.
            let end = Span(file: d.span.file, start: d.span.end, end: d.span.end)
            return ("write `\(file.slice(d.span)) days`", end, " days")
        }
        return nil
    }

    /// The texts between backticks, in order.
    static func quoted(_ s: String) -> [String] {
        let parts = s.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count - 1, by: 2).map { String(parts[$0]) }
    }

    // MARK: code lens

    func startCases() {
        guard config.caseLenses, let dir = workspace.rulesDirectory else { return }
        if casesRunning { casesAgain = true; return }
        casesRunning = true
        let inbox = self.inbox
        let t = Thread {
            inbox.push(.casesDone(CaseLens.run(rulesDirectory: dir)))
        }
        t.stackSize = StackSegments.segmentBytes
        t.start()
    }

    func codeLenses(_ p: JSON) throws -> JSON {
        guard config.caseLenses, let uri = p["textDocument"]?["uri"]?.string else { return [] }
        let a = current()
        guard let file = a.fileIndex(Workspace.path(fromURI: uri)) else { return [] }
        // The cases run on the first request for lenses (in the background), and again after each save.
        if cases == nil && !casesRunning { startCases() }
        var out: [JSON] = []
        for s in a.declarations[file] where s.kind == .rule {
            let title = cases?.title(s.name) ?? "example cases: running…"
            out.append(["range": range(s.nameSpan, a),
                        "command": ["title": .string(title), "command": .string(LanguageServer.runCasesCommand),
                                    "arguments": [.string(s.name)]]])
        }
        return .array(out)
    }

    /// `verdict.runCases RULE`: runs the cases again (the lens updates when they finish) and says how the rule fares now.
    func executeCommand(_ p: JSON) -> JSON {
        guard p["command"]?.string == LanguageServer.runCasesCommand else { return .null }
        let rule = p["arguments"]?[0]?.string
        if let dir = workspace.rulesDirectory {
            let lens = CaseLens.run(rulesDirectory: dir)
            cases = lens
            let message = rule.map { "\($0): " + lens.title($0) } ?? "\(lens.caseCount) example cases run"
            writer.send(["jsonrpc": "2.0", "method": "window/showMessage", "params": ["type": 3, "message": .string(message)]])
            return .string(message)
        }
        return .null
    }
}
