import SteerCore

/// Appends `report` events to open tasks through the journal, as `steer report` would: each one
/// takes the lock, catches up, is validated against the fresh board, is written and fsynced.
struct Appender {
    let journal: FileJournal
    /// The secretariat may report on any task; the generator declares it as `vpcp`.
    static let actor = "vpcp"

    /// Open tasks a report may go to, in assignment order.
    func reportableTasks() -> [String] {
        let board = journal.ledger.latest
        return board.tasks.inOrder.filter { t in
            t.state == .assigned || t.state == .inProgress || t.state == .blocked
        }.map(\.id)
    }

    /// Appends `count` events and returns how long each append took.
    func append(_ count: Int) throws -> Samples {
        let tasks = reportableTasks()
        guard !tasks.isEmpty else { throw BenchError("the ledger has no open task to report on") }
        let clock = ContinuousClock()
        var samples = Samples()
        for i in 0..<count {
            let id = tasks[i % tasks.count]
            let t0 = clock.now
            try journal.append { (board: Board) throws(Rejection) -> Event in
                // A minute after the last event: the ledger keeps time order.
                let last = board.lastTime ?? Timestamp(instant: 0, offsetMinutes: 420)
                return Event(time: Timestamp(instant: last.instant + 60, offsetMinutes: last.offsetMinutes, hasSeconds: false),
                             actor: Self.actor, verb: .report, id: id,
                             fields: [Field(.progress, String(i % 101)), Field(.note, "Cập nhật tiến độ lần \(i + 1)")])
            }
            samples.add(t0.duration(to: clock.now))
        }
        return samples
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
