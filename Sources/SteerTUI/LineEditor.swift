import SteerCore

/// A one-line text editor for the filter, the command line and form fields. It edits whole
/// characters (grapheme clusters), so a Vietnamese letter typed as a base letter and combining
/// marks is one character: the cursor steps over it and Backspace deletes it whole.
public struct LineEditor: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// Insertion point, in characters from the start.
    public private(set) var cursor: Int

    /// The value a form showed when it opened (a date, a percentage), taken whole by the first
    /// character typed, as a selected field is: typing a date over the one shown replaced
    /// nothing and gave `2025-02-072025-02-30`. Moving the cursor or deleting edits it instead.
    public private(set) var replacedByTyping = false

    public init(_ text: String = "", replacedByTyping: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.replacedByTyping = replacedByTyping && !characters.isEmpty
    }

    public var text: String { String(characters) }

    public mutating func insert(_ c: Character) {
        if replacedByTyping {
            characters = []
            cursor = 0
            replacedByTyping = false
        }
        // An input method may send a combining mark after its base letter: it joins that letter.
        if cursor > 0, c.unicodeScalars.allSatisfy({ $0.properties.isGraphemeExtend }) {
            let joined = String(characters[cursor - 1]) + String(c)
            if joined.count == 1 {
                characters[cursor - 1] = Character(joined)
                return
            }
        }
        characters.insert(c, at: cursor)
        cursor += 1
    }

    public mutating func left() { keep(); cursor = max(0, cursor - 1) }
    public mutating func right() { keep(); cursor = min(characters.count, cursor + 1) }
    public mutating func home() { keep(); cursor = 0 }
    public mutating func end() { keep(); cursor = characters.count }

    /// The value shown is to be edited, not replaced.
    private mutating func keep() { replacedByTyping = false }

    public mutating func backspace() {
        keep()
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        keep()
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-U, as in a shell: deletes from the start of the line to the cursor.
    public mutating func killToStart() {
        keep()
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// The part of the text shown in a field `width` cells wide, scrolled so that the cursor is
    /// visible, and the cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        let v = window(width: width)
        return (v.text, v.cursorColumn)
    }

    /// The column, within the field shown by `visible(width:)`, where the character at `index`
    /// is (or would be, past the end); nil when it is scrolled out of view on the left.
    public func column(ofCharacter index: Int, width: Int) -> Int? {
        let first = window(width: width).first
        guard index >= first else { return nil }
        let upTo = min(index, characters.count)
        let column = characters[first..<upTo].reduce(0) { $0 + Self.shownWidth($1) } + (index - upTo)
        return column < width ? column : nil
    }

    /// The cells a character takes as the field shows it: a control kept in the text shows as
    /// its escape (`\u{85}`, six cells), and the cursor is placed after all of them.
    static func shownWidth(_ c: Character) -> Int {
        c.unicodeScalars.contains(where: Sanitizer.isUnsafe) ? DisplayWidth.of(Sanitizer.visible(String(c))) : DisplayWidth.of(c)
    }

    private func window(width: Int) -> (text: String, cursorColumn: Int, first: Int) {
        guard width > 0 else { return ("", 0, 0) }
        let widths = characters.map(Self.shownWidth)
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        // Keep one cell free for the cursor after the last character.
        while before > width - 1, start < cursor {
            before -= widths[start]
            start += 1
        }
        var shown = ""
        var used = 0
        var i = start
        while i < characters.count, used + widths[i] <= width {
            shown.append(characters[i])
            used += widths[i]
            i += 1
        }
        return (shown, before, start)
    }
}
