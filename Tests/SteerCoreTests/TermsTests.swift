import Testing
@testable import SteerCore

/// Tasks given the same unit in charge, deliverable and directive share one box of them, read
/// back as given, and a task changed alone changes alone.
@Suite struct TermsTests {
    static let text = agencies + """
        2025-01-09T08:00+07:00 @vpcp assign A lead=BKHCN owner="Vụ Pháp chế, Bộ Khoa học" product="Nghị định" source="NQ 57-NQ/TW, Nghị quyết của Bộ Chính trị"
        2025-01-09T08:00+07:00 @vpcp assign B lead=BTC owner="Vụ Pháp chế, Bộ Khoa học" product="Nghị định" source="NQ 57-NQ/TW, Nghị quyết của Bộ Chính trị"
        2025-01-09T08:00+07:00 @vpcp assign C lead=BTC owner="Văn phòng Bộ Tài chính" product="Nghị định" source="NQ 57-NQ/TW, Nghị quyết của Bộ Chính trị"
        2025-01-09T08:00+07:00 @vpcp assign D lead=BTC product="Nghị định"
        2025-01-09T08:00+07:00 @vpcp assign E lead=BTC\n
        """

    @Test func tasksGivenTheSameTermsShareOneBox() throws {
        let t = ledger(Self.text).board.tasks
        let a = try #require(t["A"]), b = try #require(t["B"]), c = try #require(t["C"]), d = try #require(t["D"])
        #expect(a.owner == "Vụ Pháp chế, Bộ Khoa học" && a.product == "Nghị định" && a.source == "NQ 57-NQ/TW, Nghị quyết của Bộ Chính trị")
        #expect(a.terms === b.terms, "the same three texts: one box")
        #expect(a.terms !== c.terms && c.owner == "Văn phòng Bộ Tài chính" && c.product == a.product && c.source == a.source)
        #expect(d.owner == nil && d.product == "Nghị định" && d.source == nil)
        #expect(t["E"]?.terms == nil, "a task given none holds no box")
    }

    @Test func aTaskChangedAloneChangesAlone() throws {
        let l = ledger(Self.text + "2025-01-10T08:00+07:00 @vpcp amend B owner=\"Vụ Kế hoạch - Tài chính\"\n")
        let a = try #require(l.board.tasks["A"]), b = try #require(l.board.tasks["B"])
        #expect(b.owner == "Vụ Kế hoạch - Tài chính" && b.product == "Nghị định" && b.source == a.source)
        #expect(a.owner == "Vụ Pháp chế, Bộ Khoa học", "A shared B's box before the amend")
        var copy = a
        copy.source = nil
        #expect(copy.owner == a.owner && copy.source == nil && l.board.tasks["A"]?.source == a.source)
        #expect(copy != a)
    }

    @Test func aSnapshotsTasksShareTheirTerms() throws {
        let bytes = Array(("steer-ledger 1\n" + Self.text).utf8)
        let snapshot = try #require(SnapshotTests.snapshot(of: bytes))
        let back = try #require(SnapshotTests.decode(snapshot.encoded()))
        let t = back.board.tasks
        SnapshotTests.expectSameBoard(back.board, Ledger.load(bytes, file: "f.ledger").latest)
        #expect(t["A"]?.terms === t["B"]?.terms && t["A"]?.terms !== t["C"]?.terms)
    }

    /// A snapshot's runs are decoded a piece of them at a time, each piece sharing one table:
    /// tasks of one piece share a box whichever run they are in, and the board is the same.
    @Test func aSnapshotsRunsShareTheirTermsAcrossAPiece() throws {
        var text = "steer-ledger 1\n" + agencies
        for i in 0..<(2 * SnapshotFile.tasksPerRun + 17) {
            text += "2025-01-09T08:00+07:00 @vpcp assign T-\(i) lead=BTC owner=\"Vụ Pháp chế, Bộ Tài chính\" product=\"Nghị định\" source=\"NQ 57-NQ/TW, Nghị quyết của Bộ Chính trị\"\n"
        }
        let bytes = Array(text.utf8)
        let replayed = Ledger.load(bytes, file: "f.ledger").latest
        let encoded = try #require(SnapshotTests.snapshot(of: bytes)).encoded()
        let file = try #require(SnapshotTests.file(encoded))
        for (pieces, boxes) in [(1, 1), (3, 3)] {
            let board = try #require(file.whole(pieces: pieces)).board
            SnapshotTests.expectSameBoard(board, replayed)
            #expect(Set(board.tasks.inOrder.map { ObjectIdentifier($0.terms!) }).count == boxes, "\(pieces) pieces")
        }
    }

    /// Lists of two or three agencies, as replay shares them, are one list for every task of a
    /// snapshot's piece that names the same agencies in the same order; longer ones are each
    /// task's own.
    @Test func aSnapshotsTasksShareTheirListsOfAgencies() throws {
        let supports = ["BCA,NHNN", "BCA,NHNN,BTP", "NHNN,BCA", "BCA,NHNN,BTP,BNV"]
        var text = "steer-ledger 1\n" + agencies
        for code in ["BCA", "NHNN", "BNV"] { text += "2025-01-02T08:00+07:00 @vpcp agency \(code) kind=ministry name=\"\(code)\"\n" }
        for i in 0..<40 {
            text += "2025-01-09T08:00+07:00 @vpcp assign T-\(i) lead=BTC support=\(supports[i % supports.count])\n"
        }
        let bytes = Array(text.utf8)
        let replayed = Ledger.load(bytes, file: "f.ledger").latest
        let encoded = try #require(SnapshotTests.snapshot(of: bytes)).encoded()
        let file = try #require(SnapshotTests.file(encoded))
        let board = try #require(file.whole(pieces: 1)).board
        SnapshotTests.expectSameBoard(board, replayed)
        func storages(_ support: String) -> Set<UnsafeRawPointer> {
            Set(board.tasks.inOrder.filter { $0.support.joined(separator: ",") == support }.map { $0.support.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) } })
        }
        #expect(storages("BCA,NHNN").count == 1)
        #expect(storages("BCA,NHNN,BTP").count == 1)
        #expect(storages("NHNN,BCA").count == 1)
        #expect(storages("BCA,NHNN,BTP,BNV").count == 10, "a list of four is each task's own")
    }

    /// Full, the table starts again: terms made before stay as they were, and terms that recur
    /// after it filled are shared again.
    @Test func aFullTableStartsAgainAndSharesWhatRecurs() {
        var table = TermsTable()
        let product = "Kế hoạch hành động"
        let made = (0..<(TermsTable.capacity + 10)).map { table.terms(owner: "Đơn vị số \($0) phụ trách", product: product, source: nil)! }
        #expect(table.count == 10)
        #expect(made.indices.allSatisfy { made[$0].owner == "Đơn vị số \($0) phụ trách" && made[$0].product == product })
        let owner = "Vụ Pháp chế, Bộ Khoa học"
        let first = table.terms(owner: owner, product: product, source: nil)
        #expect(table.terms(owner: owner, product: product, source: nil) === first)
        #expect(table.terms(owner: nil, product: nil, source: nil) == nil)
    }
}
