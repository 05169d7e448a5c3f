import Foundation
import TertialCore

/// The rules a decoded plan document must follow beyond its types: identifiers, references,
/// years, lengths, and that every value and target can be read. Reading a document checks it and
/// builds the typed plan in one walk: every target and value is parsed once, where it enters.
public enum PlanValidator {
    public static let maxNameLength = TextLimits.name
    public static let maxTextLength = TextLimits.text

    public static func validate(_ doc: PlanDocument) -> [InterchangeProblem] {
        read(doc).problems
    }

    /// The typed plan the document holds, or (plan nil) every problem that keeps it from being one.
    /// `lenient` builds the plan anyway from what reads (a value or target that does not is left out),
    /// for showing what is stored even where a rule changed after it was written.
    public static func read(_ doc: PlanDocument, lenient: Bool = false) -> (plan: Plan?, problems: [InterchangeProblem]) {
        var v = Validation()
        let root = JSONPath()

        v.id(doc.municipality.id, at: root + "municipality" + "id")
        v.name(doc.municipality.name, at: root + "municipality" + "name")
        for (key, label) in (doc.municipality.unitKindLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = root + "municipality" + "unitKindLabels" + key
            if OrgUnitKind(rawValue: key) == nil { v.problem(path, "okänd enhetstyp (tillåtna: \(OrgUnitKind.allowedValues))") }
            v.name(label, at: path)
        }

        for (key, label) in (doc.municipality.goalLevelLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = root + "municipality" + "goalLevelLabels" + key
            if GoalLevel(rawValue: key) == nil { v.problem(path, "okänd målnivå (tillåtna: \(GoalLevel.allowedValues))") }
            v.name(label, at: path)
        }

        // Units: unique ids, parents that exist, no cycles.
        for (i, part) in (doc.municipality.followUpPeriods ?? []).enumerated() where !MunicipalityRecord.allowedFollowUpPeriods.contains(part) {
            v.problem((root + "municipality" + "followUpPeriods")[i], "\"\(part)\" är ingen uppföljningsperiod (tillåtna: \(MunicipalityRecord.allowedFollowUpPeriods.joined(separator: ", ")))")
        }
        let unitIds = v.uniqueIds(doc.units.map(\.id), at: root + "units", kind: "enhet")
        for (i, unit) in doc.units.enumerated() {
            let path = (root + "units")[i]
            v.name(unit.name, at: path + "name")
            if let parent = unit.parentId, !unitIds.contains(parent) { v.dangling(parent, at: path + "parentId", kind: "enhet") }
        }
        let parents = Dictionary(doc.units.map { ($0.id, $0.parentId) }, uniquingKeysWith: { first, _ in first })
        for (i, unit) in doc.units.enumerated() {
            var seen: Set<String> = [unit.id]
            var current = unit.parentId
            while let next = current {
                if seen.contains(next) { v.problem((root + "units")[i] + "parentId", "enhetsträdet har en cirkel genom \"\(next)\""); break }
                seen.insert(next)
                current = parents[next] ?? nil
            }
        }

        var economy: Economy?
        if let record = doc.economy {
            let (typed, problems) = record.economy(at: root + "economy", unitIds: unitIds)
            economy = typed
            v.problems += problems
        }
        if let texts = doc.textSections {
            let asObject = texts.fitsObject && !texts.wasList
            var seen: Set<String> = []
            for (i, section) in texts.sections.enumerated() {
                let path = asObject ? root + "textSections" + section.heading : (root + "textSections")[i]
                v.name(section.heading, at: asObject ? path : path + "heading")
                v.text(section.text, at: asObject ? path : path + "text")
                if !seen.insert(section.heading).inserted {
                    v.problem(path + "heading", "rubriken \"\(section.heading.prefix(80))\" står två gånger; ett avsnitt per rubrik")
                }
                if let after = section.after {
                    if after.trimmingCharacters(in: .whitespaces).isEmpty { v.problem(path + "after", "är tom; utelämna fältet för att placera avsnittet efter det föregående") }
                    else if after == section.heading { v.problem(path + "after", "avsnittet kan inte stå under sig självt") }
                    else { v.name(after, at: path + "after") }
                }
            }
        }
        var assessments: [GoalAssessment] = []
        if let records = doc.assessments {
            let goalIDs = Set(doc.goals.map(\.id))
            var seen: Set<String> = []
            for (i, record) in records.enumerated() {
                let path = (root + "assessments")[i]
                if !goalIDs.contains(record.goalId) { v.dangling(record.goalId, at: path + "goalId", kind: "mål") }
                if !seen.insert("\(record.goalId)|\(record.period)").inserted {
                    v.problem(path, "målet har redan en bedömning för \(record.period.label)")
                }
                v.text(record.reason, at: path + "reason")
                v.text(record.analysis, at: path + "analysis")
                if record.assessment == nil && record.analysis == nil {
                    v.problem(path, "anger varken bedömning (assessment) eller analys (analysis)")
                }
                if record.assessment == nil && record.reason != nil {
                    v.problem(path + "reason", "en motivering hör till en bedömning (assessment)")
                }
                assessments.append(GoalAssessment(goalID: record.goalId, period: record.period, assessment: record.assessment,
                                                  reason: record.reason, analysis: record.analysis))
            }
        }
        var activityPlan: ActivityPlan?
        if let record = doc.activityPlan {
            let (typed, problems) = record.typed(at: root + "activityPlan", references: ActivityPlanReferences(
                unitIDs: unitIds, goalIDs: Set(doc.goals.map(\.id)), goalAreaIDs: Set(doc.goalAreas.map(\.id)), budgetYear: doc.plan.budgetYear))
            activityPlan = typed
            v.problems += problems
        }

        var internalControl: InternalControl?
        if let record = doc.internalControl {
            let (typed, problems) = record.internalControl(at: root + "internalControl")
            internalControl = typed
            v.problems += problems
        }

        let areaIds = v.uniqueIds(doc.goalAreas.map(\.id), at: root + "goalAreas", kind: "målområde")
        for (i, area) in doc.goalAreas.enumerated() { read(area, at: (root + "goalAreas")[i], into: &v) }

        // The plan itself.
        let plan = root + "plan"
        v.id(doc.plan.id, at: plan + "id")
        v.name(doc.plan.title, at: plan + "title")
        if let headings = doc.plan.columnHeadings {
            v.problems += problems(ofColumnHeadings: headings).map { InterchangeProblem(path: (plan + "columnHeadings" + $0.path).description, message: $0.message) }
        }
        if !unitIds.contains(doc.plan.ownerUnitId) { v.dangling(doc.plan.ownerUnitId, at: plan + "ownerUnitId", kind: "enhet") }
        v.year(doc.plan.budgetYear, at: plan + "budgetYear")
        if doc.plan.planYears.isEmpty {
            v.problem(plan + "planYears", "måste innehålla minst ett år")
        } else {
            for (i, year) in doc.plan.planYears.enumerated() {
                v.year(year, at: (plan + "planYears")[i])
                if i > 0, year != doc.plan.planYears[i - 1] + 1 { v.problem((plan + "planYears")[i], "åren måste följa på varandra") }
            }
            if !doc.plan.planYears.contains(doc.plan.budgetYear) { v.problem(plan + "budgetYear", "\(doc.plan.budgetYear) finns inte bland planens år") }
        }
        var decision: Decision?
        if let record = doc.plan.decision {
            let path = plan + "decision"
            v.name(record.body, at: path + "body")
            var date: Day?
            if let text = record.date {
                if isISODate(text) { date = Day(text) } else { v.problem(path + "date", "\"\(text)\" är inget datum (ÅÅÅÅ-MM-DD)") }
            }
            decision = Decision(body: record.body, date: date, paragraph: record.paragraph, caseNumber: record.caseNumber,
                                points: record.points, basis: record.basis)
            let decision = record
            v.optionalName(decision.paragraph, at: path + "paragraph")
            v.optionalName(decision.caseNumber, at: path + "caseNumber")
            for (i, point) in decision.points.enumerated() { v.text(point, at: (path + "points")[i]) }
            for (i, item) in (decision.basis ?? []).enumerated() { v.name(item, at: (path + "basis")[i]) }
        }
        for (i, attachment) in doc.plan.attachments.enumerated() { v.name(attachment, at: (plan + "attachments")[i]) }

        let missionIds = v.uniqueIds(doc.basicMissions.map(\.id), at: root + "basicMissions", kind: "grunduppdrag")
        for (i, mission) in doc.basicMissions.enumerated() {
            v.name(mission.title, at: (root + "basicMissions")[i] + "title")
            v.text(mission.text, at: (root + "basicMissions")[i] + "text")
        }

        // Goals and their indicators.
        let goalIds = v.uniqueIds(doc.goals.map(\.id), at: root + "goals", kind: "mål")
        var indicatorIds: Set<String> = []
        var goals: [Goal] = []
        goals.reserveCapacity(doc.goals.count)
        for (g, goal) in doc.goals.enumerated() {
            let path = (root + "goals")[g]
            readFields(of: goal, at: path, references: GoalReferences(unitIDs: unitIds, goalAreaIDs: areaIds, goalIDs: goalIds), into: &v)
            var indicators: [Indicator] = []
            indicators.reserveCapacity(goal.indicators.count)
            for (i, indicator) in goal.indicators.enumerated() {
                if !indicatorIds.insert(indicator.id).inserted {
                    v.problem((path + "indicators")[i] + "id", "indikator med id \"\(indicator.id.prefix(100))\" finns redan i filen")
                }
                indicators.append(read(indicator, at: (path + "indicators")[i], into: &v))
            }
            goals.append(Goal(id: goal.id, level: goal.level, code: goal.code, title: goal.title, description: goal.description,
                              ownerUnitID: goal.ownerUnitId, goalAreaID: goal.goalAreaId, parentGoalIDs: goal.parentGoalIds,
                              agenda2030: goal.agenda2030, childRights: goal.childRights, qualitative: goal.qualitative,
                              isRetired: goal.retired == true, indicators: indicators, continues: goal.continues))
        }

        _ = v.uniqueIds(doc.trackingMeasures.map(\.id), at: root + "trackingMeasures", kind: "följetal")
        var measures: [TrackingMeasure] = []
        for (i, measure) in doc.trackingMeasures.enumerated() {
            let path = (root + "trackingMeasures")[i]
            let approvedLevel = readFields(of: measure, at: path, basicMissionIDs: missionIds, into: &v)
            let values = read(measure.values, genderBreakdown: true, at: path + "values", into: &v)
            measures.append(TrackingMeasure(id: measure.id, name: measure.name, group: measure.group, unit: measure.unit, decimals: measure.decimals,
                                            basicMissionID: measure.basicMissionId, approvedLevel: approvedLevel, values: values,
                                            note: measure.note, isRetired: measure.retired == true))
        }
        guard v.problems.isEmpty || lenient else { return (nil, naming(v.problems, in: doc)) }

        let record = doc.municipality
        let municipality = Municipality(
            id: record.id, name: record.name,
            unitKindLabels: record.unitKindLabels.map { labels in
                Dictionary(labels.compactMap { key, label in OrgUnitKind(rawValue: key).map { ($0, label) } }, uniquingKeysWith: { a, _ in a })
            },
            followUpPeriods: record.followUpPeriods.map { $0.compactMap(FollowUpPeriod.init(rawValue:)) },
            goalLevelLabels: record.goalLevelLabels.map { labels in
                Dictionary(labels.compactMap { key, label in GoalLevel(rawValue: key).map { ($0, label) } }, uniquingKeysWith: { a, _ in a })
            })
        return (Plan(id: doc.plan.id, kind: doc.plan.kind, title: doc.plan.title, ownerUnitID: doc.plan.ownerUnitId,
                     budgetYear: doc.plan.budgetYear, planYears: doc.plan.planYears, status: doc.plan.status, isPublic: doc.plan.isPublic,
                     decision: decision, attachments: doc.plan.attachments, municipality: municipality,
                     units: doc.units.map { OrgUnit(id: $0.id, kind: $0.kind, name: $0.name, parentID: $0.parentId) },
                     goalAreas: doc.goalAreas.map { GoalArea(id: $0.id, name: $0.name, label: $0.label, description: $0.description) },
                     basicMissions: doc.basicMissions.map { BasicMission(id: $0.id, title: $0.title, text: $0.text) },
                     goals: goals, trackingMeasures: measures, economy: economy, activityPlan: activityPlan,
                     textSections: doc.textSections.map { $0.sections.map(\.typed) }, internalControl: internalControl,
                     columnHeadings: doc.plan.columnHeadings.map { PlanColumnHeadings(value: $0.value, target: $0.target, baseline: $0.baseline) },
                     assessments: assessments), naming(v.problems, in: doc))
    }

    /// A plan's own column headings by the import's rules: each a name; a target heading holds {year}
    /// and a value heading {period}. The path of each problem is the field ("target").
    public static func problems(ofColumnHeadings headings: ColumnHeadingsRecord) -> [InterchangeProblem] {
        var result: [InterchangeProblem] = []
        for (key, text) in [("value", headings.value), ("target", headings.target), ("baseline", headings.baseline)] {
            guard let text else { continue }
            if let problem = nameProblem(text) { result.append(InterchangeProblem(path: key, message: problem)) }
            if key == "target", !text.contains("{year}") {
                result.append(InterchangeProblem(path: key, message: "måste innehålla {year}, där målets år skrivs (till exempel \"Riktning {year}\")"))
            }
            if key == "value", !text.contains("{period}") {
                result.append(InterchangeProblem(path: key, message: "måste innehålla {period}, där värdets period skrivs (till exempel \"{kind} {period}\")"))
            }
        }
        return result
    }

    /// Problems with the ids of what their paths point at (`$.goals[24] (id lkpg-…)`): an index alone
    /// is hard to find in a file of a thousand goals. Made only when there are problems.
    static func naming(_ problems: [InterchangeProblem], in doc: PlanDocument) -> [InterchangeProblem] {
        guard !problems.isEmpty, let tree = try? JSONSerialization.jsonObject(with: InterchangeCodec.encode(doc)) else { return problems }
        return problems.map { problem in
            var named = problem
            named.namedPath = namedPath(problem.path, in: tree)
            return named
        }
    }

    static func namedPath(_ path: String, in tree: Any) -> String? {
        guard path.hasPrefix("$") else { return nil }
        var result = "$", node: Any? = tree, rest = path.dropFirst(), added = false
        while let first = rest.first {
            if first == "." {
                let name = rest.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                result += "." + name
                node = (node as? [String: Any])?[String(name)]
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[", let close = rest.firstIndex(of: "]") {
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                result += "[" + inside + "]"
                if let index = Int(inside), let array = node as? [Any], array.indices.contains(index) {
                    node = array[index]
                    if let id = (node as? [String: Any])?["id"] as? String { result += " (id \(id.prefix(100)))"; added = true }
                } else {
                    let key = inside.hasPrefix("\"") && inside.hasSuffix("\"") && inside.count >= 2 ? String(inside.dropFirst().dropLast()) : String(inside)
                    node = (node as? [String: Any])?[key]
                }
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        return added ? result : nil
    }

    /// What a goal may refer to: the plan's units, goal areas and goals.
    public struct GoalReferences: Sendable {
        public var unitIDs: Set<String>, goalAreaIDs: Set<String>, goalIDs: Set<String>
        public init(unitIDs: Set<String>, goalAreaIDs: Set<String>, goalIDs: Set<String>) {
            self.unitIDs = unitIDs; self.goalAreaIDs = goalAreaIDs; self.goalIDs = goalIDs
        }
    }

    /// One goal's own fields by the import's rules (its indicators are checked one by one): the
    /// problems, with paths from "$" (the goal).
    public static func problems(of goal: GoalRecord, references: GoalReferences) -> [InterchangeProblem] {
        var v = Validation()
        v.id(goal.id, at: JSONPath() + "id")
        readFields(of: goal, at: JSONPath(), references: references, into: &v)
        return v.problems
    }

    /// One goal area by the import's rules, paths from "$" (the area).
    public static func problems(of area: GoalAreaRecord) -> [InterchangeProblem] {
        var v = Validation()
        v.id(area.id, at: JSONPath() + "id")
        read(area, at: JSONPath(), into: &v)
        return v.problems
    }

    /// One tracking measure's fields (not its values) by the import's rules, paths from "$" (the measure).
    public static func problems(of measure: TrackingMeasureRecord, basicMissionIDs: Set<String>) -> [InterchangeProblem] {
        var v = Validation()
        v.id(measure.id, at: JSONPath() + "id")
        _ = readFields(of: measure, at: JSONPath(), basicMissionIDs: basicMissionIDs, into: &v)
        return v.problems
    }

    static func read(_ area: GoalAreaRecord, at path: JSONPath, into v: inout Validation) {
        v.name(area.name, at: path + "name")
        v.optionalName(area.label, at: path + "label")
        v.text(area.description, at: path + "description")
    }

    static func readFields(of goal: GoalRecord, at path: JSONPath, references: GoalReferences, into v: inout Validation) {
        v.name(goal.title, at: path + "title")
        v.optionalName(goal.code, at: path + "code")
        v.text(goal.description, at: path + "description")
        if !references.unitIDs.contains(goal.ownerUnitId) { v.dangling(goal.ownerUnitId, at: path + "ownerUnitId", kind: "enhet") }
        if let area = goal.goalAreaId, !references.goalAreaIDs.contains(area) { v.dangling(area, at: path + "goalAreaId", kind: "målområde") }
        for (i, parent) in goal.parentGoalIds.enumerated() {
            if !references.goalIDs.contains(parent) { v.dangling(parent, at: (path + "parentGoalIds")[i], kind: "mål") }
            else if parent == goal.id { v.problem((path + "parentGoalIds")[i], "ett mål kan inte vara sitt eget överordnade mål") }
        }
        for (i, link) in goal.agenda2030.enumerated() where !isAgenda2030(link) {
            v.problem((path + "agenda2030")[i], "\"\(link)\" är inget Agenda 2030-mål (1–17, eller delmål som 10.2)")
        }
        for (i, article) in goal.childRights.enumerated() where !(1...54).contains(article) {
            v.problem((path + "childRights")[i], "\(article) är ingen artikel i barnkonventionen (1–54)")
        }
    }

    /// A tracking measure's fields (its values are read apart); its approved level, parsed once.
    static func readFields(of measure: TrackingMeasureRecord, at path: JSONPath, basicMissionIDs: Set<String>, into v: inout Validation) -> ApprovedLevel? {
        v.name(measure.name, at: path + "name")
        v.optionalName(measure.group, at: path + "group")
        v.optionalName(measure.unit, at: path + "unit")
        v.decimals(measure.decimals, at: path + "decimals")
        if let mission = measure.basicMissionId, !basicMissionIDs.contains(mission) { v.dangling(mission, at: path + "basicMissionId", kind: "grunduppdrag") }
        var approvedLevel: ApprovedLevel?
        if let level = measure.approvedLevel {
            do { approvedLevel = try ApprovedLevel(level) } catch { v.problem(path + "approvedLevel", error.description) }
        }
        v.text(measure.note, at: path + "note")
        return approvedLevel
    }

    /// One indicator by the import's rules for it (its references to the rest of the plan are the
    /// caller's to check): the typed indicator, or the problems, with paths from "$" (the indicator).
    public static func read(_ indicator: IndicatorRecord) -> (indicator: Indicator?, problems: [InterchangeProblem]) {
        var v = Validation()
        let typed = read(indicator, at: JSONPath(), into: &v)
        return (v.problems.isEmpty ? typed : nil, v.problems)
    }

    /// Why a name-like text (a title, a target, a value) cannot be stored, or nil.
    public static func nameProblem(_ text: String) -> String? {
        var v = Validation()
        v.name(text, at: JSONPath())
        return v.problems.first?.message
    }

    static func read(_ indicator: IndicatorRecord, at path: JSONPath, into v: inout Validation) -> Indicator {
        v.id(indicator.id, at: path + "id")
        v.name(indicator.name, at: path + "name")
        v.text(indicator.description, at: path + "description")
        v.optionalName(indicator.unit, at: path + "unit")
        v.decimals(indicator.decimals, at: path + "decimals")
        v.optionalName(indicator.source?.reference, at: path + "source" + "reference")
        v.optionalName(indicator.baseline, at: path + "baseline")
        v.text(indicator.note, at: path + "note")
        var targets: [Int: Target] = [:]
        for (year, text) in indicator.targets.sorted(by: { $0.key < $1.key }) {
            let targetPath = path + "targets" + year
            guard year.count == 4, let y = Int(year), (1900...2200).contains(y) else {
                v.problem(targetPath, "\"\(year)\" är inget årtal"); continue
            }
            v.name(text, at: targetPath)
            do { targets[y] = try Target(year: y, text: text) } catch {
                v.problem(targetPath, "\(error.description) (ett målvärde skrivs som \(TargetParser.forms))")
            }
        }
        let values = read(indicator.values, genderBreakdown: indicator.genderBreakdown, at: path + "values", into: &v)
        return Indicator(id: indicator.id, name: indicator.name, description: indicator.description, unit: indicator.unit,
                         decimals: indicator.decimals, direction: indicator.direction,
                         source: indicator.source.map { Source(kind: $0.kind, reference: $0.reference) },
                         genderBreakdown: indicator.genderBreakdown, frequency: indicator.frequency,
                         baseline: indicator.baseline.map(Baseline.init(text:)), values: values, targets: targets,
                         note: indicator.note, isRetired: indicator.retired == true)
    }

    static func read(_ values: [ValueRecord], genderBreakdown: Bool, at path: JSONPath, into v: inout Validation) -> [ValueEntry] {
        struct Cell: Hashable { let period: Period, gender: Gender, kind: ValueKind }
        var seen: Set<Cell> = []
        seen.reserveCapacity(values.count)
        var typed: [ValueEntry] = []
        typed.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            if !seen.insert(Cell(period: value.period, gender: value.gender, kind: value.kind)).inserted {
                v.problem(path[i], "det finns redan ett värde för \(value.period) (\(value.gender.label), \(value.kind.label))")
            }
            if value.gender != .total && !genderBreakdown {
                v.problem(path[i] + "gender", "indikatorn redovisas inte per kön (genderBreakdown är false)")
            }
            v.name(value.value, at: path[i] + "value")
            do {
                typed.append(ValueEntry(period: value.period, gender: value.gender, kind: value.kind, value: try ValueText(value.value), comment: value.comment))
            } catch { v.problem(path[i] + "value", error.description) }
            v.text(value.comment, at: path[i] + "comment")
        }
        return typed
    }

    /// A real calendar date written YYYY-MM-DD (1900–2200).
    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2200).contains(y), (1...12).contains(m) else { return false }
        var components = DateComponents(year: y, month: m, day: d)
        components.calendar = Calendar(identifier: .gregorian)
        return components.isValidDate
    }

    static func isAgenda2030(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let goal = Int(parts[0]), (1...17).contains(goal), parts[0].count <= 2 else { return false }
        if parts.count == 2 { return (1...2).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isNumber || $0.isLowercase) } }
        return true
    }
}

/// Collects problems while walking a document.
struct Validation {
    var problems: [InterchangeProblem] = []

    mutating func problem(_ path: JSONPath, _ message: String) {
        problems.append(InterchangeProblem(path: path.description, message: message))
    }

    mutating func dangling(_ id: String, at path: JSONPath, kind: String) {
        problem(path, "hänvisar till \(kind) \"\(id.prefix(100))\" som inte finns i filen")
    }

    /// Ids: lower-case letters, digits, '-', '_' and '.', 1–100 characters.
    mutating func id(_ id: String, at path: JSONPath) {
        let allowed = id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-_.".contains($0)) }
        if id.isEmpty || id.count > 100 || !allowed {
            problem(path, "\"\(id.prefix(100))\" är inget giltigt id (a–z, 0–9, '-', '_' och '.', högst 100 tecken)")
        }
    }

    mutating func uniqueIds(_ ids: [String], at path: JSONPath, kind: String) -> Set<String> {
        var seen: Set<String> = []
        for (i, id) in ids.enumerated() {
            self.id(id, at: path[i] + "id")
            if !seen.insert(id).inserted {
                problem(path[i] + "id", "\(kind) med id \"\(id.prefix(100))\" finns redan i filen")
            }
        }
        return seen
    }

    // The path is made only for a problem: a large municipality's files hold millions of names
    // and texts that have none.
    mutating func name(_ text: String, at path: @autoclosure () -> JSONPath) {
        // Starting with a visible ASCII character, the text is not blank.
        if !(text.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false), text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problem(path(), "får inte vara tomt")
        }
        // No more bytes than the limit: no more characters either (counting them is the slow part).
        if text.utf8.count > PlanValidator.maxNameLength, text.count > PlanValidator.maxNameLength {
            problem(path(), "är för långt (\(text.count) tecken, högst \(PlanValidator.maxNameLength))")
        }
        if text.hasControlCharacters {
            problem(path(), "innehåller otillåtna styrtecken")
        }
    }

    mutating func optionalName(_ text: String?, at path: @autoclosure () -> JSONPath) {
        if let text { name(text, at: path()) }
    }

    mutating func text(_ text: String?, at path: @autoclosure () -> JSONPath) {
        guard let text else { return }
        if text.utf8.count > PlanValidator.maxTextLength, text.count > PlanValidator.maxTextLength {
            problem(path(), "är för långt (\(text.count) tecken, högst \(PlanValidator.maxTextLength))")
        }
        if text.hasControlCharacters {
            problem(path(), "innehåller otillåtna styrtecken")
        }
    }

    mutating func year(_ year: Int, at path: JSONPath) {
        if !(1900...2200).contains(year) { problem(path, "\(year) är inget rimligt år") }
    }

    mutating func decimals(_ decimals: Int, at path: JSONPath) {
        if !(0...6).contains(decimals) { problem(path, "antal decimaler måste vara 0–6") }
    }
}
