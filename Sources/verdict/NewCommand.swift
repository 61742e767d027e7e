import ArgumentParser
import Foundation
import VerdictXML

/// `verdict new community|firm|renovation`: a commented skeleton dossier to start from
/// (docs/skeletons/, explained in docs/dossier-guide.md).
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Print a commented skeleton dossier to start from (community, firm or renovation).",
        discussion: "The skeleton validates against the schema; replace its sample values. Guide: docs/dossier-guide.md."
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case community, firm, renovation }

    @Argument(help: "community, firm or renovation.")
    var kind: Kind

    @Option(name: .shortAndLong, help: "Write the skeleton to FILE instead of standard output.")
    var output: String?

    func run() throws {
        guard let path = Installation.find("docs/skeletons/\(kind.rawValue).xml"),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Terminal.stderr("verdict: the skeleton docs/skeletons/\(kind.rawValue).xml is not installed beside verdict\n")
            throw ExitCode(2)
        }
        if let output {
            try AtomicFile.write(text, to: output)
            Terminal.stderr("已写出 \(output)：填写后运行 verdict check \(output)（指南 guide: docs/dossier-guide.md）\n")
        } else {
            print(text, terminator: "")
        }
    }
}
