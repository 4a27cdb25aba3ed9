/// A text of a parsed piece (an event's actor or id, a field's value), held so that the piece
/// refers to no storage for it unless it must. A text of up to 15 ASCII bytes (an actor, an id,
/// a date, a number, an agency: most of a piece's texts) is the two words of the String that
/// holds it inline (`SmallASCII`); any other is a String among its piece's `texts`, found by
/// its place there. Events and fields of Strings were released one String at a time when a
/// replayed piece was emptied for the next, each a call into the runtime that found nothing to
/// release for an inline text: 65M instructions of a replay at 100k tasks, where emptying the
/// list takes 10M (callgrind, `steer check`: 2,101.5M → 2,079.4M in all; the runtime's
/// retains 52.7M → 32.0M, reading an inline text retaining nothing).
struct PieceText: Sendable {
    private let low: UInt64
    /// The inline String's second word, which holds its flags and is never 0 (`SmallASCII`);
    /// 0 where the text is `texts[low]`.
    private let high: UInt64

    /// The text whose String's words are `words` (`SmallASCII.inlineWords`).
    init(inlineWords words: (UInt64, UInt64)) { self.init(low: words.0, high: words.1) }

    /// `text`, kept at the end of `texts`.
    init(_ text: String, in texts: inout [String]) {
        self.init(low: UInt64(texts.count), high: 0)
        texts.append(text)
    }

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The text, `texts` being its piece's.
    @inline(__always)
    func string(_ texts: UnsafeBufferPointer<String>) -> String {
        high != 0 ? SmallASCII.string(inlineWords: (low, high)) : texts[Int(low)]
    }

    /// `body` of the text's UTF-8: where it is held inline, read from its words without making
    /// a String of them.
    @inline(__always)
    func withBytes<R>(_ texts: UnsafeBufferPointer<String>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard high != 0 else {
            var text = texts[Int(low)]
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
    var inlineWords: (UInt64, UInt64)? { high != 0 ? (low, high) : nil }

    /// The text, taken out of `texts` where it is kept there (an empty String takes its place):
    /// for the board to keep a text of a piece that is spent once replayed, without the text
    /// being retained on the replaying core and released again on the core that empties it.
    @inline(__always)
    func take(_ texts: UnsafeMutableBufferPointer<String>) -> String {
        guard high == 0 else { return SmallASCII.string(inlineWords: (low, high)) }
        var text = ""
        swap(&text, &texts[Int(low)])
        return text
    }
}

/// A field as a parsed piece holds it: its value a `PieceText`.
struct PieceField: Sendable {
    let value: PieceText
    let key: Key
}

/// The fields of an event of a piece, as `Field`s made when read.
struct PieceFields: RandomAccessCollection {
    let fields: UnsafeBufferPointer<PieceField>
    let texts: UnsafeMutableBufferPointer<String>

    var startIndex: Int { 0 }
    var endIndex: Int { fields.count }

    subscript(i: Int) -> Field { Field(fields[i].key, fields[i].value.string(UnsafeBufferPointer(texts))) }
}
