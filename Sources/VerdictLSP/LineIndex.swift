import VerdictCore

/// How the client counts columns (LSP `positionEncoding`): UTF-16 code units unless the
/// client offers UTF-8. Rule files are full of Chinese text, where the two differ.
public enum PositionEncoding: String, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
}

/// A zero-based LSP position.
public struct Position: Sendable, Equatable, Comparable {
    public var line: Int
    public var character: Int
    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }
    public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }

    var json: JSON { ["line": .int(line), "character": .int(character)] }
    init?(_ j: JSON?) {
        guard let line = j?["line"]?.int, let character = j?["character"]?.int else { return nil }
        self.init(line: line, character: character)
    }
}

/// Converts between byte offsets (what spans hold) and LSP positions of one text.
public struct LineIndex: Sendable {
    let bytes: [UInt8]
    let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        lineStarts = starts
    }

    func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Code units of a UTF-8 lead byte's character in UTF-16 (continuation bytes count 0).
    static func utf16Units(_ b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b & 0xC0 == 0x80 { return 0 }
        if b >= 0xF0 { return 2 }
        return 1
    }

    public func position(_ offset: Int, _ encoding: PositionEncoding) -> Position {
        let offset = max(0, min(offset, bytes.count))
        let l = line(of: offset)
        let start = lineStarts[l]
        switch encoding {
        case .utf8: return Position(line: l, character: offset - start)
        case .utf16:
            var n = 0
            for i in start..<offset { n += LineIndex.utf16Units(bytes[i]) }
            return Position(line: l, character: n)
        }
    }

    /// The byte offset of a position; past the end of its line: the end of the line.
    public func offset(_ p: Position, _ encoding: PositionEncoding) -> Int {
        if p.line < 0 { return 0 }
        if p.line >= lineStarts.count { return bytes.count }
        let start = lineStarts[p.line]
        var end = p.line + 1 < lineStarts.count ? lineStarts[p.line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        var i = start, n = 0
        while i < end, n < p.character {
            let b = bytes[i]
            n += encoding == .utf8 ? 1 : LineIndex.utf16Units(b)
            i += 1
            while i < end, bytes[i] & 0xC0 == 0x80 {
                if encoding == .utf8 { n += 1 }
                i += 1
            }
        }
        return i
    }

    public func range(_ span: Span, _ encoding: PositionEncoding) -> JSON {
        ["start": position(span.start, encoding).json, "end": position(span.end, encoding).json]
    }
}
