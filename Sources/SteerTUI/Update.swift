import SteerCore

/// Everything that can happen to the program: keys, a resize, the ledger growing, the result
/// of a write, the clock passing midnight, the mouse.
public enum Msg: Sendable {
    case key(Keystroke)
    case resize(Size)
    case ledgerChanged(Ledger)
    /// The ledger was read again from the start as of another day (`:today`).
    case reopened(Ledger)
    /// A draft was written, stamped `at`. `undo` is how to take it back; nil when the draft was
    /// itself an undo.
    case appended(Draft, undo: Undo?, at: Timestamp)
    /// A write was refused or failed; nothing was written.
    case appendFailed(String)
    /// The ledger's file can be read again after `journalFailed`.
    case journalRecovered
    /// A write is about to wait for the ledger's lock, which another process holds.
    case waitingForLock
    /// Reading the ledger again failed (it was removed, or became unreadable).
    case journalFailed(String)
    case dayChanged(CivilDate)
    case click(Point)
    case wheel(Int)
    /// Text pasted into the terminal (marked as pasted by it): taken as text, never as keys.
    case paste(String)
    /// The history the detail view asked for (`Effect.readHistory`), or why it could not be read.
    case historyRead(HistoryKey, HistoryRead)

    /// What the user does: a key, a paste, the mouse.
    var isInput: Bool {
        switch self {
        case .key, .paste, .click, .wheel: return true
        default: return false
        }
    }
}

/// What `update` asks the outside world to do; the terminal layer runs these.
public enum Effect: Hashable, Sendable {
    /// Append the event through the journal (locked, validated against the freshest state).
    case append(Draft, undo: Undo?)
    /// Read what others appended, now.
    case refresh
    /// Read the ledger again from the start, as it stood at the end of that day (nil: all of it).
    case reopen(asOf: CivilDate?)
    /// Read a task's history back from the ledger file, for the detail view.
    case readHistory(HistoryKey)
    /// Fold every row's search text on other cores (`AppState.buildSearchIndex`): the filter
    /// line opened, and the first free word typed would otherwise wait for all of it.
    case buildSearchIndex
    /// Repaint the whole terminal (Ctrl-L).
    case redraw
    case quit
}

public enum App {
    /// What the screen's ledger keeps of the events: each task's history stays on the file, read
    /// back when a detail shows it. Kept in memory, the events of a million tasks took 1.8 GB.
    public static let retention = EventRetention.historiesOnFile

    /// The whole behaviour of the screen: a pure function from state and message to the next
    /// state and the effects to run.
    public static func update(_ state: AppState, _ msg: Msg) -> (AppState, [Effect]) {
        var s = state
        let effects = update(&s, msg)
        return (s, effects)
    }

    /// `update`, in place: the same next state, for a caller that has no use for the one
    /// before. The copy `update` makes shares the board view's arrays with the state it was
    /// made from, so that bringing the view up to date after a change copied them whole.
    public static func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
        var effects = state.receive(msg)
        // Whatever brought a task's detail to the screen, or new events to the ledger: the
        // history shown is read again when it is not the one of this state.
        if let key = state.historyToRead { effects.append(.readHistory(key)) }
        return effects
    }
}

extension AppState {
    mutating func receive(_ msg: Msg) -> [Effect] {
        // Nothing is shown but that the window is too small: a key acted on unseen could answer
        // a question nobody read (`y` to a cancel). Ctrl-C still ends steer.
        if msg.isInput, Layout(size).tooSmall { return [] }
        switch msg {
        case .key(let k):
            return press(k)
        case .resize(let newSize):
            size = newSize
            settleSelections()
            scrollDetail(by: 0)
        case .ledgerChanged(let l):
            replaceLedger(l)
        case .reopened(let l):
            status = nil
            fileTrouble = nil
            history = nil
            // Another reading of the file: nothing worked out from the one before carries over.
            aside = nil
            // Another day's board: a task selected that it does not have leaves the selection
            // on the first row, the most urgent, not at the place it had in the other board.
            for p in Pane.allCases { startAtTheTop(p) }
            replaceLedger(l)
            // A ledger that opens read-only says so instead.
            if status == nil {
                say(todayPinned ? language.t("the board as it stood at the end of \(today)", "bảng như vào cuối ngày \(today)")
                                : language.t("the board as it stands now, following the clock", "bảng hiện tại, theo ngày của đồng hồ"))
            }
        case .appended(let d, let undo, let time):
            let done: String
            ownEvents[d.id, default: 0] += 1
            if let undo {
                changes.append(SessionChange(summary: d.line, undo: undo, historyLength: ledger.latest.tasks.history(of: d.id).count,
                                             ownEvents: ownEvents[d.id]!))
                // Offered only when this user may record what takes it back (a focal point
                // cannot unblock or return).
                let offered = if case .by(let back) = undo { (try? ledger.latest.check(probe(back))) != nil } else { false }
                done = language.t("recorded: ", "đã ghi: ") + d.line + (offered ? language.t("  (u: undo)", "  (u: hoàn tác)") : "")
            } else {
                if !changes.isEmpty { changes.removeLast() }
                done = language.t("undone by: ", "đã hoàn tác bằng: ") + d.line
            }
            say(recordedAfterTheDayShown(time) ?? done)
            switch overlay {
            case .form, .confirm: overlay = .none
            default: break
            }
        case .waitingForLock:
            // Said where the eye is (the form being saved, else the status line), so that a save
            // kept waiting does not look like a key that did nothing.
            let text = language.t("waiting for the ledger's lock, which another process holds (at most \(TUIOptions.lockWaitSeconds) s)…",
                                  "đang chờ khóa sổ do tiến trình khác giữ (tối đa \(TUIOptions.lockWaitSeconds) giây)…")
            status = Status(text: text, isError: false)
            if case .form(var f) = overlay {
                f.error = text
                overlay = .form(f)
            }
        case .appendFailed(let why):
            // On an earlier day's board, a refusal speaks of the task as it is now.
            let now = today < clockDay ? language.t(" (judged on the ledger as it is now, not on the day shown)", " (xét theo sổ hiện tại, không theo ngày đang xem)") : ""
            let text = language.t("not recorded: ", "không ghi được: ") + Self.oneLine(RefusalText.say(why, hint: nil, language)) + now
            fail(text)
            if case .form(var f) = overlay {
                f.error = text
                overlay = .form(f)
            } else if case .confirm(let c) = overlay {
                // Back to the form the question came from, what was typed kept (a lock held
                // too long, a change another user made meanwhile).
                if var f = c.form {
                    f.error = text
                    overlay = .form(f)
                } else {
                    overlay = .none
                }
            }
        case .journalFailed(let why):
            let said = Self.oneLine(RefusalText.say(why, hint: nil, language))
            fileTrouble = said
            fail(said)
        case .journalRecovered:
            if status?.text == fileTrouble { status = nil }
            fileTrouble = nil
        case .dayChanged(let day):
            let moved = !todayPinned && day != clockDay
            clockDay = day
            if moved { rebase() }
        case .click(let p):
            click(p)
        case .wheel(let n):
            if case .none = overlay {
                if case .detail = screen { scrollDetail(by: n * 3) } else { move(pane, by: n * 3) }
            }
        case .paste(let text):
            paste(text)
        case .historyRead(let key, let read):
            history = ShownHistory(key: key, read: read)
            // A history shorter than the one shown before must not leave the page past its end.
            scrollDetail(by: 0)
        }
        return []
    }

    mutating func replaceLedger(_ l: Ledger) {
        let wasReadOnly = readOnlyWhenSetAside ?? isReadOnly
        readOnlyWhenSetAside = nil
        ledger = l
        rebase()
        if case .detail(let id, _) = screen, ledger.board.tasks[id] == nil { screen = .panes }
        if !wasReadOnly, let why = readOnlyReason { status = Status(text: why, isError: true) }
    }

    /// A write is stamped now, so on a board shown as of an earlier day it does not appear;
    /// says so, rather than leave the user looking for it. Nil when it is on the board.
    func recordedAfterTheDayShown(_ time: Timestamp) -> String? {
        let offset = ledger.latest.config.offsetMinutes
        guard let shown = ledger.asOf, time.date(inOffset: offset) > shown else { return nil }
        let when = time.minuteText(inOffset: offset)
        return language.t("recorded \(when), after the day shown (\(shown)); :today shows it",
                          "đã ghi lúc \(when), sau ngày đang xem (\(shown)); :today để xem")
    }

    static func oneLine(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " · ")
    }

    mutating func say(_ text: String) { status = Status(text: text, isError: false) }
    mutating func fail(_ text: String) { status = Status(text: text, isError: true) }

    // MARK: keys

    mutating func press(_ k: Keystroke) -> [Effect] {
        if case .alt(let key) = k {
            switch overlay {
            // Where text is typed, Alt and a key is most often an Esc and a key sent together
            // over a slow link: the Esc cancels, and the key, meant for the list, is dropped.
            // Taken for an Alt-key that does nothing, the form stayed open, and the Enter that
            // followed saved it.
            // At a question, likewise: the key, typed into the form it returns to, was text.
            case .form, .filter, .command, .confirm: return press(.escape)
            // Elsewhere it is an Esc and a key sent together (typed fast over a slow link).
            default: return press(.escape) + press(key)
            }
        }
        switch overlay {
        case .help(let scroll): return helpKey(k, scroll)
        case .filter(let editor, let before): return filterKey(k, editor, before)
        case .command(let editor): return commandKey(k, editor)
        case .form(let form): return formKey(k, form)
        case .confirm(let c): return confirmKey(k, c)
        case .none:
            status = nil
            let command: Command?
            if case .detail = screen { command = KeyMap.command(inDetail: k) } else { command = KeyMap.command(onPanes: k) }
            guard let command else {
                if case .char(let c) = k { fail(language.t("`\(c)` does nothing here; ? lists the keys", "phím `\(c)` không dùng ở đây; ? để xem các phím")) }
                return []
            }
            return run(command)
        }
    }

    mutating func run(_ c: Command) -> [Effect] {
        let isDetail: Bool
        if case .detail = screen { isDetail = true } else { isDetail = false }
        let page = isDetail ? detailPageHeight : Layout(size).listRows(pane)
        switch c {
        case .down: isDetail ? scrollDetail(by: 1) : move(pane, by: 1)
        case .up: isDetail ? scrollDetail(by: -1) : move(pane, by: -1)
        case .pageDown: isDetail ? scrollDetail(by: page) : move(pane, by: page)
        case .pageUp: isDetail ? scrollDetail(by: -page) : move(pane, by: -page)
        case .halfDown: isDetail ? scrollDetail(by: max(1, page / 2)) : move(pane, by: max(1, page / 2))
        case .halfUp: isDetail ? scrollDetail(by: -max(1, page / 2)) : move(pane, by: -max(1, page / 2))
        case .top: isDetail ? scrollDetail(by: Int.min / 2) : move(pane, by: Int.min / 2)
        case .bottom: isDetail ? scrollDetail(by: Int.max / 2) : move(pane, by: Int.max / 2)
        case .nextPane: pane = Pane(rawValue: (pane.rawValue + 1) % Pane.allCases.count)!
        case .previousPane: pane = Pane(rawValue: (pane.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
        case .pane(let p): pane = p
        case .open: open()
        case .back:
            if isDetail {
                screen = .panes
            } else if !filterText.isEmpty {
                setFilter("")
                say(language.t("filter cleared", "đã bỏ lọc"))
            }
        case .filter:
            overlay = .filter(LineEditor(filterText), before: filterText)
            for p in Pane.allCases { filterAnchors[p] = position(p).selectedID }
            return searchIndexToBuild
        case .nextMatch: isDetail ? stepDetail(1) : cycle(pane, by: 1)
        case .previousMatch: isDetail ? stepDetail(-1) : cycle(pane, by: -1)
        // Only the Tasks pane is sorted by `s`: elsewhere it changed that pane's order unseen.
        case .sort where pane != .tasks, .reverseSort where pane != .tasks:
            fail(language.t("s sorts the Tasks pane: press 1 first", "s sắp xếp khung Nhiệm vụ: bấm 1 trước"))
        case .sort:
            sort = SortKey.allCases[(SortKey.allCases.firstIndex(of: sort)! + 1) % SortKey.allCases.count]
            rederive()
            say(language.t("tasks sorted by ", "nhiệm vụ xếp theo ") + language.say(sort.phrase))
        case .reverseSort:
            sortReversed.toggle()
            rederive()
            say(language.t(sortReversed ? "sort reversed" : "sort in natural order", sortReversed ? "đã đảo chiều sắp xếp" : "sắp xếp theo chiều thường"))
        case .commandLine: overlay = .command(LineEditor())
        case .help: overlay = .help(scroll: 0)
        case .redraw: return [.redraw]
        case .quit: return [.quit]
        case .act(let a): startAction(a)
        case .undo: startUndo()
        }
        return []
    }

    /// Moves the selection by `n` selectable lines (headings are skipped), stopping at the ends.
    /// Walks from the selected line rather than listing every selectable line, so that a key
    /// costs the lines it moves over, not the length of the list.
    mutating func move(_ p: Pane, by n: Int) {
        let list = entries(p)
        guard let first = list.indices.first(where: list.isSelectable(at:)), let last = list.indices.last(where: list.isSelectable(at:)) else { return }
        var pos = position(p)
        var i = pos.index >= 0 && pos.index < list.count && list.isSelectable(at: pos.index) ? pos.index : first
        if n <= -list.count {
            i = first
        } else if n >= list.count {
            i = last
        } else {
            var left = abs(n)
            while left > 0, let next = n > 0 ? (i + 1 ..< list.count).first(where: list.isSelectable(at:)) : (0 ..< i).last(where: list.isSelectable(at:)) {
                i = next
                left -= 1
            }
        }
        pos.index = i
        pos.selectedID = list.id(at: i)
        positions[p] = pos
        keepVisible(p)
    }

    /// n/N: the next or previous line that matches, wrapping round at the ends.
    mutating func cycle(_ p: Pane, by n: Int) {
        let list = entries(p)
        let selectable = list.indices.filter(list.isSelectable(at:))
        guard !selectable.isEmpty else {
            fail(language.t("nothing matches", "không có kết quả"))
            return
        }
        var pos = position(p)
        let k = selectable.firstIndex(of: pos.index) ?? 0
        let target = ((k + n) % selectable.count + selectable.count) % selectable.count
        pos.index = selectable[target]
        pos.selectedID = list.id(at: pos.index)
        positions[p] = pos
        keepVisible(p)
        // The filter picks tasks: on the Agencies pane, which counts every task, n and N step
        // through the agencies, and say so rather than call each one a match.
        if p == .agencies {
            say(language.t("agency \(target + 1) of \(selectable.count) (the filter picks tasks, not agencies)",
                           "cơ quan \(target + 1)/\(selectable.count) (bộ lọc chọn nhiệm vụ, không chọn cơ quan)"))
        } else {
            say(language.t("match \(target + 1) of \(selectable.count)", "kết quả \(target + 1)/\(selectable.count)"))
        }
    }

    mutating func open() {
        guard let id = position(pane).selectedID else { return }
        if pane == .agencies {
            // The agency's tasks from their first row, the most urgent: the row selected before
            // (a closed task at the bottom) hid its overdue ones above.
            startAtTheTop(.tasks)
            positions[.tasks]?.selectedID = nil
            setFilter("lead:" + id)
            pane = .tasks
            say(language.t("tasks led by \(id); Esc clears the filter", "nhiệm vụ do \(id) chủ trì; Esc để bỏ lọc"))
        } else {
            screen = .detail(taskID: id, scroll: 0)
        }
    }

    /// In the detail view, n/N step through the tasks of the current list in its order.
    mutating func stepDetail(_ n: Int) {
        guard case .detail(let id, _) = screen else { return }
        let listPane = pane == .agencies ? Pane.tasks : pane
        let list = entries(listPane)
        let ids = list.indices.compactMap(list.id(at:))
        guard !ids.isEmpty else { return }
        let k = ids.firstIndex(of: id) ?? (n > 0 ? -1 : 0)
        let next = ids[((k + n) % ids.count + ids.count) % ids.count]
        screen = .detail(taskID: next, scroll: 0)
        var pos = position(listPane)
        pos.selectedID = next
        positions[listPane] = pos
        settle(listPane)
    }

    var detailPageHeight: Int { max(1, Layout(size).page.height - 1) }

    mutating func scrollDetail(by n: Int) {
        guard case .detail(let id, let scroll) = screen else { return }
        let lines = DetailView.lines(self, id: id, width: Layout(size).page.width).count
        let limit = max(0, lines - detailPageHeight)
        screen = .detail(taskID: id, scroll: max(0, min(limit, scroll + n)))
    }

    /// A filter already in force (Enter after typing it, Esc with nothing typed) is not applied
    /// again: typing applied it, and filtering every task once more would change nothing.
    mutating func setFilter(_ text: String) {
        guard text != filterText || filter.text != text else { return }
        filterText = text
        filter = (try? TaskFilter(text)) ?? .all
        rederive()
    }

    mutating func click(_ p: Point) {
        guard case .none = overlay, case .panes = screen else { return }
        let layout = Layout(size)
        let panes = layout.tiled ? Pane.allCases : [pane]
        for candidate in panes {
            let r = layout.content(of: candidate)
            guard p.x >= r.x, p.x < r.x + r.width, p.y > r.y, p.y < r.maxY else { continue }
            pane = candidate
            let index = position(candidate).scroll + p.y - r.y - 1
            let list = entries(candidate)
            guard index < list.count, let id = list.id(at: index) else { return }
            var pos = position(candidate)
            pos.index = index
            pos.selectedID = id
            positions[candidate] = pos
            return
        }
    }

    // MARK: overlays

    mutating func helpKey(_ k: Keystroke, _ scroll: Int) -> [Effect] {
        guard let c = KeyMap.help.command(for: k) else { return [] }
        let page = max(1, Layout(size).page.height - 1)
        let limit = max(0, HelpView.lines(language, readOnly: isReadOnly).count - page)
        let next: Int
        switch c {
        case .down: next = scroll + 1
        case .up: next = scroll - 1
        case .top: next = 0
        case .bottom: next = limit
        case .pageDown: next = scroll + page
        case .pageUp: next = scroll - page
        case .close:
            overlay = .none
            return []
        }
        overlay = .help(scroll: max(0, min(limit, next)))
        return []
    }

    /// Applies a line-editing key; false when the key is not an editing key.
    static func edit(_ editor: inout LineEditor, _ k: Keystroke) -> Bool {
        if case .char(let c) = k {
            editor.insert(c)
            return true
        }
        switch KeyMap.editing.command(for: k) {
        case .left: editor.left()
        case .right: editor.right()
        case .home: editor.home()
        case .end: editor.end()
        case .backspace: editor.backspace()
        case .delete: editor.deleteForward()
        case .killToStart: editor.killToStart()
        default: return false
        }
        return true
    }

    /// Pasted text goes into the line being typed, one line: its line breaks and tabs become
    /// spaces (a note pasted from an e-mail stays one note) and characters that may not be
    /// typed are left out. Anywhere else it is refused, whole.
    mutating func paste(_ text: String) {
        let line = String(text.compactMap { c -> Character? in
            if c.unicodeScalars.allSatisfy({ $0 == "\n" || $0 == "\r" || $0 == "\t" }) { return " " }
            return c.unicodeScalars.contains(where: Sanitizer.isUnsafe) ? nil : c
        })
        func typed(into editor: inout LineEditor) { for c in line { editor.insert(c) } }
        switch overlay {
        case .filter(var editor, let before):
            typed(into: &editor)
            filterChanged(editor, before: before)
        case .command(var editor):
            typed(into: &editor)
            overlay = .command(editor)
        case .form(var f):
            if case .choice = f.focused.kind {
                fail(language.t("this field is chosen with ← and →, not typed", "ô này chọn bằng ← và →, không gõ"))
                return
            }
            f.edit(typed)
            overlay = .form(f)
        case .none, .help, .confirm:
            fail(language.t("pasted text goes only where text is typed: a form's field, / or :",
                            "chỉ dán được vào chỗ đang gõ chữ: ô của biểu mẫu, / hoặc :"))
        }
    }

    /// The filter applies as it is typed, whenever the text parses; an error points at its column.
    mutating func filterKey(_ k: Keystroke, _ editor: LineEditor, _ before: String) -> [Effect] {
        var ed = editor
        switch KeyMap.editing.command(for: k) {
        case .confirm:
            do throws(TaskFilter.ParseError) {
                // An agency id the ledger has none for is said when the filter is set, not as
                // it is typed: `lead:BKH` is on its way to `lead:BKHCN`.
                if let unknown = try TaskFilter(ed.text).unknownAgency(on: ledger.latest) { throw unknown }
                overlay = .none
                setFilter(ed.text)
                filterAnchors = [:]
                filterProblem = nil
                if ed.text.isEmpty {
                    say(language.t("filter cleared", "đã bỏ lọc"))
                } else if pane == .agencies {
                    say(language.t("\(derived.matching) tasks match, in panes 1–3; the Agencies pane counts every task",
                                   "\(derived.matching) nhiệm vụ khớp, ở khung 1–3; khung Cơ quan tính mọi nhiệm vụ"))
                } else {
                    say(language.t("\(derived.matching) tasks match; n/N step through them, Esc clears",
                                   "\(derived.matching) nhiệm vụ khớp; n/N để duyệt, Esc để bỏ lọc"))
                }
            } catch {
                filterProblem = error
            }
            return []
        case .cancel:
            overlay = .none
            setFilter(before)
            filterAnchors = [:]
            filterProblem = nil
            status = nil
            return []
        default:
            guard Self.edit(&ed, k) else { return [] }
        }
        filterChanged(ed, before: before)
        return []
    }

    /// The filter line now reads `editor`: the panes show what it matches as it is typed.
    mutating func filterChanged(_ editor: LineEditor, before: String) {
        overlay = .filter(editor, before: before)
        do {
            filter = try TaskFilter(editor.text)
            filterText = editor.text
            rederive()
            filterProblem = nil
        } catch {
            filterProblem = error
        }
        status = nil
    }

    mutating func commandKey(_ k: Keystroke, _ editor: LineEditor) -> [Effect] {
        var ed = editor
        switch KeyMap.editing.command(for: k) {
        case .confirm:
            overlay = .none
            return execute(ed.text)
        case .cancel:
            overlay = .none
            return []
        case .backspace where ed.text.isEmpty:
            overlay = .none
            return []
        default:
            if Self.edit(&ed, k) { overlay = .command(ed) }
            return []
        }
    }

    /// Runs a `:` command; the table in `CommandLine` is also what the help lists.
    mutating func execute(_ text: String) -> [Effect] {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first else { return [] }
        let argument = words.count > 1 ? words[1].trimmingSpaces() : ""
        guard let command = CommandLine.named(name) else {
            fail(language.t("unknown command :\(name); :help lists them", "không có lệnh :\(name); :help để xem các lệnh"))
            return []
        }
        switch command {
        case .quit: return [.quit]
        case .help: overlay = .help(scroll: 0)
        case .reload: return [.refresh]
        case .filter:
            do throws(TaskFilter.ParseError) {
                if let unknown = try TaskFilter(argument).unknownAgency(on: ledger.latest) { throw unknown }
                setFilter(argument)
                say(argument.isEmpty ? language.t("filter cleared", "đã bỏ lọc") : language.t("\(derived.matching) tasks match", "\(derived.matching) nhiệm vụ khớp"))
            } catch {
                fail(FilterErrorText.line(error, language))
            }
        case .today:
            // The board as of a day is the events up to its end, as `steer show --today` reads
            // them: the file is read again rather than judging today's board on another day.
            if argument.isEmpty { return [.reopen(asOf: nil)] }
            guard let d = CivilDate(argument) else {
                fail(language.t("`\(argument)` is not a date; write :today 2025-06-30", "`\(argument)` không phải ngày; viết :today 2025-06-30"))
                return []
            }
            return [.reopen(asOf: d)]
        case .sort:
            guard let key = SortKey(rawValue: argument) else {
                fail(language.t("sort by one of: ", "xếp theo một trong: ") + SortKey.allCases.map(\.rawValue).joined(separator: ", "))
                return []
            }
            sort = key
            // Named, the order is the key's own: a reversal from before does not carry over.
            sortReversed = false
            rederive()
            say(language.t("tasks sorted by ", "nhiệm vụ xếp theo ") + language.say(key.phrase))
        case .lang:
            guard let l = Language(rawValue: argument) else {
                fail(language.t("languages: vi, en", "ngôn ngữ: vi, en"))
                return []
            }
            setLanguage(l)
        }
        return []
    }

    mutating func formKey(_ k: Keystroke, _ form: Form) -> [Effect] {
        var f = form
        let command = KeyMap.editing.command(for: k)
        switch command {
        case .cancel:
            overlay = .none
            say(language.t("nothing was changed", "không thay đổi gì"))
            return []
        case .nextField:
            f.focus = (f.focus + 1) % f.fields.count
        case .previousField:
            f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        case .confirm:
            if f.focus < f.fields.count - 1 {
                f.focus += 1
            } else {
                return submit(f)
            }
        case .left, .right:
            if case .choice(let options) = f.focused.kind, !options.isEmpty {
                // Stopping at either end, not wrapping: one ← from the first stage gave `issued`,
                // the last, which closes a document for good.
                let i = options.firstIndex(of: f.focused.editor.text) ?? 0
                let next = min(max(0, i + (command == .right ? 1 : -1)), options.count - 1)
                f.edit { $0 = LineEditor(options[next]) }
            } else {
                f.edit { _ = Self.edit(&$0, k) }
            }
        default:
            // A field with choices takes ← →, not typing nor deleting: typed, `thẩm định` was
            // appended to `appraisal` and the form refused both.
            if case .choice(let options) = f.focused.kind {
                f.error = language.t("← → choose: ", "← → để chọn: ") + options.joined(separator: " | ")
            } else {
                f.edit { _ = Self.edit(&$0, k) }
            }
        }
        overlay = .form(f)
        return []
    }

    /// The question asked before a draft that closes its task for good, if it does.
    static func closingQuestion(_ d: Draft) -> Phrase? {
        switch d.verb {
        case .cancel: return Phrase("Cancel \(d.id)? It closes the task for good.", "Hủy \(d.id)? Nhiệm vụ sẽ đóng hẳn.")
        case .accept: return Phrase("Accept \(d.id) as done? It closes the task for good.", "Chấp nhận \(d.id) là xong? Nhiệm vụ sẽ đóng hẳn.")
        case .stage where d.fields.contains(Field(.stage, Stage.issued.rawValue)):
            return Phrase("Record \(d.id) as issued? It closes the task for good.", "Ghi \(d.id) đã ban hành? Nhiệm vụ sẽ đóng hẳn.")
        default: return nil
        }
    }

    /// The question asked before a deadline set before `today`: a mistyped year makes the task
    /// overdue the moment it is recorded.
    static func pastDeadlineQuestion(_ d: Draft, today: CivilDate) -> Phrase? {
        guard [.assign, .amend, .extend].contains(d.verb), let due = d.fields.first(where: { $0.key == .due }).flatMap({ CivilDate($0.value) }),
              due < today else { return nil }
        return Phrase("Set the deadline of \(d.id) to \(due), before today (\(today))? It is overdue at once.",
                      "Đặt hạn của \(d.id) là \(due), trước hôm nay (\(today))? Nhiệm vụ sẽ quá hạn ngay.")
    }

    /// The question asked before a reassignment to an agency that coordinates the task: leading
    /// it, the agency leaves the coordinating ones, which the undo cannot give back.
    static func reassignQuestion(_ d: Draft, task: Assignment?) -> Phrase? {
        guard d.verb == .reassign, let task, let leads = d.fields.first(where: { $0.key == .lead })?.value else { return nil }
        let leaving = Board.list(leads).filter(task.support.contains)
        guard !leaving.isEmpty else { return nil }
        let names = leaving.joined(separator: ", ")
        return Phrase("\(names) coordinates \(d.id): leading it, it stops coordinating it. Reassign?",
                      "\(names) đang phối hợp \(d.id): khi chủ trì sẽ thôi phối hợp. Giao lại?")
    }

    /// The question asked before a change of state this user could not take back with `u` (a
    /// focal point may not return a submission, nor unblock): two keys typed on the list by
    /// mistake (`>`, then Enter) recorded one. A report is not asked: the next report puts a
    /// wrong figure right.
    func irreversibleQuestion(_ d: Draft, undo: Undo) -> Phrase? {
        guard d.verb != .report else { return nil }
        // Judged by role: the board before the change cannot say whether the undo would apply.
        if case .by(let back) = undo, roleAllows(back.verb) { return nil }
        return Phrase("Record `\(d.line)`? You cannot take it back (u).", "Ghi `\(d.line)`? Bạn không hoàn tác được (u).")
    }

    mutating func submit(_ form: Form) -> [Effect] {
        var f = form
        switch f.draft(language, board: ledger.latest) {
        case .failure(let why):
            f.error = why.text
            overlay = .form(f)
            return []
        case .success(let d):
            let undo = Form.undo(for: d, before: ledger.latest.tasks[d.id])
            // What closes a task for good is asked once more: no event opens it again.
            if let question = Self.closingQuestion(d) ?? Self.pastDeadlineQuestion(d, today: clockDay)
                ?? Self.reassignQuestion(d, task: ledger.latest.tasks[d.id]) ?? irreversibleQuestion(d, undo: undo) {
                // Asked only of a change the board would take: refused after `y`, the question
                // had asked for nothing, and the form was gone.
                do { try ledger.latest.check(probe(d)) } catch {
                    f.error = RefusalText.say(error, language)
                    overlay = .form(f)
                    return []
                }
                var d = d
                d.eventsSeen = ledger.latest.tasks.history(of: d.id).count
                overlay = .confirm(Confirmation(question: question, draft: d, undo: undo, form: f))
                return []
            }
            overlay = .form(f)
            return [.append(d, undo: undo)]
        }
    }

    mutating func confirmKey(_ k: Keystroke, _ c: Confirmation) -> [Effect] {
        switch KeyMap.confirm.command(for: k) {
        case .yes: return [.append(c.draft, undo: c.undo)]
        case .no:
            // Back to the form, if the question came from one: a long reason typed is not lost.
            overlay = c.form.map { .form($0) } ?? .none
            say(language.t("nothing was changed", "không thay đổi gì"))
        case nil: break
        }
        return []
    }

    // MARK: changes

    mutating func startAction(_ a: Action) {
        if let why = readOnlyReason { return fail(why) }
        switch Form.open(a, in: self) {
        case .success(let f): overlay = .form(f)
        case .failure(let why): fail(why.text)
        }
    }

    /// `d` as this user would record it now, to ask the latest board whether it may be.
    func probe(_ d: Draft) -> Event {
        Event(time: ledger.latest.lastTime ?? Timestamp(instant: 0, offsetMinutes: 0), actor: actor, verb: d.verb, id: d.id, fields: d.fields)
    }

    mutating func startUndo() {
        if let why = readOnlyReason { return fail(why) }
        guard let last = changes.last else {
            return fail(language.t("nothing to undo in this session", "phiên này chưa có thay đổi nào để hoàn tác"))
        }
        switch last.undo {
        case .impossible(let why):
            changes.removeLast()
            let more = changes.isEmpty ? "" : language.t("; u again undoes the change before it", "; bấm u lần nữa để hoàn tác thay đổi trước đó")
            fail(language.t("cannot undo `\(last.summary)`: ", "không hoàn tác được `\(last.summary)`: ") + language.say(why) + more)
        case .by(let d):
            // Another user's change to the task since would be set back by taking this one back;
            // this session's own later changes and undos are not another's.
            let later = ledger.latest.tasks.history(of: d.id).count - last.historyLength - (ownEvents[d.id, default: 0] - last.ownEvents)
            if later > 0 {
                changes.removeLast()
                return fail(language.t("cannot undo `\(last.summary)`: \(d.id) has changed since (\(later) later event\(later == 1 ? "" : "s")); open it (Enter) and record what is right",
                                       "không hoàn tác được `\(last.summary)`: \(d.id) đã thay đổi sau đó (\(later) sự kiện); mở nhiệm vụ (Enter) và ghi lại cho đúng"))
            }
            // Asked of the latest board first, so that a compensating change this user may not
            // record (a focal point cannot unblock) is said now, not after the confirmation.
            do { try ledger.latest.check(probe(d)) } catch {
                changes.removeLast()
                return fail(language.t("cannot undo `\(last.summary)`: ", "không hoàn tác được `\(last.summary)`: ") + RefusalText.say(error, language))
            }
            var d = d
            d.eventsSeen = ledger.latest.tasks.history(of: d.id).count
            overlay = .confirm(Confirmation(question: Phrase("Undo `\(last.summary)` by recording `\(d.line)`?",
                                                             "Hoàn tác `\(last.summary)` bằng cách ghi `\(d.line)`?"),
                                            draft: d, undo: nil))
        }
    }
}

/// The `:` commands. The help lists this table; `execute` runs it.
public enum CommandLine: String, CaseIterable, Sendable {
    case quit, help, filter, today, sort, lang, reload

    static func named(_ name: String) -> CommandLine? {
        switch name {
        case "q", "q!", "quit", "wq", "x": return .quit
        case "h", "help": return .help
        case "f", "filter": return .filter
        case "today": return .today
        case "sort": return .sort
        case "lang", "language": return .lang
        case "reload", "e", "e!": return .reload
        default: return nil
        }
    }

    public var usage: String {
        switch self {
        case .quit: return ":q"
        case .help: return ":help"
        case .filter: return ":filter QUERY"
        case .today: return ":today [YYYY-MM-DD]"
        case .sort: return ":sort " + SortKey.allCases.map(\.rawValue).joined(separator: "|")
        case .lang: return ":lang vi|en"
        case .reload: return ":reload"
        }
    }

    public var phrase: Phrase {
        switch self {
        case .quit: return Phrase("quit", "thoát")
        case .help: return Phrase("this help", "trợ giúp này")
        case .filter: return Phrase("set the filter (empty: clear it)", "đặt bộ lọc (để trống: bỏ lọc)")
        case .today: return Phrase("the board as it stood at the end of that day (no date: today, following the clock)",
                                   "bảng như vào cuối ngày đó (không ghi ngày: hôm nay, theo đồng hồ)")
        case .sort: return Phrase("sort the tasks", "sắp xếp nhiệm vụ")
        case .lang: return Phrase("language of the labels", "ngôn ngữ hiển thị")
        case .reload: return Phrase("read the ledger again now", "đọc lại sổ ngay")
        }
    }
}
