import Foundation
import Glibc
import SteerCore
import Testing

/// A ledger removed or emptied under a reader that had read it (the screen): the board as last
/// read stays, the reader is told, and no write starts a new ledger in its place.
@Suite struct LedgerGoneTests {
    @Test func aLedgerRemovedIsSaidGoneAndNotStartedAgain() throws {
        let file = try TempLedger()
        let journal = try FileJournal(path: file.path)
        let tasks = journal.ledger.board.tasks.count
        try FileManager.default.removeItem(atPath: file.path)
        #expect { try journal.refresh() } throws: { error in
            guard case .gone = error as? JournalError else { return false }
            return true
        }
        #expect(journal.ledger.board.tasks.count == tasks, "the board as last read stays")
        #expect { try journal.append { _ in event(.report, "T1", [Field(.note, "into nothing")]) } } throws: { error in
            guard case .gone = error as? JournalError else { return false }
            return true
        }
        #expect(access(file.path, F_OK) != 0, "no new ledger was started in its place")
        // Put back, it is read again.
        try Data(TempLedger.base.utf8).write(to: URL(fileURLWithPath: file.path))
        _ = try journal.refresh()
        _ = try journal.append { _ in event(.report, "T1", [Field(.note, "back")]) }
        #expect(file.replayed.events.last?.event[.note] == "back")
    }

    @Test func aLedgerEmptiedIsSaidEmptiedAndNotWrittenTo() throws {
        let file = try TempLedger()
        let journal = try FileJournal(path: file.path)
        let tasks = journal.ledger.board.tasks.count
        #expect(truncate(file.path, 0) == 0)
        #expect { try journal.refresh() } throws: { error in
            guard case .emptied = error as? JournalError else { return false }
            return true
        }
        #expect(journal.ledger.board.tasks.count == tasks)
        #expect { try journal.append { _ in event(.report, "T1", [Field(.note, "into an empty file")]) } } throws: { error in
            guard case .emptied = error as? JournalError else { return false }
            return (error as! JournalError).description.contains("held lines when it was read")
        }
        #expect(file.bytes.isEmpty)
    }

    /// Another file saved over it (`echo > ledger`, a note) is no ledger to start again either.
    @Test(arguments: ["\n", "# ghi chú\n", "hello\n"])
    func aLedgerOverwrittenWithoutItsVersionLineIsSaidEmptied(_ text: String) throws {
        let file = try TempLedger()
        let journal = try FileJournal(path: file.path)
        let tasks = journal.ledger.board.tasks.count
        try Data(text.utf8).write(to: URL(fileURLWithPath: file.path))
        #expect { try journal.append { _ in event(.report, "T1", [Field(.note, "over it")]) } } throws: { error in
            guard case .emptied = error as? JournalError else { return false }
            return true
        }
        #expect(file.text == text, "nothing was written")
        #expect(journal.ledger.board.tasks.count == tasks, "the board as last read stays")
    }
}
