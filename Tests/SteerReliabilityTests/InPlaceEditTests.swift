import Foundation
import Glibc
import Synchronization
import Testing
@testable import SteerCore

/// A ledger saved in place by an editor, or rewritten by a script holding the lock, while a
/// writer or a view holds what it read: the file is not taken to have grown by appends.
@Suite struct InPlaceEditTests {
    /// Writes `text` over the file where it lies (same inode, no truncation first), as vim and
    /// a script's `open(…, "r+")` save, and sets its modification time back to `mtime` if given.
    func writeInPlace(_ l: TempLedger, _ text: String, mtime: timespec? = nil) {
        let fd = open(l.path, O_WRONLY)
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        _ = ftruncate(fd, off_t(bytes.count))
        if let t = mtime {
            var times = [t, t]
            _ = futimens(fd, &times)
        }
        close(fd)
    }

    /// A cancel inserted before the last line, the file grown: a writer that read it before
    /// must not append a report after it (the task is cancelled), nor find errors that the file
    /// does not have (it read the bytes past its old end as if appended).
    @Test func aWriterReadsAgainAFileEditedInPlaceThatGrew() throws {
        let l = try TempLedger()
        let j = try FileJournal(path: l.path)
        var lines = TempLedger.base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert("2025-01-20T08:00+07:00 @vpcp cancel T2 reason=\"Không còn cần\"", at: lines.count - 2)
        writeInPlace(l, lines.joined(separator: "\n"))
        #expect {
            try j.append { _ in event(.report, "T2", [Field(.progress, "20")]) }
        } throws: { error in
            (error as? JournalError)?.description.hasPrefix("cannot report T2: it is cancelled") == true
        }
        #expect(j.ledger.latest.tasks["T2"]?.state == .cancelled)
        #expect(j.ledger.isClean)
        #expect(l.replayed.isClean, "nothing was appended after the cancel")
    }

    /// A fix of the same size saved in place with its old modification time put back: the change
    /// time still tells, and the view reads the file again.
    @Test func aViewReadsAgainAFileRewrittenToTheSameSizeWithItsOldTime() throws {
        let l = try TempLedger()
        var st = stat()
        stat(l.path, &st)
        let j = try FileJournal(path: l.path)
        #expect(j.ledger.latest.tasks["T1"]?.due?.description == "2025-03-31")
        usleep(20_000)
        writeInPlace(l, TempLedger.base.replacingOccurrences(of: "due=2025-03-31", with: "due=2027-03-31"), mtime: st.st_mtim)
        #expect(try j.refresh())
        #expect(j.ledger.latest.tasks["T1"]?.due?.description == "2027-03-31")
    }

    /// A FIFO never ends: given as the ledger, it is refused at once rather than waited on.
    @Test func aFIFOIsRefusedAtOnce() throws {
        let l = try TempLedger()
        let fifo = l.directory.appendingPathComponent("f.ledger").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect {
            _ = try FileJournal(path: fifo)
        } throws: { error in
            (error as? JournalError)?.description.hasPrefix("\(fifo) is a FIFO (named pipe), not a ledger file") == true
        }
        #expect {
            _ = try FileJournal(path: l.directory.path)
        } throws: { error in
            (error as? JournalError)?.description.contains("is a directory, not a ledger file") == true
        }
    }

    /// A new ledger is not made through a symbolic link to nothing (one another user may have
    /// left): nothing is made where it points.
    @Test func aNewLedgerIsNotMadeThroughADanglingLink() throws {
        let l = try TempLedger()
        let target = l.directory.appendingPathComponent("elsewhere.ledger").path
        let link = l.directory.appendingPathComponent("team.ledger").path
        #expect(symlink(target, link) == 0)
        let j = try FileJournal(path: link)
        #expect {
            try j.append { _ in
                Event(time: Timestamp.parse("2025-01-02T08:00+07:00")!, actor: "vpcp", verb: .agency, id: "A",
                      fields: [Field(.kind, "ministry"), Field(.name, "Bộ A")])
            }
        } throws: { error in
            (error as? JournalError)?.description.contains("is a symbolic link to a file that does not exist") == true
        }
        #expect(access(target, F_OK) != 0)
    }

    /// A quit signal that arrives while an append's lines are written waits until they are:
    /// it is given back (here, to a handler that notes it) once they are whole, by the last of
    /// two appends holding the signals at once.
    @Test func aQuitSignalWaitsForTheLinesToBeWritten() {
        Self.noted.store(0, ordering: .relaxed)
        var note = sigaction()
        note.__sigaction_handler = .init(sa_handler: { InPlaceEditTests.noted.store($0, ordering: .relaxed) })
        sigemptyset(&note.sa_mask)
        // Set through QuitSignals: other tests' appends may hold the signals at this moment.
        let before = QuitSignals.replaceAction(of: SIGHUP, with: note)
        defer { _ = QuitSignals.replaceAction(of: SIGHUP, with: before) }
        // The test runs on a worker thread, which blocks signals; a command's main thread does not.
        var hup = sigset_t(), mask = sigset_t()
        sigemptyset(&hup)
        sigaddset(&hup, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &hup, &mask)
        defer { pthread_sigmask(SIG_SETMASK, &mask, nil) }
        let first = QuitSignals.hold(), second = QuitSignals.hold()
        raise(SIGHUP)
        first.release()
        #expect(Self.noted.load(ordering: .relaxed) == 0, "held while any append writes")
        second.release()
        // Sent to the process: taken by a thread that does not block it, this one or another.
        for _ in 0 ..< 100 where Self.noted.load(ordering: .relaxed) == 0 { usleep(10_000) }
        #expect(Self.noted.load(ordering: .relaxed) == SIGHUP, "given back after")
        #expect(Self.waitUntil(SIGHUP, isHandledBy: note), "the handler there before is back")
    }

    static let noted = Atomic<Int32>(0)

    /// Whether `signal` is handled by `action`'s handler, waiting for that up to a second:
    /// appends of other tests running meanwhile hold the signals too, and it is back only once
    /// the last of them is done.
    static func waitUntil(_ signal: Int32, isHandledBy action: sigaction) -> Bool {
        func address(_ a: sigaction) -> Int { unsafeBitCast(a.__sigaction_handler.sa_handler, to: Int.self) }
        var now = sigaction()
        for _ in 0 ..< 200 {
            sigaction(signal, nil, &now)
            if address(now) == address(action) { return true }
            usleep(5_000)
        }
        return false
    }

    /// A handler set while an append holds the quit signals is the one put back when it lets
    /// go, not the one there when it took hold.
    @Test func aHandlerSetWhileHeldIsTheOnePutBack() {
        var note = sigaction()
        note.__sigaction_handler = .init(sa_handler: { InPlaceEditTests.noted.store($0, ordering: .relaxed) })
        sigemptyset(&note.sa_mask)
        let held = QuitSignals.hold()
        let before = QuitSignals.replaceAction(of: SIGQUIT, with: note)
        defer { _ = QuitSignals.replaceAction(of: SIGQUIT, with: before) }
        held.release()
        #expect(Self.waitUntil(SIGQUIT, isHandledBy: note))
    }

    /// A writer's own append is what it compares later bytes with: another process appending
    /// after it is taken as an append, not as an edit that needs the whole file read again.
    @Test func appendsAfterOnesOwnAreNotTakenForAnEdit() throws {
        let l = try TempLedger()
        let mine = try FileJournal(path: l.path), theirs = try FileJournal(path: l.path)
        try mine.append { _ in event(.report, "T1", [Field(.note, "mine")]) }
        try theirs.append { _ in event(.report, "T1", [Field(.note, "theirs")]) }
        #expect(try mine.refresh())
        #expect(mine.ledger.rereads == 0, "read on from where it was")
        #expect(mine.ledger.eventCount == theirs.ledger.eventCount)
    }

    /// The hint of a refused open says what the user lacks: the right to read, or to write.
    @Test func aRefusedOpenSaysWhichRightIsMissing() {
        #expect(JournalError.io(operation: "open", path: "/x/l", errno: EACCES).description.contains("you may not read it"))
        #expect(!JournalError.io(operation: "open for writing", path: "/", errno: EACCES).description.contains("you may not read it"))
    }
}
