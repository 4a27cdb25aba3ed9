import CLineBytes

/// The one pass over a ledger line's bytes that every line pays for: it finds whether the line
/// is well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates, nothing past
/// U+10FFFF, the rule `String(validating:)` applies) free of control bytes (a tab aside), and
/// whether it is all ASCII or holds a combining diacritical mark (U+0300–U+036F, lead byte 0xCC
/// or 0xCD, the marks of NFD Vietnamese). Before, a control scan and a UTF-8 scan each read
/// every line, and the UTF-8 one branched on every byte of Vietnamese text.
///
/// On x86-64 the pass is `steer_line_kind` (C, 32 or 16 bytes at a time); elsewhere, and on a
/// CPU without SSSE3, it is the byte-at-a-time automaton below, which the tests hold it to.
enum LineBytes {
    struct Kind: Equatable {
        let isASCII: Bool
        let hasMarks: Bool
    }

    /// The automaton's states, each the bit offset of its six bits in a row of `transitions`.
    /// Named for what is still to come: continuation bytes, some in a narrowed range.
    private enum State {
        static let accept: UInt64 = 0
        static let error: UInt64 = 6
        static let oneMore: UInt64 = 12
        static let twoMore: UInt64 = 18
        static let afterE0: UInt64 = 24  // then A0–BF: no overlong three-byte form
        static let afterED: UInt64 = 30  // then 80–9F: no surrogate
        static let threeMore: UInt64 = 36
        static let afterF0: UInt64 = 42  // then 90–BF: no overlong four-byte form
        static let afterF4: UInt64 = 48  // then 80–8F: nothing past U+10FFFF
        static let all = [accept, error, oneMore, twoMore, afterE0, afterED, threeMore, afterF0, afterF4]
    }

    /// Bits of a row above the states' 54: what the byte is, gathered by OR-ing the rows.
    private static let highBit: UInt64 = 1 << 62
    private static let markBit: UInt64 = 1 << 63

    /// For each byte value, the state it leads to from every state, at that state's offset: a
    /// byte moves the automaton with one shift and one mask and no branch (a "shift DFA").
    private static let transitions: [UInt64] = (0...255).map { (b: Int) -> UInt64 in
        let continuation = 0x80...0xBF
        func next(from state: UInt64) -> UInt64 {
            switch state {
            case State.accept:
                switch b {
                case 0x09, 0x20...0x7E: return State.accept
                case 0xC2...0xDF: return State.oneMore
                case 0xE0: return State.afterE0
                case 0xE1...0xEC, 0xEE...0xEF: return State.twoMore
                case 0xED: return State.afterED
                case 0xF0: return State.afterF0
                case 0xF1...0xF3: return State.threeMore
                case 0xF4: return State.afterF4
                default: return State.error  // control bytes, stray continuations, C0, C1, F5–FF
                }
            case State.oneMore: return continuation.contains(b) ? State.accept : State.error
            case State.twoMore: return continuation.contains(b) ? State.oneMore : State.error
            case State.afterE0: return (0xA0...0xBF).contains(b) ? State.oneMore : State.error
            case State.afterED: return (0x80...0x9F).contains(b) ? State.oneMore : State.error
            case State.threeMore: return continuation.contains(b) ? State.twoMore : State.error
            case State.afterF0: return (0x90...0xBF).contains(b) ? State.twoMore : State.error
            case State.afterF4: return (0x80...0x8F).contains(b) ? State.twoMore : State.error
            default: return State.error
            }
        }
        var row = State.all.reduce(UInt64(0)) { $0 | next(from: $1) << $1 }
        if b >= 0x80 { row |= highBit }
        if b == 0xCC || b == 0xCD { row |= markBit }
        return row
    }

    /// What the line holds, or nil when it holds a control byte or is not well-formed UTF-8
    /// (the caller then looks for the first fault, to report it).
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? { check(bytes, with: steer_line_kind) }

    /// `check` 16 bytes at a time, as on a CPU without AVX2.
    static func checkSixteenAtATime(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? { check(bytes, with: steer_line_kind_16) }

    /// What each line of `text` (lines with their newlines) holds, when one pass over them all
    /// clears every one and none holds a mark: `isASCII` when the whole text is ASCII (a line
    /// may be where the text is not: false says only that it is not known to be), `hasMarks`
    /// false. Nil when a line may be refused, any holds a mark (which lines do, only each line's
    /// pass says) or the CPU cannot run the pass: the caller checks line by line. One call for
    /// a piece of a replay, where a call for each line spent more on its setup and its last
    /// partial block than on its whole ones.
    static func checkLines(_ text: UnsafeBufferPointer<UInt8>) -> Kind? { checkLines(text, with: steer_lines_kind) }

    /// `checkLines` 16 bytes at a time, as on a CPU without AVX2.
    static func checkLinesSixteenAtATime(_ text: UnsafeBufferPointer<UInt8>) -> Kind? { checkLines(text, with: steer_lines_kind_16) }

    @inline(__always)
    private static func checkLines(_ text: UnsafeBufferPointer<UInt8>, with pass: (UnsafePointer<UInt8>, Int) -> Int32) -> Kind? {
        guard let base = text.baseAddress else { return Kind(isASCII: true, hasMarks: false) }
        let found = Int(pass(base, text.count))
        guard found & (STEER_LINE_UNCHECKED | STEER_LINE_REFUSED | STEER_LINE_MARKS) == 0 else { return nil }
        return Kind(isASCII: found & STEER_LINE_NOT_ASCII == 0, hasMarks: false)
    }

    @inline(__always)
    private static func check(_ bytes: UnsafeBufferPointer<UInt8>, with pass: (UnsafePointer<UInt8>, Int) -> Int32) -> Kind? {
        guard let base = bytes.baseAddress else { return Kind(isASCII: true, hasMarks: false) }
        let found = Int(pass(base, bytes.count))
        if found & STEER_LINE_UNCHECKED != 0 { return checkPortably(bytes) }
        if found & STEER_LINE_REFUSED != 0 { return nil }
        return Kind(isASCII: found & STEER_LINE_NOT_ASCII == 0, hasMarks: found & STEER_LINE_MARKS != 0)
    }

    /// `check`, a byte at a time: for CPUs `steer_line_kind` cannot run on.
    static func checkPortably(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind? {
        guard let base = bytes.baseAddress else { return Kind(isASCII: true, hasMarks: false) }
        let n = bytes.count
        return transitions.withUnsafeBufferPointer { rows in
            // The line's start (its time, actor, verb and id) is printable ASCII, eight bytes at
            // a time; no automaton is needed until the first word that is not.
            var i = 0
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                guard w & 0x8080_8080_8080_8080 == 0, !mayHoldControl(w) else { break }
                i += 8
            }
            // The rest in two halves, split where a character starts, run side by side: a byte
            // waits for the state the byte before it in its own half left, and the other half's
            // byte is worked on meanwhile. Both must end where a character ends: the first half
            // runs into a character's first byte, which ends a character cut short as invalid.
            var mid = i + (n - i) / 2
            while mid < n, base[mid] & 0xC0 == 0x80 { mid += 1 }
            var first = State.accept, second = State.accept
            var seen: UInt64 = 0
            var j = mid
            for _ in 0..<min(mid - i, n - mid) {
                let a = rows[Int(base[i])], b = rows[Int(base[j])]
                first = (a &>> first) & 63
                second = (b &>> second) & 63
                seen |= a | b
                i += 1
                j += 1
            }
            while i < mid {
                let a = rows[Int(base[i])]
                first = (a &>> first) & 63
                seen |= a
                i += 1
            }
            while j < n {
                let b = rows[Int(base[j])]
                second = (b &>> second) & 63
                seen |= b
                j += 1
            }
            guard first == State.accept, second == State.accept else { return nil }
            return Kind(isASCII: seen & highBit == 0, hasMarks: seen & markBit != 0)
        }
    }

    /// Whether the word may hold a byte below 0x20 or a 0x7F: exact for ASCII bytes, and a
    /// byte of 0x80 or more never counts (only its own high bit is tested for).
    static func mayHoldControl(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // A byte below 0x20 borrows into its high bit when 0x20 is taken from it.
        let control = (w &- 0x20 &* ones) & ~w & highs
        // A byte equal to 0x7F becomes zero when XORed with it, and a zero byte borrows.
        let x = w ^ (0x7F &* ones)
        let delete = (x &- ones) & ~x & highs
        return control | delete != 0
    }
}
