/// A report as rows of cells, printable four ways. Cells from the ledger are untrusted: the
/// terminal-facing formats (table, Markdown) pass them through the sanitizer; CSV and JSON
/// escape them by their own rules so that the data stays exact.
public struct ReportTable: Sendable {
    public struct Column: Sendable {
        public var name: String
        public var numeric: Bool
        public init(_ name: String, numeric: Bool = false) { self.name = name; self.numeric = numeric }
    }

    public enum Format: String, CaseIterable, Sendable { case table, csv, json, markdown }

    public let title: String
    public let columns: [Column]
    public let rowCount: Int
    /// Appends the cells of row `r`, one for each column, to the row it is given; nil cells
    /// are empty (and null in JSON). Rows are made as they are written (twice for a table: to
    /// measure its columns, then to write them), never held all at once: the cells of the
    /// 15,383 overdue rows of 100k tasks took 1.7 MB, of every task's row 17 MB.
    private let cellsOfRow: @Sendable (Int, inout RowCells) -> Void

    /// A table of the rows given.
    public init(title: String, columns: [Column], rows: [[String?]] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "a row has a cell for each column")
        self.init(title: title, columns: columns, rowCount: rows.count) { r, cells in
            for cell in rows[r] { cells.append(cell) }
        }
    }

    /// A table of `rowCount` rows, row `r`'s cells made by `cells` each time they are read.
    public init(title: String, columns: [Column], rowCount: Int, cells: @escaping @Sendable (Int, inout RowCells) -> Void) {
        self.title = title
        self.columns = columns
        self.rowCount = rowCount
        cellsOfRow = cells
    }

    /// The cells of row `r`.
    public func row(_ r: Int) -> [String?] {
        var cells = RowCells(columns: columns.count)
        row(r, into: &cells)
        return cells.cells
    }

    /// The cells of row `r`, in `cells`, which the row before may have filled: one for every
    /// row of a pass.
    private func row(_ r: Int, into cells: inout RowCells) {
        cells.count = 0
        cellsOfRow(r, &cells)
        precondition(cells.count == columns.count, "a row has a cell for each column")
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table:
            var bytes: [UInt8] = []
            _ = writeTable { bytes.append(contentsOf: $0); return nil }
            return bytes.withUnsafeBufferPointer { LineParser.string(validated: $0, isASCII: false) }
        case .csv: return csv()
        case .json: return json()
        case .markdown: return markdown()
        }
    }

    /// Hands the report in `format` to `emit` a chunk of bytes at a time, and stops at the first
    /// chunk it fails to take, returning what `emit` returned (an errno). A table is written
    /// as it is made, a block of rows at a time, never held whole: 3.4 MB for the 15,383
    /// overdue rows of 100k tasks.
    public func write(_ format: Format, to emit: (UnsafeBufferPointer<UInt8>) -> Int32?) -> Int32? {
        guard format == .table else { return Array(render(format).utf8).withUnsafeBufferPointer(emit) }
        return writeTable(emit)
    }

    /// Columns aligned by display width, numbers to the right; long cells are not cut, so that
    /// nothing is lost when a report is mailed. Made of whole Strings and ASCII: valid UTF-8.
    ///
    /// Two passes over the cells, the first measuring each (the common scalars in one pass that
    /// also shows them safe, `DisplayWidth.ofCommonUTF8`), the second writing them, each on
    /// every core: the rows are cut into blocks of `blockRows`, measured all at once, then
    /// written a block a core at a time and handed to `emit` a block at a time, in order
    /// (`BlockOrder`), so that no more than a block a core is held at once; `emit` is called on
    /// any of those cores, one call at a time. Run on one core after the replay's two had
    /// finished, the overdue report at 100k tasks took 27 ms more than the replay alone (211
    /// against 184 ms), most of it these passes. Written in rounds of a block a core, each
    /// round waiting for its slowest block and its hand-over, the report from the snapshot took
    /// 40.2 ms where it now takes 36.9 (medians of 61 interleaved runs; replaying every line,
    /// 122.9 and 118.1 ms of 41).
    func writeTable(_ emit: (UnsafeBufferPointer<UInt8>) -> Int32?) -> Int32? {
        let columnCount = columns.count
        let blocks = stride(from: 0, to: rowCount, by: Self.blockRows).map { $0..<min(rowCount, $0 + Self.blockRows) }
        // Each cell's width, kept from the first pass to the second: worked out again, the
        // widths took an eighth of a report read from a snapshot. In 16 bits, as a cell is
        // rarely 65,535 columns wide; one that is, is measured again.
        var cellWidths = [UInt16](repeating: 0, count: rowCount * columnCount)
        let measured = cellWidths.withUnsafeMutableBufferPointer { all in
            nonisolated(unsafe) let places = all
            return concurrentMap(blocks.count) { b in measure(blocks[b], into: places) }
        }
        var widths = columns.map { DisplayWidth.of($0.name) }
        // The few cells holding an unsafe scalar, as shown; by position in `cellWidths`.
        var sanitised: [Int: String] = [:]
        for block in measured {
            for c in 0..<columnCount { widths[c] = max(widths[c], block.widths[c]) }
            sanitised.merge(block.sanitised) { mine, _ in mine }  // Each position is one block's.
        }
        let layout = TableBytes.Layout(widths: widths, numeric: columns.map(\.numeric))
        var head = TableBytes(capacity: 4096)
        for c in 0..<columnCount { head.cell(columns[c].name, width: DisplayWidth.of(columns[c].name), column: c, of: layout) }
        head.byte(UInt8(ascii: "\n"))
        head.text(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
        if rowCount == 0 { head.text("(none)\n") }
        if let failure = head.withBytes(emit) { return failure }
        // Each core writes the next block not yet taken into bytes of its own and hands it to
        // `emit` once the blocks before it have been.
        let order = BlockOrder(count: blocks.count)
        cellWidths.withUnsafeBufferPointer { kept in
            nonisolated(unsafe) let kept = kept
            concurrentForEach(max(1, min(LedgerParser.cores, blocks.count))) { _ in
                var bytes = TableBytes(capacity: Self.blockRows * 256)
                while let b = order.take() {
                    bytes.removeAll()
                    writeRows(blocks[b], widths: kept, sanitised: sanitised, layout: layout, into: &bytes)
                    guard order.waitForTurn(of: b) else { return }
                    order.handedOver(b, failure: bytes.withBytes(emit))
                }
            }
        }
        return order.failure
    }

    /// How many rows a block of a table holds: some 57 KB of an overdue report.
    static let blockRows = 256

    /// What measuring a block of rows found: the widest cell of each column, and the cells
    /// holding an unsafe scalar, as shown.
    private struct Measured {
        var widths: [Int]
        var sanitised: [Int: String] = [:]
    }

    /// Measures the cells of `rows`, each cell's width into its place in `cellWidths`.
    private func measure(_ rows: Range<Int>, into cellWidths: UnsafeMutableBufferPointer<UInt16>) -> Measured {
        let columnCount = columns.count
        var found = Measured(widths: Array(repeating: 0, count: columnCount))
        var cells = RowCells(columns: columnCount)
        for r in rows {
            row(r, into: &cells)
            for c in 0..<columnCount {
                let at = r * columnCount + c
                guard let text = cells[c] else { continue }
                var width: Int
                if let common = DisplayWidth.ofCommonUTF8(text) {
                    width = common
                } else {
                    let shown = Sanitizer.visible(text)
                    width = DisplayWidth.of(shown)
                    found.sanitised[at] = shown
                }
                cellWidths[at] = UInt16(min(width, Int(UInt16.max)))
                found.widths[c] = max(found.widths[c], width)
            }
        }
        return found
    }

    /// Writes `rows` to `out`, each cell `cellWidths` wide (measured again when that is 65,535).
    private func writeRows(_ rows: Range<Int>, widths cellWidths: UnsafeBufferPointer<UInt16>, sanitised: [Int: String],
                       layout: TableBytes.Layout, into out: inout TableBytes) {
        let columnCount = columns.count
        var cells = RowCells(columns: columnCount)
        for r in rows {
            row(r, into: &cells)
            for c in 0..<columnCount {
                let at = r * columnCount + c
                // Most tables have no unsafe cell, and need not look one up for every cell.
                let text = !sanitised.isEmpty ? sanitised[at] ?? cells[c] : cells[c]
                var width = Int(cellWidths[at])
                if width == Int(UInt16.max), let text { width = DisplayWidth.of(text) }
                out.cell(text, width: width, column: c, of: layout)
            }
            out.byte(UInt8(ascii: "\n"))
        }
    }

    /// RFC 4180: comma-separated, CRLF line ends, fields with a comma or a quote quoted with
    /// quotes doubled. Controls are written as the ledger writes them (`\n`, `\t`, `\r`,
    /// `\u{…}` for the rest, a backslash as `\\`), as `log` writes them: the file is safe to
    /// `cat`, a row is one line (`wc -l`, `grep`), and its text reads back exactly.
    func csv() -> String {
        func field(_ s: String) -> String {
            var v = ""
            for u in s.unicodeScalars { LedgerPrinter.appendEscaped(u, to: &v) }
            // Scalar by scalar: a quote or comma a combining mark follows is still one to a
            // spreadsheet (and to `CSVReader`), and a quote left single would end the field.
            guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" }) || v.hasPrefix(" ") || v.hasSuffix(" ") else { return v }
            var quoted = String.UnicodeScalarView()
            quoted.append("\"")
            for u in v.unicodeScalars {
                if u == "\"" { quoted.append(u) }
                quoted.append(u)
            }
            quoted.append("\"")
            return String(quoted)
        }
        var out = columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
        for r in 0..<rowCount { out += row(r).map { field($0 ?? "") }.joined(separator: ",") + "\r\n" }
        return out
    }

    /// An array of objects, one per row, keys the column names; numbers as numbers.
    func json() -> String {
        if rowCount == 0 { return "[]\n" }
        var out = "[\n"
        for n in 0..<rowCount {
            out += "  {"
            for (i, c) in row(n).enumerated() {
                out += (i == 0 ? "" : ", ") + Self.jsonString(columns[i].name) + ": "
                if let c { out += columns[i].numeric && Int(c) != nil ? c : Self.jsonString(c) } else { out += "null" }
            }
            out += n == rowCount - 1 ? "}\n" : "},\n"
        }
        return out + "]\n"
    }

    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Sanitizer.isUnsafe(u) {
                    // JSON escapes UTF-16 code units: a scalar past U+FFFF (a tag character
                    // of a flag emoji) is written as its surrogate pair.
                    for unit in String(u).utf16 {
                        let hex = String(unit, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A GitHub-style table for e-mail; pipes in cells are escaped.
    func markdown() -> String {
        func cell(_ s: String?) -> String {
            // Every `|` scalar, a mark after it or not, would end the cell; a backslash before
            // ASCII punctuation would escape it (`a\|b` shown as `a|b`, its pipe ending the
            // cell). Before anything else (`\u{202E}`) a backslash shows as itself.
            var escaped = String.UnicodeScalarView()
            let scalars = Array(Sanitizer.visible(s ?? "").unicodeScalars)
            for (i, u) in scalars.enumerated() {
                let escapes = u == "\\" && i + 1 < scalars.count && scalars[i + 1].isASCIIPunctuation
                if u == "|" || escapes { escaped.append("\\") }
                escaped.append(u)
            }
            return String(escaped)
        }
        var out = "### " + Sanitizer.visible(title) + "\n\n"
        out += "| " + columns.map { cell($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.numeric ? "---:|" : "---|" }.joined() + "\n"
        for r in 0..<rowCount { out += "| " + row(r).map(cell).joined(separator: " | ") + " |\n" }
        if rowCount == 0 { out += "\n(none)\n" }
        return out
    }
}

/// Hands out a table's blocks to the cores that write them, in order, and lets each core hand
/// its block on only after the blocks before it. A core waits only for blocks taken before its
/// own, which cores already at work hold, so a core left to write every block alone (as
/// `concurrentForEach` may run its iterations one after another) never waits for one.
private final class BlockOrder: @unchecked Sendable {
    // Every field is read and written with `condition` locked.
    private let condition = Condition()
    private let count: Int
    private var next = 0
    private var handed = 0
    /// What `emit` returned for the block it failed to take: no block is handed on after it.
    var failure: Int32? { condition.withLock { failed } }
    private var failed: Int32?

    init(count: Int) { self.count = count }

    /// The next block to write; nil when none is left, or a block could not be handed on.
    func take() -> Int? {
        condition.withLock {
            guard next < count, failed == nil else { return nil }
            next += 1
            return next - 1
        }
    }

    /// Waits until every block before `b` is handed on; false when one could not be.
    func waitForTurn(of b: Int) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while handed < b, failed == nil { condition.wait() }
        return failed == nil
    }

    /// Block `b` handed on, or not, `failure` says why.
    func handedOver(_ b: Int, failure: Int32?) {
        condition.lock()
        if let failure { failed = failure }
        handed = b + 1
        condition.broadcast()
        condition.unlock()
    }
}

/// The cells of one row of a `ReportTable`, appended in column order. One is made for a pass
/// over the rows, and each row's cells take the places of the row's before, releasing them as
/// they do: emptying an array of cells for each row (`removeAll(keepingCapacity:)`) took ~730
/// instructions, a sixth of printing a long report.
public struct RowCells {
    /// A place for each column's cell; the first `count` are this row's.
    fileprivate var cells: [String?]
    fileprivate(set) var count = 0

    fileprivate init(columns: Int) { cells = Array(repeating: nil, count: columns) }

    public mutating func append(_ cell: String?) {
        precondition(count < cells.count, "a row has a cell for each column")
        cells[count] = cell
        count += 1
    }

    /// The last date and number appended by value, with their texts. A report's rows come in
    /// an order that keeps equal deadlines and equal counts of days together (the overdue rows
    /// most days late first), so most rows repeat the row before's: written afresh, a date took
    /// ~230 instructions and a number ~100, for every row of both passes over a table.
    private var lastDate: (date: CivilDate, text: String)?
    private var lastNumber: (number: Int, text: String)?

    /// Appends `date` as `YYYY-MM-DD`; nil is an empty cell.
    public mutating func append(date: CivilDate?) {
        guard let date else { return append(nil) }
        if let last = lastDate, last.date == date { return append(last.text) }
        let text = date.description
        lastDate = (date, text)
        append(text)
    }

    /// Appends `number` in decimal; nil is an empty cell.
    public mutating func append(number: Int?) {
        guard let number else { return append(nil) }
        if let last = lastNumber, last.number == number { return append(last.text) }
        let text = SmallASCII.decimal(number)
        lastNumber = (number, text)
        append(text)
    }

    subscript(column: Int) -> String? { cells[column] }
}

/// A table's bytes as they are written, in memory of its own: each text and run of blanks is
/// copied whole into room made for it. Appended to an array, every cell and every run of
/// blanks was checked through generic code for an array not shared and with room for it, some
/// 100 instructions each (and a byte at a time, cells and padding had taken two fifths of
/// printing a long report).
private struct TableBytes: ~Copyable {
    /// How the cells of each column are laid out.
    struct Layout {
        let widths: [Int]
        let numeric: [Bool]
    }

    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        start = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { start.deallocate() }

    /// A cell padded to its column's width, but in a last text column, after two spaces from the
    /// cell before: numbers to the right, text to the left.
    mutating func cell(_ text: String?, width: Int, column c: Int, of layout: Layout) {
        if c > 0 { spaces(2) }
        let pad = layout.widths[c] - width
        let numeric = layout.numeric[c]
        if numeric { spaces(pad) }
        if let text { self.text(text) }
        if !numeric, c != layout.widths.count - 1 { spaces(pad) }
    }

    mutating func text(_ s: String) {
        s.withUTF8Bytes { bytes in
            makeRoom(bytes.count)
            if let base = bytes.baseAddress { (start + count).initialize(from: base, count: bytes.count) }
            count += bytes.count
        }
    }

    mutating func spaces(_ n: Int) {
        guard n > 0 else { return }
        makeRoom(n)
        (start + count).initialize(repeating: UInt8(ascii: " "), count: n)
        count += n
    }

    mutating func byte(_ b: UInt8) {
        makeRoom(1)
        start[count] = b
        count += 1
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        body(UnsafeBufferPointer(start: start, count: count))
    }

    mutating func removeAll() { count = 0 }

    /// Room for `n` more bytes: a cell wider than the room left (a long note) doubles it, or more.
    private mutating func makeRoom(_ n: Int) {
        guard count + n > capacity else { return }
        let grown = max(2 * capacity, count + n)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.moveInitialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = grown
    }
}

extension Unicode.Scalar {
    /// CommonMark's ASCII punctuation: what a backslash before it escapes.
    var isASCIIPunctuation: Bool {
        switch value {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return true
        default: return false
        }
    }
}
