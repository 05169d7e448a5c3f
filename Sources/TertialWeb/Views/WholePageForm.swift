import Plot
import TertialDocuments
import Vapor

/// Whole-page forms (goal assessments, activity follow-ups, monthly economy lines, internal-control
/// results) hold many items that different people fill in at the same time. Each item's field
/// carries, as a hidden `was.<name>`, the value the page showed, and each item its stored version;
/// a save writes only the items the person changed (typed ≠ shown), so an item nobody touched is
/// never rewritten with what an old page showed — the same rule as the value grid's.
///
/// After a conflict the page is shown again with only the person's own changes kept; every other
/// item shows what is stored now. After a validation error everything typed is kept, with the
/// values and versions of the page the person started from.
enum WholePageForm {
    static let prefix = "was."

    /// The hidden field with what the page showed for `name`.
    static func shown(_ name: String, _ value: String) -> Node<HTML.FormContext> {
        .input(.type(.hidden), .name((prefix + name).attributeEscaped), .value(value.attributeEscaped))
    }

    /// Whether the form was made with shown values at all (a client that posts only the fields gets
    /// the older whole-page check instead).
    static func carriesShownValues(_ form: [String: String]) -> Bool {
        form.keys.contains { $0.hasPrefix(prefix) }
    }

    /// Whether the person changed any of `names`: a field sent that differs from what was shown.
    /// Surrounding spaces and line ends do not count. A field that was not sent was not changed.
    static func touched(_ form: [String: String], _ names: [String]) -> Bool {
        guard carriesShownValues(form) else { return names.contains { form[$0] != nil } }
        return names.contains { name in
            guard let sent = form[name] else { return false }
            return normal(sent) != normal(form[prefix + name] ?? "")
        }
    }

    static func normal(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the page keeps after a conflict: the fields of the items the person changed, nothing
    /// else (so the others, and every shown value and version, come from what is stored now).
    static func keptAfterConflict(_ form: [String: String], items: [[String]]) -> [String: String] {
        var kept: [String: String] = [:]
        for names in items where touched(form, names) {
            for name in names { kept[name] = form[name] }
        }
        return kept
    }
}
