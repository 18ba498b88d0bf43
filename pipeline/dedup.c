/* Repeated passages within a document (see dedup.h). */
#include "dedup.h"

#include <string.h>
#define XXH_INLINE_ALL /* the per-shingle hash of 24 bytes is hot: no call */
#include <xxhash.h>

/* the per-byte and per-word steps: inlined even into the long walk */
#define HOT static inline __attribute__((always_inline))

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
  if (words) *words += (uint32_t)(((starts >> 7) * ONES) >> 56);
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

/* below[j]: the lanes below lane j set (squeezing lane j out keeps them) */
#define L1(j, i) (char)((i) < (j) ? -1 : 0)
#define LOW(j)                                                              \
  {L1(j, 0), L1(j, 1), L1(j, 2), L1(j, 3), L1(j, 4), L1(j, 5), L1(j, 6),   \
   L1(j, 7), L1(j, 8), L1(j, 9), L1(j, 10), L1(j, 11), L1(j, 12),          \
   L1(j, 13), L1(j, 14), L1(j, 15)}
static const char below[16][16] = {LOW(0),  LOW(1),  LOW(2),  LOW(3),
                                   LOW(4),  LOW(5),  LOW(6),  LOW(7),
                                   LOW(8),  LOW(9),  LOW(10), LOW(11),
                                   LOW(12), LOW(13), LOW(14), LOW(15)};
#undef LOW
#undef L1

/* fold8 for 16 bytes with SSE2 (16 bytes written to out). */
HOT size_t fold16(const unsigned char *p, unsigned *sep_bit, uint32_t *words,
                  unsigned char *out) {
  const __m128i k20 = _mm_set1_epi8(0x20), k1f = _mm_set1_epi8(0x80 - 'a'),
                klet = _mm_set1_epi8(-128 + 26), k50 = _mm_set1_epi8((char)(0x80 - '0')),
                kdig = _mm_set1_epi8(-128 + 10);
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* signed compares: bytes >= 0x80 are negative and count as word bytes */
  __m128i hi = _mm_cmplt_epi8(v, _mm_setzero_si128());
  __m128i let = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, k20), k1f), klet);
  __m128i dig = _mm_cmplt_epi8(_mm_add_epi8(v, k50), kdig);
  __m128i word = _mm_or_si128(_mm_or_si128(hi, let), dig);
  /* word bytes kept, 0x20 added to all but the high ones: letters fold to
   * lower case, digits have it, separators become spaces */
  __m128i o = _mm_or_si128(_mm_and_si128(word, v), _mm_andnot_si128(hi, k20));
  unsigned w = (unsigned)_mm_movemask_epi8(word), sep = ~w & 0xffff;
  unsigned drop = sep & (sep << 1 | *sep_bit);
  unsigned starts = w & ~(w << 1 | (*sep_bit ^ 1));
  if (words) *words += bits8[starts & 0xff] + bits8[starts >> 8];
  *sep_bit = sep >> 15;
  if (!drop) {
    _mm_storeu_si128((__m128i *)(void *)out, o);
    return 16;
  }
  size_t kept = 16;
  do { /* highest first: the lower lanes keep their places */
    unsigned j = 31 - (unsigned)__builtin_clz(drop);
    __m128i low = _mm_loadu_si128((const __m128i *)(const void *)below[j]);
    o = _mm_or_si128(_mm_and_si128(o, low), _mm_andnot_si128(low, _mm_srli_si128(o, 1)));
    drop ^= 1u << j;
    kept--;
  } while (drop);
  _mm_storeu_si128((__m128i *)(void *)out, o);
  return kept;
}
#endif

/* Folds t[0..n) (n a multiple of 16 unless it is the passage's end: the
 * missing bytes count as separators) to out, which has n + 16 bytes. */
static inline __attribute__((always_inline)) size_t
fold_span(const unsigned char *t, size_t n, unsigned char *out, unsigned *sep,
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

/* fold_span out of line, once per block: its loop then has the registers
 * to itself. */
static __attribute__((noinline)) size_t
fold_block(const unsigned char *t, size_t n, unsigned char *out, unsigned *sep) {
  unsigned s = *sep;
  size_t k = fold_span(t, n, out, &s, NULL);
  *sep = s;
  return k;
}

static __attribute__((noinline)) size_t
fold_block_words(const unsigned char *t, size_t n, unsigned char *out,
                 unsigned *sep, uint32_t *words) {
  unsigned s = *sep;
  uint32_t w = *words;
  size_t k = fold_span(t, n, out, &s, &w);
  *sep = s, *words = w;
  return k;
}

/* SimHash over word 3-gram shingles: near copies (a changed word, a dropped
 * clause) keep most shingles, so most signature bits survive. Bit b is set
 * when more than half of the shingle hashes have it. Words are hashed with
 * FNV-1a over their folded bytes, a shingle is the XXH3 of its three word
 * hashes. */
#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

/* fnv_bytes for words of more than eight bytes (one in twelve). */
static __attribute__((noinline)) uint64_t
fnv_long(uint64_t h, const unsigned char *p, size_t n) {
  for (; n >= 8; n -= 8, p += 8) {
    h = (h ^ p[0]) * FNV_PRIME, h = (h ^ p[1]) * FNV_PRIME;
    h = (h ^ p[2]) * FNV_PRIME, h = (h ^ p[3]) * FNV_PRIME;
    h = (h ^ p[4]) * FNV_PRIME, h = (h ^ p[5]) * FNV_PRIME;
    h = (h ^ p[6]) * FNV_PRIME, h = (h ^ p[7]) * FNV_PRIME;
  }
  switch (n) {
  case 7: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 6: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 5: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 4: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 3: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 2: h = (h ^ *p++) * FNV_PRIME; __attribute__((fallthrough));
  case 1: h = (h ^ *p) * FNV_PRIME; __attribute__((fallthrough));
  default: break;
  }
  return h;
}

/* FNV-1a of p[0..n) continued from h; the length is known, so no byte is
 * tested: a word of up to eight bytes is one jump into a run of eight. */
#define FNV1(i) h = (h ^ p[n - (i)]) * FNV_PRIME
HOT uint64_t fnv_bytes(uint64_t h, const unsigned char *p, size_t n) {
  switch (n) {
  case 8: FNV1(8); __attribute__((fallthrough));
  case 7: FNV1(7); __attribute__((fallthrough));
  case 6: FNV1(6); __attribute__((fallthrough));
  case 5: FNV1(5); __attribute__((fallthrough));
  case 4: FNV1(4); __attribute__((fallthrough));
  case 3: FNV1(3); __attribute__((fallthrough));
  case 2: FNV1(2); __attribute__((fallthrough));
  case 1: FNV1(1); __attribute__((fallthrough));
  case 0: break;
  default: return fnv_long(h, p, n);
  }
  return h;
}
#undef FNV1

/* Bit i of mask: p[i] is a space (16 bytes read). */
HOT unsigned space_mask16(const unsigned char *p) {
#ifdef FOLD16
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
#else
  unsigned m = 0;
  for (unsigned i = 0; i < 16; i++) m |= (unsigned)(p[i] == ' ') << i;
  return m;
#endif
}

/* The SimHash bit counters. Shingle hashes are counted in batches: first
 * in 4-bit lanes (lane i of the k-th counter holds bit 4i + k, so a mask
 * and an add count 16 bits at once), which then widen into byte lanes
 * (byte j of acc[c] counts bit 8j + c) and those into cnt[c][j]. With SSE2
 * two hashes share a vector, one per half. */
#define SH_BATCH 30 /* 15 per 4-bit lane (per vector half with SSE2) */
typedef struct simcount {
#ifdef FOLD16
  __m128i acc[8], cnt[8][2]; /* cnt[c][h]: bits 8j + c for j = 4h..4h+3 */
#else
  uint64_t acc[8];
  uint32_t cnt[8][8];
#endif
  unsigned in_acc; /* batches in acc: 17 of at most 15 fit a byte */
  bool widened;    /* cnt holds counts */
} simcount;

static inline void count_widen(simcount *sc) {
#ifdef FOLD16
  const __m128i z = _mm_setzero_si128();
  for (int c = 0; c < 8; c++) {
    __m128i v = sc->acc[c];
    __m128i s = _mm_add_epi16(_mm_unpacklo_epi8(v, z), _mm_unpackhi_epi8(v, z));
    sc->cnt[c][0] = _mm_add_epi32(sc->cnt[c][0], _mm_unpacklo_epi16(s, z));
    sc->cnt[c][1] = _mm_add_epi32(sc->cnt[c][1], _mm_unpackhi_epi16(s, z));
    sc->acc[c] = z;
  }
#else
  for (int c = 0; c < 8; c++) {
    for (int j = 0; j < 8; j++) sc->cnt[c][j] += (sc->acc[c] >> (8 * j)) & 0xff;
    sc->acc[c] = 0;
  }
#endif
  sc->in_acc = 0;
  sc->widened = true;
}

/* Counts the bits of x[0..m) (m <= SH_BATCH; with SSE2 x is readable and
 * zero up to the next multiple of six). */
static inline void count_batch(simcount *sc, const uint64_t *x, size_t m) {
#ifdef FOLD16
  /* six hashes at a time (x is zero-padded to a multiple of six): their
   * even and odd bits are summed in 2-bit lanes (at most 3), then added
   * to the 4-bit lanes */
  const __m128i m55 = _mm_set1_epi8(0x55), m33 = _mm_set1_epi8(0x33),
                m0f = _mm_set1_epi8(0x0f);
  __m128i a0 = _mm_setzero_si128(), a1 = a0, a2 = a0, a3 = a0;
  for (size_t i = 0; i < m; i += 6) {
    __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)(x + i));
    __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(x + i + 2));
    __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(x + i + 4));
    __m128i e = _mm_add_epi8(_mm_add_epi8(_mm_and_si128(v0, m55), _mm_and_si128(v1, m55)),
                             _mm_and_si128(v2, m55));
    __m128i o = _mm_add_epi8(_mm_add_epi8(_mm_and_si128(_mm_srli_epi64(v0, 1), m55),
                                          _mm_and_si128(_mm_srli_epi64(v1, 1), m55)),
                             _mm_and_si128(_mm_srli_epi64(v2, 1), m55));
    a0 = _mm_add_epi8(a0, _mm_and_si128(e, m33));
    a1 = _mm_add_epi8(a1, _mm_and_si128(o, m33));
    a2 = _mm_add_epi8(a2, _mm_and_si128(_mm_srli_epi64(e, 2), m33));
    a3 = _mm_add_epi8(a3, _mm_and_si128(_mm_srli_epi64(o, 2), m33));
  }
  __m128i a[4] = {a0, a1, a2, a3};
  for (int k = 0; k < 4; k++) {
    sc->acc[k] = _mm_add_epi8(sc->acc[k], _mm_and_si128(a[k], m0f));
    sc->acc[4 + k] = _mm_add_epi8(sc->acc[4 + k],
                                  _mm_and_si128(_mm_srli_epi64(a[k], 4), m0f));
  }
  if (++sc->in_acc == 17) count_widen(sc);
#else
  const uint64_t m1 = 0x1111111111111111ull, m0f = 0x0f0f0f0f0f0f0f0full;
  for (size_t i0 = 0; i0 < m; i0 += 15) {
    uint64_t a[4] = {0, 0, 0, 0};
    for (size_t i = i0; i < m && i < i0 + 15; i++)
      for (int k = 0; k < 4; k++) a[k] += (x[i] >> k) & m1;
    for (int k = 0; k < 4; k++) {
      sc->acc[k] += a[k] & m0f;
      sc->acc[4 + k] += (a[k] >> 4) & m0f;
    }
    if (++sc->in_acc == 17) count_widen(sc);
  }
#endif
}

/* The signature: bit b set where more than half of the shingles have it. */
static inline uint64_t count_majority(simcount *sc, uint32_t shingles) {
  uint64_t m = 0; /* byte c, bit j: signature bit 8j + c */
  uint32_t half = shingles / 2; /* 2 * count > shingles: count > half */
#ifdef FOLD16
  if (shingles <= 255 && !sc->widened) {
    /* most passages: the byte counters hold it all, the two halves of a
     * vector sum to at most 255 */
    const __m128i t1 = _mm_set1_epi8((char)(half + 1));
    for (int c = 0; c < 8; c += 2) {
      __m128i s0 = _mm_add_epi8(sc->acc[c], _mm_srli_si128(sc->acc[c], 8));
      __m128i s1 = _mm_add_epi8(sc->acc[c + 1], _mm_srli_si128(sc->acc[c + 1], 8));
      __m128i v = _mm_unpacklo_epi64(s0, s1);
      __m128i gt = _mm_cmpeq_epi8(_mm_max_epu8(v, t1), v); /* v >= half + 1 */
      m |= (uint64_t)(unsigned)_mm_movemask_epi8(gt) << (8 * c);
    }
    goto transpose;
  }
#endif
  count_widen(sc);
#ifdef FOLD16
  const __m128i thr = _mm_set1_epi32((int)half);
  for (int c = 0; c < 8; c += 2) {
    __m128i p0 = _mm_packs_epi32(_mm_cmpgt_epi32(sc->cnt[c][0], thr),
                                 _mm_cmpgt_epi32(sc->cnt[c][1], thr));
    __m128i p1 = _mm_packs_epi32(_mm_cmpgt_epi32(sc->cnt[c + 1][0], thr),
                                 _mm_cmpgt_epi32(sc->cnt[c + 1][1], thr));
    m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_packs_epi16(p0, p1)) << (8 * c);
  }
#else
  for (int c = 0; c < 8; c++)
    for (int j = 0; j < 8; j++)
      m |= (uint64_t)(sc->cnt[c][j] > half) << (8 * c + j);
#endif
  uint64_t t;
#ifdef FOLD16
transpose:
#endif
  /* transpose the 8x8 bit matrix: byte j, bit c */
  t = (m ^ (m >> 7)) & 0x00AA00AA00AA00AAull, m ^= t ^ (t << 7);
  t = (m ^ (m >> 14)) & 0x0000CCCC0000CCCCull, m ^= t ^ (t << 14);
  t = (m ^ (m >> 28)) & 0x00000000F0F0F0F0ull, m ^= t ^ (t << 28);
  return m;
}

/* XXH3_64bits of the words a, b, c as stored in memory (24 bytes): the
 * library's path for 17 to 32 bytes with the default secret and seed,
 * written out so that the 128-bit products stay in registers. */
static inline uint64_t xxh3_24(uint64_t a, uint64_t b, uint64_t c) {
#if defined(__SIZEOF_INT128__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const unsigned char *s = XXH3_kSecret;
  uint64_t x0 = a ^ XXH_readLE64(s), y0 = b ^ XXH_readLE64(s + 8);
  uint64_t x1 = b ^ XXH_readLE64(s + 16), y1 = c ^ XXH_readLE64(s + 24);
  uint64_t h0 = (uint64_t)(((__uint128_t)x0 * y0) >> 64);
  uint64_t h1 = (uint64_t)(((__uint128_t)x1 * y1) >> 64);
  return XXH3_avalanche(24 * XXH_PRIME64_1 + ((x0 * y0) ^ h0) + ((x1 * y1) ^ h1));
#else
  uint64_t w[3] = {a, b, c};
  return XXH3_64bits(w, sizeof w);
#endif
}

/* The walk's state between blocks. */
typedef struct simwalk {
  uint64_t h;     /* FNV state of the word being read */
  uint64_t w[2];  /* the last two word hashes */
  uint32_t words; /* so far */
  uint32_t *sketch;
  simcount sc;
} simwalk;

/* Word hashes wh[2..2 + n) (wh has n + 5 slots) follow the last two words:
 * their shingles enter the sketch and the counters. The shingle hashes
 * overwrite wh: a shingle's first word is read before its slot is. Out of
 * line: the loop gets the registers its constants need. */
static __attribute__((noinline)) void
sim_words(simwalk *sw, uint64_t *wh, size_t n) {
  wh[0] = sw->w[0], wh[1] = sw->w[1];
  sw->w[0] = wh[n], sw->w[1] = wh[n + 1];
  /* a paragraph's first two words start no shingle */
  size_t first = sw->words >= 2 ? 0 : 2 - sw->words;
  sw->words += (uint32_t)n;
  uint32_t *sketch = sw->sketch;
  for (size_t i = first; i < n; i++) {
    uint64_t sh = xxh3_24(wh[i], wh[i + 1], wh[i + 2]);
    /* top bits pick the bin, low bits compete for its minimum */
    uint32_t bin = (uint32_t)(sh >> 59) % CX_SKETCH, v = (uint32_t)sh;
    if (v < sketch[bin]) sketch[bin] = v;
    wh[i] = sh;
  }
  for (size_t i = n; i < n + 5; i++) wh[i] = 0; /* count_batch reads sixes */
  for (size_t i = first; i < n; i += SH_BATCH)
    count_batch(&sw->sc, wh + i, n - i < SH_BATCH ? n - i : SH_BATCH);
}

/* Folded bytes p[from..to) (p readable to to + 16): words end at the
 * single spaces between them, found sixteen bytes at a time; their hashes
 * are collected, then shingled. */
#define FOLD_BLOCK 2048 /* a multiple of 16: only the end is zero-padded */
HOT void sim_feed(simwalk *sw, const unsigned char *p, size_t from,
                  size_t to) {
  uint64_t wh[FOLD_BLOCK / 2 + 8]; /* a word and a space per word */
  uint64_t *o = wh + 2, h = sw->h;
  const unsigned char *ws = p + from, *end = p + to; /* ws: not yet hashed */
  for (const unsigned char *b = p + from; b < end; b += 16) {
    unsigned m = space_mask16(b);
    if (end - b < 16) m &= (1u << (end - b)) - 1;
    while (m) {
      const unsigned char *e = b + __builtin_ctz(m);
      *o++ = fnv_bytes(h, ws, (size_t)(e - ws));
      h = FNV_BASIS;
      ws = e + 1;
      m &= m - 1;
    }
  }
  sw->h = fnv_bytes(h, ws, (size_t)(end - ws));
  sim_words(sw, wh, (size_t)(o - wh - 2));
}

/* One pass over text[0..n): the folded text is hashed (XXH3, streamed
 * past FOLD_BLOCK input bytes) and, with sw, walked for the SimHash (then
 * the words are counted there, not while folding; without n_words not at
 * all). */
static inline __attribute__((always_inline)) uint64_t
fold_walk(const char *text, size_t n, uint32_t *n_words, simwalk *sw) {
  const unsigned char *t = (const unsigned char *)text;
  unsigned char buf[FOLD_BLOCK + 48];
  XXH3_state_t st;
  bool streaming = false;
  unsigned sep = 1;
  uint32_t words = 0;
  size_t k = 0, i = 0;
  for (;;) {
    size_t m = n - i < FOLD_BLOCK ? n - i : FOLD_BLOCK, k0 = k;
    k += sw || !n_words ? fold_block(t + i, m, buf + k, &sep)
                        : fold_block_words(t + i, m, buf + k, &sep, &words);
    if (sw) sim_feed(sw, buf, k0, k);
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
  if (sw) {
    if (k && buf[k - 1] != ' ') {
      uint64_t wh[6];
      wh[2] = sw->h;
      sim_words(sw, wh, 1);
    }
    words = sw->words;
  }
  if (n_words) *n_words = words;
  /* nothing folded: no words (the folded text never starts with a space) */
  if (!streaming && !k) return 0;
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
  uint32_t no_sketch[CX_SKETCH];
  memset(&sw, 0, sizeof sw);
  sw.h = FNV_BASIS;
  sw.sketch = sketch ? sketch : no_sketch;
  if (!sketch) memset(no_sketch, 0xff, sizeof no_sketch);
  uint64_t x = fold_walk(text, n, n_words, &sw);
  if (hash) *hash = x;
  if (sw.words < 3) return 0;
  uint64_t sig = count_majority(&sw.sc, sw.words - 2);
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
