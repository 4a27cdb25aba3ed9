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
        var column = 1
        var fieldColumn = 1
        var recordText = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        scalars.append("\n")  // so that a last record without a line end is closed like the others
        var i = 0
        func endField() {
            fields.append(String(field))
            columns.append(fieldColumn)
            field = String.UnicodeScalarView()
            atFieldStart = true
        }
        // Columns count characters: a mark joining the scalar before it takes no column.
        func width(_ u: Unicode.Scalar) -> Int {
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return 0
            default: return 1
            }
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.append(c)
                        recordText.append(c)
                        recordText.append(c)
                        i += 2; column += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(c)
                    if c == "\n" { line += 1; column = 0 }
                }
                recordText.append(c)
                i += 1; column += width(c)
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
                recordText.append(c)
            case "\"":
                throw Failure(line: line, column: column, message: "a quote inside an unquoted field")
            case ",":
                endField()
                fieldColumn = column + 1
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
                column = 0
                fieldColumn = 1
            default:
                if atFieldStart { fieldColumn = column; atFieldStart = false }
                field.append(c)
                recordText.append(c)
            }
            i += 1; column += width(c)
        }
        if inQuotes { throw Failure(line: recordLine, column: 1, message: "a quoted field is never closed") }
        return records
    }
}
