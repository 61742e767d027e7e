/// A small JSON writer that keeps key order (reports are read by people too).
public struct JSONWriter {
    /// What is written so far, as UTF-8 bytes: appending to a `String` cost about 340
    /// instructions an append, a twentieth of the check of a 200,000-owner dossier whose report
    /// holds 60,000 warnings. Every piece comes from a `String` or is ASCII, so the bytes are
    /// well-formed UTF-8 and `out` gives the same text a `String` would have held.
    private var bytes: [UInt8] = []
    /// The text written so far (made from the bytes at each read: read it once, at the end).
    public var out: String { String(decoding: bytes, as: UTF8.self) }
    let pretty: Bool
    /// One flag per open container: true while it has no element yet.
    var empty: [Bool] = []
    /// Where the bytes go, a piece at a time, when a report is streamed (`JSONReport.streamLine`):
    /// handed over whenever a container closes with `drainSize` bytes or more written, and at
    /// `drainRest`. A 15 MB report line is then never held whole (its buffer grew by copies,
    /// each into fresh pages). nil keeps every byte for `out`.
    private let drain: ((UnsafeBufferPointer<UInt8>) -> Void)?
    static let drainSize = 1 << 16

    public init(pretty: Bool) {
        self.pretty = pretty
        self.drain = nil
    }

    public init(pretty: Bool, drain: @escaping (UnsafeBufferPointer<UInt8>) -> Void) {
        self.pretty = pretty
        self.drain = drain
    }

    /// What is written and not yet handed to `drain`, handed to it now.
    public mutating func drainRest() {
        guard let drain, !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { drain($0) }
        bytes.removeAll(keepingCapacity: true)
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
        quoted(input, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `quoted` appended to `out`.
    static func quoted(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var run = 0, i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            // Most bytes need nothing: neither a control character, `"`, `\` nor the first
            // byte of U+2028/U+2029.
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                i += 1
                continue
            }
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
    }

    private mutating func emit(_ s: String) {
        var text = s
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `quote(s)` appended to the output, without making the quoted copy first.
    mutating func appendQuoted(_ s: String) {
        var text = s
        text.withUTF8 { JSONWriter.quoted($0, into: &bytes) }
    }

    mutating func separator() {
        guard !empty.isEmpty else { return }
        if !empty[empty.count - 1] { bytes.append(UInt8(ascii: ",")) }
        empty[empty.count - 1] = false
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * empty.count))
        }
    }

    mutating func prefix(_ k: String?) {
        separator()
        if let k {
            appendQuoted(k)
            emit(pretty ? ": " : ":")
        }
    }

    public mutating func beginObject(_ k: String? = nil) { prefix(k); bytes.append(UInt8(ascii: "{")); empty.append(true) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray(_ k: String? = nil) { prefix(k); bytes.append(UInt8(ascii: "[")); empty.append(true) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    mutating func close(_ bracket: UInt8) {
        let wasEmpty = empty.removeLast()
        if pretty && !wasEmpty {
            bytes.append(UInt8(ascii: "\n"))
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * empty.count))
        }
        bytes.append(bracket)
        if drain != nil, bytes.count >= Self.drainSize { drainRest() }
    }

    public mutating func string(_ k: String?, _ v: String?) {
        prefix(k)
        if let v { appendQuoted(v) } else { emit("null") }
    }
    public mutating func int(_ k: String?, _ v: Int?) { raw(k, v.map(String.init) ?? "null") }
    public mutating func bool(_ k: String?, _ v: Bool) { raw(k, v ? "true" : "false") }

    public mutating func raw(_ k: String?, _ text: String) {
        prefix(k)
        emit(text)
    }
}
