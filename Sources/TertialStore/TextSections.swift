import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// A plan's text sections in the database, in the plan's order (stored as the format's
/// `TextSectionsRecord`), changed one section at a time by planners, audited.
public enum TextSections {
    public static func all(planID: String, on db: any Database) async throws -> [TextSection] {
        guard let model = try await PlanTextSectionsModel.find(planID, on: db) else { return [] }
        return try decode(model.document)
    }

    static func decode(_ document: String) throws -> [TextSection] {
        try JSONDecoder().decode(TextSectionsRecord.self, from: Data(document.utf8)).sections.map(\.typed)
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// Sets the text under `heading` (an empty text removes it): a heading the plan does not have yet
    /// is added last, standing under the section `after` names (nil: after the plan's last section);
    /// an existing section keeps its place in the plan's order and takes `after`. Returns whether
    /// anything changed.
    @discardableResult
    public static func save(planID: String, heading rawHeading: String, markdown: String, after rawAfter: String? = nil, by actor: Actor,
                            at date: Date = Date(), on database: any Database) async throws -> Bool {
        let text = markdown.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let heading = rawHeading.trimmingCharacters(in: .whitespacesAndNewlines)
        let after = rawAfter.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        if heading.isEmpty { throw Invalid(description: "Avsnittet behöver en rubrik.") }
        if let problem = ValueText.formProblem(text, maxLength: PlanValidator.maxTextLength) { throw Invalid(description: "Texten \(problem).") }
        if let problem = ValueText.formProblem(heading, maxLength: PlanValidator.maxNameLength) { throw Invalid(description: "Rubriken \(problem).") }
        if after == heading { throw Invalid(description: "Avsnittet kan inte stå under sig självt; välj ett annat avsnitt.") }
        return try await PerPlanDocument.change(PlanTextSectionsModel.self, planID: planID, by: actor, at: date, on: database, noPlan: PlanNotFound(id: planID),
                                                empty: { _ in TextSectionsRecord([]) }) { record, _ in
            var sections = record.sections.map(\.typed)
            let before = sections.first { $0.heading == heading }
            var entries: [AuditLog.Entry] = []
            if before?.text != (text.isEmpty ? nil : text) {
                entries.append(.init(before == nil ? .create : text.isEmpty ? .delete : .update, "textavsnitt", planID, field: heading,
                                     old: before?.text, new: text.isEmpty ? nil : text, planID: planID))
            }
            sections.set(text, heading: heading, after: after)
            if let i = sections.firstIndex(where: { $0.heading == heading }), sections[i].after != after {
                if before != nil { entries.append(.init(.update, "textavsnitt", planID, field: "\(heading) (placering)", old: sections[i].after, new: after, planID: planID)) }
                sections[i].after = after
            }
            record = TextSectionsRecord(sections.map(TextSectionRecord.init))
            return entries
        } > 0
    }
}
