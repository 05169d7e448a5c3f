import Plot
import TertialCore
import TertialStore
import Vapor

/// Administrators close a municipality's follow-up periods for reporting (now or from a date), open one
/// unit's part again with a reason, close it again, or open a period closed by mistake. Every step is
/// audited (see `PeriodLocks`).
enum PeriodsController {
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
        guard let period = form["period"].flatMap(Period.init) else { return try await again("Välj en period.") }
        do {
            switch form["action"] ?? "" {
            case "close":
                var from: Date?
                if let text = EditController.clean(form["from"]) {
                    guard let day = Day(text) else { return try await again("\"\(text.prefix(20))\" är inget datum; skriv ÅÅÅÅ-MM-DD, eller lämna tomt för att stänga nu.") }
                    from = SwedishDate.startOfDay(day)
                }
                try await PeriodLocks.close(municipalityID: id, period: period, from: from, by: req.actor, on: req.store)
            case "open":
                try await PeriodLocks.open(municipalityID: id, period: period, by: req.actor, on: req.store)
            case "reopen":
                guard let unit = EditController.clean(form["unit"]) else { return try await again("Välj enheten vars del ska öppnas igen.") }
                try await PeriodLocks.reopen(municipalityID: id, period: period, unitID: unit, reason: form["reason"] ?? "", by: req.actor, on: req.store)
            case "closeAgain":
                guard let unit = EditController.clean(form["unit"]) else { return try await again("Välj enheten.") }
                try await PeriodLocks.closeAgain(municipalityID: id, period: period, unitID: unit, by: req.actor, on: req.store)
            default:
                return try await again("Okänd åtgärd.")
            }
        } catch let refused as PeriodLocks.Refused {
            return try await again(refused.description)
        }
        return req.redirect(to: SiteURL.municipalityPeriods(id: id).path + "?sparat=1", redirectType: .normal)
    }
}
