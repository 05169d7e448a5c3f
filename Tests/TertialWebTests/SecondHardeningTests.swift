import FluentKit
import Foundation
import SQLKit
import Testing
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// One test (or more) per finding of the second hardening probe (issue 20). Each failed on the main
/// branch before its fix (run there first; see the issue's closing note).
@Suite struct SecondHardeningTests {
    static let mark = "mark-sn-namndplan-2024-2025", sdkp = "sdkp-sn-uppdragsplan-2020-2023", lkpg = "lkpg-son-internbudget-2021"
    static func demo(_ id: String) throws -> PlanImporter.Source { try DemoData.sources().first { $0.document.plan.id == id }! }

    // MARK: 1 and 7. Numbers from a form are range-checked before any arithmetic

    @Test func aRiskWithLevelsOffTheScaleIsRefusedAndTheServerKeepsServing() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let path = SiteURL.planRisk(id: Self.mark, riskID: "ny").path
            for (likelihood, consequence) in [("9223372036854775807", "9223372036854775807"), ("99", "3"), ("-3", "2"), ("3", "0"), ("2", "-9223372036854775808")] {
                let refused = try await planner.submit(path, ["process": "Bemanning", "likelihood": likelihood, "consequence": consequence,
                                                              "k.0.control": "Uppföljning"])
                #expect(refused.status == .unprocessableEntity, "\(likelihood)×\(consequence)")
                #expect(refused.text.contains("finns inte på skalan") && refused.text.contains("Bemanning"))
            }
            #expect(try await planner.get(SiteURL.planInternalControl(id: Self.mark).path).status == .ok)
            #expect(try await InternalControls.current(planID: Self.mark, on: app.db)?.risks.count == 5)
        }
    }

    @Test func removingARiskFromAFormMadeBeforeAnotherSaveIsAConflict() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let control = try #require(try await InternalControls.current(planID: Self.mark, on: app.db))
            let risk = try #require(control.risks.first { $0.controls.allSatisfy { $0.results.isEmpty } })
            let path = SiteURL.planRisk(id: Self.mark, riskID: risk.id).path
            let stale = try await planner.get(path)
            // someone changes the internal control after the form was made
            #expect(try await planner.submit(SiteURL.planRisk(id: Self.mark, riskID: "ny").path,
                                             ["process": "Ny process", "likelihood": "4", "consequence": "4", "k.0.control": "Kontroll"]).status == .seeOther)
            // removing from the old form: a conflict, and nothing is removed
            let removed = try await planner.submit(path, ["action": "remove"], formPage: stale)
            #expect(removed.status == .conflict && removed.text.contains("Risken togs inte bort"))
            #expect(try await InternalControls.current(planID: Self.mark, on: app.db)?.risks.contains { $0.id == risk.id } == true)
        }
    }

    @Test(arguments: ["0,0000000000000000000000000000000001", "1e40", "100000000000000000000000000000000000000000"])
    func aDeviationThresholdOutsideTheAmountRuleIsRefused(_ share: String) async throws {
        try await withTertial([try Self.demo(Self.lkpg)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let response = try await planner.post(SiteURL.planEconomyThreshold(id: Self.lkpg).path, ["andel": share])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Gränsen anges"))
            #expect(try await planner.post(SiteURL.planEconomyThreshold(id: Self.lkpg).path, ["belopp": share]).status == .unprocessableEntity)
        }
    }

    // MARK: 1 and 2. Hostile spreadsheets are refused with a message, within bounds

    @Test func aLedgerWithReferencesOffTheSheetIsRefusedAndTheServerKeepsServing() async throws {
        try await withTertial([try Self.demo(Self.lkpg)]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["lkpg-son": .reporter])
            for (sheet, expected) in [(Workbook.sheet(cellReference: "ZZZZZZZZZZZZZZZZ2"), "utanför bladet"),
                                      (Workbook.sheet(cellReference: "XFDXFDXFD2"), "utanför bladet"),
                                      (Workbook.sheet(rowNumber: "2000000000"), "utanför bladet"),
                                      (Workbook.sheet(rowNumber: "99999999999999999999999"), "utanför bladet")] {
                let response = try await reporter.upload(SiteURL.planEconomyLedger(id: Self.lkpg).path, file: Workbook.xlsx(sheet: sheet), name: "huvudbok.xlsx")
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains(expected) && response.text.contains("Inget ur filen lästes in"), "\(response.text.suffix(3000))")
            }
            #expect(try await reporter.get(SiteURL.planEconomyFollowUp(id: Self.lkpg).path).status == .ok)
        }
    }

    @Test func aLedgerInUTF16IsReadAndOneWithNULsIsNamedAsTheWrongEncoding() async throws {
        try await withTertial([try Self.demo(Self.lkpg)]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["lkpg-son": .reporter])
            let csv = "Verksamhet;År;Jan\r\nförvaltningsövergripande;2021;1000\r\n"
            var utf16 = Data([0xFF, 0xFE]); utf16.append(csv.data(using: .utf16LittleEndian)!)
            let read = try await reporter.upload(SiteURL.planEconomyLedger(id: Self.lkpg).path, file: utf16, name: "huvudbok.csv")
            #expect(!read.text.contains("kolumnen Verksamhet saknas"))
            let bare = try await reporter.upload(SiteURL.planEconomyLedger(id: Self.lkpg).path, file: csv.data(using: .utf16LittleEndian)!, name: "huvudbok.csv")
            #expect(bare.status == .unprocessableEntity && bare.text.contains("fel teckenkodning"))
        }
    }

    // MARK: 3. Whole-page forms write only what the person changed

    /// Ada and Bo open the same page. Ada changes items A and S and saves; Bo, from his older page,
    /// changes S (a real conflict) and B, is told of the conflict, and saves the page he is shown again.
    /// Then Ada's A is still Ada's, S is Bo's (he saved it twice), and B is Bo's.
    func lostUpdate(_ app: Application, path: String, pagePath: String, roles: [String: UnitRole],
                    a: [String: String], s: (ada: [String: String], bo: [String: String]), b: [String: String]) async throws -> TestingHTTPResponse {
        let ada = try await Visitor.signedIn(app, "ada", roles: roles), bo = try await Visitor.signedIn(app, "bo", roles: roles)
        let adaPage = try await ada.get(pagePath), boPage = try await bo.get(pagePath)
        #expect(adaPage.status == .ok && boPage.status == .ok)
        let adaSaved = try await ada.resubmit(path, page: adaPage, a.merging(s.ada) { x, _ in x })
        #expect(adaSaved.status == .seeOther, "Ada: \(adaSaved.text.prefix(2000))")
        let conflict = try await bo.resubmit(path, page: boPage, b.merging(s.bo) { x, _ in x })
        #expect(conflict.status == .conflict, "Bo: \(conflict.status)")
        // Bo saves the page he was shown again, as invited
        let again = try await bo.resubmit(path, page: conflict, [:])
        #expect(again.status == .seeOther, "Bo again: \(again.text.prefix(2000))")
        return conflict
    }

    @Test func reSavingAssessmentsAfterAConflictKeepsAColleaguesChangeToAnotherGoal() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let goals = try await PlanExporter.document(planID: Self.mark, on: app.db).goals.map(\.id)
            let path = SiteURL.planAssessment(id: Self.mark).path
            _ = try await lostUpdate(app, path: path, pagePath: path + "?period=2024", roles: ["mark-sn": .reporter],
                                     a: ["a.\(goals[0])": "Adas analys\r\npå två rader"], s: (["a.\(goals[1])": "Adas"], ["a.\(goals[1])": "Bos"]),
                                     b: ["a.\(goals[2])": "Bos analys"])
            let stored = try await Assessments.history(planID: Self.mark, period: Period(year: 2024), on: app.db)
            #expect(stored[goals[0]]?.last?.analysis == "Adas analys\npå två rader")
            #expect(stored[goals[1]]?.last?.analysis == "Bos")
            #expect(stored[goals[2]]?.last?.analysis == "Bos analys")
            // and no goal nobody touched got a new version
            #expect(stored.keys.count == 3)
        }
    }

    @Test func reSavingActivityFollowUpsAfterAConflictKeepsAColleaguesChangeToAnotherActivity() async throws {
        try await withTertial([try ActivityWebTests.linkopingWithActivities()]) { app in
            let path = SiteURL.planActivities(id: Self.lkpg).path
            _ = try await lostUpdate(app, path: path, pagePath: path + "?period=2021", roles: ["lkpg-son": .reporter],
                                     a: ["k.lkpg-akt-2": "Adas kommentar"], s: (["k.lkpg-akt-1": "Adas"], ["k.lkpg-akt-1": "Bos"]),
                                     b: ["at.lkpg-uppdrag-k1": "Bos svar"])
            let record = try #require(try await ActivityPlans.record(planID: Self.lkpg, on: app.db))
            let period = Period(year: 2021)
            #expect(record.activities.first { $0.id == "lkpg-akt-2" }?.followUps?.first { $0.period == period }?.comment == "Adas kommentar",
                    "\(record.activities.map { "\($0.id): \(String(describing: $0.followUps))" })")
            #expect(record.activities.first { $0.id == "lkpg-akt-1" }?.followUps?.first { $0.period == period }?.comment == "Bos")
            #expect(record.assignments.first { $0.id == "lkpg-uppdrag-k1" }?.responseText == "Bos svar")
        }
    }

    @Test func reSavingTheMonthlyFollowUpAfterAConflictKeepsAColleaguesChangeToAnotherLine() async throws {
        try await withTertial([try Self.demo(Self.lkpg)]) { app in
            let economy = try await Economies.typed(planID: Self.lkpg, on: app.db)
            let item = try #require(economy.operatingBudgets.first)
            let lines = item.budget.followedUpLines.map(\.id)
            try #require(lines.count >= 3)
            let path = SiteURL.planEconomyFollowUp(id: Self.lkpg).path
            _ = try await lostUpdate(app, path: path, pagePath: EconomyController.followUpPath(Self.lkpg, budgetID: item.id, year: 2021, month: 3),
                                     roles: ["lkpg-son": .reporter],
                                     a: ["u.\(lines[0])": "100"], s: (["u.\(lines[1])": "200"], ["u.\(lines[1])": "250"]), b: ["u.\(lines[2])": "300"])
            let stored = try await Economies.history(planID: Self.lkpg, budgetID: item.id, year: 2021, month: 3, on: app.db).mapValues { $0.last! }
            #expect(stored[lines[0]]?.outcomeToDate == 100)
            #expect(stored[lines[1]]?.outcomeToDate == 250)
            #expect(stored[lines[2]]?.outcomeToDate == 300)
        }
    }

    @Test func reSavingInternalControlResultsAfterAConflictKeepsAColleaguesResultForAnotherControl() async throws {
        try await withTertial([try Self.demo(Self.sdkp)]) { app in
            let control = try #require(try await InternalControls.current(planID: Self.sdkp, on: app.db))
            let day = try #require(Day(year: 2020, month: 4, day: 30))
            let keys = control.plannedRisks.flatMap(\.controls).filter { InternalControlController.occasions($0, year: control.year, through: day).contains(day) }
                .map { InternalControlController.key($0, day) }
            try #require(keys.count >= 3)
            let path = SiteURL.planInternalControl(id: Self.sdkp).path
            _ = try await lostUpdate(app, path: path, pagePath: path + "?period=2020-T1", roles: ["sdkp-sn": .reporter],
                                     a: ["s.\(keys[0])": "noDeviations"], s: (["s.\(keys[1])": "notDone", "f.\(keys[1])": "Ada: ej hunnet"],
                                                                             ["s.\(keys[1])": "notDone", "f.\(keys[1])": "Bo: ej hunnet"]),
                                     b: ["s.\(keys[2])": "noDeviations"])
            let after = try #require(try await InternalControls.current(planID: Self.sdkp, on: app.db))
            func result(_ key: String) -> ControlResult? {
                after.risks.flatMap(\.controls).first { key.hasPrefix($0.id + ".") }?.results.first { $0.occasion == day }
            }
            #expect(result(keys[0])?.status == .noDeviations)
            #expect(result(keys[1])?.findings == "Bo: ej hunnet")
            #expect(result(keys[2])?.status == .noDeviations)
        }
    }

    // MARK: 4. Nothing a write path stores can fail the validator

    @Test func aFortyDigitAmountIsRefusedInTheMonthlyFollowUpAndInALedgerAndThePlanStaysEditable() async throws {
        try await withTertial([try Self.demo(Self.lkpg)]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["lkpg-son": .planner])
            let economy = try await Economies.typed(planID: Self.lkpg, on: app.db)
            let item = try #require(economy.operatingBudgets.first)
            let line = try #require(item.budget.followedUpLines.first)
            let path = SiteURL.planEconomyFollowUp(id: Self.lkpg).path
            let page = try await reporter.get(EconomyController.followUpPath(Self.lkpg, budgetID: item.id, year: 2021, month: 3))
            let huge = String(repeating: "9", count: 40)
            let refused = try await reporter.resubmit(path, page: page, ["u.\(line.id)": huge])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("för stort"))
            // the store refuses it whatever the caller
            await #expect(throws: Economies.Invalid.self) {
                try await Economies.save(planID: Self.lkpg, budgetID: item.id, year: 2021, month: 3,
                                         [.init(lineID: line.id, outcomeToDate: Decimal(string: huge)!, forecast: nil, comment: nil)], by: .system("test"), on: app.db)
            }
            let csv = "Verksamhet;År;Jan\n\(line.name);2021;\(huge)\n"
            let ledger = try await reporter.upload(SiteURL.planEconomyLedger(id: Self.lkpg).path, file: Data(csv.utf8), name: "huvudbok.csv")
            #expect(ledger.status == .unprocessableEntity && ledger.text.contains("för stort"))
            // the plan can still be edited
            let goal = try #require(try await PlanExporter.document(planID: Self.lkpg, on: app.db).goals.first { $0.ownerUnitId == "lkpg-son" })
            let edit = try await reporter.submit(SiteURL.planGoal(id: Self.lkpg, goalID: goal.id).path, ["title": goal.title + " (ändrat)"])
            #expect(edit.status == .seeOther, "\(edit.text.prefix(1500))")
        }
    }

    // MARK: 5. Overload is a 503 with Retry-After

    @Test func anOverloadedServerAnswers503WithRetryAfterAndItsMessage() async throws {
        try await withTertial([]) { app in
            app.get("test-full") { _ -> Response in throw Abort(.serviceUnavailable, headers: ["Retry-After": "10"], reason: "Många dokument skrivs ut just nu.") }
            app.get("test-pool") { _ -> Response in throw ConnectionPoolTimeoutError.connectionRequestTimeout }
            try await app.testing().test(.GET, "/test-full") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers.first(name: "Retry-After") == "10")
                #expect(response.body.string.contains("Många dokument skrivs ut just nu."))
            }
            try await app.testing().test(.GET, "/test-pool") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers.first(name: "Retry-After") != nil)
                #expect(response.body.string.contains("Försök igen"))
            }
        }
    }

    @Test func aWaitInTheRenderQueueIsBounded() async throws {
        let queue = RenderQueue(slots: 1, maxWaiting: 4, maxWait: .milliseconds(200))
        async let busy: Void = queue.run { try await Task.sleep(for: .seconds(2)) }
        try await Task.sleep(for: .milliseconds(50))
        let started = ContinuousClock.now
        await #expect(throws: RenderQueue.Full.self) { try await queue.run { 1 } }
        #expect(ContinuousClock.now - started < .seconds(1))
        try await busy
    }

    // MARK: 6. Line breaks from a browser are text, not control characters

    @Test func anOverrideReasonTypedOnSeveralLinesIsSaved() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let reporter = try await Visitor.signedIn(app, "rapportor", roles: ["mark-sn": .reporter])
            let goal = try #require(try await PlanExporter.document(planID: Self.mark, on: app.db).goals.first).id
            let path = SiteURL.planAssessment(id: Self.mark).path
            let page = try await reporter.get(path + "?period=2024")
            let saved = try await reporter.resubmit(path, page: page, ["o.\(goal)": "met", "r.\(goal)": "Första raden\r\nAndra raden\rTredje", "a.\(goal)": "Analys\r\n\r\nStycke två"])
            #expect(saved.status == .seeOther, "\(saved.text.components(separatedBy: "error-summary").dropFirst().first?.prefix(1500) ?? "")")
            let stored = try await Assessments.history(planID: Self.mark, period: Period(year: 2024), on: app.db)[goal]?.last
            #expect(stored?.assessment.reason == "Första raden\nAndra raden\nTredje")
            #expect(stored?.analysis == "Analys\n\nStycke två")
            // a real control character is still refused
            let bell = try await reporter.resubmit(path, page: try await reporter.get(path + "?period=2024"), ["a.\(goal)": "Analys\u{7}"])
            #expect(bell.status == .unprocessableEntity && bell.text.contains("styrtecken"))
        }
    }

    // MARK: 8. A body that is not UTF-8 is refused, never saved as an empty text

    @Test func aTextSectionWithAnInvalidUTF8ByteIsRefusedAndTheTextKept() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let document = try await PlanExporter.document(planID: Self.mark, on: app.db)
            let section = try #require(document.textSections?.sections.first { !$0.text.isEmpty })
            let (key, before) = (section.heading, section.text)
            let path = SiteURL.planTextEdit(id: Self.mark).path
            let body = "rubrik=\(Visitor.encode(key))&text=Trasig%FFtext&_csrf=\(planner.csrf ?? "")"
            let response = try await planner.post(path, rawBody: body)
            #expect(response.status == .unprocessableEntity && response.text.contains("UTF-8"))
            #expect(try await PlanExporter.document(planID: Self.mark, on: app.db).textSections?.sections.first { $0.heading == key }?.text == before)
        }
    }

    // MARK: 11. A council goal is not deleted through a committee's plan

    @Test func aCommitteePlannerRemovesTheCouncilsGoalFromTheirPlanButTheGoalStays() async throws {
        try await withTertial([try Self.demo(Self.mark)]) { app in
            let pia = try await Visitor.signedIn(app, "pia", roles: ["mark-sn": .planner])
            let document = try await PlanExporter.document(planID: Self.mark, on: app.db)
            // a council goal of Mark's that nothing else depends on in this plan
            let council = try #require(document.goals.first { goal in
                goal.ownerUnitId == "mark-kf" && goal.indicators.isEmpty && !document.goals.contains { $0.parentGoalIds.contains(goal.id) }
            })
            let links = try await GoalLinkModel.query(on: app.db).filter(\.$parentGoalID == council.id).count()
            try #require(links == 0)
            let response = try await pia.submit(SiteURL.planGoal(id: Self.mark, goalID: council.id).path, ["action": "delete"])
            #expect(response.status == .seeOther)
            #expect(try await PlanExporter.document(planID: Self.mark, on: app.db).goals.contains { $0.id == council.id } == false)
            // the council's goal itself is still there, for the council's planner
            #expect(try await GoalModel.find(council.id, on: app.db) != nil)
        }
    }
}

/// Small .xlsx files for the reader's limits.
enum Workbook {
    static func sheet(cellReference: String = "A2", rowNumber: String = "2") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
        <row r="1"><c r="A1" t="inlineStr"><is><t>Verksamhet</t></is></c><c r="B1" t="inlineStr"><is><t>År</t></is></c><c r="C1" t="inlineStr"><is><t>Jan</t></is></c></row>\
        <row r="\(rowNumber)"><c r="\(cellReference)" t="inlineStr"><is><t>Förvaltning</t></is></c></row></sheetData></worksheet>
        """
    }

    static func xlsx(sheet: String) -> Data {
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        return zip.data()
    }
}

extension Visitor {
    /// Posts a file as a browser's multipart form would, with the CSRF token.
    @discardableResult
    func upload(_ path: String, file: Data, name: String, fields: [String: String] = [:]) async throws -> TestingHTTPResponse {
        if csrf == nil { try await get(SiteURL.home.path) }
        let boundary = "----tertial\(UUID().uuidString)"
        var body = Data()
        for (key, value) in fields.merging(["_csrf": csrf ?? ""], uniquingKeysWith: { a, _ in a }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(key)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(file)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = cookieHeader
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var result: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: body)) { result = $0 }
        remember(result!)
        return result!
    }
}
