import FluentKit
import Foundation

/// Settings a municipality makes for itself.
public enum MunicipalitySettings {
    /// Which periods the municipality follows up ("month", "T1", "T2", "T3", "D", "year").
    public static func setFollowUpPeriods(_ municipalityID: String, _ periods: [String], by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let municipality = try await MunicipalityModel.find(municipalityID, on: db) else { throw Accounts.AccountError.unknownUnit(municipalityID) }
            let new = periods.isEmpty ? nil : periods
            guard municipality.followUpPeriods != new else { return }
            try await AuditLog.append(.init(.update, "kommun", municipalityID, field: "uppföljningsperioder",
                                            old: (municipality.followUpPeriods ?? ["T1", "D", "year"]).joined(separator: ", "),
                                            new: (new ?? ["T1", "D", "year"]).joined(separator: ", ")), by: actor, on: db)
            municipality.followUpPeriods = new
            try await municipality.update(on: db)
        }
    }
}
