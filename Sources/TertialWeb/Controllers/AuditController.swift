import TertialDocuments
import Plot
import TertialStore
import Vapor

/// The audit trail for administrators and auditors: filter, read, download as CSV.
enum AuditController {
    static func filter(_ req: Request) -> (AuditLog.Filter, [String: String]) {
        let raw = ["anvandare", "atgard", "typ", "plan", "fran", "till"].reduce(into: [String: String]()) { result, key in
            if let value = req.query[String.self, at: key], !value.isEmpty { result[key] = value }
        }
        func day(_ text: String?) -> Date? {
            guard let text else { return nil }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.date(from: text)
        }
        let filter = AuditLog.Filter(actor: raw["anvandare"], action: raw["atgard"].flatMap(AuditLog.Action.init(rawValue:)), entityType: raw["typ"],
                                     planID: raw["plan"], from: day(raw["fran"]), to: day(raw["till"]).map { $0.addingTimeInterval(86_400) })
        return (filter, raw)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (filter, raw) = filter(req)
        let records = try await AuditLog.records(filter, limit: 500, on: req.store)
        var csvURL = URLComponents()
        csvURL.path = SiteURL.auditCSV.path
        csvURL.queryItems = raw.keys.sorted().map { URLQueryItem(name: $0, value: raw[$0]) }
        return page(req, records: records, raw: raw, csvURL: csvURL).response()
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let (filter, _) = filter(req)
        let records = try await AuditLog.records(filter, limit: 1_000_000, on: req.store)
        return Response(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                               "Content-Disposition": "attachment; filename=\"granskningslogg.csv\""],
                        body: .init(string: AuditLog.csv(records)))
    }
}
