import Testing
@testable import SteerCore

@Suite struct QueryTests {
    /// Five tasks, one in each cell of the 2×2 and one with no deadline, seen on 2025-04-10.
    static let text = agencies + """
    2025-01-09T08:00+07:00 @vpcp assign ON kind=plan title="Kế hoạch đúng hạn" lead=BKHCN due=2025-03-31 product="Kế hoạch" owner="Vụ A"
    2025-01-09T08:00+07:00 @vpcp assign LATE kind=plan title="Kế hoạch trễ hạn" lead=BKHCN due=2025-03-15 product="Kế hoạch"
    2025-01-09T08:00+07:00 @vpcp assign OPEN title="Hệ thống đang làm" lead=BTC due=2025-04-20 owner="Cục B" product="Hệ thống"
    2025-01-09T08:00+07:00 @vpcp assign OVER kind=decree title="Nghị định quá hạn" lead=BTC,BKHCN due=2025-04-01 product="Nghị định" owner="Vụ C"
    2025-01-09T08:00+07:00 @vpcp assign NODUE title="Việc không hạn" lead=dongnai owner="Sở D" product="Báo cáo"
    2025-01-09T08:00+07:00 @vpcp assign GONE title="Việc bỏ" lead=BTP
    2025-02-01T08:00+07:00 @vpcp start ON
    2025-02-01T08:00+07:00 @vpcp start LATE
    2025-02-01T08:00+07:00 @vpcp stage OVER stage=consultation
    2025-03-20T08:00+07:00 @vpcp submit ON
    2025-03-20T08:00+07:00 @vpcp submit LATE
    2025-03-31T17:00+07:00 @vpcp accept ON
    2025-04-02T09:00+07:00 @vpcp accept LATE
    2025-04-03T09:00+07:00 @vpcp cancel GONE reason="Không còn cần thiết"

    """

    var overview: Overview { Overview(board: ledger(Self.text).board, today: date("2025-04-10")) }

    @Test func classifiesEveryTaskInTheTwoByTwo() {
        let o = overview
        let byID = Dictionary(uniqueKeysWithValues: o.rows.map { ($0.task.id, $0) })
        #expect(byID["ON"]?.timeliness == .doneOnTime)
        #expect(byID["LATE"]?.timeliness == .doneLate)
        #expect(byID["LATE"]?.daysLate == 18)
        #expect(byID["OPEN"]?.timeliness == .openInTime)
        #expect(byID["OPEN"]?.daysLeft == 10)
        #expect(byID["OVER"]?.timeliness == .openOverdue)
        #expect(byID["OVER"]?.daysLate == 9)
        #expect(byID["NODUE"]?.timeliness == .noDeadline)
        #expect(byID["GONE"]?.timeliness == .cancelled)
        let totals = o.totals()
        #expect((totals.counts.doneOnTime, totals.counts.doneLate, totals.counts.openInTime, totals.counts.openOverdue, totals.counts.noDeadline) == (1, 1, 1, 1, 1))
        #expect(totals.assignments == 5)
    }

    /// A verdict keeps the points failed as a set, a bit each, listed in the rule's order
    /// whatever order they were found in.
    @Test func failedPointsAreASetInTheRulesOrder() {
        let points: ClarityPoints = [.authority, .result, .person, .result]
        #expect(Array(points) == [.person, .result, .authority])
        #expect(points.count == 3 && !points.isEmpty)
        #expect(points.contains(.result) && !points.contains(.time))
        #expect(points.map(\.rawValue).joined(separator: ",") == "person,result,authority")
        #expect(ClarityPoints().isEmpty && Array(ClarityPoints()).isEmpty)
    }

    @Test func judgesClarityOnTheFivePoints() {
        let byID = Dictionary(uniqueKeysWithValues: overview.rows.map { ($0.task.id, $0.unclear) })
        #expect(byID["ON"] == [])
        #expect(byID["LATE"] == [.person])
        #expect(byID["OVER"] == [.responsibility])
        #expect(byID["NODUE"] == [.time])
        let six = ledger("2025-01-01T00:00+07:00 @vpcp config ledger authority=on\n" + Self.text)
        let row = Overview(board: six.board, today: date("2025-04-10")).rows.first { $0.task.id == "ON" }!
        #expect(row.unclear == [.authority])
    }

    /// What is clear is what a reader sees: words parted by any space (a no-break space from a
    /// spreadsheet too), an owner or a product that shows something, one lead agency counted
    /// after merges.
    @Test func judgesClarityOnWhatIsShown() {
        let board = ledger(agencies + """
            2025-01-09T08:00+07:00 @vpcp assign NB kind=task title="Xây\u{a0}dựng\u{a0}Nghị\u{a0}định" lead=BTC owner="Vụ A" product="Nghị định" due=2025-06-30
            2025-01-09T08:00+07:00 @vpcp assign ZW kind=task title="Xây\u{200b}dựng" lead=BTC owner="\u{200b}" product="\u{feff} " due=2025-06-30
            2025-01-09T08:00+07:00 @vpcp assign TWO kind=task title="Hai việc" lead=BTC,dongnai owner="Vụ A" product="P" due=2025-06-30
            2025-01-10T08:00+07:00 @vpcp agency dongnai into=BTC

            """).board
        let unclear = Dictionary(uniqueKeysWithValues: Overview(board: board, today: date("2025-04-10")).rows.map { ($0.task.id, $0.unclear) })
        #expect(unclear["NB"] == [])
        #expect(unclear["ZW"] == [.person, .work, .result])
        #expect(unclear["TWO"] == [], "dongnai counts for BTC now: one lead")
        #expect(ClarityPoint.hasTwoWords("Kế hoạch") && ClarityPoint.hasTwoWords("Kế\u{3000}hoạch") && !ClarityPoint.hasTwoWords("Kếhoạch \u{200d}"))
        #expect(ClarityPoint.hasTwoWords("Draft\nreport") && !ClarityPoint.hasTwoWords("\u{1} x") && !ClarityPoint.hasTwoWords("\n \n"))
    }

    /// A task closes on the day of the zone the ledger was in when it closed: a later change of
    /// zone does not make a late task on time, and the audit trail as of a day takes the events
    /// the board as of that day took.
    @Test func aLaterChangeOfZoneDoesNotMoveTheDayATaskClosed() throws {
        let text = agencies + """
            2025-01-09T08:00+07:00 @vpcp assign T1 title="Hai từ" lead=BTC owner=X due=2025-03-31 product=P
            2025-03-30T08:00+07:00 @vpcp start T1
            2025-03-30T09:00+07:00 @vpcp submit T1
            2025-03-31T20:00Z @vpcp accept T1
            2025-04-10T08:00+07:00 @vpcp config ledger tz=+00:00

            """
        for asOf in [date("2025-04-09"), date("2025-04-10"), date("2026-01-01")] {
            let row = try #require(Overview(board: ledger(text, asOf: asOf).board, today: asOf).rows.first { $0.task.id == "T1" })
            #expect(row.timeliness == .doneLate && row.daysLate == 1, "as of \(asOf)")
        }
        let board = ledger(text).board
        let made = try #require(SnapshotTests.snapshot(of: Array(("steer-ledger 1\n" + text).utf8)))
        let snapshot = try #require(SnapshotTests.decode(made.encoded())).board
        #expect(Overview(board: snapshot, today: date("2026-01-01")).rows.first { $0.task.id == "T1" }?.timeliness == .doneLate)
        #expect(board.tasks["T1"]?.closedAt?.description == "2025-04-01T03:00+07:00")
        let log = Ledger.load(Array(("steer-ledger 1\n" + text).utf8), file: "f", asOf: date("2025-03-31"))
        #expect(log.eventsTaken.map(\.event.verb).suffix(2) == [.start, .submit], "the accept fell on 1 April in the zone of its day")
        #expect(ledger(text).eventsTaken.count == ledger(text).events.count)
    }

    /// An agency named twice in a list is one agency written twice: refused, with the list as it
    /// should be.
    @Test func anAgencyNamedTwiceInAListIsRefused() throws {
        let l = ledger(agencies + "2025-01-09T08:00+07:00 @vpcp assign D title=\"Việc\" lead=BTC,BTC support=BTP,dongnai,BTP\n")
        let error = try #require(l.errors.first)
        #expect(error.message == "BTC is named twice in lead=" && error.hint == "name each agency once: lead=BTC")
        #expect(l.board.tasks["D"] == nil)
        // Nor may an agency both lead and support one task, named so at once or by an amend.
        let both = ledger(agencies + """
            2025-01-09T08:00+07:00 @vpcp assign E title="Việc" lead=BTC support=BTP,BTC
            2025-01-09T08:00+07:00 @vpcp assign F title="Việc" lead=BTC support=BTP
            2025-01-10T08:00+07:00 @vpcp amend F support=BTP,BTC

            """)
        #expect(both.errors.map(\.message) == ["BTC leads E and cannot also support it", "BTC leads F and cannot also support it"])
        #expect(both.errors.first?.hint == "support=BTP" && both.board.tasks["F"]?.support == ["BTP"])
        // An agency that supported a task and comes to lead it (reassigned, or named as the lead
        // it lacked) supports it no more.
        let moved = ledger(agencies + """
            2025-01-09T08:00+07:00 @vpcp assign G title="Việc" lead=BTC support=BTP,dongnai
            2025-01-09T08:00+07:00 @vpcp assign H title="Việc" support=BTP
            2025-01-10T08:00+07:00 @vpcp reassign G lead=BTP reason="Đúng chức năng"
            2025-01-10T08:00+07:00 @vpcp amend H lead=BTP
            2025-01-11T08:00+07:00 @vpcp amend G owner="Vụ A"
            2025-01-11T08:00+07:00 @vpcp assign I title="Việc" lead=BTC support=BTC

            """)
        #expect(moved.errors.map(\.line) == [11] && moved.errors.first?.hint == "leave out support=")
        #expect(moved.board.tasks["G"]?.support == ["dongnai"] && moved.board.tasks["G"]?.owner == "Vụ A")
        #expect(moved.board.tasks["H"]?.leads == ["BTP"] && moved.board.tasks["H"]?.support == [])
    }

    @Test func scoresAgencies() {
        let stats = overview.agencyStats()
        let bkhcn = stats.first { $0.agency.id == "BKHCN" }!
        #expect(bkhcn.assignments == 3)
        #expect(bkhcn.clear == 1)
        #expect(bkhcn.clearPercent == 33)
        #expect(bkhcn.counts.openOverdue == 1)
        #expect(bkhcn.worstPoint(ClarityPoint.points(LedgerConfig())) == .person)
        let btp = stats.first { $0.agency.id == "BTP" }!
        #expect(btp.assignments == 0 && btp.counts.cancelled == 1 && btp.clearPercent == nil)
    }

    /// 100% is said only when every assignment is clear: 299 of 300 is 99%, two of three 66%.
    @Test func clearShareRoundsDown() {
        var t = Totals()
        t.assignments = 300
        t.clear = 299
        #expect(t.clearPercent == 99)
        t.assignments = 3
        t.clear = 2
        #expect(t.clearPercent == 66)
        t.clear = 3
        #expect(t.clearPercent == 100)
    }

    /// What a screen following the ledger does: the verdicts and the agencies' counts of an
    /// earlier state, brought up to date by judging again only the tasks the new lines name,
    /// are what a fresh look at the board gives.
    @Test func anEarlierOverviewBroughtUpToDateIsAFreshOne() {
        let later = Self.text + """
        2025-04-04T09:00+07:00 @vpcp report OPEN progress=50
        2025-04-04T09:00+07:00 @vpcp extend OVER due=2025-04-30 reason="Chờ thẩm định"
        2025-04-05T09:00+07:00 @vpcp amend NODUE due=2025-04-08
        2025-04-05T09:00+07:00 @vpcp amend LATE owner="Vụ E"
        2025-04-06T09:00+07:00 @vpcp assign NEW kind=decree title="Nghị định mới" lead=BTP due=2025-04-02
        2025-04-07T09:00+07:00 @vpcp cancel OPEN reason="Gộp vào NEW"

        """
        let today = date("2025-04-10")
        let before = Overview(board: ledger(Self.text).board, today: today)
        let board = ledger(later).board
        let fresh = Overview(board: board, today: today)
        let changed = ["OPEN", "OVER", "NODUE", "LATE"].map { fresh.rowIndex(of: $0)! }
        let kept = Overview(board: board, today: today, keeping: before.verdicts, rejudging: changed)
        #expect(kept.verdicts == fresh.verdicts)
        // Judging the new task alone is not enough: the test would not see a change missed.
        #expect(Overview(board: board, today: today, keeping: before.verdicts, rejudging: []).verdicts != fresh.verdicts)

        let added = fresh.rowIndex(of: "NEW")!
        let stats = kept.agencyStats(updating: before.agencyStats(),
                                     changed: changed.map { ($0, before.verdicts[$0]) } + [(added, nil)])
        #expect(stats == fresh.agencyStats())
        // LATE's owner named: no BKHCN task fails on the person any more.
        #expect(before.agencyStats().first { $0.agency.id == "BKHCN" }!.failures[.person] == 1)
        #expect(stats.first { $0.agency.id == "BKHCN" }!.failures[.person] == nil)
    }

    @Test func listsDeadlinesAndMisses() {
        let o = Overview(board: ledger(Self.text).board, today: date("2025-04-06"))
        let d = o.deadlines(within: 14, missedWithin: 7)
        #expect(d.upcoming.map { $0.date.description } == ["2025-04-20"])
        #expect(d.missed.map(\.task.id) == ["OVER"])
        #expect(o.deadlines(within: 13).upcoming.isEmpty)
    }

    /// Most days late first, then by id as `<` orders ids: short and long, one the start of
    /// another, the same first 16 bytes, lowercase after uppercase.
    @Test func listsOverdueTasksMostLateFirstThenById() {
        let ids = ["NQ57-0000000000001", "A-2", "A", "NQ57-0000000000000", "a", "B", "NQ57-000000000000", "Z.9", "A_1", "A-10", "0"]
        var text = agencies
        for (i, id) in ids.enumerated() {
            // Three tasks share each number of days late.
            text += "2025-01-09T08:00+07:00 @vpcp assign \(id) title=\"Việc \(i)\" lead=BKHCN due=2025-03-0\(1 + i % 3)\n"
        }
        let o = Overview(board: ledger(text).board, today: date("2025-04-10"))
        let expected = ids.sorted { a, b in
            let (x, y) = (o.rows[o.rowIndex(of: a)!].daysLate!, o.rows[o.rowIndex(of: b)!].daysLate!)
            return x != y ? x > y : a < b
        }
        #expect(o.overdue().map(\.task.id) == expected)
        #expect(o.overdue().map(\.task.id).prefix(4) == ["A-10", "NQ57-000000000000", "NQ57-0000000000000", "NQ57-0000000000001"])
    }

    /// The overdue rows come in `lateFirst` order however their days and ids fall: many tasks
    /// equally late (counted into runs) and days spread wider than the rows are many (sorted),
    /// ids of every length around 16 bytes, sharing their first 16 bytes or all but their last,
    /// one the start of another, on a board filtered to a window and on the whole board.
    @Test func overdueRowsAreInLateFirstOrderWhateverTheirIdsAndDays() {
        var random = SplitMix64(seed: 340)
        let stems = ["A", "B-", "NQ57-", "NQ57-0000000000", "NQ57-00000000000", "NQ57-000000000000", "NQ57-0000000000000", "a.b_c", "Z"]
        for spread in [3, 40, 3000] {
            var text = agencies
            var ids = Set<String>()
            while ids.count < 200 {
                ids.insert(stems[Int(random.next() % UInt64(stems.count))] + String(random.next() % 50))
            }
            for id in ids.sorted() {
                let due = date("2025-04-09").adding(days: -Int(random.next() % UInt64(spread)))
                text += "2025-01-09T08:00+07:00 @vpcp assign \(id) title=\"Việc\" lead=BKHCN due=\(due)\n"
            }
            let board = ledger(text).board
            for o in [Overview(board: board, today: date("2025-04-10")), Overview(board: board, today: date("2025-04-10")) { $0.pointee.due != nil }] {
                let expected = o.verdicts.indices.filter { o.verdicts[$0].timeliness == .openOverdue }.sorted(by: o.lateFirst)
                #expect(o.overdueRows() == expected, "spread \(spread)")
                #expect(expected.count == 200)
            }
        }
    }

    @Test func listsOverdueLegalDocumentsWithTheirStage() {
        let decrees = overview.overdueDecrees()
        #expect(decrees.map(\.task.id) == ["OVER"])
        #expect(decrees.first?.task.stage == .consultation)
    }

    @Test(arguments: [
        ("dong nai", ["NODUE"]),
        ("nghi dinh", ["OVER"]),
        ("lead:BKHCN", ["ON", "LATE", "OVER"]),
        ("lead:bkhcn kind:decree", ["OVER"]),
        ("state:done", ["ON", "LATE"]),
        ("state:open", ["OPEN", "OVER", "NODUE"]),
        ("overdue", ["OVER"]),
        ("late", ["LATE"]),
        ("unclear:person", ["LATE", "GONE"]),
        ("unclear", ["LATE", "OVER", "NODUE", "GONE"]),
        ("due<2025-04-01", ["ON", "LATE"]),
        ("due<=2025-04-01", ["ON", "LATE", "OVER"]),
        ("-lead:BKHCN due>2025-01-01", ["OPEN"]),
        ("stage:consultation", ["OVER"]),
        ("owner:vu", ["ON", "OVER"]),
        ("id:no", ["NODUE"]),
        ("KẾ HOẠCH", ["ON", "LATE"]),
        ("owner:\"vụ a\"", ["ON"]),
        ("\"kế hoạch đúng\"", ["ON"]),
        ("-\"nghị định\" lead:btc", ["OPEN"]),
    ])
    func filtersWithTheQueryLanguage(_ query: String, _ ids: [String]) throws {
        let o = overview
        #expect(o.rows(matching: try TaskFilter(query)).map(\.task.id) == ids)
    }

    @Test func reportsQueryErrorsWithAColumn() {
        #expect(throws: TaskFilter.ParseError(message: "unknown state `late`: assigned, in_progress, blocked, submitted, done, cancelled, open, closed", column: 18)) {
            try TaskFilter("lead:BKHCN state:late")
        }
        #expect(throws: TaskFilter.ParseError.self) { try TaskFilter("due<2025-02-30") }
        #expect(throws: TaskFilter.ParseError.self) { try TaskFilter("colour:red") }
        #expect(throws: TaskFilter.ParseError(message: "this quote is never closed: end the phrase with \"", column: 7)) {
            try TaskFilter("owner:\"Vụ Kế")
        }
    }

    /// A day's deadlines keep their order (the ledger's) from the day they fall due to the day
    /// after, when they are missed.
    @Test func aDaysDeadlinesKeepTheirOrderOnceMissed() {
        let l = ledger(agencies + """
        2025-01-02T08:00+07:00 @vpcp assign Z1 title="Việc Z" lead=BTC due=2025-03-31
        2025-01-02T08:00+07:00 @vpcp assign M1 title="Việc M" lead=BTC due=2025-03-31
        2025-01-02T08:00+07:00 @vpcp assign A1 title="Việc A" lead=BTC due=2025-03-31

        """)
        let due = Overview(board: l.board, today: date("2025-03-31")).deadlines()
        let missed = Overview(board: l.board, today: date("2025-04-01")).deadlines()
        #expect(due.upcoming.first?.rows.map(\.task.id) == ["Z1", "M1", "A1"])
        #expect(missed.missed.map(\.task.id) == ["Z1", "M1", "A1"])
    }

    /// An agency the ledger has none for, in any case, is said with the one most like it:
    /// a report of nothing for a mistyped id reads as nothing to report.
    @Test func anAgencyTheLedgerDoesNotKnowIsSaid() throws {
        let board = overview.board
        #expect(try TaskFilter("state:open -lead:BKHNC").unknownAgency(on: board)
                    == TaskFilter.ParseError(message: "no agency `BKHNC` in this ledger; did you mean BKHCN?", column: 18))
        #expect(try TaskFilter("agency:xyz").unknownAgency(on: board)?.message == "no agency `xyz` in this ledger")
        #expect(try TaskFilter("lead:bkhcn support:DONGNAI").unknownAgency(on: board) == nil)
    }

    @Test func matchesFoldedWordsAsBytes() {
        #expect(TaskFilter.contains("abc", ""))
        #expect(!TaskFilter.contains("ab", "abc"))
        #expect(TaskFilter.contains("aab", "ab"))
        #expect(TaskFilter.contains("xxabc", "abc"))
        #expect(!TaskFilter.contains("abxabyab", "abz"))
        #expect(TaskFilter.contains(Fold.fold("Tỉnh Đồng Nai"), Fold.fold("ĐỒNG nai")))
    }

    /// Free words match the start of a word: "ha noi" finds Hà Nội, not "Hoàn thành kết nối"
    /// (where "ha" and "noi" sit inside "thành" and "nối"); an id's parts start words.
    @Test func freeWordsMatchTheStartOfAWord() {
        func starts(_ text: String, _ word: String) -> Bool { TaskFilter.startsAWord(Fold.fold(text), Fold.fold(word)) }
        #expect(starts("Thành phố Hà Nội", "ha") && starts("Thành phố Hà Nội", "noi"))
        #expect(!starts("Hoàn thành kết nối", "ha") && !starts("Thành lập", "ha"))
        #expect(starts("Hoàn thành kết nối", "noi"), "a word of its own")
        #expect(starts("NQ57-0012 Báo cáo", "0012") && starts("NQ57-0012", "nq5") && !starts("NQ57-0012", "57"))
        #expect(starts("Tỉnh Đồng Nai", "dong") && !starts("Tỉnh Đồng Nai", "ong"))
        #expect(starts("giai đoạn 2026–2030", "2030") && starts("“Chuyển đổi số”", "chuyen") && starts("Bộ\u{A0}Tài chính", "tai"),
                "an en dash, a curly quote, a no-break space part words")
        #expect(starts("abc", "") && !starts("ab", "abc"))
        let typed = try! TaskFilter("dong"), before = try! TaskFilter("don"), inside = try! TaskFilter("ong")
        #expect(typed.narrows(before) && !typed.narrows(inside), "a word's start narrows; its inside does not")
    }
}
