import Foundation
import Testing

/// Every input the fuzzer ever broke a promise with (Fixtures/fuzz, see Tests/fuzz/run.sh) is
/// replayed here against the same invariants the fuzzer checks.
@Suite struct FuzzRegressionTests {
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
}
