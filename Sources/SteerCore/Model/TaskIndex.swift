import CPrefetch
import CSipHash
import Glibc

/// Where each task lies in the task table, found by a hash of its id. The parser takes the
/// hashes on its own cores (`IDHash`), so that replay never hashes; and one slot is 8 bytes, so
/// that replay can fetch the slot an id will be looked up in long before it looks it up.
/// Tasks are never removed: a slot once filled stays so.
struct TaskIndex: Sendable {
    /// Open addressing, probed one slot after another. A slot holds the top 32 bits of the hash
    /// and the task's position plus one; 0 is empty. Never more than three quarters full, as
    /// the standard library's Dictionary: at half, the room replay makes for the tasks a
    /// ledger's size promises (an estimate that errs high) came to twice the slots, every one
    /// of them resident (4 MB at 100k tasks, 34 MB at a million).
    private var slots: [UInt64]
    /// The low half of each task's hash, by position: with the tag its slot holds (the high
    /// half), what the slots are placed by again when they grow. Whole, they took 8 bytes a task.
    private var lowHashes: [UInt32] = []

    init() { slots = [UInt64](repeating: 0, count: Self.slotCount(for: 0)) }

    var count: Int { lowHashes.count }
    var slotCount: Int { slots.count }

    private static func slotCount(for tasks: Int) -> Int {
        var n = 16
        while Self.isCrowded(n, by: tasks) { n *= 2 }
        return n
    }

    /// Whether `tasks` tasks would fill more than three quarters of `slots` slots.
    private static func isCrowded(_ slots: Int, by tasks: Int) -> Bool { 4 * tasks > 3 * slots }

    private var mask: Int { slots.count - 1 }
    private static func tag(_ hash: Int) -> UInt64 { UInt64(UInt(bitPattern: hash)) >> 32 }

    /// Starts bringing in the slot `hash` is looked up in first. Only a hint.
    func prefetchSlot(_ hash: Int) {
        slots.withUnsafeBufferPointer { steer_prefetch($0.baseAddress! + (hash & mask)) }
    }

    /// The position of the first task whose hash begins like `hash`: likely the task of that
    /// id, to be confirmed by comparing ids once its memory has arrived (`position`).
    func candidate(_ hash: Int) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var i = hash & mask
            while slots[i] != 0 {
                if slots[i] >> 32 == Self.tag(hash) { return Int(slots[i] & 0xFFFF_FFFF) - 1 }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// The position of the task `id` (of hash `hash`) among `tasks`, if there is one.
    func position(of id: String, hash: Int, in tasks: UnsafeBufferPointer<Assignment>) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var i = hash & mask
            while slots[i] != 0 {
                if slots[i] >> 32 == Self.tag(hash) {
                    let p = Int(slots[i] & 0xFFFF_FFFF) - 1
                    if IDHash.same(tasks[p].id, id) { return p }
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Records that the next task, not there yet, has hash `hash`: its position is `count`.
    mutating func append(hash: Int) {
        precondition(count < Int(UInt32.max), "a slot holds a position below 2^32")
        if Self.isCrowded(slots.count, by: count + 1) { grow(to: count + 1) }
        place(hash: hash, position: count)
        lowHashes.append(UInt32(truncatingIfNeeded: hash))
    }

    /// Makes room for `tasks` tasks in all.
    mutating func reserve(_ tasks: Int) {
        lowHashes.reserveCapacity(tasks)
        if Self.isCrowded(slots.count, by: tasks) { grow(to: tasks) }
    }

    private mutating func grow(to tasks: Int) {
        // Each task's tag read back from its slot, so that the tasks are placed again whole
        // hashes, in the order they came.
        var tags = [UInt64](repeating: 0, count: count)
        for slot in slots where slot != 0 { tags[Int(slot & 0xFFFF_FFFF) - 1] = slot >> 32 }
        slots = [UInt64](repeating: 0, count: Self.slotCount(for: max(tasks, 2 * count)))
        for p in tags.indices { place(hash: Int(bitPattern: UInt(tags[p] << 32 | UInt64(lowHashes[p]))), position: p) }
    }

    private mutating func place(hash: Int, position: Int) {
        slots.withUnsafeMutableBufferPointer { slots in
            var i = hash & (slots.count - 1)
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = Self.tag(hash) << 32 | UInt64(position + 1)
        }
    }
}

/// The hash of a task id that `TaskIndex` files it under: the same in every thread of a process
/// (SipHash-1-3 under a key drawn afresh in each process, so that no ledger can be written to
/// make every id collide). An id is its bytes: hashed and compared as bytes, not as Unicode
/// text (which would take a Kelvin sign for a K).
enum IDHash {
    static func of(_ id: String) -> Int {
        id.withUTF8Bytes { of($0) }
    }

    static func of(_ id: UnsafeBufferPointer<UInt8>) -> Int { of(id, key: ProcessSeed.key) }

    static func of(_ id: UnsafeBufferPointer<UInt8>, key: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: steer_siphash13(id.baseAddress, id.count, key.0, key.1))
    }

    /// The two words a String is made of, where it is two words (64-bit platforms); nil
    /// elsewhere. Two Strings of the same words are one text: the same bytes held inline (up to
    /// 15), or the same storage. `same` and `NameTable` compare them before any byte.
    static func words(of s: String) -> (UInt64, UInt64)? {
        MemoryLayout<String>.size == 16 ? unsafeBitCast(s, to: (UInt64, UInt64).self) : nil
    }

    static func same(_ a: String, _ b: String) -> Bool {
        // Equal words settle most lookups, which find the id they look for, without reaching
        // the bytes (ids of up to 15 bytes, most of them, are held inline).
        if let x = words(of: a), let y = words(of: b), x == y { return true }
        // Lengths first, then memcmp: the generic `elementsEqual` took some 300 instructions per
        // id, and copies made to call `withUTF8` a hundred more.
        guard a.utf8.count == b.utf8.count else { return false }
        let equal = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
        // Strings bridged from elsewhere may not be contiguous: compared byte by byte.
        return (equal ?? nil) ?? a.utf8.elementsEqual(b.utf8)
    }
}
