/// A random number drawn once per process (the standard library's hasher is seeded afresh in
/// each), for the tables replay hashes its own way: no ledger can be written in advance to make
/// their keys collide.
enum ProcessSeed {
    static let value: UInt64 = {
        var hasher = Hasher()
        hasher.combine(0x5EED as UInt64)
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }()
}
