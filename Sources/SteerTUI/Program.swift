import CTerminalSignals
import Dispatch
import Glibc
import SteerCore

/// What `steer tui` was asked for, and the few things only the command line knows: who the
/// user is and what time it is (the core never reads the clock).
public struct TUIOptions {
    public var path: String
    /// A pinned "today"; nil follows the clock in the ledger's zone.
    public var today: CivilDate?
    public var language: Language
    public var readOnly: Bool
    public var mouse: Bool
    public var colour: Bool
    public var actor: String
    /// The time to stamp an event with, given the board it is appended to.
    public var stamp: (Board) throws(Rejection) -> Timestamp
    /// Today in a zone so many minutes east of UTC.
    public var clockToday: (Int) -> CivilDate
    /// A test seam, never set in normal use: crash this long after the screen starts, so a
    /// test can check that the crash handler gives the terminal back (docs/reliability-tui.md).
    public var crash: DeliberateCrash?
    /// Where this user's snapshots are kept: the screen starts from its snapshot of the board
    /// and the tasks' histories when the ledger still begins with the lines it stands for.
    public var snapshots: SnapshotStore?

    public init(path: String, today: CivilDate?, language: Language, readOnly: Bool, mouse: Bool, colour: Bool,
                actor: String, stamp: @escaping (Board) throws(Rejection) -> Timestamp, clockToday: @escaping (Int) -> CivilDate) {
        self.path = path
        self.today = today
        self.language = language
        self.readOnly = readOnly
        self.mouse = mouse
        self.colour = colour
        self.actor = actor
        self.stamp = stamp
        self.clockToday = clockToday
    }
}

extension TUIOptions {
    /// The ledger read as the screen reads it, as of `asOf` (nil: the latest). Only the
    /// screen's start leaves a snapshot, written once the ledger is shown (`.whenAsked`); opened
    /// again while in use, the screen leaves none.
    func journal(asOf: CivilDate?, snapshotWriting: SnapshotWriting = .whenAsked) throws(JournalError) -> FileJournal {
        let journal = try FileJournal(path: path, asOf: asOf, retention: App.retention, snapshots: snapshots, snapshotWriting: snapshotWriting)
        // The screen waits for the ledger's lock while it writes: a few seconds, then it says why
        // nothing was written, rather than freeze.
        journal.lockWaitSeconds = Self.lockWaitSeconds
        // A hang-up or TERM while a write waits: the screen ends without writing it.
        journal.stopsWaiting = { steer_pending_quit_signal() != 0 }
        return journal
    }

    static let lockWaitSeconds = 5

    /// Whether the ledger's file is writable by every user, or its directory lets every user
    /// replace it, which the journal refuses to write.
    var isWritableByEveryone: Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IWOTH != 0 || FileJournal.unsafeDirectory(of: path) != nil
    }

    /// Whether this user may write the ledger (or, while there is none, make it): a screen
    /// whose every change would be refused by the file's permissions opens read-only.
    var mayWrite: Bool {
        if access(path, W_OK) == 0 { return true }
        guard errno == ENOENT else { return false }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return access(directory.isEmpty ? "/" : directory, W_OK) == 0
    }
}

/// How the screen crashes when a test asks it to (`STEER_TEST_CRASH_AFTER_MS`,
/// `STEER_TEST_CRASH=abort|trap|segv`): the three ways a real bug kills a process.
public struct DeliberateCrash: Sendable {
    public enum Kind: String, Sendable { case abort, trap, segv }
    public var afterMilliseconds: Int
    public var kind: Kind

    public init(afterMilliseconds: Int, kind: Kind) {
        self.afterMilliseconds = afterMilliseconds
        self.kind = kind
    }

    func happen() -> Never {
        switch kind {
        case .abort: Glibc.abort()
        case .trap: fatalError("STEER_TEST_CRASH=trap")
        case .segv:
            UnsafeMutablePointer<Int32>(bitPattern: 8)!.pointee = 0
            fatalError("unreachable: the write above faults")
        }
    }
}

/// Runs the loop: draw the state, wait for a key or half a second, feed what happened to
/// `update`, run the effects it returns, and read what others appended to the ledger.
public final class Program {
    /// How often the ledger is read for lines others appended.
    static let pollMilliseconds = 500

    private let options: TUIOptions
    /// Read as of the pinned day, if any; `:today` replaces it with one read as of another.
    private var journal: FileJournal
    private var state: AppState
    private var dirty = true
    private var quitting = false
    private var lastJournalError: String?
    /// Size, change time and inode of the ledger file, taken just before it was last read. When
    /// a ledger with problems changes (`steer repair` cutting a torn line, a line fixed in an
    /// editor), only reading it again whole can tell whether the problems are gone; taken
    /// before the read, so a change made while it is read is not missed.
    private var fileRead: [Int]
    /// The snapshot the start left for the next one, being written on another core.
    private let snapshotWrites = DispatchGroup()

    public init(_ options: TUIOptions, size: Size) throws(JournalError) {
        self.options = options
        // As `steer show --today D`: the board as it stood at the end of D.
        fileRead = Self.fileIdentity(options.path)
        journal = try options.journal(asOf: options.today)
        let clockDay = options.clockToday(journal.ledger.latest.config.offsetMinutes)
        let name = options.path.split(separator: "/").last.map(String.init) ?? options.path
        state = AppState(ledger: journal.ledger, clockDay: clockDay, language: options.language,
                         size: size, actor: options.actor, ledgerName: name, readOnly: options.readOnly, writable: options.mayWrite,
                         writableByEveryone: options.isWritableByEveryone)
    }

    /// Why the screen cannot run on this terminal (an unknown or unusable `TERM`); nil when it can.
    public static func terminalProblem(term: String?) -> String? { Terminal.problem(term: term) }

    /// Opens the terminal, runs until `q`, a quit signal or a hang-up, and restores the terminal.
    /// A quit signal is re-raised after the terminal is restored, so the shell sees it.

    public static func run(_ options: TUIOptions) -> Int32 {
        let program: Program
        do {
            program = try Program(options, size: Size(width: 80, height: 24))
        } catch {
            FileHandleStandardError.write("steer: \(error.description)\n")
            return 1
        }
        let terminal = Terminal(mouse: options.mouse, colour: options.colour)
        let signal = program.loop(terminal)
        terminal.stop()
        if signal != 0 { terminal.reraise(signal) }
        // The snapshot for the next start is finished, the terminal already given back. A quit
        // signal does not wait for it, even one that comes during the wait (the handlers only
        // note it): the next writer removes what was left half-written.
        while program.snapshotWrites.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            let signal = terminal.pendingSignal
            if signal != 0 { terminal.reraise(signal) }
        }
        return 0
    }

    func loop(_ terminal: Terminal) -> Int32 {
        dispatch(.resize(terminal.size), terminal)
        var lastPoll = Self.milliseconds()
        let crashAt = options.crash.map { lastPoll + $0.afterMilliseconds }
        while !quitting {
            let signal = terminal.pendingSignal
            if signal != 0 { return signal }
            if dirty {
                terminal.draw(App.view(state, size: state.size))
                dirty = false
                writeSnapshotAside()
            }
            var wait = max(0, Self.pollMilliseconds - (Self.milliseconds() - lastPoll))
            if let crash = options.crash, let at = crashAt {
                if Self.milliseconds() >= at { crash.happen() }
                wait = max(0, min(wait, at - Self.milliseconds()))
            }
            switch terminal.read(timeoutMs: Int32(wait)) {
            case .key(let k): dispatch(.key(k), terminal)
            case .resize(let size): dispatch(.resize(size), terminal)
            case .click(let p): dispatch(.click(p), terminal)
            case .wheel(let n): dispatch(.wheel(n), terminal)
            case .paste(let text): dispatch(.paste(text), terminal)
            case .timeout: break
            case .hangup: return 0
            }
            if Self.milliseconds() - lastPoll >= Self.pollMilliseconds {
                lastPoll = Self.milliseconds()
                follow(terminal)
            }
        }
        return 0
    }

    /// Once the ledger is shown, writes the snapshot its first reading made (if one was due) on
    /// another core: at a million tasks, writing it took seconds the user waited before seeing
    /// anything. It is a copy of the board; the screen goes on meanwhile.
    private func writeSnapshotAside() {
        guard let write = journal.deferredSnapshotWrite() else { return }
        DispatchQueue.global(qos: .utility).async(group: snapshotWrites, execute: write)
    }

    func dispatch(_ msg: Msg, _ terminal: Terminal?) {
        let wasAsking = state.isAsking, statusBefore = state.status
        let effects = App.update(&state, msg)
        dirty = true
        // Keys typed ahead answer nothing they were not typed for: a question that has just
        // opened was answered by a `y` sent before it was drawn, and the letters typed after a
        // refused key ran as commands (`t` refused, then `bị chậm…` opened a block form).
        if msg.isInput, let terminal, !wasAsking && state.isAsking || state.status != statusBefore && state.status?.isError == true {
            terminal.discardTypeAhead()
        }
        for effect in effects { run(effect, terminal) }
    }

    func run(_ effect: Effect, _ terminal: Terminal?) {
        switch effect {
        case .append(let draft, let undo):
            // Either way the journal's ledger comes back (`.ledgerChanged`), and the journal
            // writes to it first.
            // The write holds the loop while it waits for the lock: said first, drawn while the
            // board is still the screen's.
            if journal.isLockHeldByAnother() {
                dispatch(.waitingForLock, terminal)
                if let terminal { terminal.draw(App.view(state, size: state.size)) }
            }
            state.setBoardAside()
            do {
                let event = try journal.append { (board: Board) throws(Rejection) -> Event in
                    try draft.event(on: board, time: try options.stamp(board), actor: options.actor)
                }
                showLedger(terminal)
                dispatch(.appended(draft, undo: undo, at: event.time), terminal)
            } catch {
                // A refusal may still have caught up with lines others wrote; show those too.
                showLedger(terminal)
                dispatch(.appendFailed(error.description), terminal)
            }
        case .refresh:
            follow(terminal)
        case .reopen(let day):
            // A ledger gone from its path is not opened again as an empty one: the board as last
            // read stays, and says so.
            if journal.ledger.consumed > 0, access(options.path, F_OK) != 0 {
                let gone = JournalError.gone(path: options.path).description
                lastJournalError = gone
                dispatch(.journalFailed(gone), terminal)
                return
            }
            do {
                journal = try options.journal(asOf: day, snapshotWriting: .never)
                lastJournalError = nil
                dispatch(.reopened(journal.ledger), terminal)
            } catch {
                lastJournalError = error.description
                dispatch(.journalFailed(error.description), terminal)
            }
        case .readHistory(let key):
            dispatch(.historyRead(key, HistoryRead(key, from: journal)), terminal)
        case .buildSearchIndex:
            state.buildSearchIndex()
        case .redraw:
            terminal?.invalidate()
        case .quit:
            quitting = true
        }
    }

    /// Hands the journal's ledger to the screen, which brings its view up to date by the events
    /// taken in since it last looked; the journal then lets go of those events.
    func showLedger(_ terminal: Terminal?) {
        dispatch(.ledgerChanged(journal.ledger), terminal)
        journal.forgetEvents(before: journal.ledger.eventCount)
    }

    /// Reads lines appended since the last read (only the new bytes are parsed), and notices
    /// midnight when the day is not pinned.
    func follow(_ terminal: Terminal?) {
        let file = Self.fileIdentity(options.path)
        do {
            if !journal.ledger.isClean, file != fileRead,
               let fresh = try? options.journal(asOf: journal.ledger.asOf, snapshotWriting: .never), fresh.ledger.isClean {
                journal = fresh
                dispatch(.reopened(fresh.ledger), terminal)
            } else if journal.hasNews() {
                // The journal's ledger comes back however the refresh ends.
                state.setBoardAside()
                defer { showLedger(terminal) }
                try journal.refresh()
            } else if try journal.refresh() {
                // Nothing new by the file's status, but the refresh still says when the file
                // cannot be read, and takes in lines written since the look, the board still
                // held.
                showLedger(terminal)
            }
            fileRead = file
            if lastJournalError != nil { dispatch(.journalRecovered, terminal) }
            lastJournalError = nil
        } catch {
            if error.description != lastJournalError {
                lastJournalError = error.description
                dispatch(.journalFailed(error.description), terminal)
            }
        }
        if !state.todayPinned {
            let day = options.clockToday(journal.ledger.latest.config.offsetMinutes)
            if day != state.clockDay { dispatch(.dayChanged(day), terminal) }
        }
    }

    static func fileIdentity(_ path: String) -> [Int] {
        var st = stat()
        guard stat(path, &st) == 0 else { return [] }
        return [Int(st.st_size), st.st_ctim.tv_sec, st.st_ctim.tv_nsec, Int(st.st_ino)]
    }

    static func milliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

    /// Counts the bytes curses writes for a full frame, for one `j`, and for a frame with no
    /// change, on a terminal of `size` described by `terminalType`, with no terminal attached:
    /// curses writes to a temporary file instead.
    public static func measure(_ options: TUIOptions, size: Size, terminalType: String) throws(JournalError) -> [(String, Int)] {
        try measuring.withLock { () throws(JournalError) in try measureAlone(options, size: size, terminalType: terminalType) }
    }

    /// curses keeps one current screen for the process: two measures at once (tests run in
    /// parallel) drew into each other's, and a `j` cost a full redraw. A pthread mutex, which
    /// the thread sanitizer sees taken.
    private static let measuring = Condition()

    private static func measureAlone(_ options: TUIOptions, size: Size, terminalType: String) throws(JournalError) -> [(String, Int)] {
        setenv("LINES", String(size.height), 1)
        setenv("COLUMNS", String(size.width), 1)
        let program = try Program(options, size: size)
        guard let output = tmpfile(), let input = fopen("/dev/null", "r") else { return [] }
        defer { fclose(output); fclose(input) }
        let terminal = Terminal(measuringInto: output, input: input, terminalType: terminalType)
        defer { terminal.stop() }
        func written() -> Int {
            fflush(output)
            return ftell(output)
        }
        var results: [(String, Int)] = []
        /// Feeds `message` (if any), draws, and records what the frame cost.
        func step(_ label: String, _ message: Msg?) {
            let before = written()
            if let message { program.dispatch(message, terminal) }
            terminal.draw(App.view(program.state, size: size))
            results.append((label, written() - before))
        }
        program.dispatch(.resize(size), terminal)
        step("full redraw", nil)
        step("j (next row)", .key(.char("j")))
        step("no change", nil)
        step("2 (switch pane)", .key(.char("2")))
        // As the screen leaves its snapshot, so that a measured start leaves one too.
        program.writeSnapshotAside()
        program.snapshotWrites.wait()
        return results
    }
}

/// Errors before curses starts go to stderr; after, they are shown on the screen.
enum FileHandleStandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(2, &bytes, bytes.count)
    }
}
