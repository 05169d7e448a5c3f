import FluentKit
import Foundation
import SQLKit
import Testing
import TertialSynthetic
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// What an attacker would try.
@Suite struct SecurityTests {
    static let payloads = ["<script>alert(1)</script>", "\"><svg/onload=alert(2)>", "</textarea><img src=x onerror=alert(3)>",
                           "javascript:alert(4)", "'; DROP TABLE plans; --", "Robert'); DELETE FROM audit_records; --"]
    static let joined = payloads.joined(separator: " ")

    /// A plan with an attack string in every text field the format has.
    static func hostilePlan() -> PlanImporter.Source {
        var doc = SyntheticPlan.make(id: "xss", goals: 2, indicatorsPerGoal: 1)
        let p = joined
        doc.municipality.name = "Kommun " + p
        doc.units[0].name = "KF " + p
        doc.units[1].name = "Nämnd " + p
        doc.plan.title = "Plan " + p
        doc.plan.attachments = ["Bilaga " + p]
        doc.goalAreas[0].name = "Område " + p
        doc.goalAreas[0].label = "Etikett " + p
        doc.goalAreas[0].description = p
        for g in doc.goals.indices {
            doc.goals[g].title = "Mål \(g) " + p
            doc.goals[g].description = "- " + p + "\n- " + p
            doc.goals[g].code = "1" + p
        }
        doc.goals[1].indicators[0].name = "Indikator " + p
        doc.goals[1].indicators[0].description = p
        doc.goals[1].indicators[0].unit = "% " + p
        doc.goals[1].indicators[0].note = p
        doc.goals[1].indicators[0].baseline = "Nuläge " + p
        doc.goals[1].indicators[0].targets["2025"] = "Två " + p
        doc.goals[1].indicators[0].values[0].comment = p
        doc.basicMissions = [BasicMissionRecord(id: "xss-gu", title: "Grunduppdrag " + p, text: p)]
        doc.trackingMeasures = [TrackingMeasureRecord(id: "xss-ft", name: "Följetal " + p, group: "Grupp " + p, unit: p, decimals: 0,
                                                      basicMissionId: "xss-gu", approvedLevel: "70-100", values: [], note: p)]
        let column = BudgetColumn(.budget, 2024, heading: "Budget " + p)
        doc.economy = EconomyRecord(Economy(
            operatingBudgets: [.init(id: "xss-drift", budget: OperatingBudget(unit: .tkr, sign: .costsPositive, columns: [column], sections: [
                BudgetSection(title: "Avsnitt " + p, lines: [BudgetLine(id: "xss-rad", name: "Rad " + p, amounts: [column: 100])], totalLabel: "Summa " + p,
                              printedTotals: [column: 99])],
                frame: [column: 100], layout: BudgetLayout(title: "Drift " + p, heading: "Rubrik " + p, unitRow: "Belopp " + p, frameLabel: "Ram " + p)))],
            investmentBudgets: [.init(id: "xss-inv", budget: InvestmentBudget(unit: .tkr, sign: .costsPositive,
                investments: [Investment(id: "xss-i", name: "Investering " + p, budgetByYear: [2024: 5])], frame: [2024: 5],
                columns: [.year(2024, heading: "År " + p)], layout: InvestmentLayout(title: "Inv " + p, heading: "Rubrik " + p, totalLabel: "Summa " + p, frameLabel: "Ram " + p)))],
            volumeTables: [VolumeTable(id: "xss-vol", kind: .volumes, title: "Volymer " + p, heading: "Rubrik " + p, columns: [column],
                                       measures: [VolumeMeasure(id: "xss-m", group: "Grupp " + p, name: "Mått " + p, values: [column: "Ökning " + p], footnote: "Källa " + p)],
                                       notes: ["Kommentar " + p])],
            frameTransfers: [FrameTransfer(id: "xss-ram", fromUnitID: "xss-kf", toUnitID: "xss-nmd", amount: 10, unit: .tkr, fromYear: 2024, text: "Flytt " + p)],
            followUps: [.init(budgetID: "xss-drift", lineID: "xss-rad", year: 2024, month: 3, outcomeToDate: 20, forecast: 100, comment: "Åtgärd " + p)]))
        doc.activityPlan = ActivityPlanRecord(
            activities: [ActivityRecord(id: "xss-akt", text: "Aktivitet " + p, steeringDocumentIds: ["xss-sd"], responsibleRole: "Roll " + p, due: "2024-Q1",
                                        followUps: [ActivityFollowUpRecord(period: Period(year: 2024, part: .tertial(1)), status: .ongoing, comment: "Kommentar " + p)])],
            assignments: [AssignmentRecord(id: "xss-u", number: "1" + p, text: "Uppdrag " + p, scope: .allCommittees, reportBy: "2024-03-31", responseText: p)],
            steeringDocuments: [SteeringDocumentRecord(id: "xss-sd", title: "Styrdokument " + p, kind: "Slag " + p, adoptedBy: "Organ " + p, summary: p)],
            competenceSupply: CompetenceSupplyRecord(needs: [CompetenceNeedRecord(id: "xss-k", need: "Behov " + p, measures: [p])],
                                                     strategy: StrategyGridRecord(title: "Strategi " + p, subtitle: p, header: [p, "B"], rows: [[p, p]])),
            digitalisation: DigitalisationRecord(currentState: [p], desiredState: [p], desiredHorizon: "Sikt " + p, plan: [p]))
        doc.internalControl = InternalControlRecord(year: 2024, scale: RiskScaleRecord(likelihood: ["Låg " + p, "Hög " + p], consequence: ["Liten " + p, "Stor " + p],
                                                                                      consequenceName: "Väsentlighet " + p, threshold: 2),
            risks: [RiskRecord(id: "xss-risk", area: "Område " + p, process: "Process " + p, risk: "Risk " + p, likelihood: 2, consequence: 2,
                               controls: [ControlRecord(id: "xss-kontroll", control: "Kontroll " + p, responsible: "Ansvarig " + p, frequency: "3 gånger/år",
                                                        method: "Metod " + p, reportedTo: "Nämnd " + p, followUp: "Uppföljning " + p,
                                                        results: [ControlResultRecord(occasion: "2024-04-30", status: .deviations, findings: "Avvikelse " + p, measures: "Åtgärd " + p)])],
                               history: [RiskAssessmentRecord(likelihood: 1, consequence: 1, value: 1, scale: "2×2", replaced: "2024-02-01", reason: "Skäl " + p)])])
        doc.plan.status = .adopted
        doc.plan.decision = DecisionRecord(body: "Organ " + p, date: "2024-01-02", paragraph: "§ " + p, caseNumber: "Dnr " + p, points: [p])
        return PlanImporter.Source(name: "xss.json", document: doc)
    }

    static func expectEscaped(_ html: String, _ page: String) {
        #expect(!html.contains("<script>alert"), "\(page)")
        #expect(!html.contains("<svg/onload"), "\(page)")
        #expect(!html.contains("<img src=x"), "\(page)")
        #expect(!html.contains("</textarea><img"), "\(page)")
        #expect(!html.contains("href=\"javascript:"), "\(page)")
    }

    @Test func attackStringsComeOutAsTextOnEveryPage() async throws {
        try await withTertial([Self.hostilePlan()]) { app in
            // given an administrator whose own name is an attack, and a value comment entered through the form
            try await Visitor.account(app, "admin", admin: true)
            let hostileUser = try await Visitor.account(app, "mallory", roles: ["xss-nmd": .planner])
            let admin = Visitor(app)
            try await admin.signIn("admin")
            _ = try await admin.post(SiteURL.account(id: hostileUser.id!.uuidString).path, ["action": "role", "unitID": "xss-kf", "role": "reader"])
            try await Accounts.create(username: "eve", displayName: Self.joined, passwordHash: nil, by: .system("test"), on: app.db)
            _ = try await admin.post(SiteURL.planValues(id: "xss-plan").path, ["ar": "2024", "u.xss-ind-0": "95", "k.u.xss-ind-0": Self.joined])
            // when every page that shows this text is opened
            let pages = [SiteURL.home, .plan(id: "xss-plan"), .planValues(id: "xss-plan"), .planStatus(id: "xss-plan"),
                         .planVersions(id: "xss-plan"), .accounts, .account(id: hostileUser.id!.uuidString), .audit,
                         .planGoal(id: "xss-plan", goalID: "xss-mal-1"), .planIndicator(id: "xss-plan", indicatorID: "xss-ind-1"),
                         .planNewIndicator(id: "xss-plan", goalID: "xss-mal-1"), .planNewGoal(id: "xss-plan"), .planAssessment(id: "xss-plan"),
                         .planArea(id: "xss-plan", areaID: "xss-area-0"), .planMeasure(id: "xss-plan", measureID: "xss-ft"),
                         .municipality(id: "xss-kommun"), .search, .planEconomy(id: "xss-plan"), .planEconomyFollowUp(id: "xss-plan"),
                         .planActivities(id: "xss-plan"), .planActivity(id: "xss-plan", activityID: "xss-akt"), .planOtherPlans(id: "xss-plan"),
                         .planInternalControl(id: "xss-plan"), .planRisk(id: "xss-plan", riskID: "xss-risk"), .planRiskScale(id: "xss-plan")]
            for page in pages {
                let response = try await admin.get(page == .search ? page.path + "?q=alert"
                                                   : page == .planEconomyFollowUp(id: "xss-plan") ? page.path + "?ar=2024&manad=3" : page.path)
                // then it is there as text, escaped
                #expect(response.status == .ok, "\(page.path)")
                Self.expectEscaped(response.text, page.path)
                #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(page.path)")
            }
            // and SQL in text is stored and shown verbatim, harming nothing
            let plan = try await admin.get(SiteURL.plan(id: "xss-plan").path)
            #expect(plan.text.contains("Robert&#x27;); DELETE FROM audit_records; --") || plan.text.contains("Robert'); DELETE FROM audit_records; --"))
            #expect(try await PlanModel.query(on: app.db).count() == 1)
            #expect(try await AuditRecordModel.query(on: app.db).count() > 0)
            // the CSV defuses spreadsheet formulas and quotes what it must
            let csv = try await admin.get(SiteURL.auditCSV.path)
            #expect(csv.status == .ok)
            #expect(csv.text.hasPrefix("\u{FEFF}Nr;Tid;"))
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withTertial([privatePlan()]) { app in
            try await Visitor.account(app, "planner", roles: ["priv-nmd": .planner])
            let visitor = Visitor(app)
            try await visitor.signIn("planner")
            let before = try await AuditRecordModel.query(on: app.db).count()
            for (path, form) in [(SiteURL.planValues(id: "priv-plan").path, ["ar": "2024", "u.priv-ind-0": "1"]),
                                 (SiteURL.planStatus(id: "priv-plan").path, ["status": "proposal"]),
                                 (SiteURL.signOut.path, [:])] {
                let missing = try await visitor.post(path, form, csrf: false)
                #expect(missing.status == .forbidden, "\(path)")
                var wrong = form
                wrong["_csrf"] = "fel"
                let forged = try await visitor.post(path, wrong, csrf: false)
                #expect(forged.status == .forbidden, "\(path)")
            }
            #expect(try await AuditRecordModel.query(on: app.db).count() == before)
            #expect(try await PlanModel.find("priv-plan", on: app.db)?.status == PlanStatus.adopted.rawValue)
            // The sign-in form is protected too (double-submit token before there is a session).
            let stranger = Visitor(app)
            let response = try await stranger.post(SiteURL.signIn.path, ["username": "planner", "password": "ett långt lösenord"], csrf: false)
            #expect(response.status == .forbidden)
        }
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await withTertial([privatePlan()]) { app in
            try await Visitor.account(app, "planner", roles: ["priv-nmd": .planner])
            let visitor = Visitor(app)
            try await visitor.signIn("planner")
            // a whole-plan form may be large (4 MB), but not larger
            let huge = "_csrf=\(visitor.csrf!)&ar=2024&k.priv-ind-0=" + String(repeating: "x", count: 4_300_000)
            let response = try await visitor.post(SiteURL.planValues(id: "priv-plan").path, rawBody: huge)
            #expect(response.status == .payloadTooLarge)
            #expect(response.text.contains("högst 4096 kB"))
            // any other form keeps the general limit (64 kB)
            let large = "_csrf=\(visitor.csrf!)&title=" + String(repeating: "x", count: 200_000)
            let refused = try await visitor.post(SiteURL.planGoal(id: "priv-plan", goalID: "priv-mal-0").path, rawBody: large)
            #expect(refused.status == .payloadTooLarge)
            #expect(refused.text.contains("högst 64 kB"))
        }
    }

    @Test func aCommitteeOfOneHundredFiftyIndicatorsSavesItsWholeGrid() async throws {
        // the synthetic Storstad's committee plan: 150 indicators by gender, a grid form of about 200 kB
        let plan = SyntheticMunicipality(size: .small, seed: 1).documents()[0]
        try await withTertial([.init(name: "storstad.json", document: plan)]) { app in
            try await Visitor.account(app, "rapportor", roles: [plan.plan.ownerUnitId: .reporter])
            let visitor = Visitor(app)
            try await visitor.signIn("rapportor")
            let path = SiteURL.planValues(id: plan.plan.id).path
            let form = try await visitor.get(path + "?period=2025")
            let indicator = plan.goals.flatMap(\.indicators)[149].id
            // every input of the form, as a browser sends it (empty ones too), with one value changed
            var fields: [String: String] = [:]
            let names = try NSRegularExpression(pattern: #"<input [^>]*?name="([^"]*)""#)
            for match in names.matches(in: form.text, range: NSRange(form.text.startIndex..., in: form.text)) {
                fields[String(form.text[Range(match.range(at: 1), in: form.text)!])] = ""
            }
            fields.merge(Visitor.hiddenFields(form.text)) { _, shown in shown }
            fields["_csrf"] = nil
            fields["u.\(indicator)"] = "77,7"
            let size = fields.map { Visitor.encode($0.key).utf8.count + Visitor.encode($0.value).utf8.count + 2 }.reduce(0, +)
            #expect(size > 64 * 1024, "the form (\(size) bytes) is larger than the general limit")
            let saved = try await visitor.post(path, fields)
            #expect(saved.status == .seeOther)
            let cells = try await ValueHistory.cells(planID: plan.plan.id, period: Period(year: 2025), on: app.db)
            #expect(cells[indicator]?[.outcome]?.text == "77,7")
        }
    }

    @Test func signingInGivesANewSessionId() async throws {
        try await withTertial([]) { app in
            try await Visitor.account(app, "anna")
            let visitor = Visitor(app)
            // given a session id planted by an attacker
            visitor.cookies[AuthMiddleware.sessionCookie] = "planterad-av-angripare"
            try await visitor.get(SiteURL.signIn.path)
            // when the victim signs in
            let response = try await visitor.post(SiteURL.signIn.path, ["username": "anna", "password": "ett långt lösenord"])
            // then the session is a new one, and the cookie is HttpOnly and SameSite
            #expect(response.status == .seeOther)
            let setCookie = response.headers[.setCookie].first { $0.hasPrefix(AuthMiddleware.sessionCookie + "=") } ?? ""
            #expect(!setCookie.contains("planterad"))
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.lowercased().contains("samesite=lax"))
            #expect(visitor.cookies[AuthMiddleware.sessionCookie] != "planterad-av-angripare")
            // and the planted id is worth nothing
            let attacker = Visitor(app)
            attacker.cookies[AuthMiddleware.sessionCookie] = "planterad-av-angripare"
            #expect(!(try await attacker.get(SiteURL.home.path)).text.contains("Inloggad som"))
            #expect((try await visitor.get(SiteURL.home.path)).text.contains("Inloggad som Anna"))
            // the database keeps only a hash of the token
            let token = visitor.cookies[AuthMiddleware.sessionCookie]!
            #expect(try await SessionModel.find(token, on: app.db) == nil)
            #expect(try await SessionModel.find(AuthMiddleware.sessionID(for: token), on: app.db) != nil)
        }
    }

    @Test func signInIsThrottledAndFailuresAudited() async throws {
        try await withTertial([]) { app in
            try await Visitor.account(app, "bertil")
            let visitor = Visitor(app)
            try await visitor.get(SiteURL.signIn.path)
            for _ in 0..<SignInController.maxFailuresPerAccount {
                let response = try await visitor.post(SiteURL.signIn.path, ["username": "bertil", "password": "fel lösenord"])
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("Fel användarnamn eller lösenord."))
                #expect(response.text.contains("value=\"bertil\""), "the form keeps the name")
            }
            let blocked = try await visitor.post(SiteURL.signIn.path, ["username": "bertil", "password": "ett långt lösenord"])
            #expect(blocked.status == .tooManyRequests)
            #expect(try await AuditLog.failedSignIns(username: "bertil", since: Date().addingTimeInterval(-60), on: app.db) == SignInController.maxFailuresPerAccount)
        }
    }

    @Test func aDisabledAccountCannotSignInAndLosesItsSessions() async throws {
        try await withTertial([]) { app in
            let account = try await Visitor.account(app, "cecilia")
            let visitor = Visitor(app)
            try await visitor.signIn("cecilia")
            try await Accounts.setDisabled(account.id!, true, by: .system("test"), on: app.db)
            #expect(!(try await visitor.get(SiteURL.home.path)).text.contains("Inloggad som"))
            #expect(try await Visitor(app).signIn("cecilia").status == .unauthorized)
        }
    }

    @Test func theDatabaseRefusesToChangeTheAuditTrail() async throws {
        try await withTertial([]) { app in
            try await AuditLog.append(.init(.update, "indikator", "x", field: "utfall", old: "1", new: "2"), by: .system("test"), on: app.db)
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_records SET new_value = 'förfalskat'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_records").run() }
            let records = try await AuditRecordModel.query(on: app.db).all()
            #expect(records.contains { $0.newValue == "2" })
            #expect(!records.contains { $0.newValue == "förfalskat" })
        }
    }

    @Test func safeReturnPaths() {
        #expect(SignInController.safeReturnPath("/planer/x") == "/planer/x")
        for bad in ["//evil.example", "https://evil.example", "/\\evil", nil, "planer"] {
            #expect(SignInController.safeReturnPath(bad) == "/")
        }
    }
}
