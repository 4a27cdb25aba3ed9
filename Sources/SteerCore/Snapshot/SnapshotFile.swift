import Crypto
import Dispatch
import Glibc
import Synchronization

/// A snapshot file (`Snapshot.encoded`) read a part at a time: the head at once, each block of
/// tasks only when a task in it is wanted, every part checked against its SHA-256 before any of
/// it is believed. A report of the tasks due in a window reads the few runs that hold them and
/// decodes only those tasks; a reader that wants the whole board decodes every run on every core.
public final class SnapshotFile: Sendable {
    /// Tasks per block: a run is checked and decoded as one, on one core.
    static let tasksPerRun = 4096
    /// An entry of the id index: the id's hash (8 bytes), its task's storage position (4 bytes).
    static let idEntryBytes = 12

    public let prefix: PrefixFingerprint
    /// The head's SHA-256: names this snapshot among all the snapshots ever written of a ledger.
    let headDigest: [UInt8]
    let lineCount: Int
    let eventCount: Int
    let lastDay: CivilDate?
    let declarations: BoardDeclarations
    /// The head's shared texts (`SharedText`), which tasks name by number.
    private let shared: SharedText.Table
    let taskCount: Int
    /// Whether the tasks' histories follow the id index, in a block of their own.
    public let hasHistories: Bool
    /// The deadlines of the tasks stored first, the open ones with a deadline, in order.
    private let dueDays: [Int]
    /// Where each block lies in the file: the runs of tasks, the id index, then the histories
    /// when there are.
    private let blocks: [(range: Range<Int>, digest: [UInt8])]
    /// The open snapshot file, closed with this reader, and its size when the head was read.
    private let fd: Int32
    private let size: Int

    deinit { close(fd) }

    /// Reads and checks the head of the open file `fd`; nil when it is of another version,
    /// damaged, or not a snapshot. Takes charge of the file when the head is good (a refusal
    /// comes before every property is set, so no deinit runs: the caller closes it).
    init?(fd: Int32) {
        self.fd = fd
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let size = Int(st.st_size)
        self.size = size
        guard let start = Self.read(fd, 0..<min(size, 128), size: size),
              let (headRange, headDigest) = start.withUnsafeBytes({ Self.headLocation($0, size: size) }),
              let bytes = Self.read(fd, headRange, size: size), SHA256.hash(data: bytes).elementsEqual(headDigest),
              let head = bytes.withUnsafeBytes({ Head($0, blocksFrom: headRange.upperBound, fileSize: size) }) else { return nil }
        self.headDigest = headDigest
        prefix = head.prefix
        lineCount = head.lineCount
        eventCount = head.eventCount
        lastDay = head.lastDay
        declarations = head.declarations
        shared = SharedText.Table(head.shared, agencies: Set(head.declarations.agencies.map(\.id)))
        taskCount = head.taskCount
        hasHistories = head.hasHistories
        dueDays = head.dueDays
        blocks = head.blocks
    }

    /// Where the head lies and its digest, from the file's first bytes.
    private static func headLocation(_ b: UnsafeRawBufferPointer, size: Int) -> (Range<Int>, [UInt8])? {
        var r = SnapshotReader(b)
        do throws(SnapshotReader.Damaged) {
            guard try r.raw(Snapshot.magic.count).elementsEqual(Snapshot.magic), try r.count() == Snapshot.formatVersion else { return nil }
            let length = try r.count()
            let digest = Array(try r.raw(SHA256.byteCount))
            guard length <= size - r.position else { return nil }
            return (r.position..<(r.position + length), digest)
        } catch {
            return nil
        }
    }

    /// What the head says, checked against itself and the file's size.
    private struct Head {
        var prefix: PrefixFingerprint
        var lineCount = 0, eventCount = 0
        var lastDay: CivilDate?
        var declarations: BoardDeclarations
        var shared: [String]
        var taskCount = 0
        var hasHistories = false
        var dueDays: [Int]
        var blocks: [(range: Range<Int>, digest: [UInt8])]

        /// Above any ledger's bytes, lines or events (2^50), and far from overflowing.
        static let limit = 1 << 50

        init?(_ b: UnsafeRawBufferPointer, blocksFrom start: Int, fileSize size: Int) {
            var r = SnapshotReader(b)
            do throws(SnapshotReader.Damaged) {
                // Every number is bounded before any arithmetic is done with it: a file written
                // on purpose must be refused, not crash every reader that finds it.
                var prefixLength = 0
                prefix = PrefixFingerprint(segments: try r.array { r throws(SnapshotReader.Damaged) in
                    let length = try r.count()
                    prefixLength += min(length, Self.limit)
                    guard length <= Self.limit, prefixLength <= Self.limit else { throw .init() }
                    return PrefixFingerprint.Segment(length: length, digest: Array(try r.raw(SHA256.byteCount)))
                })
                lineCount = try r.count()
                eventCount = try r.count()
                guard lineCount <= Self.limit, eventCount <= Self.limit else { return nil }
                lastDay = try r.optional { r throws(SnapshotReader.Damaged) in try CivilDate(decoding: &r) }
                declarations = try BoardDeclarations(decoding: &r)
                shared = try r.array { r throws(SnapshotReader.Damaged) in try r.string() }
                taskCount = try r.count()
                // The id index holds an entry of `idEntryBytes` for every task.
                guard taskCount <= size / SnapshotFile.idEntryBytes else { return nil }
                hasHistories = try r.bool()
                dueDays = try r.array { r throws(SnapshotReader.Damaged) in try CivilDate(decoding: &r).daysSinceEpoch }
                var offset = start
                blocks = try r.array { r throws(SnapshotReader.Damaged) in
                    let length = try r.count()
                    guard length <= size - offset else { throw .init() }
                    defer { offset += length }
                    return (offset..<(offset + length), Array(try r.raw(SHA256.byteCount)))
                }
                // Every run, the id index, the histories if kept, and nothing after them.
                let runs = SnapshotFile.runs(taskCount)
                guard r.isAtEnd, offset == size, dueDays.count <= taskCount, zip(dueDays, dueDays.dropFirst()).allSatisfy({ $0 <= $1 }),
                      blocks.count == runs + 1 + (hasHistories ? 1 : 0), blocks[runs].range.count == SnapshotFile.idEntryBytes * taskCount else { return nil }
            } catch {
                return nil
            }
        }
    }

    /// The whole snapshot, every task decoded, with the tasks' histories when it keeps them (its
    /// kind, which `SnapshotStore.open` has checked against the file's name); nil when any part
    /// of it is damaged (the id index too, which it does not need: a reader of the whole file
    /// refuses a file damaged anywhere, so that it is written again).
    public func whole() -> Snapshot? { whole(pieces: nil) }

    /// `whole()`, its runs decoded in `pieces` pieces (by default, four per core).
    func whole(pieces: Int?) -> Snapshot? {
        guard let tasks = tasks(at: [0..<taskCount], whole: true, pieces: pieces), block(indexBlock) != nil else { return nil }
        var histories: Histories?
        if hasHistories {
            histories = block(indexBlock + 1)?.withUnsafeBytes { b in
                var r = SnapshotReader(b)
                return try? Histories(decoding: &r, tasks: taskCount, prefix: prefix.length, events: eventCount)
            }
            guard histories != nil else { return nil }
        }
        guard let board = declarations.board(tasks: tasks, histories: histories) else { return nil }
        return Snapshot(prefix: prefix, board: board, lineCount: lineCount, eventCount: eventCount, lastDay: lastDay)
    }

    /// The id index's block, after the runs of tasks.
    private var indexBlock: Int { Self.runs(taskCount) }

    /// The board of the declarations and only these tasks: the open ones due within `window`,
    /// and the ones with these `ids`; nil when a part read is damaged. Tasks not there are not
    /// wanted by the caller, which must ask for every id the lines after the snapshot name.
    /// The tasks come without their notes (a blocking note, a stage's reference), which no report
    /// of deadlines shows (`Assignment(decoding:shared:notes:)`).
    public func board(dueWithin window: DueWindow, ids: Set<String>) -> Board? {
        let from = window.from.map { first in dueDays.partitionPoint { $0 >= first.daysSinceEpoch } } ?? 0
        let through = dueDays.partitionPoint { $0 > window.through.daysSinceEpoch }
        // Empty when the window ends before it starts.
        let due = from..<max(from, through)
        var ranges = due.isEmpty ? [] : [due]
        if !ids.isEmpty {
            guard let named = positions(of: ids) else { return nil }
            ranges += Set(named).subtracting(due).map { $0..<($0 + 1) }
        }
        guard var tasks = tasks(at: ranges, whole: false) else { return nil }
        // An id's hash can be another's: such a task is neither named nor in the window.
        if !ids.isEmpty { tasks.removeAll { t in !ids.contains(t.id) && !withUnsafePointer(to: t) { window.holds($0) } } }
        return declarations.board(tasks: tasks)
    }

    /// The storage positions of tasks whose ids hash like one of `ids` (a few may be others').
    private func positions(of ids: Set<String>) -> [Int]? {
        guard let index = block(indexBlock) else { return nil }
        return index.withUnsafeBytes { b in
            func hash(at i: Int) -> UInt64 { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: i * Self.idEntryBytes, as: UInt64.self)) }
            func position(at i: Int) -> Int { Int(UInt32(littleEndian: b.loadUnaligned(fromByteOffset: i * Self.idEntryBytes + 8, as: UInt32.self))) }
            var found: [Int] = []
            for id in ids {
                let h = Self.idHash(id)
                var i = (0..<taskCount).partitionPoint { hash(at: $0) >= h }
                while i < taskCount, hash(at: i) == h {
                    guard position(at: i) < taskCount else { return nil }
                    found.append(position(at: i))
                    i += 1
                }
            }
            return found
        }
    }

    /// The tasks stored at `ranges`, in assignment order; nil when a run is damaged, or when
    /// two of them claim one place in that order (or, for the `whole` board, they do not fill
    /// 0..<taskCount). Each run is checked and its wanted records found, then every task is
    /// decoded on every core straight into its place: no task is copied after it is made.
    /// A part of the board (not `whole`) is for a short report of deadlines, whose peak memory
    /// counts: its runs are read again to be decoded rather than all kept between the two
    /// steps, and its tasks come without the notes such a report never shows.
    private func tasks(at ranges: [Range<Int>], whole: Bool, pieces: Int? = nil) -> [Assignment]? {
        var byRun: [Int: [Range<Int>]] = [:]
        for range in ranges where !range.isEmpty {
            for run in (range.lowerBound / Self.tasksPerRun)...((range.upperBound - 1) / Self.tasksPerRun) {
                let runStart = run * Self.tasksPerRun
                byRun[run, default: []].append(max(range.lowerBound, runStart)..<min(range.upperBound, runStart + Self.tasksPerRun))
            }
        }
        let runs = byRun.keys.sorted()
        let wanted = runs.map { byRun[$0]! }
        var found: [LocatedRun] = []
        for run in concurrentMap(runs.count, { locate(run: runs[$0], wanted[$0], keepingBytes: whole) }) {
            guard let run else { return nil }
            found.append(run)
        }
        // Every wanted record, by its place in assignment order: the rank is where it goes.
        var order: [(ordinal: Int, run: Int, record: Int)] = []
        order.reserveCapacity(found.reduce(0) { $0 + $1.ordinals.count })
        for (r, run) in found.enumerated() {
            for (k, ordinal) in run.ordinals.enumerated() { order.append((ordinal, r, k)) }
        }
        order.sort { $0.ordinal < $1.ordinal }
        for i in order.indices.dropFirst() where order[i].ordinal == order[i - 1].ordinal { return nil }
        // Distinct places below taskCount, as many as there are tasks: every place is filled.
        if whole, order.count != taskCount { return nil }
        var slots = found.map { [Int](repeating: 0, count: $0.ordinals.count) }
        for (rank, o) in order.enumerated() { slots[o.run][o.record] = rank }

        let placeholder = Assignment(id: "", assignedAt: Timestamp(instant: 0, offsetMinutes: 0, hasSeconds: false))
        var tasks = [Assignment](repeating: placeholder, count: order.count)
        let damaged = Atomic(false)
        // The runs' bytes kept, each let go of once its tasks are decoded: held until all
        // were, they and the tasks made from them were in memory together (at a million tasks,
        // 200 MB of runs more at the peak).
        var kept = found.map(\.bytes)
        found.indices.forEach { found[$0].bytes = nil }
        let (runsFound, places) = (found, slots)
        kept.withUnsafeMutableBufferPointer { keptBuffer in
            tasks.withUnsafeMutableBufferPointer { buffer in
                // Each rank belongs to one record, so no two threads write the same place; each
                // run's bytes are taken by its own iteration only.
                nonisolated(unsafe) let (tasks, kept) = (buffer, keptBuffer)
                // A piece of the runs to each iteration, decoded with one interner and one table
                // of terms: the texts and terms that runs repeat are shared across the piece,
                // where each run made its own.
                let pieces = RowPieces.ranges(runsFound.count, pieces: max(1, min(runsFound.count, pieces ?? RowPieces.onEveryCore)))
                DispatchQueue.concurrentPerform(iterations: pieces.count) { p in
                    var values = ValueInterner()
                    var terms = TermsTable()
                    var lists = SharedText.Lists()
                    for r in pieces[p] {
                        let taken = kept[r].take()
                        guard let bytes = taken ?? block(runsFound[r].run),
                              runsFound[r].decode(bytes, into: tasks, at: places[r], shared: shared, notes: whole, values: &values, terms: &terms,
                                                  lists: &lists) else {
                            damaged.store(true, ordering: .relaxed)
                            return
                        }
                    }
                }
            }
        }
        return damaged.load(ordering: .relaxed) ? nil : tasks
    }

    /// A run checked against its digest, and where in it the wanted records are.
    private struct LocatedRun: Sendable {
        let run: Int
        /// The run's bytes, when kept for decoding (else read again, and checked again).
        var bytes: [UInt8]?
        /// Each wanted record's bytes (after its length) within the run, and its place in
        /// assignment order.
        var records: [Range<Int>] = []
        var ordinals: [Int] = []

        /// Decodes record `k` of the run's `bytes` into `places[slots[k]]`, for every k; false
        /// at the first damage.
        func decode(_ bytes: [UInt8], into places: UnsafeMutableBufferPointer<Assignment>, at slots: [Int], shared: SharedText.Table, notes: Bool,
                    values: inout ValueInterner, terms: inout TermsTable, lists: inout SharedText.Lists) -> Bool {
            bytes.withUnsafeBytes { b in
                for k in records.indices {
                    var r = SnapshotReader(UnsafeRawBufferPointer(rebasing: b[records[k]]))
                    do throws(SnapshotReader.Damaged) {
                        _ = try r.count()
                        places[slots[k]] = try Assignment(decoding: &r, shared: shared, notes: notes, values: &values, terms: &terms, lists: &lists)
                        guard r.isAtEnd else { return false }
                    } catch {
                        return false
                    }
                }
                return true
            }
        }
    }

    /// Run `run`, checked, with its records at storage positions within `wanted` found; the
    /// others are stepped over by their lengths.
    private func locate(run: Int, _ wanted: [Range<Int>], keepingBytes keep: Bool) -> LocatedRun? {
        guard let bytes = block(run) else { return nil }
        let first = run * Self.tasksPerRun
        let count = min(Self.tasksPerRun, taskCount - first)
        var want = [Bool](repeating: false, count: count)
        for range in wanted { for p in range { want[p - first] = true } }
        let last = wanted.map(\.upperBound).max()!
        var located = LocatedRun(run: run, bytes: keep ? bytes : nil)
        let ok = bytes.withUnsafeBytes { b in
            var r = SnapshotReader(b)
            do throws(SnapshotReader.Damaged) {
                for position in first..<last {
                    let start = r.position + 4
                    var record = try r.measured()
                    guard want[position - first] else { continue }
                    let ordinal = try record.count()
                    guard ordinal < taskCount else { return false }
                    located.records.append(start..<r.position)
                    located.ordinals.append(ordinal)
                }
                // A run read to its end must end there.
                return last < first + count || r.isAtEnd
            } catch {
                return false
            }
        }
        return ok ? located : nil
    }

    /// Block `i`'s bytes, once they match their digest.
    private func block(_ i: Int) -> [UInt8]? {
        guard let bytes = Self.read(fd, blocks[i].range, size: size),
              SHA256.hash(data: bytes).elementsEqual(blocks[i].digest) else { return nil }
        return bytes
    }

    static func runs(_ tasks: Int) -> Int { (tasks + tasksPerRun - 1) / tasksPerRun }

    /// A hash of an id that every process computes alike (FNV-1a, 64 bits): the index is
    /// written by one process and searched by another.
    static func idHash(_ id: String) -> UInt64 {
        id.withUTF8Bytes { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return h
        }
    }

    /// The bytes in `range`, all of them, or nil.
    private static func read(_ fd: Int32, _ range: Range<Int>, size: Int) -> [UInt8]? {
        range.upperBound <= size ? readFully(fd, range) : nil
    }
}

/// The deadlines a report of open tasks looks at: from a day (or from any time) through a day.
public struct DueWindow: Hashable, Sendable {
    public var from: CivilDate?
    public var through: CivilDate

    public init(from: CivilDate?, through: CivilDate) {
        self.from = from
        self.through = through
    }

    public func contains(_ day: CivilDate) -> Bool { day <= through && from.map { day >= $0 } ?? true }

    /// Whether the task at `t` is one a report of this window can show: open, and due in it.
    /// Read where it lies: a copy of the task retained all of its text.
    func holds(_ t: UnsafePointer<Assignment>) -> Bool { t.pointee.state.isOpen && t.pointee.due.map(contains) ?? false }
}

extension RandomAccessCollection {
    /// The first index whose element satisfies `isAbove`, which must be false up to some
    /// point and true from there on (a binary search).
    func partitionPoint(_ isAbove: (Element) -> Bool) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if isAbove(self[middle]) { count = half } else { low = index(after: middle); count -= half + 1 }
        }
        return low
    }
}
