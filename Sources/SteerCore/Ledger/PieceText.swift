/// A text of a parsed piece (an event's actor or id, a field's value), held so that the piece
/// refers to no storage for it unless it must. A text of up to 15 ASCII bytes (an actor, an id,
/// a date, a number, an agency: most of a piece's texts) is the two words of the String that
/// holds it inline (`SmallASCII`); a value no task shares, with no escape, is a slice of the
/// bytes the piece was parsed from (`init(slice:_:)`); any other is a String among its piece's
/// `texts`, found by its place there. Events and fields of Strings were released one String at
/// a time when a replayed piece was emptied for the next, each a call into the runtime that
/// found nothing to release for an inline text: 65M instructions of a replay at 100k tasks,
/// where emptying the list takes 10M (callgrind, `steer check`: 2,101.5M → 2,079.4M in all;
/// the runtime's retains 52.7M → 32.0M, reading an inline text retaining nothing).
struct PieceText: Sendable {
    private let low: UInt64
    /// Says which of three forms the text takes, by its last byte: an inline String's flags
    /// (0xE0 and up, `SmallASCII`); `Slice`'s; or 0 for a text kept in `texts` at `low`.
    private let high: UInt64

    /// The text whose String's words are `words` (`SmallASCII.inlineWords`).
    init(inlineWords words: (UInt64, UInt64)) { self.init(low: words.0, high: words.1) }

    /// `text`, kept at the end of `texts`.
    init(_ text: String, in texts: inout [String]) {
        self.init(low: UInt64(texts.count), high: 0)
        texts.append(text)
    }

    /// The bytes of `range` of the piece's input, a value no task shares (bare, or quoted with
    /// no escape), made a String only when read (`value` says how): most such values are only
    /// checked, a report's note, an extension's reason, and never made one.
    init(slice range: Range<Int>, _ value: Slice) {
        self.init(low: UInt64(range.lowerBound), high: UInt64(range.count) | UInt64(value.rawValue) << 56)
    }

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// How the String of a slice is made: its bytes whole characters of a checked line, which
    /// was all ASCII or not, and may hold combining marks to put in NFC
    /// (`LineParser.value(_:isASCII:mayHoldMarks:)`). Any raw value is below 0xE0, an inline
    /// String's first flags.
    struct Slice: OptionSet, Sendable {
        let rawValue: UInt8
        static let isSlice = Slice(rawValue: 1)
        static let isASCII = Slice(rawValue: 2)
        static let mayHoldMarks = Slice(rawValue: 4)
    }

    private var slice: Slice? {
        let flags = UInt8(truncatingIfNeeded: high >> 56)
        return flags & Slice.isSlice.rawValue != 0 && flags < 0xE0 ? Slice(rawValue: flags) : nil
    }

    private func sliceBytes(_ piece: PieceTexts) -> UnsafeBufferPointer<UInt8> {
        let start = Int(low), count = Int(high & 0x00FF_FFFF_FFFF_FFFF)
        return UnsafeBufferPointer(rebasing: piece.bytes[start..<(start + count)])
    }

    /// The text, `piece` being where its piece keeps texts.
    @inline(__always)
    func string(_ piece: PieceTexts) -> String {
        if high == 0 { return piece.strings[Int(low)] }
        if slice != nil { return sliceString(piece) }
        return SmallASCII.string(inlineWords: (low, high))
    }

    /// The String of a slice. Out of line: inlined into each reader of a text, it made the
    /// board's readers too large to be inlined where they are called.
    @inline(never)
    private func sliceString(_ piece: PieceTexts) -> String {
        let how = slice!
        return LineParser.value(sliceBytes(piece), isASCII: how.contains(.isASCII), mayHoldMarks: how.contains(.mayHoldMarks))
    }

    /// `body` of the text's UTF-8: where it is held inline or as a slice, read without making
    /// a String of it. A slice that may hold combining marks is read as its String, in NFC.
    @inline(__always)
    func withBytes<R>(_ piece: PieceTexts, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if high == 0 {
            var text = piece.strings[Int(low)]
            return text.withUTF8(body)
        }
        if let slice {
            guard slice.contains(.mayHoldMarks) else { return body(sliceBytes(piece)) }
            var text = string(piece)
            return text.withUTF8(body)
        }
        // The count is in the low nibble of the last byte, the flags above it (`SmallASCII`).
        var words = (low, high)
        let count = Int(high >> 56 & 0x0F)
        return withUnsafeBytes(of: &words) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// The String's words, where the text is held inline.
    @inline(__always)
    var inlineWords: (UInt64, UInt64)? { high >> 61 == 0b111 ? (low, high) : nil }

    /// The text, taken out of `texts` where it is kept there (an empty String takes its place):
    /// for the board to keep a text of a piece that is spent once replayed, without the text
    /// being retained on the replaying core and released again on the core that empties it.
    @inline(__always)
    func take(_ piece: PieceTexts) -> String {
        guard high == 0 else { return string(piece) }
        var text = ""
        swap(&text, &piece.strings[Int(low)])
        return text
    }
}

/// Where the texts of a parsed piece are: the Strings it keeps (`LedgerParser.Output.texts`),
/// and the bytes it was parsed from, in which its slices lie. Both must stay where they are
/// while the piece is read.
struct PieceTexts {
    let strings: UnsafeMutableBufferPointer<String>
    let bytes: UnsafeBufferPointer<UInt8>
}

/// A field as a parsed piece holds it: its value a `PieceText`.
struct PieceField: Sendable {
    let value: PieceText
    let key: Key
}

/// The fields of an event of a piece, as `Field`s made when read.
struct PieceFields: RandomAccessCollection {
    let fields: UnsafeBufferPointer<PieceField>
    let texts: PieceTexts

    var startIndex: Int { 0 }
    var endIndex: Int { fields.count }

    subscript(i: Int) -> Field { Field(fields[i].key, fields[i].value.string(texts)) }
}
