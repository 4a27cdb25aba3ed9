import Testing
@testable import SteerCore

/// Short ASCII texts made from their words must be the very Strings the standard library makes
/// of the same bytes: the same words, so nothing can tell them apart.
@Suite struct SmallASCIITests {
    /// Where replay runs (64-bit, little-endian), the layout is the one `SmallASCII` writes; a
    /// runtime that lays small Strings out otherwise turns it off, and this test says so.
    @Test func theLayoutIsTheStandardLibrarysHere() {
        #expect(SmallASCII.isLaidOutAsExpected)
    }

    /// Every length from 0 to 15, every ASCII byte in every position, read with room after the
    /// text (a word at a time) and without (byte by byte, from a buffer of exactly its size).
    @Test func everyShortASCIITextIsTheStandardLibrarysString() {
        var random = SplitMix64(seed: 15)
        var texts: [[UInt8]] = (0...SmallASCII.maxCount).map { n in (0..<n).map { UInt8(($0 * 37 + n) % 128) } }
        for _ in 0..<2000 { texts.append((0..<Int(random.next() % 16)).map { _ in UInt8(random.next() % 128) }) }
        for byte in UInt8(0)..<128 { texts.append([byte]); texts.append([UInt8](repeating: byte, count: 15)) }
        for text in texts {
            let expected = String(decoding: text, as: UTF8.self)
            let roomy = text + [UInt8](repeating: 0xFF, count: 16)
            let made = [roomy.withUnsafeBufferPointer { SmallASCII.make(in: $0, 0..<text.count) },
                        exactly(text) { SmallASCII.make(in: $0, 0..<text.count) }]
            for string in made {
                guard let string else { Issue.record("\(text) is ASCII"); continue }
                #expect(string == expected)
                #expect(IDHash.words(of: string)! == IDHash.words(of: expected)!)
                #expect(Array(string.utf8) == text)
                #expect(string.hashValue == expected.hashValue)
                #expect(string + "x" == expected + "x")
            }
        }
    }

    /// Short texts of any UTF-8 (a value too short to share, such as "Báo cáo") written into a
    /// String's words are the standard library's Strings of the same bytes: every length from
    /// 0 to 15, scalars of one to four bytes in every mix, Vietnamese letters precomposed and
    /// with combining marks, compared, hashed, appended to and read back.
    @Test func everyShortUTF8TextIsTheStandardLibrarysString() {
        #expect(SmallASCII.isUTF8LaidOutAsExpected)
        let scalars: [Unicode.Scalar] = ["a", "Z", " ", "~", "\u{0}", "\u{7F}", "é", "ạ", "Đ", "ơ", "\u{301}", "\u{323}", "–", "ế", "\u{FFFD}",
                                         "\u{1F600}", "\u{10FFFF}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"]
        var texts: [String] = ["", "Báo cáo", "Sở Tư pháp", "Kế hoạch", "Nghị định", "Bộ Nội vụ", "Cục", "é", "a\u{301}"]
        var random = SplitMix64(seed: 16)
        while texts.count < 4000 {
            var text = ""
            while true {
                let next = scalars[Int(random.next() % UInt64(scalars.count))]
                if text.utf8.count + String(next).utf8.count > SmallASCII.maxCount { break }
                text.unicodeScalars.append(next)
                if random.next() % 6 == 0 { break }
            }
            texts.append(text)
        }
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = String(decoding: bytes, as: UTF8.self)
            guard let made = exactly(bytes, { SmallASCII.make(utf8: $0) }) else { Issue.record("\(bytes) is short"); continue }
            #expect(made == expected)
            #expect(IDHash.words(of: made)! == IDHash.words(of: expected)!, "\(bytes)")
            #expect(Array(made.utf8) == bytes)
            #expect(made.hashValue == expected.hashValue)
            #expect(made.count == expected.count)
            #expect(made + "ạ" == expected + "ạ")
        }
        let long = Array("Báo cáo tổng kết".utf8)
        #expect(exactly(long) { SmallASCII.make(utf8: $0) } == nil)
    }

    /// A date read from the words of its String (`CivilDate(inlineWords:)`) is the date its text
    /// reads as: every day of four years (a leap year among them), days that do not exist, and
    /// texts that are not dates, a byte off in every position.
    @Test func aDateReadFromItsWordsIsTheDateOfItsText() {
        guard SmallASCII.isLaidOutAsExpected else { return }
        var texts = ["2025-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-06-00",
                     "0000-01-01", "9999-12-31", "2025-6-20", "2025-06-2", "2025/06/20", "2025-06-20x", "", "2025-06-20 "]
        for day in CivilDate(year: 2023, month: 1, day: 1)!.daysSinceEpoch ..< CivilDate(year: 2027, month: 1, day: 1)!.daysSinceEpoch {
            texts.append(CivilDate(daysSinceEpoch: day).description)
        }
        for position in 0..<10 {
            for byte: UInt8 in [0x2F, 0x3A, 0x2D, 0x20, 0x41, 0x00, 0x7F] {
                var bytes = Array("2025-06-20".utf8)
                bytes[position] = byte
                texts.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        for text in texts {
            let bytes = Array(text.utf8)
            guard let words = bytes.withUnsafeBufferPointer({ SmallASCII.inlineWords(in: $0, 0..<bytes.count) }) else { continue }
            #expect(CivilDate(inlineWords: words) == CivilDate(text), "\(text)")
        }
    }

    /// Numbers written into a String's words are the standard library's `String(n)`, word for
    /// word: every count of digits, both signs, and those too long for a small String.
    @Test func aNumberIsTheStandardLibrarysString() {
        var numbers = [0, 1, 9, 10, 99, 100, -1, -9, -10, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            numbers += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
            power *= 10
        }
        var random = SplitMix64(seed: 10)
        for _ in 0..<5000 { numbers.append(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64)) }
        for n in numbers {
            let made = SmallASCII.decimal(n), expected = String(n)
            #expect(made == expected && Array(made.utf8) == Array(expected.utf8), "\(n)")
            if expected.utf8.count <= SmallASCII.maxCount { #expect(IDHash.words(of: made)! == IDHash.words(of: expected)!, "\(n)") }
        }
    }

    /// Dates written into a String's words read as the ledger writes them, the same words as a
    /// String made of those bytes: the first and last day of each month over four centuries and
    /// more, and years of fewer and more than four digits through the slow path.
    @Test func aDateIsTheStandardLibrarysString() {
        func written(_ d: CivilDate) -> String {
            let c = d.components
            func padded(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
            return padded(c.year, 4) + "-" + padded(c.month, 2) + "-" + padded(c.day, 2)
        }
        var days = [CivilDate(year: 1, month: 1, day: 1)!, CivilDate(year: 9999, month: 12, day: 31)!, CivilDate(year: 10000, month: 1, day: 1)!]
        for year in stride(from: 1800, through: 2300, by: 1) {
            for month in 1...12 {
                days.append(CivilDate(year: year, month: month, day: 1)!)
                days.append(CivilDate(year: year, month: month, day: 1)!.adding(days: 27 + month % 4))
            }
        }
        for day in days {
            let made = day.description, expected = String(decoding: Array(written(day).utf8), as: UTF8.self)
            #expect(made == expected, "\(day.daysSinceEpoch)")
            if made.utf8.count <= SmallASCII.maxCount { #expect(IDHash.words(of: made)! == IDHash.words(of: expected)!) }
        }
    }

    /// A text in the middle of a line: the bytes around it stay out of it.
    @Test func theBytesAroundATextAreLeftOut() {
        let line = Array("@thu.vpcp start NQ03-0000075 progress=50".utf8)
        line.withUnsafeBufferPointer { b in
            #expect(SmallASCII.make(in: b, 1..<9) == "thu.vpcp")
            #expect(SmallASCII.make(in: b, 16..<28) == "NQ03-0000075")
            #expect(SmallASCII.make(in: b, 38..<40) == "50")
        }
        // At the very end of its buffer, read byte by byte.
        exactly(line) { b in #expect(SmallASCII.make(in: b, 29..<40) == "progress=50") }
    }

    @Test func aByteBeyondASCIIIsNotMadeSo() {
        let text = Array("Bộ".utf8)
        #expect(exactly(text) { SmallASCII.make(in: $0, 0..<text.count) } == nil)
        let roomy = text + [UInt8](repeating: 32, count: 16)
        #expect(roomy.withUnsafeBufferPointer { SmallASCII.make(in: $0, 0..<text.count) } == nil)
        // Past the text, bytes beyond ASCII do not count.
        let before = Array("BKHCN".utf8) + Array("ộộộộộộộộ".utf8)
        #expect(before.withUnsafeBufferPointer { SmallASCII.make(in: $0, 0..<5) } == "BKHCN")
    }

    /// Sixteen bytes do not fit in a String's two words with its count: made the usual way.
    @Test func aTextLongerThanFifteenBytesIsNotMadeSo() {
        let id = Array("NQ57-BKHCN-00001 progress=5".utf8)
        id.withUnsafeBufferPointer { b in
            #expect(SmallASCII.make(in: b, 0..<16) == nil)
            #expect(SmallASCII.make(in: b, 0..<15) == "NQ57-BKHCN-0000")
        }
    }

    /// `body` given exactly `bytes`, in memory of their size: a read past them is out of bounds
    /// (which the address sanitizer catches).
    private func exactly<T>(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { memory.deallocate() }
        _ = memory.initialize(from: bytes)
        return body(UnsafeBufferPointer(rebasing: memory[0..<bytes.count]))
    }
}
