import Foundation
import Testing
import VerdictCore
import VerdictXML

/// One loaded program, many evaluations: the date and the parameters travel with each
/// evaluation, never with the program, so evaluations with different inputs can share it.
@Suite("Evaluation inputs")
struct EngineInputsTests {
    static let dossier = "examples/community/handover-reasonable-exit-days.xml"

    func report(_ inputs: EvaluationInputs) throws -> String {
        guard case .judged(let r) = Repo.engine.check(Repo.path(Self.dossier), inputs) else {
            Issue.record("not judged")
            return ""
        }
        return JSONReport.line(r)
    }

    @Test func paramsAndDateAreGivenPerEvaluation() throws {
        let (fifteen, problems) = ParamValues.parse(["reasonable-exit-days": "15"], for: Repo.engine.program)
        #expect(problems.isEmpty)
        let shipped = try report(EvaluationInputs())
        let shorter = try report(EvaluationInputs(params: fifteen))
        let earlier = try report(EvaluationInputs(asOf: CivilDate(iso: "2024-01-01")))
        #expect(shipped.contains("\"placeholder\":true"))
        #expect(shorter.contains("\"placeholder\":false"))
        #expect(shorter != shipped)
        #expect(earlier.contains("\"asOf\":\"2024-01-01\""))
        // The program kept nothing of those evaluations.
        #expect(try report(EvaluationInputs()) == shipped)
    }

    @Test func evaluationsWithDifferentInputsRunAtOnce() throws {
        let (fifteen, _) = ParamValues.parse(["reasonable-exit-days": "15"], for: Repo.engine.program)
        let inputs = [EvaluationInputs(), EvaluationInputs(params: fifteen), EvaluationInputs(asOf: CivilDate(iso: "2024-01-01"))]
        let expected = try inputs.map(report)
        let results = Results(count: 24)
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            results.set(i, (try? report(inputs[i % 3])) ?? "")
        }
        for i in 0..<24 { #expect(results.get(i) == expected[i % 3], "evaluation \(i)") }
    }

    @Test func badParametersAreLocatedWithADidYouMean() {
        let (_, problems) = ParamValues.parse(["reasonable-exit-dayz": "15", "reasonable-exit-days": "fifteen"], for: Repo.engine.program)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.message.contains("unknown parameter `reasonable-exit-dayz`") && ($0.help ?? "").contains("reasonable-exit-days") })
        #expect(problems.contains { $0.message.contains("`fifteen` is not a value of the parameter's kind") })
    }

    @Test func explainSaysWhenARuleJudgesAnotherKind() throws {
        let r = try runVerdict(["explain", "credit.grade", "examples/community/committee-size-5.xml"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("does not apply to this community dossier"))
        #expect(r.stdout.contains("物业服务企业（firm）"))
        let j = try runVerdict(["explain", "--format", "json", "credit.grade", "examples/community/committee-size-5.xml"])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        #expect(obj?["applies"] as? Bool == false)
        #expect(obj?["kinds"] as? [String] == ["firm"])
    }
}

/// Results written by concurrent evaluations, one slot each.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String]
    init(count: Int) { slots = Array(repeating: "", count: count) }
    func set(_ i: Int, _ s: String) { lock.lock(); slots[i] = s; lock.unlock() }
    func get(_ i: Int) -> String { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
