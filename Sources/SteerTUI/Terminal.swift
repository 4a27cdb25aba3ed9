import CNcursesw
import CTerminalSignals
import Glibc
import SteerCore

/// What the terminal delivered while the program waited.
enum Input {
    case key(Keystroke)
    case resize(Size)
    case click(Point)
    case wheel(Int)
    /// Text the terminal marked as pasted (bracketed paste), whole, its line breaks included.
    case paste(String)
    case timeout
    /// The terminal is gone (hang-up, EOF on stdin): the program must exit, not spin.
    case hangup
}

/// The only code that talks to ncurses. It copies frames to the screen (only the cells that
/// changed since the last frame), turns what `wget_wch` returns into keys, and restores the
/// terminal on the way out, on a quit signal, and on a crash.
final class Terminal {
    private var shown: Frame?
    private let palette: Palette
    private var cursorVisible: Int32 = -1
    /// Reads that returned at once with input pending but no key: EOF, counted to tell a
    /// closed terminal from a timeout.
    private var emptyReads = 0
    private var stopped = false
    /// How to ask this terminal to stop marking pasted text, when it was asked to mark it.
    private var bracketedPasteOff: String?

    /// Sets the locale from the environment before curses starts, so that wide characters
    /// work; when that locale is missing or not UTF-8, falls back to C.UTF-8.
    static func prepareLocale() {
        let ok = setlocale(LC_ALL, "") != nil
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if !ok || codeset != "UTF-8" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// Why curses cannot drive the terminal `TERM` names, said for a person; nil when it can.
    /// Asked before starting curses, which would print its own message and end the process.
    static func problem(term: String?) -> String? {
        switch steer_terminal_problem() {
        case 0: return nil
        case 1:
            guard let term, !term.isEmpty else { return "TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color" }
            return "the terminal type `\(term)` (TERM) is not known here; try TERM=xterm-256color"
        default:
            return "the terminal type `\(term ?? "")` (TERM) cannot move its cursor; steer tui needs one that can (e.g. TERM=xterm-256color), and `steer show` prints to any"
        }
    }

    /// Starts curses on the process's terminal.
    init(mouse: Bool, colour: Bool) {
        Self.prepareLocale()
        // Esc must act at once; ncurses waits this long for the rest of an escape sequence.
        _ = set_escdelay(25)
        _ = initscr()
        palette = Self.setUp(mouse: mouse, colour: colour)
        steer_install_signal_handlers()
        // Pasted text comes marked, so that it is taken as text: read as keys, a note pasted
        // from an e-mail ran its letters as commands and saved a form at each line break. Asked
        // for as the terminal's description says (BE and BD, which xterm's and tmux's have),
        // else as xterm asks (a private mode, which a terminal that does not know it ignores):
        // tmux marks pastes for a program that asks whatever TERM says, and under tmux's
        // default `screen-256color` a two-line note pasted into a report form saved it and then
        // recorded a block. Written straight to the terminal: `putp` left it in stdio's buffer
        // until the program exited.
        let on = steer_terminal_string("BE").map { String(cString: $0) } ?? "\u{1B}[?2004h"
        bracketedPasteOff = steer_terminal_string("BD").map { String(cString: $0) } ?? "\u{1B}[?2004l"
        Self.writeToTerminal(on)
        steer_note_bracketed_paste()
    }

    private static func writeToTerminal(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(1, &bytes, bytes.count)
    }

    /// Starts curses writing to `output` instead of a terminal, for measuring what frames cost.
    init(measuringInto output: UnsafeMutablePointer<FILE>, input: UnsafeMutablePointer<FILE>, terminalType: String) {
        Self.prepareLocale()
        _ = set_escdelay(25)
        _ = newterm(terminalType, output, input)
        palette = Self.setUp(mouse: false, colour: true)
    }

    private static func setUp(mouse: Bool, colour: Bool) -> Palette {
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(steer_stdscr(), true)
        // What terminals send for keys their terminfo entry may not name (vt100 has no back-tab,
        // Home or End; xterm's names ESC [ H for Home where PuTTY and tmux send ESC [ 1 ~): each
        // would arrive as Esc and stray characters, which closed a form and ran as commands.
        for (sequence, key) in Self.commonSequences where key_defined(sequence) == 0 { _ = define_key(sequence, key) }
        if mouse { _ = mousemask(steer_all_mouse_events(), nil) }
        let useColour = colour && has_colors()
        if useColour {
            _ = start_color()
            _ = use_default_colors()
            Palette.definePairs()
        }
        return Palette(colour: useColour)
    }

    /// Sequences of xterm, VT220, rxvt, PuTTY, screen and tmux for the keys steer binds.
    static let commonSequences: [(String, Int32)] = [
        ("\u{1B}[Z", KEY_BTAB),
        ("\u{1B}[A", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}[C", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT),
        ("\u{1B}OA", KEY_UP), ("\u{1B}OB", KEY_DOWN), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}OD", KEY_LEFT),
        ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
        ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
    ]

    /// The marks around pasted text, after their Esc: read by `afterEscape` as any sequence no
    /// key names, and the text between them by `readPaste`.
    static let pasteStart = Array("[200~".unicodeScalars)
    static let pasteEnd = Array("\u{1B}[201~".unicodeScalars)
    /// More pasted text than a field could want; the rest is read and dropped.
    static let pasteLimit = 64 << 10

    var size: Size { Size(width: Int(steer_getmaxx(steer_stdscr())), height: Int(steer_getmaxy(steer_stdscr()))) }

    /// The quit signal that arrived, if any (0 for none).
    var pendingSignal: Int32 { steer_pending_quit_signal() }

    func draw(_ frame: Frame) {
        let win = steer_stdscr()
        let full = shown?.size != frame.size
        if full { _ = werase(win) }
        var chars = [wchar_t](repeating: 0, count: 6)
        for y in 0..<frame.height {
            for x in 0..<frame.width {
                let cell = frame[x, y]
                if !full, let old = shown, old[x, y] == cell { continue }
                // The right half of a wide character is drawn by its left half.
                if cell.text.isEmpty { continue }
                Self.fill(&chars, cell.text)
                let look = palette.look(cell.style)
                _ = chars.withUnsafeBufferPointer { steer_put_cell(win, Int32(y), Int32(x), $0.baseAddress, look.attributes, look.pair) }
            }
        }
        let wantCursor: Int32 = frame.cursor == nil ? 0 : 1
        if wantCursor != cursorVisible {
            _ = curs_set(wantCursor)
            cursorVisible = wantCursor
        }
        if let c = frame.cursor { _ = wmove(win, Int32(c.y), Int32(c.x)) }
        _ = wnoutrefresh(win)
        _ = doupdate()
        shown = frame
    }

    /// One grapheme as curses takes it: a spacing character and at most four combining marks
    /// after it, zero-terminated. Other joined scalars (emoji sequences) are left out.
    private static func fill(_ chars: inout [wchar_t], _ text: String) {
        var n = 0
        for s in text.unicodeScalars {
            if n == 0 {
                chars[0] = wchar_t(bitPattern: s.value)
                n = 1
            } else if n < 5, s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark {
                chars[n] = wchar_t(bitPattern: s.value)
                n += 1
            }
        }
        chars[n] = 0
    }

    /// Drops the keys typed but not read yet.
    func discardTypeAhead() { _ = flushinp() }

    /// Ctrl-L: the next frame repaints every cell of the terminal.
    func invalidate() {
        _ = clearok(steer_curscr(), true)
        shown = nil
    }

    func read(timeoutMs: Int32) -> Input {
        let win = steer_stdscr()
        wtimeout(win, timeoutMs)
        var ch: wint_t = 0
        let r = wget_wch(win, &ch)
        if r == steer_err() { return stdinClosed() ? .hangup : .timeout }
        emptyReads = 0
        if r == steer_key_code_yes() { return functionKey(Int32(bitPattern: ch)) }
        if ch == 27 {
            switch afterEscape() {
            case .sequence(let s)?: return s == Self.pasteStart ? readPaste() : .timeout
            case .key(let k)?: return .key(.alt(k))
            case nil: break
            }
        }
        return character(ch).map(Input.key) ?? .timeout
    }

    /// What came at once after an Esc.
    private enum AfterEscape {
        /// The rest of an escape sequence: read whole, and dropped unless it marks a paste.
        case sequence([Unicode.Scalar])
        /// A key: Alt and that key, or the Esc and a key typed fast (`Keystroke.alt`).
        case key(Keystroke)
    }

    /// The text up to the mark that ends a paste. A terminal that never sends the mark leaves
    /// what came within a second of the last character.
    private func readPaste() -> Input {
        let win = steer_stdscr()
        wtimeout(win, 1000)
        var text: [Unicode.Scalar] = []
        // The last scalars read, however many were kept: the end mark is looked for in them.
        var recent: [Unicode.Scalar] = []
        while true {
            var ch: wint_t = 0
            let r = wget_wch(win, &ch)
            if r == steer_err() { break }
            // A key curses made of pasted bytes (an arrow's sequence) is not text.
            if r == steer_key_code_yes() { continue }
            guard let scalar = Unicode.Scalar(ch) else { continue }
            if text.count < Self.pasteLimit + Self.pasteEnd.count { text.append(scalar) }
            recent.append(scalar)
            if recent.count > Self.pasteEnd.count { recent.removeFirst() }
            if recent == Self.pasteEnd {
                if text.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) { text.removeLast(Self.pasteEnd.count) }
                break
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.prefix(Self.pasteLimit))
        return .paste(String(view))
    }

    /// After an Esc, what follows at once: the rest of an escape sequence no entry names (ESC [
    /// … final byte, or ESC O and one byte), read whole, so that a key steer does not know does
    /// nothing instead of closing a form (Esc) and typing its bytes; or a key (Alt-b, or Esc
    /// then j typed fast). Nil when nothing follows at once, or another Esc: the Esc is a key.
    private func afterEscape() -> AfterEscape? {
        let win = steer_stdscr()
        wtimeout(win, 0)
        var ch: wint_t = 0
        switch wget_wch(win, &ch) {
        case OK: break
        case steer_key_code_yes():
            // A resize is no key: given back, for the next read.
            guard Int32(bitPattern: ch) != steer_key_resize() else {
                _ = ungetch(Int32(bitPattern: ch))
                return nil
            }
            if case .key(let k) = functionKey(Int32(bitPattern: ch)) { return .key(k) }
            return .sequence([])
        default: return nil
        }
        if ch == 27 {
            _ = unget_wch(wchar_t(bitPattern: ch))
            return nil
        }
        guard ch == 0x5B || ch == 0x4F, var sequence = Unicode.Scalar(ch).map({ [$0] }) else {  // `[` or `O`
            return character(ch).map { .key($0) } ?? .sequence([])
        }
        // ESC O and one byte; ESC [, parameters and intermediates, and a final byte (0x40–0x7E).
        // A sequence cut short ends where the input does.
        while wget_wch(win, &ch) == OK, let s = Unicode.Scalar(ch) {
            sequence.append(s)
            if sequence[0] == "O" || (0x40...0x7E).contains(ch) { break }
        }
        return .sequence(sequence)
    }

    /// wget_wch returns ERR both on a timeout and at EOF or after a hang-up; the difference is
    /// that a closed input polls as readable (or hung up) while giving nothing.
    private func stdinClosed() -> Bool {
        var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return errno != EINTR }
        if p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        if p.revents & Int16(POLLIN) != 0 {
            emptyReads += 1
            return emptyReads >= 3
        }
        emptyReads = 0
        return false
    }

    private func character(_ ch: wint_t) -> Keystroke? {
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(ch) + 96)))
        case 0..<32: return nil
        default:
            guard let s = Unicode.Scalar(ch), !Sanitizer.isUnsafe(s) else { return nil }
            return .char(Character(s))
        }
    }

    private func functionKey(_ code: Int32) -> Input {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case steer_key_resize(): return .resize(size)
        case steer_key_mouse():
            var x: Int32 = 0
            var y: Int32 = 0
            switch steer_mouse_event(&x, &y) {
            case 1: return .click(Point(x: Int(x), y: Int(y)))
            case 4: return .wheel(-1)
            case 5: return .wheel(1)
            default: return .timeout
            }
        default: return .timeout
        }
    }

    /// Gives the terminal back as it was (endwin also leaves the alternate screen).
    func stop() {
        guard !stopped else { return }
        stopped = true
        if let off = bracketedPasteOff { Self.writeToTerminal(off) }
        _ = curs_set(1)
        _ = endwin()
    }

    /// After `stop`, dies of the quit signal that ended the program, as the shell expects.
    func reraise(_ signal: Int32) {
        steer_reraise(signal)
    }
}

/// Turns roles into colour pairs and attributes; on a monochrome terminal, or with NO_COLOR,
/// into bold, underline, dim and reverse alone.
struct Palette {
    let colour: Bool

    enum Pair: Int16 { case red = 1, green, yellow, magenta, cyan, blue }

    static func definePairs() {
        let colours: [(Pair, Int32)] = [(.red, COLOR_RED), (.green, COLOR_GREEN), (.yellow, COLOR_YELLOW),
                                        (.magenta, COLOR_MAGENTA), (.cyan, COLOR_CYAN), (.blue, COLOR_BLUE)]
        for (pair, fg) in colours { _ = init_pair(pair.rawValue, Int16(fg), -1) }
    }

    func look(_ style: Style) -> (attributes: attr_t, pair: Int16) {
        var a = steer_a_normal()
        var pair: Pair?
        if colour {
            switch style.role {
            case .plain, .title: break
            case .chrome, .accent: pair = .cyan
            case .dim: a |= steer_a_dim()
            case .error: pair = .red; a |= steer_a_bold()
            case .overdue: pair = .red
            case .dueSoon: pair = .yellow
            case .doneLate: pair = .magenta
            case .blocked: pair = .blue; a |= steer_a_bold()
            case .done: pair = .green
            }
        } else {
            switch style.role {
            case .plain, .done, .chrome: break
            case .title, .accent, .error, .overdue: a |= steer_a_bold()
            case .dim: a |= steer_a_dim()
            case .dueSoon, .blocked: a |= steer_a_underline()
            case .doneLate: a |= steer_a_underline() | steer_a_dim()
            }
        }
        if style.bold { a |= steer_a_bold() }
        if style.reverse { a |= steer_a_reverse() }
        return (a, pair?.rawValue ?? 0)
    }
}
