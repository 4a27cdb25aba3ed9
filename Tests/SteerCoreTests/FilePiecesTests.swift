import Foundation
import Testing
@testable import SteerCore

/// A ledger file read in pieces, each by the core that parses it, is the ledger read whole:
/// lines cut by a piece's end, pieces inside a line longer than several of them, a torn last
/// line (short, or longer than a piece), a file that ends before the range asked for, and a
/// read that fails.
@Suite struct FilePiecesTests {
    /// Longer than a piece and than what a piece reads past its stretch at a time (64 KB).
    static let long = String(repeating: "Đồng Nai ", count: 7000)

    /// The fixture, a line longer than a piece, a refused line, and `torn` with no newline.
    static func ledger(torn: String) -> [UInt8] {
        SnapshotTests.fixtureBytes
            + Array("2026-01-05T08:00+07:00 @vpcp assign LONG-1 title=\"\(long)\" lead=BKHCN\n".utf8)
            + Array("2026-01-05T08:00+07:00 @vpcp frobnicate X\n".utf8)
            + Array(torn.utf8)
    }

    static let torns = ["2026-01-05T08:00+07:00 @vpcp start LONG", "2026-01-05T08:00+07:00 @vpcp report LONG-1 note=\"\(long)"]

    /// The stretches a file is read in cover its range in order, with no gap and no overlap;
    /// the last ones, up to the workers' lookahead of full pieces (or half the range), are an
    /// eighth of the size, so that the replay's lone tail is short.
    @Test(arguments: [0, 1, 999, 100_000, 2 << 20, (4 << 20) + 5, 6_778_488, 68 << 20])
    func theStretchesTileTheRangeAndNarrowAtTheEnd(size: Int) {
        let range = 17..<(17 + size)
        let pieces = FilePieces(fd: -1, range: range, pieceBytes: 2 << 20, minimumSplitBytes: 2 << 20)
        var next = range.lowerBound
        for i in 0..<pieces.count {
            let stretch = pieces.stretch(i)
            #expect(stretch.lowerBound == next && !stretch.isEmpty, "piece \(i) of \(pieces.count)")
            next = stretch.upperBound
        }
        #expect(next == range.upperBound)
        guard pieces.count > 1 else { return }
        let last = pieces.stretch(pieces.count - 2), first = pieces.stretch(0)
        #expect(last.count == first.count / 8)
        let tapered = range.upperBound - pieces.taperStart
        #expect(tapered == min(size / 2, LedgerParser.lookahead * first.count))
    }

    func withFile<T>(_ bytes: [UInt8], _ body: (String) throws -> T) throws -> T {
        let dir = NSTemporaryDirectory() + "steer-pieces-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t.ledger"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return try body(path)
    }

    static func expectSame(_ read: Ledger, _ whole: Ledger, sourceLocation: SourceLocation = #_sourceLocation) {
        SnapshotTests.expectSameBoard(read.latest, whole.latest, sourceLocation: sourceLocation)
        #expect(read.eventCount == whole.eventCount && read.lineCount == whole.lineCount, sourceLocation: sourceLocation)
        #expect(read.consumed == whole.consumed && read.tornTail == whole.tornTail, sourceLocation: sourceLocation)
        #expect(read.allDiagnostics.map { $0.rendered() } == whole.allDiagnostics.map { $0.rendered() }, sourceLocation: sourceLocation)
        if read.retention == .everyEvent { #expect(read.events.map(\.line) == whole.events.map(\.line), sourceLocation: sourceLocation) }
    }

    @Test(arguments: [700, 4096, 65536], [0, 1])
    func readingInPiecesGivesTheWholeLedger(pieceBytes: Int, torn: Int) throws {
        let bytes = Self.ledger(torn: Self.torns[torn])
        try withFile(bytes) { path in
            let whole = Ledger.load(bytes, file: path)
            for retention in [EventRetention.everyEvent, .boardOnly] {
                var read = Ledger(file: path, retention: retention)
                let fd = open(path, O_RDONLY)
                defer { close(fd) }
                #expect(FilePieces(fd: fd, range: 0..<bytes.count, pieceBytes: pieceBytes, minimumSplitBytes: 2 * pieceBytes).count > 1)
                #expect(read.ingest(reading: fd, 0..<bytes.count, pieceBytes: pieceBytes) == nil)
                Self.expectSame(read, whole)
                #expect(read.latest.tasks["LONG-1"]?.title == Self.long)
                #expect(retention == .boardOnly || read.events == whole.events)
            }
        }
    }

    /// The journal reads its file in pieces of the size it is given.
    @Test(arguments: [700, 65536])
    func aJournalReadingInPiecesGivesTheWholeLedger(pieceBytes: Int) throws {
        let bytes = Self.ledger(torn: Self.torns[1])
        try withFile([]) { path in
            unlink(path)
            let journal = try FileJournal(path: path)
            journal.pieceBytes = pieceBytes
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            try journal.refresh()
            Self.expectSame(journal.ledger, Ledger.load(bytes, file: path))
        }
    }

    /// Each piece hands over the bytes of its complete lines, in order: together, every line
    /// taken in, and not the torn one (what a snapshot's fingerprint is taken of).
    @Test(arguments: [700, 4096])
    func thePiecesHandOverEveryCompleteLineOnce(pieceBytes: Int) throws {
        let bytes = Self.ledger(torn: Self.torns[1])
        try withFile(bytes) { path in
            var read = Ledger(file: path, retention: .boardOnly)
            var seen: [UInt8] = []
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            _ = read.ingest(reading: fd, 0..<bytes.count, pieceBytes: pieceBytes) { seen += $0 }
            #expect(seen == Array(bytes[..<read.consumed]))
            #expect(read.consumed + (read.tornTail?.count ?? 0) == bytes.count)
        }
    }

    /// A range that runs past the end of the file (it shrank after it was measured) is read up
    /// to the end: what the file holds, its last line torn if it ends mid-line.
    @Test(arguments: [700, 65536])
    func aFileShorterThanTheRangeIsReadToItsEnd(pieceBytes: Int) throws {
        let bytes = Self.ledger(torn: Self.torns[0])
        try withFile(bytes) { path in
            var read = Ledger(file: path)
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            #expect(read.ingest(reading: fd, 0..<(bytes.count + 50_000), pieceBytes: pieceBytes) == nil)
            Self.expectSame(read, Ledger.load(bytes, file: path))
        }
    }

    /// A read that fails says why, and nothing of the piece it failed in is taken in: a ledger
    /// whose last line was torn keeps it as it was, and is not told its lines end there.
    @Test func aReadThatFailsGivesItsErrorAndChangesNothing() throws {
        let dir = NSTemporaryDirectory()
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        var read = Ledger(file: dir)
        #expect(read.ingest(reading: fd, 0..<10_000_000, pieceBytes: 4096) == EISDIR)
        #expect(read.eventCount == 0 && read.consumed == 0)
        var torn = Ledger.load(Self.ledger(torn: Self.torns[0]), file: "t.ledger")
        let before = torn
        for count in [10, 10_000_000] {
            #expect(torn.ingest(reading: fd, torn.consumed..<(torn.consumed + count), pieceBytes: 4096) == EISDIR)
            #expect(torn.tornTail == before.tornTail && torn.tornDiagnostic == before.tornDiagnostic)
            #expect(torn.consumed == before.consumed && torn.eventCount == before.eventCount && torn.lineCount == before.lineCount)
        }
    }

    /// Pieces of a source that fails at its third: the two before it are handed over, the
    /// failure is returned, and nothing from it on is, whoever parses them (with no worker, the
    /// replaying thread parses every piece and meets the failure itself).
    @Test(arguments: [0, 1, 3])
    func theParseStopsAtThePieceWhoseReadFailed(workers: Int) {
        struct FailingAtThird: PieceSource, @unchecked Sendable {
            let line: UnsafeBufferPointer<UInt8>
            var count: Int { 5 }
            func piece(_ i: Int, reusing spare: PieceStorage?) -> Piece {
                Piece(bytes: line, offset: i * line.count, endsInput: i == 2, readError: i == 2 ? EIO : nil)
            }
            func whole() -> Piece { Piece(bytes: line, offset: 0) }
        }
        Array("# a comment\n".utf8).withUnsafeBufferPointer { line in
            var handed: [Int] = []
            let failure = LedgerParser(file: "f").parseInPieces(FailingAtThird(line: line), firstLine: 1, expectHeader: false, workers: workers) { _, piece in
                handed.append(piece.offset)
            }
            #expect(failure == EIO)
            #expect(handed == [0, line.count])
        }
    }

    /// The parser's own test ledger (comments and a blank line before the version line, CRLF,
    /// refused lines quoted from their place, a torn last line) read from a file in pieces so
    /// small that the first holds no version line, and larger: the ledger loaded whole.
    @Test(arguments: [20, 64, 700])
    func aMixedLedgerReadInPiecesIsTheLedgerLoadedWhole(pieceBytes: Int) throws {
        let bytes = ParsingInPiecesTests.mixed
        try withFile(bytes) { path in
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            #expect(FilePieces(fd: fd, range: 0..<bytes.count, pieceBytes: pieceBytes, minimumSplitBytes: 2 * pieceBytes).count > 1)
            var read = Ledger(file: path)
            #expect(read.ingest(reading: fd, 0..<bytes.count, pieceBytes: pieceBytes) == nil)
            Self.expectSame(read, Ledger.load(bytes, file: path))
            #expect(read.sawHeader && !read.diagnostics.isEmpty && read.tornTail != nil)
        }
    }

    /// Each piece lies in memory where its first byte lies within 64 bytes of the file, read
    /// into fresh memory, into a spare, and into memory grown for a line longer than a piece:
    /// where the two disagreed, the kernel took three times as long to copy the file.
    @Test(arguments: [700, 4096])
    func aPieceLiesInMemoryAsItLiesInTheFile(pieceBytes: Int) throws {
        let bytes = Self.ledger(torn: Self.torns[1])
        try withFile(bytes) { path in
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            for from in [0, SnapshotTests.fixtureBytes.count] {
                let pieces = FilePieces(fd: fd, range: from..<bytes.count, pieceBytes: pieceBytes, minimumSplitBytes: 2 * pieceBytes)
                var spare: PieceStorage?
                var checked = 0
                for i in 0..<pieces.count {
                    let piece = pieces.piece(i, reusing: spare)
                    spare = piece.storage
                    // A stretch inside a long line holds no line of its own.
                    guard let first = piece.bytes.baseAddress, !piece.bytes.isEmpty else { continue }
                    #expect((Int(bitPattern: first) - (from + piece.offset)) % PieceStorage.alignment == 0, "piece \(i) at \(from + piece.offset)")
                    #expect(Array(piece.bytes) == Array(bytes[(from + piece.offset)..<(from + piece.offset + piece.bytes.count)]))
                    checked += 1
                }
                #expect(checked >= 2)
            }
        }
    }

    /// Appended lines, read from where the ledger's consumed bytes end, are taken in after them.
    @Test func aRangeAfterTheConsumedBytesContinuesTheLedger() throws {
        let bytes = Self.ledger(torn: Self.torns[1])
        try withFile(bytes) { path in
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            var read = Ledger(file: path)
            let cut = SnapshotTests.fixtureBytes.count
            #expect(read.ingest(reading: fd, 0..<cut, pieceBytes: 1000) == nil)
            #expect(read.ingest(reading: fd, read.consumed..<bytes.count, pieceBytes: 1000) == nil)
            Self.expectSame(read, Ledger.load(bytes, file: path))
        }
    }
}
