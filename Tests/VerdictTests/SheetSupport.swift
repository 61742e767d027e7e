import Foundation
import Testing
import VerdictCore
import VerdictSheets
import VerdictXML

/// Workbook fixtures (Tests/Fixtures/sheets, written by scripts/make-sheet-fixtures.py) and
/// the findings a dossier gets, compared without what depends on the file itself.
enum Sheets {
    static func fixture(_ rel: String) -> String { Repo.path("Tests/Fixtures/sheets/" + rel) }

    /// A folder of its own for one test (removed by the system's temporary-file cleanup).
    static func scratch(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-sheets-\(getpid())/\(name)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Reads and imports a workbook or CSV folder in-process; unreadable files give their problems.
    static func importing(_ path: String) -> (outcome: ImportOutcome?, problems: [SheetProblem]) {
        do {
            let outcome = DossierImport.run(try WorkbookFiles.read(path))
            return (outcome, outcome.problems)
        } catch let e as WorkbookUnreadable {
            return (nil, e.problems)
        } catch {
            Issue.record("\(error)")
            return (nil, [])
        }
    }

    /// Imports and writes the dossier to `xml`; records an issue when it does not import.
    static func importDossier(_ path: String, to xml: String) throws -> PlainElement {
        let (outcome, problems) = importing(path)
        let dossier = try #require(outcome?.dossier, Comment(rawValue: problems.map(\.description).joined(separator: "\n")))
        let bytes = try DossierImport.validatedXML(dossier, source: (path as NSString).lastPathComponent, loader: Repo.engine.loader, path: xml)
        try Data(bytes).write(to: URL(fileURLWithPath: xml))
        return dossier
    }

    /// The check's JSON for one dossier with its file name and its line numbers taken out: those
    /// belong to the file (an imported dossier has no comments and its own layout), not to the verdicts.
    static func findings(_ path: String) -> String {
        guard case .judged(let report) = Repo.engine.check(path) else {
            Issue.record("\(path) was not judged")
            return ""
        }
        let json = JSONReport.line(report).replacingOccurrences(of: JSONWriter.quote(path), with: "\"FILE\"")
        return json.replacingOccurrences(of: "第 [0-9]+ 行", with: "第 N 行", options: .regularExpression)
    }

    static func outcomes(_ path: String) -> [String: String] {
        guard case .judged(let report) = Repo.engine.check(path) else { return [:] }
        var out: [String: String] = [:]
        for f in report.findings { out["\(f.rule) \(f.subject ?? "-")"] = "\(f.outcome)" }
        return out
    }

    /// Exports a dossier to .xlsx in-process (as `verdict export` does).
    static func export(_ dossierPath: String, to xlsx: String) throws {
        let doc = try Repo.engine.loader.load(dossierPath)
        try WorkbookExport.write(try #require(doc.plainTree()), to: xlsx)
    }
}

extension PlainElement {
    /// The children named `name` under the first `parent` child.
    func all(_ name: String, in parent: String) -> [PlainElement] { first(parent)?.all(name) ?? [] }
}
