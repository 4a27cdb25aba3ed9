extension String {
    /// The text's UTF-8 bytes where they lie, else (a String bridged from elsewhere, not stored
    /// as UTF-8) a copy of them. A `var` copy and `withUTF8` retained and released the whole
    /// String, and iterating `utf8` as a sequence cost hundreds of instructions for a short text.
    @inlinable public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try ContiguousArray(utf8).withUnsafeBufferPointer(body)
    }
}
