import ArgumentParser
import Foundation
import VerdictSheets
import VerdictXML

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dossier as a workbook (.xlsx) in the layout that `verdict import` reads.",
        discussion: "Exit status: 0 written; 2 usage error or a dossier that could not be read."
    )

    @Option(name: .shortAndLong, help: "The workbook to write (.xlsx).")
    var output: String

    @Argument(help: "The dossier.")
    var dossier: String

    func run() throws {
        let loader = try DossierLoader(schemaPath: Installation.find("schema/dossier.xsd") ?? "schema/dossier.xsd", paths: CompiledPaths())
        let document: DossierDocument
        do {
            document = try loader.load(dossier)
        } catch let e as DossierErrors {
            for p in e.problems { Terminal.stderr("\(p)\n") }
            throw ExitCode(2)
        }
        guard let tree = document.plainTree() else { throw ExitCode(2) }
        let toDevice = AtomicFile.isSpecial(output)
        try SheetFiles.write(output) { try WorkbookExport.write(tree, to: $0) }
        if !toDevice { print("已写出 \(output)") }
    }
}
