/* The document model: identity, text, derived views and mentions. */
#include <stdlib.h>
#include <string.h>

#include "cx.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

cx_doc *cx_doc_new(void) {
  cx_doc *d = cx_xcalloc(1, sizeof *d);
  d->arena = cx_arena_new();
  return d;
}

void cx_doc_free(cx_doc *d) {
  if (!d) return;
  cx_arena_free(d->arena);
  free(d->mentions);
  free(d);
}

void cx_doc_reset(cx_doc *d) {
  cx_arena *a = d->arena;
  cx_mention *m = d->mentions;
  size_t cap = d->cap_mentions;
  cx_arena_reset(a);
  memset(d, 0, sizeof *d);
  d->arena = a;
  d->mentions = m;
  d->cap_mentions = cap;
}

cx_mention *cx_doc_add_mention(cx_doc *d, cx_mention_type t, uint32_t start,
                               uint32_t end) {
  if (d->n_mentions == d->cap_mentions) {
    d->cap_mentions = d->cap_mentions ? d->cap_mentions * 2 : 64;
    d->mentions =
        cx_xrealloc(d->mentions, d->cap_mentions * sizeof *d->mentions);
  }
  cx_mention *m = &d->mentions[d->n_mentions++];
  memset(m, 0, sizeof *m);
  m->type = t;
  m->start = start;
  m->end = end;
  return m;
}

/* Continuation bytes (10xxxxxx) among the 8 bytes of x (a multiply sums
 * the flags: no popcount instruction in baseline x86-64). */
static inline unsigned cont_bytes(uint64_t x) {
  uint64_t f = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
  return (unsigned)((f * 0x0101010101010101ull) >> 56);
}

/* Code points (bytes other than continuation bytes) in s[0..n); s[0..avail)
 * may be read (avail >= n), which spares a short tail its byte loop. */
static inline __attribute__((always_inline)) size_t
lead_bytes(const char *s, size_t n, size_t avail) {
  size_t cont = 0, i = 0;
#if defined(__SSE2__)
  /* continuation bytes are the signed bytes below -64; byte counters
   * are summed before they can overflow */
  const __m128i lim = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
  while (n - i >= 16) {
    size_t blocks = (n - i) / 16;
    if (blocks > 255) blocks = 255;
    __m128i acc = zero;
    for (size_t k = 0; k < blocks; k++, i += 16)
      acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(s + i)), lim));
    __m128i sum = _mm_sad_epu8(acc, zero);
    cont += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    cont += cont_bytes(x);
  }
  if (i < n && avail - i >= 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    /* little-endian: the first n - i bytes are the low ones; the bytes
     * masked off count as ASCII */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    cont += cont_bytes(x & ((1ull << (8 * (n - i))) - 1));
    i = n;
#endif
  }
  for (; i < n; i++) cont += ((unsigned char)s[i] & 0xC0) == 0x80;
  return n - cont;
}

/* Byte offset into doc->text of a norm byte offset (clamped). */
static size_t orig_offset(const cx_doc *d, uint32_t norm_off) {
  size_t orig = norm_off;
  if (d->norm_to_orig) {
    if (norm_off > d->norm_len) norm_off = (uint32_t)d->norm_len;
    orig = d->norm_to_orig[norm_off];
  }
  return orig > d->text_len ? d->text_len : orig;
}

/* A byte offset's code point: a continuation byte belongs to the code point
 * already counted. */
static uint32_t cp_at(const cx_doc *d, size_t orig, uint32_t cp) {
  if (orig < d->text_len && ((unsigned char)d->text[orig] & 0xC0) == 0x80 && cp) cp--;
  return cp;
}

uint32_t cx_doc_cp_walk(const cx_doc *d, cx_cp_walk *w, const cx_cp_walk *base,
                        uint32_t norm_off) {
  size_t orig = orig_offset(d, norm_off);
  if (orig < w->orig) {
    if (base && base->orig <= orig) *w = *base;
    else w->orig = 0, w->cp = 0;
  }
  w->cp += (uint32_t)lead_bytes(d->text + w->orig, orig - w->orig, d->text_len - w->orig);
  w->orig = orig;
  return cp_at(d, orig, w->cp);
}

/* Code points before each 64-byte block: a lookup then counts at most one
 * block. Most news text is ASCII, where code points are bytes. */
static void build_cp_index(cx_doc *d) {
  const char *t = d->text;
  size_t n = d->text_len, nb = n / 64 + 1;
  d->cp_built = true;
  uint64_t any_high = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, t + i, 8);
    any_high |= x;
  }
  for (; i < n; i++) any_high |= (unsigned char)t[i];
  if (!(any_high & 0x8080808080808080ull)) {
    d->cp_ascii = true;
    return;
  }
  uint32_t *idx = cx_arena_alloc(d->arena, nb * sizeof *idx);
  uint32_t cp = 0;
  for (size_t b = 0; b < nb; b++) {
    idx[b] = cp;
    size_t s = b * 64, e = s + 64 < n ? s + 64 : n;
    cp += (uint32_t)lead_bytes(t + s, e - s, n - s);
  }
  d->cp_index = idx;
}

uint32_t cx_doc_cp_offset(cx_doc *d, uint32_t norm_off) {
  if (!d->cp_built) build_cp_index(d);
  size_t orig = orig_offset(d, norm_off);
  if (d->cp_ascii) return (uint32_t)orig;
  size_t k = orig & ~(size_t)63;
  uint32_t cp = d->cp_index[orig / 64];
  return cp_at(d, orig, cp + (uint32_t)lead_bytes(d->text + k, orig - k, d->text_len - k));
}

int cx_doc_set_ref_date(cx_doc *d, const char *iso) {
  int y, m, dd;
  /* "YYYY-MM-DD...": the usual form, read without sscanf */
  if (iso && iso[0] >= '1' && iso[0] <= '9') {
    bool plain = true;
    for (int i = 1; i < 10 && plain; i++)
      plain = i == 4 || i == 7 ? iso[i] == '-' : iso[i] >= '0' && iso[i] <= '9';
    if (plain && !(iso[10] >= '0' && iso[10] <= '9')) {
      y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
      m = (iso[5] - '0') * 10 + (iso[6] - '0');
      dd = (iso[8] - '0') * 10 + (iso[9] - '0');
      if (m < 1 || m > 12 || dd < 1 || dd > 31) return -1;
      d->ref_year = y, d->ref_month = m, d->ref_day = dd;
      return 0;
    }
  }
  if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &dd) != 3) {
    if (iso && sscanf(iso, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12) {
      d->ref_year = y, d->ref_month = m, d->ref_day = 1;
      return 0;
    }
    return -1;
  }
  if (y < 1 || m < 1 || m > 12 || dd < 1 || dd > 31) return -1;
  d->ref_year = y, d->ref_month = m, d->ref_day = dd;
  return 0;
}
