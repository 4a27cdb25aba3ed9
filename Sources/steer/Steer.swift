import ArgumentParser
import Glibc
import SteerCore

@main
struct Steer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steer",
        abstract: "Track a steering committee's assignments: what is overdue, what falls due, which decrees are late, which assignments are unclear.",
        discussion: """
        The ledger is a plain-text journal of events (docs/ledger.md). Every subcommand takes \
        --ledger PATH; without it, $STEER_LEDGER, then ./steer.ledger.
        """,
        // Each names itself (`commandName`): a name left to ArgumentParser is derived from
        // `String(describing:)` of the type, a reflection that took 5.4M of the 23M instructions
        // of every run, whatever the subcommand.
        subcommands: [
            TUICommand.self, Check.self, Show.self, Log.self, Import.self, Repair.self,
            ConfigCommand.self, AgencyCommand.self, MemberCommand.self, AssignCommand.self, AmendCommand.self,
            StartCommand.self, ReportCommand.self, BlockCommand.self, UnblockCommand.self, SubmitCommand.self,
            AcceptCommand.self, ReturnCommand.self, ExtendCommand.self, ReassignCommand.self, CancelCommand.self,
            StageCommand.self,
        ],
        defaultSubcommand: TUICommand.self
    )

    /// The arguments are checked to be UTF-8 before they are parsed: decoded, their invalid
    /// bytes became U+FFFD, and a note typed in a legacy encoding (TCVN3, Latin-1) was recorded
    /// as "�" and the command said nothing.
    static func main() {
        for i in stride(from: 1, to: Int(CommandLine.argc), by: 1) {
            guard let raw = CommandLine.unsafeArgv[i], String(validatingCString: raw) == nil else { continue }
            printError("steer: argument \(i) is not UTF-8 text: \(Sanitizer.visible(String(cString: raw)))\nhint: write it in UTF-8 (convert legacy text with iconv -f TCVN -t UTF-8, or from your spreadsheet as \"CSV UTF-8\")\n")
            Glibc.exit(Exit.usage.rawValue)
        }
        // So is the ledger's path from the environment: decoded, it named another file.
        if let raw = getenv("STEER_LEDGER"), String(validatingCString: raw) == nil {
            printError("steer: STEER_LEDGER is not UTF-8 text: \(Sanitizer.visible(String(cString: raw)))\nhint: name the ledger with --ledger, or give STEER_LEDGER a path in UTF-8\n")
            Glibc.exit(Exit.usage.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            // What `print` buffered goes out now. A change recorded whose echo cannot be written
            // (stdout full or closed) still exits 0, as run again it would be recorded twice;
            // it is said, not lost in silence. Reports check their output themselves (`finish`).
            if fflush(nil) != 0 {
                printError("steer: cannot write the output: \(String(cString: strerror(errno))); what the command did is done (the ledger shows it)\n")
            }
        } catch {
            // A usage error exits 2 whoever finds it: ArgumentParser's own (an unknown option,
            // a bad --today) exited 64, the commands' (a bad key=value) 2.
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error) + "\n")
                Glibc.exit(Exit.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
