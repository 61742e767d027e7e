import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule library's own cases: dossiers with their expected findings (.expect files).",
        discussion: """
        Cases are every `*.xml` with a `.expect` beside it under RULES-DIR/cases/, and under each folder \
        listed (one per line, relative to RULES-DIR) in RULES-DIR/cases.paths; a listed folder that does not \
        exist is an error (exit 2). Exit 1 when any expectation fails.

        With --update, each .expect file is rewritten to the current findings (comments and lines that \
        still hold are kept) and the changed lines are printed, file by file, for review.
        """
    )

    @Option(name: .long, help: "Judge as of this date instead of each dossier's own as-of.")
    var asOf: String?

    @Option(name: .long, help: "Override a parameter (repeatable).")
    var param: [String] = []

    @Option(name: .long, help: "Write JUnit XML to FILE.")
    var junit: String?

    @Flag(name: .long, help: "Report which outcomes the cases reach, per rule and per cited article.")
    var coverage = false

    @Flag(name: .long, help: "Rewrite each .expect file to the current findings and print what changed.")
    var update = false

    @Flag(name: .long, help: "Mutation testing: change the rules one condition or constant at a time and report the changes no case notices.")
    var mutate = false

    @Option(name: .long, help: "With --mutate: exit 1 when the mutation score is below N percent.")
    var minScore: String?

    @Option(name: .long, help: "With --mutate: text or json.")
    var format: String = "text"

    @Option(name: .long, help: "With --mutate: threads running mutants (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "With --mutate: seconds a mutant's cases may take (default: 20 times the unmutated run, at least 5).")
    var timeLimit: Double?

    @Argument(help: "The rules directory (default: ./rules).")
    var rulesDirectory: String?

    func run() throws {
        var options = try RuleOptions.parse([])
        options.rules = rulesDirectory
        options.asOf = asOf
        options.param = param
        let dir = options.rulesDirectory()
        if update && (asOf != nil || !param.isEmpty) {
            Terminal.stderr("verdict: --update records each dossier's findings at its own as-of with the shipped parameters; drop --as-of and --param\n")
            throw ExitCode(2)
        }
        try checkMutationOptions()
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        printLoadWarnings(engine.program)
        let found = CaseFiles.find(in: dir)
        if !found.missing.isEmpty {
            for m in found.missing { Terminal.stderr("verdict: \(m.message)\n") }
            throw ExitCode(2)
        }
        let cases = found.cases
        if cases.isEmpty {
            Terminal.stderr("verdict: no cases found under \(dir)/cases or the folders in \(dir)/cases.paths\n")
            throw ExitCode(2)
        }
        if update { return try runUpdate(cases, engine) }
        if mutate {
            return try runMutation(engine, cases, rulesDirectory: dir, schemaPath: options.schemaPath(rulesDirectory: dir))
        }
        var results: [CaseResult] = []
        for path in cases {
            let expectPath = CaseFiles.expectPath(of: path)
            let text = (try? String(contentsOfFile: expectPath, encoding: .utf8)) ?? ""
            let expected: [Expectation]
            switch Expectation.parse(text) {
            case .success(let e): expected = e
            case .failure(let e):
                results.append(CaseResult(dossier: path, expectations: 0, failures: [], error: "\(expectPath):\(e.line): \(e.message)", findings: []))
                continue
            }
            switch engine.check(path) {
            case .failed(let errors):
                results.append(CaseResult(dossier: path, expectations: expected.count, failures: [],
                                          error: errors.map { "\($0.file):\($0.line.map(String.init) ?? "?"): \($0.message)" }.joined(separator: "; "), findings: []))
            case .judged(let report):
                let failures = Expectation.compare(expected, report.findings, knownRules: engine.program.ruleOrder)
                results.append(CaseResult(dossier: path, expectations: expected.count, failures: failures, error: nil, findings: report.findings))
            }
        }
        var out = ""
        for r in results {
            if let e = r.error { out += "FAIL \(r.dossier): \(e)\n" }
            for f in r.failures { out += "FAIL \(r.dossier): \(f)\n" }
        }
        if coverage { out += "\n" + CaseReport.coverage(results, engine.program) + "\n" }
        let (passed, failed) = CaseReport.counts(results)
        out += "\(results.count) cases\n\(passed) passed, \(failed) failed\n"
        print(out, terminator: "")
        if let junit { try AtomicFile.write(CaseReport.junit(results), to: junit) }
        if failed > 0 { throw ExitCode(1) }
    }
}
