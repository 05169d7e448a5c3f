import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The page of `PeriodsController`: HTML only (the handler reads the states from the store).
extension PeriodsController {
    /// The periods the municipality follows up in `years`, without the months (a month is not closed or
    /// reported on its own).
    static func periods(_ municipality: MunicipalityModel, years: [Int]) -> [Period] {
        let core = Municipality(id: municipality.id!, name: municipality.name,
                                followUpPeriods: municipality.followUpPeriods?.compactMap(FollowUpPeriod.init(rawValue:)))
        return years.flatMap { core.periods(of: $0) }.filter { if case .month = $0.part { false } else { true } }
    }

    static func page(_ req: Request, _ municipality: MunicipalityModel, errors: [String], typed: [String: String]) async throws -> PageShell {
        let id = municipality.id!
        let states = try await PeriodLocks.states(municipalityID: id, on: req.store)
        let entry = (try await Catalogue.load(on: req.store)).entries.first { $0.municipality.id == id }
        let units = entry?.units ?? []
        let names = Dictionary(units.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        // The years of the municipality's plans up to this year, and last year and this year.
        let years = Set((entry?.plans ?? []).flatMap { $0.firstYear...$0.lastYear } + [year - 1, year]).filter { $0 <= year }.sorted()
        let periods = Self.periods(municipality, years: years)
        let now = Date()
        func name(_ period: Period) -> String { ValuesController.periodName(period) }
        func state(_ period: Period) -> String {
            guard let s = states.first(where: { $0.period == period }), let at = s.closesAt else {
                // Locked with a later closed period of the same year (Tertial 1 with Delår).
                let covering = states.first { $0.period != period && $0.isClosed(at: now) && PeriodClosure(period: $0.period).locks(period) }
                return covering.map { "Låst med \(name($0.period).lowercased())" } ?? "Öppen"
            }
            return s.isClosed(at: now) ? "Stängd sedan \(Day(at)) (\(s.closedBy ?? ""))" : "Stängs \(Day(at))"
        }
        let closedPeriods = states.filter { $0.closesAt != nil }
        let unitChoices = [("", "Välj enhet …")] + units.map { ($0.id!, $0.name) }
        return PageShell(title: "Stängda perioder – \(municipality.name)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts),
                                       Breadcrumb(title: municipality.name, url: .municipality(id: id)), Breadcrumb(title: "Stängda perioder", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Stängda perioder för \(municipality.name)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Sparat."))),
            Forms.errorSummary(errors),
            .p(.text("När nämnden har fått sin rapport stängs perioden: dess utfall, bedömningar, aktiviteters uppföljning och kontrollresultat "
                     + "kan då inte ändras, inte heller för tidigare perioder samma år. En enhets del kan öppnas igen med en motivering; allt loggas.")),
            scrollableTable(label: "Perioder", .table(.caption("Perioder"),
                .thead(.tr(Forms.columnHeading("Period"), Forms.columnHeading("Läge"), Forms.columnHeading("Öppnad igen för"))),
                .tbody(.forEach(periods) { period in
                    let reopened = states.first { $0.period == period }?.reopened ?? []
                    return .tr(.th(.attribute(named: "scope", value: "row"), .text(name(period))), .td(.text(state(period))),
                               .td(.text(reopened.map { "\(names[$0.unitID] ?? $0.unitID): \($0.reason) (\($0.by), \(Day($0.at)))" }.joined(separator: "; "))))
                }))),
            .h2("Stäng en period"),
            .form(.method(.post), .action(SiteURL.municipalityPeriods(id: id).path),
                Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("close")),
                Forms.select("period", label: "Period", choices: periods.map { ($0.description, name($0)) }, chosen: typed["period"] ?? ""),
                Forms.field("from", label: "Stängs från (valfritt)", value: typed["from"] ?? "", hint: "ÅÅÅÅ-MM-DD; tomt stänger nu"),
                .button(.type(.submit), .class("primary"), .text("Stäng perioden"))),
            .if(!closedPeriods.isEmpty, .group(
                .h2("Öppna en enhets del igen"),
                .form(.method(.post), .action(SiteURL.municipalityPeriods(id: id).path),
                    Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("reopen")),
                    Forms.select("period", label: "Period", choices: closedPeriods.map { ($0.period.description, name($0.period)) }, chosen: typed["period"] ?? ""),
                    Forms.select("unit", label: "Enhet (och enheterna under den)", choices: unitChoices, chosen: typed["unit"] ?? ""),
                    Forms.field("reason", label: "Varför öppnas den igen?", value: typed["reason"] ?? "", required: true),
                    .button(.type(.submit), .text("Öppna enhetens del"))),
                .h2("Stäng igen eller ångra en stängning"),
                .ul(.forEach(closedPeriods) { s in
                    .li(.text(name(s.period) + ": "),
                        .forEach(s.reopened) { r in
                            .form(.method(.post), .action(SiteURL.municipalityPeriods(id: id).path), .class("inline-form"),
                                  Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("closeAgain")),
                                  .input(.type(.hidden), .name("period"), .value(s.period.description)),
                                  .input(.type(.hidden), .name("unit"), .value(r.unitID.attributeEscaped)),
                                  .button(.type(.submit), .text("Stäng igen för \(names[r.unitID] ?? r.unitID)")))
                        },
                        .form(.method(.post), .action(SiteURL.municipalityPeriods(id: id).path), .class("inline-form"),
                              Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value("open")),
                              .input(.type(.hidden), .name("period"), .value(s.period.description)),
                              .button(.type(.submit), .text("Ångra stängningen av \(name(s.period).lowercased())"))))
                })))
        ))
    }
}
