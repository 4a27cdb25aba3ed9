import Crypto

/// The board after a clean prefix of a ledger, kept so that the next reader loads it and
/// replays only the lines appended since, instead of the whole file. Derived data: it is
/// used only while the ledger still starts with the bytes it was made from (its
/// `PrefixFingerprint`), and written again from a replay whenever it is missing or stale.
public struct Snapshot: Sendable {
    /// Bump whenever a field of the board, or what any event does to it, changes: a snapshot
    /// of another version is not read, the ledger is replayed and a new snapshot written.
    static let formatVersion = 5
    static let magic = Array("steer-snapshot\n".utf8)

    /// The ledger bytes the board stands for.
    public let prefix: PrefixFingerprint
    let board: Board
    let lineCount: Int
    let eventCount: Int
    /// `Ledger.lastDay` of the ledger it was made from.
    let lastDay: CivilDate?

    /// The snapshot of `ledger`, which must have read exactly the bytes `prefix` fingerprints;
    /// nil unless every line read said nothing (a snapshot stands only for lines that gave no
    /// diagnostic: it keeps none to give again).
    public init?(of ledger: Ledger, prefix: PrefixFingerprint) {
        guard ledger.allDiagnostics.isEmpty, ledger.tornTail == nil, ledger.sawHeader, ledger.consumed == prefix.length else { return nil }
        self.prefix = prefix
        board = ledger.latest
        lineCount = ledger.lineCount
        eventCount = ledger.eventCount
        lastDay = ledger.lastDay
    }

    /// The file's bytes: magic, version, the SHA-256 of the payload (a disk that flips a bit
    /// gives a snapshot that is refused, not a wrong board), then the payload.
    public func encoded() -> [UInt8] {
        var payload = SnapshotWriter(reservingCapacity: 300 * board.tasks.count + 4096)
        payload.array(prefix.segments) { w, segment in
            w.count(segment.length)
            w.raw(segment.digest)
        }
        payload.count(lineCount)
        payload.count(eventCount)
        payload.optional(lastDay) { w, d in d.encode(into: &w) }
        board.encode(into: &payload)
        var file = SnapshotWriter(reservingCapacity: payload.bytes.count + 64)
        file.raw(Self.magic)
        file.count(Self.formatVersion)
        file.raw(SHA256.hash(data: payload.bytes))
        file.raw(payload.bytes)
        return file.bytes
    }

    /// Reads a snapshot file; nil when it is of another version, damaged, or not a snapshot.
    public init?(decoding bytes: UnsafeRawBufferPointer) {
        var r = SnapshotReader(bytes)
        do throws(SnapshotReader.Damaged) {
            guard try r.raw(Self.magic.count).elementsEqual(Self.magic), try r.count() == Self.formatVersion else { return nil }
            let checksum = try r.raw(SHA256.byteCount)
            let payload = UnsafeRawBufferPointer(rebasing: bytes[r.position...])
            guard SHA256.hash(data: payload).elementsEqual(checksum) else { return nil }
            var p = SnapshotReader(payload)
            prefix = PrefixFingerprint(segments: try p.array { r throws(SnapshotReader.Damaged) in
                PrefixFingerprint.Segment(length: try r.count(), digest: Array(try r.raw(SHA256.byteCount)))
            })
            lineCount = try p.count()
            eventCount = try p.count()
            lastDay = try p.optional { r throws(SnapshotReader.Damaged) in try CivilDate(decoding: &r) }
            board = try Board(decoding: &p)
            guard p.isAtEnd else { return nil }
        } catch {
            return nil
        }
    }
}

// MARK: the board's layout

extension Board {
    /// Tasks are written in runs of this many, decoded on every core at once.
    static let tasksPerRun = 4096

    func encode(into w: inout SnapshotWriter) {
        w.int(config.offsetMinutes)
        w.bool(config.authorityRequired)
        w.array(agencyOrder.compactMap { agencies[$0] }) { w, a in a.encode(into: &w) }
        // Sorted, so that the same board always gives the same bytes.
        w.array(members.values.sorted { $0.login < $1.login }) { w, m in m.encode(into: &w) }
        w.chunked(tasks.inOrder, chunk: Self.tasksPerRun) { w, t in t.encode(into: &w) }
        w.optional(lastTime) { w, t in t.encode(into: &w) }
    }

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        var config = LedgerConfig()
        config.offsetMinutes = try r.int()
        guard abs(config.offsetMinutes) <= 24 * 60 else { throw SnapshotReader.Damaged() }
        config.authorityRequired = try r.bool()
        let agencies = try r.array { r throws(SnapshotReader.Damaged) in try Agency(decoding: &r) }
        let members = try r.array { r throws(SnapshotReader.Damaged) in try Member(decoding: &r) }
        let tasks = try r.chunked(chunk: Self.tasksPerRun) { r throws(SnapshotReader.Damaged) in try Assignment(decoding: &r) }
        let lastTime = try r.optional { r throws(SnapshotReader.Damaged) in try Timestamp(decoding: &r) }
        // Ids are unique in a board; a snapshot that repeats one is not one this code wrote.
        guard Set(agencies.map(\.id)).count == agencies.count, Set(members.map(\.login)).count == members.count,
              Set(tasks.map(\.id)).count == tasks.count else { throw SnapshotReader.Damaged() }
        self.init(config: config, agencies: agencies, members: members, tasks: tasks, lastTime: lastTime)
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

extension Assignment {
    func encode(into w: inout SnapshotWriter) {
        w.string(id)
        w.choice(kind)
        w.optional(title) { $0.string($1) }
        w.array(leads) { $0.string($1) }
        w.array(support) { $0.string($1) }
        w.optional(owner) { $0.string($1) }
        w.optional(product) { $0.string($1) }
        w.optional(source) { $0.string($1) }
        w.optional(authority) { $0.string($1) }
        w.optional(originalDue) { w, d in d.encode(into: &w) }
        w.optional(due) { w, d in d.encode(into: &w) }
        w.array(extensions) { w, x in
            w.optional(x.from) { w, d in d.encode(into: &w) }
            x.to.encode(into: &w)
            w.string(x.reason)
            x.at.encode(into: &w)
            w.string(x.by)
        }
        w.choice(state)
        w.optional(progress) { $0.int($1) }
        w.optional(stage) { $0.choice($1) }
        w.optional(stageRef) { $0.string($1) }
        w.optional(blockedNote) { $0.string($1) }
        w.optional(lastNote) { $0.string($1) }
        assignedAt.encode(into: &w)
        w.optional(closedAt) { w, t in t.encode(into: &w) }
    }

    init(decoding r: inout SnapshotReader) throws(SnapshotReader.Damaged) {
        typealias Damaged = SnapshotReader.Damaged
        func text(_ r: inout SnapshotReader) throws(Damaged) -> String { try r.string() }
        func date(_ r: inout SnapshotReader) throws(Damaged) -> CivilDate { try CivilDate(decoding: &r) }
        func time(_ r: inout SnapshotReader) throws(Damaged) -> Timestamp { try Timestamp(decoding: &r) }
        let id = try r.string()
        let kind = try r.choice(TaskKind.self)
        let title = try r.optional(text)
        let leads = try r.array(text)
        let support = try r.array(text)
        let owner = try r.optional(text)
        let product = try r.optional(text)
        let source = try r.optional(text)
        let authority = try r.optional(text)
        let originalDue = try r.optional(date)
        let due = try r.optional(date)
        let extensions = try r.array { r throws(Damaged) in
            Extension(from: try r.optional(date), to: try date(&r), reason: try r.string(), at: try time(&r), by: try r.string())
        }
        let state = try r.choice(TaskState.self)
        let progress = try r.optional { r throws(Damaged) in try r.int() }
        let stage = try r.optional { r throws(Damaged) in try r.choice(Stage.self) }
        let stageRef = try r.optional(text)
        let blockedNote = try r.optional(text)
        let lastNote = try r.optional(text)
        self.init(id: id, assignedAt: try time(&r))
        self.kind = kind
        self.title = title
        self.leads = leads
        self.support = support
        self.owner = owner
        self.product = product
        self.source = source
        self.authority = authority
        self.originalDue = originalDue
        self.due = due
        self.extensions = extensions
        self.state = state
        self.progress = progress
        self.stage = stage
        self.stageRef = stageRef
        self.blockedNote = blockedNote
        self.lastNote = lastNote
        closedAt = try r.optional(time)
    }
}
