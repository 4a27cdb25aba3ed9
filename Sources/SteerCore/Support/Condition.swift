import Glibc

/// A mutex and a condition variable, what Foundation's `NSCondition` is on Linux, for threads
/// that wait until another changes what the lock guards (the standard library's `Mutex` cannot
/// wait). The pthread objects live at fixed addresses of their own: they must never move.
public final class Condition: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    public init() {
        // Held for a few instructions at a time: a thread that finds it held spins briefly
        // rather than sleeping at once, which took a call into the kernel to sleep and another
        // to be woken.
        var attributes = pthread_mutexattr_t()
        pthread_mutexattr_init(&attributes)
        pthread_mutexattr_settype(&attributes, Int32(PTHREAD_MUTEX_ADAPTIVE_NP))
        pthread_mutex_init(mutex, &attributes)
        pthread_mutexattr_destroy(&attributes)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// `body`'s result, worked out with the lock held.
    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Unlocks, sleeps until a `broadcast` (or a spurious wake-up: callers wait in a loop), and
    /// locks again. Called with the lock held.
    func wait() { pthread_cond_wait(condition, mutex) }

    func broadcast() { pthread_cond_broadcast(condition) }
}
