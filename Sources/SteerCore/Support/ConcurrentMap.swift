import Dispatch

/// `body(i)` for every i in 0..<count, computed on every core at once, in order. Each result
/// goes to a place of its own, written by its own iteration only, and read once all are done
/// (`concurrentPerform` returns after every iteration): no lock is needed, and the thread
/// sanitizer, which cannot see the standard library's `Mutex` at work, sees no shared write.
public func concurrentMap<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
        results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let places = results
    concurrentForEach(count) { i in places[i] = body(i) }
    return results.map { $0! }
}

/// `body(i)` for every i in 0..<count, on every core at once; returns when all are done. What
/// each iteration writes must be its own (see `concurrentMap`).
func concurrentForEach(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
        nonisolated(unsafe) let work = body
        DispatchQueue.concurrentPerform(iterations: count) { i in work(i) }
    }
}
