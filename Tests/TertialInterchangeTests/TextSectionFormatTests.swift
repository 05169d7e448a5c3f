import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Issue 22, point 1: a plan's text sections are its own, in its order, under its own headings; none
/// is dropped, and a section can stand under another (a comment under its table).
@Suite struct TextSectionFormatTests {
    /// Mark's file with its text sections replaced by `sections` (the JSON text, written as is so its
    /// key order is the file's) in format `version`.
    static func mark(version: Int, sections: String) throws -> Data {
        var text = String(decoding: try Fixtures.mark, as: UTF8.self)
        let tree = try JSONSerialization.jsonObject(with: try Fixtures.mark) as! [String: Any]
        #expect(tree["textSections"] != nil)
        // Replace the object after "textSections": up to its closing brace at the same depth.
        let start = text.range(of: #""textSections"\s*:\s*"#, options: .regularExpression)!
        var depth = 0, end = start.upperBound
        for i in text[start.upperBound...].indices {
            if text[i] == "{" { depth += 1 }
            if text[i] == "}" { depth -= 1; if depth == 0 { end = text.index(after: i); break } }
        }
        text.replaceSubrange(start.lowerBound..<end, with: "\"textSections\": " + sections)
        text = text.replacingOccurrences(of: #""version"\s*:\s*2"#, with: "\"version\": \(version)", options: .regularExpression)
        return Data(text.utf8)
    }

    @Test func version2KeepsTheFilesOrderAndWritesItBackAsAList() throws {
        let data = try Self.mark(version: 2, sections: #"{"Verksamhetsberättelse": "Året som gått.", "Förord": "Ett förord.", "Marks kommuns vision": "En vision."}"#)
        let document = try InterchangeCodec.decode(data)
        #expect(document.textSections?.sections.map(\.heading) == ["Verksamhetsberättelse", "Förord", "Marks kommuns vision"])
        // Not in alphabetical order: the object cannot hold it, so the plan is written in version 3, as a list.
        let written = InterchangeCodec.encode(try PlanDocument(document.typed()))
        let tree = try JSONSerialization.jsonObject(with: written) as! [String: Any]
        #expect(tree["version"] as? Int == 3)
        let list = try #require(tree["textSections"] as? [[String: Any]])
        #expect(list.map { $0["heading"] as? String } == ["Verksamhetsberättelse", "Förord", "Marks kommuns vision"])
        // and it reads back the same
        #expect(try InterchangeCodec.decode(written).textSections == document.textSections)
    }

    /// Every earlier export holds its sections in alphabetical order: it is written as before, in
    /// version 2 with the object (the golden files hold the bytes). (Linköping's demo states its economy
    /// summary, a version 3 field: its sections stay an object there too.)
    @Test func aPlanInAlphabeticalOrderStaysInVersion2() throws {
        for name in Fixtures.demoFiles where !name.hasPrefix("linkoping") {
            let written = InterchangeCodec.encode(try PlanDocument(InterchangeCodec.decode(try Fixtures.data(name)).typed()))
            let tree = try JSONSerialization.jsonObject(with: written) as! [String: Any]
            #expect(tree["version"] as? Int == 2, "\(name)")
            #expect(tree["textSections"] is [String: Any], "\(name)")
        }
        let linkoping = try JSONSerialization.jsonObject(with: InterchangeCodec.encode(try PlanDocument(InterchangeCodec.decode(try Fixtures.data(Fixtures.demoFiles[0])).typed())))
        #expect((linkoping as! [String: Any])["textSections"] is [String: Any])
    }

    @Test func version3ListsSectionsWithTheirPlace() throws {
        let data = try Self.mark(version: 3, sections: #"""
            [{"heading": "Marks kommuns vision", "text": "En vision."},
             {"heading": "Kommentar till driftbudgeten", "text": "Budgeten ökar med **3 %**.", "after": "Driftbudget"},
             {"heading": "Händelser under året", "text": "Nytt boende."}]
            """#)
        let plan = try InterchangeCodec.decode(data).typed()
        #expect(plan.textSections == [TextSection(heading: "Marks kommuns vision", text: "En vision."),
                                      TextSection(heading: "Kommentar till driftbudgeten", text: "Budgeten ökar med **3 %**.", after: "Driftbudget"),
                                      TextSection(heading: "Händelser under året", text: "Nytt boende.")])
        let written = InterchangeCodec.encode(PlanDocument(plan))
        #expect(try InterchangeCodec.decode(written).typed().textSections == plan.textSections)
    }

    @Test func whatALaterVersionOrAMisspellingHoldsIsNamed() throws {
        // A list is version 3's form.
        expectRefused(try Self.mark(version: 2, sections: #"[{"heading": "Förord", "text": "x"}]"#), at: "$.textSections", "version 3")
        // A misspelt key inside the list is named, also where the list could be written as an object.
        expectRefused(try Self.mark(version: 3, sections: #"[{"heading": "Förord", "text": "x", "efter": "Beslut"}]"#), at: "$.textSections[0].efter", "okänt fält")
        // A heading twice, a section under itself, an empty place.
        expectRefused(try Self.mark(version: 3, sections: #"[{"heading": "Förord", "text": "x"}, {"heading": "Förord", "text": "y"}]"#),
                      at: "$.textSections[1].heading", "två gånger")
        expectRefused(try Self.mark(version: 3, sections: #"[{"heading": "Förord", "text": "x", "after": "Förord"}]"#), at: "$.textSections[0].after", "sig självt")
        expectRefused(try Self.mark(version: 3, sections: #"[{"heading": "Förord", "text": "x", "after": " "}]"#), at: "$.textSections[0].after", "tom")
        expectRefused(try Self.mark(version: 3, sections: #"[{"heading": "Förord"}]"#), at: "$.textSections[0].text", "obligatoriskt")
    }
}
