// What must hold for any bytes whatsoever fed to the parser and replay. Shared by the libFuzzer
// harness (Tests/fuzz, linked against a testable build of the core)
// and by the unit test that replays the fixtures the fuzzer found (Fixtures/fuzz).
#if canImport(SteerCore)
// Testable: reading in pieces is driven through the core's internal entry points.
@testable import SteerCore
#endif
import Glibc

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
        found += piecewiseDifferences(bytes, whole: ledger)
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
        return differences(pieces, whole, "reading in two pieces (cut at \(cut))")
    }

    /// Parsing in pieces on every core, and reading a file in pieces each core reads itself,
    /// must give what one parse of the whole gives. The sizes come from the bytes.
    static func piecewiseDifferences(_ bytes: [UInt8], whole: Ledger) -> [String] {
        guard bytes.count > 2 else { return [] }
        let count = 2 + Int(bytes[1]) % 7
        var parsed = Ledger(file: "fuzz.ledger")
        bytes.withUnsafeBufferPointer { parsed.ingest($0, pieces: count, minimumPieceBytes: 1) }
        var found = differences(parsed, whole, "parsing in \(count) pieces")
        let pieceBytes = 1 + Int(bytes[2]) % 64
        guard scratch >= 0, ftruncate(scratch, 0) == 0, bytes.withUnsafeBytes({ pwrite(scratch, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            return found + ["could not write the bytes to a scratch file to read them back"]
        }
        var read = Ledger(file: "fuzz.ledger")
        if let failure = read.ingest(reading: scratch, 0..<bytes.count, pieceBytes: pieceBytes) {
            found.append("reading a file in pieces of \(pieceBytes) bytes failed: errno \(failure)")
        }
        found += differences(read, whole, "reading a file in pieces of \(pieceBytes) bytes")
        var onFile = Ledger(file: "fuzz.ledger", retention: .historiesOnFile)
        _ = onFile.ingest(reading: scratch, 0..<bytes.count, pieceBytes: pieceBytes)
        return found + historyDifferences(onFile, whole, bytes, "histories kept on a file read in pieces of \(pieceBytes) bytes")
            + snapshotDifferences(onFile, bytes)
    }

    /// A clean ledger's snapshot, with the tasks' histories (what the screen starts from), must
    /// read back as the same board and the same histories.
    static func snapshotDifferences(_ onFile: Ledger, _ bytes: [UInt8]) -> [String] {
        var hasher = SegmentHasher()
        bytes.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[0..<min(onFile.consumed, $0.count)])) }
        guard let snapshot = Snapshot(of: onFile, prefix: PrefixFingerprint(segments: []).extended(by: hasher)) else { return [] }
        let encoded = snapshot.encoded()
        guard snapshotScratch >= 0, ftruncate(snapshotScratch, 0) == 0,
              encoded.withUnsafeBytes({ pwrite(snapshotScratch, $0.baseAddress, $0.count, 0) }) == encoded.count else {
            return ["could not write a snapshot to a scratch file to read it back"]
        }
        // The reader takes charge of the descriptor it is given.
        let fd = dup(snapshotScratch)
        guard let file = SnapshotFile(fd: fd) else {
            close(fd)
            return ["a clean ledger's snapshot is refused"]
        }
        guard let back = file.whole() else { return ["a clean ledger's snapshot does not read back"] }
        let a = back.board, b = onFile.latest
        guard a.tasks.inOrder == b.tasks.inOrder, a.agencies == b.agencies, a.agencyOrder == b.agencyOrder, a.members == b.members,
              a.config == b.config, a.lastTime == b.lastTime else { return ["a snapshot reads back another board"] }
        for task in b.tasks.inOrder where a.tasks.history(of: task.id) != b.tasks.history(of: task.id) {
            return ["a snapshot reads back another history of \(task.id)"]
        }
        return []
    }

    /// The file `snapshotDifferences` writes each snapshot to.
    static let snapshotScratch = scratchFile("/tmp/steer-fuzz-snapshot-XXXXXX")

    /// Whether each task's history, read back from where `onFile` says its lines start, is the
    /// history `whole` (which keeps every event) gives.
    static func historyDifferences(_ onFile: Ledger, _ whole: Ledger, _ bytes: [UInt8], _ how: String) -> [String] {
        for task in whole.board.tasks.inOrder {
            let read = onFile.historyPlaces(of: task.id).map { start -> [Event] in
                guard start >= 0, start < bytes.count else { return [] }
                let line = Array(bytes[start...].prefix { $0 != 10 }) + [10]
                return LedgerParser(file: "fuzz.ledger").parse(line, expectHeader: false).events.map(\.event)
            }
            if read != whole.history(of: task.id).map({ [$0.event] }) { return ["\(how): the history of \(task.id) reads back otherwise"] }
        }
        return []
    }

    /// A file for `piecewiseDifferences` to write each input to.
    static let scratch = scratchFile("/tmp/steer-fuzz-XXXXXX")

    /// A new file of the `mkstemp` template, unlinked at once: one a process, gone with it.
    static func scratchFile(_ template: String) -> Int32 {
        var name = Array(template.utf8CString)
        let fd = mkstemp(&name)
        if fd >= 0 { unlink(name) }
        return fd
    }

    /// How a ledger read some other way differs from the one read whole.
    static func differences(_ read: Ledger, _ whole: Ledger, _ how: String) -> [String] {
        var found: [String] = []
        if read.events != whole.events { found.append("\(how) gives other events") }
        if read.allDiagnostics != whole.allDiagnostics { found.append("\(how) gives other diagnostics") }
        if read.consumed != whole.consumed { found.append("\(how) consumes \(read.consumed) bytes, not \(whole.consumed)") }
        if read.tornTail != whole.tornTail || read.lineCount != whole.lineCount || read.sawHeader != whole.sawHeader {
            found.append("\(how) gives another torn tail, line count or version line")
        }
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
