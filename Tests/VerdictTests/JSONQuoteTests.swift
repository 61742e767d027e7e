import Testing
@testable import VerdictCore

/// The report's string quoting, byte for byte the same as the scalar-by-scalar writer it
/// replaced (kept here as the reference).
@Suite("JSON quoting")
struct JSONQuoteTests {
    static func reference(_ s: String) -> String {
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

    @Test func everyScalarClassIsQuotedAsBefore() {
        var samples = ["", "a", "\"", "\\", "\u{2028}", "\u{2029}", "\u{2027}\u{202A}", "\u{E2}\u{80}",
                       "业主 o00551 与第 318 行的 o00314 同名（程波晶）", "e\u{301}", "🏠\u{1F3E0}", "\u{7F}\u{80}\u{FFFF}",
                       String(repeating: "中\"\n", count: 100)]
        // Every scalar below U+0100, alone and between others.
        for v in 0..<0x100 {
            let c = String(UnicodeScalar(UInt8(v)))
            samples.append(c)
            samples.append("x" + c + "中" + c + "\u{2028}")
        }
        var seed: UInt64 = 42
        let alphabet: [String] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "中", "é", "\u{301}", "🏠", " ", "\u{7F}"]
        for _ in 0..<500 {
            var s = ""
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(seed >> 59) {
                s += alphabet[Int((seed >> UInt64(k % 50)) % UInt64(alphabet.count))]
            }
            samples.append(s)
        }
        for s in samples {
            #expect(JSONWriter.quote(s) == Self.reference(s), "\(Array(s.unicodeScalars.map(\.value)))")
            // The writer copies a text with nothing to escape as it is: as a value and as a key,
            // the same bytes as the reference.
            var w = JSONWriter(pretty: false)
            w.beginObject()
            w.string(s, s)
            w.string("absent", nil)
            w.endObject()
            #expect(w.out == "{" + Self.reference(s) + ":" + Self.reference(s) + ",\"absent\":null}", "\(Array(s.unicodeScalars.map(\.value)))")
        }
    }
}
