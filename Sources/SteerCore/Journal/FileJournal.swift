import Glibc

/// The ledger file as a journal. Every append takes an exclusive `flock` on the file, catches
/// up with what other processes appended, re-checks the event against that fresh state,
/// writes the line with one write(2), fsyncs, and only then lets go. `flock` locks belong to
/// the open file description, so closing another descriptor of the same file (as `fcntl`
/// locks would suffer) cannot drop the lock half-way.
public final class FileJournal: Journal {
    public let path: String
    public private(set) var ledger: Ledger
    private let syscalls: JournalSyscalls

    /// Opens (reading only) the ledger at `path`. A missing file is an empty ledger; it is
    /// created, with mode 0640 less the umask, by the first append.
    public init(path: String, asOf: CivilDate? = nil, syscalls: JournalSyscalls = .system) throws(JournalError) {
        self.path = path
        self.syscalls = syscalls
        self.ledger = Ledger(file: path, asOf: asOf)
        try refresh()
    }

    @discardableResult
    public func refresh() throws(JournalError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return false }
            throw .io(operation: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        return try catchUp(fd)
    }

    /// Reads from the end of what was consumed to the end of the file and feeds it to the ledger.
    private func catchUp(_ fd: Int32) throws(JournalError) -> Bool {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        let size = Int(st.st_size)
        let from = ledger.consumed
        let pendingTail = ledger.tornTail?.count ?? 0
        guard size > from + pendingTail || (size > from && ledger.tornTail == nil) else { return false }
        var buffer = [UInt8](repeating: 0, count: size - from)
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(from + done)) }
            if n < 0 { if errno == EINTR { continue }; throw .io(operation: "read", path: path, errno: errno) }
            if n == 0 { break }
            done += n
        }
        if done < buffer.count { buffer.removeSubrange(done...) }
        let (events, errors) = (ledger.events.count, ledger.errors.count)
        ledger.ingest(buffer)
        // A line that does not parse is news too: the ledger is no longer clean.
        return ledger.events.count != events || ledger.errors.count != errors || ledger.tornTail != nil
    }

    @discardableResult
    public func append(all build: (Board) throws(Rejection) -> [Event]) throws(JournalError) -> [Event] {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .io(operation: "open for writing", path: path, errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw .io(operation: "stat", path: path, errno: errno) }
        if st.st_mode & 0o002 != 0 { throw .unsafePermissions(path: path, mode: UInt32(st.st_mode)) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .io(operation: "lock", path: path, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }

        _ = try catchUp(fd)
        guard ledger.isClean else { throw .ledgerNotClean(ledger.errors) }

        var board = ledger.latest
        let events: [Event]
        do {
            events = try build(board)
            for (i, e) in events.enumerated() { try board.apply(e, index: ledger.events.count + i) }
        } catch {
            throw .rejected(error)
        }

        var text = ""
        let startOfFile = ledger.consumed == 0 && !ledger.sawHeader
        if startOfFile { text += LedgerHeader.text + "\n" }
        for e in events { text += LedgerPrinter.line(e) + "\n" }
        let bytes = Array(text.utf8)
        let sizeBefore = off_t(ledger.consumed)
        let written = bytes.withUnsafeBytes { syscalls.write(fd, $0.baseAddress!, $0.count) }
        if written != bytes.count {
            let e = written < 0 ? errno : ENOSPC
            // Only our own partial line is taken back, under the lock that kept others out.
            if written > 0 { _ = ftruncate(fd, sizeBefore) }
            throw .io(operation: "write", path: path, errno: e)
        }
        if syscalls.fsync(fd) != 0 {
            // The line may or may not be on disk; it is not acknowledged, and the in-memory
            // state is not advanced. The next read of the file tells what survived.
            throw .io(operation: "fsync", path: path, errno: errno)
        }
        ledger.ingest(bytes)
        return events
    }

    /// Moves a torn last line to a side file next to the ledger and takes it off the ledger, so
    /// appends work again. The bytes are kept, never dropped. Returns the side file's path.
    public func repairTornTail(sideFileSuffix: String) throws(JournalError) -> String? {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw .io(operation: "open for writing", path: path, errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .io(operation: "lock", path: path, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        _ = try catchUp(fd)
        guard let tail = ledger.tornTail else { return nil }
        let side = path + ".torn-" + sideFileSuffix
        let sfd = open(side, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard sfd >= 0 else { throw .io(operation: "create", path: side, errno: errno) }
        let ok = tail.withUnsafeBytes { Glibc.write(sfd, $0.baseAddress!, $0.count) } == tail.count && Glibc.fsync(sfd) == 0
        close(sfd)
        guard ok else { throw .io(operation: "write", path: side, errno: errno) }
        guard ftruncate(fd, off_t(ledger.consumed)) == 0 else { throw .io(operation: "truncate", path: path, errno: errno) }
        guard Glibc.fsync(fd) == 0 else { throw .io(operation: "fsync", path: path, errno: errno) }
        var fresh = Ledger(file: ledger.file, asOf: ledger.asOf)
        swap(&fresh, &ledger)
        _ = try catchUp(fd)
        return side
    }
}
