import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Version 2 of the format: the plan's economy read into TertialCore's typed values, every problem
/// named by its place, and version 1 files (and frozen versions) still read.
@Suite struct EconomyFormatTests {
    static func demo(_ name: String) throws -> PlanDocument { try InterchangeCodec.decode(try Fixtures.data(name)) }

    @Test func linkopingsDriftsammandragComesOutAsPrinted() throws {
        // given the transcribed plan
        let doc = try Self.demo("linkoping-son-internbudget-2021.json")
        let (economy, problems) = try #require(doc.economy).economy()
        #expect(problems.isEmpty, "\(problems)")
        let budget = try #require(economy.budget("driftsammandrag"))
        // then the computed totals are the printed ones, within the frame, and the gross lines agree
        let printed: [Decimal] = [1_504_022, 1_560_188, 1_546_397, 1_524_009, 1_524_009]
        for (column, total) in zip(budget.columns.dropFirst(), printed) {
            #expect(budget.total(budget.sections[0], column) == total)
            #expect(budget.frameDeviation(column) == 0)
        }
        // the outcome column has no frame, so no total is printed there (as the seed prints it)
        #expect(!budget.showsTotal(budget.columns[0]))
        #expect(budget.total(budget.sections[0], budget.columns[0]) == 1_500_145)
        #expect(budget.problems().isEmpty, "\(budget.problems())")
        // the frame transfers of decision points 4 (ArDaKo) and 3, each counted on both sides
        #expect(economy.frameTransfers.map { $0.frameChange(for: "lkpg-son", year: 2021) } == [-2_002, 1_777])
        #expect(economy.frameTransfers.map { $0.frameChange(for: "lkpg-amn", year: 2021) } == [2_002, -1_777])
        // the investment table's printed sum (800) has no lines behind it: shown, never used
        let investments = try #require(economy.investmentBudgets.first).budget
        #expect(investments.problems().count == 5)
        #expect(investments.problems()[0].contains("förlagans summa är 800, men raderna summerar till ingenting"))
    }

    @Test func soderkopingsPrintedTotalFor2021DisagreesWithItsLinesByOne() throws {
        let doc = try Self.demo("soderkoping-sn-uppdragsplan-2020-2023.json")
        let (economy, problems) = try #require(doc.economy).economy()
        #expect(problems.isEmpty, "\(problems)")
        let budget = try #require(economy.budget("driftsekonomi"))
        let totals = budget.columns.map { budget.total(budget.sections[0], $0) }
        #expect(totals == [-273_956, -280_022, -282_000, -284_001, -286_000, -286_000])
        #expect(budget.problems().map(\.description) == [
            "Budget 2021: förlagans summa för nämnden är −284\u{00A0}000, men raderna summerar till −284\u{00A0}001 (skillnad 1)"])
        #expect(budget.layout.style.format(-723) == "− 723")
        let investments = try #require(economy.investmentBudgets.first).budget
        #expect(investments.columns.map { investments.total($0) } == [nil, nil, -1_800, -1_800, -1_500, -1_500, -6_600, -6_600])
        #expect(investments.layout.style.format(nil) == "-")
        #expect(economy.volumeTables[0].measures.count == 26)
        #expect(economy.volumeTables[0].measures.first { $0.id == "brukartid" }?.value(economy.volumeTables[0].columns[0]) == .number(55))
    }

    @Test func marksBudgetByKindAndByActivityAgreeAndFollowUpIsPerMainActivity() throws {
        let doc = try Self.demo("mark-sn-namndplan-2024-2025.json")
        let (economy, problems) = try #require(doc.economy).economy()
        #expect(problems.isEmpty, "\(problems)")
        let budget = try #require(economy.budget("driftbudget"))
        #expect(budget.problems().isEmpty, "\(budget.problems())")
        #expect(budget.sections.map { budget.total($0, budget.columns[2]) } == [Decimal(string: "-431.4")!, Decimal(string: "-431.4")!])
        #expect(budget.followedUpLines.map(\.id) == ["funktionsstod", "ifo", "ledning"])
        #expect(budget.layout.style.format(Decimal(string: "-269.0")!) == "−269,0")
        let investments = try #require(economy.investmentBudgets.first).budget
        #expect(investments.frameDeviation(2024) == 0)
        #expect(investments.amount(investments.investments[0], investments.columns[2]) == Decimal(string: "1.3")!)
    }

    @Test func theEconomySurvivesWritingAndReadingByteForByte() throws {
        for name in Fixtures.demoFiles {
            let doc = try Self.demo(name)
            let economy = try #require(doc.economy).economy().0
            // the typed economy written back is the record it came from
            #expect(EconomyRecord(economy) == doc.economy, "\(name)")
            let again = try InterchangeCodec.decode(InterchangeCodec.encode(doc))
            #expect(again == doc)
        }
    }

    @Test func aPlanWithoutEconomyIsWrittenAsVersion1AndVersion1FilesStillRead() throws {
        // given a plan without economy
        var doc = try Self.demo("mark-sn-namndplan-2024-2025.json")
        doc.economy = nil
        doc.activityPlan = nil
        doc.textSections = nil
        doc.internalControl = nil
        let data = InterchangeCodec.encode(doc)
        // then it is a version 1 file, as it was before version 2 existed, and it reads back
        #expect(String(decoding: data, as: UTF8.self).contains("\"version\" : 1"))
        var expected = doc
        expected.version = 1
        #expect(try InterchangeCodec.decode(data) == expected)
        // and a plan with economy is version 2
        #expect(String(decoding: InterchangeCodec.encode(try Self.demo("mark-sn-namndplan-2024-2025.json")), as: UTF8.self).contains("\"version\" : 2"))
    }

    @Test func aVersion1FileWithEconomyIsRefusedWithTheReason() throws {
        let data = try Fixtures.markChanged { $0["version"] = 1; $0["activityPlan"] = nil; $0["textSections"] = nil }
        #expect(throws: InterchangeError.self) { try InterchangeCodec.decode(data) }
        do { _ = try InterchangeCodec.decode(data) } catch {
            #expect(error.problems.map(\.path) == ["$.economy"])
            #expect(error.description.contains("finns först i version 2"))
        }
    }

    static func economyChanged(_ change: @escaping (inout [String: Any]) -> Void) throws -> Data {
        try Fixtures.markChanged { tree in
            var economy = tree[object: "economy"]
            change(&economy)
            tree["economy"] = economy
        }
    }

    static let badEconomy: [(String, String, @Sendable (inout [String: Any]) -> Void)] = [
        ("$.economy.operatingBudgets[0].sections[1].lines[0].amounts[2]", "\"-233,7 mnkr\" är inget belopp (skrivs som planen skriver det, till exempel 10 135, - 6 279, 0,800", { e in
            e.edit("operatingBudgets", 0) { b in b.edit("sections", 1) { s in s.edit("lines", 0) { l in
                var amounts = l[array: "amounts"]; amounts[2] = "-233,7 mnkr"; l["amounts"] = amounts } } }
        }),
        ("$.economy.operatingBudgets[0].sections[1].lines[0].amounts[2]", "\"1 23\" är inget belopp", { e in
            e.edit("operatingBudgets", 0) { b in b.edit("sections", 1) { s in s.edit("lines", 0) { l in
                var amounts = l[array: "amounts"]; amounts[2] = "1 23"; l["amounts"] = amounts } } }
        }),
        ("$.economy.operatingBudgets[0].sections[0].lines[1].amounts", "har 3 celler men tabellen har 4 kolumner", { e in
            e.edit("operatingBudgets", 0) { b in b.edit("sections", 0) { s in s.edit("lines", 1) { l in l["amounts"] = ["1", "2", "3"] } } }
        }),
        ("$.economy.operatingBudgets[0].sections[0].lines[0].role", "okänt värde \"intakt\"", { e in
            e.edit("operatingBudgets", 0) { b in b.edit("sections", 0) { s in s.edit("lines", 0) { l in l["role"] = "intakt" } } }
        }),
        ("$.economy.investmentBudgets[0].frame[\"20x4\"]", "är inget år", { e in
            e.edit("investmentBudgets", 0) { b in b["frame"] = ["20x4": "1.3"] }
        }),
        ("$.economy.followUps[0].lineId", "finns inte bland driftbudgetens verksamheter", { e in
            e["followUps"] = [["budgetId": "driftbudget", "lineId": "personal", "year": 2024, "month": 4, "forecast": "-274.8"]]
        }),
        ("$.economy.followUps[0].comment", "Beskriv vilka åtgärder som vidtas", { e in
            e["followUps"] = [["budgetId": "driftbudget", "lineId": "funktionsstod", "year": 2024, "month": 4, "outcomeToDate": "-80.1", "forecast": "-240.0"]]
        }),
        ("$.economy.frameTransfers[0].toUnitId", "hänvisar till enhet \"finns-inte\"", { e in
            e["frameTransfers"] = [["id": "x", "fromUnitId": "mark-sn", "toUnitId": "finns-inte", "amount": "1", "unit": "mnkr", "fromYear": 2024, "text": "Flytt"]]
        }),
    ]

    @Test(arguments: 0..<badEconomy.count)
    func aBadEconomyFieldIsNamedByItsPlace(_ index: Int) throws {
        let (path, message, change) = Self.badEconomy[index]
        expectRefused(try Self.economyChanged(change), at: path, message)
    }

    /// Amounts as plans print them (issue 22): one Swedish number reader for the file, the forms and
    /// values alike; read as the same number as their machine form, and written back in machine form.
    @Test(arguments: [("10 135", "10135"), ("- 6 279", "-6279"), ("−6 279", "-6279"), ("0,800", "0.8"), ("1\u{00A0}560\u{202F}188", "1560188"),
                      ("-59200", "-59200"), ("28.1", "28.1"), ("-269.0", "-269")])
    func anAmountAsPrintedReadsAsItsNumber(_ printed: String, _ machine: String) throws {
        #expect(Amount.read(printed) == .success(Decimal(string: machine)!))
        #expect(Amount.read(printed) == Amount.parseSwedish(printed))
        let data = try Self.economyChanged { e in
            e.edit("operatingBudgets", 0) { b in b.edit("sections", 1) { s in s.edit("lines", 0) { l in
                var amounts = l[array: "amounts"]; amounts[2] = printed; l["amounts"] = amounts } } }
        }
        let plan = try InterchangeCodec.decode(data).typed()
        let budget = try #require(plan.economy?.operatingBudgets.first?.budget)
        let line = budget.sections[1].lines[0]
        #expect(line.amounts[budget.columns[2]] == Decimal(string: machine)!)
        // written back in machine form
        let written = PlanDocument(plan).economy?.operatingBudgets.first?.sections[1].lines[0].amounts[2]
        #expect(written == Amount.write(Decimal(string: machine)!))
    }
}
