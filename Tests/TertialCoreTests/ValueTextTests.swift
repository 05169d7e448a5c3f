import Foundation
import Testing
@testable import TertialCore

/// Value cells as plans print them (issue 9, finding 11): numbers, markers, and the figures plans
/// write where a number would stand, held as text with the number read where there is exactly one.
@Suite struct ValueTextTests {
    @Test(arguments: [
        // (typed, number, is text, stored as)
        ("92", "92", false, "92"),
        ("6,8", "6.8", false, "6,8"),
        ("6.8", "6.8", false, "6,8"),
        (" 1 560 188 ", "1560188", false, "1 560 188"),
        ("8,2%", "8.2", false, "8,2%"),
        ("12 mkr", "12", false, "12 mkr"),
        ("4 319 kr/inv", "4319", false, "4 319 kr/inv"),
        (">98%", "98", true, ">98%"),
        ("≥ 90 %", "90", true, "≥ 90 %"),
        ("52%/47%", nil, true, "52%/47%"),
        ("79% resp 84%", nil, true, "79% resp 84%"),
        ("12 st och 14 st", nil, true, "12 st och 14 st"),
    ] as [(String, String?, Bool, String)])
    func valuesAsPlansPrintThem(_ typed: String, _ number: String?, _ isText: Bool, _ stored: String) throws {
        let value = try ValueText(typed)
        #expect(value.number == number.flatMap { Decimal(string: $0) })
        #expect(value.isText == isText)
        #expect(value.canonicalText == stored)
    }

    @Test(arguments: ["9O", "abc", "5 äpplen", "52%/", "≥", "7\u{1}", "5\r\n6", String(repeating: "9", count: 2_001)])
    func whatIsNeitherAFigureNorAMarkerIsRefused(_ typed: String) {
        #expect(throws: ValueParseError.self) { try ValueText(typed) }
    }

    @Test func markersAreRead() throws {
        #expect(try ValueText("i.u").marker == .noData)
        #expect(try ValueText("Nytt mått").marker == .newMeasure)
        #expect(try ValueText("–").marker == .noData)
    }
}

/// Issue 22, point 2: outcomes written as words with figures are held as text for a person to assess.
@Suite struct AccountValueTests {
    @Test(arguments: ["LSS 96 % VB 94 %", "19 i arbete (11 studier)", "Kvinnor 6,8 män 7,2"])
    func wordsWithFiguresAreText(_ text: String) throws {
        let value = try ValueText(text)
        #expect(value.isText && value.number == nil && value.text == text)
    }

    @Test(arguments: ["5 äpplen", "9O", "abc"])
    func oneFigureWithAWordIsStillASlip(_ text: String) {
        #expect(throws: ValueParseError.self) { try ValueText(text) }
    }
}

@Suite struct AccountSlipTests {
    @Test(arguments: ["≤ 1O8", "1O 5 st", "9O och 8O"])
    func aLetterAgainstADigitIsASlip(_ text: String) {
        #expect(throws: ValueParseError.self) { try ValueText(text) }
    }
}
