#include "text_search.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Whether the byte before position `at` ends no word (or there is none). */
static inline bool at_word_start(const uint8_t *text, ptrdiff_t at) {
    if (at == 0) return true;
    const uint8_t c = text[at - 1];
    return !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
}

bool steer_starts_a_word(const uint8_t *text, ptrdiff_t count, const uint8_t *word, ptrdiff_t length) {
    if (length <= 0) return true;
    if (length > count) return false;
    if (length == 1) {
        for (const uint8_t *p = text; (p = memchr(p, word[0], (size_t)(count - (p - text)))) != NULL; p++) {
            if (at_word_start(text, p - text)) return true;
        }
        return false;
    }
    // The last place the word can start.
    const ptrdiff_t last = count - length;
    ptrdiff_t i = 0;
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8((char)word[0]), second = _mm_set1_epi8((char)word[1]);
    // Starts i … i+15, all at most `last`: the loads read bytes i … i+16, and
    // i + 16 <= last + 1 <= count - 1 since the word has two bytes at least.
    for (; i + 15 <= last; i += 16) {
        const __m128i here = _mm_loadu_si128((const __m128i *)(text + i));
        const __m128i next = _mm_loadu_si128((const __m128i *)(text + i + 1));
        unsigned both = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(here, first), _mm_cmpeq_epi8(next, second)));
        while (both != 0) {
            const ptrdiff_t at = i + __builtin_ctz(both);
            if (at_word_start(text, at) && memcmp(text + at + 2, word + 2, (size_t)(length - 2)) == 0) return true;
            both &= both - 1;
        }
    }
#endif
    for (; i <= last; i++) {
        if (text[i] == word[0] && text[i + 1] == word[1] && at_word_start(text, i) && memcmp(text + i + 2, word + 2, (size_t)(length - 2)) == 0) return true;
    }
    return false;
}
