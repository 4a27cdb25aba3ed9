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
    /// Never more than half full.
    private var slots = HashSlots()

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

    private func probe(_ name: String, _ hash: Int) -> HashSlots.Probe {
        slots.probe(hash) { entry in
            // Through the buffer: a name read from the array was copied (retained) to compare.
            hashes[entry] == hash && names.withUnsafeBufferPointer { IDHash.same($0[entry], name) }
        }
    }

    subscript(name: String) -> Value? {
        guard case .found(let entry) = probe(name, Self.hash(name)) else { return nil }
        return values[entry]
    }

    /// Gives `name` the value `value`. Names are never removed: the tables this serves only
    /// ever gain names.
    mutating func set(_ name: String, to value: Value) {
        let hash = Self.hash(name)
        if slots.isCrowded(by: names.count + 1) { slots.grow(placing: hashes) }
        switch probe(name, hash) {
        case .found(let entry):
            values[entry] = value
        case .vacant(let slot):
            slots.fill(slot, with: names.count)
            names.append(name)
            values.append(value)
            hashes.append(hash)
        case .gaveUp:
            preconditionFailure("an unlimited probe ends at a vacant slot")
        }
    }
}
