import Testing
@testable import SteerCore
@testable import SteerTUI

/// What keeps text and keys that were not meant as commands from changing the ledger: pasted
/// text, forms left open while others write, changes that cannot be taken back, and logins
/// that may not record.
@Suite struct InputSafetyTests {
    func form(_ d: Driver) -> Form? { d.form }

    /// A note pasted from an e-mail stays one note: its line breaks do not save the form, and
    /// its letters do not run as keys.
    @Test func pastedTextStaysInTheFieldItIsPastedInto() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("r"), .tab)
        #expect(d.send(.paste("Line one.\nLine two bxa.\r\nx\tend\u{1B}")) == [])
        #expect(form(d)?.focused.editor.text == "Line one. Line two bxa. x end")
        #expect(form(d)?.verb == .report, "the form is still open")
        d.press(.escape)

        d.send(.paste("b\nx"))
        #expect(d.state.overlay == .none)
        #expect(d.state.status?.isError == true)
        #expect(d.state.status?.text.hasPrefix("pasted text goes only where text is typed") == true)

        d.press(.char("/"))
        d.send(.paste("dong\nnai"))
        #expect(d.state.filterText == "dong nai")
    }

    /// The deadline an extend form showed when it opened is not written back over one another
    /// user set meanwhile; left as it was, it is not an extension at all.
    @Test func anExtendFormLeftAsItWasIsRefused() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("e"))
        #expect(form(d)?.fields[0].editor.text == "2025-04-15")
        d.send(.ledgerChanged(TestLedger.ledger("2025-06-15T09:00+07:00 @thanh extend NQ03-12 due=2025-08-30 reason=\"Theo thông báo\"\n")))
        d.press(.tab)
        d.type("Chờ kinh phí")
        #expect(d.press(.enter) == [])
        #expect(form(d)?.error == "the deadline of NQ03-12 is now 2025-08-30, moved since this form showed 2025-04-15 (look at it again, then extend it from there)")

        d = Driver(TestLedger.state(.en))
        d.press(.char("e"), .tab)
        d.type("Chờ kinh phí")
        #expect(d.press(.enter) == [])
        #expect(form(d)?.error == "New deadline is still 2025-04-15; type the new one")

        // A new date typed over the one shown, while another user's extension lands before the
        // write: the journal's board, read under the lock, refuses it.
        let typed = Draft(.extend, "NQ03-12", [Field(.due, "2025-05-31"), Field(.reason, "r")], deadlineShown: CivilDate("2025-04-15"))
        let moved = TestLedger.ledger("2025-06-15T09:00+07:00 @thanh extend NQ03-12 due=2025-08-30 reason=\"Theo thông báo\"\n").latest
        #expect {
            _ = try typed.event(on: moved, time: TestLedger.onTheDay, actor: "tester")
        } throws: { error in
            (error as? Rejection)?.message == "the deadline of NQ03-12 is now 2025-08-30, moved since this form showed 2025-04-15"
        }
        #expect(throws: Never.self) { _ = try typed.event(on: TestLedger.ledger().latest, time: TestLedger.onTheDay, actor: "tester") }
    }

    /// While the window is too small to show anything but that, keys and pastes do nothing: a
    /// `y` typed then would answer a question nobody could read.
    /// A change this user could not take back (`u`) is asked once more: `>` and Enter typed on
    /// the list by mistake would otherwise record a submission a focal point cannot return.
    @Test func whatCannotBeUndoneIsAskedOnceMore() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("/")); d.type("id:DA06-03"); d.press(.enter)
        d.press(.char("t"))
        d.press(.enter)
        guard case .confirm(let c) = d.state.overlay else { Issue.record("no question: \(d.state.overlay)"); return }
        #expect(c.question.en.hasSuffix("You cannot take it back (u)."))
        let focal = TestLedger.state(.en, extra: "2025-06-01T08:00+07:00 @vpcp member vpcp role=secretariat\n2025-06-01T08:00+07:00 @vpcp member tester role=focal agency=BKHCN\n")
        d = Driver(focal)
        d.press(.char("/")); d.type("id:NQ03-12"); d.press(.enter)
        d.press(.char("b")); d.type("Chờ ý kiến"); d.press(.enter)
        if case .confirm = d.state.overlay {} else { Issue.record("a focal point's block, which only the secretariat unblocks, was not asked: \(d.state.overlay)") }
    }

    /// A change refused after `y` returns to the form it came from, with what was typed and
    /// why; an Esc and a key sent together at the question return to it too, the key dropped.
    @Test func aRefusalAfterYesReturnsToTheForm() throws {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("/")); d.type("id:DA06-03"); d.press(.enter)
        d.press(.char("t")); d.type("ghi chú dài"); d.press(.enter)
        guard case .confirm = d.state.overlay else { Issue.record("no question"); return }
        d.send(.appendFailed("/srv/l.ledger: another process has held the ledger's lock for 5 s; nothing was written"))
        #expect(form(d)?.fields[0].editor.text == "ghi chú dài")
        #expect(form(d)?.error?.contains("held the ledger's lock") == true)
        d.press(.enter)
        d.press(.alt(.char("y")))
        #expect(form(d)?.fields[0].editor.text == "ghi chú dài", "the y sent with the Esc is not typed into the note")
    }

    /// A field with choices takes ← → alone: Backspace does not cut `submitted` to `submitte`.
    @Test func aChoiceIsNotEdited() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("/")); d.type("id:NQ03-12"); d.press(.enter)
        d.press(.char("D"))
        let before = form(d)?.focused.editor.text
        d.press(.backspace)
        #expect(form(d)?.focused.editor.text == before)
        #expect(form(d)?.error?.hasPrefix("← → choose") == true)
    }

    @Test func aWindowTooSmallTakesNoKeys() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("x"))
        d.type("go nham")
        let open = d.state.overlay
        d.send(.resize(Size(width: 30, height: 8)))
        #expect(d.press(.enter, .char("y"), .char("q")) == [])
        #expect(d.send(.paste("y")) == [])
        #expect(d.state.overlay == open)
        #expect(d.frame.lines.joined(separator: " ").contains("Keys are ignored until it is"))
        d.send(.resize(Size(width: 80, height: 24)))
        #expect(d.state.overlay == open, "the form is there again as it was left")
    }

    /// Issuing a decree (as accepting or cancelling a task) closes it for good: the screen asks
    /// once more before writing it.
    @Test func whatClosesATaskForGoodIsAskedOnceMore() throws {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("D"))
        #expect(form(d)?.verb == .stage)
        d.press(.right, .right)
        #expect(form(d)?.focused.editor.text == "issued")
        #expect(d.press(.enter, .enter, .enter) == [])
        guard case .confirm(let c) = d.state.overlay else {
            Issue.record("no question asked: \(d.state.overlay)")
            return
        }
        #expect(c.question.en == "Record NQ03-12 as issued? It closes the task for good.")
        let effects = d.press(.char("y"))
        #expect(effects.contains { if case .append(let draft, _) = $0 { draft.verb == .stage } else { false } })
        #expect(AppState.closingQuestion(Draft(.accept, "T", [])) != nil)
        #expect(AppState.closingQuestion(Draft(.stage, "T", [Field(.stage, "appraisal")])) == nil)
        // A deadline set before today is asked too: a mistyped year makes the task overdue at once.
        let day = CivilDate("2026-12-07")!
        #expect(AppState.pastDeadlineQuestion(Draft(.extend, "T", [Field(.due, "2026-11-01"), Field(.reason, "r")]), today: day)?.en
                    == "Set the deadline of T to 2026-11-01, before today (2026-12-07)? It is overdue at once.")
        #expect(AppState.pastDeadlineQuestion(Draft(.extend, "T", [Field(.due, "2026-12-07"), Field(.reason, "r")]), today: day) == nil)
        #expect(AppState.pastDeadlineQuestion(Draft(.assign, "T", [Field(.due, "2025-01-01")]), today: day) != nil)
        // So is a reassignment to an agency that coordinates the task, which then stops doing so.
        let task = TestLedger.ledger().latest.tasks["NQ03-12"]
        #expect(AppState.reassignQuestion(Draft(.reassign, "NQ03-12", [Field(.lead, "BTP")]), task: task)?.en
                    == "BTP coordinates NQ03-12: leading it, it stops coordinating it. Reassign?")
        #expect(AppState.reassignQuestion(Draft(.reassign, "NQ03-12", [Field(.lead, "BCA")]), task: task) == nil)
    }

    /// A login the ledger does not let record opens read-only, saying why, rather than offering
    /// changes every one of which would be refused.
    @Test(arguments: [
        ("", false),
        ("2025-05-11T08:00+07:00 @vpcp member vpcp role=secretariat\n", true),
        ("2025-05-11T08:00+07:00 @vpcp member vpcp role=secretariat\n2025-05-11T08:01+07:00 @vpcp member tester role=viewer\n", true),
        ("2025-05-11T08:00+07:00 @vpcp member vpcp role=secretariat\n2025-05-11T08:01+07:00 @vpcp member tester role=focal agency=BKHCN\n", false),
    ])
    func aLoginThatMayNotRecordSeesAReadOnlyScreen(members: String, readOnly: Bool) {
        let s = TestLedger.state(.en, extra: members)
        #expect(s.isReadOnly == readOnly)
        if readOnly {
            let why = members.contains("role=viewer") ? "read-only: @tester is a viewer of this ledger" : "read-only: @tester is not a member of this ledger"
            #expect(s.readOnlyReason?.hasPrefix(why) == true, "\(s.readOnlyReason ?? "")")
        }
    }

    /// A line stamped years ahead (a mistyped year) opens the screen read-only, saying why: no
    /// change could be stamped after it, and what it records shows as done already.
    @Test func aLineStampedAfterTodayOpensReadOnly() {
        let s = TestLedger.state(.en, extra: "2052-05-11T08:00+07:00 @vpcp report NQ03-12 progress=40\n")
        #expect(s.readOnlyReason?.hasPrefix("read-only: the ledger's last event is stamped 2052-05-11T08:00+07:00, after today") == true, "\(s.readOnlyReason ?? "")")
        let tomorrow = TestLedger.today.adding(days: 1).description
        #expect(!TestLedger.state(.en, extra: "\(tomorrow)T08:00+07:00 @vpcp report NQ03-12 progress=40\n").isReadOnly)
    }

    /// A focal point is offered the changes a focal point may record, not the secretariat's.
    @Test func aFocalPointIsOfferedWhatItMayRecord() {
        let focal = "2025-05-11T08:00+07:00 @vpcp member vpcp role=secretariat\n2025-05-11T08:01+07:00 @vpcp member tester role=focal agency=BKHCN\n"
        let wide = Size(width: 200, height: 30)
        let footer = Driver(TestLedger.state(.en, size: wide, extra: focal)).frame.lines[wide.height - 2]
        #expect(footer.contains("r report") && footer.contains("> submit") && footer.contains("D stage"), "\(footer)")
        #expect(!footer.contains("A accept") && !footer.contains("e extend") && !footer.contains("a assign"), "\(footer)")
        let secretariat = Driver(TestLedger.state(.en, size: wide)).frame.lines[wide.height - 2]
        #expect(secretariat.contains("A accept") && secretariat.contains("e extend"), "\(secretariat)")
    }

    /// Fields take what people type: a figure over the one shown replaces it, `95%` is 95, and
    /// a list of agencies may have spaces after its commas.
    @Test func fieldsTakeWhatPeopleType() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("r"))
        #expect(form(d)?.fields[0].editor.text == "70")
        d.type("95%")
        #expect(form(d)?.fields[0].editor.text == "95%", "typed over the 70 shown")
        d.press(.tab)
        let report = d.press(.enter)
        #expect(report.contains { if case .append(let draft, _) = $0 { draft == Draft(.report, "NQ03-12", [Field(.progress, "95")]) } else { false } }, "\(report)")

        d = Driver(TestLedger.state(.en))
        d.press(.char("m"))
        while form(d)?.focused.key != .support { d.press(.tab) }
        d.press(.ctrl("u"))
        d.type("BTC, BCA ,")
        var effects: [Effect] = []
        while effects.isEmpty, form(d) != nil { effects = d.press(.enter) }
        #expect(effects.contains { if case .append(let draft, _) = $0 { draft.fields == [Field(.support, "BTC,BCA")] } else { false } }, "\(effects)")
    }

    /// Why a change was refused is said in full at 80 columns: a long reason takes the keys'
    /// line too, until the next key.
    @Test func aLongRefusalIsShownWhole() {
        var d = Driver(TestLedger.state(.en))
        let why = "not recorded: @tester is the focal point of BKHCN and may not change DA06-01, which dongnai leads · hint: only the lead agency's focal point or the secretariat may record this"
        d.state.fail(why)
        let lines = d.frame.lines
        let shown = lines[21...23].joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(shown == why, "\(lines[21...23].joined(separator: "\n"))")
        d.press(.char("j"))
        #expect(d.frame.lines[23].contains("? help"), "the keys come back with the next key")
    }

    /// A reassignment another user made while the form was open is not undone by this one, and
    /// undoing one that took the new lead off the support list is refused (a reassign back
    /// cannot put it on again).
    @Test func aReassignFormIsCheckedAgainstTheLeadsItShowed() throws {
        var d = Driver(TestLedger.state(.en))
        d.press(.char("L"))
        d.type("BCA")
        d.press(.tab, .tab)
        d.type("r")
        let effects = d.press(.enter)
        guard case .append(let draft, let undo)? = effects.first else {
            Issue.record("no append: \(effects)")
            return
        }
        #expect(draft.leadsShown == ["BKHCN"])
        let moved = TestLedger.ledger("2025-06-15T09:00+07:00 @vpcp reassign NQ03-12 lead=BCA reason=x\n").latest
        #expect {
            _ = try draft.event(on: moved, time: TestLedger.onTheDay, actor: "tester")
        } throws: { error in
            (error as? Rejection)?.message == "NQ03-12 is now led by BCA, changed since this form showed BKHCN"
        }
        if case .impossible(let why) = undo { Issue.record("undo refused: \(why.en)") }
        // NQ03-12 has BTC and BTP for support: led by BTP, BTP leaves the list.
        let toSupporter = Draft(.reassign, "NQ03-12", [Field(.lead, "BTP")], leadsShown: ["BKHCN"])
        if case .by = Form.undo(for: toSupporter, before: TestLedger.ledger().latest.tasks["NQ03-12"]) {
            Issue.record("an undo that cannot restore the support list was offered")
        }
    }

    /// A focal point is not offered `issued`, which only the secretariat records.
    @Test func aFocalPointIsNotOfferedTheIssue() {
        let focal = "2025-05-11T08:00+07:00 @vpcp member vpcp role=secretariat\n2025-05-11T08:01+07:00 @vpcp member tester role=focal agency=BKHCN\n"
        var d = Driver(TestLedger.state(.en, extra: focal))
        d.press(.char("D"))
        guard case .choice(let options)? = form(d)?.fields.first?.kind else {
            Issue.record("no stage form: \(d.state.overlay)")
            return
        }
        #expect(options == ["appraisal", "submitted"])
    }

    /// Where text is typed, an Esc and a key sent together (a slow link, typed fast) cancel:
    /// taken for an Alt-key that does nothing, the form stayed open and the next Enter saved
    /// it. On the panes they are the Esc and the key.
    @Test func anEscAndAKeySentTogetherCancelWhereTextIsTyped() {
        var d = Driver(TestLedger.state(.en))
        d.press(.char(">"))
        d.type("abc")
        #expect(d.press(.alt(.char("j"))) == [])
        #expect(d.state.overlay == .none, "the form is cancelled")
        #expect(d.press(.enter) == [], "and the Enter after it saves nothing")
        d.press(.escape)
        d.press(.alt(.char("/")))
        if case .filter = d.state.overlay {} else { Issue.record("Esc and / sent together did not open the filter: \(d.state.overlay)") }
    }
}
