import Foundation
import Glibc
import Testing
@testable import SteerCore

/// The screen starts from a snapshot that keeps the tasks' histories (where each event's line
/// starts in the file). Every history read back from such a start must be the one a ledger
/// keeping every event gives, before and after lines are appended; and its snapshot lives
/// beside the board-only one that reports read, never in its place.
@Suite struct HistoriesSnapshotTests {
    let dir = scratchDirectory("histories-snapshot")
    var path: String { dir + "/t.ledger" }
    /// A clock far past the ledger's last change: a reader that checks the ledger leaves its note.
    var store: SnapshotStore { SnapshotStore(directory: dir + "/cache", refreshAfterBytes: 0, clock: { Int64.max / 2 }) }
    static let appended = "2026-01-02T08:00+07:00 @tuan report ND-QUYDTMH progress=90 note=\"Đã trình Chính phủ\"\n"

    func write() { #expect(FileManager.default.createFile(atPath: path, contents: Data(SnapshotTests.fixtureBytes))) }

    func append(_ text: String) throws {
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data(text.utf8))
        try h.close()
    }

    func open(_ retention: EventRetention) throws -> FileJournal {
        try FileJournal(path: path, retention: retention, snapshots: store)
    }

    func cacheFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir + "/cache").filter { $0.hasSuffix(".snapshot") }.sorted()
    }

    /// Every task's history, read back by `journal`, is the one a ledger keeping every event gives.
    func expectEveryHistory(_ journal: FileJournal, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let kept = try FileJournal(path: path, retention: .everyEvent)
        #expect(kept.ledger.latest.tasks.count > 100, sourceLocation: sourceLocation)
        for task in kept.ledger.latest.tasks.inOrder {
            let expected = kept.ledger.history(of: task.id).map(\.event)
            #expect(try journal.history(of: task.id) == expected, "\(task.id)", sourceLocation: sourceLocation)
        }
    }

    @Test func theScreenStartsFromItsSnapshotWithEveryHistory() throws {
        write()
        let first = try open(.historiesOnFile)
        #expect(!first.restoredFromSnapshot)
        #expect(try cacheFiles().count == 1 && cacheFiles()[0].hasSuffix(".histories.snapshot"))

        let second = try open(.historiesOnFile)
        #expect(second.restoredFromSnapshot)
        #expect(second.ledger.retention == .historiesOnFile)
        #expect(second.ledger.events.isEmpty && second.ledger.eventsFrom == second.ledger.eventCount, "a snapshot holds no events")
        SnapshotTests.expectSameBoard(second.ledger.latest, first.ledger.latest)
        try expectEveryHistory(second)

        // A line appended after the snapshot is replayed from the text, onto the histories it
        // kept; its event is not kept: the first reading's are all on the file.
        try append(Self.appended)
        let third = try open(.historiesOnFile)
        #expect(third.restoredFromSnapshot)
        #expect(third.ledger.eventCount == second.ledger.eventCount + 1)
        #expect(third.ledger.events.isEmpty && third.ledger.eventsFrom == third.ledger.eventCount)
        #expect(try third.history(of: "ND-QUYDTMH").last?.fields.first?.value == "90")
        try expectEveryHistory(third)

        // Lines taken in after the first reading are kept, for the screen to patch its view by.
        try append(Self.appended.replacingOccurrences(of: "progress=90", with: "progress=95"))
        #expect(try third.refresh())
        #expect(third.ledger.events(after: third.ledger.eventCount - 1)?.map(\.event.id) == ["ND-QUYDTMH"])
        try expectEveryHistory(third)
    }

    /// Reports keep writing their snapshot of the board alone, and the screen its own: neither
    /// is read for the other, nor takes its place, and each has its own check note.
    @Test func theBoardAndTheHistoriesSnapshotsAreKeptApart() throws {
        write()
        _ = try open(.boardOnly)
        let screen = try open(.historiesOnFile)
        #expect(!screen.restoredFromSnapshot, "a snapshot of the board alone has no histories to start the screen from")
        #expect(try cacheFiles().count == 2)

        let report = try open(.boardOnly)
        #expect(report.restoredFromSnapshot && report.ledger.retention == .boardOnly)
        #expect(!report.ledger.latest.tasks.keepsHistories)
        let again = try open(.historiesOnFile)
        #expect(again.restoredFromSnapshot && again.ledger.retention == .historiesOnFile)
        SnapshotTests.expectSameBoard(report.ledger.latest, again.ledger.latest)

        // Each was checked against the ledger once and left its note: found, they are trusted.
        let plain = try #require(store.file(for: path)), withHistories = try #require(store.file(for: path, withHistories: true))
        #expect(plain != withHistories)
        #expect(CheckedNote(reading: plain + ".checked") != nil && CheckedNote(reading: withHistories + ".checked") != nil)
        #expect(store.open(for: path)?.hasHistories == false)
        #expect(store.open(for: path, withHistories: true)?.hasHistories == true)
    }

    /// Only the first reading leaves a snapshot: the screen following the file does not stop to
    /// write one, however much it takes in; the next reader does.
    @Test func aJournalLeavesASnapshotOnlyAtItsFirstReading() throws {
        write()
        let screen = try open(.historiesOnFile)
        let file = try #require(store.file(for: path, withHistories: true))
        var before = stat()
        #expect(stat(file, &before) == 0)
        try append(Self.appended)
        #expect(try screen.refresh())
        #expect(try screen.history(of: "ND-QUYDTMH").last?.fields.first?.value == "90")
        var after = stat()
        #expect(stat(file, &after) == 0)
        #expect(after.st_ino == before.st_ino && after.st_size == before.st_size, "the snapshot was not written again")

        let next = try open(.historiesOnFile)
        #expect(next.restoredFromSnapshot)
        #expect(stat(file, &after) == 0)
        #expect(after.st_ino != before.st_ino, "the next reader left a snapshot of the longer ledger")
        #expect(try #require(store.open(for: path, withHistories: true)).prefix.length == next.ledger.consumed)

        // Nothing new: the snapshot read stands, and is not written again.
        #expect(stat(file, &before) == 0)
        #expect(try open(.historiesOnFile).restoredFromSnapshot)
        #expect(stat(file, &after) == 0)
        #expect(after.st_ino == before.st_ino, "a reader that replayed nothing writes nothing")
    }

    /// The screen's start asks for the snapshot to be written once it has shown the ledger:
    /// nothing is written before, the write may run on another core while the journal takes in
    /// more lines, and it stands for the lines the first reading read.
    @Test func aSnapshotWrittenWhenAskedStandsForTheFirstReading() throws {
        write()
        let file = try #require(store.file(for: path, withHistories: true))
        let screen = try FileJournal(path: path, retention: .historiesOnFile, snapshots: store, snapshotWriting: .whenAsked)
        #expect(!FileManager.default.fileExists(atPath: file), "not written while reading")
        let first = screen.ledger.consumed
        let write = try #require(screen.deferredSnapshotWrite())
        #expect(screen.deferredSnapshotWrite() == nil, "asked once")
        try append(Self.appended)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            write()
            done.signal()
        }
        #expect(try screen.refresh(), "the journal goes on meanwhile")
        done.wait()
        #expect(try #require(store.open(for: path, withHistories: true)).prefix.length == first)
        let next = try open(.historiesOnFile)
        #expect(next.restoredFromSnapshot)
        try expectEveryHistory(next)
    }

    /// Readers that must not, or need not, write a snapshot leave the one there alone: the
    /// screen opening the ledger again while in use, and a board as of a day before the last
    /// event, which could never start from one and would write it again at every reading.
    @Test func readersThatCannotUseASnapshotLeaveNone() throws {
        write()
        let file = try #require(store.file(for: path, withHistories: true))
        _ = try FileJournal(path: path, retention: .historiesOnFile, snapshots: store, snapshotWriting: .never)
        #expect(!FileManager.default.fileExists(atPath: file), "an opening that may not leave one")
        _ = try FileJournal(path: path, asOf: date("2025-06-15"), retention: .historiesOnFile, snapshots: store)
        #expect(!FileManager.default.fileExists(atPath: file), "a board as of a day before the last event")
        _ = try open(.historiesOnFile)
        #expect(FileManager.default.fileExists(atPath: file))
    }

    /// A ledger rewritten in place to the same size, its time of modification put back, is read
    /// again (its change time tells), and its snapshot, which no longer stands for its first
    /// bytes, is not read by the next start.
    @Test func aLedgerRewrittenInPlaceIsNotTakenFromItsSnapshot() throws {
        write()
        _ = try open(.historiesOnFile)
        let reader = try open(.historiesOnFile)
        #expect(reader.restoredFromSnapshot)
        #expect(store.file(for: path, withHistories: true) != nil)
        let text = String(decoding: SnapshotTests.fixtureBytes, as: UTF8.self)
        let swapped = text.replacingOccurrences(of: "@lan start BC-T01", with: "@lan start BC-T0X")
        #expect(swapped != text && swapped.utf8.count == text.utf8.count)
        var before = stat()
        #expect(stat(path, &before) == 0)
        let fd = Glibc.open(path, O_WRONLY)
        #expect(Array(swapped.utf8).withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } == swapped.utf8.count)
        var times = [before.st_atim, before.st_mtim]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(throws: JournalError.self) { try reader.history(of: "BC-T01") }
        try reader.refresh()
        #expect(!reader.restoredFromSnapshot && reader.ledger.rereads == 1)
        // The file's status (its change time) no longer matches the note of the snapshot's
        // check: the next reader hashes the prefix again, finds it changed and replays.
        #expect(try !open(.historiesOnFile).restoredFromSnapshot)
    }
}
