import Foundation
import TertialCore

/// Dates and times as Swedish readers expect them: 2024-03-15 14:05 (Stockholm time).
enum SwedishDate {
    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "sv_SE")
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

extension SwedishDate {
    /// Midnight at the start of `day`, Stockholm time (a period closed "from 2024-09-15" is closed all that day).
    static func startOfDay(_ day: Day) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }
}
