import Glibc
import Synchronization
import SteerCore
import Testing

/// Faults to inject into the next write(2) or fsync(2) calls of a journal, consumed in order.
final class FaultPlan: Sendable {
    enum WriteFault: Sendable {
        /// write(2) fails with this errno and writes nothing.
        case fail(Int32)
        /// write(2) writes only this many bytes, as it does when the disk fills up mid-line.
        case short(Int)
    }

    private let writes = Mutex<[WriteFault]>([])
    private let fsyncs = Mutex<[Int32]>([])

    func failNextWrite(_ fault: WriteFault) { writes.withLock { $0.append(fault) } }
    func failNextFsync(errno: Int32) { fsyncs.withLock { $0.append(errno) } }

    var syscalls: JournalSyscalls {
        JournalSyscalls(
            write: { fd, buffer, count in
                switch self.writes.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                case nil: return Glibc.write(fd, buffer, count)
                case .fail(let e)?: errno = e; return -1
                case .short(let n)?: return Glibc.write(fd, buffer, min(n, count))
                }
            },
            fsync: { fd in
                guard let e = self.fsyncs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return Glibc.fsync(fd) }
                errno = e
                return -1
            })
    }
}

/// A failed write or fsync is an error the caller sees, the ledger in memory does not move, the
/// file is as it was, and the same journal appends normally once the fault is gone.
@Suite struct FaultInjectionTests {
    let report = event(.report, "T1", [Field(.progress, "60"), Field(.note, "Đã gửi lấy ý kiến")])

    func expectFailureChangesNothing(_ inject: (FaultPlan) -> Void, operation: String, errno expected: Int32) throws {
        let file = try TempLedger()
        let plan = FaultPlan()
        let journal = try FileJournal(path: file.path, syscalls: plan.syscalls)
        let textBefore = file.text
        let eventsBefore = journal.ledger.events.count
        inject(plan)

        do {
            try journal.append { _ in report }
            Issue.record("the append reported success although \(operation) failed")
        } catch {
            guard case .io(let op, _, let e) = error else { Issue.record("unexpected error \(error)"); return }
            #expect(op == operation)
            #expect(e == expected)
            #expect(error.description.contains(String(cString: strerror(expected))))
        }
        #expect(journal.ledger.events.count == eventsBefore, "the ledger in memory advanced")
        #expect(journal.ledger.latest.tasks["T1"]?.progress == 10)
        #expect(file.text == textBefore, "the file changed although the append failed")
        #expect(file.replayed.isClean)

        try journal.append { _ in report }
        #expect(journal.ledger.events.count == eventsBefore + 1)
        #expect(journal.ledger.latest.tasks["T1"]?.progress == 60)
        #expect(file.replayed.events.count == eventsBefore + 1)
        #expect(file.replayed.isClean)
    }

    @Test(arguments: [ENOSPC, EIO, EDQUOT, EFBIG])
    func failedWrite(errno e: Int32) throws {
        try expectFailureChangesNothing({ $0.failNextWrite(.fail(e)) }, operation: "write", errno: e)
    }

    @Test(arguments: [1, 17, 40])
    func shortWriteIsTakenBack(bytes: Int) throws {
        try expectFailureChangesNothing({ $0.failNextWrite(.short(bytes)) }, operation: "write", errno: ENOSPC)
    }

    @Test(arguments: [EIO, ENOSPC])
    func failedFsyncIsNeverSuccess(errno e: Int32) throws {
        try expectFailureChangesNothing({ $0.failNextFsync(errno: e) }, operation: "fsync", errno: e)
    }

    @Test func failedFirstWriteOfANewLedgerLeavesItEmpty() throws {
        let file = try TempLedger("")
        let plan = FaultPlan()
        let journal = try FileJournal(path: file.path, syscalls: plan.syscalls)
        plan.failNextWrite(.short(5))
        #expect(throws: JournalError.self) {
            try journal.append { _ in event(.agency, "BKHCN", [Field(.kind, "ministry"), Field(.name, "Bộ")], actor: "vpcp") }
        }
        #expect(file.bytes.isEmpty)
        try journal.append { _ in event(.agency, "BKHCN", [Field(.kind, "ministry"), Field(.name, "Bộ")], actor: "vpcp") }
        #expect(file.replayed.isClean)
        #expect(file.replayed.sawHeader)
        #expect(file.replayed.events.count == 1)
    }
}
