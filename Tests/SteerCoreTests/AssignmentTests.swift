import Testing
@testable import SteerCore

/// A task keeps its uncommon fields in a box of their own: it must still behave as a value.
@Suite struct AssignmentTests {
    let t0 = Timestamp(instant: 1_736_000_000, offsetMinutes: 420, hasSeconds: false)

    @Test func theUncommonFieldsAreValuesOfTheTask() {
        let plain = Assignment(id: "T", assignedAt: t0)
        var a = plain
        a.blockedNote = "Thiếu thiết bị"
        a.authority = "Bộ trưởng"
        var b = a
        b.stageRef = "123/2025/NĐ-CP"
        b.authority = "Thủ tướng"
        #expect(a.stageRef == nil && a.authority == "Bộ trưởng", "a copy changed is not the task it was copied from")
        #expect(b.blockedNote == "Thiếu thiết bị" && b.authority == "Thủ tướng")
        #expect(a != plain && b != a)
        // Emptied again, a task equals one that never had them, and hashes alike.
        b.blockedNote = nil; b.stageRef = nil; b.authority = nil
        #expect(b == plain)
        #expect(Set([b, plain]).count == 1)
        // The same fields given separately make equal tasks.
        var c = plain
        c.authority = a.authority
        c.blockedNote = "Thiếu thiết bị"
        #expect(c == a && c.hashValue == a.hashValue)
        // A reference alone, then with the rarer fields beside it, then alone again.
        var d = plain
        d.stageRef = "21/2025/QH15"
        #expect(d.stageRef == "21/2025/QH15" && d.authority == nil && d.blockedNote == nil)
        d.blockedNote = "Chờ ý kiến"
        #expect(d.stageRef == "21/2025/QH15" && d.blockedNote == "Chờ ý kiến")
        d.blockedNote = nil
        var e = plain
        e.stageRef = "21/2025/QH15"
        #expect(d == e && d.hashValue == e.hashValue)
    }

    @Test func theProgressIsAPercentage() {
        var a = Assignment(id: "T", assignedAt: t0)
        a.progress = 100
        #expect(a.progress == 100)
        a.progress = 0
        #expect(a.progress == 0)
        a.progress = nil
        #expect(a.progress == nil)
    }
}
