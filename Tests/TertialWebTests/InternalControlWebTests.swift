import FluentKit
import Foundation
import Testing
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// The internal control page: Mark's risk matrix and plan, a scale change that recalculates every risk
/// and keeps the earlier values, results per occasion with what is overdue, and the risk form's rules.
@Suite struct InternalControlWebTests {
    static func demo(_ id: String) throws -> PlanImporter.Source { try DemoData.sources().first { $0.document.plan.id == id }! }
    static let mark = "mark-sn-namndplan-2024-2025", sdkp = "sdkp-sn-uppdragsplan-2020-2023"

    @Test func marksRiskAnalysisMatrixAndPlanAreShown() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let page = try await Visitor(app).get(SiteURL.planInternalControl(id: Self.mark).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains("R3, R4, R5") && page.text.contains("12 Hög"))
            #expect(page.text.contains("Bristande kontroll av sjuklönekostnader avseende extern personlig assistans"))
            #expect(page.text.contains("Ja, med motivering: Med i nämndens internkontrollplan 2024 trots ett riskvärde under riktmärket 12."))
            #expect(page.text.contains("Mycket allvarig") && page.text.contains("Väsentlighet"))
        }
    }

    @Test func changingMarksScaleFromFiveToFourRecalculatesEveryRiskAndKeepsTheEarlierValues() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let path = SiteURL.planRiskScale(id: Self.mark).path
            let form = try await planner.get(path)
            #expect(form.status == .ok && form.text.contains("Mycket sannolik"))
            // the 4×4 preset fills the fields; then it is saved with Mark's name for the consequence
            let filled = try await planner.post(path, ["preset": "4x4", "v": Visitor.hiddenFields(form.text)["v"] ?? ""])
            #expect(filled.text.contains("Mindre sannolik\nSannolik\nMycket sannolik") || filled.text.contains("Mindre sannolik&#10;Sannolik"))
            let saved = try await planner.post(path, ["v": Visitor.hiddenFields(form.text)["v"] ?? "", "likelihood": "Osannolik\nMindre sannolik\nSannolik\nMycket sannolik",
                                                      "consequence": "Försumbar\nLindrig\nAllvarig\nMycket allvarig", "consequenceName": "Väsentlighet", "threshold": "8"])
            #expect(saved.status == .seeOther)
            let record = try #require(try await PlanExporter.document(planID: Self.mark, on: app.db).internalControl)
            let (control, problems) = record.internalControl()
            #expect(problems.isEmpty && control.scale.likelihood.count == 4 && control.scale.threshold == 8)
            // every value recalculated: 9 stays 9 (3×3), 4 stays 4, the three 12s (3×4) become 9 (3×3)
            #expect(control.risks.map(\.value) == [9, 4, 9, 9, 9])
            // and the earlier values are in each risk's history
            #expect(control.risks.map { $0.history.last?.value } == [9, 4, 12, 12, 12])
            #expect(control.risks.allSatisfy { $0.history.last?.reason == "Skalan ändrad från 5×5 till 4×4" })
            let page = try await planner.get(SiteURL.planInternalControl(id: Self.mark).path + "?skala=1")
            #expect(page.text.contains("Tidigare bedömningar") && page.text.contains("Skalan är bytt"))
            let audit = try await AuditLog.records(.init(actor: "planerare"), on: app.db)
            #expect(audit.filter { $0.field == "riskvärde" }.count == 3 && audit.contains { $0.field == "skala" })
            // a scale that cannot be used is refused and what was typed is kept
            let bad = try await planner.post(path, ["likelihood": "Enda steget", "consequence": "A\nB", "threshold": "99"])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("en skala ska ha 2–10 steg") && bad.text.contains("Enda steget"))
        }
    }

    @Test func anOccasionWithoutAResultIsOverdueUntilAReporterRecordsOne() async throws {
        try await withTertial([try Self.demo(Self.sdkp)]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["sdkp-sn": .reporter])
            let path = SiteURL.planInternalControl(id: Self.sdkp).path
            // at tertial 1 2020 every control made three times a year has an April occasion without a result
            let tertial = try await reporter.get(path + "?period=2020-T1")
            #expect(tertial.text.contains("Försenade kontroller till och med 2020-04-30 (5)"))
            #expect(tertial.text.contains("Analys av sjuktal per enhet och verksamhet – tillfälle 2020-04-30"))
            // a deviation needs its description and the measures: refused, and what was typed is kept
            let key = "sdkp-ik-k-sjuktal.2020-04-30"
            let refused = try await reporter.submit(path, ["period": "2020-T1", "s.\(key)": "deviations", "m.\(key)": "Samtal med enhetscheferna"], formPage: tertial)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("beskriv avvikelserna") && refused.text.contains("Samtal med enhetscheferna"))
            // issue 23, point 8: said at the top of the long page, with a link to the result it is about
            let top = try #require(refused.text.components(separatedBy: "<h2").first { $0.contains("Det finns fel i formuläret") })
            #expect(refused.text.range(of: "Det finns fel i formuläret")!.lowerBound < refused.text.range(of: "Försenade kontroller")!.lowerBound)
            #expect(top.isEmpty == false && refused.text.contains("<a href=\"#r-\(key)\">") && refused.text.contains("id=\"r-\(key)\""))
            let saved = try await reporter.submit(path, ["period": "2020-T1", "s.\(key)": "deviations", "f.\(key)": "Sjuktalet har ökat i hemtjänsten.",
                                                         "m.\(key)": "Samtal med enhetscheferna"], formPage: tertial)
            #expect(saved.status == .seeOther)
            let after = try await reporter.get(path + "?period=2020-T1")
            #expect(after.text.contains("Försenade kontroller till och med 2020-04-30 (4)") && after.text.contains("Sjuktalet har ökat i hemtjänsten."))
            // a form made before that save is a conflict that keeps what was typed
            let stale = try await reporter.submit(path, ["period": "2020-T1", "s.\(key)": "resolved", "f.\(key)": "Åtgärdat"], formPage: tertial)
            #expect(stale.status == .conflict && stale.text.contains("Åtgärdat"))
            // readers may look but not report
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["sdkp-sn": .reader])
            #expect(try await reader.get(path).status == .ok)
            #expect(try await reader.post(path, ["period": "2020-T1"]).status == .forbidden)
        }
    }

    @Test func aRiskBelowTheThresholdEntersThePlanOnlyWithAMotivation() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let path = SiteURL.planRisk(id: Self.mark, riskID: "ny").path
            let form = try await planner.get(path)
            #expect(form.status == .ok && form.text.contains("3 Möjlig"))
            let fields = ["area": "Personal", "process": "Bemanning", "risk": "Brist på sjuksköterskor under sommaren", "likelihood": "2", "consequence": "4",
                          "included": "ja", "k.0.control": "Uppföljning av bemanningsplanen", "k.0.frequency": "Månadsvis", "k.0.responsible": "Verksamhetschef"]
            let refused = try await planner.submit(path, fields, formPage: form)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("bara med en skriven motivering") && refused.text.contains("Brist på sjuksköterskor"))
            var motivated = fields
            motivated["motivation"] = "Sommaren 2023 saknades sjuksköterskor i tre veckor."
            #expect(try await planner.submit(path, motivated, formPage: form).status == .seeOther)
            let control = try #require(try await InternalControls.current(planID: Self.mark, on: app.db))
            let added = try #require(control.risks.first { $0.process == "Bemanning" })
            #expect(added.value == 8 && added.isInPlan(control.scale) && added.controls.first?.frequency == .timesPerYear(12))
            // it can be removed while nobody has reported a result
            let edit = SiteURL.planRisk(id: Self.mark, riskID: added.id).path
            #expect(try await planner.submit(edit, ["action": "remove"]).status == .seeOther)
            #expect(try await InternalControls.current(planID: Self.mark, on: app.db)?.risks.count == 5)
        }
    }

    @Test func aPlanWithoutInternalControlGetsOneWithItsFirstRisk() async throws {
        try await withTertial([PlanImporter.Source(name: "syn.json", document: SyntheticPlan.make(id: "syn", goals: 1, indicatorsPerGoal: 1))]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["syn-kf": .planner])
            let page = try await planner.get(SiteURL.planInternalControl(id: "syn-plan").path)
            #expect(page.status == .ok && page.text.contains("ingen riskanalys") && page.text.contains("Ny risk"))
            let path = SiteURL.planRisk(id: "syn-plan", riskID: "ny").path
            let saved = try await planner.submit(path, ["process": "Ekonomi", "risk": "Felaktiga utbetalningar", "likelihood": "4", "consequence": "4",
                                                        "k.0.control": "Stickprov på utbetalningar", "k.0.frequency": "3 gånger/år"])
            #expect(saved.status == .seeOther)
            let control = try #require(try await InternalControls.current(planID: "syn-plan", on: app.db))
            #expect(control.scale == .fiveByFive && control.risks.first?.value == 16 && control.plannedRisks.count == 1)
        }
    }
}
