import TertialCore
import TertialInterchange

/// A plan's years and the periods its municipality follows up, for the period pickers. Both the
/// typed plan and (for the forms that still edit records) the interchange document have them.
protocol PlanCalendar {
    var calendarYears: [Int] { get }
    var calendarBudgetYear: Int { get }
    func followUpPeriods(of year: Int) -> [Period]
}

extension Plan: PlanCalendar {
    var calendarYears: [Int] { planYears }
    var calendarBudgetYear: Int { budgetYear }
    func followUpPeriods(of year: Int) -> [Period] { municipality.periods(of: year) }
}

extension PlanDocument: PlanCalendar {
    var calendarYears: [Int] { plan.planYears }
    var calendarBudgetYear: Int { plan.budgetYear }
    func followUpPeriods(of year: Int) -> [Period] { municipality.periods(of: year) }
}
