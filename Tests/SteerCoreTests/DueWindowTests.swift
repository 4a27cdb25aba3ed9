import Foundation
import Glibc
import Testing
@testable import SteerCore

/// A report of deadlines read from a snapshot decodes only the tasks in its window, and the
/// lines after the snapshot are replayed over them: what it prints must be what the whole
/// board prints, on any day, whatever those lines do.
@Suite struct DueWindowTests {
    let dir = scratchDirectory("window")
    var path: String { dir + "/t.ledger" }
    /// Writes a snapshot after any replay.
    var writing: SnapshotStore { SnapshotStore(directory: dir + "/cache", refreshAfterBytes: 0) }
    /// Replays the lines after the snapshot rather than writing a new one; its clock says the
    /// ledger's last change is long past, so that after one hashing a note stands for it.
    var reading: SnapshotStore { SnapshotStore(directory: dir + "/cache", refreshAfterBytes: 1 << 30, clock: { Int64.max / 2 }) }

    static let days = ["2024-12-01", "2025-03-01", "2025-06-30", "2025-08-15", "2025-10-01", "2025-12-31", "2026-01-10", "2026-06-01"].map(date)
    static let windowReports: [Report] = [.overdue, .decrees, .deadlines]

    func write(_ bytes: [UInt8]) { #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes))) }

    /// Every report with a window, on every day, as text and with its diagnostics, from the
    /// window read (which must take place) and from a replay of the whole file.
    func expectWindowReadsAsTheWhole(asOf: CivilDate? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let whole = Ledger.load([UInt8](FileManager.default.contents(atPath: path)!), file: path, asOf: asOf)
        for day in asOf.map({ [$0] }) ?? Self.days {
            for report in Self.windowReports {
                let window = try #require(report.dueWindow(today: day, slack: 1))
                let read = try #require(DueWindowRead.ledger(path: path, asOf: asOf, window: window, snapshots: reading),
                                        "the snapshot is used", sourceLocation: sourceLocation)
                #expect(read.allDiagnostics.map { $0.rendered() } == whole.allDiagnostics.map { $0.rendered() }, sourceLocation: sourceLocation)
                #expect(read.eventCount == whole.eventCount && read.lineCount == whole.lineCount && read.consumed == whole.consumed, sourceLocation: sourceLocation)
                let expected = report.table(Overview(board: whole.board, today: day)).render(.table)
                #expect(report.table(Overview(board: read.board, today: day)).render(.table) == expected,
                        "\(report) on \(day)", sourceLocation: sourceLocation)
                #expect(read.board.tasks.count < whole.board.tasks.count, "only a window of tasks was decoded", sourceLocation: sourceLocation)
            }
        }
    }

    func snapshotAndAppend(_ tail: String) throws {
        write(SnapshotTests.fixtureBytes)
        _ = try FileJournal(path: path, retention: .boardOnly, snapshots: writing)
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(tail.utf8))
        try h.close()
    }

    @Test func withNothingAfterTheSnapshot() throws {
        try snapshotAndAppend("")
        try expectWindowReadsAsTheWhole()
        #expect(CheckedNote(reading: try #require(reading.file(for: path)) + ".checked") != nil, "the reads above took the note's way")
        try expectWindowReadsAsTheWhole(asOf: date("2026-01-10"))
    }

    /// Lines after the snapshot that add tasks, close, extend, cancel and move tasks in and out
    /// of every window, assign an id the snapshot already holds outside the window (refused as
    /// on the whole board), merge an agency and move the zone. Ending torn, they are left to the
    /// whole read, which waits for a write still under way.
    @Test func withLinesAfterTheSnapshotThatMoveTasksInAndOutOfTheWindow() throws {
        let board = Ledger.load(SnapshotTests.fixtureBytes, file: "f").latest
        let open = board.tasks.inOrder.filter { $0.state.isOpen && $0.due != nil }.sorted { $0.due! < $1.due! }
        let closed = try #require(board.tasks.inOrder.first { !$0.state.isOpen })
        let (earliest, latest, middle) = (open.first!, open.last!, open[open.count / 2])
        try snapshotAndAppend("""
            2026-01-02T08:00+07:00 @vpcp assign NEW-1 title="Việc giao sau ảnh chụp" lead=BKHCN owner="Vụ Kế hoạch" due=2025-06-01 product="Báo cáo"
            2026-01-02T08:01+07:00 @vpcp assign NEW-2 kind=decree title="Nghị định mới" lead=BTP owner="Vụ Pháp chế" due=2025-12-20 product="Nghị định"
            2026-01-02T08:02+07:00 @vpcp cancel \(earliest.id) reason="Không còn phù hợp"
            2026-01-02T08:03+07:00 @vpcp extend \(middle.id) due=2026-12-31 reason="Chờ luật sửa đổi"
            2026-01-02T08:04+07:00 @vpcp extend \(latest.id) due=2025-01-15 reason="Rút ngắn theo chỉ đạo"
            2026-01-02T08:05+07:00 @vpcp assign \(closed.id) title="Giao lại" lead=BKHCN
            2026-01-02T08:06+07:00 @vpcp agency BTP into=BKHCN
            2026-01-02T08:07+07:00 @vpcp config ledger tz=-10:00
            2026-01-02T08:08+07:00 @vpcp report NEW-1 progress=10

            """)
        try expectWindowReadsAsTheWhole()
        let refused = try #require(DueWindowRead.ledger(path: path, asOf: nil, window: DueWindow(from: nil, through: date("2025-01-01")), snapshots: reading))
        #expect(refused.errors.contains { $0.rendered().contains(closed.id) }, "the id the snapshot holds is taken")
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data("2026-01-02T08:09+07:00 @vpcp start NEW-".utf8))
        try h.close()
        #expect(DueWindowRead.ledger(path: path, asOf: nil, window: DueWindow(from: nil, through: date("2025-01-01")), snapshots: reading) == nil)
    }

    /// A window that ends before it starts holds no task; the named ones are still there.
    @Test func anEmptyWindowGivesTheNamedTasksOnly() throws {
        try snapshotAndAppend("")
        let file = try #require(reading.open(for: path))
        let board = try #require(file.board(dueWithin: DueWindow(from: date("2025-12-01"), through: date("2025-01-01")), ids: ["NV-084"]))
        #expect(board.tasks.inOrder.map(\.id) == ["NV-084"])
    }

    /// The window's tasks come without their notes, which no report of deadlines shows, and with
    /// everything else as on the whole board.
    @Test func theWindowsTasksComeWithoutTheirNotes() throws {
        try snapshotAndAppend("")
        let whole = Ledger.load(SnapshotTests.fixtureBytes, file: "f").latest
        let noted = try #require(whole.tasks.inOrder.first { $0.blockedNote != nil || $0.stageRef != nil })
        let file = try #require(reading.open(for: path))
        let read = try #require(file.board(dueWithin: DueWindow(from: nil, through: date("2025-01-01")), ids: [noted.id])?.tasks[noted.id])
        var stripped = noted
        (stripped.blockedNote, stripped.stageRef) = (nil, nil)
        #expect(read == stripped)
    }

    /// A damaged byte anywhere gives no board, or, in a part the window never reads, the same.
    @Test func aDamagedSnapshotGivesNoWindowOrTheSameOne() throws {
        var text = "steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\"\n"
        let count = SnapshotFile.tasksPerRun + 40
        for i in 0..<count {
            text += "2025-01-03T08:00+07:00 @vpcp assign T-\(i) title=\"Việc số \(i)\" lead=BKHCN due=2025-0\(1 + i % 9)-1\(i % 10)\n"
        }
        for i in 0..<count where i % 3 != 0 { text += "2025-01-04T08:00+07:00 @vpcp cancel T-\(i) reason=\"Thôi\"\n" }
        let ledger = Ledger.load(Array(text.utf8), file: "f.ledger", retention: .boardOnly)
        let snapshot = try #require(SnapshotTests.snapshot(of: Array(text.utf8)))
        let bytes = snapshot.encoded()
        let window = DueWindow(from: nil, through: date("2025-02-28"))
        let ids: Set<String> = ["T-7", "T-4100"]
        let expected = try #require(SnapshotTests.file(bytes)?.board(dueWithin: window, ids: ids)).tasks.inOrder
        #expect(expected == ledger.latest.tasks.inOrder.filter { ($0.isOpenWithDeadline && window.contains($0.due!)) || ids.contains($0.id) })
        #expect(expected.count > 100 && expected.count < ledger.latest.tasks.count / 2)
        // One file, a byte flipped in place and back, read again each time.
        let path = dir + "/damaged.snapshot"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let writer = Glibc.open(path, O_WRONLY)
        defer { close(writer) }
        for i in stride(from: 0, to: bytes.count, by: 61) {
            var flipped = bytes[i] ^ 0x20
            pwrite(writer, &flipped, 1, off_t(i))
            defer { var original = bytes[i]; pwrite(writer, &original, 1, off_t(i)) }
            let fd = Glibc.open(path, O_RDONLY)
            guard let file = SnapshotFile(fd: fd) else { close(fd); continue }
            guard let board = file.board(dueWithin: window, ids: ids) else { continue }
            #expect(board.tasks.inOrder == expected, "byte \(i)")
        }
    }
}
