import ArgumentParser
import Glibc
import SteerCore

extension Report: ExpressibleByArgument {}
extension ReportTable.Format: ExpressibleByArgument {}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print what a pane shows: tasks, overdue, deadlines, decrees or agencies.")

    @Argument(help: "What to show: \(Report.allCases.map(\.rawValue).joined(separator: ", ")).")
    var report: Report = .overdue
    @OptionGroup var options: LedgerOptions
    @OptionGroup var date: TodayOptions
    @Option(name: .long, help: "table, csv, json or markdown.")
    var format: ReportTable.Format = .table
    @Option(name: .long, help: "The same query the screen's / takes, e.g. \"lead:BKHCN kind:decree dong nai\".")
    var filter: String?

    func run() throws {
        Allocator.preferSmallFootprint()
        var taskFilter = TaskFilter.all
        if filter != nil, report == .agencies {
            // Said, not ignored: the scorecard counts every task of each agency.
            printError("steer: --filter does not apply to `show agencies`, which counts every task of each agency\nhint: filter the tasks instead: steer show tasks --filter \"lead:BKHCN\"\n")
            throw Exit.usage
        }
        if let filter {
            do { taskFilter = try TaskFilter(filter) } catch {
                printError("steer: --filter: \(error.message)\n  \(Sanitizer.visible(filter))\n  \(String(repeating: " ", count: error.column - 1))^\n")
                throw Exit.usage
            }
        }
        let (ledger, journal) = try readLedger()
        warnIfProblems(ledger)
        // A mistyped agency would report nothing: said, as any other filter error.
        // Any agency the ledger declares, whatever the day shown: on a day before it was
        // declared, it is named right and has nothing yet.
        if let filter, let unknown = taskFilter.unknownAgency(on: ledger.latest) {
            printError("steer: --filter: \(unknown.message)\n  \(Sanitizer.visible(filter))\n  \(String(repeating: " ", count: unknown.column - 1))^\n")
            throw Exit.usage
        }
        // The table holds the overview and the places of its rows, and makes each row's cells
        // as it writes them.
        let table = report.table(board: ledger.board, today: judgingDay(ledger, today: date.today), filter: taskFilter)
        // A reader that stops early (`| head`) closes the pipe, which ends the command as SIGPIPE
        // always did, but only once the snapshot is left: else every such report would replay again.
        // A table is written as it is made, a chunk at a time, never made a String or held whole.
        let failure = withPipeSignalHeld { table.write(format) { writeAll(1, $0) } }
        if let journal { leaveSnapshot(of: journal) }
        if failure == EPIPE { raise(SIGPIPE) }
        if let failure {
            printError("steer: cannot write the report: \(String(cString: strerror(failure)))\n")
            throw Exit.problems
        }
        finish(.success)
    }

    /// A report of deadlines reads from the snapshot only the tasks it can show. The ledger's
    /// zone, which decides what today is, is known only once it is read: the window is taken a
    /// day wider on each side of today in UTC, which is within a day of today in any zone.
    /// The journal is given when the ledger was read through one, whose snapshot is left after.
    func readLedger() throws -> (Ledger, FileJournal?) {
        if let window = report.dueWindow(today: date.today ?? Clock.today(offsetMinutes: 0), slack: 1), let store = snapshotStore(),
           let ledger = DueWindowRead.ledger(path: options.path, asOf: date.today, window: window, snapshots: store) {
            return (ledger, nil)
        }
        let journal = try openLedgerToRead(options.path, asOf: date.today)
        return (journal.ledger, journal)
    }
}

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the audit trail: when, who, what; of one task, or of the whole ledger.")

    @Argument(help: "A task id; without it, every event.")
    var id: String?
    @OptionGroup var options: LedgerOptions
    @OptionGroup var date: TodayOptions

    func run() throws {
        // One task's trail is read back from the file, as the screen reads it: kept in memory,
        // every event of a million-task ledger took gigabytes to print a task's dozen.
        let journal = try openLedgerToRead(options.path, asOf: date.today, retention: id == nil ? .everyEvent : .historiesOnFile)
        defer { leaveSnapshot(of: journal) }
        warnIfProblems(journal.ledger)
        let l = journal.ledger
        let events: [Event]
        if let id {
            // As of the day asked for: a task assigned after it has no trail yet.
            guard l.board.tasks[id] != nil else {
                let asOf = date.today.map { " as of \($0)" } ?? ""
                printError("steer: no task \(Sanitizer.visible(id)) in \(Sanitizer.visible(options.path))\(asOf)\n")
                throw Exit.problems
            }
            do {
                events = try Self.history(of: id, journal)
            } catch {
                printError("steer: \(error.description)\n")
                throw Exit.problems
            }
        } else {
            events = l.eventsTaken.map(\.event)
        }
        // Written as a report is: a trail cut short by a full disk is an error, and a reader
        // that has gone (`| head`) ends the command by SIGPIPE once the snapshot is left.
        var out = ChunkedOutput()
        let failure = withPipeSignalHeld {
            for e in events { out.write(AuditLine.text(e) + "\n") }
            return out.flush()
        }
        leaveSnapshot(of: journal)
        if failure == EPIPE { raise(SIGPIPE) }
        if let failure {
            printError("steer: cannot write the trail: \(String(cString: strerror(failure)))\n")
            throw Exit.problems
        }
        finish(.success)
    }

    /// The task's trail read back from the file; once again from the start when the file
    /// changed under the reading in a way its status did not show.
    static func history(of id: String, _ journal: FileJournal) throws(JournalError) -> [Event] {
        do {
            return try journal.history(of: id)
        } catch .changedSinceRead {
            try journal.refresh()
            return try journal.history(of: id)
        }
    }
}

/// One line of the audit trail, safe for a terminal.
enum AuditLine {
    static func text(_ ev: Event) -> String {
        let fields = ev.fields.map { "\($0.key.rawValue)=\(LedgerPrinter.value($0.value))" }.joined(separator: " ")
        return Sanitizer.visible("\(ev.time)  @\(ev.actor)  \(ev.verb.rawValue) \(ev.id)" + (fields.isEmpty ? "" : "  " + fields))
    }
}
