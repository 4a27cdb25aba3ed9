import SteerCore
import Testing

/// The version line may follow blank and comment lines; the first append must still write it.
@Suite struct JournalHeaderTests {
    @Test(arguments: ["", "\n", "# ledger of the committee\n", "\n# a\n\n# b\n"])
    func firstAppendWritesTheVersionLine(prelude: String) throws {
        let file = try TempLedger(prelude)
        let journal = try FileJournal(path: file.path)
        try journal.append { _ in event(.agency, "BKHCN", [Field(.kind, "ministry"), Field(.name, "Bộ")], actor: "vpcp") }
        #expect(file.text.hasPrefix(prelude + LedgerHeader.text + "\n"))
        #expect(file.replayed.isClean)
        #expect(file.replayed.events.count == 1)
    }

    @Test func aFileReadInPiecesStillExpectsTheVersionLine() {
        let bytes = Array("\n# note\nnot a ledger\n".utf8)
        var pieces = Ledger(file: "x")
        pieces.ingest(Array(bytes[..<3]))
        pieces.ingest(Array(bytes[pieces.consumed...]))
        #expect(pieces.errors.map(\.line) == [3])
        #expect(pieces.errors == Ledger.load(bytes, file: "x").errors)
    }
}
