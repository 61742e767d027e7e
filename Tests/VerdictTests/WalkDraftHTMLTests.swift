import Foundation
import Testing
import VerdictCore
import VerdictDocuments

@Suite("walk, drafts and the HTML report", .serialized)
struct WalkDraftHTMLTests {
    static let series = ["01-vote", "02-notice", "03-termination", "04-handover", "05-fee-claim", "06-late-records"]

    @Test(arguments: series)
    func walkGolden(_ stage: String) throws {
        let r = try runVerdict(["walk", "dismissal", "examples/series/dismissal/\(stage).xml"])
        #expect(r.status == 0, "\(r.stderr)")
        assertGolden(r.stdout, "Tests/Fixtures/walk/dismissal-\(stage).txt")
    }

    @Test func walkStatusesFollowTheProcedure() throws {
        let vote = try runVerdict(["walk", "dismissal", "examples/series/dismissal/01-vote.xml"])
        #expect(vote.stdout.contains("第 1 步 step 1"))
        #expect(vote.stdout.contains("状态 status: 已完成 done"))
        #expect(vote.stdout.contains("受阻于前一步 blocked by an earlier step"))
        let late = try runVerdict(["walk", "dismissal", "examples/series/dismissal/06-late-records.xml"])
        #expect(late.stdout.contains("逾期 overdue"))
    }

    @Test func interactiveWalkTakesAnswersFromStandardInput() throws {
        // A typo and an empty line ask again instead of scoring; the 5th step is blocked.
        let r = try runVerdict(["walk", "--interactive", "dismissal", "examples/series/dismissal/03-termination.xml"],
                               stdin: "done\ndnoe\n\n1\ndone\npending\n5\n8\n")
        #expect(r.status == 0)
        assertGolden(r.stdout, "Tests/Fixtures/walk/dismissal-03-interactive.txt")
        #expect(r.stdout.contains("得分 score: 6 / 6"))
        #expect(r.stdout.contains("无法识别 `dnoe`"))
        #expect(r.stdout.contains("请输入 1–8，或 q 退出"))
        // The facts come before the question, the verdict after the answer.
        for step in 1...4 {
            let header = try #require(r.stdout.range(of: "第 \(step) 步"))
            let rest = r.stdout[header.upperBound...]
            let shows = rest.range(of: "卷宗显示"), ask = rest.range(of: "你的判断"), reveal = rest.range(of: "状态 status")
            #expect(shows != nil && ask != nil && reveal != nil)
            #expect(shows!.lowerBound < ask!.lowerBound && ask!.lowerBound < reveal!.lowerBound, "step \(step)")
        }
    }

    @Test func interactiveWalkQuitsWithTheScoreSoFar() throws {
        let r = try runVerdict(["walk", "--interactive", "dismissal", "examples/series/dismissal/06-late-records.xml"],
                               stdin: "1\n2\nq\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("已退出 quit. 得分 score: 1 / 2"), "\(r.stdout.suffix(400))")
        #expect(!r.stdout.contains("第 4 步"))
    }

    @Test func walkShowsEvidenceNeverTheAnswer() throws {
        let r = try runVerdict(["walk", "dismissal", "examples/series/dismissal/06-late-records.xml"])
        // Step 1 shows the vote's counts and thresholds, not whether they were met.
        #expect(r.stdout.contains("[d1] 参与表决的专有部分面积（㎡）：1106.75"))
        #expect(r.stdout.contains("[d1] 须参与表决的面积（总面积 × 2/3，㎡）：834.34"))
        #expect(r.stdout.contains("解聘表决日：2025-05-17"))
        #expect(!r.stdout.contains("面积是否达到"))
        // Step 4 shows when each item came back, not which ones were late.
        #expect(r.stdout.contains("已交还或完成的事项及日期：物业服务用房 2025-08-05、相关设施 2025-08-05、物业服务所必需的相关资料 2025-09-15"))
        #expect(!r.stdout.contains("逾期交还或完成的事项"))
        #expect(!r.stdout.contains("退出交接的结论"))
        // Plain Chinese: no fact or rule names.
        for name in ["strangers", "register-ballots", "area-met", "early-notices", "decision =", "dismissal.", "handover.", "exit-outcome", "（原因：dismissal）"] {
            #expect(!r.stdout.contains(name), "walk text shows `\(name)`")
        }
    }

    @Test func walkAsOfShowsNoLaterStepAsDone() throws {
        // On 2025-06-10 the contract has not ended: the August fee claim cannot be judged yet.
        let june = try runVerdict(["walk", "--as-of", "2025-06-10", "dismissal", "examples/series/dismissal/05-fee-claim.xml"])
        #expect(june.status == 0)
        let step5 = try #require(june.stdout.range(of: "第 5 步"))
        let after = june.stdout[step5.upperBound...]
        #expect(after.contains("状态 status: 受阻于前一步 blocked by an earlier step"), "\(after)")
        #expect(!after.prefix(600).contains("已完成 done"))
        // On 2025-08-01 the handover is still pending: the fee step waits for it.
        let august = try runVerdict(["walk", "--as-of", "2025-08-01", "dismissal", "examples/series/dismissal/05-fee-claim.xml"])
        #expect(august.stdout.contains("状态 status: 待办 pending（期限 due 2025-08-15）"))
        let fees = try #require(august.stdout.range(of: "第 5 步"))
        #expect(august.stdout[fees.upperBound...].contains("状态 status: 受阻于前一步 blocked by an earlier step"))
    }

    @Test func everyShippedFactHasAChineseLabel() throws {
        var unlabelled: Set<String> = []
        for path in Repo.exampleCases() {
            guard case .judged(let report) = Repo.engine.check(Repo.path(path)) else { continue }
            for f in report.findings {
                for (name, _) in f.facts where FactLabels.label(name, rule: f.rule) == nil { unlabelled.insert("\(f.rule) \(name)") }
            }
        }
        #expect(unlabelled.isEmpty, "facts without a label in FactLabels: \(unlabelled.sorted())")
    }

    @Test func htmlFactTablesAndTimelineSpeakChinese() throws {
        let r = try runVerdict(["check", "--format", "html", "examples/series/dismissal/06-late-records.xml"])
        #expect(r.status == 1)
        for name in ["<th>strangers", "<th>register-ballots", "<th>area-met", "<th>served", "served dismissal.notice", "period-end handover.exit"] {
            #expect(!r.stdout.contains(name), "the HTML shows `\(name)`")
        }
        #expect(r.stdout.contains("<th>名册外的投票人</th>"))
        let timeline = try #require(r.stdout.range(of: "<ul class=\"timeline\">")).upperBound
        let items = r.stdout[timeline...].prefix { $0 != "\n" }
        #expect(items.hasPrefix("<li>2025-05-17 — 解聘表决日</li><li>2025-06-01 — 解聘通知送达日</li><li>2025-07-31 — 合同终止日</li>"), "\(items)")
        #expect(!items.contains("dismissal.") && !items.contains("handover."))
    }

    @Test func unknownProcedureIsAUsageError() throws {
        let r = try runVerdict(["walk", "dismisal", "examples/series/dismissal/01-vote.xml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("did you mean `dismissal`?"))
    }

    @Test func draftsAreFilledFromTheDossier() throws {
        let notice = try runVerdict(["draft", "dismissal-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(notice.status == 0, "\(notice.stderr)")
        assertGolden(notice.stdout, "Tests/Fixtures/drafts/dismissal-notice-01-vote.md")
        #expect(notice.stdout.contains("晋城某甲物业服务有限公司"))
        #expect(notice.stdout.contains("2025-07-19"))  // 2025-05-20 + 60 days
        let checklist = try runVerdict(["draft", "handover-checklist", "examples/series/dismissal/04-handover.xml"])
        #expect(checklist.status == 0)
        assertGolden(checklist.stdout, "Tests/Fixtures/drafts/handover-checklist-04-handover.md")
        #expect(checklist.stdout.contains("- [ ] 物业服务所必需的相关资料"))
        let html = try runVerdict(["draft", "--format", "html", "dismissal-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<h1>解聘通知书</h1>"))
    }

    @Test func draftsAreRefusedWhenNotYetLawful() throws {
        let failedVote = try runVerdict(["draft", "dismissal-notice", "examples/community/dismissal-vote-fails-approval.xml"])
        #expect(failedVote.status == 1)
        #expect(failedVote.stdout.isEmpty)
        #expect(failedVote.stderr.contains("拒绝出具"))
        let noTermination = try runVerdict(["draft", "handover-checklist", "examples/series/dismissal/01-vote.xml"])
        #expect(noTermination.status == 1)
        #expect(noTermination.stderr.contains("termination"))
        let unknown = try runVerdict(["draft", "eviction-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(unknown.status == 2)
    }

    @Test func dismissalNoticeIsRefusedOnceServedOrEnded() throws {
        // The notice was served on 2025-06-01 and the contract ended on 2025-07-31.
        let late = try runVerdict(["draft", "dismissal-notice", "examples/series/dismissal/06-late-records.xml"])
        #expect(late.status == 1)
        #expect(late.stdout.isEmpty)
        #expect(late.stderr.contains("合同已于 2025-07-31 终止（因解聘）"), "\(late.stderr)")
        #expect(late.stderr.contains("n1 已于 2025-06-01 送达"))
        #expect(late.stderr.contains("The contract already ended on 2025-07-31"))
        let served = try runVerdict(["draft", "dismissal-notice", "examples/series/dismissal/02-notice.xml"])
        #expect(served.status == 1)
        #expect(served.stderr.contains("书面解聘通知 n1 已于 2025-06-01 送达，不再出具新的解聘通知"), "\(served.stderr)")
        #expect(served.stderr.contains("A written dismissal notice was already served (n1 on 2025-06-01)"))
        // After the agreed term the contract is of indefinite term (Art. 948 ¶2), not for this notice.
        let expired = try runVerdict(["draft", "--as-of", "2026-01-05", "dismissal-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(expired.status == 1)
        #expect(expired.stderr.contains("合同约定期限已于 2025-12-31 届满"), "\(expired.stderr)")
        #expect(expired.stderr.contains("Art. 948"))
        // Served on 2025-11-15, 60 days end it no earlier than 2026-01-14: after it expires anyway.
        let tooLate = try runVerdict(["draft", "--as-of", "2025-11-15", "dismissal-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(tooLate.status == 1)
        #expect(tooLate.stderr.contains("最早解除日 2026-01-14 已晚于合同期限届满日 2025-12-31"), "\(tooLate.stderr)")
    }

    @Test func dismissalNoticeIsStillDraftedWhileItCanDoItsJob() throws {
        let early = try runVerdict(["draft", "--as-of", "2025-10-01", "dismissal-notice", "examples/series/dismissal/01-vote.xml"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.contains("合同最早于 **2025-11-30** 解除"))
        // An oral notice does not count (Art. 946 asks for writing): a written one is drafted.
        let oral = try runVerdict(["draft", "dismissal-notice", "examples/community/dismissal-oral-notice.xml"])
        #expect(oral.status == 0, "\(oral.stderr)")
        #expect(oral.stdout.contains("晋城某戊物业服务有限公司"))
    }

    @Test func handoverChecklistIsRefusedOnceEveryItemIsDone() throws {
        let done = try runVerdict(["draft", "handover-checklist", "examples/series/dismissal/06-late-records.xml"])
        #expect(done.status == 1)
        #expect(done.stderr.contains("五项交接事项均已完成（最后一项于 2025-09-15）"), "\(done.stderr)")
        #expect(done.stderr.contains("Every handover item is already done"))
        let open = try runVerdict(["draft", "handover-checklist", "examples/series/dismissal/05-fee-claim.xml"])
        #expect(open.status == 0, "\(open.stderr)")
        #expect(open.stdout.contains("（原因：因解聘）"))
        #expect(!open.stdout.contains("dismissal"))
    }

    static func chromium() -> String? {
        for c in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: c) {
            return c
        }
        return nil
    }

    @Test func htmlReportRendersInHeadlessChromium() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdict-html-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html").path
        let r = try runVerdict(["check", "--format", "html", "-o", page, "examples/series/dismissal", "examples/firm/credit-d-at-59.99.xml"])
        #expect(r.status == 1)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"), "self-contained: nothing fetched")
        #expect(html.contains("supervision.exit-mechanism"))
        guard let browser = Self.chromium() else {
            print("SKIPPED htmlReportRendersInHeadlessChromium: no Chromium installed (apt-get install chromium)")
            return
        }
        let dom = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://\(page)"])
        #expect(dom.status == 0)
        #expect(dom.stdout.contains("Verdict 合规报告"))
        #expect(dom.stdout.contains("不合规 noncompliant"))
        #expect(dom.stdout.contains("class=\"finding fail\""))
        #expect(!dom.stderr.contains("Uncaught"), "no script errors")
        let png = dir.appendingPathComponent("report.png").path
        let shot = try run(browser, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1600", "--screenshot=\(png)", "file://\(page)"])
        #expect(shot.status == 0)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 20_000, "the screenshot shows a rendered page (\(size) bytes)")
    }

    func run(_ exe: String, _ args: [String]) throws -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
