import SteerCore

/// The orders the Tasks pane's rows can be sorted in, built once per board with a radix sort on
/// integer keys: a pass per byte that differs between keys, rather than a comparison sort on
/// Strings, so that the first `s` to a new order at 1M tasks costs tens of milliseconds.
enum RowOrder {
    /// The indices of `rows` in the order of `key`, ledger order among equals.
    static func of(_ rows: [TaskRow], by key: SortKey) -> [Int32] {
        let ledger = Array(0 ..< Int32(rows.count))
        func by(_ k: (TaskRow) -> Int) -> [Int32] { stable(ledger, by: rows.map { unsigned(k($0)) }) }
        switch key {
        case .urgency: return by(Derived.urgencyKey)
        case .ledger: return ledger
        case .id: return byText(rows.map { $0.task.id })
        case .due: return by { $0.task.due?.daysSinceEpoch ?? Int.max }
        case .late: return by { -($0.daysLate ?? Int.min + 1) }
        // No lead sorts last.
        case .lead: return byText(rows.map { $0.task.lead })
        case .state: return by { Derived.stateRank($0.task.state) }
        case .clarity: return by { -$0.unclear.count }
        }
    }

    /// `k` as an unsigned key in the same order (the sign bit flipped).
    static func unsigned(_ k: Int) -> UInt64 { UInt64(bitPattern: Int64(k)) ^ (1 << 63) }

    /// `order`, a permutation of the indices of `keys`, stably sorted by `keys`: a least
    /// significant digit radix sort, a byte at a time, skipping the bytes every key shares.
    static func stable(_ order: [Int32], by keys: [UInt64]) -> [Int32] {
        let n = order.count
        guard n > 1 else { return order }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys {
            for b in 0 ..< 8 { counts[b << 8 | Int(truncatingIfNeeded: k >> (8 * b)) & 0xFF] += 1 }
        }
        var from = order
        var to = [Int32](repeating: 0, count: n)
        for b in 0 ..< 8 where !counts[b << 8 ..< (b + 1) << 8].contains(n) {
            var next = [Int](repeating: 0, count: 256)
            var at = 0
            for d in 0 ..< 256 { next[d] = at; at += counts[b << 8 | d] }
            keys.withUnsafeBufferPointer { keys in
                from.withUnsafeBufferPointer { from in
                    to.withUnsafeMutableBufferPointer { to in
                        for i in from {
                            let d = Int(truncatingIfNeeded: keys[Int(i)] >> (8 * b)) & 0xFF
                            to[next[d]] = i
                            next[d] += 1
                        }
                    }
                }
            }
            swap(&from, &to)
        }
        return from
    }

    /// The indices of `texts` in Swift's String order, nil last, ledger order among equals.
    /// ASCII texts of up to 16 bytes (ids, agency handles) are three integer keys: their first
    /// 8 bytes, the next 8 (zero-padded) and their length, which order them as `<` does; when any
    /// text is longer or not ASCII, the Strings are compared.
    static func byText(_ texts: [String?]) -> [Int32] {
        var first: [UInt64] = [], second: [UInt64] = [], length: [UInt64] = []
        first.reserveCapacity(texts.count)
        second.reserveCapacity(texts.count)
        length.reserveCapacity(texts.count)
        for t in texts {
            guard let t else {
                first.append(.max); second.append(.max); length.append(.max)
                continue
            }
            var a: UInt64 = 0, b: UInt64 = 0, n = 0
            for byte in t.utf8 {
                guard byte < 0x80, n < 16 else { return compared(texts) }
                if n < 8 { a |= UInt64(byte) << (56 - 8 * n) } else { b |= UInt64(byte) << (56 - 8 * (n - 8)) }
                n += 1
            }
            first.append(a); second.append(b); length.append(UInt64(n))
        }
        let ledger = Array(0 ..< Int32(texts.count))
        return stable(stable(stable(ledger, by: length), by: second), by: first)
    }

    static func compared(_ texts: [String?]) -> [Int32] {
        let keys = texts.map { $0 ?? "\u{10FFFF}" }
        return Array(0 ..< Int32(texts.count)).sorted { a, b in
            let ka = keys[Int(a)], kb = keys[Int(b)]
            return ka < kb || (!(kb < ka) && a < b)
        }
    }
}
