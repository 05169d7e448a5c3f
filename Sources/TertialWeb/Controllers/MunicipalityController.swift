import Fluent
import Plot
import TertialCore
import TertialInterchange
import TertialStore
import Vapor

/// Administrators set, per municipality, which periods are followed up.
enum MunicipalityController {
    static let choices: [(String, String)] = [("month", "Månad"), ("T1", "Tertial 1 (januari–april)"), ("T2", "Tertial 2 (maj–augusti)"),
                                              ("T3", "Tertial 3 (september–december)"), ("D", "Delår (januari–augusti)"), ("year", "Helår")]

    @Sendable static func show(_ req: Request) async throws -> Response {
        let municipality = try await find(req)
        return page(req, municipality, error: nil).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let municipality = try await find(req)
        let form = try req.content.decode([String: String].self)
        let chosen = choices.map(\.0).filter { form["p.\($0)"] != nil }
        guard chosen.contains("year") else {
            return page(req, municipality, error: "Helår måste vara med: årets utfall är det målen bedöms mot.", chosen: chosen).response(status: .unprocessableEntity)
        }
        try await MunicipalitySettings.setFollowUpPeriods(municipality.id!, chosen == MunicipalityRecord.standardFollowUpPeriods ? [] : chosen,
                                                          by: req.actor, on: req.db)
        return req.redirect(to: SiteURL.municipality(id: municipality.id!).path + "?sparat=1", redirectType: .normal)
    }

    static func find(_ req: Request) async throws -> MunicipalityModel {
        guard let id = req.parameters.get("municipalityID"), let municipality = try await MunicipalityModel.find(id, on: req.db) else { throw Abort(.notFound) }
        return municipality
    }

    static func page(_ req: Request, _ municipality: MunicipalityModel, error: String?, chosen: [String]? = nil) -> PageShell {
        let current = chosen ?? municipality.followUpPeriods ?? MunicipalityRecord.standardFollowUpPeriods
        return PageShell(title: municipality.name, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts),
                                                                  Breadcrumb(title: municipality.name, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Inställningar för \(municipality.name)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Inställningarna är sparade."))),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.municipality(id: municipality.id!).path),
                Forms.csrf(req.pageContext),
                .fieldset(.element(named: "legend", text: "Perioder som följs upp"),
                    .p(.class("hint"), .text("Rapportörer väljer bland dessa när de rapporterar utfall och bedömer målen.")),
                    .forEach(choices) { key, label in AccountsController.checkbox("p.\(key)", label, current.contains(key)) }),
                .button(.type(.submit), .class("primary"), .text("Spara inställningar")))
        ))
    }
}
