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

/// The activities and assignments page: for a follow-up period, every late activity and every
/// assignment due for report-back; attack strings come out as text.
@Suite struct ActivityWebTests {
    static func linkopingWithActivities(_ text: String = "Ta fram rutiner för samordnad individuell plan") throws -> PlanImporter.Source {
        var source = try DemoData.sources()[0]
        let goal = source.document.goals.first { $0.level != .council }!.id
        source.document.activityPlan?.activities = [
            ActivityRecord(id: "lkpg-akt-1", text: text, goalIds: [goal], responsibleUnitId: "lkpg-son", due: "2021-Q2",
                           followUps: [ActivityFollowUpRecord(period: Period(year: 2021, part: .tertial(1)), status: .ongoing, comment: "Arbetsgrupp utsedd.")]),
            ActivityRecord(id: "lkpg-akt-2", text: "Följ upp familjehemsuppdraget", assignmentIds: ["lkpg-uppdrag-n3"], responsibleRole: "Enhetschef familjehem", due: "2021-Q4"),
        ]
        return source
    }

    /// Issue 22, point 7: one activity serving several prioritised steering documents is entered once —
    /// a box per document — and editing it through the form keeps every goal and document it serves
    /// (the form showed one of each and dropped the rest).
    @Test func anActivityServesSeveralSteeringDocumentsAndKeepsItsLinks() async throws {
        var source = try Self.linkopingWithActivities()
        let goals = source.document.goals.filter { $0.level != .council }.map(\.id)
        let documents = (source.document.activityPlan?.steeringDocuments ?? []).map(\.id)
        source.document.activityPlan?.activities[0].goalIds = Array(goals.prefix(2))
        source.document.activityPlan?.activities[0].steeringDocumentIds = Array(documents.prefix(2))
        try await withTertial([source]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let path = SiteURL.planActivity(id: "lkpg-son-internbudget-2021", activityID: "lkpg-akt-1").path
            let form = try await planner.get(path)
            #expect(form.text.contains("name=\"styrdokument.\(documents[0])\"") && form.text.contains("name=\"styrdokument.\(documents[2])\""))
            #expect(form.text.components(separatedBy: "checked").count - 1 >= 2)
            // saved with the first two documents ticked and the third added: all three, and both goals kept
            let saved = try await planner.submit(path, ["action": "", "text": "Ta fram rutiner för samordnad individuell plan", "mal": goals[0], "styrdokument.\(documents[0])": "ja", "styrdokument.\(documents[1])": "ja",
                                                        "styrdokument.\(documents[2])": "ja", "klart": "senast i juni"], formPage: form)
            #expect(saved.status == .seeOther)
            let record = try #require(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db))
            let activity = try #require(record.activities.first { $0.id == "lkpg-akt-1" })
            #expect(activity.steeringDocumentIds == documents)
            #expect(activity.goalIds == Array(goals.prefix(2)))
            #expect(activity.due == "senast i juni")
        }
    }

    /// Issue 22, point 11: a reporter says how much of an activity is done (Andel klart, 0–100 %); a
    /// figure outside the range is refused in Swedish with what was typed kept; a saved one is audited,
    /// shown beside the status, and travels in the plan file (version 3).
    @Test func aReporterGivesAnActivitysPercentComplete() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["lkpg-son": .reporter])
            let path = SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path
            let page = try await reporter.get(path + "?period=2021-T1")
            #expect(page.text.contains("name=\"p.lkpg-akt-1\""))
            let refused = try await reporter.submit(path, ["s.lkpg-akt-1": "ongoing", "k.lkpg-akt-1": "Arbetsgrupp utsedd.", "p.lkpg-akt-1": "150"], formPage: page)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("andel klart: &quot;150&quot; är ingen andel") || refused.text.contains("andel klart: \"150\" är ingen andel"))
            #expect(refused.text.contains("value=\"150\""))
            #expect(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db)?.activities[0].followUps?.first?.percentComplete == nil)
            let saved = try await reporter.submit(path, ["s.lkpg-akt-1": "ongoing", "k.lkpg-akt-1": "Arbetsgrupp utsedd.", "p.lkpg-akt-1": "60 %"], formPage: page)
            #expect(saved.status == .seeOther)
            let record = try #require(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db))
            let followUp = try #require(record.activities.first { $0.id == "lkpg-akt-1" }?.followUps?.first)
            #expect(followUp.percentComplete == 60 && followUp.comment == "Arbetsgrupp utsedd.")
            let audit = try await AuditLog.records(.init(actor: "rapportor"), on: app.db)
            #expect(audit.contains { $0.field == "andel klart tertial 1 2021" && $0.newValue == "60 %" }, "\(audit.map { $0.field ?? "" })")
            let after = try await reporter.get(path + "?period=2021-T1")
            #expect(after.text.contains("Pågår, 60 % klart"))
            // the plan file carries it, as version 3
            let typed = try await PlanReads.plan("lkpg-son-internbudget-2021", on: app.db)
            let document = PlanDocument(typed)
            #expect(document.requiredVersion == 3)
            #expect(document.activityPlan?.activities.first { $0.id == "lkpg-akt-1" }?.followUps?.first?.percentComplete == 60)
        }
    }

    @Test func aLateActivityAndAnAssignmentDueForReportBackAreListedForThePeriod() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["lkpg-son": .reader])
            let path = SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path
            // at tertial 1 nothing is late yet
            let tertial = try await reader.get(path + "?period=2021-T1")
            #expect(tertial.status == .ok)
            #expect(tertial.text.contains("Försenade aktiviteter tertial 1 2021 (0)"))
            // at delår the activity due in quarter 2 is late without anyone setting it
            let interim = try await reader.get(path + "?period=2021-D")
            #expect(interim.text.contains("Försenade aktiviteter delår 2021 (1)"))
            #expect(interim.text.contains("▲ Försenad"))
            #expect(interim.text.contains("Uppdrag att återrapportera delår 2021 (0)"))
            // at the year's end the family-home assignment is due for report-back, coordinated by KS
            let year = try await reader.get(path + "?period=2021")
            #expect(year.text.contains("Uppdrag att återrapportera helår 2021 (1)"))
            #expect(year.text.contains("återrapporteras senast 2021-12-31 (samordnas av Kommunstyrelsen)"))
            #expect(year.text.contains("Uppdrag: Social- och omsorgsnämnden ska i samverkan med kommunstyrelsen"))
        }
    }

    @Test func theCommitteeSeesLateActivitiesAndDueAssignmentsOfItsUnitsForThePeriod() async throws {
        // Mark's committee plan and the demo unit plan of Familjeenheten (below Socialnämnden), and an
        // older unit plan (2023) that the 2024–2025 plan must leave out.
        let sources = try DemoData.sources()
        let mark = try #require(sources.first { $0.document.plan.id == "mark-sn-namndplan-2024-2025" })
        let unit = try #require(sources.first { $0.document.plan.id == "mark-familjeenheten-enhetsplan-2024" })
        var older = unit
        older.name = "older.json"
        older.document.plan.id = "mark-familjeenheten-enhetsplan-2023"
        older.document.plan.title = "Enhetsplan 2023 Familjeenheten"
        older.document.plan.budgetYear = 2023
        older.document.plan.planYears = [2023]
        older.document.goals = older.document.goals.filter { $0.level != .unit }
        older.document.activityPlan?.activities = [ActivityRecord(id: "mark-fe-2023-akt", text: "Gammal aktivitet från 2023", due: "2023-Q1")]
        older.document.activityPlan?.assignments = []
        try await withTertial([mark, unit, older]) { app in
            let path = SiteURL.planActivities(id: "mark-sn-namndplan-2024-2025").path
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["mark-sn": .reader])
            // at tertial 1 the activity due in quarter 2 is not yet late, the assignment due in August not yet due
            let tertial = try await reader.get(path + "?period=2024-T1")
            #expect(tertial.text.contains("Nämnden och dess enheter, tertial 1 2024"))
            #expect(tertial.text.contains("Försenade aktiviteter (0)") && tertial.text.contains("Uppdrag att återrapportera (0)"))
            // at delår both are there, each with the unit plan it belongs to
            let interim = try await reader.get(path + "?period=2024-D")
            #expect(interim.text.contains("Försenade aktiviteter (1)") && interim.text.contains("Uppdrag att återrapportera (1)"))
            #expect(interim.text.contains("Införa en strukturerad samtalsmetod för framtidsplanering"))
            #expect(interim.text.contains("SN 2024:3 Redovisa en plan för att korta handläggningstiderna vid familjeenheten"))
            #expect(interim.text.contains("Enhetsplan 2024 Familjeenheten (Familjeenheten)"))
            #expect(!interim.text.contains("Gammal aktivitet från 2023") && !interim.text.contains("Enhetsplan 2023"))
            // the unit goals under the committee's goals, with their status at the period
            #expect(interim.text.contains("Enhetsmål under Bästa barnkommun, delår 2024"))
            #expect(interim.text.contains("Placerade ungdomar ska få stöd att planera sin framtid"))
            // the done activity is not late, and nothing of the roll-up reaches someone who may not read the unit plan
            #expect(!interim.text.contains("Bemanna mottagningen"))
            let visitor = Visitor(app)
            let public_ = try await visitor.get(path + "?period=2024-D")
            #expect(public_.status == .ok && !public_.text.contains("Nämnden och dess enheter") && !public_.text.contains("samtalsmetod"))
        }
    }

    @Test func aPlannerChangesAnActivityKeepsItsFollowUpAndRemovesOneNobodyFollowedUp() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let path = SiteURL.planActivity(id: "lkpg-son-internbudget-2021", activityID: "lkpg-akt-1").path
            let form = try await planner.get(path)
            #expect(form.status == .ok && form.text.contains("Ta fram rutiner för samordnad individuell plan") && form.text.contains("Kvartal 2 2021"))
            // the one that has been followed up cannot be removed: the page says to cancel it instead
            #expect(form.text.contains("Sätt status Avbruten i uppföljningen i stället"))
            // a due date that is no date keeps what was typed
            let bad = try await planner.submit(path, ["action": "", "text": "Ta fram rutiner för SIP", "klart": "snart"], formPage: form)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("\"snart\" anger ingen tidpunkt") && bad.text.contains("Ta fram rutiner för SIP"))
            // a new text and due date are saved, field by field in the audit trail, and the follow-up stays
            let saved = try await planner.submit(path, ["action": "", "text": "Ta fram rutiner för SIP", "klart": "Kvartal 3", "mal": "", "uppdrag": "", "enhet": "lkpg-son"],
                                                 formPage: form)
            #expect(saved.status == .seeOther)
            let record = try #require(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db))
            let activity = try #require(record.activities.first { $0.id == "lkpg-akt-1" })
            #expect(activity.text == "Ta fram rutiner för SIP" && activity.due == "2021-Q3" && activity.followUps?.first?.comment == "Arbetsgrupp utsedd.")
            let audit = try await AuditLog.records(.init(actor: "planerare"), on: app.db)
            #expect(Set(audit.compactMap(\.field)).isSuperset(of: ["aktivitet", "klart", "mål"]))
            // a form made before that save is a conflict that keeps what was typed
            let stale = try await planner.submit(path, ["action": "", "text": "Något annat", "klart": "Kvartal 4"], formPage: form)
            #expect(stale.status == .conflict && stale.text.contains("Något annat") && stale.text.contains("Inget sparades"))
            // the one nobody followed up is removed
            let other = SiteURL.planActivity(id: "lkpg-son-internbudget-2021", activityID: "lkpg-akt-2").path
            #expect(try await planner.submit(other, ["action": "remove"]).status == .seeOther)
            let after = try #require(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db))
            #expect(after.activities.map(\.id) == ["lkpg-akt-1"])
            // and removing the followed-up one anyway is refused with the reason
            let refused = try await planner.submit(path, ["action": "remove"])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("har följts upp och kan inte tas bort"))
            #expect(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db)?.activities.count == 1)
        }
    }

    @Test func steeringDocumentsAndTheDigitalisationPlanAreEditedAndAnActivityServesADocument() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let path = SiteURL.planOtherPlans(id: "lkpg-son-internbudget-2021").path
            let form = try await planner.get(path)
            #expect(form.status == .ok && form.text.contains("Kemikalieprogrammet"))
            // a bad date keeps the row as typed
            let bad = try await planner.submit(path, ["sd.3.title": "Äldreomsorgsplan", "sd.3.adopted": "i våras"], formPage: form)
            #expect(bad.status == .unprocessableEntity && bad.text.contains("\"i våras\" är inget datum") && bad.text.contains("Äldreomsorgsplan"))
            // a new document in the empty row, and the digitalisation plan one item per line
            let saved = try await planner.submit(path, ["sd.3.title": "Äldreomsorgsplan", "sd.3.adoptedBy": "Kommunfullmäktige", "sd.3.adopted": "2020-06-16",
                                                        "sd.3.validThrough": "2024", "d.current": "- Ingen e-tjänst för ansökan\n\nPapper i hemtjänsten",
                                                        "d.plan": "E-tjänst för ansökan om bistånd"], formPage: form)
            #expect(saved.status == .seeOther)
            let record = try #require(try await ActivityPlans.record(planID: "lkpg-son-internbudget-2021", on: app.db))
            let added = try #require(record.steeringDocuments?.first { $0.title == "Äldreomsorgsplan" })
            #expect(added.adopted == "2020-06-16" && added.validThrough == 2024 && record.steeringDocuments?.count == 4)
            #expect(record.digitalisation?.currentState == ["Ingen e-tjänst för ansökan", "Papper i hemtjänsten"] && record.digitalisation?.plan == ["E-tjänst för ansökan om bistånd"])
            // an activity is linked to it, and then the document cannot be removed
            let edit = SiteURL.planActivity(id: "lkpg-son-internbudget-2021", activityID: "lkpg-akt-2").path
            #expect(try await planner.submit(edit, ["action": "", "text": "Följ upp familjehemsuppdraget", "styrdokument.\(added.id)": "ja"]).status == .seeOther)
            let page = try await planner.get(SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path + "?period=2021")
            #expect(page.text.contains("Styrdokument: Äldreomsorgsplan") && page.text.contains("Kommunfullmäktige 2020-06-16"))
            let again = try await planner.get(path)
            let index = try #require(again.text.range(of: "value=\"\(added.id)\""))
            let row = again.text[..<index.lowerBound].components(separatedBy: "name=\"sd.").last!.prefix { $0 != "." }
            let refused = try await planner.submit(path, ["sd.\(row).title": ""], formPage: again)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("har en aktivitet och kan inte tas bort"))
        }
    }

    @Test func aPlanWithoutAnActivityPlanGetsOneWithItsFirstActivity() async throws {
        try await withTertial([privatePlan()]) { app in
            try await PlanActivityPlanModel.query(on: app.db).delete()
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["priv-kf": .planner])
            let page = try await planner.get(SiteURL.planActivities(id: "priv-plan").path)
            #expect(page.status == .ok && page.text.contains("Ny aktivitet"))
            let saved = try await planner.submit(SiteURL.planNewActivity(id: "priv-plan").path, ["text": "Inventera behovet av korttidsplatser", "klart": "Kvartal 4"])
            #expect(saved.status == .seeOther)
            #expect(try await ActivityPlans.record(planID: "priv-plan", on: app.db)?.activities.map(\.text) == ["Inventera behovet av korttidsplatser"])
        }
    }

    @Test func activityTextIsEscaped() async throws {
        try await withTertial([try Self.linkopingWithActivities("<script>alert(1)</script> \"><svg/onload=alert(2)>")]) { app in
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["lkpg-son": .reader])
            let page = try await reader.get(SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path + "?period=2021-D")
            #expect(page.status == .ok)
            SecurityTests.expectEscaped(page.text, "aktiviteter")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func aReporterFollowsUpAndAStaleFormIsAConflict() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["lkpg-son": .reporter])
            let path = SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path
            let page = try await reporter.get(path + "?period=2021-D")
            let fingerprint = try #require(page.text.firstMatch(of: /name="v" value="([0-9a-f]+)"/)?.1)
            // the activity is done, with a comment; the family-home assignment is reported
            let done = try await reporter.post(path, ["period": "2021-D", "v": String(fingerprint), "s.lkpg-akt-1": "done", "k.lkpg-akt-1": "Rutinerna antogs i juni.",
                                                      "as.lkpg-uppdrag-n3": "done", "ar.lkpg-uppdrag-n3": "reported", "at.lkpg-uppdrag-n3": "Redovisat för KS i november."])
            #expect(done.status == .seeOther)
            let after = try await reporter.get(path + "?period=2021")
            #expect(after.text.contains("Försenade aktiviteter helår 2021 (0)"))
            #expect(after.text.contains("Uppdrag att återrapportera helår 2021 (0)"))
            #expect(after.text.contains("Rutinerna antogs i juni."))
            // a second person's form, opened before that save, is a conflict that keeps what they typed
            let stale = try await reporter.post(path, ["period": "2021-D", "v": String(fingerprint), "s.lkpg-akt-1": "ongoing", "k.lkpg-akt-1": "Min text"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Min text"))
            // the public reads the adopted plan with the follow-up reported since
            let publicPage = try await Visitor(app).get(path + "?period=2021")
            #expect(publicPage.status == .ok)
            #expect(publicPage.text.contains("Är avrapporterat: Redovisat för KS i november."))
            let audit = try await AuditRecordModel.query(on: app.db).filter(\.$entityType == "aktivitet").all()
            #expect(audit.contains { $0.field == "status delår 2021" && $0.newValue == "Klar" })
        }
    }

    @Test func aPlannerAddsAnActivityAndABadQuarterKeepsWhatWasTyped() async throws {
        try await withTertial([try Self.linkopingWithActivities()]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let path = SiteURL.planNewActivity(id: "lkpg-son-internbudget-2021").path
            let bad = try await planner.post(path, ["text": "Inför digitala hembesök", "klart": "Kvartal 5", "roll": "Enhetschef hemtjänst"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Klart: &quot;Kvartal 5&quot; anger ingen tidpunkt") || bad.text.contains("Klart: \"Kvartal 5\" anger ingen tidpunkt"))
            #expect(bad.text.contains("Inför digitala hembesök") && bad.text.contains("Enhetschef hemtjänst"))
            let good = try await planner.post(path, ["text": "Inför digitala hembesök", "start": "Q1", "klart": "Q3 2021", "roll": "Enhetschef hemtjänst", "enhet": "lkpg-son"])
            #expect(good.status == .seeOther)
            let page = try await planner.get(SiteURL.planActivities(id: "lkpg-son-internbudget-2021").path + "?period=2021")
            #expect(page.text.contains("Inför digitala hembesök"))
            #expect(page.text.contains("Kvartal 3 2021"))
            // late at the year's end: due in quarter 3, not done
            #expect(page.text.contains("Försenade aktiviteter helår 2021 (2)"))
        }
    }
}
