import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// The screen keeps each task's history on the file (`App.retention`): opening a detail asks for
/// it to be read back, and the detail shows what a ledger keeping every event shows.
@Suite struct HistoryOnFileTests {
    let path: String = {
        let dir = NSTemporaryDirectory() + "steer-tui-history-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/test.ledger"
    }()

    func journal() throws -> FileJournal {
        try TestLedger.text.write(toFile: path, atomically: false, encoding: .utf8)
        return try FileJournal(path: path, asOf: TestLedger.today, retention: App.retention)
    }

    func state(_ l: Ledger) -> AppState {
        AppState(ledger: l, clockDay: TestLedger.today, language: .en, size: Size(width: 100, height: 60),
                 actor: "tester", ledgerName: "test.ledger", readOnly: false)
    }

    /// Runs the reads the last message asked for, as `Program` does.
    func runReads(_ d: inout Driver, _ j: FileJournal) {
        for case .readHistory(let key) in d.effects {
            d.send(.historyRead(key, HistoryRead(key, from: j)))
        }
    }

    @Test func theDetailShowsTheHistoryReadBackFromTheFile() throws {
        let j = try journal()
        #expect(j.ledger.events.isEmpty)
        var d = Driver(state(j.ledger))
        var kept = Driver(state(TestLedger.ledger()))
        d.sortInLedgerOrder(); kept.sortInLedgerOrder()
        #expect(d.press(.enter).contains(.readHistory(HistoryKey(id: "NQ03-12", eventCount: j.ledger.eventCount, rereads: 0, asOf: TestLedger.today))))
        #expect(d.screen.contains("History (reading…)"), "nothing is shown as the history before it is read")
        runReads(&d, j)
        #expect(d.effects.isEmpty, "read once for this state of the ledger")
        kept.press(.enter)
        #expect(d.screen.contains("History (5)"))
        #expect(d.screen == kept.screen)

        // n steps to the next task: its history is read in turn.
        d.press(.char("n")); kept.press(.char("n"))
        #expect(d.effects.contains { if case .readHistory(let k) = $0 { k.id == "NQ03-13" } else { false } })
        runReads(&d, j)
        #expect(d.screen == kept.screen)
        // Keys that leave the ledger as it was read nothing again.
        #expect(d.press(.char("j")).isEmpty)
    }

    /// Another process appends to the task shown: the screen, taking the lines in, reads the
    /// history again.
    @Test func theHistoryShownFollowsTheFile() throws {
        try TestLedger.text.write(toFile: path, atomically: false, encoding: .utf8)
        let reader = try FileJournal(path: path, retention: App.retention)
        var d = Driver(state(reader.ledger))
        d.sortInLedgerOrder()
        d.press(.enter)
        func lastNote() -> String? {
            d.screen.split(separator: "\n").first { $0.contains("Last note") }.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(lastNote() == nil, "the last note comes from the history, not read yet")
        runReads(&d, reader)
        #expect(d.screen.contains("History (5)"))
        #expect(lastNote() == "Last note       Đã gửi lấy ý kiến các bộ, ngành")
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data("2025-06-15T09:00+07:00 @lan report NQ03-12 progress=90 note=\"Đã trình Chính phủ\"\n".utf8))
        try h.close()
        #expect(try reader.refresh())
        d.send(.ledgerChanged(reader.ledger))
        runReads(&d, reader)
        #expect(d.screen.contains("History (6)"))
        #expect(d.screen.contains("note=\"Đã trình Chính phủ\""))
        #expect(lastNote() == "Last note       Đã trình Chính phủ", "the last note given, read from the file")
    }

    @Test func aHistoryThatCannotBeReadSaysWhy() throws {
        let j = try journal()
        var d = Driver(state(j.ledger))
        d.sortInLedgerOrder()
        d.press(.enter)
        guard case .readHistory(let key)? = d.effects.first else { Issue.record("no read asked for"); return }
        d.send(.historyRead(key, .failed(JournalError.changedSinceRead(path: "test.ledger").description)))
        #expect(d.screen.contains("History"))
        #expect(d.screen.contains("could not be read: test.ledger changed since it was read"))
        #expect(d.effects.isEmpty, "not asked again until the ledger changes")
    }

    /// With this user's snapshots, the screen's second start decodes the board and the tasks'
    /// histories instead of replaying every line, and shows the same screens, details included.
    @Test func theScreenStartsFromItsSnapshotAndShowsTheSame() throws {
        try TestLedger.text.write(toFile: path, atomically: false, encoding: .utf8)
        var options = TUIOptions(path: path, today: TestLedger.today, language: .en, readOnly: false, mouse: false, colour: true,
                                 actor: "tester", stamp: { _ in Timestamp(instant: 0, offsetMinutes: 0) }, clockToday: { _ in TestLedger.today })
        options.snapshots = SnapshotStore(directory: path + ".cache", refreshAfterBytes: 0)
        let replayed = try options.journal(asOf: TestLedger.today)
        // The screen writes the snapshot once it has shown the ledger, as asked.
        let write = try #require(replayed.deferredSnapshotWrite())
        #expect(replayed.deferredSnapshotWrite() == nil, "asked once")
        write()
        let restored = try options.journal(asOf: TestLedger.today)
        #expect(!replayed.restoredFromSnapshot && restored.restoredFromSnapshot)
        #expect(restored.deferredSnapshotWrite() == nil, "nothing replayed: the snapshot read stands")
        var a = Driver(state(replayed.ledger)), b = Driver(state(restored.ledger))
        a.sortInLedgerOrder(); b.sortInLedgerOrder()
        #expect(a.screen == b.screen)
        for key in [Keystroke.enter, .char("n"), .char("n")] {
            a.press(key); b.press(key)
            runReads(&a, replayed); runReads(&b, restored)
            #expect(b.screen.contains("History ("))
            #expect(a.screen == b.screen)
        }
        // Another process appends to the task shown: the screen started from the snapshot takes
        // the line in, patches its view by the event (kept since the first reading) and reads
        // the history again, as the one that replayed does.
        let shown = restored.ledger.eventCount
        let h = try #require(FileHandle(forWritingAtPath: path))
        h.seekToEndOfFile()
        h.write(Data("2025-06-15T09:00+07:00 @vpcp unblock DA06-01 note=\"Đã có thiết bị\"\n".utf8))
        try h.close()
        #expect(try replayed.refresh() && restored.refresh())
        #expect(restored.ledger.events(after: shown)?.count == 1, "what the view is patched by")
        a.send(.ledgerChanged(replayed.ledger)); b.send(.ledgerChanged(restored.ledger))
        runReads(&a, replayed); runReads(&b, restored)
        #expect(b.screen.contains("Đã có thiết bị"))
        #expect(a.screen == b.screen)
    }

    /// `steer tui --measure-output` (what `make bench` times) leaves the screen's snapshot as
    /// the screen's start does, once its frames are drawn.
    @Test func aMeasuredStartLeavesTheSnapshot() throws {
        try TestLedger.text.write(toFile: path, atomically: false, encoding: .utf8)
        var options = TUIOptions(path: path, today: TestLedger.today, language: .en, readOnly: true, mouse: false, colour: true,
                                 actor: "tester", stamp: { _ in Timestamp(instant: 0, offsetMinutes: 0) }, clockToday: { _ in TestLedger.today })
        let store = SnapshotStore(directory: path + ".measured", refreshAfterBytes: 0)
        options.snapshots = store
        #expect(store.open(for: path, withHistories: true) == nil)
        _ = try Program.measure(options, size: Size(width: 120, height: 40), terminalType: "xterm-256color")
        #expect(store.open(for: path, withHistories: true) != nil)
        #expect(try options.journal(asOf: TestLedger.today).restoredFromSnapshot)
    }
}
