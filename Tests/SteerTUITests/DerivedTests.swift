import Foundation
import Testing
@testable import SteerCore
@testable import SteerTUI

/// The shortcuts behind what the panes show (lines as row numbers) give what the
/// straightforward way gives, on the sample ledger of 385 tasks.
@Suite struct DerivedTests {
    static let fixture: Ledger = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Fixtures/nq57.ledger").standardized.path
        let bytes = FileManager.default.contents(atPath: path)!
        return Ledger.load(Array(bytes), file: "nq57.ledger", asOf: CivilDate("2025-06-15"))
    }()

    static func state() -> AppState {
        AppState(ledger: fixture, clockDay: CivilDate("2025-06-15")!, language: .vi, size: Size(width: 160, height: 48),
                 actor: "tester", ledgerName: "nq57.ledger", readOnly: true)
    }

    /// Every pane's lines, by id (headings as their text).
    static func lines(_ s: AppState) -> [[String]] {
        Pane.allCases.map { p in
            s.entries(p).map { e in
                switch e {
                case .task(let r): return r.task.id
                case .agency(let a): return a.agency.id
                case .missedHeading(let n): return "missed \(n)"
                case .dayHeading(let d, let n): return "\(d) \(n)"
                }
            }
        }
    }

    @Test func typingFindsWhatAFilterFromScratchFinds() {
        let queries = ["dong nai", "nghi dinh 57", "bo khoa hoc", "ke hoach 2025", "ha noi", "lead:BKHCN nghi", "chuyen doi so -ke"]
        for reversed in [false, true] {
            for query in queries {
                var d = Driver(Self.state())
                if reversed { d.press(.char("S")) }
                d.press(.char("/"))
                var typed = ""
                for c in query {
                    d.press(.char(c))
                    typed.append(c)
                    // A query that does not parse yet ("lead:") leaves the last good filter.
                    guard let filter = try? TaskFilter(typed) else { continue }
                    var full = Self.state()
                    if reversed { _ = full.receive(.key(.char("S"))) }
                    full.setFilter(typed)
                    #expect(Self.lines(d.state) == Self.lines(full), "\(typed) (reversed: \(reversed))")
                    let core = Set(full.overview.rows(matching: filter).map(\.task.id))
                    #expect(Set(d.state.entries(.tasks).compactMap(\.id)) == core, "\(typed)")
                    #expect(d.state.derived.matching == core.count)
                }
                // Backspace widens the query: every task is filtered again.
                d.press(.backspace, .backspace)
                var full = Self.state()
                if reversed { _ = full.receive(.key(.char("S"))) }
                full.setFilter(String(query.dropLast(2)))
                #expect(Self.lines(d.state) == Self.lines(full), "\(query) less two")
            }
        }
    }
}
