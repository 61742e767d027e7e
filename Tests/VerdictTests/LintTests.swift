import Foundation
import Testing
import VerdictCore
import VerdictXML

/// Diagnostics are tested with markers in the source text: `«CODE»` stands right where
/// the diagnostic must point.
struct MarkedText {
    let text: String
    let markers: [(code: String, offset: Int)]

    init(_ marked: String) {
        var out: [UInt8] = []
        var markers: [(String, Int)] = []
        var rest = Substring(marked)
        while let open = rest.range(of: "«"), let close = rest.range(of: "»", range: open.upperBound..<rest.endIndex) {
            out += Array(rest[..<open.lowerBound].utf8)
            markers.append((String(rest[open.upperBound..<close.lowerBound]), out.count))
            rest = rest[close.upperBound...]
        }
        out += Array(rest.utf8)
        text = String(decoding: out, as: UTF8.self)
        self.markers = markers
    }
}

@Suite("verdict lint")
struct LintTests {
    static func lint(_ marked: MarkedText) throws -> [Diagnostic] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try marked.text.write(to: dir.appendingPathComponent("planted.rules"), atomically: true, encoding: .utf8)
        guard case .success(let program) = RuleLoader.load(directory: dir.path, validateXPath: CompiledPaths.validate) else {
            Issue.record("the fixture does not load")
            return []
        }
        let v = try SchemaVocabulary.load(Repo.path("schema/dossier.xsd"))
        var linter = Linter(program: program, schema: .init(elements: v.elements, attributes: v.attributes, kindChildren: StructureCheck.kindChildren),
                            templateNames: [])
        return linter.run()
    }

    @Test func everyPlantedProblemIsFoundWhereItIs() throws {
        let marked = MarkedText(try String(contentsOfFile: Repo.path("Tests/Fixtures/lint/planted.rules"), encoding: .utf8))
        let ds = try Self.lint(marked)
        let found = ds.map { "\($0.code.rawValue)@\($0.span.start)" }.sorted()
        let expected = marked.markers.map { "\($0.code)@\($0.offset)" }.sorted()
        #expect(found == expected)
        #expect(ds.first { $0.code == .tableGap }?.message.contains("89.995") == true)
        #expect(ds.first { $0.code == .tableOverlap }?.message.contains("50") == true)
        #expect(ds.first { $0.code == .fieldNotInSchema }?.help?.contains("`area`") == true)
    }

    @Test func shippedLibraryIsCleanButForPlaceholders() throws {
        let r = try runVerdict(["lint", "rules"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.hasSuffix("0 errors, 0 warnings, 5 notes\n"), "\(r.stdout.suffix(200))")
        #expect(r.stdout.contains("`reasonable-exit-days` is a placeholder"))
        #expect(r.stdout.contains("`service-tier` holds placeholder values"))
    }

    @Test func lintExitsOneOnErrorsAndSpeaksJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-lint-cli-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let marked = MarkedText(try String(contentsOfFile: Repo.path("Tests/Fixtures/lint/planted.rules"), encoding: .utf8))
        try marked.text.write(to: dir.appendingPathComponent("planted.rules"), atomically: true, encoding: .utf8)
        let r = try runVerdict(["lint", "--format", "json", dir.path])
        #expect(r.status == 1)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let ds = obj?["diagnostics"] as? [[String: Any]] ?? []
        #expect(Set(ds.compactMap { $0["code"] as? String }) == Set(marked.markers.map(\.code)))
        #expect(ds.allSatisfy { $0["line"] is Int && $0["column"] is Int })
        let text = try runVerdict(["lint", dir.path])
        #expect(text.stdout.contains("planted.rules:26:1: error[L0006]"))
        #expect(text.stdout.contains("^^^^^"))
    }

    @Test func everyCodeIsInTheCatalogue() {
        for c in DiagnosticCode.allCases { #expect(!c.summary.isEmpty) }
        #expect(Set(DiagnosticCode.allCases.map(\.rawValue)).count == DiagnosticCode.allCases.count)
    }
}
