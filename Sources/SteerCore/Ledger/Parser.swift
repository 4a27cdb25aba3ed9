import CLineBytes
import Dispatch
// The core count, as Foundation counts it (CPU quotas of a container included).
import class FoundationEssentials.ProcessInfo
import Glibc

/// An event and the line it was read from.
public struct LocatedEvent: Sendable, Hashable {
    public var event: Event
    public var line: Int
    public init(event: Event, line: Int) { self.event = event; self.line = line }
}

/// An event as the parser lays it out: its fields are a run of the one array of fields of its
/// piece (`LedgerParser.Output.fields`), where an array of its own cost an allocation and a
/// free for every line, and its texts are `PieceText`s. Replay reads it where it lies
/// (`Reading`); whoever keeps an event makes it an `Event`.
struct ParsedEvent: Sendable {
    var time: Timestamp
    var actor: PieceText
    var id: PieceText
    var line: Int
    // In this order, writing an event cost the parser 24 instructions fewer than with the verb
    // and the count before `firstField` (callgrind, `check` at 100k: 15M of 2,097M).
    var firstField: Int
    var fieldCount: Int32
    var verb: Verb

    /// Its own fields among `fields`, the fields of its piece.
    /// Made from the run's start and count, which the parser set within `fields`: made as a
    /// slice, its range was checked for every event replayed.
    func fields(among fields: UnsafeBufferPointer<PieceField>) -> UnsafeBufferPointer<PieceField> {
        UnsafeBufferPointer(start: fields.baseAddress.map { $0 + firstField }, count: Int(fieldCount))
    }

    /// The event itself, with `fields`, its own, its texts copied out of its piece's `texts`.
    func event(fields: UnsafeBufferPointer<PieceField>, texts: PieceTexts) -> Event {
        Event(time: time, actor: actor.string(texts), verb: verb, id: id.string(texts),
              fields: fields.map { Field($0.key, $0.value.string(texts)) })
    }

    /// An event of a piece read where it lies, as the state machine reads events: the piece's
    /// events, fields and texts must stay where they are while it is read.
    struct Reading: EventReading {
        let head: UnsafePointer<ParsedEvent>
        let fields: PieceFields
        /// Whether the piece is spent once the event is applied: the texts the board keeps are
        /// then taken out of it (`keptValue(at:)`).
        private let spends: Bool

        /// Event `i` of `events`, its fields among `fields`, its texts among `texts`, which are
        /// spent once it is applied when `spends`.
        init(_ events: UnsafeBufferPointer<ParsedEvent>, _ i: Int, fields all: UnsafeBufferPointer<PieceField>,
             texts: PieceTexts, spends: Bool) {
            head = events.baseAddress! + i
            fields = PieceFields(fields: head.pointee.fields(among: all), texts: texts)
            self.spends = spends
        }

        // Inlined, here and below: called out of line, reading a text cost a call and a branch
        // for every field looked at and for the actor and id of every event.
        @inline(__always)
        func key(at i: Int) -> Key { fields.fields[i].key }

        @inline(__always)
        func value(at i: Int) -> String { fields.fields[i].value.string(fields.texts) }

        @inline(__always)
        func keptValue(at i: Int) -> String {
            spends ? fields.fields[i].value.take(fields.texts) : value(at: i)
        }

        @inline(__always)
        func withValueBytes<R>(_ key: Key, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            fieldIndex(of: key).map { fields.fields[$0].value.withBytes(fields.texts, body) }
        }

        @inline(__always)
        func valueWords(_ key: Key) -> (UInt64, UInt64)? {
            fieldIndex(of: key).flatMap { fields.fields[$0].value.inlineWords }
        }

        var actorWords: (UInt64, UInt64)? { head.pointee.actor.inlineWords }
        var idWords: (UInt64, UInt64)? { head.pointee.id.inlineWords }

        var time: Timestamp { head.pointee.time }
        @inline(__always)
        var actor: String { head.pointee.actor.string(fields.texts) }
        var verb: Verb { head.pointee.verb }
        @inline(__always)
        var id: String { head.pointee.id.string(fields.texts) }
        var line: Int { head.pointee.line }

        var event: Event { head.pointee.event(fields: fields.fields, texts: fields.texts) }
    }
}

/// The first line of every ledger.
public enum LedgerHeader {
    public static let text = "steer-ledger 1"

    /// The report of a file of blank lines and comments alone, whose first line is `firstLine`:
    /// no ledger yet, or one whose top was cut off. Neither is read as an empty ledger nor
    /// written to.
    public static func missing(file: String, firstLine: String) -> Diagnostic {
        Diagnostic(file: file, line: 1, column: 1, message: "this is not a steer ledger: it has no line `\(text)`, only blank lines and comments",
                   hint: "a ledger starts with `\(text)`, which its first event (`steer agency …`) writes below these lines; if this is a ledger whose top was cut off, put the line back", lineText: firstLine)
    }
}

/// Turns ledger bytes into events, collecting every syntax error as a located diagnostic
/// instead of stopping at the first. Works on bytes: the line and field splitting never builds
/// a String until a value is known to be well-formed.
public struct LedgerParser: Sendable {
    public struct Output: Sendable {
        /// The events, in file order, each with its fields in `fields`.
        var parsed: [ParsedEvent] = []
        var fields: [PieceField] = []
        /// The texts of the events and fields that are neither held inline nor left in the
        /// input (`PieceText`).
        var texts: [String] = []
        /// Whether some texts were left in the input (`PieceText(slice:_:)`): the output is then
        /// read only with the bytes it was parsed from (`ParsedEvent.Reading`).
        var holdsSlices = false
        /// The events as values of their own, for those who keep them (replay reads `parsed`).
        /// Made anew at each read: a caller reads it once.
        public var events: [LocatedEvent] {
            precondition(!holdsSlices, "an output holding slices of its input is read with the input")
            return fields.withUnsafeBufferPointer { fields in
                texts.withUnsafeBufferPointer { texts in
                    // Only read: no text is taken out of them.
                    let piece = PieceTexts(strings: UnsafeMutableBufferPointer(mutating: texts), bytes: UnsafeBufferPointer(start: nil, count: 0))
                    return parsed.map { LocatedEvent(event: $0.event(fields: $0.fields(among: fields), texts: piece), line: $0.line) }
                }
            }
        }
        /// The hash of each event's id (`IDHash`), taken from the line's bytes as it is parsed,
        /// on the core that parses it, so that replay need not.
        var idHashes: [Int] = []
        /// Where each event's line starts in the input, for a parser that `keepsLineStarts`.
        var lineStarts: [Int] = []
        public var diagnostics: [Diagnostic] = []
        /// Bytes consumed: everything up to and including the last newline.
        public var consumed = 0
        /// Lines consumed (complete lines only).
        public var lines = 0
        /// Whether the version line was seen.
        public var sawHeader = false
        /// Byte range (relative to the input) of a last line with no newline: an interrupted write.
        public var tornTail: Range<Int>?
        /// The report of that torn tail, kept apart: it is about bytes not consumed yet.
        public var tornDiagnostic: Diagnostic?

        /// Whether, for input that starts a file, the version line question was settled: the
        /// first line that is neither blank nor a comment was met, and was the header or was
        /// reported as not being one. A comment refused for its bytes settles nothing: the
        /// version line may still follow it.
        public internal(set) var settledHeader = false

        init() {}

        /// An empty output in the room of `spent`'s arrays, which are emptied (their text
        /// released) but keep their capacity: the arrays of a piece's output take some 1.4 MB a
        /// megabyte of ledger, and made anew for every piece, each page of them was a fresh one
        /// the kernel had to fault in and zero (a third of the page faults of a replay).
        init(reusing spent: consuming Output) {
            // Moved, not copied: emptying an array whose storage `spent` still held would
            // allocate new room, not keep this.
            swap(&parsed, &spent.parsed)
            swap(&fields, &spent.fields)
            swap(&texts, &spent.texts)
            swap(&idHashes, &spent.idHashes)
            swap(&lineStarts, &spent.lineStarts)
            holdsSlices = false
            parsed.removeAll(keepingCapacity: true)
            fields.removeAll(keepingCapacity: true)
            texts.removeAll(keepingCapacity: true)
            idHashes.removeAll(keepingCapacity: true)
            lineStarts.removeAll(keepingCapacity: true)
        }

        /// Renumbers a piece's output as part of a larger input that starts `bytes` earlier,
        /// `lines` lines earlier.
        mutating func shift(lines: Int, bytes: Int) {
            // Line numbers stay far inside an Int: added without checks, in place.
            parsed.withUnsafeMutableBufferPointer { events in
                for i in events.indices { events[i].line &+= lines }
            }
            for i in lineStarts.indices { lineStarts[i] += bytes }
            for i in diagnostics.indices { diagnostics[i].line += lines }
            tornDiagnostic?.line += lines
            tornTail = tornTail.map { ($0.lowerBound + bytes)..<($0.upperBound + bytes) }
            consumed += bytes
        }
    }

    public let file: String
    /// Whether the output says where each event's line starts: a ledger that reads histories
    /// back from the file records it for every event.
    let keepsLineStarts: Bool

    public init(file: String) { self.init(file: file, keepsLineStarts: false) }

    init(file: String, keepsLineStarts: Bool) {
        self.file = file
        self.keepsLineStarts = keepsLineStarts
    }

    /// Parses `bytes`. `firstLine` is the line number of the first byte; `expectHeader` is true
    /// when the bytes start at the beginning of the file.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, expectHeader: Bool = true) -> Output {
        var memory = LineParser.Memory()
        return parse(bytes, firstLine: firstLine, expectHeader: expectHeader, into: Output(), remembering: &memory)
    }

    /// `parse`, into `room`, an empty output (one made `reusing` a spent one), sharing texts and
    /// dates through `memory` with what was parsed before. `leavingTexts`, the values no task
    /// shares are left in `bytes` (`PieceText(slice:_:)`), for a caller that reads the output
    /// while `bytes` are still there.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, expectHeader: Bool, into room: consuming Output,
               remembering memory: inout LineParser.Memory, leavingTexts: Bool = false) -> Output {
        // Moved, not copied: a copy shared the arrays with the parameter, and reserving room
        // below made new ones for every piece, which then grew as they filled.
        var out = consume room
        out.holdsSlices = leavingTexts
        // Room for the events at once: grown by doubling, the array was copied a dozen times
        // (a line takes some 100 bytes; too little room only means growing).
        out.parsed.reserveCapacity(bytes.count / 96)
        out.idHashes.reserveCapacity(bytes.count / 96)
        // Fewer than one a line: a third of them (start, submit, accept) have none.
        out.fields.reserveCapacity(bytes.count / 64)
        var start = 0
        let n = bytes.count
        var lineNo = firstLine
        var needHeader = expectHeader
        // A byte-order mark is one only at the very start of the file.
        if expectHeader, firstLine == 1, n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        // Every line's bytes cleared at once, as they almost always are; else line by line.
        let cleared = LineBytes.checkLines(bytes)
        var lineParser = LineParser(line: lineNo, bytes: UnsafeBufferPointer(rebasing: bytes[0..<0]), readable: bytes, cleared: cleared,
                                    slicesOf: leavingTexts ? bytes : nil)
        while start < n {
            guard let nl = Self.newline(in: bytes, from: start) else {
                out.tornTail = start..<n
                let text = UnsafeBufferPointer(rebasing: bytes[start..<n])
                // Where the version line is due, only the version line cut short can be a write
                // steer began: a file with no newline at all (a note, a file saved with CR line
                // ends) is another file, whose bytes `repair` must not take for a torn line.
                if needHeader {
                    var cut = text[...]
                    while let last = cut.last, last == 32 || last == 9 { cut = cut.dropLast() }
                    if Self.isBlankOrComment(text), !text.contains(13) {
                        // Comments alone, the last without its newline: no ledger, and no write
                        // of steer's cut short either.
                        out.tornDiagnostic = .at(file, line: lineNo, bytes: text, byteOffset: text.count,
                            "this is not a steer ledger: it has no line `\(LedgerHeader.text)`, only comments, the last without its newline",
                            hint: "end it with a newline (printf '\\n' >> \(ShellWord.quoted(file))): the first event then writes the version line below the comments")
                        break
                    }
                    if !LedgerHeader.text.utf8.starts(with: cut) {
                        out.tornDiagnostic = notTheVersionLine(text, line: lineNo)
                        break
                    }
                }
                // A line typed in an editor that adds no final newline reads as a whole event:
                // setting it aside would drop it.
                var probe = LineParser(line: lineNo, bytes: text, readable: text)
                var memory = LineParser.Memory()
                var fields: [PieceField] = [], texts: [String] = []
                let whole = !Self.isBlankOrComment(text) && probe.parse(remembering: &memory, fields: &fields, texts: &texts) != nil
                out.tornDiagnostic = whole
                    ? .at(file, line: lineNo, bytes: text, byteOffset: text.count,
                          "the last line has no newline: typed without one, or an interrupted write",
                          hint: "it reads as a whole event, but a write cut short can too (progress=50 cut to progress=5): if it is what was meant, end it with a newline (printf '\\n' >> \(ShellWord.quoted(file))); if not, `steer repair` moves these \(text.count) bytes to a side file")
                    : .at(file, line: lineNo, bytes: text, byteOffset: text.count,
                          "the last line has no newline: an interrupted write",
                          hint: "nothing is appended after it until `steer repair` moves these \(text.count) bytes to a side file")
                break
            }
            var end = nl
            if end > start, bytes[end - 1] == 13 { end -= 1 }  // CRLF
            let line = UnsafeBufferPointer(rebasing: bytes[LineParser.span(start, end)])
            if Self.isBlankOrComment(line) {
                // Held to the bytes every line is: no NUL, no raw control character, valid UTF-8.
                // A comment is read too, by grep, cat and editors.
                if cleared == nil {
                    var check = LineParser(line: lineNo, bytes: line, readable: line)
                    if var bad = check.checkBytes() {
                        bad.file = file
                        out.diagnostics.append(bad)
                    }
                }
            } else if needHeader {
                needHeader = false
                out.settledHeader = true
                if Self.equals(line, LedgerHeader.text) {
                    out.sawHeader = true
                } else {
                    out.diagnostics.append(notTheVersionLine(line, line: lineNo))
                }
            } else {
                lineParser.start(line: lineNo, at: start, bytes: line, readable: UnsafeBufferPointer(rebasing: bytes[start..<n]))
                if let e = lineParser.parse(remembering: &memory, fields: &out.fields, texts: &out.texts) {
                    out.parsed.append(e)
                    out.idHashes.append(lineParser.idHash)
                    if keepsLineStarts { out.lineStarts.append(start) }
                } else {
                    guard var d = lineParser.failure.take() else { preconditionFailure("a refused line says why") }
                    d.file = file
                    out.diagnostics.append(d)
                }
            }
            start = nl &+ 1
            out.consumed = start
            out.lines &+= 1
            lineNo &+= 1
        }
        return out
    }

    public func parse(_ bytes: [UInt8], firstLine: Int = 1, expectHeader: Bool = true) -> Output {
        bytes.withUnsafeBufferPointer { parse($0, firstLine: firstLine, expectHeader: expectHeader) }
    }

    /// Below this size a parse stays on one thread: starting threads would cost more than it saves.
    public static let minimumPieceBytes = 1 << 20

    /// The size of a piece when a large input is split: small enough that replaying one piece
    /// overlaps parsing the next and few parsed pieces wait in memory, large enough that
    /// handing pieces over costs nothing next to parsing them. Each parsing thread shares
    /// repeated text across the pieces it parses (`LineParser.Memory`), so the size of a piece
    /// does not change what the board keeps. 2 MiB pieces kept some 15 MB more in flight at
    /// 100k tasks (their bytes, parsed events and fields); against 1 MiB, 256 KiB pieces took
    /// the peak of a replay from 56 to 48 MB and its time ~3% down at 100k and 1M alike. Since
    /// replay stopped copying and hashing what the parser had made, smaller pieces cost no
    /// time: against 256 KiB, 64 KiB took the peak of `show overdue` replaying every line from
    /// 35.3 to 31.3 MB at 100k tasks and 18.3 to 16.0 MB at 10k (2026-12-06, three runs each),
    /// in the same time (medians of 21 interleaved runs 170 and 164 ms; at 1M, of 5, 1.88 and
    /// 1.72 s). 32 KiB took it 0.4 MB lower again (medians of 5 runs, 28.4 against 28.9 MB;
    /// 143 against 144 MB at 1M) for 0.6% more instructions (callgrind, `check` at 100k), the
    /// twice as many hand-overs; smaller pieces would cost more hand-overs for less.
    static let pieceBytes = 32 << 10

    /// Parses `bytes` as `parse` does, but split at line boundaries into pieces parsed on every
    /// core at once, and hands the pieces' outputs to `body` in file order, each as soon as it
    /// is parsed: the caller replays one piece while the next ones are parsed, and at most a few
    /// parsed pieces wait in memory. Line numbers, byte ranges and `consumed` are those of the
    /// whole input, so reading the outputs in order is reading the one output `parse` gives.
    /// Small inputs are parsed in one piece. (Tests lower `minimumPieceBytes` and choose
    /// `pieces` to split small inputs.)
    func parseInPieces(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 1, expectHeader: Bool = true,
                       pieces wanted: Int? = nil, minimumPieceBytes: Int = LedgerParser.minimumPieceBytes,
                       workers: Int = LedgerParser.workers, leavingTexts: Bool = false, _ body: (inout Output, Piece) -> Void) {
        let bounds = Self.pieceBounds(bytes, wanted: wanted ?? max(2 * Self.cores, bytes.count / Self.pieceBytes),
                                      minimumPieceBytes: minimumPieceBytes)
        parseInPieces(MemoryPieces(bytes: bytes, bounds: bounds), firstLine: firstLine, expectHeader: expectHeader, workers: workers,
                      leavingTexts: leavingTexts, body)
    }

    /// Asked once: Foundation reads the container's CPU quota from files each time.
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// How many pieces the workers may have parsed ahead of the one being replayed.
    static var lookahead: Int { 2 * cores }

    /// How many pieces the replaying thread takes before a worker that waits for a place is
    /// woken: half the lookahead, so that it is woken once for every two pieces on two cores.
    static var refill: Int { cores }

    /// Threads that only parse: one for each core but the replaying thread's.
    static var workers: Int { max(cores - 1, 0) }

    /// Parses the pieces of `source` on every core and hands them to `body` in order, until the
    /// last one or one that ends the input (`FilePieces` are read by the cores that parse
    /// them). Returns the `errno` of a read that failed: the pieces before that one were
    /// handed over, and nothing of it.
    ///
    /// One core is the calling thread's: it replays the pieces, and parses the next one itself
    /// whenever the piece it is to replay is not parsed yet; `workers` threads parse on the
    /// other cores (tests choose how many, none included). A worker on every core besides made
    /// three threads for two cores, each given two thirds of one: the replaying thread, which
    /// the end of the run waits for, fell behind and replayed the last pieces alone (`steer
    /// check` at 100k tasks, `hyperfine -r 40`: 176 ms, now 150, the CPU time the same).
    ///
    /// `leavingTexts`, each piece's values that no task shares are left in its bytes
    /// (`PieceText(slice:_:)`), for a `body` that reads the output with them.
    @discardableResult
    func parseInPieces(_ source: some PieceSource, firstLine: Int, expectHeader: Bool, workers workerCount: Int = LedgerParser.workers,
                       leavingTexts: Bool = false, _ body: (inout Output, Piece) -> Void) -> Int32? {
        guard source.count > 1 else {
            var piece = source.whole()
            if let failure = piece.readError { return failure }
            piece.firstLine = firstLine
            var out = parse(piece.bytes, firstLine: firstLine, expectHeader: expectHeader)
            body(&out, piece)
            return nil
        }
        let queue = PieceQueue(count: source.count, lookahead: Self.lookahead, refill: Self.refill)
        @Sendable func parsePiece(_ i: Int) {
            var reused = queue.takeReusable()
            let piece = source.piece(i, reusing: reused.storage)
            var room = Output()
            // Consumed: a copy left behind would share the arrays, and emptying them allocate anew.
            if let spent = reused.output.take() { room = Output(reusing: consume spent) }
            // What an earlier piece's parse left, so that a text repeated across pieces is one.
            var memory = reused.memory.take() ?? LineParser.Memory()
            let out = parse(piece.bytes, firstLine: 1, expectHeader: expectHeader && i == 0, into: consume room, remembering: &memory, leavingTexts: leavingTexts)
            queue.finished(i, Parsed(output: out, piece: piece), giving: memory)
        }
        let workers = DispatchGroup()
        for _ in 0..<workerCount {
            DispatchQueue.global().async(group: workers) {
                while let i = queue.nextToParse() { parsePiece(i) }
            }
        }
        defer {
            queue.cancel()
            workers.wait()
            // The last pieces replayed, which no worker came back for, are freed on another
            // thread too: the caller has what it needs, and need not wait for that.
            let leftovers = queue.takeDiscarded()
            DispatchQueue.global().async { _ = consume leftovers }
        }
        var line = firstLine
        // Every piece after the first is parsed as if the version line had been seen.
        var headerDue = expectHeader
        for i in 0..<source.count {
            while let next = queue.nextToParse(unlessParsed: i) { parsePiece(next) }
            var parsed = queue.take(i)
            // A piece whose read failed is not taken in: its last line would look torn.
            if let failure = parsed.piece.readError { return failure }
            // How far the piece's line numbers are from the input's: it was parsed from line 1.
            var lineShift = line - 1
            if headerDue, i > 0 {
                // The pieces before held only blank and comment lines (rare: 32 KB of them),
                // so this one is parsed again, expecting the version line, from its own line.
                var again = parse(parsed.piece.bytes, firstLine: line, expectHeader: true)
                swap(&again, &parsed.output)
                lineShift = 0
            }
            if !parsed.piece.bytes.isEmpty { headerDue = headerDue && !parsed.output.settledHeader }
            parsed.piece.firstLine = line
            parsed.output.shift(lines: lineShift, bytes: parsed.piece.offset)
            line += parsed.output.lines
            // A piece of a file inside one long line holds no line of its own.
            if !parsed.piece.bytes.isEmpty { body(&parsed.output, parsed.piece) }
            if parsed.piece.endsInput { return nil }
            // The next thread to parse a piece empties its output (freeing its texts) and parses
            // into its arrays: a worker, unless the replaying thread parses one itself, when it
            // would otherwise wait. Handed over, not copied: a copy kept here could be the last
            // one, freed here after all.
            queue.discard(consume parsed)
        }
        return nil
    }

    /// The report of a first line that counts and is not the version line, its hint fitted to
    /// what the line holds: adding a version line above a line that is one gone wrong made a
    /// second error, not a ledger.
    func notTheVersionLine(_ line: UnsafeBufferPointer<UInt8>, line lineNo: Int) -> Diagnostic {
        let header = LedgerHeader.text
        let name = header.utf8.prefix { $0 != 32 }
        let ownVersion = header.utf8.dropFirst(name.count + 1)
        var message = "this is not a steer ledger: the first line must be `\(header)`"
        var hint = "add the line `\(header)` at the top of the file"
        let trimmed = line.drop { $0 == 32 || $0 == 9 }
        if line.contains(13) {
            hint = "its lines end with a carriage return alone (old Mac line ends); save it with LF line ends"
        } else if line.starts(with: [0xEF, 0xBB, 0xBF]) {
            hint = "the line starts with a second byte-order mark (U+FEFF); remove it"
        } else if trimmed.count < line.count, trimmed.starts(with: name) {
            hint = "remove the spaces before `\(header)`: it starts the line"
        } else if line.starts(with: name) {
            let rest = line.dropFirst(name.count).drop { $0 == 32 || $0 == 9 }
            let version = rest.prefix { $0 != 32 && $0 != 9 }
            if !version.isEmpty, version.allSatisfy({ (48...57).contains($0) }), !version.elementsEqual(ownVersion) {
                message = "this ledger is written in format \(String(decoding: version, as: UTF8.self)); this steer reads `\(header)` only"
                hint = "read it with the version of steer that wrote it, or a newer one"
            } else if version.isEmpty {
                hint = "the version line names its format: `\(header)`"
            } else {
                hint = "the version line is `\(header)` alone: one space, nothing after it"
            }
        }
        return .at(file, line: lineNo, bytes: line, byteOffset: 0, message, hint: hint)
    }

    /// Ranges of about equal size that together cover `bytes`, each but the last ending just
    /// after a newline.
    static func pieceBounds(_ bytes: UnsafeBufferPointer<UInt8>, wanted: Int, minimumPieceBytes: Int) -> [Range<Int>] {
        let n = bytes.count
        guard wanted > 1, n >= 2 * minimumPieceBytes else { return [0..<n] }
        var bounds: [Range<Int>] = []
        var start = 0
        for k in 1..<wanted {
            let target = n / wanted * k
            if target < start { continue }
            guard let nl = newline(in: bytes, from: target) else { break }
            bounds.append(start..<(nl + 1))
            start = nl + 1
        }
        bounds.append(start..<n)
        return bounds
    }

    static func newline(in b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < b.count, let base = b.baseAddress else { return nil }
        guard let p = memchr(base + from, 10, b.count &- from) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    static func isBlankOrComment(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for c in line {
            if c == 32 || c == 9 { continue }
            return c == UInt8(ascii: "#")
        }
        return true
    }

    static func equals(_ line: UnsafeBufferPointer<UInt8>, _ text: String) -> Bool {
        var trimmed = line.count
        while trimmed > 0, line[trimmed - 1] == 32 || line[trimmed - 1] == 9 { trimmed -= 1 }
        return text.utf8.elementsEqual(line[0..<trimmed])
    }
}

/// A piece and what parsing it gave.
private struct Parsed: Sendable {
    var output: LedgerParser.Output
    var piece: Piece
}

/// Hands out pieces to parse and takes their outputs back, in file order, keeping the workers
/// at most `lookahead` pieces ahead of the one being taken.
private final class PieceQueue: @unchecked Sendable {
    // Every field is read and written with `condition` locked.
    private let condition = Condition()
    /// How many pieces there are.
    private let count: Int
    /// The pieces parsed and not yet taken, piece `i` at `i % lookahead`: a piece is handed
    /// out to be parsed only once the one `lookahead` before it is taken. A place for every
    /// piece took 250 bytes a piece, 2.5 MB at a million tasks.
    private var outputs: [Parsed?]
    private var next = 0
    private var taken = 0
    private let lookahead: Int

    /// How many places must be free before a worker waiting for one is woken.
    private let refill: Int
    /// How many workers wait for a place.
    private var waiting = 0

    init(count: Int, lookahead: Int, refill: Int) {
        self.count = count
        outputs = Array(repeating: nil, count: lookahead)
        self.lookahead = lookahead
        self.refill = refill
    }

    /// The next piece for a worker to parse, waiting while enough are parsed ahead; nil when
    /// none is left.
    func nextToParse() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while next < count, next >= taken + lookahead {
            waiting += 1
            condition.wait()
            waiting -= 1
        }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    /// The next piece to parse, for the replaying thread while piece `i` is not parsed; nil when
    /// it is, or when every piece up to `lookahead` past the last one replayed is already being
    /// parsed (piece `i` among them).
    func nextToParse(unlessParsed i: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard outputs[i % lookahead] == nil, next < count, next < taken + lookahead else { return nil }
        next += 1
        return next - 1
    }

    /// Piece `i` parsed, and the memory of its parse given back for a later piece's.
    func finished(_ i: Int, _ parsed: Parsed, giving memory: consuming LineParser.Memory) {
        condition.lock()
        outputs[i % lookahead] = parsed
        memories.append(memory)
        condition.broadcast()
        condition.unlock()
    }

    /// Piece `i` parsed, waiting until it is; it leaves the queue.
    func take(_ i: Int) -> Parsed {
        condition.lock()
        defer { condition.unlock() }
        while outputs[i % lookahead] == nil { condition.wait() }
        taken = i + 1
        // A worker that ran ahead waits until `refill` places are free, not one: woken for each
        // piece taken, it slept and woke again for nearly every piece (a call into the kernel
        // on this thread each time, 1,200 of them at 100k tasks when the workers run ahead).
        if waiting > 0, taken + lookahead - next >= refill { condition.broadcast() }
        let parsed = outputs[i % lookahead]!
        outputs[i % lookahead] = nil
        return parsed
    }

    /// Outputs already replayed, left for the next thread that parses a piece to empty (freeing
    /// their text) and parse into.
    private var discarded: [LedgerParser.Output] = []
    /// The memory of pieces already replayed, for later pieces to be read into.
    private var spares: [PieceStorage] = []

    func discard(_ parsed: consuming Parsed) {
        condition.lock()
        if let storage = parsed.piece.storage { spares.append(storage) }
        discarded.append(parsed.output)
        condition.unlock()
    }

    /// What parses of earlier pieces remember (their texts, their last date), one for each
    /// parse under way at most: made for each piece, a note repeated in every piece was a text
    /// of its own in each, and the board kept them all (at 1M tasks, 354 MB where 282 MB now).
    private var memories: [LineParser.Memory] = []

    /// What a piece's parse takes over from earlier ones, each if there is one: memory to read
    /// the piece into and arrays to parse it into, which a replayed piece left, and what an
    /// earlier parse remembers.
    struct Reusable {
        var storage: PieceStorage?
        var output: LedgerParser.Output?
        var memory: LineParser.Memory?
    }

    /// What there is to reuse for the next piece's parse, taken at one locking: taken at three,
    /// with the replaying thread locking for every piece too, the two threads met at the lock
    /// often enough to make ~450 calls into the kernel a replay at 100k tasks, now ~170 (with
    /// the lock's brief spin, `Condition`).
    func takeReusable() -> Reusable {
        condition.withLock { Reusable(storage: spares.popLast(), output: discarded.popLast(), memory: memories.popLast()) }
    }

    /// The outputs discarded so far, which the queue lets go of.
    func takeDiscarded() -> [LedgerParser.Output] {
        condition.withLock {
            defer { discarded = [] }
            return discarded
        }
    }

    /// No more pieces are handed out.
    func cancel() {
        condition.lock()
        next = count
        condition.broadcast()
        condition.unlock()
    }
}

/// Parses one non-blank, non-comment line: `TIME @ACTOR VERB ID key=value…`. Its diagnostics
/// name no file (the caller's `LedgerParser` fills it in): holding the file's name, one made
/// per line retained and released it on every core at once.
struct LineParser {
    private(set) var line: Int
    private(set) var bytes: UnsafeBufferPointer<UInt8>
    /// The bytes from the line's start on that may be read: the line, and those after it in its
    /// piece. A short name or value near the end of its line is read a word at a time from
    /// them (`SmallASCII`), the bytes past it masked off.
    private(set) var readable: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Set by `checkBytes`, or from what a pass over the line's whole piece found: the line is
    /// known to be all ASCII; it may hold combining marks (values need NFC).
    var isASCII = false
    var hasMarks = false
    /// What a pass over the line's whole piece found, when it cleared every line of it: the
    /// line's own bytes need no check of their own.
    let cleared: LineBytes.Kind?
    /// The hash of the event's id (`IDHash`), once `parse` has read it.
    var idHash = 0
    /// Why the line was refused, when `parse` returns nil. Not returned as a `Result`: a
    /// Result of an event or a diagnostic was copied and destroyed whole on every line, and a
    /// Result of a value's text or a diagnostic on every value.
    var failure: Diagnostic?
    /// The input the line is part of, where values no task shares are left in it
    /// (`PieceText(slice:_:)`), and where in it the line starts.
    let slicesOf: UnsafeBufferPointer<UInt8>?
    private(set) var lineStart = 0

    init(line: Int, bytes: UnsafeBufferPointer<UInt8>, readable: UnsafeBufferPointer<UInt8>, cleared: LineBytes.Kind? = nil,
         slicesOf: UnsafeBufferPointer<UInt8>? = nil) {
        self.line = line
        self.bytes = bytes
        self.readable = readable
        self.cleared = cleared
        self.slicesOf = slicesOf
    }

    /// Starts again on another line of the same piece, after a line it parsed (whose `failure`
    /// was taken). One parser for a piece's lines: a parser made for each line was destroyed
    /// after it, its optional diagnostic with it, some 24 instructions a line.
    mutating func start(line: Int, at lineStart: Int, bytes: UnsafeBufferPointer<UInt8>, readable: UnsafeBufferPointer<UInt8>) {
        self.line = line
        self.lineStart = lineStart
        self.bytes = bytes
        self.readable = readable
        pos = 0
        isASCII = false
        hasMarks = false
        idHash = 0
    }

    /// The file its diagnostics name until the caller names it.
    private var file: String { "" }

    mutating func fail(_ at: Int, _ message: String, hint: String? = nil) -> ParsedEvent? {
        failure = .at(file, line: line, bytes: bytes, byteOffset: at, message, hint: hint)
        return nil
    }

    /// What the parser of a piece carries from one line to the next, and a parsing thread from
    /// one piece to the next.
    struct Memory {
        /// The texts of quoted values, shared with the lines before.
        var values = ValueInterner()
        /// The last date read.
        var day = Timestamp.DayMemo()
        /// The format's words, taken once.
        let words = Lexicon.words
        /// Whether short ASCII texts are made from their words (`SmallASCII`), asked once.
        let smallASCII = SmallASCII.isLaidOutAsExpected
        /// The key ids are hashed with, taken once: read from its global for every line, it was
        /// a call to check that the global was made.
        let idKey = ProcessSeed.key
    }

    /// The line's event, its texts shared through `memory` with the lines parsed before, its
    /// fields appended to `fields` and the texts not held inline to `texts` (`PieceText`). Nil
    /// when the line is refused, and `failure` says why; then `fields` and `texts` are as they were.
    mutating func parse(remembering memory: inout Memory, fields: inout [PieceField], texts: inout [String]) -> ParsedEvent? {
        let first = fields.count, firstText = texts.count
        guard let event = parseLine(remembering: &memory, fields: &fields, texts: &texts) else {
            fields.removeSubrange(first...)
            texts.removeSubrange(firstText...)
            return nil
        }
        return event
    }

    private mutating func parseLine(remembering memory: inout Memory, fields: inout [PieceField], texts: inout [String]) -> ParsedEvent? {
        if let cleared {
            isASCII = cleared.isASCII
        } else if let bad = checkBytes() {
            failure = bad
            return nil
        }
        // The line and the place in it are locals, for the optimiser to keep in registers: read
        // and written through `self` around every call, stepping over the blanks between
        // tokens alone took some 95 instructions a line. `value` reads and moves `self.pos`,
        // set from the local before it and read back after: handed the local itself (`inout`),
        // or copying `self.pos` into a local of its own, it cost 21M instructions more at 100k
        // tasks (callgrind, 1,892M → 1,913M).
        let bytes = self.bytes
        var pos = 0
        Self.skipSpace(bytes, &pos)
        let timeStart = pos
        let stamp: Timestamp
        if let same = memory.day.timestamp(startingAt: pos, in: bytes) {
            stamp = same
            pos &+= Timestamp.DayMemo.stampWithZone
        } else {
            let time = Self.token(bytes, &pos)
            switch Timestamp.parse(UnsafeBufferPointer(rebasing: bytes[time]), rememberingDay: &memory.day) {
            case .success(let t): stamp = t
            case .failure(.impossibleDate):
                return fail(timeStart, "\(text(time).prefix(10)) is not a date on the calendar", hint: "check the day of the month")
            case .failure(.impossibleTime):
                return fail(timeStart + 11, "\(text(time)) has an impossible time of day or offset", hint: "hours run 00–23, minutes 00–59, offsets up to ±14:00")
            case .failure(.malformed):
                return fail(timeStart, "expected a timestamp like 2025-03-14T08:00+07:00", hint: "each event line starts with the time it was recorded, with its UTC offset")
            }
        }
        Self.skipSpace(bytes, &pos)
        let actorStart = pos
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "@") else {
            return fail(actorStart, "expected the actor, like @lan, after the timestamp", hint: "the actor is the login name of whoever recorded the event")
        }
        pos += 1
        let (actor, actorIsName) = Self.nameToken(bytes, &pos)
        guard !actor.isEmpty, actorIsName else {
            return fail(actorStart, "the actor must be a login name of letters, digits, '.', '_' or '-'", hint: "for example @lan or @vpcp")
        }
        Self.skipSpace(bytes, &pos)
        let verbStart = pos
        let word: Lexicon.VerbWord
        if let known = memory.words.verbBeforeSpace(in: bytes, at: pos) {
            word = known.verb
            pos = known.space
        } else {
            let verbRange = Self.token(bytes, &pos)
            guard let named = memory.words.verb(in: bytes, verbRange) else {
                let known = Verb.allCases.map(\.rawValue).joined(separator: ", ")
                return fail(verbStart, verbRange.isEmpty ? "expected a verb after the actor" : "unknown verb `\(text(verbRange))`", hint: "known verbs: \(known)")
            }
            word = named
        }
        let verb = word.verb
        Self.skipSpace(bytes, &pos)
        let idStart = pos
        let (idRange, idIsName) = Self.nameToken(bytes, &pos)
        guard !idRange.isEmpty, idIsName, bytes[idRange.lowerBound] != UInt8(ascii: "-") else {
            return fail(idStart, idRange.isEmpty ? "expected an id after `\(verb.rawValue)`" : "an id is letters, digits, '.', '_' or '-' (and does not start with '-')",
                        hint: "for example NQ57-BKHCN-01 or BKHCN")
        }
        // From the bytes: hashed from the String made of them, a small id was copied out again.
        idHash = IDHash.of(UnsafeBufferPointer(rebasing: bytes[idRange]), key: memory.idKey)
        let first = fields.count
        var given: Lexicon.KeySet = 0
        while true {
            Self.skipSpace(bytes, &pos)
            if pos >= bytes.count { break }
            let keyStart = pos
            let key: Lexicon.KeyWord
            if let known = memory.words.keyBeforeEquals(in: bytes, at: pos), word.takes & known.key.bit != 0 {
                key = known.key
                pos = known.equals
            } else {
                pos = Self.find(UInt8(ascii: "="), 32, 9, 9, in: bytes, from: pos)
                let keyRange = Self.span(keyStart, pos)
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: "=") else {
                    return fail(keyStart, "expected key=value, found `\(text(keyRange))`", hint: "values with spaces are quoted: note=\"Đã gửi lấy ý kiến\"")
                }
                guard let named = memory.words.key(in: bytes, keyRange), word.takes & named.bit != 0 else {
                    return fail(keyStart, "`\(verb.rawValue)` takes no key `\(text(keyRange))`",
                                hint: "`\(verb.rawValue)` takes: " + verb.keys.map(\.rawValue).joined(separator: ", "))
                }
                key = named
            }
            if given & key.bit != 0 {
                return fail(keyStart, "`\(text(Self.span(keyStart, pos)))` is given twice on one line", hint: "keep one of them")
            }
            given |= key.bit
            pos += 1
            let valueStart = pos
            // A value no task shares is left in the input, for a caller that reads the output
            // with it (`slicesOf`).
            let leaves = slicesOf != nil && !key.key.isShared
            let v: PieceText
            if memory.smallASCII, let short = Self.shortBareValue(bytes, readable, &pos) {
                v = short
            } else if let content = Self.plainQuoted(bytes, &pos) {
                v = leaves ? slice(content)
                           : PieceText(memory.values.text(UnsafeBufferPointer(rebasing: bytes[content]), make: valueMaker), in: &texts)
            } else {
                self.pos = pos
                guard let read = value(texts: &texts, leaving: leaves) else { return nil }
                v = read
                pos = self.pos
            }
            // A required key says something only when it has a value: `reason=` says nothing,
            // nor does `reason=" "`.
            if word.requires & key.bit != 0, !Self.startsPrintable(bytes, at: valueStart), isBlank(v, texts: texts) {
                return fail(valueStart, "`\(key.key.rawValue)=` cannot be empty for `\(verb.rawValue)`", hint: verb.hint(forRequired: key.key))
            }
            fields.append(PieceField(value: v, key: key.key))
        }
        if word.requires & ~given != 0 {
            for k in verb.requiredKeys where !fields[first...].contains(where: { $0.key == k }) {
                return fail(bytes.count, "`\(verb.rawValue)` needs `\(k.rawValue)=`", hint: verb.hint(forRequired: k))
            }
        }
        let readable = self.readable, small = memory.smallASCII
        return ParsedEvent(time: stamp, actor: Self.name(actor, in: readable, smallASCII: small, texts: &texts),
                           id: Self.name(idRange, in: readable, smallASCII: small, texts: &texts), line: line,
                           firstField: first, fieldCount: Int32(truncatingIfNeeded: fields.count &- first), verb: verb)
    }

    /// Whether the value at `i` of `bytes` starts (inside its quotes, if quoted) with a
    /// printable ASCII byte that is not an escape's or the closing quote: then it is not blank,
    /// whatever follows, as a required `stage=` or `note=` seldom is, and `isBlank` need not
    /// read it again, out of line.
    @inline(__always)
    static func startsPrintable(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var i = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") { i += 1 }
        guard i < bytes.count else { return false }
        let c = bytes[i]
        return c > 32 && c < 0x7F && c != UInt8(ascii: "\\") && c != UInt8(ascii: "\"")
    }

    /// Whether `v`, a value of the line, is empty, or spaces alone: whether each character is
    /// whitespace, as `Character.isWhitespace` judges it, by its first scalar. So the value's
    /// first scalar settles most: judged by characters, the value of every `stage` line added
    /// 3% to the instructions of a replay, and a note starting with a Vietnamese letter was
    /// made a String to be judged.
    @inline(never)
    func isBlank(_ v: PieceText, texts: [String]) -> Bool {
        let input = slicesOf ?? UnsafeBufferPointer(start: nil, count: 0)
        return texts.withUnsafeBufferPointer { strings in
            // Only read: no text is taken out of them.
            v.withBytes(PieceTexts(strings: UnsafeMutableBufferPointer(mutating: strings), bytes: input)) { utf8 in
                if let first = utf8.first, first > 32, first < 0x7F { return false }
                var bytes = utf8.makeIterator()
                var decoder = UTF8()
                if case .scalarValue(let scalar) = decoder.decode(&bytes), !scalar.properties.isWhitespace { return false }
                return String(decoding: utf8, as: UTF8.self).allSatisfy(\.isWhitespace)
            }
        }
    }

    /// Refuses bytes no editor should have written: NUL, other control bytes, invalid UTF-8.
    /// One pass (`LineBytes`) clears a good line and sets `isASCII`, which lets values skip
    /// validating again, and `hasMarks`. Only a refused line is read again, to report its first
    /// control byte wherever it is, else where its UTF-8 goes wrong.
    mutating func checkBytes() -> Diagnostic? {
        if let kind = LineBytes.check(bytes) {
            isASCII = kind.isASCII
            hasMarks = kind.hasMarks
            return nil
        }
        for (j, c) in bytes.enumerated() where c < 0x20 && c != 9 || c == 0x7F {
            if c == 0 {
                return .at(file, line: line, bytes: bytes, byteOffset: j, "a NUL byte in the ledger", hint: "the file is damaged or not text; remove the byte")
            }
            return .at(file, line: line, bytes: bytes, byteOffset: j, "a raw control character (0x\(String(c, radix: 16, uppercase: true))) in the ledger",
                       hint: "write it as an escape inside quotes, \\u{\(String(c, radix: 16))}, or remove it")
        }
        let bad = Self.firstInvalidUTF8(bytes)
        return .at(file, line: line, bytes: bytes, byteOffset: bad, "invalid UTF-8 at byte \(bad + 1) of the line",
                   hint: "save the file as UTF-8")
    }

    static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < b.count {
            let c = b[i]
            let len: Int
            if c < 0x80 { len = 1 } else if c >> 5 == 0x6 { len = 2 } else if c >> 4 == 0xE { len = 3 } else if c >> 3 == 0x1E { len = 4 } else { return i }
            if i + len > b.count { return i }
            if String(validating: UnsafeBufferPointer(rebasing: b[i..<(i + len)]), as: UTF8.self) == nil { return i }
            i += len
        }
        return i
    }

    /// Steps `pos` over the blanks at it in `bytes`.
    @inline(__always)
    static func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int) {
        // One space between tokens, as steer writes them, is stepped over at one look at the
        // byte after it; the loop took two rounds of its tests for it, six times a line.
        // A place in the line is at most its length: stepping one on wraps no sooner than the
        // line's length would, and needs no check (here and below, `&+`).
        if pos &+ 1 < bytes.count, bytes[pos] == 32, bytes[pos &+ 1] > 32 {
            pos &+= 1
            return
        }
        while pos < bytes.count, bytes[pos] == 32 || bytes[pos] == 9 { pos += 1 }
    }

    /// The token at `pos` in `bytes`, up to the next blank, `pos` moved past it.
    @inline(__always)
    static func token(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> Range<Int> {
        let s = pos
        pos = find(32, 9, 9, 9, in: bytes, from: pos)
        return span(s, pos)
    }

    /// The range from `start` to `end`, which a search from `start` found (`find`, `nameEnd`),
    /// so never before it: checked again as `..<` checks it, the ranges of a line's tokens
    /// took a compare and a branch each. Debug builds, the tests', still check.
    @inline(__always)
    static func span(_ start: Int, _ end: Int) -> Range<Int> {
        Range(uncheckedBounds: (start, end))
    }

    /// Where the first of the bytes `a`, `b`, `c` and `d` at or after `from` is, or the end: 16
    /// bytes at a time (C), the way through a token, a key or a value.
    static func find(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return from }
        return steer_find_any(base, bytes.count, from, a, b, c, d)
    }

    /// A token that must be a name (the actor, the id), its bytes checked as it is read: read
    /// as a token and checked after, it was read twice. When a byte is not a name's, the token
    /// runs on to the next space as any other.
    @inline(__always)
    static func nameToken(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> (range: Range<Int>, isName: Bool) {
        let start = pos
        pos = nameEnd(bytes, from: pos)
        if pos == bytes.count || bytes[pos] == 32 || bytes[pos] == 9 { return (span(start, pos), true) }
        return (span(start, token(bytes, &pos).upperBound), false)
    }

    /// Where the name that starts at `from` ends: at the first byte that is not a letter, a
    /// digit, '.', '_' or '-', or at the end. Sixteen bytes at a time (C): byte by byte, the
    /// actor's and the id's bytes took a twentieth of a line's parsing.
    static func nameEnd(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = bytes.baseAddress else { return from }
        return steer_name_end(base, bytes.count, from)
    }

    /// The text of part of the line: ASCII names, or a value cut at ASCII delimiters, so whole
    /// characters of a line `checkBytes` validated.
    func text(_ r: Range<Int>) -> String {
        Self.string(validated: UnsafeBufferPointer(rebasing: bytes[r]), isASCII: isASCII)
    }

    /// The text of the name (the actor, the id) at `r` of `readable`, ASCII by its syntax: held
    /// as its words when short and `smallASCII` says they can be. Static: a method reading
    /// `readable` from the parser, called where the parser is being changed, was handed a copy
    /// of the whole parser.
    @inline(__always)
    static func name(_ r: Range<Int>, in readable: UnsafeBufferPointer<UInt8>, smallASCII: Bool, texts: inout [String]) -> PieceText {
        if smallASCII, let words = SmallASCII.inlineWords(in: readable, r) { return PieceText(inlineWords: words) }
        return keptName(r, in: readable, texts: &texts)
    }

    /// `name`'s text kept among `texts`: a name longer than 15 bytes, or where Strings are not
    /// laid out as `SmallASCII` expects. Out of line: inlined, its code made each call of
    /// `name` (two a line, which the parse is too large to inline) some 5 instructions longer.
    @inline(never)
    static func keptName(_ r: Range<Int>, in readable: UnsafeBufferPointer<UInt8>, texts: inout [String]) -> PieceText {
        PieceText(string(validated: UnsafeBufferPointer(rebasing: readable[r]), isASCII: true), in: &texts)
    }

    /// The bare value at `pos` of `bytes` (`readable` from the same start) when it is at most
    /// 15 ASCII bytes, as most are (a date, a number, an agency), held as its String's words,
    /// `pos` moved past it; nil, `pos` unmoved, for any other value, which `value` reads. Read
    /// inline: a call of `value` for each took some 25 instructions of its own.
    @inline(__always)
    static func shortBareValue(_ bytes: UnsafeBufferPointer<UInt8>, _ readable: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> PieceText? {
        guard pos < bytes.count, bytes[pos] != UInt8(ascii: "\"") else { return nil }
        let end = find(32, 9, UInt8(ascii: "\""), UInt8(ascii: "\\"), in: bytes, from: pos)
        guard end == bytes.count || bytes[end] == 32 || bytes[end] == 9, let words = SmallASCII.inlineWords(in: readable, span(pos, end)) else { return nil }
        pos = end
        return PieceText(inlineWords: words)
    }

    /// The text between the quotes of the quoted value at `pos` of `bytes` when it has no
    /// escape and a blank or the line's end follows it, as all but a few do, `pos` moved past
    /// its closing quote; nil, `pos` unmoved, for any other, which `value` reads (and refuses,
    /// if it must). Found inline, for the call of `value` it saves.
    @inline(__always)
    static func plainQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ pos: inout Int) -> Range<Int>? {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
        let close = find(UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "\\"), in: bytes, from: pos + 1)
        guard close < bytes.count, bytes[close] == UInt8(ascii: "\""),
              close + 1 == bytes.count || bytes[close + 1] == 32 || bytes[close + 1] == 9 else { return nil }
        defer { pos = close + 1 }
        return span(pos &+ 1, close)
    }

    /// A value the inline readers leave (`shortBareValue`, `plainQuoted`): a bare one longer
    /// than 15 bytes or not ASCII, which runs to the next space; a quoted one with escapes,
    /// which runs to its closing quote; or one to refuse. Its text is kept in `texts`, or,
    /// `leaving` it, a bare one is left in the input (`PieceText`).
    mutating func value(texts: inout [String], leaving: Bool) -> PieceText? {
        let start = pos
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            // To the next space, unless a quote or a backslash comes first: searched for on the
            // way, rather than looked for again in the value's bytes one at a time.
            pos = Self.find(32, 9, UInt8(ascii: "\""), UInt8(ascii: "\\"), in: bytes, from: pos)
            if pos < bytes.count, bytes[pos] != 32, bytes[pos] != 9 {
                failure = .at(file, line: line, bytes: bytes, byteOffset: pos, "a bare value cannot contain quotes or backslashes",
                    hint: "quote the whole value: key=\"…\"")
                return nil
            }
            let r = start..<pos
            if leaving { return slice(r) }
            return PieceText(value(UnsafeBufferPointer(rebasing: bytes[r])), in: &texts)
        }
        pos += 1
        // The decoded bytes: each run of plain ones, then each escape's.
        var out: [UInt8] = []
        var plain = pos
        while pos < bytes.count {
            // Straight to the next quote or backslash (the search takes four bytes; each fills
            // two): most values have none but the closing one.
            pos = Self.find(UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "\\"), in: bytes, from: pos)
            guard pos < bytes.count else { break }
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let closing = pos
                pos += 1
                if pos < bytes.count, bytes[pos] != 32, bytes[pos] != 9 {
                    failure = .at(file, line: line, bytes: bytes, byteOffset: pos, "expected a space after the closing quote",
                        hint: "a quote inside a value is written \\\"")
                    return nil
                }
                // Whole characters of the line and the UTF-8 of escaped scalars: valid UTF-8.
                out.append(contentsOf: bytes[plain..<closing])
                return PieceText(out.withUnsafeBufferPointer { Self.value($0, isASCII: false, mayHoldMarks: true) }, in: &texts)
            }
            // Else a backslash: an escape.
            out.append(contentsOf: bytes[plain..<pos])
            let escStart = pos
            pos += 1
            guard pos < bytes.count else { break }
            switch bytes[pos] {
            case UInt8(ascii: "\""): out.append(34)
            case UInt8(ascii: "\\"): out.append(92)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "u"):
                guard let (scalar, next) = unicodeEscape(at: pos + 1) else {
                    failure = .at(file, line: line, bytes: bytes, byteOffset: escStart, "a \\u escape is written \\u{HEX} with 1–6 hex digits naming a Unicode scalar",
                        hint: "for example \\u{1b} or \\u{1F600}")
                    return nil
                }
                out.append(contentsOf: String(scalar).utf8)
                pos = next - 1
            default:
                failure = .at(file, line: line, bytes: bytes, byteOffset: escStart, "unknown escape `\\\(String(UnicodeScalar(bytes[pos])))`",
                    hint: "escapes are \\\" \\\\ \\n \\t \\r and \\u{HEX}")
                return nil
            }
            pos += 1
            plain = pos
        }
        failure = .at(file, line: line, bytes: bytes, byteOffset: start, "this quoted value is never closed", hint: "end it with \"")
        return nil
    }

    /// `r` of the line, left in the input: made a String when read, as `value(_:)` would make it.
    /// Inlined: called, the parser (184 bytes) was copied for it, for every note a line gives.
    @inline(__always)
    private func slice(_ r: Range<Int>) -> PieceText {
        var how: PieceText.Slice = .isSlice
        if isASCII { how.insert(.isASCII) }
        if hasMarks { how.insert(.mayHoldMarks) }
        return PieceText(slice: Self.span(lineStart &+ r.lowerBound, lineStart &+ r.upperBound), how)
    }

    func unicodeEscape(at i: Int) -> (Unicode.Scalar, Int)? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        var j = i + 1
        var v: UInt32 = 0
        var digits = 0
        while j < bytes.count, bytes[j] != UInt8(ascii: "}") {
            guard digits < 6, let d = Self.hex(bytes[j]) else { return nil }
            v = v * 16 + d
            digits += 1
            j += 1
        }
        guard j < bytes.count, digits > 0, let s = Unicode.Scalar(v) else { return nil }
        return (s, j + 1)
    }

    static func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case 48...57: return UInt32(c - 48)
        case 65...70: return UInt32(c - 55)
        case 97...102: return UInt32(c - 87)
        default: return nil
        }
    }

    /// A String of bytes known to be valid UTF-8, without validating them again.
    static func string(validated utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        String(copying: unsafe UTF8Span(unchecked: utf8.span, isKnownASCII: isASCII))
    }

    /// A value's text, stored in NFC, so that NFD input from some editors compares and folds
    /// like NFC. Only text holding a combining diacritical mark (U+0300–U+036F, lead byte 0xCC
    /// or 0xCD in UTF-8, the marks Vietnamese NFD uses) pays for the normalisation, and only
    /// lines holding one (`hasMarks`) look. `utf8` is whole characters of the line.
    func value(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        Self.value(utf8, isASCII: isASCII, mayHoldMarks: hasMarks)
    }

    /// `value(_:)` for the interner, which calls it for a text it has not made yet: the flags
    /// copied out, as a closure over `self` copied the whole parser each time it ran.
    var valueMaker: (UnsafeBufferPointer<UInt8>) -> String {
        let isASCII = isASCII, hasMarks = hasMarks
        return { Self.value($0, isASCII: isASCII, mayHoldMarks: hasMarks) }
    }

    /// A value decoded from escapes may hold what the line does not (`\u{301}` is ASCII in the
    /// line): it is neither known to be ASCII nor known to be free of marks.
    static func value(_ utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool, mayHoldMarks: Bool) -> String {
        let marked = mayHoldMarks && utf8.contains { $0 == 0xCC || $0 == 0xCD }
        if !marked, let small = SmallASCII.make(utf8: utf8) { return small }
        let s = string(validated: utf8, isASCII: isASCII)
        return marked ? NFC.of(s) : s
    }
}

/// The verbs and keys of the format, looked up from a line's bytes without building a String
/// for every token, with each verb's keys as bit sets so that checking a key is one AND.
enum Lexicon {
    typealias KeySet = UInt32

    struct VerbWord {
        let word: PackedWord
        let verb: Verb
        let takes: KeySet
        let requires: KeySet
    }

    struct KeyWord {
        let word: PackedWord
        let key: Key
        let bit: KeySet
    }

    /// A word of up to nine bytes as two integers, so that a token is matched against the
    /// format's words with integer compares: its length, and its first eight bytes.
    struct PackedWord: Equatable {
        let length: Int
        let bytes: UInt64

        init(_ text: String) { self = Array(text.utf8).withUnsafeBufferPointer { PackedWord($0)! } }

        /// A word of `length` (a ninth byte in with it, as below) and its first eight `bytes`.
        @inline(__always)
        init(length: Int, bytes: UInt64) {
            self.length = length
            self.bytes = bytes
        }

        /// Nil for a token longer than any word of the format.
        init?(_ token: UnsafeBufferPointer<UInt8>) { self.init(in: token, 0..<token.count) }

        /// The token at `range` of `line`. When eight bytes of the line start there (most
        /// tokens: a verb and a key are followed by the rest of their line), they are read as
        /// one word and the bytes past the token masked off. Inlined, the rare case apart: with
        /// its loop the optimiser would not inline it (a function asked to be is inlined into
        /// one as large as the line parse only when it has at most 64 blocks), and the verb and
        /// every key of a line were a call each.
        @inline(__always)
        init?(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            let n = range.upperBound &- range.lowerBound  // Its bounds are in order: no overflow.
            guard n <= 9 else { return nil }
            var v: UInt64 = 0
            if n > 0, range.lowerBound &+ 8 <= line.count {
                v = UInt64(littleEndian: UnsafeRawPointer(line.baseAddress.unsafelyUnwrapped + range.lowerBound).loadUnaligned(as: UInt64.self))
                if n < 8 { v &= (1 &<< (8 &* UInt64(truncatingIfNeeded: n))) &- 1 }
            } else {
                v = Self.word(near: line, range)
            }
            // The ninth byte (only `authority` has one) goes in with the length.
            length = n | (n == 9 ? Int(line[range.lowerBound &+ 8]) << 8 : 0)
            bytes = v
        }

        /// The first eight bytes of `range` of `line` (at most), fewer than eight of the line
        /// being left there: a byte at a time.
        @inline(never)
        private static func word(near line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
            var v: UInt64 = 0
            for i in 0..<min(8, range.count) { v |= UInt64(line[range.lowerBound + i]) << (8 * UInt64(i)) }
            return v
        }
    }

    /// The format's words and their tables, taken once by a parser for all its lines: read as
    /// globals, each lookup asked whether they were made yet (`swift_once`), several a line.
    struct Words {
        let keys: [KeyWord] = Key.allCases.enumerated().map { i, k in KeyWord(word: PackedWord(k.rawValue), key: k, bit: 1 << i) }
        let verbs: [VerbWord]
        let verbTable: WordTable
        let keyTable: WordTable

        init() {
            let keys = self.keys
            func bits(_ list: [Key]) -> KeySet {
                list.reduce(0) { set, k in set | keys.first { $0.key == k }!.bit }
            }
            verbs = Verb.allCases.map { v in
                VerbWord(word: PackedWord(v.rawValue), verb: v, takes: bits(v.keys), requires: bits(v.requiredKeys))
            }
            verbTable = WordTable(verbs.map(\.word))
            keyTable = WordTable(keys.map(\.word))
        }

        // Inlined, both: once a line and once a field, their calls cost more than their work,
        // and the optimiser's choice for `verb` changed with the size of the parser around it.
        @inline(__always)
        func verb(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> VerbWord? {
            PackedWord(in: line, range).flatMap(verb(_:))
        }

        @inline(__always)
        func key(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> KeyWord? {
            PackedWord(in: line, range).flatMap(key(_:))
        }

        /// The key at `start` of `line` and where its `=` is, when the bytes before the `=` are
        /// a key of the format (`word(at:in:endingAt:)`): no search of the line for the `=` and
        /// no second read of the key's bytes (`key(in:_:)` after `find`). Nil for anything
        /// else, which the caller reads the long way, to refuse it if it must.
        @inline(__always)
        func keyBeforeEquals(in line: UnsafeBufferPointer<UInt8>, at start: Int) -> (key: KeyWord, equals: Int)? {
            guard let (w, end) = Self.word(at: start, in: line, endingAt: UInt8(ascii: "=")), let key = key(w) else { return nil }
            return (key, end)
        }

        /// The verb at `start` of `line` and where the space after it is, found as
        /// `keyBeforeEquals` finds a key; nil for anything else, which the caller reads the
        /// long way.
        @inline(__always)
        func verbBeforeSpace(in line: UnsafeBufferPointer<UInt8>, at start: Int) -> (verb: VerbWord, space: Int)? {
            guard let (w, end) = Self.word(at: start, in: line, endingAt: 32), let verb = verb(w) else { return nil }
            return (verb, end)
        }

        /// The verb that is the word `w`, if one is.
        @inline(__always)
        private func verb(_ w: PackedWord) -> VerbWord? {
            guard let i = verbTable.candidate(for: w) else { return nil }
            // A candidate is the index of a word placed in the table: one of `verbs`.
            let verb = verbs.withUnsafeBufferPointer { $0[i] }
            return verb.word == w ? verb : nil
        }

        /// The key that is the word `w`, if one is.
        @inline(__always)
        private func key(_ w: PackedWord) -> KeyWord? {
            guard let i = keyTable.candidate(for: w) else { return nil }
            let key = keys.withUnsafeBufferPointer { $0[i] }  // As in `verb`.
            return key.word == w ? key : nil
        }

        /// The bytes at `start` of `line` up to the first `stop` as a word, and where the stop
        /// is, when the stop comes within nine bytes and 16 bytes of the line follow `start`:
        /// read as two words from there, the stop found in them. A word of the format is
        /// letters, so one matched so holds no blank: it is the whole token. (Read from the
        /// piece's bytes past the line, the words took the parse 11M instructions more at 100k
        /// tasks, for the few keys near a line's end it would have found.)
        @inline(__always)
        static func word(at start: Int, in line: UnsafeBufferPointer<UInt8>, endingAt stop: UInt8) -> (PackedWord, Int)? {
            guard start &+ 16 <= line.count else { return nil }
            let at = UnsafeRawPointer(line.baseAddress.unsafelyUnwrapped + start)
            let first = UInt64(littleEndian: at.loadUnaligned(as: UInt64.self))
            let n = bytesBefore(stop, in: first)
            if n < 8 {
                guard n > 0 else { return nil }
                return (PackedWord(length: n, bytes: first & ((1 &<< (8 &* UInt64(truncatingIfNeeded: n))) &- 1)), start &+ n)
            }
            // Eight or nine bytes (`reassign`, `progress`, `authority`): the stop is at the
            // second word's first or second byte, and a ninth byte goes in with the length.
            let second = UInt64(littleEndian: at.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            switch bytesBefore(stop, in: second) {
            case 0: return (PackedWord(length: 8, bytes: first), start &+ 8)
            case 1: return (PackedWord(length: 9 | Int(truncatingIfNeeded: second & 0xFF) << 8, bytes: first), start &+ 9)
            default: return nil
            }
        }

        /// How many bytes of `w` (in memory order) come before its first `stop`: 8 for none. A
        /// byte equal to `stop` is zero after XOR with it, and the lowest zero byte is the first
        /// to borrow when one is taken from every byte (a byte above it may borrow too, never
        /// one below).
        @inline(__always)
        private static func bytesBefore(_ stop: UInt8, in w: UInt64) -> Int {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let x = w ^ (UInt64(stop) &* ones)
            return ((x &- ones) & ~x & (ones << 7)).trailingZeroBitCount >> 3
        }
    }

    static let words = Words()

    /// The format's words placed by a hash under which no two of them collide, its multiplier
    /// found when the table is built: a token is looked up with one multiply, one load and one
    /// compare. Searching the words in turn took a fifth of a line's parsing.
    struct WordTable {
        private let multiplier: UInt64
        /// For each of the 64 slots, the index of the word placed there, or -1.
        private let slots: [Int8]

        init(_ words: [PackedWord]) {
            precondition(words.count < 40, "a table of 64 slots holds a few dozen words")
            // A fixed seed: the same multiplier, and the same table, in every run.
            var random = SplitMix64(seed: 0x5EED)
            while true {
                let m = random.next() | 1
                var slots = [Int8](repeating: -1, count: 64)
                for (i, w) in words.enumerated() {
                    let s = Self.slot(w, m)
                    if slots[s] >= 0 { break }
                    slots[s] = Int8(i)
                }
                if slots.count(where: { $0 >= 0 }) == words.count {
                    multiplier = m
                    self.slots = slots
                    return
                }
            }
        }

        private static func slot(_ w: PackedWord, _ m: UInt64) -> Int {
            Int(truncatingIfNeeded: ((w.bytes ^ UInt64(truncatingIfNeeded: w.length)) &* m) >> 58)
        }

        /// The only word `w` can be, which the caller compares it with.
        func candidate(for w: PackedWord) -> Int? {
            // A slot is the top six bits of the hash: one of the 64, read unchecked.
            let i = slots.withUnsafeBufferPointer { $0[Self.slot(w, multiplier)] }
            return i < 0 ? nil : Int(i)
        }
    }
}

extension Verb {
    /// What to write for `key`, which this verb requires.
    public func hint(forRequired key: Key) -> String {
        switch (self, key) {
        case (.extend, .due): return "give the new deadline: due=2025-06-30"
        case (.extend, .reason), (.cancel, .reason): return "say why: reason=\"…\""
        case (.stage, .stage): return "stage=drafting|consultation|appraisal|submitted|issued"
        case (.member, .role): return "role=secretariat|focal|viewer|none"
        case (.reassign, .lead): return "name the new lead agency: lead=BKHCN"
        default: return "add \(key.rawValue)=\"…\""
        }
    }
}
