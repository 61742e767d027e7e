import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

struct Walk: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk a procedure step by step over a dossier, for training sessions (e.g. `dismissal`, `renewal`, `exit`).",
        discussion: "With --interactive, each step shows the facts it needs, then waits for the trainee's answer (from the terminal or standard input: 1–8 or a status name; anything else asks again; q quits with the score so far) before the verdict is revealed. --as-of walks the dossier as it stood on that date."
    )

    @OptionGroup var options: RuleOptions

    @Flag(name: .long, help: "Ask for the trainee's answer before revealing each step's status.")
    var interactive = false

    @Argument(help: "The procedure: dismissal, renewal or exit.", completion: .custom { _, _, _ in RuleIds.declared("procedure") })
    var procedure: String

    @Argument(help: "The dossier.", completion: .file(extensions: ["xml", "XML"]))
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
        emit(bold("\(decl.title)") + "\n卷宗 dossier: \(dossier)    截至 as of: \(walk.asOf)\n")
        var score = 0, asked = 0
        var stdinOpen = true
        for step in walk.steps {
            emit(Walk.question(step, bold: bold))
            if interactive && stdinOpen {
                switch Walk.ask(emit) {
                case .answer(let chosen):
                    asked += 1
                    let right = chosen == step.status
                    if right { score += 1 }
                    emit(right ? "  ✓ 正确 correct\n" : "  ✗ 答案是 the answer is: \(step.status.label)\n")
                case .quit:
                    emit("\n" + bold("已退出 quit. 得分 score: \(score) / \(asked)") + "\n")
                    return
                case .endOfInput:
                    stdinOpen = false
                    emit("\n")
                }
            }
            emit(Walk.verdict(step, bold: bold))
        }
        if interactive && asked > 0 {
            emit("\n" + bold("得分 score: \(score) / \(asked)") + "\n")
        }
    }

    /// What a trainee sees before answering: the step, its law, the facts it needs.
    static func question(_ step: Walkthrough.Step, bold: (String) -> String) -> String {
        var s = "\n" + bold("第 \(step.number) 步 step \(step.number)：\(step.title)") + "\n"
        for (cite, text) in step.law {
            s += "  依据 \(cite)\n    \(text.map { "「\(Walk.shorten($0))」" } ?? "（文本未存档 text not on file）")\n"
        }
        if !step.evidence.isEmpty {
            s += "  卷宗显示 the dossier shows:\n"
            for e in step.evidence { s += "    \(e.line)\n" }
        }
        return s
    }

    /// The step's status, the findings behind it and what to do next.
    static func verdict(_ step: Walkthrough.Step, bold: (String) -> String) -> String {
        var r = "  状态 status: \(bold(step.status.label))\(step.due.map { "（期限 due \($0)）" } ?? "")\n"
        // A blocked step's findings judge a situation that has not arisen yet: not shown.
        for f in step.findings where step.status != .blocked {
            r += "    \(f.subject.map { "[\($0)] " } ?? "")\(f.outcome.label)：\(f.message)\n"
        }
        if step.status == .blocked {
            r += "  → 先完成前面的步骤 finish the earlier steps first\n"
        }
        for n in step.next where step.status != .done && step.status != .blocked {
            r += "  → \(n.action)\(n.due.map { "（期限 \($0)）" } ?? "")\n"
        }
        return r
    }

    enum Reply: Equatable {
        case answer(Walkthrough.Status)
        case quit
        case endOfInput
    }

    static let prompt = "  你的判断？ your call: [1] 已完成 done  [2] 待办 pending  [3] 逾期 overdue  [4] 未通过 failed  [5] 受阻 blocked  [6] 不适用 n/a  [7] 无法判断 unknown  [8] 建议适用 advice  [q] 退出 quit > "

    /// Asks until the answer is one of the choices: a typo or an empty line asks again.
    static func ask(_ emit: (String) -> Void, read: () -> String? = { readLine() }) -> Reply {
        emit(prompt)
        while let line = read() {
            let t = line.trimmingCharacters(in: .whitespaces).lowercased()
            if ["q", "quit", "exit", "退出"].contains(t) { return .quit }
            if let s = parseAnswer(t) { return .answer(s) }
            emit(t.isEmpty ? "  请输入 1–8，或 q 退出 (enter 1–8, or q to quit) > "
                           : "  无法识别 `\(line)`：请输入 1–8，或 q 退出 (not a choice: enter 1–8, or q to quit) > ")
        }
        return .endOfInput
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
