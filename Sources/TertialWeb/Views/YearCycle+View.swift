import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The årshjul as a wheel: twelve month sectors from January at the top, clockwise; each event a dot
/// at its day, on a ring per kind, with its text as the dot's title; today a line. The table beside it
/// is the accessible alternative (the SVG is labelled and points to it).
enum YearWheel {
    static func svg(_ events: [CycleEvent], year: Int, today: Day) -> String {
        let size = 440.0, c = size / 2, outer = 200.0, inner = 60.0
        let daysInYear = Double(Day(year: year, month: 1, day: 1)!.days(until: Day(year: year + 1, month: 1, day: 1)!))
        func angle(_ day: Day) -> Double {
            (Double(Day(year: year, month: 1, day: 1)!.days(until: day)) + 0.5) / daysInYear * 2 * .pi - .pi / 2
        }
        func point(_ a: Double, _ r: Double) -> String { String(format: "%.1f,%.1f", c + r * cos(a), c + r * sin(a)) }
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
                .replacingOccurrences(of: "\"", with: "&quot;")
        }
        let months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" class=\"year-wheel\" "
                     + "aria-labelledby=\"hjul-titel\"><title id=\"hjul-titel\">Årshjulet \(year): \(events.count) händelser. Samma händelser finns i tabellen.</title>"]
        for m in 1...12 {
            let start = angle(Day(year: year, month: m, day: 1)!) - 0.5 / daysInYear * 2 * .pi
            let end = m == 12 ? 1.5 * .pi : angle(Day(year: year, month: m + 1, day: 1)!) - 0.5 / daysInYear * 2 * .pi
            parts.append("<path class=\"sector\(m % 2 == 0 ? " even" : "")\" d=\"M\(point(start, inner)) L\(point(start, outer)) A\(Int(outer)),\(Int(outer)) 0 0,1 \(point(end, outer)) "
                         + "L\(point(end, inner)) A\(Int(inner)),\(Int(inner)) 0 0,0 \(point(start, inner)) Z\"/>")
            let mid = (start + end) / 2
            let label = point(mid, outer - 14).split(separator: ",")
            parts.append("<text x=\"\(label[0])\" y=\"\(label[1])\" text-anchor=\"middle\" dominant-baseline=\"middle\" class=\"month\">\(months[m - 1])</text>")
        }
        let kinds = CycleEvent.Kind.allCases
        for event in events where event.day.year == year {
            let ring = inner + 12 + (outer - inner - 44) * Double(kinds.firstIndex(of: event.kind) ?? 0) / Double(max(kinds.count - 1, 1))
            let p = point(angle(event.day), ring).split(separator: ",")
            parts.append("<circle cx=\"\(p[0])\" cy=\"\(p[1])\" r=\"5\" class=\"event \(event.kind.rawValue)\"><title>\(esc("\(event.day) \(event.kind.label): \(event.title)"))</title></circle>")
        }
        if today.year == year {
            parts.append("<line x1=\"\(point(angle(today), inner - 8).split(separator: ",")[0])\" y1=\"\(point(angle(today), inner - 8).split(separator: ",")[1])\" "
                         + "x2=\"\(point(angle(today), outer + 8).split(separator: ",")[0])\" y2=\"\(point(angle(today), outer + 8).split(separator: ",")[1])\" class=\"today\">"
                         + "<title>I dag \(today)</title></line>")
        }
        parts.append("<text x=\"\(Int(c))\" y=\"\(Int(c))\" text-anchor=\"middle\" dominant-baseline=\"middle\" class=\"year\">\(year)</text></svg>")
        return parts.joined()
    }
}

extension YearCycleController {
    static func page(_ req: Request, _ municipality: MunicipalityModel, errors: [String], typed: [String: String]) async throws -> PageShell {
        let id = municipality.id!
        let today = Day(Date())
        let year = req.query[Int.self, at: "ar"].flatMap { (1900...2200).contains($0) ? $0 : nil } ?? today.year
        let units = try await Catalogue.units(on: req.store).filter { $0.municipalityID == id }
        let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let chosenUnit = req.query[String.self, at: "enhet"].flatMap { names[$0] != nil ? $0 : nil }
        let mine = req.query[String.self, at: "person"] == "mig"
        var events: [CycleEvent]
        if mine, let accountID = req.account?.id {
            events = try await PersonalSettings.deadlines(accountID: accountID, years: [year], on: req.store).filter { $0.day.year == year }
        } else {
            events = try await YearCycles.events(municipalityID: id, year: year, on: req.store)
        }
        if let chosenUnit {
            let parents = UnitTree.parents(units)
            events = events.filter { event in event.unitID.map { UnitTree.chain(of: $0, parents: parents).contains(chosenUnit) } ?? true }
        }
        let isAdministrator = req.principal?.isAdministrator == true
        let path = SiteURL.yearCycle(municipalityID: id).path
        return PageShell(title: "Årshjul \(year) – \(municipality.name)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Årshjul \(year)", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Årshjul \(year) för \(municipality.name)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Sparat."))),
            Forms.errorSummary(errors),
            .p(.text("Styrprocessens datum: sista dagar för rapportering, sammanträden och beslut, internkontrollens tillfällen, "
                     + "uppdrag som ska återrapporteras och aktiviteter som ska vara klara. Det mesta följer av planerna; resten lägger en administratör till.")),
            .form(.method(.get), .action(path), .class("filters"),
                Forms.field("ar", label: "År", value: "\(year)", type: .number),
                Forms.select("enhet", label: "Enhet", choices: [("", "Hela kommunen")] + units.map { ($0.id!, $0.name) }, chosen: chosenUnit ?? ""),
                .div(.class("check"), .input(.type(.checkbox), .id("f-person"), .name("person"), .value("mig"), .checked(mine)),
                     .label(.for("f-person"), .text(" Bara mina datum"))),
                .button(.type(.submit), .text("Visa"))),
            .if(req.principal?.isAdministrator == true || req.principal?.isAuditor == true,
                .p(.a(.href(SiteURL.reportingBoard(municipalityID: id).path), .text("Rapportläge och sista dagar per nämnd")))),
            .div(.class("wheel-layout"),
                .div(.class("wheel"), .raw(YearWheel.svg(events, year: year, today: today))),
                scrollableTable(label: "Årets händelser", .table(.id("handelser"), .caption(.text("Årets händelser (\(events.count))")),
                    .thead(.tr(Forms.columnHeading("Datum"), Forms.columnHeading("Vad"), Forms.columnHeading("Händelse"), Forms.columnHeading("Enhet"),
                               .if(isAdministrator, Forms.columnHeading("Ändra")))),
                    .tbody(.forEach(events) { event in
                        .tr(.class(event.day < today ? "past" : ""),
                            .td(.text(event.day.description)), .td(.text(event.kind.label)),
                            .td(.unwrap(event.planID, { .a(.href(SiteURL.plan(id: $0).path), .text(event.title)) }, else: .text(event.title))),
                            .td(.text(event.unitID.map { names[$0] ?? $0 } ?? "Hela kommunen")),
                            .if(isAdministrator, .td(.unwrap(event.id.flatMap { event.kind.isAdded ? $0 : nil }) { eventID in
                                .form(.method(.post), .action(path), .class("inline-form"), Forms.csrf(req.pageContext),
                                      .input(.type(.hidden), .name("action"), .value("remove")), .input(.type(.hidden), .name("event"), .value(eventID)),
                                      .button(.type(.submit), .class("link-button"), .text("Ta bort")))
                            })))
                    })))),
            .if(isAdministrator, .group(
                .h2("Lägg till en händelse"),
                .form(.method(.post), .action(path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("add")),
                    Forms.field("day", label: "Datum", value: typed["day"] ?? "", required: true, hint: "ÅÅÅÅ-MM-DD"),
                    Forms.select("kind", label: "Vad", choices: CycleEvent.Kind.added.map { ($0.rawValue, $0.label) }, chosen: typed["kind"] ?? ""),
                    Forms.field("title", label: "Händelse", value: typed["title"] ?? "", required: true, hint: "Till exempel Socialnämndens sammanträde"),
                    Forms.select("unit", label: "Enhet", choices: [("", "Hela kommunen")] + units.map { ($0.id!, $0.name) }, chosen: typed["unit"] ?? ""),
                    .button(.type(.submit), .class("primary"), .text("Lägg till")))))
        ))
    }
}

extension CycleEvent.Kind {
    var isAdded: Bool { Self.added.contains(self) }
}

extension ReportingController {
    /// The municipality's plans, and the periods of the years they cover and of this year and the next.
    static func periods(_ req: Request, _ municipality: MunicipalityModel, year: Int) async throws -> (periods: [Period], plans: [PlanModel]) {
        let plans = (try await Catalogue.load(on: req.store)).entries.first { $0.municipality.id == municipality.id }?.plans ?? []
        let years = Set(plans.flatMap { $0.firstYear...max($0.firstYear, $0.lastYear) } + [year, year + 1]).sorted()
        return (PeriodsController.periods(municipality, years: years), plans)
    }

    static func boardPage(_ req: Request, _ municipality: MunicipalityModel, errors: [Forms.Problem], typed: [String: String]) async throws -> PageShell {
        let id = municipality.id!
        let today = Day(Date())
        let (choices, plans) = try await periods(req, municipality, year: today.year)
        let period = (typed["period"] ?? req.query[String.self, at: "period"]).flatMap(Period.init).flatMap { choices.contains($0) ? $0 : nil }
            ?? choices.first { Day.end(of: $0) >= today } ?? choices.last!
        let tasks = try await ReportingRounds.tasks(municipalityID: id, period: period, on: req.store)
        let deadlines = try await YearCycles.deadlines(municipalityID: id, period: period, on: req.store)
        let units = try await Catalogue.units(on: req.store).filter { $0.municipalityID == id }
        let parents = UnitTree.parents(units)
        let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let accounts = try await Accounts.all(on: req.store).filter { !$0.disabled }
        let isAdministrator = req.principal?.isAdministrator == true
        let smtp = (try? SMTPSettings.fromEnvironment()) ?? nil
        let log = try await Reminders.log(limit: 20, on: req.store)
        let path = SiteURL.reportingBoard(municipalityID: id).path
        let counts = Dictionary(grouping: tasks, by: \.state).mapValues(\.count)
        // Committees and units that own plans get a deadline field; units below take their committee's.
        let owners = Set(plans.filter { ($0.firstYear...max($0.firstYear, $0.lastYear)).contains(period.year) }.map(\.ownerUnitID))
        let deadlineUnits = units.filter { unit in
            ["committee", "board"].contains(unit.kind) || owners.contains(unit.id!) || tasks.contains { $0.unitID == unit.id } || deadlines.days[unit.id!] != nil
        }
        return PageShell(title: "Rapportläge \(ReportingRounds.periodName(period)) – \(municipality.name)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Årshjul", url: .yearCycle(municipalityID: id)),
                                       Breadcrumb(title: "Rapportläge", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Rapportläge \(ReportingRounds.periodName(period).lowercased()) – \(municipality.name)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Sparat."))),
            Forms.errorSummary(problems: errors),
            .form(.method(.get), .action(path), .class("filters"),
                Forms.select("period", label: "Period", choices: choices.map { ($0.description, ReportingRounds.periodName($0)) }, chosen: period.description),
                .button(.type(.submit), .text("Visa"))),
            .p(.class("reminder-state"), .text(smtp.map { "E-post är på: påminnelser skickas via \($0.summary)." }
                ?? "E-post är av (ingen SMTP-server är inställd): påminnelserna visas i stället i Tertial, under Mina uppgifter.")),
            .if(tasks.isEmpty, .p(.text("Perioden är inte öppnad för rapportering än."))),
            .if(!tasks.isEmpty, .p(.text(ReportingState.allCases.compactMap { state in counts[state].map { "\(state.label): \($0)" } }.joined(separator: " · ")))),
            .if(!tasks.isEmpty, scrollableTable(label: "Enheternas rapporter", .table(.id("rapportlage"), .caption(.text("Enheternas rapporter")),
                .thead(.tr(Forms.columnHeading("Enhet"), Forms.columnHeading("Ansvarig"), Forms.columnHeading("Sista dag"), Forms.columnHeading("Läge"),
                           Forms.columnHeading("Saknas"), .if(isAdministrator, Forms.columnHeading("Granska")))),
                .tbody(.forEach(tasks) { boardRow(req, $0, period: period, accounts: accounts, today: today) })))),
            .if(isAdministrator, .group(
                .h2("Öppna perioden för rapportering"),
                .p(.text("Varje enhet som har en plan för \(period.year) får en rapport med en ansvarig (enhetens första rapportör) och sista dag (enhetens egen, annars nämndens).")),
                .form(.method(.post), .action(path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("open")),
                      .input(.type(.hidden), .name("period"), .value(period.description)),
                      .button(.type(.submit), .class("primary"), .text(tasks.isEmpty ? "Öppna \(ReportingRounds.periodName(period).lowercased()) för rapportering" : "Lägg till enheter som saknas"))),
                .h2("Sista dag för rapportering"),
                .form(.method(.post), .action(path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("deadlines")),
                      .input(.type(.hidden), .name("period"), .value(period.description)),
                      .p(.text("En enhet utan eget datum har sin nämnds (eller närmaste överordnade enhets) datum.")),
                      .forEach(deadlineUnits) { unit in
                          let chain = UnitTree.chain(of: unit.id!, parents: parents)
                          let inherited = deadlines.isOwn(chain) ? nil : deadlines.deadline(for: chain)
                          return Forms.field("d.\(unit.id!)", label: unit.name, value: typed["d.\(unit.id!)"] ?? deadlines.days[unit.id!]?.description ?? "",
                                             hint: inherited.map { "Ärver \($0) från \(names[chain.first { deadlines.days[$0] != nil } ?? ""] ?? "")" } ?? "ÅÅÅÅ-MM-DD")
                      },
                      .button(.type(.submit), .class("primary"), .text("Spara datumen"))))),
            .if(!log.isEmpty, .group(
                .h2("Senaste påminnelserna"),
                scrollableTable(label: "Påminnelser", .table(.caption("Påminnelser"),
                    .thead(.tr(Forms.columnHeading("Dag"), Forms.columnHeading("Till"), Forms.columnHeading("Läge"), Forms.columnHeading("Ämne"))),
                    .tbody(.forEach(log) { entry in
                        .tr(.td(.text(entry.digest.day)), .td(.text(entry.username)),
                            .td(.text(reminderStatus(entry.digest.status) + (entry.digest.error.map { ": \($0)" } ?? ""))), .td(.text(entry.digest.subject)))
                    })))))
        ))
    }

    static func boardRow(_ req: Request, _ task: ReportingRounds.Task, period: Period, accounts: [AccountModel], today: Day) -> Node<HTML.TableContext> {
        let isAdministrator = req.principal?.isAdministrator == true
        let path = SiteURL.reportingBoard(municipalityID: task.municipalityID).path
        let deadline: String = task.deadline.map { "\($0)" + (today > $0 && task.state.awaitsUnit ? " (passerad)" : "") } ?? "Ingen"
        let comment: String? = task.state == .returned ? task.comment : nil
        let responsible: Node<HTML.BodyContext> = isAdministrator
            ? .form(.method(.post), .action(path), .class("inline-form"), Forms.csrf(req.pageContext),
                    .input(.type(.hidden), .name("action"), .value("responsible")), .input(.type(.hidden), .name("period"), .value(period.description)),
                    .input(.type(.hidden), .name("task"), .value(task.id.uuidString)),
                    .label(.for("a-\(task.id.uuidString)"), .class("visually-hidden"), .text("Ansvarig för \(task.unitName)")),
                    .select(.attribute(named: "id", value: "a-\(task.id.uuidString)"), .attribute(named: "name", value: "account"),
                            Forms.option("", "Ingen", selected: task.responsibleID == nil),
                            .forEach(accounts) { Forms.option($0.id!.uuidString, $0.displayName, selected: $0.id == task.responsibleID) }),
                    .button(.type(.submit), .class("link-button"), .text("Byt")))
            : .text(task.responsibleName ?? "Ingen")
        let state: Node<HTML.BodyContext> = .group(.strong(.text(task.state.label)), .unwrap(comment) { .span(.class("hint"), .text(" – \($0)")) })
        let review: Node<HTML.BodyContext> = .if(task.state == .readyForReview || task.state == .approved,
            .form(.method(.post), .action(SiteURL.reportingTask(id: task.id.uuidString).path), .class("review-form"),
                  Forms.csrf(req.pageContext), .input(.type(.hidden), .name("board"), .value("1")),
                  .if(task.state == .readyForReview, .button(.type(.submit), .name("action"), .value("approve"), .text("Godkänn"))),
                  .label(.for("c-\(task.id.uuidString)"), .text("Kommentar till enheten")),
                  .input(.type(.text), .id("c-\(task.id.uuidString)"), .name("comment")),
                  .button(.type(.submit), .name("action"), .value("sendBack"), .text("Skicka tillbaka"))))
        return .tr(.id("r-\(task.unitID.attributeEscaped)"), .class("state-\(task.state.rawValue)"),
                   .th(.attribute(named: "scope", value: "row"), .a(.href(SiteURL.reportingTask(id: task.id.uuidString).path), .text(task.unitName))),
                   .td(responsible), .td(.text(deadline)), .td(state), .td(.text(task.gaps.summary)),
                   .if(isAdministrator, .td(review)))
    }

    static func reminderStatus(_ status: String) -> String {
        switch Reminders.Status(rawValue: status) {
        case .sent: "Skickad"
        case .sending: "Skickas"
        case .failed: "Misslyckades, försöker igen"
        case .inApp: "Visas i Tertial"
        case .uncertain: "Osäker"
        case nil: status
        }
    }

    static func taskPage(_ req: Request, _ task: ReportingRounds.Task, errors: [String], typed: [String: String]) async throws -> PageShell {
        let chain = try await Accounts.unitChain(task.unitID, on: req.store)
        let mayReport = AccessPolicy.allows(req.principal, .reportValues(chain: chain))
        let isAdministrator = req.principal?.isAdministrator == true
        let today = Day(Date())
        let name = ReportingRounds.periodName(task.period)
        let path = SiteURL.reportingTask(id: task.id.uuidString).path
        func list(_ title: String, _ items: [String]) -> Node<HTML.BodyContext> {
            .if(!items.isEmpty, .group(.h3(.text("\(title) (\(items.count))")), .ul(.forEach(items.prefix(50)) { .li(.text($0)) })))
        }
        return PageShell(title: "\(name) – \(task.unitName)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Årshjul", url: .yearCycle(municipalityID: task.municipalityID)),
                                       Breadcrumb(title: "\(name) – \(task.unitName)", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Rapport för \(name.lowercased()): \(task.unitName)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Sparat."))),
            Forms.errorSummary(errors),
            .dl(.class("facts"),
                .dt("Läge"), .dd(.strong(.id("lage"), .text(task.state.label))),
                .dt("Sista dag"), .dd(.text(task.deadline.map { "\($0) (\(ReminderPolicy.timeLeft(from: today, to: $0)))" } ?? "Ingen satt")),
                .dt("Ansvarig"), .dd(.text(task.responsibleName ?? "Ingen")),
                .dt("Senast ändrad"), .dd(.text("\(Day(task.updatedAt)) av \(task.updatedBy)"))),
            .if(task.state == .returned, .div(.class("notice"), .attribute(named: "role", value: "note"),
                .p(.strong("Återremitterad: "), .text(task.comment ?? "")))),
            .if(task.state.isReadOnlyForUnit, .p(.class("notice"), .text("Rapporten är \(task.state.label.lowercased()); periodens värden, bedömningar och uppföljningar kan läsas men inte ändras förrän den skickas tillbaka."))),
            .h2("Att rapportera"),
            .ul(.forEach(task.plans) { plan in
                .li(.strong(.text(plan.title)), .text(": "),
                    .a(.href(SiteURL.planValues(id: plan.id).path + "?period=\(task.period)"), .text("Utfall och prognoser")), .text(" · "),
                    .a(.href(SiteURL.planAssessment(id: plan.id).path + "?period=\(task.period)"), .text("Bedömning och analys")), .text(" · "),
                    .a(.href(SiteURL.planActivities(id: plan.id).path + "?period=\(task.period)"), .text("Aktiviteter")), .text(" · "),
                    .a(.href(SiteURL.planInternalControl(id: plan.id).path + "?period=\(task.period)"), .text("Internkontroll")))
            }),
            .p(.id("saknas"), .text(task.gaps.summary + ".")),
            list("Värden som saknas", task.gaps.values), list("Analyser som saknas", task.gaps.analyses),
            list("Aktiviteter utan uppföljning", task.gaps.activities), list("Kontrolltillfällen utan resultat", task.gaps.controls),
            .if(mayReport && task.state.awaitsUnit,
                .form(.method(.post), .action(path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("ready")),
                      .p(.text(task.gaps.isEmpty ? "Allt är ifyllt." : "Det går att markera rapporten klar även om något saknas; skriv gärna varför i analysen.")),
                      .button(.type(.submit), .class("primary"), .text("Markera klar för granskning")))),
            .if(isAdministrator && (task.state == .readyForReview || task.state == .approved), .group(
                .h2("Granska"),
                .form(.method(.post), .action(path), Forms.csrf(req.pageContext),
                      .if(task.state == .readyForReview, .button(.type(.submit), .name("action"), .value("approve"), .class("primary"), .text("Godkänn"))),
                      Forms.field("comment", label: "Kommentar till enheten (krävs för att skicka tillbaka)", value: typed["comment"] ?? ""),
                      .button(.type(.submit), .name("action"), .value("sendBack"), .text("Skicka tillbaka")))))
        ))
    }
}

extension MyAccountController {
    static func page(_ req: Request, errors: [Forms.Problem], typed: [String: String]?, feedURL: String?) async throws -> PageShell {
        guard let account = req.account else { throw Abort(.unauthorized) }
        let today = Day(Date())
        let reminders = try await Reminders.recent(accountID: account.id!, today: today, on: req.store)
        let smtp = (try? SMTPSettings.fromEnvironment()) ?? nil
        let hasFeed = account.calendarTokenHash != nil
        return PageShell(title: "Mitt konto", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Mitt konto", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("Mitt konto"),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Sparat."))),
            Forms.errorSummary(problems: errors),
            .h2("Påminnelser"),
            .p(.text(smtp == nil ? "E-post är av i den här installationen: påminnelserna visas på startsidan under Mina uppgifter."
                                 : "Påminnelser om rapporter du är ansvarig för skickas som ett brev per dag, före sista dagen och när den har passerat.")),
            .form(.method(.post), .action(SiteURL.myAccount.path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("settings")),
                Forms.field("email", label: "E-postadress", value: typed?["email"] ?? account.email ?? "", type: .email,
                            error: errors.first { $0.anchor == "f-email" }?.message, autocomplete: "email"),
                AccountsController.checkbox("off", "Skicka inga påminnelser till mig", typed.map { $0["off"] != nil } ?? (account.remindersOff ?? false)),
                .button(.type(.submit), .class("primary"), .text("Spara"))),
            .h2("Kalender"),
            .p(.text("En privat kalender med dina sista dagar, att prenumerera på i Outlook (Lägg till kalender → Från internet). "
                     + "Adressen är hemlig: den som har den ser dina datum. Gör en ny om den har spridits; den gamla slutar då fungera.")),
            .unwrap(feedURL) { url in
                .div(.class("notice"), .attribute(named: "role", value: "status"),
                     .p(.text("Din kalenderadress (visas bara nu):")), .p(.code(.id("kalenderadress"), .text(url))))
            },
            .p(.text(hasFeed ? "Kalendern är på." : "Du har ingen kalenderadress.")),
            .form(.method(.post), .action(SiteURL.myAccount.path), .class("inline-form"), Forms.csrf(req.pageContext),
                  .input(.type(.hidden), .name("action"), .value("newFeed")),
                  .button(.type(.submit), .text(hasFeed ? "Gör en ny adress" : "Skapa kalenderadress"))),
            .if(hasFeed, .form(.method(.post), .action(SiteURL.myAccount.path), .class("inline-form"), Forms.csrf(req.pageContext),
                  .input(.type(.hidden), .name("action"), .value("revokeFeed")),
                  .button(.type(.submit), .text("Återkalla kalendern")))),
            .if(!reminders.isEmpty, .group(
                .h2("Dina senaste påminnelser"),
                .forEach(reminders) { digest in
                    .details(.summary(.text("\(digest.day): \(digest.subject)")), .pre(.class("reminder"), .text(digest.body)))
                }))
        ))
    }
}
