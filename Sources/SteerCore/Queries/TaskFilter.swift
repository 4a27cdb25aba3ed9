import Glibc

/// The one query language: what a user types after `/` in the screen and what `steer show
/// --filter` takes. Terms separated by spaces all must hold (AND); a leading `-` negates one.
///
///   free words        match the start of a word of id, title, owner, product, source and
///                     lead names, without diacritics
///   lead:BKHCN        led by (also merged-in agencies); support:, agency: (lead or support)
///   state:blocked     assigned|in_progress|blocked|submitted|done|cancelled; also open, closed
///   kind:decree       task kinds; `kind:legal` for every legal document
///   stage:appraisal   legal stage
///   owner:lan         owner contains, without diacritics
///   due<2025-06-30    also <=, >, >=, =
///   overdue           open and past the deadline; also late (done late), unclear (any point)
///   unclear:result    fails that clarity point
///   id:NQ03           id starts with
///   owner:"Vụ Kế hoạch - Tài chính"   double quotes keep spaces in a value or a phrase
public struct TaskFilter: Sendable {
    public struct ParseError: Error, Equatable, Sendable {
        public let message: String
        /// 1-based column in the query text.
        public let column: Int
    }

    enum Comparison: Sendable { case lt, le, gt, ge, eq }

    indirect enum Term: Sendable {
        case word(String)
        case lead(String), support(String), agency(String), owner(String), id(String)
        case state(Set<TaskState>), kind(Set<TaskKind>), stage(Stage)
        case due(Comparison, CivilDate)
        case timeliness(Timeliness)
        case unclear(ClarityPoint?)
        case not(Term)
    }

    let terms: [Term]
    public let text: String
    /// The agency ids the query names (lead:, support:, agency:), each with its column.
    let agenciesNamed: [(id: String, column: Int)]

    public static let all = TaskFilter(terms: [], text: "")

    init(terms: [Term], text: String, agenciesNamed: [(id: String, column: Int)] = []) {
        self.terms = terms
        self.text = text
        self.agenciesNamed = agenciesNamed
    }

    public var isEmpty: Bool { terms.isEmpty }

    public init(_ text: String) throws(ParseError) {
        var terms: [Term] = []
        var named: [(id: String, column: Int)] = []
        for (piece, column) in try Self.pieces(text) {
            var body = Substring(piece)
            var negate = false
            if body.first == "-", body.count > 1 { negate = true; body = body.dropFirst() }
            let term = try Self.term(body, column: column + (negate ? 1 : 0))
            switch term {
            case .lead(let id), .support(let id), .agency(let id):
                named.append((id, column + (negate ? 1 : 0) + body.prefix { $0 != ":" }.count + 1))
            default: break
            }
            terms.append(negate ? .not(term) : term)
        }
        self.init(terms: terms, text: text, agenciesNamed: named)
    }

    /// The query's terms as typed, each with the column it starts at: split at spaces outside
    /// double quotes, the quotes taken off. Vietnamese unit names hold spaces
    /// (`owner:"Vụ Kế hoạch - Tài chính"`); unquoted, each word was a term of its own.
    static func pieces(_ text: String) throws(ParseError) -> [(String, Int)] {
        var pieces: [(String, Int)] = []
        var current = ""
        var start: Int?
        var openQuote: Int?
        for (i, c) in text.enumerated() {
            let column = i + 1
            if c == "\"" {
                openQuote = openQuote == nil ? column : nil
                if start == nil { start = column }
            } else if c == " ", openQuote == nil {
                if let s = start, !current.isEmpty { pieces.append((current, s)) }
                current = ""
                start = nil
            } else {
                if start == nil { start = column }
                current.append(c)
            }
        }
        if let openQuote { throw ParseError(message: "this quote is never closed: end the phrase with \"", column: openQuote) }
        if let s = start, !current.isEmpty { pieces.append((current, s)) }
        return pieces
    }

    /// An agency the query names that `board` has no agency for, in any case, with the one
    /// most like it: `lead:BKHNC` matched nothing, and a report of nothing from a mistyped id
    /// reads as nothing to report.
    public func unknownAgency(on board: Board) -> ParseError? {
        for (id, column) in agenciesNamed where !board.agencyOrder.contains(where: { $0.lowercased() == id.lowercased() }) {
            let near = board.agencyOrder.map { ($0, Levenshtein.distance(Array(id.lowercased()), Array($0.lowercased()))) }
                .filter { $0.1 <= 2 }.min { $0.1 < $1.1 }?.0
            return ParseError(message: "no agency `\(id)` in this ledger" + (near.map { "; did you mean \($0)?" } ?? ""), column: column)
        }
        return nil
    }

    static func term(_ s: Substring, column: Int) throws(ParseError) -> Term {
        let lower = s.lowercased()
        switch lower {
        case "overdue": return .timeliness(.openOverdue)
        case "late": return .timeliness(.doneLate)
        case "unclear": return .unclear(nil)
        case "blocked": return .state([.blocked])
        default: break
        }
        if lower.hasPrefix("due") {
            let rest = s.dropFirst(3)
            for (op, cmp) in [("<=", Comparison.le), (">=", .ge), ("<", .lt), (">", .gt), ("=", .eq), (":", .eq)] where rest.hasPrefix(op) {
                let dateText = rest.dropFirst(op.count)
                guard let d = CivilDate(dateText) else {
                    throw ParseError(message: "`\(dateText)` is not a date; write due<2025-06-30", column: column + 3 + op.count)
                }
                return .due(cmp, d)
            }
        }
        guard let colon = s.firstIndex(of: ":") else { return .word(Fold.fold(String(s))) }
        let field = s[..<colon].lowercased()
        let value = String(s[s.index(after: colon)...])
        let valueColumn = column + field.count + 1
        guard !value.isEmpty else { throw ParseError(message: "`\(field):` needs a value", column: valueColumn) }
        switch field {
        case "lead": return .lead(value)
        case "support": return .support(value)
        case "agency": return .agency(value)
        case "owner": return .owner(Fold.fold(value))
        case "id": return .id(value)
        case "state":
            switch value {
            case "open": return .state(Set(TaskState.allCases.filter(\.isOpen)))
            case "closed": return .state([.done, .cancelled])
            default:
                guard let st = TaskState(rawValue: value) else {
                    throw ParseError(message: "unknown state `\(value)`: " + TaskState.allCases.map(\.rawValue).joined(separator: ", ") + ", open, closed", column: valueColumn)
                }
                return .state([st])
            }
        case "kind":
            if value == "legal" { return .kind(Set(TaskKind.allCases.filter(\.isLegalDocument))) }
            guard let k = TaskKind(rawValue: value) else {
                throw ParseError(message: "unknown kind `\(value)`: " + TaskKind.allCases.map(\.rawValue).joined(separator: ", ") + ", legal", column: valueColumn)
            }
            return .kind([k])
        case "stage":
            guard let st = Stage(rawValue: value) else {
                throw ParseError(message: "unknown stage `\(value)`: " + Stage.allCases.map(\.rawValue).joined(separator: ", "), column: valueColumn)
            }
            return .stage(st)
        case "unclear":
            if value == "any" { return .unclear(nil) }
            guard let p = ClarityPoint(rawValue: value) else {
                throw ParseError(message: "unknown clarity point `\(value)`: " + ClarityPoint.allCases.map(\.rawValue).joined(separator: ", "), column: valueColumn)
            }
            return .unclear(p)
        case "time", "timeliness":
            guard let t = Timeliness(rawValue: value) else {
                throw ParseError(message: "unknown timeliness `\(value)`: " + Timeliness.allCases.map(\.rawValue).joined(separator: ", "), column: valueColumn)
            }
            return .timeliness(t)
        default:
            throw ParseError(message: "unknown field `\(field):`; fields are lead, support, agency, owner, id, state, kind, stage, unclear, time, and due<DATE",
                             column: column)
        }
    }

    public func matches(_ r: TaskRow, in o: Overview) -> Bool {
        isEmpty || matches(r, in: o, searchText: Self.searchText(r.task, o.board))
    }

    /// Matches with the row's folded search text given (`searchText`, kept by a caller that
    /// filters the same rows again and again); it is only read when the query has free words.
    public func matches(_ r: TaskRow, in o: Overview, searchText: @autoclosure () -> String) -> Bool {
        var folded: String?
        return terms.allSatisfy { Self.holds($0, r, o) { folded ?? { folded = searchText(); return folded! }() } }
    }

    /// Whether the query has free words, which are matched against folded text.
    public var hasWords: Bool {
        terms.contains { term in
            switch term {
            case .word: return true
            case .not(.word): return true
            default: return false
            }
        }
    }

    /// The folded free words every match contains (the ones not negated), so that a caller
    /// holding the folded texts can look for them first, as bytes.
    public var requiredWords: [String] {
        terms.compactMap { term in
            if case .word(let w) = term { return w }
            return nil
        }
    }

    /// Whether the query is free words alone, none negated: a task matches exactly when its
    /// folded text contains each of `requiredWords`.
    public var isOnlyWords: Bool {
        terms.allSatisfy { term in
            if case .word = term { return true }
            return false
        }
    }

    /// Whether every task this filter lets through, `previous` lets through too, so that only
    /// the tasks `previous` matched need testing (a character typed at the end of a word, or
    /// another word). Answered only when it is plain: `previous` is free words alone, each
    /// the start of one of this filter's free words (a text with a word starting "dong" has one
    /// starting "don"). Any other query (negation, fields, an empty `previous`) answers false:
    /// filter every task.
    public func narrows(_ previous: TaskFilter) -> Bool {
        guard !previous.isEmpty, previous.isOnlyWords else { return false }
        let mine = requiredWords
        return previous.requiredWords.allSatisfy { old in mine.contains { $0.hasPrefix(old) } }
    }

    static func holds(_ term: Term, _ r: TaskRow, _ o: Overview, _ text: () -> String) -> Bool {
        r.withTask { holds(term, r, $0.pointee, o, text) }
    }

    /// `holds` for the row's task `t`, read where it lies: a term reads a field or two of it.
    private static func holds(_ term: Term, _ r: TaskRow, _ t: borrowing Assignment, _ o: Overview, _ text: () -> String) -> Bool {
        switch term {
        case .not(let inner): return !holds(inner, r, t, o, text)
        case .word(let w): return Self.startsAWord(text(), w)
        case .lead(let a): return agencyMatches(a, t.leads, o.board)
        case .support(let a): return agencyMatches(a, t.support, o.board)
        case .agency(let a): return agencyMatches(a, t.leads + t.support, o.board)
        case .owner(let w): return Self.contains(Fold.fold(t.owner ?? ""), w)
        case .id(let p): return t.id.lowercased().hasPrefix(p.lowercased())
        case .state(let s): return s.contains(t.state)
        case .kind(let k): return k.contains(t.kind)
        case .stage(let s): return t.stage == s
        case .due(let cmp, let d):
            guard let due = t.due else { return false }
            switch cmp {
            case .lt: return due < d
            case .le: return due <= d
            case .gt: return due > d
            case .ge: return due >= d
            case .eq: return due == d
            }
        case .timeliness(let tl): return r.timeliness == tl
        case .unclear(let p): return p.map { r.unclear.contains($0) } ?? !r.unclear.isEmpty
        }
    }

    /// Whether folded `text` contains folded `word`, compared as UTF-8 bytes: both are already
    /// folded, so no Unicode comparison (and no conversion) is needed on the per-row path.
    static func contains(_ text: String, _ word: String) -> Bool { find(word, in: text, atWordStart: false) }

    /// Whether a word of folded `text` starts with folded `word`: found where the text starts
    /// or after a byte no word has, so that "ha noi" finds "hà nội" and not "hoàn thành kết
    /// nối".
    static func startsAWord(_ text: String, _ word: String) -> Bool { find(word, in: text, atWordStart: true) }

    /// `word` in `text`, anywhere or only where a word starts: memchr finds each candidate
    /// first byte, memcmp checks the rest.
    private static func find(_ word: String, in text: String, atWordStart: Bool) -> Bool {
        if word.isEmpty { return true }
        var text = text, word = word
        return text.withUTF8 { t in
            word.withUTF8 { w in
                guard let tb = t.baseAddress, let wb = w.baseAddress, t.count >= w.count else { return false }
                let last = t.count - w.count
                var i = 0
                while i <= last {
                    guard let hit = memchr(tb + i, Int32(w[0]), last - i + 1) else { return false }
                    let at = tb.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if (!atWordStart || at == 0 || !isWordByte(t[at - 1])) && memcmp(tb + at, wb, w.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }

    /// A byte of a word of folded text: a lowercase ASCII letter or a digit. Folded, Vietnamese
    /// is ASCII; what folding leaves (an en dash, a curly quote, a no-break space, another
    /// script's letter) parts words, so that "2030" finds "2026–2030".
    public static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    /// Matches an agency id case-insensitively, following merges: `lead:quangbinh` finds tasks
    /// of agencies merged into it too.
    static func agencyMatches(_ wanted: String, _ ids: [String], _ b: Board) -> Bool {
        let w = wanted.lowercased()
        return ids.contains { $0.lowercased() == w || b.canonicalAgency($0).lowercased() == w }
    }

    /// Everything free words are matched against, folded.
    public static func searchText(_ t: Assignment, _ b: Board) -> String {
        var parts = [t.id, t.title ?? "", t.owner ?? "", t.product ?? "", t.source ?? ""]
        for l in t.leads { parts.append(l); parts.append(b.displayName(ofAgency: l)) }
        return Fold.fold(parts.joined(separator: " "))
    }
}
