/// Turns rule-file text into tokens. Never fails: problems become diagnostics and the
/// lexer carries on, so every error in a file is reported.
public struct Lexer {
    let bytes: [UInt8]
    let fileIndex: Int
    var pos: Int
    let end: Int
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Where the current line starts, and per line the full-width diagnostic already given (one a line).
    var lineStart = 0
    var fullWidthReported: [String: (index: Int, more: Int)] = [:]

    /// Comments with their spans, kept for the formatter.
    public private(set) var comments: [(span: Span, text: String)] = []

    public static let maxTokenBytes = 4096

    public init(file: SourceFile, fileIndex: Int, range: Range<Int>? = nil) {
        bytes = file.bytes
        self.fileIndex = fileIndex
        pos = range?.lowerBound ?? 0
        end = range?.upperBound ?? file.bytes.count
        // A UTF-8 byte-order mark at the very start is accepted silently.
        if pos == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        if range == nil {
            if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
                diagnostics.append(Diagnostic(.invalidUTF8, span(0, 2), "the file is UTF-16, not UTF-8",
                                              help: "save rule files as UTF-8 (most editors: “Save with encoding” → UTF-8)"))
                pos = end  // nothing else in it can be read
            } else {
                diagnostics += Lexer.invalidUTF8(bytes, fileIndex: fileIndex)
            }
        }
    }

    /// Every run of bytes that is not UTF-8, wherever it is (comments and strings included).
    static func invalidUTF8(_ bytes: [UInt8], fileIndex: Int) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var i = 0
        while i < bytes.count, out.count < 20 {
            let b = bytes[i]
            var len = 0
            if b < 0x80 { i += 1; continue }
            if b & 0xE0 == 0xC0, b >= 0xC2 { len = 2 } else if b & 0xF0 == 0xE0 { len = 3 } else if b & 0xF8 == 0xF0, b <= 0xF4 { len = 4 }
            var ok = len > 0 && i + len <= bytes.count
            if ok { for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { ok = false } }
            if ok, len == 3 {
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6)
                if v < 0x800 || (v >= 0xD800 && v <= 0xDFFF) { ok = false }
            }
            if ok, len == 4 {
                let v = (UInt32(b & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                if v < 0x10000 || v > 0x10FFFF { ok = false }
            }
            if ok { i += len; continue }
            let start = i
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            out.append(Diagnostic(.invalidUTF8, Span(file: fileIndex, start: start, end: i), "the file is not valid UTF-8 here",
                                  help: "save rule files as UTF-8"))
        }
        return out
    }

    public mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let t = next()
            tokens.append(t)
            if case .eof = t.kind { break }
        }
        // One diagnostic for each full-width mark on a line, counting its repeats.
        for (_, seen) in fullWidthReported where seen.more > 0 {
            let d = diagnostics[seen.index]
            diagnostics[seen.index] = Diagnostic(d.code, d.span, d.message + " (and \(seen.more) more on this line)", help: d.help)
        }
        return tokens
    }

    private func span(_ a: Int, _ b: Int) -> Span { Span(file: fileIndex, start: a, end: b) }

    private func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }

    private func peekScalar(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < end else { return nil }
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var len = 0
        var value: UInt32 = 0
        if b0 & 0xE0 == 0xC0 { len = 2; value = UInt32(b0 & 0x1F) }
        else if b0 & 0xF0 == 0xE0 { len = 3; value = UInt32(b0 & 0x0F) }
        else if b0 & 0xF8 == 0xF0 { len = 4; value = UInt32(b0 & 0x07) }
        else { return nil }
        guard i + len <= end else { return nil }
        for k in 1..<len {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(b & 0x3F)
        }
        guard let s = Unicode.Scalar(value) else { return nil }
        if (len == 2 && value < 0x80) || (len == 3 && value < 0x800) || (len == 4 && value < 0x10000) { return nil }
        return (s, len)
    }

    /// Keywords by their text (`Keyword(rawValue:)` compares with every case in turn).
    static let keywords: [String: Keyword] = Dictionary(uniqueKeysWithValues: Keyword.allCases.map { ($0.rawValue, $0) })

    static func isIdentStart(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        if fullWidthHint(s) != nil { return false }
        return s.properties.isAlphabetic || s.properties.generalCategory == .otherLetter
    }

    static func isIdentContinue(_ s: Unicode.Scalar) -> Bool {
        isIdentStart(s) || (s >= "0" && s <= "9") || !s.isASCII && s.properties.numericType != nil
    }

    /// Full-width punctuation typed where ASCII is meant, with the ASCII it stands for.
    static func fullWidthHint(_ s: Unicode.Scalar) -> String? {
        switch s {
        case "，": return ","
        case "（": return "("
        case "）": return ")"
        case "“", "”": return "\""
        case "：": return ":"
        case "＝": return "="
        case "；": return ";"
        case "【": return "["
        case "】": return "]"
        case "｜": return "|"
        case "＞": return ">"
        case "＜": return "<"
        default: return nil
        }
    }

    /// The next token. Characters that cannot start one are reported and skipped in a
    /// loop (never by recursion: a file of a million stray bytes must not exhaust the stack).
    mutating func next() -> Token {
        while true {
            if let t = nextOrSkip() { return t }
        }
    }

    mutating func nextOrSkip() -> Token? {
        skipTrivia()
        guard pos < end else { return Token(kind: .eof, text: "", span: span(end, end)) }
        let start = pos
        let b = bytes[pos]

        // Dates: DDDD-DD-DD not followed by an identifier character.
        if isDigit(b), pos + 10 <= end, (0..<4).allSatisfy({ isDigit(bytes[pos + $0]) }), bytes[pos + 4] == 45,
           isDigit(bytes[pos + 5]), isDigit(bytes[pos + 6]), bytes[pos + 7] == 45, isDigit(bytes[pos + 8]), isDigit(bytes[pos + 9]),
           !(pos + 10 < end && (isDigit(bytes[pos + 10]) || isLetterByte(bytes[pos + 10]))) {
            pos += 10
            let t = text(start, pos)
            if CivilDate(iso: t) == nil {
                diagnostics.append(Diagnostic(.invalidDate, span(start, pos), "`\(t)` is not a calendar date",
                                              help: "dates are written YYYY-MM-DD and must exist (2025-02-28, not 2025-02-30)"))
            }
            return Token(kind: .date, text: t, span: span(start, pos))
        }
        if isDigit(b) {
            while pos < end, isDigit(bytes[pos]) { pos += 1 }
            if pos + 1 < end, bytes[pos] == 46, isDigit(bytes[pos + 1]) {
                pos += 1
                while pos < end, isDigit(bytes[pos]) { pos += 1 }
            }
            if pos - start > Lexer.maxTokenBytes {
                diagnostics.append(Diagnostic(.tooLong, span(start, pos), "number literal is \(pos - start) digits long",
                                              help: "numbers in rules are limited to \(Lexer.maxTokenBytes) characters"))
            }
            if pos < end, bytes[pos] == 37 {  // %
                pos += 1
                return Token(kind: .percent, text: text(start, pos - 1), span: span(start, pos))
            }
            if pos < end, bytes[pos] < 0x80, isLetterByte(bytes[pos]) {
                // `60days`: a number glued to a word.
                let numEnd = pos
                diagnostics.append(Diagnostic(.invalidNumber, span(start, numEnd + 1), "number `\(text(start, numEnd))` runs into a word",
                                              help: "put a space between a number and its unit: `\(text(start, numEnd)) days`"))
            }
            return Token(kind: .number, text: text(start, pos), span: span(start, pos))
        }
        if b == 34 { return lexString(from: pos, bodyStart: pos + 1) }  // "
        // n/a
        if b == 110, pos + 3 <= end, bytes[pos + 1] == 47, bytes[pos + 2] == 97,
           !(pos + 3 < end && isLetterByte(bytes[pos + 3])) {
            pos += 3
            return Token(kind: .notApplicable, text: "n/a", span: span(start, pos))
        }
        guard let (scalar, len) = peekScalar(at: pos) else {
            pos += 1
            while pos < end, bytes[pos] & 0xC0 == 0x80 { pos += 1 }
            if !diagnostics.contains(where: { $0.code == .invalidUTF8 && $0.span.start == start }) {
                diagnostics.append(Diagnostic(.invalidUTF8, span(start, pos), "the file is not valid UTF-8 here",
                                              help: "save rule files as UTF-8"))
            }
            return nil
        }
        if Lexer.isIdentStart(scalar) { return lexIdentifier() }
        if let ascii = Lexer.fullWidthHint(scalar) {
            pos += len
            let key = "\(lineStart)\(scalar)"
            if let seen = fullWidthReported[key] {
                fullWidthReported[key] = (seen.index, seen.more + 1)
            } else {
                fullWidthReported[key] = (diagnostics.count, 0)
                diagnostics.append(Diagnostic(.fullWidthPunctuation, span(start, pos), "full-width `\(scalar)` where `\(ascii)` is meant",
                                              help: "replace `\(scalar)` with the ASCII `\(ascii)`; full-width punctuation belongs only inside strings"))
            }
            if ascii == "\"" { return lexString(from: start, bodyStart: pos) }
            return Token(kind: .punct(ascii), text: ascii, span: span(start, pos))
        }
        // Multi-character punctuation.
        for p in ["=>", "<=", ">=", "!=", ".."] where match(p) {
            pos += p.utf8.count
            return Token(kind: .punct(p), text: p, span: span(start, pos))
        }
        if scalar == "¶" || scalar == "§" {
            pos += len
            return Token(kind: .punct(String(scalar)), text: String(scalar), span: span(start, pos))
        }
        if "()[]{},:=<>+-*/|.%".unicodeScalars.contains(scalar) {
            pos += 1
            return Token(kind: .punct(String(scalar)), text: String(scalar), span: span(start, pos))
        }
        pos += len
        let shown = scalar.properties.generalCategory == .control || scalar.value < 0x20
            ? String(format: "U+%04X", scalar.value) : "`\(scalar)` (U+\(String(scalar.value, radix: 16, uppercase: true)))"
        diagnostics.append(Diagnostic(.unexpectedCharacter, span(start, pos), "unexpected character \(shown)",
                                      help: scalar == "\t" ? "use spaces" : "remove it, or put it inside a string"))
        return nil
    }

    private func match(_ p: String) -> Bool {
        var i = pos
        for c in p.utf8 {
            guard i < end, bytes[i] == c else { return false }
            i += 1
        }
        return true
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    private func isLetterByte(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 0x80 }

    mutating func skipTrivia() {
        while pos < end {
            let b = bytes[pos]
            if b == 9 {
                diagnostics.append(Diagnostic(.tab, span(pos, pos + 1), "tab character", help: "indent with spaces; `verdict fmt` does it for you",
                                              severity: .warning))
                pos += 1
                continue
            }
            if b == 10 { pos += 1; lineStart = pos; continue }
            if b == 32 || b == 13 { pos += 1; continue }
            if b == 35 {  // # comment to end of line
                let start = pos
                while pos < end, bytes[pos] != 10 { pos += 1 }
                comments.append((span(start, pos), text(start, pos)))
                continue
            }
            if b == 0xE3, pos + 2 < end, bytes[pos + 1] == 0x80, bytes[pos + 2] == 0x80 {  // ideographic space
                diagnostics.append(Diagnostic(.fullWidthPunctuation, span(pos, pos + 3), "full-width space",
                                              help: "replace it with an ordinary space"))
                pos += 3
                continue
            }
            break
        }
    }

    mutating func lexIdentifier() -> Token {
        let start = pos
        while let (s, len) = peekScalar(at: pos) {
            if Lexer.isIdentContinue(s) { pos += len; continue }
            // A hyphen joins words of one name when a letter or digit follows directly.
            if s == "-", let (n, _) = peekScalar(at: pos + 1), Lexer.isIdentContinue(n) { pos += 1; continue }
            break
        }
        let t = text(start, pos)
        if pos - start > Lexer.maxTokenBytes {
            diagnostics.append(Diagnostic(.tooLong, span(start, start + 1), "name is \(pos - start) bytes long",
                                          help: "names are limited to \(Lexer.maxTokenBytes) bytes"))
            return Token(kind: .identifier, text: String(t.prefix(64)), span: span(start, pos))
        }
        if let k = Lexer.keywords[t] { return Token(kind: .keyword(k), text: t, span: span(start, pos)) }
        return Token(kind: .identifier, text: t, span: span(start, pos))
    }

    /// Strings keep their raw body (escapes and `{…}` interpolations are read by the parser).
    /// A string opened with `“` may close with `”` or `"` (the opening was already diagnosed).
    mutating func lexString(from start: Int, bodyStart: Int, pairBraces: Bool = true) -> Token {
        pos = bodyStart
        var depth = 0
        while pos < end {
            let b = bytes[pos]
            if b == 10 { break }
            if b == 92, pos + 1 < end { pos += 2; continue }  // backslash escape
            if pairBraces { if b == 123 { depth += 1 } else if b == 125, depth > 0 { depth -= 1 } }
            let curly = bodyStart - start == 3 && pos + 2 < end && b == 0xE2 && bytes[pos + 1] == 0x80 && bytes[pos + 2] == 0x9D
            if depth == 0, b == 34 || curly {
                let body = text(bodyStart, pos)
                if curly {
                    diagnostics.append(Diagnostic(.fullWidthPunctuation, span(pos, pos + 3), "full-width `”` where `\"` is meant",
                                                  help: "replace `”` with the ASCII `\"`"))
                }
                pos += curly ? 3 : 1
                return Token(kind: .string, text: body, span: span(start, pos))
            }
            pos += 1
        }
        if pairBraces && depth > 0 {
            // A lone `{` in a plain string (a title, a source): read the string again with braces as text.
            return lexString(from: start, bodyStart: bodyStart, pairBraces: false)
        }
        diagnostics.append(Diagnostic(.unterminatedString, span(start, start + 1), "unterminated string",
                                      help: "close the string with `\"` on the same line"))
        return Token(kind: .string, text: text(bodyStart, pos), span: span(start, pos))
    }
}
