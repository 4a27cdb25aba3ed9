import CLineBytes

/// How many terminal cells text takes. Combining marks (NFD Vietnamese) take none; East Asian
/// wide characters and emoji take two. Columns in tables and panes are aligned with this, never
/// with `count`.
public enum DisplayWidth {
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Width of one user-perceived character: its base scalar decides; a variation selector 16
    /// asks for emoji presentation, which terminals draw two cells wide.
    public static func of(_ c: Character) -> Int {
        var width = 0
        var first = true
        for s in c.unicodeScalars {
            if first { width = of(s); first = false; continue }
            // An emoji presentation selector, or a flag's second regional indicator: terminals
            // draw the pair two cells wide.
            if s.value == 0xFE0F && width == 1 || (0x1F1E6...0x1F1FF).contains(s.value) { width = 2 }
        }
        return width
    }

    public static func of(_ text: String) -> Int {
        // Printable ASCII among the common scalars, all measured in one pass over the bytes.
        if let w = ofCommonUTF8(text) { return w }
        if let w = ofAlphabetic(text) { return w }
        var w = 0
        for c in text { w += of(c) }
        return w
    }

    /// `ofAlphabetic` for the scalars Vietnamese text is made of, read from the UTF-8 bytes
    /// without decoding scalars, 16 bytes at a time (`steer_common_width`, C): printable ASCII
    /// and U+00A0–U+02FF (but U+00AD) one cell, the combining marks U+0300–U+036F none,
    /// U+1E00–U+1EFF (precomposed Vietnamese), U+2010–U+2027 and the geometric shapes
    /// U+25A0–U+25FC (the screen's clarity marks ○ ●) one cell. Nil at any other scalar, for the
    /// slower paths to measure. None of these is unsafe for a terminal (`Sanitizer.isUnsafe`):
    /// text it measures needs no sanitising. A byte at a time, a long report's cells took a
    /// fifth of printing it.
    public static func ofCommonUTF8(_ text: String) -> Int? {
        let width = text.withUTF8Bytes { $0.isEmpty ? 0 : steer_common_width($0.baseAddress!, $0.count) }
        return width < 0 ? nil : width
    }

    /// The width of text written in Latin (Vietnamese included), Greek or Cyrillic letters
    /// with combining marks and common punctuation (U+2010–U+2027), summed scalar by scalar: there, a character's width is its base
    /// scalar's and its marks take none, so the sum equals the sum over characters without
    /// breaking the text into characters. Nil for any other scalar (emoji, Hangul, Indic
    /// spacing marks, joiners), whose characters must be measured whole.
    static func ofAlphabetic(_ text: String) -> Int? {
        var w = 0
        for s in text.unicodeScalars {
            switch s.value {
            case 0x300...0x36F: continue  // combining diacritical marks (NFD Vietnamese)
            case 0x1E00...0x1EFF: w += 1  // Latin Extended Additional: precomposed Vietnamese letters
            case 0x2010...0x2027: w += 1  // dashes, quotes, bullets, the ellipsis: one cell, never marks
            case 0..<0x590: w += of(s)
            default: return nil
            }
        }
        return w
    }

    /// Cuts text to at most `width` cells on a character boundary, ending with "…" when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        if width <= 0 { return "" }
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Cuts text to at most `width` cells with "…" in its middle: for ids, whose ends tell them
    /// apart (`KH57-quangninh`, `KH57-quangbinh` cut at the end are both `KH57-quan…`).
    public static func truncateMiddle(_ text: String, to width: Int) -> String {
        if of(text) <= width { return text }
        let head = truncate(text, to: (width - 1) / 2 + 1).dropLast()
        return head + truncateLeading(text, to: width - of(String(head)))
    }

    /// Keeps the end of text, at most `width` cells on a character boundary, starting with "…"
    /// when cut.
    public static func truncateLeading(_ text: String, to width: Int) -> String {
        if width <= 0 { return "" }
        if of(text) <= width { return text }
        var kept = text.endIndex
        var used = 0
        while kept > text.startIndex {
            let previous = text.index(before: kept)
            let w = of(text[previous])
            if used + w > width - 1 { break }
            kept = previous
            used += w
        }
        return "…" + text[kept...]
    }

    /// Truncates then pads with spaces to exactly `width` cells.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let t = truncate(text, to: width)
        let gap = max(0, width - of(t))
        let spaces = String(repeating: " ", count: gap)
        return alignRight ? spaces + t : t + spaces
    }
}
