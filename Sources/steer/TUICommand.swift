import ArgumentParser
import class FoundationEssentials.ProcessInfo
import Glibc
import SteerCore
import SteerTUI

extension Language: ExpressibleByArgument {}

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the ledger on an interactive screen: tasks, deadlines, overdue decrees, agencies.",
        discussion: "Keys: ? on the screen lists them all. docs/tui.md describes the screen.")

    @Argument(help: "The ledger file; the same as --ledger.") var path: String?
    @OptionGroup var options: LedgerOptions
    @OptionGroup var date: TodayOptions
    @Option(name: .long, help: "Labels in vi or en (default: from LC_ALL, LC_MESSAGES, LANG).") var lang: Language?
    @Flag(name: .long, help: "Change nothing: every key that would write is off.") var readOnly = false
    @Flag(name: .long, help: "Let the mouse select rows and scroll.") var mouse = false
    @Flag(name: .long, help: .hidden) var measureOutput = false

    func run() throws {
        if let path, let word = Self.mistypedCommand(path) {
            let near = Self.nearestCommand(to: word).map { "did you mean `steer \($0)`? " } ?? ""
            printError("steer: no command `\(word)`, and no ledger of that name: \(near)`steer --help` lists the commands\nhint: to open or start a ledger named \(word), give it as --ledger \(ShellWord.quoted(word))\n")
            throw Exit.usage
        }
        let env = ProcessInfo.processInfo.environment
        let noColour = !(env["NO_COLOR"] ?? "").isEmpty
        var tuiOptions = TUIOptions(
            path: path ?? options.path, today: date.today, language: lang ?? Language.from(environment: env),
            readOnly: readOnly, mouse: mouse, colour: !noColour, actor: loginName(), stamp: stamp,
            clockToday: { Clock.today(offsetMinutes: $0) })
        tuiOptions.snapshots = snapshotStore()
        // Test seam: only the reliability tests set these (docs/reliability-tui.md).
        if let ms = env["STEER_TEST_CRASH_AFTER_MS"].flatMap(Int.init) {
            let kind = env["STEER_TEST_CRASH"].flatMap(DeliberateCrash.Kind.init) ?? .abort
            tuiOptions.crash = DeliberateCrash(afterMilliseconds: ms, kind: kind)
        }
        if measureOutput {
            do {
                let size = Size(width: 120, height: 40)
                let term = env["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color"
                for (what, bytes) in try Program.measure(tuiOptions, size: size, terminalType: term) {
                    print("\(term) \(size.width)x\(size.height) \(what): \(bytes) bytes")
                }
            } catch {
                printError("steer: \(error.description)\n")
                throw Exit.problems
            }
            return
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            printError("steer tui: needs a terminal on stdin and stdout; for scripts use `steer show`\n")
            throw Exit.usage
        }
        if let problem = Program.terminalProblem(term: env["TERM"]) {
            printError("steer tui: \(problem)\n")
            throw Exit.usage
        }
        let code = Program.run(tuiOptions)
        if code != 0 { throw ExitCode(code) }
    }
}

extension TUICommand {
    /// The word given where the ledger goes, when it is more likely a mistyped command (`steer
    /// chek`) than a ledger: no file of that name, and nothing in it of a path or a file name
    /// (no `/`, no `.`). Opened as a ledger, it showed an empty board and exited 0 from cron.
    static func mistypedCommand(_ path: String) -> String? {
        guard !path.contains("/"), !path.contains("."), access(path, F_OK) != 0, errno == ENOENT else { return nil }
        return path
    }

    /// The command at most two edits from `word`, if one is.
    static func nearestCommand(to word: String) -> String? {
        let names = Steer.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        let scored = names.map { ($0, Levenshtein.distance(Array(word.lowercased()), Array($0))) }
        return scored.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
    }
}
