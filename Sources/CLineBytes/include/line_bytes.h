#ifndef STEER_LINE_BYTES_H
#define STEER_LINE_BYTES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__x86_64__)
#include <emmintrin.h>
#endif

/// What `steer_line_kind` finds in a line, as bits.
enum {
    /// A byte of 0x80 or more: the line is not all ASCII.
    STEER_LINE_NOT_ASCII = 1,
    /// A byte 0xCC or 0xCD: the lead byte of a combining diacritical mark (U+0300–U+036F).
    STEER_LINE_MARKS = 2,
    /// A control byte (C0 but tab, or DEL), or UTF-8 that is not well-formed (Unicode Table 3-7:
    /// no overlong form, no surrogate, nothing past U+10FFFF, no sequence cut short).
    STEER_LINE_REFUSED = 4,
    /// This CPU lacks the instructions (SSSE3) the check needs: the caller checks another way.
    STEER_LINE_UNCHECKED = 8,
};

/// Checks the `count` bytes at `bytes` 32 at a time (AVX2; the last 0–31 bytes, and all of them
/// on a CPU without AVX2, 16 at a time: SSSE3), every byte with the same few instructions
/// whatever it is: the UTF-8 check is the table lookup of Keiser and Lemire ("Validating UTF-8 in
/// less than one instruction per byte", 2021), which compares each byte with the three before it
/// through three 16-entry tables. Reads no byte outside the line.
int steer_line_kind(const uint8_t *bytes, ptrdiff_t count);

/// `steer_line_kind` 16 bytes at a time only, as on a CPU without AVX2: the tests hold both to
/// the same answers.
int steer_line_kind_16(const uint8_t *bytes, ptrdiff_t count);

/// `steer_line_kind` over many lines at once, newlines and all: a newline is the one control
/// byte it lets pass besides tab. A text it clears is one whose every line `steer_line_kind`
/// clears (a newline is ASCII, so no sequence runs across one), for the cost of one call
/// instead of one a line.
int steer_lines_kind(const uint8_t *bytes, ptrdiff_t count);

/// `steer_lines_kind` 16 bytes at a time only.
int steer_lines_kind_16(const uint8_t *bytes, ptrdiff_t count);

/// How many terminal cells the `count` bytes of valid UTF-8 at `text` take when every scalar
/// is one of those Vietnamese text and tables are made of: printable ASCII and U+00A0–U+02FF
/// (but the soft hyphen U+00AD) one cell, the combining marks U+0300–U+036F none,
/// U+1E00–U+1EFF (precomposed Vietnamese letters), U+2010–U+2027 (dashes, quotes, the
/// ellipsis) and U+25A0–U+25FC (the screen's marks) one cell; -1 at any other scalar, which
/// needs measuring character by character. None of these scalars is unsafe to show. Texts of
/// 16 bytes or more 16 at a time (SSE2, on a CPU with POPCNT): in Vietnamese a scalar of two
/// or three bytes comes every few letters, and taken one at a time they cost a branch each.
/// Shorter ones two words at a time when they are ASCII, else a byte at a time. Reads no byte
/// outside the text.
ptrdiff_t steer_common_width(const uint8_t *text, ptrdiff_t count);

/// `steer_common_width` a byte at a time, as on a CPU other than x86-64: the tests hold both to
/// the same answers.
ptrdiff_t steer_common_width_bytewise(const uint8_t *text, ptrdiff_t count);

/// Where the name that starts at `from` in the `count` bytes of `line` ends: the index of the
/// first byte at or after `from` that is not a letter, digit, '.', '_' or '-' (ASCII), or
/// `count`. Tests 16 bytes at a time (SSSE3, else one at a time); reads no byte outside the line.
ptrdiff_t steer_name_end(const uint8_t *line, ptrdiff_t count, ptrdiff_t from);

/// The index of the first byte at or after `from` in the `count` bytes of `line` that is `a`,
/// `b`, `c` or `d`, or `count`: where a token, a key, a bare value (which stops at a quote or a
/// backslash it may not hold) or a quoted value's plain run ends. Tests 16
/// bytes at a time (SSE2, which every x86-64 has; elsewhere eight); reads no byte outside the line.
/// Inline, so that the parser's calls, each with its four bytes fixed, are compiled into it
/// with the bytes' vectors made once: called, some six times a line, it took ~45 instructions
/// each, a third of them the call and the vectors made from its arguments.
static inline __attribute__((always_inline)) ptrdiff_t steer_find_any(const uint8_t *line, ptrdiff_t count, ptrdiff_t from, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
#if defined(__x86_64__)
    if (count >= 16) {
        const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c), vd = _mm_set1_epi8((char)d);
#define STOPS(v) (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8((v), va), _mm_cmpeq_epi8((v), vb)), \
                                                          _mm_or_si128(_mm_cmpeq_epi8((v), vc), _mm_cmpeq_epi8((v), vd))))
        for (; from + 16 <= count; from += 16) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(line + from));
            const unsigned stops = STOPS(v);
            if (stops != 0) return from + __builtin_ctz(stops);
        }
        if (from >= count) return count;
        // The line's last 16 bytes, of which those from `from` on are still to test.
        const __m128i last = _mm_loadu_si128((const __m128i *)(line + count - 16));
        const unsigned stops = STOPS(last) >> (from - (count - 16));
#undef STOPS
        return stops != 0 ? from + __builtin_ctz(stops) : count;
    }
#endif
    // Elsewhere, and for short lines, eight bytes at a time: a byte equal to one sought is zero
    // after XOR with it, and only a zero byte borrows into its high bit when one is taken from
    // every byte: whether a word holds one is exact, and the loop stops there to find which.
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const uint64_t wa = a * ones, wb = b * ones, wc = c * ones, wd = d * ones;
    for (; from + 8 <= count; from += 8) {
        uint64_t w;
        memcpy(&w, line + from, sizeof w);
        const uint64_t x = w ^ wa, y = w ^ wb, z = w ^ wc, v = w ^ wd;
        if ((((x - ones) & ~x) | ((y - ones) & ~y) | ((z - ones) & ~z) | ((v - ones) & ~v)) & highs) break;
    }
    while (from < count && line[from] != a && line[from] != b && line[from] != c && line[from] != d) from++;
    return from;
}

#endif
