/// The headings a plan prints over its goal tables' columns, where they are its own ("Riktning {year}"
/// for the targets, "Utgångsläge" for the baseline). A heading left out is the template's. In
/// `value`, "{kind}" is Utfall/Prognos and "{period}" the period ("delår 2023", "2023 januari–juli");
/// in `target`, "{year}" is the target's year.
public struct PlanColumnHeadings: Hashable, Sendable {
    public var value: String?
    public var target: String?
    public var baseline: String?

    public init(value: String? = nil, target: String? = nil, baseline: String? = nil) {
        self.value = value; self.target = target; self.baseline = baseline
    }

    public var isEmpty: Bool { value == nil && target == nil && baseline == nil }
}
