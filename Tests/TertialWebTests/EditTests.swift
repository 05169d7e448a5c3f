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

/// Editing the plan in the browser, as issue 4 asks a new user to manage with no documentation.
@Suite struct EditTests {
    let planID = "mark-sn-namndplan-2024-2025"
    let goalID = "mark-sn-god-kvalitet"

    /// Issue 22: the indicator form takes a target in every form a value takes ("52 %/47 %", "15 mkr")
    /// and a count of one new thing ("1 ny"); the hint lists the forms.
    @Test func targetsWrittenAsPlansPrintThemAreSavedThroughTheForm() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            let path = SiteURL.planNewIndicator(id: planID, goalID: goalID).path
            let form = try await pia.get(path)
            #expect(form.text.contains("1 ny, 2 nya"))
            for (name, target) in [("Andel nöjda (kvinnor/män)", "52 %/47 %"), ("Nya boendeplatser", "1 ny"), ("Kostnad för hemtjänsten", "15 mkr")] {
                let saved = try await pia.submit(path, ["name": name, "unit": "", "decimals": "0", "direction": "increase", "frequency": "year",
                                                        "target-2025": target], formPage: form)
                #expect(saved.status == .seeOther, "\(target): \(saved.text.prefix(300))")
                let stored = try await PlanReads.plan(planID, on: app.db).goals.first { $0.id == goalID }?.indicators.first { $0.name == name }
                #expect(stored?.targets[2025]?.text == target)
            }
        }
    }

    @Test func addAnIndicatorWithATargetEnterAnOutcomeAndSeeItMet() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            // given the Mark plan, where a planner sees how to add an indicator
            let plan = try await pia.get(SiteURL.plan(id: planID).path)
            #expect(plan.text.contains("href=\"\(SiteURL.planNewIndicator(id: planID, goalID: goalID).path)\">Ny indikator</a>"))
            // when she adds one with a target she mistypes first
            let form = try await pia.get(SiteURL.planNewIndicator(id: planID, goalID: goalID).path)
            #expect(form.text.contains("<label for=\"f-target-2025\">Mål 2025</label>"))
            let wrong = try await pia.submit(SiteURL.planNewIndicator(id: planID, goalID: goalID).path,
                                             ["name": "Nöjda brukare inom hemtjänst (%)", "unit": "%", "decimals": "0", "direction": "increase",
                                              "frequency": "year", "target-2025": "≥ 9O %"], formPage: form)
            // then she is told next to the field, and what she typed is still there
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("<span id=\"f-target-2025-fel\" class=\"error\">\"≥ 9O %\" är inget tal (ett målvärde skrivs som ≥ 90 %, ≤ 108"))
            #expect(wrong.text.contains("value=\"Nöjda brukare inom hemtjänst (%)\""))
            // and when she corrects it
            let saved = try await pia.submit(SiteURL.planNewIndicator(id: planID, goalID: goalID).path,
                                             ["name": "Nöjda brukare inom hemtjänst (%)", "unit": "%", "decimals": "0", "direction": "increase",
                                              "frequency": "year", "target-2025": "≥ 90 %"], formPage: wrong)
            #expect(saved.status == .seeOther)
            let document = try await PlanExporter.document(planID: planID, on: app.db)
            let added = try #require(document.goals.first { $0.id == goalID }?.indicators.last)
            #expect(added.name == "Nöjda brukare inom hemtjänst (%)")
            #expect(added.targets == ["2025": "≥ 90 %"])
            // and enters 92 for 2025
            let values = try await pia.get(SiteURL.planValues(id: planID).path + "?ar=2025")
            let entered = try await pia.submit(SiteURL.planValues(id: planID).path, ["ar": "2025", "u.\(added.id)": "92"], formPage: values)
            #expect(entered.status == .seeOther)
            // then the plan shows the target met
            let after = try await pia.get(SiteURL.plan(id: planID).path)
            let row = try #require(after.text.range(of: "Nöjda brukare inom hemtjänst (%)</th>"))
            let cells = String(after.text[row.upperBound...]).components(separatedBy: "</tr>")[0]
            #expect(cells.contains(">92<"))
            #expect(cells.contains("≥ 90 %<span class=\"status status-met\""))
            #expect(cells.contains("● Uppfyllt"))
            // and the audit trail has the new indicator and its target
            let records = try await AuditLog.records(.init(actor: "pia"), on: app.db)
            #expect(records.contains { $0.action == "create" && $0.entityType == "indikator" && $0.newValue == "Nöjda brukare inom hemtjänst (%)" })
            #expect(records.contains { $0.entityType == "målvärde" && $0.field == "målvärde 2025" && $0.oldValue == nil && $0.newValue == "≥ 90 %" })
        }
    }

    @Test func changingATargetIsAuditedWithOldAndNew() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            let path = SiteURL.planIndicator(id: planID, indicatorID: "mark-sn-utredningstid-lss").path
            let form = try await pia.get(path)
            #expect(form.text.contains("value=\"≤40\""))
            #expect(form.text.contains("<label for=\"f-target-2023\">Mål 2023</label>"), "a target outside the plan years is kept in the form")
            let saved = try await pia.submit(path, ["direction": "decrease", "frequency": "year", "target-2025": "≤35"], formPage: form)
            #expect(saved.status == .seeOther)
            let records = try await AuditLog.records(.init(actor: "pia", entityType: "målvärde"), on: app.db)
            #expect(records.map { "\($0.field ?? "") \($0.oldValue ?? "") → \($0.newValue ?? "")" } == ["målvärde 2025 ≤40 → ≤35"])
            // and the indicator's page shows the earlier version, who and when
            let page = try await pia.get(path)
            #expect(page.text.contains("<td>pia</td><td>målvärde 2025</td><td class=\"diff-old\">≤40</td><td class=\"diff-new\">≤35</td>"))
        }
    }

    @Test func goalsAreCreatedEditedAndRemovedWithValidation() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            let newPath = SiteURL.planNewGoal(id: planID).path
            let form = try await pia.get(newPath)
            let wrong = try await pia.submit(newPath, ["title": "Fler i egen försörjning", "level": "committee", "goalAreaId": "mark-so-stod",
                                                       "agenda2030": "1, 18", "childRights": "3, x"], formPage: form)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("\"x\" är inget heltal."))
            let saved = try await pia.submit(newPath, ["title": "Fler i egen försörjning", "level": "committee", "goalAreaId": "mark-so-stod",
                                                       "agenda2030": "1, 18", "childRights": "3", "parent.mark-kf-basta-barnkommun": "ja"], formPage: wrong)
            #expect(saved.status == .unprocessableEntity)
            #expect(saved.text.contains("\"18\" är inget Agenda 2030-mål"))
            let ok = try await pia.submit(newPath, ["title": "Fler i egen försörjning", "level": "committee", "goalAreaId": "mark-so-stod",
                                                    "agenda2030": "1, 8.5", "childRights": "3", "parent.mark-kf-basta-barnkommun": "ja"], formPage: saved)
            #expect(ok.status == .seeOther)
            let document = try await PlanExporter.document(planID: planID, on: app.db)
            let goal = try #require(document.goals.last)
            #expect(goal.title == "Fler i egen försörjning" && goal.agenda2030 == ["1", "8.5"] && goal.parentGoalIds == ["mark-kf-basta-barnkommun"])
            #expect(goal.id.hasPrefix("mark-sn-namndplan-2024-2025-fler-i-egen-forsorjning-"))
            // A goal with indicators cannot be removed; an empty one can.
            let refused = try await pia.submit(SiteURL.planGoal(id: planID, goalID: goalID).path, ["action": "delete"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("kan inte tas bort"))
            let removed = try await pia.submit(SiteURL.planGoal(id: planID, goalID: goal.id).path, ["action": "delete"])
            #expect(removed.status == .seeOther)
            #expect(try await PlanExporter.document(planID: planID, on: app.db).goals.count == document.goals.count - 1)
            // An indicator with reported values keeps its history: it cannot be removed.
            let keep = try await pia.submit(SiteURL.planIndicator(id: planID, indicatorID: "mark-sn-utredningstid-lss").path, ["action": "delete"])
            #expect(keep.status == .unprocessableEntity)
            #expect(keep.text.contains("har redovisade värden"))
        }
    }

    @Test func goalsAndIndicatorsAreReordered() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            let before = try await PlanExporter.document(planID: planID, on: app.db)
            let goalIndex = try #require(before.goals.firstIndex { $0.id == goalID })
            #expect(try await pia.submit(SiteURL.planGoal(id: planID, goalID: goalID).path, ["action": "up"]).status == .seeOther)
            let firstIndicator = before.goals[goalIndex].indicators[0].id
            #expect(try await pia.submit(SiteURL.planIndicator(id: planID, indicatorID: firstIndicator).path, ["action": "down"]).status == .seeOther)
            let after = try await PlanExporter.document(planID: planID, on: app.db)
            #expect(after.goals[goalIndex - 1].id == goalID)
            #expect(after.goals[goalIndex - 1].indicators[1].id == firstIndicator)
            // the ends stay where they are
            let last = after.goals[goalIndex - 1].indicators.last!.id
            #expect(try await pia.submit(SiteURL.planIndicator(id: planID, indicatorID: last).path, ["action": "down"]).status == .seeOther)
            #expect(try await PlanExporter.document(planID: planID, on: app.db).goals[goalIndex - 1].indicators.last!.id == last)
        }
    }
}

@Suite struct AreaAndMeasureEditTests {
    let planID = "mark-sn-namndplan-2024-2025"

    @Test func goalAreasAndTrackingMeasuresAreEditedWithAudit() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            // a new goal area, added last to the plan
            let area = try await pia.submit(SiteURL.planNewArea(id: planID).path, ["name": "Trygghet i vardagen", "label": "Strategiskt område"])
            #expect(area.status == .seeOther)
            var document = try await PlanExporter.document(planID: planID, on: app.db)
            #expect(document.goalAreas.last?.name == "Trygghet i vardagen")
            // a tracking measure with an approved level, mistyped first
            let wrong = try await pia.submit(SiteURL.planNewMeasure(id: planID).path,
                                             ["name": "Andel beslut inom 14 dagar", "basicMissionId": "mark-gu-ifo", "approvedLevel": "80-", "decimals": "0"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("är inget intervall"))
            #expect(wrong.text.contains("value=\"Andel beslut inom 14 dagar\""))
            let ok = try await pia.submit(SiteURL.planNewMeasure(id: planID).path,
                                          ["name": "Andel beslut inom 14 dagar", "basicMissionId": "mark-gu-ifo", "approvedLevel": "80-100", "decimals": "0"], formPage: wrong)
            #expect(ok.status == .seeOther)
            document = try await PlanExporter.document(planID: planID, on: app.db)
            let measure = try #require(document.trackingMeasures.last)
            #expect(measure.basicMissionId == "mark-gu-ifo" && measure.approvedLevel == "80-100")
            // changing an existing measure's approved level keeps its values and is audited
            let edit = try await pia.submit(SiteURL.planMeasure(id: planID, measureID: "mark-ft-fs-ivo").path, ["approvedLevel": "75-100", "basicMissionId": "mark-gu-funktionsstod"])
            #expect(edit.status == .seeOther)
            let records = try await AuditLog.records(.init(actor: "pia", entityType: "följetal"), on: app.db)
            #expect(records.contains { $0.field == "godkänd nivå" && $0.oldValue == "70-100" && $0.newValue == "75-100" })
            let lss = try await PlanExporter.document(planID: planID, on: app.db).trackingMeasures.first { $0.id == "mark-ft-lss-boende" }
            #expect(lss?.values.count == 3)
        }
    }
}

@Suite struct RetireTests {
    @Test func aRetiredIndicatorLeavesTheFollowUpButKeepsItsHistory() async throws {
        try await withTertial { app in
            let planID = "mark-sn-namndplan-2024-2025", indicatorID = "mark-sn-utredningstid-lss"
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            let path = SiteURL.planIndicator(id: planID, indicatorID: indicatorID).path
            #expect(try await pia.submit(path, ["action": "retire"]).status == .seeOther)
            // gone from the working plan and the grid; the public still sees the adopted version until it is adopted again
            #expect(!(try await pia.get(SiteURL.plan(id: planID).path)).text.contains("Utredningstid i antal dagar"))
            #expect((try await Visitor(app).get(SiteURL.plan(id: planID).path)).text.contains("Utredningstid i antal dagar"))
            #expect(!(try await pia.get(SiteURL.planValues(id: planID).path + "?ar=2023")).text.contains("u.\(indicatorID)"))
            #expect((try await pia.get(path)).text.contains("Återta indikatorn"))
            // kept in the export, with its values, and the flag survives a round trip
            let exported = try await PlanExporter.document(planID: planID, on: app.db)
            let kept = try #require(exported.goals.flatMap(\.indicators).first { $0.id == indicatorID })
            #expect(kept.retired == true && kept.values.count == 3)
            let bytes = InterchangeCodec.encode(exported)
            #expect(String(decoding: bytes, as: UTF8.self).contains("\"retired\" : true"))
            #expect(InterchangeCodec.encode(try InterchangeCodec.decode(bytes)) == bytes)
            // brought back
            #expect(try await pia.submit(path, ["action": "reinstate"]).status == .seeOther)
            #expect((try await pia.get(SiteURL.plan(id: planID).path)).text.contains("Utredningstid i antal dagar"))
            let records = try await AuditLog.records(.init(actor: "pia"), on: app.db)
            #expect(records.filter { $0.field == "avvecklad" }.map { $0.newValue ?? "" } == ["nej", "ja"])
        }
    }
}

@Suite struct AreaAndMeasureOrderTests {
    @Test func goalAreasAndTrackingMeasuresAreReorderedRemovedAndRetired() async throws {
        try await withTertial { app in
            let planID = "mark-sn-namndplan-2024-2025"
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            let pia = Visitor(app)
            try await pia.signIn("pia")
            // an area used by goals stays; an unused one leaves the plan but stays the municipality's
            let used = try await pia.submit(SiteURL.planArea(id: planID, areaID: "mark-so-barn").path, ["action": "remove"])
            #expect(used.status == .unprocessableEntity)
            #expect(try await pia.submit(SiteURL.planArea(id: planID, areaID: "mark-fo-ekonomi").path, ["action": "remove"]).status == .seeOther)
            #expect(try await pia.submit(SiteURL.planArea(id: planID, areaID: "mark-fo-personal").path, ["action": "up"]).status == .seeOther)
            var document = try await PlanExporter.document(planID: planID, on: app.db)
            #expect(document.goalAreas.map(\.id) == ["mark-so-barn", "mark-so-stod", "mark-so-foretag", "mark-fo-personal", "mark-so-kreativ"])
            #expect(try await GoalAreaModel.find("mark-fo-ekonomi", on: app.db) != nil)
            // tracking measures move and retire
            #expect(try await pia.submit(SiteURL.planMeasure(id: planID, measureID: "mark-ft-fs-ivo").path, ["action": "up"]).status == .seeOther)
            #expect(try await pia.submit(SiteURL.planMeasure(id: planID, measureID: "mark-ft-skyddsboende-dygn").path, ["action": "retire"]).status == .seeOther)
            document = try await PlanExporter.document(planID: planID, on: app.db)
            #expect(document.trackingMeasures.map(\.id).prefix(4) == ["mark-ft-fs-overklaganden", "mark-ft-fs-genomforandeplan", "mark-ft-fs-ivo", "mark-ft-fs-verkstallighet-lss"])
            #expect(document.trackingMeasures.first { $0.id == "mark-ft-skyddsboende-dygn" }?.retired == true)
            #expect(!(try await pia.get(SiteURL.plan(id: planID).path)).text.contains("Skyddsboende, totalt antal vård dygn"))
        }
    }
}
