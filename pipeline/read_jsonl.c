/* JSON Lines dumps: one document per line with fields id, url, outlet,
 * published, title, text (jansson). A bad line is an error for that
 * document only. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

typedef struct jsonl_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  long item;
  cx_buf line;
  char *scratch; /* fast-path decoding, line-sized */
  size_t scratch_cap;
} jsonl_state;

static void *jsonl_open(cx_stream *s, const char *path,
                        const cx_read_options *o, cx_diag *diag) {
  (void)diag;
  jsonl_state *j = cx_xcalloc(1, sizeof *j);
  j->s = s;
  j->path = path;
  j->o = o;
  cx_buf_init(&j->line);
  return j;
}

static void jsonl_close(void *state) {
  jsonl_state *j = state;
  cx_buf_free(&j->line);
  free(j->scratch);
  free(j);
}

static const char *str_field(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Fast path for the common line: one object whose values are strings (or
 * null/true/false), plain keys, valid UTF-8. It decodes the fields the
 * reader uses straight into the document arena. Anything else (numbers,
 * nesting, escaped or duplicate keys, bad escapes or UTF-8, trailing text)
 * returns false and the line goes to jansson, which decides and words the
 * error: the fast path never accepts a line jansson would reject, nor reads
 * one differently. */
#define FIELDS(X)                                                            \
  X(F_ID, "id") X(F_TITLE, "title") X(F_OUTLET, "outlet")                     \
  X(F_PUBLISHED, "published") X(F_URL, "url") X(F_AUTHOR, "author")           \
  X(F_SOURCE, "source") X(F_DATE, "date") X(F_TEXT, "text")
enum {
#define X(e, name) e,
  FIELDS(X)
#undef X
  F_N
};
static const char *const field_names[F_N] = {
#define X(e, name) name,
    FIELDS(X)
#undef X
};
static const size_t field_lens[F_N] = {
#define X(e, name) sizeof name - 1,
    FIELDS(X)
#undef X
};

typedef struct fast_str {
  char *s;
  size_t n;
  bool set;
} fast_str;

static const char *skip_ws(const char *p, const char *e) {
  while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  return p;
}

static int hex4(const char *p) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    int c = (unsigned char)p[i], d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

/* Length of the valid UTF-8 sequence at p (strict: no overlongs, surrogates
 * or code points above U+10FFFF), 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *e) {
  unsigned c = p[0];
  size_t n;
  unsigned min;
  if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
  else return 0;
  if ((size_t)(e - p) < n) return 0;
  unsigned cp = c & (0x3Fu >> (n - 1));
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

/* Parses the string whose opening quote is at *pp; decodes into out (room
 * for as many bytes as the raw string) unless out is NULL. */
static bool fast_string(const char **pp, const char *e, char *out, size_t *out_n) {
  const unsigned char *p = (const unsigned char *)*pp + 1, *ue = (const unsigned char *)e;
  size_t n = 0;
  for (;;) {
    const unsigned char *run = p;
#if defined(__SSE2__)
    /* sixteen plain ASCII bytes at a time (most of an article's text): a
     * signed compare catches both control bytes and bytes >= 0x80 */
    while (ue - p >= 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)p);
      __m128i stop = _mm_or_si128(
          _mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
          _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                       _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
      unsigned mask = (unsigned)_mm_movemask_epi8(stop);
      if (mask) {
        p += __builtin_ctz(mask);
        break;
      }
      p += 16;
    }
#endif
    /* eight plain ASCII bytes at a time */
    while (ue - p >= 8) {
      const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
      uint64_t x;
      memcpy(&x, p, 8);
      uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
      if ((x | ((x - ones * 0x20) | (q - ones) | (bs - ones))) & high) break;
      p += 8;
    }
    while (p < ue && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\') p++;
    if (out) memcpy(out + n, run, (size_t)(p - run));
    n += (size_t)(p - run);
    if (p >= ue) return false;
    unsigned c = *p;
    if (c == '"') break;
    if (c < 0x20) return false;
    if (c >= 0x80) {
      size_t k = utf8_seq(p, ue);
      if (!k) return false;
      if (out) memcpy(out + n, p, k);
      n += k;
      p += k;
      continue;
    }
    /* backslash */
    if (ue - p < 2) return false;
    char ch;
    switch (p[1]) {
      case '"': ch = '"'; break;
      case '\\': ch = '\\'; break;
      case '/': ch = '/'; break;
      case 'b': ch = '\b'; break;
      case 'f': ch = '\f'; break;
      case 'n': ch = '\n'; break;
      case 'r': ch = '\r'; break;
      case 't': ch = '\t'; break;
      case 'u': {
        if (ue - p < 6) return false;
        int v = hex4((const char *)p + 2);
        if (v <= 0 || (v >= 0xDC00 && v <= 0xDFFF)) return false;
        p += 6;
        unsigned cp = (unsigned)v;
        if (v >= 0xD800 && v <= 0xDBFF) {
          if (ue - p < 6 || p[0] != '\\' || p[1] != 'u') return false;
          int lo = hex4((const char *)p + 2);
          if (lo < 0xDC00 || lo > 0xDFFF) return false;
          p += 6;
          cp = 0x10000 + (((unsigned)v - 0xD800) << 10) + ((unsigned)lo - 0xDC00);
        }
        char b[4];
        size_t k;
        if (cp < 0x80) b[0] = (char)cp, k = 1;
        else if (cp < 0x800) b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), k = 2;
        else if (cp < 0x10000)
          b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
          b[2] = (char)(0x80 | (cp & 0x3F)), k = 3;
        else
          b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
          b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), k = 4;
        if (out) memcpy(out + n, b, k);
        n += k;
        continue;
      }
      default: return false;
    }
    if (out) out[n] = ch;
    n++;
    p += 2;
  }
  if (out) out[n] = '\0';
  *out_n = n;
  *pp = (const char *)p + 1;
  return true;
}

static bool fast_parse(const char *line, size_t len, cx_arena *a, char *scratch,
                       fast_str f[F_N]) {
  const char *p = line, *e = line + len;
  struct { const char *k; size_t n; } keys[32];
  size_t nk = 0;
  p = skip_ws(p, e);
  if (p == e || *p != '{') return false;
  p = skip_ws(p + 1, e);
  if (p < e && *p == '}') return false; /* empty object: let jansson say it */
  for (;;) {
    if (p == e || *p != '"') return false;
    const char *k = p + 1, *ke = memchr(k, '"', (size_t)(e - k));
    if (!ke || memchr(k, '\\', (size_t)(ke - k))) return false;
    for (const char *q = k; q < ke; q++)
      if ((unsigned char)*q < 0x20 || (unsigned char)*q >= 0x80) return false;
    size_t kn = (size_t)(ke - k);
    if (nk == sizeof keys / sizeof *keys) return false;
    for (size_t i = 0; i < nk; i++)
      if (keys[i].n == kn && memcmp(keys[i].k, k, kn) == 0) return false;
    keys[nk].k = k;
    keys[nk++].n = kn;
    int which = -1;
    for (int i = 0; i < F_N; i++)
      if (field_lens[i] == kn && memcmp(field_names[i], k, kn) == 0) which = i;
    p = skip_ws(ke + 1, e);
    if (p == e || *p != ':') return false;
    p = skip_ws(p + 1, e);
    if (p == e) return false;
    if (*p == '"') {
      /* scratch holds len + 1 bytes: decoding never grows a string */
      size_t n;
      if (!fast_string(&p, e, which >= 0 ? scratch : NULL, &n)) return false;
      if (which >= 0) f[which] = (fast_str){cx_arena_strndup(a, scratch, n), n, true};
    } else {
      if (which == F_ID || which == F_TEXT) return false;
      static const char *const lits[] = {"null", "true", "false"};
      bool ok = false;
      for (int i = 0; i < 3 && !ok; i++) {
        size_t ln = strlen(lits[i]);
        if ((size_t)(e - p) >= ln && memcmp(p, lits[i], ln) == 0) p += ln, ok = true;
      }
      if (!ok) return false;
    }
    p = skip_ws(p, e);
    if (p == e) return false;
    if (*p == '}') break;
    if (*p != ',') return false;
    p = skip_ws(p + 1, e);
  }
  return skip_ws(p + 1, e) == e && f[F_TEXT].set;
}

/* "path#N", the id of a line without one (printf was a tenth of the
 * reader's time). */
static const char *item_id(cx_arena *a, const char *path, long item) {
  char digits[24];
  size_t k = sizeof digits;
  unsigned long v = item < 0 ? 0 - (unsigned long)item : (unsigned long)item;
  do digits[--k] = (char)('0' + v % 10); while (v /= 10);
  if (item < 0) digits[--k] = '-';
  size_t pn = strlen(path), dn = sizeof digits - k;
  char *id = cx_arena_alloc(a, pn + 1 + dn + 1);
  memcpy(id, path, pn);
  id[pn] = '#';
  memcpy(id + pn + 1, digits + k, dn);
  id[pn + 1 + dn] = '\0';
  return id;
}

static int jsonl_next(void *state, cx_doc *d, cx_diag *diag) {
  jsonl_state *j = state;
  for (;;) {
    int r = cx_stream_getline(j->s, &j->line, j->o->max_doc_bytes, diag);
    if (r == 0) return CX_READ_END;
    if (r == -1) return CX_READ_FATAL;
    /* skip blank lines without counting them */
    if (r == 1) {
      size_t k = 0;
      while (k < j->line.len && (j->line.data[k] == ' ' || j->line.data[k] == '\t' || j->line.data[k] == '\r')) k++;
      if (k == j->line.len) continue;
    }
    j->item++;
    d->path = cx_arena_strdup(d->arena, j->path);
    d->item = j->item;
    d->id = item_id(d->arena, d->path, j->item);
    d->format = "jsonl";
    if (r == -2) {
      cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1,
                  "line longer than the %zu-byte document limit",
                  j->o->max_doc_bytes);
      return CX_READ_BAD;
    }
    fast_str f[F_N] = {{0}};
    if (j->scratch_cap < j->line.len + 1) {
      free(j->scratch);
      j->scratch_cap = j->line.len + 1 > 65536 ? j->line.len + 1 : 65536;
      j->scratch = cx_xmalloc(j->scratch_cap);
    }
    if (fast_parse(j->line.data, j->line.len, d->arena, j->scratch, f)) {
      if (f[F_ID].set && f[F_ID].n) d->id = f[F_ID].s;
      for (int k = F_TITLE; k <= F_DATE; k++)
        if (f[k].set) cx_doc_set_meta(d, field_names[k], field_lens[k], f[k].s, f[k].n);
      d->text = f[F_TEXT].s;
      d->text_len = f[F_TEXT].n;
      return CX_READ_DOC;
    }
    json_error_t err;
    json_t *obj = json_loadb(j->line.data, j->line.len,
                             JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK, &err);
    if (!obj) {
      bool trunc = strstr(err.text, "premature end") != NULL ||
                   strstr(err.text, "unexpected newline") != NULL;
      cx_diag_set(diag, trunc ? CX_ERR_TRUNCATED : CX_ERR_PARSE, d->id,
                  err.position, "%s JSON at column %d: %s",
                  trunc ? "truncated" : "malformed", err.column, err.text);
      return CX_READ_BAD;
    }
    if (!json_is_object(obj)) {
      json_decref(obj);
      cx_diag_set(diag, CX_ERR_PARSE, d->id, -1, "not a JSON object");
      return CX_READ_BAD;
    }
    const char *where = d->id; /* errors name path#N, as the contract says */
    json_t *id = json_object_get(obj, "id");
    if (json_is_string(id) && json_string_length(id))
      d->id = cx_arena_strdup(d->arena, json_string_value(id));
    else if (json_is_integer(id))
      d->id = cx_arena_printf(d->arena, "%lld", (long long)json_integer_value(id));
    static const char *const keys[] = {"title", "outlet", "published", "url", "author", "source", "date", NULL};
    for (int k = 0; keys[k]; k++) {
      const char *v = str_field(obj, keys[k]);
      if (v) cx_doc_set_meta(d, keys[k], strlen(keys[k]), v, strlen(v));
    }
    json_t *text = json_object_get(obj, "text");
    if (!json_is_string(text)) {
      json_decref(obj);
      cx_diag_set(diag, CX_ERR_PARSE, where, -1, "%s (id \"%s\")",
                  text ? "field \"text\" is not a string" : "no \"text\" field",
                  d->id);
      return CX_READ_BAD;
    }
    d->text_len = json_string_length(text);
    d->text = cx_arena_strndup(d->arena, json_string_value(text), d->text_len);
    json_decref(obj);
    if (memchr(d->text, '\0', d->text_len)) {
      cx_diag_set(diag, CX_ERR_PARSE, where, -1, "text contains a NUL character (id \"%s\")", d->id);
      return CX_READ_BAD;
    }
    return CX_READ_DOC;
  }
}

static const char *const jsonl_ext[] = {".jsonl", ".ndjson", ".json", NULL};
const cx_reader cx_reader_jsonl = {"jsonl", jsonl_ext, jsonl_open, jsonl_next,
                                   jsonl_close};
