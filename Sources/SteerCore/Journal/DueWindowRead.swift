import Glibc

/// A ledger read for a report of open tasks by deadline (`Report.dueWindow`): from this user's
/// snapshot, only the declarations and the tasks open and due within the window are decoded,
/// then the lines after the snapshot are replayed over them. Every task those lines name is
/// decoded too, so that they are judged exactly as on the whole board (an `assign` of an id
/// the snapshot holds is refused, a task they close leaves the window). The board is that part
/// alone, its tasks without their notes (`SnapshotFile.board(dueWithin:ids:)`): for the reports
/// of deadlines, never for validating a write (`FileJournal` holds whole boards).
public enum DueWindowRead {
    /// The ledger at `path` with a board of the open tasks due within `window` and the tasks
    /// the lines after the snapshot name; nil when no snapshot of it can be used (none, stale,
    /// damaged, past `asOf`), or when so many lines follow it that a whole read, which leaves a
    /// new snapshot, is due. The caller then reads the ledger whole. So it does for anything but
    /// a regular file (opened without waiting: a FIFO would wait for a writer for ever), which
    /// the whole read refuses for what it is, and for a file whose last line is still being
    /// written (no newline yet), which the whole read waits out under the writers' lock.
    public static func ledger(path: String, asOf: CivilDate?, window: DueWindow, snapshots store: SnapshotStore) -> Ledger? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, let snapshot = store.open(for: path) else { return nil }
        let size = Int(st.st_size), start = snapshot.prefix.length
        guard start <= size, size - start == 0 || size - start < store.refreshAfterBytes, store.ledger(fd, at: path, matches: snapshot),
              let tail = readFully(fd, start..<size), tail.last.map({ $0 == UInt8(ascii: "\n") }) ?? true else { return nil }
        let named = LedgerParser(file: path).parse(tail, firstLine: snapshot.lineCount + 1, expectHeader: false).events.map(\.event.id)
        guard let board = snapshot.board(dueWithin: window, ids: Set(named)),
              var ledger = Ledger(restoring: board, consumed: start, lineCount: snapshot.lineCount, eventCount: snapshot.eventCount,
                                  lastDay: snapshot.lastDay, file: path, asOf: asOf) else { return nil }
        ledger.ingest(tail)
        return ledger
    }
}
