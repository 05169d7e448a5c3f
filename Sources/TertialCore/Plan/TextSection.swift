/// One of a plan's text sections (foreword, vision, an annual report's narrative, a comment under a
/// table), as formatted text (see `FormattedText`). A plan's sections are its own, in its own order:
/// a document template prints those whose heading it names where it names them, and every other one
/// in the plan's order — right after the section it follows in the plan, or, with `after`, under the
/// section of that heading (a comment under its table).
public struct TextSection: Hashable, Sendable {
    /// The heading: the template's heading where the template names it ("Parent › Title" where a title
    /// recurs in the template), else the plan's own.
    public var heading: String
    public var text: String
    /// The heading of the section this one stands under (nil: where the plan's order puts it).
    public var after: String?

    public init(heading: String, text: String, after: String? = nil) {
        self.heading = heading; self.text = text; self.after = after
    }

    /// The heading as printed: the last part of "Parent › Title".
    public var title: String {
        heading.components(separatedBy: " › ").last ?? heading
    }
}

extension Array where Element == TextSection {
    /// The text under a heading, or nil when the plan has none.
    public subscript(heading heading: String) -> String? {
        first { $0.heading == heading }?.text
    }

    /// Sets the text under a heading: changes it in place, adds it at the end (placed `after` a
    /// section when given), or removes it when the text is empty.
    public mutating func set(_ text: String, heading: String, after: String? = nil) {
        if let i = firstIndex(where: { $0.heading == heading }) {
            if text.isEmpty { remove(at: i) } else { self[i].text = text }
        } else if !text.isEmpty {
            append(TextSection(heading: heading, text: text, after: after))
        }
    }
}
