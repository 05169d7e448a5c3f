import FluentKit
import Foundation
import SQLKit
import Synchronization
import Testing
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// One test (or more) per finding of the hardening probe (issue 9). Each failed on the main branch
/// before its fix.
@Suite struct HardeningTests {
    static let mark = "mark-sn-namndplan-2024-2025"

    // MARK: 1. Header injection

    @Test func aReturnPathWithALineBreakCannotAddHeaders() async throws {
        try await withTertial([]) { app in
            try await Visitor.account(app, "ada")
            let victim = Visitor(app)
            // given a link with CR LF in the return path, raw or percent-encoded
            let page = try await victim.get(SiteURL.signIn.path + "?till=/%0D%0ASet-Cookie:%20tertial_session=angripare")
            #expect(page.text.contains("name=\"till\" value=\"/\""))
            // when the victim signs in with the form it was given (or a forged one)
            for till in ["/\r\nSet-Cookie: tertial_session=angripare", "/planer%0d%0aSet-Cookie:x=y", "/planer/x/utfall\n"] {
                let forger = Visitor(app)
                try await forger.get(SiteURL.signIn.path)
                let response = try await forger.post(SiteURL.signIn.path, ["username": "ada", "password": "ett långt lösenord", "till": till])
                // then they land on the start page, and no header carries the attacker's text
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/")
                #expect(!response.headers[.setCookie].contains { $0.contains("angripare") || $0.hasPrefix("x=") })
            }
        }
    }

    @Test(arguments: [
        ("/planer/mark-sn-namndplan-2024-2025", "/planer/mark-sn-namndplan-2024-2025"),
        ("/planer/mark-sn-namndplan-2024-2025/utfall?period=2024-T1", "/planer/mark-sn-namndplan-2024-2025/utfall?period=2024-T1"),
        ("/granskning?anvandare=ada", "/granskning?anvandare=ada"),
        ("/finns-inte", "/"), ("/planer", "/"), ("/planer/x/../../admin", "/"), ("/%2F%2Fevil.example", "/"),
        ("/planer/%0d%0a", "/"), ("/planer/x y", "/"), ("/planer/x\u{7F}", "/"),
    ])
    func returnPathsAreAnAllowListOfSitePaths(_ path: String, _ expected: String) {
        #expect(SignInController.safeReturnPath(path) == expected)
    }

    @Test func noResponseLeavesWithAControlCharacterInAHeader() {
        #expect(SecurityHeadersMiddleware.hasControlCharacter("a\r\nSet-Cookie: x"))
        #expect(SecurityHeadersMiddleware.hasControlCharacter("a\u{0}"))
        #expect(!SecurityHeadersMiddleware.hasControlCharacter("attachment; filename=\"Nämndplan.docx\""))
    }

    // MARK: 2. Writes across units

    /// A second committee of Mark whose private plan shows the council's goal "Bästa barnkommun".
    static func otherCommitteePlan() throws -> PlanImporter.Source {
        var document = try DemoData.sources().first { $0.document.plan.id == mark }!.document
        document.units.append(UnitRecord(id: "mark-kn", kind: .committee, name: "Kultur- och fritidsnämnden", parentId: "mark-kf"))
        document.plan.id = "mark-kn-plan-2024"
        document.plan.ownerUnitId = "mark-kn"
        document.plan.title = "Kulturplan 2024"
        document.plan.status = .draft
        document.plan.isPublic = false
        document.plan.decision = nil
        document.goals = document.goals.filter { $0.id == "mark-kf-basta-barnkommun" }.map { var goal = $0; goal.indicators = []; return goal }
        document.trackingMeasures = []
        document.basicMissions = []
        document.goalAreas = document.goalAreas.filter { area in document.goals.contains { $0.goalAreaId == area.id } }
        return PlanImporter.Source(name: "kn.json", document: document)
    }

    @Test func aCommitteePlannerCannotChangeTheCouncilsSharedGoal() async throws {
        try await withTertial(try DemoData.sources() + [Self.otherCommitteePlan()]) { app in
            try await Visitor.account(app, "pia", roles: ["mark-sn": .planner])
            try await Visitor.account(app, "kim", roles: ["mark-kf": .planner])
            let pia = Visitor(app), kim = Visitor(app)
            try await pia.signIn("pia"); try await kim.signIn("kim")
            let path = SiteURL.planGoal(id: Self.mark, goalID: "mark-kf-basta-barnkommun").path
            // the form says so before anyone types
            #expect((try await pia.get(path)).text.contains("Målet hör till Kommunfullmäktige och ändras av den som planerar för Kommunfullmäktige"))
            // when a committee planner renames or retires the council's goal through their own plan
            #expect(try await pia.submit(path, ["title": "Omdöpt av nämnden"]).status == .forbidden)
            #expect(try await pia.submit(path, ["action": "retire"]).status == .forbidden)
            // then nothing changed, in either plan
            let goal = try #require(try await GoalModel.find("mark-kf-basta-barnkommun", on: app.db))
            #expect(goal.title != "Omdöpt av nämnden" && goal.retired != true)
            // and the goal areas the other committee's plan uses are not theirs to rename either
            let area = try #require(try await PlanGoalAreaModel.query(on: app.db).filter(\.$planID == "mark-kn-plan-2024").first())
            #expect(try await pia.submit(SiteURL.planArea(id: Self.mark, areaID: area.goalAreaID).path, ["name": "Omdöpt"]).status == .forbidden)
            // while the council's planner may, and the change is audited under every plan that shows the goal
            #expect(try await kim.submit(path, ["title": "Bästa barnkommunen"]).status == .seeOther)
            let records = try await AuditLog.records(.init(actor: "kim"), on: app.db).filter { $0.field == "titel" }
            #expect(Set(records.compactMap(\.planID)) == [Self.mark, "mark-kn-plan-2024", "mark-familjeenheten-enhetsplan-2024"])
        }
    }

    // MARK: 3. Stored values that could lock a plan

    @Test func whatAPersonTypesIsStoredOnlyWhenItExportsAndImportsAgain() async throws {
        try await withTertial { app in
            let rut = try await Visitor.signedIn(app, "rut", roles: ["mark-sn": .planner])
            let grid = SiteURL.planValues(id: Self.mark).path
            let cell = "u.mark-sn-handlaggningstid-familjeenheten"
            // a trailing CR and thousands of spaces are trimmed away
            #expect(try await rut.submit(grid, ["ar": "2024", cell: "5\r"], from: grid + "?ar=2024").status == .seeOther)
            #expect(try await rut.submit(grid, ["ar": "2024", cell: "6" + String(repeating: " ", count: 2_100)], from: grid + "?ar=2024").status == .seeOther)
            let cells = try await ValueHistory.cells(planID: Self.mark, period: Period(year: 2024), on: app.db)
            #expect(cells["mark-sn-handlaggningstid-familjeenheten"]?[.outcome]?.text == "6")
            // a control character inside a value or comment is refused with a message, and nothing is stored
            let refused = try await rut.submit(grid, ["ar": "2024", cell: "7\u{1}"], from: grid + "?ar=2024")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("styrtecken"))
            let comment = try await rut.submit(grid, ["ar": "2024", cell: "7", "k.\(cell)": "bra\u{1}"], from: grid + "?ar=2024")
            #expect(comment.status == .unprocessableEntity)
            // a decision body with a control character is refused next to the field
            #expect(try await rut.post(SiteURL.planStatus(id: Self.mark).path, ["status": "proposal"]).status == .seeOther)
            let decision = try await rut.post(SiteURL.planStatus(id: Self.mark).path,
                                              ["status": "adopted", "body": "Nämnden\u{1}", "date": "2024-11-20"])
            #expect(decision.status == .unprocessableEntity)
            #expect(decision.text.contains("styrtecken"))
            // and the store refuses it too, whatever the caller
            await #expect(throws: ValueParseError.self) {
                try await ValueHistory.record(.indicator("mark-sn-handlaggningstid-familjeenheten"), period: Period(year: 2024), kind: .outcome,
                                              text: "8\u{7}", by: .system("test"), on: app.db)
            }
            // so the plan still exports, imports and prints
            let exported = try await PlanExporter.document(planID: Self.mark, on: app.db)
            #expect(PlanValidator.validate(exported).isEmpty)
            #expect(try await rut.get(SiteURL.planDocument(id: Self.mark).path + "?format=html").status == .ok)
        }
    }

    // MARK: 4. Concurrent writes

    @Test func simultaneousSavesAllSucceedAndTheSameCellRaceIsAConflict() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let grid = SiteURL.planValues(id: Self.mark).path
            let document = try await PlanExporter.document(planID: Self.mark, on: app.db)
            let indicators = document.goals.flatMap(\.indicators).filter { !$0.genderBreakdown }.map(\.id)
            // given eight people with the grid open
            var visitors: [Visitor] = []
            var forms: [TestingHTTPResponse] = []
            for _ in 0..<8 {
                let visitor = Visitor(app)
                try await visitor.signIn("rut")
                visitors.append(visitor)
                forms.append(try await visitor.get(grid + "?ar=2024"))
            }
            // when they all save different cells at once, five times over
            for round in 0..<5 {
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for (i, visitor) in visitors.enumerated() {
                        let form = forms[i]
                        group.addTask { try await visitor.submit(grid, ["ar": "2024", "u.\(indicators[i])": "\(round * 10 + i)"], formPage: form).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .seeOther }, "round \(round): \(statuses)")
                forms = []
                for visitor in visitors { forms.append(try await visitor.get(grid + "?ar=2024")) }
            }
            // and when two save the same cell from the same form, ten times: one wins, the other is told
            let cell = "p.\(indicators[0])"
            for round in 0..<10 {
                let a = visitors[0], b = visitors[1]
                let formA = try await a.get(grid + "?ar=2024"), formB = try await b.get(grid + "?ar=2024")
                async let first = a.submit(grid, ["ar": "2024", cell: "\(round)1"], formPage: formA)
                async let second = b.submit(grid, ["ar": "2024", cell: "\(round)2"], formPage: formB)
                let statuses = [try await first.status, try await second.status].sorted { $0.code < $1.code }
                #expect(statuses == [.seeOther, .conflict], "round \(round)")
            }
            // and the audit trail is numbered without gaps or repeats
            let sequences = try await AuditRecordModel.query(on: app.db).all().map(\.sequence).sorted()
            #expect(sequences == Array(1...Int64(sequences.count)))
        }
    }

    @Test func pdfPrintingIsQueuedAndBounded() async throws {
        let queue = RenderQueue(slots: 1, maxWaiting: 1)
        final class Counter: Sendable { let value = Mutex(0) }
        let started = Counter()
        async let a: Int = queue.run { started.value.withLock { $0 += 1 }; try await Task.sleep(for: .milliseconds(200)); return 1 }
        try await Task.sleep(for: .milliseconds(20))
        async let b: Int = queue.run { started.value.withLock { $0 += 1 }; return 2 }
        try await Task.sleep(for: .milliseconds(20))
        await #expect(throws: RenderQueue.Full.self) { try await queue.run { 3 } }
        #expect(started.value.withLock { $0 } == 1, "the second waits for the first")
        #expect(try await a + b == 3)
    }

    // MARK: 5. Sign-in throttle

    @Test func parallelWrongPasswordsReachBcryptAtMostTheLimit() async throws {
        try await withTertial([]) { app in
            try await Visitor.account(app, "bertil")
            var visitors: [Visitor] = []
            for _ in 0..<40 {
                let visitor = Visitor(app)
                try await visitor.get(SiteURL.signIn.path)
                visitors.append(visitor)
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for visitor in visitors {
                    group.addTask { try await visitor.post(SiteURL.signIn.path, ["username": "bertil", "password": "fel lösenord"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == SignInController.maxFailuresPerAccount, "\(statuses)")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40 - SignInController.maxFailuresPerAccount)
            #expect(try await AuditLog.failedSignIns(username: "bertil", since: Date().addingTimeInterval(-60), on: app.db) == SignInController.maxFailuresPerAccount)
        }
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() {
        #expect(Request.clientAddress(peer: "203.0.113.9", forwardedFor: ["1.2.3.4"], trusted: []) == "203.0.113.9")
        #expect(Request.clientAddress(peer: "10.0.0.5", forwardedFor: ["1.2.3.4, 198.51.100.7"], trusted: ["10.0.0.5"]) == "198.51.100.7")
        #expect(Request.clientAddress(peer: "10.0.0.5", forwardedFor: ["198.51.100.7, 10.0.0.6"], trusted: ["10.0.0.5", "10.0.0.6"]) == "198.51.100.7")
        #expect(Request.clientAddress(peer: nil, forwardedFor: ["1.2.3.4"], trusted: []) == nil)
    }

    // MARK: 6. Assessments

    @Test func anOlderAssessmentFormCannotWipeANewerAnalysis() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "rut", roles: ["mark-sn": .reporter])
            let a = Visitor(app), b = Visitor(app)
            try await a.signIn("rut"); try await b.signIn("rut")
            let path = SiteURL.planAssessment(id: Self.mark).path
            let goal = "mark-sn-god-kvalitet"
            // given two forms open
            let formA = try await a.get(path + "?period=2024"), formB = try await b.get(path + "?period=2024")
            // when A saves an analysis, then B saves from the older form
            #expect(try await a.submit(path, ["period": "2024", "a.\(goal)": "Analys från A"], formPage: formA).status == .seeOther)
            let late = try await b.submit(path, ["period": "2024", "a.\(goal)": "Analys från B"], formPage: formB)
            // then B is told, keeps what B typed, and A's analysis stands
            #expect(late.status == .conflict)
            #expect(late.text.contains("Analys från B"))
            let saved = try await Assessments.history(planID: Self.mark, period: Period(year: 2024), on: app.db)
            #expect(saved[goal]?.last?.analysis == "Analys från A")
            // saving again from the page B was shown keeps B's
            #expect(try await b.submit(path, ["period": "2024", "a.\(goal)": "Analys från B"], formPage: late).status == .seeOther)
            #expect(try await Assessments.history(planID: Self.mark, period: Period(year: 2024), on: app.db)[goal]?.last?.analysis == "Analys från B")
        }
    }

    @Test func anOutcomeForAPeriodThatIsNotFollowedUpIsRefused() async throws {
        try await withTertial { app in
            let rut = try await Visitor.signedIn(app, "rut", roles: ["mark-sn": .reporter])
            let grid = SiteURL.planValues(id: Self.mark).path
            let response = try await rut.submit(grid, ["period": "2024-03", "u.mark-sn-handlaggningstid-familjeenheten": "12"], from: grid + "?ar=2024")
            #expect(response.status == .unprocessableEntity)
            let cells = try await ValueHistory.cells(planID: Self.mark, period: Period(year: 2024), on: app.db)
            #expect(cells["mark-sn-handlaggningstid-familjeenheten"]?[.outcome] == nil)
        }
    }

    // MARK: 9. Adopted plans

    @Test func thePublicSeesTheAdoptedVersionWhilePlannersSeeTheirWorkingVersion() async throws {
        try await withTertial { app in
            let pia = try await Visitor.signedIn(app, "pia", roles: ["mark-sn": .planner])
            let goal = "mark-sn-god-kvalitet"
            let old = try #require(try await GoalModel.find(goal, on: app.db)).title
            // when a planner renames a goal of the adopted, public plan
            #expect(try await pia.submit(SiteURL.planGoal(id: Self.mark, goalID: goal).path, ["title": "Ett nytt namn på målet"]).status == .seeOther)
            // then the planner sees the change, marked as a working version
            let working = try await pia.get(SiteURL.plan(id: Self.mark).path)
            #expect(working.text.contains("Ett nytt namn på målet") && working.text.contains("Arbetsversion"))
            // and the public sees what the committee adopted, in the page, the JSON and the documents
            let visitor = Visitor(app)
            let public_ = try await visitor.get(SiteURL.plan(id: Self.mark).path)
            #expect(public_.text.contains(old) && !public_.text.contains("Ett nytt namn på målet"))
            #expect(public_.text.contains("Fastställd version 1"))
            #expect(!(try await visitor.get(SiteURL.planExport(id: Self.mark).path)).text.contains("Ett nytt namn på målet"))
            #expect(!(try await visitor.get(SiteURL.planDocument(id: Self.mark).path + "?format=html")).text.contains("Ett nytt namn på målet"))
        }
    }

    // MARK: 10. The plan page's cache

    @Test func theCachedPlanPageChangesWithEveryWrite() async throws {
        try await withTertial { app in
            let rut = try await Visitor.signedIn(app, "rut", roles: ["mark-sn": .planner])
            let page = SiteURL.plan(id: Self.mark).path
            _ = try await rut.get(page)
            #expect(app.planPageCache.count == 1)
            // a value entered shows at once
            let grid = SiteURL.planValues(id: Self.mark).path
            #expect(try await rut.submit(grid, ["ar": "2024", "u.mark-sn-handlaggningstid-familjeenheten": "77"], from: grid + "?ar=2024").status == .seeOther)
            #expect((try await rut.get(page)).text.contains(">77<"))
            // a unit renamed (a change outside the plan) shows at once
            let unit = try #require(try await OrgUnitModel.find("mark-sn", on: app.db))
            try await app.db.writeTransaction { db in
                unit.name = "Sociala nämnden"
                try await unit.update(on: db)
                try await AuditLog.append(.init(.update, "enhet", "mark-sn", field: "namn", new: "Sociala nämnden"), by: .system("test"), on: db)
            }
            #expect((try await rut.get(page)).text.contains("Sociala nämnden"))
        }
    }

    // MARK: 11. Smaller findings

    @Test func privateDownloadsAndTheAuditTrailAreNotCached() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "ada", admin: true)
            let ada = Visitor(app)
            try await ada.signIn("ada")
            #expect(try await ada.get(SiteURL.auditCSV.path).headers.first(name: .cacheControl) == "no-store")
            #expect(try await ada.get(SiteURL.planExport(id: Self.mark).path).headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func frozenPlanVersionsCannotBeChanged() async throws {
        try await withTertial { app in
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE plan_versions SET document = '{}'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM plan_versions").run() }
            let count = try await PlanVersionModel.query(on: app.db).count()
            #expect(count > 0)
        }
    }

    @Test func aValueCanBeClearedAndItsHistoryStays() async throws {
        try await withTertial { app in
            let rut = try await Visitor.signedIn(app, "rut", roles: ["mark-sn": .reporter])
            let grid = SiteURL.planValues(id: Self.mark).path
            let cell = "p.mark-sn-handlaggningstid-familjeenheten" // 2023 forecast 108 in the demo
            #expect(try await rut.submit(grid, ["ar": "2023", cell: ""], from: grid + "?ar=2023").status == .seeOther)
            let exported = try await PlanExporter.document(planID: Self.mark, on: app.db)
            let indicator = try #require(exported.goals.flatMap(\.indicators).first { $0.id == "mark-sn-handlaggningstid-familjeenheten" })
            #expect(!indicator.values.contains { $0.period == Period(year: 2023) && $0.kind == .forecast })
            let versions = try await ValueHistory.versions(.indicator(indicator.id), period: Period(year: 2023), kind: .forecast, on: app.db)
            #expect(versions.map(\.text) == ["108", ""])
        }
    }
}
