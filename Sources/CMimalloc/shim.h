#ifndef STEER_CMIMALLOC_SHIM_H
#define STEER_CMIMALLOC_SHIM_H
#include <mimalloc.h>

/// Asks mimalloc to commit a page only when it is used and to give freed pages back at once,
/// for a short command whose peak resident set matters more than its speed. Options it names
/// exist in mimalloc 2.0 (Debian 12's); later versions renamed most of them, and keep
/// `eager_commit` alone here.
static inline void steer_mimalloc_small_footprint(void) {
    mi_option_set(mi_option_eager_commit, 0);
#if MI_MALLOC_VERSION < 210
    mi_option_set(mi_option_decommit_delay, 0);
    mi_option_set(mi_option_page_reset, 1);
    mi_option_set(mi_option_segment_decommit_delay, 0);
    mi_option_set(mi_option_abandoned_page_decommit, 1);
#endif
}

#endif
