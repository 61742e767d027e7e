import Testing
@testable import VerdictCore
@testable import VerdictXML

/// `check --format jsonl` streams each report line in pieces (`JSONReport.streamLine`): the
/// pieces joined are the bytes of the line made whole (`line`).
@Suite("Streamed report lines")
struct JSONStreamTests {
    static func streamed(_ r: DossierReport) -> (bytes: [UInt8], pieces: Int) {
        var out: [UInt8] = []
        var pieces = 0
        JSONReport.streamLine(r) { piece in
            out.append(contentsOf: piece)
            pieces += 1
        }
        return (out, pieces)
    }

    @Test func piecesJoinedAreTheLine() throws {
        let engine = Repo.engine
        var compared = 0
        for name in ["committee-size-5.xml", "approval-three-quarters-exact.xml", "ballot-owner-voted-twice.xml"] {
            let path = Repo.path("examples/community/" + name)
            guard case .judged(var r) = engine.check(path) else { continue }
            let small = Self.streamed(r)
            #expect(small.bytes == Array(JSONReport.line(r).utf8), "\(name)")
            #expect(small.pieces == 1, "a report under 64 KB is one piece")
            // Thousands of warnings with quotes, control characters and CJK: many pieces.
            r.warnings = (0..<5_000).map { i in
                ReportError(file: path, line: i + 1, column: i % 3 == 0 ? nil : i, message: "业主 o\(i) 与第 \(i) 行的 \"o\(i / 2)\" 同名\t\\ \u{2028}")
            }
            let large = Self.streamed(r)
            #expect(large.bytes == Array(JSONReport.line(r).utf8), "\(name)")
            #expect(large.pieces > 5, "\(large.pieces)")
            compared += 1
        }
        #expect(compared == 3)
    }
}
