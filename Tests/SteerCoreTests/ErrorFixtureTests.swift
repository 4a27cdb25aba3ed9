import Foundation
import Testing
@testable import SteerCore

/// Each ledger in Fixtures/errors/ shows one kind of error; its .expected file holds the exact
/// report a user sees.
@Suite struct ErrorFixtureTests {
    static let names: [String] = {
        let dir = fixture("Fixtures/errors")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".ledger") }.map { String($0.dropLast(7)) }.sorted()
    }()

    @Test func everyErrorKindHasAFixture() {
        #expect(Self.names.count >= 25)
    }

    @Test(arguments: names)
    func fixtureGivesItsMessage(_ name: String) throws {
        let path = "Fixtures/errors/\(name).ledger"
        let bytes = [UInt8](try Data(contentsOf: fixture(path)))
        let l = Ledger.load(bytes, file: path)
        let report = l.allDiagnostics.map { $0.rendered() }.joined()
        #expect(!l.errors.isEmpty, "\(name) should fail")
        #expect(report.hasPrefix("\(path):"), "reports start with FILE:LINE:COL")
        try expectSnapshot(report, fixture("Fixtures/errors/\(name).expected"))
    }
}
