import ArgumentParser
import class FoundationEssentials.FileManager
import SteerCore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Turn an action-programme table (CSV from a spreadsheet) into assign events; a bad row stops the import and nothing is appended.",
        discussion: "The header names read, without diacritics or case, a column a line:\n" + ActionProgrammeImport.headerNames
            + "\n\nWithout a kind column, a task's kind is the one its product names first (Nghị định: decree, Dự án Luật: law, Kế hoạch: plan, …)."
            + " Deadlines: 2025-06-30, 30/06/2025, 06/2025, Tháng 6/2025, Quý II/2025, Năm 2025 (a month, quarter or year ends on its last day);"
            + " Thường xuyên, Liên tục, Hằng năm, Hằng quý, Hằng tháng (ongoing or recurring), or an empty cell, for none.")

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
        let table: ActionProgrammeImport.Table
        do { table = try importer.read(text) } catch {
            printError(error.rendered())
            printError("nothing was imported\n")
            throw Exit.problems
        }
        // Said, not dropped in silence: a column steer does not read may hold what was meant
        // for one it does, under a header it does not know.
        let ignored = table.ignoredColumns
        for name in ignored { printError("steer: \(Sanitizer.visible(csv)): column `\(Sanitizer.visible(name))` is not one steer reads; its cells are not imported\n") }
        if !ignored.isEmpty { printError("hint: the columns steer reads: \(ActionProgrammeImport.Column.allCases.map(\.rawValue).joined(separator: ", ")) (their Vietnamese names: `steer import --help`)\n") }
        let journal = try openJournal(write.ledger.path, asOf: nil)
        defer { leaveSnapshot(of: journal) }
        if dryRun {
            // Checked against the ledger as read, without opening it for writing.
            let board = journal.ledger.latest
            do {
                let who = try actor(for: write, board: board)
                for e in try importer.events(from: table, board: board, time: stamp(board), actor: who) {
                    print(Sanitizer.visible(LedgerPrinter.line(e)))
                }
            } catch let d as Diagnostic {
                printError(d.rendered())
                throw Exit.problems
            } catch let r as Rejection {
                printError("steer: \(r.message)\n")
                throw Exit.problems
            }
            return
        }
        var failure: Diagnostic?
        do throws(JournalError) {
            let events = try journal.append(all: { (board: Board) throws(Rejection) -> [Event] in
                let who = try actor(for: write, board: board)
                let time = try stamp(board)
                do throws(Diagnostic) {
                    return try importer.events(from: table, board: board, time: time, actor: who)
                } catch {
                    failure = error
                    throw Rejection(error.message)
                }
            })
            print("imported \(events.count) assignment\(events.count == 1 ? "" : "s") into \(write.ledger.path)")
        } catch {
            if let failure { printError(failure.rendered()) } else { printError("steer: \(error.description)\n") }
            printError("nothing was imported\n")
            throw Exit.problems
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair", abstract: "Set an interrupted last line aside: its bytes go to LEDGER.torn-TIME, then appends work again.")

    @OptionGroup var options: LedgerOptions

    func run() throws {
        // A mistyped path has nothing to repair and is said to be missing, as for any reader.
        let journal = try openLedgerToRead(options.path, asOf: nil)
        defer { leaveSnapshot(of: journal) }
        do {
            let suffix = Clock.now(offsetMinutes: 0).description.replacing(":", with: "")
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
