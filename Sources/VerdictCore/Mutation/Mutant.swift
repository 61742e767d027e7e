/// One small change to the rules' source text: a condition flipped, a boundary shifted, a
/// constant nudged, a clause dropped. A case library that pins a condition down has a case
/// whose expectations fail once the change is made (the mutant is *killed*).
public struct Mutant: Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case boundary = "boundary-shift"      // >= ↔ >, <= ↔ <
        case equality = "equality-flip"       // = ↔ !=
        case connective = "connective-swap"   // and ↔ or
        case negation = "negation-removed"    // not x → x, is not absent → is absent
        case constant = "constant-nudged"     // 60 → 59 / 61, 2/3 → 1/2 / 3/4, 50% → 49% / 51%
        case applies = "applies-dropped"      // applies when … removed
        case branch = "branch-removed"        // one outcome of `decide` removed
        case exception = "exception-dropped"  // … unless X per … removed: the default always holds
        case hitPolicy = "hit-policy-swapped" // first hit ↔ unique hit
        case tableRow = "table-row-removed"
    }

    /// Where a mutant lives: in a rule, or in a definition, table or parameter rules depend on.
    public enum Owner: Sendable, Hashable, CustomStringConvertible {
        case rule(String)
        case definition(String)
        case table(String)
        case param(String)

        public var description: String {
            switch self {
            case .rule(let id): return id
            case .definition(let n): return "let " + n
            case .table(let n): return "table " + n
            case .param(let n): return "param " + n
            }
        }
    }

    public var id: Int
    public var op: Operator
    /// The edit: bytes `span` of file `span.file` replaced by `replacement`.
    public var span: Span
    public var original: String
    public var replacement: String
    public var owner: Owner
    /// Rules whose findings the change can reach (the owner's dependants included).
    public var rules: [String]
    /// The articles the owner cites (for a definition: those of the rules that use it).
    public var articles: [String]
    /// The dossier kinds whose cases can see the change; empty: every kind.
    public var kinds: Set<String>
    /// `# mutation: equivalent — reason` on the mutated line or the line before it.
    public var equivalentReason: String?

    /// The rule file's text with this mutant's edit applied.
    public func apply(to file: SourceFile) -> String {
        var bytes = file.bytes
        bytes.replaceSubrange(span.start..<span.end, with: Array(replacement.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What running the cases against one mutant found.
public enum MutantStatus: Sendable, Equatable {
    /// A case's expectations failed: `case` is its dossier, `reason` the first mismatch.
    case killed(case: String, reason: String)
    /// Every case that can see the change still passes (`casesRun` 0: no case judges the kinds it reaches).
    case survived(casesRun: Int)
    /// The mutated rules do not load (a type error, a decide without outcomes …).
    case invalid(String)
    /// The cases took longer than the limit; counted as killed, as a hang would be noticed.
    case timedOut(seconds: Double)
}

public struct MutantResult: Sendable {
    public var mutant: Mutant
    public var status: MutantStatus
    public var line: Int
    public var column: Int
    public var path: String
}
