import ArgumentParser
import Foundation
import SteerCore
import SteerTUI

/// In-process measurements for scripts/bench.sh. Every subcommand prints tab-separated result
/// lines: section, name, p50 ms, p99 ms, samples.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steer-bench",
        abstract: "Time what keys, live follow and durable appends cost on a ledger.",
        subcommands: [Interaction.self, Follow.self, Durable.self, Append.self, ReportPhases.self])
}

/// The day the board is judged on: the generator's ledgers end on 2026-06-30.
let benchToday = CivilDate(year: 2026, month: 6, day: 30)!

func openJournal(_ path: String, retention: EventRetention = .everyEvent) throws -> FileJournal {
    do { return try FileJournal(path: path, retention: retention) } catch { throw BenchError("\(path): \(error.description)") }
}

struct Interaction: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Key → frame: update and view of the real screen (120×40) for each key, p50/p99; and the start-up state.")
    @Option(name: .long) var ledger: String
    @Option(name: .long, help: "Runs per key.") var runs = 200
    @Option(name: .long, help: "Runs per key at least, however long they take.") var minimumRuns = 20
    @Option(name: .long, help: "Seconds per group of keys after which it stops at the minimum.") var budget = 20

    func run() throws {
        let journal: FileJournal
        do { journal = try FileJournal(path: ledger, asOf: benchToday, retention: App.retention) } catch { throw BenchError("\(ledger): \(error.description)") }
        func start() -> AppState {
            AppState(ledger: journal.ledger, clockDay: benchToday, language: .vi, size: KeySession.size,
                     actor: Appender.actor, ledgerName: "bench.ledger", readOnly: false)
        }
        // Start-up after the replay: the board, every pane's rows, the selections.
        var state: AppState?
        report("startup", "the screen's state from the loaded ledger", Samples.time(runs: runs, minimumRuns: 3, budget: .seconds(budget)) {
            state = start()
        })
        // The first frame is drawn before any key, as `steer tui` does.
        var first = KeySession(state: state!, journal: journal)
        _ = first.press(.char("1"))
        // The first free word typed in a session also needs every row's search text, which the
        // keys after it reuse (and the drills below, which keep one session, pay once): timed
        // apart, each time from the state the screen started with. `/` starts folding them on
        // other cores; typed at once, the character waits for nearly all of it; typed a moment
        // later, as a person types, for what is left.
        for (name, label, pause) in [("firstfilter", "the first filter character of a session, typed at once after /", 0.0),
                                     ("firstfilterpause", "the same, typed 0.3 s after /", 0.3)] {
            report(name, label, Samples.collect(runs: runs, minimumRuns: 3, budget: .seconds(budget)) {
                var session = first
                _ = session.press(.char("/"))
                if pause > 0 { Thread.sleep(forTimeInterval: pause) }
                return session.press(.char(Drill.typed.first!))
            })
        }
        try Drill.checkFilter(first.state, journal: journal)
        for drill in Drill.all {
            for (label, samples) in try drill.run(from: first.state, journal: journal, runs: runs, minimumRuns: minimumRuns, budget: .seconds(budget)) {
                report("key", label, samples)
            }
        }
    }
}

struct Append: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Append report events through the journal (the writer of `follow`).")
    @Option(name: .long) var ledger: String
    @Option(name: .long) var events = 1000

    func run() throws {
        report("append", "one append (another process)", try Appender(journal: try openJournal(ledger)).append(events))
    }
}

struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Live follow: another process appends events; time the reader's refresh that takes them in.")
    @Option(name: .long, help: "A scratch copy of a ledger: events are appended to it.") var ledger: String
    @Option(name: .long) var events = 1000
    @Option(name: .long, help: "How many times the screen takes in another process's events, then a write of its own.")
    var cycles = 5

    func validate() throws {
        guard cycles > 0 else { throw ValidationError("--cycles is at least 1: each cycle gives a sample") }
    }

    func run() throws {
        // The screen's reader, as `steer tui` reads.
        let reader = try openJournal(ledger, retention: App.retention)
        let size = try fileSize(ledger)
        // `cycles` refreshes, each after another process's `events`: timed once, the figure
        // was at the mercy of the shared machine (11 ms at 1M tasks in one run of `make
        // bench`, against about 1 ms in the runs before and after).
        var took = Samples()
        var appended = 0
        for _ in 0 ..< cycles {
            appended = try appendElsewhere()
            took.add(try timedRefresh(reader))
        }
        report("follow", "\(events) events, \(appended) bytes, after \(size) bytes and more", took)

        // As `steer tui` does it (`Program.follow`): the screen, seeing news, sets its board
        // aside, the journal takes in what another process appended, and the screen is brought
        // up to date and drawn; `s` then shows the next sort order, brought up to date when
        // first shown; then the user writes one event through the screen's journal
        // (`Program.run(.append)`). `cycles` times over.
        var state = AppState(ledger: reader.ledger, clockDay: benchToday, language: .vi, size: KeySession.size,
                             actor: Appender.actor, ledgerName: "bench.ledger", readOnly: false)
        _ = App.view(state, size: KeySession.size)
        func drawn(after msg: Msg) -> Duration {
            Samples.time(runs: 1) {
                _ = App.update(&state, msg)
                KeySession.frameSink &+= App.view(state, size: KeySession.size).cells.count
            }.p50
        }
        var refreshed = Samples(), upToDate = Samples(), nextOrder = Samples(), ownWrite = Samples()
        for _ in 0 ..< cycles {
            _ = try appendElsewhere()
            guard reader.hasNews() else { throw BenchError("the reader did not see the news") }
            state.setBoardAside()
            refreshed.add(try timedRefresh(reader))
            upToDate.add(drawn(after: .ledgerChanged(reader.ledger)))
            nextOrder.add(drawn(after: .key(.char("s"))))
            state.setBoardAside()
            _ = try Appender(journal: reader).append(1)
            ownWrite.add(drawn(after: .ledgerChanged(reader.ledger)))
        }
        report("follow", "the screen's journal taking them in, the screen's board set aside", refreshed)
        report("follow", "the screen brought up to date and drawn", upToDate)
        report("follow", "the next sort order after the change (s)", nextOrder)
        report("follow", "the screen brought up to date after a write of its own, and drawn", ownWrite)
    }

    /// Has another process append `events` events; returns how many bytes they took.
    func appendElsewhere() throws -> Int {
        let size = try fileSize(ledger)
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        writer.arguments = ["append", "--ledger", ledger, "--events", String(events)]
        try writer.run()
        writer.waitUntilExit()
        guard writer.terminationStatus == 0 else { throw BenchError("the writer process failed") }
        return try fileSize(ledger) - size
    }

    /// The time of `reader.refresh()`, checked to take in every appended event.
    func timedRefresh(_ reader: FileJournal) throws -> Duration {
        let before = reader.ledger.eventCount
        let clock = ContinuousClock()
        let t0 = clock.now
        try reader.refresh()
        let took = t0.duration(to: clock.now)
        let seen = reader.ledger.eventCount - before
        guard seen == events, reader.ledger.isClean else { throw BenchError("the reader saw \(seen) of \(events) events") }
        return took
    }

    func fileSize(_ path: String) throws -> Int {
        guard let n = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue else {
            throw BenchError("cannot stat \(path)")
        }
        return n
    }
}

struct Durable: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "One durable transition: lock, catch up, validate, append, fsync.")
    @Option(name: .long, help: "A scratch copy of a ledger: events are appended to it.") var ledger: String
    @Option(name: .long) var appends = 200

    func run() throws {
        report("durable", "FileJournal.append (lock, catch up, validate, write, fsync)", try Appender(journal: try openJournal(ledger)).append(appends))
    }
}
