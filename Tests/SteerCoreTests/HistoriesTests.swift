import Testing
@testable import SteerCore

/// A board's histories give each task its marks in file order, whatever their size: marks are
/// kept in 40 bits, low and high parts apart, and chained by 32-bit links.
@Suite struct HistoriesTests {
    @Test func marksOfEverySizeComeBackPerTaskInOrder() {
        let marks = [0, 1, 255, 1 << 31, (1 << 32) - 1, 1 << 32, (1 << 32) + 7, 1 << 39, Histories.markLimit - 1]
        var histories = Histories()
        var expected: [[Int]] = [[], [], []]
        // Three tasks, their events interleaved.
        for (i, mark) in marks.enumerated() {
            let task = i % 3
            if expected[task].isEmpty { histories.startTask(with: mark) } else { histories.append(mark, toTask: task) }
            expected[task].append(mark)
        }
        #expect(histories.taskCount == 3)
        #expect(histories.eventCount == marks.count)
        for task in 0..<3 { #expect(histories.marks(of: task) == expected[task], "task \(task)") }
    }
}
