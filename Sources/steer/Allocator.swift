#if STEER_MIMALLOC
// Imported, it also links mimalloc, whose malloc and free then take the place of glibc's for
// the whole process (the Swift runtime's allocations included).
import CMimalloc
#endif

/// Release builds on Linux allocate with mimalloc. With glibc's malloc, replaying a million
/// tasks spent a third of its parsing threads' time in malloc and free, as the heap filled with
/// text the board keeps between text freed at once (`steer check` at 1M: 6.0 → 4.3 s).
enum Allocator {
    /// For a command that reads part of a board, prints and exits (`show`): mimalloc's defaults
    /// trade memory for speed (pages committed ahead of use, freed pages kept a while), which
    /// raised a report's peak resident set by ~3 MB. These commit a page only when it is used
    /// and give freed pages back after a millisecond.
    static func preferSmallFootprint() {
        #if STEER_MIMALLOC
        steer_mimalloc_small_footprint()
        #endif
    }
}
