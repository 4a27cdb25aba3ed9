import Testing
@testable import SteerCore

/// What a board, a parse and an overview hold per task and per event. Each is multiplied by a
/// million in a national ledger; a field added or reordered carelessly pads them out (Swift lays
/// out fields in the order they are declared) and shows here before it shows in `make bench`.
@Suite struct FootprintTests {
    @Test func aTaskTakes88Bytes() {
        #expect(MemoryLayout<Assignment>.stride <= 88)
    }

    /// The close time, the deadline and the percentage a task may lack are kept without a byte
    /// saying whether they are there: none and every value read back as set.
    @Test func aTaskGivesBackWhatItMayLack() {
        var t = Assignment(id: "T", assignedAt: Timestamp(instant: 0, offsetMinutes: 0))
        #expect(t.closedAt == nil && t.due == nil && t.progress == nil)
        let edges = [Timestamp(instant: -(1 << 50) + 1, offsetMinutes: -1440), Timestamp(instant: (1 << 50) - 1, offsetMinutes: 1440), Timestamp(instant: 0, offsetMinutes: 0, hasSeconds: false)]
        for time in edges {
            t.closedAt = time
            #expect(t.closedAt == time)
        }
        for day in [CivilDate(daysSinceEpoch: 0), CivilDate(year: 1, month: 1, day: 1)!, CivilDate(year: 9999, month: 12, day: 31)!, CivilDate(daysSinceEpoch: Int(Int32.max))] {
            t.due = day
            #expect(t.due == day)
        }
        for p in [0, 1, 100] {
            t.progress = p
            #expect(t.progress == p)
        }
        t.closedAt = nil; t.due = nil; t.progress = nil
        #expect(t.closedAt == nil && t.due == nil && t.progress == nil)
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
