import TertialCore

/// A plan's text sections in the format. Version 2 writes them as an object, heading → text; a JSON
/// object has no order, so Tertial reads its keys in the order the file writes them and writes them in
/// alphabetical order. Version 3 writes them as a list in the plan's own order, each section
/// `{"heading", "text", "after"?}`. A plan is written in the lowest version that holds it: the object
/// form when its sections stand in alphabetical order and none is placed with `after` (so every
/// earlier export and frozen version gives the same bytes), the list otherwise.
public struct TextSectionsRecord: Codable, Hashable, Sendable {
    public var sections: [TextSectionRecord]
    /// Read from the list form (version 3).
    public private(set) var wasList = false

    public init(_ sections: [TextSectionRecord]) { self.sections = sections }

    /// Whether the version 2 object holds these sections exactly.
    public var fitsObject: Bool {
        sections.allSatisfy { $0.after == nil } && sections.map(\.heading) == sections.map(\.heading).sorted()
            && Set(sections.map(\.heading)).count == sections.count
    }

    struct Key: CodingKey {
        var stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var sections: [TextSectionRecord] = []
            while !list.isAtEnd { sections.append(try list.decode(TextSectionRecord.self)) }
            self.sections = sections
            wasList = true
        } else {
            let object = try decoder.container(keyedBy: Key.self)
            // Alphabetical here; `InterchangeCodec` puts them in the file's order, which a JSON parser does not keep.
            sections = try object.allKeys.map(\.stringValue).sorted().map {
                TextSectionRecord(heading: $0, text: try object.decode(String.self, forKey: Key(stringValue: $0)))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if fitsObject {
            var object = encoder.container(keyedBy: Key.self)
            for section in sections { try object.encode(section.text, forKey: Key(stringValue: section.heading)) }
        } else {
            var list = encoder.unkeyedContainer()
            for section in sections { try list.encode(section) }
        }
    }

    public static func == (a: Self, b: Self) -> Bool { a.sections == b.sections }
    public func hash(into hasher: inout Hasher) { hasher.combine(sections) }
}

/// One text section in the list form: its heading, its formatted text, and optionally the heading of
/// the section it stands under.
public struct TextSectionRecord: Codable, Hashable, Sendable {
    public var heading: String
    public var text: String
    public var after: String?

    public init(heading: String, text: String, after: String? = nil) {
        self.heading = heading; self.text = text; self.after = after
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case heading, text, after }

    public init(from decoder: any Decoder) throws {
        // A misspelt key in the list form is named here: the list may be written back as an object,
        // which the codec's comparison of keys cannot see into.
        let any = try decoder.container(keyedBy: TextSectionsRecord.Key.self)
        if let unknown = any.allKeys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
            throw DecodingError.dataCorrupted(.init(codingPath: any.codingPath + [unknown], debugDescription: "okänt fält"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        heading = try c.decode(String.self, forKey: .heading)
        text = try c.decode(String.self, forKey: .text)
        after = try c.decodeIfPresent(String.self, forKey: .after)
    }

    public init(_ section: TextSection) { self.init(heading: section.heading, text: section.text, after: section.after) }
    public var typed: TextSection { TextSection(heading: heading, text: text, after: after) }
}
