import SteerCore

/// Where synthetic events fall in time: a base day, working hours in Vietnam (+07:00), weekdays.
/// Days count from the base day; minutes count from local midnight.
struct Timeline {
    static let offsetMinutes = 7 * 60
    static let base = CivilDate(year: 2025, month: 1, day: 2)!
    /// Assignments are spread over the first `assignmentDays`; events after `lastDay` have not
    /// happened yet, so the tasks they belong to are still open when the ledger ends.
    static let assignmentDays = 480
    static let lastDay = 544  // 2026-06-30
    static let firstWorkMinute = 8 * 60
    static let lastWorkMinute = 17 * 60 + 29

    static func date(_ day: Int) -> CivilDate { base.adding(days: day) }

    static func timestamp(day: Int, minute: Int) -> Timestamp {
        let local = (base.daysSinceEpoch + day) * 86400 + minute * 60
        return Timestamp(instant: local - offsetMinutes * 60, offsetMinutes: offsetMinutes, hasSeconds: false)
    }

    /// The first weekday on or after `day`.
    static func weekday(onOrAfter day: Int) -> Int {
        var d = day
        while date(d).weekday >= 5 { d += 1 }
        return d
    }
}
