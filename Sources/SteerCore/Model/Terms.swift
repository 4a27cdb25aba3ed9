/// The unit in charge (`owner=`), the deliverable (`product=`) and the directive (`source=`) of
/// a task, in one box that every task given the same three shares. Each recurs across thousands
/// of tasks and the three recur together (1,470 combinations among 100k generated tasks): held
/// in each task, they took 48 of its bytes, where the box takes 8. Never changed once made.
final class Terms: Hashable, Sendable {
    let owner: String?
    let product: String?
    let source: String?

    private init(owner: String?, product: String?, source: String?) {
        self.owner = owner
        self.product = product
        self.source = source
    }

    /// The terms of the three, nil when none is given: a task without any holds no box.
    static func of(owner: String?, product: String?, source: String?) -> Terms? {
        guard owner != nil || product != nil || source != nil else { return nil }
        return Terms(owner: owner, product: product, source: source)
    }

    static func == (a: Terms, b: Terms) -> Bool {
        a === b || (a.owner == b.owner && a.product == b.product && a.source == b.source)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(owner)
        hasher.combine(product)
        hasher.combine(source)
    }
}

/// The terms made so far, each found again by the words of its three texts (`IDHash.words`):
/// the texts replay keeps are shared by the parser (`ValueInterner`) and those a snapshot
/// decodes by its head's list, so recurring terms are the same Strings, and equal words find
/// their box without reading a byte or hashing a text. Equal texts held apart get boxes of
/// their own, which only shares less; the table keeps the Strings whose words it files alive.
/// It starts again, empty, once it holds `capacity` boxes, as the interner does: tasks whose
/// terms never recur cost a box each, and no more.
struct TermsTable: Sendable {
    private struct Words: Equatable, Sendable {
        let owner: (UInt64, UInt64), product: (UInt64, UInt64), source: (UInt64, UInt64)

        /// Nil where a String is not two words (32-bit platforms): no terms are shared there.
        init?(_ owner: String?, _ product: String?, _ source: String?) {
            // (0, 0) for a text not given, which no String's words are.
            func words(_ s: String?) -> (UInt64, UInt64)? {
                guard let s else { return (0, 0) }
                return IDHash.words(of: s)
            }
            guard let o = words(owner), let p = words(product), let s = words(source) else { return nil }
            self.owner = o
            self.product = p
            self.source = s
        }

        static func == (a: Words, b: Words) -> Bool {
            a.owner == b.owner && a.product == b.product && a.source == b.source
        }

        /// Multiplied and folded word by word, from the process's seed.
        func hash(seed: UInt64) -> Int {
            func mix(_ h: UInt64, _ w: (UInt64, UInt64)) -> UInt64 {
                let k: UInt64 = 0x9E37_79B9_7F4A_7C15
                let a = (h ^ w.0) &* k, b = (a ^ a >> 32 ^ w.1) &* k
                return b ^ b >> 32
            }
            return Int(truncatingIfNeeded: mix(mix(mix(seed, owner), product), source))
        }
    }

    /// A box, the words it is filed by and their hash, side by side: a lookup that finds its
    /// box reads one entry, 64 bytes, where the three in arrays of their own, each beside the
    /// same field of the other boxes, took a cache line each (callgrind's cache model, `show
    /// overdue` replaying 100k tasks: 8 first-level misses a lookup then, 4 now).
    private struct Entry: Sendable {
        let words: Words
        let hash: Int
        let box: Terms
    }

    private var slots = HashSlots(count: 64)
    private var entries: [Entry] = []
    /// The process's seed, read once (`ValueInterner.key` says why).
    private let seed = ProcessSeed.value

    static let capacity = 1 << 12

    var count: Int { entries.count }

    /// The box of the three texts, the one made earlier for the same Strings if there is one.
    mutating func terms(owner: String?, product: String?, source: String?) -> Terms? {
        guard owner != nil || product != nil || source != nil else { return nil }
        guard let key = Words(owner, product, source) else { return Terms.of(owner: owner, product: product, source: source) }
        if entries.count == Self.capacity { self = TermsTable() }  // Full: start again.
        let hash = key.hash(seed: seed)
        if slots.isCrowded(by: entries.count + 1) { slots.grow(placing: entries.map(\.hash)) }
        // Read through the buffer: from the array, the probe took 8 instructions more a lookup.
        let probe = entries.withUnsafeBufferPointer { entries in slots.probe(hash) { entries[$0].hash == hash && entries[$0].words == key } }
        switch probe {
        case .found(let entry):
            // The box alone: read as `entries[entry].box`, the whole entry was copied first.
            return entries.withUnsafeBufferPointer { $0.baseAddress.unsafelyUnwrapped.advanced(by: entry).pointer(to: \.box).unsafelyUnwrapped.pointee }
        case .vacant(let slot):
            let box = Terms.of(owner: owner, product: product, source: source)!
            slots.fill(slot, with: entries.count)
            entries.append(Entry(words: key, hash: hash, box: box))
            return box
        case .gaveUp:
            preconditionFailure("an unlimited probe ends at a vacant slot")
        }
    }
}
