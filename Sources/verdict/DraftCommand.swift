import ArgumentParser
import Foundation
import VerdictCore
import VerdictDocuments
import VerdictXML

struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Fill a document template from rules/templates (dismissal-notice, handover-checklist) with the dossier's names, computed dates and citations.",
        discussion: "A draft is refused (exit status 1), with the reason in Chinese and English, when the dossier shows the step is not yet lawful, or that the document already exists or can no longer do its job (a notice already served, a contract already ended, a handover already complete)."
    )

    @OptionGroup var options: RuleOptions

    @Option(name: .long, help: "markdown or html.")
    var format: Format = .markdown

    @Option(name: .shortAndLong, help: "Write the draft to FILE (through a temporary file and a rename).")
    var output: String?

    @Argument(help: "The document: dismissal-notice or handover-checklist.", completion: .list(["dismissal-notice", "handover-checklist"]))
    var document: String

    @Argument(help: "The dossier.", completion: .file(extensions: ["xml", "XML"]))
    var dossier: String

    enum Format: String, ExpressibleByArgument { case markdown, html }

    func run() throws {
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        let templates = (options.rulesDirectory() as NSString).appendingPathComponent("templates")
        guard let interpreter = engine.interpreter(for: dossier) else { throw ExitCode(2) }
        switch Draft.render(document, templates: templates, interpreter: interpreter) {
        case .failed(let why):
            Terminal.stderr("verdict: \(why)\n")
            throw ExitCode(2)
        case .refused(let why):
            Terminal.stderr("verdict: 拒绝出具 \(document)（draft refused）：\(why)\n")
            throw ExitCode(1)
        case .markdown(let md):
            let text = format == .html ? Draft.html(fromMarkdown: md, title: document) : md
            if let output { try AtomicFile.write(text, to: output) } else { print(text, terminator: "") }
        }
    }
}
