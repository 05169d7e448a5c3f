import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// Changing a plan's goals, indicators and targets. Every change is checked by the same rules as
/// an import (the plan is read, changed in memory and validated as a whole), then written with an
/// audit record per changed field.
public enum PlanEditor {
    /// Problems found, by form field ("title", "agenda2030", "target-2025", …).
    public struct Invalid: Error, Sendable {
        public let fields: [String: String]
    }

    public enum EditError: Error, CustomStringConvertible, Equatable {
        case notInPlan(String)
        case hasValues
        case isParent
        public var description: String {
            switch self {
            case .notInPlan(let id): "\"\(id)\" finns inte i planen."
            case .hasValues: "Indikatorn har redovisade värden och kan inte tas bort; deras historik ska finnas kvar."
            case .isParent: "Målet har indikatorer eller andra mål som bidrar till det och kan inte tas bort."
            }
        }
    }

    /// A new id in the interchange alphabet: the plan's prefix, a slug of the title and a random tail.
    public static func newID(prefix: String, title: String) -> String {
        let folded = title.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "sv_SE"))
        let slug = String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
            .split(separator: "-").prefix(6).joined(separator: "-")
        let tail = String(UUID().uuidString.lowercased().prefix(6))
        return String("\(prefix)-\(slug.isEmpty ? "x" : slug)".prefix(90)) + "-" + tail
    }

    // MARK: Goals

    public static func saveGoal(_ goal: GoalRecord, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        // Only the goal's own rows and what it may refer to are read (the plan's goals, goal areas
        // and the municipality's units), and the goal is checked by the import's rules for one goal.
        try await database.writeTransaction { db in
            guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
            let planGoalIDs = Set(try await PlanGoalModel.query(on: db).filter(\.$planID == planID).all().map(\.goalID))
            var record = goal
            if isNew {
                if try await GoalModel.find(goal.id, on: db) != nil { throw Invalid(fields: ["allmänt": "mål med id \"\(goal.id.prefix(100))\" finns redan"]) }
            } else {
                guard planGoalIDs.contains(goal.id), let stored = try await GoalModel.find(goal.id, on: db) else { throw EditError.notInPlan(goal.id) }
                record.ownerUnitId = stored.ownerUnitID
            }
            let references = PlanValidator.GoalReferences(
                unitIDs: Set(try await OrgUnitModel.query(on: db).filter(\.$municipalityID == plan.municipalityID).all().compactMap(\.id)),
                goalAreaIDs: Set(try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).all().map(\.goalAreaID)),
                goalIDs: planGoalIDs.union([goal.id]))
            try check(PlanValidator.problems(of: record, references: references), prefix: "$.")
            let municipalityID = plan.municipalityID
            if isNew {
                try await GoalModel(record, municipalityID: municipalityID).create(on: db)
                try await record.parentGoalIds.enumerated().map { GoalLinkModel(goalID: record.id, parentGoalID: $1, position: $0) }.create(on: db)
                let count = try await PlanGoalModel.query(on: db).filter(\.$planID == planID).count()
                try await PlanGoalModel(planID: planID, goalID: record.id, position: count).create(on: db)
                try await AuditLog.append(.init(.create, "mål", record.id, field: "titel", new: record.title, planID: planID), by: actor, on: db)
            } else {
                guard let model = try await GoalModel.find(record.id, on: db) else { throw EditError.notInPlan(record.id) }
                let before = model.record(parentGoalIDs: try await GoalLinkModel.query(on: db).filter(\.$goalID == record.id).sort(\.$position).all().map(\.parentGoalID), indicators: [])
                var entries: [AuditLog.Entry] = []
                func note(_ field: String, _ old: String?, _ new: String?) {
                    if old != new { entries.append(.init(.update, "mål", record.id, field: field, old: old, new: new, planID: planID)) }
                }
                note("titel", before.title, record.title); note("beskrivning", before.description, record.description)
                note("nummer", before.code, record.code); note("nivå", before.level.label, record.level.label)
                note("målområde", before.goalAreaId, record.goalAreaId)
                note("överordnade mål", before.parentGoalIds.joined(separator: ", "), record.parentGoalIds.joined(separator: ", "))
                note("Agenda 2030", before.agenda2030.joined(separator: ", "), record.agenda2030.joined(separator: ", "))
                note("barnkonventionen", before.childRights.map(String.init).joined(separator: ", "), record.childRights.map(String.init).joined(separator: ", "))
                note("kvalitativt", before.qualitative ? "ja" : "nej", record.qualitative ? "ja" : "nej")
                let updated = GoalModel(record, municipalityID: model.municipalityID)
                model.code = updated.code; model.title = updated.title; model.description = updated.description; model.level = updated.level
                model.goalAreaID = updated.goalAreaID; model.agenda2030 = updated.agenda2030; model.childRights = updated.childRights
                model.qualitative = updated.qualitative
                try await model.update(on: db)
                if before.parentGoalIds != record.parentGoalIds {
                    try await GoalLinkModel.query(on: db).filter(\.$goalID == record.id).delete()
                    try await record.parentGoalIds.enumerated().map { GoalLinkModel(goalID: record.id, parentGoalID: $1, position: $0) }.create(on: db)
                }
                try await AuditLog.append(fanOut(entries, to: try await plansShowing(goalID: record.id, on: db), from: planID), by: actor, on: db)
            }
        }
    }

    /// Removes a goal from the plan (and from the database when no other plan shows it).
    /// Removes a goal from a plan; the goal itself is deleted when no plan shows it any more and
    /// `mayDeleteGoal` (the person plans for the goal's owner unit). A council's goal removed from a
    /// committee's plan by the committee's planner stays the council's.
    public static func deleteGoal(_ goalID: String, planID: String, mayDeleteGoal: Bool = true, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard try await PlanGoalModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == goalID).first() != nil,
                  let goal = try await GoalModel.find(goalID, on: db) else { throw EditError.notInPlan(goalID) }
            // Its indicators in this plan, or any goal contributing to it, keep it.
            if try await IndicatorModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == goalID).count() > 0 { throw EditError.isParent }
            if try await GoalLinkModel.query(on: db).filter(\.$parentGoalID == goalID).count() > 0 { throw EditError.isParent }
            try await PlanGoalModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == goalID).delete()
            if mayDeleteGoal, try await PlanGoalModel.query(on: db).filter(\.$goalID == goalID).count() == 0 {
                try await GoalLinkModel.query(on: db).filter(\.$goalID == goalID).delete()
                try await GoalModel.query(on: db).filter(\.$id == goalID).delete()
            }
            try await AuditLog.append(.init(.delete, "mål", goalID, field: "titel", old: goal.title, planID: planID), by: actor, on: db)
        }
    }

    // MARK: Goal areas and tracking measures

    /// Saves a goal area (the municipality's: a changed name shows in every plan that uses it);
    /// a new one is added last to this plan.
    public static func saveGoalArea(_ area: GoalAreaRecord, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
            let areas = try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).all()
            if isNew {
                if try await GoalAreaModel.find(area.id, on: db) != nil { throw Invalid(fields: ["allmänt": "målområde med id \"\(area.id.prefix(100))\" finns redan"]) }
            } else {
                guard areas.contains(where: { $0.goalAreaID == area.id }) else { throw EditError.notInPlan(area.id) }
            }
            try check(PlanValidator.problems(of: area), prefix: "$.")
            if isNew {
                try await GoalAreaModel(area, municipalityID: plan.municipalityID).create(on: db)
                try await PlanGoalAreaModel(planID: planID, goalAreaID: area.id, position: areas.count).create(on: db)
                try await AuditLog.append(.init(.create, "målområde", area.id, field: "namn", new: area.name, planID: planID), by: actor, on: db)
            } else {
                guard let model = try await GoalAreaModel.find(area.id, on: db) else { throw EditError.notInPlan(area.id) }
                var entries: [AuditLog.Entry] = []
                for (field, old, new) in [("namn", model.name, area.name), ("benämning", model.label, area.label), ("beskrivning", model.description, area.description)] where old != new {
                    entries.append(.init(.update, "målområde", area.id, field: field, old: old, new: new, planID: planID))
                }
                model.name = area.name; model.label = area.label; model.description = area.description
                try await model.update(on: db)
                try await AuditLog.append(fanOut(entries, to: try await plansUsing(areaID: area.id, on: db), from: planID), by: actor, on: db)
            }
        }
    }

    /// Saves a tracking measure's fields (its values are entered elsewhere and kept).
    public static func saveTrackingMeasure(_ measure: TrackingMeasureRecord, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard try await PlanModel.find(planID, on: db) != nil else { throw PlanNotFound(id: planID) }
            let stored = try await TrackingMeasureModel.find(measure.id, on: db)
            if isNew {
                if stored != nil { throw Invalid(fields: ["allmänt": "följetal med id \"\(measure.id.prefix(100))\" finns redan"]) }
            } else {
                guard let stored, stored.planID == planID else { throw EditError.notInPlan(measure.id) }
            }
            let missions = Set(try await BasicMissionModel.query(on: db).filter(\.$planID == planID).all().compactMap(\.id))
            try check(PlanValidator.problems(of: measure, basicMissionIDs: missions), prefix: "$.")
            let record = measure
            let index = isNew ? try await TrackingMeasureModel.query(on: db).filter(\.$planID == planID).count() : 0
            if isNew {
                try await TrackingMeasureModel(record, planID: planID, position: index).create(on: db)
                try await AuditLog.append(.init(.create, "följetal", record.id, field: "namn", new: record.name, planID: planID), by: actor, on: db)
            } else {
                guard let model = try await TrackingMeasureModel.find(record.id, on: db) else { throw EditError.notInPlan(record.id) }
                let before = model.record(values: [])
                var entries: [AuditLog.Entry] = []
                for (field, old, new) in [("namn", before.name, record.name), ("grupp", before.group, record.group), ("enhet", before.unit, record.unit),
                                          ("decimaler", String(before.decimals), String(record.decimals)), ("grunduppdrag", before.basicMissionId, record.basicMissionId),
                                          ("godkänd nivå", before.approvedLevel, record.approvedLevel), ("not", before.note, record.note)] where old != new {
                    entries.append(.init(.update, "följetal", record.id, field: field, old: old, new: new, planID: planID))
                }
                let updated = TrackingMeasureModel(record, planID: planID, position: model.position)
                model.name = updated.name; model.group = updated.group; model.unit = updated.unit; model.decimals = updated.decimals
                model.basicMissionID = updated.basicMissionID; model.approvedLevel = updated.approvedLevel; model.note = updated.note
                try await model.update(on: db)
                try await AuditLog.append(entries, by: actor, on: db)
            }
        }
    }

    // MARK: Retiring

    /// Retires a goal or an indicator (or brings it back): it is no longer followed up, and keeps
    /// everything it had. Retiring a goal does not retire its indicators; they leave with it.
    public static func setRetired(goalID: String? = nil, indicatorID: String? = nil, _ retired: Bool, planID: String, by actor: Actor,
                                  on database: any Database) async throws {
        try await database.writeTransaction { db in
            let label = retired ? "ja" : "nej", before = retired ? "nej" : "ja"
            if let goalID {
                guard try await PlanGoalModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == goalID).first() != nil,
                      let goal = try await GoalModel.find(goalID, on: db) else { throw EditError.notInPlan(goalID) }
                guard (goal.retired ?? false) != retired else { return }
                goal.retired = retired ? true : nil
                try await goal.update(on: db)
                try await AuditLog.append(fanOut([.init(.update, "mål", goalID, field: "avvecklat", old: before, new: label, planID: planID)],
                                                 to: try await plansShowing(goalID: goalID, on: db), from: planID), by: actor, on: db)
            }
            if let indicatorID {
                guard let indicator = try await IndicatorModel.find(indicatorID, on: db), indicator.planID == planID else { throw EditError.notInPlan(indicatorID) }
                guard (indicator.retired ?? false) != retired else { return }
                indicator.retired = retired ? true : nil
                try await indicator.update(on: db)
                try await AuditLog.append(.init(.update, "indikator", indicatorID, field: "avvecklad", old: before, new: label, planID: planID), by: actor, on: db)
            }
        }
    }

    public static func setRetired(measureID: String, _ retired: Bool, planID: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let measure = try await TrackingMeasureModel.find(measureID, on: db), measure.planID == planID else { throw EditError.notInPlan(measureID) }
            guard (measure.retired ?? false) != retired else { return }
            measure.retired = retired ? true : nil
            try await measure.update(on: db)
            try await AuditLog.append(.init(.update, "följetal", measureID, field: "avvecklat", old: retired ? "nej" : "ja", new: retired ? "ja" : "nej", planID: planID),
                                      by: actor, on: db)
        }
    }

    /// Takes a goal area off this plan (it stays the municipality's); refused while a goal of the plan uses it.
    public static func removeGoalArea(_ areaID: String, planID: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).filter(\.$goalAreaID == areaID).first() != nil,
                  let area = try await GoalAreaModel.find(areaID, on: db) else { throw EditError.notInPlan(areaID) }
            let planGoals = try await PlanGoalModel.query(on: db).filter(\.$planID == planID).all().map(\.goalID)
            if try await GoalModel.query(on: db).filter(\.$id ~~ planGoals).filter(\.$goalAreaID == areaID).count() > 0 { throw EditError.isParent }
            try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).filter(\.$goalAreaID == areaID).delete()
            try await AuditLog.append(.init(.delete, "målområde", areaID, field: "i planen", old: area.name, planID: planID), by: actor, on: db)
        }
    }

    /// The plan's own column headings over its goal tables ("Riktning {year}"); nil fields: the template's.
    /// The same rules as the import (a target heading holds {year}, a value heading {period}).
    public static func setColumnHeadings(_ headings: PlanColumnHeadings, planID: String, by actor: Actor, on database: any Database) async throws {
        var doc = ColumnHeadingsRecord(value: headings.value, target: headings.target, baseline: headings.baseline)
        for key in [\ColumnHeadingsRecord.value, \.target, \.baseline] {
            let text = doc[keyPath: key]?.trimmingCharacters(in: .whitespacesAndNewlines)
            doc[keyPath: key] = text?.isEmpty == false ? text : nil
        }
        if let problem = PlanValidator.problems(ofColumnHeadings: doc).first { throw InvalidHeadings(description: problem.message, field: problem.path) }
        let after: ColumnHeadingsRecord? = doc == ColumnHeadingsRecord() ? nil : doc
        try await database.writeTransaction { db in
            guard let plan = try await PlanModel.find(planID, on: db) else { throw PlanNotFound(id: planID) }
            let before = plan.record.columnHeadings
            guard before != after else { return }
            func text(_ h: ColumnHeadingsRecord?) -> String {
                [("Nuläge", h?.baseline), ("Värden", h?.value), ("Mål", h?.target)].map { "\($0.0): \($0.1 ?? "mallens")" }.joined(separator: "; ")
            }
            plan.columnHeadings = PlanModel.dictionary(after)
            try await plan.update(on: db)
            try await AuditLog.append(.init(.update, "plan", planID, field: "kolumnrubriker", old: text(before), new: text(after), planID: planID), by: actor, on: db)
        }
    }

    /// A column heading the rules refuse; `field` is "value", "target" or "baseline".
    public struct InvalidHeadings: Error, CustomStringConvertible, Sendable {
        public let description: String
        public let field: String
    }

    public static func moveGoalArea(_ areaID: String, planID: String, by step: Int, actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            let rows = try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
            try await move(rows, at: rows.firstIndex { $0.goalAreaID == areaID }, by: step, entity: "målområde", id: areaID, planID: planID, actor: actor, on: db)
        }
    }

    public static func moveTrackingMeasure(_ measureID: String, planID: String, by step: Int, actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            let rows = try await TrackingMeasureModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
            try await move(rows, at: rows.firstIndex { $0.id == measureID }, by: step, entity: "följetal", id: measureID, planID: planID, actor: actor, on: db)
        }
    }

    // MARK: Order

    /// Moves a goal one step earlier (-1) or later (+1) in the plan's order.
    public static func moveGoal(_ goalID: String, planID: String, by step: Int, actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            let rows = try await PlanGoalModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
            try await move(rows, at: rows.firstIndex { $0.goalID == goalID }, by: step, entity: "mål", id: goalID, planID: planID, actor: actor, on: db)
        }
    }

    /// Moves an indicator one step earlier (-1) or later (+1) under its goal.
    public static func moveIndicator(_ indicatorID: String, planID: String, by step: Int, actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let indicator = try await IndicatorModel.find(indicatorID, on: db), indicator.planID == planID else { throw EditError.notInPlan(indicatorID) }
            let rows = try await IndicatorModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == indicator.goalID).sort(\.$position).all()
            try await move(rows, at: rows.firstIndex { $0.id == indicatorID }, by: step, entity: "indikator", id: indicatorID, planID: planID, actor: actor, on: db)
        }
    }

    /// Moves row `index` of an ordered list one step, renumbering the list, and audits the new place.
    static func move<M: Model & Positioned>(_ rows: [M], at index: Int?, by step: Int, entity: String, id: String, planID: String,
                                            actor: Actor, on db: any Database) async throws {
        guard let index else { throw EditError.notInPlan(id) }
        let target = min(max(index + step, 0), rows.count - 1)
        guard target != index else { return }
        try await swap(rows, index, target, on: db)
        try await AuditLog.append(.init(.update, entity, id, field: "ordning", old: String(index + 1), new: String(target + 1), planID: planID), by: actor, on: db)
    }

    /// Renumbers the rows 0… with rows i and j swapped (nothing happens at the ends).
    static func swap<M: Model>(_ rows: [M], _ i: Int, _ j: Int, on db: any Database) async throws where M: Positioned {
        guard rows.indices.contains(i), rows.indices.contains(j) else { return }
        var ordered = rows
        ordered.swapAt(i, j)
        for (position, row) in ordered.enumerated() where row.position != position {
            row.position = position
            try await row.update(on: db)
        }
    }

    // MARK: Indicators and targets

    /// Saves an indicator's fields and its targets (values are entered elsewhere and kept as they are).
    public static func saveIndicator(_ indicator: IndicatorRecord, goalID: String, planID: String, isNew: Bool, by actor: Actor,
                                     on database: any Database) async throws {
        // Only the indicator's own rows are read: its goal's place in the plan, and the indicator.
        // Its values are entered elsewhere and not touched, so its fields and targets are all there
        // is to check (the import's rules for one indicator).
        try await database.writeTransaction { db in
            guard try await PlanGoalModel.query(on: db).filter(\.$planID == planID).filter(\.$goalID == goalID).first() != nil else {
                throw EditError.notInPlan(goalID)
            }
            let stored = try await IndicatorModel.find(indicator.id, on: db)
            if isNew {
                if stored != nil { throw Invalid(fields: ["allmänt": "indikator med id \"\(indicator.id.prefix(100))\" finns redan"]) }
            } else {
                guard let stored, stored.planID == planID, stored.goalID == goalID else { throw EditError.notInPlan(indicator.id) }
            }
            var record = indicator
            record.values = []
            try check(PlanValidator.read(record).problems, prefix: "$.")
            // The one rule joining the indicator's fields to its values: values per gender need the breakdown.
            if !isNew, !record.genderBreakdown,
               try await MeasureValueModel.query(on: db).filter(\.$indicatorID == record.id).filter(\.$gender != Gender.total.rawValue)
                   .filter(\.$valueText != "").count() > 0 {
                throw Invalid(fields: ["values": "indikatorn redovisas inte per kön (genderBreakdown är false)"])
            }
            if isNew {
                let position = try await IndicatorModel.query(on: db).filter(\.$goalID == goalID).filter(\.$planID == planID).count()
                try await IndicatorModel(record, planID: planID, goalID: goalID, position: position).create(on: db)
                try await AuditLog.append(.init(.create, "indikator", record.id, field: "namn", new: record.name, planID: planID), by: actor, on: db)
            } else {
                guard let model = stored else { throw EditError.notInPlan(record.id) }
                let before = model.record(values: [], targets: [:])
                var entries: [AuditLog.Entry] = []
                func note(_ field: String, _ old: String?, _ new: String?) {
                    if old != new { entries.append(.init(.update, "indikator", record.id, field: field, old: old, new: new, planID: planID)) }
                }
                note("namn", before.name, record.name); note("beskrivning", before.description, record.description)
                note("enhet", before.unit, record.unit); note("decimaler", String(before.decimals), String(record.decimals))
                note("riktning", before.direction.label, record.direction.label)
                note("källa", before.source.map { "\($0.kind.label) \($0.reference ?? "")" }, record.source.map { "\($0.kind.label) \($0.reference ?? "")" })
                note("könsuppdelad", before.genderBreakdown ? "ja" : "nej", record.genderBreakdown ? "ja" : "nej")
                note("frekvens", before.frequency.label, record.frequency.label); note("nuläge", before.baseline, record.baseline)
                note("not", before.note, record.note)
                let updated = IndicatorModel(record, planID: planID, goalID: goalID, position: model.position)
                model.name = updated.name; model.description = updated.description; model.unit = updated.unit; model.decimals = updated.decimals
                model.direction = updated.direction; model.sourceKind = updated.sourceKind; model.sourceReference = updated.sourceReference
                model.genderBreakdown = updated.genderBreakdown; model.frequency = updated.frequency; model.baseline = updated.baseline; model.note = updated.note
                try await model.update(on: db)
                try await AuditLog.append(entries, by: actor, on: db)
            }
            // Targets: one row per year; every change is audited with the text before and after.
            let existing = try await TargetModel.query(on: db).filter(\.$indicatorID == record.id).all()
            let old = Dictionary(existing.map { (String($0.year), $0) }, uniquingKeysWith: { a, _ in a })
            var entries: [AuditLog.Entry] = []
            for year in Set(old.keys).union(record.targets.keys).sorted() {
                let before = old[year]?.text, after = record.targets[year]
                guard before != after else { continue }
                entries.append(.init(before == nil ? .create : (after == nil ? .delete : .update), "målvärde", record.id, field: "målvärde \(year)",
                                     old: before, new: after, planID: planID))
                if let model = old[year] {
                    if let after { model.text = after; try await model.update(on: db) } else { try await model.delete(on: db) }
                } else if let after {
                    try await TargetModel(planID: planID, indicatorID: record.id, year: Int(year)!, text: after).create(on: db)
                }
            }
            try await AuditLog.append(entries, by: actor, on: db)
        }
    }

    public static func deleteIndicator(_ indicatorID: String, planID: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let model = try await IndicatorModel.find(indicatorID, on: db), model.planID == planID else { throw EditError.notInPlan(indicatorID) }
            if try await MeasureValueModel.query(on: db).filter(\.$indicatorID == indicatorID).count() > 0 { throw EditError.hasValues }
            try await TargetModel.query(on: db).filter(\.$indicatorID == indicatorID).delete()
            try await model.delete(on: db)
            try await AuditLog.append(.init(.delete, "indikator", indicatorID, field: "namn", old: model.name, planID: planID), by: actor, on: db)
        }
    }

    // MARK: Shared goals and goal areas

    /// The plans that show a goal (a council goal is shown by every committee plan that contributes to it).
    public static func plansShowing(goalID: String, on db: any Database) async throws -> [String] {
        Array(Set(try await PlanGoalModel.query(on: db).filter(\.$goalID == goalID).all().map(\.planID))).sorted()
    }

    /// The plans that use a goal area (it is the municipality's).
    public static func plansUsing(areaID: String, on db: any Database) async throws -> [String] {
        Array(Set(try await PlanGoalAreaModel.query(on: db).filter(\.$goalAreaID == areaID).all().map(\.planID))).sorted()
    }

    /// A change to something several plans share is recorded under each of them, so every
    /// plan's audit trail shows it; the plan it was made from comes first.
    static func fanOut(_ entries: [AuditLog.Entry], to planIDs: [String], from planID: String) -> [AuditLog.Entry] {
        let plans = [planID] + planIDs.filter { $0 != planID }
        return plans.flatMap { plan in entries.map { entry in var copy = entry; copy.planID = plan; return copy } }
    }

    /// Validates the whole changed plan; problems under `prefix` become field errors.
    public static func check(_ document: PlanDocument, prefix: String) throws {
        try check(PlanValidator.validate(document), prefix: prefix)
    }

    /// Problems under `prefix` become field errors ("title", "target-2025"), others "allmänt".
    static func check(_ problems: [InterchangeProblem], prefix: String) throws {
        guard !problems.isEmpty else { return }
        var fields: [String: String] = [:]
        for problem in problems {
            var field = "allmänt"
            if problem.path.hasPrefix(prefix) {
                let rest = problem.path.dropFirst(prefix.count)
                let name = String(rest.prefix { $0.isLetter || $0.isNumber })
                field = name
                if name == "targets", let open = rest.firstIndex(of: "\""), let close = rest[rest.index(after: open)...].firstIndex(of: "\"") {
                    field = "target-" + rest[rest.index(after: open)..<close]
                }
            }
            if fields[field] == nil { fields[field] = problem.message }
        }
        throw Invalid(fields: fields)
    }
}

/// Rows kept in a user-defined order.
protocol Positioned: AnyObject { var position: Int { get set } }
extension PlanGoalModel: Positioned {}
extension IndicatorModel: Positioned {}
extension PlanGoalAreaModel: Positioned {}
extension TrackingMeasureModel: Positioned {}
