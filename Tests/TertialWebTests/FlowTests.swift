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

/// What the issue asks a newcomer to be able to do, through the web interface.
@Suite struct FlowTests {
    @Test func anAdministratorCreatesAReporterWhoReportsForTheirUnitOnly() async throws {
        try await withTertial { app in
            // given the first administrator (the CLI makes it the same way) signed in
            try await Visitor.account(app, "admin", admin: true)
            let admin = Visitor(app)
            #expect(try await admin.signIn("admin").status == .seeOther)
            // when the administrator creates a reporter and gives the role on Mark's social committee
            let created = try await admin.post(SiteURL.accounts.path, ["username": "Rapportor", "displayName": "Rut Rapportör", "password": "hemligt och långt"])
            #expect(created.status == .seeOther)
            let account = try #require(try await Accounts.find(username: "rapportor", on: app.db))
            let role = try await admin.post(SiteURL.account(id: account.id!.uuidString).path, ["action": "role", "unitID": "mark-sn", "role": "reporter"])
            #expect(role.status == .seeOther)
            // then the reporter signs in and enters an outcome for the Mark plan in one save
            let reporter = Visitor(app)
            #expect(try await reporter.signIn("rapportor", password: "hemligt och långt").status == .seeOther)
            let form = try await reporter.get(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path + "?ar=2024")
            #expect(form.status == .ok)
            let saved = try await reporter.submit(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path,
                                                  ["ar": "2024", "u.mark-sn-handlaggningstid-familjeenheten": "99", "k.u.mark-sn-handlaggningstid-familjeenheten": "Nytt arbetssätt",
                                                   "u.mark-sn-barn-vrakningar": "0"], formPage: form)
            #expect(saved.status == .seeOther)
            // a comment on a forecast, and one on a cell without a value (refused, nothing saved)
            let form2 = try await reporter.get(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path + "?ar=2024")
            #expect(form2.text.contains("name=\"k.u.mark-sn-handlaggningstid-familjeenheten\" class=\"comment\" value=\"Nytt arbetssätt\""))
            let lonely = try await reporter.submit(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path,
                                                   ["k.p.mark-sn-barn-vrakningar": "Osäker"], formPage: form2)
            #expect(lonely.status == .unprocessableEntity)
            #expect(lonely.text.contains("en kommentar hör till ett värde"))
            let forecast = try await reporter.submit(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path,
                                                     ["p.mark-sn-barn-vrakningar": "1", "k.p.mark-sn-barn-vrakningar": "Osäker"], formPage: form2)
            #expect(forecast.status == .seeOther)
            let cells = try await ValueHistory.cells(planID: "mark-sn-namndplan-2024-2025", period: Period(year: 2024), on: app.db)
            #expect(cells["mark-sn-barn-vrakningar"]?[.forecast]?.comment == "Osäker")
            #expect(cells["mark-sn-handlaggningstid-familjeenheten"]?[.outcome]?.comment == "Nytt arbetssätt")
            let page = try await reporter.get(SiteURL.plan(id: "mark-sn-namndplan-2024-2025").path)
            #expect(page.text.contains("Utfall 2024"))
            #expect(page.text.contains(">99<"))
            // and nothing else: not Linköping's plan, not the plan's status, not accounts
            #expect(try await reporter.get(SiteURL.planValues(id: "lkpg-son-internbudget-2021").path).status == .forbidden)
            #expect(try await reporter.post(SiteURL.planValues(id: "lkpg-son-internbudget-2021").path, ["ar": "2021", "u.lkpg-son-hme": "80"]).status == .forbidden)
            #expect(try await reporter.post(SiteURL.planStatus(id: "mark-sn-namndplan-2024-2025").path, ["status": "proposal"]).status == .forbidden)
            #expect(try await reporter.get(SiteURL.accounts.path).status == .forbidden)
            // and the audit trail shows the change with old and new value, and who made it
            let audit = try await admin.get(SiteURL.audit.path + "?anvandare=rapportor")
            #expect(audit.text.contains("Skapad"))
            #expect(audit.text.contains("indikator mark-sn-handlaggningstid-familjeenheten"))
            #expect(audit.text.contains("Utfall 2024 (totalt)"))
            #expect(audit.text.contains(">99<"))
            let csv = try await admin.get(SiteURL.auditCSV.path + "?anvandare=rapportor")
            #expect(csv.text.contains("rapportor;Skapad;indikator;mark-sn-handlaggningstid-familjeenheten;Utfall 2024 (totalt);;99;"))
        }
    }

    @Test func aFormWithAnErrorKeepsWhatWasTypedAndSavesNothing() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let reporter = Visitor(app)
            try await reporter.signIn("rut")
            let before = try await AuditRecordModel.query(on: app.db).count()
            let response = try await reporter.post(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path,
                                                   ["ar": "2024", "u.mark-sn-handlaggningstid-familjeenheten": "1O5", "u.mark-sn-barn-vrakningar": "2"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("\"1O5\" är inget tal och ingen markering"))
            #expect(response.text.contains("value=\"1O5\""))
            #expect(response.text.contains("value=\"2\""))
            #expect(try await AuditRecordModel.query(on: app.db).count() == before)
        }
    }

    @Test func anAdoptedVersionNeverChangesAndTheDiffShowsLaterEdits() async throws {
        try await withTertial { app in
            // given the adopted Mark plan, frozen as version 1 when it was loaded
            let planID = "mark-sn-namndplan-2024-2025"
            try await Visitor.account(app, "planerare", roles: ["mark-sn": .planner])
            let planner = Visitor(app)
            try await planner.signIn("planerare")
            let frozen = try await planner.get(SiteURL.planVersionFile(id: planID, number: 1).path)
            #expect(frozen.status == .ok)
            #expect(Data(frozen.body.readableBytesView) == InterchangeCodec.encode(try DemoData.sources()[2].document))
            // when a value is changed after adoption
            _ = try await planner.submit(SiteURL.planValues(id: planID).path, ["ar": "2023", "p.mark-sn-handlaggningstid-familjeenheten": "104"],
                                         from: SiteURL.planValues(id: planID).path + "?ar=2023")
            // then version 1 is byte-identical
            let again = try await planner.get(SiteURL.planVersionFile(id: planID, number: 1).path)
            #expect(again.body == frozen.body)
            // and the diff between version 1 and now shows the edit
            let diff = try await planner.get(SiteURL.planVersions(id: planID).path + "?fran=1&till=aktuell")
            #expect(diff.text.contains(">1 skillnad<"))
            #expect(diff.text.contains("Indikator ”Handläggningstider vid familjeenheten (dagar)” › Värde 2023 prognos › värde"))
            #expect(!diff.text.contains("mark-sn-handlaggningstid-familjeenheten"), "the diff names things in words, not ids")
            #expect(diff.text.contains("<td class=\"diff-old\">108</td><td class=\"diff-new\">104</td>"))
            // and a planner can take the plan through proposal to a new adoption, which freezes version 2
            #expect(try await planner.post(SiteURL.planStatus(id: planID).path, ["status": "proposal"]).status == .seeOther)
            let missingDate = try await planner.post(SiteURL.planStatus(id: planID).path, ["status": "adopted", "body": "Socialnämnden", "paragraph": "§ 12"])
            #expect(missingDate.status == .unprocessableEntity)
            #expect(missingDate.text.contains("Ange beslutsdatum."))
            #expect(missingDate.text.contains("value=\"§ 12\""))
            let adopted = try await planner.post(SiteURL.planStatus(id: planID).path,
                                                 ["status": "adopted", "body": "Socialnämnden", "date": "2024-02-20", "paragraph": "§ 12", "caseNumber": "SN 2024-3", "points": "Planen fastställs."])
            #expect(adopted.status == .seeOther)
            let versions = try await PlanVersions.list(planID: planID, on: app.db)
            #expect(versions.map(\.number) == [1, 2])
            #expect(try await PlanVersions.adopted(planID: planID, on: "2024-03-01", on: app.db)?.number == 2)
            #expect(try await PlanVersions.adopted(planID: planID, on: "2024-02-19", on: app.db) == nil)
            let asked = try await planner.get(SiteURL.planVersions(id: planID).path + "?datum=2024-03-01")
            #expect(asked.text.contains("Den 2024-03-01 gällde version 2, fastställd 2024-02-20."))
            // the status changes are in the audit trail
            let records = try await AuditLog.records(.init(planID: planID), on: app.db)
            #expect(records.contains { $0.action == "status" && $0.oldValue == "proposal" && $0.newValue == "adopted" })
        }
    }

    @Test func anonymousVisitorsSeeOnlyPublicAdoptedPlans() async throws {
        try await withTertial(try DemoData.sources() + [privatePlan()]) { app in
            let home = try await Visitor(app).get(SiteURL.home.path)
            #expect(home.text.contains("Nämndplan 2024-2025"))
            #expect(!home.text.contains("Syntetisk nämndplan"))
            #expect(try await Visitor(app).get(SiteURL.plan(id: "priv-plan").path).status == .seeOther)
            #expect(try await Visitor(app).get(SiteURL.planExport(id: "priv-plan").path).status == .seeOther)
        }
    }

    @Test func exportsOfPlansThatAreNotPublicAreAudited() async throws {
        try await withTertial([privatePlan()]) { app in
            try await Visitor.account(app, "lasare", roles: ["priv-nmd": .reader])
            let reader = Visitor(app)
            try await reader.signIn("lasare")
            #expect(try await reader.get(SiteURL.planExport(id: "priv-plan").path).status == .ok)
            let records = try await AuditLog.records(.init(action: .exportPlan), on: app.db)
            #expect(records.map(\.actor) == ["lasare"])
        }
    }
}

@Suite struct ConflictTests {
    @Test func twoPeopleAtOnceNothingIsOverwrittenSilently() async throws {
        try await withTertial { app in
            let planID = "mark-sn-namndplan-2024-2025"
            let path = SiteURL.planValues(id: planID).path
            try await Visitor.account(app, "anna", roles: ["mark-sn": .reporter])
            try await Visitor.account(app, "bertil", roles: ["mark-sn": .reporter])
            let anna = Visitor(app), bertil = Visitor(app)
            try await anna.signIn("anna")
            try await bertil.signIn("bertil")
            // given both open the 2023 form, where the forecast is 108
            let annasForm = try await anna.get(path + "?ar=2023")
            let bertilsForm = try await bertil.get(path + "?ar=2023")
            // when Anna saves 104, and then Bertil, from his older page, saves 110
            let first = try await anna.submit(path, ["ar": "2023", "p.mark-sn-handlaggningstid-familjeenheten": "104"], formPage: annasForm)
            #expect(first.status == .seeOther)
            let second = try await bertil.submit(path, ["ar": "2023", "p.mark-sn-handlaggningstid-familjeenheten": "110", "p.mark-sn-utredningstid-lss": "50"],
                                                 formPage: bertilsForm)
            // then Bertil is told, sees both values, and nothing of his is saved
            #expect(second.status == .conflict)
            #expect(second.text.contains("Någon annan har sparat värden i en ruta sedan du öppnade sidan. Inget sparades."))
            #expect(second.text.contains("anna sparade 104"))
            #expect(second.text.contains("Ditt värde: 110."))
            #expect(second.text.contains("value=\"110\""))
            let cells = try await ValueHistory.cells(planID: planID, period: Period(year: 2023), on: app.db)
            #expect(cells["mark-sn-handlaggningstid-familjeenheten"]?[.forecast]?.text == "104")
            #expect(cells["mark-sn-utredningstid-lss"]?[.forecast]?.text == "56")
            // and when he saves again from the page that showed both, his values win, knowingly
            let third = try await bertil.submit(path, ["ar": "2023", "p.mark-sn-handlaggningstid-familjeenheten": "110", "p.mark-sn-utredningstid-lss": "50"],
                                                formPage: second)
            #expect(third.status == .seeOther)
            let after = try await ValueHistory.cells(planID: planID, period: Period(year: 2023), on: app.db)
            #expect(after["mark-sn-handlaggningstid-familjeenheten"]?[.forecast]?.history.map(\.text) == ["108", "104", "110"])
            // and the history is at hand on the form
            let page = try await anna.get(path + "?ar=2023")
            #expect(page.text.contains("<summary>Historik (3)</summary>"))
            #expect(page.text.contains("bertil: prognos 110"))
        }
    }
}

@Suite struct PeriodTests {
    @Test func outcomesPerTertialAndDelarAsTheMunicipalityFollowsUp() async throws {
        try await withTertial { app in
            let planID = "mark-sn-namndplan-2024-2025"
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let rut = Visitor(app)
            try await rut.signIn("rut")
            let path = SiteURL.planValues(id: planID).path
            let form = try await rut.get(path + "?period=2024-T1")
            #expect(form.text.contains("<h1>Rapportera utfall Tertial 1 2024 – Nämndplan 2024-2025</h1>"))
            #expect(form.text.contains("<option value=\"2024-D\">Delår 2024</option>"))
            #expect(!form.text.contains("<option value=\"2024-03\">"), "Mark follows up tertials, delår and year by default, not months")
            let saved = try await rut.submit(path, ["u.mark-sn-handlaggningstid-familjeenheten": "101"], formPage: form)
            #expect(saved.headers.first(name: .location) == path + "?period=2024-T1&sparat=1")
            let cells = try await ValueHistory.cells(planID: planID, period: Period(year: 2024, part: .tertial(1)), on: app.db)
            #expect(cells["mark-sn-handlaggningstid-familjeenheten"]?[.outcome]?.text == "101")
            let plan = try await rut.get(SiteURL.plan(id: planID).path)
            #expect(plan.text.contains(">Utfall tertial 1 2024</th>"))
        }
    }

    @Test func anAdministratorChoosesTheFollowUpPeriods() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "ada", admin: true)
            let ada = Visitor(app)
            try await ada.signIn("ada")
            let path = SiteURL.municipality(id: "mark").path
            let form = try await ada.get(path)
            #expect(form.text.contains("Inställningar för Marks kommun"))
            let wrong = try await ada.submit(path, ["p.month": "ja"], formPage: form)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Helår måste vara med"))
            #expect(try await ada.submit(path, ["p.month": "ja", "p.year": "ja"], formPage: form).status == .seeOther)
            let values = try await ada.get(SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path)
            #expect(values.text.contains("<option value=\"2024-03\">Mars 2024</option>"))
            #expect(!values.text.contains("value=\"2024-T1\""))
            let records = try await AuditLog.records(.init(actor: "ada", entityType: "kommun"), on: app.db)
            #expect(records.first?.oldValue == "T1, D, year" && records.first?.newValue == "month, year")
        }
    }

    /// Issue 22, point 12: goals printed under Tertial's level names ("Kommunövergripande mål") where the
    /// municipality calls them otherwise; an administrator names the levels, pages and documents use them.
    @Test func anAdministratorNamesTheGoalLevelsAsTheMunicipalityDoes() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "ada", admin: true)
            let ada = Visitor(app)
            try await ada.signIn("ada")
            let path = SiteURL.municipality(id: "mark").path
            let form = try await ada.get(path)
            #expect(form.text.contains("Målnivåernas namn"))
            let tooLong = try await ada.submit(path, ["p.year": "ja", "m.council": String(repeating: "x", count: 2_001)], formPage: form)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(try await ada.submit(path, ["p.T1": "ja", "p.D": "ja", "p.year": "ja", "m.council": "Verksamhetsmål", "m.committee": " "], formPage: form).status == .seeOther)
            let plan = try await ada.get(SiteURL.plan(id: "mark-sn-namndplan-2024-2025").path)
            #expect(plan.text.contains("Verksamhetsmål"))
            let report = try await ada.get(SiteURL.planReport(id: "mark-sn-namndplan-2024-2025").path + "?typ=tertial&ar=2024&format=html")
            #expect(report.text.contains("Verksamhetsmål: Bästa barnkommun"))
            let document = try await ada.get(SiteURL.planDocument(id: "mark-sn-namndplan-2024-2025").path + "?format=html")
            #expect(document.text.contains("Verksamhetsmål: Bästa barnkommun") && !document.text.contains("Kommungemensamt mål: Bästa barnkommun"))
            let records = try await AuditLog.records(.init(actor: "ada", entityType: "kommun"), on: app.db)
            #expect(records.contains { $0.field == "målnivåer" && ($0.newValue ?? "").contains("Kommunövergripande mål → Verksamhetsmål") })
            // the export carries them (format version 3), and a file that says nothing of them still imports
            let exported = try await PlanExporter.document(planID: "mark-sn-namndplan-2024-2025", on: app.db)
            #expect(exported.municipality.goalLevelLabels == ["council": "Verksamhetsmål"] && exported.requiredVersion == 3)
        }
    }

    @Test func aMunicipalityThatFollowsUpMonthly() async throws {
        var document = privatePlan()
        document.document.municipality.followUpPeriods = ["month", "year"]
        try await withTertial([document]) { app in
            try await Visitor.account(app, "rut", roles: ["priv-nmd": .reporter])
            let rut = Visitor(app)
            try await rut.signIn("rut")
            let monthly = try await rut.get(SiteURL.planValues(id: "priv-plan").path + "?period=2024-03")
            #expect(monthly.text.contains("Rapportera utfall mars 2024"))
            let tertial = try await rut.get(SiteURL.planValues(id: "priv-plan").path + "?period=2024-T1&ar=2024")
            #expect(tertial.text.contains("<h1>Rapportera utfall 2024 – "), "a period the municipality does not use falls back to the whole year")
        }
    }
}

@Suite struct GenderGridTests {
    @Test func womenAndMenHaveTheirOwnCellsWhenBrokenDown() async throws {
        try await withTertial { app in
            let planID = "lkpg-son-internbudget-2021"
            try await Visitor.account(app, "hr", roles: ["lkpg-son": .reporter])
            let hr = Visitor(app)
            try await hr.signIn("hr")
            let path = SiteURL.planValues(id: planID).path
            let form = try await hr.get(path + "?ar=2021")
            #expect(form.text.contains("name=\"u.lkpg-son-sjukfranvaro.women\""))
            #expect(form.text.contains("aria-label=\"Utfall 2021: Total sjukfrånvaro, % (kvinnor)\""))
            #expect(!form.text.contains("name=\"u.lkpg-son-hme.women\""), "only indicators broken down by gender get gender rows")
            let saved = try await hr.submit(path, ["u.lkpg-son-sjukfranvaro": "6,2", "u.lkpg-son-sjukfranvaro.women": "7,0", "u.lkpg-son-sjukfranvaro.men": "3,9"], formPage: form)
            #expect(saved.headers.first(name: .location)?.hasSuffix("sparat=3") == true)
            let cells = try await ValueHistory.allCells(planID: planID, period: Period(year: 2021), on: app.db)
            #expect(cells["lkpg-son-sjukfranvaro"]?[.women]?[.outcome]?.text == "7,0")
            #expect(cells["lkpg-son-sjukfranvaro"]?[.men]?[.outcome]?.text == "3,9")
            let plan = try await hr.get(SiteURL.plan(id: planID).path)
            #expect(plan.text.contains("<tr class=\"gender\"><th scope=\"row\">Kvinnor</th><td class=\"num\">7,3</td><td class=\"num\">6,8</td><td class=\"num\">7,0</td>"))
        }
    }
}
