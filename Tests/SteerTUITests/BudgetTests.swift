import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// What frames cost on the wire, measured as `make measure` does: the real curses writing to a
/// file, on the sample ledger at 120×40. The budget is for a slow SSH link.
@Suite struct BudgetTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/nq57.ledger").standardized.path

    @Test func aKeypressCostsAFewCells() throws {
        let options = TUIOptions(path: Self.fixture, today: CivilDate("2025-06-15"), language: .vi, readOnly: true, mouse: false,
                                 colour: true, actor: "tester", stamp: { _ in Timestamp(instant: 0, offsetMinutes: 0) },
                                 clockToday: { _ in CivilDate("2025-06-15")! })
        for term in ["xterm-256color", "screen-256color", "vt100"] {
            let bytes = Dictionary(uniqueKeysWithValues: try Program.measure(options, size: Size(width: 120, height: 40), terminalType: term))
            #expect(bytes["full redraw"]! <= 9_000, "\(term): \(bytes)")
            #expect(bytes["j (next row)"]! <= 300, "\(term): \(bytes)")
            #expect(bytes["no change"] == 0, "\(term): \(bytes)")
        }
    }
}
