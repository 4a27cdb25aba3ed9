import Glibc

/// A file written through a large buffer: the generator emits millions of short lines.
final class OutputFile {
    let path: String
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []

    init(path: String) throws(GeneratorError) {
        guard let f = fopen(path, "wb") else { throw .cannotWrite(path, errno) }
        self.path = path
        file = f
        buffer.reserveCapacity(Self.flushAt + 4096)
    }

    static let flushAt = 1 << 20

    func write(_ text: String) throws(GeneratorError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushAt { try flush() }
    }

    func flush() throws(GeneratorError) {
        let written = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw .cannotWrite(path, errno) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; the file is complete only when this returns.
    func close() throws(GeneratorError) {
        try flush()
        if fclose(file) != 0 { throw .cannotWrite(path, errno) }
    }
}

enum GeneratorError: Error, CustomStringConvertible {
    case cannotWrite(String, Int32)

    var description: String {
        switch self {
        case .cannotWrite(let path, let e): return "steer-gen: cannot write \(path): \(String(cString: strerror(e)))"
        }
    }
}
