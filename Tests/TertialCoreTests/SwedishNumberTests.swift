import Foundation
import PropertyBased
import Testing
@testable import TertialCore

@Suite struct SwedishNumberTests {
    let nbsp = "\u{00A0}"

    @Test(arguments: [
        ("1560188", 0, "1 560 188"), ("6.8", 1, "6,8"), ("6.8", 0, "7"), ("0", 1, "0,0"),
        ("-59200", 0, "−59 200"), ("1034578", 0, "1 034 578"), ("95.25", 2, "95,25"), ("999", 0, "999"), ("1000", 0, "1 000"),
    ])
    func formats(_ input: String, _ decimals: Int, _ expected: String) {
        // given
        let value = Decimal(string: input)!
        // when
        let text = SwedishNumber.format(value, decimals: decimals)
        // then
        #expect(text == expected.replacingOccurrences(of: " ", with: nbsp))
    }

    @Test(arguments: [
        ("1 560 188", "1560188"), ("6,8", "6.8"), ("- 723", "-723"), ("−10", "-10"), ("1 034 578", "1034578"),
        ("64 000", "64000"), ("4\u{00A0}319", "4319"), ("98,0", "98"), ("0", "0"), ("3.5", "3.5"),
    ])
    func parses(_ input: String, _ expected: String) {
        #expect(SwedishNumber.parse(input) == Decimal(string: expected)!)
    }

    @Test(arguments: ["", "abc", "8,2%", "1 00", "12 3456", "9O", "−", "1,2,3"])
    func rejectsWhatIsNotAPlainNumber(_ input: String) {
        #expect(SwedishNumber.parse(input) == nil)
    }

    @Test func leadingNumberKeepsTheRest() throws {
        let (value, rest) = try #require(SwedishNumber.parseLeading("95% inom 120 dgr"))
        #expect(value == 95)
        #expect(rest == "% inom 120 dgr")
    }

    @Test func formattedIntegersParseBack() async {
        await propertyCheck(count: 300, input: Gen.int(in: -10_000_000...10_000_000)) { n in
            let text = SwedishNumber.format(Decimal(n))
            #expect(SwedishNumber.parse(text) == Decimal(n))
        }
    }

    @Test func formattedDecimalsParseBack() async {
        await propertyCheck(count: 300, input: Gen.int(in: -1_000_000...1_000_000), Gen.int(in: 0...3)) { n, decimals in
            // given a value with at most `decimals` fraction digits
            var value = Decimal(n)
            for _ in 0..<decimals { value /= 10 }
            // when formatted and read back
            let text = SwedishNumber.format(value, decimals: decimals)
            // then nothing is lost, and groups are never longer than three digits
            #expect(SwedishNumber.parse(text) == value)
            let integerPart = String(text.prefix { $0 != "," })
            let groups = integerPart.components(separatedBy: "\u{00A0}")
            #expect(groups.dropFirst().allSatisfy { $0.count == 3 })
        }
    }
}

@Suite struct PlainNumberReaderTests {
    /// The byte reader of plain numbers gives what the general reader gives, numbers and hashes alike.
    @Test func theFastPathReadsWhatTheGeneralReaderReads() async {
        let alphabet = Array("0123456789.,-")
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...Int.max), Gen.int(in: 1...12)) { seed, length in
            var state = UInt64(truncatingIfNeeded: seed)
            let text = String((0..<length).map { _ -> Character in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return alphabet[Int(state >> 33) % alphabet.count]
            })
            guard let fast = SwedishNumber.plainASCII(text[...]) else { return }
            let general = SwedishNumber.parseLeadingCharacters(text[...])
            #expect(general?.0 == fast, "\(text)")
            #expect(general?.1.isEmpty == true, "\(text)")
            #expect(general.map { $0.0.hashValue } == fast.hashValue, "\(text)")
        }
        for text in ["0", "-0", "55.3", "6,8", "0.05", "-12,50", "123456789012345678", "1.000", "007"] {
            #expect(SwedishNumber.plainASCII(text[...]) == SwedishNumber.parseLeadingCharacters(text[...])?.0, "\(text)")
            #expect(SwedishNumber.plainASCII(text[...])?.hashValue == SwedishNumber.parseLeadingCharacters(text[...])?.0.hashValue, "\(text)")
        }
    }
}

/// One rule for every stored amount (issue 20, finding 4): what a form or a file may store, the
/// validator accepts.
@Suite struct AmountRuleTests {
    /// Machine form, and (issue 22) the forms plans print amounts in.
    @Test(arguments: ["-59200", "28.1", "999999999999999", "0.00000001", "-0.5", "12,5", "10 135", "- 6 279", "0,800"])
    func theWireFormWithinTheRangeIsRead(_ text: String) {
        #expect(Amount.parse(text) != nil)
    }

    @Test(arguments: ["1000000000000000", String(repeating: "9", count: 40), "0.000000001", "1e5", "12,5 kr", "1 23", "", "-", "1.2.3", "1,234.5"])
    func anythingElseIsNot(_ text: String) {
        #expect(Amount.parse(text) == nil)
    }

    @Test func aSwedishFigureIsReadWithTheSameRuleAndWhatItStoresReadsBack() throws {
        #expect(try Amount.parseSwedish("1 560 188,5").get() == Decimal(string: "1560188.5"))
        #expect(Amount.parseSwedish(String(repeating: "9", count: 40)) == .failure(.tooLarge))
        #expect(Amount.parseSwedish("0,0000000000000000000000000000000001") == .failure(.tooManyDecimals))
        #expect(Amount.parseSwedish("nio") == .failure(.notANumber))
        for text in ["999 999 999 999 999", "-0,12345678", "38512"] {
            let value = try! Amount.parseSwedish(text).get()
            #expect(Amount.parse(Amount.write(value)) == value)
        }
    }
}
