/// A ledger read into memory: its events, the board they replay to, and every problem found.
/// Built by feeding it bytes (the whole file, then whatever is appended later), so that
/// following a growing file costs work proportional to the new bytes only.
public struct Ledger: Sendable {
    public let file: String
    /// "Today" for the board: events stamped after the end of this day are not applied.
    public let asOf: CivilDate?
    public private(set) var events: [LocatedEvent] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// The board after every valid event (what a writer must validate against).
    public private(set) var latest = Board()
    /// The board at the end of `asOf`, once an event past it has been seen.
    private var frozen: Board?
    /// Bytes of complete lines consumed so far.
    public private(set) var consumed = 0
    public private(set) var lineCount = 0
    public private(set) var sawHeader = false
    /// The bytes of an unterminated last line, if the file ends with one.
    public private(set) var tornTail: [UInt8]?
    /// The report of that torn tail.
    public private(set) var tornDiagnostic: Diagnostic?

    public init(file: String, asOf: CivilDate? = nil) {
        self.file = file
        self.asOf = asOf
    }

    /// Parses and replays a whole ledger.
    public static func load(_ bytes: [UInt8], file: String, asOf: CivilDate? = nil) -> Ledger {
        var l = Ledger(file: file, asOf: asOf)
        l.ingest(bytes)
        return l
    }

    /// The board as of `asOf` (or the latest when no date was given).
    public var board: Board { frozen ?? latest }

    /// Every problem, in line order, the torn tail last.
    public var allDiagnostics: [Diagnostic] { diagnostics + (tornDiagnostic.map { [$0] } ?? []) }

    public var errors: [Diagnostic] { allDiagnostics.filter { $0.severity == .error } }

    /// True while only blank and comment lines have been read: the version line is still due.
    /// (Any other first line is either the version line or reported as not being it.)
    public var expectsHeader: Bool { !sawHeader && diagnostics.isEmpty }

    /// True when the ledger can be trusted for writing: no errors and no torn tail.
    public var isClean: Bool { errors.isEmpty && tornTail == nil }

    /// Feeds the bytes that follow what was consumed so far. A trailing partial line is not
    /// consumed: it is remembered as a torn tail and offered again with the next call.
    public mutating func ingest(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { ingest($0) }
    }

    public mutating func ingest(_ bytes: UnsafeBufferPointer<UInt8>) {
        let parser = LedgerParser(file: file)
        // Blank and comment lines may come before the version line, so it can still be due
        // after the first piece of a file has been read.
        let headerDue = expectsHeader
        let firstLine = lineCount + 1
        // Parsing is split over the cores; replay stays in file order, piece after piece.
        let pieces = parser.parseInPieces(bytes, firstLine: firstLine, expectHeader: headerDue)
        let last = pieces[pieces.count - 1]
        if headerDue { sawHeader = pieces[0].sawHeader }
        tornTail = last.tornTail.map { Array(bytes[$0]) }
        tornDiagnostic = last.tornDiagnostic
        // Line starts are needed only to quote a refused line; most loads never need them.
        var lineStarts: [Int]?
        for out in pieces {
            var pending = out.diagnostics[...]
            for located in out.events {
                while let d = pending.first, d.line < located.line { diagnostics.append(d); pending.removeFirst() }
                apply(located, lineText: {
                    if lineStarts == nil { lineStarts = Self.lineStarts(bytes, upTo: last.consumed) }
                    return Self.line(bytes, lineStarts!, located.line - firstLine)
                })
            }
            diagnostics.append(contentsOf: pending)
        }
        consumed += last.consumed
        lineCount += pieces.reduce(0) { $0 + $1.lines }
    }

    /// Takes in lines this process is about to append, checked against the latest board: every
    /// event is applied, or none is and the refusal is thrown. One event is applied in place
    /// (`Board.apply` leaves the board untouched when it refuses), so that a writer does not copy
    /// a board of a million tasks to check one line; several are checked on a copy first.
    /// Returns false, having changed nothing, when the lines do not read back cleanly; the
    /// caller then checks them the slow way.
    mutating func admit(_ bytes: [UInt8]) throws(Rejection) -> Bool {
        let headerDue = expectsHeader
        let out = LedgerParser(file: file).parse(bytes, firstLine: lineCount + 1, expectHeader: headerDue)
        guard out.diagnostics.isEmpty, out.tornTail == nil, out.consumed == bytes.count else { return false }
        if out.events.count == 1 {
            let e = out.events[0].event
            if let asOf, frozen == nil, e.time.date(inOffset: latest.config.offsetMinutes) > asOf { frozen = latest }
            try latest.apply(e, index: events.count)
        } else {
            var board = latest
            var frozenBoard = frozen
            for (i, located) in out.events.enumerated() {
                if let asOf, frozenBoard == nil, located.event.time.date(inOffset: board.config.offsetMinutes) > asOf { frozenBoard = board }
                try board.apply(located.event, index: events.count + i)
            }
            latest = board
            frozen = frozenBoard
        }
        if headerDue { sawHeader = out.sawHeader }
        events.append(contentsOf: out.events)
        consumed += out.consumed
        lineCount += out.lines
        return true
    }

    /// Applies one parsed event; a refused event becomes a located diagnostic.
    mutating func apply(_ located: LocatedEvent, lineText: () -> UnsafeBufferPointer<UInt8>) {
        let e = located.event
        if let asOf, frozen == nil, e.time.date(inOffset: latest.config.offsetMinutes) > asOf {
            frozen = latest
        }
        do {
            try latest.apply(e, index: events.count)
            events.append(located)
        } catch {
            let text = lineText()
            let offset = Self.byteOffset(of: error.spot, in: text)
            diagnostics.append(.at(file, line: located.line, bytes: text, byteOffset: offset, error.message, hint: error.hint))
        }
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
        switch spot {
        case .time: return token(0)
        case .actor: return token(1)
        case .verb: return token(2)
        case .id: return token(3)
        case .key(let k): key = k
        }
        let prefix = Array((key.rawValue + "=").utf8)
        for t in tokens.dropFirst(4) where t + prefix.count <= line.count && Array(line[t..<(t + prefix.count)]) == prefix {
            return t + prefix.count
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

    static func line(_ bytes: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ index: Int) -> UnsafeBufferPointer<UInt8> {
        var s = starts[index]
        if index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { s = 3 }
        var e = index + 1 < starts.count ? starts[index + 1] - 1 : bytes.count
        if e > s, bytes[e - 1] == 13 { e -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[s..<e])
    }

    /// The events of one task, in file order (for the audit trail and the detail view).
    public func history(of taskID: String) -> [LocatedEvent] {
        return latest.tasks.history(of: taskID).map { events[$0] }.filter { e in
            guard let asOf else { return true }
            return e.event.time.date(inOffset: latest.config.offsetMinutes) <= asOf
        }
    }
}
