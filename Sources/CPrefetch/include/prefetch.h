#ifndef STEER_PREFETCH_H
#define STEER_PREFETCH_H

/// Asks the CPU to start bringing the cache line at `p` in, for writing, without waiting for
/// it: replay looks up a task some events before it applies one to it, so that the memory of
/// tasks far apart arrives while earlier events are applied. Only a hint; never faults.
static inline void steer_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

#endif
