/* Allocation wrappers, diagnostics, byte buffers and JSON output helpers. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static const char *const status_messages[] = {
#define X(name, val, msg) [val] = msg,
    CX_STATUS_LIST(X)
#undef X
};

const char *cx_status_message(cx_status st) {
  if ((size_t)st < sizeof status_messages / sizeof *status_messages &&
      status_messages[st])
    return status_messages[st];
  return "unknown error";
}

void cx_diag_clear(cx_diag *d) {
  if (!d) return;
  d->status = CX_OK;
  d->doc[0] = d->text[0] = '\0';
  d->offset = -1;
}

cx_status cx_diag_set(cx_diag *d, cx_status st, const char *doc, long offset,
                      const char *fmt, ...) {
  if (!d || d->status != CX_OK) return st;
  d->status = st;
  d->offset = offset;
  snprintf(d->doc, sizeof d->doc, "%s", doc ? doc : "");
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(d->text, sizeof d->text, fmt, ap);
  va_end(ap);
  return st;
}

static void oom(void) {
  fputs("claimx: out of memory\n", stderr);
  abort();
}

void *cx_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom();
  return p;
}

void *cx_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) oom();
  return p;
}

void *cx_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) oom();
  return q;
}

char *cx_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(cx_xmalloc(n), s, n);
}

const char *cx_mention_type_name(cx_mention_type t) {
  static const char *const names[] = {
#define X(e, s) s,
      CX_MENTION_TYPES(X)
#undef X
  };
  return (unsigned)t < CX_N_MENTION_TYPES ? names[t] : "?";
}

int cx_mention_type_from_name(const char *s) {
  /* the first letter settles most candidates without a call (the entity
   * lexicons ask this per lookup) */
  for (int t = 0; t < CX_N_MENTION_TYPES; t++) {
    const char *name = cx_mention_type_name((cx_mention_type)t);
    if (name[0] == s[0] && strcmp(name, s) == 0) return t;
  }
  return -1;
}

const char *cx_qualifier_name(cx_qualifier q) {
  static const char *const names[] = {
#define X(e, s) s,
      CX_QUALIFIERS(X)
#undef X
  };
  return (unsigned)q < sizeof names / sizeof *names ? names[q] : NULL;
}

const char *cx_stance_name(cx_stance s) {
  static const char *const names[] = {
#define X(e, str) str,
      CX_STANCES(X)
#undef X
  };
  return (unsigned)s < sizeof names / sizeof *names ? names[s] : "asserts";
}

/* ---------------------------------------------------------------- buffers */

void cx_buf_init(cx_buf *b) { b->data = NULL, b->len = b->cap = 0; }

void cx_buf_free(cx_buf *b) {
  free(b->data);
  cx_buf_init(b);
}

void cx_buf_reserve(cx_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  b->data = cx_xrealloc(b->data, cap);
  b->cap = cap;
}

void cx_buf_printf(cx_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof small) {
    cx_buf_put(b, small, (size_t)n);
    return;
  }
  cx_buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

#if !defined(__SSE2__)
/* Does any byte of x need escaping (< 0x20, '"', '\\', 0x7f)? Eight bytes
 * per test: most text has nothing to escape. */
static inline bool json_word_needs_escape(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'), del = x ^ (ones * 0x7f);
  uint64_t t = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
               ((bs - ones) & ~bs) | ((del - ones) & ~del);
  return (t & high) != 0;
}
#endif

/* Writes the escape of c (a byte that needs one) at o; returns its length. */
static inline size_t json_escape_byte(char *o, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  o[0] = '\\';
  switch (c) {
    case '"': o[1] = '"'; return 2;
    case '\\': o[1] = '\\'; return 2;
    case '\n': o[1] = 'n'; return 2;
    case '\r': o[1] = 'r'; return 2;
    case '\t': o[1] = 't'; return 2;
    default:
      memcpy(o + 1, "u00", 3);
      o[4] = hex[c >> 4];
      o[5] = hex[c & 15];
      return 6;
  }
}

/* The output is several times the input and mostly this: sixteen bytes are
 * copied and tested at a time (SSE2, part of x86-64), eight elsewhere. The
 * buffer keeps 16 bytes of slack so a block is stored before it is tested;
 * only an escape needs room beyond the string's own length. */
void cx_buf_json_str(cx_buf *b, const char *s, size_t n) {
  if (!s) {
    cx_buf_put(b, "null", 4);
    return;
  }
  if (b->len + n + 2 + 16 + 1 > b->cap) cx_buf_reserve(b, n + 2 + 16);
  char *o = b->data + b->len;
  *o++ = '"';
  size_t i = 0;
  for (;;) {
    size_t take = n - i < 16 ? n - i : 16;
    unsigned mask;
#if defined(__SSE2__)
    __m128i x;
    if (take == 16) {
      x = _mm_loadu_si128((const __m128i *)(s + i));
    } else {
      /* the tail in overlapping loads from inside the string; bytes past
       * it are don't-cares (masked off below, overwritten after) */
      if (!take) break;
      const char *t = s + i;
      uint64_t lo, hi = 0;
      if (take >= 8) {
        uint64_t last;
        memcpy(&lo, t, 8);
        memcpy(&last, t + take - 8, 8);
        lo |= last << (8 * (take - 8));
        if (take > 8) hi = last >> (8 * (16 - take));
      } else if (take >= 4) {
        uint32_t first, last;
        memcpy(&first, t, 4);
        memcpy(&last, t + take - 4, 4);
        lo = first | (uint64_t)last << (8 * (take - 4));
      } else {
        lo = (uint64_t)(unsigned char)t[0] |
             (uint64_t)(unsigned char)t[take / 2] << (8 * (take / 2)) |
             (uint64_t)(unsigned char)t[take - 1] << (8 * (take - 1));
      }
      x = _mm_set_epi64x((long long)hi, (long long)lo);
    }
    _mm_storeu_si128((__m128i *)o, x);
    __m128i e = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                     _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))),
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f)),
                     _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x)));
    mask = (unsigned)_mm_movemask_epi8(e) & ((1u << take) - 1);
#else
    if (!take) break;
    mask = 0;
    for (size_t k = 0; k < take;) {
      uint64_t x;
      if (take - k >= 8 && (memcpy(&x, s + i + k, 8), !json_word_needs_escape(x))) {
        k += 8;
        continue;
      }
      unsigned char c = (unsigned char)s[i + k];
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) {
        mask = 1u << k;
        break;
      }
      k++;
    }
    size_t plain = mask ? (size_t)__builtin_ctz(mask) : take;
    memcpy(o, s + i, plain);
#endif
    if (!mask) {
      i += take;
      o += take;
      continue;
    }
    unsigned k = (unsigned)__builtin_ctz(mask);
    i += k;
    o += k;
    unsigned char c = (unsigned char)s[i++];
    size_t len = (size_t)(o - b->data);
    b->len = len;
    cx_buf_reserve(b, 6 + (n - i) + 1 + 16);
    o = b->data + len;
    o += json_escape_byte(o, c);
  }
  *o++ = '"';
  b->len = (size_t)(o - b->data);
  *o = '\0';
}

void cx_buf_json_cstr(cx_buf *b, const char *s) {
  cx_buf_json_str(b, s, s ? strlen(s) : 0);
}

void cx_buf_json_num(cx_buf *b, double v) {
  if (!isfinite(v)) {
    cx_buf_put(b, "null", 4);
    return;
  }
  if (v == floor(v) && fabs(v) < 1e15) {
    /* integers by hand: printf was most of this function's time */
    char tmp[24];
    size_t k = sizeof tmp;
    uint64_t u = (uint64_t)fabs(v);
    do tmp[--k] = (char)('0' + u % 10); while (u /= 10);
    if (v < 0) tmp[--k] = '-';
    cx_buf_put(b, tmp + k, sizeof tmp - k);
    return;
  }
  /* A value that is a decimal with few fraction digits (2.5, 0.75): with
   * m and 10^k exact, m / 10^k is the double strtod reads from that decimal,
   * so the first k that gives v back is the shortest "%g" below, without
   * printing and reading back up to 17 candidates. Below 2^50 at most one
   * k-digit decimal reads back as v, and it is the nearest one, the one
   * printf prints. Otherwise every k tried has failed, and so would every
   * precision up to that many fraction digits: the search starts after. */
  double a = fabs(v);
  int prec = 1;
  if (a >= 1e-4 && a < 1e15) {
    static const double pow10[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,
                                   1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13,
                                   1e14, 1e15, 1e16, 1e17};
    int k = 1;
    for (; k <= 17; k++) {
      double m = nearbyint(a * pow10[k]);
      if (m >= 1125899906842624.0) break; /* 2^50 */
      if (m / pow10[k] != a) continue;
      uint64_t u = (uint64_t)m;
      char tmp[48];
      size_t j = sizeof tmp;
      for (int f = 0; f < k; f++, u /= 10) tmp[--j] = (char)('0' + u % 10);
      tmp[--j] = '.';
      do tmp[--j] = (char)('0' + u % 10); while (u /= 10);
      if (v < 0) tmp[--j] = '-';
      cx_buf_put(b, tmp + j, sizeof tmp - j);
      return;
    }
    /* decimal exponent of a (powers of ten are exact from 1 up) */
    if (a >= 1) {
      int x = 0;
      while (x < 15 && a >= pow10[x + 1]) x++;
      prec = x + 1 + k;
      if (prec > 17) prec = 17;
    }
  }
  /* shortest representation that reads back to the same double */
  char tmp[40];
  for (; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v) break;
  }
  cx_buf_puts(b, tmp);
}

void cx_hex16(char out[16], uint64_t h) {
  for (int half = 0; half < 2; half++) {
    /* one nibble per byte (least significant first), then digits, then
     * the byte swap puts the most significant first */
    uint64_t x = half ? h & 0xffffffffu : h >> 32;
    x = ((x & 0xffff0000ull) << 16) | (x & 0xffffull);
    x = ((x & 0x0000ff000000ff00ull) << 8) | (x & 0x000000ff000000ffull);
    x = ((x & 0x00f000f000f000f0ull) << 4) | (x & 0x000f000f000f000full);
    uint64_t letter = ((x + 0x0606060606060606ull) >> 4) & 0x0101010101010101ull;
    x += 0x3030303030303030ull + letter * ('a' - '0' - 10);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    x = __builtin_bswap64(x);
    memcpy(out + 8 * half, &x, 8);
#else
    for (int i = 0; i < 8; i++) out[8 * half + i] = (char)(x >> (8 * (7 - i)));
#endif
  }
}
