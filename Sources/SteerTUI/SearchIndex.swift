import CTextSearch
import Dispatch
import SteerCore

/// The folded text free words are matched against (`TaskFilter.searchText`) of every row of a
/// board, in one block of bytes: a typed word is looked for in each row's bytes, not through a
/// String per row, and the rows can be split between the cores.
struct SearchIndex: Sendable {
    private var bytes: [UInt8]
    /// Row i's text is `bytes[starts[i] ..< ends[i]]`: in row order when built, a changed row's
    /// new text after them all.
    private var starts: [Int]
    private var ends: [Int]
    /// Bytes of texts that rows no longer have.
    private var dropped = 0

    var count: Int { starts.count }

    /// Built on every core, a piece of the rows each, joined in row order: at 1M tasks one
    /// thread took two seconds, which the first character of a filter waited for.
    init(_ o: Overview, pieces: Int? = nil) {
        let tasks = o.board.tasks.inOrder
        let n = tasks.count
        let ranges = RowPieces.ranges(n, pieces: pieces ?? RowPieces.count(for: n))
        let built = concurrentMap(ranges.count) { Self.texts(of: tasks, ranges[$0], o.board) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(built.reduce(0) { $0 + $1.bytes.count })
        var ends: [Int] = []
        ends.reserveCapacity(n)
        for piece in built {
            let base = bytes.count
            bytes += piece.bytes
            ends += piece.ends.lazy.map { base + $0 }
        }
        self.bytes = bytes
        self.ends = ends
        // Each text starts where the one before ends; none, for a board of no task.
        starts = Array(([0] + ends).dropLast())
    }

    /// Brings the index up to a board whose rows `changed` (below `count`) changed and whose
    /// rows from `count` on were added: their texts are folded and put after the others; the
    /// rest stay where they are. False once the texts that rows no longer have outweigh the ones
    /// they have: the index is better dropped then, and built again when a filter needs it.
    mutating func patch(_ changed: [Int], _ o: Overview) -> Bool {
        let tasks = o.board.tasks.inOrder
        let rows = changed + Array(count ..< tasks.count)
        let (texts, ends) = Self.texts(of: tasks, rows, o.board)
        let base = bytes.count
        bytes += texts
        var from = base
        for (row, end) in zip(rows, ends) {
            if row < self.ends.count {
                dropped += self.ends[row] - starts[row]
                starts[row] = from
                self.ends[row] = base + end
            } else {
                starts.append(from)
                self.ends.append(base + end)
            }
            from = base + end
        }
        return dropped * 2 <= bytes.count
    }

    /// The folded texts of `tasks[rows]` one after another, and where each ends.
    private static func texts(of tasks: [Assignment], _ rows: some Collection<Int>, _ board: Board) -> (bytes: [UInt8], ends: [Int]) {
        var folder = ScalarFolder()
        // Each lead's id and name, folded, as they follow a space: a board names a few hundred.
        var leadTexts: [String: [UInt8]] = [:]
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(rows.count)
        bytes.reserveCapacity(rows.count * 256)
        func part(_ text: String?) {
            bytes.append(0x20)
            if let text { folder.fold(text, into: &bytes) }
        }
        // Read in place: a task taken out of the array was copied, all its text retained.
        tasks.withUnsafeBufferPointer { tasks in
            for i in rows {
                // The parts and their order are `TaskFilter.searchText`'s, joined by one space.
                folder.fold(tasks[i].id, into: &bytes)
                part(tasks[i].title)
                part(tasks[i].owner)
                part(tasks[i].product)
                part(tasks[i].source)
                for l in tasks[i].leads {
                    if let text = leadTexts[l] {
                        bytes += text
                        continue
                    }
                    var text: [UInt8] = [0x20]
                    folder.fold(l, into: &text)
                    text.append(0x20)
                    folder.fold(board.displayName(ofAgency: l), into: &text)
                    leadTexts[l] = text
                    bytes += text
                }
                ends.append(bytes.count)
            }
        }
        return (bytes, ends)
    }

    /// Row `row`'s folded text, as `TaskFilter.searchText` gives it.
    func text(_ row: Int) -> String {
        String(decoding: bytes[starts[row] ..< ends[row]], as: UTF8.self)
    }

    /// Whether row `row`'s text has a word starting with each of `words` (folded, as UTF-8).
    func contains(_ row: Int, _ words: [[UInt8]]) -> Bool {
        let words = Words(words)
        return bytes.withUnsafeBufferPointer { b in words.withBytes { words.foundIn(b, starts[row], ends[row], $0) } }
    }

    /// Whether a word of `text` starts with `word`, as bytes, the plain way (`steer_starts_a_word`
    /// is checked against it).
    static func startsAWord(_ text: [UInt8], _ word: [UInt8]) -> Bool {
        word.isEmpty || (text.count >= word.count && (0 ... text.count - word.count).contains {
            text[$0 ..< $0 + word.count].elementsEqual(word) && ($0 == 0 || !TaskFilter.isWordByte(text[$0 - 1]))
        })
    }

    /// One bit per row, set when the row's text has a word starting with each of `words`; only the rows
    /// of `among` are searched when it is given. The rows are searched in `pieces` (by default
    /// `RowPieces.count`), each in row order, on every core: a typed character at 1M tasks is
    /// one pass over ~150 MB.
    func rows(containing words: [[UInt8]], among: RowSet? = nil, pieces: Int? = nil) -> RowSet {
        let n = count
        // Whole words of the bit set per piece, so that no two pieces write the same word.
        let ranges = RowPieces.ranges((n + 63) / 64, pieces: pieces ?? RowPieces.count(for: n))
        let words = Words(words)
        let results = concurrentMap(ranges.count) { piece in
            var bits = [UInt64](repeating: 0, count: ranges[piece].count)
            let firstWord = ranges[piece].lowerBound
            bytes.withUnsafeBufferPointer { b in
                starts.withUnsafeBufferPointer { s in
                    ends.withUnsafeBufferPointer { e in
                        words.withBytes { wordBytes in
                            for w in ranges[piece] {
                                let rowsHere = min(64, n - w * 64)
                                var left = among?.words[w] ?? (rowsHere == 64 ? .max : (1 << UInt64(rowsHere)) - 1)
                                while left != 0 {
                                    let bit = left.trailingZeroBitCount
                                    left &= left - 1
                                    let row = w << 6 | bit
                                    if words.foundIn(b, s[row], e[row], wordBytes) { bits[w - firstWord] |= 1 << UInt64(bit) }
                                }
                            }
                        }
                    }
                }
            }
            return bits
        }
        return RowSet(words: results.flatMap { $0 })
    }
}

/// The words a search looks for, in one block of bytes: read through one pointer taken once
/// per search, not as an array per word per row, whose retains both cores contended for.
private struct Words {
    let bytes: [UInt8]
    /// Word k is `bytes[ends[k - 1] ..< ends[k]]` (from 0 for the first); empty words left out.
    let ends: [Int]

    init(_ words: [[UInt8]]) {
        bytes = words.flatMap { $0 }
        var ends: [Int] = []
        var at = 0
        for w in words where !w.isEmpty {
            at += w.count
            ends.append(at)
        }
        self.ends = ends
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer(body)
    }

    /// Whether bytes `start ..< end` of `text` hold a word starting with each word
    /// (`steer_starts_a_word`); `wordBytes`
    /// is `withBytes`' pointer.
    func foundIn(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ wordBytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ends.withUnsafeBufferPointer { ends in
            var from = 0
            for to in ends {
                guard steer_starts_a_word(text.baseAddress! + start, end - start, wordBytes.baseAddress! + from, to - from) else { return false }
                from = to
            }
            return true
        }
    }
}

/// A set of rows of a board, one bit per row.
struct RowSet: Sendable {
    private(set) var words: [UInt64]

    init(words: [UInt64] = []) { self.words = words }

    /// The set of `rows`, each below `count`.
    init(_ rows: some Sequence<Int>, count: Int) {
        var words = [UInt64](repeating: 0, count: (count + 63) / 64)
        for r in rows { words[r >> 6] |= 1 << UInt64(r & 63) }
        self.words = words
    }

    /// Adds `rows`, the set growing to hold them.
    mutating func formUnion(_ rows: [Int32]) {
        for r in rows {
            let w = Int(r) >> 6
            if w >= words.count { words += repeatElement(0, count: w + 1 - words.count) }
            words[w] |= 1 << UInt64(r & 63)
        }
    }

    /// Calls `body` with each row in the set, in order.
    func forEach(_ body: (Int) -> Void) {
        for (k, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                body(k << 6 | bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// The rows in the set, in order.
    var members: [Int32] {
        var rows: [Int32] = []
        forEach { rows.append(Int32($0)) }
        return rows
    }

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
    /// The same for the scalars above it.
    private var others: [UInt32: Int] = [:]
    /// Latin, its extensions and the Vietnamese block (U+1E00–U+1EFF) are below it.
    private static let tableLimit = 0x2000

    mutating func fold(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { fold($0, into: &out) }
    }

    /// The same over valid UTF-8, in two passes: the first learns the fold of every scalar
    /// not seen before and adds up the length, the second writes into room made once (at 100k
    /// tasks a tenth faster than appending each run of ASCII and each fold as it is found).
    private mutating func fold(_ utf8: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var length = 0
        var i = 0
        while i < utf8.count {
            if utf8[i] < 0x80 {
                length += 1
                i += 1
                continue
            }
            let (v, n) = Self.scalar(utf8, at: i)
            i += n
            length += Int(entry(v) & 0xFF)
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: length))
        pool.withUnsafeBufferPointer { pool in
            out.withUnsafeMutableBufferPointer { out in
                var at = start
                var i = 0
                while i < utf8.count {
                    let b = utf8[i]
                    if b < 0x80 {
                        out[at] = b &- 65 < 26 ? b + 32 : b
                        at += 1
                        i += 1
                        continue
                    }
                    let (v, n) = Self.scalar(utf8, at: i)
                    i += n
                    let e = entry(v)
                    let offset = Int(e >> 8)
                    for k in 0 ..< Int(e & 0xFF) { out[at + k] = pool[offset + k] }
                    at += Int(e & 0xFF)
                }
            }
        }
    }

    /// Where the fold of `v` is in `pool`, as `(offset << 8) | length`, folded the first time.
    @inline(__always)
    private mutating func entry(_ v: UInt32) -> Int {
        if v < Self.tableLimit, table[Int(v)] >= 0 { return Int(table[Int(v)]) }
        if v >= Self.tableLimit, let e = others[v] { return e }
        let folded = Array(Fold.fold(String(Unicode.Scalar(v)!)).utf8)
        let e = pool.count << 8 | folded.count
        pool += folded
        if v < Self.tableLimit { table[Int(v)] = Int32(e) } else { others[v] = e }
        return e
    }

    /// The scalar whose UTF-8 starts at `i` of valid UTF-8, and its length in bytes.
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(utf8[i])
        func next(_ k: Int) -> UInt32 { UInt32(utf8[i + k]) & 0x3F }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | next(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3) }
        return ((lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
    }
}

/// A `SearchIndex` being built on other threads, started when the filter line opens
/// (`Effect.buildSearchIndex`): the first free word typed then finds it built, or waits only for
/// the rest of it (at 1M tasks the whole takes about 0.7 s). Taken when a filter first needs
/// it; it is the index `SearchIndex(overview)` gives, only sooner.
final class SearchBuild: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written on the building thread before `done` is left; read only after waiting.
    private var index: SearchIndex?
    /// Let go of before `done` is left: a board still held once the wait is over would be
    /// copied whole by the journal's next write, which `BoardView.setAside` waits to avoid.
    private var source: Overview?

    init(_ overview: Overview) {
        source = overview
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            index = SearchIndex(source!)
            source = nil
            done.leave()
        }
    }

    /// The index, waiting for it if it is still being built.
    func wait() -> SearchIndex {
        done.wait()
        return index!
    }
}
