import Testing
@testable import TertialCore

/// Issue 22, point 6: a figure for part of a year ("2023 januari–juli") has a period of its own.
@Suite struct PeriodTests {
    @Test func aRunOfMonthsIsAPeriod() throws {
        let run = try #require(Period("2023-01..07"))
        #expect(run.part == .months(1, 7) && run.description == "2023-01..07")
        #expect(run.label == "2023 januari–juli")
        #expect(run.endMonth == 7)
        // in time order by its end: after June's month, before delår
        #expect(Period("2023-06")! < run && run < Period("2023-D")! && run < Period("2023")!)
    }

    @Test(arguments: [("2024-01..04", "2024-T1"), ("2024-05..08", "2024-T2"), ("2024-09..12", "2024-T3"), ("2024-01..08", "2024-D"),
                      ("2024-01..12", "2024"), ("2024-03..03", "2024-03")])
    func aRunThatIsANamedPeriodIsThatPeriod(_ text: String, _ named: String) {
        #expect(Period(text) == Period(named))
        #expect(Period(text)?.description == named)
    }

    @Test(arguments: ["2024-07..01", "2024-00..03", "2024-01..13", "2024-1..7", "2024-01...07", "2024-01-07"])
    func aBrokenRunIsNoPeriod(_ text: String) {
        #expect(Period(text) == nil)
    }
}

/// Issue 22, point 7: a title is never cut mid-word ("… för att ti").
@Suite struct ShortenedTextTests {
    @Test func aLabelIsCutAtAWord() {
        let text = "Utreda förutsättningarna för att tillskapa fler platser i särskilt boende"
        #expect(text.shortened(to: 40) == "Utreda förutsättningarna för att…")
        #expect(text.shortened(to: 200) == text)
        #expect(text.shortened(to: 40).count <= 40)
        // one long word: cut with a mark
        #expect(String(repeating: "x", count: 50).shortened(to: 10) == String(repeating: "x", count: 9) + "…")
    }
}
