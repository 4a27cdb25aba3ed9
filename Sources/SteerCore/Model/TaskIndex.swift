import CPrefetch
import CIDHash
import Glibc

/// Where each task lies in the task table, found by a hash of its id. The parser takes the
/// hashes on its own cores (`IDHash`), so that replay never hashes; and one slot is 4 bytes, so
/// that replay can fetch the slot an id will be looked up in long before it looks it up.
/// Tasks are never removed: a slot once filled stays so.
struct TaskIndex: Sendable {
    /// Open addressing, probed one slot after another. A slot holds the top 6 bits of the hash
    /// (its tag) and the task's position plus one in the 26 below; 0 is empty. Never more than
    /// three quarters full, as the standard library's Dictionary: at half, the room replay makes
    /// for the tasks a ledger's size promises (an estimate that errs high) came to twice the
    /// slots, every one of them resident. 8-byte slots, the tag 32 bits, took 2 MB at 100k
    /// tasks, 16 MB at a million: a tag of 6 bits sends one lookup in 64 that meets another
    /// id's slot on to compare that task's id, which replay's lookups, confirmed by the id, do
    /// anyway.
    private var slots: [UInt32]
    /// How many tasks are filed. Their hashes are not kept: the few times the slots grow, each
    /// task's hash is taken again from its id (`rehash`), where keeping half of each took 4
    /// bytes a task.
    private(set) var count = 0

    private static let positionBits: UInt32 = (1 << 26) - 1
    /// The most tasks the slots' 26 bits of position can tell apart.
    static let capacity = Int(positionBits)

    init() { slots = [UInt32](repeating: 0, count: Self.slotCount(for: 0)) }

    var slotCount: Int { slots.count }

    private static func slotCount(for tasks: Int) -> Int {
        var n = 16
        while Self.isCrowded(n, by: tasks) { n *= 2 }
        return n
    }

    /// Whether `tasks` tasks would fill more than three quarters of `slots` slots.
    private static func isCrowded(_ slots: Int, by tasks: Int) -> Bool { 4 * tasks > 3 * slots }

    private var mask: Int { slots.count - 1 }
    private static func tag(_ hash: Int) -> UInt32 { UInt32(UInt(bitPattern: hash) >> 58) }
    private static func tag(ofSlot slot: UInt32) -> UInt32 { slot >> 26 }
    private static func position(ofSlot slot: UInt32) -> Int { Int(slot & positionBits) - 1 }

    /// Starts bringing in the slot `hash` is looked up in first. Only a hint.
    func prefetchSlot(_ hash: Int) {
        slots.withUnsafeBufferPointer { steer_prefetch($0.baseAddress! + (hash & mask)) }
    }

    /// The position of the first task whose hash begins like `hash`: likely the task of that
    /// id, to be confirmed by comparing ids once its memory has arrived (`position`). Inlined
    /// (`Board.allows` says why).
    @inline(__always)
    func candidate(_ hash: Int) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var i = hash & mask
            while slots[i] != 0 {
                if Self.tag(ofSlot: slots[i]) == Self.tag(hash) { return Self.position(ofSlot: slots[i]) }
                i = (i &+ 1) & mask  // Masked: no overflow.
            }
            return nil
        }
    }

    /// The position of the task `id` (of hash `hash`) among `tasks`, if there is one.
    func position(of id: String, hash: Int, in tasks: UnsafeBufferPointer<Assignment>) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var i = hash & mask
            while slots[i] != 0 {
                if Self.tag(ofSlot: slots[i]) == Self.tag(hash) {
                    let p = Self.position(ofSlot: slots[i])
                    if IDHash.same(tasks[p].id, id) { return p }
                }
                i = (i &+ 1) & mask  // Masked: no overflow.
            }
            return nil
        }
    }

    /// Whether one more task would crowd the slots: they must grow first.
    var isFull: Bool { Self.isCrowded(slots.count, by: count + 1) }

    /// Records that the next task, not there yet, has hash `hash`: its position is `count`.
    mutating func append(hash: Int) {
        precondition(count < Self.capacity, "a slot holds a position below 2^26")
        precondition(!isFull, "the slots grow before they are crowded")
        place(hash: hash, position: count)
        count += 1
    }

    /// Makes room for `tasks` tasks in all, placing again the tasks there by their hashes
    /// (`rehash` gives the hash of the task at a position), in the order they came.
    mutating func reserve(_ tasks: Int, rehash: (Int) -> Int) {
        guard Self.isCrowded(slots.count, by: tasks) else { return }
        slots = [UInt32](repeating: 0, count: Self.slotCount(for: max(tasks, 2 * count)))
        for p in 0..<count { place(hash: rehash(p), position: p) }
    }

    private mutating func place(hash: Int, position: Int) {
        slots.withUnsafeMutableBufferPointer { slots in
            var i = hash & (slots.count - 1)
            while slots[i] != 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = Self.tag(hash) << 26 | UInt32(position + 1)
        }
    }
}

/// The hash of a task id that `TaskIndex` files it under: the same in every thread of a process
/// (`steer_id_hash`, AES rounds or SipHash-1-3 under a key drawn afresh in each process, so that
/// no ledger can be written to make every id collide). An id is its bytes: hashed and compared
/// as bytes, not as Unicode text (which would take a Kelvin sign for a K).
enum IDHash {
    static func of(_ id: String) -> Int {
        id.withUTF8Bytes { of($0) }
    }

    static func of(_ id: UnsafeBufferPointer<UInt8>) -> Int { of(id, key: ProcessSeed.key) }

    static func of(_ id: UnsafeBufferPointer<UInt8>, key: (UInt64, UInt64)) -> Int {
        Int(truncatingIfNeeded: steer_id_hash(id.baseAddress, id.count, key.0, key.1))
    }

    /// The two words a String is made of, where it is two words (64-bit platforms); nil
    /// elsewhere. Two Strings of the same words are one text: the same bytes held inline (up to
    /// 15), or the same storage. `same` and `NameTable` compare them before any byte.
    static func words(of s: String) -> (UInt64, UInt64)? {
        MemoryLayout<String>.size == 16 ? unsafeBitCast(s, to: (UInt64, UInt64).self) : nil
    }

    /// Whether two ids are the same bytes. Inlined (`Board.allows` says why).
    @inline(__always)
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
