import Foundation
import Glibc
import Testing
@testable import SteerCore

/// A ledger read with `.historiesOnFile` keeps each task's history as where its lines start,
/// and reads them back: the histories must be the ones a ledger keeping every event gives.
@Suite struct HistoriesOnFileTests {
    let dir = scratchDirectory("histories")
    var path: String { dir + "/t.ledger" }

    /// Refused lines (which no history holds), a CRLF line, a note longer than the first
    /// reads of a line, comments, events of several days, tasks interleaved.
    static let refused = #"2025-01-02T09:06+07:00 @vpcp accept T1 note="refused: T1 was never submitted""#
    static let text: String = {
        let long = String(repeating: "Đã gửi lấy ý kiến các bộ, ngành và địa phương; ", count: 80)
        return "steer-ledger 1\n# the programme's first tasks\n" + agencies + """
        2025-01-02T09:00+07:00 @vpcp assign T1 title="Kế hoạch hành động" lead=BKHCN due=2025-03-31
        2025-01-02T09:05+07:00 @vpcp assign T2 title="Nghị định về dữ liệu" kind=decree lead=BTP due=2025-02-28
        \(refused)
        2025-01-03T10:00+07:00 @lan start T1\r
        2025-01-03T11:00+07:00 @lan report T1 progress=30 note="\(long)"

        # a comment between events
        2025-01-04T08:00+07:00 @lan stage T2 stage=drafting
        2025-01-05T08:00+07:00 @lan report T1 progress=60
        2025-01-06T08:00+07:00 @lan submit T1
        2025-01-06T09:00+07:00 @vpcp accept T1
        2025-01-07T08:00+07:00 @lan stage T2 stage=consultation note="Đã gửi lấy ý kiến"

        """
    }()

    func write(_ text: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func append(_ text: String) throws {
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    @Test(arguments: [nil, "2025-01-05"])
    func readsBackTheHistoriesAKeptLedgerGives(asOf: String?) throws {
        try write(Self.text)
        let day = asOf.map(date)
        let kept = try FileJournal(path: path, asOf: day, retention: .everyEvent)
        let onFile = try FileJournal(path: path, asOf: day, retention: .historiesOnFile)
        #expect(kept.ledger.errors.count == 1, "the accept of a task never submitted is refused")
        #expect(onFile.ledger.diagnostics == kept.ledger.diagnostics)
        #expect(onFile.ledger.events.isEmpty, "the first reading's events are on the file, not in memory")
        #expect(onFile.ledger.eventsFrom == kept.ledger.eventCount)
        for id in ["T1", "T2"] {
            let expected = kept.ledger.history(of: id).map(\.event)
            #expect(!expected.isEmpty)
            #expect(try onFile.history(of: id) == expected, "\(id) as of \(asOf ?? "now")")
        }
        if day != nil {
            #expect(try onFile.history(of: "T1").count == 4, "assign, start, two reports: the submit is after the day")
        }
    }

    /// Read in pieces of a few hundred bytes, on every core: each place is where a line of the
    /// task starts in the file, the same lines a ledger keeping the events took.
    @Test func marksTheLinesWhereverThePiecesFall() throws {
        let bytes = Array(Self.text.utf8)
        try write(Self.text)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var kept = Ledger(file: path, retention: .everyEvent)
        var onFile = Ledger(file: path, retention: .historiesOnFile)
        #expect(kept.ingest(reading: fd, 0..<bytes.count, pieceBytes: 300) == nil)
        #expect(onFile.ingest(reading: fd, 0..<bytes.count, pieceBytes: 300) == nil)
        #expect(FilePieces(fd: fd, range: 0..<bytes.count, pieceBytes: 300, minimumSplitBytes: 600).count > 1)
        for id in ["T1", "T2"] {
            let lines = onFile.historyPlaces(of: id).map { start in
                Array(bytes[start...].prefix { $0 != 10 })
            }
            let parsed = lines.map { LedgerParser(file: path).parse($0 + [10], expectHeader: false).events.map(\.event) }
            #expect(parsed == kept.history(of: id).map { [$0.event] })
        }
    }

    @Test func keepsTheEventsTakenInAfterTheFirstReading() throws {
        // Clean, to be written to.
        let text = Self.text.replacingOccurrences(of: Self.refused + "\n", with: "")
        try write(text)
        let reader = try FileJournal(path: path, retention: .historiesOnFile)
        let before = reader.ledger.eventCount
        #expect(reader.ledger.events(after: before)?.isEmpty == true)
        #expect(reader.ledger.events(after: before - 1) == nil, "the first reading's events are not kept")

        // Another process appends; this one appends too, through the journal.
        try append("2025-01-08T08:00+07:00 @lan stage T2 stage=appraisal\n")
        try reader.refresh()
        try reader.append { _ in Event(time: Timestamp.parse("2025-01-08T09:00+07:00")!, actor: "vpcp", verb: .report, id: "T2", fields: [Field(.progress, "50")]) }
        let since = try #require(reader.ledger.events(after: before))
        #expect(since.map(\.event.verb) == [.stage, .report])
        let lines = text.utf8.count(where: { $0 == 10 })
        #expect(since.map(\.line) == [lines + 1, lines + 2])
        let history = try reader.history(of: "T2")
        #expect(history.map(\.verb) == [.assign, .stage, .stage, .stage, .report])
        #expect(history.last?[.progress] == "50")
    }

    @Test func refusesToReadBackAFileThatChangedOtherThanByAppending() throws {
        try write(Self.text)
        let reader = try FileJournal(path: path, retention: .historiesOnFile)
        // An editor saves a fix: a new file under the same name, the lines moved.
        try (Self.text.replacingOccurrences(of: "# the programme's first tasks\n", with: "")).write(toFile: path + ".new", atomically: false, encoding: .utf8)
        #expect(rename(path + ".new", path) == 0)
        #expect(throws: JournalError.self) { try reader.history(of: "T1") }
        // Read again, the places are the new file's.
        try reader.refresh()
        #expect(try reader.history(of: "T1").count == 6)
    }

    @Test func aLineThatIsNotTheOneReadIsRefused() throws {
        try write(Self.text)
        let reader = try FileJournal(path: path, retention: .historiesOnFile)
        // Rewritten in place, the same size, one task's id swapped for another's, and its time
        // of modification put back: the change time still tells (it cannot be set back), and a
        // history asked for before the file is read again is refused.
        let swapped = Self.text.replacingOccurrences(of: "@lan start T1", with: "@lan start T2")
        var before = stat()
        #expect(stat(path, &before) == 0)
        let fd = open(path, O_WRONLY)
        let written = Array(swapped.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        var times = [before.st_atim, before.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(written == swapped.utf8.count)
        #expect(reader.hasNews(), "the change time says the file was written")
        #expect(throws: JournalError.self) { try reader.history(of: "T1") }
        // Having found it so, the journal reads the file again from its first byte.
        #expect(try reader.refresh())
        #expect(reader.ledger.rereads == 1)
        #expect(try reader.history(of: "T2").contains { $0.verb == .start })
    }
}
