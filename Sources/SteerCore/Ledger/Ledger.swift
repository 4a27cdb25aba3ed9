/// What a ledger keeps of the events once they are replayed.
public enum EventRetention: Sendable {
    /// Every event, for the audit trail and each task's history (the screen, `steer log`).
    case everyEvent
    /// The board, with each task's history kept as where its events' lines start in the file,
    /// read back when a history is asked for (`FileJournal.history(of:)`), and the events taken
    /// in after the first reading of the file, by which a holder following the file (the
    /// screen) brings its view up to date. Events in memory take some fifty times the room of
    /// their places: at a million tasks, gigabytes.
    case historiesOnFile
    /// Only the board: what a check, a report or a writer needs. A 100k-task ledger's events
    /// take hundreds of megabytes that such a run would only free again.
    case boardOnly
}

/// A ledger read into memory: its events, the board they replay to, and every problem found.
/// Built by feeding it bytes (the whole file, then whatever is appended later), so that
/// following a growing file costs work proportional to the new bytes only.
public struct Ledger: Sendable {
    public let file: String
    /// "Today" for the board: events stamped after the end of this day are not applied.
    public let asOf: CivilDate?
    public let retention: EventRetention
    /// The events applied, in file order, from event number `eventsFrom` on: all of them for
    /// `.everyEvent`, none for `.boardOnly`, those after the first reading for `.historiesOnFile`.
    public private(set) var events: [LocatedEvent] = []
    /// How many events were applied before the first one `events` holds.
    public private(set) var eventsFrom = 0
    /// How many events were applied (kept or not).
    public private(set) var eventCount = 0
    public private(set) var diagnostics: [Diagnostic] = []
    /// The board after every valid event (what a writer must validate against).
    public private(set) var latest: Board
    /// The board at the end of `asOf`, once an event past it has been seen, and what the tasks'
    /// histories record for the first event it did not take (the events of the day and before,
    /// in the order replay met them, are those recorded below it).
    /// Boxed, so that whether there is one is a test of one word, made for every event replayed
    /// (as an optional tuple, its 240 bytes were copied out each time to be tested).
    private var frozen: Frozen?
    private final class Frozen: Sendable {
        let board: Board
        let firstLeftOut: Int
        init(_ board: Board, firstLeftOut: Int) {
            self.board = board
            self.firstLeftOut = firstLeftOut
        }
    }
    /// The latest day an applied event fell on, each judged in the zone in force just before it:
    /// what `asOf` is compared with, so what decides whether a board as of a day can start
    /// from a snapshot of this one.
    public private(set) var lastDay: CivilDate?
    /// Bytes of complete lines consumed so far.
    public private(set) var consumed = 0
    public private(set) var lineCount = 0
    public private(set) var sawHeader = false
    /// Whether the first line that is neither blank nor a comment was read: the version line,
    /// or a line reported as not being it.
    private var settledHeader = false
    /// The bytes of an unterminated last line, if the file ends with one.
    public private(set) var tornTail: [UInt8]?
    /// The report of that torn tail.
    public private(set) var tornDiagnostic: Diagnostic?
    /// How many times this ledger was emptied (`emptied()`), as a journal does to read its file
    /// again from the first byte when it was replaced or rewritten: a holder of what an earlier
    /// state of this ledger gave can tell whether the events since simply follow the ones it saw.
    public internal(set) var rereads = 0

    public init(file: String, asOf: CivilDate? = nil, retention: EventRetention = .everyEvent) {
        self.file = file
        self.asOf = asOf
        self.retention = retention
        self.latest = Board(keepsHistories: retention != .boardOnly)
    }

    /// The ledger as it stood after the lines `snapshot` stands for; the caller has checked
    /// that the file still starts with them. A snapshot has no events: the ledger keeps the
    /// board, and the tasks' histories on the file when the snapshot kept them. Nil when the
    /// board cannot be seen as of `asOf` from it: its last event is past that day.
    public init?(restoring snapshot: Snapshot, file: String, asOf: CivilDate? = nil) {
        self.init(restoring: snapshot.board, consumed: snapshot.prefix.length, lineCount: snapshot.lineCount,
                  eventCount: snapshot.eventCount, lastDay: snapshot.lastDay, file: file, asOf: asOf,
                  retention: snapshot.hasHistories ? .historiesOnFile : .boardOnly)
    }

    /// The ledger after `consumed` bytes of `lineCount` lines that gave `eventCount` events and
    /// `board` (all of it, or the part a reader of a snapshot chose), the last on `lastDay`.
    init?(restoring board: Board, consumed: Int, lineCount: Int, eventCount: Int, lastDay: CivilDate?, file: String, asOf: CivilDate?,
          retention: EventRetention = .boardOnly) {
        if let asOf, let lastDay, lastDay > asOf { return nil }
        self.init(file: file, asOf: asOf, retention: retention)
        latest = board
        self.lastDay = lastDay
        self.consumed = consumed
        self.lineCount = lineCount
        self.eventCount = eventCount
        eventsFrom = eventCount
        sawHeader = true
        settledHeader = true
    }

    /// The same ledger, empty: what a reader starts again from when the file was replaced.
    public func emptied() -> Ledger {
        var l = Ledger(file: file, asOf: asOf, retention: retention)
        l.rereads = rereads + 1
        return l
    }

    /// How many events ahead replay starts bringing a task into the cache: a power of two (a
    /// ring of that many slots holds what was looked up).
    static let lookahead = 8

    /// Parses and replays a whole ledger.
    public static func load(_ bytes: [UInt8], file: String, asOf: CivilDate? = nil, retention: EventRetention = .everyEvent) -> Ledger {
        var l = Ledger(file: file, asOf: asOf, retention: retention)
        l.ingest(bytes)
        return l
    }

    /// The board as of `asOf` (or the latest when no date was given).
    public var board: Board { frozen?.board ?? latest }

    /// Every problem, in line order, the torn tail last.
    public var allDiagnostics: [Diagnostic] { diagnostics + (tornDiagnostic.map { [$0] } ?? []) }

    public var errors: [Diagnostic] { allDiagnostics.filter { $0.severity == .error } }

    /// True while only blank and comment lines have been read: the version line is still due.
    /// (Any other first line is either the version line or reported as not being it.)
    public var expectsHeader: Bool { !settledHeader }

    /// True when the ledger can be trusted for writing: no errors and no torn tail.
    public var isClean: Bool { errors.isEmpty && tornTail == nil }

    /// The report of a first line that is not the version line (another file named by mistake,
    /// a ledger saved with CR line ends), when the file has one; the one place that tells it
    /// from the other problems a ledger can have.
    public var versionLineProblem: Diagnostic? {
        sawHeader ? nil : errors.first { $0.message.contains("`\(LedgerHeader.text)`") }
    }

    /// Says that about `bytes` more of the file are to be read: the task table makes room for
    /// the tasks they likely hold (one per 512 bytes; a typical task and its events take more,
    /// and never more than 4M at once: a file of holes would otherwise ask for any amount), so
    /// that it is not copied and rehashed each time it fills. Too few only means growing. The
    /// room is made when the first piece is replayed, the parse already under way on the other
    /// cores: made before, the index's zeroed slots (4 MB at 100k tasks) held it back.
    mutating func expect(bytes: Int) {
        expectedTasks = min(bytes / 512, 1 << 22)
    }

    /// Tasks to make room for before the next piece is replayed (`expect`).
    private var expectedTasks = 0

    /// Feeds the bytes that follow what was consumed so far. A trailing partial line is not
    /// consumed: it is remembered as a torn tail and offered again with the next call.
    public mutating func ingest(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { ingest($0) }
    }

    public mutating func ingest(_ bytes: UnsafeBufferPointer<UInt8>) {
        ingest(bytes, pieces: nil, minimumPieceBytes: LedgerParser.minimumPieceBytes)
    }

    /// `ingest`, with the split into pieces chosen (tests split small inputs).
    mutating func ingest(_ bytes: UnsafeBufferPointer<UInt8>, pieces: Int?, minimumPieceBytes: Int) {
        let parser = self.parser
        replay { firstLine, expectHeader, body in
            parser.parseInPieces(bytes, firstLine: firstLine, expectHeader: expectHeader, pieces: pieces,
                                 minimumPieceBytes: minimumPieceBytes, leavingTexts: true, body)
            return nil
        }
    }

    /// Feeds `range` of the open file `fd`, which starts where the bytes consumed so far end,
    /// as `ingest` does bytes in memory; each piece of it is read by the core that parses it
    /// (`FilePieces`). `replayed` is handed the bytes of the complete lines taken in, in order.
    /// Returns the `errno` of a read that failed: the pieces read before the one that failed
    /// are taken in, and nothing of that one (a line cut by the failure would look torn).
    mutating func ingest(reading fd: Int32, _ range: Range<Int>, pieceBytes: Int = LedgerParser.pieceBytes,
                         replayed: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil) -> Int32? {
        let parser = self.parser
        let pieces = FilePieces(fd: fd, range: range, pieceBytes: pieceBytes, minimumSplitBytes: 2 * min(pieceBytes, LedgerParser.minimumPieceBytes))
        return replay(observing: replayed) { firstLine, expectHeader, body in
            parser.parseInPieces(pieces, firstLine: firstLine, expectHeader: expectHeader, leavingTexts: true, body)
        }
    }

    /// Replays the pieces `parse` hands to its body, in file order. `parse` is given the line
    /// number its input starts at and whether the version line is still due; it returns the
    /// `errno` of a read that failed. `observing` is handed each piece's complete lines.
    @discardableResult
    private mutating func replay(observing: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil,
                                 _ parse: (Int, Bool, (inout LedgerParser.Output, Piece) -> Void) -> Int32?) -> Int32? {
        // Blank and comment lines may come before the version line, so it can still be due
        // after the first piece of a file has been read.
        let headerDue = expectsHeader
        var consumedHere = 0
        let keeping = keepsEvents
        // Parsing is split over the cores; replay stays in file order, piece after piece.
        let failure = parse(lineCount + 1, headerDue) { (out: inout LedgerParser.Output, piece: Piece) in
            if expectedTasks > 0 {
                latest.reserveTasks(expectedTasks)
                expectedTasks = 0
            }
            // The version line is in the first piece, or after pieces of comments only.
            if headerDue, out.sawHeader { sawHeader = true }
            if headerDue, out.settledHeader { settledHeader = true }
            var pending = out.diagnostics[...]
            // Line starts are needed only to quote a refused line; most pieces never need them.
            var lineStarts: [Int]?
            // Tasks are looked up `lookahead` events before they are applied to, and their
            // memory fetched meanwhile; the index's slot for each is fetched `lookahead` events
            // before that. A task assigned in between is looked up again.
            let hashes = out.idHashes, eventLineStarts = out.lineStarts
            // Taken out of the piece, which holds its memory: captured whole by the closure that
            // quotes a refused line, the piece was copied (its memory retained) for every event.
            let bytes = piece.bytes, firstLine = piece.firstLine, startsInput = piece.offset == 0
            var ahead = [Int?](repeating: nil, count: Self.lookahead)
            // Read where they lie: an element of the array itself was copied (all its text
            // retained and released) to be passed on. The texts are moved out of the piece for
            // the while, so that the board can take those it keeps out of them
            // (`Reading.keptValue`) without the array being copied.
            var texts: [String] = []
            swap(&texts, &out.texts)
            defer { swap(&texts, &out.texts) }
            // Every array the loop reads is read through its buffer, and indices step with
            // wrapping arithmetic, each bounded by the loop: checked, the accesses and sums took
            // 19M of the 102M instructions the loop itself ran at 100k tasks (callgrind).
            out.parsed.withUnsafeBufferPointer { events in out.fields.withUnsafeBufferPointer { fields in texts.withUnsafeMutableBufferPointer { texts in
            hashes.withUnsafeBufferPointer { hashes in ahead.withUnsafeMutableBufferPointer { ahead in
                let far = 2 &* Self.lookahead
                for i in events.indices.prefix(far) { latest.prefetchSlot(hashes[i]) }
                for i in events.indices.prefix(Self.lookahead) { ahead[i] = latest.prefetchTask(hashes[i]) }
                for i in events.indices {
                    // `lookahead` is a power of two: the ring's slot is the index's low bits.
                    let slot = i & (Self.lookahead &- 1)
                    let lookup = TaskLookup(hash: hashes[i], candidate: ahead[slot])
                    if i &+ Self.lookahead < events.count {
                        ahead[slot] = latest.prefetchTask(hashes[i &+ Self.lookahead])
                    }
                    if i &+ far < events.count { latest.prefetchSlot(hashes[i &+ far]) }
                    let event = ParsedEvent.Reading(events, i, fields: fields, texts: PieceTexts(strings: texts, bytes: bytes), spends: !keeping)
                    let line = event.line
                    while let d = pending.first, d.line < line { diagnostics.append(d); pending.removeFirst() }
                    apply(event, mark: historyMark(eventLineStarts, i, number: eventCount), keeping: keeping, lookup: lookup, lineText: {
                        if lineStarts == nil { lineStarts = Self.lineStarts(bytes, upTo: bytes.count) }
                        return Self.line(bytes, lineStarts!, line - firstLine, startsInput: startsInput)
                    })
                }
            } } } } }
            diagnostics.append(contentsOf: pending)
            // Each piece's `consumed` counts from the start of the input; the last one's is the total.
            consumedHere = out.consumed
            lineCount += out.lines
            tornTail = out.tornTail.map(piece.text)
            tornDiagnostic = out.tornDiagnostic
            observing?(piece.slice(piece.offset..<out.consumed))
        }
        consumed += consumedHere
        if !keeping { eventsFrom = eventCount }
        return failure
    }

    /// The parser of this ledger's lines: it notes where each event's line starts when the
    /// tasks' histories record that.
    private var parser: LedgerParser { LedgerParser(file: file, keepsLineStarts: retention == .historiesOnFile) }

    /// Whether the events about to be taken in are kept: for `.historiesOnFile`, not those of
    /// the first reading of the file, which histories find on the file.
    private var keepsEvents: Bool {
        switch retention {
        case .everyEvent: return true
        case .historiesOnFile: return consumed > 0
        case .boardOnly: return false
        }
    }

    /// What the task's history records for event `i` of a parse of the bytes that follow those
    /// consumed (whose events' lines start at `lineStarts`), the event numbered `number`: where
    /// its line starts in the file, or its number.
    private func historyMark(_ lineStarts: [Int], _ i: Int, number: Int) -> Int {
        retention == .historiesOnFile ? consumed + lineStarts[i] : number
    }

    /// Takes in lines this process is about to append, checked against the latest board: every
    /// event is applied, or none is and the refusal is thrown. One event is applied in place
    /// (`Board.apply` leaves the board untouched when it refuses), so that a writer does not copy
    /// a board of a million tasks to check one line; several are checked on a copy first.
    /// Returns false, having changed nothing, when the lines do not read back cleanly; the
    /// caller then checks them the slow way.
    mutating func admit(_ bytes: [UInt8]) throws(Rejection) -> Bool {
        let headerDue = expectsHeader
        let out = parser.parse(bytes, firstLine: lineCount + 1, expectHeader: headerDue)
        guard out.diagnostics.isEmpty, out.tornTail == nil, out.consumed == bytes.count else { return false }
        var days: [CivilDate] = []
        let admitted = out.events
        if admitted.count == 1 {
            let e = admitted[0].event
            let day = e.time.date(inOffset: latest.config.offsetMinutes)
            let mark = historyMark(out.lineStarts, 0, number: eventCount)
            switch Self.freezing(frozen != nil, at: day, asOf: asOf) {
            case .freeze: frozen = Frozen(latest, firstLeftOut: mark)
            case .thaw: frozen = nil
            case .keep: break
            }
            try latest.apply(e, index: mark)
            days.append(day)
        } else {
            var board = latest
            var frozenBoard = frozen
            for (i, located) in admitted.enumerated() {
                let day = located.event.time.date(inOffset: board.config.offsetMinutes)
                switch Self.freezing(frozenBoard != nil, at: day, asOf: asOf) {
                case .freeze: frozenBoard = Frozen(board, firstLeftOut: historyMark(out.lineStarts, i, number: eventCount + i))
                case .thaw: frozenBoard = nil
                case .keep: break
                }
                try board.apply(located.event, index: historyMark(out.lineStarts, i, number: eventCount + i))
                days.append(day)
            }
            latest = board
            frozen = frozenBoard
        }
        for day in days { noteDay(day) }
        if headerDue {
            sawHeader = out.sawHeader
            settledHeader = out.settledHeader
        }
        if keepsEvents { events.append(contentsOf: admitted) } else { eventsFrom += admitted.count }
        eventCount += admitted.count
        consumed += out.consumed
        lineCount += out.lines
        return true
    }

    /// Applies a parsed event; a refused one becomes a located diagnostic. Only a ledger
    /// `keeping` the events makes one an `Event`. `mark` is what the task's history records for it.
    mutating func apply(_ event: ParsedEvent.Reading, mark: Int, keeping: Bool,
                        lookup: TaskLookup, lineText: () -> UnsafeBufferPointer<UInt8>) {
        let day = event.time.date(inOffset: latest.config.offsetMinutes)
        // Decided on the day alone: the frozen board is neither copied nor touched per event
        // (copied, every one of its tables was retained and released, twice the time of a
        // report as of an early day).
        switch Self.freezing(frozen != nil, at: day, asOf: asOf) {
        case .freeze: frozen = Frozen(latest, firstLeftOut: mark)
        case .thaw: frozen = nil
        case .keep: break
        }
        let applied: Bool
        do {
            try latest.apply(event, index: mark, recording: true, lookup: lookup)
            eventCount &+= 1  // At most the lines of a file: no overflow.
            noteDay(day)
            applied = true
        } catch {
            let text = lineText()
            let offset = Self.byteOffset(of: error.spot, in: text)
            diagnostics.append(.at(file, line: event.line, bytes: text, byteOffset: offset, error.message, hint: error.hint))
            applied = false
        }
        if applied, keeping { self.events.append(LocatedEvent(event: event.event, line: event.line)) }
    }

    /// What an event dated `day` does to the board as of `asOf`: it is the one before the first
    /// event dated after that day (`freeze`), unless a later event is dated on or before it
    /// again (`thaw`): a zone moved west dates the events after it earlier than the ones before
    /// it (18:00Z is the next day at +07:00, the same day at Z). The board then takes every
    /// event up to the last one dated on or before the day.
    enum Freezing { case freeze, thaw, keep }

    @inline(__always)
    static func freezing(_ isFrozen: Bool, at day: CivilDate, asOf: CivilDate?) -> Freezing {
        guard let asOf else { return .keep }
        if day > asOf { return isFrozen ? .keep : .freeze }
        return isFrozen ? .thaw : .keep
    }

    mutating func noteDay(_ day: CivilDate) {
        if lastDay.map({ day > $0 }) ?? true { lastDay = day }
    }

    /// Where on the line the part at fault starts: the caret goes there.
    static func byteOffset(of spot: Rejection.Spot, in line: UnsafeBufferPointer<UInt8>) -> Int {
        var tokens: [Int] = []
        var i = 0
        var inQuotes = false
        var escaped = false
        var tokenStart = true
        while i < line.count {
            let c = line[i]
            if inQuotes {
                if escaped { escaped = false } else if c == 92 { escaped = true } else if c == 34 { inQuotes = false }
            } else if c == 32 || c == 9 {
                tokenStart = true
            } else {
                if tokenStart { tokens.append(i); tokenStart = false }
                if c == 34 { inQuotes = true }
            }
            i += 1
        }
        func token(_ n: Int) -> Int { n < tokens.count ? tokens[n] : (tokens.last ?? 0) }
        let key: Key
        var element = 0
        switch spot {
        case .time: return token(0)
        case .actor: return token(1)
        case .verb: return token(2)
        case .id: return token(3)
        case .key(let k): key = k
        case .element(let k, let n): key = k; element = n
        }
        let prefix = Array((key.rawValue + "=").utf8)
        for t in tokens.dropFirst(4) where t + prefix.count <= line.count && Array(line[t..<(t + prefix.count)]) == prefix {
            var at = t + prefix.count
            if element > 0 {
                // Past the opening quote, if any, and as many commas as elements before it (agency
                // ids hold neither commas nor escapes).
                if at < line.count, line[at] == 34 { at += 1 }
                var commas = 0
                while at < line.count, commas < element, line[at] != 34, line[at] != 32 || line[t + prefix.count] == 34 {
                    if line[at] == UInt8(ascii: ",") { commas += 1 }
                    at += 1
                }
            }
            return at
        }
        return token(3)
    }

    static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> [Int] {
        var starts = [0]
        var i = 0
        while i < end {
            if bytes[i] == 10 { starts.append(i + 1) }
            i += 1
        }
        return starts
    }

    /// Line `index` of `bytes`, without its line end; without a byte-order mark when it is the
    /// first line of an input that `startsInput`.
    static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ index: Int, startsInput: Bool) -> UnsafeBufferPointer<UInt8> {
        var s = starts[index]
        if index == 0, startsInput, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { s = 3 }
        var e = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if e > s, bytes[e - 1] == 13 { e -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[s..<e])
    }

    /// The events of one task, in file order (for the audit trail and the detail view).
    /// Only a ledger that keeps every event has them.
    public func history(of taskID: String) -> [LocatedEvent] {
        precondition(retention == .everyEvent, "history(of:) needs a ledger read with retention .everyEvent")
        return taken(latest.tasks.history(of: taskID)).map { events[$0] }
    }

    /// Where the lines of one task's events start in the file, in file order, for a ledger
    /// that keeps histories on the file (`FileJournal.history(of:)` reads them).
    public func historyPlaces(of taskID: String) -> [Int] {
        precondition(retention == .historiesOnFile, "historyPlaces(of:) needs a ledger read with retention .historiesOnFile")
        return taken(latest.tasks.history(of: taskID))
    }

    /// The events the board as of `asOf` took (every one without `asOf`), for a ledger that
    /// keeps every event: those replay applied before the first it left out, each day judged in
    /// the zone in force before it, as the board's are.
    public var eventsTaken: ArraySlice<LocatedEvent> {
        precondition(retention == .everyEvent, "eventsTaken needs a ledger read with retention .everyEvent")
        guard let firstLeftOut = frozen?.firstLeftOut else { return events[...] }
        return events.prefix(max(0, firstLeftOut - eventsFrom))
    }

    /// The marks of a history that the board as of `asOf` took, as replay chose them (each day
    /// judged in the zone in force before it): judged again in the latest zone, an event near
    /// midnight could fall on the other side of a change of zone.
    private func taken(_ marks: [Int]) -> [Int] {
        guard let firstLeftOut = frozen?.firstLeftOut else { return marks }
        return marks.filter { $0 < firstLeftOut }
    }

    /// Lets go of the events applied before the first `count` (a ledger keeping histories on the
    /// file keeps the events it takes in only until its holder has brought its view up to date).
    public mutating func forgetEvents(before count: Int) {
        guard retention == .historiesOnFile, count > eventsFrom else { return }
        events.removeFirst(min(count - eventsFrom, events.count))
        eventsFrom = min(count, eventCount)
    }

    /// The events applied after the first `count`, when this ledger kept every one of them.
    public func events(after count: Int) -> ArraySlice<LocatedEvent>? {
        guard retention != .boardOnly, count >= eventsFrom, count <= eventCount else { return nil }
        return events[(count - eventsFrom)...]
    }
}
