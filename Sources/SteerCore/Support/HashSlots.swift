/// The slots of an open-addressing table whose entries are kept elsewhere, in the order they
/// came, with their hashes: a slot holds an entry's index plus one, 0 when empty, and is probed
/// one after another. `NameTable` and `ValueInterner` file their entries in it.
struct HashSlots: Sendable {
    private var slots: [Int32]

    init(count: Int = 16) {
        precondition(count > 0 && count & (count - 1) == 0, "a power of two")
        slots = [Int32](repeating: 0, count: count)
    }

    /// What probing for an entry found.
    enum Probe {
        case found(entry: Int)
        /// None of the entries probed matched; a new one goes in `slot`.
        case vacant(slot: Int)
        /// `limit` slots probed, none vacant and none matching.
        case gaveUp
    }

    /// Probes the slots of `hash` in turn for an entry that `matches`, at most `limit` of them.
    /// Inlined: it runs for every long value parsed and every name replay looks up.
    @inline(__always)
    func probe(_ hash: Int, limit: Int = .max, _ matches: (Int) -> Bool) -> Probe {
        let mask = slots.count - 1
        var i = hash & mask
        var probed = 0
        while probed < limit {
            let entry = Int(slots[i]) - 1
            if entry < 0 { return .vacant(slot: i) }
            if matches(entry) { return .found(entry: entry) }
            i = (i + 1) & mask
            probed += 1
        }
        return .gaveUp
    }

    /// Files entry `entry` in `slot`, which `probe` found vacant.
    mutating func fill(_ slot: Int, with entry: Int) {
        slots[slot] = Int32(entry + 1)
    }

    /// Whether `entries` entries, one more than there are, would fill more than half the slots.
    func isCrowded(by entries: Int) -> Bool { 2 * entries > slots.count }

    /// Twice the slots, every entry placed again by its hash (`hashes` in entry order): done
    /// before probing for a new entry, so that the slot it is given stays its own.
    mutating func grow(placing hashes: [Int]) {
        self = HashSlots(count: 2 * slots.count)
        let mask = slots.count - 1
        for (entry, hash) in hashes.enumerated() {
            var i = hash & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = Int32(entry + 1)
        }
    }
}
