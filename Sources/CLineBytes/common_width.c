#include "line_bytes.h"

// The common scalars of `steer_common_width`, read from valid UTF-8 a byte at a time: each
// lead byte decides its scalar from the bytes after it (`next`, `third`), and a continuation
// byte counts for nothing, its lead having counted for it. -1 for any other scalar.
static inline int cells_of_byte(uint8_t c, uint8_t next, uint8_t third) {
    if (c >= 0x20 && c < 0x7F) return 1;
    if (c >= 0x80 && c <= 0xBF) return 0;
    switch (c) {
    // Not the soft hyphen (C2 AD), which is shown as its escape (`Sanitizer`).
    case 0xC2: return next >= 0xA0 && next != 0xAD ? 1 : -1;
    case 0xC3: case 0xC4: case 0xC5: case 0xC6: case 0xC7: case 0xC8: case 0xC9: case 0xCA: case 0xCB: return 1;
    // Combining marks: all of U+0300–U+033F, and U+0340–U+036F.
    case 0xCC: return 0;
    case 0xCD: return next < 0xB0 ? 0 : -1;
    case 0xE1: return next >= 0xB8 && next <= 0xBB ? 1 : -1;
    case 0xE2:
        if (next == 0x80) return third >= 0x90 && third <= 0xA7 ? 1 : -1;
        if (next == 0x96) return third >= 0xA0 ? 1 : -1;
        // U+25FD and U+25FE, after U+25FC, are wide.
        if (next == 0x97) return third <= 0xBC ? 1 : -1;
        return -1;
    default: return -1;
    }
}

ptrdiff_t steer_common_width_bytewise(const uint8_t *text, ptrdiff_t count) {
    ptrdiff_t width = 0;
    for (ptrdiff_t i = 0; i < count; i++) {
        if (text[i] >= 0x20 && text[i] < 0x7F) { width++; continue; }
        const int cells = cells_of_byte(text[i], i + 1 < count ? text[i + 1] : 0, i + 2 < count ? text[i + 2] : 0);
        if (cells < 0) return -1;
        width += cells;
    }
    return width;
}

// Whether every byte of `w` is printable ASCII (0x20–0x7E): none has borrowed into its high
// bit when 0x20 is taken from each, and none reaches it when 1 is added (or had it already).
static inline int printable_ascii(uint64_t w) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    return ((((w - 0x20 * ones) & ~w) | ((w + ones) | w)) & highs) == 0;
}

#if defined(__x86_64__)
// Each byte of `v` from `low` to `high` (unsigned): all ones, else zero.
static inline __m128i in_range(__m128i v, uint8_t low, uint8_t high) {
    const __m128i shifted = _mm_sub_epi8(v, _mm_set1_epi8((char)low));
    return _mm_cmpeq_epi8(_mm_min_epu8(shifted, _mm_set1_epi8((char)(high - low))), shifted);
}

static inline __m128i is(__m128i v, uint8_t byte) { return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)byte)); }

// `cells_of_byte` for 16 bytes at once: `at` the bytes, `next` and `third` the same shifted by
// one and two. The cells of the lanes `lanes` keeps, or -1 when one of them is not common.
__attribute__((target("popcnt")))
static inline int cells_of_block(__m128i at, __m128i next, __m128i third, unsigned lanes) {
    const __m128i one = _mm_or_si128(
        _mm_or_si128(in_range(at, 0x20, 0x7E), in_range(at, 0xC3, 0xCB)),
        _mm_or_si128(
            _mm_and_si128(is(at, 0xC2), _mm_andnot_si128(is(next, 0xAD), in_range(next, 0xA0, 0xBF))),
            _mm_or_si128(
                _mm_and_si128(is(at, 0xE1), in_range(next, 0xB8, 0xBB)),
                _mm_and_si128(is(at, 0xE2), _mm_or_si128(
                    _mm_and_si128(is(next, 0x80), in_range(third, 0x90, 0xA7)),
                    _mm_or_si128(_mm_and_si128(is(next, 0x96), in_range(third, 0xA0, 0xBF)),
                                 _mm_and_si128(is(next, 0x97), in_range(third, 0x80, 0xBC))))))));
    const __m128i none = _mm_or_si128(
        _mm_or_si128(in_range(at, 0x80, 0xBF), is(at, 0xCC)),
        _mm_and_si128(is(at, 0xCD), in_range(next, 0x80, 0xAF)));
    const unsigned ones = (unsigned)_mm_movemask_epi8(one) & lanes;
    if ((ones | ((unsigned)_mm_movemask_epi8(none) & lanes)) != lanes) return -1;
    return __builtin_popcount(ones);
}

static inline __m128i load(const uint8_t *p) { return _mm_loadu_si128((const __m128i *)p); }

// Texts of 16 bytes or more: whole blocks while the two bytes after each are in the text, then
// the text's last 16 bytes, the lanes done already left out and the bytes after each shifted
// in from the block itself (zeros past the end, where in valid UTF-8 no lead byte looks).
__attribute__((target("popcnt")))
static ptrdiff_t common_width_blocks(const uint8_t *text, ptrdiff_t count) {
    ptrdiff_t width = 0, i = 0;
    for (; i + 18 <= count; i += 16) {
        const int cells = cells_of_block(load(text + i), load(text + i + 1), load(text + i + 2), 0xFFFF);
        if (cells < 0) return -1;
        width += cells;
    }
    if (i == count) return width;
    // 17 bytes left: the first of them on its own, its two after it in the text.
    if (count - i == 17) {
        const int cells = cells_of_byte(text[i], text[i + 1], text[i + 2]);
        if (cells < 0) return -1;
        width += cells;
        i++;
    }
    const __m128i last = load(text + count - 16);
    const int cells = cells_of_block(last, _mm_srli_si128(last, 1), _mm_srli_si128(last, 2), 0xFFFFu << (i - (count - 16)) & 0xFFFF);
    return cells < 0 ? -1 : width + cells;
}
#endif

ptrdiff_t steer_common_width(const uint8_t *text, ptrdiff_t count) {
#if defined(__x86_64__)
    if (count >= 16 && __builtin_cpu_supports("popcnt")) return common_width_blocks(text, count);
#endif
    // Most shorter texts (an id, a date, a number, a state) are ASCII: two words settle them.
    if (count >= 8) {
        uint64_t first, last;
        memcpy(&first, text, sizeof first);
        memcpy(&last, text + count - 8, sizeof last);
        if (printable_ascii(first) && printable_ascii(last)) return count;
    }
    return steer_common_width_bytewise(text, count);
}
