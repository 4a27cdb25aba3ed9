import Testing
@testable import SteerCore
@testable import SteerTUI

/// `update` for every key in every mode: panes, detail, help, filter, command line, forms and
/// questions. No timing, no terminal: messages in, state and effects out.
@Suite struct PaneKeyTests {
    @Test func movingKeys() {
        var d = Driver(TestLedger.state())
        d.sortInLedgerOrder()
        #expect(d.selected == "NQ03-12")
        d.press(.char("j")); #expect(d.selected == "NQ03-13")
        d.press(.down); #expect(d.selected == "DA06-01")
        d.press(.char("k")); #expect(d.selected == "NQ03-13")
        d.press(.up); #expect(d.selected == "NQ03-12")
        d.press(.up); #expect(d.selected == "NQ03-12", "stops at the top")
        d.press(.char("G")); #expect(d.selected == "BC-02")
        d.press(.char("g")); #expect(d.selected == "NQ03-12")
        d.press(.end); #expect(d.selected == "BC-02")
        d.press(.home); #expect(d.selected == "NQ03-12")
        d.press(.pageDown); #expect(d.selected == "BC-02", "a page is longer than the list")
        d.press(.pageUp); #expect(d.selected == "NQ03-12")
        d.press(.char(" ")); #expect(d.selected == "BC-02")
        d.press(.ctrl("u")); #expect(d.selected == "NQ03-12")
        d.press(.ctrl("d")); #expect(d.selected == "BC-02")
    }

    @Test func pagingScrollsALongList() {
        var d = Driver(TestLedger.state(size: Size(width: 80, height: 10)))
        let rows = Layout(d.state.size).listRows(.tasks)
        #expect(rows == 4)
        d.press(.pageDown)
        #expect(d.state.position(.tasks).index == 4)
        #expect(d.state.position(.tasks).scroll == 1)
        d.press(.ctrl("d"))
        #expect(d.state.position(.tasks).index == 6)
        d.press(.ctrl("u"))
        #expect(d.state.position(.tasks).index == 4)
    }

    @Test func paneKeys() {
        var d = Driver(TestLedger.state())
        d.press(.tab); #expect(d.state.pane == .deadlines)
        d.press(.tab, .tab, .tab); #expect(d.state.pane == .tasks, "Tab wraps round")
        d.press(.backTab); #expect(d.state.pane == .agencies)
        for p in Pane.allCases {
            d.press(.char(Character(String(p.number))))
            #expect(d.state.pane == p)
        }
    }

    @Test func deadlinesSkipHeadings() {
        var d = Driver(TestLedger.state())
        d.press(.char("2"))
        #expect(d.selected == "DA06-03", "the missed task under the first heading")
        d.press(.char("j"))
        #expect(d.selected == "DA06-02", "the heading of 2025-06-16 is skipped")
    }

    @Test func enterOpensDetailAndAnAgencyFiltersTasks() {
        var d = Driver(TestLedger.state())
        d.press(.enter)
        #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 0))
        d.press(.escape)
        #expect(d.state.screen == .panes)
        d.press(.char("4"), .char("j"), .char("j"), .char("j"), .char("j"), .enter)
        #expect(d.state.pane == .tasks)
        #expect(d.state.filterText == "lead:dongnai")
        #expect(d.state.entries(.tasks).compactMap(\.id) == ["DA06-01", "BC-01"])
        d.press(.escape)
        #expect(d.state.filterText == "")
        #expect(d.state.entries(.tasks).count == 8)
    }

    @Test func sortKeys() {
        var d = Driver(TestLedger.state())
        #expect(d.state.sort == .urgency, "what needs attention first")
        if case .task(let first)? = d.state.entries(.tasks).first {
            #expect(first.timeliness == .openOverdue)
        } else {
            Issue.record("the tasks pane starts with a task")
        }
        d.press(.char("s"))
        #expect(d.state.sort == .ledger)
        d.press(.char("s"))
        #expect(d.state.sort == .id)
        #expect(d.state.entries(.tasks).first?.id == "BC-01")
        d.press(.char("s"))
        #expect(d.state.sort == .due)
        #expect(d.state.entries(.tasks).first?.id == "KH-07")
        #expect(d.state.entries(.tasks).last?.id == "BC-01", "no deadline sorts last")
        d.press(.char("S"))
        #expect(d.state.sortReversed)
        #expect(d.state.entries(.tasks).first?.id == "BC-01")
        #expect(d.selected == "NQ03-12", "the selection stays on its task")
        for _ in 0..<(SortKey.allCases.count - 3) { d.press(.char("s")) }
        #expect(d.state.sort == .urgency)
    }

    @Test func overlaysAndEffects() {
        var d = Driver(TestLedger.state())
        d.press(.char("/")); #expect(d.state.overlay == .filter(LineEditor(""), before: ""))
        d.press(.escape); #expect(d.state.overlay == .none)
        d.press(.char(":")); #expect(d.state.overlay == .command(LineEditor()))
        d.press(.escape)
        d.press(.char("?")); #expect(d.state.overlay == .help(scroll: 0))
        d.press(.escape)
        #expect(d.press(.ctrl("l")) == [.redraw])
        #expect(d.press(.char("q")) == [.quit])
    }

    @Test func unboundKeySaysSo() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("Z"))
        #expect(d.state.status?.isError == true)
        #expect(d.state.status?.text.contains("? lists the keys") == true)
    }

    /// Every key the help lists for the panes and the detail does something: it changes what is
    /// shown or asks for an effect.
    @Test func everyBoundKeyDoesSomething() {
        for (table, inDetail) in [(KeyMap.panes, false), (KeyMap.detail, true), (KeyMap.changes, false), (KeyMap.changes, true)] {
            for binding in table.bindings {
                for key in binding.keys {
                    var d = Driver(TestLedger.state(size: Size(width: 80, height: 12), extra: ""))
                    d.send(.appended(Draft(.block, "DA06-02", [Field(.note, "x")]), undo: .impossible(Phrase("", "")), at: TestLedger.onTheDay))
                    d.state.status = nil
                    d.press(.char("/")); d.type("-id:x"); d.press(.enter)
                    d.press(.char("j"))
                    if inDetail { d.press(.enter, .char("j")) }
                    if case .pane(let target) = binding.command { d.state.pane = target == .tasks ? .deadlines : .tasks }
                    d.state.status = nil
                    let before = d.state
                    let effects = d.press(key)
                    let after = d.state
                    let moved = before.screen != after.screen || before.overlay != after.overlay || before.pane != after.pane || before.positions != after.positions
                    let reordered = before.filterText != after.filterText || before.sort != after.sort || before.sortReversed != after.sortReversed
                    let changed = moved || reordered || !effects.isEmpty || after.status != nil
                    #expect(changed, "\(key.label) (\(binding.command)) did nothing\(inDetail ? " in the detail" : "")")
                }
            }
        }
    }
}

@Suite struct DetailKeyTests {
    @Test func scrollingAndStepping() {
        var d = Driver(TestLedger.state(size: Size(width: 80, height: 16)))
        d.press(.enter)
        d.press(.char("j")); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 1))
        d.press(.down); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 2))
        d.press(.char("k"), .up); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 0))
        d.press(.char("G"))
        guard case .detail(_, let bottom) = d.state.screen else { Issue.record("left the detail"); return }
        #expect(bottom > 0)
        d.press(.char("j")); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: bottom), "stops at the end")
        d.press(.char("g")); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 0))
        d.press(.pageDown); d.press(.pageUp); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 0))
        d.press(.ctrl("d")); d.press(.ctrl("u")); #expect(d.state.screen == .detail(taskID: "NQ03-12", scroll: 0))
        d.press(.char("n")); #expect(d.state.screen == .detail(taskID: "NQ03-13", scroll: 0))
        #expect(d.selected == "NQ03-13", "the list follows")
        d.press(.char("N"), .char("N")); #expect(d.state.screen == .detail(taskID: "BC-02", scroll: 0), "N wraps round")
        d.press(.backspace); #expect(d.state.screen == .panes)
    }

    @Test func detailShowsChecklistAndHistory() {
        var d = Driver(TestLedger.state(.en, size: Size(width: 100, height: 60)))
        d.sortInLedgerOrder()
        d.press(.char("G"), .char("k"), .enter)
        let screen = d.screen
        #expect(screen.contains("○ person — missing: a named person or unit in charge (owner=)"))
        #expect(screen.contains("History (1)"))
        d.press(.escape, .char("g"), .enter)
        #expect(d.screen.contains("@vpcp  extend"))
        #expect(d.screen.contains("reason=\"Chờ thẩm định của Bộ Tư pháp\""))
    }
}

@Suite struct FilterKeyTests {
    @Test func filterWithoutDiacritics() {
        var d = Driver(TestLedger.state())
        d.press(.char("/"))
        d.type("dong nai")
        #expect(d.state.entries(.tasks).compactMap(\.id) == ["DA06-01", "BC-01"], "applies as it is typed")
        d.press(.enter)
        #expect(d.state.overlay == .none)
        #expect(d.state.filterText == "dong nai")
        #expect(d.selected == "DA06-01")
        d.press(.char("n")); #expect(d.selected == "BC-01")
        d.press(.char("n")); #expect(d.selected == "DA06-01", "n wraps round")
        d.press(.char("N")); #expect(d.selected == "BC-01")
    }

    /// A filter typed with a row far down selected starts at its first match when it leaves that
    /// row's task out, and stays on that task when it keeps it.
    @Test func aFilterThatLeavesTheSelectedTaskOutStartsAtItsFirstMatch() {
        var d = Driver(TestLedger.state())
        d.press(.char("G"))
        let last = d.selected
        d.press(.char("/"))
        d.type("dong nai")
        #expect(last != "DA06-01" && last != "BC-01")
        #expect(d.selected == d.state.entries(.tasks).compactMap(\.id).first)
        d.press(.escape)
        #expect(d.selected == last)
        d.press(.char("/"))
        d.type("\(last!)")
        #expect(d.selected == last)
    }

    /// The filter picks tasks; on the Agencies pane, which counts every task, that is said, and
    /// n steps through the agencies without calling each a match.
    @Test func onTheAgenciesPaneTheFilterSaysItPicksTasks() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("4"))
        d.press(.char("/"))
        d.type("dong nai")
        d.press(.enter)
        #expect(d.state.status?.text == "2 tasks match, in panes 1–3; the Agencies pane counts every task")
        d.press(.char("n"))
        #expect(d.state.status?.text.hasPrefix("agency 2 of ") == true, "\(d.state.status?.text ?? "")")
    }

    @Test func parseErrorNamesTheColumnAndKeepsTheLastGoodFilter() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("/"))
        d.type("lead:BKHCN due<2025-13")
        #expect(d.state.filterProblem?.column == 16)
        let footer = d.frame.lines.suffix(2)
        #expect(footer.first == " /lead:BKHCN due<2025-13")
        #expect(footer.last == String(repeating: " ", count: 17) + "^ column 16: `2025-13` is not a date; write due<2025-06-30",
                "the caret is under the 2 of 2025-13")
        d.press(.enter)
        #expect(d.state.overlay != .none, "Enter does not accept a query that does not parse")
        d.press(.escape)
        #expect(d.state.filterText == "")
        #expect(d.state.entries(.tasks).count == 8, "Esc restores the filter from before")
    }

    /// An agency the ledger has none for is not said while it is typed (`lead:BKH` is on its
    /// way to BKHCN), but Enter does not set it: it would show nothing, as if nothing matched.
    @Test func enterRefusesAnAgencyTheLedgerDoesNotKnow() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("/"))
        d.type("lead:BKH")
        #expect(d.state.filterProblem == nil)
        d.type("NC")
        d.press(.enter)
        #expect(d.state.overlay != .none)
        #expect(d.state.filterProblem?.message == "no agency `BKHNC` in this ledger; did you mean BKHCN?")
    }

    /// Another day's board without the task selected starts at its first row, the most
    /// urgent, rather than at the place the task had: the last rows are the closed ones.
    @Test func anotherDayWithoutTheSelectedTaskStartsAtTheTop() {
        let later = "2025-06-14T08:00+07:00 @vpcp assign ZZ-LAST title=\"Việc giao sau\" lead=BCA due=2025-12-31\n"
        var d = Driver(TestLedger.state(.en, extra: later))
        d.sortInLedgerOrder()
        d.press(.char("G"))
        #expect(d.selected == "ZZ-LAST")
        d.send(.reopened(TestLedger.ledger(later, asOf: CivilDate("2025-06-13"))))
        #expect(d.state.position(.tasks).index == 0)
        #expect(d.selected == d.state.entries(.tasks).id(at: 0))
    }

    /// Enter on an agency shows its tasks from the first row, the most urgent, whatever task
    /// was selected on the Tasks pane before.
    @Test func enterOnAnAgencyStartsAtItsFirstTask() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("G"))
        d.press(.char("4"))
        while d.state.position(.agencies).selectedID != "dongnai", d.state.position(.agencies).index < 20 { d.press(.char("j")) }
        d.press(.enter)
        #expect(d.state.filterText == "lead:dongnai")
        #expect(d.state.position(.tasks).index == 0)
        #expect(d.selected == d.state.entries(.tasks).id(at: 0))
    }

    /// `s` sorts the Tasks pane only: on another pane it changed an order nobody saw.
    @Test func sSortsOnlyTheTasksPane() {
        var d = Driver(TestLedger.state(.en))
        let before = d.state.sort
        d.press(.char("3"), .char("s"))
        #expect(d.state.sort == before)
        #expect(d.state.status?.text == "s sorts the Tasks pane: press 1 first")
        d.press(.char("1"), .char("S"))
        d.press(.char(":"))
        d.type("sort due")
        d.press(.enter)
        #expect(!d.state.sortReversed, "a key named by :sort is in its own order")
    }

    /// On an earlier day's board, a refusal says it speaks of the ledger as it is now.
    @Test func aRefusalOnAnEarlierDaySaysItJudgedTheLedgerNow() {
        var d = Driver(AppState(ledger: TestLedger.ledger(), clockDay: CivilDate("2026-12-07")!, language: .en, size: Size(width: 80, height: 24),
                                actor: "tester", ledgerName: "test.ledger", readOnly: false))
        d.send(.appendFailed("cannot report NQ03-12: it is done"))
        #expect(d.state.status?.text == "not recorded: cannot report NQ03-12: it is done (judged on the ledger as it is now, not on the day shown)")
    }

    /// A ledger the screen cannot follow (removed, emptied) keeps it read-only, whatever key is
    /// pressed next, until its file can be read again.
    @Test func aLedgerThatCannotBeFollowedStaysReadOnly() {
        var d = Driver(TestLedger.state(.en))
        d.send(.journalFailed("/srv/l.ledger is gone (removed, or renamed away) since it was read; nothing is written until it is back\nhint: put it back"))
        d.press(.char("j"), .escape)
        #expect(d.state.readOnlyReason?.hasPrefix("read-only: /srv/l.ledger is gone") == true)
        d.send(.journalRecovered)
        #expect(d.state.readOnlyReason == nil)
    }

    @Test func aCaretInTheRightHalfHasTheMessageBeforeIt() {
        var d = Driver(TestLedger.state())
        d.press(.char("/"))
        d.type("dong nai lead:dongnai owner:cong kind:report stage:x")
        let caret = 2 + 51
        let last = d.frame.lines.last ?? ""
        #expect(Array(last)[caret] == "^")
        #expect(last.hasPrefix(" cột 52: không có bước `x`; dùng: drafting"))
    }

    @Test func editingKeys() {
        var d = Driver(TestLedger.state())
        d.press(.char("/"))
        d.type("Đồng")
        d.press(.left, .left)
        d.press(.backspace)
        guard case .filter(let e1, _) = d.state.overlay else { Issue.record("no filter"); return }
        #expect(e1.text == "Đng")
        d.press(.home, .delete)
        d.press(.end)
        d.type(" x")
        d.press(.ctrl("a"), .ctrl("e"), .right)
        guard case .filter(let e2, _) = d.state.overlay else { Issue.record("no filter"); return }
        #expect(e2.text == "ng x")
        #expect(e2.cursor == 4)
        d.press(.left, .ctrl("u"))
        guard case .filter(let e3, _) = d.state.overlay else { Issue.record("no filter"); return }
        #expect(e3.text == "x")
        d.press(.tab, .backTab)
        #expect(d.state.overlay == .filter(e3, before: ""), "Tab does nothing in one line")
    }
}

@Suite struct CommandLineTests {
    func run(_ text: String, _ d: inout Driver) -> [Effect] {
        d.press(.char(":"))
        d.type(text)
        return d.press(.enter)
    }

    @Test func commands() {
        var d = Driver(TestLedger.state(.en))
        #expect(run("q", &d) == [.quit])
        #expect(run("quit", &d) == [.quit])
        #expect(run("reload", &d) == [.refresh])
        _ = run("help", &d); #expect(d.state.overlay == .help(scroll: 0)); d.press(.escape)
        _ = run("filter kind:decree", &d)
        #expect(d.state.entries(.tasks).compactMap(\.id) == ["NQ03-12", "NQ03-13"])
        _ = run("filter", &d); #expect(d.state.filterText == "")
        _ = run("filter state:bogus", &d); #expect(d.state.status?.isError == true)
        #expect(run("today 2025-05-20", &d) == [.reopen(asOf: CivilDate("2025-05-20"))], "the file is read again as of that day")
        d.send(.reopened(TestLedger.ledger(asOf: CivilDate("2025-05-20"))))
        #expect(d.state.today == CivilDate("2025-05-20"))
        #expect(d.state.entries(.decrees).count == 1, "NQ03-13 is not yet late on 20 May")
        #expect(d.state.status?.text == "the board as it stood at the end of 2025-05-20")
        #expect(run("today", &d) == [.reopen(asOf: nil)])
        #expect(run("today 2025-02-30", &d) == []); #expect(d.state.status?.isError == true)
        _ = run("sort due", &d); #expect(d.state.sort == .due)
        _ = run("sort sideways", &d); #expect(d.state.status?.isError == true)
        _ = run("lang vi", &d); #expect(d.state.language == .vi)
        _ = run("frobnicate", &d); #expect(d.state.status?.text.contains(":frobnicate") == true)
    }

    @Test func escapeAndBackspaceLeave() {
        var d = Driver(TestLedger.state())
        d.press(.char(":"), .escape); #expect(d.state.overlay == .none)
        d.press(.char(":"), .backspace); #expect(d.state.overlay == .none, "Backspace on an empty line leaves it")
    }
}

@Suite struct HelpKeyTests {
    @Test func scrollAndClose() {
        var d = Driver(TestLedger.state(size: Size(width: 80, height: 24)))
        d.press(.char("?"))
        d.press(.char("j"), .down); #expect(d.state.overlay == .help(scroll: 2))
        d.press(.char("k"), .up); #expect(d.state.overlay == .help(scroll: 0))
        d.press(.pageDown); #expect(d.state.overlay == .help(scroll: 19))
        d.press(.pageUp); #expect(d.state.overlay == .help(scroll: 0))
        d.press(.char("G"))
        guard case .help(let bottom) = d.state.overlay else { Issue.record("help closed"); return }
        #expect(bottom > 19)
        d.press(.char("g")); #expect(d.state.overlay == .help(scroll: 0))
        for close in [Keystroke.escape, .char("?"), .char("q")] {
            d.press(.char("?"))
            #expect(d.press(close) == [])
            #expect(d.state.overlay == .none)
        }
    }

    @Test func helpListsEveryBoundKey() {
        let text = HelpView.lines(.en, readOnly: false).map { $0.map(\.text).joined() }.joined(separator: "\n")
        for table in [KeyMap.panes, KeyMap.detail, KeyMap.changes] {
            for b in table.bindings { #expect(text.contains(b.keyLabel + " "), "help misses \(b.keyLabel)") }
        }
        for c in CommandLine.allCases { #expect(text.contains(c.usage)) }
    }
}
