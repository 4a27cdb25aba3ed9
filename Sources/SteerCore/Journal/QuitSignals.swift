import Glibc
import Synchronization

/// The signals that end a command when a person or a supervisor says so (Ctrl-C, `timeout`, a
/// dropped SSH session, Ctrl-\), held off while an append's lines are written: one that arrives
/// meanwhile is noted, and given back once the lines are whole on the disk (or taken back). A
/// mask would not do: the process's other threads (replay's) would take the signal instead.
/// Journals appending on several threads at once hold them together: the first to hold puts
/// the noting handler in place, the last to let go puts back what was there.
struct QuitSignals {
    private static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// The signal that arrived while held; set only by the handler.
    private static let arrived = Atomic<Int32>(0)
    /// How many appends hold the signals, and what each signal did before the first of them.
    private static let holders = Holders()

    /// Guarded by a pthread mutex (`Condition`), which the thread sanitizer sees taken: guarded
    /// by the standard library's `Mutex`, whose lock it cannot see, the count was reported as a
    /// race whenever two journals appended at once.
    private final class Holders: @unchecked Sendable {
        private let lock = Condition()
        private var count = 0
        private var previous: [sigaction] = []

        /// `body`'s result, given the count and what the signals did, with the lock held.
        func withLock<T>(_ body: (inout Int, inout [sigaction]) -> T) -> T {
            lock.withLock { body(&count, &previous) }
        }
    }

    static func hold() -> QuitSignals {
        holders.withLock { count, previous in
            count += 1
            guard count == 1 else { return }
            arrived.store(0, ordering: .relaxed)
            previous = signals.map { s in
                var note = sigaction()
                note.__sigaction_handler = .init(sa_handler: { QuitSignals.arrived.store($0, ordering: .relaxed) })
                sigemptyset(&note.sa_mask)
                var before = sigaction()
                sigaction(s, &note, &before)
                return before
            }
        }
        return QuitSignals()
    }

    /// Puts `action` in place for `signal`, one of the quit signals, and gives what it replaces.
    /// While appends hold the signals it is what the last of them puts back, not the noting
    /// handler's replacement: set in their place, it would be lost when they let go. For code
    /// that sets its own handler while other threads may be appending (the tests do).
    static func replaceAction(of signal: Int32, with action: sigaction) -> sigaction {
        guard let i = signals.firstIndex(of: signal) else { preconditionFailure("\(signal) is not a quit signal") }
        return holders.withLock { count, previous in
            guard count == 0 else {
                defer { previous[i] = action }
                return previous[i]
            }
            var new = action, before = sigaction()
            sigaction(signal, &new, &before)
            return before
        }
    }

    /// The last holder puts back what each signal did, and sends the one that arrived
    /// meanwhile, if any, to the process again: it then does what it would have done (ends the
    /// command, or is ignored, or is noted by the screen), on whichever thread takes it.
    func release() {
        let signal: Int32 = Self.holders.withLock { count, previous in
            count -= 1
            guard count == 0 else { return 0 }
            for (s, before) in zip(Self.signals, previous) {
                var action = before
                sigaction(s, &action, nil)
            }
            return Self.arrived.exchange(0, ordering: .relaxed)
        }
        if signal != 0 { kill(getpid(), signal) }
    }
}
