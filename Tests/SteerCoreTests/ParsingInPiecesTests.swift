import Foundation
import Testing
@testable import SteerCore

/// The fast paths of the parser must say exactly what the straightforward ones say: the same
/// events, the same errors at the same lines and columns, the same torn tail.
@Suite struct ParsingInPiecesTests {
    /// A ledger with a little of everything the parser must get right, line numbers included.
    static let mixed: [UInt8] = {
        var lines = ["# a comment before the header", "", "steer-ledger 1",
                     "2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\""]
        for i in 0..<400 {
            let id = "T-\(i)"
            lines.append("2025-01-03T08:00+07:00 @vpcp assign \(id) kind=task title=\"Xây dựng \\\"kế hoạch\\\" số \(i)\\n\" lead=BKHCN due=2025-03-31")
            switch i % 9 {
            case 0: lines.append("2025-01-04T08:00+07:00 @vpcp frobnicate \(id)")
            case 1: lines.append("2025-02-30T08:00+07:00 @vpcp start \(id)")
            case 2: lines.append("2025-01-04T08:00+07:00 @vpcp report \(id) progress=10 progress=20")
            case 3: lines.append("2025-01-04T08:00+07:00 @vpcp accept \(id)")
            case 4: lines.append("2025-01-04T08:00+07:00 @vpcp report \(id) note=\"Nguye\u{0302}\u{0303}n\" colour=red")
            case 5: lines.append("2025-01-04T08:00+07:00 @vpcp block \(id)\r")
            case 6: lines.append("   # indented comment")
            case 7: lines.append("2025-01-04T08:00+07:00 @vpcp report \(id) note=\"never closed")
            default: lines.append("2025-01-04T08:00+07:00 @vpcp report \(id) note=\"Đã gửi\" progress=50")
            }
        }
        var bytes = Array(lines.joined(separator: "\n").utf8) + [10]
        bytes += Array("2025-01-05T08:00+07:00 @vpcp report T-1 note=\"".utf8) + [0xC3, 0x28] + Array("\"\n".utf8)
        bytes += Array("2025-01-05T08:00+07:00 @vpcp report T-1 note=x".utf8)  // torn: no newline
        return bytes
    }()

    /// The pieces' outputs, collected in the order they are handed over, each after `pause`
    /// microseconds (a slow replay, which the workers run ahead of).
    static func collect(_ parser: LedgerParser, _ b: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, expectHeader: Bool = true,
                        pieces: Int, workers: Int = LedgerParser.workers, pause: UInt32 = 0) -> [LedgerParser.Output] {
        var outputs: [LedgerParser.Output] = []
        parser.parseInPieces(b, firstLine: firstLine, expectHeader: expectHeader, pieces: pieces, minimumPieceBytes: 64,
                             workers: workers) { out, _ in
            if pause > 0 { usleep(pause) }
            outputs.append(out)
        }
        return outputs
    }

    static func same(_ pieces: [LedgerParser.Output], _ whole: LedgerParser.Output) {
        #expect(pieces.flatMap(\.events) == whole.events)
        #expect(pieces.flatMap(\.diagnostics) == whole.diagnostics)
        #expect(pieces.last?.consumed == whole.consumed)
        #expect(pieces.reduce(0) { $0 + $1.lines } == whole.lines)
        #expect(pieces.contains(where: \.sawHeader) == whole.sawHeader)
        #expect(pieces.last?.tornTail == whole.tornTail)
        #expect(pieces.last?.tornDiagnostic == whole.tornDiagnostic)
        // Each piece comes with its events' id hashes, taken where it was parsed, in order.
        for piece in pieces { #expect(piece.idHashes == piece.events.map { IDHash.of($0.event.id) }) }
    }

    /// A replayed piece's output lends its arrays to the next piece's: emptied of the old
    /// piece's events and fields, with their room kept, and parsed into as a new one is.
    @Test func aSpentOutputIsEmptiedAndKeepsItsRoom() {
        let parser = LedgerParser(file: "mixed.ledger", keepsLineStarts: true)
        Self.mixed.withUnsafeBufferPointer { b in
            let fresh = parser.parse(b)
            let spent = parser.parse(b)
            let room = (spent.parsed.capacity, spent.fields.capacity, spent.idHashes.capacity, spent.lineStarts.capacity, spent.texts.capacity)
            #expect(!spent.fields.isEmpty && !spent.lineStarts.isEmpty && !spent.texts.isEmpty)
            let memory = (spent.parsed.withUnsafeBufferPointer(\.baseAddress), spent.fields.withUnsafeBufferPointer(\.baseAddress))
            let reused = LedgerParser.Output(reusing: consume spent)
            // The same memory, not a copy of the same size.
            #expect(reused.parsed.withUnsafeBufferPointer(\.baseAddress) == memory.0)
            #expect(reused.fields.withUnsafeBufferPointer(\.baseAddress) == memory.1)
            #expect(reused.parsed.isEmpty && reused.fields.isEmpty && reused.idHashes.isEmpty && reused.lineStarts.isEmpty && reused.texts.isEmpty)
            #expect(reused.texts.capacity == room.4)
            #expect(reused.parsed.capacity == room.0 && reused.fields.capacity == room.1)
            #expect(reused.idHashes.capacity == room.2 && reused.lineStarts.capacity == room.3)
            var remembered = LineParser.Memory()
            let again = parser.parse(b, firstLine: 1, expectHeader: true, into: reused, remembering: &remembered)
            Self.same([again], fresh)
            #expect(again.lineStarts == fresh.lineStarts)
        }
    }

    /// A note repeated in every piece is one text, not one per piece: the thread that parses
    /// the pieces shares what it read in the pieces before.
    @Test func aTextRepeatedAcrossPiecesIsOne() {
        let note = "Đã gửi lấy ý kiến các bộ, ngành"
        var lines = ["steer-ledger 1"]
        for i in 0..<200 { lines.append("2025-01-03T08:00+07:00 @vpcp report T-\(i) note=\"\(note)\"") }
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let parser = LedgerParser(file: "notes.ledger")
        bytes.withUnsafeBufferPointer { b in
            // The replaying thread alone (no workers) parses all ten pieces, one after another.
            let pieces = Self.collect(parser, b, pieces: 10, workers: 0)
            #expect(pieces.count == 10)
            let notes = pieces.flatMap(\.events).compactMap { $0.event[.note] }
            #expect(notes.count == 200)
            #expect(Set(notes.map { IDHash.words(of: $0)!.1 }).count == 1)
        }
    }

    @Test(arguments: [2, 3, 7, 50])
    func piecesReadLikeOneParse(pieces: Int) {
        let parser = LedgerParser(file: "mixed.ledger")
        Self.mixed.withUnsafeBufferPointer { b in
            let whole = parser.parse(b)
            #expect(!whole.diagnostics.isEmpty && whole.tornTail != nil)
            let split = Self.collect(parser, b, pieces: pieces)
            #expect(split.count > 1)
            Self.same(split, whole)
        }
    }

    /// The replaying thread parses a piece itself whenever the one it is to replay is not
    /// ready: with no worker at all (one core), it parses every piece, in order. Run on a thread
    /// of its own and waited for a minute at most: a replaying thread that only waited for
    /// workers would wait for ever, and the test is to fail, not hang.
    @Test(arguments: [0, 1, 3])
    func piecesReadLikeOneParseWithAnyNumberOfWorkers(workers: Int) throws {
        let split = try Self.collectWithinAMinute(workers: workers)
        #expect(split.count > 1)
        Self.mixed.withUnsafeBufferPointer { Self.same(split, LedgerParser(file: "mixed.ledger").parse($0)) }
    }

    /// Workers that run ahead of a slow replay wait for places to be free, and are woken only
    /// once `LedgerParser.refill` of them are: every piece still comes, in order, whether one
    /// worker waits or several. Waited for a minute at most, as above: a piece left unparsed
    /// while the replaying thread waits for it would hang it. (A worker never woken again only
    /// leaves the replaying thread to parse the rest itself, which this cannot see.)
    @Test(arguments: [1, 3])
    func everyPieceComesInOrderWhileWorkersWaitForRoom(workers: Int) throws {
        let split = try Self.collectWithinAMinute(workers: workers, pause: 2_000)
        #expect(split.count > 10)
        Self.mixed.withUnsafeBufferPointer { Self.same(split, LedgerParser(file: "mixed.ledger").parse($0)) }
    }

    /// The mixed ledger's 50 pieces collected (`collect`) on a thread of their own, waited for
    /// a minute at most: a parse that hangs fails the test rather than hanging it.
    static func collectWithinAMinute(workers: Int, pause: UInt32 = 0) throws -> [LedgerParser.Output] {
        final class Result: @unchecked Sendable { var split: [LedgerParser.Output] = [] }
        let result = Result()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result.split = Self.mixed.withUnsafeBufferPointer {
                Self.collect(LedgerParser(file: "mixed.ledger"), $0, pieces: 50, workers: workers, pause: pause)
            }
            done.signal()
        }
        try #require(done.wait(timeout: .now() + 60) == .success, "parsed in pieces with \(workers) workers, \(pause) µs a piece")
        return result.split
    }

    @Test func piecesOfATailReadLikeOneParse() {
        let parser = LedgerParser(file: "mixed.ledger")
        Self.mixed.withUnsafeBufferPointer { b in
            let tail = UnsafeBufferPointer(rebasing: b[1000...])
            Self.same(Self.collect(parser, tail, firstLine: 41, expectHeader: false, pieces: 4),
                      parser.parse(tail, firstLine: 41, expectHeader: false))
        }
    }

    /// After pieces of comments only, the version line is looked for in the next piece (which
    /// is parsed again for it), not taken as seen; a line before it is refused as not being it.
    @Test(arguments: ["", "2025-01-02T08:00+07:00 @vpcp start T-1\n"])
    func aHeaderBeyondTheFirstPieceIsStillFound(before: String) {
        let bytes = Array((String(repeating: "# comment\n", count: 200) + before + "steer-ledger 1\n"
            + "2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\"\n").utf8)
        let parser = LedgerParser(file: "late.ledger")
        bytes.withUnsafeBufferPointer { b in
            let split = Self.collect(parser, b, pieces: 4)
            #expect(split.count == 4 && !split[0].sawHeader)
            Self.same(split, parser.parse(b))
        }
        var read = Ledger(file: "late.ledger")
        bytes.withUnsafeBufferPointer { read.ingest($0, pieces: 4, minimumPieceBytes: 64) }
        let whole = Ledger.load(bytes, file: "late.ledger")
        #expect(read.sawHeader == whole.sawHeader && read.eventCount == whole.eventCount)
        #expect(read.allDiagnostics.map { $0.rendered() } == whole.allDiagnostics.map { $0.rendered() })
    }

    /// Replaying each piece while the next ones are parsed gives the ledger one whole parse gives,
    /// refused lines quoted from the right place included, whether or not events are kept.
    @Test(arguments: [3, 50], [EventRetention.everyEvent, .boardOnly])
    func aLedgerLoadedInPiecesReplaysLikeOneLoadedWhole(pieces: Int, retention: EventRetention) {
        var piecewise = Ledger(file: "mixed.ledger", retention: retention)
        Self.mixed.withUnsafeBufferPointer { piecewise.ingest($0, pieces: pieces, minimumPieceBytes: 64) }
        let whole = Ledger.load(Self.mixed, file: "mixed.ledger")
        #expect(piecewise.eventCount == whole.events.count)
        #expect(retention == .boardOnly ? piecewise.events.isEmpty : piecewise.events == whole.events)
        #expect(piecewise.allDiagnostics.map { $0.rendered() } == whole.allDiagnostics.map { $0.rendered() })
        #expect(piecewise.latest.tasks.inOrder == whole.latest.tasks.inOrder)
        #expect(piecewise.consumed == whole.consumed && piecewise.lineCount == whole.lineCount)
        #expect(piecewise.tornTail == whole.tornTail)
    }

    /// The one pass over a line's bytes, the one replay runs (32 bytes at a time on x86-64 with
    /// AVX2), the one for CPUs without AVX2 (16) and the portable one, agrees with the standard
    /// library's validation and a plain look at the bytes: for every one- and two-byte sequence
    /// and three- and four-byte ones with every lead byte from E0 to F4, placed at offsets of the
    /// eight-byte words and 16- and 32-byte blocks read at once, across a block's end, at the
    /// line's very end (where a sequence is cut short), and for random lines of Vietnamese text,
    /// ASCII and stray bytes.
    @Test(arguments: ["widest", "sixteen", "portable"]) func lineByteCheckAgreesWithTheStandardLibrary(pass: String) {
        let check: (UnsafeBufferPointer<UInt8>) -> LineBytes.Kind? = switch pass {
        case "widest": LineBytes.check
        case "sixteen": LineBytes.checkSixteenAtATime
        default: LineBytes.checkPortably
        }
        func expected(_ b: [UInt8]) -> LineBytes.Kind? {
            if b.contains(where: { $0 < 0x20 && $0 != 9 || $0 == 0x7F }) { return nil }
            guard b.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) != nil else { return nil }
            return LineBytes.Kind(isASCII: b.allSatisfy { $0 < 0x80 }, hasMarks: b.contains { $0 == 0xCC || $0 == 0xCD })
        }
        func agree(_ bytes: [UInt8], pads: [Int] = [0, 5, 7, 8, 13, 14, 15, 16, 29, 30, 31, 32, 46, 61, 62], tails: [String] = ["tail", ""]) {
            for pad in pads {
                for tail in tails {
                    let line = Array(repeating: UInt8(ascii: "a"), count: pad) + bytes + Array(tail.utf8)
                    let got = line.withUnsafeBufferPointer(check)
                    if got != expected(line) { Issue.record("\(bytes.map { String($0, radix: 16) }) at \(pad) before \"\(tail)\": \(String(describing: got))") }
                }
            }
        }
        for a in 0...255 {
            agree([UInt8(a)])
            // At 14 (30), a sequence of three bytes cut after two ends the first block of 16
            // (32), and only the check of how a block may end refuses it when the next block is
            // ASCII. At 15 and 31 a pair straddles two blocks, or the two halves of one.
            for b in 0...255 { agree([UInt8(a), UInt8(b)], pads: [0, 7, 14, 15, 30, 31], tails: ["tail", "", String(repeating: "t", count: 40)]) }
        }
        for a in 0xE0...0xF4 {
            for b in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                for c in [0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF] {
                    // Cut short at 29 (61), then a whole block of ASCII: refused only by the
                    // check of how a block of 32 may end.
                    agree([UInt8(a), UInt8(b), UInt8(c)], tails: ["tail", "", String(repeating: "t", count: 40)])
                    agree([UInt8(a), UInt8(b), UInt8(c), 0x80])
                    agree([UInt8(a), UInt8(b), UInt8(c), 0x41])
                }
            }
        }
        var random = SplitMix64(seed: 57)
        let pieces: [[UInt8]] = ["Nghị định", "Bộ Khoa học và Công nghệ", "ạ", "e\u{0302}\u{0301}", "\t", "x", "😀"].map { Array($0.utf8) }
            + [[0x80], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0x7F], [0xF4, 0x90, 0x80, 0x80]]
        for _ in 0..<20_000 {
            let line = (0..<Int(random.next() % 12)).flatMap { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            agree(line, pads: [Int(random.next() % 65)], tails: [["tail", ""][Int(random.next() % 2)]])
        }
    }

    /// The pass over a piece's lines at once clears a text exactly when every line of it (split
    /// at its newlines) is clear and holds no mark, and then says whether the text is ASCII:
    /// every byte and pair of bytes just before, just after and around a newline, at offsets
    /// that put the newline at and across the ends of 16- and 32-byte blocks, and random texts
    /// of many lines of Vietnamese, ASCII, carriage returns and stray bytes.
    @Test(arguments: ["widest", "sixteen"]) func piecePassClearsWhatEveryLinePassClears(pass: String) {
        let check: (UnsafeBufferPointer<UInt8>) -> LineBytes.Kind? = switch pass {
        case "widest": LineBytes.checkLines
        default: LineBytes.checkLinesSixteenAtATime
        }
        func expected(_ text: [UInt8]) -> LineBytes.Kind? {
            for line in text.split(separator: 10, omittingEmptySubsequences: false) {
                guard let kind = Array(line).withUnsafeBufferPointer(LineBytes.checkPortably), !kind.hasMarks else { return nil }
            }
            return LineBytes.Kind(isASCII: text.allSatisfy { $0 < 0x80 }, hasMarks: false)
        }
        func agree(_ text: [UInt8]) {
            let got = text.withUnsafeBufferPointer(check)
            if got != expected(text) { Issue.record("\(text.map { String($0, radix: 16) }): \(String(describing: got))") }
        }
        for a in 0...255 {
            for b in 0...255 {
                for pad in [0, 13, 14, 15, 29, 30, 31] {
                    let lead = Array(repeating: UInt8(ascii: "a"), count: pad), tail = Array("tail".utf8)
                    agree(lead + [UInt8(a), 10, UInt8(b)] + tail)
                    agree(lead + [10, UInt8(a), UInt8(b)] + tail)
                    agree(lead + [UInt8(a), UInt8(b), 10] + tail)
                }
            }
        }
        var random = SplitMix64(seed: 57)
        let pieces: [[UInt8]] = ["Nghị định", "Bộ Khoa học và Công nghệ", "\n", "\n", "\t", "x", "😀", "\r\n", "e\u{0302}\u{0301}"].map { Array($0.utf8) }
            + [[0x80], [0xE1, 0xBA], [0xED, 0xA0, 0x80], [0x7F], [0x00], [0xF4, 0x90, 0x80, 0x80]]
        for _ in 0..<20_000 {
            // Mostly good lines, as a ledger's are, so that texts the pass clears are common.
            let good = pieces.prefix(7)
            agree((0..<Int(random.next() % 40)).flatMap { _ in
                random.next() % 16 == 0 ? pieces[Int(random.next() % UInt64(pieces.count))] : good[Int(random.next() % UInt64(good.count))]
            })
        }
    }

    /// Every one- and two-byte sequence, and three- and four-byte ones with every lead byte
    /// from E0 to F4, placed in a value (at every offset of the eight-byte words checked at
    /// once): a control byte is reported first, then invalid UTF-8 exactly where the standard
    /// library finds it invalid, and a valid line reads its value back byte for byte.
    @Test func byteCheckAgreesWithTheStandardLibrary() {
        let parser = LedgerParser(file: "x")
        func verdict(_ bytes: [UInt8], pad: Int) -> String {
            let head = Array("steer-ledger 1\n2025-01-02T08:00+07:00 @vpcp report T-1 note=\"".utf8) + Array(repeating: UInt8(ascii: "a"), count: pad)
            let out = parser.parse(head + bytes + Array("\"\n".utf8))
            if let d = out.diagnostics.first {
                if d.message.contains("control") || d.message.contains("NUL") { return "control" }
                if d.message.contains("invalid UTF-8") { return "invalid" }
                return "other"
            }
            let value = out.events.first?.event[.note]
            return value.map { Array($0.utf8) == Array(repeating: UInt8(ascii: "a"), count: pad) + bytes ? "ok" : "changed" } ?? "none"
        }
        func expected(_ bytes: [UInt8]) -> String {
            // A line feed ends the line (and a carriage return before it is a CRLF).
            if bytes.contains(10) || bytes.contains(13) { return "skip" }
            if bytes.contains(where: { $0 < 0x20 && $0 != 9 || $0 == 0x7F }) { return "control" }
            // A quote or a backslash ends the value or starts an escape: not what is tested here.
            if bytes.contains(where: { $0 == 34 || $0 == 92 }) { return "skip" }
            // Combining marks are normalised to NFC, so the value may change: skip them too.
            if bytes.contains(where: { $0 == 0xCC || $0 == 0xCD }) { return "skip" }
            return bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } == nil ? "invalid" : "ok"
        }
        func agree(_ bytes: [UInt8]) {
            let want = expected(bytes)
            guard want != "skip" else { return }
            for pad in [0, 3, 7] where verdict(bytes, pad: pad) != want {
                Issue.record("\(bytes.map { String($0, radix: 16) }) at \(pad): \(verdict(bytes, pad: pad)), wanted \(want)")
            }
        }
        for a in 0...255 {
            agree([UInt8(a)])
            for b in 0...255 { agree([UInt8(a), UInt8(b)]) }
        }
        for a in 0xE0...0xF4 {
            for b in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                for c in [0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF] {
                    agree([UInt8(a), UInt8(b), UInt8(c)])
                    agree([UInt8(a), UInt8(b), UInt8(c), 0x80])
                    agree([UInt8(a), UInt8(b), UInt8(c), 0x41])
                }
            }
        }
    }

    @Test func valuesWithAndWithoutEscapesDecodeAsBefore() {
        let line = #"2025-01-02T08:00+07:00 @vpcp assign T-1 title="Nguye\u{0302}\u{0303}n \"Văn\" A\\B\t" owner="Vụ Pháp chế" note=plain"#
        let out = LedgerParser(file: "x").parse(Array(("steer-ledger 1\n" + line + "\n").utf8))
        #expect(out.diagnostics.isEmpty)
        let e = out.events.first?.event
        #expect(e?[.title] == "Nguyễn \"Văn\" A\\B\t")
        #expect(e?[.owner] == "Vụ Pháp chế")
        #expect(e?[.note] == "plain")
    }

    /// A line all of ASCII can still give a value that is not: escapes. Such a value is built as
    /// the non-ASCII text it is, and its combining marks are composed like any others.
    @Test func escapesInAnASCIILineGiveTheTextTheyName() {
        let line = #"2025-01-02T08:00+07:00 @vpcp assign T-1 title="Nguye\u{302}\u{303}n" owner="caf\u{e9}" note="\u{1F600}""#
        let out = LedgerParser(file: "x").parse(Array(("steer-ledger 1\n" + line + "\n").utf8))
        #expect(out.diagnostics.isEmpty)
        let e = out.events.first?.event
        #expect(e?[.title] == "Nguyễn" && e?[.title]?.unicodeScalars.count == 6 && e?[.title]?.count == 6)
        #expect(e?[.owner] == "café" && e?[.owner]?.count == 4 && e?[.owner]?.utf8.count == 5)
        #expect(e?[.note] == "😀" && e?[.note]?.count == 1 && e?[.note]?.utf8.count == 4)
        #expect(e?[.owner]?.hasSuffix("é") == true && e?[.owner]?.lowercased() == "café")
    }
}

/// A ledger that keeps only the board must replay to the same board as one that keeps every event.
/// Replay looks tasks up a few events before it applies one to them; a task assigned in
/// between, assigned twice, or never, must come out as applying the events one by one says.
@Suite struct LookaheadTests {
    @Test func replayLookingAheadAgreesWithApplyingEachEventAlone() throws {
        var lines = ["steer-ledger 1", "2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\""]
        var rng = SplitMix64(seed: 7)
        for i in 0..<3000 {
            let id = "T-\(Int(rng.next() % 300))"
            let verb = ["assign \(id) title=\"Việc \(i)\" lead=BKHCN", "start \(id)", "report \(id) progress=\(i % 100)",
                        "submit \(id)", "accept \(id)", "cancel \(id) reason=\"Thôi\""][Int(rng.next() % 6)]
            lines.append("2025-01-03T08:00+07:00 @vpcp \(verb)")
        }
        #expect(replayedAsAppliedOneByOne(lines).refused.count > 500, "assigned twice, not yet assigned, closed")
    }

    /// The board `lines` give applied one event at a time, and the messages of those refused,
    /// having expected replaying them (looking ahead, reading texts where the pieces hold them)
    /// to give the same tasks and refuse the same events.
    func replayedAsAppliedOneByOne(_ lines: [String], sourceLocation: SourceLocation = #_sourceLocation) -> (board: Board, refused: [String]) {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        let replayed = Ledger.load(bytes, file: "f")
        var board = Board()
        var refused: [String] = []
        for located in LedgerParser(file: "f").parse(bytes).events {
            do { try board.apply(located.event, index: 0) } catch { refused.append(error.message) }
        }
        #expect(replayed.latest.tasks.inOrder == board.tasks.inOrder, sourceLocation: sourceLocation)
        #expect(replayed.diagnostics.map(\.message) == refused, sourceLocation: sourceLocation)
        return (board, refused)
    }

    /// Replay reads a kind, a stage, a date and a list of agencies from the words a parsed piece
    /// holds a short value in (`EventReading.valueWords`), and any other from its String: kinds
    /// and stages known and not, dates real, impossible and malformed, lists shared, new, too
    /// long to be held inline and naming an agency never declared must come out as applying
    /// the events one by one.
    @Test func valuesHeldInlineOrNotAreReadAlike() throws {
        var lines = ["steer-ledger 1",
                     "2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\"",
                     "2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name=\"Bộ Tài chính\"",
                     "2025-01-02T08:00+07:00 @vpcp agency VPCP kind=ministry name=\"Văn phòng Chính phủ\""]
        let kinds = ["decree", "task", "report", "law", "memo", "\"decree\""]
        let dates = ["2025-06-20", "2024-02-29", "2025-02-30", "2025-13-01", "2025-6-20", "\"2025-07-01\"", "2025-06-2x"]
        let stages = ["drafting", "consultation", "appraisal", "submitted", "issued", "approval", "\"appraisal\""]
        let lists = ["BKHCN", "BTC", "BKHCN,BTC", "BTC,BKHCN", "BKHCN,BTC,BKHCN", "BXD", "\"BTC\"", "BKHCN,BTC,VPCP,BXD"]
        let supports = ["VPCP", "\"VPCP\"", "VPCP,VPCP", "BXD", "BTC", "VPCP,BKHCN"]
        var rng = SplitMix64(seed: 21)
        func any(_ values: [String]) -> String { values[Int(rng.next() % UInt64(values.count))] }
        for i in 0..<3000 {
            let id = "T-\(Int(rng.next() % 300))"
            let verb = ["assign \(id) title=\"Việc \(i)\" kind=\(any(kinds)) lead=\(any(lists)) support=\(any(supports)) due=\(any(dates))",
                        "stage \(id) stage=\(any(stages))", "extend \(id) due=\(any(dates)) reason=\"Chậm\"", "start \(id)",
                        "amend \(id) kind=\(any(kinds)) due=\(any(dates))"][Int(rng.next() % 5)]
            lines.append("2025-01-03T08:00+07:00 @vpcp \(verb)")
        }
        let (board, refused) = replayedAsAppliedOneByOne(lines)
        #expect(board.tasks.inOrder.contains { $0.kind == .decree && $0.stage == .appraisal && $0.leads.count == 2 && $0.due != nil })
        for why in ["unknown task kind", "unknown stage", "is not a date on the calendar", "is not a date", "unknown agency", "is named twice",
                    "only move forward", "cannot also support it"] {
            #expect(refused.contains { $0.contains(why) }, "some events are refused: \(why)")
        }
    }

    /// Replay finds an actor's grant and an event's task by the words a parsed piece holds a
    /// short name in (`PieceText`), and a longer one by its String: members and ids of either
    /// length, focal points of either agency, must come out as applying the events one by one.
    @Test func namesHeldInlineOrNotAreFoundAlike() throws {
        var lines = ["steer-ledger 1",
                     "2025-01-02T08:00+07:00 @vpcp agency BKHCN kind=ministry name=\"Bộ Khoa học và Công nghệ\"",
                     "2025-01-02T08:00+07:00 @vpcp agency BTC kind=ministry name=\"Bộ Tài chính\"",
                     "2025-01-02T08:00+07:00 @vpcp member vpcp role=secretariat",
                     "2025-01-02T08:00+07:00 @vpcp member dm.bkhcn role=focal agency=BKHCN",
                     "2025-01-02T08:00+07:00 @vpcp member focal.point.of.btc.long role=focal agency=BTC",
                     "2025-01-02T08:00+07:00 @vpcp member viewer.with.a.long.login role=viewer"]
        let actors = ["vpcp", "vpcp", "dm.bkhcn", "focal.point.of.btc.long", "viewer.with.a.long.login", "stranger"]
        var rng = SplitMix64(seed: 11)
        for i in 0..<3000 {
            let n = Int(rng.next() % 200)
            let id = n % 2 == 0 ? "T-\(n)" : "A-TASK-ID-LONGER-THAN-15-\(n)"
            let lead = n % 3 == 0 ? "BTC" : "BKHCN"
            let verb = ["assign \(id) title=\"Việc \(i)\" lead=\(lead)", "start \(id)", "report \(id) progress=\(i % 100)",
                        "submit \(id)", "accept \(id)"][Int(rng.next() % 5)]
            lines.append("2025-01-03T08:00+07:00 @\(actors[Int(rng.next() % UInt64(actors.count))]) \(verb)")
        }
        let refused = replayedAsAppliedOneByOne(lines).refused
        for who in ["not a member", "is a viewer", "is the focal point of BTC", "is the focal point of BKHCN", "no task A-TASK-ID"] {
            #expect(refused.contains { $0.contains(who) }, "some events are refused because \(who)")
        }
    }
}

@Suite struct RetentionTests {
    @Test func keepingOnlyTheBoardReplaysToTheSameBoard() throws {
        let bytes = [UInt8](try Data(contentsOf: fixture("Fixtures/nq57.ledger")))
        let full = Ledger.load(bytes, file: "nq57.ledger")
        let lean = Ledger.load(bytes, file: "nq57.ledger", retention: .boardOnly)
        #expect(full.eventCount == full.events.count && full.eventCount > 2000)
        #expect(lean.eventCount == full.eventCount)
        #expect(lean.events.isEmpty)
        #expect(lean.latest.tasks.inOrder == full.latest.tasks.inOrder)
        #expect(lean.allDiagnostics == full.allDiagnostics)
        #expect(lean.consumed == full.consumed && lean.lineCount == full.lineCount)
    }

    /// The mixed ledger's refused events are counted in neither; its diagnostics are the same.
    @Test func refusedEventsAreNotCountedEitherWay() {
        let full = Ledger.load(ParsingInPiecesTests.mixed, file: "mixed.ledger")
        let lean = Ledger.load(ParsingInPiecesTests.mixed, file: "mixed.ledger", retention: .boardOnly)
        #expect(lean.eventCount == full.events.count)
        #expect(lean.allDiagnostics.map { $0.rendered() } == full.allDiagnostics.map { $0.rendered() })
        #expect(lean.latest.tasks.inOrder == full.latest.tasks.inOrder)
    }
}
