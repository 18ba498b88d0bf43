/* Byte-class bit masks over 64 bytes, for scans that jump from one
 * interesting byte to the next instead of testing every byte:
 *   cx_mask64("ab 12", ...): alpha 0b00011, digit 0b11000 (bit i: byte i)
 * SSE2 where the compiler has it (every x86-64), a byte loop elsewhere. */
#ifndef CX_BYTEMASK_H
#define CX_BYTEMASK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(CX_BYTEMASK_SCALAR)
#include <emmintrin.h>
#endif

/* Masks over s[0..n) (n <= 64) of the ASCII letters, the digits, the
 * white space the tokenizers skip (' ', '\n', '\t', '\r') and the bytes
 * >= 0x80; bytes past n are in none. */
static inline void cx_mask64_classes(const unsigned char *s, size_t n,
                                     uint64_t *alpha, uint64_t *digit,
                                     uint64_t *space, uint64_t *high) {
  unsigned char buf[64];
  if (n < 64) {
    memset(buf, 0, sizeof buf);
    memcpy(buf, s, n);
    s = buf;
  }
  uint64_t a = 0, d = 0, w = 0, h = 0;
#if defined(__SSE2__) && !defined(CX_BYTEMASK_SCALAR)
  const __m128i k20 = _mm_set1_epi8(0x20), ka = _mm_set1_epi8((char)(0x80 - 'a')),
                k26 = _mm_set1_epi8((char)(-128 + 26)),
                k0 = _mm_set1_epi8((char)(0x80 - '0')),
                k10 = _mm_set1_epi8((char)(-128 + 10)), kn = _mm_set1_epi8('\n'),
                kt = _mm_set1_epi8('\t'), kr = _mm_set1_epi8('\r');
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * i));
    __m128i l = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, k20), ka), k26);
    __m128i g = _mm_cmplt_epi8(_mm_add_epi8(v, k0), k10);
    __m128i sp = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, k20), _mm_cmpeq_epi8(v, kn)),
                              _mm_or_si128(_mm_cmpeq_epi8(v, kt), _mm_cmpeq_epi8(v, kr)));
    a |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << (16 * i);
    d |= (uint64_t)(unsigned)_mm_movemask_epi8(g) << (16 * i);
    w |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << (16 * i);
    h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * i);
  }
#else
  for (int i = 0; i < 64; i++) {
    unsigned c = s[i];
    a |= (uint64_t)((unsigned)((c | 0x20) - 'a') < 26) << i;
    d |= (uint64_t)(c - '0' < 10) << i;
    w |= (uint64_t)(c == ' ' || c == '\n' || c == '\t' || c == '\r') << i;
    h |= (uint64_t)(c >= 0x80) << i;
  }
#endif
  if (n < 64) w &= (1ull << n) - 1; /* the zero padding is no space */
  *alpha = a;
  *digit = d;
  *space = w;
  *high = h;
}

/* Masks of the ASCII letters and the digits among s[0..64) (64 bytes must
 * be readable). Inline: the unused class masks are not computed. */
static inline void cx_mask64(const unsigned char *s, uint64_t *alpha,
                             uint64_t *digit) {
  uint64_t space, high;
  cx_mask64_classes(s, 64, alpha, digit, &space, &high);
}

/* cx_mask64 over s[0..n), n <= 64: the bytes past n count as neither. */
static inline void cx_mask64_tail(const unsigned char *s, size_t n,
                                  uint64_t *alpha, uint64_t *digit) {
  uint64_t space, high;
  cx_mask64_classes(s, n < 64 ? n : 64, alpha, digit, &space, &high);
}

/* Mask of the bytes among s[0..n) (n <= 64) equal to one of a, b, c, d. */
static inline uint64_t cx_mask64_bytes(const unsigned char *s, size_t n,
                                       unsigned char a, unsigned char b,
                                       unsigned char c, unsigned char d) {
  unsigned char buf[64];
  if (n < 64) {
    memset(buf, 0, sizeof buf);
    memcpy(buf, s, n);
    s = buf;
  }
  uint64_t r = 0;
#if defined(__SSE2__) && !defined(CX_BYTEMASK_SCALAR)
  const __m128i ka = _mm_set1_epi8((char)a), kb = _mm_set1_epi8((char)b),
                kc = _mm_set1_epi8((char)c), kd = _mm_set1_epi8((char)d);
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * i));
    __m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, ka), _mm_cmpeq_epi8(v, kb)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, kc), _mm_cmpeq_epi8(v, kd)));
    r |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << (16 * i);
  }
#else
  for (int i = 0; i < 64; i++)
    r |= (uint64_t)(s[i] == a || s[i] == b || s[i] == c || s[i] == d) << i;
#endif
  /* zero padding matches only a zero byte asked for */
  if (n < 64) r &= (1ull << n) - 1;
  return r;
}


#endif
