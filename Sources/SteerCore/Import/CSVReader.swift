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

    public static func read(_ text: String) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var columns: [Int] = []
        var field = ""
        var inQuotes = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var column = 1
        var fieldColumn = 1
        var recordText = ""
        var chars = Array(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        chars.append("\n")  // so that a last record without a line end is closed like the others
        var i = 0
        func endField() {
            fields.append(field)
            columns.append(fieldColumn)
            field = ""
            atFieldStart = true
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 2; column += 2; recordText += "\"\""; continue }
                    inQuotes = false
                } else {
                    field.append(c)
                    if c == "\n" || c == "\r\n" { line += 1; column = 0 }
                }
                recordText.append(c)
                i += 1; column += 1
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
            case "\n", "\r\n", "\r":
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(Record(line: recordLine, fields: fields, columns: columns, text: recordText))
                }
                fields = []; columns = []; recordText = ""
                line += 1
                recordLine = line
                column = 0
                fieldColumn = 1
            default:
                if atFieldStart { fieldColumn = column; atFieldStart = false }
                field.append(c)
                recordText.append(c)
            }
            i += 1; column += 1
        }
        if inQuotes { throw Failure(line: recordLine, column: 1, message: "a quoted field is never closed") }
        return records
    }
}
