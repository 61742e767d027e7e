import Foundation

/// A case of the library, read once: its dossier's path and kind, and what it must find.
public struct MutationCase: Sendable {
    public let path: String
    public let kind: String
    public let expectations: [Expectation]

    public init(path: String, kind: String, expectations: [Expectation]) {
        self.path = path
        self.kind = kind
        self.expectations = expectations
    }
}

/// Judges the cases' dossiers for one worker thread, with whichever program it is given.
/// Made on the thread that uses it and never shared (dossier documents are not thread-safe).
public protocol CaseJudge: AnyObject {
    /// The findings of case `index` under `program` (of `rules` only, when given), or why its
    /// dossier could not be judged.
    func findings(_ index: Int, under program: Program, rules: [String]?) -> Result<[Finding], CaseFailure>
}

public struct CaseFailure: Error, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Runs the cases against every mutant on several threads. A mutant's cases stop at the
/// first that fails; only the cases whose dossier kind a mutant can reach are run, and only
/// those that pass on the unmutated rules.
public struct MutationRun: Sendable {
    public let program: Program
    public let cases: [MutationCase]
    public var workers: Int
    /// Seconds a mutant's cases may take; checked between cases (the rule language always
    /// terminates: definitions and rule references may not form cycles).
    public var timeLimit: Double
    /// The unmutated files, parsed once.
    let parsed: [RuleLoader.ParsedFile]

    public init(program: Program, cases: [MutationCase], workers: Int, timeLimit: Double) {
        self.program = program
        parsed = program.files.enumerated().map { RuleLoader.parse($1, $0) }
        self.cases = cases
        self.workers = workers
        self.timeLimit = timeLimit
    }

    /// The cases that pass on the unmutated rules (the others cannot tell a mutant apart).
    public func passingCases(_ judge: CaseJudge) -> [Bool] {
        cases.indices.map { i in
            guard case .success(let findings) = judge.findings(i, under: program, rules: nil) else { return false }
            return Expectation.compare(cases[i].expectations, findings).isEmpty
        }
    }

    public func run(_ mutants: [Mutant], passing: [Bool], makeJudge: @escaping @Sendable () -> CaseJudge) -> [MutantResult] {
        let box = ResultBox(count: mutants.count)
        let group = DispatchGroup()
        let run = self
        for _ in 0..<max(1, min(workers, mutants.count)) {
            group.enter()
            let t = Thread {
                let judge = makeJudge()
                while let i = box.take() { box.put(i, run.status(of: mutants[i], passing: passing, judge)) }
                group.leave()
            }
            t.stackSize = StackSegments.segmentBytes  // as for `check`; deep rules continue on fresh segments
            t.start()
        }
        group.wait()
        return mutants.enumerated().map { i, m in
            let file = program.files[m.span.file]
            let (line, column) = file.location(of: m.span.start)
            return MutantResult(mutant: m, status: box.status(i), line: line, column: column, path: file.path)
        }
    }

    /// The mutated program, or the first error that keeps it from loading. Only the changed
    /// file is parsed again; the whole program is checked again.
    public func load(_ m: Mutant) -> Result<Program, CaseFailure> {
        var files = program.files
        let file = files[m.span.file]
        files[m.span.file] = SourceFile(path: file.path, text: m.apply(to: file))
        let p = Program()
        p.files = files
        // XPaths are never mutated: the original program already compiled every one.
        let diagnostics = RuleLoader.parseAndCheck(p, validateXPath: { _ in nil }) { i in
            i == m.span.file ? nil : parsed[i]
        }
        if let e = diagnostics.first(where: { $0.severity == .error }) {
            let (line, column) = files[e.span.file < files.count ? e.span.file : m.span.file].location(of: e.span.start)
            return .failure(CaseFailure("\(line):\(column): \(e.message)"))
        }
        p.calendar = program.calendar
        p.directory = program.directory
        p.version = program.version
        return .success(p)
    }

    func status(of m: Mutant, passing: [Bool], _ judge: CaseJudge) -> MutantStatus {
        let p: Program
        switch load(m) {
        case .failure(let f): return .invalid(f.message)
        case .success(let loaded): p = loaded
        }
        let start = ContinuousClock.now
        var ran = 0
        // Only the rules the change reaches can judge differently; the others are not run.
        let reached = Set(m.rules)
        for i in order(for: m, passing: passing) {
            let elapsed = ContinuousClock.now - start
            if elapsed > .milliseconds(Int(timeLimit * 1000)) { return .timedOut(seconds: MutationRun.seconds(elapsed)) }
            ran += 1
            let c = cases[i]
            switch judge.findings(i, under: p, rules: m.rules) {
            case .failure(let f): return .killed(case: c.path, reason: "the dossier could not be judged: \(f.message)")
            case .success(let findings):
                let expected = c.expectations.filter { reached.contains($0.rule) }
                if let first = Expectation.compare(expected, findings).first { return .killed(case: c.path, reason: first) }
            }
        }
        return .survived(casesRun: ran)
    }

    /// The cases that can see a mutant: those that expect one of its rules to apply first
    /// (they kill most mutants), then the other cases of the kinds it reaches.
    func order(for m: Mutant, passing: [Bool]) -> [Int] {
        var first: [Int] = [], then: [Int] = []
        for (i, c) in cases.enumerated() where passing[i] && (m.kinds.isEmpty || m.kinds.contains(c.kind)) {
            if c.expectations.contains(where: { $0.outcome != .notApplicable && m.rules.contains($0.rule) }) { first.append(i) } else { then.append(i) }
        }
        return first + then
    }

    public static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// Mutants handed out by index and their statuses collected.
/// `@unchecked Sendable`: every stored property is read and written only while `lock` is held.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var statuses: [MutantStatus?]

    init(count: Int) { statuses = Array(repeating: nil, count: count) }

    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < statuses.count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ i: Int, _ s: MutantStatus) {
        lock.lock(); defer { lock.unlock() }
        statuses[i] = s
    }

    func status(_ i: Int) -> MutantStatus {
        lock.lock(); defer { lock.unlock() }
        return statuses[i] ?? .invalid("not run")
    }
}
