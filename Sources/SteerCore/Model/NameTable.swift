/// A table keyed by the short names replay looks up for every event (a member's login, an
/// agency's id), hashed by a multiply per byte instead of the standard library's SipHash: with
/// a Dictionary, that hashing took a quarter of the replaying thread's instructions. Its keys
/// are names the ledger declared (a few hundred), which only the secretariat declares, and the
/// hash starts from a seed drawn per process (`ProcessSeed`), so names cannot be chosen in
/// advance to collide. Names are compared as bytes, as ids are (`IDHash.same`).
struct NameTable<Value>: Sendable where Value: Sendable {
    private var names: [String] = []
    private var values: [Value] = []
    private var hashes: [Int] = []
    /// Open addressing, probed one slot after another: a slot holds an entry's index plus one,
    /// 0 when empty. Never more than half full.
    private var slots = [Int32](repeating: 0, count: 16)

    var count: Int { names.count }

    /// FNV-1a over the name's UTF-8, from the process's seed.
    static func hash(_ name: String) -> Int {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ ProcessSeed.value
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ h >> 29)
        }
        if let h = name.utf8.withContiguousStorageIfAvailable(fnv) { return h }
        return ContiguousArray(name.utf8).withUnsafeBufferPointer(fnv)
    }

    private func index(of name: String, hash: Int) -> Int? {
        let mask = slots.count - 1
        var i = hash & mask
        while slots[i] != 0 {
            let entry = Int(slots[i]) - 1
            // Through the buffer: a name read from the array was copied (retained) to compare.
            if hashes[entry] == hash, names.withUnsafeBufferPointer({ IDHash.same($0[entry], name) }) { return entry }
            i = (i + 1) & mask
        }
        return nil
    }

    subscript(name: String) -> Value? {
        index(of: name, hash: Self.hash(name)).map { values[$0] }
    }

    /// Gives `name` the value `value`. Names are never removed: the tables this serves only
    /// ever gain names.
    mutating func set(_ name: String, to value: Value) {
        let hash = Self.hash(name)
        if let entry = index(of: name, hash: hash) {
            values[entry] = value
            return
        }
        names.append(name)
        values.append(value)
        hashes.append(hash)
        if 2 * names.count > slots.count {
            slots = [Int32](repeating: 0, count: 2 * slots.count)
            for entry in hashes.indices { place(entry) }
        } else {
            place(names.count - 1)
        }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        var i = hashes[entry] & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = Int32(entry + 1)
    }
}
