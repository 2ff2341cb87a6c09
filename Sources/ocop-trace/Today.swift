import Foundation
import OCOPDomain

/// "Today" for rating validity: the calendar day in Vietnam (UTC+7), where certificates run.
enum Today {
    static func inVietnam(_ now: Date = Date()) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970) + EventTime.vietnamOffsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CalendarDate(dayNumber: days)
    }
}
