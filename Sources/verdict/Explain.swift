import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a rule's finding was derived: facts with dossier lines, exact arithmetic, the branch taken, parameters and the law's text."
    )

    @OptionGroup var options: RuleOptions

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @Argument(help: "The rule id, e.g. assembly.quorum.")
    var rule: String

    @Argument(help: "The dossier.")
    var dossier: String

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        guard engine.program.rules[rule] != nil else {
            let s = FuzzyMatch.suggestion(for: rule, among: engine.program.ruleOrder)
            Terminal.stderr("verdict: unknown rule `\(rule)`\(s.map { "; did you mean `\($0)`?" } ?? "")\n")
            throw ExitCode(2)
        }
        if case .failed(let errors) = engine.check(dossier) {
            for e in errors { Terminal.stderr("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n") }
            throw ExitCode(2)
        }
        guard let (findings, asOf) = engine.explain(rule, dossier) else { throw ExitCode(2) }
        var ex = Explanation(program: engine.program, dossierFile: dossier, asOf: asOf)
        ex.colour = Terminal.colour(fd: 1)
        if format == .json {
            print(ex.json(findings), terminator: "")
            return
        }
        if findings.isEmpty {
            print("\(rule): 本卷宗没有该规则的结论（不适用） — no finding: the rule does not apply to this dossier")
            return
        }
        print(findings.map(ex.text).joined(separator: "\n"), terminator: "")
    }
}
