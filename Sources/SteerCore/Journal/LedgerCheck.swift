import Glibc

/// Whether a ledger still begins with the bytes a snapshot stands for. Hashing the prefix
/// proves it, at the cost of reading the whole file; once a reader has, it leaves a note of the
/// file's status (device, inode, size, modification and change times) beside the snapshot, and
/// a later reader that finds the file with exactly that status takes the note for the proof.
///
/// The change time is the kernel's: any write, truncation or rename of the file sets it to the
/// present, and no user can set it back. A note is left only when the status was the same
/// before and after the hashing and the last change is `settleNanoseconds` in the past, so that
/// a write that came after the status was read cannot carry the same change time (the kernel's
/// clock ticks coarsely, and on a network file system the server's clock sets it).
extension SnapshotStore {
    static let settleNanoseconds: Int64 = 10_000_000_000

    /// True when the open ledger `fd` at `ledgerPath` begins with the bytes `snapshot` stands for.
    func ledger(_ fd: Int32, at ledgerPath: String, matches snapshot: SnapshotFile) -> Bool {
        // The time is read first: the last change must be that far behind the status read.
        let now = clock?()
        guard let before = FileStatus(fd), snapshot.prefix.length <= before.size else { return false }
        let note = file(for: ledgerPath, withHistories: snapshot.hasHistories).map { $0 + ".checked" }
        if let note, let checked = CheckedNote(reading: note), checked.snapshot == snapshot.headDigest, checked.status == before { return true }
        guard snapshot.prefix.matches(fd: fd) else { return false }
        if let note, let now, let after = FileStatus(fd), after == before, now - before.changed >= Self.settleNanoseconds {
            write(CheckedNote(snapshot: snapshot.headDigest, status: before).bytes, to: note)
        }
        return true
    }
}

/// What `stat` says of a file, as far as telling one state of it from another goes.
struct FileStatus: Equatable {
    var device: UInt64, inode: UInt64
    var size: Int
    /// Nanoseconds since 1970: last modification, last change of the inode.
    var modified: Int64, changed: Int64
    /// The file type bits of `st_mode`.
    var type: UInt32 = UInt32(S_IFREG)
}

extension FileStatus {
    /// The same file whatever its name: a file replaced under the name is another one.
    func isSameFile(as other: FileStatus) -> Bool { device == other.device && inode == other.inode }

    init?(_ fd: Int32) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int(st.st_size),
                  modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                  changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec),
                  type: UInt32(st.st_mode) & UInt32(S_IFMT))
    }

    /// What the file is, said for a person, when it is not a regular file.
    var kindIfNotRegular: String? {
        switch type {
        case UInt32(S_IFREG): return nil
        case UInt32(S_IFDIR): return "a directory"
        case UInt32(S_IFIFO): return "a FIFO (named pipe)"
        case UInt32(S_IFCHR), UInt32(S_IFBLK): return "a device"
        case UInt32(S_IFSOCK): return "a socket"
        default: return "not a regular file"
        }
    }
}

/// The note: which snapshot (its head's SHA-256) the ledger with which status was checked against.
struct CheckedNote: Equatable {
    static let magic = Array("steer-checked 1\n".utf8)
    static let byteCount = magic.count + 32 + 5 * 8

    var snapshot: [UInt8]
    var status: FileStatus
}

extension CheckedNote {
    var bytes: [UInt8] {
        var w = SnapshotWriter(reservingCapacity: Self.byteCount)
        w.raw(Self.magic)
        w.raw(snapshot)
        for v in [status.device, status.inode, UInt64(status.size), UInt64(bitPattern: status.modified), UInt64(bitPattern: status.changed)] { w.fixed(v) }
        return w.bytes
    }

    /// The note in the file at `path`; nil when there is none or it is not one.
    init?(reading path: String) {
        // Not blocking on a FIFO put in its place, and only this user's own regular file.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == geteuid(),
              let bytes = readFully(fd, 0..<Self.byteCount), bytes.count == Self.byteCount, bytes.starts(with: Self.magic) else { return nil }
        let decoded: CheckedNote? = bytes.withUnsafeBytes { b in
            var r = SnapshotReader(b)
            do throws(SnapshotReader.Damaged) {
                _ = try r.raw(Self.magic.count)
                let snapshot = Array(try r.raw(32))
                let v = try (0..<5).map { _ throws(SnapshotReader.Damaged) in try r.fixed(UInt64.self) }
                return CheckedNote(snapshot: snapshot, status: FileStatus(device: v[0], inode: v[1], size: Int(truncatingIfNeeded: v[2]),
                                                                         modified: Int64(bitPattern: v[3]), changed: Int64(bitPattern: v[4])))
            } catch {
                return nil
            }
        }
        guard let decoded else { return nil }
        self = decoded
    }
}
