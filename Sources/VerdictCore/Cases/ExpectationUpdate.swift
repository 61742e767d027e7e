/// `verdict test --update`: an `.expect` file rewritten to a dossier's current findings,
/// touching only the lines that no longer hold. Comments stay where they are; a line that
/// still holds is kept byte for byte; new findings go beside the lines of the findings
/// next to them (so lines for one rule keep the findings' order); rules that do not apply
/// go to the `# not applicable (n/a or absent):` block when the file has one.
public struct ExpectationUpdate: Sendable {
    public enum Change: Sendable, Equatable {
        case added(String)
        case removed(String)
        case changed(from: String, to: String)
    }

    public var text: String
    public var changes: [Change]

    /// The comment that opens the block of rules that do not apply (examples/README.md).
    public static let notApplicableMarker = "# not applicable (n/a or absent):"

    /// - Parameters:
    ///   - findings: the dossier's findings, in report order.
    ///   - rulesForKind: the library's rules that judge this dossier's kind, in declaration order.
    ///   - knownRules: every rule id of the library; lines naming another id are dropped.
    public static func update(_ text: String, findings: [Finding], rulesForKind: [String], knownRules: [String])
        -> Result<ExpectationUpdate, Expectation.ParseError>
    {
        let parsed: [Expectation]
        switch Expectation.parse(text) {
        case .success(let e): parsed = e
        case .failure(let e): return .failure(e)
        }
        var file = ExpectFile(text: text, expectations: parsed)
        let live = findings.filter { $0.outcome != .notApplicable }
        file.reviseListedLines(live: live, knownRules: Set(knownRules))
        file.addUnlisted(live)
        file.listNotApplicable(rulesForKind, live: live)
        return .success(ExpectationUpdate(text: file.text, changes: file.changes))
    }
}

/// The lines of one `.expect` file while it is being updated.
struct ExpectFile {
    struct Row {
        var raw: String
        var expectation: Expectation?
        var inNotApplicableBlock: Bool
    }

    var rows: [Row]
    var changes: [ExpectationUpdate.Change] = []
    let layout: Layout

    init(text: String, expectations: [Expectation]) {
        let byLine = Dictionary(expectations.map { ($0.line, $0) }, uniquingKeysWith: { a, _ in a })
        var inBlock = false
        rows = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { i, raw in
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("# not applicable") { inBlock = true }
            return Row(raw: String(raw), expectation: byLine[i + 1], inNotApplicableBlock: inBlock)
        }
        layout = rows.lazy.compactMap { $0.expectation == nil ? nil : Layout(of: $0.raw) }.first ?? .standard
    }

    var text: String { rows.map(\.raw).joined(separator: "\n") }
    var hasNotApplicableBlock: Bool { rows.contains { $0.inNotApplicableBlock } }

    /// Keeps lines that hold, rewrites those whose finding changed, drops those about
    /// findings that are gone (now n/a) or rules the library does not have.
    mutating func reviseListedLines(live: [Finding], knownRules: Set<String>) {
        let liveRules = Set(live.map(\.rule))
        var i = 0
        while i < rows.count {
            guard let e = rows[i].expectation else { i += 1; continue }
            let holds = knownRules.contains(e.rule) && e.mismatches(live).isEmpty
            let movesToBody = rows[i].inNotApplicableBlock && liveRules.contains(e.rule)
            if holds && !movesToBody { i += 1; continue }
            if !rows[i].inNotApplicableBlock, knownRules.contains(e.rule), let f = e.finding(in: live) {
                let new = Self.rewrite(rows[i].raw, e, to: f)
                changes.append(.changed(from: rows[i].raw, to: new))
                rows[i].raw = new
                rows[i].expectation = Expectation(rule: f.rule, subject: f.subject, outcome: f.outcome, value: nil, due: nil, message: nil, line: e.line)
                i += 1
            } else {
                changes.append(.removed(rows[i].raw))
                rows.remove(at: i)
            }
        }
    }

    /// Inserts a line for every finding no line speaks of, beside its neighbours in report order.
    mutating func addUnlisted(_ live: [Finding]) {
        for (n, f) in live.enumerated() where row(for: f) == nil {
            let line = layout.line(f.rule, f.subject, f.outcome.rawValue, Self.extras(for: f))
            let at = insertionPoint(for: n, in: live)
            rows.insert(Row(raw: line, expectation: Expectation(rule: f.rule, subject: f.subject, outcome: f.outcome, value: nil, due: nil, message: nil, line: 0), inNotApplicableBlock: false), at: at)
            changes.append(.added(line))
        }
    }

    /// With a not-applicable block, lists there each rule of the kind that no line names and
    /// that has no finding other than n/a.
    mutating func listNotApplicable(_ rulesForKind: [String], live: [Finding]) {
        guard hasNotApplicableBlock else { return }
        let liveRules = Set(live.map(\.rule))
        for rule in rulesForKind where !liveRules.contains(rule) && !rows.contains(where: { $0.expectation?.rule == rule }) {
            let line = layout.line(rule, nil, Outcome.notApplicable.rawValue, [])
            let last = rows.lastIndex { $0.inNotApplicableBlock && ($0.expectation != nil || $0.raw.hasPrefix("# not applicable")) } ?? rows.count - 1
            rows.insert(Row(raw: line, expectation: Expectation(rule: rule, subject: nil, outcome: .notApplicable, value: nil, due: nil, message: nil, line: 0), inNotApplicableBlock: true), at: last + 1)
            changes.append(.added(line))
        }
    }

    func row(for f: Finding) -> Int? {
        rows.firstIndex { !$0.inNotApplicableBlock && $0.expectation?.rule == f.rule && $0.expectation?.subject == f.subject }
    }

    /// After the line of the nearest earlier finding of the same rule, else before the nearest
    /// later one of the same rule, else after any earlier finding's line, else before any later
    /// one's, else at the end of the findings (before the not-applicable block).
    func insertionPoint(for n: Int, in live: [Finding]) -> Int {
        let rule = live[n].rule
        let earlier = live[..<n].reversed(), later = live[(n + 1)...]
        if let r = earlier.lazy.filter({ $0.rule == rule }).compactMap(row(for:)).first { return r + 1 }
        if let r = later.lazy.filter({ $0.rule == rule }).compactMap(row(for:)).first { return startOfComments(above: r) }
        if let r = earlier.lazy.compactMap(row(for:)).first { return r + 1 }
        if let r = later.lazy.compactMap(row(for:)).first { return startOfComments(above: r) }
        return endOfBody()
    }

    /// A line's own comment sits right above it: insert above the comment, not between.
    func startOfComments(above r: Int) -> Int {
        var i = r
        while i > 0, rows[i - 1].expectation == nil, rows[i - 1].raw.hasPrefix("#"), !rows[i - 1].inNotApplicableBlock,
              rows[..<(i - 1)].contains(where: { $0.expectation != nil }) {
            i -= 1
        }
        return i
    }

    /// Before the not-applicable block and any blank lines above it, else before trailing blank lines.
    func endOfBody() -> Int {
        var end = rows.firstIndex { $0.inNotApplicableBlock } ?? rows.count
        while end > 0, rows[end - 1].raw.trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
        return end
    }

    /// `value=` for a classification, `due=` for a pending finding with a dated step.
    static func extras(for f: Finding) -> [String] {
        var out: [String] = []
        if let v = f.value, !v.contains(where: \.isWhitespace) { out.append("value=\(v)") }
        if f.outcome == .pending, let d = f.steps.lazy.compactMap(\.due).first { out.append("due=\(d)") }
        return out
    }

    /// The line for the new finding in the old line's layout, keeping the fields it had
    /// (value=, due=, and message~, step~ or change~ while the finding still says it) and its comment.
    static func rewrite(_ raw: String, _ e: Expectation, to f: Finding) -> String {
        var extras: [String] = []
        if e.value != nil, let v = f.value, !v.contains(where: \.isWhitespace) { extras.append("value=\(v)") }
        if e.due != nil, let d = f.steps.lazy.compactMap(\.due).first { extras.append("due=\(d)") }
        if let m = e.message, f.message.contains(m) { extras.append("message~" + m) }
        if let t = e.step, f.steps.contains(where: { $0.action.contains(t) }) { extras.append("step~" + t) }
        if let t = e.change, f.changes.contains(where: { $0.contains(t) }) { extras.append("change~" + t) }
        var comment = ""
        if e.message == nil, e.step == nil, e.change == nil, let hash = raw.firstIndex(of: "#") {
            comment = "  " + raw[hash...]
        }
        return Layout(of: raw).line(f.rule, f.subject, f.outcome.rawValue, extras) + comment
    }
}

/// Where a file's columns start: `committee.size              -    pass`.
struct Layout {
    var subjectColumn: Int
    var outcomeColumn: Int

    static let standard = Layout(subjectColumn: 28, outcomeColumn: 33)

    init(subjectColumn: Int, outcomeColumn: Int) {
        self.subjectColumn = subjectColumn
        self.outcomeColumn = outcomeColumn
    }

    /// The columns of a line's second and third words.
    init(of line: String) {
        var starts: [Int] = []
        var previousBlank = true
        for (i, c) in line.enumerated() {
            let blank = c == " " || c == "\t"
            if !blank && previousBlank { starts.append(i) }
            previousBlank = blank
        }
        self.init(subjectColumn: starts.count > 1 ? starts[1] : 28, outcomeColumn: starts.count > 2 ? starts[2] : 33)
    }

    func line(_ rule: String, _ subject: String?, _ outcome: String, _ extras: [String]) -> String {
        func pad(_ s: String, to column: Int) -> String {
            s + String(repeating: " ", count: max(2, column - s.count))
        }
        let head = pad(pad(rule, to: subjectColumn) + (subject ?? "-"), to: outcomeColumn) + outcome
        return extras.isEmpty ? head : head + "   " + extras.joined(separator: " ")
    }
}
