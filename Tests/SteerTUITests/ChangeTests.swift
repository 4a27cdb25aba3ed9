import Testing
@testable import SteerCore
@testable import SteerTUI

/// Forms, questions, the results of writes, undo, read-only, and following the ledger.
@Suite struct ChangeTests {
    func form(_ d: Driver) -> Form? { d.form }

    @Test func extendThroughTheForm() {
        var d = Driver(TestLedger.state())
        d.press(.char("e"))
        #expect(form(d)?.verb == .extend)
        #expect(form(d)?.fields[0].editor.text == "2025-04-15", "prefilled with the deadline in force")
        d.press(.ctrl("u"))
        d.type("2025-07-01")
        #expect(d.press(.enter) == [], "Enter moves to the next field")
        #expect(d.press(.enter) == [], "a required reason is missing")
        #expect(form(d)?.error == "cần nhập Lý do")
        d.type("Chờ thẩm định")
        let effects = d.press(.enter)
        let draft = Draft(.extend, "NQ03-12", [Field(.due, "2025-07-01"), Field(.reason, "Chờ thẩm định")], deadlineShown: CivilDate("2025-04-15"))
        let undo = Undo.by(Draft(.extend, "NQ03-12", [Field(.due, "2025-04-15"), Field(.reason, "undo")]))
        #expect(effects == [.append(draft, undo: undo)])
        d.send(.appended(draft, undo: undo, at: TestLedger.onTheDay))
        #expect(d.state.overlay == .none)
        #expect(d.state.changes.count == 1)
    }

    /// A task changes lead from the screen, its new unit in charge with it; undo gives it back
    /// to the old lead and its unit.
    @Test func reassignThroughTheForm() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("L"))
        #expect(form(d)?.verb == .reassign)
        d.type("BCA")
        d.press(.tab)
        d.type("Vụ Ngân sách")
        d.press(.tab)
        d.type("Đúng chức năng")
        let draft = Draft(.reassign, "NQ03-12", [Field(.lead, "BCA"), Field(.owner, "Vụ Ngân sách"), Field(.reason, "Đúng chức năng")], leadsShown: ["BKHCN"])
        let undo = Undo.by(Draft(.reassign, "NQ03-12", [Field(.lead, "BKHCN"), Field(.owner, "Vụ Pháp chế"), Field(.reason, "undo")]))
        #expect(d.press(.enter) == [.append(draft, undo: undo)])
    }

    @Test func formKeys() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("a"))
        #expect(form(d)?.verb == .assign)
        d.press(.tab); #expect(form(d)?.focus == 1)
        d.press(.down); #expect(form(d)?.focus == 2)
        d.press(.backTab, .up); #expect(form(d)?.focus == 0)
        d.press(.up); #expect(form(d)?.focus == 8, "wraps round")
        d.press(.up, .up); #expect(form(d)?.focused.key == .kind)
        d.press(.right); #expect(form(d)?.focused.editor.text == "plan", "← → step through choices")
        d.press(.left, .left); #expect(form(d)?.focused.editor.text == "task", "the choices stop at either end, not wrapping round")
        d.press(.escape)
        #expect(d.state.overlay == .none)
        #expect(d.state.status?.text == "nothing was changed")
    }

    @Test func assignValidatesTheId() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("4"), .char("j"))
        d.press(.char("a"))
        #expect(form(d)?.fields[2].editor.text == "BCA", "the selected agency leads")
        d.type("NQ03-12")
        for _ in 0..<9 { d.press(.enter) }
        #expect(form(d)?.error == "task NQ03-12 already exists")
        d.press(.home, .ctrl("u"))
        for _ in 0..<8 { d.press(.up) }
        d.press(.ctrl("e"), .ctrl("u"))
        d.type("DA06-09")
        d.press(.tab)
        d.type("Cấp căn cước")
        let effects = d.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab, .enter)
        let draft = Draft(.assign, "DA06-09", [Field(.title, "Cấp căn cước"), Field(.lead, "BCA"), Field(.kind, "task")])
        #expect(effects == [.append(draft, undo: .by(Draft(.cancel, "DA06-09", [Field(.reason, "undo")])))])
    }

    @Test func refusedTransitionIsToldBeforeTyping() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("A"))
        #expect(d.state.overlay == .none)
        #expect(d.state.status?.text.contains("cannot accept NQ03-12: it is in progress") == true)
    }

    @Test func cancelAsksForConfirmation() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("x"))
        d.type("Trùng với NQ03-13")
        #expect(d.press(.enter) == [])
        guard case .confirm(let c) = d.state.overlay else { Issue.record("no question"); return }
        #expect(c.draft == Draft(.cancel, "NQ03-12", [Field(.reason, "Trùng với NQ03-13")]).seen(5))
        // No goes back to the form, the reason typed still in it.
        #expect(d.press(.char("n")) == [])
        #expect(form(d)?.fields.first { $0.key == .reason }?.editor.text == "Trùng với NQ03-13")
        d.press(.escape)
        #expect(d.state.overlay == .none)
        d.press(.char("x")); d.type("r"); d.press(.enter)
        #expect(d.press(.escape) == [])
        #expect(form(d) != nil, "Esc at the question is no")
        d.press(.enter)
        #expect(d.press(.char("j")) == [], "only y says yes")
        #expect(d.press(.char("y")) == [.append(Draft(.cancel, "NQ03-12", [Field(.reason, "r")]).seen(5), undo: Form.undo(for: Draft(.cancel, "NQ03-12"), before: nil))])
    }

    /// A refused write keeps the form open and says why, in the screen's language, hint and all.
    @Test(arguments: [
        (Language.en, "cannot block NQ03-12: it is blocked\nhint: it is already blocked",
         "not recorded: cannot block NQ03-12: it is blocked · hint: it is already blocked"),
        (.vi, "NQ03-12 leads X and cannot also support it\nhint: leave out support=",
         "không ghi được: NQ03-12 chủ trì X nên không thể đồng thời là cơ quan phối hợp"),
    ])
    func failedWriteKeepsTheFormAndSaysWhy(language: Language, refusal: String, said: String) {
        var d = Driver(TestLedger.state(language))
        d.press(.char("b"))
        d.type("Chờ kinh phí")
        d.press(.enter)
        d.send(.appendFailed(refusal))
        #expect(d.state.status?.text == said)
        #expect(form(d)?.error != nil)
        #expect(d.state.changes.isEmpty)
    }

    /// A save kept waiting for the ledger's lock says so in the form, and when the wait runs out
    /// the screen says why nothing was written in the user's language, with who to ask.
    @Test func aSaveWaitingForTheLockSaysSoAndWhyItGaveUp() {
        var d = Driver(TestLedger.state(.vi))
        d.press(.char("b"))
        d.type("Chờ kinh phí")
        d.press(.enter)
        d.send(.waitingForLock)
        #expect(form(d)?.error?.hasPrefix("đang chờ khóa sổ do tiến trình khác giữ") == true)
        d.send(.appendFailed("/srv/steer/vpcp.ledger: another process has held the ledger's lock for 5 s; nothing was written\nhint: `fuser -v /srv/steer/vpcp.ledger` shows who holds it"))
        #expect(d.state.status?.text == "không ghi được: tiến trình khác giữ khóa sổ đã 5 giây nên chưa ghi gì; hãy thử lại khi khóa được nhả (`fuser -v /srv/steer/vpcp.ledger` cho biết ai giữ)")
    }

    /// The next stage's form asks for its own document number: the one of the stage before
    /// (a submission's) is not offered as the issue's.
    @Test func theNextStageAsksForItsOwnDocumentNumber() {
        let submitted = "2025-05-11T08:00+07:00 @vpcp stage NQ03-12 stage=submitted ref=\"Tờ trình 88/TTr-BKHCN\"\n"
        var d = Driver(TestLedger.state(.en, extra: submitted))
        d.press(.char("D"))
        #expect(form(d)?.fields.first { $0.key == .ref }?.editor.text == "")
    }

    @Test func everyActionOpensItsForm() {
        let expected: [(Action, Keystroke, String, Verb?)] = [
            (.start, .char("t"), "BC-01", .start), (.report, .char("r"), "NQ03-12", .report), (.block, .char("b"), "NQ03-12", .block),
            (.block, .char("b"), "DA06-01", .unblock), (.submit, .char(">"), "NQ03-12", .submit), (.accept, .char("A"), "DA06-02", .accept),
            (.return, .char("R"), "DA06-02", .return), (.extend, .char("e"), "NQ03-12", .extend), (.cancel, .char("x"), "NQ03-12", .cancel),
            (.amend, .char("m"), "BC-01", .amend), (.assign, .char("a"), "NQ03-12", .assign), (.stage, .char("D"), "NQ03-12", .stage),
        ]
        for (action, key, id, verb) in expected {
            #expect(action.key == key)
            var d = Driver(TestLedger.state(.en))
            let index = d.state.entries(.tasks).firstIndex { $0.id == id }!
            for _ in 0..<index { d.press(.char("j")) }
            d.press(key)
            #expect(form(d)?.verb == verb, "\(key.label) on \(id)")
        }
    }

    @Test func amendWritesOnlyWhatChanged() {
        var d = Driver(TestLedger.state(.en))
        d.sortInLedgerOrder()
        d.press(.char("G"), .char("k"), .char("m"))
        #expect(form(d)?.fields.map(\.key) == [.title, .owner, .product, .due, .support, .source])
        d.press(.tab)
        d.type("Văn phòng UBND tỉnh")
        let effects = d.press(.enter, .enter, .enter, .enter, .enter)
        let draft = Draft(.amend, "BC-01", [Field(.owner, "Văn phòng UBND tỉnh")])
        #expect(effects == [.append(draft, undo: .by(Draft(.amend, "BC-01", [Field(.owner, "")])))])
    }

    @Test func undoByCompensatingEvent() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("u"))
        #expect(d.state.status?.text == "nothing to undo in this session")
        let block = Draft(.block, "NQ03-12", [Field(.note, "x")])
        // As the program does: the ledger with the new line first, then the news of the append.
        d.send(.ledgerChanged(TestLedger.ledger("2025-06-15T10:02+07:00 @tester block NQ03-12 note=x\n")))
        d.send(.appended(block, undo: Form.undo(for: block, before: nil), at: TestLedger.onTheDay))
        d.send(.appended(Draft(.start, "BC-01"), undo: Form.undo(for: Draft(.start, "BC-01"), before: nil), at: TestLedger.onTheDay))
        d.press(.char("u"))
        #expect(d.state.status?.text.hasPrefix("cannot undo `start BC-01`: a start cannot be undone") == true)
        d.press(.char("u"))
        guard case .confirm(let c) = d.state.overlay else { Issue.record("no question"); return }
        #expect(c.draft == Draft(.unblock, "NQ03-12", [Field(.note, "undo")]).seen(6))
        #expect(d.press(.char("y")) == [.append(c.draft, undo: nil)])
        d.send(.appended(c.draft, undo: nil, at: TestLedger.onTheDay))
        #expect(d.state.changes.isEmpty)
        #expect(d.state.overlay == .none)
    }

    /// The draft an Enter asked to append, if it asked for one.
    func appended(_ effects: [Effect]) -> Draft? {
        for e in effects { if case .append(let draft, _) = e { return draft } }
        return nil
    }

    /// The figure the report form shows is the one read when it opened: left as it is, it is
    /// not written, so that a report another user made meanwhile is not set back; typed, it is
    /// written as the ledger writes numbers.
    @Test func aReportWritesTheFigureOnlyWhenItIsTyped() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("r"))
        #expect(form(d)?.fields[0].editor.text == "70")
        d.press(.tab)
        d.type("ghi chú")
        #expect(appended(d.press(.enter)) == Draft(.report, "NQ03-12", [Field(.note, "ghi chú")]))
        d = Driver(TestLedger.state(.en))
        d.press(.char("r"), .ctrl("u"))
        d.type("075")
        d.press(.tab)
        #expect(appended(d.press(.enter)) == Draft(.report, "NQ03-12", [Field(.progress, "75")]))
    }

    /// The line this session's extension of NQ03-12 wrote.
    static let myExtension = "2025-06-15T10:02+07:00 @tester extend NQ03-12 due=2025-07-01 reason=r\n"

    /// A screen that has just extended NQ03-12 (`myExtension`), with `u` offered.
    static func afterAnExtensionOfMyOwn() -> Driver {
        var d = Driver(TestLedger.state(.en))
        let extend = Draft(.extend, "NQ03-12", [Field(.due, "2025-07-01"), Field(.reason, "r")])
        let undo = Form.undo(for: extend, before: d.state.ledger.latest.tasks["NQ03-12"])
        d.send(.ledgerChanged(TestLedger.ledger(myExtension)))
        d.send(.appended(extend, undo: undo, at: TestLedger.onTheDay))
        return d
    }

    /// An undo that would set back what someone else recorded since is refused, and says so.
    @Test func undoIsRefusedOnceTheTaskChangedSince() {
        var d = Self.afterAnExtensionOfMyOwn()
        #expect(d.state.status?.text.hasSuffix("(u: undo)") == true, "\(d.state.status?.text ?? "")")
        d.send(.ledgerChanged(TestLedger.ledger(Self.myExtension + "2025-06-15T10:05+07:00 @thanh extend NQ03-12 due=2025-08-30 reason=\"PTT cho phép\"\n")))
        d.press(.char("u"))
        #expect(d.state.overlay == .none)
        #expect(d.state.status?.text.hasPrefix("cannot undo `extend NQ03-12 due=2025-07-01 reason=r`: NQ03-12 has changed since (1 later event)") == true)
        #expect(d.state.changes.isEmpty)
    }

    /// Another user's change that lands between the question and `y`, before the screen has
    /// read it, is caught under the lock: the confirmed undo, or accept, is not written over it.
    @Test func aConfirmedChangeIsRefusedWhenTheTaskChangedAfterTheQuestion() throws {
        var d = Self.afterAnExtensionOfMyOwn()
        d.press(.char("u"))
        guard case .confirm(let asked) = d.state.overlay else { Issue.record("no question"); return }
        let theirs = TestLedger.ledger(Self.myExtension + "2025-06-15T10:05+07:00 @thanh extend NQ03-12 due=2025-08-30 reason=\"PTT cho phép\"\n").latest
        #expect {
            _ = try asked.draft.event(on: theirs, time: TestLedger.onTheDay, actor: "tester")
        } throws: { error in
            (error as? Rejection)?.message == "NQ03-12 has changed since you were asked (1 later event); nothing was written"
        }
        #expect(throws: Never.self) { _ = try asked.draft.event(on: TestLedger.ledger(Self.myExtension).latest, time: TestLedger.onTheDay, actor: "tester") }
        #expect(RefusalText.say("the ledger has 1 problem; nothing is written until they are fixed\nl.ledger:9:5: error: the last line has no newline\n  |\nhint: run `steer check`", hint: nil, .vi)
                    == "sổ có 1 lỗi nên chưa ghi gì; chạy `steer check` để xem (và `steer repair` nếu dòng cuối bị cắt)")
        #expect(RefusalText.say(Rejection("NQ03-12 has changed since you were asked (1 later event); nothing was written"), .vi)
                    .hasPrefix("NQ03-12 đã thay đổi sau khi hỏi (1 sự kiện mới) nên chưa ghi gì"))
    }

    /// The session's own later changes and undos are not another user's: after two extensions
    /// undone in turn, the first is undone too.
    @Test func undoTakesBackTheSessionsChangesOneAfterAnother() {
        var d = Driver(TestLedger.state(.en))
        var lines = ""
        func record(_ draft: Draft, _ line: String, undo: Undo?) {
            lines += line
            d.send(.ledgerChanged(TestLedger.ledger(lines)))
            d.send(.appended(draft, undo: undo, at: TestLedger.onTheDay))
        }
        let first = Draft(.extend, "NQ03-12", [Field(.due, "2025-07-01"), Field(.reason, "a")])
        record(first, "2025-06-15T10:02+07:00 @tester extend NQ03-12 due=2025-07-01 reason=a\n",
               undo: Form.undo(for: first, before: d.state.ledger.latest.tasks["NQ03-12"]))
        let second = Draft(.extend, "NQ03-12", [Field(.due, "2025-08-01"), Field(.reason, "b")])
        record(second, "2025-06-15T10:03+07:00 @tester extend NQ03-12 due=2025-08-01 reason=b\n",
               undo: Form.undo(for: second, before: d.state.ledger.latest.tasks["NQ03-12"]))
        d.press(.char("u"))
        guard case .confirm(let c) = d.state.overlay else { Issue.record("no question: \(d.state.status?.text ?? "")"); return }
        #expect(c.draft == Draft(.extend, "NQ03-12", [Field(.due, "2025-07-01"), Field(.reason, "undo")]).seen(7))
        d.press(.char("y"))
        record(c.draft, "2025-06-15T10:04+07:00 @tester extend NQ03-12 due=2025-07-01 reason=undo\n", undo: nil)
        d.press(.char("u"))
        guard case .confirm(let again) = d.state.overlay else { Issue.record("no question: \(d.state.status?.text ?? "")"); return }
        #expect(again.draft == Draft(.extend, "NQ03-12", [Field(.due, "2025-04-15"), Field(.reason, "undo")]).seen(8))
    }

    /// Undo is offered only when this user may record what takes the change back: a focal
    /// point may block its agency's task, but not unblock it.
    @Test func undoIsOfferedOnlyWhenItCanBeRecorded() {
        let members = "2025-06-15T09:00+07:00 @vpcp member vpcp role=secretariat\n2025-06-15T09:01+07:00 @vpcp member tester role=focal agency=BKHCN\n"
        var d = Driver(TestLedger.state(.en, extra: members))
        let block = Draft(.block, "NQ03-12", [Field(.note, "x")])
        d.send(.ledgerChanged(TestLedger.ledger(members + "2025-06-15T10:02+07:00 @tester block NQ03-12 note=x\n")))
        d.send(.appended(block, undo: Form.undo(for: block, before: nil), at: TestLedger.onTheDay))
        #expect(d.state.status?.text == "recorded: block NQ03-12 note=x")
    }

    /// A user the file's permissions do not let write gets a read-only screen that says why,
    /// rather than forms whose every save is refused.
    @Test func aLedgerTheUserMayNotWriteOpensReadOnly() {
        let state = AppState(ledger: TestLedger.ledger(), clockDay: TestLedger.today, language: .en, size: Size(width: 80, height: 24),
                             actor: "tester", ledgerName: "test.ledger", readOnly: false, writable: false)
        var d = Driver(state)
        #expect(d.state.status?.text.hasPrefix("read-only: you may not write to this ledger's file") == true)
        d.press(.char("r"))
        #expect(d.state.overlay == .none)
        #expect(d.screen.contains("READ-ONLY"))
    }

    /// A file writable by every user, which steer writes to no more, opens read-only too, saying
    /// how its owner puts that right.
    @Test func aLedgerWritableByEveryoneOpensReadOnly() {
        let state = AppState(ledger: TestLedger.ledger(), clockDay: TestLedger.today, language: .en, size: Size(width: 80, height: 24),
                             actor: "tester", ledgerName: "test.ledger", readOnly: false, writableByEveryone: true)
        #expect(state.readOnlyReason?.hasPrefix("read-only: the ledger's file, or its directory, is writable by every user") == true)
        #expect(state.readOnlyReason?.hasSuffix("(chmod o-w test.ledger, or on the directory)") == true)
    }

    @Test func readOnlyRefusesEveryChange() {
        var d = Driver(TestLedger.state(.en, readOnly: true))
        for b in KeyMap.changes.bindings {
            d.press(b.keys[0])
            #expect(d.state.overlay == .none)
            #expect(d.state.status?.text.hasPrefix("read-only") == true)
        }
        #expect(d.screen.contains("READ-ONLY"))
    }

    @Test func ledgerWithErrorsOpensReadOnly() {
        let broken = Driver(TestLedger.state(.en, extra: "2025-06-01T08:00+07:00 @vpcp accept NQ03-12\n"))
        #expect(broken.state.isReadOnly)
        #expect(broken.state.status?.text.contains("the ledger has 1 problem") == true)
    }

    @Test func reloadKeepsTheSelectionOnTheSameTask() {
        var d = Driver(TestLedger.state())
        d.sortInLedgerOrder()
        d.press(.char("j"), .char("j"))
        #expect(d.selected == "DA06-01")
        d.press(.char("/")); d.type("-kind:plan"); d.press(.enter)
        var grown = TestLedger.ledger()
        grown.ingest(Array("2025-06-14T08:00+07:00 @vpcp cancel NQ03-13 reason=\"gộp\"\n".utf8))
        d.send(.ledgerChanged(grown))
        #expect(d.selected == "DA06-01")
        #expect(d.state.filterText == "-kind:plan", "the filter survives too")
        d.press(.char("/")); d.press(.ctrl("u")); d.type("-state:cancelled"); d.press(.enter)
        #expect(d.selected == "DA06-01")
        d.press(.char("k"))
        #expect(d.selected == "NQ03-12")
    }

    /// The screen lets go of its board while the journal writes (`setBoardAside`); the new
    /// ledger then leaves it exactly as it leaves a screen that kept its board throughout:
    /// selections, scrolling, filter, an open task, the status line, every cell.
    @Test func aBoardSetAsideComesBackAsIfKeptThroughout() {
        var grown = TestLedger.ledger()
        grown.ingest(Array("2025-06-14T08:00+07:00 @vpcp cancel NQ03-13 reason=\"gộp\"\n".utf8))
        let small = Size(width: 80, height: 12)
        let setUps: [(String, AppState, (inout Driver) -> Void)] = [
            ("scrolled down", TestLedger.state(), { d in d.send(.resize(small)); d.sortInLedgerOrder(); for _ in 0 ..< 9 { d.press(.char("j")) } }),
            ("filtered by words", TestLedger.state(), { d in d.press(.char("/")); d.type("nghi"); d.press(.enter, .char("j")) }),
            ("its task cancelled", TestLedger.state(), { d in d.sortInLedgerOrder(); d.press(.char("/")); d.type("state:open"); d.press(.enter, .char("j")) }),
            ("a task open", TestLedger.state(), { d in d.press(.char("j"), .enter) }),
            ("deadlines", TestLedger.state(), { d in d.press(.char("2"), .char("j")) }),
            ("read-only", TestLedger.state(.en, extra: "2025-06-01T08:00+07:00 @vpcp accept NQ03-12\n"), { d in d.press(.char("j")) }),
        ]
        for (name, start, setUp) in setUps {
            var kept = Driver(start)
            setUp(&kept)
            var aside = kept
            let next = name == "read-only" ? TestLedger.ledger("2025-06-01T08:00+07:00 @vpcp accept NQ03-12\n") : grown
            kept.send(.ledgerChanged(next))
            aside.state.setBoardAside()
            aside.send(.ledgerChanged(next))
            #expect(aside.state.positions == kept.state.positions, "\(name)")
            #expect(aside.state.screen == kept.state.screen && aside.state.status == kept.state.status, "\(name)")
            #expect(aside.screen == kept.screen, "\(name):\n\(aside.screen)\n\(kept.screen)")
        }
    }

    @Test func selectedTaskThatDisappearsLeavesTheSelectionInPlace() {
        var d = Driver(TestLedger.state())
        d.sortInLedgerOrder()
        d.press(.char("/")); d.type("state:open"); d.press(.enter)
        d.press(.char("j"))
        #expect(d.selected == "NQ03-13")
        var grown = TestLedger.ledger()
        grown.ingest(Array("2025-06-14T08:00+07:00 @vpcp cancel NQ03-13 reason=\"gộp\"\n".utf8))
        d.send(.ledgerChanged(grown))
        #expect(d.selected == "DA06-01")
    }

    @Test func theClockMovesTheDayUnlessPinned() {
        var d = Driver(AppState(ledger: TestLedger.ledger(asOf: nil), clockDay: TestLedger.today, language: .en,
                                size: Size(width: 80, height: 24), actor: "t", ledgerName: "x", readOnly: false))
        #expect(!d.state.todayPinned)
        d.send(.dayChanged(CivilDate("2025-06-17")!))
        #expect(d.state.today == CivilDate("2025-06-17"))
        d.send(.reopened(TestLedger.ledger(asOf: CivilDate("2025-06-01"))))
        d.send(.dayChanged(CivilDate("2025-06-18")!))
        #expect(d.state.today == CivilDate("2025-06-01"), "a pinned day stays")
        d.send(.reopened(TestLedger.ledger(asOf: nil)))
        #expect(d.state.today == CivilDate("2025-06-18"), "unpinned, it is the clock's day again")
    }

    /// The history shows each event at the time it was recorded, in its own zone: a later move
    /// of the ledger's zone does not make an 08:00 assign read "20:00" the day before.
    @Test func theHistoryShowsEachEventInTheZoneItWasRecordedIn() {
        let moved = "2025-06-14T08:00Z @vpcp config ledger tz=-05:00\n"
        var d = Driver(TestLedger.state(.en, extra: moved))
        d.press(.char("/")); d.type("id:DA06-02"); d.press(.enter, .enter, .char("G"))
        #expect(d.screen.contains("2025-01-09 08:00  @vpcp  "), "\(d.screen)")
    }

    /// What happened after the day shown is not on the board, in any pane or in the detail:
    /// the screen shows what `steer show --today DAY` prints.
    @Test func theBoardIsAsOfTheDayShown() {
        let later = "2025-06-20T09:00+07:00 @vpcp accept DA06-02\n2025-06-21T09:00+07:00 @vpcp assign LATER-1 title=\"Giao sau\" lead=BCA\n"
        var d = Driver(TestLedger.state(.en, extra: later))
        #expect(!d.state.entries(.tasks).contains { $0.id == "LATER-1" })
        #expect(d.state.overview.totals().counts.doneLate == 1, "DA06-02 is not accepted yet on 15 June")
        #expect(d.state.entries(.deadlines).contains { $0.id == "DA06-02" }, "due 16 June, still open")
        d.press(.char("/")); d.type("id:DA06-02"); d.press(.enter, .enter, .char("G"))
        #expect(d.screen.contains("History (3)"), "assign, start, submit: the history ends with the day shown")
        d.press(.escape, .escape)
        d.send(.reopened(TestLedger.ledger(later, asOf: nil)))
        #expect(d.state.entries(.tasks).contains { $0.id == "LATER-1" })
        #expect(d.state.overview.totals().counts.doneLate == 2, "accepted on 20 June, due the 16th")
    }

    @Test func aChangeStampedAfterTheDayShownSaysWhereItWent() {
        let draft = Draft(.extend, "NQ03-12", [Field(.due, "2025-07-01"), Field(.reason, "x")])
        let now = Timestamp.parse("2026-11-29T10:02+07:00")!
        for (language, text) in [(Language.en, "recorded 2026-11-29 10:02, after the day shown (2025-06-15); :today shows it"),
                                 (.vi, "đã ghi lúc 2026-11-29 10:02, sau ngày đang xem (2025-06-15); :today để xem")] {
            var d = Driver(TestLedger.state(language))
            d.send(.appended(draft, undo: .impossible(Phrase("", "")), at: now))
            #expect(d.state.status?.text == text)
            #expect(d.screen.contains(text), "fits the footer at 80 columns")
            #expect(d.state.changes.count == 1, "u still undoes it")
            d.send(.appended(draft, undo: .impossible(Phrase("", "")), at: TestLedger.onTheDay))
            #expect(d.state.status?.text.contains("2025-06-15)") == false, "a change on the day shown is on the board")
        }
        var following = Driver(AppState(ledger: TestLedger.ledger(asOf: nil), clockDay: TestLedger.today, language: .en,
                                         size: Size(width: 80, height: 24), actor: "t", ledgerName: "x", readOnly: false))
        following.send(.appended(draft, undo: .impossible(Phrase("", "")), at: now))
        #expect(following.state.status?.text.hasPrefix("recorded: extend") == true, "no day is pinned: every event is shown")
    }

    @Test func mouse() {
        var d = Driver(TestLedger.state())
        d.sortInLedgerOrder()
        d.send(.click(Point(x: 5, y: 6)))
        #expect(d.selected == "DA06-01", "rows start under the headings on row 3")
        d.send(.wheel(1))
        #expect(d.selected == "KH-07", "the wheel moves three rows")
    }
}

extension Draft {
    /// The draft as a question asks it to be confirmed: with the task's event count it saw.
    func seen(_ events: Int) -> Draft {
        var d = self
        d.eventsSeen = events
        return d
    }
}
