import Foundation
import Glibc
import Testing
@testable import SteerCore

@Suite struct JournalTests {
    let dir = scratchDirectory("journal")

    var path: String { dir + "/t.ledger" }
    let t0 = Timestamp.parse("2025-01-02T08:00+07:00")!

    func event(_ verb: Verb, _ id: String, _ fields: [Field] = [], minutes: Int = 0) -> Event {
        Event(time: Timestamp(instant: t0.instant + minutes * 60, offsetMinutes: 420, hasSeconds: false), actor: "vpcp", verb: verb, id: id, fields: fields)
    }

    func seed(_ j: FileJournal) throws {
        try j.append { _ in event(.agency, "BKHCN", [Field(.kind, "ministry"), Field(.name, "Bộ Khoa học và Công nghệ")]) }
        try j.append { _ in event(.assign, "T", [Field(.title, "Kế hoạch hành động"), Field(.lead, "BKHCN")], minutes: 1) }
    }

    func contents() -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    @Test func createsTheLedgerWithItsHeaderAndSafeMode() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        #expect(contents().hasPrefix("steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp agency BKHCN"))
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o002 == 0)
        #expect(st.st_mode & 0o777 <= 0o640)
        #expect(j.ledger.events.count == 2 && j.ledger.isClean)
    }

    /// The screen asks before a write whether it will wait for the lock, to say so first.
    @Test func tellsWhetherAnotherHoldsTheLock() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        #expect(!j.isLockHeldByAnother())
        let other = open(path, O_RDONLY)
        defer { close(other) }
        #expect(flock(other, LOCK_EX) == 0)
        #expect(j.isLockHeldByAnother())
        flock(other, LOCK_UN)
        #expect(!j.isLockHeldByAnother())
    }

    @Test func catchesUpWithOtherWritersBeforeValidating() throws {
        let a = try FileJournal(path: path)
        try seed(a)
        let b = try FileJournal(path: path)
        try b.append { _ in event(.start, "T", minutes: 2) }
        // A has not seen B's start; its own start must be refused against the fresh state.
        #expect(a.ledger.board.tasks["T"]?.state == .assigned)
        #expect {
            try a.append { _ in event(.start, "T", minutes: 3) }
        } throws: { error in
            guard case JournalError.rejected(let r) = error else { return false }
            return r.message == "cannot start T: it is in_progress"
        }
        #expect(a.ledger.board.tasks["T"]?.state == .inProgress, "A now shows the fresh state")
        #expect(contents().components(separatedBy: "\n").filter { $0.contains(" start T") }.count == 1)
    }

    @Test func refreshReadsOnlyWhatWasAppended() throws {
        let a = try FileJournal(path: path)
        try seed(a)
        let b = try FileJournal(path: path)
        let before = b.ledger.consumed
        try a.append { _ in event(.report, "T", [Field(.progress, "10")], minutes: 2) }
        #expect(try b.refresh())
        #expect(b.ledger.board.tasks["T"]?.progress == 10)
        #expect(b.ledger.consumed > before)
        #expect(try b.refresh() == false)
    }

    @Test func refreshReportsABadLineAppended() throws {
        let a = try FileJournal(path: path)
        try seed(a)
        let fh = FileHandle(forWritingAtPath: path)!
        fh.seekToEndOfFile()
        fh.write(Data("2025-01-02T08:05+07:00 @vpcp report T note=\"\u{1B}]52;c;AA\u{7}\"\n".utf8))
        fh.closeFile()
        #expect(try a.refresh(), "the new line is news even though it is no event")
        #expect(!a.ledger.isClean)
    }

    @Test func refusesToAppendAfterATornLineAndRepairKeepsTheBytes() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        let torn = "2025-01-02T08:05+07:00 @vpcp report T progr"
        let fh = FileHandle(forWritingAtPath: path)!
        fh.seekToEndOfFile()
        fh.write(Data(torn.utf8))
        fh.closeFile()
        #expect(throws: JournalError.self) { try j.append { _ in event(.start, "T", minutes: 9) } }
        #expect(contents().hasSuffix(torn), "nothing appended after the torn line")
        let side = try #require(try j.repairTornTail(sideFileSuffix: "test"))
        #expect(try String(contentsOfFile: side, encoding: .utf8) == torn)
        #expect(contents().hasSuffix("\n"))
        try j.append { _ in event(.start, "T", minutes: 9) }
        #expect(j.ledger.isClean && j.ledger.board.tasks["T"]?.state == .inProgress)
    }

    @Test func aFailedWriteAppendsNothingAndAdvancesNothing() throws {
        try seed(try FileJournal(path: path))
        let before = contents()
        let full = JournalSyscalls(write: { fd, buf, n in Glibc.write(fd, buf, n / 2) }, fsync: { Glibc.fsync($0) })
        let j = try FileJournal(path: path, syscalls: full)
        #expect {
            try j.append { _ in event(.start, "T", minutes: 2) }
        } throws: { error in
            guard case JournalError.io(let op, _, let e) = error else { return false }
            return op == "write" && e == ENOSPC
        }
        #expect(contents() == before, "the partial line was taken back")
        #expect(j.ledger.board.tasks["T"]?.state == .assigned)
    }

    @Test func aFailedFsyncIsNotAcknowledged() throws {
        try seed(try FileJournal(path: path))
        let failing = JournalSyscalls(write: { Glibc.write($0, $1, $2) }, fsync: { _ in errno = EIO; return -1 })
        let j = try FileJournal(path: path, syscalls: failing)
        #expect {
            try j.append { _ in event(.start, "T", minutes: 2) }
        } throws: { error in
            guard case JournalError.io(let op, _, let e) = error else { return false }
            return op == "fsync" && e == EIO
        }
        #expect(j.ledger.board.tasks["T"]?.state == .assigned, "in-memory state did not advance")
        #expect(Ledger.load(Array(contents().utf8), file: path).isClean, "the ledger still replays")
    }

    @Test func refusesAWorldWritableLedger() throws {
        try seed(try FileJournal(path: path))
        chmod(path, 0o666)
        let j = try FileJournal(path: path)
        #expect {
            try j.append { _ in event(.start, "T", minutes: 2) }
        } throws: { error in
            guard case JournalError.unsafePermissions = error else { return false }
            return "\(error)".contains("chmod o-w")
        }
    }

    @Test func refusesToWriteIntoALedgerWithErrors() throws {
        try "steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp frobnicate X\n".write(toFile: path, atomically: true, encoding: .utf8)
        let j = try FileJournal(path: path)
        #expect(throws: JournalError.self) { try j.append { _ in event(.agency, "A", [Field(.kind, "ministry"), Field(.name, "A")]) } }
    }

    @Test func appendsABatchAllOrNothing() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        let before = contents()
        #expect(throws: JournalError.self) {
            try j.append(all: { _ in [event(.start, "T", minutes: 2), event(.accept, "T", minutes: 3)] })
        }
        #expect(contents() == before)
        try j.append(all: { _ in [event(.start, "T", minutes: 2), event(.submit, "T", minutes: 3)] })
        #expect(j.ledger.board.tasks["T"]?.state == .submitted)
    }

    @Test func aLedgerReplacedByAnEditorIsReadAgainFromTheStart() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        try j.append { _ in event(.start, "T", minutes: 2) }
        // An editor saves a fixed copy under the same name: a new file, shorter than before.
        let fixed = contents().components(separatedBy: "\n").filter { !$0.contains(" start T") }.joined(separator: "\n")
        try fixed.write(toFile: path + ".new", atomically: false, encoding: .utf8)
        rename(path + ".new", path)
        #expect(try j.refresh())
        #expect(j.ledger.board.tasks["T"]?.state == .assigned)
        try j.append { _ in event(.start, "T", minutes: 3) }
        #expect(Ledger.load(Array(contents().utf8), file: path).isClean)
    }

    /// A fix of the same size saved in place (the same file, no new bytes) is read: an open
    /// screen does not keep showing what the file no longer says.
    @Test func aLedgerEditedInPlaceToTheSameSizeIsReadAgain() throws {
        let j = try FileJournal(path: path)
        try seed(j)
        try j.append { _ in event(.report, "T", [Field(.progress, "10")], minutes: 2) }
        #expect(try j.refresh() == false)
        #expect(!j.hasNews())
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        let at = off_t(contents().utf8.count - "10\n".utf8.count)
        #expect(pwrite(fd, "20", 2, at) == 2)
        // A modification time of its own, whatever the clock's granularity.
        var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(j.hasNews(), "the same size, written again")
        #expect(try j.refresh())
        #expect(j.ledger.board.tasks["T"]?.progress == 20)
        #expect(try j.refresh() == false, "read again once, not on every look")
    }

    /// `hasNews` says beforehand what `refresh` will find: the screen lets go of its board only
    /// when the journal is about to write to it.
    @Test func hasNewsAgreesWithTheRefreshThatFollows() throws {
        let missing = try FileJournal(path: path)
        #expect(!missing.hasNews(), "no file yet")
        let a = try FileJournal(path: path)
        try seed(a)
        #expect(!a.hasNews(), "its own appends are taken in")
        let b = try FileJournal(path: path)
        try b.append { _ in event(.start, "T", minutes: 2) }
        #expect(a.hasNews(), "another writer's line")
        #expect(try a.refresh())
        #expect(!a.hasNews())
        // A line still being written, then finished.
        let fh = FileHandle(forWritingAtPath: path)!
        fh.seekToEndOfFile()
        fh.write(Data("2025-01-02T08:05+07:00 @vpcp report T progress=".utf8))
        #expect(a.hasNews())
        #expect(try a.refresh())
        #expect(!a.hasNews(), "the torn line is kept aside until it grows")
        fh.write(Data("30\n".utf8))
        fh.closeFile()
        #expect(a.hasNews())
        #expect(try a.refresh())
        #expect(a.ledger.board.tasks["T"]?.progress == 30 && !a.hasNews())
        // Replaced by another file of the same size.
        let text = contents()
        #expect(unlink(path) == 0)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        #expect(a.hasNews(), "another file")
        #expect(try a.refresh())
        #expect(!a.hasNews())
    }

    @Test func aTornLineRepairedElsewhereIsNoticed() throws {
        let a = try FileJournal(path: path)
        try seed(a)
        let fh = FileHandle(forWritingAtPath: path)!
        fh.seekToEndOfFile()
        fh.write(Data("2025-01-02T08:05+07:00 @vpcp repo".utf8))
        fh.closeFile()
        try a.refresh()
        #expect(!a.ledger.isClean)
        let b = try FileJournal(path: path)
        _ = try b.repairTornTail(sideFileSuffix: "t")
        #expect(try a.refresh())
        #expect(a.ledger.isClean)
    }
}
