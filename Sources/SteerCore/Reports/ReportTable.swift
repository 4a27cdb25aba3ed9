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

    public var title: String
    public var columns: [Column]
    /// nil cells are empty (and null in JSON).
    public var rows: [[String?]]

    public init(title: String, columns: [Column], rows: [[String?]] = []) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        case .markdown: return markdown()
        }
    }

    /// Columns aligned by display width, numbers to the right; long cells are not cut, so that
    /// nothing is lost when a report is mailed.
    func table() -> String {
        // Each cell is measured once, for the column widths and again for its padding.
        typealias Cell = (text: String, width: Int)
        func measured(_ s: String) -> Cell { (s, DisplayWidth.of(s)) }
        // Text of the common scalars is measured in one pass that also shows it safe.
        func shownSafely(_ s: String?) -> Cell {
            guard let s else { return ("", 0) }
            if let w = DisplayWidth.ofCommonUTF8(s) { return (s, w) }
            return measured(Sanitizer.visible(s))
        }
        let shown = rows.map { $0.map(shownSafely) }
        let header = columns.map { measured($0.name) }
        var widths = header.map(\.width)
        for r in shown { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.width) } }
        // The lines are built as bytes and made a String once: appending to a String checks
        // what each piece is made of, which cost more than the rest of the table.
        var out: [UInt8] = []
        out.reserveCapacity(shown.count * (widths.reduce(2 * widths.count, +) + 16) + 1024)
        func spaces(_ n: Int) { if n > 0 { out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n)) } }
        func line(_ cells: [Cell]) {
            for i in cells.indices {
                if i > 0 { spaces(2) }
                let pad = widths[i] - cells[i].width
                if columns[i].numeric { spaces(pad) }
                out.append(contentsOf: cells[i].text.utf8)
                if !columns[i].numeric, i != cells.count - 1 { spaces(pad) }
            }
            out.append(UInt8(ascii: "\n"))
        }
        line(header)
        out.append(contentsOf: (widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n").utf8)
        for r in shown { line(r) }
        if rows.isEmpty { out.append(contentsOf: "(none)\n".utf8) }
        // Made of whole Strings and ASCII: valid UTF-8 that needs no checking again.
        return out.withUnsafeBufferPointer { LineParser.string(validated: $0, isASCII: false) }
    }

    /// RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line feed
    /// quoted with quotes doubled. Other controls (a carriage return too, which could overwrite
    /// a line on screen) are written as `\u{…}` and a backslash as `\\`, as the ledger writes
    /// them, so the file is safe to `cat` and its text reads back exactly.
    func csv() -> String {
        func field(_ s: String) -> String {
            var v = ""
            for u in s.unicodeScalars {
                if u == "\\" {
                    v += "\\\\"
                } else if Sanitizer.isUnsafe(u), u != "\n" {
                    v += "\\u{" + String(u.value, radix: 16) + "}"
                } else {
                    v.unicodeScalars.append(u)
                }
            }
            if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) || v.hasPrefix(" ") || v.hasSuffix(" ") {
                // Character by Character, as the test above and `CSVReader` see quotes: a quote
                // a combining mark joins is text, not a quote to double.
                return "\"" + v.replacing("\"", with: "\"\"") + "\""
            }
            return v
        }
        var out = columns.map { field($0.name) }.joined(separator: ",") + "\r\n"
        for r in rows { out += r.map { field($0 ?? "") }.joined(separator: ",") + "\r\n" }
        return out
    }

    /// An array of objects, one per row, keys the column names; numbers as numbers.
    func json() -> String {
        if rows.isEmpty { return "[]\n" }
        var out = "[\n"
        for (n, r) in rows.enumerated() {
            out += "  {"
            for (i, c) in r.enumerated() {
                out += (i == 0 ? "" : ", ") + Self.jsonString(columns[i].name) + ": "
                if let c { out += columns[i].numeric && Int(c) != nil ? c : Self.jsonString(c) } else { out += "null" }
            }
            out += n == rows.count - 1 ? "}\n" : "},\n"
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
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
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
            Sanitizer.visible(s ?? "").replacing("|", with: "\\|")
        }
        var out = "### " + Sanitizer.visible(title) + "\n\n"
        out += "| " + columns.map { cell($0.name) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.numeric ? "---:|" : "---|" }.joined() + "\n"
        for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        if rows.isEmpty { out += "\n(none)\n" }
        return out
    }
}
