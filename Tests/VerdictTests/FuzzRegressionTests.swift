import Foundation
import Testing
import VerdictCore
import VerdictXML

/// Replays the fuzzers' findings (Tests/Fixtures/fuzz-regressions) through the targets' entry points.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static func files(_ folder: String) -> [String] {
        let dir = Repo.path("Tests/Fixtures/fuzz-regressions/\(folder)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test(arguments: files("rules"))
    func ruleFile(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("Tests/Fixtures/fuzz-regressions/rules/\(name)")))
        let text = String(decoding: data, as: UTF8.self)
        let (program, ds) = RuleLoader.check(files: [SourceFile(path: name, text: text)], validateXPath: CompiledPaths.validate)
        _ = DiagnosticRenderer(files: program.files).renderAll(ds)
        if case .success(let out) = Formatter.format(text, path: name), case .success(let again) = Formatter.format(out, path: name) {
            #expect(again == out, "fmt is idempotent on \(name)")
        }
    }

    @Test(arguments: files("dossier"))
    func dossier(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("Tests/Fixtures/fuzz-regressions/dossier/\(name)")))
        if let doc = try? Repo.engine.loader.load(bytes: [UInt8](data), path: name), case .judged(let r) = Repo.engine.judge.judge(doc, Repo.engine.inputs) {
            _ = JSONReport.line(r)
            _ = TextReport(colour: false).render(r)
        }
    }

    @Test func theCorporaAreReplayable() {
        // The folders exist even when no crash has been found, so the replay always runs.
        #expect(FileManager.default.fileExists(atPath: Repo.path("Tests/Fixtures/fuzz-regressions/README.md")))
    }
}
