import Foundation
import VerdictCore
import VerdictXML

/// `verdict lsp`: a Language Server Protocol 3.17 server for rule files over a pair of
/// streams. Messages are read on one thread and handled in order on another (with a large
/// stack, as the CLI's commands have: checking recurses through deep expressions).
public final class LanguageServer: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// Quiet time after an edit before the workspace is checked again.
        public var debounce: TimeInterval = 0.02
        /// Names draft templates use (lint does not call them unused); given the rules directory.
        public var templateNames: @Sendable (String) -> Set<String> = { _ in [] }
        /// Whether code lenses run the example cases (`verdict test`) of the rules directory.
        public var caseLenses = true
        public init() {}
    }

    let reader: MessageReader
    let writer: MessageWriter
    let config: Configuration
    let inbox = Inbox()

    // Everything below is touched only on the server thread.
    var encoding = PositionEncoding.utf16
    var initialized = false
    var shutdownRequested = false
    var exitCode: Int32?
    var workspace = Workspace()
    var analysis: Analysis?
    var dirty = true
    var diagnosticsDue: Date?
    var dirtySince: Date?
    var published: [String: String] = [:]
    var publishedVersions: [String: Int] = [:]
    var schema: Linter.Schema?
    var templateNames: Set<String> = []
    var cases: CaseLens?
    var clientRefreshesLenses = false
    var casesRunning = false
    /// Ids of the server's own requests to the client.
    var outgoing = 0
    var casesAgain = false

    public init(input: FileHandle, output: FileHandle, configuration: Configuration = Configuration()) {
        reader = MessageReader(input)
        writer = MessageWriter(output)
        config = configuration
    }

    /// Serves until `exit` or the end of the input; the exit status LSP prescribes
    /// (0 after `shutdown`, 1 otherwise).
    public func run() -> Int32 {
        let inbox = self.inbox
        let reader = self.reader
        let readerThread = Thread {
            while let m = reader.next() {
                switch m {
                case .success(let j): inbox.push(.message(j))
                case .failure: inbox.push(.unreadable)
                }
            }
            inbox.push(.end)
        }
        readerThread.start()
        let done = DispatchSemaphore(value: 0)
        let code = ExitBox()
        let worker = Thread { [self] in
            code.value = self.loop()
            done.signal()
        }
        worker.stackSize = StackSegments.segmentBytes
        worker.start()
        done.wait()
        return code.value
    }

    func loop() -> Int32 {
        while true {
            if dirty, let due = diagnosticsDue, Date() >= due { refreshAndPublish() }
            guard let event = inbox.pop(until: dirty ? diagnosticsDue : nil) else { continue }
            switch event {
            case .end: return shutdownRequested ? 0 : 1
            case .unreadable: send(error: nil, code: -32700, "the message is not JSON")
            case .casesDone(let lens):
                cases = lens
                casesRunning = false
                if casesAgain { casesAgain = false; startCases() }
                if clientRefreshesLenses {
                    outgoing += 1
                    writer.send(["jsonrpc": "2.0", "id": .string("verdict-\(outgoing)"), "method": "workspace/codeLens/refresh"])
                }
            case .message(let m):
                handle(m)
                if let exitCode { return exitCode }
            }
        }
    }

    // MARK: dispatch

    struct RequestError: Error {
        let code: Int
        let message: String
        static func invalidParams(_ m: String) -> RequestError { RequestError(code: -32602, message: m) }
    }

    func handle(_ m: JSON) {
        guard let method = m["method"]?.string else { return }  // a response to one of our requests
        let id = m["id"]
        let params = m["params"] ?? .null
        guard let id, !id.isNull else {
            notification(method, params)
            return
        }
        if !initialized && method != "initialize" {
            send(error: id, code: -32002, "the server is not initialized")
            return
        }
        if shutdownRequested && method != "shutdown" {
            send(error: id, code: -32600, "the server is shutting down")
            return
        }
        do {
            let result = try request(method, params)
            writer.send(["jsonrpc": "2.0", "id": id, "result": result])
        } catch let e as RequestError {
            send(error: id, code: e.code, e.message)
        } catch {
            send(error: id, code: -32603, "\(error)")
        }
    }

    func send(error id: JSON?, code: Int, _ message: String) {
        writer.send(["jsonrpc": "2.0", "id": id ?? .null, "error": ["code": .int(code), "message": .string(message)]])
    }

    func request(_ method: String, _ p: JSON) throws -> JSON {
        switch method {
        case "initialize": return initialize(p)
        case "shutdown":
            shutdownRequested = true
            return .null
        case "textDocument/hover": return try hover(p)
        case "textDocument/definition": return try definition(p)
        case "textDocument/references": return try references(p)
        case "textDocument/prepareRename": return try prepareRename(p)
        case "textDocument/rename": return try rename(p)
        case "textDocument/documentSymbol": return try documentSymbols(p)
        case "workspace/symbol": return workspaceSymbols(p)
        case "textDocument/completion": return try completion(p)
        case "textDocument/formatting": return try formatting(p)
        case "textDocument/codeAction": return try codeActions(p)
        case "textDocument/codeLens": return try codeLenses(p)
        case "workspace/executeCommand": return executeCommand(p)
        default: throw RequestError(code: -32601, message: "method not found: \(method)")
        }
    }

    func notification(_ method: String, _ p: JSON) {
        switch method {
        case "initialized": break
        case "exit": exitCode = shutdownRequested ? 0 : 1
        case "textDocument/didOpen":
            guard let d = p["textDocument"], let uri = d["uri"]?.string, let text = d["text"]?.string else { return }
            if workspace.rulesDirectory == nil { adoptRulesDirectory(around: Workspace.path(fromURI: uri)) }
            workspace.open(uri: uri, text: text, version: d["version"]?.int ?? 0)
            // A document opened (again) always gets its diagnostics, even unchanged ones.
            publishedVersions[Workspace.path(fromURI: uri)] = nil
            changed(immediately: true)
        case "textDocument/didChange":
            guard let d = p["textDocument"], let uri = d["uri"]?.string else { return }
            workspace.change(uri: uri, changes: p["contentChanges"]?.array ?? [], version: d["version"]?.int, encoding: encoding)
            changed(immediately: false)
        case "textDocument/didClose":
            guard let uri = p["textDocument"]?["uri"]?.string else { return }
            workspace.close(uri: uri)
            publishedVersions[Workspace.path(fromURI: uri)] = nil
            changed(immediately: true)
        case "textDocument/didSave":
            guard let uri = p["textDocument"]?["uri"]?.string else { return }
            workspace.saved(uri: uri)
            if cases != nil { startCases() }
        case "workspace/didChangeWatchedFiles":
            workspace.rescan()
            changed(immediately: true)
            if cases != nil { startCases() }
        default: break  // $/cancelRequest, $/setTrace, …: requests are answered in order, fast
        }
    }

    // MARK: lifecycle

    func initialize(_ p: JSON) -> JSON {
        initialized = true
        let offered = p["capabilities"]?["general"]?["positionEncodings"]?.array?.compactMap(\.string) ?? []
        encoding = offered.contains("utf-8") ? .utf8 : .utf16
        clientRefreshesLenses = p["capabilities"]?["workspace"]?["codeLens"]?["refreshSupport"]?.bool ?? false
        var root: String?
        if let f = p["workspaceFolders"]?[0]?["uri"]?.string { root = Workspace.path(fromURI: f) }
        else if let u = p["rootUri"]?.string { root = Workspace.path(fromURI: u) }
        else if let r = p["rootPath"]?.string { root = r }
        if let ms = p["initializationOptions"]?["debounceMilliseconds"]?.int { debounceOverride = Double(max(0, ms)) / 1000 }
        if let root { workspace.setRoot(root) }
        if let dir = workspace.rulesDirectory {
            schema = LanguageServer.loadSchema(rulesDirectory: dir)
            templateNames = config.templateNames(dir)
        }
        let capabilities: JSON = [
            "positionEncoding": .string(encoding.rawValue),
            "textDocumentSync": ["openClose": true, "change": 1, "save": ["includeText": false]],
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "renameProvider": ["prepareProvider": true],
            "documentSymbolProvider": true,
            "workspaceSymbolProvider": true,
            "completionProvider": ["triggerCharacters": [".", " ", "¶", "\""]],
            "documentFormattingProvider": true,
            "codeActionProvider": ["codeActionKinds": ["quickfix"]],
            "codeLensProvider": ["resolveProvider": false],
            "executeCommandProvider": ["commands": [.string(LanguageServer.runCasesCommand)]],
        ]
        return ["capabilities": capabilities, "serverInfo": ["name": "verdict", "version": .string(VerdictVersion.current)]]
    }

    var debounceOverride: TimeInterval?

    /// A client that names no workspace folder: the rules directory that holds the first file opened
    /// (the nearest folder called `rules`, or holding `rules/`), so its definitions are known.
    func adoptRulesDirectory(around path: String) {
        guard path.hasPrefix("/") else { return }
        var dir = PathText.parent(path)
        while dir != "/" && !dir.isEmpty {
            var isDir: ObjCBool = false
            let sub = (dir as NSString).appendingPathComponent("rules")
            if PathText.lastComponent(dir) == "rules" || (FileManager.default.fileExists(atPath: sub, isDirectory: &isDir) && isDir.boolValue) {
                workspace.setRoot(dir)
                if let rules = workspace.rulesDirectory {
                    schema = LanguageServer.loadSchema(rulesDirectory: rules)
                    templateNames = config.templateNames(rules)
                }
                return
            }
            dir = PathText.parent(dir)
        }
    }

    static func loadSchema(rulesDirectory dir: String) -> Linter.Schema? {
        let path = PathText.joined(PathText.parent(dir), "schema/dossier.xsd")
        guard let v = try? SchemaVocabulary.load(path) else { return nil }
        return Linter.Schema(elements: v.elements, attributes: v.attributes, kindChildren: StructureCheck.kindChildren)
    }

    // MARK: diagnostics

    func changed(immediately: Bool) {
        let now = Date()
        if !dirty || dirtySince == nil { dirtySince = now }
        dirty = true
        let delay = immediately ? 0 : (debounceOverride ?? config.debounce)
        // Each keystroke moves the check later, but a stream of edits still gets diagnostics every quarter second.
        diagnosticsDue = min(now.addingTimeInterval(delay), dirtySince!.addingTimeInterval(max(delay, 0.25)))
    }

    /// The analysis of the workspace as it is now (checked again first if an edit is pending).
    func current() -> Analysis {
        if dirty || analysis == nil { refreshAndPublish() }
        analysis!.ensureIndexed()
        return analysis!
    }

    func refreshAndPublish() {
        let schema = self.schema, names = templateNames
        let options = Analysis.Options(validateXPath: CompiledPaths.validate, lint: { program in
            var linter = Linter(program: program, schema: schema, templateNames: names)
            return linter.run()
        })
        let started = Date()
        let a = Analysis(sources: workspace.sources(), previous: analysis?.texts ?? [:], options: options)
        analysis = a
        dirty = false
        dirtySince = nil
        diagnosticsDue = nil
        let checked = Date()
        publish(a)
        if Analysis.timing {
            let ms = { (x: Date, y: Date) in String(format: "%.1f", y.timeIntervalSince(x) * 1000) }
            FileHandle.standardError.write(Data("verdict lsp: analysis \(ms(started, checked)) ms, publish \(ms(checked, Date())) ms\n".utf8))
        }
    }

    func publish(_ a: Analysis) {
        var byFile: [[Diagnostic]] = Array(repeating: [], count: a.files.count)
        for d in a.diagnostics where d.span.file >= 0 && d.span.file < a.files.count { byFile[d.span.file].append(d) }
        var seen: Set<String> = []
        for (i, path) in a.paths.enumerated() {
            seen.insert(path)
            let list = JSON.array(byFile[i].map { lspDiagnostic($0, a) })
            let text = list.serialized
            let version = workspace.documents[path]?.version
            // Always answer an edited document (its version moved); other files only when their list changed.
            let versionMoved = version != nil && publishedVersions[path] != version
            if published[path] == text && !versionMoved { continue }
            if published[path] == nil && byFile[i].isEmpty && version == nil { continue }
            published[path] = text
            if let version { publishedVersions[path] = version }
            var params: [String: JSON] = ["uri": .string(workspace.uri(for: path)), "diagnostics": list]
            if let version { params["version"] = .int(version) }
            writer.send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params)])
        }
        for path in published.keys where !seen.contains(path) {
            published[path] = nil
            writer.send(["jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                         "params": ["uri": .string(workspace.uri(for: path)), "diagnostics": []]])
        }
    }

    func lspDiagnostic(_ d: Diagnostic, _ a: Analysis) -> JSON {
        let severity: Int
        switch d.severity {
        case .error: severity = 1
        case .warning: severity = 2
        case .note: severity = 3
        }
        var message = d.message
        for n in d.notes { message += "\nnote: " + n }
        if let h = d.help { message += "\nhelp: " + h }
        var out: [String: JSON] = [
            "range": a.lines[d.span.file].range(d.span, encoding),
            "severity": .int(severity),
            "code": .string(d.code.rawValue),
            "source": "verdict",
            "message": .string(message),
        ]
        if d.code == .unusedDefinition || d.code == .uncitedArticle { out["tags"] = [1] }  // shown faded: unnecessary
        let related = relatedLocations(d, a)
        if !related.isEmpty { out["relatedInformation"] = .array(related) }
        if let help = d.help { out["data"] = ["help": .string(help)] }
        return .object(out)
    }

    /// The other declaration of a name declared twice (or of a rule in force twice); the article a
    /// cite names when the paragraph is not there.
    func relatedLocations(_ d: Diagnostic, _ a: Analysis) -> [JSON] {
        guard let name = LanguageServer.firstQuoted(d.message) else { return [] }
        switch d.code {
        case .unknownParagraph:
            a.ensureIndexed()
            guard let decl = a.declaration(of: .article(name)) else { return [] }
            return [["location": location(decl.span, a), "message": .string("the paragraphs of `\(name)` are declared here")]]
        case .duplicateName, .duplicateRule:
            a.ensureIndexed()
            var out: [JSON] = []
            for decls in a.declarations {
                for s in decls where s.name == name && s.nameSpan != d.span && !(s.span.file == d.span.file && s.span.start <= d.span.start && d.span.end <= s.span.end) {
                    out.append(["location": location(s.nameSpan, a), "message": .string("`\(name)` is also declared here")])
                }
            }
            return Array(out.prefix(5))
        default: return []
        }
    }

    static func firstQuoted(_ s: String) -> String? {
        guard let a = s.firstIndex(of: "`") else { return nil }
        let rest = s[s.index(after: a)...]
        guard let b = rest.firstIndex(of: "`") else { return nil }
        return String(rest[..<b])
    }

    func location(_ span: Span, _ a: Analysis) -> JSON {
        ["uri": .string(workspace.uri(for: a.paths[span.file])), "range": a.lines[span.file].range(span, encoding)]
    }
}

final class ExitBox: @unchecked Sendable { var value: Int32 = 1 }

/// Events for the server thread, in arrival order.
final class Inbox: @unchecked Sendable {
    enum Event {
        case message(JSON)
        case unreadable
        case end
        case casesDone(CaseLens)
    }
    let condition = NSCondition()
    var events: [Event] = []

    func push(_ e: Event) {
        condition.lock()
        events.append(e)
        condition.signal()
        condition.unlock()
    }

    /// The next event; nil when `deadline` passes first.
    func pop(until deadline: Date?) -> Event? {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty {
            if let deadline {
                if !condition.wait(until: deadline) { return nil }
            } else {
                condition.wait()
            }
        }
        return events.removeFirst()
    }
}
