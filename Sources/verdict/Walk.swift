import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct Walk: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk a procedure step by step over a dossier, for training sessions (e.g. `dismissal`, `renewal`, `exit`).",
        discussion: "With --interactive, each step waits for the trainee's answer (from the terminal or standard input) before the verdict is revealed."
    )

    @OptionGroup var options: RuleOptions

    @Flag(name: .long, help: "Ask for the trainee's answer before revealing each step's status.")
    var interactive = false

    @Argument(help: "The procedure: dismissal, renewal or exit.")
    var procedure: String

    @Argument(help: "The dossier.")
    var dossier: String

    func run() throws {
        let engine = try options.engine(colour: Terminal.colour(fd: 2))
        guard let decl = engine.program.procedures[procedure] else {
            let names = engine.program.procedures.keys.sorted()
            let s = FuzzyMatch.suggestion(for: procedure, among: names)
            Terminal.stderr("verdict: unknown procedure `\(procedure)`\(s.map { "; did you mean `\($0)`?" } ?? ""); procedures: \(names.joined(separator: ", "))\n")
            throw ExitCode(2)
        }
        guard let interpreter = engine.interpreter(for: dossier) else { throw ExitCode(2) }
        let walk = Walkthrough(procedure: decl, interpreter: interpreter)
        let colour = Terminal.colour(fd: 1)
        func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        var out = bold("\(decl.title)") + "\n卷宗 dossier: \(dossier)    截至 as of: \(walk.asOf)\n"
        emit(out)
        out = ""
        var score = 0, asked = 0
        var stdinOpen = true
        for step in walk.steps {
            var s = "\n" + bold("第 \(step.number) 步 step \(step.number)：\(step.title)") + (step.rule.map { "  [\($0)]" } ?? "") + "\n"
            for (cite, text) in step.law {
                s += "  依据 \(cite)\n    \(text.map { "「\(Walk.shorten($0))」" } ?? "（文本未存档 text not on file）")\n"
            }
            if !step.shows.isEmpty {
                s += "  卷宗显示 the dossier shows:\n"
                for line in step.shows { s += "    \(line)\n" }
            }
            emit(s)
            if interactive && stdinOpen {
                emit("  你的判断？ your call: [1] done 已完成  [2] pending 待办  [3] overdue 逾期  [4] failed 未通过  [5] blocked 受阻  [6] n/a 不适用  [7] unknown  [8] advice 建议 > ")
                if let answer = readLine() {
                    asked += 1
                    let chosen = Walk.parseAnswer(answer)
                    let right = chosen == step.status
                    if right { score += 1 }
                    emit(right ? "  ✓ 正确 correct\n" : "  ✗ 答案是 the answer is: \(step.status.label)\n")
                } else {
                    stdinOpen = false
                    emit("\n")
                }
            }
            var r = "  状态 status: \(bold(step.status.label))\(step.due.map { "（期限 due \($0)）" } ?? "")\n"
            for f in step.findings {
                r += "    \(f.subject.map { "[\($0)] " } ?? "")\(f.outcome.rawValue): \(f.message)\n"
            }
            if step.status == .blocked {
                r += "  → 先完成前面的步骤 finish the earlier steps first\n"
            }
            for n in step.next where step.status != .done {
                r += "  → \(n.action)\(n.due.map { "（期限 \($0)）" } ?? "")\n"
            }
            emit(r)
        }
        if interactive && asked > 0 {
            emit("\n" + bold("得分 score: \(score) / \(asked)") + "\n")
        }
    }

    func emit(_ s: String) {
        FileHandle.standardOutput.write(s.data(using: .utf8) ?? Data())
    }

    static func shorten(_ text: String) -> String {
        text.count > 160 ? String(text.prefix(160)) + "……" : text
    }

    static func parseAnswer(_ a: String) -> Walkthrough.Status? {
        let t = a.trimmingCharacters(in: .whitespaces).lowercased()
        switch t {
        case "1", "done", "已完成": return .done
        case "2", "pending", "待办": return .pending
        case "3", "overdue", "逾期": return .overdue
        case "4", "failed", "fail", "未通过": return .failed
        case "5", "blocked", "受阻": return .blocked
        case "6", "n/a", "na", "不适用": return .notApplicable
        case "7", "unknown", "无法判断": return .unknown
        case "8", "advice", "advised", "建议": return .advised
        default: return nil
        }
    }
}
