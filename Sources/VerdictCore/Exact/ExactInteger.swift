import BigInt

/// An integer that never traps: a machine word while it fits, a `BigInt` once it does not.
///
/// Dossier areas, sums over 200,000 owners and products of thresholds stay in the
/// fast path; a 60-digit area or 10^40 × 10^40 moves to the big path and stays exact.
///
/// The big path is boxed: `BigInt` is 40 bytes inline, so a `Rational` of two of them made every
/// `Value` about 112 bytes, and lists, indexes and caches of 200,000 values carried that width
/// (docs/performance.md). Boxed, an `ExactInteger` is a word and a tag.
public enum ExactInteger: Hashable, Sendable, CustomStringConvertible {
    case small(Int)
    case big(Big)

    /// A `BigInt` outside `Int`'s range, immutable and compared by value.
    public final class Big: Hashable, Sendable {
        public let value: BigInt
        init(_ value: BigInt) { self.value = value }
        public static func == (a: Big, b: Big) -> Bool { a.value == b.value }
        public func hash(into h: inout Hasher) { h.combine(value) }
    }

    public static let zero = ExactInteger.small(0)
    public static let one = ExactInteger.small(1)

    public init(_ value: Int) { self = .small(value) }

    public init(_ value: BigInt) {
        if let v = Int(exactly: value) { self = .small(v) } else { self = .big(Big(value)) }
    }

    /// Parses an optional '-' and decimal digits; nil for anything else.
    public init?(digits text: Substring) {
        var body = text
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        guard !body.isEmpty, body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if body.utf8.count <= 18, let v = Int(body) {
            self = .small(negative ? -v : v)
        } else {
            guard let b = BigInt(String(body), radix: 10) else { return nil }
            self.init(negative ? -b : b)
        }
    }

    public var big: BigInt {
        switch self {
        case .small(let v): return BigInt(v)
        case .big(let b): return b.value
        }
    }

    public var intValue: Int? {
        if case .small(let v) = self { return v }
        return nil
    }

    public var isZero: Bool { if case .small(0) = self { return true }; return false }

    public var signum: Int {
        switch self {
        case .small(let v): return v.signum()
        case .big(let b): return b.value.sign == .minus ? -1 : (b.value.isZero ? 0 : 1)
        }
    }

    public var description: String {
        switch self {
        case .small(let v): return String(v)
        case .big(let b): return String(b.value)
        }
    }

    public static func + (a: ExactInteger, b: ExactInteger) -> ExactInteger {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return ExactInteger(a.big + b.big)
    }

    public static func - (a: ExactInteger, b: ExactInteger) -> ExactInteger {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .small(r) }
        }
        return ExactInteger(a.big - b.big)
    }

    public static func * (a: ExactInteger, b: ExactInteger) -> ExactInteger {
        if case .small(let x) = a, case .small(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .small(r) }
        }
        return ExactInteger(a.big * b.big)
    }

    public static prefix func - (a: ExactInteger) -> ExactInteger {
        if case .small(let x) = a, x != Int.min { return .small(-x) }
        return ExactInteger(-a.big)
    }

    /// Truncating division; the caller guarantees `b` is not zero.
    public func quotientAndRemainder(dividingBy b: ExactInteger) -> (quotient: ExactInteger, remainder: ExactInteger) {
        if case .small(let x) = self, case .small(let y) = b, y != 0, !(x == Int.min && y == -1) {
            return (.small(x / y), .small(x % y))
        }
        let (q, r) = big.quotientAndRemainder(dividingBy: b.big)
        return (ExactInteger(q), ExactInteger(r))
    }

    public var magnitude: ExactInteger { signum < 0 ? -self : self }

    public static func gcd(_ a: ExactInteger, _ b: ExactInteger) -> ExactInteger {
        if case .small(var x) = a, case .small(var y) = b, x != Int.min, y != Int.min {
            x = abs(x); y = abs(y)
            while y != 0 { (x, y) = (y, x % y) }
            return .small(x)
        }
        return ExactInteger(BigInt(a.big.magnitude.greatestCommonDivisor(with: b.big.magnitude)))
    }

    public static func < (a: ExactInteger, b: ExactInteger) -> Bool {
        if case .small(let x) = a, case .small(let y) = b { return x < y }
        return a.big < b.big
    }

    /// Number of decimal digits of the magnitude (for limits and display).
    public var digitCount: Int { magnitude.description.count }
}
