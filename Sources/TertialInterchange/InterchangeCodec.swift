import Foundation
import TertialCore

/// Reads and writes plan documents. Reading checks, in order: size, UTF-8, JSON syntax, format
/// and version, types and vocabularies, unknown fields, then the rules in `PlanValidator`.
/// Writing is deterministic: sorted keys, two-space indentation, a final newline, so the same
/// plan always gives the same bytes.
public enum InterchangeCodec {
    public static let maxFileSize = 64 * 1024 * 1024
    public static let maxProblems = 50

    public static func encode(_ document: PlanDocument) -> Data {
        var document = document
        document.version = document.requiredVersion
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding our own value types cannot fail: every field is a string, number, bool or array.
        var data = try! encoder.encode(document)
        data.append(0x0A)
        return data
    }

    public static func decode(_ data: Data) throws(InterchangeError) -> PlanDocument {
        func fail(_ path: String, _ message: String) -> InterchangeError {
            InterchangeError([InterchangeProblem(path: path, message: message)])
        }
        guard data.count <= maxFileSize else {
            throw fail("", "filen är för stor (\(data.count) byte, högst \(maxFileSize))")
        }
        guard !data.isEmpty else { throw fail("", "filen är tom") }
        if let offset = invalidUTF8Offset(data) {
            throw fail("", "ogiltig UTF-8 vid byte \(offset)")
        }
        let decoder = JSONDecoder()
        // A file Tertial wrote (an export, a frozen version, the synthetic municipality) is exactly
        // the encoding of what it decodes to: then it has no unknown field and no fraction where a
        // whole number belongs, and only its format, version and content rules need checking. Any
        // other file takes the way below, which names every problem's place.
        if let document = try? decoder.decode(PlanDocument.self, from: data), document.format == PlanDocument.formatName,
           PlanDocument.readableVersions.contains(document.version), document.version >= document.requiredVersion,
           encode(document) == data {
            let problems = PlanValidator.validate(document)
            if !problems.isEmpty { throw InterchangeError(Array(problems.prefix(maxProblems))) }
            return document
        }
        // What the parser below accepts silently (a key twice: one would be dropped, also an "id") or
        // reports without a place (a number too large, half a surrogate pair): named by path first.
        let (scanned, textSectionKeys) = JSONScan.scan(data, max: maxProblems, keysUnder: "textSections")
        guard scanned.isEmpty else { throw InterchangeError(scanned) }
        let tree: JSONValue
        do {
            // JSONSerialization says where the syntax breaks; JSONDecoder does not.
            tree = JSONValue(serialized: try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            throw fail("", "ogiltig JSON (\(jsonSyntaxProblem(error)))")
        }
        guard case .object(let root) = tree else { throw fail("$", "dokumentet måste vara ett JSON-objekt") }
        guard case .string(let format)? = root["format"], format == PlanDocument.formatName else {
            throw fail("$.format", "måste vara \"\(PlanDocument.formatName)\"")
        }
        guard case .number(let version)? = root["version"] else { throw fail("$.version", "saknas eller är inget tal") }
        guard PlanDocument.readableVersions.contains(where: { Double($0) == version }) else {
            throw fail("$.version", "version \(version.formatted()) stöds inte (den här versionen av Tertial läser version "
                       + PlanDocument.readableVersions.map(String.init).joined(separator: " och ") + ")")
        }
        if version == 1, root["economy"] != nil {
            throw fail("$.economy", "ekonomi finns först i version 2 av formatet; ange \"version\": 2")
        }
        if version == 1, root["textSections"] != nil {
            throw fail("$.textSections", "textavsnitt finns först i version 2 av formatet; ange \"version\": 2")
        }
        if version == 1, root["activityPlan"] != nil {
            throw fail("$.activityPlan", "aktiviteter och uppdrag finns först i version 2 av formatet; ange \"version\": 2")
        }
        if version < 3, case .array? = root["textSections"] {
            throw fail("$.textSections", "textavsnitt som lista (i planens ordning, med \"after\") finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, case .object(let economy)? = root["economy"], economy["summaries"] != nil {
            throw fail("$.economy.summaries", "sammanfattningar av ekonomin finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, case .object(let municipality)? = root["municipality"], municipality["goalLevelLabels"] != nil {
            throw fail("$.municipality.goalLevelLabels", "kommunens namn på målnivåer finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let run = tree.firstString(forKey: "period", where: { text in
            Period(text).map { if case .months = $0.part { true } else { false } } ?? false
        }) {
            throw fail(run.path.description, "perioden \"\(run.text)\" (en följd av månader) finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let decimals = tree.firstKey("decimals", inElementsOf: "lines") {
            throw fail(decimals.description, "en rads egna decimaler finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let column = tree.firstString(forKey: "kind", where: { $0 == "deviation" }) {
            throw fail(column.path.description, "avvikelsekolumner finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let line = tree.firstString(forKey: "role", where: { $0 == "deviation" }) {
            throw fail(line.path.description, "avvikelserader (under summan, räknas inte) finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let percent = tree.firstKey("percentComplete", inElementsOf: "followUps") {
            throw fail(percent.description, "en aktivitets andel klart finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let carried = tree.firstKey("carriedFrom", inElementsOf: "activities") {
            throw fail(carried.description, "en överförd aktivitets ursprungsår finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let continues = tree.firstKey("continues", inElementsOf: "goals") {
            throw fail(continues.description, "vilket mål ett mål fortsätter finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, let group = tree.firstKey("group", inElementsOf: "investments") {
            throw fail(group.description, "investeringar i grupper med delsummor finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, root["assessments"] != nil {
            throw fail("$.assessments", "målens bedömningar och analyser finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, case .object(let plan)? = root["plan"], case .string("annualReport")? = plan["kind"] {
            throw fail("$.plan.kind", "verksamhetsberättelser finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version < 3, case .object(let plan)? = root["plan"], plan["columnHeadings"] != nil {
            throw fail("$.plan.columnHeadings", "planens egna kolumnrubriker finns först i version 3 av formatet; ange \"version\": 3")
        }
        if version == 1, root["internalControl"] != nil {
            throw fail("$.internalControl", "internkontroll finns först i version 2 av formatet; ange \"version\": 2")
        }
        // Every number in the format is a whole number; JSONDecoder reports a fraction as
        // "not valid JSON" without a place, so find them first.
        let fractions = tree.fractionalNumbers()
        guard fractions.isEmpty else {
            throw InterchangeError(fractions.prefix(maxProblems).map { InterchangeProblem(path: $0.description, message: "måste vara ett heltal") })
        }
        var document: PlanDocument
        do {
            document = try decoder.decode(PlanDocument.self, from: data)
        } catch let error as DecodingError {
            throw InterchangeError([problem(for: error)])
        } catch {
            throw fail("", "kunde inte läsas: \(error)")
        }
        if version < 3, let (path, text) = document.firstDueDateInWords {
            throw fail(path, "\"\(text.prefix(40))\": en tidpunkt som en månad eller i ord (\"2024-05\", \"senast i maj\") finns först i version 3 av formatet; "
                       + "ange \"version\": 3, eller skriv ett kvartal (2024-Q3) eller ett datum (2024-09-30)")
        }
        // Version 2's text sections are an object: keep them in the order the file writes them.
        if var texts = document.textSections, !texts.wasList {
            let position = Dictionary(textSectionKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            texts.sections.sort { (position[$0.heading] ?? .max) < (position[$1.heading] ?? .max) }
            document.textSections = texts
        }
        // Fields the format does not know are most often misspellings: name them.
        // A file Tertial wrote (an export, a frozen version) is its own encoding and has none.
        let encoded = encode(document)
        var problems: [InterchangeProblem] = []
        if encoded != data {
            let known = JSONValue(serialized: try! JSONSerialization.jsonObject(with: encoded, options: [.fragmentsAllowed]))
            problems = tree.unknownKeys(comparedWith: known).map { InterchangeProblem(path: $0.description, message: "okänt fält") }
        }
        problems += PlanValidator.validate(document)
        if !problems.isEmpty { throw InterchangeError(Array(problems.prefix(maxProblems))) }
        return document
    }

    static func problem(for error: DecodingError) -> InterchangeProblem {
        switch error {
        case .typeMismatch(let type, let context):
            return InterchangeProblem(path: JSONPath(codingPath: context.codingPath).description, message: "har fel typ, förväntade \(typeName(type))")
        case .valueNotFound(let type, let context):
            return InterchangeProblem(path: JSONPath(codingPath: context.codingPath).description, message: "saknar värde, förväntade \(typeName(type))")
        case .keyNotFound(let key, let context):
            return InterchangeProblem(path: JSONPath(codingPath: context.codingPath).key(key.stringValue).description, message: "obligatoriskt fält saknas")
        case .dataCorrupted(let context):
            return InterchangeProblem(path: JSONPath(codingPath: context.codingPath).description, message: context.debugDescription)
        @unknown default:
            return InterchangeProblem(path: "$", message: "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "en text"
        case is Int.Type: "ett heltal"
        case is Bool.Type: "true eller false"
        default: String(describing: type).hasPrefix("Array") ? "en lista" : "ett objekt"
        }
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil when the data is valid.
    static func invalidUTF8Offset(_ data: Data) -> Int? {
        if String(validating: data, as: UTF8.self) != nil { return nil }
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        let bytes = [UInt8](data)
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                // Find the first byte that starts a bad sequence at or after `offset`.
                return min(offset, bytes.count - 1)
            }
        }
    }

    static func jsonSyntaxProblem(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        if text.contains("end of file") { return "filen tar slut för tidigt" }
        if text.hasPrefix("Invalid value around character "), let position = Int(text.dropFirst(30).prefix { $0.isNumber }) {
            return "oväntat innehåll vid tecken \(position)"
        }
        return text
    }
}
