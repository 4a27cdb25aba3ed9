#include "id_hash.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// The bytes of `bytes[0..<count]`, `count` at most 16, in the low bytes of a vector, zero above:
/// read as whole words that overlap where they must, never past the last byte.
static __m128i tail_vector(const uint8_t *bytes, size_t count) {
    uint64_t lo = 0, hi = 0;
    if (count >= 8) {
        memcpy(&lo, bytes, 8);
        if (count > 8) {
            memcpy(&hi, bytes + count - 8, 8);
            hi >>= 8 * (16 - count);
        }
    } else if (count >= 4) {
        uint32_t a, b;
        memcpy(&a, bytes, 4);
        memcpy(&b, bytes + count - 4, 4);
        lo = a | (uint64_t)b << (8 * (count - 4));
    } else {
        for (size_t i = 0; i < count; i++) lo |= (uint64_t)bytes[i] << (8 * i);
    }
    return _mm_set_epi64x((long long)hi, (long long)lo);
}

__attribute__((target("aes,sse4.1")))
static uint64_t id_hash_aes(const uint8_t *bytes, size_t count, uint64_t k0, uint64_t k1) {
    // Two round keys from the key: the second its halves swapped and changed by odd constants.
    const __m128i first = _mm_set_epi64x((long long)k1, (long long)k0);
    const __m128i second = _mm_set_epi64x((long long)(k0 ^ 0x9E3779B97F4A7C15ULL), (long long)(k1 ^ 0xC2B2AE3D27D4EB4FULL));
    __m128i state = first;
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        state = _mm_xor_si128(state, _mm_loadu_si128((const __m128i *)(bytes + i)));
        state = _mm_aesenc_si128(_mm_aesenc_si128(state, first), second);
    }
    if (i < count) {
        state = _mm_xor_si128(state, tail_vector(bytes + i, count - i));
        state = _mm_aesenc_si128(_mm_aesenc_si128(state, first), second);
    }
    // The length last, so that an id ending in zero bytes differs from its prefix (the last
    // block is filled out with zeros). Taken in with the first block, a length one more
    // cancelled a first byte one less (`AB` and `@B\0` hashed alike).
    state = _mm_xor_si128(state, _mm_cvtsi64_si128((long long)count));
    state = _mm_aesenc_si128(_mm_aesenc_si128(state, second), first);
    return (uint64_t)_mm_cvtsi128_si64(state) ^ (uint64_t)_mm_extract_epi64(state, 1);
}
#endif

uint64_t steer_id_hash(const uint8_t *bytes, size_t count, uint64_t k0, uint64_t k1) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("aes")) return id_hash_aes(bytes, count, k0, k1);
#endif
    return steer_siphash13(bytes, count, k0, k1);
}
