import Glibc

/// The quoted values a parsing thread has read, from one piece of a ledger to the next, each
/// text made once and shared by every event that repeats it. Most do: an owner, a product, a
/// source document, a note ("Đã gửi lấy ý kiến") recur across thousands of tasks, and each was
/// a String of its own, allocated and copied by the parser, kept by the board, and freed with
/// its event. Shared, a repeat costs a
/// hash and a compare, and the board holds one text where it held thousands.
///
/// Only texts longer than a String holds inline (15 bytes) are worth it. The hash is seeded
/// per process, a lookup probes a few slots at most and the table starts again, empty, once it
/// holds `capacity` texts: values made to collide, or all different (titles mostly are), are
/// parsed as before, never slower than a few probes a value, and the texts that recur are
/// learnt again after each new start.
struct ValueInterner {
    /// At most half full.
    private var slots = HashSlots(count: 64)
    private var texts: [String] = []
    private var hashes: [Int] = []
    /// The process's key, read once: read from its global for every value, it was a call to
    /// check that the global was made. Texts are hashed as ids are (`IDHash`: AES rounds where
    /// the CPU has them): multiplied and folded eight bytes at a time, a title of some 60 bytes
    /// took 83 instructions, 20M in all at 100k tasks.
    private let key = ProcessSeed.key

    static let capacity = 1 << 12
    static let maxProbes = 8

    /// How many texts it holds.
    var count: Int { texts.count }
    /// Shorter texts are held inline by String: nothing to share.
    static let minimumBytes = 16

    /// The text of `utf8` (whole characters of a validated line), shared with every earlier
    /// value of the same bytes; `make` makes it when it is new. Texts `make` changes (NFC) are
    /// not shared: the table compares a text's own bytes.
    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>, make: (UnsafeBufferPointer<UInt8>) -> String) -> String {
        guard utf8.count >= Self.minimumBytes else { return make(utf8) }
        if texts.count == Self.capacity { self = ValueInterner() }  // Full: start again.
        let hash = IDHash.of(utf8, key: key)
        if slots.isCrowded(by: texts.count + 1) { slots.grow(placing: hashes) }
        switch slots.probe(hash, limit: Self.maxProbes, { hashes[$0] == hash && Self.same(texts[$0], utf8) }) {
        case .found(let entry):
            return texts[entry]
        case .vacant(let slot):
            let text = make(utf8)
            guard Self.same(text, utf8) else { return text }
            slots.fill(slot, with: texts.count)
            texts.append(text)
            hashes.append(hash)
            return text
        case .gaveUp:
            return make(utf8)
        }
    }

    private static func same(_ text: String, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { stored in
            stored.count == utf8.count && memcmp(stored.baseAddress!, utf8.baseAddress!, utf8.count) == 0
        } ?? false
    }
}
