/// Makes untrusted ledger text safe to put on a terminal. Every string that came from a ledger
/// passes through here before it is drawn or printed to a terminal: C0 controls, DEL, C1
/// controls and the bidirectional overrides and isolates become visible placeholders, so that no
/// byte of another user's text can start an escape sequence or reorder what is shown; and so do
/// the characters that show as nothing at all, so that a title or an owner that differs from
/// another only by one of them does not look the same.
public enum Sanitizer {
    /// True when the scalar must never reach a terminal as itself.
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F { return true }
        if v >= 0x80 && v <= 0x9F { return true }
        switch v {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        // Invisible: the soft hyphen, the zero-width space, the word joiner and the invisible
        // operators, the deprecated format controls, the byte order mark, the interlinear
        // annotation controls, the tag characters, the musical symbols' beam and phrase
        // controls, and the fillers and separator that draw blank. The zero-width joiner and non-joiner, which shape emoji and some scripts, and
        // the variation selectors, which choose a glyph, stay.
        case 0x00AD, 0x115F, 0x1160, 0x180E, 0x200B, 0x2060...0x2064, 0x206A...0x206F, 0x3164, 0xFEFF, 0xFFA0,
             0xFFF9...0xFFFB, 0x1D173...0x1D17A, 0xE0000...0xE007F: return true
        default: return false
        }
    }

    /// False only when no scalar of `text` is unsafe, judged on its UTF-8 bytes: C0 and DEL are
    /// single bytes, C1 controls are C2 80–9F and the soft hyphen C2 AD, U+061C is D8 9C, the
    /// marks of U+2000–U+206F start E2 80 or E2 81, and the other invisible ones start E1 85,
    /// E1 A0, E3 85, EF BB, EF BE, EF BF, F0 9D or F3 A0. An en dash (E2 80 93) or a Vietnamese letter
    /// does not send the text the slow way; anything unsure does, and is judged scalar by scalar there.
    static func mayHoldUnsafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x20 || c == 0x7F { return true }
                if c == 0xC2 || c == 0xD8 || c >= 0xE1 {
                    guard i + 1 < b.count else { return true }
                    let next = b[i + 1]
                    if c == 0xC2, next < 0xA0 || next == 0xAD { return true }
                    switch (c, next) {
                    case (0xE1, 0x85), (0xE1, 0xA0), (0xE3, 0x85), (0xEF, 0xBB), (0xEF, 0xBE), (0xEF, 0xBF), (0xF0, 0x9D), (0xF3, 0xA0): return true
                    default: break
                    }
                    if c == 0xD8, next == 0x9C { return true }
                    if c == 0xE2, next == 0x80 || next == 0x81 {
                        guard i + 2 < b.count else { return true }
                        if isUnsafe(Unicode.Scalar(0x2000 + UInt32(next & 0x3F) << 6 + UInt32(b[i + 2] & 0x3F))!) { return true }
                    }
                }
                i += 1
            }
            return false
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
        if !mayHoldUnsafe(text) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isUnsafe(s) { out.append(contentsOf: placeholder(s).unicodeScalars) } else { out.append(s) }
        }
        return String(out)
    }
}
