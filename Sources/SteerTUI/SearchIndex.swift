// The core count, as Foundation counts it (CPU quotas of a container included).
import class FoundationEssentials.ProcessInfo
import Glibc
import SteerCore

/// The folded text free words are matched against (`TaskFilter.searchText`) of every row of a
/// board, in one block of bytes: a typed word is looked for in each row's bytes, not through a
/// String per row, and the rows can be split between the cores.
struct SearchIndex: Sendable {
    private let bytes: [UInt8]
    /// Row i's text is `bytes[starts[i] ..< starts[i + 1]]`.
    private let starts: [Int]

    var count: Int { starts.count - 1 }

    init(_ o: Overview) {
        var folder = ScalarFolder()
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(o.rows.count + 1)
        bytes.reserveCapacity(o.rows.count * 160)
        for r in o.rows {
            let t = r.task
            // The parts and their order are `TaskFilter.searchText`'s, joined by one space.
            folder.fold(t.id, into: &bytes)
            for part in [t.title, t.owner, t.product, t.source] {
                bytes.append(0x20)
                folder.fold(part ?? "", into: &bytes)
            }
            for l in t.leads {
                bytes.append(0x20)
                folder.fold(l, into: &bytes)
                bytes.append(0x20)
                folder.fold(o.board.displayName(ofAgency: l), into: &bytes)
            }
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
    }

    /// Row `row`'s folded text, as `TaskFilter.searchText` gives it.
    func text(_ row: Int) -> String {
        String(decoding: bytes[starts[row] ..< starts[row + 1]], as: UTF8.self)
    }

    /// Whether row `row`'s text contains every one of `words` (folded, as UTF-8).
    func contains(_ row: Int, _ words: [[UInt8]]) -> Bool {
        bytes.withUnsafeBufferPointer { b in Self.contains(b, starts[row], starts[row + 1], words) }
    }

    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ words: [[UInt8]]) -> Bool {
        for w in words where !w.isEmpty {
            let found = w.withUnsafeBufferPointer { w in Self.find(w, in: b.baseAddress! + start, count: end - start) }
            if !found { return false }
        }
        return true
    }

    /// Whether `text` contains `word`, as bytes (a short word against another).
    static func contains(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        word.isEmpty || (text.count >= word.count && (0 ... text.count - word.count).contains { text[$0 ..< $0 + word.count].elementsEqual(word) })
    }

    /// Whether `word` occurs in the `count` bytes at `text`: memchr finds each candidate first
    /// byte, memcmp checks the rest (as `TaskFilter.contains` does). Sixteen positions at a
    /// time with SIMD16 compares took a third more instructions (callgrind, 10k tasks).
    private static func find(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafePointer<UInt8>, count: Int) -> Bool {
        let last = count - word.count
        var i = 0
        while i <= last {
            guard let hit = memchr(text + i, Int32(word[0]), last - i + 1) else { return false }
            let at = text.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(text + at, word.baseAddress!, word.count) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// One bit per row, set when the row's text contains every one of `words`; only the rows
    /// of `among` are searched when it is given. The rows are searched in `pieces`, each in
    /// row order, on every core: a typed character at 1M tasks is one pass over ~150 MB. By
    /// default a large board is cut in four pieces per core, so that when another process
    /// holds a core, this one's thread takes the pieces the other would have waited for.
    func rows(containing words: [[UInt8]], among: RowSet? = nil, pieces: Int? = nil) -> RowSet {
        let n = count
        let wordCount = (n + 63) / 64
        let pieces = max(1, pieces ?? (n >= 20_000 ? 4 * ProcessInfo.processInfo.activeProcessorCount : 1))
        // Whole words of the bit set per piece, so that no two pieces write the same word.
        let wordsPerPiece = (wordCount + pieces - 1) / pieces
        let results = concurrentMap(pieces) { piece in
            let firstWord = min(wordCount, piece * wordsPerPiece)
            let lastWord = min(wordCount, firstWord + wordsPerPiece)
            var bits = [UInt64](repeating: 0, count: lastWord - firstWord)
            bytes.withUnsafeBufferPointer { b in
                starts.withUnsafeBufferPointer { s in
                    for w in firstWord ..< lastWord {
                        let rowsHere = min(64, n - w * 64)
                        var left = among?.words[w] ?? (rowsHere == 64 ? .max : (1 << UInt64(rowsHere)) - 1)
                        while left != 0 {
                            let bit = left.trailingZeroBitCount
                            left &= left - 1
                            let row = w << 6 | bit
                            if Self.contains(b, s[row], s[row + 1], words) { bits[w - firstWord] |= 1 << UInt64(bit) }
                        }
                    }
                }
            }
            return bits
        }
        return RowSet(words: results.flatMap { $0 })
    }
}

/// A set of rows of a board, one bit per row.
struct RowSet: Sendable {
    let words: [UInt64]

    /// How many rows are in the set.
    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }
}

/// `Fold.fold`, a scalar at a time, into bytes. `Fold.fold` maps each scalar on its own (ASCII
/// lowered, Vietnamese letters through its table, nonspacing marks dropped), so the fold of a
/// text is the folds of its scalars one after another: each non-ASCII scalar is folded once, by
/// `Fold.fold` itself, and remembered.
struct ScalarFolder {
    /// Folds of scalars below `tableLimit`, as `(offset << 8) | length` into `pool`; -1 unknown.
    private var table = [Int32](repeating: -1, count: Self.tableLimit)
    private var pool: [UInt8] = []
    private var others: [UInt32: [UInt8]] = [:]
    /// Latin, its extensions and the Vietnamese block (U+1E00–U+1EFF) are below it.
    private static let tableLimit = 0x2000

    mutating func fold(_ text: String, into out: inout [UInt8]) {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x80 {
                out.append(UInt8(v >= 65 && v <= 90 ? v + 32 : v))
            } else if v < Self.tableLimit {
                var entry = table[Int(v)]
                if entry < 0 {
                    let folded = Array(Fold.fold(String(s)).utf8)
                    entry = Int32(pool.count << 8 | folded.count)
                    pool += folded
                    table[Int(v)] = entry
                }
                let offset = Int(entry >> 8)
                out.append(contentsOf: pool[offset ..< offset + Int(entry & 0xFF)])
            } else {
                if others[v] == nil { others[v] = Array(Fold.fold(String(s)).utf8) }
                out.append(contentsOf: others[v]!)
            }
        }
    }
}
