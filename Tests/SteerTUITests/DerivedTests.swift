import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// The shortcuts behind what the panes show (search texts as bytes, radix-sorted orders, a
/// filter narrowing the one before) give what the straightforward way gives, on the sample
/// ledger of 385 tasks.
@Suite struct DerivedTests {
    static let fixture: Ledger = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures/nq57.ledger").standardized.path
        let bytes = FileManager.default.contents(atPath: path)!
        return Ledger.load(Array(bytes), file: "nq57.ledger", asOf: CivilDate("2025-06-15"))
    }()

    static func state() -> AppState {
        AppState(ledger: fixture, clockDay: CivilDate("2025-06-15")!, language: .vi, size: Size(width: 160, height: 48),
                 actor: "tester", ledgerName: "nq57.ledger", readOnly: true)
    }

    /// Every pane's lines, by id (headings as their text).
    static func lines(_ s: AppState) -> [[String]] {
        Pane.allCases.map { p in
            s.entries(p).map { e in
                switch e {
                case .task(let r): return r.task.id
                case .agency(let a): return a.agency.id
                case .missedHeading(let n): return "missed \(n)"
                case .dayHeading(let d, let n): return "\(d) \(n)"
                }
            }
        }
    }

    @Test func typingFindsWhatAFilterFromScratchFinds() {
        let queries = ["dong nai", "nghi dinh 57", "bo khoa hoc", "ke hoach 2025", "ha noi", "lead:BKHCN nghi", "chuyen doi so -ke"]
        for reversed in [false, true] {
            for query in queries {
                var d = Driver(Self.state())
                if reversed { d.press(.char("S")) }
                d.press(.char("/"))
                var typed = ""
                for c in query {
                    d.press(.char(c))
                    typed.append(c)
                    // A query that does not parse yet ("lead:") leaves the last good filter.
                    guard let filter = try? TaskFilter(typed) else { continue }
                    var full = Self.state()
                    if reversed { _ = full.receive(.key(.char("S"))) }
                    full.setFilter(typed)
                    #expect(Self.lines(d.state) == Self.lines(full), "\(typed) (reversed: \(reversed))")
                    let core = Set(full.overview.rows(matching: filter).map(\.task.id))
                    #expect(Set(d.state.entries(.tasks).compactMap(\.id)) == core, "\(typed)")
                    #expect(d.state.derived.matching == core.count)
                }
                // Backspace widens the query: every task is filtered again.
                d.press(.backspace, .backspace)
                var full = Self.state()
                if reversed { _ = full.receive(.key(.char("S"))) }
                full.setFilter(String(query.dropLast(2)))
                #expect(Self.lines(d.state) == Self.lines(full), "\(query) less two")
            }
        }
    }

    /// `/` asks for the search texts to be folded on other cores, once; the first free word
    /// takes the index folded there, which is the one folded on the spot, and lets go of the
    /// build; a board set aside while the build runs keeps its index for the next board.
    @Test func theSearchTextsFoldedAsideAreTheOnesFoldedOnTheSpot() throws {
        var d = Driver(Self.state())
        #expect(d.press(.char("/")) == [.buildSearchIndex])
        d.state.buildSearchIndex()
        #expect(d.state.boardView.search == nil && d.state.boardView.pendingSearch != nil)
        d.type("dong")
        let index = try #require(d.state.boardView.search)
        #expect(d.state.boardView.pendingSearch == nil)
        let fresh = SearchIndex(d.state.boardView.overview)
        #expect(index.count == fresh.count && (0 ..< fresh.count).allSatisfy { index.text($0) == fresh.text($0) })
        var full = Self.state()
        full.setFilter("dong")
        #expect(Self.lines(d.state) == Self.lines(full))
        d.press(.escape)
        #expect(d.press(.char("/")).isEmpty, "built: not asked for again")
        d.press(.escape)
        #expect(d.press(.char(":")).isEmpty, "`:` opens for other commands as often: it asks for none")

        var e = Driver(Self.state())
        e.press(.char("/"))
        e.state.buildSearchIndex()
        e.state.setBoardAside()
        #expect(e.state.aside?.search?.count == fresh.count, "waited for and kept aside")
        e.send(.ledgerChanged(Self.fixture))
        #expect(e.state.boardView.search?.count == fresh.count, "brought to the next board")
    }

    /// The first free word takes the index being built rather than folding its own: one built
    /// from the same tasks with another word in their titles, put in its place, is the one the
    /// filter searches.
    @Test func theFirstFreeWordTakesTheIndexBeingBuilt() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures/nq57.ledger").standardized.path
        let text = try #require(String(data: FileManager.default.contents(atPath: path)!, encoding: .utf8))
        let renamed = Ledger.load(Array(text.replacing("Nghị định", with: "Zebra định").utf8), file: "nq57.ledger", asOf: CivilDate("2025-06-15"))
        let other = BoardView(ledger: renamed, today: CivilDate("2025-06-15")!, language: .vi)
        #expect(other.overview.rows.count == Self.fixture.board.tasks.count)
        var d = Driver(Self.state())
        d.press(.char("/"))
        d.state.boardView.pendingSearch = SearchBuild(other.overview)
        d.type("zebra")
        #expect(d.state.derived.matching > 0, "the words of the index taken")
        var fresh = Driver(Self.state())
        fresh.press(.char("/"))
        fresh.type("zebra")
        #expect(fresh.state.derived.matching == 0, "not the ledger's own")
    }

    @Test func narrowingIsClaimedOnlyWhenItHolds() throws {
        func narrows(_ new: String, _ old: String) throws -> Bool { try TaskFilter(new).narrows(TaskFilter(old)) }
        #expect(try narrows("dong", "don"))
        #expect(try narrows("dong n", "dong"))
        #expect(try narrows("nai dong", "dong"), "another word, in any place")
        #expect(try narrows("Đồng", "dong"), "words are compared folded")
        #expect(try narrows("dong lead:BKHCN", "dong"), "a field added to words")
        #expect(try !narrows("dng", "dog"), "a character put in the middle")
        #expect(try !narrows("dong", "dong nai"), "a word taken away")
        #expect(try !narrows("dong", ""), "nothing to start from")
        #expect(try !narrows("lead:BKHCN dong", "lead:BKHCN"), "fields are not compared")
        #expect(try !narrows("-dong x", "-dong"), "negations are not compared")
        #expect(try !narrows("late", "lat"), "late is a field, not the word")
    }

    @Test func searchTextsAreTheCoresFoldedTexts() {
        let o = Overview(board: Self.fixture.board, today: CivilDate("2025-06-15")!)
        let index = SearchIndex(o)
        #expect(index.count == o.rows.count)
        for (i, r) in o.rows.enumerated() {
            #expect(index.text(i) == TaskFilter.searchText(r.task, o.board), "\(r.task.id)")
        }
        for pieces in [2, 3, 7, o.rows.count + 5] {
            let built = SearchIndex(o, pieces: pieces)
            #expect(built.count == index.count && (0 ..< index.count).allSatisfy { built.text($0) == index.text($0) }, "built in \(pieces) pieces")
        }
        #expect(index.rows(containing: []).count == index.count, "no word: every row")
        for word in ["dong", "d", "nghi dinh", "zzz", "57"] {
            let words = word.split(separator: " ").map { Array($0.utf8) }
            let expected = (0 ..< index.count).filter { row in words.allSatisfy { SearchIndex.startsAWord(Array(index.text(row).utf8), $0) } }
            for pieces in [1, 2, 3, 7] {
                let found = index.rows(containing: words, pieces: pieces)
                #expect((0 ..< index.count).filter(found.contains) == expected, "\(word) in \(pieces) pieces")
                #expect(found.count == expected.count)
                let among = index.rows(containing: [Array("nghi".utf8)], pieces: pieces)
                let both = index.rows(containing: words, among: among, pieces: pieces)
                #expect((0 ..< index.count).filter(both.contains) == expected.filter(among.contains), "\(word) among nghi")
            }
        }
        // Words at a row's very end, and running into the next row.
        for row in stride(from: 0, to: index.count - 1, by: 5) {
            let text = Array(index.text(row).utf8), next = Array(index.text(row + 1).utf8)
            for k in [1, 2, 3, 15, 16, 17, 33] where k <= text.count {
                let tail = Array(text.suffix(k))
                #expect(index.contains(row, [tail]) == SearchIndex.startsAWord(text, tail), "row \(row), its last \(k) bytes")
                let across = tail + next.prefix(3)
                #expect(index.contains(row, [across]) == SearchIndex.startsAWord(text, across), "row \(row), \(k) bytes and the next row's")
            }
            #expect(!index.contains(row, [text + [0x61]]), "longer than the row")
        }
        var folder = ScalarFolder()
        for text in ["Đồng Nai", "ĐÀ NẴNG", "Nghị định", "Cafe\u{301} NFD", "İstanbul ẞ", "東京 🇻🇳 ok", "ǅ Ǆ ǆ", ""] {
            var out: [UInt8] = []
            folder.fold(text, into: &out)
            #expect(out == Array(Fold.fold(text).utf8), "\(text)")
        }
    }

    /// The indices of `keys` by key, index order among equals, with the standard library's sort.
    static func sortedIndices<K: Comparable>(_ keys: [K]) -> [Int32] {
        Array(0 ..< Int32(keys.count)).sorted { a, b in
            let ka = keys[Int(a)], kb = keys[Int(b)]
            return ka < kb || (!(kb < ka) && a < b)
        }
    }

    @Test func ordersAreTheStraightforwardSorts() {
        let rows = Overview(board: Self.fixture.board, today: CivilDate("2025-06-15")!).rows
        func sorted<K: Comparable>(_ k: (TaskRow) -> K) -> [Int32] { Self.sortedIndices(rows.map(k)) }
        for key in SortKey.allCases {
            let expected: [Int32]
            switch key {
            case .urgency: expected = sorted { Derived.urgency($0).0 * 1_000_000 + Derived.urgency($0).1 }
            case .ledger: expected = Array(0 ..< Int32(rows.count))
            case .id: expected = sorted { $0.task.id }
            case .due: expected = sorted { $0.task.due?.daysSinceEpoch ?? Int.max }
            case .late: expected = sorted { -($0.daysLate ?? Int.min + 1) }
            case .lead: expected = sorted { $0.task.lead ?? "\u{10FFFF}" }
            case .state: expected = sorted { Derived.stateRank($0.task.state) }
            case .clarity: expected = sorted { -$0.unclear.count }
            }
            #expect(RowOrder.of(rows, by: key) == expected, "\(key)")
        }
    }

    /// By key then row, the rows without a key last, whatever the keys' range: narrow enough to
    /// travel with the rows' indices as one number, or too wide for it.
    @Test func numericOrderIsByKeyThenRowForAnyRange() {
        let rows = Overview(board: Self.fixture.board, today: CivilDate("2025-06-15")!).rows
        var generator = SplitMix64(seed: 6)
        let draws = rows.indices.map { _ in generator.next() }
        let ranges: [(String, (UInt64) -> Int?)] = [
            ("one value", { _ in 7 }),
            ("a few values, some rows without", { $0 % 5 == 0 ? nil : Int($0 % 7) - 3 }),
            ("a byte's worth and more", { Int($0 % 70_000) - 35_000 }),
            ("days and groups, as urgency", { Int($0 % 4) << 40 + Int($0 % 900) - 450 }),
            ("the whole range of Int", { $0 % 3 == 0 ? .min : $0 % 3 == 1 ? .max : Int(truncatingIfNeeded: $0) }),
        ]
        for (name, key) in ranges {
            let keys = draws.map(key)
            let expected = Self.sortedIndices(keys.map { $0 ?? .max }).filter { keys[Int($0)] != nil } + rows.indices.filter { keys[$0] == nil }.map(Int32.init)
            #expect(RowOrder.by(rows, { keys[$0.place] }) == expected, "\(name)")
        }
        #expect(RowOrder.by(rows, { _ in nil }) == Array(0 ..< Int32(rows.count)), "no row has a key")
    }

    @Test func packedNumbersSortByKeyThenRow() {
        var generator = SplitMix64(seed: 7)
        for rowBits in [1, 7, 8, 9, 20, 33] {
            let n = min(3000, 1 << rowBits)
            let keys = (0 ..< n).map { _ in generator.next() >> UInt64(rowBits) % 1000 }
            let packed = keys.enumerated().map { $1 << UInt64(rowBits) | UInt64($0) }
            #expect(RowOrder.packedOrder(packed, rowBits: rowBits) == Self.sortedIndices(keys), "\(rowBits) bits for the row")
        }
    }

    @Test func textOrderIsStringOrder() {
        let ascii: [String?] = ["b", nil, "a", "ab", "a\u{0}", "", "B", "a", "NQ57-0000012", "NQ57-00000120", "NQ57-000001", nil, "zzzzzzzzzzzzzzzz"]
        let other: [String?] = ascii + ["Đồng", "a very long id that is more than sixteen bytes", "e\u{301}", "é"]
        for texts in [ascii, other] {
            #expect(RowOrder.byText(texts) == Self.sortedIndices(texts.map { $0 ?? "\u{10FFFF}" }))
        }
    }

    @Test func radixSortIsStable() {
        var generator = SplitMix64(seed: 57)
        let values = (0 ..< 5000).map { _ in Int(generator.next() % 300) - 150 }
        #expect(RowOrder.stable(Array(0 ..< Int32(values.count)), by: values.map { UInt64($0 + 150) }) == Self.sortedIndices(values))
        let some = Array(stride(from: Int32(0), to: Int32(values.count), by: 3))
        #expect(RowOrder.stable(some, by: values.map { UInt64($0 + 150) }) == some.sorted { (values[Int($0)], $0) < (values[Int($1)], $1) },
                "a subset of the indices")
    }

    @Test func cellWidthsAreTheCellsWidthsWithoutTheTitle() {
        for language in [Language.vi, .en] {
            var s = Self.state()
            s.setLanguage(language)
            let view = s.boardView
            let o = view.overview
            func expected(_ rows: [TaskRow], _ pane: Pane) -> [UInt16] {
                rows.flatMap { r in
                    PaneView.cells(.task(r), pane, language, o).enumerated().map { c, cell in
                        c == PaneView.flexibleColumn(pane) ? 0 : UInt16(cell.width)
                    }
                }
            }
            #expect(view.widths.tasks == expected(Array(o.rows), .tasks))
            #expect(view.widths.missed == expected(view.deadlines.missed, .deadlines))
            #expect(view.widths.upcoming == view.deadlines.upcoming.map { expected($0.rows, .deadlines) })
            #expect(view.widths.decrees == expected(view.decrees, .decrees))
            for pane in [Pane.tasks, .deadlines, .decrees] {
                let columns = PaneView.columns(pane, s, widest: s.derived.widest[pane.rawValue])
                #expect(columns.indices.filter { columns[$0].flexible } == [PaneView.flexibleColumn(pane)], "\(pane)")
            }
        }
    }
}
