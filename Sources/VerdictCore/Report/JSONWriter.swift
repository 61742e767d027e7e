/// A small JSON writer that keeps key order (reports are read by people too).
public struct JSONWriter {
    public private(set) var out = ""
    let pretty: Bool
    /// One flag per open container: true while it has no element yet.
    var empty: [Bool] = []

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    public static func quote(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }

    mutating func separator() {
        guard !empty.isEmpty else { return }
        if !empty[empty.count - 1] { out += "," }
        empty[empty.count - 1] = false
        if pretty { out += "\n" + String(repeating: "  ", count: empty.count) }
    }

    mutating func prefix(_ k: String?) {
        separator()
        if let k { out += JSONWriter.quote(k) + (pretty ? ": " : ":") }
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

    public mutating func string(_ k: String?, _ v: String?) { raw(k, v.map(JSONWriter.quote) ?? "null") }
    public mutating func int(_ k: String?, _ v: Int?) { raw(k, v.map(String.init) ?? "null") }
    public mutating func bool(_ k: String?, _ v: Bool) { raw(k, v ? "true" : "false") }

    public mutating func raw(_ k: String?, _ text: String) {
        prefix(k)
        out += text
    }
}
