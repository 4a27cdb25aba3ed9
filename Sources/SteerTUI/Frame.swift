import SteerCore

/// What a cell means. The terminal layer turns a role into a colour, or, on a monochrome
/// terminal (or with NO_COLOR), into bold, underline or reverse; the view never picks colours.
public enum Role: Int, CaseIterable, Sendable {
    case plain, chrome, title, dim, accent, error
    case overdue, dueSoon, doneLate, blocked, done
}

public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool

    public init(_ role: Role = .plain, bold: Bool = false, reverse: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
    }
}

public struct Cell: Hashable, Sendable {
    /// One grapheme; "" in the right half of a wide character.
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: Style())
}

public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

public struct Size: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// A screen as plain data: the view draws into it, tests read it as text, and the terminal
/// layer copies the cells that changed since the last frame.
public struct Frame: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes (a line editor's insertion point); nil hides it.
    public var cursor: Point?

    public init(_ size: Size) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes text from (x, y), at most `limit` cells wide (to the right edge by default), cut
    /// with an ellipsis on a character boundary. Every string drawn passes through here, so this
    /// is where untrusted ledger text is made safe for the terminal. Returns the x after the text.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, limit: Int? = nil, style: Style = Style()) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let room = min(limit ?? (width - x), width - max(x, 0))
        guard room > 0 else { return x }
        var cx = x
        for ch in DisplayWidth.truncate(Sanitizer.visible(text), to: room) {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }  // a stray combining mark or format character has no cell of its own
            if cx + w > x + room { break }
            if cx >= 0 {
                if !Self.fitsOneCell(ch) {
                    // A cell holds one spacing character and its marks: of a flag (two regional
                    // indicators), an emoji joined by U+200D or given a skin tone, curses drew
                    // the first alone, a different picture. Said unshowable instead.
                    place(Cell(text: "\u{FFFD}", style: style), x: cx, y: y)
                    if w == 2 { place(Cell(text: " ", style: style), x: cx + 1, y: y) }
                } else if w == 2 {
                    place(Cell(text: String(ch), style: style), x: cx, y: y)
                    place(Cell(text: "", style: style), x: cx + 1, y: y)
                } else {
                    place(Cell(text: String(ch), style: style), x: cx, y: y)
                }
            }
            cx += w
        }
        return cx
    }

    /// Whether a terminal cell can hold `ch` whole: one scalar, then combining marks alone (a
    /// variation selector is one), at most five of them as the terminal layer passes them on.
    static func fitsOneCell(_ ch: Character) -> Bool {
        let scalars = ch.unicodeScalars
        guard scalars.count > 1 else { return true }
        return scalars.count <= 5 && scalars.dropFirst().allSatisfy {
            $0.properties.generalCategory == .nonspacingMark || $0.properties.generalCategory == .enclosingMark
        }
    }

    /// Blanks `count` cells from (x, y) in one style (bars, selection backgrounds).
    public mutating func fill(x: Int, y: Int, count: Int, style: Style = Style()) {
        guard y >= 0, y < height else { return }
        for cx in max(0, x)..<min(width, x + count) where cx >= 0 {
            place(Cell(text: " ", style: style), x: cx, y: y)
        }
    }

    /// Restyles cells without changing their text (the selected row turns reverse).
    public mutating func restyle(x: Int, y: Int, count: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height else { return }
        for cx in max(0, x)..<min(width, x + count) where cx >= 0 {
            change(&cells[y * width + cx].style)
        }
    }

    /// Keeps wide characters whole: overwriting either half of one blanks the other half.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let i = y * width + x
        let old = cells[i]
        if old.text.isEmpty, x > 0, cell.text != "" { cells[i - 1].text = " " }
        if !old.text.isEmpty, x + 1 < width, cells[i + 1].text.isEmpty, !(cell.text.isEmpty) {
            cells[i + 1].text = " "
        }
        // A wide glyph cannot start in the last column; it would wrap on a real terminal.
        if cell.text.isEmpty && x == 0 { return }
        cells[i] = cell
    }

    /// The frame as text, one row per line, trailing blanks trimmed: what snapshots store.
    public var lines: [String] {
        (0..<height).map { y in
            var row = ""
            for x in 0..<width { row += cells[y * width + x].text }
            while row.hasSuffix(" ") { row.removeLast() }
            return row
        }
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }
}
