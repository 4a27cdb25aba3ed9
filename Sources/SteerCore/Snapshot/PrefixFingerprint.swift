import Crypto
import Dispatch
import Glibc
import Synchronization

/// What the first `length` bytes of a ledger were: the SHA-256 of the SHA-256 of each 4 MiB
/// block, so that the blocks are hashed on every core at once. A snapshot is used only when the
/// ledger still starts with exactly those bytes; any edit of them, or a different file, gives
/// another fingerprint, and a cryptographic hash means no edit can be made to keep it.
public struct PrefixFingerprint: Hashable, Sendable {
    public let length: Int
    public let digest: [UInt8]

    static let blockBytes = 4 << 20

    init(length: Int, digest: [UInt8]) {
        self.length = length
        self.digest = digest
    }

    /// The fingerprint of `bytes`, all of them the ledger's first bytes.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> PrefixFingerprint {
        nonisolated(unsafe) let input = bytes
        return combine(length: bytes.count) { block in
            Array(SHA256.hash(data: UnsafeRawBufferPointer(rebasing: input[block])))
        }!
    }

    /// The fingerprint of the first `length` bytes of the open file `fd`, read a block at a time;
    /// nil when they cannot all be read (the file is shorter, or a read fails).
    public static func of(fd: Int32, length: Int) -> PrefixFingerprint? {
        combine(length: length) { block in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: block.count, alignment: 16)
            defer { buffer.deallocate() }
            var done = 0
            while done < block.count {
                let n = pread(fd, buffer.baseAddress! + done, block.count - done, off_t(block.lowerBound + done))
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return nil }
                done += n
            }
            return Array(SHA256.hash(data: UnsafeRawBufferPointer(buffer)))
        }
    }

    /// Hashes the blocks of `0..<length` on every core, then hashes their digests in order.
    private static func combine(length: Int, _ hashBlock: @Sendable (Range<Int>) -> [UInt8]?) -> PrefixFingerprint? {
        let blocks = stride(from: 0, to: length, by: blockBytes).map { $0..<min($0 + blockBytes, length) }
        let digests = Mutex([[UInt8]?](repeating: nil, count: blocks.count))
        DispatchQueue.concurrentPerform(iterations: blocks.count) { i in
            let d = hashBlock(blocks[i])
            digests.withLock { $0[i] = d }
        }
        var whole = SHA256()
        for d in digests.withLock({ $0 }) {
            guard let d else { return nil }
            whole.update(data: d)
        }
        return PrefixFingerprint(length: length, digest: Array(whole.finalize()))
    }
}
