import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The årshjul: a municipality's events of a year (wheel and table), filtered per unit or to the
/// signed-in person's own; administrators add and remove events.
enum YearCycleController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let municipality = try await MunicipalityController.find(req)
        return try await page(req, municipality, errors: [], typed: [:]).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let municipality = try await MunicipalityController.find(req)
        let id = municipality.id!
        let form = try req.content.decode([String: String].self)
        func again(_ message: String) async throws -> Response {
            try await page(req, municipality, errors: [message], typed: form).response(status: .unprocessableEntity)
        }
        do {
            switch form["action"] ?? "" {
            case "add":
                guard let text = EditController.clean(form["day"]), let day = Day(text) else {
                    return try await again("Skriv dagen som ÅÅÅÅ-MM-DD, till exempel 2024-11-20.")
                }
                guard let kind = CycleEvent.Kind(rawValue: form["kind"] ?? ""), CycleEvent.Kind.added.contains(kind) else { return try await again("Välj vad det är.") }
                try await YearCycles.addEvent(municipalityID: id, day: day, kind: kind, title: form["title"] ?? "", unitID: EditController.clean(form["unit"]),
                                              by: req.actor, on: req.store)
                return req.redirect(to: SiteURL.yearCycle(municipalityID: id).path + "?ar=\(day.year)&sparat=1", redirectType: .normal)
            case "remove":
                guard let eventID = form["event"].flatMap(UUID.init(uuidString:)) else { return try await again("Händelsen finns inte.") }
                try await YearCycles.removeEvent(id: eventID, municipalityID: id, by: req.actor, on: req.store)
            default:
                return try await again("Okänd åtgärd.")
            }
        } catch let refused as YearCycles.Refused {
            return try await again(refused.description)
        }
        return req.redirect(to: SiteURL.yearCycle(municipalityID: id).path + "?sparat=1", redirectType: .normal)
    }
}

/// Rapportläge: each unit's report for a period, the deadlines per committee and unit, opening the
/// round, approving or sending back; and the page of one unit's report, where its reporter marks it ready.
enum ReportingController {
    @Sendable static func board(_ req: Request) async throws -> Response {
        let municipality = try await MunicipalityController.find(req)
        return try await boardPage(req, municipality, errors: [], typed: [:]).response()
    }

    @Sendable static func saveBoard(_ req: Request) async throws -> Response {
        let municipality = try await MunicipalityController.find(req)
        let id = municipality.id!
        let form = try req.content.decode([String: String].self)
        func again(_ problems: [Forms.Problem]) async throws -> Response {
            try await boardPage(req, municipality, errors: problems, typed: form).response(status: .unprocessableEntity)
        }
        guard let period = form["period"].flatMap(Period.init), try await periods(req, municipality, year: Day(Date()).year).periods.contains(period) else {
            return try await again([.init("Välj en period.")])
        }
        let back = SiteURL.reportingBoard(municipalityID: id).path + "?period=\(period)&sparat=1"
        do {
            switch form["action"] ?? "" {
            case "deadlines":
                // Every date is read before any is saved: one wrong date saves nothing.
                var days: [(String, Day?)] = []
                var problems: [Forms.Problem] = []
                for (key, value) in form.sorted(by: { $0.key < $1.key }) where key.hasPrefix("d.") {
                    let unitID = String(key.dropFirst(2))
                    let text = value.trimmingCharacters(in: .whitespaces)
                    if text.isEmpty { days.append((unitID, nil)); continue }
                    guard let day = Day(text) else {
                        problems.append(.init("\"\(text.prefix(20))\" är inget datum; skriv ÅÅÅÅ-MM-DD.", at: "f-\(key)")); continue
                    }
                    days.append((unitID, day))
                }
                guard problems.isEmpty else { return try await again(problems) }
                for (unitID, day) in days {
                    try await YearCycles.setDeadline(municipalityID: id, period: period, unitID: unitID, day: day, by: req.actor, on: req.store)
                }
            case "open":
                try await ReportingRounds.open(municipalityID: id, period: period, by: req.actor, on: req.store)
            case "responsible":
                guard let task = form["task"].flatMap(UUID.init(uuidString:)) else { return try await again([.init("Rapporten finns inte.")]) }
                try await ReportingRounds.setResponsible(taskID: task, accountID: EditController.clean(form["account"]).flatMap(UUID.init(uuidString:)),
                                                         by: req.actor, on: req.store)
            default:
                return try await again([.init("Okänd åtgärd.")])
            }
        } catch let refused as YearCycles.Refused {
            return try await again([.init(refused.description)])
        } catch let refused as ReportingRounds.Refused {
            return try await again([.init(refused.description)])
        }
        return req.redirect(to: back, redirectType: .normal)
    }

    static func findTask(_ req: Request) async throws -> ReportingRounds.Task {
        guard let id = req.parameters.get("taskID").flatMap(UUID.init(uuidString:)),
              let task = try await ReportingRounds.task(id: id, on: req.store) else { throw Abort(.notFound) }
        // The unit's people, administrators and auditors.
        let chain = try await Accounts.unitChain(task.unitID, on: req.store)
        guard AccessPolicy.allows(req.principal, .readPlan(chain: chain, isPublic: false, isAdopted: false)) else {
            throw Abort(.forbidden, reason: "Du har ingen roll på enheten som rapporten gäller.")
        }
        return task
    }

    @Sendable static func task(_ req: Request) async throws -> Response {
        let task = try await findTask(req)
        return try await taskPage(req, task, errors: [], typed: [:]).response()
    }

    /// The unit marks its report ready; an administrator approves it or sends it back with a comment.
    @Sendable static func saveTask(_ req: Request) async throws -> Response {
        let task = try await findTask(req)
        let form = try req.content.decode([String: String].self)
        let step: ReportingState.Step
        switch form["action"] ?? "" {
        case "ready": step = .markReady
        case "approve": step = .approve
        case "sendBack": step = .sendBack(comment: form["comment"] ?? "")
        default: return try await taskPage(req, task, errors: ["Okänd åtgärd."], typed: form).response(status: .unprocessableEntity)
        }
        if case .markReady = step {} else {
            guard req.principal?.isAdministrator == true else { throw Abort(.forbidden, reason: "Bara en controller (administratör) kan godkänna eller skicka tillbaka.") }
        }
        do {
            try await ReportingRounds.step(taskID: task.id, step, by: req.actor, principal: req.principal, on: req.store)
        } catch let refused as ReportingRounds.Refused {
            return try await taskPage(req, task, errors: [refused.description], typed: form).response(status: .unprocessableEntity)
        }
        if form["board"] != nil, req.principal?.isAdministrator == true {
            return req.redirect(to: SiteURL.reportingBoard(municipalityID: task.municipalityID).path + "?period=\(task.period)&sparat=1", redirectType: .normal)
        }
        return req.redirect(to: SiteURL.reportingTask(id: task.id.uuidString).path + "?sparat=1", redirectType: .normal)
    }
}

/// A person's own settings: e-mail for reminders (or none), reminders off, the calendar feed.
enum MyAccountController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        try await page(req, errors: [], typed: nil, feedURL: nil).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        guard let account = req.account, let accountID = account.id else { throw Abort(.unauthorized) }
        let form = try req.content.decode([String: String].self)
        switch form["action"] ?? "" {
        case "settings":
            do {
                try await PersonalSettings.save(accountID: accountID, email: form["email"], remindersOff: form["off"] != nil, by: req.actor, on: req.store)
            } catch let refused as PersonalSettings.Refused {
                return try await page(req, errors: [.init(refused.description, at: "f-email")], typed: form, feedURL: nil).response(status: .unprocessableEntity)
            }
        case "newFeed":
            let token = AuthMiddleware.randomToken()
            try await PersonalSettings.setCalendarToken(accountID: accountID, hash: AuthMiddleware.sessionID(for: token), by: req.actor, on: req.store)
            // Shown once: only its hash is kept.
            let url = SiteURL.base(for: req) + SiteURL.calendarFeed(token: token).path
            return try await page(req, errors: [], typed: nil, feedURL: url).response()
        case "revokeFeed":
            try await PersonalSettings.revokeCalendar(accountID: accountID, by: req.actor, on: req.store)
        default:
            return try await page(req, errors: [.init("Okänd åtgärd.")], typed: form, feedURL: nil).response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.myAccount.path + "?sparat=1", redirectType: .normal)
    }

    /// The calendar feed: anyone with the secret URL (a calendar program signs in to nothing).
    @Sendable static func calendar(_ req: Request) async throws -> Response {
        guard var token = req.parameters.get("token"), token.hasSuffix(".ics") else { throw Abort(.notFound) }
        token.removeLast(4)
        guard (20...100).contains(token.count),
              let account = try await PersonalSettings.account(calendarTokenHash: AuthMiddleware.sessionID(for: token), on: req.store) else {
            throw Abort(.notFound, reason: "Kalendern finns inte, eller dess adress har återkallats.")
        }
        let year = Day(Date()).year
        // Two years back (a report late from last year) and the next year.
        let events = try await PersonalSettings.deadlines(accountID: account.id!, years: Array((year - 2)...(year + 1)), on: req.store)
        let base = SiteURL.configuredBase
        let feed = ICalendar.feed(name: "Tertial – \(account.displayName)", events: events.map { event in
            let key = [event.kind.rawValue, event.day.description, event.unitID ?? "", event.planID ?? "", event.id ?? event.title].joined(separator: "|")
            let uid = AuthMiddleware.sessionID(for: key).prefix(32) + "@tertial"
            let link = event.kind == .reportingDeadline ? event.id.map { SiteURL.reportingTask(id: $0).path }
                : event.planID.map { SiteURL.plan(id: $0).path }
            return ICalendar.Event(uid: String(uid), day: event.day, summary: event.kind == .reportingDeadline ? event.title : "\(event.kind.label): \(event.title)",
                                   description: event.kind.label, url: link.flatMap { path in base.map { $0 + path } }, categories: event.kind.label)
        })
        return Response(status: .ok, headers: ["Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store",
                                               "Content-Disposition": "inline; filename=\"tertial.ics\""], body: .init(string: feed))
    }
}
