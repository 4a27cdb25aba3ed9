
import Glibc

/// Why a write to the journal did not happen. Nothing is appended in any of these cases.
public enum JournalError: Error, Sendable, CustomStringConvertible {
    /// The state machine refused the event against the freshest state.
    case rejected(Rejection)
    /// The ledger has errors or a torn last line; writing after them would bury them.
    case ledgerNotClean([Diagnostic])
    /// An operating-system call failed.
    case io(operation: String, path: String, errno: Int32)
    /// The file's permissions make it unsafe to write: anyone could have rewritten it.
    case unsafePermissions(path: String, mode: UInt32)
    /// The file is not the one read any more (replaced, or rewritten): what was found in it
    /// cannot be read back from it until it is read again.
    case changedSinceRead(path: String)
    /// Another process held the ledger's lock for `seconds`: a writer stuck, or anyone able to
    /// read the file holding it (a lock needs no more than that).
    case lockHeld(path: String, seconds: Int)
    /// The ledger's directory is writable by every user and not sticky: anyone could replace it.
    case unsafeDirectory(path: String, mode: UInt32)
    /// The ledger read before is gone from its path (removed, or renamed away).
    case gone(path: String)
    /// The ledger read before, with lines in it, is empty now.
    case emptied(path: String)
    /// The wait for the lock was ended (`FileJournal.stopsWaiting`): the process is quitting.
    case stopped(path: String)
    /// The path names something that is not a ledger file.
    case notARegularFile(path: String, what: String)

    /// Whether `description` names the file itself.
    public var namesTheFile: Bool {
        switch self {
        case .rejected, .ledgerNotClean: return false
        case .io, .unsafePermissions, .changedSinceRead, .lockHeld, .stopped, .gone, .emptied, .unsafeDirectory, .notARegularFile: return true
        }
    }

    public var description: String {
        switch self {
        case .rejected(let r): return r.message + (r.hint.map { "\nhint: " + $0 } ?? "")
        case .ledgerNotClean(let d):
            return "the ledger has \(d.count) problem\(d.count == 1 ? "" : "s"); nothing is written until they are fixed\n"
                + d.prefix(3).map { $0.rendered() }.joined()
                + "hint: run `steer check` to see them all" + (d.contains { $0.message.contains("interrupted write") } ? ", and `steer repair` to set a torn last line aside" : "")
        case .io(let op, let path, let e):
            let hint: String
            switch e {
            case ENOSPC: hint = "\nhint: the disk is full; free space and try again"
            case EACCES where op == "open", EPERM where op == "open":
                hint = "\nhint: you may not read it; its owner can let the group read: chmod g+r \(ShellWord.quoted(path))"
            case EACCES, EPERM:
                hint = access(path, F_OK) == 0 ? "\nhint: you may not write to it; its owner can let the group write: chmod g+w \(ShellWord.quoted(path))"
                                                : "\nhint: you may not make files in its directory; its owner can let the group write there"
            case EROFS: hint = "\nhint: the file system is mounted read-only"
            default: hint = ""
            }
            return "\(path): \(op) failed: \(String(cString: strerror(e)))" + hint
        case .unsafePermissions(let path, let mode):
            return "\(path) is writable by every user (mode \(String(mode & 0o777, radix: 8))); steer will not write to it\nhint: chmod o-w \(ShellWord.quoted(path))"
        case .changedSinceRead(let path):
            return "\(path) changed since it was read, other than by appending; it is read again shortly"
        case .notARegularFile(let path, let what):
            return "\(path) is \(what), not a ledger file; nothing was read or written\nhint: give the path of the ledger itself (--ledger FILE)"
        case .unsafeDirectory(let path, let mode):
            return "\(path), the ledger's directory, is writable by every user (mode \(String(mode & 0o7777, radix: 8))): anyone could replace the ledger; steer will not write to it\nhint: chmod o-w \(ShellWord.quoted(path)), or make it sticky: chmod +t \(ShellWord.quoted(path))"
        case .gone(let path):
            return "\(path) is gone (removed, or renamed away) since it was read; nothing is written until it is back\nhint: put the ledger back at that path; the screen shows it as last read"
        case .emptied(let path):
            return "\(path) is empty now, and held lines when it was read; nothing is written to it\nhint: restore the ledger from a copy (it was emptied, or another file was saved over it)"
        case .stopped(let path):
            return "\(path): nothing was written: steer is ending, and the ledger's lock was still held by another process"
        case .lockHeld(let path, let seconds):
            return "\(path): another process has held the ledger's lock for \(seconds) s; nothing was written\nhint: `fuser -v \(ShellWord.quoted(path))` shows who holds it (a stuck steer, a backup script); try again once it is let go"
        }
    }
}

/// The narrow protocol every store of events offers: catch up from where this reader stopped,
/// and append one event validated against the state at the true end. A file is the first
/// implementation; a database table with notifications can be another.
public protocol Journal: AnyObject {
    /// The ledger as last read.
    var ledger: Ledger { get }
    /// Reads whatever was appended since the last read. Returns true when anything new arrived.
    @discardableResult func refresh() throws(JournalError) -> Bool
    /// Appends the events `build` makes from the freshest board, all or none, in one write.
    @discardableResult func append(all build: (Board) throws(Rejection) -> [Event]) throws(JournalError) -> [Event]
}

extension Journal {
    /// Appends the one event `build` makes from the freshest board, or throws and appends nothing.
    @discardableResult
    public func append(_ build: (Board) throws(Rejection) -> Event) throws(JournalError) -> Event {
        try append(all: { (b: Board) throws(Rejection) -> [Event] in [try build(b)] })[0]
    }
}

/// The system calls a file journal writes with; tests swap them to make a disk fill up or fail.
public struct JournalSyscalls: Sendable {
    public var write: @Sendable (Int32, UnsafeRawPointer, Int) -> Int
    public var fsync: @Sendable (Int32) -> Int32

    public init(write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int, fsync: @escaping @Sendable (Int32) -> Int32) {
        self.write = write
        self.fsync = fsync
    }

    public static let system = JournalSyscalls(write: { Glibc.write($0, $1, $2) }, fsync: { Glibc.fsync($0) })
}
