import Crypto

/// What the first `length` bytes of a ledger were, fingerprinted from exactly the bytes a
/// reader parsed. Made of segments, one per stretch of the file a reader took in between two
/// snapshots; each segment is the SHA-256 of the SHA-256 of its 4 MiB blocks, so that checking
/// a file hashes all its blocks on every core at once. A snapshot is used only while the ledger
/// still starts with exactly those bytes: any edit of them, or another file, fails the check,
/// and a cryptographic hash means no edit can be made to pass it.
public struct PrefixFingerprint: Hashable, Sendable {
    public struct Segment: Hashable, Sendable {
        public let length: Int
        public let digest: [UInt8]
    }

    public let segments: [Segment]

    static let blockBytes = 4 << 20

    init(segments: [Segment]) { self.segments = segments }

    public var length: Int { segments.reduce(0) { $0 + $1.length } }

    /// This fingerprint with the bytes `hasher` took in after it.
    func extended(by hasher: SegmentHasher) -> PrefixFingerprint {
        hasher.length == 0 ? self : PrefixFingerprint(segments: segments + [hasher.finished()])
    }

    /// Whether the open file `fd` begins with the bytes this fingerprint stands for, read a
    /// block at a time on every core; false when they cannot all be read.
    public func matches(fd: Int32) -> Bool {
        var blocks: [(segment: Int, range: Range<Int>)] = []
        var start = 0
        for (s, segment) in segments.enumerated() {
            for b in stride(from: 0, to: segment.length, by: Self.blockBytes) {
                blocks.append((s, (start + b)..<(start + min(b + Self.blockBytes, segment.length))))
            }
            start += segment.length
        }
        let ranges = blocks.map(\.range)
        let digests = concurrentMap(ranges.count) { Self.digest(fd: fd, ranges[$0]) }
        var perSegment = [SHA256](repeating: SHA256(), count: segments.count)
        for (i, d) in digests.enumerated() {
            guard let d else { return false }
            perSegment[blocks[i].segment].update(data: d)
        }
        return zip(perSegment, segments).allSatisfy { hash, segment in Array(hash.finalize()) == segment.digest }
    }

    /// The SHA-256 of the file's bytes in `range`; nil when they cannot all be read.
    private static func digest(fd: Int32, _ range: Range<Int>) -> [UInt8]? {
        readFully(fd, range).map { Array(SHA256.hash(data: $0)) }
    }
}

/// Hashes a segment's bytes as a reader takes them in, in the fingerprint's 4 MiB blocks, so
/// that a snapshot's fingerprint is of the very bytes its board was replayed from: a file
/// rewritten between reading and fingerprinting cannot pair an old board with new bytes.
struct SegmentHasher {
    private(set) var length = 0
    private var blockDigests: [UInt8] = []
    private var block = SHA256()
    private var inBlock = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var rest = bytes
        while !rest.isEmpty {
            let take = min(rest.count, PrefixFingerprint.blockBytes - inBlock)
            block.update(bufferPointer: UnsafeRawBufferPointer(rebasing: rest[0..<take]))
            inBlock += take
            length += take
            rest = UnsafeRawBufferPointer(rebasing: rest[take...])
            if inBlock == PrefixFingerprint.blockBytes {
                blockDigests += block.finalize()
                block = SHA256()
                inBlock = 0
            }
        }
    }

    /// The segment of everything added, its last block perhaps short.
    func finished() -> PrefixFingerprint.Segment {
        var digests = blockDigests
        if inBlock > 0 { digests += block.finalize() }
        return PrefixFingerprint.Segment(length: length, digest: Array(SHA256.hash(data: digests)))
    }
}
