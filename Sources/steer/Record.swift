import ArgumentParser
import Glibc
import SteerCore

/// Options every writing command shares.
struct WriteOptions: ParsableArguments {
    @OptionGroup var ledger: LedgerOptions
    @Option(name: .customLong("as"), help: "Record as this login (the secretariat's scripts only).")
    var actor: String?
}

/// The login name of the user running steer, from the password database (not $USER, which
/// anyone can set).
func loginName() -> String {
    if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
    return "uid\(getuid())"
}

/// Who the event is recorded as. `--as` is for the secretariat's scripts: it is refused unless
/// the real user is of the secretariat (or the ledger declares no members yet).
func actor(for options: WriteOptions, board: Board) throws(Rejection) -> String {
    let me = loginName()
    guard let other = options.actor, other != me else { return me }
    guard LedgerPrinter.isName(other) else { throw Rejection("`\(other)` is not a login name", hint: "letters, digits, '.', '_' and '-'") }
    if board.members.isEmpty || board.members[me]?.role == .secretariat { return other }
    throw Rejection("only the secretariat may record as another user (--as \(other))", hint: "record it as yourself, @\(me)", isRoleViolation: true)
}

/// Appends one event of `verb` and prints the line written.
func record(_ verb: Verb, id: String, arguments: [String], options: WriteOptions) throws {
    var fields: [Field] = []
    for arg in arguments {
        // Split at the first `=` scalar: a value starting with a combining mark makes one
        // Character of it and the `=` (`owner=\u{34F}Vụ`), which a search by Character misses.
        guard let eq = arg.unicodeScalars.firstIndex(of: "=") else {
            printError("steer: expected key=value, got `\(Sanitizer.visible(arg))`\nhint: \(verb.rawValue) takes: \(verb.keys.map(\.rawValue).joined(separator: ", "))\n")
            throw Exit.usage
        }
        let name = String(arg.unicodeScalars[..<eq])
        guard let key = Key(rawValue: name), verb.keys.contains(key) else {
            printError("steer: `\(verb.rawValue)` takes no key `\(Sanitizer.visible(name))`\nhint: \(verb.rawValue) takes: \(verb.keys.map(\.rawValue).joined(separator: ", "))\n")
            throw Exit.usage
        }
        guard !fields.contains(where: { $0.key == key }) else {
            printError("steer: `\(name)` is given twice\n")
            throw Exit.usage
        }
        var value = NFC.of(String(arg.unicodeScalars[arg.unicodeScalars.index(after: eq)...]))
        // Written as the ledger writes numbers: `+50` and `050` are 50 (the board checks the range).
        if key == .progress, let n = Int(value.hasSuffix("%") ? String(value.dropLast()) : value) { value = String(n) }
        fields.append(Field(key, value))
    }
    // Spaces alone say nothing, nor characters that draw as nothing (a zero-width space), as
    // the board judges a new event's texts.
    for k in verb.requiredKeys where !fields.contains(where: { $0.key == k && !Board.saysNothing($0.value) }) {
        printError("steer: `\(verb.rawValue)` needs \(k.rawValue)=…, and not an empty one\nhint: \(verb.hint(forRequired: k))\n")
        throw Exit.usage
    }
    // Said as a usage error, as a missing required key is, rather than by the board (exit 1).
    // An empty note says nothing either: a script passing an empty $NOTE would start the task.
    if verb == .report, !fields.contains(where: { $0.key == .progress || $0.key == .note && !Board.saysNothing($0.value) }) {
        printError("steer: `report` needs progress=… or note=…, and not an empty note\nhint: report \(Sanitizer.visible(id)) progress=50 note=\"…\"\n")
        throw Exit.usage
    }
    guard LedgerPrinter.isName(id) else {
        printError("steer: `\(Sanitizer.visible(id))` cannot be an id: use letters, digits, '.', '_' and '-'\n")
        throw Exit.usage
    }
    let journal = try openJournal(options.ledger.path, asOf: nil)
    // No file, an empty one, or one of comments alone (which readers call no ledger): the
    // event starts the ledger, under its version line.
    let startsLedger = journal.ledger.expectsHeader && journal.ledger.tornTail == nil
    defer { leaveSnapshot(of: journal) }
    do {
        let e = try journal.append { (board: Board) throws(Rejection) -> Event in
            let who = try actor(for: options, board: board)
            return Event(time: try stamp(board), actor: who, verb: verb, id: id, fields: fields)
        }
        print(Sanitizer.visible(LedgerPrinter.line(e)))
        // Said, for a path mistyped: the event went into a file of its own, not the team's ledger.
        if startsLedger { printError("steer: started a new ledger, \(options.ledger.path)\n") }
        // Recorded as asked; said, since a mistyped year makes the task overdue at once.
        let today = e.time.date(inOffset: journal.ledger.latest.config.offsetMinutes)
        if let due = e[.due].flatMap(CivilDate.init), due < today, journal.ledger.latest.tasks[id]?.state.isOpen == true {
            printError("steer: warning: the deadline \(due) is before today (\(today)): \(id) is overdue from now on\n")
        }
        // The old lead's unit in charge left with it; said, since the task is now unclear on it.
        if verb == .reassign, e[.owner] == nil {
            printError("steer: warning: \(id) has no unit in charge now; the new lead names one: amend \(id) owner=\"…\"\n")
        }
    } catch {
        printError("steer: \(error.namesTheFile ? "" : options.ledger.path + ": ")\(error.description)\n")
        // A refusal by an empty board is most often a path mistyped: said.
        if startsLedger, case .rejected = error { printError("hint: \(options.ledger.path) holds no ledger yet: check the path (--ledger, $STEER_LEDGER)\n") }
        throw Exit.problems
    }
}

/// Now, in the ledger's zone, never earlier than the last event (the file keeps time order):
/// `Board.stamp(now:)`.
func stamp(_ board: Board) throws(Rejection) -> Timestamp {
    try board.stamp(now: Clock.now(offsetMinutes: board.config.offsetMinutes))
}

/// What every verb's subcommand takes: `steer VERB ID key=value…`.
struct VerbArguments: ParsableArguments {
    @OptionGroup var write: WriteOptions
    @Argument(help: "The task id (an agency id for `agency`, a login for `member`, `ledger` for `config`).")
    var id: String
    @Argument(help: "key=value pairs.")
    var fields: [String] = []
}

/// A subcommand that records one verb, each its own type so that each has its own help. Not
/// one generic type over the verbs: every run of steer, whatever its subcommand, instantiated
/// all sixteen at start, each by name with its constraint checked, a search of every
/// conformance in the binary.
protocol VerbCommand: ParsableCommand {
    static var verb: Verb { get }
    var arguments: VerbArguments { get }
}

extension VerbCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: verb.rawValue, abstract: verb.abstract,
            discussion: "Keys: " + verb.keys.map { k in verb.requiredKeys.contains(k) ? k.rawValue + " (required)" : k.rawValue }.joined(separator: ", "))
    }

    func run() throws { try record(Self.verb, id: arguments.id, arguments: arguments.fields, options: arguments.write) }
}

extension Verb {
    /// One line of help for each verb's subcommand.
    var abstract: String {
        switch self {
        case .config: return "Set ledger-wide settings: config ledger tz=+07:00 authority=on."
        case .agency: return "Declare, rename (name=) or merge (into=OTHER) an agency."
        case .member: return "Declare who may act: member LOGIN role=focal agency=BKHCN."
        case .assign: return "Create a task."
        case .amend: return "Fill in or correct a task's fields."
        case .start: return "Start an assigned task."
        case .report: return "Report progress (progress=0–100, note=…)."
        case .block: return "Record an obstacle that needs a decision (note=…)."
        case .unblock: return "Record that an obstacle is cleared."
        case .submit: return "Submit a task's result for acceptance."
        case .accept: return "Accept a submitted task: it is done."
        case .return: return "Return a submitted task for more work (note=…)."
        case .extend: return "Move a deadline (due=, reason=); the old one is kept."
        case .reassign: return "Give a task a new lead agency (lead=)."
        case .cancel: return "Cancel an open task (reason=)."
        case .stage: return "Move a legal document to its next stage (stage=…, ref=…)."
        }
    }
}

struct ConfigCommand: VerbCommand { static let verb = Verb.config; @OptionGroup var arguments: VerbArguments }
struct AgencyCommand: VerbCommand { static let verb = Verb.agency; @OptionGroup var arguments: VerbArguments }
struct MemberCommand: VerbCommand { static let verb = Verb.member; @OptionGroup var arguments: VerbArguments }
struct AssignCommand: VerbCommand { static let verb = Verb.assign; @OptionGroup var arguments: VerbArguments }
struct AmendCommand: VerbCommand { static let verb = Verb.amend; @OptionGroup var arguments: VerbArguments }
struct StartCommand: VerbCommand { static let verb = Verb.start; @OptionGroup var arguments: VerbArguments }
struct ReportCommand: VerbCommand { static let verb = Verb.report; @OptionGroup var arguments: VerbArguments }
struct BlockCommand: VerbCommand { static let verb = Verb.block; @OptionGroup var arguments: VerbArguments }
struct UnblockCommand: VerbCommand { static let verb = Verb.unblock; @OptionGroup var arguments: VerbArguments }
struct SubmitCommand: VerbCommand { static let verb = Verb.submit; @OptionGroup var arguments: VerbArguments }
struct AcceptCommand: VerbCommand { static let verb = Verb.accept; @OptionGroup var arguments: VerbArguments }
struct ReturnCommand: VerbCommand { static let verb = Verb.return; @OptionGroup var arguments: VerbArguments }
struct ExtendCommand: VerbCommand { static let verb = Verb.extend; @OptionGroup var arguments: VerbArguments }
struct ReassignCommand: VerbCommand { static let verb = Verb.reassign; @OptionGroup var arguments: VerbArguments }
struct CancelCommand: VerbCommand { static let verb = Verb.cancel; @OptionGroup var arguments: VerbArguments }
struct StageCommand: VerbCommand { static let verb = Verb.stage; @OptionGroup var arguments: VerbArguments }
