/// Reads CSV as spreadsheets export it (RFC 4180): a BOM, CRLF or LF, quoted fields holding
/// commas, quotes (doubled) and line breaks. Each record remembers the line it started on.
public struct CSVReader {
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
        /// 1-based column (in characters) where each field starts, for error carets.
        public var columns: [Int]
        public var text: String
    }

    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Read scalar by scalar, as the CSV writers of spreadsheets and of `steer show` write it:
    /// a quote is a quote even when a combining mark follows it (one Character with it).
    public static func read(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var columns: [Int] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var fieldColumn = 1
        var recordText = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        scalars.append("\n")  // so that a last record without a line end is closed like the others
        var i = 0
        /// Where the physical line being read starts.
        var lineStart = 0
        func endField() {
            fields.append(String(field))
            columns.append(fieldColumn)
            field = String.UnicodeScalarView()
            atFieldStart = true
        }
        // Columns count Characters, as a diagnostic's caret does: counted by scalar, leaving
        // out marks, a joined emoji or a flag took several. Fields are few, lines short.
        func column(at end: Int) -> Int {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[lineStart..<end])
            return String(text).count + 1
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append(c)
                        recordText.append(c)
                        recordText.append(c)
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                    if c == "\n" { line += 1; lineStart = i + 1 }
                }
                recordText.append(c)
                i += 1
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
                recordText.append(c)
            case "\"":
                throw Failure(line: line, column: column(at: i), message: "a quote inside an unquoted field")
            case ",":
                endField()
                fieldColumn = column(at: i + 1)
                recordText.append(c)
            case "\n", "\r":
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(Record(line: recordLine, fields: fields, columns: columns, text: String(recordText)))
                }
                fields = []; columns = []; recordText = String.UnicodeScalarView()
                line += 1
                recordLine = line
                lineStart = i + 1
                fieldColumn = 1
            default:
                if atFieldStart { fieldColumn = column(at: i); atFieldStart = false }
                field.append(c)
                recordText.append(c)
            }
            i += 1
        }
        if inQuotes { throw Failure(line: recordLine, column: 1, message: "a quoted field is never closed") }
        return records
    }
}
