import CTextSearch
@testable import SteerTUI
import Testing

/// The 16-at-a-time search for a word's start against the plain definition
/// (`SearchIndex.startsAWord` on two arrays): words of every length at every place of texts long and short, at the edges of
/// the 16-byte steps, repeated first bytes that fail on a later byte, and texts that end right
/// after a partial match.
@Suite struct TextSearchTests {
    static func naive(_ text: [UInt8], _ word: [UInt8]) -> Bool { SearchIndex.startsAWord(text, word) }

    static func found(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { t in
            word.withUnsafeBufferPointer { w in
                steer_starts_a_word(t.baseAddress ?? UnsafePointer(bitPattern: 1)!, t.count, w.baseAddress ?? UnsafePointer(bitPattern: 1)!, w.count)
            }
        }
    }

    @Test func agreesWithThePlainSearch() {
        var rng = SystemRandomNumberGenerator()
        // A small alphabet, so that first bytes and pairs recur and most candidates fail late.
        let alphabet = Array("dong ai".utf8)
        for _ in 0 ..< 3000 {
            let text = (0 ..< Int.random(in: 0 ... 70, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            var words: [[UInt8]] = (0 ..< 4).map { _ in (0 ..< Int.random(in: 1 ... 6, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! } }
            if !text.isEmpty {
                // Pieces of the text itself, at every kind of place, and the text with a byte more.
                let from = Int.random(in: 0 ..< text.count, using: &rng)
                words.append(Array(text[from ..< min(text.count, from + Int.random(in: 1 ... 20, using: &rng))]))
                words.append(Array(text.suffix(Int.random(in: 1 ... text.count, using: &rng))))
                words.append(text + [0x64])
            }
            for word in words {
                #expect(Self.found(text, word) == Self.naive(text, word), "\(String(decoding: word, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
            }
        }
    }

    @Test func edgesOfTheSteps() {
        for length in 0 ... 40 {
            // "do" at every place: found, "od" only where the text has it, "dog" nowhere.
            for at in stride(from: 0, through: length - 2, by: 1) {
                var text = [UInt8](repeating: 0x61, count: length)
                text[at] = 0x64
                text[at + 1] = 0x6F
                #expect(Self.found(text, Array("do".utf8)) == (at == 0), "do at \(at) of \(length): inside a word unless first")
                text[max(0, at - 1)] = at > 0 ? 0x20 : text[0]
                #expect(Self.found(text, Array("do".utf8)), "do after a space at \(at) of \(length)")
                #expect(!Self.found(text, Array("dog".utf8)), "dog at \(at) of \(length)")
                #expect(Self.found(text, Array("od".utf8)) == Self.naive(text, Array("od".utf8)))
            }
            #expect(Self.found([UInt8](repeating: 0x61, count: length), []), "the empty word is everywhere")
            #expect(!Self.found([UInt8](repeating: 0x61, count: length), Array("b".utf8)))
        }
    }
}
