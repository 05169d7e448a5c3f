/// A follow-up period closed for reporting (the committee has its report): its figures, assessments and
/// results are locked, and so is everything of the same year that ends no later than it does (closing
/// Delår 2024 locks Tertial 1 and January–August too).
public struct PeriodClosure: Hashable, Sendable {
    public var period: Period

    public init(period: Period) { self.period = period }

    /// Whether a figure, assessment or follow-up of `other` is locked by this closure.
    public func locks(_ other: Period) -> Bool {
        other.year == period.year && Day.end(of: other) <= Day.end(of: period)
    }

    /// Whether a control result on `day` is locked by this closure.
    public func locks(_ day: Day) -> Bool {
        day.year == period.year && day <= Day.end(of: period)
    }
}
