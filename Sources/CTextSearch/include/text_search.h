#ifndef STEER_TEXT_SEARCH_H
#define STEER_TEXT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/// Whether the `length` bytes at `word` begin a word of the `count` bytes at `text`: they occur
/// where `text` starts or after a byte that is not a lowercase ASCII letter or digit (folded,
/// Vietnamese is ASCII; what is left, an en dash, a curly quote, a no-break space or another
/// script's letter, parts words). Folded, "ha noi" then finds "Hà Nội" and not "Hoàn thành kết
/// nối", and "2030" finds "2026–2030". Reads no byte outside `text`. A typed filter searches
/// every row of a board with it: 16 positions at a time are tested for the word's first two
/// bytes together (SSE2, which every x86-64 has), where a search for the first byte alone stops
/// at every "d" of a Vietnamese text.
bool steer_starts_a_word(const uint8_t *text, ptrdiff_t count, const uint8_t *word, ptrdiff_t length);

#endif
