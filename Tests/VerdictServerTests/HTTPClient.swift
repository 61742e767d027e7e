import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain HTTP/1.1 client over a loopback socket (one request a connection), so that the tests
/// speak to the server exactly as a script would.
struct HTTPResponse: CustomStringConvertible {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    var description: String { "HTTP \(status) \(text.prefix(600))" }
}

struct HTTPFailure: Error, CustomStringConvertible {
    let description: String
}

enum HTTP {
    /// Every response the tests received, with what was asked, for the OpenAPI check.
    nonisolated(unsafe) static var seen: [(method: String, path: String, response: HTTPResponse)] = []
    static let seenLock = NSLock()

    static func request(port: Int, _ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = [],
                        record: Bool = true, midway: (() -> Void)? = nil) throws -> HTTPResponse {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HTTPFailure(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        // A watchdog, not a measurement: a hung server fails the test instead of hanging it.
        var tv = timeval(tv_sec: 300, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { throw HTTPFailure(description: "connect to port \(port): \(String(cString: strerror(errno)))") }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        if let midway {
            // Half the body, then whatever the test does while the request is in flight, then the rest.
            let half = body.count / 2
            try sendAll(fd, Array(head.utf8) + Array(body[..<half]))
            midway()
            try sendAll(fd, Array(body[half...]))
        } else {
            try sendAll(fd, Array(head.utf8) + body)
        }
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET, !data.isEmpty { break }
                throw HTTPFailure(description: "recv: \(String(cString: strerror(errno))) after \(data.count) bytes")
            }
            if n == 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        let r = try parse(data)
        if record {
            seenLock.lock()
            seen.append((method, String(target.split(separator: "?", maxSplits: 1).first ?? ""), r))
            seenLock.unlock()
        }
        return r
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                // The server may answer (413) and close before reading everything we send.
                if errno == EPIPE || errno == ECONNRESET { return }
                throw HTTPFailure(description: "send: \(String(cString: strerror(errno)))")
            }
            off += n
        }
    }

    static func parse(_ data: [UInt8]) throws -> HTTPResponse {
        let sep: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, data.count - 3)).first(where: { Array(data[$0..<$0 + 4]) == sep }) else {
            throw HTTPFailure(description: "no HTTP head in \(data.count) bytes: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
        let head = String(decoding: data[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw HTTPFailure(description: "bad status line \(head[0])") }
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(data[(end + 4)...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = try dechunk(body)
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    static func dechunk(_ b: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            guard let lineEnd = (i..<b.count - 1).first(where: { b[$0] == 13 && b[$0 + 1] == 10 }) else { break }
            let sizeText = String(decoding: b[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw HTTPFailure(description: "bad chunk size") }
            if size == 0 { break }
            out += b[(lineEnd + 2)..<(lineEnd + 2 + size)]
            i = lineEnd + 2 + size + 2
        }
        return out
    }
}
