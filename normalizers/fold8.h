/* Eight bytes at a time: loads and ASCII case folding for hash-table keys
 * (lexicon.c, names.c), so a key compare is one or two word compares.
 *   cx_fold8(cx_load_tail("Kyiv", 4)) == cx_load_tail("kyiv", 4)
 */
#ifndef CX_FOLD8_H
#define CX_FOLD8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Adds 0x20 to every byte in 'A'..'Z' (SWAR); other bytes unchanged. */
static inline uint64_t cx_fold8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t low7 = x & ~high;
  uint64_t ge_a = low7 + (0x80 - 'A') * ones;
  uint64_t gt_z = low7 + (0x7f - 'Z') * ones;
  uint64_t upper = ge_a & ~gt_z & ~x & high;
  return x | (upper >> 2);
}

/* Bytes s[0..n), n < 8, as a little-endian word padded with zeros (fixed-size
 * loads: a variable memcpy would be a library call). */
static inline uint64_t cx_load_tail(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    return (uint64_t)lo | ((uint64_t)hi << ((n - 4) * 8));
  }
  if (!n) return 0;
  return (uint64_t)u[0] | ((uint64_t)u[n / 2] << (n / 2 * 8)) |
         ((uint64_t)u[n - 1] << ((n - 1) * 8));
}

static inline uint64_t cx_load8(const char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w;
}

/* First min(n, 8) bytes as a zero-padded word. */
static inline uint64_t cx_head8(const char *s, size_t n) {
  return n >= 8 ? cx_load8(s) : cx_load_tail(s, n);
}

/* s[0..n) folded equals the folded, zero-padded words at w (n bytes). */
static inline int cx_folded_eq(const uint64_t *w, const char *s, size_t n) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8, w++)
    if (cx_fold8(cx_load8(s + i)) != *w) return 0;
  return i == n || cx_fold8(cx_load_tail(s + i, n - i)) == *w;
}

#endif
