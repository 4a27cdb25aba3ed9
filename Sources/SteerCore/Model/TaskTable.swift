import CPrefetch

/// The tasks of a board in assignment order, found by id with one hash. The state machine
/// looks a task up once per event and writes it back by position, and histories grow in place,
/// so replaying an event costs one dictionary lookup, not one per question asked of the task.
public struct TaskTable: Sendable {
    /// Every task, in the order it was assigned.
    public private(set) var inOrder: [Assignment] = []
    /// Positions in the ledger's event list of each task's events, parallel to `inOrder`;
    /// empty when histories are not kept.
    private var histories: [[Int]] = []
    private var positions: [String: Int] = [:]
    /// False for a ledger that keeps only the board: there are no events to point into.
    let keepsHistories: Bool

    public init(keepsHistories: Bool = true) { self.keepsHistories = keepsHistories }

    /// The tasks of a snapshot, in assignment order; without histories. Nil when an id is
    /// repeated: no board has two tasks of one id, so it is not a snapshot this code wrote.
    init?(restoring tasks: [Assignment]) {
        keepsHistories = false
        inOrder = tasks
        positions.reserveCapacity(tasks.count)
        // By index: iterating would copy (retain and release) every task's text.
        for i in tasks.indices {
            guard positions.updateValue(i, forKey: tasks[i].id) == nil else { return nil }
        }
    }

    public var count: Int { inOrder.count }

    public subscript(id: String) -> Assignment? {
        positions[id].map { inOrder[$0] }
    }

    /// The events about a task, as positions in the ledger's event list, in file order.
    public func history(of id: String) -> [Int] {
        precondition(keepsHistories, "a board read without histories has none to give")
        return positions[id].map { histories[$0] } ?? []
    }

    func position(of id: String) -> Int? { positions[id] }

    /// Where the task `id` is, if there is one yet, having started to bring it into the cache
    /// for an event a little later: replay is bound by fetching tasks that lie far apart, and
    /// fetching several at once hides most of the wait.
    func prefetch(_ id: String) -> Int? {
        guard let p = positions[id] else { return nil }
        inOrder.withUnsafeBufferPointer { tasks in
            // Every cache line of the task: the checks and the change touch fields all over it.
            let start = UnsafeRawPointer(tasks.baseAddress! + p)
            for line in stride(from: 0, to: MemoryLayout<Assignment>.stride, by: 64) { steer_prefetch(start + line) }
        }
        return p
    }

    subscript(position p: Int) -> Assignment { inOrder[p] }

    /// What the state machine's checks read of the task at `p`, field by field: taking the
    /// task itself would copy (retain and release) all of its text for every event.
    func facts(at p: Int) -> TaskFacts {
        TaskFacts(state: inOrder[p].state, kind: inOrder[p].kind, due: inOrder[p].due, stage: inOrder[p].stage, leads: inOrder[p].leads)
    }

    /// Makes room for `more` tasks beyond those there, at least doubling: grown one by one, a
    /// table of a million tasks is copied and rehashed some twenty times over.
    mutating func reserve(_ more: Int) {
        let wanted = inOrder.count + more
        guard wanted > inOrder.capacity else { return }
        let capacity = max(wanted, 2 * inOrder.count)
        inOrder.reserveCapacity(capacity)
        positions.reserveCapacity(capacity)
        if keepsHistories { histories.reserveCapacity(capacity) }
    }

    mutating func add(_ t: Assignment, event: Int) {
        positions[t.id] = inOrder.count
        inOrder.append(t)
        if keepsHistories { histories.append([event]) }
    }

    /// Changes the task at `p` where it lies: no copy of it is made, so none of its text is
    /// retained and released again, which is most of what replaying an event used to cost.
    mutating func update(at p: Int, event: Int, _ change: (inout Assignment) -> Void) {
        change(&inOrder[p])
        if keepsHistories { histories[p].append(event) }
    }

    mutating func replace(at p: Int, with t: Assignment, event: Int) {
        inOrder[p] = t
        if keepsHistories { histories[p].append(event) }
    }
}

/// The few fields of a task that decide whether a task verb may be applied to it.
struct TaskFacts {
    let state: TaskState
    let kind: TaskKind
    let due: CivilDate?
    let stage: Stage?
    let leads: [String]
}
