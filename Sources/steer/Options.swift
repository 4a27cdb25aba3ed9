import ArgumentParser
import struct FoundationEssentials.Date
import class FoundationEssentials.ProcessInfo
import Glibc
import SteerCore

/// Where the ledger is: --ledger, else $STEER_LEDGER, else ./steer.ledger.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: "The ledger file (default: $STEER_LEDGER, then ./steer.ledger).")
    var ledger: String?

    var path: String {
        if let ledger { return ledger }
        if let env = ProcessInfo.processInfo.environment["STEER_LEDGER"], !env.isEmpty { return env }
        return "steer.ledger"
    }
}

/// The day the board is seen on.
struct TodayOptions: ParsableArguments {
    @Option(name: .long, help: "See the board as it stood at the end of this day (YYYY-MM-DD). Default: every event, judged on today in the ledger's time zone.",
            transform: { text in
                guard let d = CivilDate(text) else { throw ValidationError("--today takes a date like 2025-06-30, not `\(text)`") }
                return d
            })
    var today: CivilDate?
}

/// Writes to stderr; the command line's errors and diagnostics go there. When stderr cannot be
/// written (closed, a full disk) the text is dropped: there is nowhere left to say so.
func printError(_ text: String) {
    // A file's name or a value can hold any byte: none but line breaks and tabs reaches the
    // terminal as itself (`for f in /shared/*.ledger; do steer check …` prints the names).
    let shown = text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map { Sanitizer.visible(String($0)) }.joined(separator: "\t") }
        .joined(separator: "\n")
    _ = Array(shown.utf8).withUnsafeBufferPointer { writeAll(2, $0) }
}

/// Writes all of `bytes` to `fd`; the errno of a failed write, nil when all were written.
/// A closed pipe ends the process (SIGPIPE), as `print` would.
func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        if n < 0, errno == EINTR { continue }
        if n <= 0 { return n < 0 ? errno : EIO }
        done += n
    }
    return nil
}

/// Standard output written a chunk at a time, straight to the file descriptor: the first
/// failure is kept, and nothing more is written after it.
struct ChunkedOutput {
    private var buffer: [UInt8] = []
    private(set) var failure: Int32?
    static let chunk = 64 << 10

    init() { buffer.reserveCapacity(Self.chunk) }

    mutating func write(_ line: String) {
        guard failure == nil else { return }
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= Self.chunk { flush() }
    }

    /// Writes what is held; the `errno` of the first write that failed, if one did.
    @discardableResult
    mutating func flush() -> Int32? {
        if failure == nil, !buffer.isEmpty { failure = buffer.withUnsafeBufferPointer { writeAll(1, $0) } }
        buffer.removeAll(keepingCapacity: true)
        return failure
    }
}

/// Ends the process with `code` once a command's work is done and written, without freeing
/// what it read: a board of a million tasks takes longer to free piece by piece than the system
/// takes to reclaim the whole process. (`exit` still flushes what `print` buffered.)
func finish(_ code: ExitCode) -> Never {
    // What `print` buffered is written now: a failure is an error, as for any other write.
    if fflush(nil) != 0 {
        printError("steer: cannot write the output: \(String(cString: strerror(errno)))\n")
        exit(Exit.problems.rawValue)
    }
    exit(code.rawValue)
}

/// Exit codes: 1 for a ledger with problems or a refused change, 2 for a usage error.
enum Exit {
    static let problems = ExitCode(1)
    static let usage = ExitCode(2)
}

/// The real clock, read only at the edge: the core is given times, never reads them.
enum Clock {
    static func now(offsetMinutes: Int) -> Timestamp {
        let seconds = Int(Date().timeIntervalSince1970)
        return Timestamp(instant: seconds, offsetMinutes: offsetMinutes, hasSeconds: true)
    }

    /// Nanoseconds since 1970, for the snapshot store to tell how long ago a ledger last changed.
    @Sendable static func nanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    static func today(offsetMinutes: Int) -> CivilDate {
        now(offsetMinutes: offsetMinutes).date(inOffset: offsetMinutes)
    }
}

/// Opens the ledger for reading; when the file cannot be read, says why and throws.
/// Only the audit trail needs the events themselves; everything else keeps the board alone,
/// and starts from this user's snapshot of it when the ledger still begins with its lines.
/// A new snapshot, made when many lines were replayed, is written by `leaveSnapshot`, which
/// the command calls once it has answered.
func openJournal(_ path: String, asOf: CivilDate?, retention: EventRetention = .boardOnly,
                 snapshots: Bool = true) throws -> FileJournal {
    do {
        let journal = try FileJournal(path: path, asOf: asOf, retention: retention, snapshots: snapshots ? snapshotStore() : nil,
                                      snapshotWriting: .whenAsked)
        journal.onLockWait = { printError("steer: waiting for the ledger's lock, which another process holds…\n") }
        return journal
    } catch {
        printError("steer: \(error.description)\n")
        throw Exit.problems
    }
}

/// `openJournal` for a command that reads the ledger and reports on it: a ledger that is missing
/// or empty is an error, as for `check`, not an empty report. A cron job given a mistyped path
/// would otherwise print that nothing is overdue, and exit 0. So is a file without the version
/// line (another file named by mistake, or a ledger whose top was cut off): refused whole,
/// unless the caller `listsProblems` (`check`, which shows the line that is not the version
/// line, and every other).
func openLedgerToRead(_ path: String, asOf: CivilDate?, retention: EventRetention = .boardOnly,
                      snapshots: Bool = true, listsProblems: Bool = false) throws -> FileJournal {
    let journal = try openJournal(path, asOf: asOf, retention: retention, snapshots: snapshots)
    do { try journal.awaitWriteInProgress() } catch {
        printError("steer: \(error.description)\n")
        throw Exit.problems
    }
    let l = journal.ledger
    if l.consumed == 0, l.tornTail == nil, l.eventCount == 0 {
        printError("steer: \(Sanitizer.visible(path)): no such ledger, or it is empty\n")
        throw Exit.problems
    }
    // Blank and comment lines only (no version line at all), or a first line that counts and
    // is not the version line. A torn last line alone may be the version line cut short: that
    // is said as a torn line.
    let onlyComments = l.expectsHeader && l.tornTail == nil
    // The line that stands where the version line should (a whole one, or one with no newline
    // at all, which no write of steer's left): shown as `check` shows it.
    let notHeader = l.versionLineProblem
    if !l.sawHeader, onlyComments || notHeader != nil && !listsProblems {
        printError((notHeader ?? LedgerHeader.missing(file: path, firstLine: FileJournal.firstLine(of: path))).rendered())
        printError("steer: \(Sanitizer.visible(path)) is not a steer ledger: it has no `\(LedgerHeader.text)` line at its top\n")
        printError("hint: check the path; a ledger made by steer starts with that line\n")
        throw Exit.problems
    }
    return journal
}

/// Writes the snapshot `journal`'s first reading made, if it made one, after the command's
/// answer is out: at a million tasks writing it takes some 3 s, which the user no longer waits
/// through to see the report or to have their event recorded. Commands call it on every way
/// out, a refusal included: the snapshot stands for the lines read, whatever came after.
/// What `print` buffered goes out first. A reader that has gone (`| head`) ends the command by
/// SIGPIPE as before, but only once the snapshot is written; an output error is left to be
/// reported, or not, as it was before.
func leaveSnapshot(of journal: FileJournal) {
    guard let write = journal.deferredSnapshotWrite() else { return }
    let closedPipe = withPipeSignalHeld { fflush(nil) != 0 && errno == EPIPE }
    write()
    if closedPipe { raise(SIGPIPE) }
}

/// Runs `body` with SIGPIPE ignored, so that a write to a pipe nobody reads fails with EPIPE
/// instead of ending the process, then gives SIGPIPE back the handling it had: raised after,
/// it then does what the failed write would have done (ends the process, unless the parent
/// had it ignored).
func withPipeSignalHeld<T>(_ body: () -> T) -> T {
    let inherited = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, inherited) }
    return body()
}

/// The day to judge the board on: --today, or today in the ledger's zone.
func judgingDay(_ ledger: Ledger, today: CivilDate?) -> CivilDate {
    today ?? Clock.today(offsetMinutes: ledger.latest.config.offsetMinutes)
}

/// Tells about problems without drowning the report: a count on stderr and how to see them.
func warnIfProblems(_ ledger: Ledger) {
    let errors = ledger.errors
    if !errors.isEmpty {
        printError("steer: warning: \(ledger.file) has \(errors.count) problem\(errors.count == 1 ? "" : "s") (events with errors are left out); run `steer check`\n")
    }
    // A year mistyped on a line (2052 for 2025) is no error of the line itself, but a report
    // counts what it records as done already: a task accepted "in 2052" left the overdue list.
    let board = ledger.board
    if let last = board.lastTime, last.instant - Clock.now(offsetMinutes: board.config.offsetMinutes).instant > Board.stampLeadSeconds {
        printError("steer: warning: \(ledger.file) has events stamped after now (the last at \(last)), counted as if they had happened; run `steer check` to find the first\n")
    }
}

/// This user's snapshot directory: $STEER_CACHE_DIR, else $XDG_CACHE_HOME/steer, else
/// ~/.cache/steer; only an absolute path (a relative one, which the XDG rules say to ignore,
/// made a cache wherever the command ran). None with STEER_SNAPSHOTS=off (or 0, no, false), or
/// when no home is known. STEER_SNAPSHOT_AFTER sets how many bytes of replayed lines make a new
/// snapshot worth writing.
func snapshotStore() -> SnapshotStore? {
    let env = ProcessInfo.processInfo.environment
    func given(_ name: String) -> String? { env[name].flatMap { $0.hasPrefix("/") ? $0 : nil } }
    if let setting = env["STEER_SNAPSHOTS"]?.lowercased(), ["off", "0", "no", "false"].contains(setting) { return nil }
    guard let directory = given("STEER_CACHE_DIR") ?? given("XDG_CACHE_HOME").map({ $0 + "/steer" })
            ?? given("HOME").map({ $0 + "/.cache/steer" }) else { return nil }
    let after = env["STEER_SNAPSHOT_AFTER"].flatMap { Int($0) }.map { max(0, $0) }
    return SnapshotStore(directory: directory, refreshAfterBytes: after ?? 1 << 20, clock: Clock.nanoseconds)
}
