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
}
