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

    /// The one-pass reader of short decimals and the general reader accept the same texts
    /// and give the same value and scale: every text over a small alphabet up to 5 bytes,
    /// and the 18-byte edge.
    @Test func shortAndGeneralDecimalReadersAgree() {
        let alphabet: [Character] = ["0", "1", "9", "-", ".", "+", " ", "e"]
        var texts: [String] = [""]
        var frontier: [String] = [""]
        for _ in 1...5 {
            frontier = frontier.flatMap { t in alphabet.map { t + String($0) } }
            texts += frontier
        }
        texts += ["999999999999999999", "-99999999999999999", "99999999999999999.", "0.00000000000000001",
                  "-0.0000000000000001", "123456789.123456789", "000000000000000086.40", "-0", "-0.50"]
        var accepted = 0
        for t in texts where t.utf8.count <= 18 {
            let short = Rational.parseShortDecimal(Substring(t).utf8)
            let long = Rational.parseLongDecimal(Substring(t))
            #expect(short?.value == long?.value && short?.scale == long?.scale, "\(t)")
            if short != nil { accepted += 1 }
        }
        #expect(accepted > 500)
        #expect(Rational.parseDecimal("999999999999999999")?.value == Rational(999_999_999_999_999_999))
        #expect(Rational.parseDecimal("-86.40")?.value == Rational(ExactInteger(-432), ExactInteger(5)))
    }

    /// A `sum` totals over a common denominator and reduces once; the value is the one that
    /// adding term by term gives: hundredths, thirds, sevenths, negatives, huge terms.
    @Test func sumsOverACommonDenominatorAreExact() {
        let terms: [Rational] = ["86.40", "0.05", "120", "-3.3", "1.25"].map(dec)
            + [Rational(ExactInteger(2), ExactInteger(3))!, Rational(ExactInteger(-5), ExactInteger(7))!,
               dec("1" + String(repeating: "0", count: 30) + ".01"), Rational(ExactInteger(1), ExactInteger(Int.max))!]
        for n in 0...terms.count {
            for start in 0..<terms.count {
                let slice = (0..<n).map { terms[(start + $0) % terms.count] }
                var sum = RationalSum()
                for t in slice { sum.add(t) }
                #expect(sum.value == slice.reduce(Rational.zero, +), "\(slice)")
            }
        }
        var tenths = RationalSum()
        for _ in 0..<10 { tenths.add(dec("0.1")) }
        #expect(tenths.value == Rational.one)
        #expect(tenths.value.denominator == .one)  // reduced
    }

    @Test func bigIntegersCompareAndHashByValue() {
        // Two 10^40 computed apart are one value: equal, one member of a set, one key of a
        // memo (the big path is a box; its identity must never matter).
        let a = dec("1" + String(repeating: "0", count: 40))
        let b = dec("1" + String(repeating: "0", count: 20)) * dec("1" + String(repeating: "0", count: 20))
        #expect(a == b)
        #expect(Set([a, b, a + Rational(1) - Rational(1)]).count == 1)
        #expect(a.numerator.intValue == nil)
        #expect((a - b).numerator == .small(0))  // back on the fast path
        #expect(a > dec(String(repeating: "9", count: 40)))
    }

    /// Every list, index and cache of a check holds `Value`s: 200,000 owners' areas and three
    /// decisions' ballots are millions of them. A `Value` was about 112 bytes while `BigInt`
    /// was held inline (docs/performance.md); keep it at 32 bytes.
    @Test func aValueIsSmall() {
        #expect(MemoryLayout<ExactInteger>.size <= 9)
        #expect(MemoryLayout<Rational>.stride <= 32)
        #expect(MemoryLayout<Value>.stride <= 32, "Value is \(MemoryLayout<Value>.stride) bytes")
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
