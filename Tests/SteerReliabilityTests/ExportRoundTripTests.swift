import Foundation
import SteerCore
import Testing

/// CSV and JSON keep another user's text exact (they are data, read by programs) and yet carry
/// no raw control character, so that `cat report.csv` cannot drive the terminal.
@Suite struct ExportRoundTripTests {
    static let hostile = [
        "OSC 52 \u{1B}]52;c;cm0gLXJmIH4=\u{07} clipboard",
        "OSC 8 \u{1B}]8;;https://example.invalid\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "CSI 21 t \u{1B}[21t and \u{1B}[2J",
        "C1 \u{9B}31m red \u{9D}0;title\u{9C}",
        "DEL \u{7F} BEL \u{07} NUL-free",
        "bidi \u{202E}txt.exe\u{202C} \u{2066}isolate\u{2069} \u{200F}",
        "quote \" comma , line\nbreak, CR\rLF\r\ntab\t end",
        "a backslash \\ and the text \\u{1b} typed literally",
        "Tiếng Việt: Đồng Nai, Hà Nội",
        " leading and trailing spaces ",
    ]

    var table: ReportTable {
        ReportTable(title: "hostile", columns: [.init("id"), .init("text")],
                    rows: Self.hostile.enumerated().map { ["T\($0.offset)", $0.element] })
    }

    /// Undoes the escapes ReportTable.csv documents: `\u{HEX}` and `\\`.
    static func unescapeCSV(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = s.unicodeScalars[...]
        while let c = scalars.popFirst() {
            guard c == "\\", let next = scalars.first else { out.append(c); continue }
            if next == "\\" { scalars.removeFirst(); out.append("\\"); continue }
            let named: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r"]
            if let control = named[next] { scalars.removeFirst(); out.append(control); continue }
            if next == "u", let close = scalars.firstIndex(of: "}"),
               let v = UInt32(String(String.UnicodeScalarView(scalars[scalars.index(scalars.startIndex, offsetBy: 2)..<close])), radix: 16),
               let u = Unicode.Scalar(v) {
                out.append(u)
                scalars = scalars[scalars.index(after: close)...]
                continue
            }
            out.append(c)
        }
        return String(out)
    }

    @Test func csvRoundTripsAndCarriesNoRawControl() throws {
        let csv = table.render(.csv)
        let records = try CSVReader.read(csv)
        #expect(records.count == Self.hostile.count + 1)
        for (i, text) in Self.hostile.enumerated() {
            #expect(Self.unescapeCSV(records[i + 1].fields[1]) == text)
        }
        // Record ends are CRLF, and nothing else is a control: a line break in a value is `\n`.
        let bodies = csv.replacingOccurrences(of: "\r\n", with: "")
        #expect(LedgerInvariants.firstUnsafe(bodies, allowing: []) == nil)
        #expect(csv.contains("\\u{1b}]52;c;"))
    }

    @Test func jsonRoundTripsAndCarriesNoRawControl() throws {
        let json = table.render(.json)
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(decoded.map { $0["text"] } == Self.hostile)
        #expect(LedgerInvariants.firstUnsafe(json, allowing: ["\n"]) == nil)
        #expect(json.contains("\\u001b]52;c;"))
        #expect(json.contains("\\u009b31m"))
        #expect(json.contains("\\u202e"))
    }

    @Test(arguments: [ReportTable.Format.table, .markdown])
    func terminalFormatsShowPlaceholders(format: ReportTable.Format) {
        let text = table.render(format)
        #expect(LedgerInvariants.firstUnsafe(text, allowing: ["\n"]) == nil)
        #expect(text.contains("␛]52;c;cm0gLXJmIH4=␇ clipboard"))
        #expect(text.contains("\\u{9B}31m red"))
        #expect(text.contains("\\u{202E}txt.exe"))
    }
}
