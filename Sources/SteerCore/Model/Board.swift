/// Why the state machine refused an event, and which part of its line is at fault.
public struct Rejection: Error, Hashable, Sendable {
    /// The part of an event line a caret points at: for a list, one of its elements.
    public enum Spot: Hashable, Sendable { case time, actor, verb, id, key(Key), element(Key, Int) }

    public var message: String
    public var hint: String?
    public var spot: Spot
    /// True for a breach of the roles declared by `member` events, as opposed to an impossible change.
    public var isRoleViolation: Bool

    public init(_ message: String, hint: String? = nil, key: Key? = nil, at spot: Spot = .id, isRoleViolation: Bool = false) {
        self.message = message
        self.hint = hint
        self.spot = key.map { .key($0) } ?? spot
        self.isRoleViolation = isRoleViolation
    }

    /// A refusal of element `element` of the list `key` gives.
    init(_ message: String, hint: String? = nil, key: Key, element: Int) {
        self.init(message, hint: hint, at: .element(key, element))
    }

    public var key: Key? {
        switch spot {
        case .key(let k), .element(let k, _): return k
        default: return nil
        }
    }
}

/// Everything the ledger says, as it stands after the events applied so far. A value: copying
/// a board is how "as of a date" keeps the state of an earlier moment.
public struct Board: Sendable {
    public var config = LedgerConfig()
    public private(set) var agencies: [String: Agency] = [:]
    /// Agency ids in declaration order.
    public var agencyOrder: [String] = []
    public private(set) var members: [String: Member] = [:]
    /// What each member may record, checked for every event, kept beside `members`: a copy of
    /// a member retained and released its name each time, which no check reads.
    private var grants = NameTable<Grant>()
    private struct Grant: Sendable {
        let role: Role
        let agency: String?
    }
    public private(set) var tasks: TaskTable
    /// Whether any agency was merged; until one is, every agency answers for itself.
    private(set) var anyMerged = false
    /// Each list of agencies written in a `lead=` or `support=` that passed the checks, by its
    /// text, shared by every task that names the same agencies the same way: a list of its own
    /// took an allocation for each task, and a list of several, split and each agency looked
    /// up again, some 800 instructions.
    private var agencyLists = NameTable<[String]>()
    /// The terms of the tasks assigned, each box shared by the tasks given the same texts.
    private var sharedTerms = TermsTable()
    /// Time of the last event applied; a new event may not be stamped earlier.
    public var lastTime: Timestamp?

    /// `keepsHistories: false` for a board whose events are not kept: tasks record no history.
    public init(keepsHistories: Bool = true) { tasks = TaskTable(keepsHistories: keepsHistories) }

    /// A board put back together from a snapshot (agencies in declaration order, tasks in
    /// assignment order); it keeps histories when the snapshot held them (where each event's
    /// line starts in the file), else none. Nil when a task id is repeated.
    init?(config: LedgerConfig, agencies: [Agency], members: [Member], tasks: [Assignment], histories: Histories? = nil, lastTime: Timestamp?) {
        guard let tasks = TaskTable(restoring: tasks, histories: histories) else { return nil }
        self.config = config
        self.agencies = Dictionary(uniqueKeysWithValues: agencies.map { ($0.id, $0) })
        agencyOrder = agencies.map(\.id)
        self.members = Dictionary(uniqueKeysWithValues: members.map { ($0.login, $0) })
        for m in members { grants.set(m.login, to: Grant(role: m.role, agency: m.agency)) }
        self.tasks = tasks
        anyMerged = agencies.contains { $0.mergedInto != nil }
        self.lastTime = lastTime
    }

    /// Makes room in the task table for `more` tasks.
    mutating func reserveTasks(_ more: Int) { tasks.reserve(more) }

    /// Replay's look-ahead in the task table (`TaskTable.prefetchSlot`, `prefetch(hash:)`).
    mutating func prefetchSlot(_ hash: Int) { tasks.prefetchSlot(hash) }
    mutating func prefetchTask(_ hash: Int) -> Int? { tasks.prefetch(hash: hash) }

    /// The agency that now answers for `id`, following merges.
    public func canonicalAgency(_ id: String) -> String {
        guard anyMerged else { return id }
        var current = id
        var hops = 0
        while let next = agencies[current]?.mergedInto, hops < 64 { current = next; hops += 1 }
        return current
    }

    /// Whether `agency` speaks for what `lead` leads: it is `lead`, or took it over by a merge
    /// (`lead` merged into it, or into an agency merged into it). Not the other way: the focal
    /// point of an agency merged away keeps its own tasks, not those of the agency it joined.
    func takesOver(_ lead: String, _ agency: String) -> Bool {
        var current = lead
        var hops = 0
        while current != agency {
            guard let next = agencies[current]?.mergedInto, hops < 64 else { return false }
            current = next
            hops += 1
        }
        return true
    }

    public func displayName(ofAgency id: String) -> String { agencies[id]?.name ?? id }

    /// Applies one event, or explains why it cannot be applied and leaves the board untouched.
    /// `index` is recorded in the task's history: the event's position in the ledger's event
    /// list, or where its line starts in the file.
    public mutating func apply(_ e: Event, index: Int) throws(Rejection) {
        isWriting = true
        defer { isWriting = false }
        try apply(e, index: index, recording: true)
    }

    /// Whether the event applied is a new one, being written (`apply(_:index:)`, `check(_:)`),
    /// rather than a line of the ledger replayed. New events meet rules that lines earlier
    /// versions of steer wrote may break (an empty place in a list, an empty report note, a name
    /// of spaces, a focal point of an agency merged away acting for the agency it joined):
    /// refused in a line read, those would leave a ledger checked clean by the steer that wrote
    /// it with problems after an upgrade, and nothing could be written to it again.
    private(set) var isWriting = false

    /// Says whether `e` could be applied now, changing nothing: what a screen asks before it
    /// opens a form. Only the small tables are copied; the task table is never written.
    public func check(_ e: Event) throws(Rejection) {
        var scratch = self
        scratch.isWriting = true
        try scratch.apply(e, index: 0, recording: false)
    }

    /// How far ahead of the clock the last event may be stamped for a new one to follow it: as
    /// far as another writer's clock could be off, and no more.
    public static let stampLeadSeconds = 24 * 60 * 60

    /// The time to stamp a new event recorded at `now`: now, or the last event's time when that
    /// is later (the file keeps time order), in the ledger's zone. A last event stamped more than
    /// `stampLeadSeconds` ahead of now had its time mistyped (a year off): following it, every
    /// later event would be stamped in the future too, and a board as of today would show none
    /// of them. Refused instead, until that line is corrected.
    public func stamp(now: Timestamp) throws(Rejection) -> Timestamp {
        guard let last = lastTime, last > now else { return Timestamp(instant: now.instant, offsetMinutes: config.offsetMinutes, hasSeconds: true) }
        guard last.instant - now.instant <= Self.stampLeadSeconds else {
            throw Rejection("the ledger's last event is stamped \(last), after now (\(now)): this one would have to be stamped after it",
                            hint: "correct the time of the lines stamped in the future (`steer check` shows the first), then record again")
        }
        return Timestamp(instant: last.instant, offsetMinutes: config.offsetMinutes, hasSeconds: true)
    }

    /// `recording: false` runs every check but leaves the task table as it was. `lookup` is
    /// what the caller found of the task `e` is about already (replay looks a few events ahead).
    mutating func apply(_ e: some EventReading, index: Int, recording: Bool, lookup: TaskLookup? = nil) throws(Rejection) {
        if let last = lastTime, e.time < last {
            throw Rejection("this event is stamped \(e.time), before the event above it (\(last))",
                            hint: "events are kept in the order they happened; fix the time or move the line", at: .time)
        }
        switch e.verb {
        case .config: try checkRole(e, task: nil); try applyConfig(e)
        case .agency: try checkRole(e, task: nil); try applyAgency(e)
        case .member: try checkRole(e, task: nil); try applyMember(e)
        case .assign: try checkRole(e, task: nil); try applyAssign(e, index: index, recording: recording, lookup: lookup)
        default: try applyToTask(e, index: index, recording: recording, lookup: lookup)
        }
        lastTime = e.time
    }

    // MARK: roles

    /// When members are declared, only the secretariat may do everything; a focal point may
    /// move only the tasks its agency leads; a viewer may record nothing.
    /// `task` is the position of the task the event is about, when it is about one; its leads
    /// are read only for a focal point (copied out for every event, they were retained and
    /// released each time). Mutating though it changes nothing: see `check(_:against:at:)`.
    mutating func checkRole(_ e: some EventReading, task: Int?) throws(Rejection) {
        if members.isEmpty { return }
        // The grant read where it lies, a field at a time: copied out, its agency was retained
        // and released for every event.
        guard let entry = e.actorWords.flatMap(grants.entry(ofWords:)) ?? grants.entry(of: e.actor), grants[entry: entry].role != .none else {
            throw Rejection("@\(e.actor) is not a member of this ledger and may not record events", hint: "the secretariat declares members with `member LOGIN role=…`", at: .actor, isRoleViolation: true)
        }
        switch grants[entry: entry].role {
        case .secretariat: return
        case .viewer, .none:
            throw Rejection("@\(e.actor) is a viewer and may not record events", hint: "ask the secretariat to record it", at: .actor, isRoleViolation: true)
        case .focal:
            guard Self.isFocalVerb(e.verb) else {
                throw Rejection("a focal point may not `\(e.verb.rawValue)`; that is the secretariat's to record",
                                hint: "a focal point may start, report, block, submit and stage its own agency's tasks", at: .verb, isRoleViolation: true)
            }
            if e.verb == .stage, e[.stage] == Stage.issued.rawValue {
                throw Rejection("only the secretariat records that a document is issued", hint: "a focal point records the stages before issue", key: .stage, isRoleViolation: true)
            }
            guard let task else { return }
            let agency = grants[entry: entry].agency
            var leadsOwn = false
            if let agency {
                if !anyMerged {
                    // Read where they lie: the list copied out was retained and released (a
                    // cache miss at a million tasks) for every event a focal point records.
                    leadsOwn = tasks.hasLead(agency, at: task)
                } else {
                    // No closure over `self`: one copied the whole board (every table retained).
                    // Lines read keep the rule they were written under: the agency merged away
                    // spoke for the one it joined.
                    let mine = canonicalAgency(agency)
                    for lead in tasks.leads(at: task) where isWriting ? takesOver(lead, agency) : canonicalAgency(lead) == mine { leadsOwn = true; break }
                }
            }
            guard leadsOwn else {
                let leads = tasks.leads(at: task)
                // An agency merged away: said, for its focal point to know whom to ask.
                if let agency, canonicalAgency(agency) != agency {
                    throw Rejection("@\(e.actor) is the focal point of \(agency), which was merged into \(canonicalAgency(agency)), and may not change \(e.id)",
                                    hint: "the focal point of \(canonicalAgency(agency)) or the secretariat may record this", at: .actor, isRoleViolation: true)
                }
                throw Rejection(leads.isEmpty ? "@\(e.actor) is the focal point of \(agency ?? "no agency") and may not change \(e.id), which has no lead agency"
                                              : "@\(e.actor) is the focal point of \(agency ?? "no agency") and may not change \(e.id), which \(leads.joined(separator: ",")) leads",
                                hint: leads.isEmpty ? "the secretariat may record this, or give the task its lead: amend \(e.id) lead=…" : "only the lead agency's focal point or the secretariat may record this",
                                at: .actor, isRoleViolation: true)
            }
        }
    }

    /// Whether the actor of `e`, about the task at `task`, is one `checkRole` lets through
    /// whatever it reads further: the secretariat, or a focal point of an agency that leads
    /// the task (none merged) recording a verb of its own other than a stage (`stage=issued`
    /// is the secretariat's). False says only that `checkRole` must decide. Inlined where
    /// replay checks every task event: through `checkRole` alone, whose refusals make its frame
    /// large, replaying 100k tasks took 12.7M instructions more (callgrind). (A stage read from
    /// its words here too took 3.3M more than it saved.)
    @inline(__always)
    mutating func mayRecordAtOnce(_ e: some EventReading, task: Int) -> Bool {
        if members.isEmpty { return true }
        guard let words = e.actorWords, let entry = grants.entry(ofWords: words) else { return false }
        switch grants[entry: entry].role {
        case .secretariat: return true
        case .focal:
            guard Self.isFocalVerb(e.verb), e.verb != .stage, !anyMerged, let agency = grants[entry: entry].agency else { return false }
            return tasks.hasLead(agency, at: task)
        case .viewer, .none: return false
        }
    }

    /// What a focal point may record about its own agency's tasks.
    public static func isFocalVerb(_ verb: Verb) -> Bool {
        switch verb {
        case .start, .report, .block, .submit, .stage: return true
        default: return false
        }
    }

    // MARK: declarations

    mutating func applyConfig(_ e: some EventReading) throws(Rejection) {
        guard e.id == "ledger" else { throw Rejection("`config` applies to `ledger` only", hint: "write: config ledger tz=+07:00") }
        guard e.has(.tz) || e.has(.authority) else { throw Rejection("`config ledger` sets nothing", hint: "config ledger tz=+07:00 or authority=on") }
        // Both settings are checked before either is taken: a refused event changes nothing.
        var next = config
        if let tz = e[.tz] {
            guard let minutes = Self.parseOffset(tz) else { throw Rejection("`\(tz)` is not a UTC offset", hint: "for example tz=+07:00", key: .tz) }
            next.offsetMinutes = minutes
        }
        if let a = e[.authority] {
            switch a {
            case "on", "required": next.authorityRequired = true
            case "off": next.authorityRequired = false
            default: throw Rejection("authority is `on` or `off`", hint: "config ledger authority=on", key: .authority)
            }
        }
        config = next
    }

    static func parseOffset(_ s: String) -> Int? {
        if s == "Z" { return 0 }
        let b = Array(s.utf8)
        guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"), b[3] == UInt8(ascii: ":"),
              let h = CivilDate.digits(b[...], 1, 2), let m = CivilDate.digits(b[...], 4, 2), h <= 14, m < 60 else { return nil }
        return (h * 60 + m) * (b[0] == UInt8(ascii: "-") ? -1 : 1)
    }

    static let agencyKinds: Set<String> = ["ministry", "ministerial_agency", "gov_agency", "province", "city", "secretariat", "other"]

    mutating func applyAgency(_ e: some EventReading) throws(Rejection) {
        if let kind = e[.kind], !Self.agencyKinds.contains(kind) {
            throw Rejection("unknown agency kind `\(kind)`", hint: "kinds: " + Self.agencyKinds.sorted().joined(separator: ", "), key: .kind)
        }
        if var existing = agencies[e.id] {
            if let into = e[.into] {
                guard existing.mergedInto == nil else {
                    throw Rejection("\(e.id) was already merged into \(existing.mergedInto!)", hint: "its tasks count for \(existing.mergedInto!); merge \(existing.mergedInto!) itself if it joins another agency", key: .into)
                }
                guard into != e.id else { throw Rejection("an agency cannot merge into itself", hint: "name the agency that takes over its tasks: agency \(e.id) into=OTHER", key: .into) }
                guard agencies[into] != nil else {
                    throw Rejection("unknown agency `\(into)`", hint: "declare it first with `agency \(into) kind=… name=…`", key: .into)
                }
                guard canonicalAgency(into) != e.id else {
                    throw Rejection("merging \(e.id) into \(into) would make a cycle", hint: "\(into) already counts for \(e.id); merge \(into) into \(e.id) instead, or both into a third agency", key: .into)
                }
                existing.mergedInto = into
                anyMerged = true
            }
            if let name = e[.name] {
                guard !isWriting || !Self.saysNothing(name) else { throw Rejection("an agency's name cannot be empty", hint: "name=\"\(existing.name)\" is its name now", key: .name) }
                existing.name = name
            }
            if let en = e[.en] { existing.en = en }
            if let kind = e[.kind] { existing.kind = kind }
            if let gso = e[.gso] { existing.gso = gso }
            agencies[e.id] = existing
            return
        }
        guard e[.into] == nil else { throw Rejection("unknown agency \(e.id) cannot be merged", hint: "declare it first", key: .into) }
        guard let kind = e[.kind] else { throw Rejection("a new agency needs `kind=`", hint: "kinds: " + Self.agencyKinds.sorted().joined(separator: ", ")) }
        if isWriting, let name = e[.name], Self.saysNothing(name) {
            throw Rejection("an agency's name cannot be blank", hint: "name=\"Bộ Khoa học và Công nghệ\"", key: .name)
        }
        guard let name = e[.name], !name.isEmpty else { throw Rejection("a new agency needs `name=`", hint: "name=\"Bộ Khoa học và Công nghệ\"") }
        agencies[e.id] = Agency(id: e.id, kind: kind, name: name, en: e[.en], gso: e[.gso], mergedInto: nil, declaredAt: e.time)
        agencyOrder.append(e.id)
    }

    mutating func applyMember(_ e: some EventReading) throws(Rejection) {
        guard let roleText = e[.role], let role = Role(rawValue: roleText) else {
            throw Rejection("unknown role `\(e[.role] ?? "")`", hint: "role=secretariat|focal|viewer|none", key: .role)
        }
        let agency = e[.agency]
        if let agency, agencies[agency] == nil {
            throw Rejection("unknown agency `\(agency)`", hint: "declare it first with `agency \(agency) kind=… name=…`", key: .agency)
        }
        // As no task may be given to a merged agency, nobody new is made its focal point (its
        // tasks are the joined agency's focal point's to report); one already so may stay.
        if isWriting, let agency, role == .focal, agencies[agency]?.mergedInto != nil,
           members[e.id].map({ $0.role != .focal || $0.agency != agency }) ?? true {
            throw Rejection("\(agency) was merged into \(canonicalAgency(agency)); its tasks are reported by the focal point of \(canonicalAgency(agency))",
                            hint: "declare the focal point of the agency it joined: agency=\(canonicalAgency(agency))", key: .agency)
        }
        if role == .focal, agency == nil { throw Rejection("a focal point speaks for one agency: add agency=…", hint: "member \(e.id) role=focal agency=BKHCN", key: .role) }
        // The first member must be able to administer the ledger, or nobody could write again.
        if members.isEmpty, role != .secretariat {
            throw Rejection("the first member declared must be of the secretariat", hint: "declare the secretariat first, so that someone may record events afterwards", key: .role)
        }
        // Nor may the last member of the secretariat step down: the ledger would lock for good.
        if role != .secretariat, members[e.id]?.role == .secretariat,
           !members.values.contains(where: { $0.role == .secretariat && $0.login != e.id }) {
            throw Rejection("@\(e.id) is the last member of the secretariat; the ledger would have nobody to administer it",
                            hint: "declare another member with role=secretariat first", key: .role)
        }
        members[e.id] = Member(login: e.id, role: role, agency: agency, name: e[.name] ?? members[e.id]?.name)
        grants.set(e.id, to: Grant(role: role, agency: agency))
    }

    // MARK: tasks

    func checkAgencies(_ list: [String], key: Key) throws(Rejection) {
        for (i, a) in list.enumerated() where list[..<i].contains(a) {
            // `lead=A,A` is one lead written twice, which the 5 rõ would count as two.
            var once: [String] = []
            for b in list where !once.contains(b) { once.append(b) }
            throw Rejection("\(a) is named twice in \(key.rawValue)=", hint: "name each agency once: \(key.rawValue)=\(once.joined(separator: ","))", key: key, element: i)
        }
        for (n, a) in list.enumerated() {
            // Found by index: taking the agency out of the dictionary would copy all its text.
            guard let i = agencies.index(forKey: a) else {
                if a.contains(where: \.isWhitespace) {
                    throw Rejection("a list takes no spaces: agency ids are separated by commas alone",
                                    hint: "\(key.rawValue)=" + list.map { $0.trimmingSpaces() }.joined(separator: ","), key: key, element: n)
                }
                // Ids are matched exactly: `bkhcn` for BKHCN is a slip, not a new agency to declare.
                if let same = agencyOrder.first(where: { $0.lowercased() == a.lowercased() }) {
                    throw Rejection("unknown agency `\(a)`: did you mean \(same)? (ids are matched as written)", hint: "\(key.rawValue)=\(same)", key: key, element: n)
                }
                throw Rejection("unknown agency `\(a)`", hint: "declare it first with `agency \(a) kind=… name=…`", key: key, element: n)
            }
            guard anyMerged, agencies.values[i].mergedInto != nil else { continue }
            throw Rejection("\(a) was merged into \(canonicalAgency(a))", hint: "name \(canonicalAgency(a)) instead; the merged agency's history stays under its old id", key: key, element: n)
        }
    }

    /// Text that says nothing: spaces alone, or characters that draw as nothing (a zero-width
    /// space or joiner, a byte order mark, a soft hyphen, a blank braille cell), which the 5 rõ
    /// do not count as given either.
    public static func saysNothing(_ v: String) -> Bool {
        v.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint || Sanitizer.isUnsafe($0) || $0.value == 0x2800 }
    }

    /// A list is agency ids separated by commas alone: `support=BTC,` or `support="BTP, BKHCN"`
    /// named an agency that is nothing, or one whose id starts with a space.
    static func checkListShape(_ s: String, key: Key) throws(Rejection) {
        // Empty, the list is none: `amend T support=""` takes a coordinating agency named by
        // mistake off (and undoes `amend T support=BTC`).
        guard !s.isEmpty else { return }
        let pieces = s.split(separator: ",", omittingEmptySubsequences: false)
        let named = pieces.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.trimmingSpaces() }
        let fixed = "\(key.rawValue)=\(named.joined(separator: ","))"
        if let empty = pieces.firstIndex(where: \.isEmpty) {
            throw Rejection("an empty place in the list \(key.rawValue)=", hint: named.isEmpty ? "name an agency: \(key.rawValue)=BKHCN" : "agency ids separated by commas, none left empty: \(fixed)",
                            key: key, element: empty)
        }
        if let spaced = pieces.firstIndex(where: { $0.contains(where: \.isWhitespace) }) {
            throw Rejection("a list takes no spaces: agency ids are separated by commas alone", hint: named.isEmpty ? "leave out \(key.rawValue)=" : fixed, key: key, element: spaced)
        }
    }

    /// An agency that leads a task does not also support it: the 5 rõ keep leading and
    /// coordinating apart.
    static func checkApart(leads: [String], support: [String], id: String) throws(Rejection) {
        guard !support.isEmpty, let both = support.firstIndex(where: leads.contains) else { return }
        let others = support.filter { !leads.contains($0) }
        throw Rejection("\(support[both]) leads \(id) and cannot also support it",
                        hint: others.isEmpty ? "leave out support=" : "support=" + others.joined(separator: ","), key: .support, element: both)
    }

    public static func list(_ s: String?) -> [String] {
        guard let s, !s.isEmpty else { return [] }
        // Most tasks name one agency; that needs no splitting.
        if !namesSeveral(s) { return [s] }
        // Split as bytes, a comma being one byte: split as Characters, each piece cost
        // thousands of instructions of grapheme breaking, and the generic split of the UTF-8
        // view still some 2,700 a list.
        func pieces(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
            var out: [String] = []
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ",") {
                if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return out
        }
        return s.withUTF8Bytes(pieces)
    }

    static func namesSeveral(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: ",")) } ?? s.utf8.contains(UInt8(ascii: ","))
    }

    /// The list `e` gives for `key`, found by the words of its String where it is held inline
    /// and was shared before: made a String to be looked up, each was released again.
    mutating func agencyList(_ e: some EventReading, _ key: Key) throws(Rejection) -> [String] {
        if !isWriting, let words = e.valueWords(key), let shared = agencyLists[words: words] {
            if anyMerged { try checkAgencies(shared, key: key) }
            return shared
        }
        return try agencyList(e[key], key: key)
    }

    /// The agencies `s` names, each checked to be declared and not merged. A list that passed is
    /// kept and shared with every later task that writes it alike (`agencyLists`).
    mutating func agencyList(_ s: String?, key: Key) throws(Rejection) -> [String] {
        guard let s, !s.isEmpty else { return [] }
        // Before the lists shared: one a line read gave (`BTC,`) is not written again.
        if isWriting { try Self.checkListShape(s, key: key) }
        if let shared = agencyLists[s] {
            // It was declared when it was first shared, and can have been merged since only if
            // some agency was.
            if anyMerged { try checkAgencies(shared, key: key) }
            return shared
        }
        let list = Self.list(s)
        try checkAgencies(list, key: key)
        agencyLists.set(s, to: list)
        return list
    }

    /// The date `e` gives for `key`. Inlined, and read from the words of its String where held
    /// inline, as most are (`PieceText`): read as bytes, in a call whose frame held the texts of
    /// the refusals, a date took some 270 instructions.
    @inline(__always)
    static func date(_ e: some EventReading, _ key: Key) throws(Rejection) -> CivilDate? {
        if let words = e.valueWords(key), let d = CivilDate(inlineWords: words) { return d }
        return try dateFromBytes(e, key)
    }

    @inline(never)
    private static func dateFromBytes(_ e: some EventReading, _ key: Key) throws(Rejection) -> CivilDate? {
        // From the value's bytes: a String made of them only to be read and released cost
        // some 50 instructions a date more.
        guard let parsed = e.withValueBytes(key, { CivilDate.parse($0) }) else { return nil }
        guard let d = parsed else {
            let v = e[key] ?? ""
            let looksLikeDate = v.utf8.count == 10 && v.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
            throw Rejection(looksLikeDate ? "\(v) is not a date on the calendar" : "`\(v)` is not a date", hint: "dates are written YYYY-MM-DD, for example 2025-06-30", key: key)
        }
        return d
    }

    /// The whole percentage `utf8` writes, as `Int(_:)` reads it (a sign, then digits) and
    /// from 0 to 100; nil for anything else. Read from the bytes: through `Int(_:)`, a
    /// progress took some 90 instructions more, and a String made to be read.
    static func percentage(_ utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let negative = !utf8.isEmpty && utf8[0] == UInt8(ascii: "-")
        if negative || !utf8.isEmpty && utf8[0] == UInt8(ascii: "+") { i = 1 }
        guard i < utf8.count else { return nil }
        var value = 0
        while i < utf8.count {
            let digit = utf8[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            // Past 100 it can only be refused; its digits are still checked, as `Int(_:)` does.
            value = min(value * 10 + Int(digit), 101)
            i += 1
        }
        if negative { return value == 0 ? 0 : nil }
        return value <= 100 ? value : nil
    }

    /// The kind `e` gives, found by the words of its String where held inline (inlined, as
    /// `date` is), else by its text.
    @inline(__always)
    static func kind(_ e: some EventReading) throws(Rejection) -> TaskKind? {
        if let words = e.valueWords(.kind), let k = TaskKind(words: words) { return k }
        return try kindByText(e)
    }

    @inline(never)
    private static func kindByText(_ e: some EventReading) throws(Rejection) -> TaskKind? {
        guard let v = e[.kind] else { return nil }
        guard let k = TaskKind(word: v) else {
            throw Rejection("unknown task kind `\(v)`", hint: "kinds: " + TaskKind.allCases.map(\.rawValue).joined(separator: ", "), key: .kind)
        }
        return k
    }

    mutating func applyAssign(_ e: some EventReading, index: Int, recording: Bool, lookup: TaskLookup?) throws(Rejection) {
        if tasks.position(of: e.id, lookup) != nil { throw Rejection("task \(e.id) is already assigned", hint: "use a new id, or `amend \(e.id)` to change it") }
        let kind = try Self.kind(e) ?? .task
        let leads = try agencyList(e, .lead)
        let support = try agencyList(e, .support)
        try Self.checkApart(leads: leads, support: support, id: e.id)
        let due = try Self.date(e, .due)
        // Refused, not a crash: the task index tells 2^26 tasks apart (a national programme
        // assigns some hundred thousand a year).
        guard tasks.count < TaskTable.capacity else {
            throw Rejection("the ledger already holds \(TaskTable.capacity) tasks, the most one board can hold", hint: "record new assignments in a new ledger")
        }
        guard recording else { return }
        var owner, product, source: String?
        tasks.add(id: e.id, assignedAt: e.time, hash: lookup?.hash, event: index) { t in
            t.kind = kind
            t.leads = leads
            t.support = support
            t.due = due
            // The texts in one pass over the fields: looked up a key at a time, they scanned the
            // fields six times. Backwards, so that of a key given twice (only an event built in
            // code can) the first one is kept, as `e[key]` finds it.
            var i = e.fields.endIndex
            while i > e.fields.startIndex {
                i &-= 1  // Down from the count, above the start: no overflow.
                switch e.key(at: i) {
                case .title: t.title = e.keptValue(at: i)
                case .owner: owner = e.keptValue(at: i)
                case .product: product = e.keptValue(at: i)
                case .source: source = e.keptValue(at: i)
                case .authority: t.authority = e.keptValue(at: i)
                default: break
                }
            }
        }
        // Looked up once the task is added: the closure that fills it in cannot reach the table,
        // which the board holds beside the task table it is changing.
        tasks.give(sharedTerms.terms(owner: owner, product: product, source: source), at: tasks.count - 1)
    }

    /// The state machine's arrows: from which states each task verb may be recorded. Inlined,
    /// as the three below that replay runs for nearly every event (`TaskIndex.candidate`,
    /// `IDHash.same`, `TaskTable.facts`): called, the four took 36M of the 2,041M instructions
    /// of replaying 100k tasks (callgrind), their calls and the moves around them.
    @inline(__always)
    public static func allows(_ verb: Verb, from state: TaskState) -> Bool {
        switch verb {
        case .start: return state == .assigned
        case .report: return state == .assigned || state == .inProgress || state == .blocked
        case .block: return state == .assigned || state == .inProgress
        case .unblock: return state == .blocked
        case .submit: return state == .inProgress
        case .accept, .return: return state == .submitted
        case .extend, .reassign, .cancel, .stage: return state.isOpen
        case .amend: return state != .cancelled
        case .config, .agency, .member, .assign: return true
        }
    }

    /// Checks everything that can refuse the event first, then changes the task in place:
    /// a refused event leaves the task as it was without the task having been copied.
    mutating func applyToTask(_ e: some EventReading, index: Int, recording: Bool, lookup: TaskLookup?) throws(Rejection) {
        guard let position = e.idWords.flatMap({ tasks.position(ofWords: $0, lookup) }) ?? tasks.position(of: e.id, lookup) else {
            try checkRole(e, task: nil)
            throw Rejection("no task \(e.id) has been assigned", hint: "assign it first, or check the id")
        }
        if e.verb == .amend { return try applyAmend(e, at: position, index: index, recording: recording) }
        let change = try check(e, against: tasks.facts(at: position), at: position)
        guard recording else { return }
        let offset = config.offsetMinutes
        tasks.update(at: position, event: index) { t in change.apply(to: &t, e, offsetMinutes: offset) }
    }

    /// What a task verb will do to a task, worked out (and refused, if it must be) before the
    /// task is touched.
    enum TaskChange {
        case state(TaskState, closes: Bool = false)
        case report(progress: Int?)
        case block(note: String?)
        case unblock
        case extend(to: CivilDate)
        case reassign(leads: [String], owner: String?)
        case stage(Stage, ref: String?)

        /// Applies the change of `e`, recorded while the ledger's zone was `offsetMinutes` east
        /// of UTC: a task closes on the day of that zone, whatever zone the ledger takes later.
        func apply(to t: inout Assignment, _ e: some EventReading, offsetMinutes: Int) {
            var closed: Timestamp { Timestamp(instant: e.time.instant, offsetMinutes: offsetMinutes, hasSeconds: e.time.hasSeconds) }
            switch self {
            case .state(let s, let closes):
                t.state = s
                if closes { t.closedAt = closed }
                // Done is all of it, whatever was last reported.
                if s == .done { t.progress = 100 }
            case .report(let progress):
                if let progress { t.progress = progress }
                if t.state == .assigned { t.state = .inProgress }
            case .block(let note):
                t.state = .blocked
                t.blockedNote = note
            case .unblock:
                t.state = .inProgress
                t.blockedNote = nil
            case .extend(let to):
                t.due = to
            case .reassign(let leads, let owner):
                t.leads = leads
                // An agency that supported the task and now leads it supports it no more.
                if t.support.contains(where: leads.contains) { t.support.removeAll(where: leads.contains) }
                // The unit in charge was the old lead's: the new lead names its own, or the task
                // is unclear on "person" until it does.
                t.owner = owner
            case .stage(let s, let ref):
                t.stage = s
                if let ref { t.stageRef = ref }
                if s == .issued {
                    t.state = .done
                    t.closedAt = closed
                    t.progress = 100
                } else if t.state == .assigned {
                    t.state = .inProgress
                }
            }
        }
    }

    /// The change `e` makes to the task at `position`, whose facts are `t`, or why it may not be
    /// made. Changes nothing, yet is mutating, as `apply` is: a non-mutating method called from
    /// `apply` was handed a copy of the whole board (226 bytes) for every event replayed.
    mutating func check(_ e: some EventReading, against t: TaskFacts, at position: Int) throws(Rejection) -> TaskChange {
        if !mayRecordAtOnce(e, task: position) { try checkRole(e, task: position) }
        if !Self.allows(e.verb, from: t.state) {
            throw Rejection("cannot \(e.verb.rawValue) \(e.id): it is \(t.state.rawValue)", hint: Self.hint(for: e.verb, from: t.state))
        }
        switch e.verb {
        case .start: return .state(.inProgress)
        case .report:
            // An empty note says nothing: the command line refuses `report T note=` as well.
            guard e.has(.progress) || e[.note].map({ !isWriting || !Self.saysNothing($0) }) == true else {
                throw Rejection("a report needs progress= or a note that says something", hint: "report \(e.id) progress=50 note=\"…\"", key: e.has(.note) ? .note : nil)
            }
            guard let read = e.withValueBytes(.progress, Self.percentage) else { return .report(progress: nil) }
            guard let v = read else {
                throw Rejection("progress is a whole percentage from 0 to 100, not `\(e[.progress] ?? "")`", hint: "for example progress=70", key: .progress)
            }
            return .report(progress: v)
        case .block: return .block(note: e[.note])
        case .unblock: return .unblock
        case .submit: return .state(.submitted)
        case .accept:
            if t.kind.isLegalDocument {
                throw Rejection("a \(t.kind.rawValue) is done when it is issued, not accepted", hint: "record `stage \(e.id) stage=issued ref=\"…\"`")
            }
            return .state(.done, closes: true)
        case .return: return .state(.inProgress)
        case .extend:
            guard let to = try Self.date(e, .due) else { throw Rejection("extend needs due=", hint: "extend \(e.id) due=2025-06-30 reason=\"…\"", key: .due) }
            // An extension keeps the deadline it moves: a task without one gets its first by
            // `amend`, and stays counted as unclear on time until then.
            guard t.due != nil else {
                throw Rejection("\(e.id) has no deadline to extend", hint: "give it its first deadline: amend \(e.id) due=\(to)", key: .due)
            }
            if to == t.due { throw Rejection("the deadline is already \(to)", hint: "give a different date", key: .due) }
            return .extend(to: to)
        case .reassign:
            if isWriting, let given = e[.lead] { try Self.checkListShape(given, key: .lead) }
            let leads = Self.list(e[.lead])
            guard !leads.isEmpty else { throw Rejection("reassign needs lead=", hint: "reassign \(e.id) lead=BKHCN reason=\"…\"", key: .lead) }
            try checkAgencies(leads, key: .lead)
            if leads == tasks.leads(at: position) {
                throw Rejection("\(e.id) is already led by \(leads.joined(separator: ","))", hint: "name the agency that is to lead it instead", key: .lead)
            }
            return .reassign(leads: leads, owner: e[.owner])
        case .cancel: return .state(.cancelled, closes: true)
        case .stage:
            guard t.kind.isLegalDocument else {
                throw Rejection("\(e.id) is a \(t.kind.rawValue), not a legal document; stages are for decrees, laws and the like",
                                hint: "use start/report/submit, or `amend \(e.id) kind=decree` first")
            }
            guard let s = e.valueWords(.stage).flatMap(Stage.init(words:)) ?? Stage(word: e[.stage] ?? "") else {
                throw Rejection("unknown stage `\(e[.stage] ?? "")`", hint: "stages: " + Stage.allCases.map(\.rawValue).joined(separator: " → "), key: .stage)
            }
            if let current = t.stage, s <= current {
                throw Rejection("\(e.id) is already at stage \(current.rawValue); stages only move forward", hint: "stages: " + Stage.allCases.map(\.rawValue).joined(separator: " → "), key: .stage)
            }
            return .stage(s, ref: e[.ref])
        case .amend, .config, .agency, .member, .assign:
            preconditionFailure("handled in apply")
        }
    }

    /// `amend` interleaves its checks with its changes, and is rare: it works on a copy.
    mutating func applyAmend(_ e: some EventReading, at position: Int, index: Int, recording: Bool) throws(Rejection) {
        var t = tasks[position: position]
        try checkRole(e, task: position)
        if !Self.allows(e.verb, from: t.state) {
            throw Rejection("cannot \(e.verb.rawValue) \(e.id): it is \(t.state.rawValue)", hint: Self.hint(for: e.verb, from: t.state))
        }
        try amend(&t, e)
        if recording { tasks.replace(at: position, with: t, event: index) }
    }

    mutating func amend(_ t: inout Assignment, _ e: some EventReading) throws(Rejection) {
        guard e.fields.contains(where: { $0.key != .note }) else { throw Rejection("amend needs at least one field to change", hint: "for example amend \(t.id) owner=\"Vụ Pháp chế\"") }
        if let k = try Self.kind(e) {
            if t.stage != nil, !k.isLegalDocument { throw Rejection("\(t.id) already has a legal stage; it stays a legal document",
                                                                      hint: "its kind may become another legal document's: decree, law, decision, circular or resolution", key: .kind) }
            // A legal document is done when issued, any other task when accepted: a task done
            // one way cannot become the other kind, done without what closes that kind.
            if t.state == .done, k.isLegalDocument != t.kind.isLegalDocument {
                throw Rejection("\(t.id) is done as \(t.kind.isLegalDocument ? "a legal document" : "a task that is not a legal document"); its kind cannot become \(k.rawValue)",
                                hint: "assign a new task of kind \(k.rawValue) for the further work", key: .kind)
            }
            t.kind = k
        }
        if let d = try Self.date(e, .due) {
            guard t.due == nil else {
                // A done task's deadline no longer moves: `extend` would be refused too.
                guard t.state.isOpen else { throw Rejection("\(t.id) is \(t.state.rawValue): its deadline no longer moves", key: .due) }
                throw Rejection("\(t.id) already has a deadline (\(t.due!)); deadlines move only by `extend`", hint: "extend \(t.id) due=\(d) reason=\"…\"", key: .due)
            }
            t.due = d
        }
        if e[.lead] != nil {
            if isWriting, let given = e[.lead] { try Self.checkListShape(given, key: .lead) }
            let leads = Self.list(e[.lead])
            guard t.leads.isEmpty else {
                guard t.state.isOpen else { throw Rejection("\(t.id) is \(t.state.rawValue): its lead no longer changes", key: .lead) }
                throw Rejection("\(t.id) already has a lead; change it with `reassign`", hint: "reassign \(t.id) lead=… reason=\"…\"", key: .lead)
            }
            try checkAgencies(leads, key: .lead)
            t.leads = leads
        }
        if e[.support] != nil {
            if isWriting, let given = e[.support] { try Self.checkListShape(given, key: .support) }
            let s = Self.list(e[.support])
            try checkAgencies(s, key: .support)
            // Named by this event as supporting what it leads: refused.
            try Self.checkApart(leads: t.leads, support: s, id: t.id)
            t.support = s
        } else if t.support.contains(where: t.leads.contains) {
            // An agency that supported the task and is now named its lead supports it no more.
            t.support.removeAll(where: t.leads.contains)
        }
        if let v = e[.title] { t.title = v }
        if let v = e[.owner] { t.owner = v }
        if let v = e[.product] { t.product = v }
        if let v = e[.source] { t.source = v }
        if let v = e[.authority] { t.authority = v }
    }

    static func hint(for verb: Verb, from state: TaskState) -> String {
        switch (verb, state) {
        case (.accept, _): return "only a submitted task can be accepted; submit it first"
        case (.submit, .assigned): return "start it or report progress first"
        case (.submit, .blocked): return "unblock it first"
        case (.unblock, _): return "only a blocked task can be unblocked"
        case (.return, _): return "only a submitted task can be returned"
        case (_, .done), (_, .cancelled): return "the task is closed; assign a new task for further work"
        case (.start, .blocked): return "it is blocked; once unblocked it goes on in progress"
        case (.start, _): return "it has already started"
        case (.block, .blocked): return "it is already blocked"
        case (.block, .submitted): return "return it first"
        default: return "see the state machine in docs/ledger.md"
        }
    }
}
