import Foundation
import Testing
import VerdictCore
import VerdictXML

/// Every shipped example dossier gives exactly the findings kept beside it.
@Suite("Examples match their expected findings")
struct ExampleTests {
    @Test(arguments: Repo.exampleCases())
    func example(_ rel: String) throws {
        let path = Repo.path(rel)
        let expectText = try String(contentsOfFile: String(path.dropLast(4)) + ".expect", encoding: .utf8)
        guard case .success(let expected) = Expectation.parse(expectText) else {
            Issue.record("cannot read \(rel).expect")
            return
        }
        switch Repo.engine.check(path) {
        case .failed(let errors):
            Issue.record("\(rel) could not be judged: \(errors.map(\.message))")
        case .judged(let report):
            let problems = Expectation.compare(expected, report.findings)
            #expect(problems.isEmpty, Comment(rawValue: "\(rel):\n" + problems.joined(separator: "\n")))
        }
    }

    @Test func theBureausTableOf2024() throws {
        var summary = Summary()
        for rel in Repo.exampleCases() where rel.hasPrefix("examples/firms-2024/") {
            if case .judged(let r) = Repo.engine.check(Repo.path(rel)) { summary.add(r) }
        }
        #expect(summary.dossiers == 202)
        #expect(summary.values["credit.grade"] == ["A": 32, "B": 77, "C": 92, "D": 1])
    }

    @Test func encodingsGiveTheSameVerdicts() throws {
        let pairs = [("examples/community/encoding-gbk.xml", "examples/community/dismissal-lawful-60-days.xml"),
                     ("examples/community/encoding-utf16.xml", "examples/community/quorum-exactly-two-thirds.xml")]
        for (encoded, original) in pairs {
            guard case .judged(let a) = Repo.engine.check(Repo.path(encoded)),
                  case .judged(let b) = Repo.engine.check(Repo.path(original)) else {
                Issue.record("\(encoded) or \(original) not judged")
                continue
            }
            #expect(a.findings.map { "\($0.rule) \($0.subject ?? "-") \($0.outcome)" } == b.findings.map { "\($0.rule) \($0.subject ?? "-") \($0.outcome)" })
        }
    }
}
