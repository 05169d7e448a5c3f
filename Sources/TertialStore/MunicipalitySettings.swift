import FluentKit
import Foundation
import TertialCore

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

    /// What the municipality calls its goals of each level (a level left out prints Tertial's name).
    public static func setGoalLevelLabels(_ municipalityID: String, _ labels: [GoalLevel: String], by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let municipality = try await MunicipalityModel.find(municipalityID, on: db) else { throw Accounts.AccountError.unknownUnit(municipalityID) }
            let cleaned = labels.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.value.isEmpty && $0.value != $0.key.label }
            let new = cleaned.isEmpty ? nil : Dictionary(uniqueKeysWithValues: cleaned.map { ($0.key.rawValue, $0.value) })
            guard municipality.goalLevelLabels != new else { return }
            func text(_ labels: [String: String]?) -> String {
                GoalLevel.allCases.map { "\($0.label) → \(labels?[$0.rawValue] ?? $0.label)" }.joined(separator: "; ")
            }
            try await AuditLog.append(.init(.update, "kommun", municipalityID, field: "målnivåer", old: text(municipality.goalLevelLabels), new: text(new)),
                                      by: actor, on: db)
            municipality.goalLevelLabels = new
            try await municipality.update(on: db)
        }
    }
}
