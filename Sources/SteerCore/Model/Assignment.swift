/// Where a task stands. Transitions are the state machine's (`Board.apply`).
public enum TaskState: String, CaseIterable, Sendable {
    case assigned, inProgress = "in_progress", blocked, submitted, done, cancelled

    public var isOpen: Bool { self != .done && self != .cancelled }
}

/// What an assignment produces. Legal documents are done when issued, not when accepted.
public enum TaskKind: String, CaseIterable, Sendable {
    case task, plan, report, system, decree, law, decision, circular, resolution

    public var isLegalDocument: Bool {
        switch self {
        case .decree, .law, .decision, .circular, .resolution: return true
        default: return false
        }
    }
}

/// The path of a legal document. Stages only move forward; `issued` closes the task.
public enum Stage: String, CaseIterable, Comparable, Sendable {
    case drafting, consultation, appraisal, submitted, issued

    public static func < (a: Stage, b: Stage) -> Bool { a.place < b.place }

    /// Where along the path it lies. Found in `allCases`, both stages of every comparison were
    /// looked for in the array of the cases, made for each.
    private var place: Int {
        switch self {
        case .drafting: return 0
        case .consultation: return 1
        case .appraisal: return 2
        case .submitted: return 3
        case .issued: return 4
        }
    }
}

/// One assignment as it stands after replay. A board holds one per task, a million of them for
/// a national programme: the fields are declared largest first, so that none is padded out to
/// the alignment of the next (Swift lays them out in this order), the percentage takes one
/// byte, what few tasks have is kept apart (`Uncommon`), and the three texts that recur
/// together are shared (`Terms`), and the optional close time, deadline and percentage are
/// held as values with one pattern kept for none (`Timestamp.OrNone`, `CivilDate.OrNone`), which
/// takes no byte of its own. 88 bytes a task, where 280 were. A task's notes and the deadlines
/// it had before the one in force are not kept: they are in its history (`TaskHistory`), which
/// the detail view reads back from the file.
public struct Assignment: Hashable, Sendable {
    public var id: String
    public var title: String?
    /// Lead agencies as written; more than one fails "clear responsibility".
    public var leads: [String] = []
    public var support: [String] = []
    /// The unit in charge, the deliverable and the directive; nil when none is given. Replay
    /// and snapshots give tasks the box of a `TermsTable`, shared; a task changed field by field
    /// gets a box of its own.
    var terms: Terms?
    private var uncommon: Uncommon?
    public var assignedAt: Timestamp
    private var closed = Timestamp.OrNone.none
    private var deadline = CivilDate.OrNone.none
    /// The percentage, or -1 for none.
    private var percent: Int8 = -1
    public var kind: TaskKind = .task
    public var state: TaskState = .assigned
    public var stage: Stage?

    /// The unit or person in charge.
    public var owner: String? {
        get { terms?.owner }
        set { terms = Terms.of(owner: newValue, product: product, source: source) }
    }

    /// The deliverable.
    public var product: String? {
        get { terms?.product }
        set { terms = Terms.of(owner: owner, product: newValue, source: source) }
    }

    /// The directive the task comes from.
    public var source: String? {
        get { terms?.source }
        set { terms = Terms.of(owner: owner, product: product, source: newValue) }
    }

    public var authority: String? {
        get { uncommon?.authority }
        set { changeUncommon { $0.authority = newValue } }
    }

    /// The reference of the stage reached (a decree's number once issued).
    public var stageRef: String? {
        get { uncommon?.stageRef }
        set { changeUncommon { $0.stageRef = newValue } }
    }

    /// What blocks the task, while it is blocked.
    public var blockedNote: String? {
        get { uncommon?.blockedNote }
        set { changeUncommon { $0.blockedNote = newValue } }
    }

    /// Replaces the uncommon fields: they change a few times in a task's life (a block, a
    /// stage's reference), so a new box each time costs nothing worth sharing.
    private mutating func changeUncommon(_ change: (inout Uncommon.Fields) -> Void) {
        var fields = uncommon?.fields ?? Uncommon.Fields()
        change(&fields)
        uncommon = fields == Uncommon.Fields() ? nil : Uncommon(fields)
    }

    /// When the task reached done (accepted, or issued for a legal document) or was cancelled,
    /// in the ledger's zone at that moment: the day it closed is the date of this time as given.
    public var closedAt: Timestamp? {
        get { closed.value }
        set { closed = Timestamp.OrNone(newValue) }
    }

    /// The deadline in force, after extensions.
    public var due: CivilDate? {
        get { deadline.value }
        set { deadline = CivilDate.OrNone(newValue) }
    }

    /// The last percentage reported, 0 to 100.
    public var progress: Int? {
        get { percent < 0 ? nil : Int(percent) }
        set {
            precondition(newValue.map { (0...100).contains($0) } ?? true, "progress is a percentage")
            percent = newValue.map { Int8($0) } ?? -1
        }
    }

    public init(id: String, assignedAt: Timestamp) {
        self.id = id
        self.assignedAt = assignedAt
    }

    public var lead: String? { leads.first }
}

/// The fields of a task that most tasks leave empty (authority, a stage's reference, a
/// blocking note), in one box a task points to only when it has any: inline they took 48 bytes
/// of every task. The reference, which every legal document gets as it moves through its
/// stages, is the box's own; authority and a blocking note, rarer still, are in a second box
/// of their own, so that the box of a reference alone takes 40 bytes, not 64 (18,948 of them
/// at 100k tasks). Never changed once made: a task gives itself a new box.
final class Uncommon: Hashable, Sendable {
    struct Fields: Hashable, Sendable {
        var authority: String?
        var stageRef: String?
        var blockedNote: String?
    }

    private final class Rarer: Sendable {
        let authority: String?
        let blockedNote: String?
        init(authority: String?, blockedNote: String?) { self.authority = authority; self.blockedNote = blockedNote }
    }

    let stageRef: String?
    private let rarer: Rarer?

    init(_ fields: Fields) {
        stageRef = fields.stageRef
        rarer = fields.authority == nil && fields.blockedNote == nil ? nil : Rarer(authority: fields.authority, blockedNote: fields.blockedNote)
    }

    var authority: String? { rarer?.authority }
    var blockedNote: String? { rarer?.blockedNote }
    var fields: Fields { Fields(authority: authority, stageRef: stageRef, blockedNote: blockedNote) }

    static func == (a: Uncommon, b: Uncommon) -> Bool { a === b || a.fields == b.fields }
    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

/// A body that leads or supports tasks: a ministry, an agency, a province.
public struct Agency: Hashable, Sendable {
    public var id: String
    public var kind: String
    public var name: String
    public var en: String?
    public var gso: String?
    /// Set when the agency was merged into another; its tasks count for that one.
    public var mergedInto: String?
    public var declaredAt: Timestamp
}

/// Roles decide who may record what, once the ledger declares any member.
public enum Role: String, CaseIterable, Sendable {
    case secretariat, focal, viewer, none
}

public struct Member: Hashable, Sendable {
    public var login: String
    public var role: Role
    public var agency: String?
    public var name: String?
}

/// Settings the ledger itself carries, through `config ledger` events.
public struct LedgerConfig: Hashable, Sendable {
    /// Minutes east of UTC used to turn a timestamp into "the day it happened". Vietnam by default.
    public var offsetMinutes = 7 * 60
    /// Whether "clear authority" (the sixth point, 6 rõ) is required.
    public var authorityRequired = false
    public init() {}
}
