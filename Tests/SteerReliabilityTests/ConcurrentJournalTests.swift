import Dispatch
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
}
