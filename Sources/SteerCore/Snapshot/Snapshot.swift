import Crypto

/// The board after a clean prefix of a ledger, kept so that the next reader loads it and
/// replays only the lines appended since, instead of the whole file. Derived data: it is
/// used only while the ledger still starts with the bytes it was made from (its
/// `PrefixFingerprint`), and written again from a replay whenever it is missing or stale.
public struct Snapshot: Sendable {
    /// Bump whenever a field of the board, or what any event does to it, changes: a snapshot
    /// of another version is not read, the ledger is replayed and a new snapshot written.
    static let formatVersion = 16
    static let magic = Array("steer-snapshot\n".utf8)

    /// The ledger bytes the board stands for.
    public let prefix: PrefixFingerprint
    let board: Board
    let lineCount: Int
    let eventCount: Int
    /// `Ledger.lastDay` of the ledger it was made from.
    let lastDay: CivilDate?
    /// Whether it keeps each task's history, as where its events' lines start in the file
    /// (`EventRetention.historiesOnFile`): what the screen needs to start from it.
    public let hasHistories: Bool

    /// The snapshot of `ledger`, which must have read exactly the bytes `prefix` fingerprints;
    /// nil unless every line read said nothing (a snapshot stands only for lines that gave no
    /// diagnostic: it keeps none to give again). It keeps the tasks' histories when the ledger
    /// kept them on the file; the numbers of events kept in memory would mean nothing to a
    /// later reader.
    public init?(of ledger: Ledger, prefix: PrefixFingerprint) {
        guard ledger.allDiagnostics.isEmpty, ledger.tornTail == nil, ledger.sawHeader, ledger.consumed == prefix.length else { return nil }
        self.prefix = prefix
        board = ledger.latest
        lineCount = ledger.lineCount
        eventCount = ledger.eventCount
        lastDay = ledger.lastDay
        hasHistories = ledger.retention == .historiesOnFile
    }

    init(prefix: PrefixFingerprint, board: Board, lineCount: Int, eventCount: Int, lastDay: CivilDate?) {
        self.prefix = prefix
        self.board = board
        self.lineCount = lineCount
        self.eventCount = eventCount
        self.lastDay = lastDay
        hasHistories = board.tasks.keepsHistories
    }

    /// The file's bytes (`SnapshotFile` reads them): magic, version, the head's length and
    /// SHA-256, the head, then the tasks in runs, the index of their ids and, when it keeps
    /// them, the tasks' histories, each block with its own SHA-256 in the head. A disk that
    /// flips a bit gives a part that is refused, never a wrong board; a reader checks only the
    /// parts it reads.
    public func encoded() -> [UInt8] { Array(encodedParts().joined()) }

    /// `encoded()` in parts, to be written one after another: joined, a snapshot of a million
    /// tasks was held twice over (some 230 MB each).
    ///
    /// Tasks are stored open-and-due first, by deadline, then the rest in assignment order,
    /// each with its place in assignment order: the tasks a report of deadlines can show lie
    /// together, in the few runs such a report reads. The runs and the histories are encoded
    /// and hashed on every core: on one, writing a snapshot of a million tasks took seconds.
    func encodedParts() -> [[UInt8]] {
        let tasks = board.tasks.inOrder
        let due = tasks.indices.filter { tasks[$0].isOpenWithDeadline }
            .sorted { (tasks[$0].due!, $0) < (tasks[$1].due!, $1) }
        var isDue = [Bool](repeating: false, count: tasks.count)
        for i in due { isDue[i] = true }
        let stored = due + tasks.indices.filter { !isDue[$0] }

        // By index: iterating would copy (retain and release) every task's text.
        let shared = tasks.indices.reduce(into: SharedText.Writer()) { w, i in tasks[i].share(into: &w) }
        let runs = SnapshotFile.runs(stored.count)
        var blocks = concurrentMap(runs + (hasHistories ? 1 : 0)) { b -> (bytes: [UInt8], digest: SHA256Digest) in
            var bytes: [UInt8]
            if b < runs {
                var run = SnapshotWriter(reservingCapacity: 300 * SnapshotFile.tasksPerRun)
                for i in stored[(b * SnapshotFile.tasksPerRun)..<min((b + 1) * SnapshotFile.tasksPerRun, stored.count)] {
                    run.measured { w in
                        w.count(i)
                        tasks[i].encode(into: &w, shared: shared)
                    }
                }
                bytes = run.bytes
            } else {
                bytes = encodedHistories()
            }
            return (bytes, SHA256.hash(data: bytes))
        }
        var ids = SnapshotWriter(reservingCapacity: SnapshotFile.idEntryBytes * stored.count)
        for (hash, position) in stored.enumerated().map({ (SnapshotFile.idHash(tasks[$1].id), UInt32($0)) }).sorted(by: <) {
            ids.fixed(hash)
            ids.fixed(position)
        }
        blocks.insert((ids.bytes, SHA256.hash(data: ids.bytes)), at: runs)

        var head = SnapshotWriter(reservingCapacity: 8 * due.count + 64 * blocks.count + 4096)
        head.array(prefix.segments) { w, segment in
            w.count(segment.length)
            w.raw(segment.digest)
        }
        head.count(lineCount)
        head.count(eventCount)
        head.optional(lastDay) { w, d in d.encode(into: &w) }
        board.encodeDeclarations(into: &head)
        head.array(shared.texts) { w, s in w.string(s) }
        head.count(tasks.count)
        head.bool(hasHistories)
        head.array(due) { w, i in tasks[i].due!.encode(into: &w) }
        head.array(blocks) { w, block in
            w.count(block.bytes.count)
            w.raw(block.digest)
        }

        var start = SnapshotWriter(reservingCapacity: head.bytes.count + 128)
        start.raw(Self.magic)
        start.count(Self.formatVersion)
        start.count(head.bytes.count)
        start.raw(SHA256.hash(data: head.bytes))
        start.raw(head.bytes)
        return [start.bytes] + blocks.map(\.bytes)
    }

    /// Each task's history, in assignment order: how many events it has, then where the line
    /// of each starts in the file, as the distance from the one before (the first from 0).
    private func encodedHistories() -> [UInt8] {
        var w = SnapshotWriter(reservingCapacity: 4 * eventCount + board.tasks.count)
        for p in 0..<board.tasks.count {
            let marks = board.tasks.history(at: p)
            w.count(marks.count)
            var before = 0
            for mark in marks {
                w.count(mark - before)
                before = mark
            }
        }
        return w.bytes
    }
}

extension Histories {
    /// What `Snapshot.encodedHistories` wrote for `tasks` tasks, checked: each task has at least
    /// its assignment, whose line comes after the assignment of the task before; its events lie
    /// in file order within the `prefix` bytes the snapshot stands for; and they are at most
    /// `events`, the ledger's count, in all.
    init(decoding r: inout SnapshotReader, tasks: Int, prefix: Int, events: Int) throws(SnapshotReader.Damaged) {
        typealias Damaged = SnapshotReader.Damaged
        // A task's count and each place take a byte at least: room is not taken on the head's word.
        guard tasks <= r.remaining else { throw Damaged() }
        // Chained as they are read, with no list of marks and counts made first (88 MB at a
        // million tasks, where the histories then took 61).
        var histories = Histories()
        histories.reserveTasks(tasks)
        histories.reserveEvents(min(events, r.remaining))
        var assigned = -1
        for p in 0..<tasks {
            let count = try r.count()
            guard count >= 1, count <= events - histories.eventCount else { throw Damaged() }
            var mark = 0
            for k in 0..<count {
                let step = try r.count()
                // After the first, each line starts past the one before; all within the prefix,
                // and within what the histories can hold (a terabyte).
                guard k == 0 || step > 0, step < prefix - mark, mark + step < Histories.markLimit else { throw Damaged() }
                mark += step
                if k == 0 {
                    guard mark > assigned else { throw Damaged() }
                    assigned = mark
                    histories.startTask(with: mark)
                } else {
                    histories.append(mark, toTask: p)
                }
            }
        }
        guard r.isAtEnd else { throw Damaged() }
        self = histories
    }
}

extension Assignment {
    /// What a report of deadlines looks at: open, with a deadline in force.
    var isOpenWithDeadline: Bool { state.isOpen && due != nil }
}

// MARK: the board's layout

extension Board {
    /// Everything but the tasks: the snapshot's head.
    func encodeDeclarations(into w: inout SnapshotWriter) {
        w.int(config.offsetMinutes)
        w.bool(config.authorityRequired)
        w.array(agencyOrder.compactMap { agencies[$0] }) { w, a in a.encode(into: &w) }
        // Sorted, so that the same board always gives the same bytes.
        w.array(members.values.sorted { $0.login < $1.login }) { w, m in m.encode(into: &w) }
        w.optional(lastTime) { w, t in t.encode(into: &w) }
    }
}

/// What `Board.encodeDeclarations` wrote, checked.
struct BoardDeclarations: Sendable {
    var config = LedgerConfig()
    var agencies: [Agency]
    var members: [Member]
    var lastTime: Timestamp?

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        config.offsetMinutes = try r.int()
        guard abs(config.offsetMinutes) <= 24 * 60 else { throw SnapshotReader.Damaged() }
        config.authorityRequired = try r.bool()
        agencies = try r.array { r throws(SnapshotReader.Damaged) in try Agency(decoding: &r) }
        members = try r.array { r throws(SnapshotReader.Damaged) in try Member(decoding: &r) }
        lastTime = try r.optional { r throws(SnapshotReader.Damaged) in try Timestamp(decoding: &r) }
        // Ids are unique in a board; a snapshot that repeats one is not one this code wrote.
        guard Set(agencies.map(\.id)).count == agencies.count, Set(members.map(\.login)).count == members.count else { throw SnapshotReader.Damaged() }
    }

    /// The board of these declarations and `tasks`, given in assignment order; nil when a
    /// task id is repeated.
    func board(tasks: [Assignment], histories: Histories? = nil) -> Board? {
        Board(config: config, agencies: agencies, members: members, tasks: tasks, histories: histories, lastTime: lastTime)
    }
}

extension Timestamp {
    func encode(into w: inout SnapshotWriter) {
        w.int(instant)
        w.int(offsetMinutes)
        w.bool(hasSeconds)
    }

    /// Within ±100,000 years and ±24 hours of offset, so that no arithmetic on it can overflow.
    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        let instant = try r.int(), offset = try r.int()
        guard abs(instant) < 1 << 42, abs(offset) <= 24 * 60 else { throw SnapshotReader.Damaged() }
        self.init(instant: instant, offsetMinutes: offset, hasSeconds: try r.bool())
    }
}

extension CivilDate {
    func encode(into w: inout SnapshotWriter) { w.int(daysSinceEpoch) }

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        let days = try r.int()
        guard abs(days) < 1 << 26 else { throw SnapshotReader.Damaged() }
        self.init(daysSinceEpoch: days)
    }
}

extension Agency {
    func encode(into w: inout SnapshotWriter) {
        w.string(id)
        w.string(kind)
        w.string(name)
        w.optional(en) { $0.string($1) }
        w.optional(gso) { $0.string($1) }
        w.optional(mergedInto) { $0.string($1) }
        declaredAt.encode(into: &w)
    }

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        self.init(id: try r.string(), kind: try r.string(), name: try r.string(),
                  en: try r.optional { r throws(SnapshotReader.Damaged) in try r.string() },
                  gso: try r.optional { r throws(SnapshotReader.Damaged) in try r.string() },
                  mergedInto: try r.optional { r throws(SnapshotReader.Damaged) in try r.string() },
                  declaredAt: try Timestamp(decoding: &r))
    }
}

extension Member {
    func encode(into w: inout SnapshotWriter) {
        w.string(login)
        w.choice(role)
        w.optional(agency) { $0.string($1) }
        w.optional(name) { $0.string($1) }
    }

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        self.init(login: try r.string(), role: try r.choice(Role.self),
                  agency: try r.optional { r throws(SnapshotReader.Damaged) in try r.string() },
                  name: try r.optional { r throws(SnapshotReader.Damaged) in try r.string() })
    }
}

/// Text many tasks repeat (units in charge, products, sources, agency ids, who extended),
/// kept once in the snapshot's head and named by number in each task: a reader decodes and
/// checks each once, and the tasks it decodes share one String of each.
enum SharedText {
    struct Writer {
        private(set) var texts: [String] = []
        private var numbers: [String: Int] = [:]

        mutating func add(_ s: String?) {
            guard let s, numbers[s] == nil else { return }
            numbers[s] = texts.count
            texts.append(s)
        }

        /// 0 for none, else the text's place plus one.
        func number(_ s: String?) -> Int { s.map { numbers[$0]! + 1 } ?? 0 }
    }

    /// The texts a snapshot's head lists, as its tasks read them.
    struct Table: Sendable {
        let texts: [String]
        /// Each text that is an agency's id as a list of one: most tasks have one lead agency,
        /// and tasks naming the same one share its list instead of each holding a copy.
        let alone: [[String]?]

        init(_ texts: [String], agencies: Set<String>) {
            self.texts = texts
            alone = texts.map { agencies.contains($0) ? [$0] : nil }
        }

        /// The place of the text numbered next, nil for none (0).
        func place(_ r: inout SnapshotReader) throws(SnapshotReader.Damaged) -> Int? {
            let n = try r.count()
            guard n <= texts.count else { throw SnapshotReader.Damaged() }
            return n == 0 ? nil : n - 1
        }

        func read(_ r: inout SnapshotReader) throws(SnapshotReader.Damaged) -> String? {
            try place(&r).map { texts[$0] }
        }

        func readSome(_ r: inout SnapshotReader) throws(SnapshotReader.Damaged) -> String {
            guard let i = try place(&r) else { throw SnapshotReader.Damaged() }
            return texts[i]
        }

        /// A list of texts (a task's lead or supporting agencies): a list of one is the text's
        /// own (`alone`), one of two or three is shared through `lists` with the tasks before
        /// that named the same texts in the same order.
        func readList(_ r: inout SnapshotReader, sharing lists: inout Lists) throws(SnapshotReader.Damaged) -> [String] {
            let n = try r.elementCount()
            if n == 1 {
                guard let i = try place(&r) else { throw SnapshotReader.Damaged() }
                return alone[i] ?? [texts[i]]
            }
            guard n == 2 || n == 3 else {
                var list: [String] = []
                list.reserveCapacity(n)
                for _ in 0..<n { list.append(try readSome(&r)) }
                return list
            }
            guard let a = try place(&r), let b = try place(&r) else { throw SnapshotReader.Damaged() }
            var c: Int?
            if n == 3 {
                guard let third = try place(&r) else { throw SnapshotReader.Damaged() }
                c = third
            }
            return lists.list((a, b, c)) { [texts[a], texts[b]] + (c.map { [texts[$0]] } ?? []) }
        }
    }

    /// The lists of two or three texts that the tasks of one decoding share, each made once:
    /// replay shares them so (`Board.agencyLists`), and a list of its own for each task took
    /// 12.9 MB at 1M tasks (heaptrack, the screen's start). Found by the texts' places.
    struct Lists {
        private var made: [UInt64: [String]] = [:]

        /// The list of the texts at `places`, made by `make` the first time.
        mutating func list(_ places: (Int, Int, Int?), _ make: () -> [String]) -> [String] {
            // Three places of up to 21 bits each, one more than each (0 for the third's absence).
            let limit = 1 << 21 - 1
            guard places.0 < limit, places.1 < limit, (places.2 ?? 0) < limit else { return make() }
            let key = UInt64(places.0 + 1) | UInt64(places.1 + 1) << 21 | UInt64(places.2.map { $0 + 1 } ?? 0) << 42
            if let list = made[key] { return list }
            let list = make()
            made[key] = list
            return list
        }
    }
}

extension Assignment {
    func share(into shared: inout SharedText.Writer) {
        for s in [owner, product, source, authority] { shared.add(s) }
        for s in leads { shared.add(s) }
        for s in support { shared.add(s) }
    }

    func encode(into w: inout SnapshotWriter, shared: SharedText.Writer) {
        w.string(id)
        w.choice(kind)
        w.optional(title) { $0.string($1) }
        w.array(leads) { $0.count(shared.number($1)) }
        w.array(support) { $0.count(shared.number($1)) }
        w.count(shared.number(owner))
        w.count(shared.number(product))
        w.count(shared.number(source))
        w.count(shared.number(authority))
        w.optional(due) { w, d in d.encode(into: &w) }
        w.choice(state)
        w.optional(progress) { $0.int($1) }
        w.optional(stage) { $0.choice($1) }
        w.optional(stageRef) { $0.string($1) }
        w.optional(blockedNote) { $0.string($1) }
        assignedAt.encode(into: &w)
        w.optional(closedAt) { w, t in t.encode(into: &w) }
    }

    /// `notes: false` leaves out the text no report of deadlines shows or filters on (the
    /// blocked note and the stage's reference):
    /// such a report of a large board holds thousands of tasks at once.
    init(decoding r: inout SnapshotReader, shared: SharedText.Table, notes: Bool = true, values: inout ValueInterner, terms: inout TermsTable,
         lists: inout SharedText.Lists) throws(SnapshotReader.Damaged) {
        typealias Damaged = SnapshotReader.Damaged
        func text(_ r: inout SnapshotReader) throws(Damaged) -> String { try r.string(sharing: &values) }
        func note(_ r: inout SnapshotReader) throws(Damaged) -> String? {
            guard notes else {
                if try r.bool() { try r.skipString() }
                return nil
            }
            return try r.optional(text)
        }
        func date(_ r: inout SnapshotReader) throws(Damaged) -> CivilDate { try CivilDate(decoding: &r) }
        func time(_ r: inout SnapshotReader) throws(Damaged) -> Timestamp { try Timestamp(decoding: &r) }
        let id = try r.string()
        let kind = try r.choice(TaskKind.self)
        let title = try r.optional(text)
        let leads = try shared.readList(&r, sharing: &lists)
        let support = try shared.readList(&r, sharing: &lists)
        let owner = try shared.read(&r)
        let product = try shared.read(&r)
        let source = try shared.read(&r)
        let authority = try shared.read(&r)
        let due = try r.optional(date)
        let state = try r.choice(TaskState.self)
        let progress = try r.optional { r throws(Damaged) in try r.int() }
        guard progress.map({ (0...100).contains($0) }) ?? true else { throw Damaged() }
        let stage = try r.optional { r throws(Damaged) in try r.choice(Stage.self) }
        let stageRef = try note(&r)
        let blockedNote = try note(&r)
        self.init(id: id, assignedAt: try time(&r))
        self.kind = kind
        self.title = title
        self.leads = leads
        self.support = support
        self.terms = terms.terms(owner: owner, product: product, source: source)
        self.authority = authority
        self.due = due
        self.state = state
        self.progress = progress
        self.stage = stage
        self.stageRef = stageRef
        self.blockedNote = blockedNote
        closedAt = try r.optional(time)
    }
}
