import ArgumentParser
import Foundation
import VerdictLSP

struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Language server for rule files (LSP over standard input and output), for editors.",
        discussion: "The workspace folder is a rules directory or holds `rules/`. Diagnostics of check and lint, hover with the law's text, definition, references, rename, symbols, completion, formatting, quick fixes, and a code lens with each rule's example cases."
    )

    @Flag(name: .long, help: "Accepted for clients that pass it; standard input and output are always used.")
    var stdio = false

    func run() throws {
        var config = LanguageServer.Configuration()
        config.templateNames = { TemplateNames.find(in: $0) }
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(input: .standardInput, output: .standardOutput, configuration: config)
        let code = server.run()
        if code != 0 { throw ExitCode(code) }
    }
}
