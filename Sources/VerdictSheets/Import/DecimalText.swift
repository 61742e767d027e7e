import VerdictCore

/// Decimal numbers as text, computed exactly (never through binary floating point).
enum DecimalText {
    /// The shortest decimal that reads back as `d` (Swift's `description`), written out in
    /// full: 86.39999999999999 stays 86.39999999999999, 1e-05 becomes 0.00001.
    static func fromDouble(_ d: Double) -> String {
        if d == 0 { return "0" }
        var s = "\(d)"
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = String(s[..<e])
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: 1 - point) + digits
            point = 1
        }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var whole = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        let text = fraction.isEmpty ? whole : whole + "." + fraction
        return negative ? "-" + text : text
    }

    static func isDecimal(_ s: String) -> Bool {
        Rational.parseDecimal(Substring(s)) != nil && !s.hasPrefix("+")
    }

    static func places(_ s: String) -> Int {
        guard let dot = s.firstIndex(of: ".") else { return 0 }
        return s.distance(from: dot, to: s.endIndex) - 1
    }

    static func value(_ s: String) -> Rational? { Rational.parseDecimal(Substring(s))?.value }

    /// Rounded half to even to `places` decimals.
    static func roundHalfEven(_ s: String, places: Int) -> String {
        guard let v = value(s) else { return s }
        let scale = ExactInteger.powerOfTen(places)
        let scaled = v.numerator.magnitude * scale
        var (q, r) = scaled.quotientAndRemainder(dividingBy: v.denominator)
        let twice = r + r
        if v.denominator < twice || (twice == v.denominator && isOdd(q)) { q = q + .one }
        let rounded = Rational(v.signum < 0 ? -q : q, scale) ?? .zero
        return rounded.decimal(places: places)
    }

    static func isOdd(_ n: ExactInteger) -> Bool {
        !n.quotientAndRemainder(dividingBy: ExactInteger(2)).remainder.isZero
    }

    /// |a − b| ≤ 10⁻⁹ · |a|, exactly.
    static func isNear(_ a: String, _ b: String) -> Bool {
        guard let x = value(a), let y = value(b) else { return false }
        let diff = x - y
        let magnitude = diff.signum < 0 ? -diff : diff
        let size = x.signum < 0 ? -x : x
        return !(size < magnitude * Rational(1_000_000_000))
    }

    /// Trailing zeros added up to `places` decimals (the value is unchanged).
    static func padded(_ s: String, places: Int) -> String {
        let have = self.places(s)
        guard have < places else { return s }
        return (have == 0 ? s + "." : s) + String(repeating: "0", count: places - have)
    }

    /// The exact sum, with as many decimals as the most precise addend.
    static func sum(_ values: [String]) -> String {
        var total = Rational.zero
        var scale = 0
        for v in values {
            guard let p = Rational.parseDecimal(Substring(v)) else { continue }
            total = total + p.value
            scale = max(scale, p.scale)
        }
        return total.decimal(places: scale)
    }

    /// A number cell read as the decimal it shows. The stored double is first written as its
    /// shortest round-trip decimal; then, with `places` decimals shown (the format's, or the
    /// column's default for General), a longer decimal within 10⁻⁹ (relative) of the rounded
    /// one is float noise and rounded half-even; a shorter one gets the format's zeros.
    /// `shows` is set when the format rounds a value that is not noise (the stored value is kept).
    static func displayed(_ d: Double, format: (minimum: Int, maximum: Int)?, defaultPlaces: Int?) -> (value: String, shows: String?) {
        let s = fromDouble(d)
        let have = places(s)
        if let format {
            if have > format.maximum {
                let r = roundHalfEven(s, places: format.maximum)
                return isNear(s, r) ? (padded(r, places: format.minimum), nil) : (s, padded(r, places: format.minimum))
            }
            return (padded(s, places: format.minimum), nil)
        }
        if let p = defaultPlaces, have > p {
            let r = roundHalfEven(s, places: p)
            if isNear(s, r) { return (r, nil) }
        }
        return (s, nil)
    }
}
