import ArgumentParser
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
        subcommands: [
            Check.self, Show.self, Log.self, TUICommand.self, Import.self, Repair.self,
            ConfigCommand.self, AgencyCommand.self, MemberCommand.self,
            Assign.self, Amend.self, Start.self, ReportCommand.self, Block.self, Unblock.self,
            Submit.self, Accept.self, Return.self, Extend.self, Reassign.self, Cancel.self, StageCommand.self,
        ],
        defaultSubcommand: Show.self
    )
}
