import ArgumentParser
import Glibc
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
    @Flag(name: .long, help: "Import although columns steer does not read hold something (their cells are left out).")
    var ignoreOtherColumns = false

    func run() throws {
        let data: [UInt8]
        switch Self.contents(of: csv) {
        case .success(let bytes): data = bytes
        case .failure(let error):
            printError("steer: cannot read \(Sanitizer.visible(csv)): \(String(cString: strerror(error.code)))\n")
            throw Exit.problems
        }
        guard let text = String(validating: data, as: UTF8.self) else {
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
        // Refused, not dropped in silence: a column steer does not read may hold what was meant
        // for one it does, under a header it does not know ("Đơn vị thực hiện" for the lead),
        // and the ledger keeps for good whatever was imported without it.
        let lost = table.ignoredColumnsWithData
        let columnsRead = "the columns steer reads: \(ActionProgrammeImport.Column.allCases.map(\.rawValue).joined(separator: ", ")) (their Vietnamese names: `steer import --help`)"
        if !lost.isEmpty, !ignoreOtherColumns {
            for name in lost { printError("steer: \(Sanitizer.visible(csv)): column `\(Sanitizer.visible(name))` is not one steer reads, and its cells would be lost\n") }
            printError("hint: rename it to one of \(columnsRead); or import without it: --ignore-other-columns\nnothing was imported\n")
            throw Exit.problems
        }
        for name in lost { printError("steer: \(Sanitizer.visible(csv)): column `\(Sanitizer.visible(name))` is left out, as asked\n") }
        for heading in importer.sectionHeadings(in: table) {
            printError("steer: \(Sanitizer.visible(csv)):\(heading.line): `\(Sanitizer.visible(heading.title))` heads a section: it is not a task\n")
        }
        // Imported as they are (a task may lack both), but said: cells merged in the sheet.
        let bare = importer.linesLackingLeadAndDeadline(in: table)
        if !bare.isEmpty {
            printError("steer: warning: \(Sanitizer.visible(csv)): line\(bare.count == 1 ? "" : "s") \(bare.map(String.init).joined(separator: ", ")) name\(bare.count == 1 ? "s" : "") a task with neither a lead nor a deadline, where other rows have them\n"
                       + "hint: cells merged in a sheet come out blank below their first row; unmerge and fill them, or the tasks count as unclear\n")
        }
        let journal = try openJournal(write.ledger.path, asOf: nil)
        defer { leaveSnapshot(of: journal) }
        // No file, an empty one, or one of comments alone: the import starts the ledger.
        let startsLedger = journal.ledger.expectsHeader && journal.ledger.tornTail == nil
        if dryRun {
            // Checked against the ledger as read, without opening it for writing, and refused
            // as the import itself would be: a dry run that passes where the import fails
            // lets a script's `--dry-run && import` through to the failure.
            guard journal.ledger.isClean else {
                printError("steer: \(JournalError.ledgerNotClean(journal.ledger.errors).description)\nnothing would be imported\n")
                throw Exit.problems
            }
            let board = journal.ledger.latest
            do {
                let who = try actor(for: write, board: board)
                for e in try importer.events(from: table, board: board, time: stamp(board), actor: who) {
                    print(Sanitizer.visible(LedgerPrinter.line(e)))
                }
                // Output that cannot be written is an error, as for a report.
                leaveSnapshot(of: journal)
                finish(.success)
            } catch let d as Diagnostic {
                printError(d.rendered())
                throw Exit.problems
            } catch let r as Rejection {
                printError("steer: \(r.message)\n")
                throw Exit.problems
            }
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
            // Said, for a path mistyped: the tasks went into a file of their own.
            if startsLedger { printError("steer: started a new ledger, \(write.ledger.path)\n") }
        } catch {
            if let failure { printError(failure.rendered()) } else { printError("steer: \(error.description)\n") }
            printError("nothing was imported\n")
            throw Exit.problems
        }
    }
}

extension Import {
    /// The bytes of the file at `path`, read to its end: a pipe (`<(iconv …)`, /dev/stdin) has
    /// no size to read up to. Or the `errno` of what failed.
    static func contents(of path: String) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return .success(bytes) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(code: errno))
            }
            bytes.append(contentsOf: chunk[..<n])
        }
    }

    struct ReadFailure: Error {
        let code: Int32
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
            printError("\(left.count) other problem\(left.count == 1 ? " remains" : "s remain"); run `steer check`\n")
            throw Exit.problems
        }
    }
}
