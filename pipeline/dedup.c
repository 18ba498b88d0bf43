/* Repeated passages within a document (see dedup.h). */
#include "dedup.h"

#include <string.h>
#define XXH_INLINE_ALL /* the per-shingle hash of 24 bytes is hot: no call */
#include <xxhash.h>

/* The folded form of a passage (dedup.h) is built eight bytes at a time
 * (SWAR): each byte is classified in its lane, capitals get their 0x20
 * bit, separators become spaces, and a separator right after a separator
 * (or at the start) is squeezed out. Most blocks squeeze nothing. */
#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

/* Bytes p[0..m) (m <= 8) as a little-endian word, zero-padded. */
static inline uint64_t load8(const unsigned char *p, size_t m) {
  uint64_t w = 0;
  memcpy(&w, p, m);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  w = __builtin_bswap64(w);
#endif
  return w;
}

/* Stores the little-endian word o at out. */
static inline void store8(unsigned char *out, uint64_t o) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  o = __builtin_bswap64(o);
#endif
  memcpy(out, &o, 8);
}

/* Folds the 8 bytes of w to out (8 bytes written); returns how many of them
 * count. *sep_bit: 1 when the byte before w was a separator (or none was). */
static inline size_t fold8(uint64_t w, unsigned *sep_bit, uint32_t *words,
                           unsigned char *out) {
  uint64_t sep_in = (uint64_t)*sep_bit << 7;
  uint64_t hi = w & HIGH, x = w & ~HIGH;
  uint64_t dig = (x + (0x80 - '0') * ONES) & ~(x + (0x80 - '9' - 1) * ONES);
  uint64_t y = x | 0x20 * ONES;
  uint64_t let = (y + (0x80 - 'a') * ONES) & ~(y + (0x80 - 'z' - 1) * ONES);
  uint64_t word = (hi | dig | let) & HIGH;
  uint64_t up = let & ~hi & ~(w << 2) & HIGH; /* bit 5 clear: a capital */
  uint64_t full = (word >> 7) * 0xff;
  uint64_t o = ((w | up >> 2) & full) | (0x20 * ONES & ~full);
  uint64_t sep = ~word & HIGH;
  uint64_t drop = sep & (sep << 8 | sep_in);
  uint64_t starts = word & ~(word << 8 | (sep_in ^ 0x80));
  *words += (uint32_t)(((starts >> 7) * ONES) >> 56);
  *sep_bit = (unsigned)(sep >> 63);
  size_t kept = 8;
  while (drop) { /* highest first: the lower lanes keep their places */
    unsigned j = 63 - (unsigned)__builtin_clzll(drop);
    uint64_t low = (1ull << (j & ~7u)) - 1;
    o = (o & low) | ((o >> 8) & ~low);
    drop &= low;
    kept--;
  }
  store8(out, o);
  return kept;
}

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#define FOLD16 1

/* bit count of a byte */
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
static const uint8_t bits8[256] = {B6(0), B6(1), B6(1), B6(2)};
#undef B6
#undef B4
#undef B2

/* Squeezes the lanes of o marked in d (bit b: lane b) out; stores 8 bytes
 * at out, returns how many count. */
static inline size_t squeeze8(uint64_t o, unsigned d, unsigned char *out) {
  size_t kept = 8;
  while (d) { /* highest first: the lower lanes keep their places */
    unsigned b = 31 - (unsigned)__builtin_clz(d);
    uint64_t low = (1ull << (8 * b)) - 1;
    o = (o & low) | ((o >> 8) & ~low);
    d &= (1u << b) - 1;
    kept--;
  }
  memcpy(out, &o, 8);
  return kept;
}

/* fold8 for 16 bytes with SSE2 (16 bytes written to out). */
static inline size_t fold16(const unsigned char *p, unsigned *sep_bit,
                            uint32_t *words, unsigned char *out) {
  const __m128i k20 = _mm_set1_epi8(0x20), k1f = _mm_set1_epi8(0x80 - 'a'),
                klet = _mm_set1_epi8(-128 + 26), k50 = _mm_set1_epi8((char)(0x80 - '0')),
                kdig = _mm_set1_epi8(-128 + 10);
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* signed compares: bytes >= 0x80 are negative and count as word bytes */
  __m128i hi = _mm_cmplt_epi8(v, _mm_setzero_si128());
  __m128i let = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, k20), k1f), klet);
  __m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, k50), kdig);
  __m128i word = _mm_or_si128(_mm_or_si128(hi, let), dig);
  __m128i folded = _mm_or_si128(v, _mm_and_si128(let, k20));
  __m128i o = _mm_or_si128(_mm_and_si128(word, folded), _mm_andnot_si128(word, k20));
  unsigned w = (unsigned)_mm_movemask_epi8(word), sep = ~w & 0xffff;
  unsigned drop = sep & (sep << 1 | *sep_bit);
  unsigned starts = w & ~(w << 1 | (*sep_bit ^ 1));
  *words += bits8[starts & 0xff] + bits8[starts >> 8];
  *sep_bit = sep >> 15;
  if (!drop) {
    _mm_storeu_si128((__m128i *)(void *)out, o);
    return 16;
  }
  size_t k = squeeze8((uint64_t)_mm_cvtsi128_si64(o), drop & 0xff, out);
  return k + squeeze8((uint64_t)_mm_cvtsi128_si64(_mm_srli_si128(o, 8)), drop >> 8,
                      out + k);
}
#endif

/* Folds t[0..n) (n a multiple of 16 unless it is the passage's end: the
 * missing bytes count as separators) to out, which has n + 16 bytes. */
static inline size_t fold_span(const unsigned char *t, size_t n,
                               unsigned char *out, unsigned *sep,
                               uint32_t *words) {
  size_t k = 0, i = 0;
#ifdef FOLD16
  for (; i + 16 <= n; i += 16) k += fold16(t + i, sep, words, out + k);
#endif
  for (; i + 8 <= n; i += 8) {
    k += fold8(load8(t + i, 8), sep, words, out + k);
  }
  if (i < n) k += fold8(load8(t + i, n - i), sep, words, out + k);
  return k;
}

/* SimHash over word 3-gram shingles: near copies (a changed word, a dropped
 * clause) keep most shingles, so most signature bits survive. Bit b is set
 * when more than half of the shingle hashes have it. Words are hashed with
 * FNV-1a over their folded bytes. */
#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

#ifndef FOLD16
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
#endif

typedef struct simwalk {
  uint32_t count[64];
#ifdef FOLD16
  __m128i acc[4]; /* byte counters of bits 0-15, 16-31, ...: flushed before overflow */
#else
  uint64_t lanes[8]; /* 64 byte-wide counters, flushed before overflow */
#endif
  uint32_t in_lanes, shingles, words;
  uint64_t win[3];
  uint64_t h; /* FNV state of the word being read */
  uint32_t *sketch;
} simwalk;

static inline void sim_flush(simwalk *sw) {
#ifdef FOLD16
  for (int v = 0; v < 4; v++) {
    unsigned char b[16];
    _mm_storeu_si128((__m128i *)(void *)b, sw->acc[v]);
    for (int i = 0; i < 16; i++) sw->count[16 * v + i] += b[i];
    sw->acc[v] = _mm_setzero_si128();
  }
#else
  for (int j = 0; j < 8; j++)
    for (int b = 0; b < 8; b++)
      sw->count[8 * j + b] += (sw->lanes[j] >> (8 * b)) & 0xff;
  memset(sw->lanes, 0, sizeof sw->lanes);
#endif
  sw->in_lanes = 0;
}

/* A word ended: its hash enters the shingle window. */
static inline void sim_push(simwalk *sw, uint64_t h) {
  sw->win[0] = sw->win[1], sw->win[1] = sw->win[2], sw->win[2] = h;
  if (++sw->words < 3) return;
  uint64_t sh = XXH3_64bits(sw->win, sizeof sw->win);
  if (sw->sketch) {
    /* top bits pick the bin, low bits compete for its minimum */
    uint32_t bin = (uint32_t)(sh >> 59) % CX_SKETCH, v = (uint32_t)sh;
    if (v < sw->sketch[bin]) sw->sketch[bin] = v;
  }
#ifdef FOLD16
  /* bit i of sh → byte lane i: each byte of sh spread over 8 lanes
   * (unpacks), its bit picked by the lane's mask, one added where set */
  const __m128i bit = _mm_set1_epi64x((long long)0x8040201008040201ull);
  __m128i x = _mm_unpacklo_epi8(_mm_cvtsi64_si128((long long)sh), _mm_cvtsi64_si128((long long)sh));
  __m128i lo = _mm_unpacklo_epi16(x, x), hi = _mm_unpackhi_epi16(x, x);
  __m128i part[4] = {_mm_unpacklo_epi32(lo, lo), _mm_unpackhi_epi32(lo, lo),
                     _mm_unpacklo_epi32(hi, hi), _mm_unpackhi_epi32(hi, hi)};
  for (int v = 0; v < 4; v++)
    sw->acc[v] = _mm_sub_epi8(sw->acc[v],
                              _mm_cmpeq_epi8(_mm_and_si128(part[v], bit), bit));
#else
  for (int j = 0; j < 8; j++) sw->lanes[j] += spread[(sh >> (8 * j)) & 0xff];
#endif
  sw->shingles++;
  if (++sw->in_lanes == 255) sim_flush(sw);
}

/* Folded bytes p[0..n): words end at the single spaces between them. */
static inline void sim_feed(simwalk *sw, const unsigned char *p, size_t n) {
  uint64_t h = sw->h;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c != ' ') {
      h = (h ^ c) * FNV_PRIME;
      continue;
    }
    sim_push(sw, h);
    h = FNV_BASIS;
  }
  sw->h = h;
}

/* One pass over text[0..n): the folded text is hashed (XXH3, streamed
 * past FOLD_BLOCK input bytes) and, with sw, walked for the SimHash. */
#define FOLD_BLOCK 2048 /* a multiple of 16: only the end is zero-padded */
static inline uint64_t fold_walk(const char *text, size_t n, uint32_t *n_words,
                                 simwalk *sw) {
  const unsigned char *t = (const unsigned char *)text;
  unsigned char buf[FOLD_BLOCK + 32];
  XXH3_state_t st;
  bool streaming = false;
  unsigned sep = 1;
  uint32_t words = 0;
  size_t k = 0, i = 0;
  for (;;) {
    size_t m = n - i < FOLD_BLOCK ? n - i : FOLD_BLOCK, k0 = k;
    k += fold_span(t + i, m, buf + k, &sep, &words);
    if (sw) sim_feed(sw, buf + k0, k - k0);
    i += m;
    if (i >= n) break;
    /* the last byte may be a trailing space: it stays for the next block */
    if (k > 1) {
      if (!streaming) XXH3_64bits_reset(&st), streaming = true;
      XXH3_64bits_update(&st, buf, k - 1);
      buf[0] = buf[k - 1];
      k = 1;
    }
  }
  if (sw && k && buf[k - 1] != ' ') sim_push(sw, sw->h);
  if (n_words) *n_words = words;
  if (!words) return 0;
  if (buf[k - 1] == ' ') k--;
  uint64_t h;
  if (streaming) {
    XXH3_64bits_update(&st, buf, k);
    h = XXH3_64bits_digest(&st);
  } else {
    h = XXH3_64bits(buf, k);
  }
  return h ? h : 1;
}

uint64_t cx_passage_hash_words(const char *text, size_t n, uint32_t *n_words) {
  return fold_walk(text, n, n_words, NULL);
}

uint64_t cx_passage_hash(const char *text, size_t n) {
  return fold_walk(text, n, NULL, NULL);
}

/* The SimHash of text[0..n); with hash also cx_passage_hash_words's value
 * (one pass over the text for both, as the scan pass needs both). */
static uint64_t simhash_walk(const char *text, size_t n, uint32_t *n_words,
                             uint32_t *sketch, uint64_t *hash) {
  simwalk sw;
  memset(&sw, 0, sizeof sw);
  sw.h = FNV_BASIS;
  sw.sketch = sketch;
  uint64_t x = fold_walk(text, n, n_words, &sw);
  if (hash) *hash = x;
  sim_flush(&sw);
  if (sw.words < 3) return 0;
  uint64_t sig = 0;
  for (int b = 0; b < 64; b++)
    if (2 * sw.count[b] > sw.shingles) sig |= 1ull << b;
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
