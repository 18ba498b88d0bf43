/* Unicode normalization (NFC via utf8proc) and typographic folding, keeping
 * norm_to_orig so every output offset points into the text as read. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "lexicon.h"

typedef struct fold {
  int32_t cp;
  char repl[8];
  uint8_t len;
} fold;

struct cx_text_folds {
  fold *folds; /* sorted by cp */
  size_t n;
};

static int fold_cmp(const void *a, const void *b) {
  int32_t x = ((const fold *)a)->cp, y = ((const fold *)b)->cp;
  return (x > y) - (x < y);
}

cx_text_folds *cx_text_folds_new(cx_diag *diag) {
  cx_lexicon *lx = cx_lexicon_load("typographic.tsv", true, diag);
  if (!lx) return NULL;
  cx_text_folds *f = cx_xcalloc(1, sizeof *f);
  f->n = cx_lexicon_size(lx);
  f->folds = cx_xcalloc(f->n ? f->n : 1, sizeof *f->folds);
  for (size_t i = 0; i < f->n; i++) {
    const char *k = cx_lexicon_key(lx, i), *v = cx_lexicon_value(lx, i);
    if (strncmp(k, "U+", 2) != 0 || strlen(v) >= sizeof f->folds[i].repl) {
      cx_diag_set(diag, CX_ERR_DATA, "typographic.tsv", (long)i,
                  "bad entry '%s'", k);
      cx_lexicon_free(lx);
      cx_text_folds_free(f);
      return NULL;
    }
    f->folds[i].cp = (int32_t)strtol(k + 2, NULL, 16);
    f->folds[i].len = (uint8_t)strlen(v);
    memcpy(f->folds[i].repl, v, f->folds[i].len);
  }
  cx_lexicon_free(lx);
  qsort(f->folds, f->n, sizeof *f->folds, fold_cmp);
  return f;
}

void cx_text_folds_free(cx_text_folds *f) {
  if (!f) return;
  free(f->folds);
  free(f);
}

static const fold *find_fold(const cx_text_folds *f, int32_t cp) {
  fold key = {.cp = cp};
  return bsearch(&key, f->folds, f->n, sizeof *f->folds, fold_cmp);
}

long cx_utf8_invalid_at(const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    if ((unsigned char)s[i] < 0x80) {
      i++;
      continue;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0) return (long)i;
    i += (size_t)k;
  }
  return -1;
}

/* Appends bytes that all map to original offset `orig`. */
static inline void emit(cx_doc *d, const char *p, size_t n, uint32_t orig) {
  for (size_t i = 0; i < n; i++) {
    d->norm[d->norm_len] = p[i];
    d->norm_to_orig[d->norm_len++] = orig;
  }
}

/* True when normalization would copy the text unchanged: ASCII without
 * control characters other than LF and TAB. Eight bytes per test. */
static bool ascii_identity(const char *s, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i k20 = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    /* signed: bytes >= 0x80 compare below 0x20 too */
    if (!_mm_movemask_epi8(_mm_cmplt_epi8(v, k20))) continue;
    for (size_t k = i; k < i + 16; k++) {
      unsigned char c = (unsigned char)s[k];
      if (c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t')) return false;
    }
  }
#endif
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if (x & high) return false;
    if (((x - ones * 0x20) & ~x & high) == 0) continue;
    for (size_t k = i; k < i + 8; k++)
      if ((unsigned char)s[k] < 0x20 && s[k] != '\n' && s[k] != '\t') return false;
  }
  for (; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || (c < 0x20 && c != '\n' && c != '\t')) return false;
  }
  return true;
}

/* End of the run of printable ASCII bytes (0x20..0x7f) at s[i..n). */
static inline size_t printable_run(const char *s, size_t i, size_t n) {
#if defined(__SSE2__)
  /* signed: bytes >= 0x80 are negative, so one compare finds both kinds of
   * byte that end the run */
  const __m128i k20 = _mm_set1_epi8(0x20);
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    unsigned bad = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, k20));
    if (bad) return i + (size_t)__builtin_ctz(bad);
  }
#endif
  while (i < n && (unsigned char)s[i] < 0x80 && (unsigned char)s[i] >= 0x20) i++;
  return i;
}

/* o[k] = from + k for k < n. */
static inline void fill_offsets(uint32_t *o, uint32_t from, size_t n) {
  size_t k = 0;
#if defined(__SSE2__)
  __m128i v = _mm_add_epi32(_mm_set1_epi32((int)from), _mm_set_epi32(3, 2, 1, 0));
  const __m128i four = _mm_set1_epi32(4);
  for (; k + 4 <= n; k += 4) {
    _mm_storeu_si128((__m128i *)(void *)(o + k), v);
    v = _mm_add_epi32(v, four);
  }
#endif
  for (; k < n; k++) o[k] = from + (uint32_t)k;
}

cx_status cx_text_normalize(const cx_text_folds *f, cx_doc *d,
                            cx_diag *diag) {
  const char *s = d->text;
  size_t n = d->text_len;
  if (n > UINT32_MAX / 2)
    return cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1, "%zu bytes", n);
  if (ascii_identity(s, n)) {
    /* nothing to fold: norm is the text, offsets are the identity */
    d->norm = cx_arena_alloc(d->arena, n + 1);
    memcpy(d->norm, s, n);
    d->norm[n] = '\0';
    d->norm_len = n;
    d->norm_to_orig = NULL;
    return CX_OK;
  }
  /* NFC never grows a cluster by more than 3x in UTF-8; folds at most to 3
   * bytes from >= 2 bytes; so 3n is a safe bound. */
  d->norm = cx_arena_alloc(d->arena, 3 * n + 1);
  d->norm_to_orig = cx_arena_alloc(d->arena, (3 * n + 1) * sizeof(uint32_t));
  d->norm_len = 0;
  size_t i = 0;
  utf8proc_int32_t buf[64];
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    /* an ASCII letter followed by a combining mark starts a cluster */
    bool starter = c >= 0x20 && c < 0x7f && i + 1 < n &&
                   (unsigned char)s[i + 1] >= 0x80;
    if (c < 0x80 && !starter) {
      /* ASCII fast path; the last character before non-ASCII is left for
       * the cluster path */
      size_t j = printable_run(s, i, n);
      if (j < n && (unsigned char)s[j] >= 0x80 && j > i) j--;
      if (j > i) {
        memcpy(d->norm + d->norm_len, s + i, j - i);
        fill_offsets(d->norm_to_orig + d->norm_len, (uint32_t)i, j - i);
        d->norm_len += j - i;
        i = j;
        continue;
      }
      if (c == '\r') {
        if (i + 1 < n && s[i + 1] == '\n') { i++; continue; } /* CRLF → LF */
        emit(d, "\n", 1, (uint32_t)i);
      } else if (c == '\n' || c == '\t') {
        emit(d, (const char *)&s[i], 1, (uint32_t)i);
      } else if (c >= 0x20) {
        emit(d, (const char *)&s[i], 1, (uint32_t)i); /* DEL */
      } else {
        emit(d, " ", 1, (uint32_t)i);
      }
      i++;
      continue;
    }
    /* a non-ASCII cluster: starter plus following combining marks */
    size_t start = i;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(n - i), &cp);
    if (k <= 0)
      return cx_diag_set(diag, CX_ERR_UTF8, d->id, (long)i,
                         "invalid UTF-8 at byte %zu", i);
    i += (size_t)k;
    const fold *fd = find_fold(f, cp);
    if (fd) {
      emit(d, fd->repl, fd->len, (uint32_t)start);
      continue;
    }
    size_t end = i;
    int ncp = 1;
    while (end < n && ncp < 16) {
      utf8proc_int32_t cp2;
      utf8proc_ssize_t k2 = utf8proc_iterate((const utf8proc_uint8_t *)s + end,
                                             (utf8proc_ssize_t)(n - end), &cp2);
      if (k2 <= 0 || utf8proc_get_property(cp2)->combining_class == 0) break;
      end += (size_t)k2;
      ncp++;
    }
    utf8proc_ssize_t m = utf8proc_decompose(
        (const utf8proc_uint8_t *)s + start, (utf8proc_ssize_t)(end - start),
        buf, 64, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0 || m > 64) {
      /* cannot normalize this cluster: keep it as it is */
      emit(d, s + start, end - start, (uint32_t)start);
      i = end;
      continue;
    }
    m = utf8proc_normalize_utf32(buf, m, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    for (utf8proc_ssize_t q = 0; q < m; q++) {
      utf8proc_uint8_t enc[4];
      utf8proc_ssize_t el = utf8proc_encode_char(buf[q], enc);
      emit(d, (const char *)enc, (size_t)el, (uint32_t)start);
    }
    i = end;
  }
  d->norm[d->norm_len] = '\0';
  d->norm_to_orig[d->norm_len] = (uint32_t)n;
  return CX_OK;
}
