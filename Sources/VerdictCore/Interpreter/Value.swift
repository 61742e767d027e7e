/// A run-time value. `absent` is a fact the dossier legitimately does not have (an
/// optional attribute, no contract); `unknown` is a fact that is missing or unusable,
/// with the reason. Both propagate; neither is ever silently turned into a verdict.
public enum Value: Sendable {
    /// An exact number with the decimal places it was written with (its display scale), nil
    /// once computed by `*` or `/`. `Int16` keeps a `Value` at 32 bytes (a place count past
    /// 32,767 is clamped: `Value.scale(_:)`).
    case number(Rational, scale: Int16?)
    case text(String)
    case date(CivilDate)
    case period(Period)
    case boolean(Bool)
    case outcome(Outcome)
    case node(FactNode, shape: String)
    case list([Value])
    case index(TextIndex)
    case absent(String)      // what is absent
    case unknown(String)     // why it cannot be known

    /// A written number's scale as a `Value` holds it: clamped to `Int16`, never trapping.
    public static func scale(_ places: Int) -> Int16 { Int16(clamping: places) }

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
