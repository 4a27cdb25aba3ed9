import ArgumentParser
import Foundation
import SteerCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn an action-programme table (CSV from a spreadsheet) into assign events; a bad row stops the import and nothing is appended.")

    @Argument(help: "The CSV file.") var csv: String
    @OptionGroup var write: WriteOptions
    @Option(name: .long, help: "Prefix for ids made from the row number or ordinal column.")
    var prefix = "IMP"
    @Flag(name: .long, help: "Check the table and print the events, append nothing.")
    var dryRun = false

    func run() throws {
        guard let data = FileManager.default.contents(atPath: csv) else {
            printError("steer: cannot read \(csv)\n")
            throw Exit.problems
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("steer: \(csv) is not UTF-8 text\nhint: export the sheet as \"CSV UTF-8\"\n")
            throw Exit.problems
        }
        let importer = ActionProgrammeImport(file: csv, idPrefix: prefix)
        let journal = try openJournal(write.ledger.path, asOf: nil)
        var failure: Diagnostic?
        do {
            let events = try journal.append(all: { (board: Board) throws(Rejection) -> [Event] in
                let who = try actor(for: write, board: board)
                do {
                    let events = try importer.events(from: text, board: board, time: stamp(board), actor: who)
                    if dryRun {
                        for e in events { print(Sanitizer.visible(LedgerPrinter.line(e))) }
                        throw Rejection("dry run: nothing appended")
                    }
                    return events
                } catch let d as Diagnostic {
                    failure = d
                    throw Rejection(d.message)
                } catch let r as Rejection {
                    throw r
                } catch {
                    throw Rejection("\(error)")
                }
            })
            print("imported \(events.count) assignment\(events.count == 1 ? "" : "s") into \(write.ledger.path)")
        } catch {
            if dryRun, failure == nil { return }
            if let failure { printError(failure.rendered()) } else { printError("steer: \(error.description)\n") }
            printError("nothing was imported\n")
            throw Exit.problems
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Set an interrupted last line aside: its bytes go to LEDGER.torn-TIME, then appends work again.")

    @OptionGroup var options: LedgerOptions

    func run() throws {
        let journal = try openJournal(options.path, asOf: nil)
        do {
            let suffix = Clock.now(offsetMinutes: 0).description.replacingOccurrences(of: ":", with: "")
            if let side = try journal.repairTornTail(sideFileSuffix: suffix) {
                print("moved the interrupted last line to \(side); \(options.path) ends at a complete line again")
            } else {
                print("\(options.path) has no interrupted last line; nothing to repair")
            }
        } catch {
            printError("steer: \(error.description)\n")
            throw Exit.problems
        }
        let left = journal.ledger.errors
        if !left.isEmpty {
            printError("\(left.count) other problem\(left.count == 1 ? "" : "s") remain; run `steer check`\n")
            throw Exit.problems
        }
    }
}
