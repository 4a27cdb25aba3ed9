/// Writes values in the snapshot's one fixed layout: unsigned LEB128 for counts, zigzag LEB128
/// for signed numbers, strings as their UTF-8 length and bytes.
struct SnapshotWriter {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func count(_ v: Int) {
        var x = UInt64(v)
        while x >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: x) | 0x80)
            x >>= 7
        }
        bytes.append(UInt8(x))
    }

    mutating func int(_ v: Int) {
        let zigzag = UInt64(bitPattern: Int64(v) << 1) ^ UInt64(bitPattern: Int64(v) >> 63)
        count(Int(bitPattern: UInt(zigzag)))
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func raw(_ b: some Sequence<UInt8>) { bytes.append(contentsOf: b) }

    /// A number in a fixed number of little-endian bytes, for tables read at any position.
    mutating func fixed<T: FixedWidthInteger & UnsignedInteger>(_ v: T) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Writes `body` preceded by its length in four bytes, so that a reader can step over it.
    mutating func measured(_ body: (inout SnapshotWriter) -> Void) {
        let at = bytes.count
        fixed(UInt32(0))
        body(&self)
        let length = UInt32(bytes.count - at - 4)
        withUnsafeBytes(of: length.littleEndian) { for i in 0..<4 { bytes[at + i] = $0[i] } }
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            count(u.count)
            bytes.append(contentsOf: u)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        bool(v != nil)
        if let v { write(&self, v) }
    }

    mutating func array<T>(_ a: [T], _ write: (inout SnapshotWriter, T) -> Void) {
        count(a.count)
        for v in a { write(&self, v) }
    }

    /// An enum case as its position among the cases.
    mutating func choice<T: CaseIterable & Equatable>(_ v: T) {
        count(T.allCases.firstIndex(of: v).map { T.allCases.distance(from: T.allCases.startIndex, to: $0) } ?? 0)
    }
}

/// Reads what `SnapshotWriter` wrote. Every length is checked against what is left and every
/// string must be valid UTF-8, so a damaged or foreign file is refused, never trusted.
struct SnapshotReader {
    struct Damaged: Error {}

    private let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    /// Bytes not read yet.
    var remaining: Int { bytes.count - position }

    /// The count of an array's elements. Each takes at least one byte: a count larger than
    /// what is left is damage, and must not reserve memory for it.
    mutating func elementCount() throws(Damaged) -> Int {
        let n = try count()
        guard n <= bytes.count - position else { throw Damaged() }
        return n
    }

    mutating func count() throws(Damaged) -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Damaged() }
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        guard v <= UInt64(Int.max) else { throw Damaged() }
        return Int(v)
    }

    mutating func int() throws(Damaged) -> Int {
        let z = UInt64(try count())
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw Damaged() }
        position += 1
        return bytes[position - 1] == 1
    }

    /// Steps over what `SnapshotWriter.string` wrote, without making a String of it.
    mutating func skipString() throws(Damaged) { _ = try raw(count()) }

    mutating func raw(_ n: Int) throws(Damaged) -> UnsafeRawBufferPointer {
        guard n >= 0, n <= bytes.count - position else { throw Damaged() }
        position += n
        return UnsafeRawBufferPointer(start: bytes.baseAddress.map { $0 + (position - n) }, count: n)
    }

    mutating func fixed<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) throws(Damaged) -> T {
        let b = try raw(MemoryLayout<T>.size)
        return T(littleEndian: b.loadUnaligned(as: T.self))
    }

    /// What `SnapshotWriter.measured` wrote, as a reader of its own.
    mutating func measured() throws(Damaged) -> SnapshotReader {
        SnapshotReader(try raw(Int(try fixed(UInt32.self))))
    }

    /// Strings must be valid UTF-8: the digests are in the file itself, so they catch damage but
    /// not a file written on purpose, and text that is not UTF-8 must never reach a String.
    mutating func string() throws(Damaged) -> String {
        let n = try count()
        let start = position
        _ = try raw(n)
        guard let s = Self.text(bytes.assumingMemoryBound(to: UInt8.self), start..<start + n) else { throw Damaged() }
        return s
    }

    /// The bytes at `range` of `readable` as a String, nil when they are not UTF-8. A short
    /// ASCII text (an id, a login) is made from its words where it lies (`SmallASCII`); most
    /// others, holding no control byte, are validated by the ledger's line check (`LineBytes`,
    /// C, 32 bytes at a time) and made without validating again. The standard library's
    /// validation took ~1,850 instructions for a title, most of them looking up generic type
    /// metadata, and ~400 for an id.
    static func text(_ readable: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        if SmallASCII.isLaidOutAsExpected, let s = SmallASCII.make(in: readable, range) { return s }
        let utf8 = UnsafeBufferPointer(rebasing: readable[range])
        if let kind = LineBytes.check(utf8) { return LineParser.string(validated: utf8, isASCII: kind.isASCII) }
        return String(validating: utf8, as: UTF8.self)
    }

    /// `string()`, shared with the texts of the same bytes read before (`ValueInterner`): as
    /// replay shares a title or a note that many tasks repeat, so that a board read from a
    /// snapshot takes no more room than a replayed one.
    mutating func string(sharing values: inout ValueInterner) throws(Damaged) -> String {
        let utf8 = try raw(try count()).assumingMemoryBound(to: UInt8.self)
        var valid = true
        let s = values.text(utf8) { bytes in
            guard let s = Self.text(bytes, 0..<bytes.count) else {
                valid = false
                return ""
            }
            return s
        }
        guard valid else { throw Damaged() }
        return s
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws(Damaged) -> T) throws(Damaged) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout SnapshotReader) throws(Damaged) -> T) throws(Damaged) -> [T] {
        let n = try elementCount()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    mutating func choice<T: CaseIterable>(_: T.Type) throws(Damaged) -> T {
        let i = try count()
        guard i < T.allCases.count else { throw Damaged() }
        return T.allCases[T.allCases.index(T.allCases.startIndex, offsetBy: i)]
    }
}
