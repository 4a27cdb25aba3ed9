/// Trimming as the program did it with Foundation, whose `CharacterSet` is not in the standard
/// library.
extension StringProtocol {
    /// Without leading and trailing spaces: tab and the scalars of general category Zs, and
    /// U+200B ZERO WIDTH SPACE, which Foundation's `CharacterSet.whitespaces` holds too. Trimmed
    /// scalar by scalar, as Foundation did: a space before a combining mark goes, the mark stays.
    public func trimmingSpaces() -> String {
        trimming { Self.isSpace($0.value) }
    }

    /// Without leading and trailing spaces and line breaks (LF, VT, FF, CR, NEL, U+2028 and
    /// U+2029): Foundation's `CharacterSet.whitespacesAndNewlines`.
    public func trimmingSpacesAndNewlines() -> String {
        trimming { s in
            switch s.value {
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
            default: return Self.isSpace(s.value)
            }
        }
    }

    private static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The scalars from the first to the last one `isTrimmed` refuses. The end is found on the
    /// scalars, not the Characters: a Character may run on into the trailing spaces.
    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }),
              let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }
}
