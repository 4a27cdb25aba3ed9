// The core count, as Foundation counts it (CPU quotas of a container included).
import class FoundationEssentials.ProcessInfo

/// How the rows of a board (its tasks, a screen's lines) are cut for work done on every core
/// at once.
public enum RowPieces {
    /// Four pieces per core for a large board, so that when another process holds a core, this
    /// one's thread takes the pieces the other would have waited for; one for a small board,
    /// where handing work to threads costs more than it saves. From 4,096 rows on: judging a row
    /// takes some 700 instructions (callgrind: 11.1M for the 15,383 rows of the overdue report at
    /// 100k tasks). From 20,000, that report judged them on one core, and took 1.5 ms more
    /// (medians of 30 and 40 interleaved runs, from the snapshot and replaying every line).
    public static func count(for rows: Int) -> Int {
        rows >= 4_096 ? onEveryCore : 1
    }

    /// Four pieces per core.
    public static var onEveryCore: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }

    /// `rows` cut into `pieces` ranges of about equal size, in order (empty ones at the end
    /// when there are more pieces than rows).
    public static func ranges(_ rows: Int, pieces: Int) -> [Range<Int>] {
        let perPiece = (rows + pieces - 1) / max(1, pieces)
        return (0 ..< max(1, pieces)).map { min(rows, $0 * perPiece) ..< min(rows, ($0 + 1) * perPiece) }
    }

    /// What `body` gives for each piece of `rows` rows, worked out on every core and joined in
    /// order. One piece is returned as it is, not copied.
    public static func joined<T>(_ rows: Int, pieces: Int? = nil, _ body: (Range<Int>) -> [T]) -> [T] {
        let ranges = Self.ranges(rows, pieces: pieces ?? count(for: rows))
        guard ranges.count > 1 else { return body(ranges[0]) }
        let parts = concurrentMap(ranges.count) { body(ranges[$0]) }
        var all: [T] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { all += p }
        return all
    }

    /// `body` of each of `rows` rows, worked out on every core, a piece each, straight into one
    /// array. Pieces made apart and then joined held every row twice: at 1M tasks, 32 MB of
    /// verdicts twice over, and a report's peak 20 MB higher.
    public static func mapped<T>(_ rows: Int, pieces: Int? = nil, _ body: (Int) -> T) -> [T] {
        let ranges = Self.ranges(rows, pieces: pieces ?? count(for: rows))
        guard ranges.count > 1 else { return (0 ..< rows).map(body) }
        return [T](unsafeUninitializedCapacity: rows) { buffer, initialized in
            // Each row is written by the one piece it lies in, and read once all are done.
            nonisolated(unsafe) let places = buffer
            concurrentForEach(ranges.count) { i in
                for row in ranges[i] { (places.baseAddress! + row).initialize(to: body(row)) }
            }
            initialized = rows
        }
    }
}
