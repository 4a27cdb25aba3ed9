import Dispatch
import Glibc
import SteerCore
import Testing

/// Threads of one process, each with its own journal on one file, contend for the flock as
/// processes do. Run under ThreadSanitizer by `make sanitize`, this also shows that journals
/// share no mutable state.
@Suite struct ConcurrentJournalTests {
    @Test func threadsAppendingToOneFileLoseNothing() throws {
        let file = try TempLedger()
        let threads = 8
        let perThread = 40
        let before = file.replayed.events.count
        let path = file.path
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            guard let journal = try? FileJournal(path: path) else { return }
            for i in 0..<perThread {
                _ = try? journal.append { _ in event(.report, "T\(1 + t % 2)", [Field(.note, "t\(t)-\(i)")]) }
            }
        }
        let after = file.replayed
        #expect(after.isClean)
        #expect(after.events.count == before + threads * perThread)
        let notes = after.events.compactMap { $0.event[.note] }.filter { $0.hasPrefix("t") }
        #expect(Set(notes).count == threads * perThread)
    }

    /// Anyone who can read the ledger can hold its lock. A writer waits for it, says so after
    /// a second, and gives up after `lockWaitSeconds` with nothing written; once the lock is
    /// let go, it writes.
    @Test func aWriterWaitsForTheLockAWhileThenSaysWhy() throws {
        let file = try TempLedger()
        let holder = open(file.path, O_RDONLY)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0, "a reader takes the lock")
        let journal = try FileJournal(path: file.path)
        journal.lockWaitSeconds = 2
        nonisolated(unsafe) var told = 0
        journal.onLockWait = { told += 1 }
        let before = file.bytes
        #expect {
            try journal.append { _ in event(.report, "T1", [Field(.note, "waited")]) }
        } throws: { error in
            guard case .lockHeld(_, let seconds) = error as? JournalError else { return false }
            return seconds == 2 && (error as! JournalError).description.contains("fuser -v")
        }
        #expect(told == 1 && file.bytes == before)
        flock(holder, LOCK_UN)
        _ = try journal.append { _ in event(.report, "T1", [Field(.note, "written")]) }
        #expect(file.replayed.events.last?.event[.note] == "written")
    }

    /// A writer told to stop waiting (the screen's user hung up) ends the wait at once, with
    /// nothing written, however long it would have waited.
    @Test func aWriterToldToStopWaitingWritesNothing() throws {
        let file = try TempLedger()
        let holder = open(file.path, O_RDONLY)
        defer { close(holder) }
        #expect(flock(holder, LOCK_EX) == 0)
        let journal = try FileJournal(path: file.path)
        nonisolated(unsafe) var asked = 0
        journal.stopsWaiting = { asked += 1; return asked > 3 }
        let before = file.bytes
        #expect {
            try journal.append { _ in event(.report, "T1", [Field(.note, "after the hang-up")]) }
        } throws: { error in
            guard case .stopped = error as? JournalError else { return false }
            return true
        }
        #expect(asked == 4 && file.bytes == before)
    }
}
