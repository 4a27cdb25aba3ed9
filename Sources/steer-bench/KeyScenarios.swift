import SteerCore

/// What one key costs, from the key to a finished frame. Until the TUI (SteerTUI) is in this
/// branch, each scenario is the core work the key sets off: re-filtering, re-sorting, the
/// queries behind a pane, a task's history. When it is, a scenario that runs the real
/// `update(state, msg)` and `view(state, size)` for the same key joins `all(...)`, and the table
/// measures the whole path; the core-only rows stay as the floor under it.
struct KeyScenario {
    let key: String
    let work: () throws -> Void
}

extension KeyScenario {
    static func all(journal: FileJournal, today: CivilDate) throws -> [KeyScenario] {
        let ledger = journal.ledger
        let overview = Overview(board: ledger.board, today: today)
        // What the screen already holds when the key arrives: the rows of the Tasks pane.
        let rows = overview.rows
        let ids = ledger.board.tasks.inOrder.map(\.id)
        var rng = ids.count
        func anyTaskID() -> String {
            rng = (rng &* 1_103_515_245 &+ 12345) & 0x7FFF_FFFF
            return ids[rng % ids.count]
        }
        // Typing "/dong nai" one character at a time: each key re-filters every task.
        let typed = Array("dong nai")
        var typedCount = 0
        return [
            KeyScenario(key: "/ filter, one more character typed (\"dong nai\")") {
                typedCount = typedCount % typed.count + 1
                let filter = try TaskFilter(String(typed.prefix(typedCount)))
                _ = overview.rows(matching: filter)
            },
            KeyScenario(key: "/ filter, field term (lead:BKHCN state:open)") {
                _ = overview.rows(matching: try TaskFilter("lead:BKHCN state:open"))
            },
            KeyScenario(key: "s sort Tasks by deadline") {
                _ = rows.sorted { ($0.task.due?.daysSinceEpoch ?? Int.max, $0.task.id) < ($1.task.due?.daysSinceEpoch ?? Int.max, $1.task.id) }
            },
            KeyScenario(key: "1 Tasks pane (all rows)") { _ = overview.rows },
            KeyScenario(key: "2 Deadlines pane") { _ = overview.deadlines() },
            KeyScenario(key: "3 Overdue decrees pane") { _ = overview.overdueDecrees() },
            KeyScenario(key: "4 Agencies pane (2×2, scorecard, header totals)") {
                _ = overview.agencyStats()
                _ = overview.totals()
            },
            KeyScenario(key: "Enter detail (row, clarity, history)") {
                let id = anyTaskID()
                guard let t = ledger.board.tasks[id] else { return }
                _ = overview.row(t)
                _ = ledger.history(of: id)
            },
            KeyScenario(key: "tick: refresh, nothing appended") { try journal.refresh() },
        ]
    }
}
