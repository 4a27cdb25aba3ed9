import Crypto
import Glibc

/// Where one user keeps the snapshots of the ledgers they read: a directory of their own that
/// nobody else may write to, named after the SHA-256 of the ledger's real path: one file of the
/// board alone, which reports and checks read, and one that also keeps the tasks' histories,
/// which the screen reads. Each is written by the readers that use it, so that neither takes
/// the other's place. Private, because a board loaded from a snapshot is trusted as if it had been replayed:
/// a snapshot someone else could write would let them show this user a board the ledger does
/// not say. It is a cache: anything wrong with it (missing, foreign, damaged, stale) means the
/// ledger is replayed and the snapshot written again, never an error.
public struct SnapshotStore: Sendable {
    public let directory: String
    /// Bytes of lines replayed from text before writing a new snapshot is worth its cost.
    public let refreshAfterBytes: Int
    /// The real time, in nanoseconds since 1970, for telling whether a ledger's last change is
    /// far enough in the past to note its status (`LedgerCheck.swift`); without it, none is noted.
    let clock: (@Sendable () -> Int64)?

    public init(directory: String, refreshAfterBytes: Int = 1 << 20, clock: (@Sendable () -> Int64)? = nil) {
        self.directory = directory
        self.refreshAfterBytes = refreshAfterBytes
        self.clock = clock
    }

    /// The snapshot file of the ledger at `ledgerPath`, of the board alone or `withHistories`,
    /// its head read, if a readable one of this user's is there. Whether it still matches the
    /// ledger is the caller's to check (`ledger(_:at:matches:)`).
    public func open(for ledgerPath: String, withHistories: Bool = false) -> SnapshotFile? {
        guard isPrivateDirectory(), let file = file(for: ledgerPath, withHistories: withHistories) else { return nil }
        // Not blocking on a FIFO put in its place (the checks below refuse it).
        let fd = Glibc.open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid(), st.st_mode & 0o077 == 0 else {
            close(fd)
            return nil
        }
        // A reader refused is never whole, so it never closes the file itself.
        guard let snapshot = SnapshotFile(fd: fd) else {
            close(fd)
            return nil
        }
        // Not of the kind its name says: it closes the file as it goes.
        return snapshot.hasHistories == withHistories ? snapshot : nil
    }

    /// Writes `snapshot` for the ledger at `ledgerPath` under a temporary name, then renames it
    /// into place, so that a reader sees the old snapshot or the new one, never half of one.
    func save(_ snapshot: Snapshot, for ledgerPath: String) {
        guard makePrivateDirectory(), let file = file(for: ledgerPath, withHistories: snapshot.hasHistories) else { return }
        removeAbandonedTemporaries(of: file)
        write(snapshot.encodedParts(), to: file)
    }

    /// Removes the snapshot of the ledger at `ledgerPath` of that kind, and its check note.
    func remove(for ledgerPath: String, withHistories: Bool) {
        guard isPrivateDirectory(), let file = file(for: ledgerPath, withHistories: withHistories) else { return }
        unlink(file)
        unlink(file + ".checked")
    }

    /// Writes `bytes` to `file` in the private directory under a temporary name, then renames
    /// it into place.
    func write(_ bytes: [UInt8], to file: String) { write([bytes], to: file) }

    /// Writes `parts`, one after another, as `write(_:to:)` writes bytes.
    func write(_ parts: [[UInt8]], to file: String) {
        // The directory is this user's alone: nobody else can have put a file or a link here.
        let temporary = file + ".\(getpid()).tmp"
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let ok = parts.allSatisfy { part in
            part.withUnsafeBytes { b in
                var done = 0
                while done < b.count {
                    let n = Glibc.write(fd, b.baseAddress! + done, b.count - done)
                    if n < 0, errno == EINTR { continue }
                    if n <= 0 { return false }
                    done += n
                }
                return true
            }
        }
        close(fd)
        if !ok || rename(temporary, file) != 0 { unlink(temporary) }
    }

    /// The snapshot file's path: the ledger's real path (symbolic links resolved), hashed.
    func file(for ledgerPath: String, withHistories: Bool = false) -> String? {
        guard let real = realpath(ledgerPath, nil) else { return nil }
        defer { free(real) }
        let name = SHA256.hash(data: Array(String(cString: real).utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        return directory + "/" + name + (withHistories ? ".histories" : "") + ".snapshot"
    }

    /// Temporary files of `file` (and of its note) left by a writer that was killed while
    /// saving (its process is gone): a snapshot's are as large as the snapshot.
    func removeAbandonedTemporaries(of file: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let prefix = String(file.split(separator: "/").last ?? "") + "."
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp"),
                  let pid = name.dropLast(4).split(separator: ".").last.flatMap({ Int32($0) }), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(directory + "/" + name)
        }
    }

    /// Creates the directory and any missing parent, mode 0700; as root, only inside
    /// directories root owns (root keeping another user's HOME must not leave a root-owned
    /// ~/.cache in it). Then `isPrivateDirectory`.
    func makePrivateDirectory() -> Bool {
        var path = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            let parent = path.isEmpty ? "/" : path
            path += "/" + part
            var st = stat()
            if lstat(path, &st) == 0 { continue }
            guard stat(parent, &st) == 0, geteuid() != 0 || st.st_uid == 0, mkdir(path, 0o700) == 0 || errno == EEXIST else { return false }
        }
        return isPrivateDirectory()
    }

    /// True when the directory is a real directory owned by this user that no one else may write to.
    func isPrivateDirectory() -> Bool {
        var st = stat()
        return lstat(directory, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR && st.st_uid == geteuid() && st.st_mode & 0o022 == 0
    }
}
