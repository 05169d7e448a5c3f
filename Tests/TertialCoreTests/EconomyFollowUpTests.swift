import Foundation
import Testing
@testable import TertialCore

@Suite struct EconomyFollowUpTests {
    @Test func soderkopingsInvestmentsAddUpAsPrinted() {
        // Söderköping: Investeringar (tkr), costs negative; "Total budget - 2 600" and "- 4 000"
        let budget = InvestmentBudget(unit: .tkr, sign: .costsNegative, investments: [
            Investment(id: "valfardsteknik", name: "Välfärdsteknik", budgetByYear: [2020: -800, 2021: -800, 2022: -500, 2023: -500], totalForecast: -2_600),
            Investment(id: "inventarier", name: "Inventarier", budgetByYear: [2020: -1_000, 2021: -1_000, 2022: -1_000, 2023: -1_000], totalForecast: -4_000),
        ], frame: [2020: 1_800])
        #expect(budget.investments.map(\.totalBudget) == [-2_600, -4_000])
        #expect(budget.total(2020) == -1_800 && budget.total(2022) == -1_500)
        #expect(budget.totalBudget == -6_600)
        #expect(budget.frameDeviation(2020) == 0)
    }

    @Test(arguments: [("1 049", VolumeValue.number(1_049)), ("Ökning", .words("Ökning")), ("Ökning/oförändrat", .words("Ökning/oförändrat"))])
    func volumesAreNumbersOrWords(_ printed: String, _ expected: VolumeValue) {
        #expect(VolumeValue(printed: printed) == expected)
    }

    @Test func anEmptyVolumeCellIsNoValue() {
        #expect(VolumeValue(printed: "  ") == nil)
    }

    @Test func aForecastBeyondTheThresholdNeedsTheMeasuresTaken() throws {
        // given IFO's budget 463 777 tkr and a forecast of 470 000 in August (Linköping prints costs positive)
        let followUp = MonthlyFollowUp(lineID: "ifo", year: 2021, month: 8, annualBudget: 463_777, outcomeToDate: 315_000, forecast: 470_000)
        // then the deviation is an overspend of 6 223 tkr, past 1 % of the budget
        #expect(followUp.deviation(sign: .costsPositive) == -6_223)
        #expect(DeviationThreshold.standard.requiresComment(followUp, sign: .costsPositive))
        #expect(throws: EconomyFollowUpError.self) {
            try followUp.validated(lineName: "Individ- och familjeomsorg", threshold: .standard, sign: .costsPositive, unit: .tkr)
        }
        // and with the measures written, it may be saved
        var explained = followUp
        explained.comment = "Placeringar ses över; två HVB-placeringar avslutas i september."
        #expect(try explained.validated(lineName: "IFO", threshold: .standard, sign: .costsPositive, unit: .tkr) == explained)
        // a small deviation needs nothing; an amount threshold catches it in a large budget
        let small = MonthlyFollowUp(lineID: "ifo", year: 2021, month: 8, annualBudget: 463_777, outcomeToDate: 310_000, forecast: 465_000)
        #expect(!DeviationThreshold.standard.requiresComment(small, sign: .costsPositive))
        #expect(DeviationThreshold(amount: 1_000).requiresComment(small, sign: .costsPositive))
    }

    @Test func negativeCostsDeviateTheSameWay() {
        // Mark prints costs negative: budget -233,7, forecast -236,0 is an overspend of 2,3 mnkr
        let followUp = MonthlyFollowUp(lineID: "funktionsstod", year: 2024, month: 4, annualBudget: Decimal(string: "-233.7")!,
                                       outcomeToDate: Decimal(string: "-80.1")!, forecast: Decimal(string: "-236.0")!)
        #expect(followUp.deviation(sign: .costsNegative) == Decimal(string: "-2.3")!)
    }
}
