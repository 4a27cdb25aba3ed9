/// A problem found in a ledger, located at a line and column, with the line itself and a hint.
/// The rendered form follows hledger: `FILE:LINE:COL: error: message`, the line, a caret, a hint.
public struct Diagnostic: Error, Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var file: String
    /// 1-based line number in the file.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    public var message: String
    public var hint: String?
    /// The offending line as written (already decoded; may contain anything).
    public var lineText: String

    public init(_ severity: Severity = .error, file: String, line: Int, column: Int, message: String, hint: String? = nil, lineText: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.lineText = lineText
    }

    /// The location prefix alone: `FILE:LINE:COL`.
    public var location: String { "\(file):\(line):\(column)" }

    /// Ledger text as an error shows it: safe for the terminal, and with the spaces that look
    /// like a space and are not (a no-break space pasted from a word processor, which makes
    /// `report T1` one unknown verb) written as escapes, so the fault can be seen.
    static func shown(_ text: String) -> String {
        let visible = Sanitizer.visible(text)
        guard visible.unicodeScalars.contains(where: isLookalikeSpace) else { return visible }
        var out = ""
        for u in visible.unicodeScalars {
            if isLookalikeSpace(u) { out += "\\u{" + String(u.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    static func isLookalikeSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// `message` with each text it quotes between backticks cut to 60 characters: a value of a
    /// million digits quoted whole made the message a megabyte long, as the line was.
    static func quotingShortly(_ message: String) -> String {
        guard message.count > widestExcerpt else { return message }
        return message.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { i, part in
            i % 2 == 1 && part.count > 60 ? part.prefix(59) + "…" : part
        }.joined(separator: "`")
    }

    /// Lines wider than this many cells are shown as a window around the caret: a megabyte
    /// line printed whole, with as many spaces before its caret, buried its one error.
    static let widestExcerpt = 160

    /// The full multi-line report. Ledger text is untrusted, so the excerpt passes the sanitizer.
    public func rendered() -> String {
        let gutter = String(line)
        let blank = String(repeating: " ", count: gutter.count)
        let prefix = lineText.prefix(max(0, column - 1))
        var before = Self.shown(String(prefix))
        var shown = Self.shown(lineText)
        if DisplayWidth.of(shown) > Self.widestExcerpt {
            before = DisplayWidth.truncateLeading(before, to: Self.widestExcerpt / 3)
            shown = before + DisplayWidth.truncate(Self.shown(String(lineText[prefix.endIndex...])), to: Self.widestExcerpt - DisplayWidth.of(before))
        }
        let caretPad = DisplayWidth.of(before)
        var out = "\(location): \(severity.rawValue): \(Self.shown(Self.quotingShortly(message)))\n"
        out += "\(blank) |\n"
        out += "\(gutter) | \(shown)\n"
        out += "\(blank) | \(String(repeating: " ", count: caretPad))^\n"
        if let hint { out += "hint: \(Sanitizer.visible(hint))\n" }
        return out
    }
}

extension Diagnostic {
    /// Builds a diagnostic from the raw bytes of a line and a byte offset inside it.
    static func at(_ file: String, line: Int, bytes: UnsafeBufferPointer<UInt8>, byteOffset: Int,
                   _ message: String, hint: String? = nil, severity: Severity = .error) -> Diagnostic {
        let text = String(decoding: bytes, as: UTF8.self)
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(byteOffset, bytes.count)]), as: UTF8.self)
        return Diagnostic(severity, file: file, line: line, column: prefix.count + 1, message: message, hint: hint, lineText: text)
    }
}
