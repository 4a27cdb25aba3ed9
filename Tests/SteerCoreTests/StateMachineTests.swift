import Testing
@testable import SteerCore

@Suite struct StateMachineTests {
    /// A progress is read from its bytes as `Int(_:)` reads it, then held to 0–100: the same
    /// values accepted and the same refused, signs, leading zeros and overflow included.
    @Test func aProgressIsReadAsIntReadsIt() {
        var samples = ["", "+", "-", "0", "-0", "+0", "00", "007", "0100", "100", "101", "-1", "+50", "--5", "+-5", "5 ", " 5",
                       "5.0", "1e2", "٣", "五", "99999999999999999999", "00000000000000000000050", "1_0", "0x10", "½"]
        for n in 0...150 { samples += ["\(n)", "+\(n)", "-\(n)", "0\(n)", "\(n)%"] }
        for s in samples {
            let expected = Int(s).flatMap { (0...100).contains($0) ? $0 : nil }
            let read = Array(s.utf8).withUnsafeBufferPointer { Board.percentage($0) }
            #expect(read == expected, "progress=\(s)")
        }
    }

    static let assign = "2025-01-09T08:00+07:00 @vpcp assign T title=\"Kế hoạch hành động\" lead=BKHCN due=2025-03-31 product=\"Kế hoạch\" owner=\"Vụ Kế hoạch\"\n"
    static let legal = "2025-01-09T08:00+07:00 @vpcp assign D kind=decree title=\"Nghị định hướng dẫn\" lead=BKHCN due=2025-03-31 product=\"Nghị định\" owner=\"Vụ Pháp chế\"\n"

    func run(_ lines: [String], base: String = assign) -> Ledger {
        var text = agencies + base
        for (i, l) in lines.enumerated() { text += "2025-02-\(10 + i)T08:00+07:00 @vpcp \(l)\n" }
        return ledger(text)
    }

    @Test func followsTheHappyPath() {
        let l = run(["start T", "report T progress=60 note=\"đang làm\"", "submit T", "accept T"])
        #expect(l.isClean)
        let t = l.board.tasks["T"]!
        #expect(t.state == .done)
        // Done is all of it: the 60% last reported is not what the task stands at.
        #expect(t.progress == 100)
        #expect(t.closedAt?.description == "2025-02-13T08:00+07:00")
        #expect(l.board.tasks.history(of: "T").count == 5)
    }

    /// An assignment keeps every text it is given, and of a key given twice (which only an
    /// event built in code can do) the first, as `Event`'s subscript reads it.
    @Test func anAssignmentKeepsTheFirstOfEachText() throws {
        var board = ledger(agencies).board
        let time = try #require(Timestamp.parse("2025-01-09T08:00+07:00"))
        let texts: [Key] = [.title, .owner, .product, .source, .authority]
        let fields = texts.map { Field($0, "first \($0.rawValue)") } + [Field(.lead, "BKHCN")] + texts.map { Field($0, "second \($0.rawValue)") }
        let e = Event(time: time, actor: "vpcp", verb: .assign, id: "T2", fields: fields)
        try board.apply(e, index: 0)
        let t = try #require(board.tasks["T2"])
        #expect([t.title, t.owner, t.product, t.source, t.authority] == texts.map { e[$0] })
        #expect(t.title == "first title")
    }

    /// A list of agencies is cut at its commas, empty pieces dropped, each piece's bytes kept
    /// as written (Vietnamese letters included).
    @Test(arguments: [
        ("BKHCN", ["BKHCN"]), ("VPCP,BVHTTDL", ["VPCP", "BVHTTDL"]), ("A,,B", ["A", "B"]),
        (",A,", ["A"]), (",", []), ("", []), ("Bộ,Sở Nội vụ,x", ["Bộ", "Sở Nội vụ", "x"]),
    ])
    func anAgencyListIsCutAtItsCommas(text: String, agencies: [String]) {
        #expect(Board.list(text) == agencies)
    }

    @Test(arguments: [
        (["accept T"], "cannot accept T: it is assigned"),
        (["submit T"], "cannot submit T: it is assigned"),
        (["start T", "start T"], "cannot start T: it is in_progress"),
        (["unblock T"], "cannot unblock T: it is assigned"),
        (["start T", "submit T", "block T note=x"], "cannot block T: it is submitted"),
        (["cancel T reason=x", "report T progress=5"], "cannot report T: it is cancelled"),
        (["start T", "submit T", "accept T", "extend T due=2025-05-01 reason=x"], "cannot extend T: it is done"),
        (["start T", "return T note=x"], "cannot return T: it is in_progress"),
        (["block T note=x", "submit T"], "cannot submit T: it is blocked"),
    ])
    func refusesIllegalTransitions(_ lines: [String], _ message: String) {
        let l = run(lines)
        #expect(l.errors.map(\.message) == [message])
    }

    /// The first deadline is whichever came first: given at assign or by an amend; a refused one
    /// (an extension of a task with no deadline, a second amend) is not in the history.
    @Test func theFirstDeadlineIsTheOneFirstGiven() throws {
        let undated = "2025-01-09T08:00+07:00 @vpcp assign T lead=BKHCN\n"
        func history(_ lines: [String], base: String = undated) -> (TaskHistory, Assignment?) {
            let l = run(lines, base: base)
            return (TaskHistory(l.history(of: "T").map(\.event)), l.board.tasks["T"])
        }
        var (h, t) = history(["extend T due=2025-04-15 reason=x", "extend T due=2025-05-15 reason=y"])
        #expect(h.firstDeadline == nil && t?.due == nil && h.extensions.isEmpty)
        (h, t) = history(["amend T due=2025-03-01", "extend T due=2025-04-15 reason=x", "amend T due=2025-01-01"])
        #expect(h.firstDeadline == date("2025-03-01") && t?.due == date("2025-04-15") && h.extensions.count == 1)
        (h, t) = history(["amend T due=2025-03-01"])
        #expect(h.firstDeadline == date("2025-03-01") && h.extensions.isEmpty)
        #expect(history([]).0.firstDeadline == nil)
        #expect(history(["extend T due=2025-04-15 reason=x"], base: Self.assign).0.firstDeadline == date("2025-03-31"))
    }

    /// The last note is the note of the last event that gave one, whatever its verb.
    @Test func theLastNoteIsTheLastGiven() {
        let l = run(["report T progress=10 note=\"Đã họp\"", "block T note=\"Chờ ý kiến\"", "unblock T", "report T progress=20"])
        #expect(TaskHistory(l.history(of: "T").map(\.event)).lastNote == "Chờ ý kiến")
        #expect(TaskHistory(run([]).history(of: "T").map(\.event)).lastNote == nil)
    }

    @Test func blockAndUnblockKeepTheNote() {
        var l = run(["start T", "block T note=\"Chờ ý kiến Bộ Tư pháp\""])
        #expect(l.board.tasks["T"]?.state == .blocked)
        #expect(l.board.tasks["T"]?.blockedNote == "Chờ ý kiến Bộ Tư pháp")
        l = run(["start T", "block T note=x", "report T note=\"vẫn chờ\"", "unblock T"])
        #expect(l.isClean)
        #expect(l.board.tasks["T"]?.state == .inProgress)
    }

    @Test func returnSendsASubmittedTaskBack() {
        let l = run(["start T", "submit T", "return T note=\"Thiếu số liệu\"", "submit T", "accept T"])
        #expect(l.isClean)
        #expect(l.board.tasks["T"]?.state == .done)
    }

    @Test func extendKeepsTheOriginalDeadlineAndReason() {
        let l = run(["extend T due=2025-04-15 reason=\"Chờ thẩm định\"", "extend T due=2025-05-15 reason=\"Lần hai\""])
        let h = TaskHistory(l.history(of: "T").map(\.event))
        #expect(h.firstDeadline == date("2025-03-31"))
        #expect(l.board.tasks["T"]?.due == date("2025-05-15"))
        #expect(h.extensions.map { $0[.reason] } == ["Chờ thẩm định", "Lần hai"])
    }

    /// An extension taken back by the screen's undo counts as neither.
    @Test func anExtensionUndoneIsNoExtension() {
        let l = run(["extend T due=2025-04-15 reason=\"Chờ thẩm định\"", "extend T due=2025-05-15 reason=\"Lần hai\"", "extend T due=2025-04-15 reason=undo"])
        #expect(TaskHistory(l.history(of: "T").map(\.event)).extensions.map { $0[.reason] } == ["Chờ thẩm định"])
    }

    @Test func legalDocumentsAreDoneWhenIssued() {
        let l = run(["stage D stage=drafting", "stage D stage=appraisal", "stage D stage=issued ref=\"278/2025/NĐ-CP\""], base: Self.legal)
        #expect(l.isClean)
        let t = l.board.tasks["D"]!
        #expect(t.state == .done)
        #expect(t.stage == .issued)
        #expect(t.stageRef == "278/2025/NĐ-CP")
        #expect(t.progress == 100)
    }

    /// An extension moves a deadline there is: a task without one gets its first by `amend`
    /// (and was unclear on time until then), never by an "extension" that had nothing to move.
    @Test func onlyATaskWithADeadlineIsExtended() throws {
        let base = "2025-01-09T08:00+07:00 @vpcp assign U title=\"Việc không hạn\" lead=BKHCN\n"
        let l = run(["extend U due=2025-04-30 reason=\"Có hạn\""], base: base)
        let error = try #require(l.errors.first)
        #expect(error.message == "U has no deadline to extend")
        #expect(error.hint == "give it its first deadline: amend U due=2025-04-30")
        #expect(l.board.tasks["U"]?.due == nil)
        #expect(run(["amend U due=2025-04-30", "extend U due=2025-05-31 reason=\"Lần một\""], base: base).isClean)
    }

    @Test func stagesAreForLegalDocumentsOnly() {
        let l = run(["stage T stage=drafting"])
        #expect(l.errors.first?.message.contains("not a legal document") == true)
    }

    @Test func amendFillsMissingFieldsButNotTheDeadline() {
        let base = "2025-01-09T08:00+07:00 @vpcp assign U title=\"Việc\"\n"
        let l = run(["amend U owner=\"Cục C06\" due=2025-06-30 lead=BTC product=\"Báo cáo\""], base: base)
        #expect(l.isClean)
        let t = l.board.tasks["U"]!
        #expect(t.owner == "Cục C06" && t.due == date("2025-06-30") && t.leads == ["BTC"])
        #expect(TaskHistory(l.history(of: "U").map(\.event)).firstDeadline == date("2025-06-30"))
        let again = run(["amend U due=2025-06-30", "amend U due=2025-07-30"], base: base)
        #expect(again.errors.map(\.line) == [8])
    }

    /// A task done by acceptance cannot become a legal document, which only issue closes, nor
    /// an issued document a task; an open one may change kind, and a done one's record be completed.
    @Test func aDoneTaskKeepsWhatClosedIt() {
        let done = ["start T", "submit T", "accept T"]
        let l = run(done + ["amend T kind=law", "amend T kind=plan owner=\"Vụ Pháp chế\""])
        #expect(l.errors.map(\.line) == [10])
        #expect(l.errors.first?.message.contains("its kind cannot become law") == true)
        #expect(l.board.tasks["T"]?.kind == .plan && l.board.tasks["T"]?.owner == "Vụ Pháp chế")
        let issued = run(["stage D stage=drafting", "stage D stage=issued ref=\"12/2025/NĐ-CP\"", "amend D kind=task", "amend D kind=law"], base: Self.legal)
        #expect(issued.errors.map(\.line) == [9])
        #expect(issued.board.tasks["D"]?.kind == .law && issued.board.tasks["D"]?.state == .done)
        #expect(run(["start T", "amend T kind=decree"]).isClean)
    }

    /// Every refusal says what to do instead, and says it of the refusal it is.
    @Test(arguments: [
        ("agency BTC into=BTC", "merge into itself", "into=OTHER"),
        ("agency BTC into=NOPE", "unknown agency `NOPE`", "declare it first"),
        ("reassign T lead=btc reason=\"x\"", "unknown agency `btc`: did you mean BTC?", "lead=BTC"),
        ("agency BTC into=BKHCN\n2025-02-11T08:00+07:00 @vpcp agency BKHCN into=BTC", "would make a cycle", "merge BTC into BKHCN instead"),
        ("agency BTC into=BKHCN\n2025-02-11T08:00+07:00 @vpcp agency BTC into=BKHCN", "already merged", "merge BKHCN itself"),
        ("reassign T lead=BKHCN reason=\"x\"", "already led by", "to lead it instead"),
        ("amend T lead=BTC", "already has a lead", "reassign T lead="),
        ("config ledger authority=maybe", "`on` or `off`", "authority=on"),
        ("member lan role=focal", "speaks for one agency", "member lan role=focal agency="),
    ])
    func everyRefusalSaysWhatToDo(_ line: String, _ message: String, _ hint: String) throws {
        let error = try #require(run([line]).errors.first)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.hint?.contains(hint) == true, "\(error.hint ?? "no hint")")
    }

    /// On a done task the hint does not send the user to `extend` or `reassign`, which are
    /// refused there too.
    @Test func aDoneTasksDeadlineAndLeadAreSaidNotToMove() throws {
        let due = try #require(run(["start T", "submit T", "accept T", "amend T due=2025-06-30"]).errors.first)
        #expect(due.message == "T is done: its deadline no longer moves" && due.hint == nil)
        let lead = try #require(run(["start T", "submit T", "accept T", "amend T lead=BTC"]).errors.first)
        #expect(lead.message == "T is done: its lead no longer changes" && lead.hint == nil)
    }

    @Test func reassignChangesTheLead() {
        let l = run(["reassign T lead=BTC owner=\"Vụ Ngân sách\" reason=\"Chuyển chủ trì\""])
        #expect(l.board.tasks["T"]?.leads == ["BTC"])
        #expect(l.board.tasks["T"]?.owner == "Vụ Ngân sách")
    }

    /// The unit in charge belonged to the old lead: reassigned without a new one, the task is
    /// unclear on "person" until the new lead names its own.
    @Test func reassignWithoutAnOwnerLeavesNone() {
        let l = run(["reassign T lead=BTC reason=\"Chuyển chủ trì\""])
        #expect(l.isClean)
        #expect(l.board.tasks["T"]?.owner == nil)
        #expect(Overview(board: l.board, today: date("2025-03-01")).rows.first?.unclear.contains(.person) == true)
    }

    @Test func mergedAgenciesCountForTheOneTheyJoined() {
        let l = run(["agency dongnai into=BTC"], base: "2025-01-09T08:00+07:00 @vpcp assign P title=\"Kế hoạch tỉnh\" lead=dongnai\n")
        #expect(l.isClean)
        #expect(l.board.canonicalAgency("dongnai") == "BTC")
        let stats = Overview(board: l.board, today: date("2025-03-01")).agencyStats()
        #expect(stats.first { $0.agency.id == "BTC" }?.assignments == 1)
        #expect(!stats.contains { $0.agency.id == "dongnai" })
    }

    /// A list of agencies that passed is shared with later tasks that write it alike; once one
    /// of its agencies is merged, naming it is refused again, and a list that was refused (an
    /// agency not yet declared) is not kept.
    @Test func aSharedListOfAgenciesIsCheckedAgainAfterAMerge() {
        let text = agencies + """
        2025-01-09T08:00+07:00 @vpcp assign A title="Một" lead=BTC support=BKHCN,dongnai
        2025-01-09T08:01+07:00 @vpcp assign B title="Hai" lead=BTC support=BKHCN,dongnai
        2025-01-09T08:02+07:00 @vpcp assign C title="Ba" lead=BTC support=BKHCN,BXD
        2025-01-09T08:03+07:00 @vpcp agency BXD kind=ministry name="Bộ Xây dựng"
        2025-01-09T08:04+07:00 @vpcp assign D title="Bốn" lead=BTC support=BKHCN,BXD
        2025-02-02T08:00+07:00 @vpcp agency dongnai into=BTC
        2025-02-03T08:00+07:00 @vpcp assign E title="Năm" lead=BTC support=BKHCN,dongnai
        2025-02-03T08:01+07:00 @vpcp assign F title="Sáu" lead=dongnai

        """
        let l = ledger(text)
        #expect(l.errors.map(\.line) == [8, 12, 13])
        #expect(l.errors.last?.message.contains("dongnai was merged into BTC") == true)
        #expect(l.board.tasks["B"]?.support == ["BKHCN", "dongnai"] && l.board.tasks["D"]?.support == ["BKHCN", "BXD"])
    }

    @Test func rolesLimitFocalPointsToTheirAgency() {
        let members = """
        2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
        2025-01-03T08:00+07:00 @vpcp member lan role=focal agency=BKHCN
        2025-01-03T08:00+07:00 @vpcp member ha role=focal agency=BTC
        2025-01-03T08:00+07:00 @vpcp member minh role=viewer

        """
        let text = agencies + members + Self.assign + """
        2025-02-01T08:00+07:00 @lan start T
        2025-02-02T08:00+07:00 @ha report T progress=10
        2025-02-03T08:00+07:00 @minh report T progress=10
        2025-02-04T08:00+07:00 @lan extend T due=2025-09-01 reason=x
        2025-02-05T08:00+07:00 @stranger report T progress=10
        2025-02-06T08:00+07:00 @vpcp extend T due=2025-09-01 reason=x

        """
        let l = ledger(text)
        #expect(l.errors.map(\.line) == [12, 13, 14, 15])
        #expect(l.board.tasks["T"]?.state == .inProgress)
        #expect(l.board.tasks["T"]?.due == date("2025-09-01"))
    }

    /// The role check's shortcut (`mayRecordAtOnce`) lets through only what the whole check
    /// (`checkRole`) lets through: every member (the secretariat, focal points of the lead
    /// agency and of another, a viewer, someone undeclared), every task verb, a stage issued
    /// or not, before and after an agency is merged. And it does let the common ones through.
    @Test func theRoleShortcutLetsThroughOnlyWhatTheRoleCheckDoes() throws {
        let members = """
        2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
        2025-01-03T08:00+07:00 @vpcp member lan role=focal agency=BKHCN
        2025-01-03T08:00+07:00 @vpcp member ha role=focal agency=BTC
        2025-01-03T08:00+07:00 @vpcp member minh role=viewer

        """
        let merge = "2025-01-20T08:00+07:00 @vpcp agency BKHCN into=BTC\n"
        // The events as replay reads them (`ParsedEvent.Reading`): only those give the actor's
        // words, by which the shortcut finds the member.
        var lines = "steer-ledger 1\n"
        for actor in ["vpcp", "lan", "ha", "minh", "stranger"] {
            for verb in Verb.allCases where ![.config, .agency, .member, .assign].contains(verb) {
                let given: [Verb: [String]] = [.stage: [" stage=issued", " stage=drafting"], .block: [" note=x"], .return: [" note=x"],
                                               .extend: [" due=2025-09-01 reason=x"], .reassign: [" lead=BTC"], .cancel: [" reason=x"]]
                for fields in given[verb] ?? [""] {
                    lines += "2025-02-01T08:00+07:00 @\(actor) \(verb.rawValue) T\(fields)\n"
                }
            }
        }
        let out = LedgerParser(file: "f").parse(Array(lines.utf8))
        #expect(out.diagnostics.isEmpty)
        var shortcuts: Set<String> = []
        for text in [agencies + members + Self.assign, agencies + members + Self.assign + merge] {
            var board = ledger(text).board
            let task = try #require(board.tasks.position(of: "T"))
            out.parsed.withUnsafeBufferPointer { events in
                out.fields.withUnsafeBufferPointer { fields in
                    out.texts.withUnsafeBufferPointer { strings in
                        let texts = PieceTexts(strings: UnsafeMutableBufferPointer(mutating: strings), bytes: UnsafeBufferPointer(start: nil, count: 0))
                        for i in events.indices {
                            let e = ParsedEvent.Reading(events, i, fields: fields, texts: texts, spends: false)
                            guard board.mayRecordAtOnce(e, task: task) else { continue }
                            #expect(throws: Never.self, "\(e.event)") { try board.checkRole(e, task: task) }
                            shortcuts.insert("\(e.actor) \(e.verb)")
                        }
                    }
                }
            }
        }
        #expect(shortcuts.contains("vpcp extend") && shortcuts.contains("lan report") && !shortcuts.contains("ha report"))
    }

    /// Once an agency is merged, the focal point of the one it joined answers for its tasks.
    @Test func aFocalPointAnswersForTheTasksOfAnAgencyMergedIntoItsOwn() {
        let text = agencies + """
        2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
        2025-01-03T08:00+07:00 @vpcp member ha role=focal agency=BTC
        2025-01-03T08:00+07:00 @vpcp member lan role=focal agency=BKHCN
        2025-01-09T08:00+07:00 @vpcp assign P title="Kế hoạch tỉnh" lead=dongnai
        2025-02-01T08:00+07:00 @ha start P
        2025-02-02T08:00+07:00 @vpcp agency dongnai into=BTC
        2025-02-03T08:00+07:00 @ha start P
        2025-02-04T08:00+07:00 @lan report P progress=10

        """
        let l = ledger(text)
        #expect(l.errors.map(\.line) == [10, 13])
        #expect(l.errors.first?.message.contains("focal point of BTC and may not change P, which dongnai leads") == true)
        #expect(l.board.tasks["P"]?.state == .inProgress)
    }

    /// The focal point of an agency merged away keeps its own tasks, and gains none of the
    /// agency it joined; nobody new is made the focal point of a merged agency. Lines written
    /// before that rule (when the one merged away spoke for the one it joined) still read.
    @Test func aMergeGrantsTheMergedAgencysFocalPointNothingMore() throws {
        let text = agencies + """
        2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
        2025-01-03T08:00+07:00 @vpcp member vinh role=focal agency=dongnai
        2025-01-09T08:00+07:00 @vpcp assign P title="Kế hoạch tỉnh" lead=dongnai
        2025-01-09T08:00+07:00 @vpcp assign Q title="Kế hoạch bộ" lead=BTC
        2025-01-09T08:00+07:00 @vpcp assign R title="Kế hoạch khác" lead=BTC
        2025-02-02T08:00+07:00 @vpcp agency dongnai into=BTC
        2025-02-03T08:00+07:00 @vinh start P
        2025-02-04T08:00+07:00 @vinh start R

        """
        var board = ledger(text).board
        #expect(ledger(text).isClean, "a line written under the earlier rule reads")
        let at = Timestamp.parse("2025-02-05T08:00+07:00")!
        #expect(throws: Never.self) { try board.check(Event(time: at, actor: "vinh", verb: .report, id: "P", fields: [Field(.progress, "10")])) }
        #expect { try board.check(Event(time: at, actor: "vinh", verb: .start, id: "Q")) } throws: { error in
            (error as? Rejection)?.message == "@vinh is the focal point of dongnai, which was merged into BTC, and may not change Q"
        }
        #expect { try board.apply(Event(time: at, actor: "vpcp", verb: .member, id: "ngoc", fields: [Field(.role, "focal"), Field(.agency, "dongnai")]), index: 0) } throws: { error in
            (error as? Rejection)?.message == "dongnai was merged into BTC; its tasks are reported by the focal point of BTC"
        }
    }

    /// A refusal of a task with no lead says so, rather than naming an empty list of leads.
    @Test func aFocalPointIsToldATaskHasNoLead() throws {
        let text = agencies + """
        2025-01-03T08:00+07:00 @vpcp member vpcp role=secretariat
        2025-01-03T08:00+07:00 @vpcp member lan role=focal agency=BKHCN
        2025-01-09T08:00+07:00 @vpcp assign P title="Chưa có chủ trì"
        2025-02-03T08:00+07:00 @lan report P progress=10

        """
        let error = try #require(ledger(text).errors.first)
        #expect(error.message == "@lan is the focal point of BKHCN and may not change P, which has no lead agency")
        #expect(error.hint == "the secretariat may record this, or give the task its lead: amend P lead=…")
    }

    /// An empty list is none: a coordinating agency named by mistake is taken off so (and an
    /// undo of `amend T support=BTC` writes it).
    @Test func anEmptyListTakesTheAgenciesOff() {
        let l = run(["amend T support=BTC", "amend T support=\"\""])
        #expect(l.isClean)
        #expect(l.board.tasks["T"]?.support == [])
    }

    /// New events are refused a report of an empty note, an agency named by spaces, a list with
    /// an empty place; lines an earlier steer wrote so still read as they did, or no one could
    /// write to the ledger again after an upgrade.
    @Test(arguments: [
        ("report T note=\" \"", Verb.report, "T", [Field(.note, " ")], "a report needs progress= or a note that says something"),
        ("agency BTC name=\" \"", .agency, "BTC", [Field(.name, " ")], "an agency's name cannot be empty"),
        ("agency BTC name=\"\\u{200B}\"", .agency, "BTC", [Field(.name, "\u{200B}")], "an agency's name cannot be empty"),
        ("agency ZW kind=other name=\"\\u{200B}\"", .agency, "ZW", [Field(.kind, "other"), Field(.name, "\u{200B}")], "an agency's name cannot be blank"),
        ("agency ZJ kind=other name=\"\\u{200D}\\u{FE0F}\"", .agency, "ZJ", [Field(.kind, "other"), Field(.name, "\u{200D}\u{FE0F}")], "an agency's name cannot be blank"),
        ("amend T support=BTC,", .amend, "T", [Field(.support, "BTC,")], "an empty place in the list support="),
    ])
    func newEventsMeetRulesLinesReadNeedNot(_ line: String, _ verb: Verb, _ id: String, _ fields: [Field], _ message: String) throws {
        let read = run([line])
        #expect(read.isClean, "the line reads as it did")
        var board = run([]).board
        #expect { try board.apply(Event(time: Timestamp.parse("2025-02-10T08:00+07:00")!, actor: "vpcp", verb: verb, id: id, fields: fields), index: 0) } throws: { error in
            (error as? Rejection)?.message == message
        }
    }

    /// A list with a space in it names no agency, read or written; the caret goes to the element.
    @Test func aListWithASpaceIsSaidSo() throws {
        let error = try #require(run(["amend T support=\"BTC, BTP\""]).errors.first)
        #expect(error.message == "a list takes no spaces: agency ids are separated by commas alone")
        #expect(error.column == 51)
    }

    @Test func theFirstMemberMustBeOfTheSecretariat() {
        let l = ledger(agencies + "2025-01-03T08:00+07:00 @lan member lan role=focal agency=BKHCN\n")
        #expect(l.errors.first?.message.contains("first member") == true)
    }

    /// Moved west, the zone dates the events after the change earlier than the change itself:
    /// the board as of a day takes every event up to the last one dated on or before it.
    @Test func aBoardAsOfADayTakesTheEventsDatedOnItAfterTheZoneMovedWest() {
        let text = agencies + """
        2025-04-01T08:00+07:00 @vpcp assign T1 title="Việc một" lead=BTC due=2025-04-03
        2025-04-05T18:00Z @vpcp config ledger tz=Z
        2025-04-05T19:00Z @vpcp assign T2 title="Việc hai" lead=BTC due=2025-04-04
        2025-04-05T20:00Z @vpcp cancel T1 reason="Trùng lặp"
        2025-04-06T09:00Z @vpcp cancel T2 reason="Trùng lặp"

        """
        let fifth = ledger(text, asOf: date("2025-04-05"))
        #expect(fifth.board.tasks["T1"]?.state == .cancelled && fifth.board.tasks["T2"]?.state == .assigned)
        #expect(fifth.eventsTaken.count == 8, "all but the cancel of the 6th")
        let fourth = ledger(text, asOf: date("2025-04-04"))
        #expect(fourth.board.tasks["T1"]?.state == .assigned && fourth.board.tasks["T2"] == nil)
    }

    /// A task's history as of a day holds the events its board as of that day took, each day
    /// judged in the zone in force before the event, even after the zone changed.
    @Test func historyAsOfADayIsTheEventsTheBoardTookAcrossAZoneChange() {
        let text = agencies + Self.assign + """
        2025-02-10T08:00+07:00 @vpcp start T
        2025-02-10T20:00Z @vpcp report T progress=40
        2025-02-11T08:00+07:00 @vpcp config ledger tz=-05:00

        """
        let l = ledger(text, asOf: date("2025-02-10"))
        // 20:00 UTC is 03:00 on the 11th at +07:00, the zone then: past the day.
        #expect(l.board.tasks["T"]?.progress == nil)
        #expect(l.history(of: "T").map(\.event.verb) == [.assign, .start])
        #expect(ledger(text).history(of: "T").map(\.event.verb) == [.assign, .start, .report])
    }

    @Test func asOfShowsTheBoardAtTheEndOfThatDay() {
        let text = agencies + Self.assign + """
        2025-02-10T08:00+07:00 @vpcp start T
        2025-02-10T23:59+07:00 @vpcp report T progress=40
        2025-02-11T00:01+07:00 @vpcp submit T

        """
        let l = ledger(text, asOf: date("2025-02-10"))
        #expect(l.board.tasks["T"]?.state == .inProgress)
        #expect(l.board.tasks["T"]?.progress == 40)
        #expect(l.latest.tasks["T"]?.state == .submitted)
        #expect(l.history(of: "T").count == 3)
    }

    @Test func theDayOfAnEventIsTakenInTheLedgersZone() {
        // 20:00 UTC on 10 Feb is 03:00 on 11 Feb in Vietnam.
        let text = agencies + Self.assign + "2025-02-10T20:00Z @vpcp start T\n"
        #expect(ledger(text, asOf: date("2025-02-10")).board.tasks["T"]?.state == .assigned)
        let utc = "2025-01-01T00:00Z @vpcp config ledger tz=Z\n" + text.replacingOccurrences(of: "+07:00", with: "Z")
        #expect(ledger(utc, asOf: date("2025-02-10")).board.tasks["T"]?.state == .inProgress)
    }

    @Test func checkSaysWhatApplyWouldAndChangesNothing() throws {
        let board = run(["start T"]).board
        let submit = Event(time: Timestamp.parse("2025-03-01T08:00+07:00")!, actor: "vpcp", verb: .submit, id: "T")
        try board.check(submit)
        let accept = Event(time: submit.time, actor: "vpcp", verb: .accept, id: "T")
        #expect(throws: Rejection.self) { try board.check(accept) }
        // What check runs underneath: every rule, and the task table left as it was.
        var scratch = board
        try scratch.apply(submit, index: 99, recording: false)
        #expect(scratch.tasks["T"]?.state == .inProgress)
        #expect(scratch.tasks.history(of: "T").count == 2)
        let assign = Event(time: submit.time, actor: "vpcp", verb: .assign, id: "NEW", fields: [Field(.lead, "BTC")])
        try scratch.apply(assign, index: 100, recording: false)
        #expect(scratch.tasks["NEW"] == nil)
        try scratch.apply(submit, index: 101, recording: true)
        #expect(scratch.tasks["T"]?.state == .submitted, "the same event recorded does change the table")
    }

    /// Tasks led by one agency alone share one list of it; lists of several, and of an agency
    /// not declared (refused), are each their own.
    @Test func tasksNamingOneAgencyShareItsList() {
        let l = ledger(agencies + """
            2025-01-09T08:00+07:00 @vpcp assign A lead=BKHCN support=BTC
            2025-01-09T08:00+07:00 @vpcp assign B lead=BKHCN support=BTP,BTC
            2025-01-09T08:00+07:00 @vpcp assign C lead=NOPE
            2025-01-09T08:00+07:00 @vpcp assign D lead=BTC support=BKHCN\n
            """)
        func storage(_ list: [String]) -> Int { list.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        let t = l.board.tasks
        #expect(t["A"]?.leads == ["BKHCN"] && t["B"]?.support == ["BTP", "BTC"] && t["C"] == nil)
        #expect(storage(t["A"]!.leads) == storage(t["B"]!.leads) && storage(t["A"]!.leads) == storage(t["D"]!.support))
        #expect(storage(t["A"]!.support) == storage(t["D"]!.leads))
    }
}
