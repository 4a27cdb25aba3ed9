import Glibc

/// The bytes of one piece of a parse in pieces (`LedgerParser.parseInPieces`): whole lines,
/// but for a torn last line where the input ends.
struct Piece: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where `bytes` start in the input.
    let offset: Int
    /// The line number of the first byte, set once the lines of the pieces before it are counted.
    var firstLine = 0
    /// The input ends here: the file came up short (it shrank while it was read), or could not
    /// be read (`readError`). Nothing after this piece is parsed.
    let endsInput: Bool
    /// The `errno` of a read of the file that failed: the piece is not taken in.
    let readError: Int32?
    /// The memory holding `bytes` when they were read for this piece: kept until the piece is
    /// replayed, then handed to a later piece.
    let storage: PieceStorage?

    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, endsInput: Bool = false, readError: Int32? = nil, storage: PieceStorage? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.endsInput = endsInput
        self.readError = readError
        self.storage = storage
    }

    /// The bytes of `range` of the input, which lies in this piece.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let start = range.lowerBound - offset
        return UnsafeBufferPointer(rebasing: bytes[start..<(start + range.count)])
    }

    /// A copy of the bytes of `range` of the input, which lies in this piece.
    func text(_ range: Range<Int>) -> [UInt8] { Array(slice(range)) }
}

/// Where the pieces of a parse in pieces come from.
protocol PieceSource: Sendable {
    /// How many pieces; at most one means the input is parsed whole, on the calling thread.
    var count: Int { get }
    /// Piece `i`, read into `spare` (memory of a piece already replayed) when it is given.
    func piece(_ i: Int, reusing spare: PieceStorage?) -> Piece
    /// The whole input as one piece, for an input of at most one piece.
    func whole() -> Piece
}

/// Pieces of bytes in memory, each a range of them.
struct MemoryPieces: PieceSource, @unchecked Sendable {
    // Only read, and only while the parse that was handed it runs.
    let bytes: UnsafeBufferPointer<UInt8>
    let bounds: [Range<Int>]

    var count: Int { bounds.count }

    func piece(_ i: Int, reusing spare: PieceStorage?) -> Piece {
        Piece(bytes: UnsafeBufferPointer(rebasing: bytes[bounds[i]]), offset: bounds[i].lowerBound)
    }

    func whole() -> Piece { Piece(bytes: bytes, offset: 0) }
}

/// Pieces of a range of an open file, each read by the thread that parses it (a worker, or the
/// replaying thread when it parses one itself), never in memory whole. The range starts where
/// a line starts. Piece `i` holds the lines that start in its stretch (`stretch(i)`:
/// `pieceBytes` bytes, the last ones fewer); it reads the byte before its stretch (a line
/// starts at the stretch's first byte only after a newline) and, past the stretch, on to the
/// end of the last line begun in it.
struct FilePieces: PieceSource {
    let fd: Int32
    let range: Range<Int>
    let pieceBytes: Int
    /// Where the last pieces, an eighth of the size, begin. The replaying thread takes the
    /// pieces in order while the workers parse up to `LedgerParser.lookahead` pieces ahead of
    /// it, so when the workers are done it still has that many to replay alone, a core idle
    /// (some 15 ms of a 240 ms replay at 100k tasks); cut small, that stretch is short.
    let taperStart: Int
    let taperPieceBytes: Int

    /// `range` of `fd` in pieces of at most `pieceBytes`, and at least two for each core, as
    /// bytes in memory are split; in one piece when shorter than `minimumSplitBytes`.
    init(fd: Int32, range: Range<Int>, pieceBytes: Int, minimumSplitBytes: Int) {
        self.fd = fd
        self.range = range
        let split = range.count >= minimumSplitBytes
        self.pieceBytes = split ? min(pieceBytes, max(range.count / (2 * LedgerParser.cores), 1)) : max(range.count, 1)
        taperStart = split ? range.upperBound - min(range.count / 2, LedgerParser.lookahead * self.pieceBytes) : range.upperBound
        taperPieceBytes = max(self.pieceBytes / 8, 1)
    }

    /// Pieces of `pieceBytes` up to `taperStart`, then of `taperPieceBytes`.
    private var fullCount: Int { (taperStart - range.lowerBound + pieceBytes - 1) / pieceBytes }

    var count: Int { fullCount + (range.upperBound - taperStart + taperPieceBytes - 1) / taperPieceBytes }

    /// The bytes piece `i` reads the lines that start in.
    func stretch(_ i: Int) -> Range<Int> {
        if i < fullCount {
            return (range.lowerBound + i * pieceBytes)..<min(range.lowerBound + (i + 1) * pieceBytes, taperStart)
        }
        let j = i - fullCount
        return (taperStart + j * taperPieceBytes)..<min(taperStart + (j + 1) * taperPieceBytes, range.upperBound)
    }

    /// How much more is read at a time for a line that runs past its stretch.
    static let overrun = 64 << 10
    /// How much past its stretch a piece reads with the stretch: the end of the last line begun
    /// in it, most often, in the same read. Reading an `overrun` after the stretch instead took
    /// a second read and copied a quarter more of the file than it holds.
    static let slack = 4 << 10

    func piece(_ i: Int, reusing spare: PieceStorage?) -> Piece {
        let stretch = stretch(i)
        let isLast = stretch.upperBound == range.upperBound
        let from = i == 0 ? stretch.lowerBound : stretch.lowerBound - 1
        let storage = spare ?? PieceStorage(capacity: pieceBytes + 1 + Self.overrun)
        var filled = 0
        let stretchEnd = stretch.upperBound - from
        var status = storage.read(fd, at: from, count: min(stretch.upperBound + Self.slack, range.upperBound) - from, after: &filled)
        // The stretch was read whole: what came short after it is looked into only for the end
        // of its last line.
        if filled >= stretchEnd { status = .complete }
        var start = 0
        if i > 0 {
            // The lines that start in the stretch begin after the first newline from the byte
            // before it; a stretch inside one long line holds none.
            guard filled > 0, let nl = memchr(storage.bytes, 10, min(filled, stretch.count)) else {
                return Piece(bytes: UnsafeBufferPointer(start: storage.bytes, count: 0), offset: stretch.lowerBound - range.lowerBound,
                             endsInput: status != .complete, readError: status.error, storage: storage)
            }
            start = storage.bytes.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
        }
        // Past the stretch, up to and including the newline that ends the last line begun in it
        // (its last byte's, or one after). Where the file ends (or fails) past that newline,
        // it is the next pieces' business.
        if !isLast, status == .complete {
            var searched = stretchEnd - 1
            while true {
                if let nl = memchr(storage.bytes + searched, 10, filled - searched) {
                    filled = storage.bytes.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                    status = .complete
                    break
                }
                guard status == .complete, from + filled < range.upperBound else { break }
                searched = filled
                status = storage.read(fd, at: from + filled, count: min(Self.overrun, range.upperBound - (from + filled)), after: &filled)
            }
        }
        let offset: Int = from + start - range.lowerBound
        return Piece(bytes: UnsafeBufferPointer(start: storage.bytes + start, count: filled - start), offset: offset,
                     endsInput: status != .complete, readError: status.error, storage: storage)
    }

    func whole() -> Piece {
        let storage = PieceStorage(capacity: range.count)
        var filled = 0
        let status = storage.read(fd, at: range.lowerBound, count: range.count, after: &filled)
        return Piece(bytes: UnsafeBufferPointer(start: storage.bytes, count: filled), offset: 0,
                     endsInput: status != .complete, readError: status.error, storage: storage)
    }
}

/// Memory a piece of a file is read into, grown for a long line. A piece's bytes start at the
/// same place within 64 bytes of memory as their first byte within 64 bytes of the file: the
/// kernel's copy into memory that disagrees with the file by a few bytes took three times as
/// long. Pieces start a byte before their stretch, so every read disagreed: reading the
/// 100k-task ledger's 68 MB took 28 ms of the kernel's time instead of 8 (a throwaway reader
/// in C: 32 KB `pread`s at an offset one short of a page, into memory at each alignment).
final class PieceStorage: @unchecked Sendable {
    // Written by the one thread that reads a piece into it; read by the replaying thread only
    // after the piece was handed over through `PieceQueue`'s lock.
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    /// The memory `bytes` lies in, aligned to `alignment`, and its size.
    private var memory: UnsafeMutablePointer<UInt8>
    private var size: Int

    static let alignment = 64

    init(capacity: Int) {
        size = max(capacity, 1) + Self.alignment
        memory = Self.allocate(size)
        bytes = memory
    }

    /// `size` bytes on a boundary of `alignment`.
    private static func allocate(_ size: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer.allocate(byteCount: size, alignment: alignment).bindMemory(to: UInt8.self, capacity: size)
    }

    deinit { memory.deallocate() }

    enum ReadStatus: Equatable {
        case complete
        /// The file ended before `count` bytes: it shrank while it was read.
        case shortOfEnd
        case failed(errno: Int32)

        var error: Int32? {
            if case .failed(let e) = self { return e }
            return nil
        }
    }

    /// Reads `count` bytes of `fd` at `offset` to follow the `filled` bytes held already, and
    /// counts them into `filled`. Bytes held are kept when the memory grows. The first read of
    /// a piece (nothing `filled`) places its bytes by the offset's alignment.
    func read(_ fd: Int32, at offset: Int, count: Int, after filled: inout Int) -> ReadStatus {
        if filled == 0 { bytes = memory + offset % Self.alignment }
        let lead = memory.distance(to: bytes)
        if lead + filled + count > size {
            let grown = max(lead + filled + count, 2 * size)
            let larger = Self.allocate(grown)
            (larger + lead).update(from: bytes, count: filled)
            memory.deallocate()
            memory = larger
            size = grown
            bytes = larger + lead
        }
        let read = readAll(fd, at: offset, count: count, into: bytes + filled)
        filled += read.count
        if let failure = read.failure { return .failed(errno: failure) }
        return read.count == count ? .complete : .shortOfEnd
    }
}
