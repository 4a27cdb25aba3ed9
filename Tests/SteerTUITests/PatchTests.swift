import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// A board view brought up to date from what was set aside (`BoardView(patching:)`) is the view
/// worked out afresh, on windows of the sample ledger's later lines (385 tasks).
@Suite struct PatchTests {
    static let lines: [Substring] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures/nq57.ledger").standardized.path
        let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }()
    /// Every line after these is about a task: the last three rename agencies.
    static let agencyLines = 1683
    static let today = CivilDate("2025-09-30")!

    /// The first `count` lines, read as the screen reads them (every event kept).
    static func ledger(_ count: Int, asOf: CivilDate? = nil) -> Ledger {
        Ledger.load(Array((lines.prefix(count).joined(separator: "\n") + "\n").utf8), file: "nq57.ledger", asOf: asOf)
    }

    static func view(_ l: Ledger, on day: CivilDate = today, _ language: Language = .vi, searched: Bool = false) -> BoardView {
        var v = BoardView(ledger: l, today: day, language: language)
        if searched { v.search = SearchIndex(v.overview) }
        return v
    }

    static func aside(_ l: Ledger, on day: CivilDate = today, _ language: Language = .vi, searched: Bool = false) -> BoardAside {
        view(l, on: day, language, searched: searched).setAside(of: l, language: language)
    }

    /// Every part of two views.
    static func expectSame(_ a: BoardView, _ b: BoardView, _ note: Comment) {
        #expect(a.overview.verdicts == b.overview.verdicts, note)
        #expect(a.totals == b.totals, note)
        #expect(a.deadlineRows == b.deadlineRows && a.upcomingRows == b.upcomingRows, note)
        #expect(a.deadlines.upcoming.map(\.date) == b.deadlines.upcoming.map(\.date), note)
        #expect(a.decreeRows == b.decreeRows && a.decrees.map(\.place) == b.decrees.map(\.place), note)
        #expect(a.agencies == b.agencies, note)
        var (x, y) = (a.orders, b.orders)
        for key in SortKey.allCases {
            x.bringUpToDate(key, a.overview.rows)
            y.bringUpToDate(key, b.overview.rows)
            #expect(x[key] == y[key], "\(key): \(note)")
        }
        #expect(a.widths.tasks == b.widths.tasks && a.widths.allTasks == b.widths.allTasks, note)
        #expect(a.widths.missed == b.widths.missed && a.widths.upcoming == b.widths.upcoming && a.widths.decrees == b.widths.decrees, note)
        #expect((a.search == nil) == (b.search == nil), note)
        if let s = a.search, let t = b.search {
            #expect(s.count == t.count && (0 ..< s.count).allSatisfy { s.text($0) == t.text($0) }, note)
            let words = [Array("nghi dinh".utf8)]
            #expect(s.rows(containing: words).words == t.rows(containing: words).words, note)
        }
    }

    @Test func aPatchedViewIsTheViewWorkedOutAfresh() throws {
        var random = SplitMix64(seed: 57)
        for round in 0 ..< 60 {
            // Up to 30 lines: touching at most an eighth of the ~270 tasks there were.
            let start = random.int(Self.agencyLines ... Self.lines.count - 1)
            let end = min(Self.lines.count, start + random.int(1 ... 30))
            let searched = round % 2 == 0
            // A pinned day shows the board as it stood then: later lines leave it be.
            let asOf = round % 3 == 0 ? Self.today : nil
            let note: Comment = "lines \(start + 1)...\(end), searched: \(searched), as of \(asOf.map(\.description) ?? "-")"
            let later = Self.ledger(end, asOf: asOf)
            let patched = try #require(BoardView(patching: Self.aside(Self.ledger(start, asOf: asOf), searched: searched),
                                                 ledger: later, today: Self.today, language: .vi), note)
            Self.expectSame(patched, Self.view(later, searched: searched), note)
        }
    }

    /// Each window above changed something a view shows, or the comparison proves nothing.
    @Test func theWindowsChangeWhatTheViewShows() {
        let before = Self.view(Self.ledger(2000)), after = Self.view(Self.ledger(2030))
        #expect(before.overview.verdicts != Array(after.overview.verdicts.prefix(before.overview.verdicts.count)))
        #expect(before.orders[.state] != after.orders[.state])
    }

    /// A board with no task on the day shown (every task assigned later) is patched too,
    /// search texts and all.
    @Test func aBoardOfNoTaskIsPatched() throws {
        let day = CivilDate("2025-01-02")!
        let earlier = Self.ledger(1700, asOf: day), later = Self.ledger(1710, asOf: day)
        #expect(earlier.board.tasks.count == 0)
        let patched = try #require(BoardView(patching: Self.aside(earlier, on: day, searched: true), ledger: later, today: day, language: .vi))
        Self.expectSame(patched, Self.view(later, on: day, searched: true), "no task")
        #expect(patched.search?.count == 0)
    }

    @Test func aViewIsWorkedOutAfreshWhenAPatchCannotBeTrusted() {
        let earlier = Self.ledger(1700), later = Self.ledger(1710)
        #expect(BoardView(patching: Self.aside(earlier), ledger: later, today: Self.today, language: .vi) != nil)
        // Another day, or another language: every row reads differently.
        #expect(BoardView(patching: Self.aside(earlier, on: CivilDate("2025-10-01")!), ledger: later, today: Self.today, language: .vi) == nil)
        #expect(BoardView(patching: Self.aside(earlier, .en), ledger: later, today: Self.today, language: .vi) == nil)
        // The file read again from its start: its events may not follow on from the ones seen.
        var reread = earlier.emptied()
        reread.ingest(Array((Self.lines.prefix(1710).joined(separator: "\n") + "\n").utf8))
        #expect(BoardView(patching: Self.aside(earlier), ledger: reread, today: Self.today, language: .vi) == nil)
        // Agencies renamed since: their names are in the rows and the search texts.
        #expect(BoardView(patching: Self.aside(Self.ledger(1680)), ledger: later, today: Self.today, language: .vi) == nil)
        // More than an eighth of the tasks touched: working it all out costs less.
        #expect(BoardView(patching: Self.aside(earlier), ledger: Self.ledger(Self.lines.count), today: Self.today, language: .vi) == nil)
    }

    /// The screen's ledger keeps only the events taken in after its first reading of the file
    /// (`EventRetention.historiesOnFile`): those are what a patch needs.
    @Test func aLedgerKeepingHistoriesOnTheFileIsPatchedByWhatItTookInSince() throws {
        func bytes(_ range: Range<Int>) -> [UInt8] { Array((Self.lines[range].joined(separator: "\n") + "\n").utf8) }
        var l = Ledger(file: "nq57.ledger", retention: .historiesOnFile)
        l.ingest(bytes(0 ..< 2000))
        #expect(l.events.isEmpty)
        // A view of the first 1,990 lines is patched up to 2,000 by a ledger keeping every
        // event, not by one that found its first reading's events on the file.
        let before = Self.aside(Self.ledger(1990))
        #expect(BoardView(patching: Self.aside(Self.ledger(1990)), ledger: Self.ledger(2000), today: Self.today, language: .vi) != nil)
        #expect(BoardView(patching: before, ledger: l, today: Self.today, language: .vi) == nil,
                "the first reading's events are not kept")
        let aside = Self.aside(l)
        l.ingest(bytes(2000 ..< 2025))
        #expect(l.events.count == l.eventCount - l.eventsFrom && !l.events.isEmpty)
        let patched = try #require(BoardView(patching: aside, ledger: l, today: Self.today, language: .vi))
        Self.expectSame(patched, Self.view(l), "patched by the events taken in since")
        // Once the screen has them, the events before can go: later patches start after them.
        let count = l.eventCount
        l.forgetEvents(before: count)
        #expect(l.events.isEmpty && l.eventsFrom == count)
        let next = Self.aside(l)
        l.ingest(bytes(2025 ..< 2030))
        #expect(l.events.count == l.eventCount - count)
        #expect(BoardView(patching: next, ledger: l, today: Self.today, language: .vi) != nil)
    }

    /// Through the screen's state, as `steer tui` does it: a filter of words and a sort kept,
    /// the board set aside while the journal writes, then brought up to date.
    @Test func theScreenSetAsideAndBroughtUpToDateShowsWhatAFreshOneShows() {
        func state(_ l: Ledger) -> AppState {
            var d = Driver(AppState(ledger: l, clockDay: Self.today, language: .vi, size: Size(width: 160, height: 48),
                                    actor: "tester", ledgerName: "nq57.ledger", readOnly: true))
            d.press(.char("/")); d.type("bao cao"); d.press(.enter, .char("s"), .char("s"), .char("s"))
            return d.state
        }
        var s = state(Self.ledger(2000))
        s.setBoardAside()
        #expect(s.aside != nil)
        let later = Self.ledger(2025)
        _ = App.update(&s, .ledgerChanged(later))
        #expect(s.aside == nil)
        let fresh = state(later)
        #expect(DerivedTests.lines(s) == DerivedTests.lines(fresh))
        #expect(s.derived.widest == fresh.derived.widest)
        Self.expectSame(s.boardView, fresh.boardView, "the screen")
        // The other orders were left to be brought up to date when shown.
        var patched = Driver(s), afresh = Driver(fresh)
        for key in 1 ..< SortKey.allCases.count {
            patched.press(.char("s"))
            afresh.press(.char("s"))
            #expect(DerivedTests.lines(patched.state) == DerivedTests.lines(afresh.state), "sort \(key)")
        }
    }
}
