import SteerCore
import Testing

/// Two journals on one file behave as two processes do: each has its own open file description,
/// so they contend for the same flock and see each other's appends only by reading the file.
@Suite struct StaleViewTests {
    @Test func aTransitionAnotherWriterMadeIllegalIsRefusedAndTheViewCatchesUp() throws {
        let file = try TempLedger()
        let a = try FileJournal(path: file.path)
        let b = try FileJournal(path: file.path)
        try b.append { _ in event(.submit, "T1", [Field(.note, "Trình kết quả")]) }
        #expect(a.ledger.latest.tasks["T1"]?.state == .inProgress, "A has not read the file since B wrote")
        let before = file.text

        var boardSeen: Board?
        do {
            try a.append { (board: Board) throws(Rejection) -> Event in
                boardSeen = board
                return event(.block, "T1", [Field(.note, "Vướng thủ tục")])
            }
            Issue.record("a block of a submitted task was written from a stale view")
        } catch {
            guard case .rejected(let r) = error else { Issue.record("unexpected error \(error)"); return }
            #expect(r.message == "cannot block T1: it is submitted")
            #expect(error.description.contains("hint: return it first"))
        }
        #expect(boardSeen?.tasks["T1"]?.state == .submitted, "the event was built from the stale board")
        #expect(a.ledger.latest.tasks["T1"]?.state == .submitted, "A's view did not catch up")
        #expect(a.ledger.events.count == b.ledger.events.count)
        #expect(file.text == before)
    }

    @Test func aViewFollowsAppendsAndParsesOnlyTheNewLines() throws {
        let file = try TempLedger()
        let view = try FileJournal(path: file.path)
        let writer = try FileJournal(path: file.path)
        #expect(try view.refresh() == false)
        try writer.append { _ in event(.report, "T2", [Field(.progress, "20")]) }
        #expect(try view.refresh() == true)
        #expect(view.ledger.latest.tasks["T2"]?.progress == 20)
        #expect(view.ledger.consumed == file.bytes.count)
        #expect(view.ledger.events.map(\.event) == file.replayed.events.map(\.event))
    }
}
