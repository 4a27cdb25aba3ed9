import Testing
@testable import SteerCore

/// A new event is stamped now, or just after a last event a little ahead of the clock; a last
/// event stamped further ahead (a year mistyped) is pointed at, and nothing is stamped after it.
@Suite struct StampTests {
    static func time(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    @Test func aNewEventIsStampedNowOrJustAfterTheLast() throws {
        let board = ledger(agencies + "2025-03-10T08:00+07:00 @vpcp assign T title=\"Việc\" lead=BTC\n").board
        #expect(try board.stamp(now: Self.time("2025-03-10T09:30:15+07:00")).description == "2025-03-10T09:30:15+07:00")
        #expect(try board.stamp(now: Self.time("2025-03-10T02:30:15Z")).description == "2025-03-10T09:30:15+07:00", "in the ledger's zone")
        // Another writer's clock a few hours behind: after the last event, not before it.
        #expect(try board.stamp(now: Self.time("2025-03-10T05:00+07:00")).description == "2025-03-10T08:00:00+07:00")
        #expect(try board.stamp(now: Self.time("2025-03-09T08:00+07:00")).description == "2025-03-10T08:00:00+07:00", "a day behind, still")
        #expect(throws: Rejection.self) { try board.stamp(now: Self.time("2025-03-09T07:59+07:00")) }
        #expect(try ledger(agencies).board.stamp(now: Self.time("2025-03-10T09:30+07:00")).description == "2025-03-10T09:30:00+07:00")
    }

    @Test func checkPointsAtTheFirstLineStampedInTheFuture() throws {
        let text = "steer-ledger 1\n# agencies\n" + agencies
            + "2025-03-10T08:00+07:00 @vpcp assign T title=\"Việc\" lead=BTC\n"
            + "2027-03-25T08:00+07:00 @vpcp report T note=\"năm gõ nhầm\"\n"
            + "2027-03-26T08:00+07:00 @vpcp report T progress=10\n"
        let bytes = Array(text.utf8)
        let now = Self.time("2026-12-06T10:00+07:00")
        let found = try #require(bytes.withUnsafeBufferPointer { FutureStamps.first(after: now, in: $0, file: "f.ledger") })
        #expect(found.line == 8 && found.column == 1)
        #expect(found.message.contains("2027-03-25T08:00+07:00") && found.lineText.hasPrefix("2027-03-25T08:00+07:00 @vpcp report T"))
        #expect(bytes.withUnsafeBufferPointer { FutureStamps.first(after: Self.time("2027-03-25T09:00+07:00"), in: $0, file: "f.ledger") } == nil,
                "within a day of now")
        #expect(Array("steer-ledger 1\n# 2099-01-01T00:00Z\n".utf8).withUnsafeBufferPointer { FutureStamps.first(after: now, in: $0, file: "f") } == nil)
    }
}
