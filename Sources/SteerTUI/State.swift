import SteerCore

public enum Pane: Int, CaseIterable, Sendable {
    case tasks, deadlines, decrees, agencies

    public var number: Int { rawValue + 1 }

    public var phrase: Phrase {
        switch self {
        case .tasks: return Phrase("Tasks", "Nhiệm vụ")
        case .deadlines: return Phrase("Deadlines", "Hạn sắp tới")
        case .decrees: return Phrase("Overdue decrees", "Văn bản quá hạn")
        case .agencies: return Phrase("Agencies", "Cơ quan")
        }
    }
}

/// The orders the Tasks pane can be sorted in; `s` steps through them, `S` reverses.
public enum SortKey: String, CaseIterable, Sendable {
    case urgency, ledger, id, due, late, lead, state, clarity

    public var phrase: Phrase {
        switch self {
        case .urgency: return Phrase("urgency", "mức khẩn")
        case .ledger: return Phrase("ledger order", "thứ tự sổ")
        case .id: return Phrase("id", "mã")
        case .due: return Phrase("deadline", "hạn")
        case .late: return Phrase("days late", "số ngày trễ")
        case .lead: return Phrase("lead", "chủ trì")
        case .state: return Phrase("state", "trạng thái")
        case .clarity: return Phrase("clarity", "độ rõ")
        }
    }
}

/// One line of a pane: a task, an agency, or a heading that groups the lines below it.
public enum Entry: Sendable {
    case missedHeading(count: Int)
    case dayHeading(CivilDate, count: Int)
    case task(TaskRow)
    case agency(AgencyStats)

    /// What a selection remembers, so that it survives a reload; headings cannot be selected.
    public var id: String? {
        switch self {
        case .task(let r): return r.task.id
        case .agency(let a): return a.agency.id
        case .missedHeading, .dayHeading: return nil
        }
    }
}

/// Where a pane's selection and scroll stand. The id is the truth; the index is where it was
/// last seen, used when the selected line disappears (filtered out, or cancelled elsewhere).
public struct ListPosition: Hashable, Sendable {
    public var selectedID: String?
    public var index = 0
    public var scroll = 0
}

/// What fills the body: the panes, or one task in full.
public enum Screen: Hashable, Sendable {
    case panes
    case detail(taskID: String, scroll: Int)
}

/// What takes the keys before the screen does.
public enum Overlay: Hashable, Sendable {
    case none
    case help(scroll: Int)
    /// Typing a filter; `before` is restored by Esc.
    case filter(LineEditor, before: String)
    case command(LineEditor)
    case form(Form)
    case confirm(Confirmation)
}

public struct Status: Hashable, Sendable {
    public var text: String
    public var isError: Bool
}

/// A change made in this session and how to take it back.
public struct SessionChange: Hashable, Sendable {
    public var summary: String
    public var undo: Undo
}

/// Everything the screen shows, as a value. Only `update` changes it.
public struct AppState: Sendable {
    /// The ledger as read, up to the end of the day shown when that day is pinned (`asOf`):
    /// the same board `steer show --today D` prints.
    public internal(set) var ledger: Ledger
    /// The clock's day: the day shown when none is pinned, and the one `:today` returns to.
    public internal(set) var clockDay: CivilDate
    public internal(set) var language: Language
    public internal(set) var size: Size
    /// Who writes: the login name, for the header and for checking a change before asking for it.
    public let actor: String
    public let ledgerName: String
    /// Read-only by request (--read-only), whatever the ledger's health.
    public let readOnlyRequested: Bool

    public internal(set) var pane: Pane = .tasks
    public internal(set) var positions: [Pane: ListPosition] = [:]
    public internal(set) var filterText = ""
    public internal(set) var filter = TaskFilter.all
    /// Why the filter being typed does not parse; the footer points at its column.
    public internal(set) var filterProblem: TaskFilter.ParseError?
    public internal(set) var sort = SortKey.urgency
    public internal(set) var sortReversed = false
    public internal(set) var screen = Screen.panes
    public internal(set) var overlay = Overlay.none
    public internal(set) var status: Status?
    public internal(set) var changes: [SessionChange] = []
    /// While a filter is typed, the task selected when `/` was pressed: it is selected again
    /// whenever the query being typed lets it through, so typing does not lose the selection.
    var filterAnchors: [Pane: String] = [:]
    public internal(set) var boardView: BoardView
    public internal(set) var derived: Derived

    /// `ledger` read with `asOf` pins the day shown to that day; without it the day follows
    /// `clockDay`.
    public init(ledger: Ledger, clockDay: CivilDate, language: Language, size: Size,
                actor: String, ledgerName: String, readOnly: Bool) {
        self.ledger = ledger
        self.clockDay = clockDay
        self.language = language
        self.size = size
        self.actor = actor
        self.ledgerName = ledgerName
        self.readOnlyRequested = readOnly
        let view = BoardView(ledger: ledger, today: ledger.asOf ?? clockDay)
        self.boardView = view
        self.derived = Derived(view, filter: .all, sort: .urgency, reversed: false)
        for p in Pane.allCases { positions[p] = ListPosition() }
        settleSelections()
        if let why = readOnlyReason, !readOnly { status = Status(text: why, isError: true) }
    }

    public var overview: Overview { derived.overview }

    /// The day the board is shown as of, and judged on.
    public var today: CivilDate { ledger.asOf ?? clockDay }

    /// True when the day shown was chosen (--today, :today D) rather than following the clock.
    public var todayPinned: Bool { ledger.asOf != nil }

    public var isReadOnly: Bool { readOnlyReason != nil }

    /// Why nothing may be written, in the user's language; nil when writing is allowed.
    public var readOnlyReason: String? {
        if readOnlyRequested { return language.t("read-only (--read-only): changes are off", "chỉ đọc (--read-only): không ghi thay đổi") }
        if !ledger.isClean {
            let n = max(1, ledger.errors.count)
            return language.t("read-only: the ledger has \(n) problem\(n == 1 ? "" : "s"); run `steer check` (and `steer repair` for a torn last line)",
                              "chỉ đọc: sổ có \(n) lỗi; chạy `steer check` (và `steer repair` nếu dòng cuối bị cắt)")
        }
        return nil
    }

    public func entries(_ pane: Pane) -> [Entry] { derived.entries[pane.rawValue] }

    public func position(_ pane: Pane) -> ListPosition { positions[pane] ?? ListPosition() }

    /// The task the action keys act on: the one in the detail view, else the selected line
    /// of the current pane if it is a task.
    public var selectedTaskID: String? {
        if case .detail(let id, _) = screen { return id }
        let pos = position(pane)
        let list = entries(pane)
        guard pane != .agencies, let id = pos.selectedID, pos.index < list.count, list[pos.index].id == id else { return nil }
        return id
    }

    public var selectedAgencyID: String? {
        pane == .agencies ? position(.agencies).selectedID : nil
    }

    /// Recomputes the board after the ledger or the day changed, then what the panes show.
    mutating func rebase() {
        boardView = BoardView(ledger: ledger, today: today)
        rederive()
    }

    /// Recomputes what the panes show after the filter or the sort changed, then puts each
    /// selection back on the same task.
    mutating func rederive() {
        if filter.hasWords, boardView.searchTexts == nil { boardView.searchTexts = boardView.overview.searchTexts() }
        derived = Derived(boardView, filter: filter, sort: sort, reversed: sortReversed)
        settleSelections()
    }

    mutating func settleSelections() {
        for p in Pane.allCases { settle(p) }
    }

    /// Finds the selected id again; when it is gone, keeps the row at the same place.
    mutating func settle(_ p: Pane) {
        let list = entries(p)
        var pos = position(p)
        if let anchor = filterAnchors[p], let i = list.firstIndex(where: { $0.id == anchor }) {
            pos.index = i
            pos.selectedID = anchor
        } else if let id = pos.selectedID, let i = list.firstIndex(where: { $0.id == id }) {
            pos.index = i
        } else if let i = Self.selectable(list, near: pos.index) {
            pos.index = i
            pos.selectedID = list[i].id
        } else {
            // An empty list keeps the id, so the task is selected again when it comes back.
            pos.index = 0
        }
        positions[p] = pos
        keepVisible(p)
    }

    /// The selectable line nearest to `index`, preferring the ones below it.
    static func selectable(_ list: [Entry], near index: Int) -> Int? {
        guard !list.isEmpty else { return nil }
        let start = min(max(0, index), list.count - 1)
        if let i = list[start...].firstIndex(where: { $0.id != nil }) { return i }
        return list[..<start].lastIndex(where: { $0.id != nil })
    }

    /// Scrolls the pane so that its selection is on screen, with the heading above it if any.
    mutating func keepVisible(_ p: Pane) {
        let rows = max(1, Layout(size).listRows(p))
        let count = entries(p).count
        var pos = position(p)
        var top = pos.index
        if top > 0, entries(p)[top - 1].id == nil { top -= 1 }
        if top < pos.scroll { pos.scroll = top }
        if pos.index >= pos.scroll + rows { pos.scroll = pos.index - rows + 1 }
        pos.scroll = max(0, min(pos.scroll, count - rows))
        positions[p] = pos
    }
}

/// The board seen on the day shown, before any filter or sort: computed once per change of
/// ledger or day, so that typing a filter or changing the sort redoes only the filtering.
public struct BoardView: Sendable {
    public let overview: Overview
    public let totals: (counts: TimelinessCounts, assignments: Int, clear: Int)
    let deadlines: Deadlines
    let decrees: [TaskRow]
    let agencies: [AgencyStats]
    /// The folded text of each of `overview.rows`, built the first time a filter has free words.
    var searchTexts: [String]?

    init(ledger: Ledger, today: CivilDate) {
        let o = Overview(board: ledger.board, today: today)
        overview = o
        totals = o.totals()
        deadlines = o.deadlines()
        decrees = o.overdueDecrees()
        agencies = o.agencyStats()
    }
}

/// What the panes show, computed once per change of ledger, day, filter or sort, so that
/// moving the selection costs nothing.
public struct Derived: Sendable {
    public let overview: Overview
    public let totals: (counts: TimelinessCounts, assignments: Int, clear: Int)
    /// Indexed by `Pane.rawValue`.
    public let entries: [[Entry]]
    /// Tasks matching the filter, before it was applied to each pane (for the header count).
    public let matching: Int

    init(_ view: BoardView, filter: TaskFilter, sort: SortKey, reversed: Bool) {
        let o = view.overview
        overview = o
        totals = view.totals
        let rows: [TaskRow]
        if let texts = view.searchTexts, filter.hasWords {
            rows = zip(o.rows, texts).compactMap { r, text in filter.matches(r, in: o, searchText: text) ? r : nil }
        } else {
            rows = o.rows(matching: filter)
        }
        matching = rows.count
        let tasks = Self.sorted(rows, by: sort, reversed: reversed).map(Entry.task)

        var deadlines: [Entry] = []
        let missed = view.deadlines.missed.filter { filter.matches($0, in: o) }
        if !missed.isEmpty {
            deadlines.append(.missedHeading(count: missed.count))
            deadlines += missed.map(Entry.task)
        }
        for group in view.deadlines.upcoming {
            let rows = group.rows.filter { filter.matches($0, in: o) }
            guard !rows.isEmpty else { continue }
            deadlines.append(.dayHeading(group.date, count: rows.count))
            deadlines += rows.map(Entry.task)
        }
        let decrees = view.decrees.filter { filter.matches($0, in: o) }.map(Entry.task)
        entries = [tasks, deadlines, decrees, view.agencies.map(Entry.agency)]
    }

    static func sorted(_ rows: [TaskRow], by key: SortKey, reversed: Bool) -> [TaskRow] {
        let ordered: [TaskRow]
        switch key {
        case .urgency: ordered = stable(rows) { urgency($0) < urgency($1) }
        case .ledger: ordered = rows
        case .id: ordered = rows.sorted { $0.task.id < $1.task.id }
        case .due: ordered = stable(rows) { a, b in
            switch (a.task.due, b.task.due) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            default: return false
            }
        }
        case .late: ordered = stable(rows) { ($0.daysLate ?? Int.min) > ($1.daysLate ?? Int.min) }
        case .lead: ordered = stable(rows) { ($0.task.lead ?? "\u{10FFFF}") < ($1.task.lead ?? "\u{10FFFF}") }
        case .state: ordered = stable(rows) { stateRank($0.task.state) < stateRank($1.task.state) }
        case .clarity: ordered = stable(rows) { $0.unclear.count > $1.unclear.count }
        }
        return reversed ? ordered.reversed() : ordered
    }

    /// Sorts keeping ledger order among equals, so that the same keys give the same screen.
    static func stable(_ rows: [TaskRow], _ before: (TaskRow, TaskRow) -> Bool) -> [TaskRow] {
        rows.enumerated().sorted { a, b in
            if before(a.element, b.element) { return true }
            if before(b.element, a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// What needs attention first: overdue (most days late first), then open work by how soon it
    /// falls due, then open work with no deadline, then what is closed.
    static func urgency(_ r: TaskRow) -> (Int, Int) {
        switch r.timeliness {
        case .openOverdue: return (0, -(r.daysLate ?? 0))
        case .openInTime: return (1, r.daysLeft ?? 0)
        case .noDeadline where r.task.state.isOpen: return (2, 0)
        default: return (3, 0)
        }
    }

    static func stateRank(_ s: TaskState) -> Int { TaskState.allCases.firstIndex(of: s) ?? 0 }
}
