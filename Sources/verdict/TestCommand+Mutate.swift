import ArgumentParser
import Foundation
import VerdictCore
import VerdictXML

/// `verdict test --mutate`: which conditions and constants of the rules no case pins down.
extension TestCommand {
    /// `--min-score`, `--format`, `--jobs` and `--time-limit` mean something only with `--mutate`.
    func checkMutationOptions() throws {
        guard format == "text" || format == "json" else { throw ValidationError("--format takes text or json") }
        if mutate && update { throw ValidationError("--mutate and --update do not go together") }
        if !mutate, minScore != nil || format != "text" || jobs != nil || timeLimit != nil {
            throw ValidationError("--min-score, --format, --jobs and --time-limit go with --mutate")
        }
    }

    func runMutation(_ engine: CheckEngine, _ paths: [String], rulesDirectory dir: String, schemaPath: String) throws {
        let started = ContinuousClock.now
        var minimum: MutationScore.Percentage?
        if let minScore {
            guard let m = MutationScore.Percentage(minScore), m.numerator <= 100 * m.denominator else {
                throw ValidationError("--min-score `\(minScore)` is not a percentage from 0 to 100")
            }
            minimum = m
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        let main = DossierCaseJudge(engine: engine, schemaPath: schemaPath)
        var cases: [MutationCase] = []
        var unreadable = 0
        for path in paths {
            let text = (try? String(contentsOfFile: CaseFiles.expectPath(of: path), encoding: .utf8)) ?? ""
            guard case .success(let expected) = Expectation.parse(text) else { unreadable += 1; continue }
            cases.append(MutationCase(path: path, kind: main.kind(path) ?? "", expectations: expected))
        }
        main.paths = cases.map(\.path)
        var run = MutationRun(program: engine.program, cases: cases, workers: jobs ?? CheckEngine.coreCount, timeLimit: 0)
        let baselineStart = ContinuousClock.now
        let passing = run.passingCases(main)
        run.timeLimit = timeLimit ?? max(5, 20 * MutationRun.seconds(ContinuousClock.now - baselineStart))
        let failing = passing.filter { !$0 }.count + unreadable
        if failing > 0 {
            Terminal.stderr("verdict: \(failing) case\(failing == 1 ? "" : "s") fail on the unmutated rules and are left out (run `verdict test` to see why)\n")
        }
        let mutants = MutantGenerator.mutants(of: engine.program)
        let casePaths = cases.map(\.path)
        let results = run.run(mutants, passing: passing) {
            let judge = DossierCaseJudge(engine: engine, schemaPath: schemaPath)
            judge.paths = casePaths
            return judge
        }
        let report = MutationReport(summary: MutationSummary(results), rulesDirectory: dir, cases: paths.count,
                                    passingCases: passing.filter { $0 }.count,
                                    seconds: MutationRun.seconds(ContinuousClock.now - started))
        print(format == "json" ? report.json() : report.text(), terminator: "")
        if let junit { try AtomicFile.write(report.junit(), to: junit) }
        if let minimum, !report.summary.overall.reaches(minimum) {
            Terminal.stderr("verdict: mutation score \(report.summary.overall.text) is below --min-score \(minScore ?? "")%\n")
            throw ExitCode(1)
        }
    }
}

/// Judges the cases' dossiers with a mutated program on one thread. Each dossier is read
/// once, on first use, and judged again by every mutant whose XPaths are the original's.
final class DossierCaseJudge: CaseJudge {
    let engine: CheckEngine
    let schemaPath: String
    var paths: [String] = []
    private var documents: [String: DossierDocument] = [:]
    /// A loader for programs whose XPaths differ from the original's (compiled on demand).
    private var otherLoader: (paths: [String], loader: DossierLoader)?

    init(engine: CheckEngine, schemaPath: String) {
        self.engine = engine
        self.schemaPath = schemaPath
    }

    func kind(_ path: String) -> String? { (try? document(path))?.kind }

    func document(_ path: String) throws -> DossierDocument {
        if let d = documents[path] { return d }
        let d = try engine.loader.load(path)
        documents[path] = d
        return d
    }

    func findings(_ index: Int, under program: Program, rules: [String]?) -> Result<[Finding], CaseFailure> {
        let path = paths[index]
        let doc: DossierDocument
        do {
            if program.paths == engine.program.paths {
                doc = try document(path)
            } else {
                doc = try loader(for: program.paths).load(path)
            }
        } catch let e as DossierErrors {
            return .failure(CaseFailure(e.problems.first.map { "\($0.file):\($0.line ?? 0): \($0.message)" } ?? "unreadable"))
        } catch {
            return .failure(CaseFailure("\(error)"))
        }
        let judge = Judge(program: program)
        switch judge.asOf(of: doc, engine.inputs) {
        case .failure(let e): return .failure(CaseFailure(e.message))
        case .success(let (date, _)):
            // The rules `check` would run for this kind, narrowed to those asked for.
            var ids = judge.rules(forKind: doc.kind)
            if let rules { ids = ids.filter(rules.contains) }
            return .success(Interpreter(program: program, source: doc, asOf: date, params: engine.inputs.params).run(only: ids))
        }
    }

    private func loader(for xpaths: [String]) throws -> DossierLoader {
        if let o = otherLoader, o.paths == xpaths { return o.loader }
        let compiled = CompiledPaths()
        if let (_, e) = compiled.compileAll(xpaths).first { throw CaseFailure("XPath does not compile: \(e)") }
        let l = try DossierLoader(schemaPath: schemaPath, paths: compiled)
        otherLoader = (xpaths, l)
        return l
    }
}
