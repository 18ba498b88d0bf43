/* Word scanning eight bytes at a time, for tokenizers that walk the whole
 * normalized text (entity, attribution): most bytes are ASCII letters.
 *   cx_letter_run("Kyiv said", 9, &up) == 4, up += 1
 */
#ifndef CX_SCAN_H
#define CX_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(CX_BYTEMASK_SCALAR)
#include <emmintrin.h>
#endif

/* Number of leading ASCII letters in s[0..8) (s must have 8 readable
 * bytes); adds the number of capitals among them to *up unless up is NULL. */
static inline size_t cx_letter_run8(const char *s, size_t *up) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t w;
  memcpy(&w, s, 8); /* little-endian: byte 0 is the low byte */
  uint64_t low7 = (w | 0x2020202020202020ull) & ~high; /* letters folded */
  uint64_t ge_a = low7 + (0x80 - 'a') * ones;
  uint64_t gt_z = low7 + (0x7f - 'z') * ones;
  uint64_t letter = ge_a & ~gt_z & ~w & high;
  uint64_t other = ~letter & high;
  size_t r = other ? (size_t)__builtin_ctzll(other) / 8 : 8;
  if (!up) return r;
  uint64_t caps = letter & ~(w << 2); /* bit 5 clear: a capital */
  if (r < 8) caps &= (1ull << (r * 8)) - 1;
  for (; caps; caps &= caps - 1) ++*up; /* mostly one: no popcount call */
  return r;
}

/* Masks over s[0..64) (64 bytes readable): *wb the word bytes
 * (cx_is_word_byte: ASCII letters, digits, bytes >= 0x80), *wc those and
 * '\'' and '-' (the bytes a word of attribution's scan runs over), *alpha
 * the ASCII letters. */
static inline void cx_word_masks64(const unsigned char *s, uint64_t *wb, uint64_t *wc,
                                   uint64_t *alpha) {
  uint64_t b = 0, c = 0, a = 0;
#if defined(__SSE2__) && !defined(CX_BYTEMASK_SCALAR)
  const __m128i k20 = _mm_set1_epi8(0x20), ka = _mm_set1_epi8((char)(0x80 - 'a')),
                k26 = _mm_set1_epi8((char)(-128 + 26)),
                k0 = _mm_set1_epi8((char)(0x80 - '0')),
                k10 = _mm_set1_epi8((char)(-128 + 10)), kq = _mm_set1_epi8('\''),
                kh = _mm_set1_epi8('-');
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 16 * i));
    __m128i l = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, k20), ka), k26);
    __m128i g = _mm_cmplt_epi8(_mm_add_epi8(v, k0), k10);
    /* signed v < 0: a byte >= 0x80 */
    __m128i w = _mm_or_si128(_mm_or_si128(l, g), _mm_cmplt_epi8(v, _mm_setzero_si128()));
    __m128i x = _mm_or_si128(w, _mm_or_si128(_mm_cmpeq_epi8(v, kq), _mm_cmpeq_epi8(v, kh)));
    a |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << (16 * i);
    b |= (uint64_t)(unsigned)_mm_movemask_epi8(w) << (16 * i);
    c |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << (16 * i);
  }
#else
  for (int i = 0; i < 64; i++) {
    unsigned x = s[i];
    bool l = (unsigned)((x | 0x20) - 'a') < 26;
    bool w = l || x - '0' < 10 || x >= 0x80;
    a |= (uint64_t)l << i;
    b |= (uint64_t)w << i;
    c |= (uint64_t)(w || x == '\'' || x == '-') << i;
  }
#endif
  *wb = b;
  *wc = c;
  *alpha = a;
}

#endif
