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
        let r = try runVerdict(["walk", "--interactive", "dismissal", "examples/series/dismissal/03-termination.xml"],
                               stdin: "done\ndone\ndone\npending\n")
        #expect(r.status == 0)
        assertGolden(r.stdout, "Tests/Fixtures/walk/dismissal-03-interactive.txt")
        #expect(r.stdout.contains("得分 score: 4 / 4"))
        // The answer comes before the verdict is revealed.
        let ask = r.stdout.range(of: "你的判断")
        let reveal = r.stdout.range(of: "状态 status")
        #expect(ask != nil && reveal != nil && ask!.lowerBound < reveal!.lowerBound)
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
