import Foundation
import VerdictCore

/// Rules loaded, checked and compiled once; then any number of dossiers judged.
public final class CheckEngine: @unchecked Sendable {
    public let program: Program
    public let loader: DossierLoader
    public let asOfOverride: CivilDate?

    public struct LoadFailure: Error {
        public let rendered: String
        public let diagnostics: [Diagnostic]
    }

    public init(rulesDirectory: String, schemaPath: String, params: [String: String] = [:],
                asOf: CivilDate? = nil, colour: Bool = false) throws {
        let paths = CompiledPaths()
        switch RuleLoader.load(directory: rulesDirectory, overrides: params, validateXPath: CompiledPaths.validate) {
        case .failure(let f):
            let r = DiagnosticRenderer(files: f.files, colour: colour)
            throw LoadFailure(rendered: r.renderAll(f.diagnostics), diagnostics: f.diagnostics)
        case .success(let p):
            program = p
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
        asOfOverride = asOf
    }

    public enum Outcome {
        case judged(DossierReport)
        case failed([ReportError])
    }

    /// Judges one dossier file. Never throws: problems come back located.
    public func check(_ path: String, trace: Bool = false) -> Outcome {
        let doc: DossierDocument
        do {
            doc = try loader.load(path)
        } catch let e as DossierErrors {
            return .failed(e.problems.map { ReportError(file: $0.file, line: $0.line, column: $0.column, message: $0.message) })
        } catch {
            return .failed([ReportError(file: path, line: nil, column: nil, message: "\(error)")])
        }
        return judge(doc, trace: trace)
    }

    /// The date a dossier is judged at: `--as-of`, else the dossier's `as-of`, else today
    /// in Asia/Shanghai; an `as-of` that is not a date is an error.
    func asOf(of doc: DossierDocument) -> Result<CivilDate, ReportError> {
        if let asOfOverride { return .success(asOfOverride) }
        guard let text = doc.asOfText else { return .success(CheckEngine.todayInShanghai()) }
        guard let d = CivilDate(iso: Substring(text.trimmingCharacters(in: .whitespaces))) else {
            return .failure(ReportError(file: doc.path, line: 1, column: nil, message: "attribute 'as-of': '\(text)' is not a date"))
        }
        return .success(d)
    }

    public func judge(_ doc: DossierDocument, trace: Bool = false) -> Outcome {
        let date: CivilDate
        switch asOf(of: doc) {
        case .success(let d): date = d
        case .failure(let e): return .failed([e])
        }
        let interpreter = Interpreter(program: program, source: doc, asOf: date)
        interpreter.recordTrace = trace
        let kindRules = program.ruleOrder.filter { appliesToKind($0, doc.kind) }
        let findings = interpreter.run(only: kindRules)
        return .judged(DossierReport(file: doc.path, id: doc.id, kind: doc.kind, asOf: date, findings: findings))
    }

    /// An interpreter over one dossier (for `walk` and `draft`); problems are printed by the caller.
    public func interpreter(for path: String, onError: (([ReportError]) -> Void)? = nil) -> Interpreter? {
        let doc: DossierDocument
        do {
            doc = try loader.load(path)
        } catch let e as DossierErrors {
            let errors = e.problems.map { ReportError(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }
            if let onError { onError(errors) } else {
                for e in errors { FileHandleStderr.write("\(e.file)\(e.line.map { ":\($0)" } ?? ""): \(e.message)\n") }
            }
            return nil
        } catch {
            return nil
        }
        switch asOf(of: doc) {
        case .success(let date): return Interpreter(program: program, source: doc, asOf: date)
        case .failure(let e):
            if let onError { onError([e]) } else { FileHandleStderr.write("\(e.file):\(e.line ?? 1): \(e.message)\n") }
            return nil
        }
    }

    /// The findings of one rule with their full trace (for `explain`).
    public func explain(_ ruleId: String, _ path: String) -> (findings: [Finding], asOf: CivilDate)? {
        guard let doc = try? loader.load(path), case .success(let date) = asOf(of: doc) else { return nil }
        let interpreter = Interpreter(program: program, source: doc, asOf: date)
        interpreter.recordTrace = true
        return (interpreter.findings(of: ruleId), date)
    }

    /// A rule names the dossier kinds it judges (`for community, firm dossiers`); none: all.
    func appliesToKind(_ rule: String, _ kind: String) -> Bool {
        guard let decl = program.rules[rule]?.first else { return false }
        return decl.kinds.isEmpty || decl.kinds.contains(kind)
    }

    enum FileHandleStderr {
        static func write(_ s: String) { FileHandle.standardError.write(s.data(using: .utf8) ?? Data()) }
    }

    /// Today's date in Asia/Shanghai (UTC+8, no daylight saving).
    public static func todayInShanghai() -> CivilDate {
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400) ?? .epoch
    }
}
