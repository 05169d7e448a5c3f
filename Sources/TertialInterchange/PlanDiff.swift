import Foundation
import TertialCore

/// What changed between two versions of a plan, field by field. Lists are matched by id (or, for
/// values, by period, gender and kind), so a reordered list is not reported as a change of every item.
public enum PlanDiff {
    public enum Kind: String, Sendable { case added, removed, changed }

    public struct Change: Sendable, Hashable {
        public let kind: Kind
        /// Where, in words: "Mål mark-sn-basta-barnkommun › Indikator … › Målvärde 2024".
        public let place: String
        public let old: String?
        public let new: String?
    }

    public static func changes(from old: PlanDocument, to new: PlanDocument) -> [Change] {
        let a = flatten(old), b = flatten(new)
        var result: [Change] = []
        for (key, value) in a.pairs {
            if let other = b.map[key] {
                if other.value != value.value { result.append(Change(kind: .changed, place: other.display, old: value.value, new: other.value)) }
            } else {
                result.append(Change(kind: .removed, place: value.display, old: value.value, new: nil))
            }
        }
        for (key, value) in b.pairs where a.map[key] == nil {
            result.append(Change(kind: .added, place: value.display, old: nil, new: value.value))
        }
        return result
    }

    static let names: [String: String] = [
        "plan": "Plan", "goals": "Mål", "indicators": "Indikator", "values": "Värde", "targets": "Målvärde",
        "trackingMeasures": "Följetal", "basicMissions": "Grunduppdrag", "goalAreas": "Målområde", "units": "Enhet",
        "municipality": "Kommun", "title": "titel", "name": "namn", "description": "beskrivning", "status": "status",
        "decision": "beslut", "value": "värde", "comment": "kommentar", "baseline": "nuläge", "unit": "enhet",
        "direction": "riktning", "approvedLevel": "godkänd nivå", "parentGoalIds": "överordnade mål", "note": "not",
        "level": "nivå", "code": "nummer", "goalAreaId": "målområde", "agenda2030": "Agenda 2030", "childRights": "barnkonventionen",
        "qualitative": "kvalitativt", "decimals": "decimaler", "source": "källa", "kind": "typ", "reference": "referens",
        "genderBreakdown": "könsuppdelad", "frequency": "frekvens", "retired": "avvecklad", "group": "grupp",
        "basicMissionId": "grunduppdrag", "text": "text", "planYears": "planår", "budgetYear": "budgetår", "ownerUnitId": "ägare",
        "ownerUnitId2": "ägare", "isPublic": "offentlig", "attachments": "bilagor", "body": "beslutande organ", "date": "datum",
        "paragraph": "paragraf", "caseNumber": "diarienummer", "points": "beslutspunkter", "basis": "beslutsunderlag", "label": "benämning",
        "parentId": "överordnad enhet", "followUpPeriods": "uppföljningsperioder", "unitKindLabels": "enhetstyper", "goalLevelLabels": "målnivåer", "gender": "kön",
        "period": "period", "position": "ordning",
        // Version 2: economy and activity plan.
        "economy": "Ekonomi", "operatingBudgets": "Driftbudget", "sections": "avsnitt", "lines": "rad", "amounts": "belopp",
        "frame": "ram", "frameLabel": "ramens rubrik", "totalLabel": "summans rubrik", "heading": "rubrik", "columns": "kolumn",
        "printedTotals": "förlagans summor", "investmentBudgets": "Investeringar", "investments": "investering", "volumeTables": "Volymtabell",
        "measures": "mått", "values2": "värden", "followUps": "uppföljning", "frameTransfers": "Ramöverföring", "deviationThreshold": "avvikelsegräns",
        "outcomeToDate": "utfall hittills", "forecast": "helårsprognos", "activityPlan": "Aktivitetsplan", "activities": "Aktivitet",
        "assignments": "Uppdrag", "premisesNeeds": "Lokalbehov", "due": "klart", "start": "start", "response": "svar", "responseText": "svarets text",
        "reportBy": "återrapportering", "need": "behov", "when": "när", "category": "kategori", "priority": "prioritering", "motivation": "motivering",
        "steeringDocuments": "Styrdokument", "adoptedBy": "beslutat av", "adopted": "beslutsdatum", "validThrough": "gäller till och med",
        "summary": "sammanfattning", "competenceSupply": "Kompetensförsörjning", "strategy": "strategi", "digitalisation": "Digitaliseringsplan",
        "currentState": "nuläge", "desiredState": "önskat läge", "desiredHorizon": "tidshorisont",
        // Version 2: internal control.
        "textSections": "Text", "after": "placering", "summaries": "Sammanfattning", "rows": "rad", "role": "roll",
        "columnHeadings": "kolumnrubriker", "target": "mål",
        "internalControl": "Internkontroll", "scale": "skala", "likelihood": "sannolikhet", "consequence": "konsekvens", "consequenceName": "konsekvensens namn",
        "threshold": "gräns", "risks": "Risk", "area": "område", "process": "process", "risk": "risk", "statedValue": "riskvärde",
        "includedBelowThreshold": "med under gränsen", "controls": "kontrollmoment", "control": "kontrollmoment", "responsible": "ansvarig",
        "method": "metod", "reportedTo": "rapporteras till", "followUp": "uppföljning", "results": "resultat", "occasion": "tillfälle",
        "findings": "avvikelser", "history": "historik", "replaced": "ersatt", "reason": "skäl", "year": "år",
    ]

    struct Entry { let display: String; let value: String }
    /// Items are matched by a key made of ids; people are shown a place made of names.
    struct Flat { var pairs: [(String, Entry)] = []; var map: [String: Entry] = [:] }

    static func flatten(_ document: PlanDocument) -> Flat {
        let data = InterchangeCodec.encode(document)
        let tree = try! JSONSerialization.jsonObject(with: data)
        var flat = Flat()
        walk(tree, key: "", place: "", table: nil, into: &flat)
        return flat
    }

    /// The table a cell belongs to: its columns' headings and its unit, so a change reads
    /// "Budget 2025: 433,6 mnkr" and not "belopp 4: 433.6".
    struct TableContext { var columns: [String]; var unit: String? }

    /// Fields whose strings are amounts in the format's machine form ("-59200", "433.6").
    static let amountFields: Set<String> = ["amounts", "printedTotals", "frame", "budget", "income", "earlierBudget", "accumulatedOutcome",
                                            "totalForecast", "outcomeToDate", "forecast", "amount"]

    static func heading(ofColumn column: Any) -> String? {
        guard let column = column as? [String: Any] else { return nil }
        if let heading = column["heading"] as? String { return heading }
        if let kind = column["kind"] as? String, let year = column["year"] as? Int {
            return "\(BudgetColumnKind(rawValue: kind)?.label ?? kind) \(year)"
        }
        return nil
    }

    static func amountText(_ text: String, unit: String?) -> String {
        guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }) else { return text }
        return SwedishNumber.formatNatural(number).replacingOccurrences(of: "\u{00A0}", with: " ") + (unit.map { " \($0)" } ?? "")
    }

    static func walk(_ node: Any, key: String, place: String, table: TableContext?, field: String = "", into flat: inout Flat) {
        func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a) › \(b)" }
        switch node {
        case let object as [String: Any]:
            var table = table
            if let columns = object["columns"] as? [Any] {
                table = TableContext(columns: columns.enumerated().map { heading(ofColumn: $1) ?? "kolumn \($0 + 1)" }, unit: object["unit"] as? String)
            }
            if key == "textSections" {
                // Version 2's object of text sections: each by its heading, as the list form below.
                for name in object.keys.sorted() { walk(object[name]!, key: "\(key)[\(name)]", place: "\(place) ”\(name)”", table: nil, into: &flat) }
                return
            }
            for name in object.keys.sorted() where name != "id" && name != "format" && name != "version" {
                walk(object[name]!, key: join(key, name), place: join(place, names[name] ?? name), table: table, field: name, into: &flat)
            }
        case let array as [Any]:
            // A row of cells aligned with its table's columns: each cell by its column's heading.
            if amountFields.contains(field), let table, array.allSatisfy({ $0 is String || $0 is NSNull }) {
                for (index, cell) in array.enumerated() {
                    let column = table.columns.indices.contains(index) ? table.columns[index] : "kolumn \(index + 1)"
                    let base = place.hasSuffix(" › " + (names[field] ?? field)) ? String(place.dropLast((" › " + (names[field] ?? field)).count)) : place
                    let cellPlace = field == "amounts" ? "\(base) › \(column)" : "\(base) › \(names[field] ?? field) \(column)"
                    guard let text = cell as? String else { continue }
                    let entry = Entry(display: cellPlace, value: amountText(text, unit: table.unit))
                    flat.pairs.append(("\(key)[\(index + 1)]", entry))
                    flat.map["\(key)[\(index + 1)]"] = entry
                }
                return
            }
            for (index, element) in array.enumerated() {
                var itemKey = "\(index + 1)", label = "\(index + 1)"
                if let object = element as? [String: Any] {
                    if let id = object["id"] as? String {
                        itemKey = id
                        // People read names, not ids: Mål ”Bästa barnkommun”.
                        let name = (object["title"] as? String) ?? (object["name"] as? String)
                        label = name.map { "”" + ($0.count > 60 ? String($0.prefix(57)) + "…" : $0) + "”" } ?? id
                    } else if let period = object["period"] as? String, let kind = object["kind"] as? String, let gender = object["gender"] as? String {
                        itemKey = "\(period)|\(kind)|\(gender)"
                        label = "\(Period(period)?.label ?? period) \(kind == "outcome" ? "utfall" : "prognos")\(gender == "total" ? "" : " " + (gender == "women" ? "kvinnor" : "män"))"
                    } else if key == "textSections", let heading = object["heading"] as? String, let text = object["text"] {
                        // A text section in the list form (version 3): matched and shown by its heading, as in version 2.
                        walk(text, key: "\(key)[\(heading)]", place: "\(place) ”\(heading)”", table: nil, into: &flat)
                        if let after = object["after"] { walk(after, key: "\(key)[\(heading)].after", place: "\(place) ”\(heading)” › placering", table: nil, into: &flat) }
                        continue
                    }
                }
                walk(element, key: "\(key)[\(itemKey)]", place: "\(place) \(label)", table: table, into: &flat)
            }
        case is NSNull:
            // An empty cell is no value: a cell filled in later is an addition, not a change from "<null>".
            return
        default:
            let text: String
            if let bool = node as? Bool, type(of: node) == type(of: NSNumber(value: true)) || node is Bool { text = bool ? "ja" : "nej" }
            else if let string = node as? String, amountFields.contains(field) { text = amountText(string, unit: table?.unit) }
            else { text = "\(node)" }
            flat.pairs.append((key, Entry(display: place, value: text)))
            flat.map[key] = Entry(display: place, value: text)
        }
    }
}
