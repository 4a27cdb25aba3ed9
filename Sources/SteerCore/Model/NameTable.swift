/// A table keyed by the short names replay looks up for every event (a member's login, an
/// agency's id), hashed by a multiply per byte instead of the standard library's SipHash: with
/// a Dictionary, that hashing took a quarter of the replaying thread's instructions. Its keys
/// are names the ledger declared (a few hundred), which only the secretariat declares, and the
/// hash starts from a seed drawn per process (`ProcessSeed`), so names cannot be chosen in
/// advance to collide. Names are compared as bytes, as ids are (`IDHash.same`).
///
/// Most lookups do not hash at all: a name is looked up first by the two words of the String
/// that holds it (`ByWords`), and only a name not found so goes on by its hash.
struct NameTable<Value>: Sendable where Value: Sendable {
    private var names: [String] = []
    private var values: [Value] = []
    private var hashes: [Int] = []
    /// Never more than half full.
    private var slots = HashSlots()
    private var byWords = ByWords()

    var count: Int { names.count }

    /// FNV-1a over the name's UTF-8, from the process's seed.
    static func hash(_ name: String) -> Int {
        func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ ProcessSeed.value
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return Int(truncatingIfNeeded: h ^ h >> 29)
        }
        return name.withUTF8Bytes(fnv)
    }

    private func probe(_ name: String, _ hash: Int) -> HashSlots.Probe {
        slots.probe(hash) { entry in
            // Through the buffer: a name read from the array was copied (retained) to compare.
            hashes[entry] == hash && names.withUnsafeBufferPointer { IDHash.same($0[entry], name) }
        }
    }

    subscript(name: String) -> Value? {
        entry(of: name).map { values[$0] }
    }

    /// Where `name`'s value is, for `subscript(entry:)` to read in place.
    func entry(of name: String) -> Int? {
        if let entry = byWords.entry(of: name) { return entry }
        guard case .found(let entry) = probe(name, Self.hash(name)) else { return nil }
        return entry
    }

    /// Where the name held in a String of the words `words` is, when found by them alone
    /// (`ByWords`); nil says only that `entry(of:)` must look on.
    func entry(ofWords words: (UInt64, UInt64)) -> Int? { byWords.entry(ofWords: words) }

    /// The value of the name held in a String of the words `words`, when found by them alone;
    /// nil says only that `subscript(name:)` must look on.
    subscript(words words: (UInt64, UInt64)) -> Value? { entry(ofWords: words).map { values[$0] } }

    /// The value at `entry`, read where it lies: a field read through it is not copied out with
    /// the rest of the value.
    subscript(entry entry: Int) -> Value { values[entry] }

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
            if byWords.isCrowded(by: names.count + 1) { byWords.grow(placing: names) }
            byWords.place(name, entry: names.count)
            names.append(name)
            values.append(value)
            hashes.append(hash)
        case .gaveUp:
            preconditionFailure("an unlimited probe ends at a vacant slot")
        }
    }
}

/// Where the names of a `NameTable` are by the two words of the String that holds each: a name
/// held inline (up to 15 bytes, as logins, agency ids and the format's words are) has the same
/// two words wherever it was read, so that finding it is a multiply and a compare, where hashing
/// its bytes took some 120 instructions for every event replayed. Equal words are an equal
/// name (`IDHash.words`); a String held out of line has its storage's address for a word, and
/// the table keeps that storage alive. A name whose slot is taken goes in one of the next few
/// (`probes`): with one name to a slot, the names that met another's slot (some 35k of the
/// actors of 600k events at 100k tasks, a task kind in six) were hashed byte by byte for every
/// event that named them. A name not found here (no room in its few slots, a String that holds
/// its name otherwise) is found by its hash, so this is only a shortcut.
private struct ByWords: Sendable {
    private struct Slot: Sendable {
        var words: (UInt64, UInt64)
        /// The entry plus one; 0 for an empty slot.
        var entry: Int32
    }
    private var slots = Self.empty(16)

    private static func empty(_ count: Int) -> [Slot] { [Slot](repeating: Slot(words: (0, 0), entry: 0), count: count) }

    /// The slot of `words`: the top bits of a multiply of both (Fibonacci hashing). Inlined:
    /// called, it was a sixth of a lookup run for nearly every event.
    @inline(__always)
    private func slot(_ words: (UInt64, UInt64)) -> Int {
        let mixed = (words.0 ^ (words.1 &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> UInt64(truncatingIfNeeded: 64 &- slots.count.trailingZeroBitCount))
    }

    func entry(of name: String) -> Int? {
        guard let words = IDHash.words(of: name) else { return nil }
        return entry(ofWords: words)
    }

    /// How many slots from a name's own it may be placed in, one after another.
    private static let probes = 4

    func entry(ofWords words: (UInt64, UInt64)) -> Int? {
        // The slot is the top bits of a hash, as many as the count's, a power of two from 16
        // on (`grow`), and the next ones are masked to the count: within the slots, read
        // unchecked. Asked for the actor of every event.
        slots.withUnsafeBufferPointer { slots in
            var i = slot(words)
            for _ in 0..<Self.probes {
                let s = slots[i]
                if s.entry == 0 { return nil }
                if s.words == words { return Int(s.entry) &- 1 }
                i = (i &+ 1) & (slots.count &- 1)
            }
            return nil
        }
    }

    mutating func place(_ name: String, entry: Int) {
        guard let words = IDHash.words(of: name) else { return }
        var i = slot(words)
        for _ in 0..<Self.probes {
            if slots[i].entry == 0 {
                slots[i] = Slot(words: words, entry: Int32(entry + 1))
                return
            }
            i = (i + 1) & (slots.count - 1)
        }
    }

    /// Whether `names` names would fill more than a quarter of the slots: sparse, few names
    /// share one.
    func isCrowded(by names: Int) -> Bool { 4 * names > slots.count }

    /// Twice the slots, `names` (in entry order) placed again. Four times grew a board's table
    /// of agency lists (1,630 at 100k tasks) to 16,384 slots, 0.4 MB, an eighth of it used.
    mutating func grow(placing names: [String]) {
        slots = Self.empty(2 * slots.count)
        for (entry, name) in names.enumerated() { place(name, entry: entry) }
    }
}
