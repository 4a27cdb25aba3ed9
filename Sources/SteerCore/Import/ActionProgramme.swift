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
        .due: ["deadline", "due", "thoi han", "thoi gian hoan thanh", "thoi han hoan thanh"],
        .owner: ["owner", "person", "nguoi phu trach", "don vi phu trach", "can bo phu trach"],
        .kind: ["kind", "type", "loai", "hinh thuc"],
        .source: ["source", "nguon", "can cu", "van ban"],
        .authority: ["authority", "tham quyen", "cap quyet dinh"],
    ]

    public let file: String
    /// Ids are made as PREFIX-ROW when the table has no id column (or an ordinal one).
    public let idPrefix: String

    public init(file: String, idPrefix: String) {
        self.file = file
        self.idPrefix = idPrefix
    }

    /// Reads the table and makes the events, checking each against the board as it would be.
    public func events(from text: String, board: Board, time: Timestamp, actor: String) throws(Diagnostic) -> [Event] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.read(text) } catch {
            throw Diagnostic(file: file, line: error.line, column: error.column, message: error.message, hint: "check the quoting of this row", lineText: "")
        }
        guard let header = records.first else {
            throw Diagnostic(file: file, line: 1, column: 1, message: "the file is empty", hint: "export the action-programme table as CSV with a header row", lineText: "")
        }
        var map: [Column: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let folded = Fold.fold(name).trimmingSpaces()
            for (col, words) in Self.headers where words.contains(folded) && map[col] == nil { map[col] = i }
        }
        guard map[.title] != nil else {
            throw Diagnostic(file: file, line: header.line, column: 1, message: "no column for the task title",
                             hint: "name one column `nhiệm vụ` or `task`; known headers: " + Self.headers[.title]!.joined(separator: ", "), lineText: header.text)
        }
        var scratch = board
        var out: [Event] = []
        for (n, r) in records.dropFirst().enumerated() {
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
            }
            if let t = cell(.title) { fields.append(Field(.title, t)) }
            for (col, key) in [(Column.lead, Key.lead), (.support, .support)] {
                guard let v = cell(col) else { continue }
                var ids: [String] = []
                for part in v.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" }) {
                    let name = part.trimmingSpaces()
                    if name.isEmpty { continue }
                    guard let a = Self.agency(named: name, in: scratch) else {
                        throw fail(col, "no agency `\(name)` is declared in the ledger", "use an agency id (BKHCN) or its exact name; declare new agencies first")
                    }
                    ids.append(a)
                }
                if !ids.isEmpty { fields.append(Field(key, ids.joined(separator: ","))) }
            }
            if let v = cell(.owner) { fields.append(Field(.owner, v)) }
            if let v = cell(.due) {
                guard let d = Self.deadline(v) else {
                    throw fail(.due, "`\(v)` is not a deadline steer understands", "write 2025-06-30, 30/06/2025, 06/2025, Tháng 6/2025, Quý II/2025 or Năm 2025")
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
            let roman = ["iv": 4, "iii": 3, "ii": 2, "i": 1]
            let rest = t.dropFirst(3).trimmingSpaces()
            if nums.count == 1, let q = roman.first(where: { rest.hasPrefix($0.key + "/") || rest.hasPrefix($0.key + " ") })?.value {
                return endOfMonth(q * 3)
            }
            return last(of: nums.dropLast(), in: 1...4).flatMap { endOfMonth($0 * 3) }
        }
        if t.hasPrefix("nam") { return nums.count == 1 ? endOfMonth(12) : nil }
        if t.hasPrefix("thang") { return last(of: nums.dropLast(), in: 1...12).flatMap(endOfMonth) }
        // 30/06/2025 or 06/2025, and nothing else between the numbers: `6-7/2025` could be a
        // day or a span of months.
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        switch parts.count {
        case 3: return CivilDate(year: year, month: nums[1], day: nums[0])
        case 2: return endOfMonth(nums[0])
        default: return nil
        }
    }
}
