/// A small JSON writer that keeps key order (reports are read by people too).
public struct JSONWriter {
    public private(set) var out = ""
    let pretty: Bool
    /// One flag per open container: true while it has no element yet.
    var empty: [Bool] = []

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    /// A JSON string: `"` and `\` escaped; control characters and U+2028/U+2029 (which end a
    /// line in JavaScript) written `\n`, `\r`, `\t`, `\u00XX` or `\u2028`; everything else as
    /// it is. Works on the UTF-8 bytes and copies the runs between escapes: a report of 60,000
    /// warnings spent a seventh of its check appending scalar by scalar.
    public static func quote(_ s: String) -> String {
        var text = s
        return text.withUTF8 { quoted($0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func quoted(_ input: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(input.count + 2)
        out.append(UInt8(ascii: "\""))
        var run = 0, i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            let escape: [UInt8]
            var width = 1
            switch b {
            case UInt8(ascii: "\""): escape = [0x5C, 0x22]
            case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
            case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
            case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
            case 0x09: escape = [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: escape = [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
            case 0xE2 where i + 2 < n && input[i + 1] == 0x80 && (input[i + 2] == 0xA8 || input[i + 2] == 0xA9):
                // U+2028, U+2029
                escape = Array("\\u202".utf8) + [input[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                width = 3
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<i]))
            out.append(contentsOf: escape)
            i += width
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: input[run..<n]))
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `quoted` would change nothing but add the quotes: no byte it escapes.
    static func needsNoEscape(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = input.count
        var i = 0
        while i < n {
            let b = input[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            if b == 0xE2, i + 2 < n, input[i + 1] == 0x80, input[i + 2] == 0xA8 || input[i + 2] == 0xA9 { return false }
            i += 1
        }
        return true
    }

    /// `quote(s)` appended to the output: a text with nothing to escape (most of a report) is
    /// copied as it is, without making its quoted copy first.
    mutating func appendQuoted(_ s: String) {
        var text = s
        if text.withUTF8({ JSONWriter.needsNoEscape($0) }) {
            out += "\""
            out += text
            out += "\""
        } else {
            out += text.withUTF8 { JSONWriter.quoted($0) }
        }
    }

    mutating func separator() {
        guard !empty.isEmpty else { return }
        if !empty[empty.count - 1] { out += "," }
        empty[empty.count - 1] = false
        if pretty { out += "\n" + String(repeating: "  ", count: empty.count) }
    }

    mutating func prefix(_ k: String?) {
        separator()
        if let k {
            appendQuoted(k)
            out += pretty ? ": " : ":"
        }
    }

    public mutating func beginObject(_ k: String? = nil) { prefix(k); out += "{"; empty.append(true) }
    public mutating func endObject() { close("}") }
    public mutating func beginArray(_ k: String? = nil) { prefix(k); out += "["; empty.append(true) }
    public mutating func endArray() { close("]") }

    mutating func close(_ bracket: String) {
        let wasEmpty = empty.removeLast()
        if pretty && !wasEmpty { out += "\n" + String(repeating: "  ", count: empty.count) }
        out += bracket
    }

    public mutating func string(_ k: String?, _ v: String?) {
        prefix(k)
        if let v { appendQuoted(v) } else { out += "null" }
    }
    public mutating func int(_ k: String?, _ v: Int?) { raw(k, v.map(String.init) ?? "null") }
    public mutating func bool(_ k: String?, _ v: Bool) { raw(k, v ? "true" : "false") }

    public mutating func raw(_ k: String?, _ text: String) {
        prefix(k)
        out += text
    }
}
