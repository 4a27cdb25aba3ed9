import Foundation
import Testing
import SteerCore

/// Every input the fuzzer ever broke a promise with (Fixtures/fuzz, see Tests/fuzz/run.sh) is
/// replayed here against the same invariants the fuzzer checks. One at a time: the invariants
/// write each input to one scratch file (`LedgerInvariants.scratch`), as the fuzzer's one thread does.
@Suite(.serialized) struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    static let fixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()

    @Test func thereAreFixtures() {
        #expect(!Self.fixtures.isEmpty, "no fixtures in \(Self.directory.path)")
    }

    @Test(arguments: fixtures)
    func fixtureKeepsEveryPromise(name: String) throws {
        let bytes = try #require(FileManager.default.contents(atPath: Self.directory.appendingPathComponent(name).path))
        #expect(LedgerInvariants.violations(Array(bytes)) == [])
    }

    /// Clean ledgers keep every promise too. Only they reach the snapshot's check (a ledger
    /// with a problem gets no snapshot), which is asked here directly to be sure it ran.
    @Test(arguments: ["Fixtures/nq57.ledger", "Tests/e2e/sample.ledger"])
    func aCleanLedgerKeepsEveryPromise(path: String) throws {
        let root = Self.directory.deletingLastPathComponent().deletingLastPathComponent()
        let bytes = Array(try #require(FileManager.default.contents(atPath: root.appendingPathComponent(path).path)))
        #expect(LedgerInvariants.violations(bytes) == [])
        var onFile = Ledger(file: "clean.ledger", retention: .historiesOnFile)
        onFile.ingest(bytes)
        #expect(onFile.isClean && onFile.latest.tasks.count > 5)
        #expect(LedgerInvariants.snapshotDifferences(onFile, bytes) == [])
    }
}
