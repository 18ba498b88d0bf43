/* Allocation wrappers, diagnostics, byte buffers and JSON output helpers. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

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
  for (int t = 0; t < CX_N_MENTION_TYPES; t++)
    if (strcmp(cx_mention_type_name((cx_mention_type)t), s) == 0) return t;
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

/* Does any byte of x need escaping (< 0x20, '"', '\\', 0x7f)? Eight bytes
 * per test: most text has nothing to escape. */
static inline bool json_word_needs_escape(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\'), del = x ^ (ones * 0x7f);
  uint64_t t = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
               ((bs - ones) & ~bs) | ((del - ones) & ~del);
  return (t & high) != 0;
}

void cx_buf_json_str(cx_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  if (!s) {
    cx_buf_put(b, "null", 4);
    return;
  }
  cx_buf_reserve(b, n + 2);
  cx_buf_putc(b, '"');
  size_t run = 0, i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t x;
      memcpy(&x, s + i, 8);
      if (!json_word_needs_escape(x)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = (unsigned char)s[i++];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f) continue;
    cx_buf_put(b, s + run, i - 1 - run);
    run = i;
    switch (c) {
      case '"': cx_buf_put(b, "\\\"", 2); break;
      case '\\': cx_buf_put(b, "\\\\", 2); break;
      case '\n': cx_buf_put(b, "\\n", 2); break;
      case '\r': cx_buf_put(b, "\\r", 2); break;
      case '\t': cx_buf_put(b, "\\t", 2); break;
      default: {
        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        cx_buf_put(b, e, 6);
      }
    }
  }
  cx_buf_put(b, s + run, n - run);
  cx_buf_putc(b, '"');
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
  /* shortest representation that reads back to the same double */
  char tmp[40];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v) break;
  }
  cx_buf_puts(b, tmp);
}
