import Glibc

/// When a journal's first reading leaves a snapshot, if one is due (`FileJournal.init`).
public enum SnapshotWriting: Sendable {
    /// As it reads: a command, which ends soon after.
    case whileReading
    /// When its holder asks (`FileJournal.deferredSnapshotWrite`): the screen, once it has shown
    /// the ledger, writes it on another core rather than keep its user waiting for it.
    case whenAsked
    /// Never: the screen opening the ledger again while in use.
    case never
}

/// The ledger file as a journal. Every append takes an exclusive `flock` on the file, catches
/// up with what other processes appended, re-checks the event against that fresh state,
/// writes the line with one write(2), fsyncs, and only then lets go. `flock` locks belong to
/// the open file description, so closing another descriptor of the same file (as `fcntl`
/// locks would suffer) cannot drop the lock half-way.
public final class FileJournal: Journal {
    public let path: String
    public private(set) var ledger: Ledger
    /// Which file was read, so that a replaced ledger is noticed.
    private var readStatus: FileStatus?
    private let syscalls: JournalSyscalls
    /// Where snapshots of this ledger are kept, for a ledger that keeps only the board, or the
    /// board and the tasks' histories on the file (a snapshot of each kind of its own).
    private let snapshots: SnapshotStore?
    /// With snapshots: the fingerprint of the bytes the board was built from up to the last
    /// snapshot loaded or saved, and the hash of those taken in since (`replayed.length` bytes).
    private var fingerprinted = PrefixFingerprint(segments: [])
    private var replayed = SegmentHasher()
    /// Whether a long replay leaves a snapshot: only during the first reading, and only when
    /// the opener allows it, so that a holder that follows the file (the screen) never stalls
    /// for the seconds a snapshot of a million tasks takes to write while its user works. The
    /// next reader writes it instead. Replayed lines are fingerprinted only while it may.
    private var leavesSnapshots: Bool
    private let snapshotWriting: SnapshotWriting
    /// The snapshot the first reading made, when it is written as the holder asks.
    private var deferredSnapshot: Snapshot?
    /// Whether the last read from the start of the file began with a snapshot.
    public private(set) var restoredFromSnapshot = false
    /// Set when a line read back (`history(of:)`) was not the line read there: the file was
    /// rewritten in a way its status did not show, and is read again from its first byte.
    private var readBackFailed = false

    /// Opens (reading only) the ledger at `path`. A missing file is an empty ledger; it is
    /// created, with mode 0660 less the umask, by the first append. With `snapshots` (and
    /// `.boardOnly` or `.historiesOnFile`, as a snapshot holds no events), reading starts from
    /// the snapshot when the file still begins with the lines it stands for, and a new one is
    /// left after a long replay, as `snapshotWriting` says. The events of this first reading are
    /// not kept: histories find them on the file, and a holder brings its view up to date only by
    /// events taken in later.
    public init(path: String, asOf: CivilDate? = nil, retention: EventRetention = .everyEvent,
                snapshots: SnapshotStore? = nil, snapshotWriting: SnapshotWriting = .whileReading,
                syscalls: JournalSyscalls = .system) throws(JournalError) {
        self.path = path
        self.syscalls = syscalls
        self.snapshots = retention == .everyEvent ? nil : snapshots
        self.snapshotWriting = snapshotWriting
        leavesSnapshots = snapshotWriting != .never && self.snapshots != nil
        self.ledger = Ledger(file: path, asOf: asOf, retention: retention)
        try refresh()
        leavesSnapshots = false
        ledger.forgetEvents(before: ledger.eventCount)
    }

    @discardableResult
    public func refresh() throws(JournalError) -> Bool {
        // Not blocking: a FIFO given as the ledger would wait for a writer for ever.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            // Nothing yet, for a ledger a first event is to start; gone, for one that was read.
            if errno == ENOENT { if ledger.consumed > 0 { throw .gone(path: path) } else { return false } }
            throw .io(operation: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        return try catchUp(fd)
    }

    /// Whether `refresh` would change the ledger: the file holds lines not yet taken in, or is
    /// not the file that was read any more. Reads only the file's status, so that a holder of
    /// the ledger (the screen) can let go of it before the refresh writes to it. False when the
    /// file cannot be opened: `refresh` then says why, and changes nothing.
    public func hasNews() -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard let status = FileStatus(fd) else { return false }
        return mustReadAgain(status) || hasUnread(status.size)
    }

    /// Appends only ever grow the same file. A file that shrank (a torn line set aside by
    /// `steer repair`), was replaced (an editor saving a fix), or was written to without
    /// growing (a fix of the same size saved in place) is read again from its first byte:
    /// the bytes already read are not it any more.
    private func mustReadAgain(_ status: FileStatus) -> Bool {
        guard let known = readStatus else { return false }
        // Of the same size, a file whose inode changed was written (its modification time can
        // be set back by hand; its change time cannot).
        return readBackFailed || !known.isSameFile(as: status) || status.size < ledger.consumed + (ledger.tornTail?.count ?? 0)
            || status.size == known.size && (status.modified != known.modified || status.changed != known.changed)
    }

    /// The last bytes taken in (up to `tailCheckBytes`, ending where the ledger's consumed
    /// bytes end), as they were read. Appends leave them as they are; a file saved in place by
    /// an editor, or rewritten by a script, and grown meanwhile does not, and is read again
    /// from its first byte rather than taken to have grown by appends.
    private var lastBytesTaken: [UInt8] = []
    static let tailCheckBytes = 64

    /// The bytes of `fd` that `lastBytesTaken` holds when the file was only appended to.
    private func bytesBeforeConsumedEnd(_ fd: Int32) -> [UInt8] {
        let n = min(Self.tailCheckBytes, ledger.consumed)
        var bytes = [UInt8](repeating: 0, count: n)
        let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, n, off_t(ledger.consumed - n)) }
        return read == n ? bytes : []
    }

    /// Whether the first `size` bytes of the file hold any not yet taken in: past what was
    /// consumed and the torn line kept aside, or past what was consumed when nothing is kept.
    private func hasUnread(_ size: Int) -> Bool {
        size > ledger.consumed + (ledger.tornTail?.count ?? 0) || (size > ledger.consumed && ledger.tornTail == nil)
    }

    /// Reads from the end of what was consumed to the end of the file (or to `limit`) and feeds
    /// it to the ledger.
    private func catchUp(_ fd: Int32, upTo limit: Int = .max) throws(JournalError) -> Bool {
        guard let status = FileStatus(fd) else { throw .io(operation: "stat", path: path, errno: errno) }
        try Self.refuseUnlessRegular(status, path: path)
        // A ledger read with lines in it, found empty: a mistaken `> ledger`, or a restore under
        // way. The board as last read stays, and nothing starts a new ledger in the file.
        if status.size == 0, ledger.consumed > 0 { throw .emptied(path: path) }
        var reset = false
        let rewritten = ledger.consumed > 0 && !lastBytesTaken.isEmpty && hasUnread(status.size) && bytesBeforeConsumedEnd(fd) != lastBytesTaken
        if rewritten || mustReadAgain(status) {
            // Overwritten with no ledger in it (`echo > ledger`, a note saved over it): said as
            // emptied, the board as last read kept, rather than read as a new ledger to start.
            if ledger.sawHeader, !Self.startsWithVersionLine(fd) { throw .emptied(path: path) }
            ledger = ledger.emptied()
            // A line read back was not the one its place named. Had the places come from the
            // screen's snapshot, it would give them again: it goes, and the next start writes it.
            if readBackFailed { snapshots?.remove(for: path, withHistories: true) }
            readBackFailed = false
            reset = true
        }
        if ledger.consumed == 0 {
            forgetFingerprint()
            lastBytesTaken = []
        }
        readStatus = status
        let size = min(status.size, limit)
        if ledger.consumed == 0, ledger.tornTail == nil, ledger.diagnostics.isEmpty { restoredFromSnapshot = restoreSnapshot(fd, size: size) }
        // Taken from a snapshot: its last bytes, as the file holds them now.
        if lastBytesTaken.isEmpty { lastBytesTaken = bytesBeforeConsumedEnd(fd) }
        guard hasUnread(size) else { return reset }
        let from = ledger.consumed
        let (events, errors) = (ledger.eventCount, ledger.errors.count)
        ledger.expect(bytes: size - from)
        // Read in pieces, each by the core that parses it: a large ledger is never in memory
        // whole beside its board, and the replaying thread never waits for the disk. The end of
        // the file (it may have shrunk since it was measured) ends the reading.
        var fingerprint: ((UnsafeBufferPointer<UInt8>) -> Void)?
        if leavesSnapshots { fingerprint = { (lines: UnsafeBufferPointer<UInt8>) in self.replayed.add(UnsafeRawBufferPointer(lines)) } }
        let failure = ledger.ingest(reading: fd, from..<size, pieceBytes: pieceBytes, replayed: fingerprint)
        if let failure { throw .io(operation: "read", path: path, errno: failure) }
        lastBytesTaken = bytesBeforeConsumedEnd(fd)
        saveSnapshotIfDue()
        // A line that does not parse is news too: the ledger is no longer clean.
        return reset || ledger.eventCount != events || ledger.errors.count != errors || ledger.tornTail != nil
    }

    /// The events of task `id`, in file order, those the board as of the ledger's day took. A
    /// ledger read with `.historiesOnFile` reads their lines back from the file, and checks
    /// that each is still the line it read there. Not for a ledger that keeps only the board.
    public func history(of id: String) throws(JournalError) -> [Event] {
        guard ledger.retention == .historiesOnFile else { return ledger.history(of: id).map(\.event) }
        let places = ledger.historyPlaces(of: id)
        guard !places.isEmpty else { return [] }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        guard let status = FileStatus(fd) else { throw .io(operation: "stat", path: path, errno: errno) }
        guard readStatus != nil, !mustReadAgain(status) else { throw .changedSinceRead(path: path) }
        let parser = LedgerParser(file: path)
        var events: [Event] = []
        events.reserveCapacity(places.count)
        for place in places {
            let line = try readLine(fd, at: place)
            let out = parser.parse(line, expectHeader: false)
            let read = out.events
            guard read.count == 1, out.diagnostics.isEmpty, IDHash.same(read[0].event.id, id) else {
                readBackFailed = true
                throw .changedSinceRead(path: path)
            }
            events.append(read[0].event)
        }
        return events
    }

    /// The line of the file that starts at `start`, with its newline; an error when the file
    /// ends before one (it was consumed whole, so it is not the file read any more).
    private func readLine(_ fd: Int32, at start: Int) throws(JournalError) -> [UInt8] {
        var line: [UInt8] = []
        // A line is a hundred bytes or so; a long note takes a few more reads.
        var chunk = 512
        while true {
            let from = start + line.count
            var failure: Int32?
            let read = [UInt8](unsafeUninitializedCapacity: chunk) { buffer, count in
                let result = readAll(fd, at: from, count: chunk, into: buffer.baseAddress!)
                count = result.count
                failure = result.failure
            }
            if let failure { throw .io(operation: "read", path: path, errno: failure) }
            if let newline = read.firstIndex(of: 10) {
                line.append(contentsOf: read[...newline])
                return line
            }
            guard read.count == chunk else {
                readBackFailed = true
                throw .changedSinceRead(path: path)
            }
            line.append(contentsOf: read)
            chunk = min(chunk * 4, 1 << 20)
        }
    }

    /// Lets go of the events taken in before the first `count` (`Ledger.forgetEvents(before:)`).
    public func forgetEvents(before count: Int) {
        ledger.forgetEvents(before: count)
    }

    /// Starts from the snapshot of this ledger (with the tasks' histories, when this ledger keeps
    /// them) when the first `size` bytes still begin with exactly the lines it stands for;
    /// otherwise leaves the ledger empty, to be replayed.
    private func restoreSnapshot(_ fd: Int32, size: Int) -> Bool {
        // The kind asked for is the kind opened: the restored ledger keeps what this one keeps.
        guard let store = snapshots, let file = store.open(for: path, withHistories: ledger.retention == .historiesOnFile),
              file.prefix.length <= size, store.ledger(fd, at: path, matches: file), let snapshot = file.whole(),
              var restored = Ledger(restoring: snapshot, file: ledger.file, asOf: ledger.asOf) else { return false }
        restored.rereads = ledger.rereads
        ledger = restored
        fingerprinted = snapshot.prefix
        return true
    }

    /// Starts the fingerprint of what is read again, from the first byte.
    private func forgetFingerprint() {
        fingerprinted = PrefixFingerprint(segments: [])
        replayed = SegmentHasher()
    }

    /// Leaves a snapshot of the board once enough lines were replayed from text, when no line
    /// read gave a diagnostic. Its fingerprint is of the bytes the board was built from.
    private func saveSnapshotIfDue() {
        // Nothing replayed: the snapshot read stands already. A board as of a day before the
        // last event could never start from the snapshot (`Ledger(restoring:)`), so such a
        // reader, which replayed every line, does not write one again each time.
        guard leavesSnapshots, let store = snapshots, replayed.length > 0, replayed.length >= store.refreshAfterBytes,
              ledger.allDiagnostics.isEmpty, ledger.sawHeader, !Self.showsAnEarlierDay(ledger) else { return }
        let prefix = fingerprinted.extended(by: replayed)
        guard let snapshot = Snapshot(of: ledger, prefix: prefix) else { return }
        if snapshotWriting == .whenAsked {
            deferredSnapshot = snapshot
        } else {
            store.save(snapshot, for: path)
        }
        fingerprinted = prefix
        replayed = SegmentHasher()
    }

    /// The write of the snapshot the first reading made, for a journal opened `.whenAsked`, to
    /// be run on any thread (it reads a copy of the board: the journal may go on meanwhile); nil
    /// when none is due. Asked once: the journal lets go of it.
    public func deferredSnapshotWrite() -> (@Sendable () -> Void)? {
        guard let snapshot = deferredSnapshot, let store = snapshots else { return nil }
        deferredSnapshot = nil
        let path = self.path
        return { store.save(snapshot, for: path) }
    }

    /// Whether `ledger` is seen as of a day before its last event's.
    private static func showsAnEarlierDay(_ ledger: Ledger) -> Bool {
        guard let asOf = ledger.asOf, let last = ledger.lastDay else { return false }
        return last > asOf
    }

    /// Whether the file's first line that is neither blank nor a comment (within its first 64 KB)
    /// is the version line.
    static func startsWithVersionLine(_ fd: Int32) -> Bool {
        var bytes = [UInt8](repeating: 0, count: 64 << 10)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return false }
        var head = bytes[..<n]
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        for line in head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var text = line[...]
            while let last = text.last, last == 32 || last == 9 || last == 13 { text = text.dropLast() }
            guard let first = text.first(where: { $0 != 32 && $0 != 9 }) else { continue }
            if first == UInt8(ascii: "#") { continue }
            return text.elementsEqual(LedgerHeader.text.utf8)
        }
        return false
    }

    /// The first line of the file at `path` (its first 4 KB at most), for a diagnostic to quote.
    public static func firstLine(of path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        let head = bytes.prefix(max(n, 0)).prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        return String(decoding: head, as: UTF8.self)
    }

    /// How much of the file a core reads and parses at a time (tests read in smaller pieces).
    var pieceBytes = LedgerParser.pieceBytes

    @discardableResult
    public func append(all build: (Board) throws(Rejection) -> [Event]) throws(JournalError) -> [Event] {
        // A ledger is started by its first events. Where no file is yet, they are checked
        // before one is made: a refused write to a mistyped path left an empty file behind,
        // which every reader then took for a ledger with nothing in it.
        if ledger.consumed == 0, access(path, F_OK) != 0, errno == ENOENT {
            var empty = ledger
            do throws(Rejection) {
                guard try empty.admit(Self.lines(try build(ledger.latest), header: ledger.expectsHeader)) else { throw Self.unreadable }
            } catch {
                throw .rejected(error)
            }
        }
        let fd = try openLocked(openForAppending)
        defer { close(fd) }
        defer { flock(fd, LOCK_UN) }

        _ = try catchUp(fd)
        guard ledger.isClean else { throw .ledgerNotClean(ledger.errors) }

        let events: [Event]
        do { events = try build(ledger.latest) } catch { throw .rejected(error) }

        let bytes = Self.lines(events, header: ledger.expectsHeader)
        let sizeBefore = off_t(ledger.consumed)

        // The lines are checked by taking them in, exactly as a reader will parse them, before
        // they are written; should the write fail, the ledger is read again up to where they
        // start, as if never taken in. Lines that would not read back are never written.
        do throws(Rejection) {
            guard try ledger.admit(bytes) else { throw Self.unreadable }
        } catch {
            throw .rejected(error)
        }
        // Ctrl-C, a cron job's `timeout` or a dropped SSH session arriving during the write
        // waits until the lines are whole on disk: cut short, a long import tore the ledger
        // with a few thousand of its rows written and the rest not.
        let held = QuitSignals.hold()
        defer { held.release() }
        let written = bytes.withUnsafeBytes { syscalls.write(fd, $0.baseAddress!, $0.count) }
        if written != bytes.count {
            let e = written < 0 ? errno : ENOSPC
            // Only our own partial line is taken back, under the lock that kept others out.
            if written > 0 { _ = ftruncate(fd, sizeBefore) }
            reload(fd, upTo: sizeBefore)
            throw .io(operation: "write", path: path, errno: e)
        }
        if syscalls.fsync(fd) != 0 {
            let e = errno
            // The line is not acknowledged and the in-memory state is not advanced. It is also
            // taken back (under the lock that kept others out): left in the file, it would show
            // up later as an event the user was told had failed, and a retry would record it twice.
            _ = ftruncate(fd, sizeBefore)
            reload(fd, upTo: sizeBefore)
            throw .io(operation: "fsync", path: path, errno: e)
        }
        // The lines are now the file's, taken in as written: a later snapshot stands for them too,
        // and the next catch-up compares its last bytes with them (not with what came before:
        // that took every append after one's own for an edit in place, and read all again).
        if leavesSnapshots { bytes.withUnsafeBytes { replayed.add($0) } }
        lastBytesTaken = bytesBeforeConsumedEnd(fd)
        readStatus = FileStatus(fd) ?? readStatus
        return events
    }

    /// The ledger opened for appending. A new one is made with mode 0660 less the umask
    /// (group-writable on a shared server with umask 002; never by others: `refuseIfWorldWritable`),
    /// and only where its name is not a symbolic link: through a link another user left
    /// dangling, the file was made wherever it pointed, in the writer's name.
    private func openForAppending() throws(JournalError) -> Int32 {
        var fd = open(path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC)
        // A ledger that was read and is gone is not started again by this event, on its own.
        if fd < 0, errno == ENOENT, ledger.consumed > 0 { throw .gone(path: path) }
        if fd < 0, errno == ENOENT {
            fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o660)
            // Made meanwhile by another writer (or a link to nothing, which stays refused).
            if fd < 0, errno == EEXIST { fd = open(path, O_RDWR | O_APPEND | O_NONBLOCK | O_CLOEXEC) }
        }
        guard fd >= 0 else {
            let e = errno
            var st = stat()
            if e == ENOENT, lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK { throw .notARegularFile(path: path, what: "a symbolic link to a file that does not exist") }
            throw .io(operation: "open for writing", path: path, errno: e)
        }
        return fd
    }

    /// The ledger opened by `opening`, checked fit to write and locked, and still the file its
    /// path names once the lock is held. A file replaced by rename while the writer waited for
    /// its lock (an editor's save, `sed -i`, a restore) took the writer's lines into the old
    /// file, gone from the path, and the writer said they were recorded: the new file is opened
    /// and locked in its turn.
    private func openLocked(_ opening: () throws(JournalError) -> Int32) throws(JournalError) -> Int32 {
        // Before anything is opened: a write refused there makes no empty file either.
        if let directory = Self.unsafeDirectory(of: path) { throw .unsafeDirectory(path: directory.path, mode: directory.mode) }
        var attempts = 0
        while true {
            let fd = try opening()
            do throws(JournalError) {
                guard let status = FileStatus(fd) else { throw .io(operation: "stat", path: path, errno: errno) }
                try Self.refuseUnlessRegular(status, path: path)
                try refuseIfWorldWritable(fd)
                try lock(fd)
                var named = stat()
                if stat(path, &named) == 0, UInt64(named.st_dev) == status.device, UInt64(named.st_ino) == status.inode { return fd }
                attempts += 1
                // Replaced again and again: said as any change under a reader is.
                guard attempts < 8 else { throw .changedSinceRead(path: path) }
            } catch {
                close(fd)
                throw error
            }
            flock(fd, LOCK_UN)
            close(fd)
        }
    }

    /// Refuses anything but a regular file: a FIFO never ends, a device is not a ledger.
    static func refuseUnlessRegular(_ status: FileStatus, path: String) throws(JournalError) {
        guard let what = status.kindIfNotRegular else { return }
        throw .notARegularFile(path: path, what: what)
    }

    /// The lines of `events` as appended, after the version line when the file needs it.
    private static func lines(_ events: [Event], header: Bool) -> [UInt8] {
        var text = header ? LedgerHeader.text + "\n" : ""
        for e in events { text += LedgerPrinter.line(e) + "\n" }
        return Array(text.utf8)
    }

    private static let unreadable = Rejection("this event would not read back from the ledger: its actor or id is not a plain name",
                                               hint: "ids and logins are letters, digits, '.', '_' and '-'", at: .actor)

    /// Forgets what was read and reads the file again up to `end`, the state before an append
    /// that failed. Costs a full read, on that failure only; if the read fails too, the ledger
    /// holds the pieces read before the failure, and the next refresh reads on from there.
    private func reload(_ fd: Int32, upTo end: off_t) {
        var fresh = ledger.emptied()
        swap(&fresh, &ledger)
        _ = try? catchUp(fd, upTo: Int(end))
    }

    /// How long a writer waits for the ledger's lock before it gives up. Writers hold it for
    /// the milliseconds an append takes; anyone who can read the file can hold it too (flock
    /// asks no more), and a writer blocked on it without end hung the command, or froze the
    /// screen, with nothing said.
    public var lockWaitSeconds = 30
    /// Told once when the lock has been waited for a second, so that a person is not left
    /// before a command that seems to hang.
    public var onLockWait: (() -> Void)?
    /// Asked as the lock is waited for: true ends the wait with nothing written. The screen's
    /// user hung up, or asked it to end: an event recorded seconds after they left, by a
    /// process they thought gone, is one they never saw written.
    public var stopsWaiting: (() -> Bool)?

    /// Takes the ledger's lock on `fd`, waiting at most `lockWaitSeconds`.
    /// Shared: only to wait for a writer to finish (`awaitWriteInProgress`).
    private func lock(_ fd: Int32, shared: Bool = false) throws(JournalError) {
        var waited = 0  // microseconds
        var pause = 1_000
        var told = false
        while flock(fd, (shared ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            guard errno == EWOULDBLOCK else { throw .io(operation: "lock", path: path, errno: errno) }
            guard waited < lockWaitSeconds * 1_000_000 else { throw .lockHeld(path: path, seconds: lockWaitSeconds) }
            if stopsWaiting?() == true { throw .stopped(path: path) }
            if !told, waited >= 1_000_000 {
                told = true
                onLockWait?()
            }
            usleep(useconds_t(pause))
            waited += pause
            pause = min(2 * pause, 20_000)
        }
    }

    /// Whether another process holds the ledger's lock now, so that a writer would wait: asked
    /// by the screen before a write, to say so while it can still draw (as it waits, the board
    /// is the journal's). A lock taken just after it asks is waited for all the same.
    public func isLockHeldByAnother() -> Bool {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        return false
    }

    /// A last line without its newline while a writer holds the lock is that write under way
    /// (an import of a large table takes seconds), not damage: waits, as writers wait, for the
    /// lock to be let go, and reads what the write left. A line torn by a write that died is
    /// found torn all the same. Returns at once when the last line is whole.
    public func awaitWriteInProgress() throws(JournalError) {
        guard ledger.tornTail != nil else { return }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        // A lock held past the wait is a writer stuck, or gone: the torn line is said as it is.
        do { try lock(fd, shared: true) } catch { return }
        defer { flock(fd, LOCK_UN) }
        _ = try catchUp(fd)
    }

    /// Anyone could have rewritten a world-writable file, so nothing is written to it (nor to
    /// one in a directory where anyone could replace it: `openLocked`).
    private func refuseIfWorldWritable(_ fd: Int32) throws(JournalError) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        if st.st_mode & 0o002 != 0 { throw .unsafePermissions(path: path, mode: UInt32(st.st_mode)) }
    }

    /// The directory of the ledger at `path` when every user may replace the ledger in it: it
    /// is writable by others, and not sticky (as /tmp is, where only a file's owner may rename
    /// or remove it). A user outside the team could then swap in a ledger of their own.
    /// Both the directory the path names and, through a symbolic link, the one of the file
    /// written are judged: either lets anyone replace what is written.
    public static func unsafeDirectory(of path: String) -> (path: String, mode: UInt32)? {
        func directory(of p: String) -> String {
            guard let slash = p.lastIndex(of: "/") else { return "." }
            let d = String(p[..<slash])
            return d.isEmpty ? "/" : d
        }
        var directories = [directory(of: path)]
        if let resolved = realpath(path, nil) {
            directories.append(directory(of: String(cString: resolved)))
            free(resolved)
        }
        for d in directories {
            var st = stat()
            guard stat(d, &st) == 0, st.st_mode & 0o002 != 0, st.st_mode & 0o1000 == 0 else { continue }
            return (d, UInt32(st.st_mode))
        }
        return nil
    }

    /// Moves a torn last line to a side file next to the ledger and takes it off the ledger, so
    /// appends work again. The bytes are kept, never dropped. Returns the side file's path.
    public func repairTornTail(sideFileSuffix: String) throws(JournalError) -> String? {
        // Read first: a ledger with nothing to repair needs no right to write it.
        try refresh()
        guard ledger.tornTail != nil else { return nil }
        let fd = try openLocked { () throws(JournalError) -> Int32 in
            let fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else { throw .io(operation: "open for writing", path: path, errno: errno) }
            return fd
        }
        defer { close(fd) }
        defer { flock(fd, LOCK_UN) }
        _ = try catchUp(fd)
        guard let tail = ledger.tornTail else { return nil }
        // A side file of the same second (a repair just before) is kept: this one takes the next name.
        var side = path + ".torn-" + sideFileSuffix
        var sfd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        var n = 1
        while sfd < 0, errno == EEXIST, n < 100 {
            n += 1
            side = path + ".torn-" + sideFileSuffix + "-\(n)"
            sfd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        }
        guard sfd >= 0 else { throw .io(operation: "create", path: side, errno: errno) }
        // As readable as the ledger, whatever the repairer's umask: the bytes are the team's to
        // look at. Writable by no one outside its group, as the ledger.
        var ledgerStatus = stat()
        if fstat(fd, &ledgerStatus) == 0 {
            _ = fchown(sfd, uid_t.max, ledgerStatus.st_gid)
            _ = fchmod(sfd, ledgerStatus.st_mode & 0o664)
        }
        let ok = tail.withUnsafeBytes { Glibc.write(sfd, $0.baseAddress!, $0.count) } == tail.count && Glibc.fsync(sfd) == 0
        close(sfd)
        guard ok else { throw .io(operation: "write", path: side, errno: errno) }
        guard ftruncate(fd, off_t(ledger.consumed)) == 0 else { throw .io(operation: "truncate", path: path, errno: errno) }
        guard Glibc.fsync(fd) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
        var fresh = ledger.emptied()
        swap(&fresh, &ledger)
        _ = try catchUp(fd)
        return side
    }
}
