/// Makes untrusted ledger text safe to put on a terminal. Every string that came from a ledger
/// passes through here before it is drawn or printed to a terminal: C0 controls, DEL, C1
/// controls and the bidirectional overrides and isolates become visible placeholders, so that no
/// byte of another user's text can start an escape sequence or reorder what is shown.
public enum Sanitizer {
    /// True when the scalar must never reach a terminal as itself.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F { return true }
        if v >= 0x80 && v <= 0x9F { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The placeholder shown in place of an unsafe scalar: the Unicode "control picture" for C0
    /// and DEL (␛, ␇, ␡), and a `\u{…}` escape, as the ledger itself would write it, for the rest.
    public static func placeholder(_ s: Unicode.Scalar) -> String {
        let v = s.value
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        return "\\u{" + String(v, radix: 16, uppercase: true) + "}"
    }

    public static func visible(_ text: String) -> String {
        // Fast path: nearly all text is clean, and checking bytes is cheaper than rebuilding.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xD8 || $0 == 0xE2 }) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) { out.append(contentsOf: placeholder(s).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }
}
