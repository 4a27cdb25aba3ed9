/// Reads CSV as spreadsheets export it (RFC 4180): a BOM, CRLF or LF, quoted fields holding
/// commas, quotes (doubled) and line breaks. Each record remembers the line it started on.
/// The separator is a comma, or a semicolon when the first line has more semicolons than commas
/// outside quotes: Excel in a Vietnamese (or other European) locale writes `;`, and leaves a
/// header such as `Ghi chú, kiến nghị` unquoted.
public struct CSVReader {
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
        /// 1-based column (in characters) where each field starts on its own line, for error carets.
        public var columns: [Int]
        /// The line each field starts on: a quoted field before it may hold line breaks.
        public var lines: [Int]
        public var text: String

        /// The text of physical line `n` of the file, which is one of this record's.
        public func text(ofLine n: Int) -> String {
            // Split by scalar: "\r\n" is one Character, which no "\n" equals.
            let all = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            let k = n - line
            guard all.indices.contains(k) else { return text }
            let piece = all[k]
            return String(String.UnicodeScalarView(piece.last == "\r" ? piece.dropLast() : piece))
        }
    }

    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        /// The physical line at fault, as a diagnostic quotes it.
        public var lineText: String
    }

    /// Read scalar by scalar, as the CSV writers of spreadsheets and of `steer show` write it:
    /// a quote is a quote even when a combining mark follows it (one Character with it).
    /// The records of `text`, its fields parted by `separator`, or by the one its first line
    /// suggests (`separator(_:)`).
    public static func read(_ text: String, separator given: Unicode.Scalar? = nil) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var columns: [Int] = []
        var lines: [Int] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var fieldColumn = 1
        var fieldLine = 1
        /// Where the quoted field being read opened, for a quote that is never closed.
        var quoteAt = (line: 1, column: 1)
        var recordText = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        scalars.append("\n")  // so that a last record without a line end is closed like the others
        let separator = given ?? Self.separator(scalars)
        var i = 0
        /// Where the physical line being read starts.
        var lineStart = 0
        func endField() {
            fields.append(String(field))
            columns.append(fieldColumn)
            lines.append(fieldLine)
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
        /// The physical line that starts at `start`, without its line end.
        func lineText(from start: Int) -> String {
            var end = start
            while end < scalars.count, scalars[end] != "\n", scalars[end] != "\r" { end += 1 }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars[start..<end])
            return String(text)
        }
        var quoteLineStart = 0
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
                fieldColumn = column(at: i)
                fieldLine = line
                quoteAt = (line, fieldColumn)
                quoteLineStart = lineStart
                recordText.append(c)
            case "\"":
                throw Failure(line: line, column: column(at: i), message: "a quote inside an unquoted field",
                              lineText: lineText(from: lineStart))
            case separator:
                endField()
                fieldColumn = column(at: i + 1)
                fieldLine = line
                recordText.append(c)
            case "\n", "\r":
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) {
                    records.append(Record(line: recordLine, fields: fields, columns: columns, lines: lines, text: String(recordText)))
                }
                fields = []; columns = []; lines = []; recordText = String.UnicodeScalarView()
                line += 1
                recordLine = line
                lineStart = i + 1
                fieldColumn = 1
                fieldLine = line
            default:
                if atFieldStart { fieldColumn = column(at: i); fieldLine = line; atFieldStart = false }
                field.append(c)
                recordText.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw Failure(line: quoteAt.line, column: quoteAt.column, message: "a quoted field is never closed", lineText: lineText(from: quoteLineStart))
        }
        return records
    }

    /// `;` when the first line has more of them than commas outside quotes, else `,`.
    static func separator(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var inQuotes = false
        var semicolons = 0, commas = 0
        for c in scalars {
            if c == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if c == "\n" || c == "\r" { break }
            if c == "," { commas += 1 }
            if c == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }
}
