/// Turns an action-programme table exported from a spreadsheet into `assign` events. Header
/// names may be Vietnamese or English; agencies may be given by id or by name. Any bad row
/// stops the whole import with its row and column: nothing is appended.
public struct ActionProgrammeImport {
    public enum Column: String, CaseIterable, Sendable {
        case id, title, lead, support, product, due, owner, kind, source, authority, note
    }

    /// Header words (folded: no diacritics, lower case) for each column.
    static let headers: [Column: [String]] = [
        .id: ["id", "ma", "ma nhiem vu", "stt", "so tt"],
        .title: ["task", "title", "nhiem vu", "ten nhiem vu", "noi dung", "noi dung nhiem vu", "cong viec"],
        .lead: ["lead", "lead agency", "chu tri", "co quan chu tri", "don vi chu tri", "chu tri thuc hien", "co quan chu tri thuc hien",
                "don vi chu tri thuc hien", "co quan don vi chu tri"],
        .support: ["support", "coordinating", "coordinating agencies", "phoi hop", "co quan phoi hop", "don vi phoi hop", "phoi hop thuc hien",
                   "co quan phoi hop thuc hien", "don vi phoi hop thuc hien", "co quan don vi phoi hop"],
        .product: ["product", "result", "deliverable", "san pham", "ket qua", "san pham du kien"],
        .due: ["deadline", "due", "thoi han", "thoi gian hoan thanh", "thoi han hoan thanh", "han hoan thanh"],
        .owner: ["owner", "person", "nguoi phu trach", "don vi phu trach", "can bo phu trach"],
        .kind: ["kind", "type", "loai", "hinh thuc"],
        .source: ["source", "nguon", "can cu", "van ban"],
        .authority: ["authority", "tham quyen", "cap quyet dinh"],
        .note: ["note", "notes", "remarks", "ghi chu"],
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
        /// Whether the id column only numbers the rows (STT).
        let ordinal: Bool
        /// The header's columns that steer does not read, and whether any row has something in each.
        let ignored: [(name: String, holdsData: Bool)]

        /// The names of the header's columns that steer does not read: their cells are not imported.
        public var ignoredColumns: [String] { ignored.map(\.name) }
        /// The columns steer does not read that hold something: imported without them, it would
        /// be lost.
        public var ignoredColumnsWithData: [String] { ignored.filter(\.holdsData).map(\.name) }
    }

    /// Reads the table and finds its columns; refused when it has no column for the title.
    public func read(_ text: String) throws(Diagnostic) -> Table {
        var records: [CSVReader.Record]
        do { records = try CSVReader.read(text) } catch {
            throw Diagnostic(file: file, line: error.line, column: error.column, message: error.message,
                             hint: "a cell holding a quote is quoted whole, its quotes doubled: \"Báo cáo \"\"5 rõ\"\"\"", lineText: error.lineText)
        }
        guard var header = records.first else {
            throw Diagnostic(file: file, line: 1, column: 1, message: "the file is empty", hint: "export the action-programme table as CSV with a header row", lineText: "")
        }
        var (map, ignored) = try columns(of: header)
        // The separator the header suggests may be the wrong one (`Cơ quan, đơn vị chủ trì` in a
        // `;` sheet holds as many commas as semicolons): the other is tried when it finds no title.
        if map[.title] == nil, let other = try? CSVReader.read(text, separator: CSVReader.separator(Array(text.unicodeScalars)) == ";" ? "," : ";"),
           let otherHeader = other.first, let found = try? columns(of: otherHeader), found.read[.title] != nil {
            records = other
            header = otherHeader
            (map, ignored) = found
        }
        guard map[.title] != nil else {
            throw Diagnostic(file: file, line: header.line, column: 1, message: "no column for the task title",
                             hint: "name one column `nhiệm vụ` or `task`; known headers: " + Self.headers[.title]!.joined(separator: ", "), lineText: header.text)
        }
        let unread = ignored.map { column in
            (name: column.name.isEmpty ? "column \(column.index + 1), which has no header" : column.name,
             holdsData: records.dropFirst().contains { Self.cell(column.index, of: $0) != nil })
        }.filter { $0.holdsData || !$0.name.hasSuffix("which has no header") }
        let ordinal = map[.id].map { Self.ordinalHeaders.contains(Self.headerWords(header.fields[$0])) } ?? false
        return Table(records: records, map: map, ordinal: ordinal, ignored: unread)
    }

    /// The events of `table`, each checked against the board as it would be. Section headings
    /// (`sectionHeadings`) are passed over; any other row must have a title, its cells within
    /// the header's columns, and its number when the others are numbered.
    public func events(from table: Table, board: Board, time: Timestamp, actor: String) throws(Diagnostic) -> [Event] {
        let records = table.records, map = table.map
        let headerCount = records[0].fields.count
        // Ids come from the id (or ordinal) column when the rows fill it, else from the row.
        let numbered = map[.id].map { i in records.dropFirst().contains { Self.cell(i, of: $0) != nil } } ?? false
        let prefix = idPrefix.hasSuffix("-") ? String(idPrefix.dropLast()) : idPrefix
        var scratch = board
        var out: [Event] = []
        // Rows of empty cells (`,,,,` where a sheet had blank rows) are not tasks; the others
        // keep their row numbers (`PREFIX-ROW`).
        // A row of a title alone, where other rows say more, is no task: a heading, a total, a
        // footnote or the sign-off block of an unnumbered sheet.
        let detailColumns = [Column.lead, .support, .due, .product, .owner].compactMap { map[$0] }
        let othersHaveDetails = records.dropFirst().contains { r in detailColumns.contains { Self.cell($0, of: r) != nil } }
        for (n, r) in records.dropFirst().enumerated() where r.fields.contains(where: { !$0.trimmingSpacesAndNewlines().isEmpty }) {
            func cell(_ c: Column) -> String? { map[c].flatMap { Self.cell($0, of: r) }.map(NFC.of) }
            func fail(_ c: Column?, _ message: String, _ hint: String? = nil) -> Diagnostic {
                failure(at: c.flatMap { map[$0] }, of: r, message, hint)
            }
            if let extra = r.fields.indices.dropFirst(headerCount).first(where: { Self.cell($0, of: r) != nil }) {
                throw failure(at: extra, of: r, "this row has a cell in column \(extra + 1), where the header names \(headerCount) columns",
                              "a cell holding a comma is quoted whole: \"Xây dựng, ban hành …\"")
            }
            if isSectionHeading(n + 1, in: table) { continue }
            guard cell(.title) != nil else {
                throw fail(.title, "this row has no task title", "fill in the task, or leave the row out; a task whose title runs on over several rows is one cell")
            }
            if !numbered, othersHaveDetails, !detailColumns.contains(where: { Self.cell($0, of: r) != nil }) {
                throw fail(.title, "this row has a title and nothing else, where the other rows name a lead, a deadline or a product: a heading, a total or a note is not a task",
                           "leave the row out, or fill in its lead or deadline")
            }
            var id: String
            if numbered {
                guard let given = cell(.id) else {
                    throw fail(.id, "this row has no number, where the other rows have one", "number it, or leave the row out")
                }
                if table.ordinal, !Self.isOrdinal(given) {
                    throw fail(.id, "`\(given)` numbers a section heading, but this row has more than a title",
                               "leave only the heading's title in the row, or number it as a task")
                }
                id = Self.isOrdinal(given) ? "\(prefix)-\(Self.withoutFinalDot(given))" : given
            } else {
                id = "\(prefix)-\(n + 1)"
            }
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
            if let v = cell(.note) { fields.append(Field(.note, v)) }
            let e = Event(time: time, actor: actor, verb: .assign, id: id, fields: fields)
            do { try scratch.apply(e, index: 0) } catch {
                throw fail(error.key.flatMap { k in Column(rawValue: k.rawValue) } ?? .id, error.message, error.hint)
            }
            out.append(e)
        }
        return out
    }

    /// Cell `i` of `r`, trimmed; nil when it is empty or missing.
    static func cell(_ i: Int, of r: CSVReader.Record) -> String? {
        guard i < r.fields.count else { return nil }
        let v = r.fields[i].trimmingSpacesAndNewlines()
        return v.isEmpty ? nil : v
    }

    /// A diagnostic at the cell of column `i` of `r` (its own line, a quoted cell before it
    /// may have held line breaks), or at the row's start.
    func failure(at i: Int?, of r: CSVReader.Record, _ message: String, _ hint: String?) -> Diagnostic {
        guard let i, i < r.columns.count else {
            return Diagnostic(file: file, line: r.line, column: 1, message: message, hint: hint, lineText: r.text(ofLine: r.line))
        }
        return Diagnostic(file: file, line: r.lines[i], column: r.columns[i], message: message, hint: hint, lineText: r.text(ofLine: r.lines[i]))
    }

    /// The rows of `table` that head a section rather than name a task ("I. NHIỆM VỤ CHUNG",
    /// "A. Các bộ, ngành"): their lines and titles, for the importer to say it passed them over.
    public func sectionHeadings(in table: Table) -> [(line: Int, title: String)] {
        table.records.indices.dropFirst().compactMap { i in
            let r = table.records[i]
            let title = table.map[.title].flatMap { Self.cell($0, of: r) } ?? table.map[.id].flatMap { Self.cell($0, of: r) } ?? ""
            return isSectionHeading(i, in: table) ? (r.line, title) : nil
        }
    }

    /// The lines of the task rows with neither a lead nor a deadline, where other rows have
    /// them: most often cells merged in the sheet, which come out blank below their first row.
    public func linesLackingLeadAndDeadline(in table: Table) -> [Int] {
        let columns = [Column.lead, .due].compactMap { table.map[$0] }
        let rows = table.records.indices.dropFirst().filter { i in
            !isSectionHeading(i, in: table) && table.map[.title].flatMap { Self.cell($0, of: table.records[i]) } != nil
        }
        let lacking = rows.filter { i in !columns.contains { Self.cell($0, of: table.records[i]) != nil } }
        guard !columns.isEmpty, lacking.count < rows.count else { return [] }
        return lacking.map { table.records[$0].line }
    }

    /// Whether record `i` of `table` heads the tasks below it rather than names one, having
    /// nothing but its title (and a note) beside its mark: a letter or a Roman numeral in an
    /// ordinal column (STT), a number the rows below extend (`1` above `1.1`, `1.2`), or, in a
    /// sheet whose rows have no number, a title that starts with such a mark ("II. THỂ CHẾ").
    func isSectionHeading(_ i: Int, in table: Table) -> Bool {
        let r = table.records[i]
        let idColumn = table.map[.id]
        let others: Set<Int> = Set([idColumn, table.map[.title], table.map[.note]].compactMap { $0 })
        guard !r.fields.indices.contains(where: { !others.contains($0) && Self.cell($0, of: r) != nil }) else { return false }
        if let idColumn, let number = Self.cell(idColumn, of: r) {
            guard table.ordinal else { return false }
            let mark = Self.withoutFinalDot(number)
            if Self.isOrdinal(mark) {
                return table.records.dropFirst(i + 1).first.flatMap { Self.cell(idColumn, of: $0) }.map { $0.hasPrefix(mark + ".") } ?? false
            }
            // A heading merged across the sheet lands whole in its first column.
            if table.map[.title].flatMap({ Self.cell($0, of: r) }) == nil { return Self.startsWithHeadingMark(number) }
            return Self.isHeadingMark(mark)
        }
        return table.map[.title].flatMap { Self.cell($0, of: r) }.map(Self.startsWithHeadingMark) ?? false
    }

    /// "II. THỂ CHẾ", "A) Các bộ": a heading's mark, then its words.
    static func startsWithHeadingMark(_ text: String) -> Bool {
        guard let dot = text.firstIndex(where: { $0 == "." || $0 == ")" }) else { return false }
        return text[text.index(after: dot)...].first == " " && isHeadingMark(text[..<dot])
    }

    /// A letter or a Roman numeral, as sections of a programme are numbered.
    static func isHeadingMark(_ mark: some StringProtocol) -> Bool {
        !mark.isEmpty && mark.count <= 5 && (mark.allSatisfy { "IVXivx".contains($0) } || mark.count == 1 && mark.allSatisfy { $0.isASCII && $0.isLetter })
    }

    /// `12.` as `12`: numbering written with a dot.
    static func withoutFinalDot(_ text: String) -> String { text.hasSuffix(".") ? String(text.dropLast()) : text }

    /// A row number as an ordinal column gives it: `12`, `12.`, `1.2`.
    static func isOrdinal(_ text: String) -> Bool {
        let t = withoutFinalDot(text)
        return !t.isEmpty && t.first!.isNumber && t.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// The columns a header names, and the names and places of those it has that steer does not
    /// read. A header is matched on its words, however the sheet wrapped, spaced or punctuated
    /// them ("Thời hạn\nhoàn thành", "Cơ quan, đơn vị chủ trì"), a note in brackets left out
    /// ("Thời hạn (dd/mm/yyyy)"); two columns read as the same one are refused.
    func columns(of header: CSVReader.Record) throws(Diagnostic) -> (read: [Column: Int], ignored: [(name: String, index: Int)]) {
        func words(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var map: [Column: Int] = [:]
        var ignored: [(name: String, index: Int)] = []
        for (i, name) in header.fields.enumerated() {
            let folded = Self.headerWords(name)
            guard let col = Self.headers.first(where: { $0.value.contains(folded) })?.key else {
                // A column without a header is one steer does not read either: its cells, if any,
                // would be lost as surely.
                ignored.append((folded.isEmpty ? "" : words(name), i))
                continue
            }
            if let first = map[col] {
                // An ordinal column beside the ids (STT, then Mã nhiệm vụ) gives way to them.
                if col == .id, Self.ordinalHeaders.contains(folded) { continue }
                if col == .id, Self.ordinalHeaders.contains(Self.headerWords(header.fields[first])) {
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

    /// A header's words as they are matched: folded (no diacritics, lower case), what is in
    /// brackets left out, and any other mark than a letter or digit taken as a space.
    static func headerWords(_ name: String) -> String {
        var kept = ""
        var depth = 0
        for c in Fold.fold(name) {
            if c == "(" || c == "[" { depth += 1; continue }
            if c == ")" || c == "]" { depth = max(0, depth - 1); continue }
            if depth == 0 { kept.append(c.isLetter || c.isNumber ? c : " ") }
        }
        return kept.split(separator: " ").joined(separator: " ")
    }

    /// The agencies of a lead or support cell, by id or name, separated by commas, semicolons,
    /// line breaks or " và "; or the first piece that names none. A name may itself hold a comma
    /// ("Bộ Văn hóa, Thể thao và Du lịch"): the longest run of pieces that names an agency
    /// is taken first.
    static func agencies(in cell: String, board: Board) -> Result<[String], UnknownAgency> {
        // Pieces between separators; "\r\n" is one Character, a line break too.
        // " và " (and) parts two agencies as a comma does.
        var pieces: [Substring] = []
        var start = cell.startIndex
        var i = cell.startIndex
        while i < cell.endIndex {
            if [",", ";", "\n", "\r\n", "\r"].contains(cell[i]) {
                pieces.append(cell[start..<i])
                i = cell.index(after: i)
                start = i
            } else if cell[i...].hasPrefix(" và ") {
                pieces.append(cell[start..<i])
                i = cell.index(i, offsetBy: 4)
                start = i
            } else {
                i = cell.index(after: i)
            }
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

    /// An agency by id, or by its name without diacritics, case, or the spacing and dashes a
    /// sheet happens to have ("Bộ Tài chính", "bo tai chinh", "Bộ\u{A0}Tài chính", "Bà Rịa –
    /// Vũng Tàu"); a province also as its people's committee ("UBND tỉnh Đồng Nai").
    static func agency(named name: String, in b: Board) -> String? {
        if b.agencies[name] != nil { return name }
        // Nothing left of it once marks and spacing go ("-", "—", "UBND"): no name at all, and
        // it matched an agency whose name was blank.
        let key = nameKey(name)
        guard !key.isEmpty else { return nil }
        for id in b.agencyOrder {
            guard let a = b.agencies[id] else { continue }
            if nameKey(a.id) == key || nameKey(a.name) == key || a.en.map(nameKey) == key { return id }
        }
        return nil
    }

    /// A name as it is matched: folded, its words alone (any other mark a space), without the
    /// people's committee a province's name is often given with.
    static func nameKey(_ name: String) -> String {
        var words = Fold.fold(name).split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        if words.first == "ubnd" { words.removeFirst() }
        if words.starts(with: ["uy", "ban", "nhan", "dan"]) { words.removeFirst(4) }
        return words.joined(separator: " ")
    }

    /// Whether `text` ends with `year`, a final full stop aside.
    static func ends(_ text: String, with year: Int) -> Bool {
        var end = Substring(text)
        while end.last == "." || end.last == " " { end.removeLast() }
        return end.hasSuffix(String(year))
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
        // The year ends the cell: "Năm 2025 và các năm tiếp theo" recurs, and is no one date.
        guard t.hasPrefix("quy") || Self.ends(t, with: year) else { return nil }
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
