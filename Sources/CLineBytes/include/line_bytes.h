#ifndef STEER_LINE_BYTES_H
#define STEER_LINE_BYTES_H

#include <stddef.h>
#include <stdint.h>

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

/// Where the name that starts at `from` in the `count` bytes of `line` ends: the index of the
/// first byte at or after `from` that is not a letter, digit, '.', '_' or '-' (ASCII), or
/// `count`. Tests 16 bytes at a time (SSSE3, else one at a time); reads no byte outside the line.
ptrdiff_t steer_name_end(const uint8_t *line, ptrdiff_t count, ptrdiff_t from);

/// The index of the first byte at or after `from` in the `count` bytes of `line` that is `a`,
/// `b` or `c`, or `count`: where a token, a key or a quoted value's plain run ends. Tests 16
/// bytes at a time (SSE2, which every x86-64 has; elsewhere eight); reads no byte outside the line.
ptrdiff_t steer_find_any(const uint8_t *line, ptrdiff_t count, ptrdiff_t from, uint8_t a, uint8_t b, uint8_t c);

#endif
