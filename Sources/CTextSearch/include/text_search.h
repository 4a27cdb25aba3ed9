#ifndef STEER_TEXT_SEARCH_H
#define STEER_TEXT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether the `length` bytes at `word` occur in the `count` bytes at `text`. Reads no byte
/// outside `text`. A typed filter searches every row of a board with it: 16 positions at a time
/// are tested for the word's first two bytes together (SSE2, which every x86-64 has), where a
/// search for the first byte alone stops at every "d" of a Vietnamese text.
bool steer_contains(const uint8_t *text, ptrdiff_t count, const uint8_t *word, ptrdiff_t length);

#endif
