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
        case .task(let r): return r.withTask { $0.pointee.id }
        case .agency(let a): return a.agency.id
        case .missedHeading, .dayHeading: return nil
        }
    }

    /// A task or an agency, not a heading: `id != nil`, without copying the line.
    public var isSelectable: Bool {
        switch self {
        case .task, .agency: return true
        case .missedHeading, .dayHeading: return false
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

/// Which history the detail view wants: a task's, as the ledger stood after a number of
/// events, in one reading of the file. Read back from the file again when any of it changes.
public struct HistoryKey: Hashable, Sendable {
    public let id: String
    let eventCount: Int
    let rereads: Int
    let asOf: CivilDate?
}

/// A task's history read back from the ledger file, or why it could not be.
public enum HistoryRead: Sendable, Equatable {
    case events([Event])
    case failed(String)

    /// The history `key` names, read back through `journal` (what `Effect.readHistory` asks).
    public init(_ key: HistoryKey, from journal: FileJournal) {
        do { self = .events(try journal.history(of: key.id)) } catch { self = .failed(error.description) }
    }
}

/// The history the detail view shows, and which one it is.
public struct ShownHistory: Sendable {
    public let key: HistoryKey
    public let read: HistoryRead
}

/// A change made in this session and how to take it back.
public struct SessionChange: Hashable, Sendable {
    public var summary: String
    public var undo: Undo
    /// How many events the task's history held once the change was in, and how many of them
    /// this session wrote: when the task is undone, events beyond both are another user's,
    /// which the undo would set back.
    public var historyLength: Int
    public var ownEvents: Int
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
    /// False when the file's permissions refuse this user's writes.
    public let writable: Bool
    /// The file is writable by every user: steer writes to no such file (anyone could have
    /// changed it), so the screen offers no change.
    public let writableByEveryone: Bool
    /// Why the ledger's file cannot be followed now (removed, emptied, unreadable), in the
    /// user's language; nil once it can again. The board stays as last read, and read-only.
    public internal(set) var fileTrouble: String?

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
    /// How many events this session wrote about each task, its changes and its undos.
    var ownEvents: [String: Int] = [:]
    /// The history the detail view shows, as last read back from the file, for a ledger that
    /// keeps histories there (`EventRetention.historiesOnFile`).
    public internal(set) var history: ShownHistory?
    /// While a filter is typed, the task selected when `/` was pressed: it is selected again
    /// whenever the query being typed lets it through, so typing does not lose the selection.
    var filterAnchors: [Pane: String] = [:]
    public internal(set) var boardView: BoardView
    public internal(set) var derived: Derived
    /// Whether writing was off when the board was set aside (`setBoardAside`).
    var readOnlyWhenSetAside: Bool?
    /// What the board view worked out, kept while the board is set aside, to be brought up to
    /// the ledger that comes back.
    var aside: BoardAside?

    /// `ledger` read with `asOf` pins the day shown to that day; without it the day follows
    /// `clockDay`.
    public init(ledger: Ledger, clockDay: CivilDate, language: Language, size: Size,
                actor: String, ledgerName: String, readOnly: Bool, writable: Bool = true, writableByEveryone: Bool = false) {
        self.ledger = ledger
        self.clockDay = clockDay
        self.language = language
        self.size = size
        self.actor = actor
        self.ledgerName = ledgerName
        self.readOnlyRequested = readOnly
        self.writable = writable
        self.writableByEveryone = writableByEveryone
        self.boardView = BoardView(ledger: ledger, today: ledger.asOf ?? clockDay, language: language)
        self.derived = Derived(boardView, filter: .all, sort: .urgency, reversed: false)
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

    /// Whether a yes/no question is open.
    public var isAsking: Bool {
        if case .confirm = overlay { return true }
        return false
    }

    /// Why nothing may be written, in the user's language; nil when writing is allowed.
    public var readOnlyReason: String? {
        if readOnlyRequested { return language.t("read-only (--read-only): changes are off", "chỉ đọc (--read-only): không ghi thay đổi") }
        if let fileTrouble { return language.t("read-only: ", "chỉ đọc: ") + fileTrouble }
        if writableByEveryone {
            return language.t("read-only: the ledger's file, or its directory, is writable by every user, and steer writes to no ledger anyone could replace; its owner can take that away (chmod o-w \(ShellWord.quoted(ledgerName)), or on the directory)",
                              "chỉ đọc: tệp sổ hoặc thư mục chứa nó cho mọi người dùng quyền ghi, và steer không ghi vào sổ mà ai cũng có thể thay; chủ sở hữu có thể bỏ quyền đó (chmod o-w \(ShellWord.quoted(ledgerName)), hoặc trên thư mục)")
        }
        if !writable {
            return language.t("read-only: you may not write to this ledger's file; its owner can let your group write (chmod g+w)",
                              "chỉ đọc: bạn không có quyền ghi tệp sổ này; chủ tệp có thể cho nhóm quyền ghi (chmod g+w)")
        }
        // The ledger says who may record: a login it does not name, or names a viewer, is
        // refused every change, so the screen offers none.
        if !ledger.latest.members.isEmpty {
            switch ledger.latest.members[actor]?.role {
            case .viewer:
                return language.t("read-only: @\(actor) is a viewer of this ledger; the secretariat records changes",
                                  "chỉ đọc: @\(actor) chỉ được xem sổ này; thư ký ghi các thay đổi")
            case nil, .none?:
                return language.t("read-only: @\(actor) is not a member of this ledger; the secretariat declares members",
                                  "chỉ đọc: @\(actor) không phải thành viên của sổ này; thư ký khai báo thành viên")
            default: break
            }
        }
        // A year mistyped on the last line (2052 for 2025): no event can be stamped after it
        // (`Board.stamp(now:)`), and what it records already shows as done. Two days on at least,
        // so more than the day ahead another writer's clock may be.
        if let last = ledger.latest.lastTime, last.date(inOffset: ledger.latest.config.offsetMinutes) > clockDay.adding(days: 1) {
            return language.t("read-only: the ledger's last event is stamped \(last), after today, and is shown as done; correct that line (`steer check` finds it)",
                              "chỉ đọc: sự kiện cuối của sổ ghi thời điểm \(last), sau hôm nay, và được hiển thị như đã xảy ra; hãy sửa dòng đó (`steer check` chỉ ra)")
        }
        // Another file named by mistake, or a ledger saved with CR line ends: said as such.
        if ledger.versionLineProblem != nil {
            return language.t("read-only: \(ledgerName) is not a steer ledger: its first line is not `\(LedgerHeader.text)` (`steer check` says why)",
                              "chỉ đọc: \(ledgerName) không phải sổ steer: dòng đầu không phải `\(LedgerHeader.text)` (`steer check` cho biết lý do)")
        }
        if !ledger.isClean {
            let n = max(1, ledger.errors.count)
            return language.t("read-only: the ledger has \(n) problem\(n == 1 ? "" : "s"); run `steer check` (and `steer repair` for a torn last line)",
                              "chỉ đọc: sổ có \(n) lỗi; chạy `steer check` (và `steer repair` nếu dòng cuối bị cắt)")
        }
        return nil
    }

    /// Whether this user's role lets them record `action` at all: a focal point records how its
    /// agency's tasks go (start, report, block, submit, stages), not acceptances, extensions or
    /// new tasks, which the footer then does not offer.
    public func roleAllows(_ action: Action) -> Bool { roleAllows(action.verb) }

    /// Whether this user's role lets them record `verb` at all (a focal point records only its
    /// own verbs): asked of the keys, of what `b` records on a blocked task, and of an undo.
    func roleAllows(_ verb: Verb) -> Bool {
        ledger.latest.members[actor]?.role != .focal || Board.isFocalVerb(verb)
    }

    /// Whether the footer offers `action`: this user may record it, and, but for `assign`, a
    /// task is selected (none is on the Agencies pane or an empty one); in a task's detail, one
    /// that it fits (`b` on a blocked task records `unblock`; `A` and `D` each fit one sort of
    /// task). Offered where it could only be refused, it misled. On the panes the keys do not
    /// change with the selection: `j` redraws the markers, not the footer.
    public func footerOffers(_ action: Action) -> Bool {
        guard roleAllows(action) else { return false }
        if action == .assign { return true }
        guard let id = selectedTaskID else { return false }
        guard case .detail = screen, let task = ledger.latest.tasks[id] else { return true }
        let verb: Verb = action == .block && task.state == .blocked ? .unblock : action.verb
        if action == .accept, task.kind.isLegalDocument { return false }
        if action == .stage, !task.kind.isLegalDocument { return false }
        if !roleAllows(verb) { return false }
        return Board.allows(verb, from: task.state)
    }

    public func entries(_ pane: Pane) -> Lines { derived.entries[pane.rawValue] }

    public func position(_ pane: Pane) -> ListPosition { positions[pane] ?? ListPosition() }

    /// The history to read back from the file for the task whose detail is shown, when the
    /// one held is not of this state of the ledger; nil when none is needed.
    var historyToRead: HistoryKey? {
        guard case .detail(let id, _) = screen, ledger.retention == .historiesOnFile else { return nil }
        let key = HistoryKey(id: id, eventCount: ledger.eventCount, rereads: ledger.rereads, asOf: ledger.asOf)
        return history?.key == key ? nil : key
    }

    /// The events the detail view lists for task `id`: from memory for a ledger that keeps
    /// them, else as last read from the file (an earlier reading until the next arrives); nil
    /// while none has been read.
    func historyShown(of id: String) -> HistoryRead? {
        if ledger.retention == .everyEvent { return .events(ledger.history(of: id).map(\.event)) }
        guard let history, history.key.id == id else { return nil }
        return history.read
    }

    /// The task the action keys act on: the one in the detail view, else the selected line
    /// of the current pane if it is a task.
    public var selectedTaskID: String? {
        if case .detail(let id, _) = screen { return id }
        let pos = position(pane)
        let list = entries(pane)
        guard pane != .agencies, let id = pos.selectedID, pos.index < list.count, list.id(at: pos.index) == id else { return nil }
        return id
    }

    public var selectedAgencyID: String? {
        pane == .agencies ? position(.agencies).selectedID : nil
    }

    /// Runs `Effect.buildSearchIndex`: starts folding every row's search text on other cores.
    public mutating func buildSearchIndex() {
        if searchIndexMissing { boardView.pendingSearch = SearchBuild(boardView.overview) }
    }

    /// `Effect.buildSearchIndex` when the filter line opens and the search texts are missing.
    /// (Not for `:filter`: `:` opens for other commands as often.)
    var searchIndexToBuild: [Effect] { searchIndexMissing ? [.buildSearchIndex] : [] }

    /// Whether the search texts are neither built nor being built.
    private var searchIndexMissing: Bool { boardView.search == nil && boardView.pendingSearch == nil }

    /// The cells are measured again in the new language (its words have other widths).
    mutating func setLanguage(_ l: Language) {
        language = l
        boardView.widths = CellWidths(boardView, l)
        rederive()
    }

    /// Lets go of the ledger and of all the screen drew from it, for the journal to write to
    /// it: still held here, its first write copied every task and event (at 1M tasks, 0.7 s),
    /// for that copy to be dropped when the new ledger arrived. What the board view worked out
    /// is kept aside, to be brought up to date where the new events touched it. Until
    /// `.ledgerChanged` or `.reopened` brings a ledger, the panes are empty; selections and
    /// scrolling are kept for that ledger, so nothing may be drawn or pressed in between.
    public mutating func setBoardAside() {
        if readOnlyWhenSetAside == nil { readOnlyWhenSetAside = isReadOnly }
        if aside == nil { aside = boardView.setAside(of: ledger, language: language) }
        ledger = ledger.emptied()
        boardView = BoardView(ledger: ledger, today: today, language: language)
        derived = Derived(boardView, filter: filter, sort: sort, reversed: sortReversed)
    }

    /// Recomputes the board after the ledger or the day changed, then what the panes show: from
    /// what was set aside, when the new ledger follows on from it.
    mutating func rebase() {
        if let kept = aside.take(), let patched = BoardView(patching: kept, ledger: ledger, today: today, language: language) {
            boardView = patched
        } else {
            boardView = BoardView(ledger: ledger, today: today, language: language)
        }
        rederive(sameBoard: false)
    }

    /// Recomputes what the panes show after the filter or the sort changed, then puts each
    /// selection back on the same task. On the same board, a filter narrowing the one before
    /// tests only the lines that one let through.
    mutating func rederive(sameBoard: Bool = true) {
        if filter.hasWords, boardView.search == nil {
            boardView.search = boardView.pendingSearch?.wait() ?? SearchIndex(boardView.overview)
            // Let go of, so that the index, patched when the board changes, is patched in place.
            boardView.pendingSearch = nil
        }
        boardView.orders.bringUpToDate(sort, boardView.overview.rows)
        derived = Derived(boardView, filter: filter, sort: sort, reversed: sortReversed, previous: sameBoard ? derived : nil)
        settleSelections()
    }

    /// Puts `p`'s selection on its first row should its task not be found again.
    mutating func startAtTheTop(_ p: Pane) {
        var pos = position(p)
        pos.index = 0
        positions[p] = pos
    }

    mutating func settleSelections() {
        for p in Pane.allCases { settle(p) }
    }

    /// Finds the selected id again; when it is gone, keeps the row at the same place (but for a
    /// filter being typed, which starts at its first match).
    mutating func settle(_ p: Pane) {
        let list = entries(p)
        var pos = position(p)
        if let anchor = filterAnchors[p], let i = list.index(of: anchor, in: overview) {
            pos.index = i
            pos.selectedID = anchor
        } else if filterAnchors[p] != nil, let i = Self.selectable(list, near: 0) {
            // A filter being typed that leaves out the task selected before starts at its first
            // match: kept at the old row, the selection fell on the last of a few matches.
            pos.index = i
            pos.selectedID = list.id(at: i)
        } else if let id = pos.selectedID, let i = list.index(of: id, in: overview) {
            pos.index = i
        } else if let i = Self.selectable(list, near: pos.index) {
            pos.index = i
            pos.selectedID = list.id(at: i)
        } else {
            // An empty list keeps the id, so the task is selected again when it comes back.
            pos.index = 0
        }
        positions[p] = pos
        keepVisible(p)
    }

    /// The selectable line nearest to `index`, preferring the ones below it.
    static func selectable(_ list: Lines, near index: Int) -> Int? {
        guard !list.isEmpty else { return nil }
        let start = min(max(0, index), list.count - 1)
        if let i = (start ..< list.count).first(where: list.isSelectable(at:)) { return i }
        return (0 ..< start).last(where: list.isSelectable(at:))
    }

    /// Scrolls the pane so that its selection is on screen, with the heading above it if any.
    mutating func keepVisible(_ p: Pane) {
        let rows = max(1, Layout(size).listRows(p))
        let count = entries(p).count
        var pos = position(p)
        var top = pos.index
        if top > 0, !entries(p).isSelectable(at: top - 1) { top -= 1 }
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
    public let totals: Totals
    let deadlines: Deadlines
    let decrees: [TaskRow]
    /// Where each line of `deadlines` and `decrees` is in `overview.rows`, so that the panes
    /// hold row numbers and filtering them reads the same folded texts as the Tasks pane.
    let deadlineRows: DeadlineRows
    let upcomingRows: [[Int32]]
    let decreeRows: [Int32]
    let agencies: [AgencyStats]
    /// The folded text of each of `overview.rows`, built the first time a filter has free words.
    var search: SearchIndex?
    /// The same, being built on other cores since the filter line opened.
    var pendingSearch: SearchBuild?
    /// `overview.rows` in each sort order (ledger order among equals), as indices: filtered
    /// in place of sorting again.
    var orders: RowOrders
    /// How wide each line's cells are, so that sizing a pane's columns does not draw every line.
    var widths: CellWidths

    var missedRows: [Int32] { deadlineRows.missed }

    init(ledger: Ledger, today: CivilDate, language: Language) {
        let o = Overview(board: ledger.board, today: today)
        overview = o
        totals = o.totals()
        deadlineRows = o.deadlineRows()
        deadlines = o.deadlines(deadlineRows)
        upcomingRows = deadlines.upcoming.map { $0.rows.map { Int32($0.place) } }
        decrees = o.overdueDecrees()
        decreeRows = decrees.map { Int32($0.place) }
        agencies = o.agencyStats()
        orders = RowOrders(o.rows)
        widths = CellWidths()
        widths = CellWidths(self, language)
    }

    /// The view of `ledger`'s board brought up to date from `aside`, set aside from the view of
    /// an earlier state of the same ledger: only the rows of the tasks named by the events
    /// since, and of the tasks assigned since, are worked out again. Nil when that cannot be
    /// done, or would cost more than working out everything: another day or language shown, a
    /// ledger read again from its start, an event not about a task (settings, agencies and
    /// members can change any row), or more than an eighth of the rows touched.
    init?(patching aside: consuming BoardAside, ledger: Ledger, today: CivilDate, language: Language) {
        guard aside.today == today, aside.language == language, ledger.rereads == aside.rereads,
              let since = ledger.events(after: aside.eventCount) else { return nil }
        let board = ledger.board
        let before = aside.verdicts.count
        guard board.tasks.count >= before else { return nil }
        var changed: [Int] = []
        var seen = Set<Int>()
        var leadsMoved = false
        for e in since {
            guard e.event.verb.isAboutTask else { return nil }
            leadsMoved = leadsMoved || e.event.canMoveLeads
            // An event about a task not on the board shown (assigned after the day shown)
            // changed nothing there.
            if let p = board.tasks.position(of: e.event.id), p < before, seen.insert(p).inserted { changed.append(p) }
        }
        let added = before ..< board.tasks.count
        guard (changed.count + added.count) * 8 <= before else { return nil }
        let changedRows = RowSet(changed, count: before)
        func isChanged(_ row: Int32) -> Bool { changedRows.contains(Int(row)) }
        let touched = (changed + added).map { Int32($0) }
        // How each touched row stood before: nothing yet for a task added.
        let stood: [(row: Int, before: Verdict?)] = changed.map { ($0, aside.verdicts[$0]) } + added.map { ($0, nil) }

        // Taken out of the aside, each array is held once and changed in place.
        let verdicts = aside.verdicts
        aside.verdicts = []
        let o = Overview(board: board, today: today, keeping: consume verdicts, rejudging: changed)
        overview = o
        totals = o.totals(updating: aside.totals, changed: stood)
        deadlineRows = o.deadlineRows(updating: aside.deadlineRows, touched: touched, isTouched: isChanged)
        deadlines = o.deadlines(deadlineRows)
        upcomingRows = deadlines.upcoming.map { $0.rows.map { Int32($0.place) } }
        decreeRows = SortedRows.patched(aside.decreeRows, dropping: isChanged, inserting: touched.filter { o.isOverdueDecree(Int($0)) },
                                        by: { o.lateFirst(Int($0), Int($1)) })
        decrees = decreeRows.map { o.rows[Int($0)] }
        agencies = leadsMoved ? o.agencyStats() : o.agencyStats(updating: aside.agencies, changed: stood)
        orders = aside.orders
        orders.touch(touched)
        var search = aside.search
        aside.search = nil
        if search?.patch(changed, o) == false { search = nil }
        self.search = search
        // Patched apart from `self`, which `patch` reads: the copy of `self` it is given would
        // share the widths and have them copied whole at the first change.
        widths = CellWidths()
        var measured = aside.widths
        aside.widths = CellWidths()
        measured.patch(self, changed: changed, added: added, earlier: aside, language)
        widths = measured
    }

    /// What `init(patching:)` needs of this view to bring a later state of `ledger`'s board up
    /// to date from it; holds no part of the board's task list.
    func setAside(of ledger: Ledger, language: Language) -> BoardAside {
        // An index still being built is waited for: it reads the board, which the journal is
        // about to write to, and would have it copied whole.
        BoardAside(today: overview.today, language: language, rereads: ledger.rereads, eventCount: ledger.eventCount,
                   verdicts: overview.verdicts, totals: totals, orders: orders, widths: widths, agencies: agencies,
                   search: search ?? pendingSearch?.wait(), deadlineRows: deadlineRows, decreeRows: decreeRows)
    }
}

/// What the screen keeps of its board view while the journal writes to the ledger
/// (`AppState.setBoardAside`): all it worked out that holds no part of the board's task list,
/// so that the view of the board that comes back is patched where the new events touched it,
/// not worked out again (at 1M tasks, 1.5 s after every change).
struct BoardAside: Sendable {
    let today: CivilDate
    let language: Language
    /// The ledger's `rereads` and `eventCount` when the view was set aside.
    let rereads: Int
    let eventCount: Int
    var verdicts: [Verdict]
    let totals: Totals
    let orders: RowOrders
    var widths: CellWidths
    let agencies: [AgencyStats]
    var search: SearchIndex?
    let deadlineRows: DeadlineRows
    let decreeRows: [Int32]
}

/// The widths of the cells of every line of the task panes, in the pane's columns, one row of
/// `stride` after another: the Tasks pane's by the line's place in `overview.rows`, the
/// Deadlines' and Overdue decrees' by their place in `BoardView`'s lists.
struct CellWidths: Sendable {
    static let tasksStride = 7, deadlinesStride = 6, decreesStride = 7
    var tasks: [UInt16] = []
    var missed: [UInt16] = []
    var upcoming: [[UInt16]] = []
    var decrees: [UInt16] = []
    /// The widest cell of each column of the Tasks pane over every task: the widths of an
    /// unfiltered pane, whatever its order.
    var allTasks: [Int] = []

    init() {}

    init(_ view: BoardView, _ language: Language) {
        let o = view.overview
        // Measured on every core, a piece of the rows each: at 1M tasks one thread took 1.7 s
        // of the screen's start, and of every rebuild after the ledger changed.
        func widths<Rows: RandomAccessCollection<TaskRow>>(_ rows: Rows, _ pane: Pane) -> [UInt16] where Rows.Index == Int {
            RowPieces.joined(rows.count) { Self.widths(rows[$0], pane, language, o) }
        }
        tasks = widths(o.rows, .tasks)
        allTasks = Array(repeating: 0, count: Self.tasksStride)
        Self.widest(tasks, stride: Self.tasksStride, 0 ..< Int32(o.rows.count), into: &allTasks)
        missed = widths(view.deadlines.missed, .deadlines)
        upcoming = view.deadlines.upcoming.map { widths($0.rows, .deadlines) }
        decrees = widths(view.decrees, .decrees)
    }

    /// The width of each cell of each of `rows` in `pane`, one row after another.
    static func widths(_ rows: some Collection<TaskRow>, _ pane: Pane, _ language: Language, _ o: Overview) -> [UInt16] {
        var measure = TextWidths()
        var out: [UInt16] = []
        out.reserveCapacity(rows.count * stride(pane))
        for r in rows { measure.cells(r, pane, language, o, into: &out) }
        return out
    }

    static func stride(_ pane: Pane) -> Int {
        switch pane {
        case .deadlines: return deadlinesStride
        case .decrees: return decreesStride
        default: return tasksStride
        }
    }

    /// Brings the widths of an earlier view up to `view`, which `init(patching:)` brought up
    /// from `earlier` (set aside from that view): the Tasks pane's rows `changed` and `added`
    /// are measured again, and the lines of the other panes measured for the rows that did not
    /// change are kept.
    mutating func patch(_ view: BoardView, changed: [Int], added: Range<Int>, earlier: borrowing BoardAside, _ language: Language) {
        let o = view.overview
        var measure = TextWidths()
        var row: [UInt16] = []
        // The widest cells stay the widest unless one of them narrowed: only then are all the
        // rows' widths read again.
        var narrowed = false
        for r in changed {
            row.removeAll(keepingCapacity: true)
            measure.cells(o.rows[r], .tasks, language, o, into: &row)
            let at = r * Self.tasksStride
            for c in 0 ..< Self.tasksStride {
                if Int(tasks[at + c]) == allTasks[c] && row[c] < tasks[at + c] { narrowed = true }
                allTasks[c] = max(allTasks[c], Int(row[c]))
            }
            tasks.replaceSubrange(at ..< at + Self.tasksStride, with: row)
        }
        let firstAdded = tasks.count
        for r in added { measure.cells(o.rows[r], .tasks, language, o, into: &tasks) }
        if narrowed {
            allTasks = Array(repeating: 0, count: Self.tasksStride)
            Self.widest(tasks, stride: Self.tasksStride, 0 ..< Int32(o.rows.count), into: &allTasks)
        } else {
            Self.widest(tasks, stride: Self.tasksStride, Int32(firstAdded / Self.tasksStride) ..< Int32(o.rows.count), into: &allTasks)
        }

        // The earlier lists hold rows from before the ones added.
        let changedRows = RowSet(changed, count: added.lowerBound)
        // Measures `pane`'s lines for `rows`, copying the widths of the earlier lines
        // `earlierRows` (`earlierWidths`) for the rows that did not change.
        func reusing(_ earlierRows: [Int32], _ earlierWidths: [UInt16], _ pane: Pane) -> ([Int32]) -> [UInt16] {
            let stride = Self.stride(pane)
            var at: [Int32: Int] = [:]
            for (i, r) in earlierRows.enumerated() where !changedRows.contains(Int(r)) { at[r] = i }
            return { rows in
                var out: [UInt16] = []
                out.reserveCapacity(rows.count * stride)
                for r in rows {
                    if let i = at[r] {
                        out += earlierWidths[i * stride ..< (i + 1) * stride]
                    } else {
                        measure.cells(o.rows[Int(r)], pane, language, o, into: &out)
                    }
                }
                return out
            }
        }
        missed = reusing(earlier.deadlineRows.missed, missed, .deadlines)(view.missedRows)
        upcoming = view.upcomingRows.map(reusing(earlier.deadlineRows.upcoming, upcoming.flatMap { $0 }, .deadlines))
        decrees = reusing(earlier.decreeRows, decrees, .decrees)(view.decreeRows)
    }

    /// The widest cell of each column over the lines `indices` of `widths`.
    static func widest(_ widths: [UInt16], stride: Int, _ indices: some Sequence<Int32>, into out: inout [Int]) {
        widths.withUnsafeBufferPointer { w in
            for i in indices {
                let base = Int(i) * stride
                for c in 0..<stride where Int(w[base + c]) > out[c] { out[c] = Int(w[base + c]) }
            }
        }
    }

    /// The widest cell of each column of the Tasks pane over the lines `picked`.
    func widestTasks(_ picked: [Int32]) -> [Int] {
        var out = Array(repeating: 0, count: Self.tasksStride)
        Self.widest(tasks, stride: Self.tasksStride, picked, into: &out)
        return out
    }

    /// The same over the rows of a set, read in row order: at 1M tasks the widths of a list in
    /// sort order are a cache miss per line.
    func widestTasks(_ rows: RowSet) -> [Int] {
        var out = Array(repeating: 0, count: Self.tasksStride)
        tasks.withUnsafeBufferPointer { w in
            rows.forEach { row in
                let base = row * Self.tasksStride
                for c in 0..<Self.tasksStride where Int(w[base + c]) > out[c] { out[c] = Int(w[base + c]) }
            }
        }
        return out
    }
}

/// The width of cells as `[Span].width` gives it. Text in the scalars Vietnamese is written
/// with is measured from its bytes (`DisplayWidth.ofCommonUTF8`: such text needs no sanitising,
/// so its width is the drawn one); other text is measured as drawn, and remembered. Looking
/// every non-ASCII text up instead hashed it normalised, which cost more than measuring it.
struct TextWidths {
    private var known: [String: Int] = [:]

    /// The widths of `r`'s cells in `pane`, appended to `out`; the flexible column's as 0.
    mutating func cells(_ r: TaskRow, _ pane: Pane, _ language: Language, _ o: Overview, into out: inout [UInt16]) {
        let title = PaneView.flexibleColumn(pane)
        let first = out.count
        out.append(contentsOf: repeatElement(0, count: CellWidths.stride(pane)))
        PaneView.forEachTaskSpan(r, pane, language, o) { c, span in
            if c != title { out[first + c] = UInt16(clamping: Int(out[first + c]) + width(span)) }
        }
    }

    mutating func width(_ s: Span) -> Int {
        if let w = DisplayWidth.ofCommonUTF8(s.text) { return w }
        if let w = known[s.text] { return w }
        let w = [s].width
        known[s.text] = w
        return w
    }
}

/// The lines of one pane as numbers rather than copies of rows: a line `>= 0` is that row of
/// the board's `overview.rows`, a negative line `-1 - k` is `others[k]` (a heading, an agency).
/// Filtering 1M tasks then copies 4 bytes per match, and finding a task is a scan of integers.
public struct Lines: RandomAccessCollection, Sendable {
    let codes: [Int32]
    let rows: Overview.Rows
    let others: [Entry]

    init(codes: [Int32], rows: Overview.Rows, others: [Entry] = []) {
        self.codes = codes
        self.rows = rows
        self.others = others
    }

    /// Every entry of `others`, in order: the Agencies pane.
    init(_ others: [Entry], beside rows: Overview.Rows) {
        self.init(codes: others.indices.map { Int32(-1 - $0) }, rows: rows, others: others)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { codes.count }

    public subscript(i: Int) -> Entry {
        let code = Int(codes[i])
        return code >= 0 ? .task(rows[code]) : others[-1 - code]
    }

    /// The id of line `i`, without making its entry.
    func id(at i: Int) -> String? {
        let code = Int(codes[i])
        return code >= 0 ? rows[code].withTask { $0.pointee.id } : others[-1 - code].id
    }

    func isSelectable(at i: Int) -> Bool {
        let code = Int(codes[i])
        return code >= 0 || others[-1 - code].isSelectable
    }

    /// The line showing the task or agency `id`.
    func index(of id: String, in o: Overview) -> Int? {
        if let row = o.rowIndex(of: id), let i = codes.firstIndex(of: Int32(row)) { return i }
        guard let k = others.firstIndex(where: { $0.id == id }) else { return nil }
        return codes.firstIndex(of: Int32(-1 - k))
    }
}

/// What the panes show, computed once per change of ledger, day, filter or sort, so that
/// moving the selection costs nothing.
public struct Derived: Sendable {
    public let overview: Overview
    public let totals: Totals
    /// Indexed by `Pane.rawValue`.
    public let entries: [Lines]
    /// Tasks matching the filter, before it was applied to each pane (for the header count).
    public let matching: Int
    /// The selectable lines of each pane (headings left out), indexed by `Pane.rawValue`.
    public let counts: [Int]
    /// The widest cell of each column of the task panes (Tasks, Deadlines, Overdue decrees),
    /// over every line they show; indexed by `Pane.rawValue`, empty for Agencies.
    let widest: [[Int]]
    /// What the lines were picked with, and the rows they are when the filter is free words
    /// alone: a narrower filter next searches only these rows.
    let filter: TaskFilter
    let found: RowSet?

    /// `view` must hold its search texts when `filter` has free words. `previous`, when given,
    /// must come from the same `view`.
    init(_ view: BoardView, filter: TaskFilter, sort: SortKey, reversed: Bool, previous: Derived? = nil) {
        let o = view.overview
        overview = o
        totals = view.totals
        self.filter = filter
        let all = o.rows
        let test = RowTest(view, filter)
        var picked: [Int32]
        // Measured here when cheaper than over `picked`, in sort order.
        var widestTasks: [Int]?
        var found: RowSet?
        // The rows holding the query's free words, once searched: the other panes read them too.
        var candidates: RowSet?
        let order = view.orders[sort]
        if filter.isEmpty {
            picked = order
            widestTasks = view.widths.allTasks
        } else {
            // Whatever a narrowing filter lets through, the previous one did: only its rows
            // are searched.
            let narrowed = previous.flatMap { p in filter.narrows(p.filter) ? p.found.map { ($0, p.filter) } : nil }
            candidates = test.candidates(among: narrowed)
            if let candidates {
                picked = Self.pick(order, candidates) { test.passesBesidesWords($0) }
                if test.onlyWords {
                    // The candidates are the matches: measured in row order, kept for the next key.
                    widestTasks = view.widths.widestTasks(candidates)
                    found = candidates
                }
            } else {
                picked = order.filter { test.passes(Int($0)) }
            }
        }
        if reversed { picked.reverse() }
        self.found = found
        matching = picked.count
        let tasks = Lines(codes: picked, rows: all)

        var widestDeadlines = Array(repeating: 0, count: CellWidths.deadlinesStride)
        var deadlineCodes: [Int32] = []
        var headings: [Entry] = []
        var deadlineCount = 0
        func passes(_ row: Int) -> Bool {
            guard let candidates else { return test.passes(row) }
            return candidates.contains(row) && test.passesBesidesWords(row)
        }
        // The places in `rows` of the ones the filter lets through.
        func kept(_ rows: [Int32]) -> [Int32] { rows.indices.filter { passes(Int(rows[$0])) }.map { Int32($0) } }
        func heading(_ e: Entry) {
            deadlineCodes.append(Int32(-1 - headings.count))
            headings.append(e)
        }
        let missed = kept(view.missedRows)
        if !missed.isEmpty {
            heading(.missedHeading(count: missed.count))
            deadlineCodes += missed.map { view.missedRows[Int($0)] }
            deadlineCount += missed.count
            CellWidths.widest(view.widths.missed, stride: CellWidths.deadlinesStride, missed, into: &widestDeadlines)
        }
        for (g, group) in view.deadlines.upcoming.enumerated() {
            let rows = kept(view.upcomingRows[g])
            guard !rows.isEmpty else { continue }
            heading(.dayHeading(group.date, count: rows.count))
            deadlineCodes += rows.map { view.upcomingRows[g][Int($0)] }
            deadlineCount += rows.count
            CellWidths.widest(view.widths.upcoming[g], stride: CellWidths.deadlinesStride, rows, into: &widestDeadlines)
        }
        let decreePlaces = kept(view.decreeRows)
        var widestDecrees = Array(repeating: 0, count: CellWidths.decreesStride)
        CellWidths.widest(view.widths.decrees, stride: CellWidths.decreesStride, decreePlaces, into: &widestDecrees)
        let decrees = Lines(codes: decreePlaces.map { view.decreeRows[Int($0)] }, rows: all)
        entries = [tasks, Lines(codes: deadlineCodes, rows: all, others: headings), decrees, Lines(view.agencies.map(Entry.agency), beside: all)]
        counts = [tasks.count, deadlineCount, decrees.count, view.agencies.count]
        widest = [widestTasks ?? view.widths.widestTasks(picked), widestDeadlines, widestDecrees, []]
    }

    /// The rows of `order` in `candidates` that `passes`, in that order.
    static func pick(_ order: [Int32], _ candidates: RowSet, _ passes: (Int) -> Bool) -> [Int32] {
        var picked: [Int32] = []
        picked.reserveCapacity(candidates.count)
        candidates.words.withUnsafeBufferPointer { bits in
            for i in order {
                let row = Int(i)
                if bits[row >> 6] & (1 << UInt64(row & 63)) != 0 && passes(row) { picked.append(i) }
            }
        }
        return picked
    }

    /// `urgency` as one comparable number: the group, then the days within it.
    static func urgencyKey(_ r: TaskRow) -> Int {
        let (group, days) = urgency(r)
        return group << 40 + days
    }

    /// What needs attention first: overdue (most days late first), then open work by how soon it
    /// falls due, then open work with no deadline, then what is closed.
    static func urgency(_ r: TaskRow) -> (Int, Int) {
        switch r.timeliness {
        case .openOverdue: return (0, -(r.daysLate ?? 0))
        case .openInTime: return (1, r.daysLeft ?? 0)
        case .noDeadline where r.withTask({ $0.pointee.state.isOpen }): return (2, 0)
        default: return (3, 0)
        }
    }

    static func stateRank(_ s: TaskState) -> Int { TaskState.allCases.firstIndex(of: s) ?? 0 }
}

/// Whether a row of the board passes a filter: its free words are looked for in the board's
/// search texts as bytes; the rest of the query, if any, is the core's `TaskFilter.matches`.
struct RowTest {
    let view: BoardView
    let filter: TaskFilter
    /// The free words every match contains, folded, as UTF-8.
    let words: [[UInt8]]
    /// The query is those words and nothing else: containing them is matching.
    let onlyWords: Bool

    init(_ view: BoardView, _ filter: TaskFilter) {
        self.view = view
        self.filter = filter
        words = view.search == nil ? [] : filter.requiredWords.map { Array($0.utf8) }
        onlyWords = !words.isEmpty && filter.isOnlyWords
    }

    func passes(_ row: Int) -> Bool {
        if filter.isEmpty { return true }
        if let search = view.search, !words.isEmpty, !search.contains(row, words) { return false }
        return passesBesidesWords(row)
    }

    /// Whether a row that contains every required word passes the rest of the query.
    func passesBesidesWords(_ row: Int) -> Bool {
        if onlyWords { return true }
        let r = view.overview.rows[row]
        return filter.matches(r, in: view.overview, searchText: view.search?.text(row) ?? TaskFilter.searchText(r.task, view.overview.board))
    }

    /// The rows containing every required word, searched on every core; nil when the query
    /// has no free word to look for. When narrowing, only the rows `among` the previous query
    /// let through are searched, and only for the words none of its words start with: those
    /// rows hold a word starting "dong", so one starting "don" too.
    func candidates(among narrowed: (rows: RowSet, filter: TaskFilter)?) -> RowSet? {
        guard let search = view.search, !words.isEmpty else { return nil }
        guard let narrowed else { return search.rows(containing: words) }
        let known = narrowed.filter.requiredWords.map { Array($0.utf8) }
        let unknown = words.filter { w in !known.contains { $0.starts(with: w) } }
        return unknown.isEmpty ? narrowed.rows : search.rows(containing: unknown, among: narrowed.rows)
    }
}
