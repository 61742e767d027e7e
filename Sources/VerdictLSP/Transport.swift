import Foundation

/// JSON-RPC messages over a byte stream, each framed by a `Content-Length` header (LSP base protocol).
public final class MessageReader: @unchecked Sendable {
    let input: FileHandle
    var buffer: [UInt8] = []
    var atEnd = false

    public init(_ input: FileHandle) { self.input = input }

    /// The next message body, or nil at the end of the stream. A body that is not JSON
    /// is returned as `.failure` so the server can answer with a parse error.
    public func next() -> Result<JSON, JSON.ParseError>? {
        while true {
            if let (length, headerEnd) = header() {
                while buffer.count < headerEnd + length {
                    if !fill() { return nil }
                }
                let body = Array(buffer[headerEnd..<headerEnd + length])
                buffer.removeFirst(headerEnd + length)
                do { return .success(try JSON.parse(body)) } catch let e as JSON.ParseError { return .failure(e) } catch { return .failure(JSON.ParseError(offset: 0)) }
            }
            if !fill() { return nil }
        }
    }

    /// The body length and where the body starts, once a whole header is buffered.
    func header() -> (Int, Int)? {
        guard buffer.count >= 4 else { return nil }
        var end = -1
        for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
            end = i
            break
        }
        guard end >= 0 else { return nil }
        let text = String(decoding: buffer[0..<end], as: UTF8.self)
        var length = 0
        for line in text.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        return (max(0, length), end + 4)
    }

    func fill() -> Bool {
        if atEnd { return false }
        let data = input.availableData
        if data.isEmpty {
            atEnd = true
            return false
        }
        buffer += data
        return true
    }
}

/// Writes framed messages; safe to call from any thread.
public final class MessageWriter: @unchecked Sendable {
    let output: FileHandle
    let lock = NSLock()

    public init(_ output: FileHandle) { self.output = output }

    public func send(_ message: JSON) {
        let body = Array(message.serialized.utf8)
        var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        data.append(contentsOf: body)
        lock.lock()
        defer { lock.unlock() }
        // A client that went away must not kill the server with SIGPIPE or an exception.
        _ = try? output.write(contentsOf: data)
    }
}
