/// A run-time value. `absent` is a fact the dossier legitimately does not have (an
/// optional attribute, no contract); `unknown` is a fact that is missing or unusable,
/// with the reason. Both propagate; neither is ever silently turned into a verdict.
public enum Value: Sendable {
    case number(Rational, scale: Int?)
    case text(String)
    case date(CivilDate)
    case period(Period)
    case boolean(Bool)
    case outcome(Outcome)
    case node(FactNode, shape: String)
    case list([Value])
    case index([String: Value])
    case absent(String)      // what is absent
    case unknown(String)     // why it cannot be known

    public var isUnknown: Bool { if case .unknown = self { return true }; return false }
    public var isAbsent: Bool { if case .absent = self { return true }; return false }
}

/// Where a defaulted value came from: the statute's default or an agreed exception.
public struct BasisRecord: Sendable {
    public let name: String
    public let branch: String     // "default" or "exception"
    public let source: String     // cite text or "合同约定"
    public let detail: String     // e.g. "dismissal-notice-days = 30（卷宗第 9 行）"
}
