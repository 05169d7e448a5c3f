import TertialCore
import TertialDocuments
import Foundation
import Testing
import TertialInterchange
import TertialStore
@testable import TertialWeb

@Suite struct ChartTests {
    func markIndicator(_ id: String) throws -> Indicator {
        try #require(try DemoData.sources()[2].document.typed().goals.flatMap(\.indicators).first { $0.id == id })
    }

    @Test func aChartSaysInWordsWhatItShows() throws {
        let svg = try #require(IndicatorChart.svg(try markIndicator("mark-sn-handlaggningstid-familjeenheten"), id: "d1"))
        #expect(svg.contains("role=\"img\" aria-labelledby=\"d1-t d1-d\""))
        #expect(svg.contains("<title id=\"d1-t\">Diagram: Handläggningstider vid familjeenheten (dagar)</title>"))
        #expect(svg.contains("Totalt: utfall 2021: 118, utfall 2022: 116, prognos 2023: 108. Mål: 2023: ≤108, 2024: ≤100, 2025: ≤100."))
        // two outcomes joined by a line, one open circle for the forecast, three target marks
        // (and one of each in the legend)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1)
        #expect(svg.components(separatedBy: "fill=\"#fff\"").count - 1 == 1 + 1)
        #expect(svg.components(separatedBy: "stroke-dasharray=\"5 3\"").count - 1 == 3 + 1)
        #expect(svg.contains(">Prognos</text>") && svg.contains(">Mål</text>") && svg.contains(">Utfall totalt</text>"))
        #expect(!svg.contains("style="), "the CSP forbids inline styles")
        #expect(!svg.contains("<script"))
    }

    @Test func genderRowsGetTheirOwnLines() throws {
        let linkoping = try DemoData.sources()[0].document.typed().goals.flatMap(\.indicators).first { $0.id == "lkpg-son-sjukfranvaro" }!
        let svg = try #require(IndicatorChart.svg(linkoping, id: "d2"))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 3)
        #expect(svg.contains("Kvinnor: utfall 2019: 7,3, utfall 2020: 6,8"))
    }

    @Test func nothingToDrawGivesNoChart() throws {
        #expect(IndicatorChart.svg(try markIndicator("mark-sn-familjehem-planera-framtid"), id: "d3") == nil)
    }
}
