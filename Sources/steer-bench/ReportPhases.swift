import ArgumentParser
import Foundation
import Glibc
import SteerCore

/// `steer show overdue` from a snapshot, step by step, in-process: what each step of a report
/// that starts from a snapshot costs, so that the notes of docs/performance.md can say where
/// the time goes with a command that measures it.
struct ReportPhases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-phases",
        abstract: "show overdue from a snapshot, step by step: read, decode, fingerprint check, judge, select, print.")
    @Option(name: .long) var ledger: String
    @Option(name: .long, help: "A scratch snapshot directory (emptied first).") var cache: String
    @Option(name: .long) var runs = 10

    func run() throws {
        try? FileManager.default.removeItem(atPath: cache)
        let store = SnapshotStore(directory: cache, refreshAfterBytes: 0)
        // The first open replays the ledger and leaves the snapshot the steps below start from.
        do { _ = try FileJournal(path: ledger, retention: .boardOnly, snapshots: store) } catch { throw BenchError("\(ledger): \(error.description)") }
        guard let name = try FileManager.default.contentsOfDirectory(atPath: cache).first(where: { $0.hasSuffix(".snapshot") }) else {
            throw BenchError("\(ledger): no snapshot was written")
        }
        let fd = open(ledger, O_RDONLY)
        guard fd >= 0 else { throw BenchError("\(ledger): cannot open") }
        defer { close(fd) }

        var bytes = Data()
        var snapshot: Snapshot?
        var ledgerRead: Ledger?
        var overview: Overview?
        var table: ReportTable?
        func step(_ name: String, _ work: () throws -> Void) rethrows {
            report("phase", name, try Samples.time(runs: runs, minimumRuns: 3, work))
        }
        try step("the whole report: open from the snapshot, judge, select, print") {
            let journal = try FileJournal(path: ledger, retention: .boardOnly, snapshots: store)
            guard journal.restoredFromSnapshot else { throw BenchError("the snapshot was not used") }
            _ = Report.overdue.table(Overview(board: journal.ledger.board, today: benchToday)).render(.table)
        }
        try step("read the snapshot file") { bytes = try Data(contentsOf: URL(fileURLWithPath: cache + "/" + name)) }
        try step("decode it (checksum, tasks on every core, indexes)") {
            snapshot = bytes.withUnsafeBytes { Snapshot(decoding: $0) }
            if snapshot == nil { throw BenchError("the snapshot does not decode") }
        }
        try step("check the ledger still begins with its bytes (SHA-256 on every core)") {
            if !snapshot!.prefix.matches(fd: fd) { throw BenchError("the fingerprint does not match") }
        }
        step("restore the ledger from it") { ledgerRead = Ledger(restoring: snapshot!, file: ledger) }
        step("judge every task (Overview)") { overview = Overview(board: ledgerRead!.board, today: benchToday) }
        step("select the overdue rows") { table = Report.overdue.table(overview!) }
        step("print them as a table") { _ = table!.render(.table) }
    }
}
