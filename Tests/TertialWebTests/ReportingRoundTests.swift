import Foundation
import Testing
import TertialCore
import TertialDocuments
@testable import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 23, points 2 and 4, on SQLite and PostgreSQL: a report marked ready is read-only for its unit
/// until sent back; reminders go out once per person and day — also when two servers run at once, when
/// the relay fails once, and when a server stopped mid-send — and stay in the application without e-mail.
@Suite struct ReportingRoundTests {
    static let period = Period(year: 2024, part: .interim)
    static let actor = Actor(name: "controller")

    actor Relay: ReminderMailer {
        var sent: [(to: String, subject: String, body: String)] = []
        var failures = 0
        struct Refused: Error {}
        func failNext(_ n: Int) { failures = n }
        func send(to address: String, subject: String, body: String, messageID: String) async throws {
            if failures > 0 { failures -= 1; throw Refused() }
            sent.append((address, subject, body))
        }
    }

    /// Reporters on Socialnämnden and Familjeenheten with addresses, Delår 2024 due in seven days, the round open.
    static func round(_ app: Application, today: Day) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for (name, unit) in [("rep-sn", "mark-sn"), ("rep-fe", "mark-sf-familjeenheten")] {
            let account = try await Visitor.account(app, name, roles: [unit: .reporter])
            try await PersonalSettings.save(accountID: account.id!, email: "\(name)@mark.se", remindersOff: false, by: actor, on: app.db)
            ids[name] = account.id!
        }
        try await YearCycles.setDeadline(municipalityID: "mark", period: period, unitID: "mark-sn", day: today.adding(days: 7), by: actor, on: app.db)
        #expect(try await ReportingRounds.open(municipalityID: "mark", period: period, by: actor, on: app.db) == 2)
        return ids
    }

    static func run(_ app: Application, _ relay: Relay?, today: Day, at date: Date = Date()) async throws -> Reminders.RunResult {
        try await Reminders.run(today: today, policy: .standard, mailer: relay, compose: { ReminderJob.compose($0, $1, $2, baseURL: "https://tertial.mark.se") },
                                at: date, on: app.db)
    }

    @Test func twoServersAtOnceSendEachPersonOneReminder() async throws {
        try await withTertial { app in
            let today = Day(Date())
            _ = try await Self.round(app, today: today)
            let relay = Relay()
            async let first = Self.run(app, relay, today: today)
            async let second = Self.run(app, relay, today: today)
            let (a, b) = try await (first, second)
            #expect(a.sent + b.sent == 2 && a.alreadyDone + b.alreadyDone == 2)
            let sent = await relay.sent
            #expect(Set(sent.map(\.to)) == ["rep-sn@mark.se", "rep-fe@mark.se"])
            let toUnit = try #require(sent.first { $0.to == "rep-fe@mark.se" })
            #expect(toUnit.subject.contains("Delår 2024 för Familjeenheten") && toUnit.body.contains("(om 7 dagar)"))
            #expect(toUnit.body.contains("https://tertial.mark.se/planer/mark-familjeenheten-enhetsplan-2024/utfall?period=2024-D"))
            // the next day is no reminder day; the day before the deadline is, once
            #expect(try await Self.run(app, relay, today: today.adding(days: 1)).sent == 0)
            #expect(try await Self.run(app, relay, today: today.adding(days: 6)).sent == 2)
            #expect(try await Self.run(app, relay, today: today.adding(days: 6)).sent == 0)
            #expect(await relay.sent.count == 4)
        }
    }

    @Test func aRefusedSendIsRetriedAndAnUnfinishedOneIsNeverRepeated() async throws {
        try await withTertial { app in
            let today = Day(Date())
            let ids = try await Self.round(app, today: today)
            // a server stopped while sending to rep-sn twenty minutes ago: its claim is left behind
            _ = try await Reminders.claim(ids["rep-sn"]!, today: today, status: .sending, subject: "s", body: "b",
                                          at: Date().addingTimeInterval(-1200), on: app.db)
            let relay = Relay()
            await relay.failNext(1)
            let first = try await Self.run(app, relay, today: today)
            #expect(first.uncertain == 1 && first.failed == 1 && first.sent == 0 && first.alreadyDone == 1)
            let second = try await Self.run(app, relay, today: today)
            #expect(second.retried == 1)
            #expect(await relay.sent.map(\.to) == ["rep-fe@mark.se"])
            #expect(try await Self.run(app, relay, today: today).retried == 0)
            let log = try await Reminders.log(on: app.db)
            #expect(Set(log.map { "\($0.username) \($0.digest.status)" }) == ["rep-sn uncertain", "rep-fe sent"])
        }
    }

    @Test func withoutEmailTheRemindersAppearInTheApplicationAndCanBeTurnedOff() async throws {
        try await withTertial { app in
            let today = Day(Date())
            let ids = try await Self.round(app, today: today)
            try await PersonalSettings.save(accountID: ids["rep-sn"]!, email: nil, remindersOff: true, by: Self.actor, on: app.db)
            #expect(try await Self.run(app, nil, today: today).inApp == 1)
            let unit = Visitor(app)
            _ = try await unit.signIn("rep-fe")
            let start = try await unit.get("/")
            #expect(start.text.contains("Mina uppgifter") && start.text.contains("Påminnelse \(today)"))
            #expect(start.text.contains("Rapportera delår 2024: Familjeenheten"))
            // a bad address is refused and what was typed is kept
            let page = try await unit.get(SiteURL.myAccount.path)
            let refused = try await unit.submit(SiteURL.myAccount.path, ["action": "settings", "email": "inte en adress"], formPage: page)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Skriv en e-postadress") && refused.text.contains("value=\"inte en adress\""))
        }
    }

    @Test func aReportMarkedReadyIsReadOnlyForTheUnitUntilSentBack() async throws {
        try await withTertial { app in
            _ = try await Self.round(app, today: Day(Date()))
            let reporter = Visitor(app)
            _ = try await reporter.signIn("rep-sn")
            let admin = try await Visitor.signedIn(app, "controller", admin: true)
            let task = try #require(try await ReportingRounds.tasks(municipalityID: "mark", period: Self.period, on: app.db).first { $0.unitID == "mark-sn" })
            let taskPath = SiteURL.reportingTask(id: task.id.uuidString).path
            let values = SiteURL.planValues(id: "mark-sn-namndplan-2024-2025").path

            // a save starts the report
            let grid = try await reporter.get(values + "?period=2024-D")
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "1"], formPage: grid).status == .seeOther)
            #expect(try await ReportingRounds.task(id: task.id, on: app.db)?.state == .inProgress)
            // another unit's reporter may not mark it ready
            let other = Visitor(app)
            _ = try await other.signIn("rep-fe")
            #expect(try await other.get(taskPath).status == .forbidden)
            // marked ready: the grid is read-only and a save is refused, saying why
            let page = try await reporter.get(taskPath)
            #expect(try await reporter.submit(taskPath, ["action": "ready"], formPage: page).status == .seeOther)
            let grid2 = try await reporter.get(values + "?period=2024-D")
            #expect(grid2.text.contains("klar för granskning för Socialnämnden") && grid2.text.contains("readonly"))
            let refused = try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "2"], formPage: grid2)
            #expect(refused.status == .locked && refused.text.contains("Inget sparades"))
            // control results on occasions inside the period are locked too, those after it are not
            let plan = "mark-sn-namndplan-2024-2025"
            #expect(try await PeriodLocks.closure(planID: plan, locking: Day("2024-06-30")!, on: app.db)?.report?.state == .readyForReview)
            #expect(try await PeriodLocks.closure(planID: plan, locking: Day("2024-10-31")!, on: app.db) == nil)
            // only an administrator reviews; sending back needs a comment
            #expect(try await reporter.submit(taskPath, ["action": "approve"], formPage: page).status == .forbidden)
            let review = try await admin.get(taskPath)
            let noComment = try await admin.submit(taskPath, ["action": "sendBack", "comment": " "], formPage: review)
            #expect(noComment.status == .unprocessableEntity && noComment.text.contains("Skriv vad enheten behöver göra"))
            #expect(try await admin.submit(taskPath, ["action": "sendBack", "comment": "Analysen saknas"], formPage: review).status == .seeOther)
            #expect(try await PeriodLocks.closure(planID: plan, locking: Day("2024-06-30")!, on: app.db) == nil)
            let grid3 = try await reporter.get(values + "?period=2024-D")
            #expect(try await reporter.submit(values, ["u.mark-sn-barn-vrakningar": "2"], formPage: grid3).status == .seeOther)
            let audit = try await AuditLog.records(.init(entityType: "rapportering"), on: app.db)
            #expect(audit.contains { $0.newValue == "Klar för granskning" } && audit.contains { $0.newValue == "Analysen saknas" })
        }
    }

    @Test func theCommitteesReportIsAssembledFromTheUnitsReports() async throws {
        try await withTertial { app in
            _ = try await Self.round(app, today: Day(Date()))
            let unitPlan = "mark-familjeenheten-enhetsplan-2024"
            try await Assessments.save(planID: unitPlan, period: Self.period,
                                       [.init(goalID: "mark-fe-framtidsplanering", computed: .notAssessable, override: nil, reason: nil,
                                              analysis: "Samtalsmetoden används nu med alla placerade ungdomar.")],
                                       by: Actor(name: "rep-fe"), on: app.db)
            let tasks = try await ReportingRounds.tasks(municipalityID: "mark", period: Self.period, gaps: false, on: app.db)
            let unit = try #require(tasks.first { $0.unitID == "mark-sf-familjeenheten" })
            // not yet approved: the state is listed, the analysis is not taken in
            var report = try await PlanDocuments.report(planID: "mark-sn-namndplan-2024-2025", kind: .delar, year: 2024, on: app.db)
            var part = try #require(report.sections.last)
            #expect(part.title == "Enheternas rapporter" && part.children.isEmpty && report.cover.source.contains("0 av 2 godkända"))
            try await ReportingRounds.step(taskID: unit.id, .markReady, by: Actor(name: "rep-fe"), principal: nil, on: app.db)
            try await ReportingRounds.step(taskID: unit.id, .approve, by: Self.actor, principal: nil, on: app.db)
            report = try await PlanDocuments.report(planID: "mark-sn-namndplan-2024-2025", kind: .delar, year: 2024, on: app.db)
            part = try #require(report.sections.last)
            #expect(report.cover.source.contains("1 av 2 godkända"))
            let table = try #require(part.blocks.compactMap { block -> Table? in if case .table(let t) = block { t } else { nil } }.first)
            #expect(table.rows.map { $0.cells.map(\.text) }.contains { $0.starts(with: ["Familjeenheten", "Godkänd"]) })
            let contribution = try #require(part.children.first)
            #expect(contribution.title.hasPrefix("Familjeenheten (godkänd "))
            #expect(contribution.blocks.contains(.paragraph("Samtalsmetoden används nu med alla placerade ungdomar.")))
            // a period without a round has no such part
            let helar = try await PlanDocuments.report(planID: "mark-sn-namndplan-2024-2025", kind: .helar, year: 2024, on: app.db)
            #expect(!helar.sections.contains { $0.title == "Enheternas rapporter" })
        }
    }
}
