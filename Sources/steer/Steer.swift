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
        // Each names itself (`commandName`): a name left to ArgumentParser is derived from
        // `String(describing:)` of the type, a reflection that took 5.4M of the 23M instructions
        // of every run, whatever the subcommand.
        subcommands: [
            TUICommand.self, Check.self, Show.self, Log.self, Import.self, Repair.self,
            VerbCommand<ConfigVerb>.self, VerbCommand<AgencyVerb>.self, VerbCommand<MemberVerb>.self,
            VerbCommand<AssignVerb>.self, VerbCommand<AmendVerb>.self, VerbCommand<StartVerb>.self,
            VerbCommand<ReportVerb>.self, VerbCommand<BlockVerb>.self, VerbCommand<UnblockVerb>.self,
            VerbCommand<SubmitVerb>.self, VerbCommand<AcceptVerb>.self, VerbCommand<ReturnVerb>.self,
            VerbCommand<ExtendVerb>.self, VerbCommand<ReassignVerb>.self, VerbCommand<CancelVerb>.self,
            VerbCommand<StageVerb>.self,
        ],
        defaultSubcommand: TUICommand.self
    )
}
