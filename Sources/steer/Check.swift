import ArgumentParser
import class FoundationEssentials.FileManager
import SteerCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Validate a ledger: exit 0 when clean, 1 with every problem on stderr.")

    @OptionGroup var options: LedgerOptions
    @Flag(name: .shortAndLong, help: "Print nothing when the ledger is clean.")
    var quiet = false

    func run() throws {
        // Every line is validated: nothing is taken from a snapshot.
        let journal = try openLedgerToRead(options.path, asOf: nil, snapshots: false, listsProblems: true)
        let l = journal.ledger
        var problems = l.allDiagnostics
        if let future = try firstFutureStamp(l) { problems.append(future) }
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

    /// The first line stamped more than a day ahead of the clock, once the last event is: after
    /// it, no event can be recorded (`Board.stamp(now:)`). Read again from the file, which only
    /// a ledger that went wrong so pays for.
    func firstFutureStamp(_ l: Ledger) throws -> Diagnostic? {
        let now = Clock.now(offsetMinutes: l.latest.config.offsetMinutes)
        guard let last = l.latest.lastTime, last.instant - now.instant > Board.stampLeadSeconds else { return nil }
        guard let data = FileManager.default.contents(atPath: options.path) else {
            printError("steer: cannot read \(Sanitizer.visible(options.path))\n")
            throw Exit.problems
        }
        // Read where the file's bytes lie: a copy doubled what a million-task ledger takes.
        return data.withUnsafeBytes { FutureStamps.first(after: now, in: $0.bindMemory(to: UInt8.self), file: options.path) }
    }
}
