import ArgumentParser
import SteerCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a ledger: exit 0 when clean, 1 with every problem on stderr.")

    @OptionGroup var options: LedgerOptions
    @Flag(name: .shortAndLong, help: "Print nothing when the ledger is clean.")
    var quiet = false

    func run() throws {
        // Every line is validated: nothing is taken from a snapshot.
        let journal = try openLedgerToRead(options.path, asOf: nil, snapshots: false)
        let l = journal.ledger
        let problems = l.allDiagnostics
        for d in problems { printError(d.rendered()) }
        if problems.isEmpty {
            if !quiet {
                let b = l.latest
                print("\(Sanitizer.visible(options.path)): ok: \(l.eventCount) events, \(b.tasks.count) tasks, \(b.agencies.count) agencies, \(b.members.count) members")
            }
            finish(.success)
        } else {
            printError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(Sanitizer.visible(options.path))\n")
            finish(Exit.problems)
        }
    }
}
