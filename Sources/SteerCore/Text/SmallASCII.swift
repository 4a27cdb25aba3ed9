/// Strings of at most 15 ASCII bytes made from their two words: a line's actor and id, and most
/// bare values, are such texts, and the standard library holds one inline, in the String's two
/// words, no storage allocated. Made through its API (`String(copying:)`), each took some 125
/// instructions (14 ns) to find that out, where writing the words takes a few dozen (5 ns): at
/// 100k tasks, three such texts a line, about 1.9M in all. Made so, a replay at 10k tasks took
/// 258.5M instructions instead of 272.7M (callgrind), at 100k 105 ms instead of 110.
///
/// The words are the standard library's layout of such a String on a 64-bit little-endian
/// machine: the bytes in order, and in the last byte, its flags (immortal, ASCII, small) and the
/// count. `isLaidOutAsExpected` checks that layout once per process against Strings the
/// standard library makes itself, for every count; where it differs (another platform, another
/// runtime), texts are made through the API as before. Short texts beyond ASCII are held the
/// same way, the ASCII flag clear (`make(utf8:)`), their layout checked apart.
enum SmallASCII {
    static let maxCount = 15

    /// Whether Strings the standard library makes of 0 to 15 ASCII bytes have exactly the words
    /// `words(_:)` gives for them.
    static let isLaidOutAsExpected: Bool = {
        guard MemoryLayout<String>.size == 16, 1.littleEndian == 1 else { return false }
        let sample = Array("Az09._-azAZ~ @q".utf8)
        return (0...maxCount).allSatisfy { n in
            sample.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[0..<n])
                let made = String(decoding: bytes, as: UTF8.self)
                return IDHash.words(of: made).map { $0 == words(bytes) } ?? false
            }
        }
    }()

    /// Whether Strings the standard library makes of 0 to 15 bytes of UTF-8 beyond ASCII have
    /// exactly the words `make(utf8:)` gives for them: as ASCII's, with the ASCII flag clear.
    static let isUTF8LaidOutAsExpected: Bool = {
        guard isLaidOutAsExpected else { return false }
        // Every length from a letter of one byte and letters of two ("aéé…").
        return (1...maxCount).allSatisfy { n in
            let text = Array(((n % 2 == 1 ? "a" : "") + String(repeating: "é", count: n / 2)).utf8)
            return text.withUnsafeBufferPointer { bytes in
                IDHash.words(of: String(decoding: bytes, as: UTF8.self)).map { $0 == utf8Words(bytes) } ?? false
            }
        }
    }()

    /// The String of `utf8`, valid UTF-8 of at most 15 bytes, ASCII or not, written into its
    /// words; nil for a longer text, or where `isUTF8LaidOutAsExpected` is false. For the short
    /// values the interner does not share (`ValueInterner.minimumBytes`) that hold letters
    /// beyond ASCII ("Báo cáo", "Sở Tư pháp"): made through the API (`String(copying:)`), each
    /// took some 160 instructions, 165k of them at 100k tasks.
    static func make(utf8: UnsafeBufferPointer<UInt8>) -> String? {
        guard utf8.count <= maxCount, isUTF8LaidOutAsExpected else { return nil }
        return string(inlineWords: utf8Words(utf8))
    }

    /// The words of a small String of `utf8` (at most 15 bytes): its bytes, and in the last
    /// byte its flags (immortal, small, and ASCII when every byte is) and its count.
    private static func utf8Words(_ utf8: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let (low, high) = utf8.baseAddress.map { words(near: $0, count: utf8.count) } ?? (0, 0)
        let flags: UInt64 = (low | high) & 0x8080_8080_8080_8080 == 0 ? 0xE0 : 0xA0
        return (low, high | (flags | UInt64(truncatingIfNeeded: utf8.count)) << 56)
    }

    /// The text of `range` of `line` as the two words the standard library holds it in; nil
    /// when it is longer than 15 bytes or a byte is not ASCII. Only where `isLaidOutAsExpected`.
    @inline(__always)
    static func make(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        inlineWords(in: line, range).map(string(inlineWords:))
    }

    /// The two words of the String `make(in:_:)` makes, for a caller that keeps them and makes
    /// the String later (`PieceText`); their second word is never 0. Nil as for `make`.
    @inline(__always)
    static func inlineWords(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64)? {
        let n = range.upperBound &- range.lowerBound  // In order: no overflow.
        guard n <= maxCount else { return nil }
        let (low, high) = words(in: line, range)
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return nil }
        return (low, tagged(high, count: n))
    }

    /// The String of `words`, which `inlineWords` gave. Only where `isLaidOutAsExpected`.
    @inline(__always)
    static func string(inlineWords words: (UInt64, UInt64)) -> String {
        var words = words
        // Moved out of the words, their memory bound to String meanwhile: a String loaded or
        // cast from them is a copy, retained through the runtime (which then finds that an
        // inline text has nothing to retain), 1.9M instructions of a replay at 10k tasks.
        return withUnsafeMutableBytes(of: &words) { raw in
            raw.baseAddress!.withMemoryRebound(to: String.self, capacity: 1) { $0.move() }
        }
    }

    /// The String of the `count` (at most 15) ASCII bytes in `words`, in order, zero beyond.
    /// Only where `isLaidOutAsExpected`.
    @inline(__always)
    private static func make(words: (UInt64, UInt64), count: Int) -> String {
        string(inlineWords: (words.0, tagged(words.1, count: count)))
    }

    /// `String(n)`, its digits shifted into the words of a small String one at a time: the
    /// standard library's conversion, generic over integer types, took ~200 instructions for
    /// each of the numbers a report prints in most rows.
    static func decimal(_ n: Int) -> String {
        guard isLaidOutAsExpected else { return String(n) }
        var low: UInt64 = 0, high: UInt64 = 0, count = 0
        func prepend(_ byte: UInt8) {
            high = high << 8 | low >> 56
            low = low << 8 | UInt64(byte)
            count += 1
        }
        var rest = n.magnitude
        repeat {
            prepend(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0 && count < maxCount
        if n < 0 { prepend(UInt8(ascii: "-")) }
        guard rest == 0, count <= maxCount else { return String(n) }
        return make(words: (low, high), count: count)
    }

    /// `YYYY-MM-DD` for a year of four digits, written into the words of a small String.
    static func date(year: Int, month: Int, day: Int) -> String? {
        guard isLaidOutAsExpected, (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        func digit(_ d: Int, at byte: UInt64) -> UInt64 { UInt64(UInt8(ascii: "0") + UInt8(d)) << (8 * byte) }
        let dash = UInt64(UInt8(ascii: "-"))
        let low = digit(year / 1000, at: 0) | digit(year / 100 % 10, at: 1) | digit(year / 10 % 10, at: 2) | digit(year % 10, at: 3)
            | dash << 32 | digit(month / 10, at: 5) | digit(month % 10, at: 6) | dash << 56
        let high = digit(day / 10, at: 0) | digit(day % 10, at: 1)
        return make(words: (low, high), count: 10)
    }

    /// The words of a small ASCII String of `bytes`, the last byte of the second its flags and
    /// count.
    private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        let (low, high) = words(in: bytes, 0..<bytes.count)
        return (low, tagged(high, count: bytes.count))
    }

    /// `high` with its last byte the flags of an inline ASCII text (immortal, ASCII, small) and
    /// its count.
    @inline(__always)
    private static func tagged(_ high: UInt64, count: Int) -> UInt64 { high | (0xE0 | UInt64(truncatingIfNeeded: count)) << 56 }

    /// The bytes of `range` of `line` (at most 15) in two words, eight in each, zero beyond.
    /// Read as two whole words where 16 bytes of the line start at the range (most names and
    /// values are followed by more of their line), the bytes past it masked off.
    @inline(__always)
    private static func words(in line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64) {
        let n = range.upperBound &- range.lowerBound  // In order: no overflow.
        assert(n <= maxCount, "a small String holds up to 15 bytes")
        guard n > 0 else { return (0, 0) }
        // A range of a line that holds bytes has a line with an address, and its bounds are at
        // most the line's length: neither needs checking again.
        let start = line.baseAddress.unsafelyUnwrapped + range.lowerBound
        guard range.lowerBound &+ 16 <= line.count else { return words(near: start, count: n) }
        let low = UInt64(littleEndian: UnsafeRawPointer(start).loadUnaligned(as: UInt64.self))
        let high = UInt64(littleEndian: UnsafeRawPointer(start + 8).loadUnaligned(as: UInt64.self))
        return n >= 8 ? (low, high & ((1 &<< (8 &* UInt64(n - 8))) &- 1))
                      : (low & ((1 &<< (8 &* UInt64(n))) &- 1), 0)
    }

    /// The `count` (at most 15) bytes at `start` in two words, zero beyond, copied: for
    /// `words(in:_:)` where fewer than 16 bytes are readable from there, and for texts that
    /// come alone (`make(utf8:)`). Out of line: inlined, it made the common case too large for
    /// the optimiser to inline it where a line's values are read.
    @inline(never)
    private static func words(near start: UnsafePointer<UInt8>, count n: Int) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(start: start, count: n)) }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
    }
}
