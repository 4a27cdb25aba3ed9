/// What a task's history holds that the board does not keep of it: the notes given and the
/// deadlines it had before the one in force. Nothing judged, listed or filtered reads them, and
/// kept in every task they cost replay its memory and time; the detail view, which reads a
/// task's history anyway, reads them there.
public struct TaskHistory: Sendable {
    /// The task's events, in file order, as the ledger recorded them.
    public let events: [Event]

    public init(_ events: [Event]) { self.events = events }

    /// The note of the last event that gave one (a report, a block, any verb with `note=`).
    public var lastNote: String? { events.last { $0.has(.note) }?[.note] }

    /// The reason the screen gives the event that takes a change back (`u`).
    public static let undoReason = "undo"

    /// The extensions granted and standing, in order: an extension that takes the one before it
    /// back (`reason=undo`, as the screen's `u` writes it) counts as neither, so that a deadline
    /// moved and moved back is not said to have been extended twice.
    public var extensions: [Event] {
        var standing: [Event] = []
        for e in events where e.verb == .extend {
            if e[.reason] == Self.undoReason, !standing.isEmpty { standing.removeLast() } else { standing.append(e) }
        }
        return standing
    }

    /// The deadline first given: by `assign`, or by the `amend` that gave a task without one its
    /// first (an extension needs a deadline to move). Only those verbs and `extend` give `due=`,
    /// and the history holds only the events the state machine accepted.
    public var firstDeadline: CivilDate? {
        for e in events { if let due = e[.due] { return CivilDate(due) } }
        return nil
    }
}
