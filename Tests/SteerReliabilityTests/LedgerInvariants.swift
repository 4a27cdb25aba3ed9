// What must hold for any bytes whatsoever fed to the parser and replay. Shared by the libFuzzer
// harness (Tests/fuzz, compiled into one module with the core, where SteerCore is no module)
// and by the unit test that replays the fixtures the fuzzer found (Fixtures/fuzz).
#if canImport(SteerCore)
import SteerCore
#endif

enum LedgerInvariants {
    /// The day reports are rendered on: fixed, so that a fixture fails or passes the same way every day.
    static let today = CivilDate(year: 2025, month: 6, day: 30)!

    /// Every broken promise found for these bytes, empty when all hold.
    static func violations(_ bytes: [UInt8]) -> [String] {
        var found: [String] = []
        let ledger = Ledger.load(bytes, file: "fuzz.ledger")
        let lineCount = bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } + 1

        for d in ledger.allDiagnostics {
            if d.line < 1 || d.line > lineCount || d.column < 1 {
                found.append("diagnostic at \(d.location) lies outside a file of \(lineCount) lines")
            }
            if let bad = firstUnsafe(d.rendered(), allowing: ["\n"]) {
                found.append("diagnostic at \(d.location) would put \(bad) on a terminal")
            }
        }
        for located in ledger.events {
            let line = LedgerPrinter.line(located.event)
            if let bad = firstUnsafe(line, allowing: []) {
                found.append("line \(located.line) prints back with a raw \(bad)")
            }
            let reparsed = LedgerParser(file: "again").parse(Array((LedgerHeader.text + "\n" + line + "\n").utf8))
            if reparsed.events.map(\.event) != [located.event] {
                found.append("line \(located.line) does not survive print and parse: \(line)")
            }
        }
        found += incrementalDifferences(bytes, whole: ledger)
        // The same bytes as a filter query (what `/` and --filter take), on the board they made.
        let overview = Overview(board: ledger.board, today: today)
        let filter = (try? TaskFilter(String(decoding: bytes, as: UTF8.self))) ?? .all
        for report in Report.allCases {
            let table = report.table(overview, filter: filter)
            for format in [ReportTable.Format.table, .markdown] {
                if let bad = firstUnsafe(table.render(format), allowing: ["\n"]) {
                    found.append("\(report.rawValue) as \(format.rawValue) would put \(bad) on a terminal")
                }
            }
            if let bad = firstUnsafe(table.render(.json), allowing: ["\n"]) {
                found.append("\(report.rawValue) as JSON carries a raw \(bad)")
            }
        }
        return found
    }

    /// Reading a file in two pieces (as a view following a growing file does) must give what
    /// reading it whole gives. The split point comes from the bytes, so a fixture replays exactly.
    static func incrementalDifferences(_ bytes: [UInt8], whole: Ledger) -> [String] {
        guard !bytes.isEmpty else { return [] }
        let cut = Int(bytes[0]) * bytes.count / 256
        var pieces = Ledger(file: "fuzz.ledger")
        pieces.ingest(Array(bytes[..<cut]))
        pieces.ingest(Array(bytes[pieces.consumed...]))
        var found: [String] = []
        if pieces.events != whole.events { found.append("reading in two pieces (cut at \(cut)) gives other events") }
        if pieces.allDiagnostics != whole.allDiagnostics { found.append("reading in two pieces (cut at \(cut)) gives other diagnostics") }
        if pieces.consumed != whole.consumed { found.append("reading in two pieces (cut at \(cut)) consumes \(pieces.consumed) bytes, not \(whole.consumed)") }
        return found
    }

    /// The first scalar of `text` that must not reach a terminal, unless allowed, described.
    static func firstUnsafe(_ text: String, allowing allowed: Set<Unicode.Scalar>) -> String? {
        for s in text.unicodeScalars where Sanitizer.isUnsafe(s) && !allowed.contains(s) {
            return "U+" + String(s.value, radix: 16, uppercase: true)
        }
        return nil
    }
}
