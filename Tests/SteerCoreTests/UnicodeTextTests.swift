import CLineBytes
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

    /// What `DisplayWidth.ofCommonUTF8` promises, scalar by scalar: the width of text made only
    /// of these scalars, nil for any other.
    static func commonWidth(_ s: String) -> Int? {
        var width = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x1E00...0x1EFF, 0x2010...0x2027, 0x25A0...0x25FC: width += 1
            case 0x300...0x36F: break
            default: return nil
            }
        }
        return width
    }

    /// The width read 16 bytes at a time, and a byte at a time, against the scalars: every
    /// scalar at either edge of each range, at every offset from a 16-byte block's start and
    /// its end (a lead byte in a block's last lanes reads the next block's bytes), and random
    /// texts of common and uncommon scalars up to several blocks long.
    @Test func commonWidthIsTheWidthOfItsScalars() {
        func agree(_ s: String) {
            let expected = Self.commonWidth(s)
            let bytes = Array(s.utf8)
            let wide = bytes.withUnsafeBufferPointer { $0.isEmpty ? 0 : steer_common_width($0.baseAddress!, $0.count) }
            let bytewise = bytes.withUnsafeBufferPointer { $0.isEmpty ? 0 : steer_common_width_bytewise($0.baseAddress!, $0.count) }
            #expect(wide == expected ?? -1 && bytewise == expected ?? -1 && DisplayWidth.ofCommonUTF8(s) == expected,
                    "\(s.unicodeScalars.map { String($0.value, radix: 16) }): \(wide), \(bytewise), expected \(String(describing: expected))")
        }
        let edges: [UInt32] = [0x0, 0x9, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xAC, 0xAD, 0xAE, 0xBF, 0xC0, 0x2FF, 0x300,
                               0x33F, 0x340, 0x36F, 0x370, 0x7FF, 0x800, 0x1DFF, 0x1E00, 0x1EFF, 0x1F00, 0x200F, 0x2010, 0x2027,
                               0x2028, 0x203F, 0x2500, 0x259F, 0x25A0, 0x25BF, 0x25C0, 0x25FC, 0x25FD, 0x25FF, 0xFFFD, 0x1F600]
        let scalars = edges.map { Unicode.Scalar($0)! }
        for u in scalars {
            for before in 0...33 {
                for after in [0, 1, 2, 3, 15, 16, 17] {
                    agree(String(repeating: "a", count: before) + String(u) + String(repeating: "b", count: after))
                    agree(String(repeating: "ấ", count: before / 3) + String(u) + String(repeating: "ử", count: after))
                }
            }
        }
        var pool = scalars + "Nghị định về chuyển đổi số, Bộ Khoa học và Công nghệ ○ ● – …".unicodeScalars + Self.marks.prefix(8)
        pool += (0x1EA0...0x1EF9).map { Unicode.Scalar($0)! }
        var rng = SplitMix64(seed: 29)
        for _ in 0..<20_000 {
            // Mostly common scalars, so that long texts reach their later blocks.
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...70, using: &rng) {
                s.append(Int.random(in: 0..<40, using: &rng) == 0 ? scalars.randomElement(using: &rng)! : pool.randomElement(using: &rng)!)
            }
            agree(String(s))
        }
    }
}
