import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ rel: String) -> String { root.appendingPathComponent(rel).path }

    /// A built executable of the package (beside the test bundle, or in .build/debug).
    static func binary(_ name: String) -> String {
        let fm = FileManager.default
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for c in [beside.appendingPathComponent(name).path, beside.deletingLastPathComponent().appendingPathComponent(name).path,
                  path(".build/debug/\(name)")] where fm.isExecutableFile(atPath: c) {
            return c
        }
        return path(".build/debug/\(name)")
    }

    static func temporaryDirectory(_ tag: String) -> String {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("verdict-server-\(tag)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a built executable to completion (stdin given, outputs collected).
func run(_ exe: String, _ args: [String], stdin: String? = nil, cwd: String? = nil) throws -> Run {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Repo.binary(exe))
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: cwd ?? Repo.root.path)
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    p.environment = env
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
    try inp.fileHandleForWriting.close()
    // Read both pipes before waiting: a large report would fill a pipe and block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var o = Data(), e = Data()
    group.enter()
    DispatchQueue.global().async { o = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
    e = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// `verdict-server` started as a child process on a free port, its data in a temporary directory
/// (or a PostgreSQL database).
final class ServerProcess {
    let process = Process()
    let data: String
    let database: String?
    let rules: String
    private(set) var port = 0
    let logPath: String

    struct Options {
        var extra: [String] = []
        var rules: String = Repo.path("rules")
    }

    /// Creates the users first (`user add`, before the server has ever started), then starts it.
    init(data: String? = nil, database: String? = nil, users: [(String, String)] = ServerProcess.standardUsers,
         options: Options = Options()) throws {
        self.data = data ?? Repo.temporaryDirectory("data")
        self.database = database
        rules = options.rules
        logPath = (self.data as NSString).appendingPathComponent("server.log")
        for (name, role) in users { try addUser(name, role: role) }
        try start(options.extra)
    }

    static let password = "correct horse battery staple"
    static let standardUsers = [("clerk", "bureau"), ("jc0001", "committee:JC-CQ-0001"), ("other", "committee:JC-OTHER-9"),
                                ("firm1", "firm:F-0001"), ("firmex", "firm:F-EX-01")]

    var storeArgs: [String] { database.map { ["--database", $0] } ?? ["--data", data] }

    func addUser(_ name: String, role: String) throws {
        let r = try run("verdict-server", ["user", "add", name, "--role", role, "--password-stdin"] + storeArgs, stdin: ServerProcess.password + "\n")
        guard r.status == 0 else { throw HTTPFailure(description: "user add \(name): \(r.status) \(r.stderr)") }
    }

    private func start(_ extra: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Repo.binary("verdict-server"))
        process.arguments = ["--port", "0", "--rules", rules] + storeArgs + extra
        process.currentDirectoryURL = Repo.root
        let out = Pipe()
        process.standardOutput = out
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        // The one line on standard output names the port; a server that dies first fails the test.
        var line = ""
        let handle = out.fileHandleForReading
        while !line.contains("\n") {
            let chunk = handle.availableData
            if chunk.isEmpty {
                process.waitUntilExit()
                throw HTTPFailure(description: "verdict-server exited (\(process.terminationStatus)) before listening: \(log)")
            }
            line += String(decoding: chunk, as: UTF8.self)
        }
        guard let r = line.range(of: "listening on http://127.0.0.1:"),
              let p = Int(line[r.upperBound...].prefix(while: { $0.isNumber })) else {
            throw HTTPFailure(description: "unexpected first line: \(line)")
        }
        port = p
        startLine = line.trimmingCharacters(in: .newlines)
    }

    private(set) var startLine = ""

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ s: Int32) { kill(process.processIdentifier, s) }

    /// SIGTERM and wait; the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning {
            signal(SIGTERM)
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    func kill9() {
        signal(SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    // MARK: requests

    func request(_ method: String, _ target: String, token: String? = nil, headers: [String: String] = [:], body: [UInt8] = []) throws -> HTTPResponse {
        var h = headers
        if let token { h["Authorization"] = "Bearer \(token)" }
        let r = try HTTP.request(port: port, method, target, headers: h, body: body)
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        let problems = try openAPI().problems(method: method, path: path, response: r)
        if !problems.isEmpty {
            let message = "response does not match /openapi.json:\n" + problems.joined(separator: "\n")
            Issue.record(Comment(rawValue: message))
        }
        return r
    }

    private var document: OpenAPICheck?

    /// The server's own document, read once.
    func openAPI() throws -> OpenAPICheck {
        if let document { return document }
        let r = try HTTP.request(port: port, "GET", "/openapi.json")
        let d = try OpenAPICheck(json: r.body)
        document = d
        return d
    }

    func login(_ user: String, password: String = ServerProcess.password) throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["user": user, "password": password])
        let r = try request("POST", "/api/v1/login", headers: ["Content-Type": "application/json"], body: [UInt8](body))
        guard r.status == 200, let token = r.json["token"] as? String else { throw HTTPFailure(description: "login \(user): \(r)") }
        return token
    }

    func post(_ path: String, token: String?, xml: [UInt8]) throws -> HTTPResponse {
        try request("POST", path, token: token, headers: ["Content-Type": "application/xml"], body: xml)
    }
}

func bytes(_ rel: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: Repo.path(rel))))
}

/// A query value with everything but unreserved characters percent-encoded.
func q(_ s: String) -> String {
    s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")) ?? s
}
