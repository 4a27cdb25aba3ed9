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
        abstract: "show overdue from a snapshot, step by step: open, fingerprint check, decode the window, judge, select, print.")
    @Option(name: .long) var ledger: String
    @Option(name: .long, help: "A scratch snapshot directory (emptied first).") var cache: String
    @Option(name: .long) var runs = 10
    @Option(name: .long, help: "The day to report on (YYYY-MM-DD): the day `steer show` sees, for the same rows.",
            transform: { text in
                guard let day = CivilDate(text) else { throw ValidationError("--today takes a date like 2026-06-30") }
                return day
            })
    var today: CivilDate

    func run() throws {
        try? FileManager.default.removeItem(atPath: cache)
        // With a clock, as the command has: after the first hashing, a note of the ledger's
        // status stands for it (the step that hashes below does so every time).
        let store = SnapshotStore(directory: cache, refreshAfterBytes: 0, clock: {
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        })
        // The first open replays the ledger and leaves the snapshot the steps below start from.
        do { _ = try FileJournal(path: ledger, retention: .boardOnly, snapshots: store) } catch { throw BenchError("\(ledger): \(error.description)") }
        guard try FileManager.default.contentsOfDirectory(atPath: cache).contains(where: { $0.hasSuffix(".snapshot") }) else {
            throw BenchError("\(ledger): no snapshot was written")
        }
        let fd = open(ledger, O_RDONLY)
        guard fd >= 0 else { throw BenchError("\(ledger): cannot open") }
        defer { close(fd) }
        let window = Report.overdue.dueWindow(today: today, slack: 1)!

        var snapshot: SnapshotFile?
        var board: Board?
        var overview: Overview?
        var table: ReportTable?
        func step(_ name: String, _ work: () throws -> Void) rethrows {
            report("phase", name, try Samples.time(runs: runs, minimumRuns: 3, work))
        }
        try step("the whole report as the command makes it: its window of tasks from the snapshot, judge, select, print") {
            guard let read = DueWindowRead.ledger(path: ledger, asOf: nil, window: window, snapshots: store) else { throw BenchError("the snapshot was not used") }
            _ = Report.overdue.table(Overview(board: read.board, today: today)).render(.table)
        }
        try step("open the snapshot, check its head") {
            snapshot = store.open(for: ledger)
            if snapshot == nil { throw BenchError("the snapshot does not open") }
        }
        try step("check the ledger still begins with its bytes (SHA-256 on every core)") {
            if !snapshot!.prefix.matches(fd: fd) { throw BenchError("the fingerprint does not match") }
        }
        try step("decode the open tasks due in the window (runs on every core)") {
            board = snapshot!.board(dueWithin: window, ids: [])
            if board == nil { throw BenchError("the window does not decode") }
        }
        step("judge them (Overview)") { overview = Overview(board: board!, today: today) }
        step("select the overdue rows (their places; cells are made when printed)") { table = Report.overdue.table(overview!) }
        step("print them as a table (each row's cells made twice: to measure, to write)") { _ = table!.render(.table) }
        try step("for comparison: decode the whole board (other reports, writers)") {
            if snapshot!.whole() == nil { throw BenchError("the snapshot does not decode") }
        }
    }
}
