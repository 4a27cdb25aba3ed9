/// The Government Office's 2×2 (done on time / late, open within deadline / overdue), plus the
/// tasks that have no deadline, which can be neither and are a clarity failure of their own.
public enum Timeliness: String, CaseIterable, Sendable {
    case doneOnTime = "done_on_time"
    case doneLate = "done_late"
    case openInTime = "open_in_time"
    case openOverdue = "open_overdue"
    case noDeadline = "no_deadline"
    case cancelled

    /// Where a task stands on `today` (the end of that day), judged against its deadline in
    /// force, from the three fields of it this reads. A task closed on the day of the zone the ledger
    /// was in when it closed (`Assignment.closedAt`): a later `config ledger tz=` does not move it.
    static func of(state: TaskState, due: CivilDate?, closedAt: Timestamp?, today: CivilDate) -> Timeliness {
        if state == .cancelled { return .cancelled }
        guard let due else { return .noDeadline }
        if state == .done, let closedAt {
            return closedAt.closedDay <= due ? .doneOnTime : .doneLate
        }
        return today > due ? .openOverdue : .openInTime
    }
}

/// Counts in the 2×2, for one agency or for everything.
public struct TimelinessCounts: Hashable, Sendable {
    public var doneOnTime = 0, doneLate = 0, openInTime = 0, openOverdue = 0, noDeadline = 0, cancelled = 0
    public init() {}

    /// Counts `n` tasks of `t` (a negative `n` takes counts back).
    mutating func adjust(_ t: Timeliness, by n: Int) {
        switch t {
        case .doneOnTime: doneOnTime += n
        case .doneLate: doneLate += n
        case .openInTime: openInTime += n
        case .openOverdue: openOverdue += n
        case .noDeadline: noDeadline += n
        case .cancelled: cancelled += n
        }
    }

    /// Tasks that count: every one but the cancelled.
    public var active: Int { doneOnTime + doneLate + openInTime + openOverdue + noDeadline }
}

extension Timestamp {
    /// The day of this time in the zone it is given in: for a task's `closedAt`, the day it
    /// closed in the ledger's zone of that moment.
    var closedDay: CivilDate { date(inOffset: offsetMinutes) }
}
