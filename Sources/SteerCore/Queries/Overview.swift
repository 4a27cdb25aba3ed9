/// One task as a pane or report shows it on a given day.
public struct TaskRow: Sendable {
    /// The task list the row was judged from and the task's place in it: rows share the
    /// board's list rather than each holding a copy of its task, which doubled the memory
    /// of every report and screen (a task is ~280 bytes; a row 40).
    @usableFromInline let list: [Assignment]
    /// The clarity points it fails.
    public let unclear: [ClarityPoint]
    @usableFromInline let position: Int32
    // Days between two dates of a board fit in 32 bits (dates are within 2^26 days of 1970).
    private let lateDays: Int32?
    private let leftDays: Int32?
    public let timeliness: Timeliness

    init(list: [Assignment], position: Int, timeliness: Timeliness, unclear: [ClarityPoint], daysLate: Int?, daysLeft: Int?) {
        self.list = list
        self.unclear = unclear
        self.position = Int32(position)
        lateDays = daysLate.map { Int32($0) }
        leftDays = daysLeft.map { Int32($0) }
        self.timeliness = timeliness
    }

    @inlinable public var task: Assignment { list[Int(position)] }
    /// Days past the deadline: until today for an open task, until it closed for a late one.
    public var daysLate: Int? { lateDays.map { Int($0) } }
    /// Days from today to the deadline (negative when past), for open tasks with a deadline.
    public var daysLeft: Int? { leftDays.map { Int($0) } }
}

/// Per agency: its tasks in the 2×2 and how clear its assignments are.
public struct AgencyStats: Sendable {
    public let agency: Agency
    public var counts = TimelinessCounts()
    /// Assignments (not cancelled) it leads.
    public var assignments = 0
    /// Of those, the ones clear on every point.
    public var clear = 0
    /// How often each point fails.
    public var failures: [ClarityPoint: Int] = [:]

    /// Counts a task it leads.
    mutating func count(_ r: TaskRow) {
        counts.add(r.timeliness)
        guard r.timeliness != .cancelled else { return }
        assignments += 1
        if r.unclear.isEmpty { clear += 1 }
        for p in r.unclear { failures[p, default: 0] += 1 }
    }

    public var clearPercent: Int? { assignments == 0 ? nil : Int((Double(clear) * 100 / Double(assignments)).rounded()) }

    /// The point that fails most often (ties go to the earlier point of the rule).
    public func worstPoint(_ points: [ClarityPoint]) -> ClarityPoint? {
        var best: ClarityPoint?
        var most = 0
        for p in points { if let n = failures[p], n > most { most = n; best = p } }
        return best
    }
}

/// What falls due: open tasks due from today over the next days, grouped by day, and the
/// ones whose deadline passed in the last days.
public struct Deadlines: Sendable {
    public var upcoming: [(date: CivilDate, rows: [TaskRow])] = []
    public var missed: [TaskRow] = []
}

/// The board seen on one day: every query a pane or a report needs.
public struct Overview: Sendable {
    public let board: Board
    public let today: CivilDate
    /// Every task as it stands today, in assignment order: computed once, read by every query.
    public let rows: [TaskRow]

    public init(board: Board, today: CivilDate) {
        self.board = board
        self.today = today
        let tasks = board.tasks.inOrder
        let points = ClarityPoint.points(board.config)
        // On every core, a piece of the tasks each: at 1M tasks, 0.4 s on one.
        self.rows = RowPieces.joined(tasks.count) { $0.map { Self.row(tasks, $0, board: board, today: today, points: points) } }
    }

    public var clarityPoints: [ClarityPoint] { ClarityPoint.points(board.config) }

    /// Where the task `id` is in `rows` (they follow the board's assignment order), found with
    /// one hash instead of a scan of every row.
    public func rowIndex(of id: String) -> Int? { board.tasks.position(of: id) }

    static func row(_ tasks: [Assignment], _ position: Int, board: Board, today: CivilDate, points: [ClarityPoint]) -> TaskRow {
        let t = tasks[position]
        let tl = Timeliness.of(t, today: today, offsetMinutes: board.config.offsetMinutes)
        var late: Int?
        var left: Int?
        if let due = t.due {
            switch tl {
            case .openOverdue: late = due.days(until: today)
            case .doneLate: late = t.closedAt.map { due.days(until: $0.date(inOffset: board.config.offsetMinutes)) }
            default: break
            }
            if t.state.isOpen { left = today.days(until: due) }
        }
        return TaskRow(list: tasks, position: position, timeliness: tl, unclear: points.filter { !$0.isClear(t) }, daysLate: late, daysLeft: left)
    }

    public func rows(matching filter: TaskFilter) -> [TaskRow] {
        filter.isEmpty ? rows : rows.filter { filter.matches($0, in: self) }
    }

    /// The 2×2 over all tasks, and how many assignments are clear on every point.
    public func totals() -> (counts: TimelinessCounts, assignments: Int, clear: Int) {
        var c = TimelinessCounts()
        var n = 0
        var clear = 0
        for r in rows {
            c.add(r.timeliness)
            if r.timeliness != .cancelled {
                n += 1
                if r.unclear.isEmpty { clear += 1 }
            }
        }
        return (c, n, clear)
    }

    /// Open tasks overdue today, most days late first.
    public func overdue() -> [TaskRow] { overdueRows().map { rows[$0] } }

    /// `overdue()` as positions in `rows`: a report reads the rows where they are, rather than
    /// copying each (and all of its task's text) first.
    func overdueRows() -> [Int] { mostLateFirst { $0.timeliness == .openOverdue } }

    /// Positions of the rows that pass `include`, most days late first, then by id. The rows
    /// are read where they lie: `rows[i].task.id` copied the whole row, all of its task's
    /// text retained and released, at every comparison.
    func mostLateFirst(_ include: (TaskRow) -> Bool) -> [Int] {
        rows.withUnsafeBufferPointer { rows in
            rows.indices.filter { include(rows[$0]) }.sorted { a, b in
                let (x, y) = (rows[a].daysLate ?? 0, rows[b].daysLate ?? 0)
                return x != y ? x > y : rows[a].task.id < rows[b].task.id
            }
        }
    }

    /// How far ahead the deadlines pane looks, and how far back for the ones just missed.
    public static let upcomingDays = 14, missedDays = 7

    public func deadlines(within days: Int = upcomingDays, missedWithin missedDays: Int = missedDays) -> Deadlines {
        var d = Deadlines()
        var byDay: [CivilDate: [TaskRow]] = [:]
        let last = today.adding(days: days)
        let firstMissed = today.adding(days: -missedDays)
        for r in rows where r.task.state.isOpen {
            guard let due = r.task.due else { continue }
            if due >= today && due <= last { byDay[due, default: []].append(r) }
            if due >= firstMissed && due < today { d.missed.append(r) }
        }
        d.upcoming = byDay.keys.sorted().map { ($0, byDay[$0]!) }
        d.missed.sort { ($0.task.due!, $0.task.id) < ($1.task.due!, $1.task.id) }
        return d
    }

    /// Legal documents past their deadline and not issued, most days late first.
    public func overdueDecrees() -> [TaskRow] {
        mostLateFirst { $0.task.kind.isLegalDocument && $0.timeliness == .openOverdue }.map { rows[$0] }
    }

    /// Every agency still standing (merged ones count in the one they joined), in declaration order.
    public func agencyStats() -> [AgencyStats] {
        var stats: [AgencyStats] = []
        var place: [String: Int] = [:]
        for id in board.agencyOrder {
            guard let a = board.agencies[id], a.mergedInto == nil else { continue }
            place[id] = stats.count
            stats.append(AgencyStats(agency: a))
        }
        // A task is counted once for each agency it names, however many of its leads were
        // merged into that agency. Found by place, with no set or dictionary made per task:
        // at 1M tasks those took most of a second.
        var places: [Int] = []
        for r in rows {
            places.removeAll(keepingCapacity: true)
            for lead in r.task.leads {
                if let p = place[board.canonicalAgency(lead)], !places.contains(p) { places.append(p) }
            }
            for p in places { stats[p].count(r) }
        }
        return stats
    }
}
