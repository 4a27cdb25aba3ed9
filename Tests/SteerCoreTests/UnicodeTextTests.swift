import Foundation
import Testing
@testable import SteerCore

/// The text functions that replaced Foundation's in the program, checked against Foundation,
/// which the tests still link: same bytes out, except where Foundation's were wrong.
@Suite struct UnicodeTextTests {
    static func bytes(_ s: some StringProtocol) -> [UInt8] { Array(s.utf8) }

    /// Random text from `pool`, the same on every run.
    static func samples(_ pool: [Unicode.Scalar], count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...10, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            return String(s)
        }
    }

    static let marks = (0x300...0x36F).map { Unicode.Scalar($0)! }

    @Test func nfcComposesVietnamese() {
        #expect(Self.bytes(NFC.of("Vie\u{0323}\u{0302}t")) == Self.bytes("Việt"))
        // The marks out of canonical order (circumflex, class 230, before the dot below, 220):
        // they are reordered before they compose.
        #expect(Self.bytes(NFC.of("Vie\u{0302}\u{0323}t")) == Self.bytes("Việt"))
        #expect(Self.bytes(NFC.of("Tha\u{0300}nh pho\u{0302}\u{0301} Ho\u{0302}\u{0300} Chi\u{0301} Minh")) == Self.bytes("Thành phố Hồ Chí Minh"))
        #expect(Self.bytes(NFC.of("Đo\u{0302}\u{0300}ng Nai")) == Self.bytes("Đồng Nai"))
        // A mark of the same class in between blocks the composition.
        #expect(Self.bytes(NFC.of("a\u{0305}\u{0300}")) == [0x61, 0xCC, 0x85, 0xCC, 0x80])
    }

    @Test func nfcAgreesWithFoundationOnLatinTextWithMarks() {
        var pool = Self.marks
        pool += "aAeEiIoOuUyYdĐđ ơưăâêô,\"|".unicodeScalars
        pool += (0xC0...0x24F).map { Unicode.Scalar($0)! } + (0x1EA0...0x1EF9).map { Unicode.Scalar($0)! }
        for s in Self.samples(pool, count: 20_000, seed: 1) {
            #expect(Self.bytes(NFC.of(s)) == Self.bytes(s.precomposedStringWithCanonicalMapping), "\(s.unicodeScalars.map(\.value))")
        }
        for v in 0xC0...0x1EFF as ClosedRange<UInt32> {
            guard let s = Unicode.Scalar(v).map(String.init) else { continue }
            let nfd = s.decomposedStringWithCanonicalMapping
            #expect(Self.bytes(NFC.of(nfd)) == Self.bytes(nfd.precomposedStringWithCanonicalMapping), "U+\(String(v, radix: 16))")
        }
    }

    /// Where Foundation's normaliser was wrong, this one is right.
    @Test func nfcComposesWhatFoundationGotWrong() {
        #expect(Self.bytes(NFC.of("\u{AC00}\u{11A8}")) == Self.bytes("\u{AC01}"), "a Hangul LV syllable and a trailing jamo compose")
        #expect(Self.bytes(NFC.of("\u{11F40}\u{0300}")) == Self.bytes("\u{11F40}\u{0300}"), "a supplementary scalar is not read as U+1F40")
    }

    /// The old `Fold`, which took the base letters from Foundation's decomposition.
    static func foundationFold(_ text: String) -> String {
        var out = ""
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.unicodeScalars.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : s)
            } else if v == 0x110 || v == 0x111 {
                out += "d"
            } else if (0xC0...0x24F).contains(v) || (0x1E00...0x1EFF).contains(v) {
                let base = String(s).decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
                out += String(String.UnicodeScalarView(base)).lowercased()
            } else if s.properties.generalCategory != .nonspacingMark {
                out += String(s).lowercased()
            }
        }
        return out
    }

    @Test func foldsEveryScalarAsFoundationsDecompositionDid() {
        for v in 0x80...0x2FFF as ClosedRange<UInt32> {
            guard let s = Unicode.Scalar(v).map(String.init) else { continue }
            #expect(Self.bytes(Fold.fold(s)) == Self.bytes(Self.foundationFold(s)), "U+\(String(v, radix: 16))")
        }
        let s = "Nghị định \u{110}ồng Nai ǖ Ǣ ẛ ǯ".decomposedStringWithCanonicalMapping
        #expect(Self.bytes(Fold.fold(s)) == Self.bytes(Self.foundationFold(s)))
    }

    /// Spaces, line breaks, marks, a prepended scalar that joins the next Character, and more.
    static let trimPool: [Unicode.Scalar] = Array("ab \t\r\n\u{0B}\u{0C}\u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{200B}\u{200C}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}\u{301}\u{600}\u{1F468}".unicodeScalars)

    /// The musical symbols' beam and phrase controls (U+1D173–U+1D17A) draw as nothing: shown
    /// as escapes, as the other format characters that do, even in text the fast path sees first.
    @Test func formatCharactersThatDrawAsNothingAreShown() {
        #expect(Sanitizer.visible("MUS\u{1D173}\u{1D17A}x") == "MUS\\u{1D173}\\u{1D17A}x")
        #expect(Sanitizer.visible("♩\u{1D15F}") == "♩\u{1D15F}", "a musical note itself is text")
    }

    @Test func trimsAsFoundationDid() {
        for s in Self.samples(Self.trimPool, count: 20_000, seed: 2) {
            let scalars = "\(s.unicodeScalars.map(\.value))"
            #expect(Self.bytes(s.trimmingSpaces()) == Self.bytes(s.trimmingCharacters(in: .whitespaces)), "\(scalars)")
            #expect(Self.bytes(s.trimmingSpacesAndNewlines()) == Self.bytes(s.trimmingCharacters(in: .whitespacesAndNewlines)), "\(scalars)")
            let tail = s.dropFirst()
            #expect(Self.bytes(tail.trimmingSpaces()) == Self.bytes(tail.trimmingCharacters(in: .whitespaces)), "\(scalars)")
        }
    }
}
