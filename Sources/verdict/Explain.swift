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

    @Argument(help: "The rule id, e.g. assembly.quorum.", completion: .custom { _, _, _ in RuleIds.shipped() })
    var rule: String

    @Argument(help: "The dossier.", completion: .file(extensions: ["xml", "XML"]))
    var dossier: String

    enum Format: String, ExpressibleByArgument { case text, json }

    func run() throws {
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        guard engine.program.rules[rule] != nil else {
            let s = FuzzyMatch.suggestion(for: rule, among: engine.program.ruleOrder)
            Terminal.stderr("verdict: unknown rule `\(rule)`\(s.map { "; did you mean `\($0)`?" } ?? "")\n")
            throw ExitCode(2)
        }
        let findings: [Finding], asOf: CivilDate
        switch engine.explain(rule, dossier) {
        case .failure(let failure):
            for e in failure.errors { Terminal.stderr("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n") }
            throw ExitCode(2)
        case .success(.failed(let e)):
            Terminal.stderr("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n")
            throw ExitCode(2)
        case .success(.unknownRule):
            throw ExitCode(2)
        case .success(.notForKind(let kind, let kinds)):
            let zh = ["community": "小区", "firm": "物业服务企业", "renovation": "老旧小区改造"]
            if format == .json {
                print(JSONReport.notForKind(rule: rule, kind: kind, kinds: kinds))
                return
            }
            let names = kinds.map { "\(zh[$0] ?? $0)（\($0)）" }.joined(separator: "、")
            print("\(rule): 该规则只判定\(names)卷宗，不适用于本卷宗（\(zh[kind] ?? kind)，\(kind)）— the rule judges \(kinds.joined(separator: ", ")) dossiers only and does not apply to this \(kind) dossier; `check` leaves it out of this dossier's report")
            return
        case .success(.findings(let f, let date)):
            findings = f
            asOf = date
        }
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

/// Rule ids for shell completion: read from the rules directory without checking it.
enum RuleIds {
    static func shipped() -> [String] { declared("rule") }

    /// The names declared with `KEYWORD NAME` at the start of a line (`rule`, `procedure`).
    static func declared(_ keyword: String) -> [String] {
        let dir = Installation.find("rules") ?? "rules"
        guard let e = DirectoryListing.relativePaths(in: dir) else { return [] }
        var ids: [String] = []
        for rel in e where rel.hasSuffix(".rules") {
            let text = (try? String(contentsOfFile: (dir as NSString).appendingPathComponent(rel), encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") where line.hasPrefix(keyword + " ") {
                if let id = line.split(separator: " ").dropFirst().first { ids.append(String(id)) }
            }
        }
        return ids.sorted()
    }
}
