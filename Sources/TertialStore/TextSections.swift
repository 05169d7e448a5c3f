import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// A plan's text sections in the database: heading → formatted text, changed one section at a time
/// by planners, audited.
public enum TextSections {
    public static func all(planID: String, on db: any Database) async throws -> [String: String] {
        guard let model = try await PlanTextSectionsModel.find(planID, on: db) else { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(model.document.utf8))
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Sets the text under `heading` (an empty text removes it). Returns whether anything changed.
    @discardableResult
    public static func save(planID: String, heading: String, markdown: String, by actor: Actor, at date: Date = Date(),
                            on database: any Database) async throws -> Bool {
        let text = markdown.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = ValueText.formProblem(text, maxLength: PlanValidator.maxTextLength) { throw Invalid(description: "Texten \(problem).") }
        if let problem = ValueText.formProblem(heading, maxLength: PlanValidator.maxNameLength) { throw Invalid(description: "Rubriken \(problem).") }
        return try await PerPlanDocument.change(PlanTextSectionsModel.self, planID: planID, by: actor, at: date, on: database, noPlan: PlanNotFound(id: planID),
                                                empty: { _ in [String: String]() }) { texts, _ in
            let before = texts[heading]
            guard before != (text.isEmpty ? nil : text) else { return [] }
            texts[heading] = text.isEmpty ? nil : text
            return [.init(before == nil ? .create : .update, "textavsnitt", planID, field: heading, old: before, new: text.isEmpty ? nil : text, planID: planID)]
        } > 0
    }
}
