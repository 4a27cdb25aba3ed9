/// Turns an action-programme table exported from a spreadsheet into `assign` events. Header
/// names may be Vietnamese or English; agencies may be given by id or by name. Any bad row
/// stops the whole import with its row and column: nothing is appended.
public struct ActionProgrammeImport {
    public enum Column: String, CaseIterable, Sendable {
        case id, title, lead, support, product, due, owner, kind, source, authority
    }

    /// Header words (folded: no diacritics, lower case) for each column.
    static let headers: [Column: [String]] = [
        .id: ["id", "ma", "ma nhiem vu", "stt", "so tt"],
        .title: ["task", "title", "nhiem vu", "ten nhiem vu", "noi dung", "noi dung nhiem vu", "cong viec"],
        .lead: ["lead", "lead agency", "chu tri", "co quan chu tri", "don vi chu tri"],
        .support: ["support", "coordinating", "coordinating agencies", "phoi hop", "co quan phoi hop", "don vi phoi hop"],
        .product: ["product", "result", "deliverable", "san pham", "ket qua", "san pham du kien"],
        .due: ["deadline", "due", "thoi han", "thoi gian hoan thanh", "thoi han hoan thanh", "han hoan thanh"],
        .owner: ["owner", "person", "nguoi phu trach", "don vi phu trach", "can bo phu trach"],
        .kind: ["kind", "type", "loai", "hinh thuc"],
        .source: ["source", "nguon", "can cu", "van ban"],
        .authority: ["authority", "tham quyen", "cap quyet dinh"],
    ]

    /// Headers of a column that numbers the rows rather than naming the tasks.
    static let ordinalHeaders: Set<String> = ["stt", "so tt"]

    /// The header names read for each column, one column a line, for `steer import --help`.
    public static var headerNames: String {
        Column.allCases.map { "\($0.rawValue): " + headers[$0]!.joined(separator: ", ") }.joined(separator: "\n")
    }

    public let file: String
    /// Ids are made as PREFIX-ROW when the table has no id column (or an ordinal one).
    public let idPrefix: String

    public init(file: String, idPrefix: String) {
        self.file = file
        self.idPrefix = idPrefix
    }

    /// Reads the table and makes the events, checking each against the board as it would be.
    public func events(from text: String, board: Board, time: Timestamp, actor: String) throws(Diagnostic) -> [Event] {
        try events(from: read(text), board: board, time: time, actor: actor)
    }

    /// A table read and its columns found: what `events` makes events of, read once however
    /// often they are made (a write checks them, then makes them again under the lock).
    public struct Table: Sendable {
        let records: [CSVReader.Record]
        let map: [Column: Int]
        /// The names of the header's columns that steer does not read: their cells are not imported.
        public let ignoredColumns: [String]
    }

    /// Reads the table and finds its columns; refused when it has no column for the title.
    public func read(_ text: String) throws(Diagnostic) -> Table {
        let records: [CSVReader.Record]
        do { records = try CSVReader.read(text) } catch {
            throw Diagnostic(file: file, line: error.line, column: error.column, message: error.message, hint: "check the quoting of this row", lineText: "")
        }
        guard let header = records.first else {
            throw Diagnostic(file: file, line: 1, column: 1, message: "the file is empty", hint: "export the action-programme table as CSV with a header row", lineText: "")
        }
        let (map, ignored) = try columns(of: header)
        guard map[.title] != nil else {
            throw Diagnostic(file: file, line: header.line, column: 1, message: "no column for the task title",
                             hint: "name one column `nhiệm vụ` or `task`; known headers: " + Self.headers[.title]!.joined(separator: ", "), lineText: header.text)
        }
        return Table(records: records, map: map, ignoredColumns: ignored)
    }

    /// The events of `table`, each checked against the board as it would be.
    public func events(from table: Table, board: Board, time: Timestamp, actor: String) throws(Diagnostic) -> [Event] {
        let records = table.records, map = table.map
        var scratch = board
        var out: [Event] = []
        // Rows of empty cells (`,,,,` where a sheet had blank rows) are not tasks; the others
        // keep their row numbers (`PREFIX-ROW`).
        for (n, r) in records.dropFirst().enumerated() where r.fields.contains(where: { !$0.trimmingSpacesAndNewlines().isEmpty }) {
            func cell(_ c: Column) -> String? {
                guard let i = map[c], i < r.fields.count else { return nil }
                let v = r.fields[i].trimmingSpacesAndNewlines()
                return v.isEmpty ? nil : NFC.of(v)
            }
            func fail(_ c: Column?, _ message: String, _ hint: String? = nil) -> Diagnostic {
                let col = c.flatMap { map[$0] }.flatMap { $0 < r.columns.count ? r.columns[$0] : nil } ?? 1
                return Diagnostic(file: file, line: r.line, column: col, message: message, hint: hint, lineText: r.text)
            }
            var id = cell(.id).map { $0.allSatisfy(\.isNumber) ? "\(idPrefix)-\($0)" : $0 } ?? "\(idPrefix)-\(n + 1)"
            id = id.replacing(" ", with: "-")
            guard LedgerPrinter.isName(id) else {
                throw fail(.id, "`\(id)` cannot be a task id", "ids are letters, digits, '.', '_' and '-'")
            }
            var fields: [Field] = []
            if let k = cell(.kind) {
                guard let kind = Self.kind(k) else { throw fail(.kind, "unknown kind `\(k)`", "kinds: " + TaskKind.allCases.map(\.rawValue).joined(separator: ", ")) }
                fields.append(Field(.kind, kind.rawValue))
            } else if let kind = cell(.product).flatMap(Self.kind(ofProduct:)), kind != .task {
                // Most programmes have no kind column: the deliverable says it ("Nghị định" is a decree).
                fields.append(Field(.kind, kind.rawValue))
            }
            if let t = cell(.title) { fields.append(Field(.title, t)) }
            for (col, key) in [(Column.lead, Key.lead), (.support, .support)] {
                guard let v = cell(col) else { continue }
                let ids: [String]
                switch Self.agencies(in: v, board: scratch) {
                case .success(let found): ids = found
                case .failure(let unknown):
                    throw fail(col, "no agency `\(unknown.name)` is declared in the ledger", "use an agency id (BKHCN) or its exact name; declare new agencies first")
                }
                if !ids.isEmpty { fields.append(Field(key, ids.joined(separator: ","))) }
            }
            if let v = cell(.owner) { fields.append(Field(.owner, v)) }
            // Work done all along ("Thường xuyên") has no deadline: the task stays unclear on time.
            if let v = cell(.due), !Self.isOngoing(v) {
                guard let d = Self.deadline(v) else {
                    throw fail(.due, "`\(v)` is not a deadline steer understands", "write 2025-06-30, 30/06/2025, 06/2025, Tháng 6/2025, Quý II/2025 or Năm 2025; Thường xuyên, or an empty cell, for none")
                }
                fields.append(Field(.due, d.description))
            }
            if let v = cell(.product) { fields.append(Field(.product, v)) }
            if let v = cell(.source) { fields.append(Field(.source, v)) }
            if let v = cell(.authority) { fields.append(Field(.authority, v)) }
            let e = Event(time: time, actor: actor, verb: .assign, id: id, fields: fields)
            do { try scratch.apply(e, index: 0) } catch {
                throw fail(error.key.flatMap { k in Column(rawValue: k.rawValue) } ?? .id, error.message, error.hint)
            }
            out.append(e)
        }
        return out
    }

    /// The columns a header names, and the names of those it has that steer does not read.
    /// A header is matched on its words, however the sheet wrapped or spaced them
    /// ("Thời hạn\nhoàn thành"); two columns read as the same one are refused.
    func columns(of header: CSVReader.Record) throws(Diagnostic) -> (read: [Column: Int], ignored: [String]) {
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var map: [Column: Int] = [:]
        var ignored: [String] = []
        for (i, name) in header.fields.enumerated() {
            let folded = words(Fold.fold(name))
            guard let col = Self.headers.first(where: { $0.value.contains(folded) })?.key else {
                if !folded.isEmpty { ignored.append(words(name)) }
                continue
            }
            if let first = map[col] {
                // An ordinal column beside the ids (STT, then Mã nhiệm vụ) gives way to them.
                if col == .id, Self.ordinalHeaders.contains(folded) { continue }
                if col == .id, Self.ordinalHeaders.contains(words(Fold.fold(header.fields[first]))) {
                    map[col] = i
                    continue
                }
                let column = i < header.columns.count ? header.columns[i] : 1
                throw Diagnostic(file: file, line: header.line, column: column, message: "columns \(first + 1) and \(i + 1) are both read as `\(col.rawValue)`",
                                 hint: "rename or remove one of them", lineText: header.text)
            }
            map[col] = i
        }
        return (map, ignored)
    }

    /// The agencies of a lead or support cell, by id or name, separated by commas, semicolons
    /// or line breaks; or the first piece that names none. A name may itself hold a comma
    /// ("Bộ Văn hóa, Thể thao và Du lịch"): the longest run of pieces that names an agency
    /// is taken first.
    static func agencies(in cell: String, board: Board) -> Result<[String], UnknownAgency> {
        // Pieces between separators; "\r\n" is one Character, a line break too.
        var pieces: [Substring] = []
        var start = cell.startIndex
        for i in cell.indices where [",", ";", "\n", "\r\n", "\r"].contains(cell[i]) {
            pieces.append(cell[start..<i])
            start = cell.index(after: i)
        }
        pieces.append(cell[start...])
        var ids: [String] = []
        var at = 0
        while at < pieces.count {
            if pieces[at].trimmingSpacesAndNewlines().isEmpty { at += 1; continue }
            var taken: Int?
            for end in stride(from: pieces.count - 1, through: at, by: -1) {
                let name = cell[pieces[at].startIndex..<pieces[end].endIndex].trimmingSpacesAndNewlines()
                if let id = agency(named: name, in: board) {
                    ids.append(id)
                    taken = end
                    break
                }
            }
            guard let end = taken else { return .failure(UnknownAgency(name: pieces[at].trimmingSpacesAndNewlines())) }
            at = end + 1
        }
        return .success(ids)
    }

    struct UnknownAgency: Error {
        let name: String
    }

    static func kind(_ text: String) -> TaskKind? {
        if let k = TaskKind(rawValue: text.lowercased()) { return k }
        switch Fold.fold(text) {
        case "nghi dinh": return .decree
        case "luat", "du an luat": return .law
        case "quyet dinh": return .decision
        case "thong tu": return .circular
        case "nghi quyet": return .resolution
        case "ke hoach": return .plan
        case "bao cao": return .report
        case "he thong", "nen tang": return .system
        case "nhiem vu": return .task
        default: return nil
        }
    }

    /// The kind a deliverable names by its first words: "Nghị định của Chính phủ" is a decree,
    /// "Dự thảo Luật …" a law, "Kế hoạch hành động" a plan; nil when they name none.
    static func kind(ofProduct product: String) -> TaskKind? {
        var words = Fold.fold(product).split(whereSeparator: { !$0.isLetter }).map(String.init)
        if words.first == "du", words.count > 1, ["an", "thao"].contains(words[1]) { words.removeFirst(2) }
        for n in [2, 1] where words.count >= n {
            if let k = kind(words.prefix(n).joined(separator: " ")) { return k }
        }
        return nil
    }

    /// Deadlines that are none: work done all along, or again and again.
    static func isOngoing(_ text: String) -> Bool {
        ["thuong xuyen", "lien tuc", "hang nam", "hang quy", "hang thang"].contains(Fold.fold(text).trimmingSpaces().lowercased())
    }

    /// An agency by id, or by its name without diacritics or case ("Bộ Tài chính", "bo tai chinh").
    static func agency(named name: String, in b: Board) -> String? {
        if b.agencies[name] != nil { return name }
        let folded = Fold.fold(name)
        for id in b.agencyOrder {
            guard let a = b.agencies[id] else { continue }
            if Fold.fold(a.id) == folded || Fold.fold(a.name) == folded || a.en.map(Fold.fold) == folded { return id }
        }
        return nil
    }

    /// Deadlines as action programmes write them; a month, quarter or year means its last day.
    static func deadline(_ text: String) -> CivilDate? {
        if let d = CivilDate(text) { return d }
        let t = Fold.fold(text).trimmingSpaces()
        let nums = t.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        // A year is written whole: `1/2/25` is no deadline steer can be sure of, and read as
        // day, month and year it fell in the year 25.
        guard let year = nums.last, (1900...9999).contains(year) else { return nil }
        func endOfMonth(_ m: Int) -> CivilDate? {
            guard (1...12).contains(m) else { return nil }
            return CivilDate(year: year, month: m, day: CivilDate.daysIn(month: m, year: year))
        }
        /// The last of a span: `6-7` (June to July) ends with its second; a lone number is its own.
        func last(of span: ArraySlice<Int>, in range: ClosedRange<Int>) -> Int? {
            guard (1...2).contains(span.count), span.allSatisfy(range.contains), span.first! <= span.last! else { return nil }
            return span.last
        }
        if t.hasPrefix("quy") {
            // The quarters before the year, in figures or Roman numerals, one or a span
            // ("Quý II/2025", "Quý 2-3/2025", "Quý I và II/2026", "Quý IV năm 2025").
            let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]
            let words = t.dropFirst(3).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).dropLast()
            var quarters: [Int] = []
            for w in words where !["va", "den", "nam"].contains(w) {
                guard let q = roman[String(w)] ?? (w.allSatisfy { $0.isASCII && $0.isNumber } ? Int(w) : nil) else { return nil }
                quarters.append(q)
            }
            return last(of: quarters[...], in: 1...4).flatMap { endOfMonth($0 * 3) }
        }
        if t.hasPrefix("nam") { return nums.count == 1 ? endOfMonth(12) : nil }
        if t.hasPrefix("thang") { return last(of: nums.dropLast(), in: 1...12).flatMap(endOfMonth) }
        // 30/06/2025 or 06/2025, and nothing else between the numbers: `6-7/2025` could be a
        // day or a span of months.
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        // Each a number an Int holds: one that does not is no day or month.
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        switch numbers.count {
        case 3: return CivilDate(year: year, month: numbers[1], day: numbers[0])
        case 2: return endOfMonth(numbers[0])
        default: return nil
        }
    }
}
