import ArgumentParser
import Foundation
import VerdictSheets
import VerdictXML

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a dossier from a workbook (.xlsx) or a folder of CSV files; or write an empty workbook to fill (--template).",
        discussion: """
        The workbook layout is described in docs/spreadsheets.md. Every problem is listed with its \
        sheet and cell (业主名册!C14); nothing is written while any error remains.
        Exit status: 0 written; 2 usage error or errors in the workbook.
        """
    )

    @Option(name: .shortAndLong, help: "The dossier to write (or, with --template, the workbook).")
    var output: String

    @Option(name: .long, help: "Write an empty workbook for a kind of dossier: community, firm or renovation.")
    var template: String?

    @Flag(name: .long, help: "Do not print warnings.")
    var quiet = false

    @Argument(help: "WORKBOOK.xlsx or a folder of CSV files (卷宗信息.csv, 业主名册.csv …).")
    var workbook: String?

    func validate() throws {
        if template == nil && workbook == nil { throw ValidationError("name a workbook (.xlsx) or a folder of CSV files, or use --template KIND") }
        if template != nil && workbook != nil { throw ValidationError("--template writes a new workbook: name no input workbook with it") }
        if let template, WorkbookLayout.of(kind: template) == nil {
            throw ValidationError("--template `\(template)`: write community, firm or renovation")
        }
    }

    func run() throws {
        if let template {
            let toDevice = AtomicFile.isSpecial(output)
            try SheetFiles.write(output) { try WorkbookTemplate.write(kind: template, to: $0) }
            if !toDevice { print("已写出模板 \(output)（\(template)）：填写后运行 verdict import \(output) -o 卷宗.xml") }
            return
        }
        let book: Workbook
        do {
            book = try WorkbookFiles.read(workbook!)
        } catch let e as WorkbookUnreadable {
            report(e.problems)
            throw ExitCode(2)
        }
        let outcome = DossierImport.run(book)
        report(outcome.problems)
        guard let dossier = outcome.dossier else {
            let n = outcome.errors.count
            Terminal.stderr("导入失败：\(n) 个错误，未写出 \(output)（import failed: \(n) error\(n == 1 ? "" : "s"), nothing written）\n")
            throw ExitCode(2)
        }
        // The dossier must load as any dossier does (schema and structure) before it is written.
        let loader = try DossierLoader(schemaPath: Installation.find("schema/dossier.xsd") ?? "schema/dossier.xsd", paths: CompiledPaths())
        let bytes: [UInt8]
        do {
            bytes = try DossierImport.validatedXML(dossier, source: book.source, loader: loader, path: output)
        } catch let e as DossierErrors {
            for p in e.problems { Terminal.stderr("\(p)\n") }
            Terminal.stderr("导入失败：生成的卷宗未通过校验，未写出 \(output)（this is a bug in verdict import: please report it）\n")
            throw ExitCode(2)
        }
        let toDevice = AtomicFile.isSpecial(output)  // -o /dev/stdout: the dossier alone on standard output
        try AtomicFile.write(bytes: bytes, to: output)
        guard !toDevice else { return }
        for line in outcome.summary { print(line) }
        print("已写出 \(output)")
    }

    func report(_ problems: [SheetProblem]) {
        for p in problems where !(quiet && p.severity == .warning) { Terminal.stderr("\(p)\n") }
    }
}

/// Workbooks written whole or not at all.
enum SheetFiles {
    /// Writes through a temporary file and a rename (never half a workbook).
    static func write(_ path: String, _ body: (String) throws -> Void) throws {
        if AtomicFile.isSpecial(path) {
            // A zip is written with seeks: build it in a temporary file, then copy it to the device or pipe.
            let tmp = (NSTemporaryDirectory() as NSString).appendingPathComponent("verdict-\(getpid()).xlsx")
            defer { unlink(tmp) }
            AtomicFile.registerForCleanup(tmp)
            try body(tmp)
            guard let data = FileManager.default.contents(atPath: tmp) else { throw WriteFailure("cannot write \(path)") }
            try AtomicFile.write(data: data, to: path)
            return
        }
        let tmp = AtomicFile.temporaryPath(for: path)
        AtomicFile.registerForCleanup(tmp)
        do {
            try body(tmp)
        } catch {
            unlink(tmp)
            throw WriteFailure("cannot write \(path): \(error)")
        }
        try AtomicFile.rename(tmp, to: path)
    }
}
