import ArgumentParser
import Foundation
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
        guard let eq = arg.firstIndex(of: "=") else {
            printError("steer: expected key=value, got `\(Sanitizer.visible(arg))`\nhint: \(verb.rawValue) takes: \(verb.keys.map(\.rawValue).joined(separator: ", "))\n")
            throw Exit.usage
        }
        let name = String(arg[..<eq])
        guard let key = Key(rawValue: name), verb.keys.contains(key) else {
            printError("steer: `\(verb.rawValue)` takes no key `\(Sanitizer.visible(name))`\nhint: \(verb.rawValue) takes: \(verb.keys.map(\.rawValue).joined(separator: ", "))\n")
            throw Exit.usage
        }
        guard !fields.contains(where: { $0.key == key }) else {
            printError("steer: `\(name)` is given twice\n")
            throw Exit.usage
        }
        fields.append(Field(key, String(arg[arg.index(after: eq)...]).precomposedStringWithCanonicalMapping))
    }
    for k in verb.requiredKeys where !fields.contains(where: { $0.key == k }) {
        printError("steer: `\(verb.rawValue)` needs \(k.rawValue)=…\n")
        throw Exit.usage
    }
    guard LedgerPrinter.isName(id) else {
        printError("steer: `\(Sanitizer.visible(id))` cannot be an id: use letters, digits, '.', '_' and '-'\n")
        throw Exit.usage
    }
    let journal = try openJournal(options.ledger.path, asOf: nil)
    do {
        let e = try journal.append { (board: Board) throws(Rejection) -> Event in
            let who = try actor(for: options, board: board)
            return Event(time: stamp(board), actor: who, verb: verb, id: id, fields: fields)
        }
        print(Sanitizer.visible(LedgerPrinter.line(e)))
    } catch {
        printError("steer: \(options.ledger.path): \(error.description)\n")
        throw Exit.problems
    }
}

/// Now, in the ledger's zone, never earlier than the last event (the file keeps time order).
func stamp(_ board: Board) -> Timestamp {
    let now = Clock.now(offsetMinutes: board.config.offsetMinutes)
    guard let last = board.lastTime, last > now else { return now }
    return Timestamp(instant: last.instant, offsetMinutes: board.config.offsetMinutes, hasSeconds: true)
}

/// A subcommand that records one verb: `steer VERB ID key=value…`.
protocol VerbCommand: ParsableCommand {
    static var verb: Verb { get }
    var write: WriteOptions { get }
    var id: String { get }
    var fields: [String] { get }
}

extension VerbCommand {
    func run() throws { try record(Self.verb, id: id, arguments: fields, options: write) }

    static func describe(_ abstract: String, name: String? = nil) -> CommandConfiguration {
        CommandConfiguration(commandName: name ?? verb.rawValue, abstract: abstract,
                             discussion: "Keys: " + verb.keys.map { k in verb.requiredKeys.contains(k) ? k.rawValue + " (required)" : k.rawValue }.joined(separator: ", "))
    }
}

struct ConfigCommand: VerbCommand {
    static let verb = Verb.config
    static let configuration = describe("Set ledger-wide settings: config ledger tz=+07:00 authority=on.", name: "config")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Always `ledger`.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct AgencyCommand: VerbCommand {
    static let verb = Verb.agency
    static let configuration = describe("Declare, rename (name=) or merge (into=OTHER) an agency.", name: "agency")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Agency id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct MemberCommand: VerbCommand {
    static let verb = Verb.member
    static let configuration = describe("Declare who may act: member LOGIN role=focal agency=BKHCN.", name: "member")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Login name.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Assign: VerbCommand {
    static let verb = Verb.assign
    static let configuration = describe("Create a task.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "New task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Amend: VerbCommand {
    static let verb = Verb.amend
    static let configuration = describe("Fill in or correct a task's fields.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Start: VerbCommand {
    static let verb = Verb.start
    static let configuration = describe("Start an assigned task.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct ReportCommand: VerbCommand {
    static let verb = Verb.report
    static let configuration = describe("Report progress (progress=0–100, note=…).", name: "report")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Block: VerbCommand {
    static let verb = Verb.block
    static let configuration = describe("Record an obstacle that needs a decision.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Unblock: VerbCommand {
    static let verb = Verb.unblock
    static let configuration = describe("Record that an obstacle is cleared.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Submit: VerbCommand {
    static let verb = Verb.submit
    static let configuration = describe("Submit a task's result for acceptance.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Accept: VerbCommand {
    static let verb = Verb.accept
    static let configuration = describe("Accept a submitted task: it is done.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Return: VerbCommand {
    static let verb = Verb.return
    static let configuration = describe("Return a submitted task for more work.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Extend: VerbCommand {
    static let verb = Verb.extend
    static let configuration = describe("Move a deadline (due=, reason=); the old one is kept.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Reassign: VerbCommand {
    static let verb = Verb.reassign
    static let configuration = describe("Give a task a new lead agency.")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct Cancel: VerbCommand {
    static let verb = Verb.cancel
    static let configuration = describe("Cancel an open task (reason=).")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}

struct StageCommand: VerbCommand {
    static let verb = Verb.stage
    static let configuration = describe("Move a legal document to its next stage (stage=…, ref=…).", name: "stage")
    @OptionGroup var write: WriteOptions
    @Argument(help: "Task id.") var id: String
    @Argument(help: "key=value") var fields: [String] = []
}
