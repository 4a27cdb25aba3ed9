import Glibc

/// Reads `count` bytes of the open file `fd` at `offset` into `buffer`, again after an
/// interrupted or partial read: fewer only where the file ends. How many were read, and the
/// `errno` of a read that failed (after those).
func readAll(_ fd: Int32, at offset: Int, count: Int, into buffer: UnsafeMutablePointer<UInt8>) -> (count: Int, failure: Int32?) {
    var done = 0
    while done < count {
        let n = pread(fd, buffer + done, count - done, off_t(offset + done))
        if n < 0 {
            if errno == EINTR { continue }
            return (done, errno)
        }
        if n == 0 { break }
        done += n
    }
    return (done, nil)
}

/// The bytes of the open file `fd` in `range`, all of them, or nil.
func readFully(_ fd: Int32, _ range: Range<Int>) -> [UInt8]? {
    guard !range.isEmpty else { return [] }
    var complete = false
    let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { storage, initialized in
        let read = readAll(fd, at: range.lowerBound, count: range.count, into: storage.baseAddress!)
        initialized = read.count
        complete = read.count == range.count && read.failure == nil
    }
    return complete ? bytes : nil
}
