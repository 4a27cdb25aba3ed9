/// What a ledger line does. The raw value is the word written in the file.
public enum Verb: String, CaseIterable, Sendable {
    case config, agency, member
    case assign, amend, start, report, block, unblock, submit, accept
    case `return`, extend, reassign, cancel, stage

    /// The keys each verb takes; any other key is an error with this list as the hint.
    public var keys: [Key] {
        switch self {
        case .config: return [.tz, .authority]
        case .agency: return [.kind, .name, .en, .gso, .into]
        case .member: return [.agency, .role, .name]
        case .assign: return [.kind, .title, .lead, .support, .owner, .due, .product, .source, .authority, .note]
        case .amend: return [.kind, .title, .lead, .support, .owner, .due, .product, .source, .authority, .note]
        case .start, .submit, .accept, .unblock: return [.note]
        case .report: return [.progress, .note]
        case .block, .return: return [.note]
        case .extend: return [.due, .reason]
        case .reassign: return [.lead, .owner, .reason]
        case .cancel: return [.reason]
        case .stage: return [.stage, .ref, .note]
        }
    }

    /// Whether the verb is about one task, named by the event's id. The others set what every
    /// task is judged by or shown with: the ledger's settings, its agencies, its members.
    public var isAboutTask: Bool {
        switch self {
        case .config, .agency, .member: return false
        default: return true
        }
    }

    /// Keys that must be present for the event to mean anything.
    public var requiredKeys: [Key] {
        switch self {
        case .block, .return: return [.note]
        case .extend: return [.due, .reason]
        case .reassign: return [.lead]
        case .cancel: return [.reason]
        case .stage: return [.stage]
        case .member: return [.role]
        default: return []
        }
    }
}

/// The field names a ledger line may carry.
public enum Key: String, CaseIterable, Sendable {
    case tz, authority, kind, name, en, gso, into, agency, role
    case title, lead, support, owner, due, product, source, note
    case progress, reason, stage, ref
}

extension Key {
    /// Whether tasks share the texts given for this key: a title, a unit in charge, a
    /// deliverable, a directive, an authority recur across thousands of tasks (the same work
    /// assigned to each province), and a decree's number across the tasks it answers. The
    /// parser makes each such text once for many events (`ValueInterner`), and the board finds
    /// a task's terms by the words of those Strings (`TermsTable`). Other values are left in
    /// the piece's bytes until read (`PieceText(slice:_:)`): most are only checked.
    var isShared: Bool {
        switch self {
        case .title, .owner, .product, .source, .authority, .ref: return true
        default: return false
        }
    }
}

public struct Field: Hashable, Sendable {
    public var key: Key
    public var value: String
    public init(_ key: Key, _ value: String) { self.key = key; self.value = value }
}

/// What the state machine reads of an event: an `Event`, or one the parser laid out in a piece
/// of the file (`ParsedEvent`), which replay reads where it lies.
public protocol EventReading {
    associatedtype Fields: RandomAccessCollection<Field> where Fields.Index == Int
    var time: Timestamp { get }
    var actor: String { get }
    var verb: Verb { get }
    var id: String { get }
    var fields: Fields { get }
    /// The two words of the actor's String and of the id's (`IDHash.words`), where the event
    /// holds them without a String (`PieceText`): a name or task looked up by them makes no
    /// String to release. Nil where it does not.
    var actorWords: (UInt64, UInt64)? { get }
    var idWords: (UInt64, UInt64)? { get }
    /// The two words of the String of the value of `key` (`IDHash.words`) where the event holds
    /// it inline (`SmallASCII`, `PieceText`), read without making the String; nil where it does
    /// not, or does not give `key`. A word of the format, an agency, a date: looked up or read
    /// from them, none is made a String to be released again.
    func valueWords(_ key: Key) -> (UInt64, UInt64)?
    /// `body` of the UTF-8 of the value of `key`, read without making a String where the event
    /// holds it without one (`PieceText`); nil when the event does not give `key`.
    func withValueBytes<R>(_ key: Key, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R?
    /// The key of field `i`, read without its value.
    func key(at i: Int) -> Key
    /// The value of field `i`.
    func value(at i: Int) -> String
    /// The value of field `i`, for the board to keep once every check has passed: `fields[i].value`,
    /// or the value itself, taken out of the field, from an event whose fields are spent when
    /// it is applied (replay's, unless it keeps the events whole). Copied, each text was
    /// retained on the replaying core and released again on the core that parsed it.
    func keptValue(at i: Int) -> String
}

extension EventReading {
    /// Whether the event can change which agencies lead its task: `reassign`, and an `amend`
    /// that names a lead (allowed while the task has none).
    public var canMoveLeads: Bool { verb == .reassign || (verb == .amend && self[.lead] != nil) }

    @inline(__always)
    public subscript(key: Key) -> String? {
        // By index: iterating `fields` would copy (retain and release) every field passed over.
        // Inlined: asked for nearly a million values at 100k tasks, the call took 28M of the
        // 2,005M instructions of a replay (callgrind).
        fieldIndex(of: key).map(value(at:))
    }

    /// Where the first field giving `key` is, found by keys alone (no value copied out).
    @inline(__always)
    func fieldIndex(of key: Key) -> Int? {
        // Counted up with a wrapping step from the start to the count of a collection in
        // memory: stepped through `indices`, every step was checked for overflow.
        var i = fields.startIndex
        let end = fields.endIndex
        while i < end {
            if self.key(at: i) == key { return i }
            i &+= 1
        }
        return nil
    }

    /// Whether the event gives `key`; unlike `self[key] != nil`, its value is not copied out.
    public func has(_ key: Key) -> Bool {
        fieldIndex(of: key) != nil
    }

    public func withValueBytes<R>(_ key: Key, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard var value = self[key] else { return nil }
        return value.withUTF8(body)
    }

    public var actorWords: (UInt64, UInt64)? { nil }
    public var idWords: (UInt64, UInt64)? { nil }
    public func valueWords(_ key: Key) -> (UInt64, UInt64)? { nil }
    public func key(at i: Int) -> Key { fields[i].key }
    public func value(at i: Int) -> String { fields[i].value }
    public func keptValue(at i: Int) -> String { fields[i].value }
}

/// One line of the ledger, as written. Meaning (is this transition allowed?) is the state
/// machine's business; an Event is only well-formed syntax.
public struct Event: Hashable, Sendable, EventReading {
    public var time: Timestamp
    public var actor: String
    public var verb: Verb
    public var id: String
    public var fields: [Field]

    public init(time: Timestamp, actor: String, verb: Verb, id: String, fields: [Field] = []) {
        self.time = time
        self.actor = actor
        self.verb = verb
        self.id = id
        self.fields = fields
    }
}
