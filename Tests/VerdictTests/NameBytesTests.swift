import Testing
@testable import VerdictCore
@testable import VerdictXML

/// `NameBytes.repeats` over its own hash table (`FirstTexts`) finds what a dictionary of the
/// texts finds, and the register's warnings are merged in line order.
@Suite("Repeated names and ids")
struct NameBytesTests {
    /// Each repeat as (entry, first entry), found with a `[String: Int]`: the reference.
    static func reference(_ texts: [[UInt8]]) -> [String] {
        var first: [String: Int] = [:]
        var out: [String] = []
        for (i, t) in texts.enumerated() {
            let s = String(decoding: t, as: UTF8.self)
            if let f = first[s] { out.append("\(i)<\(f):\(s)") } else { first[s] = i }
        }
        return out
    }

    static func repeats(_ texts: [[UInt8]]) -> [String] {
        let joined = texts.flatMap { $0 }
        var out: [String] = []
        joined.withUnsafeBufferPointer { all in
            var entries: [(element: Int, text: NameBytes)] = []
            var start = 0
            for (i, t) in texts.enumerated() {
                entries.append((i, NameBytes(UnsafeBufferPointer(rebasing: all[start..<start + t.count]))))
                start += t.count
            }
            NameBytes.repeats(entries) { e, f, text in out.append("\(e)<\(f):\(text)") }
        }
        return out
    }

    @Test func repeatsAreWhatADictionaryOfTheTextsFinds() {
        // Short and long texts (a hash of two words and the length, or of the bytes), texts
        // that differ only in a trailing NUL or in their 17th byte, empty ones, CJK.
        var texts: [[UInt8]] = ["a", "a\u{0}", "", "o000001", "张伟", "", "a", "张伟",
                                "0123456789abcdef", "0123456789abcdefX", "0123456789abcdefY",
                                "0123456789abcdefX", "0123456789abcdef", "a\u{0}", "阿依古丽·买买提"].map { Array($0.utf8) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {  // many collisions of slots, and repeats among 40 names
            let n = Int.random(in: 0..<40, using: &generator)
            texts.append(Array("名\(n)".utf8) + (n % 3 == 0 ? Array(repeating: UInt8(ascii: "x"), count: n) : []))
        }
        let expected = Self.reference(texts)
        #expect(expected.count > 2_900)
        #expect(Self.repeats(texts) == expected)
        #expect(Array(Self.repeats(texts).prefix(5)) == ["5<2:", "6<0:a", "7<4:张伟", "11<9:0123456789abcdefX", "12<8:0123456789abcdef"])
    }

    @Test func warningsOfOneLineKeepTheSameNameFirst() {
        func w(_ line: Int, _ m: String) -> ReportError { ReportError(file: "f.xml", line: line, column: nil, message: m) }
        let merged = DossierWarnings.merged([w(3, "a3"), w(5, "a5"), w(9, "a9")], [w(1, "b1"), w(5, "b5"), w(12, "b12")])
        #expect(merged.map(\.message) == ["b1", "a3", "a5", "b5", "a9", "b12"])
        #expect(DossierWarnings.merged([w(2, "a")], []).map(\.message) == ["a"])
        #expect(DossierWarnings.merged([], [w(2, "b")]).map(\.message) == ["b"])
    }
}
