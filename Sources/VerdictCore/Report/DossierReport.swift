/// The verdicts about one dossier, as REPORT.md fixes them.
public struct DossierReport: Sendable {
    public enum Status: String, Sendable { case compliant, noncompliant, incomplete }
    public struct Step: Sendable {
        public var action: String
        public var due: CivilDate?
        public var rule: String
    }

    public var file: String
    public var id: String
    public var kind: String
    public var asOf: CivilDate
    /// Where `asOf` came from: `--as-of`, the dossier's own `as-of`, or today.
    public var asOfSource: AsOfSource?
    public var findings: [Finding]
    /// What looks wrong but is legal (two owners with one name, an outlying area): said, never judged.
    public var warnings: [ReportError] = []

    public init(file: String, id: String, kind: String, asOf: CivilDate, findings: [Finding]) {
        self.file = file
        self.id = id
        self.kind = kind
        self.asOf = asOf
        self.findings = findings
    }

    /// noncompliant if a `must` fails; else incomplete if a `must` is unknown; else compliant.
    public var status: Status {
        if findings.contains(where: { $0.level == .must && $0.outcome == .fail }) { return .noncompliant }
        if findings.contains(where: { $0.level == .must && $0.outcome == .unknown }) { return .incomplete }
        return .compliant
    }

    /// `should` and `advice` findings that failed or are unknown: they do not change the status,
    /// but a compliant dossier with them must not read like a clean pass.
    public var reservations: Int {
        findings.filter { $0.level != .must && ($0.outcome == .fail || $0.outcome == .unknown) }.count
    }

    /// Every finding's steps, by due date (undated last), each naming its rule.
    public var steps: [Step] {
        var all: [(Int, Step)] = []
        for f in findings {
            for s in f.steps { all.append((all.count, Step(action: s.action, due: s.due, rule: f.rule))) }
        }
        all.sort { a, b in
            switch (a.1.due, b.1.due) {
            case (let x?, let y?): return x != y ? x < y : a.0 < b.0
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a.0 < b.0
            }
        }
        return all.map(\.1)
    }
}

/// A dossier that could not be judged, or a problem in one, located in the dossier.
public struct ReportError: Sendable, Error {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }
}

public struct Summary: Sendable {
    public var dossiers = 0
    public var compliant = 0
    public var noncompliant = 0
    public var incomplete = 0
    /// Files that could not be judged.
    public var errors = 0
    /// Values per classification rule: rule → value → count.
    public var values: [String: [String: Int]] = [:]
    public var valueOrder: [String] = []

    public init() {}

    public mutating func add(_ d: DossierReport) {
        dossiers += 1
        switch d.status {
        case .compliant: compliant += 1
        case .noncompliant: noncompliant += 1
        case .incomplete: incomplete += 1
        }
        for f in d.findings {
            guard let v = f.value else { continue }
            if values[f.rule] == nil { valueOrder.append(f.rule) }
            values[f.rule, default: [:]][v, default: 0] += 1
        }
    }

    public mutating func merge(_ o: Summary) {
        dossiers += o.dossiers
        compliant += o.compliant
        noncompliant += o.noncompliant
        incomplete += o.incomplete
        errors += o.errors
        for r in o.valueOrder {
            if values[r] == nil { valueOrder.append(r) }
            for (k, n) in o.values[r] ?? [:] { values[r, default: [:]][k, default: 0] += n }
        }
    }
}

/// Everything that kept one dossier from being judged.
public struct ReportErrors: Error, Sendable {
    public let errors: [ReportError]
    public init(_ errors: [ReportError]) { self.errors = errors }
}
