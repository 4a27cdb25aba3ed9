import Glibc

/// The signals that end a command when a person or a supervisor says so (Ctrl-C, `timeout`, a
/// dropped SSH session, Ctrl-\), held off while an append's lines are written: one that arrives
/// meanwhile is noted, and given back once the lines are whole on the disk (or taken back). A
/// mask would not do: the process's other threads (replay's) would take the signal instead.
struct QuitSignals {
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The signal that arrived while held; set only by the handler, read after it is removed.
    nonisolated(unsafe) private static var arrived: Int32 = 0
    /// What each signal did before, to be put back.
    private let previous: [sigaction]

    static func hold() -> QuitSignals {
        arrived = 0
        var previous: [sigaction] = []
        for s in signals {
            var note = sigaction()
            note.__sigaction_handler = .init(sa_handler: { QuitSignals.arrived = $0 })
            sigemptyset(&note.sa_mask)
            var before = sigaction()
            sigaction(s, &note, &before)
            previous.append(before)
        }
        return QuitSignals(previous: previous)
    }

    /// Puts back what each signal did, and sends the one that arrived meanwhile, if any, to the
    /// process again: it then does what it would have done (ends the command, or is ignored, or
    /// is noted by the screen), on whichever thread takes it, as it first arrived.
    func release() {
        for (s, before) in zip(Self.signals, previous) {
            var action = before
            sigaction(s, &action, nil)
        }
        let signal = Self.arrived
        Self.arrived = 0
        if signal != 0 { kill(getpid(), signal) }
    }
}
