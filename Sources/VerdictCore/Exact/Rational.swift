/// An exact rational number, always normalised: the denominator is positive and
/// shares no factor with the numerator. 2/3 is 2/3; 0.1 + 0.2 is exactly 3/10.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let numerator: ExactInteger
    public let denominator: ExactInteger

    public static let zero = Rational(.zero)
    public static let one = Rational(.one)

    public init(_ integer: ExactInteger) {
        numerator = integer
        denominator = .one
    }

    public init(_ integer: Int) { self.init(ExactInteger(integer)) }

    /// nil when the denominator is zero.
    public init?(_ n: ExactInteger, _ d: ExactInteger) {
        guard !d.isZero else { return nil }
        var n = n, d = d
        if d.signum < 0 { n = -n; d = -d }
        let g = ExactInteger.gcd(n, d)
        if g != .one && !g.isZero {
            n = n.quotientAndRemainder(dividingBy: g).quotient
            d = d.quotientAndRemainder(dividingBy: g).quotient
        }
        numerator = n
        denominator = d
    }

    private init(unchecked n: ExactInteger, _ d: ExactInteger) {
        numerator = n
        denominator = d
    }

    /// Reads `-?[0-9]+(\.[0-9]+)?` exactly, returning the value and the number of
    /// decimal places written (the display scale). nil for anything else.
    public static func parseDecimal(_ text: Substring) -> (value: Rational, scale: Int)? {
        // Up to 18 bytes every digit fits a machine word: one pass over the bytes (a dossier's
        // areas and amounts). Longer text takes the general path below; both accept exactly
        // the same texts and give the same values (tests: ExactArithmeticTests).
        if text.utf8.count <= 18 { return parseShortDecimal(text.utf8) }
        return parseLongDecimal(text)
    }

    static func parseShortDecimal(_ bytes: Substring.UTF8View) -> (value: Rational, scale: Int)? {
        if let parsed = bytes.withContiguousStorageIfAvailable({ parseShortDecimal(bytes: $0) }) { return parsed }
        return Array(bytes).withUnsafeBufferPointer { parseShortDecimal(bytes: $0) }
    }

    /// The same, over bytes (a dossier's attribute as the fact store holds it). nil for more
    /// than 18 bytes.
    public static func parseShortDecimal(bytes: UnsafeBufferPointer<UInt8>) -> (value: Rational, scale: Int)? {
        guard bytes.count <= 18 else { return nil }
        var negative = false, seenPoint = false
        var digits = 0, wholeDigits = 0, scale = 0
        var first = true
        for b in bytes {
            defer { first = false }
            switch b {
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "."):
                guard !seenPoint, wholeDigits > 0 else { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = digits &* 10 &+ Int(b &- UInt8(ascii: "0"))  // < 10^18: no overflow
                if seenPoint { scale += 1 } else { wholeDigits += 1 }
            default: return nil
            }
        }
        guard wholeDigits > 0, !seenPoint || scale > 0 else { return nil }
        let value = negative ? -digits : digits
        if scale == 0 { return (Rational(value), 0) }
        if value == 0 { return (.zero, scale) }
        // The denominator is 10^scale = 2^scale × 5^scale: reducing needs only the twos and the
        // fives the numerator shares with it, not a general gcd (the same fraction; a test
        // compares this reader with the general one).
        var n = value, d = 1
        for _ in 0..<scale { d &*= 10 }
        let twos = Swift.min(n.trailingZeroBitCount, scale)
        n >>= twos
        d >>= twos
        var fives = scale
        while fives > 0, n % 5 == 0 {
            n /= 5
            d /= 5
            fives -= 1
        }
        return (Rational(unchecked: .small(n), .small(d)), scale)
    }

    static func parseLongDecimal(_ text: Substring) -> (value: Rational, scale: Int)? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole != "-" else { return nil }
        guard let intPart = ExactInteger(digits: whole) else { return nil }
        if parts.count == 1 { return (Rational(intPart), 0) }
        let frac = parts[1]
        guard !frac.isEmpty, frac.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let fracDigits = ExactInteger(digits: frac) else { return nil }
        let scale = frac.utf8.count
        let denom = ExactInteger.powerOfTen(scale)
        let negative = whole.first == "-"
        let magnitude = intPart.magnitude * denom + fracDigits
        guard let r = Rational(negative ? -magnitude : magnitude, denom) else { return nil }
        return (r, scale)
    }

    public var isInteger: Bool { denominator == .one }
    public var isZero: Bool { numerator.isZero }
    public var signum: Int { numerator.signum }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == b.denominator {
            if a.denominator == .one { return Rational(unchecked: a.numerator + b.numerator, .one) }
            return Rational(a.numerator + b.numerator, a.denominator) ?? .zero
        }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator,
                        a.denominator * b.denominator) ?? .zero
    }

    public static prefix func - (a: Rational) -> Rational {
        Rational(unchecked: -a.numerator, a.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(a.numerator * b.numerator, a.denominator * b.denominator) ?? .zero
    }

    /// nil on division by zero.
    public func dividing(by b: Rational) -> Rational? {
        guard !b.isZero else { return nil }
        return Rational(numerator * b.denominator, denominator * b.numerator)
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// Largest integer ≤ self.
    public var floor: ExactInteger {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return (r.signum < 0) ? q - .one : q
    }

    /// Smallest integer ≥ self.
    public var ceiling: ExactInteger {
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return (r.signum > 0) ? q + .one : q
    }

    /// "2/3", "-7", "27504/43000" style (normalised).
    public var fraction: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// True when the value has a finite decimal expansion.
    public var isTerminatingDecimal: Bool {
        var d = denominator
        for p in [ExactInteger(2), ExactInteger(5)] {
            while true {
                let (q, r) = d.quotientAndRemainder(dividingBy: p)
                if !r.isZero { break }
                d = q
            }
        }
        return d == .one
    }

    /// Decimal text rounded half away from zero to `places` digits.
    public func decimal(places: Int) -> String {
        let places = max(0, min(places, 1000))
        let scale = ExactInteger.powerOfTen(places)
        let scaled = numerator.magnitude * scale
        var (q, r) = scaled.quotientAndRemainder(dividingBy: denominator)
        if !((r + r) < denominator) { q = q + .one }
        var digits = q.description
        if places > 0 {
            if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
        }
        let negative = numerator.signum < 0 && digits.contains(where: { $0 != "0" && $0 != "." })
        return negative ? "-" + digits : digits
    }

    /// Exact decimal text when the expansion terminates (up to 40 places), else the fraction.
    public var description: String {
        if isInteger { return numerator.description }
        if isTerminatingDecimal {
            for places in 1...40 {
                let s = decimal(places: places)
                if let back = Rational.parseDecimal(Substring(s)), back.value == self { return s }
            }
        }
        return fraction
    }
}

extension ExactInteger {
    public static func powerOfTen(_ n: Int) -> ExactInteger {
        var result = ExactInteger.one
        var remaining = max(0, n)
        while remaining > 0 {
            let step = min(remaining, 18)
            var p = 1
            for _ in 0..<step { p *= 10 }
            result = result * ExactInteger(p)
            remaining -= step
        }
        return result
    }
}
