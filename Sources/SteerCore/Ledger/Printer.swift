/// Writes events as ledger lines. Every event prints to exactly one line that parses back to
/// the same event, whatever its text holds: quotes, backslashes, newlines and every control
/// character are escaped, so the file itself never carries a raw control byte.
public enum LedgerPrinter {
    public static func line(_ e: Event) -> String {
        var s = e.time.description + " @" + e.actor + " " + e.verb.rawValue + " " + e.id
        for f in e.fields {
            s += " " + f.key.rawValue + "=" + value(f.value)
        }
        return s
    }

    /// A value bare when it is plain ASCII that cannot be misread, quoted and escaped otherwise.
    public static func value(_ v: String) -> String {
        if !v.isEmpty, v.utf8.allSatisfy(isBare) { return v }
        // Written in NFC, as the parser stores text, so that the line reads back byte for byte.
        let v = v.utf8.contains(where: { $0 == 0xCC || $0 == 0xCD }) ? NFC.of(v) : v
        var out = "\""
        for s in v.unicodeScalars {
            if s == "\"" { out += "\\\"" } else { appendEscaped(s, to: &out) }
        }
        return out + "\""
    }

    /// `s` as a value's text writes it: a backslash, a line break, a tab, a carriage return and
    /// every other character `Sanitizer` calls unsafe as an escape, anything else as it is.
    /// CSV writes its cells so too (`ReportTable.csv`), so that `log` and CSV read alike.
    public static func appendEscaped(_ s: Unicode.Scalar, to out: inout String) {
        switch s {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if Sanitizer.isUnsafe(s) {
                out += "\\u{" + String(s.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(s)
            }
        }
    }

    /// Whether text can be an id or a login: letters, digits, '.', '_', '-', not starting with '-'.
    public static func isName(_ s: String) -> Bool {
        guard let first = s.utf8.first, first != UInt8(ascii: "-") else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 45
        }
    }

    static func isBare(_ c: UInt8) -> Bool {
        switch c {
        case 48...57, 65...90, 97...122: return true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ","), UInt8(ascii: ":"),
             UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "%"): return true
        default: return false
        }
    }
}
