/// How one task stands on a given day, apart from the task itself: what a row of a pane or a
/// report says of it. Kept apart from the task list, so that a screen can hold the verdicts of
/// every task while the journal writes to the list, and judge again only the tasks that changed.
public struct Verdict: Hashable, Sendable {
    // An overview holds one verdict a task: 8 bytes, where the days late and the days left, each
    // optional, took 16 (1.6 MB of a report's peak at 100k tasks, 16 MB of a screen's at 1M).
    // One number serves both: the days left when the task has them, else the days late; a task
    // that has both is open and overdue, and its days late are its days left negated.

    // Days between two dates of a board fit in 32 bits (dates are within 2^26 days of 1970).
    @usableFromInline let days: Int32
    @usableFromInline let has: Has
    /// The clarity points it fails.
    public let unclear: ClarityPoints
    public let timeliness: Timeliness

    /// Which of the days a verdict has.
    @usableFromInline struct Has: OptionSet, Hashable, Sendable {
        @usableFromInline let rawValue: UInt8
        @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }
        @usableFromInline static let late = Has(rawValue: 1)
        @usableFromInline static let left = Has(rawValue: 2)
    }

    init(timeliness: Timeliness, unclear: ClarityPoints, daysLate: Int?, daysLeft: Int?) {
        precondition(daysLate == nil || daysLeft == nil || daysLate == daysLeft.map { -$0 }, "a task with both is overdue by the days it has left, negated")
        self.timeliness = timeliness
        self.unclear = unclear
        days = Int32(daysLeft ?? daysLate ?? 0)
        has = Has().union(daysLate == nil ? [] : .late).union(daysLeft == nil ? [] : .left)
    }

    /// Days past the deadline: until today for an open task, until it closed for a late one.
    @inlinable public var daysLate: Int? {
        guard has.contains(.late) else { return nil }
        return has.contains(.left) ? -Int(days) : Int(days)
    }
    /// Days from today to the deadline (negative when past), for open tasks with a deadline.
    @inlinable public var daysLeft: Int? { has.contains(.left) ? Int(days) : nil }
    /// The same, as stored, for the deadlines' sorting.
    var leftDays: Int32? { has.contains(.left) ? days : nil }
}

/// One task as a pane or report shows it on a given day.
public struct TaskRow: Sendable {
    /// The task list the row was judged from and the task's place in it: rows share the
    /// board's list rather than each holding a copy of its task, which doubled the memory
    /// of every report and screen (a task is ~280 bytes; a row 40).
    @usableFromInline let list: [Assignment]
    @usableFromInline let position: Int32
    public let verdict: Verdict
    /// Where the row is in its overview's `rows`: the task's place in the list, unless the
    /// overview shows only some of the tasks (in the padding after the verdict: no bigger).
    @usableFromInline let row: Int32

    @inlinable init(list: [Assignment], position: Int, verdict: Verdict, row: Int) {
        self.list = list
        self.position = Int32(position)
        self.verdict = verdict
        self.row = Int32(row)
    }

    @inlinable public var task: Assignment { list[Int(position)] }
    /// Reads the task where it lies in the board's list. `task` is a copy, which retains all of
    /// the task's text and releases it again: for a field or two of every row, most of the cost,
    /// and both cores fight over the texts tasks share.
    @inlinable public func withTask<R>(_ body: (UnsafePointer<Assignment>) throws -> R) rethrows -> R {
        assert(Int(position) < list.count, "a row's place is in the list it was judged from")
        return try list.withUnsafeBufferPointer { try body($0.baseAddress! + Int(position)) }
    }
    /// Where the row is in its overview's `rows`.
    @inlinable public var place: Int { Int(row) }
    @inlinable public var timeliness: Timeliness { verdict.timeliness }
    @inlinable public var unclear: ClarityPoints { verdict.unclear }
    @inlinable public var daysLate: Int? { verdict.daysLate }
    @inlinable public var daysLeft: Int? { verdict.daysLeft }
}

/// Per agency: its tasks in the 2×2 and how clear its assignments are.
public struct AgencyStats: Hashable, Sendable {
    public let agency: Agency
    /// The tasks it leads in the 2×2, and how many of its assignments are clear: counted as
    /// the board's totals are.
    public private(set) var totals = Totals()
    /// How often each point fails.
    public private(set) var failures: [ClarityPoint: Int] = [:]

    public var counts: TimelinessCounts { totals.counts }
    /// Assignments (not cancelled) it leads.
    public var assignments: Int { totals.assignments }
    /// Of those, the ones clear on every point.
    public var clear: Int { totals.clear }

    /// Counts a task it leads, as it stands.
    mutating func count(_ v: Verdict) {
        totals.add(v)
        guard v.timeliness != .cancelled else { return }
        for p in v.unclear { failures[p, default: 0] += 1 }
    }

    /// Takes back `count(v)`: the task stood so before it changed. A point that no longer
    /// fails anywhere leaves `failures`, as if never counted.
    mutating func uncount(_ v: Verdict) {
        totals.remove(v)
        guard v.timeliness != .cancelled else { return }
        for p in v.unclear { failures[p] = failures[p]! > 1 ? failures[p]! - 1 : nil }
    }

    public var clearPercent: Int? { totals.clearPercent }

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

/// `Deadlines` as places in an overview's rows, by deadline, each day's in row order: missed
/// or upcoming, a day's tasks keep their order from one day to the next.
public struct DeadlineRows: Hashable, Sendable {
    /// How many days ahead and back were looked at.
    public let within: Int, missedWithin: Int
    public internal(set) var upcoming: [Int32] = []
    public internal(set) var missed: [Int32] = []

    init(within: Int, missedWithin: Int) {
        self.within = within
        self.missedWithin = missedWithin
    }
}

/// The 2×2 over all tasks, and how many assignments (tasks not cancelled) are clear on every point.
public struct Totals: Hashable, Sendable {
    public var counts = TimelinessCounts()
    public var assignments = 0
    public var clear = 0

    public init() {}

    /// The share of assignments clear on every point, in whole percent rounded down: rounded to
    /// the nearest, 299 clear of 300 read "100%", a claim a secretariat would repeat. Nil when
    /// there are none.
    public var clearPercent: Int? { assignments == 0 ? nil : clear * 100 / assignments }

    /// Counts a task as it stands.
    mutating func add(_ v: Verdict) { adjust(v, by: 1) }

    /// Takes back an `add(v)`.
    mutating func remove(_ v: Verdict) { adjust(v, by: -1) }

    private mutating func adjust(_ v: Verdict, by n: Int) {
        counts.adjust(v.timeliness, by: n)
        guard v.timeliness != .cancelled else { return }
        assignments += n
        if v.unclear.isEmpty { clear += n }
    }
}

/// The board seen on one day: every query a pane or a report needs.
public struct Overview: Sendable {
    public let board: Board
    public let today: CivilDate
    /// How every row's task stands today, in the board's assignment order: worked out once, read
    /// by every query.
    public let verdicts: [Verdict]
    /// The board's tasks, in that order.
    @usableFromInline let tasks: [Assignment]
    /// Where each row's task is in `tasks`, for an overview of some of the tasks
    /// (`init(board:today:only:)`); empty when every task is a row, row i task i.
    @usableFromInline let places: [Int32]

    public init(board: Board, today: CivilDate) {
        let tasks = board.tasks.inOrder
        let points = ClarityPoint.points(board.config)
        // On every core, a piece of the tasks each: at 1M tasks, 0.4 s on one.
        let verdicts = RowPieces.mapped(tasks.count) { Self.judge(tasks, $0, board: board, today: today, points: points) }
        self.init(board: board, today: today, tasks: tasks, verdicts: verdicts, points: points)
    }

    /// The board on `today`, its rows only the tasks `include` takes, in the board's order: for
    /// a report that can show no other, which then judges no other (`show overdue` at 100k
    /// tasks, some 15k of them, where every task's verdict took 0.8 MB and most of the judging).
    /// The screen, which shows every task, and the queries that count every task
    /// (`agencyStats`) take a whole overview.
    init(board: Board, today: CivilDate, only include: (UnsafePointer<Assignment>) -> Bool) {
        let tasks = board.tasks.inOrder
        let places = tasks.withUnsafeBufferPointer { list in
            list.indices.filter { include(list.baseAddress! + $0) }.map { Int32($0) }
        }
        let points = ClarityPoint.points(board.config)
        let verdicts = RowPieces.mapped(places.count) { Self.judge(tasks, Int(places[$0]), board: board, today: today, points: points) }
        self.init(board: board, today: today, tasks: tasks, verdicts: verdicts, points: points, places: places)
    }

    /// The board on `today`, from the verdicts of an overview of an earlier state of it on the
    /// same day, with the same configuration (all a verdict reads besides its task and the day):
    /// only the tasks at the positions `changed` and those assigned since are judged. A screen
    /// following a ledger takes in new lines so in time proportional to them, not to the board.
    public init(board: Board, today: CivilDate, keeping earlier: consuming [Verdict], rejudging changed: some Sequence<Int>) {
        let tasks = board.tasks.inOrder
        let points = ClarityPoint.points(board.config)
        var verdicts = earlier
        precondition(verdicts.count <= tasks.count, "a board never loses a task")
        for p in changed where p < verdicts.count {
            verdicts[p] = Self.judge(tasks, p, board: board, today: today, points: points)
        }
        for p in verdicts.count ..< tasks.count {
            verdicts.append(Self.judge(tasks, p, board: board, today: today, points: points))
        }
        self.init(board: board, today: today, tasks: tasks, verdicts: verdicts, points: points)
    }

    /// `points`, those in force for `board`, as the verdicts were judged by.
    private init(board: Board, today: CivilDate, tasks: [Assignment], verdicts: [Verdict], points: [ClarityPoint], places: [Int32] = []) {
        self.board = board
        clarityPoints = points
        self.today = today
        self.tasks = tasks
        self.verdicts = verdicts
        self.places = places
    }

    /// Whether every task of the board is a row.
    @inlinable var isWhole: Bool { rows.isWhole }

    /// Where row `row`'s task is in the board's list.
    @inlinable func position(ofRow row: Int) -> Int { places.isEmpty ? row : Int(places[row]) }

    /// Every task as it stands today, in assignment order.
    @inlinable public var rows: Rows { Rows(tasks: tasks, verdicts: verdicts, places: places) }

    /// The rows, each made when read from its task's place and its verdict. Inlined where
    /// read: a call per row from the screen's module made building its orders a third slower.
    public struct Rows: RandomAccessCollection, Sendable {
        @usableFromInline let tasks: [Assignment]
        @usableFromInline let verdicts: [Verdict]
        @usableFromInline let places: [Int32]

        @inlinable init(tasks: [Assignment], verdicts: [Verdict], places: [Int32]) {
            self.tasks = tasks
            self.verdicts = verdicts
            self.places = places
        }

        @inlinable public var startIndex: Int { 0 }
        @inlinable public var endIndex: Int { verdicts.count }

        /// Whether the rows are every task of the board, row i task i.
        @inlinable var isWhole: Bool { places.isEmpty && verdicts.count == tasks.count }
        @inlinable public subscript(i: Int) -> TaskRow {
            TaskRow(list: tasks, position: places.isEmpty ? i : Int(places[i]), verdict: verdicts[i], row: i)
        }

        /// The rows' tasks where they lie, for a pass that reads a field of every one: each row
        /// taken out costs the board's list a reference count, which cores working at once
        /// then fight over. Row i's task is task i: the rows are every task of the board.
        @inlinable public func withTasks<R>(_ body: (UnsafeBufferPointer<Assignment>) throws -> R) rethrows -> R {
            precondition(isWhole, "the tasks by row are those of an overview of every task")
            return try tasks.withUnsafeBufferPointer(body)
        }
    }

    /// The points in force for the board: worked out once, as a screen reads them for every row.
    public let clarityPoints: [ClarityPoint]

    /// Where the task `id` is in `rows` (they follow the board's assignment order), found with
    /// one hash instead of a scan of every row.
    public func rowIndex(of id: String) -> Int? {
        guard let p = board.tasks.position(of: id) else { return nil }
        guard !places.isEmpty else { return p < verdicts.count ? p : nil }
        let row = places.partitionPoint { $0 >= Int32(p) }
        return row < places.count && places[row] == Int32(p) ? row : nil
    }

    /// Reads the task where it lies, a field at a time: a copy of it retained every text it
    /// holds, and with both cores judging, retaining the texts many tasks share (a title, an
    /// owner) made the cores fight over those texts' memory.
    static func judge(_ tasks: [Assignment], _ position: Int, board: Board, today: CivilDate, points: [ClarityPoint]) -> Verdict {
        tasks.withUnsafeBufferPointer { tasks in
            let t = tasks.baseAddress! + position
            let due = t.pointee.due, state = t.pointee.state, closedAt = t.pointee.closedAt
            let tl = Timeliness.of(state: state, due: due, closedAt: closedAt, today: today)
            var late: Int?
            var left: Int?
            if let due {
                switch tl {
                case .openOverdue: late = due.days(until: today)
                case .doneLate: late = closedAt.map { due.days(until: $0.closedDay) }
                default: break
                }
                if state.isOpen { left = today.days(until: due) }
            }
            var unclear = ClarityPoints()
            for p in points where !p.isClear(t, on: board) { unclear.insert(p) }
            return Verdict(timeliness: tl, unclear: unclear, daysLate: late, daysLeft: left)
        }
    }

    public func rows(matching filter: TaskFilter) -> [TaskRow] {
        filter.isEmpty ? Array(rows) : rows.filter { filter.matches($0, in: self) }
    }

    /// The 2×2 over all tasks, and how many assignments are clear on every point. The verdicts
    /// are read where they lie: each one taken out retained its list of unclear points, at 1M
    /// tasks a cache miss apiece.
    public func totals() -> Totals {
        var t = Totals()
        verdicts.withUnsafeBufferPointer { verdicts in
            for i in verdicts.indices { t.add(verdicts[i]) }
        }
        return t
    }

    /// `totals()`, from those of an overview of an earlier state of this board on the same day
    /// (as `init(board:today:keeping:rejudging:)` asks), in which the tasks at `changed` stood
    /// as `before` (nil for a task assigned since).
    public func totals(updating earlier: Totals, changed: [(row: Int, before: Verdict?)]) -> Totals {
        var t = earlier
        for (row, before) in changed {
            if let before { t.remove(before) }
            t.add(verdicts[row])
        }
        return t
    }

    /// Open tasks overdue today, most days late first.
    public func overdue() -> [TaskRow] { overdueRows().map { rows[$0] } }

    /// `overdue()` as positions in `rows`: a report reads the rows where they are, rather than
    /// copying each (and all of its task's text) first.
    func overdueRows() -> [Int] { mostLateFirst { verdicts[$0].timeliness == .openOverdue } }

    /// Positions of the rows that pass `include`, in `lateFirst` order: counted into one run for
    /// each number of days late, most first, and each run sorted by id, compared by its first
    /// 16 bytes as two numbers (`IDPrefix`) and only where those are equal as Strings. Sorted by
    /// their places (`LatePlace`, a String each, copied with every move), the 15,383 overdue
    /// rows at 100k tasks took 17.3M instructions, on the one core a report's rows are chosen on.
    func mostLateFirst(_ include: (Int) -> Bool) -> [Int] {
        let chosen = verdicts.indices.filter(include)
        func days(_ row: Int) -> Int { verdicts[row].daysLate ?? 0 }
        guard let fewest = chosen.lazy.map(days).min(), let most = chosen.lazy.map(days).max() else { return [] }
        // The rows by days late, most first: counted into place when the days span no more than
        // the rows do, as overdue ones do; else sorted.
        var byDays: [(prefix: IDPrefix, row: Int)]
        if most - fewest < max(chosen.count, 64) {
            var next = [Int](repeating: 0, count: most - fewest + 2)
            for row in chosen { next[most - days(row) + 1] += 1 }
            for i in 1..<next.count { next[i] += next[i - 1] }
            byDays = Array(repeating: (IDPrefix(), 0), count: chosen.count)
            for row in chosen {
                byDays[next[most - days(row)]] = (IDPrefix(tasks[position(ofRow: row)].id), row)
                next[most - days(row)] += 1
            }
        } else {
            byDays = chosen.sorted { days($0) > days($1) }.map { (IDPrefix(tasks[position(ofRow: $0)].id), $0) }
        }
        // Each run of rows equally late by id; the board's list and the rows' places taken out,
        // for a comparison that reads no more of `self`.
        let list = tasks, rowPlaces = places
        var start = 0
        while start < byDays.count {
            var end = start + 1
            while end < byDays.count, days(byDays[end].row) == days(byDays[start].row) { end += 1 }
            byDays[start..<end].sort { a, b in
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                // The same first 16 bytes: ids that long, compared whole.
                let (x, y) = rowPlaces.isEmpty ? (a.row, b.row) : (Int(rowPlaces[a.row]), Int(rowPlaces[b.row]))
                return list[x].id < list[y].id
            }
            start = end
        }
        return byDays.map(\.row)
    }

    /// The first 16 bytes of an id as two numbers that order as the bytes do (big-endian, zeros
    /// past its end): ids are ASCII names, which `<` orders byte by byte, and a shorter one that
    /// starts a longer one comes first, as its zeros do.
    struct IDPrefix: Comparable {
        let high: UInt64
        let low: UInt64

        init() { (high, low) = (0, 0) }

        init(_ id: String) {
            var words: (UInt64, UInt64) = (0, 0)
            var id = id
            id.withUTF8 { utf8 in
                withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8).prefix(16))) }
            }
            (high, low) = (UInt64(bigEndian: words.0), UInt64(bigEndian: words.1))
        }

        static func < (a: IDPrefix, b: IDPrefix) -> Bool { a.high != b.high ? a.high < b.high : a.low < b.low }
    }

    /// Whether row `a` comes before row `b` when the most days late come first: more days late
    /// first, then by id.
    public func lateFirst(_ a: Int, _ b: Int) -> Bool { latePlace(ofRow: a) < latePlace(ofRow: b) }

    /// Where a row goes in `lateFirst` order, the one definition of it.
    struct LatePlace: Comparable {
        let daysLate: Int
        let id: String

        static func < (a: LatePlace, b: LatePlace) -> Bool { a.daysLate != b.daysLate ? a.daysLate > b.daysLate : a.id < b.id }
    }

    func latePlace(ofRow row: Int) -> LatePlace {
        LatePlace(daysLate: verdicts[row].daysLate ?? 0, id: tasks[position(ofRow: row)].id)
    }

    /// How far ahead the deadlines pane looks, and how far back for the ones just missed.
    public static let upcomingDays = 14, missedDays = 7

    public func deadlines(within days: Int = upcomingDays, missedWithin missedDays: Int = missedDays) -> Deadlines {
        deadlines(deadlineRows(within: days, missedWithin: missedDays))
    }

    /// Read from the verdicts alone: a verdict has days left exactly when its task is open and
    /// has a deadline, so no task is read but the ones shown (at 1M tasks, reading every task
    /// took tens of milliseconds).
    public func deadlineRows(within days: Int = upcomingDays, missedWithin missedDays: Int = missedDays) -> DeadlineRows {
        var rows = DeadlineRows(within: days, missedWithin: missedDays)
        verdicts.withUnsafeBufferPointer { verdicts in
            for i in verdicts.indices {
                guard let left = verdicts[i].leftDays else { continue }
                if left >= 0 && left <= days { rows.upcoming.append(Int32(i)) }
                if left < 0 && left >= -missedDays { rows.missed.append(Int32(i)) }
            }
        }
        rows.upcoming.sort(by: dueOrder)
        rows.missed.sort(by: dueOrder)
        return rows
    }

    /// `deadlineRows()` from those of an overview of an earlier state of this board on the same
    /// day (as `init(board:today:keeping:rejudging:)` asks), whose rows `touched` changed or were
    /// added since (`isTouched` says which earlier rows they are).
    public func deadlineRows(updating earlier: DeadlineRows, touched: [Int32], isTouched: (Int32) -> Bool) -> DeadlineRows {
        var rows = earlier
        func left(_ row: Int32) -> Int32? { verdicts[Int(row)].leftDays }
        rows.upcoming = SortedRows.patched(earlier.upcoming, dropping: isTouched,
                                           inserting: touched.filter { left($0).map { $0 >= 0 && $0 <= earlier.within } ?? false },
                                           by: dueOrder)
        rows.missed = SortedRows.patched(earlier.missed, dropping: isTouched,
                                         inserting: touched.filter { left($0).map { $0 < 0 && $0 >= -earlier.missedWithin } ?? false },
                                         by: dueOrder)
        return rows
    }

    /// By deadline (today plus the days left), then in row order: the same the day a task falls
    /// due and the day after, when it has missed it (by id then, its rows changed order).
    private func dueOrder(_ a: Int32, _ b: Int32) -> Bool {
        (verdicts[Int(a)].leftDays!, a) < (verdicts[Int(b)].leftDays!, b)
    }

    /// The rows `rows` names, the upcoming ones grouped by day.
    public func deadlines(_ rows: DeadlineRows) -> Deadlines {
        var d = Deadlines()
        d.missed = rows.missed.map { self.rows[Int($0)] }
        for r in rows.upcoming {
            let date = today.adding(days: Int(verdicts[Int(r)].leftDays!))
            if d.upcoming.last?.date != date { d.upcoming.append((date, [])) }
            d.upcoming[d.upcoming.count - 1].rows.append(self.rows[Int(r)])
        }
        return d
    }

    /// Whether row `row` is a legal document past its deadline and not issued.
    public func isOverdueDecree(_ row: Int) -> Bool {
        verdicts[row].timeliness == .openOverdue && tasks[position(ofRow: row)].kind.isLegalDocument
    }

    /// Legal documents past their deadline and not issued, most days late first.
    public func overdueDecrees() -> [TaskRow] {
        mostLateFirst(isOverdueDecree).map { rows[$0] }
    }

    /// Every agency still standing (merged ones count in the one they joined), in declaration order.
    public func agencyStats() -> [AgencyStats] {
        precondition(isWhole, "an agency's stats count every task")
        var stats: [AgencyStats] = []
        for id in board.agencyOrder {
            guard let a = board.agencies[id], a.mergedInto == nil else { continue }
            stats.append(AgencyStats(agency: a))
        }
        var places = AgencyPlaces(stats, board)
        tasks.withUnsafeBufferPointer { tasks in
            for i in tasks.indices {
                for p in places.of(tasks[i].leads) { stats[p].count(verdicts[i]) }
            }
        }
        return stats
    }

    /// `agencyStats()`, from the stats of an overview of an earlier state of this board with
    /// the same agencies (as `init(board:today:keeping:rejudging:)` asks), in which the tasks
    /// at `changed` stood as `before` (nil for a task assigned since) and had the leads they
    /// have now.
    public func agencyStats(updating earlier: [AgencyStats], changed: [(row: Int, before: Verdict?)]) -> [AgencyStats] {
        precondition(isWhole, "an agency's stats count every task")
        var stats = earlier
        var places = AgencyPlaces(stats, board)
        for (row, before) in changed {
            for p in places.of(tasks[row].leads) {
                if let before { stats[p].uncount(before) }
                stats[p].count(verdicts[row])
            }
        }
        return stats
    }
}

/// Where in a list of agencies' stats each agency a task names is counted.
struct AgencyPlaces {
    private let board: Board
    private let place: [String: Int]
    private var found: [Int] = []

    init(_ stats: [AgencyStats], _ board: Board) {
        self.board = board
        place = Dictionary(uniqueKeysWithValues: stats.indices.map { (stats[$0].agency.id, $0) })
    }

    /// The places of the agencies `leads` name, each once however many of them were merged
    /// into it. Found by place, with no set or dictionary made per task: at 1M tasks those took
    /// most of a second.
    mutating func of(_ leads: [String]) -> [Int] {
        found.removeAll(keepingCapacity: true)
        for lead in leads {
            if let p = place[board.canonicalAgency(lead)], !found.contains(p) { found.append(p) }
        }
        return found
    }
}
