import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Every way a file can be wrong must end in a clear message naming the place, never in a crash
/// or a half-read plan.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let message: String
        let data: @Sendable () throws -> Data
        var testDescription: String { name }
    }

    static func mark(_ name: String, _ path: String, _ message: String, _ change: @escaping @Sendable (inout [String: Any]) -> Void) -> Case {
        Case(name: name, path: path, message: message, data: { try Fixtures.markChanged(change) })
    }

    static func raw(_ name: String, _ path: String, _ message: String, _ data: @escaping @Sendable () throws -> Data) -> Case {
        Case(name: name, path: path, message: message, data: data)
    }

    static let cases: [Case] = [
        // Wrong types
        mark("budget year as text", "$.plan.budgetYear", "fel typ") { $0[object: "plan"]["budgetYear"] = "2024" },
        mark("goals not a list", "$.goals", "fel typ") { $0["goals"] = ["id": "x"] },
        mark("decimals not whole", "$.goals[0].indicators[0].decimals", "måste vara ett heltal") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { $0["decimals"] = 1.5 } }
        },
        mark("qualitative as text", "$.goals[4].qualitative", "fel typ") { d in d.edit("goals", 4) { $0["qualitative"] = "ja" } },
        mark("title null", "$.plan.title", "saknar värde") { $0[object: "plan"]["title"] = NSNull() },
        mark("title missing", "$.plan.title", "obligatoriskt fält saknas") { $0[object: "plan"]["title"] = nil },
        mark("targets as list", "$.goals[0].indicators[0].targets", "fel typ") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { $0["targets"] = ["≤108"] } }
        },
        // Unknown vocabulary
        mark("unknown plan kind", "$.plan.kind", "okänt värde \"namndplan\"") { $0[object: "plan"]["kind"] = "namndplan" },
        mark("unknown direction", "$.goals[0].indicators[0].direction", "tillåtna värden: increase, decrease") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { $0["direction"] = "up" } }
        },
        mark("unknown gender", "$.goals[0].indicators[0].values[0].gender", "okänt värde \"female\"") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in i.edit("values", 0) { $0["gender"] = "female" } } }
        },
        mark("unknown unit kind", "$.units[0].kind", "okänt värde \"region\"") { d in d.edit("units", 0) { $0["kind"] = "region" } },
        mark("unknown status", "$.plan.status", "okänt värde") { $0[object: "plan"]["status"] = "antagen" },
        mark("unknown unit kind label", "$.municipality.unitKindLabels.region", "okänd enhetstyp") {
            $0[object: "municipality"]["unitKindLabels"] = ["region": "Region"]
        },
        // Dangling references
        mark("owner unit missing", "$.plan.ownerUnitId", "enhet \"mark-nope\" som inte finns") { $0[object: "plan"]["ownerUnitId"] = "mark-nope" },
        mark("parent goal missing", "$.goals[1].parentGoalIds[0]", "mål \"mark-kf-nope\" som inte finns") { d in
            d.edit("goals", 1) { $0["parentGoalIds"] = ["mark-kf-nope"] }
        },
        mark("goal area missing", "$.goals[1].goalAreaId", "målområde") { d in d.edit("goals", 1) { $0["goalAreaId"] = "mark-so-nope" } },
        mark("parent unit missing", "$.units[1].parentId", "enhet \"mark-x\"") { d in d.edit("units", 1) { $0["parentId"] = "mark-x" } },
        mark("basic mission missing", "$.trackingMeasures[0].basicMissionId", "grunduppdrag") { d in
            d.edit("trackingMeasures", 0) { $0["basicMissionId"] = "mark-gu-nope" }
        },
        mark("goal is its own parent", "$.goals[1].parentGoalIds[0]", "sitt eget") { d in d.edit("goals", 1) { $0["parentGoalIds"] = ["mark-sn-basta-barnkommun"] } },
        mark("unit cycle", "$.units[0].parentId", "cirkel") { d in d.edit("units", 0) { $0["parentId"] = "mark-sn" } },
        // Duplicates
        mark("duplicate goal id", "$.goals[2].id", "finns redan") { d in d.edit("goals", 2) { $0["id"] = "mark-kf-basta-barnkommun" } },
        mark("duplicate indicator id", "$.goals[1].indicators[0].id", "indikator med id \"mark-sn-handlaggningstid-familjeenheten\" finns redan i filen") { d in
            d.edit("goals", 1) { g in g.edit("indicators", 0) { $0["id"] = "mark-sn-handlaggningstid-familjeenheten" } }
        },
        mark("duplicate unit id", "$.units[1].id", "finns redan") { d in d.edit("units", 1) { $0["id"] = "mark-kf" } },
        mark("duplicate value", "$.goals[0].indicators[0].values[1]", "det finns redan ett värde för 2021") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in i.edit("values", 1) { $0["period"] = "2021" } } }
        },
        // Values and targets as printed
        mark("target that is not a number", "$.goals[3].indicators[1].targets[\"2024\"]", "\"≥ 9O\" är inget tal") { d in
            d.edit("goals", 3) { g in g.edit("indicators", 1) { i in var t = i[object: "targets"]; t["2024"] = "≥ 9O"; i["targets"] = t } }
        },
        mark("target year not a year", "$.goals[0].indicators[0].targets[\"20x4\"]", "inget årtal") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in var t = i[object: "targets"]; t["20x4"] = "≤1"; i["targets"] = t } }
        },
        mark("value that is no number", "$.goals[0].indicators[0].values[0].value", "är inget tal och ingen markering") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in i.edit("values", 0) { $0["value"] = "cirka hundra" } } }
        },
        mark("bad period", "$.goals[0].indicators[0].values[0].period", "är ingen period") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in i.edit("values", 0) { $0["period"] = "2024-T9" } } }
        },
        mark("gender row without breakdown", "$.goals[0].indicators[0].values[0].gender", "redovisas inte per kön") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { i in i.edit("values", 0) { $0["gender"] = "women" } } }
        },
        mark("bad approved level", "$.trackingMeasures[0].approvedLevel", "intervall") { d in d.edit("trackingMeasures", 0) { $0["approvedLevel"] = "70-" } },
        // Rules
        mark("unknown field", "$.plan.titel", "okänt fält") { $0[object: "plan"]["titel"] = "Nämndplan" },
        mark("unknown nested field", "$.goals[0].indicators[0].malvarde", "okänt fält") { d in
            d.edit("goals", 0) { g in g.edit("indicators", 0) { $0["malvarde"] = "≤1" } }
        },
        mark("plan years with a gap", "$.plan.planYears[1]", "följa på varandra") { $0[object: "plan"]["planYears"] = [2024, 2026] },
        mark("budget year outside plan", "$.plan.budgetYear", "finns inte bland planens år") { $0[object: "plan"]["budgetYear"] = 2023 },
        mark("agenda 2030 goal 18", "$.goals[1].agenda2030[0]", "inget Agenda 2030-mål") { d in d.edit("goals", 1) { $0["agenda2030"] = ["18"] } },
        mark("child rights article 60", "$.goals[1].childRights[0]", "ingen artikel") { d in d.edit("goals", 1) { $0["childRights"] = [60] } },
        mark("id with spaces", "$.plan.id", "inget giltigt id") { $0[object: "plan"]["id"] = "Mark SN 2024" },
        mark("impossible decision date", "$.plan.decision.date", "inget datum") {
            $0[object: "plan"]["decision"] = ["body": "Socialnämnden", "date": "2023-02-30", "points": [String]()]
        },
        mark("empty goal title", "$.goals[0].title", "får inte vara tomt") { d in d.edit("goals", 0) { $0["title"] = "  " } },
        mark("huge name", "$.goals[0].title", "för långt (3000 tecken") { d in d.edit("goals", 0) { $0["title"] = String(repeating: "å", count: 3000) } },
        mark("huge description", "$.goals[1].description", "för långt") { d in d.edit("goals", 1) { $0["description"] = String(repeating: "x", count: 300_000) } },
        mark("control character", "$.units[1].name", "styrtecken") { d in d.edit("units", 1) { $0["name"] = "Social\u{0007}nämnden" } },
        mark("too many decimals", "$.trackingMeasures[0].decimals", "decimaler") { d in d.edit("trackingMeasures", 0) { $0["decimals"] = 9 } },
        // The file itself
        mark("wrong version", "$.version", "version 4 stöds inte") { $0["version"] = 4 },
        mark("missing version", "$.version", "saknas") { $0["version"] = nil },
        mark("wrong format", "$.format", "måste vara \"tertial-plan\"") { $0["format"] = "stratsys" },
        raw("truncated file", "", "filen tar slut för tidigt") { try Fixtures.mark.prefix(5000) },
        raw("empty file", "", "filen är tom") { Data() },
        raw("not an object", "$", "måste vara ett JSON-objekt") { Data("[1, 2, 3]".utf8) },
        raw("invalid UTF-8", "", "ogiltig UTF-8 vid byte 10") { Data("{\"format\":".utf8) + Data([0xC3, 0x28]) + Data("}".utf8) },
        raw("not JSON at all", "", "ogiltig JSON") { Data("Nämndplan 2024".utf8) },
        // What a parser accepts silently or reports without a place (issue 20, finding 8)
        raw("a key twice", "$.plan.title", "står två gånger") { try Fixtures.markText { $0.replacingOccurrences(of: "\"plan\" : {", with: "\"plan\" : {\"title\": \"Förfalskad\",") } },
        raw("an id twice", "$.goals[0].id", "fältet \"id\" står två gånger") {
            try Fixtures.markText { text in
                let range = text.range(of: "\"goals\" : [")!
                let goal = text[range.upperBound...].range(of: "{")!
                return text.replacingCharacters(in: goal, with: "{\"id\": \"annat-mal\",")
            }
        },
        raw("an integer too large", "$.plan.budgetYear", "talet 99999999999999999999999 är för stort") {
            try Fixtures.markText { $0.replacingOccurrences(of: "\"budgetYear\" : 2024", with: "\"budgetYear\" : 99999999999999999999999") }
        },
        raw("a lone surrogate", "$.plan.note", "ensamt surrogat") {
            try Fixtures.markText { $0.replacingOccurrences(of: "\"plan\" : {", with: "\"plan\" : {\"note\": \"Trasig \\ud800 text\",") }
        },
    ]

    @Test(arguments: cases)
    func rejectsWithPlaceAndProblem(_ badCase: Case) throws {
        // given a file with one thing wrong
        let data = try badCase.data()
        // when it is read
        do {
            _ = try InterchangeCodec.decode(data)
            Issue.record("\(badCase.name): accepted")
        } catch {
            // then the problem names the place and says what is wrong
            let match = error.problems.first { $0.path == badCase.path && $0.message.contains(badCase.message) }
            #expect(match != nil, "\(badCase.name): got \(error.problems)")
        }
    }

    @Test func theIssuesExampleMessage() throws {
        let data = try Fixtures.markChanged { d in
            d.edit("goals", 3) { g in g.edit("indicators", 1) { i in var t = i[object: "targets"]; t["2024"] = "≥ 9O"; i["targets"] = t } }
        }
        do {
            _ = try InterchangeCodec.decode(data)
            Issue.record("accepted")
        } catch {
            // the path names the ids of the goal and the indicator as well as their places (issue 22)
            #expect(error.inFile("plan.json").description == "plan.json: $.goals[3] (id mark-sn-hallbar-bemanning).indicators[1] (id mark-sn-timanstallda-fs).targets[\"2024\"]: "
                    + "\"≥ 9O\" är inget tal (ett målvärde skrivs som \(TargetParser.forms))")
            #expect(error.problems.first?.path == "$.goals[3].indicators[1].targets[\"2024\"]")
        }
    }

    @Test func reportsSeveralProblemsAtOnce() throws {
        let data = try Fixtures.markChanged { d in
            d[object: "plan"]["ownerUnitId"] = "nope"
            d.edit("goals", 1) { $0["goalAreaId"] = "nope" }
        }
        #expect(throws: InterchangeError.self) { try InterchangeCodec.decode(data) }
        do { _ = try InterchangeCodec.decode(data) } catch { #expect(error.problems.count == 2) }
    }
}

@Suite struct JSONTreeTests {
    /// The tree read through JSONSerialization is the tree JSONDecoder reads: booleans stay booleans.
    @Test func theSerializedTreeIsTheDecodedTree() throws {
        let text = #"{"a": true, "b": 1, "c": 1.5, "d": false, "e": 0, "f": null, "g": "x", "h": [1, true, {"i": [false, 0.25, "1"]}], "j": 12345678901234567890, "k": -0.0}"#
        let data = Data(text.utf8)
        let decoded = try JSONDecoder().decode(JSONValue.self, from: data)
        let serialized = JSONValue(serialized: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        #expect(serialized == decoded)
        guard case .object(let root) = serialized else { Issue.record("no object"); return }
        #expect(root["a"] == .bool(true) && root["b"] == .number(1) && root["e"] == .number(0) && root["d"] == .bool(false))
    }
}

/// Numbers in a file that are within the JSON integers but far off the model's ranges are reported,
/// never used in arithmetic that traps (issue 20, finding 1).
@Suite struct OutOfRangeNumberTests {
    @Test(arguments: ["9223372036854775807", "-9223372036854775808", "4611686018427387904"])
    func aRiskLevelOffTheScaleIsAProblemNotATrap(_ level: String) throws {
        let data = try Fixtures.markText { text in
            text.replacingOccurrences(of: "\"likelihood\" : 3,", with: "\"likelihood\" : \(level),")
                .replacingOccurrences(of: "\"consequence\" : 4,", with: "\"consequence\" : \(level),")
        }
        do {
            _ = try InterchangeCodec.decode(data)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.contains { $0.path.hasPrefix("$.internalControl") && $0.message.contains("finns inte på skalan") }, "\(error.problems)")
        }
    }

    /// Issue 22: targets written as values are written ("15 mkr", "52 %/47 %", "1 ny") import; the
    /// error for one that is not a target names the forms that are.
    @Test func targetsWrittenAsPlansPrintThemImport() throws {
        let data = try Fixtures.markChanged { d in
            d.edit("goals", 3) { g in g.edit("indicators", 1) { i in
                var t = i[object: "targets"]; t["2024"] = "52 %/47 %"; t["2025"] = "1 ny"; i["targets"] = t } }
        }
        let plan = try InterchangeCodec.decode(data).typed()
        let indicator = try #require(plan.goals.flatMap(\.indicators).first { $0.targets[2024]?.text == "52 %/47 %" })
        #expect(indicator.targets[2024]?.form == .text && indicator.targets[2025]?.form == .countNew(1))
        expectRefused(try Fixtures.markChanged { d in
            d.edit("goals", 3) { g in g.edit("indicators", 1) { i in var t = i[object: "targets"]; t["2024"] = "12 apor"; i["targets"] = t } }
        }, at: "$.goals[3].indicators[1].targets[\"2024\"]", "\"12 apor\" är inget tal (ett målvärde skrivs som ≥ 90 %, ≤ 108, 70-100, 15 mkr")
    }
}
