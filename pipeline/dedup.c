/* Repeated passages within a document (see dedup.h). */
#include "dedup.h"

#include <string.h>
#define XXH_INLINE_ALL /* the per-shingle hash of 24 bytes is hot: no call */
#include <xxhash.h>

/* Byte → folded byte (ASCII lower case), 0 for separators. */
static const unsigned char fold_tab[256] = {
#define R16(b) b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8, \
               b + 9, b + 10, b + 11, b + 12, b + 13, b + 14, b + 15
    [0x30] = '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
    [0x41] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
    'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    [0x61] = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
    'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
    [0x80] = R16(0x80), R16(0x90), R16(0xa0), R16(0xb0), R16(0xc0),
    R16(0xd0), R16(0xe0), R16(0xf0)
#undef R16
};

/* Folded words joined by single spaces, without a branch per byte: every
 * byte is stored (its folded form, or a space for a separator) and the
 * output advances unless a separator follows a separator. Blocks of 256
 * input bytes fill at most 256 output bytes; a trailing space is held back
 * until a word follows it. */
uint64_t cx_passage_hash_words(const char *text, size_t n, uint32_t *n_words) {
  XXH3_state_t st;
  XXH3_64bits_reset(&st);
  char chunk[512];
  size_t k = 0;
  uint32_t words = 0;
  unsigned pw = 0; /* the previous byte was a word byte (0 at the start) */
  const unsigned char *t = (const unsigned char *)text;
  for (size_t i = 0; i < n;) {
    size_t e = i + 256 < n ? i + 256 : n;
    for (; i < e; i++) {
      unsigned char f = fold_tab[t[i]];
      unsigned w = f != 0;
      chunk[k] = (char)(w ? f : ' ');
      k += w | pw;
      words += w & !pw;
      pw = w;
    }
    /* after a separator the last byte counted is a space that may yet be
     * trailing: keep it for the next block */
    if (!pw && k) {
      XXH3_64bits_update(&st, chunk, k - 1);
      chunk[0] = ' ';
      k = 1;
    } else {
      XXH3_64bits_update(&st, chunk, k);
      k = 0;
    }
  }
  if (n_words) *n_words = words;
  if (!words) return 0;
  if (!pw && k) k--; /* the trailing space */
  XXH3_64bits_update(&st, chunk, k);
  uint64_t h = XXH3_64bits_digest(&st);
  return h ? h : 1;
}

uint64_t cx_passage_hash(const char *text, size_t n) {
  return cx_passage_hash_words(text, n, NULL);
}

/* Byte value → its 8 bits spread over the 8 bytes of a word, so eight
 * SimHash bit counters advance with one addition (SWAR). A constant table:
 * building it per passage cost more than the passage. */
#define SP(v)                                                             \
  ((uint64_t)((v)&1) | (uint64_t)((v) >> 1 & 1) << 8 |                    \
   (uint64_t)((v) >> 2 & 1) << 16 | (uint64_t)((v) >> 3 & 1) << 24 |      \
   (uint64_t)((v) >> 4 & 1) << 32 | (uint64_t)((v) >> 5 & 1) << 40 |      \
   (uint64_t)((v) >> 6 & 1) << 48 | (uint64_t)((v) >> 7 & 1) << 56)
#define SP4(v) SP(v), SP(v + 1), SP(v + 2), SP(v + 3)
#define SP16(v) SP4(v), SP4(v + 4), SP4(v + 8), SP4(v + 12)
#define SP64(v) SP16(v), SP16(v + 16), SP16(v + 32), SP16(v + 48)
static const uint64_t spread[256] = {SP64(0), SP64(64), SP64(128), SP64(192)};
#undef SP64
#undef SP16
#undef SP4
#undef SP

/* SimHash over word 3-gram shingles: near copies (a changed word, a dropped
 * clause) keep most shingles, so most signature bits survive. Bit b is set
 * when more than half of the shingle hashes have it. With `hash` the same
 * walk also yields cx_passage_hash_words's value (one pass over the text
 * for both, as the scan pass needs both). */
static uint64_t simhash_walk(const char *text, size_t n, uint32_t *n_words,
                             uint32_t *sketch, uint64_t *hash) {
  uint32_t count[64] = {0};
  uint64_t lanes[8] = {0}; /* 64 byte-wide counters, flushed before overflow */
  uint32_t in_lanes = 0, shingles = 0;
  uint64_t win[3] = {0, 0, 0};
  uint32_t words = 0;
  XXH3_state_t st;
  char chunk[512];
  size_t k = 0;
  if (hash) XXH3_64bits_reset(&st);
  size_t i = 0;
  while (i < n) {
    while (i < n && !fold_tab[(unsigned char)text[i]]) i++;
    if (i >= n) break;
    uint64_t h = 1469598103934665603ull;
    if (hash) {
      if (words) chunk[k++] = ' ';
      unsigned char c;
      while (i < n && (c = fold_tab[(unsigned char)text[i]]) != 0) {
        i++;
        h = (h ^ c) * 1099511628211ull;
        chunk[k++] = (char)c;
        if (k >= sizeof chunk - 2) {
          XXH3_64bits_update(&st, chunk, k);
          k = 0;
        }
      }
    } else {
      unsigned char c;
      while (i < n && (c = fold_tab[(unsigned char)text[i]]) != 0) {
        i++;
        h = (h ^ c) * 1099511628211ull;
      }
    }
    win[0] = win[1], win[1] = win[2], win[2] = h;
    words++;
    if (words < 3) continue;
    uint64_t sh = XXH3_64bits(win, sizeof win);
    if (sketch) {
      /* top bits pick the bin, low bits compete for its minimum */
      uint32_t bin = (uint32_t)(sh >> 59) % CX_SKETCH, v = (uint32_t)sh;
      if (v < sketch[bin]) sketch[bin] = v;
    }
    for (int j = 0; j < 8; j++) lanes[j] += spread[(sh >> (8 * j)) & 0xff];
    shingles++;
    if (++in_lanes == 255) {
      for (int j = 0; j < 8; j++)
        for (int b = 0; b < 8; b++) count[8 * j + b] += (lanes[j] >> (8 * b)) & 0xff;
      memset(lanes, 0, sizeof lanes);
      in_lanes = 0;
    }
  }
  for (int j = 0; j < 8; j++)
    for (int b = 0; b < 8; b++) count[8 * j + b] += (lanes[j] >> (8 * b)) & 0xff;
  *n_words = words;
  if (hash) {
    if (!words) {
      *hash = 0;
    } else {
      XXH3_64bits_update(&st, chunk, k);
      uint64_t x = XXH3_64bits_digest(&st);
      *hash = x ? x : 1;
    }
  }
  if (words < 3) return 0;
  uint64_t sig = 0;
  for (int b = 0; b < 64; b++)
    if (2 * count[b] > shingles) sig |= 1ull << b;
  return sig ? sig : 1;
}

uint64_t cx_passage_simhash(const char *text, size_t n, uint32_t *n_words,
                            uint32_t *sketch) {
  return simhash_walk(text, n, n_words, sketch, NULL);
}

void cx_dedup_doc(cx_doc *d, bool signatures) {
  size_t n = d->n_paras;
  if (signatures) {
    d->sketch = cx_arena_alloc(d->arena, CX_SKETCH * sizeof *d->sketch);
    memset(d->sketch, 0xff, CX_SKETCH * sizeof *d->sketch);
  }
  if (!n) return;
  size_t slots = 16;
  while (slots < n * 2) slots *= 2;
  int32_t *table = cx_arena_alloc(d->arena, slots * sizeof *table);
  memset(table, 0xff, slots * sizeof *table);
  for (size_t i = 0; i < n; i++) {
    cx_para *p = &d->paras[i];
    if (signatures)
      p->simhash = simhash_walk(d->norm + p->start, p->end - p->start,
                                &p->n_words, d->sketch, &p->hash);
    else
      p->hash = cx_passage_hash_words(d->norm + p->start, p->end - p->start,
                                      &p->n_words);
    p->cluster = -1;
    if (!p->hash) continue;
    size_t s = p->hash & (slots - 1);
    while (table[s] >= 0 && d->paras[table[s]].hash != p->hash)
      s = (s + 1) & (slots - 1);
    if (table[s] < 0) {
      table[s] = (int32_t)i;
    } else {
      p->repeat_of = table[s];
      p->repeats = 0;
      d->paras[table[s]].repeats++;
    }
  }
}
