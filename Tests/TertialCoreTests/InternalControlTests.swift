import Testing
@testable import TertialCore

/// Internal control: risk value = likelihood × consequence on a configurable scale, the threshold
/// and motivated inclusion, rescaling with history, control occasions and what is overdue.
@Suite struct InternalControlTests {
    static let mark = InternalControl(year: 2024, scale: .fiveByFive, risks: [
        Risk(id: "sjuklon", area: "Ekonomi", process: "Debitering", risk: "Bristande kontroll av sjuklönekostnader", likelihood: 3, consequence: 3,
             includedBelowThreshold: true, motivation: "Nämnden tog in risken."),
        Risk(id: "upphandling", area: "Övergripande styrning", process: "Övergripande styrning", risk: "Följer inte upphandlingsrutiner", likelihood: 2, consequence: 2),
        Risk(id: "bistand", area: "Övergripande styrning", process: "Övergripande styrning", risk: "Felaktiga utbetalningar", likelihood: 3, consequence: 4,
             controls: [Control(id: "k1", control: "Efterlevnad handlingsplan", frequency: "3 ggr per år",
                                results: [ControlResult(occasion: Day("2024-04-30")!, status: .noDeviations)])]),
    ])

    @Test func theValueIsLikelihoodTimesConsequenceAndTheThresholdDecidesThePlan() {
        #expect(Self.mark.risks.map(\.value) == [9, 4, 12])
        // 12 is at the threshold; 9 is taken in with a motivation; 4 is not in the plan
        #expect(Self.mark.plannedRisks.map(\.id) == ["sjuklon", "bistand"])
        #expect(Self.mark.problems().isEmpty)
        var unmotivated = Self.mark
        unmotivated.risks[0].motivation = " "
        #expect(unmotivated.problems() == [.needsMotivation(riskID: "sjuklon")])
        // a stated value without levels (Söderköping) counts as the value
        #expect(Risk(id: "s", process: "Sjuktal", statedValue: 16).isInPlan(.fourByFour))
    }

    @Test func rescalingFromFiveToFourMovesEveryLevelKeepsTheEndsAndTheHistory() {
        #expect((1...5).map { RiskScale.map($0, from: 5, to: 4) } == [1, 2, 3, 3, 4])
        #expect((1...4).map { RiskScale.map($0, from: 4, to: 5) } == [1, 2, 4, 5])
        let four = Self.mark.rescaled(to: .fourByFour, on: Day("2024-05-02")!)
        #expect(four.risks.map(\.value) == [9, 4, 9])
        #expect(four.risks.map { $0.history.last?.value } == [9, 4, 12])
        #expect(four.risks[2].history.last?.reason == "Skalan ändrad från 5×5 till 4×4" && four.risks[2].history.last?.scale == "5×5")
        // on the 4×4 scale's threshold (8) all three 9s and the 12-turned-9 are in; the 4 is not
        #expect(four.plannedRisks.map(\.id) == ["sjuklon", "bistand"])
        // and back: a second change adds to the history, the first stays
        let five = four.rescaled(to: .fiveByFive, on: Day("2024-05-03")!)
        #expect(five.risks[2].history.count == 2 && five.risks[2].history.first?.value == 12)
        // a stated value is scaled by the maxima: 16 of 16 becomes 25 of 25
        let stated = InternalControl(year: 2020, scale: .fourByFour, risks: [Risk(id: "s", process: "Sjuktal", statedValue: 16)])
        #expect(stated.rescaled(to: .fiveByFive, on: Day("2020-02-01")!).risks[0].value == 25)
    }

    @Test func aScaleMustBeUsable() {
        #expect(RiskScale.fiveByFive.problems().isEmpty)
        #expect(RiskScale(likelihood: ["A"], consequence: ["B", "C"], threshold: 2).problems() == [.size(1)])
        #expect(RiskScale(likelihood: ["A", "B"], consequence: ["C", ""], threshold: 5).problems() == [.emptyLabel, .threshold(5, maximum: 4)])
        var risk = Self.mark
        risk.risks[1].likelihood = 6
        #expect(risk.problems().count == 1)
    }

    @Test func frequenciesGiveTheYearsOccasions() {
        #expect(ControlFrequency("1 ggr per år") == .timesPerYear(1) && ControlFrequency("1 gång/år") == .timesPerYear(1))
        #expect(ControlFrequency("3 gånger/år") == .timesPerYear(3) && ControlFrequency("Månadsvis") == .timesPerYear(12))
        #expect(ControlFrequency("Löpande") == .continuous("Löpande"))
        #expect(ControlFrequency("3 ggr per år").occasions(in: 2024).map(\.description) == ["2024-04-30", "2024-08-31", "2024-12-31"])
        #expect(ControlFrequency("kvartalsvis").occasions(in: 2024).map(\.description) == ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"])
        #expect(ControlFrequency("1 gång/år").occasions(in: 2024).map(\.description) == ["2024-12-31"])
    }

    @Test func anOccasionThatHasPassedWithoutAResultIsOverdue() {
        // at the tertial (April) the April occasion has its result; at delår August's is missing
        #expect(Self.mark.overdue(through: Day("2024-04-30")!).isEmpty)
        let interim = Self.mark.overdue(through: Day("2024-08-31")!)
        #expect(interim.map(\.occasion.description) == ["2024-08-31"] && interim.first?.control.id == "k1")
        #expect(Self.mark.overdue(through: Day("2024-12-31")!).count == 2)
    }

    @Test func bandsSayInWordsHowHighAValueIs() {
        let scale = RiskScale.fiveByFive
        #expect([1, 6, 9, 12, 16, 25].map { scale.band(of: $0) } == [.low, .medium, .medium, .high, .veryHigh, .veryHigh])
    }
}
