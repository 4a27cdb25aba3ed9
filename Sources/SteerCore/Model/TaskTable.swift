import CPrefetch

/// The tasks of a board in assignment order, found by id with one hash (`TaskIndex`). The state
/// machine looks a task up once per event and writes it back by position, and histories grow in
/// place, so replaying an event costs one lookup, not one per question asked of the task.
public struct TaskTable: Sendable {
    /// Every task, in the order it was assigned.
    public private(set) var inOrder: [Assignment] = []
    /// Every task's history (when kept), one chain through flat arrays: what the ledger recorded
    /// for each event (its number in the ledger's event list, or where its line starts in the
    /// file), the event before it in its task's history, and each task's last event. An array
    /// per task cost an allocation per task and, for every event, a check that two arrays were
    /// not shared before appending.
    private var histories = Histories()
    private var index = TaskIndex()
    /// False for a ledger that keeps only the board: there are no events to point into.
    let keepsHistories: Bool

    public init(keepsHistories: Bool = true) { self.keepsHistories = keepsHistories }

    /// The tasks of a snapshot, in assignment order, with their histories when it kept them.
    /// Nil when an id is repeated, or there are more than a table holds: no board has those, so
    /// it is not a snapshot this code wrote.
    init?(restoring tasks: [Assignment], histories: Histories? = nil) {
        guard tasks.count <= Self.capacity else { return nil }
        keepsHistories = histories != nil
        if let histories {
            guard histories.taskCount == tasks.count else { return nil }
            self.histories = histories
        }
        inOrder = tasks
        index.reserve(tasks.count) { IDHash.of(tasks[$0].id) }
        // By index: iterating would copy (retain and release) every task's text.
        for i in tasks.indices {
            let hash = IDHash.of(tasks[i].id)
            guard inOrder.withUnsafeBufferPointer({ index.position(of: tasks[i].id, hash: hash, in: $0) }) == nil else { return nil }
            index.append(hash: hash)
        }
    }

    public var count: Int { inOrder.count }
    /// The most tasks a table holds: what its index tells apart.
    static let capacity = TaskIndex.capacity

    public subscript(id: String) -> Assignment? {
        position(of: id).map { inOrder[$0] }
    }

    /// The events about a task, in file order, as the ledger recorded them: their numbers in its
    /// event list, or where their lines start in the file (`EventRetention.historiesOnFile`).
    public func history(of id: String) -> [Int] {
        position(of: id).map(history(at:)) ?? []
    }

    /// The history of the task at `p` in `inOrder` (see `history(of:)`).
    func history(at p: Int) -> [Int] {
        precondition(keepsHistories, "a board read without histories has none to give")
        return histories.marks(of: p)
    }

    /// Where the task `id` is in `inOrder`.
    public func position(of id: String) -> Int? { position(of: id, hash: IDHash.of(id)) }

    /// `position(of:)` with the id's hash taken already (by the parser, during replay).
    func position(of id: String, hash: Int) -> Int? {
        inOrder.withUnsafeBufferPointer { index.position(of: id, hash: hash, in: $0) }
    }

    // The two look-ahead calls below change nothing, but are `mutating` so that replay reaches
    // them in place: called on the table read as a value, each copied it (retaining its arrays).

    /// Starts bringing in the index's slot for the id of hash `hash`, for a lookup a little later.
    mutating func prefetchSlot(_ hash: Int) { index.prefetchSlot(hash) }

    /// Where the task of the id of hash `hash` likely is, having started to bring it into the
    /// cache for an event a little later: replay is bound by fetching tasks that lie far apart,
    /// and fetching several at once hides most of the wait. The caller confirms the id.
    mutating func prefetch(hash: Int) -> Int? {
        guard let p = index.candidate(hash) else { return nil }
        inOrder.withUnsafeBufferPointer { tasks in
            // Every cache line of the task: the checks and the change touch fields all over it.
            steer_prefetch_range(tasks.baseAddress! + p, MemoryLayout<Assignment>.size)
        }
        if keepsHistories { histories.prefetchLast(of: p) }
        return p
    }

    /// The position of the task `e` is about, if there is one: `lookup`'s candidate when it is
    /// that task, else looked up by the hash taken already, or by the id.
    func position(of id: String, _ lookup: TaskLookup?) -> Int? {
        guard let lookup else { return position(of: id) }
        if let p = lookup.candidate, IDHash.same(inOrder[p].id, id) { return p }
        return position(of: id, hash: lookup.hash)
    }

    /// `position(of:_:)` for the id held in a String of the words `words`, when `lookup`'s
    /// candidate is that task; nil says only that `position(of:_:)` must look on. Inlined: a
    /// call for nearly every event.
    @inline(__always)
    func position(ofWords words: (UInt64, UInt64), _ lookup: TaskLookup?) -> Int? {
        guard let p = lookup?.candidate, IDHash.words(of: inOrder[p].id).map({ $0 == words }) == true else { return nil }
        return p
    }

    subscript(position p: Int) -> Assignment { inOrder[p] }

    /// The leads of the task at `p`, read without copying the rest of the task.
    func leads(at p: Int) -> [String] { inOrder[p].leads }

    /// Whether `agency` leads the task at `p`, the list read in place, not copied out. Inlined:
    /// asked for every event a focal point records (400k at 100k tasks), its call, with the
    /// agency handed over, cost more than the look.
    @inline(__always)
    func hasLead(_ agency: String, at p: Int) -> Bool {
        inOrder.withUnsafeBufferPointer { tasks in tasks[p].leads.contains(agency) }
    }

    /// What the state machine's checks read of the task at `p`, field by field: taking the
    /// task itself would copy (retain and release) all of its text for every event. Inlined
    /// (`Board.allows` says why).
    @inline(__always)
    func facts(at p: Int) -> TaskFacts {
        TaskFacts(state: inOrder[p].state, kind: inOrder[p].kind, due: inOrder[p].due, stage: inOrder[p].stage)
    }

    /// Makes room for `more` tasks beyond those there, at least doubling: grown one by one, a
    /// table of a million tasks is copied and rehashed some twenty times over.
    mutating func reserve(_ more: Int) {
        let wanted = inOrder.count + more
        guard wanted > inOrder.capacity else { return }
        let capacity = max(wanted, 2 * inOrder.count)
        inOrder.reserveCapacity(capacity)
        reserveIndex(capacity)
        if keepsHistories { histories.reserveTasks(capacity) }
    }

    /// Adds a task of an id no task has; `hash` is its id's, when taken already. `fill` gives
    /// it the rest, where it lies: a task made elsewhere and handed in was copied on the way
    /// (all of its text retained, then released), which the optimiser did not undo.
    mutating func add(id: String, assignedAt: Timestamp, hash: Int? = nil, event: Int, _ fill: (inout Assignment) -> Void = { _ in }) {
        if index.isFull { reserveIndex(inOrder.count + 1) }
        index.append(hash: hash ?? IDHash.of(id))
        inOrder.append(Assignment(id: id, assignedAt: assignedAt))
        fill(&inOrder[inOrder.count - 1])
        if keepsHistories { histories.startTask(with: event) }
    }

    /// Makes the index room for `tasks` tasks, placing the tasks there again by their ids'
    /// hashes. The closure holds the list, not the table: holding the table, it held the index
    /// too, which growing then copied whole, on every task added.
    private mutating func reserveIndex(_ tasks: Int) {
        let list = inOrder
        index.reserve(tasks) { IDHash.of(list[$0].id) }
    }

    /// Changes the task at `p` where it lies: no copy of it is made, so none of its text is
    /// retained and released again, which is most of what replaying an event used to cost.
    mutating func update(at p: Int, event: Int, _ change: (inout Assignment) -> Void) {
        change(&inOrder[p])
        if keepsHistories { histories.append(event, toTask: p) }
    }

    /// Gives the task at `p` its terms, shared from the board's `TermsTable`.
    mutating func give(_ terms: Terms?, at p: Int) { inOrder[p].terms = terms }

    mutating func replace(at p: Int, with t: Assignment, event: Int) {
        assert(IDHash.same(t.id, inOrder[p].id), "a task keeps its id: the index files it by it")
        inOrder[p] = t
        if keepsHistories { histories.append(event, toTask: p) }
    }
}

/// The few fields of a task that decide whether a task verb may be applied to it. No text: the
/// leads, which a focal point's check and a reassignment need, are read where they lie.
struct TaskFacts {
    let state: TaskState
    let kind: TaskKind
    let due: CivilDate?
    let stage: Stage?
}

/// What replay knows of the task an event is about before applying it: its id's hash, taken by
/// the parser, and where the index says that task likely is (nil when it has none yet).
struct TaskLookup {
    let hash: Int
    let candidate: Int?
}

/// The histories of a task table, chained through flat arrays (see `TaskTable.histories`).
struct Histories: Sendable {
    /// Each event's mark (where its line starts in the file, or its number in the ledger's event
    /// list) in 40 bits, its low 32 and its high 8 apart: a screen on a million tasks holds six
    /// million marks, which took 51 MB in 64 bits.
    private var marksLow: [UInt32] = []
    private var marksHigh: [UInt8] = []
    /// The event before each one in its task's history, -1 for the first: chained backwards, a
    /// new event is appended and only its task's `last` changes, where a forward link would be
    /// written into the previous event, far back in the array (a cache miss for every event).
    /// Indices into the marks in 32 bits, which took 51 MB more in 64.
    private var previous: [Int32] = []
    /// Each task's last event, as an index into the marks.
    private var last: [Int32] = []

    init() {}

    var taskCount: Int { last.count }
    var eventCount: Int { marksLow.count }

    /// How many events the 32-bit links can reach.
    static let capacity = Int(Int32.max)
    /// The marks' bound: a ledger's bytes, or its events, below a terabyte.
    static let markLimit = 1 << 40

    mutating func reserveTasks(_ count: Int) { last.reserveCapacity(count) }

    mutating func reserveEvents(_ count: Int) {
        marksLow.reserveCapacity(count)
        marksHigh.reserveCapacity(count)
        previous.reserveCapacity(count)
    }

    /// A new task's history, of one event.
    mutating func startTask(with mark: Int) {
        last.append(add(mark, after: -1))
    }

    mutating func append(_ mark: Int, toTask p: Int) {
        last[p] = add(mark, after: last[p])
    }

    private mutating func add(_ mark: Int, after before: Int32) -> Int32 {
        precondition(marksLow.count < Self.capacity, "a board's histories hold fewer than 2^31 events")
        precondition(mark >= 0 && mark < Self.markLimit, "a mark is below 2^40")
        marksLow.append(UInt32(truncatingIfNeeded: mark))
        marksHigh.append(UInt8(truncatingIfNeeded: mark >> 32))
        previous.append(before)
        return Int32(marksLow.count - 1)
    }

    private func mark(_ k: Int) -> Int { Int(marksHigh[k]) << 32 | Int(marksLow[k]) }

    /// Starts bringing in task `p`'s last event, for an append a little later. Only a hint.
    func prefetchLast(of p: Int) {
        last.withUnsafeBufferPointer { if p < $0.count { steer_prefetch($0.baseAddress! + p) } }
    }

    /// Task `p`'s history, in file order.
    func marks(of p: Int) -> [Int] {
        var out: [Int] = []
        var k = Int(last[p])
        while k >= 0 {
            out.append(mark(k))
            k = Int(previous[k])
        }
        return out.reversed()
    }
}
