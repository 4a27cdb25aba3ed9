import SteerCore

/// The orders the Tasks pane's rows can be sorted in, built with a radix sort on integer keys:
/// a pass per byte that differs between keys, rather than a comparison sort on Strings.
enum RowOrder {
    /// Every order, built with the board on both cores, so that no `s` waits for a sort
    /// (tens of milliseconds for an order of 1M tasks).
    static func all(_ rows: Overview.Rows) -> [SortKey: [Int32]] {
        let keys = SortKey.allCases
        let orders = concurrentMap(keys.count) { of(rows, by: keys[$0]) }
        return Dictionary(uniqueKeysWithValues: zip(keys, orders))
    }

    // What each order sorts by; the rows without a value come last.
    static func urgency(_ r: TaskRow) -> Int? { Derived.urgencyKey(r) }
    static func id(_ r: TaskRow) -> String? { r.withTask { $0.pointee.id } }
    // No deadline last.
    static func due(_ r: TaskRow) -> Int? { r.withTask { $0.pointee.due?.daysSinceEpoch } }
    // Most days late first; never late last.
    static func late(_ r: TaskRow) -> Int? { r.daysLate.map { -$0 } }
    // No lead last.
    static func lead(_ r: TaskRow) -> String? { r.withTask { $0.pointee.lead } }
    static func state(_ r: TaskRow) -> Int? { Derived.stateRank(r.withTask { $0.pointee.state }) }
    static func clarity(_ r: TaskRow) -> Int? { -r.unclear.count }

    /// The indices of `rows` in the order of `key`, ledger order among equals. Each order's
    /// value is named here, not read through `measure`: a closure taken from it is called
    /// indirectly for every row, which made the screen's start a sixth slower.
    static func of(_ rows: Overview.Rows, by key: SortKey) -> [Int32] {
        switch key {
        case .urgency: return by(rows, urgency)
        case .ledger: return Array(0 ..< Int32(rows.count))
        // Each text read by index where it lies: a task handed to a closure was copied, all of
        // its text retained and released, for every read of every pass.
        case .id: return rows.withTasks { tasks in byText(tasks.indices.lazy.map { tasks[$0].id as String? }) }
        case .due: return by(rows, due)
        case .late: return by(rows, late)
        case .lead: return rows.withTasks { tasks in byText(tasks.indices.lazy.map { tasks[$0].lead }) }
        case .state: return by(rows, state)
        case .clarity: return by(rows, clarity)
        }
    }

    /// What an order sorts rows by: a number or a text, or their place on the board.
    enum Measure {
        case number((TaskRow) -> Int?)
        case text((TaskRow) -> String?)
        case place
    }

    static func measure(_ key: SortKey) -> Measure {
        switch key {
        case .urgency: return .number(urgency)
        case .ledger: return .place
        case .id: return .text(id)
        case .due: return .number(due)
        case .late: return .number(late)
        case .lead: return .text(lead)
        case .state: return .number(state)
        case .clarity: return .number(clarity)
        }
    }

    /// Whether row `a` comes before row `b` in the order of `key`, as `of` sorts them: by the
    /// value, the rows without one last, then by place. No two rows tie.
    static func precedes(_ key: SortKey, _ rows: Overview.Rows) -> (Int32, Int32) -> Bool {
        switch measure(key) {
        case .number(let value): return { a, b in before(value(rows[Int(a)]), a, value(rows[Int(b)]), b) }
        case .text(let value): return { a, b in before(value(rows[Int(a)]), a, value(rows[Int(b)]), b) }
        case .place: return { $0 < $1 }
        }
    }

    /// Whether `x` of row `a` comes before `y` of row `b`: nil last, ties by row.
    static func before<T: Comparable>(_ x: T?, _ a: Int32, _ y: T?, _ b: Int32) -> Bool {
        switch (x, y) {
        case let (x?, y?): return x < y || (!(y < x) && a < b)
        case (nil, nil): return a < b
        case (nil, _?): return false
        case (_?, nil): return true
        }
    }

    /// The indices of `rows` by `key`, ledger order among equals, the rows without a key last.
    /// Keys are counted from the smallest, so that only the bytes their range needs differ.
    /// When a key and a row's index fit in 64 bits together (every key the pane sorts by), they
    /// are sorted as one number (`packedOrder`): keys taken out as optionals and sorted beside
    /// their indices came to some 52 MB at once at 1M tasks by their sizes (20 now), with two
    /// orders made at a time at the screen's start. The rows are read once: each row read costs
    /// its board's list a reference count, which both cores then write.
    static func by(_ rows: Overview.Rows, _ key: (TaskRow) -> Int?) -> [Int32] {
        var numbers = [UInt64](repeating: 0, count: rows.count)
        var absent: [Int32] = []
        var low = Int.max, high = Int.min
        for i in rows.indices {
            guard let v = key(rows[i]) else {
                absent.append(Int32(i))
                continue
            }
            numbers[i] = UInt64(bitPattern: Int64(v))
            low = min(low, v)
            high = max(high, v)
        }
        guard low <= high else { return absent }
        let lowest = UInt64(bitPattern: Int64(low))
        let rowBits = Self.bits(UInt64(rows.count))
        let packs = rowBits + Self.bits(UInt64(bitPattern: Int64(high)) &- lowest) <= 64
        // In place: each row with a key becomes its number, counted from the smallest, with its
        // index beside it when they fit together; the rows without one are dropped.
        var present: [Int32] = []
        var kept = 0, nextAbsent = 0
        for i in numbers.indices {
            if nextAbsent < absent.count, absent[nextAbsent] == i {
                nextAbsent += 1
                continue
            }
            let number = numbers[i] &- lowest
            if packs {
                numbers[kept] = number << rowBits | UInt64(i)
                kept += 1
            } else {
                numbers[i] = number
                present.append(Int32(i))
            }
        }
        guard packs else { return stable(present, by: numbers) + absent }
        numbers.removeLast(numbers.count - kept)
        return packedOrder(numbers, rowBits: rowBits) + absent
    }

    /// How many bits `n` takes.
    static func bits(_ n: UInt64) -> Int { 64 - n.leadingZeroBitCount }

    /// The row indices held in the low `rowBits` bits of `packed` (a key above each, appended
    /// in row order), ordered by key and then by row: the numbers themselves radix-sorted from
    /// the lowest byte that holds a bit of the key (below it they are in row order already,
    /// which a stable sort keeps).
    static func packedOrder(_ packed: consuming [UInt64], rowBits: Int) -> [Int32] {
        var from = packed
        var to = [UInt64](repeating: 0, count: from.count)
        for (b, var next) in passes(from, fromByte: rowBits / 8) {
            from.withUnsafeBufferPointer { from in
                to.withUnsafeMutableBufferPointer { to in
                    for k in from {
                        let d = Int(truncatingIfNeeded: k >> (8 * b)) & 0xFF
                        to[next[d]] = k
                        next[d] += 1
                    }
                }
            }
            swap(&from, &to)
        }
        let mask: UInt64 = rowBits == 64 ? ~0 : (1 << rowBits) - 1
        return from.map { Int32(truncatingIfNeeded: $0 & mask) }
    }

    /// `order` (indices of `keys`) stably sorted by `keys`, radix-sorted. The keys travel with
    /// their indices from pass to pass, read in a row: looked up by index in each pass, they
    /// were a cache miss per row at 1M tasks.
    static func stable(_ order: [Int32], by keys: [UInt64]) -> [Int32] {
        let n = order.count
        guard n > 1 else { return order }
        var fromKeys = order.map { keys[Int($0)] }
        var from = order
        var to = [Int32](repeating: 0, count: n)
        var toKeys = [UInt64](repeating: 0, count: n)
        for (b, var next) in passes(fromKeys, fromByte: 0) {
            fromKeys.withUnsafeBufferPointer { fromKeys in
                from.withUnsafeBufferPointer { from in
                    toKeys.withUnsafeMutableBufferPointer { toKeys in
                        to.withUnsafeMutableBufferPointer { to in
                            for j in 0 ..< n {
                                let k = fromKeys[j]
                                let d = Int(truncatingIfNeeded: k >> (8 * b)) & 0xFF
                                to[next[d]] = from[j]
                                toKeys[next[d]] = k
                                next[d] += 1
                            }
                        }
                    }
                }
            }
            swap(&from, &to)
            swap(&fromKeys, &toKeys)
        }
        return from
    }

    /// The passes of a least significant digit radix sort of `keys`, a byte at a time from
    /// `fromByte` up, skipping the bytes every key shares: each pass's byte, and where in the
    /// sorted output each of that byte's 256 values starts.
    private static func passes(_ keys: [UInt64], fromByte: Int) -> [(byte: Int, starts: [Int])] {
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys {
            for b in 0 ..< 8 { counts[b << 8 | Int(truncatingIfNeeded: k >> (8 * b)) & 0xFF] += 1 }
        }
        var passes: [(byte: Int, starts: [Int])] = []
        for b in fromByte ..< 8 where !counts[b << 8 ..< (b + 1) << 8].contains(keys.count) {
            var starts = [Int](repeating: 0, count: 256)
            var at = 0
            for d in 0 ..< 256 { starts[d] = at; at += counts[b << 8 | d] }
            passes.append((b, starts))
        }
        return passes
    }

    /// The indices of `texts` in Swift's String order, nil last, ledger order among equals.
    /// ASCII texts of up to 16 bytes (ids, agency handles) are three integer keys: their first
    /// 8 bytes, the next 8 (zero-padded) and their length, which order them as `<` does; when any
    /// text is longer or not ASCII, the Strings are compared. The texts are read where the
    /// caller has them (the board's tasks), and each key made when its pass comes: the texts
    /// taken out and the three keys made at once came to 32 MB more at 1M tasks.
    static func byText<Texts: RandomAccessCollection<String?>>(_ texts: Texts) -> [Int32] where Texts.Index == Int {
        var present: [Int32] = [], absent: [Int32] = []
        present.reserveCapacity(texts.count)
        for i in texts.indices {
            guard let t = texts[i] else {
                absent.append(Int32(i))
                continue
            }
            guard t.utf8.count <= 16, t.utf8.allSatisfy({ $0 < 0x80 }) else { return compared(texts) }
            present.append(Int32(i))
        }
        // The least significant key first: a stable sort keeps what the passes before settled.
        var order = present
        for key in [TextKey.length, .secondWord, .firstWord] {
            var keys = [UInt64](repeating: 0, count: texts.count)
            for i in present { keys[Int(i)] = key.of(texts[Int(i)]!) }
            order = stable(order, by: keys)
        }
        return order + absent
    }

    /// The three numbers `byText` orders a short ASCII text by.
    private enum TextKey {
        case firstWord, secondWord, length

        func of(_ text: String) -> UInt64 { text.withUTF8Bytes(of) }

        private func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            let start: Int
            switch self {
            case .length: return UInt64(bytes.count)
            case .firstWord: start = 0
            case .secondWord: start = 8
            }
            var word: UInt64 = 0
            for n in 0 ..< max(0, min(8, bytes.count - start)) { word |= UInt64(bytes[start + n]) << (56 - 8 * n) }
            return word
        }
    }

    static func compared<Texts: RandomAccessCollection<String?>>(_ texts: Texts) -> [Int32] where Texts.Index == Int {
        Array(0 ..< Int32(texts.count)).sorted { a, b in before(texts[Int(a)], a, texts[Int(b)], b) }
    }
}

/// The Tasks pane's rows in every sort order. After a change only the order shown is brought
/// up to date at once, and each other one when it is next shown, with every row touched since
/// it last was: at 1M tasks bringing one order up to date takes a few milliseconds.
struct RowOrders: Sendable {
    private var lists: [SortKey: [Int32]]
    /// For each order not up to date, the rows changed or added since it was.
    private var touched: [SortKey: RowSet] = [:]

    /// Every order of `rows`.
    init(_ rows: Overview.Rows) { lists = RowOrder.all(rows) }

    /// The order of `key`, which must be up to date (`bringUpToDate`).
    subscript(key: SortKey) -> [Int32] {
        precondition(touched[key] == nil, "the order of \(key) was not brought up to date")
        return lists[key]!
    }

    /// Notes that `rows` changed or were added.
    mutating func touch(_ rows: [Int32]) {
        guard !rows.isEmpty else { return }
        for key in SortKey.allCases { touched[key, default: RowSet()].formUnion(rows) }
    }

    /// Brings the order of `key` up to date with `rows`: the rows touched since it was are
    /// taken out and put back where they now belong.
    mutating func bringUpToDate(_ key: SortKey, _ rows: Overview.Rows) {
        guard let moved = touched.removeValue(forKey: key)?.members else { return }
        // Past an eighth of the rows, sorting them all again costs less.
        guard moved.count * 8 <= rows.count else {
            lists[key] = RowOrder.of(rows, by: key)
            return
        }
        let set = RowSet(moved.map { Int($0) }, count: rows.count)
        lists[key] = SortedRows.patched(lists[key]!, dropping: { set.contains(Int($0)) }, inserting: moved,
                                        by: RowOrder.precedes(key, rows))
    }
}
