import Testing
@testable import SteerCore

/// Rows cut for every core: the pieces cover every row once, in order, whatever their number;
/// work joined from them is the work done in one go.
@Suite struct RowPiecesTests {
    @Test func piecesCoverEveryRowOnceInOrder() {
        for rows in [0, 1, 2, 7, 64, 1000, 20_001] {
            for pieces in [1, 2, 3, 8, rows + 5] {
                let ranges = RowPieces.ranges(rows, pieces: pieces)
                #expect(ranges.count == max(1, pieces), "\(rows) rows in \(pieces)")
                #expect(ranges.flatMap { Array($0) } == Array(0 ..< rows), "\(rows) rows in \(pieces)")
                #expect(ranges.allSatisfy { $0.count <= (rows + pieces - 1) / pieces }, "about equal: \(rows) rows in \(pieces)")
            }
        }
    }

    @Test func joinedWorkIsTheWorkDoneInOneGo() {
        for rows in [0, 1, 5, 999, 25_000] {
            let serial = (0 ..< rows).map { $0 * 3 + 1 }
            for pieces in [nil, 1, 2, 7, rows + 3] {
                #expect(RowPieces.joined(rows, pieces: pieces) { $0.map { $0 * 3 + 1 } } == serial, "\(rows) rows, \(pieces.map(String.init) ?? "default") pieces")
            }
        }
    }

    /// Rows worked out into one array are those worked out one by one, texts (which are
    /// retained as they are placed) included, with more pieces than rows too.
    @Test func mappedWorkIsTheWorkDoneInOneGo() {
        for rows in [0, 1, 5, 999, 25_000] {
            let serial = (0 ..< rows).map { "row \($0) " + String(repeating: "x", count: $0 % 20) }
            for pieces in [nil, 1, 2, 7, rows + 3] {
                #expect(RowPieces.mapped(rows, pieces: pieces) { "row \($0) " + String(repeating: "x", count: $0 % 20) } == serial, "\(rows) rows, \(pieces.map(String.init) ?? "default") pieces")
            }
        }
    }
}
