import Testing
@testable import SteerCore

/// Quoted values repeated in a piece share one text; what cannot be shared is still read right.
@Suite struct ValueInternerTests {
    func text(_ interner: inout ValueInterner, _ s: String, made: inout Int) -> String {
        Array(s.utf8).withUnsafeBufferPointer { bytes in
            interner.text(bytes) { made += 1; return LineParser.string(validated: $0, isASCII: false) }
        }
    }

    @Test func aRepeatedValueIsMadeOnce() {
        var interner = ValueInterner()
        var made = 0
        let note = "Đã gửi lấy ý kiến các bộ, ngành"
        for _ in 0..<100 { #expect(text(&interner, note, made: &made) == note) }
        #expect(made == 1)
        // Short texts are held inline by String: made each time, nothing to share.
        for _ in 0..<3 { #expect(text(&interner, "Báo cáo", made: &made) == "Báo cáo") }
        #expect(made == 4)
    }

    /// Thousands of different values, past the table's capacity: every one reads back as itself.
    @Test func manyDifferentValuesAllReadBack() {
        var interner = ValueInterner()
        var made = 0
        let values = (0..<(ValueInterner.capacity + 500)).map { "Nhiệm vụ số \($0) của chương trình" }
        for v in values { #expect(text(&interner, v, made: &made) == v) }
        for v in values.shuffled().prefix(2000) { #expect(text(&interner, v, made: &made) == v) }
        // Those past the capacity are made again; those within it are not.
        #expect(made < values.count + 2000 && made >= values.count)
    }

    /// Full, the table starts again: a value that recurs after it filled is shared again, where
    /// a table that stopped growing made it anew each time.
    @Test func aFullTableStartsAgainAndLearnsWhatRecurs() {
        var interner = ValueInterner()
        var made = 0
        // Filled to the brim: a value whose probes all find other values is made and not kept,
        // so it takes more values than the capacity (how many more depends on the seed).
        var i = 0
        while interner.count < ValueInterner.capacity {
            _ = text(&interner, "Tiêu đề riêng số \(i) của nhiệm vụ", made: &made)
            i += 1
        }
        #expect(made == i)
        let note = "Đã gửi lấy ý kiến các bộ, ngành"
        let first = text(&interner, note, made: &made)
        for _ in 0..<100 { #expect(IDHash.words(of: text(&interner, note, made: &made))! == IDHash.words(of: first)!) }
        #expect(made == i + 1 && interner.count == 1)
    }

    /// A value whose text is not its bytes (NFD made NFC) is not shared under those bytes.
    @Test func aNormalisedValueIsNotSharedUnderItsBytes() {
        let line = "2025-01-02T08:00+07:00 @vpcp assign T-1 title=\"Nguye\u{302}\u{303}n Văn A, Vụ Pháp chế\" owner=\"Nguye\u{302}\u{303}n Văn A, Vụ Pháp chế\""
        let out = LedgerParser(file: "x").parse(Array(("steer-ledger 1\n" + line + "\n").utf8))
        #expect(out.diagnostics.isEmpty)
        let e = out.events.first?.event
        #expect(e?[.title] == "Nguyễn Văn A, Vụ Pháp chế" && e?[.title]?.unicodeScalars.count == 25)
        #expect(e?[.owner] == e?[.title])
    }
}
