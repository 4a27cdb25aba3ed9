import Testing
@testable import SteerCore

/// The table of members' grants and shared agency lists: every name is found again, among
/// names that share slots and across growth; a name set again changes its value; names are
/// bytes.
@Suite struct NameTableTests {
    @Test func everyNameIsFoundAcrossGrowth() {
        var table = NameTable<Int>()
        let names = (0..<1000).map { "dm.b\($0)" } + ["", "Bộ Khoa học", "a"]
        for (i, n) in names.enumerated() {
            table.set(n, to: i)
            // Every name set so far, not only the last: growth places them all again.
            if i % 97 == 0 { for (j, m) in names.prefix(i + 1).enumerated() { #expect(table[m] == j) } }
        }
        #expect(table.count == names.count)
        for (i, n) in names.enumerated() { #expect(table[n] == i) }
        for n in ["dm.b1000", "dm.b", "Bộ Khoa Học", "A"] { #expect(table[n] == nil) }
    }

    /// A name is found whatever String holds it: one made apart from the one filed, from the
    /// same bytes, has the same two words when it is held inline, and other words (another
    /// storage) when it is longer, and is then found by its hash.
    @Test func aNameIsFoundInAnyStringThatHoldsIt() {
        var table = NameTable<Int>()
        let names = ["lan", "hai.vpcp", "exactly15bytes.", "sixteen.bytes.xx", "Sở Khoa học và Công nghệ Hà Nội"]
        for (i, n) in names.enumerated() { table.set(n, to: i) }
        for (i, n) in names.enumerated() {
            let apart = String(decoding: Array(n.utf8), as: UTF8.self)
            #expect(table[apart] == i)
            #expect(table[String(apart.dropLast()) + String(apart.last!)] == i)
        }
        #expect(table["sixteen.bytes.xy"] == nil && table["lan "] == nil)
    }

    /// Thousands of short names, held inline, most of them in a slot of their own by their
    /// words and some sharing one: each is found with its own value, and as many names never
    /// set are not found, whichever slot their words fall in.
    @Test func shortNamesAreFoundByTheirWordsAndOnlyThey() {
        var table = NameTable<Int>()
        let names = (0..<2000).map { "u\($0).vpcp" }
        for (i, n) in names.enumerated() { table.set(n, to: i) }
        for (i, n) in names.enumerated() { #expect(table[String(decoding: Array(n.utf8), as: UTF8.self)] == i) }
        #expect((0..<2000).allSatisfy { table["x\($0).vpcp"] == nil && table["u\($0 + 2000).vpcp"] == nil })
    }

    /// A name looked up by the words a parsed piece holds it in (`PieceText`) is found where its
    /// String finds it, or sent on to be looked up by its String: never to another name's entry.
    @Test func aNameLookedUpByItsWordsIsItsOwnOrSentOn() {
        guard SmallASCII.isLaidOutAsExpected else { return }
        var table = NameTable<Int>()
        let names = (0..<2000).map { "u\($0).vpcp" }
        for (i, n) in names.enumerated() { table.set(n, to: i) }
        func words(_ n: String) -> (UInt64, UInt64)? {
            let bytes = Array(n.utf8)
            return bytes.withUnsafeBufferPointer { SmallASCII.inlineWords(in: $0, 0..<bytes.count) }
        }
        let found = names.filter { n in
            guard let entry = table.entry(ofWords: words(n)!) else { return false }
            #expect(entry == table.entry(of: n))
            return true
        }
        #expect(found.count > 1950, "nearly every name has a slot of its own or one of the next few")
        #expect((0..<2000).allSatisfy { table.entry(ofWords: words("x\($0).vpcp")!) == nil })
    }

    @Test func aNameSetAgainKeepsOneEntry() {
        var table = NameTable<String>()
        table.set("lan", to: "focal")
        table.set("lan", to: "secretariat")
        #expect(table["lan"] == "secretariat" && table.count == 1)
    }

    /// A Kelvin sign is not a K, and a decomposed letter is not its composed form.
    @Test func namesAreComparedAsBytes() {
        var table = NameTable<Int>()
        table.set("K", to: 1)
        table.set("e\u{301}", to: 2)
        #expect(table["\u{212A}"] == nil && table["K"] == 1)
        #expect(table["é"] == nil && table["e\u{301}"] == 2)
    }
}

/// Kinds and stages are read by their exact words, as the raw values name them.
@Suite struct LedgerWordTests {
    @Test func everyKindAndStageIsReadByItsWordAlone() {
        for k in TaskKind.allCases {
            #expect(TaskKind(word: k.rawValue) == k)
            #expect(TaskKind(word: k.rawValue.uppercased()) == nil && TaskKind(word: k.rawValue + "s") == nil)
        }
        for s in Stage.allCases {
            #expect(Stage(word: s.rawValue) == s)
            #expect(Stage(word: String(s.rawValue.dropLast())) == nil && Stage(word: " " + s.rawValue) == nil)
        }
        #expect(TaskKind(word: "") == nil && Stage(word: "") == nil && Stage(word: "task") == nil)
    }

    /// Every kind and stage is found by the words a parsed line holds it in, without its text
    /// being hashed: with one name to a slot, a kind whose slot another held (one assignment
    /// in six named it) was looked up by its text for every line.
    @Test func everyKindAndStageIsFoundByItsWords() {
        guard SmallASCII.isLaidOutAsExpected else { return }
        func words(_ s: String) -> (UInt64, UInt64) {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { SmallASCII.inlineWords(in: $0, 0..<bytes.count)! }
        }
        for k in TaskKind.allCases { #expect(TaskKind(words: words(k.rawValue)) == k, "\(k)") }
        for s in Stage.allCases { #expect(Stage(words: words(s.rawValue)) == s, "\(s)") }
        #expect(TaskKind(words: words("tasks")) == nil && Stage(words: words("issue")) == nil)
    }
}

/// The slots both tables file their entries in: entries of one hash are probed in turn, a
/// limited probe gives up, and growing keeps every entry findable.
@Suite struct HashSlotsTests {
    @Test func entriesOfOneHashAreProbedInTurnAndSurviveGrowth() {
        var slots = HashSlots(count: 16)
        var hashes: [Int] = []
        for entry in 0..<6 {
            guard case .vacant(let slot) = slots.probe(5, { _ in false }) else { Issue.record("no vacant slot"); return }
            slots.fill(slot, with: entry)
            hashes.append(5)
        }
        for entry in 0..<6 { if case .found(entry) = slots.probe(5, { $0 == entry }) {} else { Issue.record("entry \(entry) lost") } }
        guard case .gaveUp = slots.probe(5, limit: 4, { _ in false }) else { Issue.record("a probe of 4 slots past 6 entries gave no answer of its own"); return }
        #expect(slots.isCrowded(by: 9) && !slots.isCrowded(by: 8))
        slots.grow(placing: hashes)
        #expect(!slots.isCrowded(by: 9))
        for entry in 0..<6 { if case .found(entry) = slots.probe(5, { $0 == entry }) {} else { Issue.record("entry \(entry) lost in growing") } }
        // Hash 38 starts at slot 6 of 32, among hash 5's entries (slots 5 to 10): it runs past them.
        if case .vacant(slot: 11) = slots.probe(38, { _ in false }) {} else { Issue.record("hash 38 does not probe on to slot 11") }
    }
}
