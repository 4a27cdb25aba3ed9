#ifndef STEER_PREFETCH_H
#define STEER_PREFETCH_H

#include <stdint.h>

/// Asks the CPU to start bringing the cache line at `p` in, for writing, without waiting for
/// it: replay looks up a task some events before it applies one to it, so that the memory of
/// tasks far apart arrives while earlier events are applied. Only a hint; never faults.
static inline void steer_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

/// `steer_prefetch` for every cache line that the `size` bytes from `p` touch. Stepping 64
/// bytes from `p` itself misses the last line when the range crosses one more line boundary
/// than its size in lines: a task of 168 bytes that starts past byte 24 of a line (half of
/// them) lies on four lines, and its state, read first, on the fourth.
static inline void steer_prefetch_range(const void *p, long size) {
    if (size <= 0) return;
    const uintptr_t first = (uintptr_t)p & ~(uintptr_t)63, last = ((uintptr_t)p + (uintptr_t)size - 1) & ~(uintptr_t)63;
    for (uintptr_t line = first; line <= last; line += 64) __builtin_prefetch((const void *)line, 1, 3);
}

#endif
