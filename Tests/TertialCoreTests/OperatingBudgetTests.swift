import Foundation
import Testing
@testable import TertialCore

/// The operating budget's arithmetic against the three seeds' tables: totals are computed, never
/// typed, and must come out as the committees printed them.
@Suite struct OperatingBudgetTests {
    static let columns = [BudgetColumn(.outcome, 2019), BudgetColumn(.budget, 2020), BudgetColumn(.budgetProposal, 2021),
                          BudgetColumn(.plan, 2022), BudgetColumn(.plan, 2023), BudgetColumn(.plan, 2024)]

    static func line(_ id: String, _ name: String, _ role: BudgetLine.Role = .activity, _ amounts: [Decimal?]) -> BudgetLine {
        BudgetLine(id: id, name: name, role: role,
                   amounts: Dictionary(uniqueKeysWithValues: zip(columns, amounts).compactMap { column, amount in amount.map { (column, $0) } }))
    }

    /// Linköping, Social- och omsorgsnämnden: Driftsammandrag, belopp tkr (seed lines 433–457).
    static let linkoping = OperatingBudget(unit: .tkr, sign: .costsPositive, columns: columns, sections: [BudgetSection(lines: [
        line("forvaltning", "Förvaltning", .activity, [188_711, 189_600, 193_200, 193_200, 193_200, 193_200]),
        line("atgardsplan", "Åtgärdsplan SON 2020-331", .adjustment, [nil, nil, -59_200, -60_700, -62_900, -62_900]),
        line("kd-utokning", "Kommundirektörens förslag till utökning av ram", .adjustment, [nil, nil, 25_000, 25_000, 20_000, 20_000]),
        line("statsbidrag", "Fördelning av extra statsbidrag enl KS 6 oktober", .adjustment, [nil, nil, 20_000, 10_000, nil, nil]),
        line("overgripande", "Övergripande verksamhet inkl nämnd", .activity, [30_518, 28_432, 28_948, 31_757, 31_069, 31_069]),
        line("overgripande-andrat", "Ändrade insatser, exempelvis digitalisering", .adjustment, [nil, nil, 1_600, 500, nil, nil]),
        line("ifo", "Individ- och familjeomsorg", .activity, [443_906, 403_150, 463_777, 462_777, 461_777, 460_777]),
        line("ifo-hvb-barn", "varav HVB barn- och unga", .part(of: "ifo"), [133_102, 83_983, 137_278, 137_278, 137_278, 137_278]),
        line("ifo-hvb-vuxna", "varav HVB vuxna", .part(of: "ifo"), [62_853, 66_217, 67_343, 67_343, 67_343, 67_343]),
        line("ifo-andrat", "Ändrade insatser, exempelvis digitalisering", .adjustment, [nil, nil, -1_000, -1_000, -1_000, nil]),
        line("socialpsykiatri", "Socialpsykiatri", .activity, [221_489, 233_500, 237_500, 234_500, 233_500, 232_500]),
        line("socialpsykiatri-andrat", "Ändrade insatser exempelvis digitalisering", .adjustment, [nil, nil, -3_000, -1_000, -1_000, nil]),
        line("utvecklingsstorning", "Insatser för personer med utvecklingsstörning", .activity, [486_894, 505_150, 514_000, 513_000, 512_000, 511_000]),
        line("utvecklingsstorning-andrat", "Ändrade insatser, exempelvis digitalisering", .adjustment, [nil, nil, -1_000, -1_000, -1_000, nil]),
        line("sfb", "Funktionshinderade (Socialförsäkringsbalcken)", .activity, [56_754, 67_190, 68_100, 68_100, 68_100, 68_100]),
        line("lss", "Funktionshinderade (enl LSS)", .activity, [71_873, 77_000, 73_263, 72_263, 71_263, 70_263]),
        line("lss-andrat", "Ändrade insatser, exempelvis digitalisering", .adjustment, [nil, nil, -1_000, -1_000, -1_000, nil]),
    ])], frame: Dictionary(uniqueKeysWithValues: zip(columns.dropFirst(), [1_504_022, 1_560_188, 1_546_397, 1_524_009, 1_524_009] as [Decimal])))

    @Test func linkopingsTotalsComeOutAsPrinted() {
        // given the seed's lines, with its adjustment and "varav" lines
        let budget = Self.linkoping
        // then each year's total is the printed one, and matches the frame of KS 6 oktober 2020
        let printed: [Decimal] = [1_504_022, 1_560_188, 1_546_397, 1_524_009, 1_524_009]
        for (column, total) in zip(Self.columns.dropFirst(), printed) {
            #expect(budget.total(budget.sections[0], column) == total, "\(column.printedHeading)")
            #expect(budget.frameDeviation(column) == 0)
        }
        #expect(budget.problems().isEmpty, "\(budget.problems())")
    }

    @Test func aLineOutsideTheFrameIsShownWithItsDeviation() {
        var budget = Self.linkoping
        budget.sections[0].lines[0].amounts[Self.columns[2]] = 195_000 // Förvaltning 2021 up by 1 800
        #expect(budget.frameDeviation(Self.columns[2]) == -1_800)
        #expect(budget.problems() == [.outsideFrame(column: Self.columns[2], deviation: -1_800)])
        #expect(budget.problems()[0].description == "Budgetförslag 2021: budgeten avviker från ramen med −1\u{00A0}800")
    }

    @Test func partsThatExceedTheirLineOrNameNoLineAreProblems() {
        var budget = Self.linkoping
        budget.sections[0].lines[7].amounts[Self.columns[0]] = 500_000 // varav HVB barn > IFO 2019
        budget.sections[0].lines.append(Self.line("x", "varav okänt", .part(of: "finns-inte"), [1, nil, nil, nil, nil, nil]))
        let problems = budget.problems()
        #expect(problems.contains(.partsExceedLine(line: "Individ- och familjeomsorg", column: Self.columns[0])))
        #expect(problems.contains(.partOfUnknownLine(line: "varav okänt", parent: "finns-inte")))
    }

    @Test func soderkopingPrintsCostsAsNegativeNumbers() {
        // Söderköping, Socialnämnden: Driftsekonomi (tkr), Budget 2020
        let column = BudgetColumn(.budget, 2020)
        let amounts: [(String, Decimal)] = [("Politik", -742), ("Ledning och administration", -23_258), ("Vård och omsorg", -113_500),
                                            ("LSS", -75_500), ("Hälso- och sjukvård", -24_000), ("IFO", -45_000)]
        let budget = OperatingBudget(unit: .tkr, sign: .costsNegative, columns: [column], sections: [BudgetSection(
            lines: amounts.map { BudgetLine(id: $0.0, name: $0.0, amounts: [column: $0.1]) })], frame: [column: 282_000])
        #expect(budget.total(budget.sections[0], column) == -282_000, "Summa för nämnden - 282 000")
        #expect(budget.netCost(column) == 282_000)
        #expect(budget.frameDeviation(column) == 0)
    }

    @Test func marksBudgetByKindAndByActivityAddUpToTheSameNetCost() {
        // Mark, Socialnämnden: Driftbudget, mnkr, Budget 2024; the frame 431,4 mnkr (KF juni 2023)
        let column = BudgetColumn(.budget, 2024)
        func d(_ text: String) -> Decimal { Decimal(string: text)! }
        let byKind = BudgetSection(title: "Kostnadsslag", lines: [
            BudgetLine(id: "intakter", name: "Intäkter", role: .income, amounts: [column: d("33.2")]),
            BudgetLine(id: "personal", name: "Personalkostnader", role: .cost, amounts: [column: d("-274.8")]),
            BudgetLine(id: "ovrigt", name: "Övriga kostnader", role: .cost, amounts: [column: d("-189.8")]),
        ])
        let byActivity = BudgetSection(title: "Huvudverksamheter", lines: [
            BudgetLine(id: "funktionsstod", name: "Funktionsstöd", amounts: [column: d("-233.7")]),
            BudgetLine(id: "ifo", name: "Individ-och familjeomsorg", amounts: [column: d("-149.9")]),
            BudgetLine(id: "ledning", name: "Ledning, adm, nämnd", amounts: [column: d("-47.8")]),
        ])
        var budget = OperatingBudget(unit: .mnkr, sign: .costsNegative, columns: [column], sections: [byKind, byActivity], frame: [column: d("431.4")])
        #expect(budget.total(byKind, column) == d("-431.4"))
        #expect(budget.total(byActivity, column) == d("-431.4"))
        #expect(budget.problems().isEmpty)
        // a typo in one section shows as a disagreement, named in Swedish
        budget.sections[1].lines[0].amounts[column] = d("-233.8")
        #expect(budget.problems().contains { if case .sectionsDisagree = $0 { true } else { false } })
        #expect(MoneyUnit.mnkr.convert(d("431.4"), to: .tkr) == 431_400)
    }

    @Test func aFrameTransferIsRecordedOnceAndCountsOnBothSides() {
        let transfer = FrameTransfer(fromUnitID: "lkpg-amn", toUnitID: "lkpg-son", amount: 1_777, unit: .tkr, fromYear: 2021,
                                     text: "Försörjningsdelen av stödboende för ungdomar 16–22 år")
        #expect(transfer.frameChange(for: "lkpg-son", year: 2021) == 1_777)
        #expect(transfer.frameChange(for: "lkpg-amn", year: 2022) == -1_777)
        #expect(transfer.frameChange(for: "lkpg-son", year: 2020) == 0)
        #expect(transfer.frameChange(for: "lkpg-kfn", year: 2021) == 0)
    }
}

/// Issue 22, point 5 and 10: a sign convention of the table is not one of its varav rows or its frame.
@Suite struct SignConventionTests {
    static let column = BudgetColumn(.budget, 2025)

    static func budget(costs: Decimal, income: Decimal, frame: Decimal) -> OperatingBudget {
        // A table that prints costs negative: a net total of −59 689 from its activities.
        OperatingBudget(unit: .tkr, sign: .costsNegative, columns: [column], sections: [BudgetSection(lines: [
            BudgetLine(id: "a", name: "Äldreomsorg", amounts: [column: -40_000]),
            BudgetLine(id: "b", name: "Individ- och familjeomsorg", amounts: [column: -19_689]),
            BudgetLine(id: "k", name: "varav kostnader", role: .ofWhichCosts, amounts: [column: costs]),
            BudgetLine(id: "i", name: "varav intäkter", role: .ofWhichIncome, amounts: [column: income]),
        ])], frame: [column: frame])
    }

    @Test func grossRowsWrittenPositiveUnderANegativeNetAreNoProblem() {
        // gross rows as plans print them (positive), and with the table's sign: both agree with the net
        #expect(Self.budget(costs: 70_000, income: 10_311, frame: 59_689).problems().isEmpty)
        #expect(Self.budget(costs: -70_000, income: 10_311, frame: 59_689).problems().isEmpty)
        // a gross that does not add up is still found
        #expect(Self.budget(costs: 70_000, income: 10_000, frame: 59_689).problems().contains { if case .grossDoesNotMatchNet = $0 { true } else { false } })
    }

    @Test func aFrameWrittenAsTheTablePrintsCostsIsTheSameFrame() {
        // −59 689 (as the table prints costs) gave "överskrider ramen med 119 378"
        let negative = Self.budget(costs: 70_000, income: 10_311, frame: -59_689)
        #expect(negative.frameDeviation(Self.column) == 0)
        #expect(negative.problems().isEmpty)
        #expect(Self.budget(costs: 70_000, income: 10_311, frame: -50_000).frameDeviation(Self.column) == -9_689)
    }
}
