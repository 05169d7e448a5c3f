/// What a person has said about a goal for a period — the assessment (where it is a person's, not
/// the computed one), its reason, the analysis — as the plan carries it between installations and
/// from an earlier system (an annual report's "Målet är uppfyllt" with its account).
public struct GoalAssessment: Hashable, Sendable {
    public var goalID: String
    public var period: Period
    /// The person's assessment; nil: the computed status stands.
    public var assessment: Attainment?
    public var reason: String?
    public var analysis: String?

    public init(goalID: String, period: Period, assessment: Attainment? = nil, reason: String? = nil, analysis: String? = nil) {
        self.goalID = goalID; self.period = period; self.assessment = assessment; self.reason = reason; self.analysis = analysis
    }

    /// The reason stored with an assessment a file gives without one (the store requires a reason
    /// for a person's assessment).
    public static let importedReason = "Bedömningen kommer från planfilen."
}
