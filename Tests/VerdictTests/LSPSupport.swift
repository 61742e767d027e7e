import Foundation
import VerdictLSP

/// A scripted LSP client: runs the built `verdict lsp` over pipes, as an editor does.
final class LSPSession: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process = Process()
    let writer: MessageWriter
    let toServer = Pipe()
    let fromServer = Pipe()
    private let condition = NSCondition()
    private var inbox: [JSON] = []
    private var ended = false
    private var nextID = 0
    let utf8: Bool
    /// Guards against a hang only (a server that stops answering), never against slowness.
    static let hangLimit: TimeInterval = 300

    init(utf8: Bool = false, root: String? = Repo.root.path, refreshLenses: Bool = false) throws {
        self.utf8 = utf8
        process.executableURL = URL(fileURLWithPath: Repo.binary)
        process.arguments = ["lsp"]
        process.currentDirectoryURL = Repo.root
        process.standardInput = toServer
        process.standardOutput = fromServer
        process.standardError = FileHandle.nullDevice
        writer = MessageWriter(toServer.fileHandleForWriting)
        try process.run()
        let reader = MessageReader(fromServer.fileHandleForReading)
        Thread.detachNewThread { [self] in
            while let m = reader.next() {
                if case .success(let j) = m { push(j) }
            }
            condition.lock()
            ended = true
            condition.broadcast()
            condition.unlock()
        }
        var capabilities: [String: JSON] = [:]
        if utf8 { capabilities["general"] = ["positionEncodings": ["utf-8", "utf-16"]] }
        if refreshLenses { capabilities["workspace"] = ["codeLens": ["refreshSupport": true]] }
        let result = try request("initialize", ["processId": .null, "rootUri": root.map { .string(URL(fileURLWithPath: $0).absoluteString) } ?? .null,
                                                "capabilities": .object(capabilities)])
        guard result["result"]?["capabilities"] != nil else { throw Failure(description: "initialize failed: \(result.serialized)") }
        notify("initialized", [:])
    }

    private func push(_ j: JSON) {
        condition.lock()
        inbox.append(j)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for (and removes) the first message that matches.
    func wait(_ what: String, _ matches: (JSON) -> Bool) throws -> JSON {
        let deadline = Date().addingTimeInterval(LSPSession.hangLimit)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let i = inbox.firstIndex(where: matches) { return inbox.remove(at: i) }
            if ended { throw Failure(description: "the server ended its output while the client waited for \(what)") }
            if !condition.wait(until: deadline) { throw Failure(description: "no \(what) within \(Int(LSPSession.hangLimit)) s: the server hangs") }
        }
    }

    func send(_ j: JSON) { writer.send(j) }

    func notify(_ method: String, _ params: JSON) {
        send(["jsonrpc": "2.0", "method": .string(method), "params": params])
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    @discardableResult
    func request(_ method: String, _ params: JSON) throws -> JSON {
        nextID += 1
        let id = nextID
        send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        return try wait("the answer to \(method)") { $0["id"] == .int(id) && $0["method"] == nil }
    }

    func result(_ method: String, _ params: JSON) throws -> JSON {
        let r = try request(method, params)
        guard let result = r["result"] else { throw Failure(description: "\(method) failed: \(r.serialized)") }
        return result
    }

    func diagnostics(_ uri: String, version: Int) throws -> [JSON] {
        let m = try wait("diagnostics for \(uri) v\(version)") {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.string == uri && $0["params"]?["version"]?.int == version
        }
        return m["params"]?["diagnostics"]?.array ?? []
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "verdict", "version": .int(version), "text": .string(text)]])
    }

    func change(_ uri: String, _ text: String, version: Int) {
        notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [["text": .string(text)]]])
    }

    /// Where the `nth` occurrence of `needle` starts (plus `offset` characters), counted as the session's encoding counts.
    func position(of needle: String, in text: String, nth: Int = 0, offset: Int = 0) -> JSON {
        var from = text.startIndex
        var r = text.range(of: needle)!
        for _ in 0..<nth {
            from = r.upperBound
            r = text.range(of: needle, range: from..<text.endIndex)!
        }
        let target = text.index(r.lowerBound, offsetBy: offset)
        let before = text[..<target]
        let line = before.filter { $0 == "\n" }.count
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let prefix = text[lineStart..<target]
        return ["line": .int(line), "character": .int(utf8 ? prefix.utf8.count : prefix.utf16.count)]
    }

    func at(_ uri: String, _ position: JSON) -> JSON {
        ["textDocument": ["uri": .string(uri)], "position": position]
    }

    /// shutdown, exit, and the server's exit status.
    func finish() throws -> Int32 {
        _ = try result("shutdown", .null)
        notify("exit", .null)
        try? toServer.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(LSPSession.hangLimit)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "the server did not exit after `exit`")
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    static func uri(_ rel: String) -> String { URL(fileURLWithPath: Repo.path(rel)).absoluteString }
    static func text(_ rel: String) -> String { (try? String(contentsOfFile: Repo.path(rel), encoding: .utf8)) ?? "" }
}
