#include "line_bytes.h"

#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>

// What a byte and the byte before it can do wrong, one bit each. A pair is ill-formed when
// the three tables (the first byte's high and low nibble, the second byte's high nibble) agree
// on one bit.
enum {
    TOO_SHORT = 1 << 0,       // a lead byte not followed by a continuation: 11______ 0_______, 11______ 11______
    TOO_LONG = 1 << 1,        // a continuation after ASCII: 0_______ 10______
    OVERLONG_3 = 1 << 2,      // 11100000 100_____
    TOO_LARGE = 1 << 3,       // past U+10FFFF: 11110100 1001____, 11110100 101_____, 11110101+ 10______
    SURROGATE = 1 << 4,       // 11101101 101_____
    OVERLONG_2 = 1 << 5,      // 1100000_ 10______
    TOO_LARGE_1000 = 1 << 6,  // 11110101+ 1000____
    OVERLONG_4 = 1 << 6,      // 11110000 1000____
    TWO_CONTS = 1 << 7,       // 10______ 10______: an error unless a three- or four-byte lead came before
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

#define NIBBLES(x) _mm_and_si128(_mm_srli_epi16((x), 4), _mm_set1_epi8(0x0F))

static const uint8_t first_high[16] = {
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        TOO_SHORT | OVERLONG_2,
        TOO_SHORT,
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4};
static const uint8_t first_low[16] = {
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,
        CARRY | OVERLONG_2,
        CARRY,
        CARRY,
        CARRY | TOO_LARGE,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000};
static const uint8_t second_high[16] = {
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT};

/// What the check has found so far, and the block before the next one: a sequence may run on
/// from one block into the next.
typedef struct {
    __m128i previous, error, high, marks;
} line_state;

/// Checks the bytes from `i` on, 16 at a time, after those `state` stands for. `separator` is
/// the one control byte allowed besides tab: tab again for one line, newline for many.
__attribute__((target("ssse3")))
static int line_kind_ssse3_from(const uint8_t *bytes, ptrdiff_t count, ptrdiff_t i, line_state state, uint8_t separator) {
    const __m128i firstHigh = _mm_loadu_si128((const __m128i *)first_high);
    const __m128i firstLow = _mm_loadu_si128((const __m128i *)first_low);
    const __m128i secondHigh = _mm_loadu_si128((const __m128i *)second_high);
    // Bytes below 0x20 (unsigned) are the most 0x1F can be; tab is the one allowed.
    const __m128i lastControl = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(9), del = _mm_set1_epi8(0x7F);
    const __m128i allowed = _mm_set1_epi8((char)separator);
    const __m128i markMask = _mm_set1_epi8((char)0xFE), markLead = _mm_set1_epi8((char)0xCC);

    // What may end a block: its last three bytes must not start a sequence longer than the
    // bytes left in it. A block of ASCII after one that ends so is an error, found without
    // looking at the ASCII block's pairs.
    const __m128i mostAtEnd = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)0xEF, (char)0xDF, (char)0xBF);

    __m128i previous = state.previous, error = state.error, high = state.high, marks = state.marks;
    for (;;) {
        __m128i input;
        if (i + 16 <= count) {
            input = _mm_loadu_si128((const __m128i *)(bytes + i));
        } else if (i == count) {
            break;
        } else if (count >= 16) {
            // The last r bytes, moved down from the line's last 16 and followed by spaces: a
            // sequence cut short at the line's end is then one followed by ASCII.
            const ptrdiff_t r = count - i;
            static const uint8_t places[32] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80};
            static const uint8_t spaces[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
            const __m128i last = _mm_loadu_si128((const __m128i *)(bytes + count - 16));
            input = _mm_or_si128(_mm_shuffle_epi8(last, _mm_loadu_si128((const __m128i *)(places + 16 - r))),
                                 _mm_loadu_si128((const __m128i *)(spaces + 16 - r)));
        } else {
            // A line shorter than a block (no event is: its time alone takes 17 bytes).
            uint8_t tail[16];
            memset(tail, ' ', sizeof tail);
            memcpy(tail, bytes + i, (size_t)(count - i));
            input = _mm_loadu_si128((const __m128i *)tail);
        }
        i = i + 16 <= count ? i + 16 : count;
        const __m128i control = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(input, tab), _mm_cmpeq_epi8(input, allowed)),
                                                 _mm_cmpeq_epi8(_mm_min_epu8(input, lastControl), input));
        error = _mm_or_si128(error, _mm_or_si128(control, _mm_cmpeq_epi8(input, del)));
        if (_mm_movemask_epi8(input) == 0) {
            // ASCII (a line's time, actor, verb and id; most keys and many values).
            error = _mm_or_si128(error, _mm_subs_epu8(previous, mostAtEnd));
            previous = input;
            continue;
        }
        high = _mm_or_si128(high, input);
        marks = _mm_or_si128(marks, _mm_cmpeq_epi8(_mm_and_si128(input, markMask), markLead));

        const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
        const __m128i pairs = _mm_and_si128(
            _mm_and_si128(_mm_shuffle_epi8(firstHigh, NIBBLES(prev1)),
                          _mm_shuffle_epi8(firstLow, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
            _mm_shuffle_epi8(secondHigh, NIBBLES(input)));
        // A third byte after a three- or four-byte lead, or a fourth after a four-byte one, must
        // be a continuation, which `pairs` then flags as TWO_CONTS: the two cancel out.
        const __m128i prev2 = _mm_alignr_epi8(input, previous, 14), prev3 = _mm_alignr_epi8(input, previous, 13);
        const __m128i mustContinue = _mm_and_si128(
            _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8((char)(0xE0 - 0x80))), _mm_subs_epu8(prev3, _mm_set1_epi8((char)(0xF0 - 0x80)))),
            _mm_set1_epi8((char)0x80));
        error = _mm_or_si128(error, _mm_xor_si128(mustContinue, pairs));
        previous = input;
    }
    error = _mm_or_si128(error, _mm_subs_epu8(previous, mostAtEnd));

    const __m128i zero = _mm_setzero_si128();
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(error, zero)) != 0xFFFF) return STEER_LINE_REFUSED;
    return (_mm_movemask_epi8(high) != 0 ? STEER_LINE_NOT_ASCII : 0) | (_mm_movemask_epi8(marks) != 0 ? STEER_LINE_MARKS : 0);
}

__attribute__((target("ssse3")))
static int line_kind_ssse3(const uint8_t *bytes, ptrdiff_t count, uint8_t separator) {
    // The line starts after ASCII, with nothing found.
    const line_state start = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
    return line_kind_ssse3_from(bytes, count, 0, start, separator);
}

#define NIBBLES256(x) _mm256_and_si256(_mm256_srli_epi16((x), 4), _mm256_set1_epi8(0x0F))

/// The same check 32 bytes at a time (AVX2), for all the whole blocks of 32 a line has (three
/// of a line's four on average); the rest goes on 16 at a time. The tables are the same in both
/// halves of a register, as AVX2 shuffles each half on its own; the bytes before a byte come
/// from the other half, or the block before, through a permute.
__attribute__((target("avx2")))
static int line_kind_avx2(const uint8_t *bytes, ptrdiff_t count, uint8_t separator) {
    const __m256i firstHigh = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)first_high));
    const __m256i firstLow = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)first_low));
    const __m256i secondHigh = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)second_high));
    const __m256i lastControl = _mm256_set1_epi8(0x1F), tab = _mm256_set1_epi8(9), del = _mm256_set1_epi8(0x7F);
    const __m256i allowed = _mm256_set1_epi8((char)separator);
    const __m256i markMask = _mm256_set1_epi8((char)0xFE), markLead = _mm256_set1_epi8((char)0xCC);
    const __m256i mostAtEnd = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                               -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)0xEF, (char)0xDF, (char)0xBF);
    __m256i previous = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256(), high = _mm256_setzero_si256(), marks = _mm256_setzero_si256();
    ptrdiff_t i = 0;
    for (; i + 32 <= count; i += 32) {
        const __m256i input = _mm256_loadu_si256((const __m256i *)(bytes + i));
        const __m256i control = _mm256_andnot_si256(_mm256_or_si256(_mm256_cmpeq_epi8(input, tab), _mm256_cmpeq_epi8(input, allowed)),
                                                    _mm256_cmpeq_epi8(_mm256_min_epu8(input, lastControl), input));
        error = _mm256_or_si256(error, _mm256_or_si256(control, _mm256_cmpeq_epi8(input, del)));
        if (_mm256_movemask_epi8(input) == 0) {
            error = _mm256_or_si256(error, _mm256_subs_epu8(previous, mostAtEnd));
            previous = input;
            continue;
        }
        high = _mm256_or_si256(high, input);
        marks = _mm256_or_si256(marks, _mm256_cmpeq_epi8(_mm256_and_si256(input, markMask), markLead));
        // The block's first half after the previous block's second, then its second half after its first.
        const __m256i before = _mm256_permute2x128_si256(previous, input, 0x21);
        const __m256i prev1 = _mm256_alignr_epi8(input, before, 15);
        const __m256i pairs = _mm256_and_si256(
            _mm256_and_si256(_mm256_shuffle_epi8(firstHigh, NIBBLES256(prev1)),
                             _mm256_shuffle_epi8(firstLow, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
            _mm256_shuffle_epi8(secondHigh, NIBBLES256(input)));
        const __m256i prev2 = _mm256_alignr_epi8(input, before, 14), prev3 = _mm256_alignr_epi8(input, before, 13);
        const __m256i mustContinue = _mm256_and_si256(
            _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80))), _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)))),
            _mm256_set1_epi8((char)0x80));
        error = _mm256_or_si256(error, _mm256_xor_si256(mustContinue, pairs));
        previous = input;
    }
    // What was found, both halves in one; the block before the rest is the second half.
    const line_state state = {
        _mm256_extracti128_si256(previous, 1),
        _mm_or_si128(_mm256_castsi256_si128(error), _mm256_extracti128_si256(error, 1)),
        _mm_or_si128(_mm256_castsi256_si128(high), _mm256_extracti128_si256(high, 1)),
        _mm_or_si128(_mm256_castsi256_si128(marks), _mm256_extracti128_si256(marks, 1)),
    };
    return line_kind_ssse3_from(bytes, count, i, state, separator);
}

// A byte's class by its high nibble, a bit each: 0x2_ ('-', '.'), 0x3_ (digits), 0x4_ and 0x6_
// (letters after '@' and '`'), 0x5_ ('P'-'Z', '_'), 0x7_ ('p'-'z'); none from 0x8_ up.
static const uint8_t name_high[16] = {0, 0, 1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0};
// For each low nibble, the classes in which it makes a name byte.
static const uint8_t name_low[16] = {
    2 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16,
    2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 2 | 4 | 8 | 16, 4 | 8 | 16, 4,
    4, 1 | 4, 1 | 4, 4 | 8};

// Bit i set when byte i of `v` is not a name byte.
__attribute__((target("ssse3")))
static unsigned not_name(__m128i v) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i classes = _mm_and_si128(
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)name_high), _mm_and_si128(_mm_srli_epi16(v, 4), nibble)),
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)name_low), _mm_and_si128(v, nibble)));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(classes, _mm_setzero_si128()));
}

__attribute__((target("ssse3")))
static ptrdiff_t name_end_ssse3(const uint8_t *line, ptrdiff_t count, ptrdiff_t from) {
    for (; from + 16 <= count; from += 16) {
        const unsigned stops = not_name(_mm_loadu_si128((const __m128i *)(line + from)));
        if (stops != 0) return from + __builtin_ctz(stops);
    }
    if (from >= count) return count;
    // The line's last 16 bytes, of which those from `from` on are still to test.
    const unsigned stops = not_name(_mm_loadu_si128((const __m128i *)(line + count - 16))) >> (from - (count - 16));
    return stops != 0 ? from + __builtin_ctz(stops) : count;
}
#endif

static int is_name_byte(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

ptrdiff_t steer_name_end(const uint8_t *line, ptrdiff_t count, ptrdiff_t from) {
#if defined(__x86_64__)
    if (count >= 16 && __builtin_cpu_supports("ssse3")) return name_end_ssse3(line, count, from);
#endif
    while (from < count && is_name_byte(line[from])) from++;
    return from;
}

/// The check the widest instructions this CPU has allow (`widest`), or 16 bytes at a time
/// only, with `separator` the one control byte allowed besides tab.
static int kind(const uint8_t *bytes, ptrdiff_t count, uint8_t separator, int widest) {
#if defined(__x86_64__)
    if (widest && __builtin_cpu_supports("avx2")) return line_kind_avx2(bytes, count, separator);
    if (__builtin_cpu_supports("ssse3")) return line_kind_ssse3(bytes, count, separator);
#endif
    (void)bytes;
    (void)count;
    (void)separator;
    (void)widest;
    return STEER_LINE_UNCHECKED;
}

int steer_line_kind(const uint8_t *bytes, ptrdiff_t count) { return kind(bytes, count, '\t', 1); }

int steer_line_kind_16(const uint8_t *bytes, ptrdiff_t count) { return kind(bytes, count, '\t', 0); }

int steer_lines_kind(const uint8_t *bytes, ptrdiff_t count) { return kind(bytes, count, '\n', 1); }

int steer_lines_kind_16(const uint8_t *bytes, ptrdiff_t count) { return kind(bytes, count, '\n', 0); }
