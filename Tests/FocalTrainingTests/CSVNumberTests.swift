import FocalTestSupport
import Foundation
@testable import FocalTraining
import Testing

/// The byte-level number reader against `Double(String)` (strtod, correctly rounded).
@Suite("CSV: numbers read from bytes")
struct CSVNumberTests {
    func parsed(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer(DecimalParser.parse)
    }

    /// Records a mismatch with `Double(String)`, bit for bit (signs of zero included).
    func agrees(_ text: String) -> Bool {
        let expected = Double(text)
        let got = parsed(text)
        return expected?.bitPattern == got?.bitPattern
    }

    func check(_ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        var failures: [String] = []
        for text in texts where !agrees(text) {
            failures.append("\(text): Double gives \(String(describing: Double(text))), the parser \(String(describing: parsed(text)))")
            if failures.count == 10 { break }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    @Test("Hand-worked values: ties to even, the ends of Double, signs, '.5' and '5.'")
    func handWorked() {
        #expect(parsed("9007199254740993") == 9_007_199_254_740_992)  // 2^53 + 1: halfway, ties to even
        #expect(parsed("9007199254740995") == 9_007_199_254_740_996)
        #expect(parsed("1.7976931348623157e308") == .greatestFiniteMagnitude)
        #expect(parsed("1.7976931348623158e308") == .greatestFiniteMagnitude)  // below the halfway point to 2^1024
        #expect(parsed("1.7976931348623159e308") == .infinity)
        #expect(parsed("2.2250738585072014e-308") == .leastNormalMagnitude)
        #expect(parsed("4.9406564584124654e-324") == .leastNonzeroMagnitude)
        #expect(parsed("2.4703282292062328e-324") == .leastNonzeroMagnitude)  // just above half the smallest
        #expect(parsed("2.4703282292062327e-324") == 0)
        #expect(parsed("1e400") == .infinity && parsed("-1e400") == -.infinity)
        #expect(parsed("-0")?.sign == .minus && parsed("-0")! == 0)
        #expect(parsed(".5") == 0.5 && parsed("5.") == 5 && parsed("+.5e1") == 5 && parsed("-5.E-1") == -0.5)
        #expect(parsed("0.1") == 0.1 && parsed("1e23") == 1e23 && parsed("123456789012345678901234567890") == 1.2345678901234568e29)
        for bad in ["", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1e-", "+-1", "1..5", "1.5.", "1e5e5", "1e5.", "--1", "1-", "1+1", "E"] {
            #expect(parsed(bad) == nil, "\(bad)")
            #expect(Double(bad) == nil, "\(bad)")
        }
    }

    @Test("Adversarial cases near halfway points, the ends of Double and subnormals")
    func adversarial() {
        check([
            "9007199254740993", "9007199254740992.5", "9007199254740993.0000000000000000001",
            "2.2250738585072011e-308", "2.2250738585072012e-308", "2.225073858507201136057409796709131975934819546351645648e-308",
            "1.7976931348623157e308", "1.7976931348623158079e308", "1.797693134862315807937289714053e308",
            "1.7976931348623159e308", "4.9406564584124654e-324", "2.4703282292062327208828439643411068618252990130716238221279284125033775364e-324",
            "7.2057594037927933e16", "0.1", "0.3", "3.0e-3", "1e-323", "1e-324", "1e-400", "1e309", "-1e309", "1e-7",
            "0.0000000000000000000000000000000000001", "100000000000000000000000", "1e23", "8.98846567431158e307",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "0e99999999999999999999", "-0e-99999", "1e-99999999999999999999", "1e99999999999999999999",
            "000000000000000000000000000000000012.5000000000000000000000000000000",
            "123456789012345678901234567890e-20", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
        ])
    }

    @Test("Random numerals: 1 to 25 significant digits, exponents -350...350, signs, leading and trailing zeros")
    func randomDigits() {
        var generator = SplitMix64(seed: 15)
        var texts: [String] = []
        texts.reserveCapacity(700_000)
        for _ in 0..<700_000 {
            var text = ["", "-", "+"][Int.random(in: 0..<3, using: &generator)]
            let digits = Int.random(in: 1...25, using: &generator)
            var mantissa = String(repeating: "0", count: Int.random(in: 0...2, using: &generator) == 0 ? Int.random(in: 1...3, using: &generator) : 0)
            for index in 0..<digits {
                mantissa.append(Character(String(Int.random(in: (index == 0 ? 1 : 0)...9, using: &generator))))
            }
            mantissa += String(repeating: "0", count: Int.random(in: 0...3, using: &generator) == 0 ? Int.random(in: 1...4, using: &generator) : 0)
            let point = Int.random(in: 0...(mantissa.count + 1), using: &generator)
            if point <= mantissa.count {
                mantissa.insert(".", at: mantissa.index(mantissa.startIndex, offsetBy: point))
            }
            text += mantissa
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: break
            case 1: text += "e\(Int.random(in: -350...350, using: &generator))"
            case 2: text += "E+\(Int.random(in: 0...40, using: &generator))"
            default: text += "e-\(Int.random(in: 0...30, using: &generator))"
            }
            texts.append(text)
        }
        check(texts)
    }

    @Test("Random doubles written as shortest, 17 and 9 digits, normal and subnormal")
    func randomDoubles() {
        var generator = SplitMix64(seed: 16)
        var texts: [String] = []
        texts.reserveCapacity(300_000)
        for round in 0..<100_000 {
            var value = Double(bitPattern: generator.next() & 0x7FFF_FFFF_FFFF_FFFF)
            if round % 10 == 0 { value = Double(bitPattern: generator.next() & 0x000F_FFFF_FFFF_FFFF) }  // subnormal
            if round % 10 == 1 { value = Double.random(in: -1e6...1e6, using: &generator) }
            guard value.isFinite else { continue }
            texts.append("\(value)")
            texts.append(String(format: "%.17g", value))
            texts.append(String(format: "%.9e", value))
        }
        check(texts)
    }

    /// The exact decimal expansion of `(2 * significand + 1) * 2^(exponent - 1)`: the point halfway
    /// between a double and the next, worked out in base-10^9 integers.
    func halfway(after value: Double) -> String {
        let odd = (value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)) * 2 + 1
        let power = Int(value.isNormal ? Int(value.exponentBitPattern) : 1) - 1075 - 1
        var limbs: [UInt64] = [odd % 1_000_000_000, odd / 1_000_000_000 % 1_000_000_000, odd / 1_000_000_000_000_000_000]
        func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = limbs[index] * factor + carry
                limbs[index] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            while carry > 0 { limbs.append(carry % 1_000_000_000); carry /= 1_000_000_000 }
        }
        var remaining = abs(power)
        while remaining > 0 {
            let step = min(remaining, 13)
            multiply(by: power > 0 ? UInt64(1) << UInt64(step) : UInt64(pow(5.0, Double(step))))
            remaining -= step
        }
        var digits = String(limbs.last!)
        for limb in limbs.dropLast().reversed() {
            let text = String(limb)
            digits += String(repeating: "0", count: 9 - text.count) + text
        }
        return power >= 0 ? digits : digits + "e\(power)"  // digits * 10^power when 2^power became 5^-power
    }

    @Test("Exact halfway points between doubles, and just above and below them")
    func halfwayPoints() {
        var generator = SplitMix64(seed: 17)
        var texts: [String] = []
        for round in 0..<3000 {
            var value: Double
            switch round % 3 {
            case 0: value = Double.random(in: 1...1e6, using: &generator)
            case 1: value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            default: value = Double(bitPattern: generator.next() & 0x001F_FFFF_FFFF_FFFF)  // subnormal and the first binade
            }
            let exact = halfway(after: value)
            texts.append(exact)
            let parts = exact.split(separator: "e")
            if parts.count == 2, let power = Int(parts[1]) {
                // D * 10^p with D ending in 5: D.000001 and D-0.000001, six digits further on.
                texts.append(parts[0] + "000001e\(power - 6)")
                texts.append(parts[0].dropLast() + "4999999e\(power - 6)")
            } else {
                texts.append(exact + ".000001")
                if let last = exact.last?.wholeNumberValue, last > 0 {
                    texts.append(exact.dropLast() + "\(last - 1).999999")
                }
            }
        }
        check(texts)
    }
}
