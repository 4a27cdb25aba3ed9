import Testing
@testable import SteerCore

/// What a board, a parse and an overview hold per task and per event. Each is multiplied by a
/// million in a national ledger; a field added or reordered carelessly pads them out (Swift lays
/// out fields in the order they are declared) and shows here before it shows in `make bench`.
@Suite struct FootprintTests {
    @Test func aTaskTakes96Bytes() {
        #expect(MemoryLayout<Assignment>.stride <= 96)
    }

    @Test func aTimestampIsOneWord() {
        #expect(MemoryLayout<Timestamp>.size == 8)
        let t = Timestamp(instant: -86_400 * 365 * 3000 + 59, offsetMinutes: -(14 * 60), hasSeconds: false)
        #expect(t.instant == -86_400 * 365 * 3000 + 59 && t.offsetMinutes == -840 && t.hasSeconds, "seconds not on the minute are written")
        let u = Timestamp(instant: 1_760_000_000 - 20, offsetMinutes: 24 * 60, hasSeconds: false)
        #expect(u.instant == 1_760_000_000 - 20 && u.offsetMinutes == 1440 && !u.hasSeconds)
        #expect(u < Timestamp(instant: 1_760_000_000 - 19, offsetMinutes: -24 * 60) && t < u)
    }

    @Test func aParsedEventTakes64Bytes() {
        #expect(MemoryLayout<ParsedEvent>.stride <= 64)
    }

    @Test func aVerdictTakes8Bytes() {
        #expect(MemoryLayout<Verdict>.stride <= 8)
    }

    /// One number holds the days late and the days left: each verdict gives back what it was
    /// made with.
    @Test(arguments: [(Int?, Int?)]([(nil, nil), (nil, 5), (nil, 0), (3, -3), (12, nil), (0, nil), (nil, -2_000_000)]))
    func aVerdictGivesBackItsDays(late: Int?, left: Int?) {
        let v = Verdict(timeliness: .openInTime, unclear: [], daysLate: late, daysLeft: left)
        #expect(v.daysLate == late && v.daysLeft == left)
    }
}
