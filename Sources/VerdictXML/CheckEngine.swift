import Foundation
import VerdictCore

extension DossierDocument: Dossier {}

/// The XML side of the engine: rules loaded and their XPaths compiled once, the schema
/// compiled once, dossiers read with libxml2 and handed to the core's `Judge`. The
/// evaluation inputs given here (`--as-of`, `--param`) are the defaults of `check(_:)`;
/// `check(_:_:)` takes others per dossier.
public final class CheckEngine: Sendable {
    public let judge: Judge
    public let loader: DossierLoader
    public let inputs: EvaluationInputs

    public var program: Program { judge.program }

    /// The rules directory and its fingerprint, for every report.
    public var rulesUsed: JSONReport.RulesUsed { JSONReport.RulesUsed(directory: program.directory, version: program.version) }

    public struct LoadFailure: Error {
        public let rendered: String
        public let diagnostics: [Diagnostic]
    }

    public init(rulesDirectory: String, schemaPath: String, params: [String: String] = [:],
                asOf: CivilDate? = nil, colour: Bool = false) throws {
        let paths = CompiledPaths()
        let program: Program
        switch RuleLoader.load(directory: rulesDirectory, validateXPath: CompiledPaths.validate) {
        case .failure(let f):
            let r = DiagnosticRenderer(files: f.files, colour: colour)
            throw LoadFailure(rendered: r.renderAll(f.diagnostics), diagnostics: f.diagnostics)
        case .success(let p):
            program = p
        }
        let (values, problems) = ParamValues.parse(params, for: program)
        if !problems.isEmpty {
            let r = DiagnosticRenderer(files: program.files, colour: colour)
            throw LoadFailure(rendered: r.renderAll(problems), diagnostics: problems)
        }
        let errors = paths.compileAll(program.paths)
        if let (_, e) = errors.first {
            throw LoadFailure(rendered: "error: XPath does not compile: \(e)\n", diagnostics: [])
        }
        do {
            loader = try DossierLoader(schemaPath: schemaPath, paths: paths)
        } catch let e as XMLProblem {
            throw LoadFailure(rendered: "error: \(e)\n", diagnostics: [])
        }
        judge = Judge(program: program)
        inputs = EvaluationInputs(asOf: asOf, params: values)
    }

    public typealias Outcome = Judge.Outcome

    /// Reads one dossier; problems come back located.
    public func read(_ path: String) -> Result<DossierDocument, ReportErrors> {
        do {
            return .success(try loader.load(path))
        } catch let e as DossierErrors {
            return .failure(ReportErrors(e.problems.map { ReportError(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }))
        } catch {
            return .failure(ReportErrors([ReportError(file: path, line: nil, column: nil, message: "\(error)")]))
        }
    }

    /// Judges one dossier file with this engine's inputs. Never throws: problems come back located.
    public func check(_ path: String) -> Outcome { check(path, inputs) }

    /// Judges one dossier file with the given inputs.
    public func check(_ path: String, _ inputs: EvaluationInputs) -> Outcome {
        switch read(path) {
        case .failure(let e): return .failed(e.errors)
        case .success(let doc):
            let outcome = judge.judge(doc, inputs)
            guard case .judged(var report) = outcome else { return outcome }
            report.warnings = DossierWarnings.of(doc)
            return .judged(report)
        }
    }

    /// An interpreter over one dossier (for `walk` and `draft`); problems are printed by the caller.
    public func interpreter(for path: String, onError: (([ReportError]) -> Void)? = nil) -> Interpreter? {
        let report = onError ?? { errors in
            for e in errors { FileHandleStderr.write("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n") }
        }
        switch read(path) {
        case .failure(let e):
            report(e.errors)
            return nil
        case .success(let doc):
            switch judge.interpreter(for: doc, inputs) {
            case .success(let i): return i
            case .failure(let e):
                report([e])
                return nil
            }
        }
    }

    /// The findings of one rule with their full trace (for `explain`).
    public func explain(_ ruleId: String, _ path: String) -> Result<Judge.Explained, ReportErrors> {
        read(path).map { judge.explain(ruleId, $0, inputs) }
    }

    enum FileHandleStderr {
        static func write(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8) ?? Data()) }
    }
}

