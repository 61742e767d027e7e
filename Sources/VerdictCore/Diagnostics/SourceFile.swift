/// A rule file's text with its path; locations are computed from byte offsets only
/// when a diagnostic is printed.
/// `@unchecked Sendable`: only `let`s of value types (could be a plain `Sendable` class; the
/// `private` line table keeps the compiler from proving it across the module's extensions).
public final class SourceFile: @unchecked Sendable {
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public convenience init(path: String, text: String) {
        self.init(path: path, text: text, bytes: Array(text.utf8))
    }

    init(path: String, text: String, bytes: [UInt8]) {
        self.path = path
        self.text = text
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (column counts characters, not bytes).
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var start = lineStarts[lo]
        if start == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF, offset >= 3 { start = 3 }
        let prefix = String(decoding: bytes[start..<offset], as: UTF8.self)
        return (lo + 1, prefix.count + 1)
    }

    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    public func slice(_ span: Span) -> String {
        let a = max(0, min(span.start, bytes.count)), b = max(a, min(span.end, bytes.count))
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }
}

/// Byte offsets into one source file. Not part of node equality.
public struct Span: Sendable, Hashable, CustomStringConvertible {
    public var file: Int  // index into the program's file list
    public var start: Int
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = end
    }

    public static let none = Span(file: -1, start: 0, end: 0)

    public func to(_ other: Span) -> Span { Span(file: file, start: start, end: max(end, other.end)) }

    public var description: String { "\(file):\(start)-\(end)" }
}
