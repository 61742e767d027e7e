import Foundation
import Testing

/// Unique ids (DOSSIER.md): the same id twice is a structure problem at the second one, whether
/// the two are written with the same bytes or only the same text (canonically equivalent), and
/// an element's problems keep their order: its id, then its area.
@Suite("Duplicate ids")
struct DuplicateIdTests {
    static func errors(_ body: String) throws -> (status: Int32, errors: [(line: Int, message: String)]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-ids-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("ids-\(UUID().uuidString).xml").path
        try ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dossier kind=\"community\" id=\"X\" as-of=\"2025-07-15\">\n"
             + body + "\n</dossier>\n").write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try runVerdict(["check", "--format", "json", file])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let list = obj?["errors"] as? [[String: Any]] ?? []
        return (r.status, list.map { (($0["line"] as? Int) ?? 0, ($0["message"] as? String) ?? "") })
    }

    @Test func chineseIdsAreComparedByTheirText() throws {
        let r = try Self.errors("""
          <community name="c"><owner id="甲·一" area="1"/>
          <owner id="乙" area="2"/>
          <owner id="甲·一" area="3"/></community>
        """)
        #expect(r.status == 2)
        #expect(r.errors.map(\.line) == [5])
        #expect(r.errors.first?.message.hasPrefix("id '甲·一' 重复：第 3 行已用过") == true, "\(r.errors)")
    }

    @Test func canonicallyEquivalentIdsAreTheSameId() throws {
        // é written precomposed, then as e + U+0301: the same text, so the same id.
        let r = try Self.errors("""
          <community name="c"><owner id="\u{E9}" area="1"/>
          <owner id="e\u{301}" area="2"/></community>
        """)
        #expect(r.status == 2)
        #expect(r.errors.map(\.line) == [4])
        #expect(r.errors.first?.message.hasPrefix("id 'e\u{301}' 重复：第 3 行已用过") == true, "\(r.errors)")
    }

    @Test func oneLinesProblemsKeepTheirElementsOrder() throws {
        // Two owners on one line: the first's area (0), then the second's id (a duplicate).
        let r = try Self.errors("""
          <community name="c"><owner id="a" area="0"/><owner id="a" area="5"/></community>
        """)
        #expect(r.status == 2)
        #expect(r.errors.count == 2, "\(r.errors)")
        #expect(r.errors.first?.message.hasPrefix("面积 area=\"0\" 须大于 0") == true, "\(r.errors)")
        #expect(r.errors.last?.message.hasPrefix("id 'a' 重复：第 3 行已用过") == true, "\(r.errors)")
    }
}
