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

/// Issue 22, point 7: an assignment's report-back and an activity's due time as plans write them.
@Suite struct DueDateWordsTests {
    @Test(arguments: [
        ("2024-09-30", "2024-09-30", "2024-09-30", "2024-09-30"),
        ("Kvartal 3", "2024-Q3", "Kvartal 3 2024", "2024-09-30"),
        ("maj", "2024-05", "maj 2024", "2024-05-31"),
        ("maj 2025", "2025-05", "maj 2025", "2025-05-31"),
        ("senast i maj", "senast i maj", "senast i maj", "2024-05-31"),
        ("vid årsskiftet", "vid årsskiftet", "vid årsskiftet", "2024-12-31"),
        ("i slutet av februari 2024", "i slutet av februari 2024", "i slutet av februari 2024", "2024-02-29"),
    ])
    func readAndPrintedAsWritten(_ text: String, _ code: String, _ printed: String, _ last: String) throws {
        let due = try #require(DueDate(text, defaultYear: 2024))
        #expect(due.code == code && due.description == printed && due.lastDay.description == last)
        #expect(DueDate(code: due.code, defaultYear: 2024) == due)
    }

    @Test func anAssignmentDueInWordsIsDueForReportBack() {
        let assignment = Assignment(id: "u", text: "Utred", scope: .allCommittees, reportBy: DueDate("senast i maj", defaultYear: 2024))
        #expect(!assignment.isDueForReportBack(asOf: Period(year: 2024, part: .tertial(1))))
        #expect(assignment.isDueForReportBack(asOf: Period(year: 2024, part: .interim)))
        #expect(DueDate("snart", defaultYear: 2024) == nil)
    }
}
