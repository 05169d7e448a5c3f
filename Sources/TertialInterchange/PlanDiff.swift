import Foundation

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
                if other != value { result.append(Change(kind: .changed, place: key, old: value, new: other)) }
            } else {
                result.append(Change(kind: .removed, place: key, old: value, new: nil))
            }
        }
        for (key, value) in b.pairs where a.map[key] == nil {
            result.append(Change(kind: .added, place: key, old: nil, new: value))
        }
        return result
    }

    static let names: [String: String] = [
        "plan": "Plan", "goals": "Mål", "indicators": "Indikator", "values": "Värde", "targets": "Målvärde",
        "trackingMeasures": "Följetal", "basicMissions": "Grunduppdrag", "goalAreas": "Målområde", "units": "Enhet",
        "municipality": "Kommun", "title": "titel", "name": "namn", "description": "beskrivning", "status": "status",
        "decision": "beslut", "value": "värde", "comment": "kommentar", "baseline": "nuläge", "unit": "enhet",
        "direction": "riktning", "approvedLevel": "godkänd nivå", "parentGoalIds": "överordnade mål", "note": "not",
    ]

    struct Flat { var pairs: [(String, String)] = []; var map: [String: String] = [:] }

    static func flatten(_ document: PlanDocument) -> Flat {
        let data = InterchangeCodec.encode(document)
        let tree = try! JSONSerialization.jsonObject(with: data)
        var flat = Flat()
        walk(tree, place: "", into: &flat)
        return flat
    }

    static func walk(_ node: Any, place: String, into flat: inout Flat) {
        func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a) › \(b)" }
        switch node {
        case let object as [String: Any]:
            for key in object.keys.sorted() where key != "id" && key != "format" && key != "version" {
                walk(object[key]!, place: join(place, names[key] ?? key), into: &flat)
            }
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                let label: String
                if let object = element as? [String: Any] {
                    if let id = object["id"] as? String {
                        label = "\(id)"
                    } else if let period = object["period"] as? String, let kind = object["kind"] as? String, let gender = object["gender"] as? String {
                        label = "\(period) \(kind == "outcome" ? "utfall" : "prognos")\(gender == "total" ? "" : " " + (gender == "women" ? "kvinnor" : "män"))"
                    } else {
                        label = "\(index + 1)"
                    }
                } else {
                    label = "\(index + 1)"
                }
                walk(element, place: "\(place) \(label)", into: &flat)
            }
        default:
            let text: String
            if let bool = node as? Bool, type(of: node) == type(of: NSNumber(value: true)) || node is Bool { text = bool ? "ja" : "nej" }
            else { text = "\(node)" }
            flat.pairs.append((place, text))
            flat.map[place] = text
        }
    }
}
