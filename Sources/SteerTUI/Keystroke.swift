/// One key as the program understands it, whatever bytes the terminal sent for it.
public enum Keystroke: Hashable, Sendable {
    /// A printable character, including Vietnamese letters and lone combining marks from an IME.
    case char(Character)
    /// Ctrl and a letter, given in lower case: `.ctrl("d")`.
    case ctrl(Character)
    case up, down, left, right, home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    /// A key sent at once after an Esc: Alt and that key, or an Esc and a key typed fast over a
    /// slow link. Where text is typed it does nothing (Alt-b is no command there); elsewhere
    /// it is the Esc, then the key.
    indirect case alt(Keystroke)

    /// How the help screen and the footer name the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .alt(let k): return "Alt-" + k.label
        }
    }
}
