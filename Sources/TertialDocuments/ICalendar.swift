import Foundation
import TertialCore

/// A calendar feed (iCalendar, RFC 5545) of whole-day events: a person's deadlines for Outlook or any
/// calendar that subscribes to a URL. Lines end in CRLF and are folded at 75 octets; text is escaped.
public enum ICalendar {
    public struct Event: Sendable {
        public var uid: String
        public var day: Day
        public var summary: String
        public var description: String?
        public var url: String?
        public var categories: String?

        public init(uid: String, day: Day, summary: String, description: String? = nil, url: String? = nil, categories: String? = nil) {
            self.uid = uid; self.day = day; self.summary = summary; self.description = description; self.url = url; self.categories = categories
        }
    }

    public static func feed(name: String, events: [Event], stamp: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let dtstamp = formatter.string(from: stamp)
        func date(_ day: Day) -> String { String(format: "%04d%02d%02d", day.year, day.month, day.day) }
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tertial//Tertial//SV", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:\(escape(name))", "X-PUBLISHED-TTL:PT1H"]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:\(escape(event.uid))", "DTSTAMP:\(dtstamp)",
                      "DTSTART;VALUE=DATE:\(date(event.day))", "DTEND;VALUE=DATE:\(date(event.day.adding(days: 1)))",
                      "SUMMARY:\(escape(event.summary))", "TRANSP:TRANSPARENT"]
            if let description = event.description { lines.append("DESCRIPTION:\(escape(description))") }
            if let url = event.url { lines.append("URL:\(url)") }
            if let categories = event.categories { lines.append("CATEGORIES:\(escape(categories))") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on lines that start with a space, never inside a character.
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
