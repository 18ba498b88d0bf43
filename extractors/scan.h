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

#include "../normalizers/bytemask.h"

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
  uint64_t a, d, space, high;
  cx_mask64_classes(s, 64, &a, &d, &space, &high);
  *alpha = a;
  *wb = a | d | high;
  *wc = *wb | cx_mask64_bytes(s, 64, '\'', '-', '\'', '-');
}

#endif
