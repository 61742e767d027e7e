/// One verdict of one rule about one subject.
public struct Finding: Sendable {
    public struct Step: Sendable {
        public var action: String
        public var due: CivilDate?
        public var cites: [String]
    }
    public struct ParamUse: Sendable {
        public var name: String
        public var value: String
        public var source: String
        public var placeholder: Bool
    }

    public var rule: String
    public var subject: String?
    public var outcome: Outcome
    public var level: Level
    public var title: String
    public var cites: [String]
    public var message: String
    public var value: String?
    /// Ordered facts that decided it: name → display text.
    public var facts: [(String, String)]
    /// The facts that are dates, as dates (for timelines: nothing parses display text back).
    public var dates: [(String, CivilDate)] = []
    public var params: [ParamUse]
    public var steps: [Step]
    /// Internal: the element the finding is about (for rule references).
    public var item: FactNode?
    /// The events that led here, for `explain`.
    public var trace: [TraceEvent]
    /// What would change the outcome, computed by the rule's `change` clauses.
    public var changes: [String] = []
}

/// A value as a step of the trace saw it: the value itself, and its text as the dossier showed
/// it then (an element by its id, a number in its exact form). The text is fixed while the
/// dossier is at hand; a reader that needs the value (a date, a number) takes `value` and never
/// parses `text` back.
public struct TraceValue: Sendable, CustomStringConvertible {
    public let value: Value
    public let text: String
    public init(_ value: Value, _ text: String) {
        self.value = value
        self.text = text
    }
    public var description: String { text }
    public var isEmpty: Bool { text.isEmpty }
}

/// What the interpreter did, as it did it; `explain` renders these.
public enum TraceEvent: Sendable {
    case readFact(name: String, value: TraceValue, line: Int?)
    /// A named value, the expression it came from, and its exact form.
    case computed(name: String, value: TraceValue, expression: String)
    /// A comparison as evaluated: `1025.93 >= 51297/50 → false`.
    case compared(expression: String, left: TraceValue, op: String, right: TraceValue, result: TraceValue)
    /// Division and `of`, in exact form: `2750.40 / 4300.00 = 3438/5375`.
    case arithmetic(expression: String, text: String)
    case subject(String)
    case basis(BasisRecord)
    case param(name: String, value: String, source: String, placeholder: Bool)
    case branch(outcome: Outcome, condition: String)
    case moved(from: CivilDate, to: CivilDate, uncovered: [Int])
    case version(from: CivilDate?, until: CivilDate?, eventDate: CivilDate)
    case note(String)
}
