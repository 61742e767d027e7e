/// A running total of rationals over a common denominator, reduced once at the end.
///
/// `Rational.+` reduces every partial sum (a gcd per addition). Summing 300 areas in
/// hundredths, the common denominator settles at 100 after a few terms and each further term
/// costs a division and a multiply-add. The result is the same exact value: `value` reduces.
struct RationalSum {
    private var numerator = ExactInteger.zero
    private var denominator = ExactInteger.one

    mutating func add(_ r: Rational) {
        if r.denominator == denominator {
            numerator = numerator + r.numerator
            return
        }
        let (q, rem) = denominator.quotientAndRemainder(dividingBy: r.denominator)
        if rem.isZero {
            // r's denominator divides ours: scale r up.
            numerator = numerator + r.numerator * q
            return
        }
        // The least common multiple of the two denominators.
        let g = ExactInteger.gcd(denominator, r.denominator)
        let ours = r.denominator.quotientAndRemainder(dividingBy: g).quotient
        let theirs = denominator.quotientAndRemainder(dividingBy: g).quotient
        numerator = numerator * ours + r.numerator * theirs
        denominator = denominator * ours
    }

    var value: Rational { Rational(numerator, denominator) ?? .zero }
}
