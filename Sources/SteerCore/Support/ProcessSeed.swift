/// A random number drawn once per process (the standard library's hasher is seeded afresh in
/// each), for the tables replay hashes its own way: no ledger can be written in advance to make
/// their keys collide.
enum ProcessSeed {
    static let value = draw(0x5EED)

    /// Another 128 bits, for the hash of task ids (`IDHash`).
    static let key = (draw(0x5EED + 1), draw(0x5EED + 2))

    /// The standard library's hash of `n`, which differs from process to process.
    private static func draw(_ n: UInt64) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(n)
        return UInt64(UInt(bitPattern: hasher.finalize()))
    }
}
