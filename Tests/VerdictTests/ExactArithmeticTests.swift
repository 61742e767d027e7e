import Testing
@testable import VerdictCore

@Suite("Exact arithmetic")
struct ExactArithmeticTests {
    func dec(_ s: String) -> Rational { Rational.parseDecimal(Substring(s))!.value }

    @Test func twoThirdsOf300IsExactly200() {
        let twoThirds = Rational(ExactInteger(2), ExactInteger(3))!
        #expect(twoThirds * dec("300.00") == dec("200"))
        #expect(!(dec("200.00") < twoThirds * dec("300.00")))  // 200.00 satisfies ≥ 2/3
        #expect(dec("199.99") < twoThirds * dec("300.00"))
    }

    @Test func decimalsAreExactNotBinary() {
        #expect(dec("0.1") + dec("0.2") == dec("0.3"))
        #expect(dec("22.7") + dec("22.9") + dec("21.1") + dec("23.3") == dec("90"))
    }

    @Test func halfIsNotOverHalf() {
        let half = Rational(ExactInteger(1), ExactInteger(2))!
        let participating = dec("4300.00")
        let yes = dec("2150.00")
        #expect(!(half * participating < yes))  // 过半数 excludes the bound
        #expect(half * participating < dec("2150.01"))
    }

    @Test func parsesOnlyPlainDecimals() {
        for bad in ["86,40", "+1", ".5", "1.", "1e3", "", "-", "1.2.3", " 1"] {
            #expect(Rational.parseDecimal(Substring(bad)) == nil, "\(bad)")
        }
        #expect(Rational.parseDecimal("86.40")?.scale == 2)
        #expect(Rational.parseDecimal("-3")?.value == Rational(-3))
    }

    @Test func hugeNumbersStayExact() {
        let ten40 = dec("1" + String(repeating: "0", count: 40))
        let product = ten40 * ten40
        #expect(product.description == "1" + String(repeating: "0", count: 80))
        let sixty = dec(String(repeating: "9", count: 60) + ".99")
        #expect((sixty + dec("0.01")).description == "1" + String(repeating: "0", count: 60))
        #expect(Rational(ExactInteger(Int.max)) + Rational(1) > Rational(ExactInteger(Int.max)))
        #expect((Rational(ExactInteger(Int.min)) - Rational(1)).description == "-9223372036854775809")
    }

    @Test func divisionByZeroIsNil() {
        #expect(Rational(5).dividing(by: .zero) == nil)
        #expect(Rational(ExactInteger(1), .zero) == nil)
    }

    @Test func displayAndRounding() {
        #expect(Rational(ExactInteger(2), ExactInteger(3))!.description == "2/3")
        #expect(dec("27504").dividing(by: dec("43000"))!.fraction == "3438/5375")
        #expect((dec("2750.40").dividing(by: dec("4300.00"))! * Rational(100)).decimal(places: 2) == "63.96")
        #expect(dec("0.125").decimal(places: 2) == "0.13")
        #expect(dec("-0.125").decimal(places: 2) == "-0.13")
        #expect(Rational(ExactInteger(7), ExactInteger(3))!.ceiling == ExactInteger(3))
        #expect(Rational(ExactInteger(-7), ExactInteger(3))!.floor == ExactInteger(-3))
    }
}
