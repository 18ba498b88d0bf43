/* Compare: the model, grouping and conflict rules (see compare.h).
 *
 * 1. Every claim is reduced to a word set (content words, folded), an
 *    entity set, a copy hash (its text folded) and per figure a slot key
 *    (type + unit) with the scope words around it (revenue, shipment,
 *    parts: pipeline/data/compare_scope.tsv).
 * 2. Claims of different documents are linked when they are copies, or
 *    share a figure key whose scopes do not exclude each other and their
 *    words or entities overlap enough; linked claims form a group
 *    (union-find). Candidate pairs come from an index on figure keys.
 * 3. In a group, figures with the same key are aligned into slots by the
 *    words around them; each slot lists the values outlets give and is a
 *    conflict when two outlets (their own voice, not a quote of another
 *    outlet) give values that no rounding, range or qualifier reconciles.
 * Everything is ordered by (published, doc, id), so the output does not
 * depend on input order. */
#include "compare.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "../normalizers/lexicon.h"

const char *cx_fig_type_name(cx_fig_type t) {
  static const char *const names[] = {"money", "count", "percent", "date",
                                      "daterange"};
  return (unsigned)t < 5 ? names[t] : "?";
}

/* ---------------------------------------------------------------- model */

typedef struct hashset {
  uint32_t *h;
  size_t n;
} hashset;

typedef struct figinfo {
  uint64_t key;     /* type family + unit */
  hashset ctx;      /* words around the figure */
  hashset scope;    /* scope words around the figure */
  hashset near;     /* three content words either side */
} figinfo;

typedef struct claiminfo {
  hashset words, ents;
  uint64_t copy_hash;
  figinfo *figs;
  const char *voice;   /* quoted outlet, or NULL for the claim's own voice */
} claiminfo;

struct cx_compare {
  cx_arena *arena;      /* model strings */
  cx_cmp_claim **claims;
  size_t n_claims, cap_claims;
  cx_arena *res;        /* results, rebuilt by run */
  cx_cmp_group *groups;
  size_t n_groups;
  cx_lexicon *stop, *scope;
};

cx_compare *cx_compare_new(void) {
  cx_compare *c = cx_xcalloc(1, sizeof *c);
  c->arena = cx_arena_new();
  c->res = cx_arena_new();
  return c;
}

void cx_compare_free(cx_compare *c) {
  if (!c) return;
  for (size_t i = 0; i < c->n_claims; i++) {
    free(c->claims[i]->figures);
    free(c->claims[i]->entities);
    free(c->claims[i]->sources);
    free(c->claims[i]);
  }
  free(c->claims);
  cx_arena_free(c->arena);
  cx_arena_free(c->res);
  cx_lexicon_free(c->stop);
  cx_lexicon_free(c->scope);
  free(c);
}

static const char *dup(cx_compare *c, const char *s) {
  return s ? cx_arena_strdup(c->arena, s) : NULL;
}

size_t cx_compare_add_claim(cx_compare *c, const char *id, const char *doc,
                            const char *outlet, const char *published,
                            const char *text) {
  if (c->n_claims == c->cap_claims) {
    c->cap_claims = c->cap_claims ? 2 * c->cap_claims : 64;
    c->claims = cx_xrealloc(c->claims, c->cap_claims * sizeof *c->claims);
  }
  cx_cmp_claim *k = cx_xcalloc(1, sizeof *k);
  k->id = dup(c, id ? id : "");
  k->doc = dup(c, doc ? doc : "");
  k->outlet = outlet && *outlet ? dup(c, outlet) : NULL;
  k->published = published && *published ? dup(c, published) : NULL;
  k->text = dup(c, text ? text : "");
  k->group = k->copy_of = -1;
  c->claims[c->n_claims] = k;
  return c->n_claims++;
}

#define GROW(arr, n, cap)                                   \
  do {                                                      \
    if ((n) == (cap)) {                                     \
      (cap) = (cap) ? 2 * (cap) : 4;                        \
      (arr) = cx_xrealloc((arr), (cap) * sizeof *(arr));    \
    }                                                       \
  } while (0)

void cx_compare_add_figure(cx_compare *c, size_t claim, const cx_cmp_figure *f) {
  cx_cmp_claim *k = c->claims[claim];
  GROW(k->figures, k->n_figures, k->cap_figures);
  cx_cmp_figure *g = &k->figures[k->n_figures++];
  *g = *f;
  g->unit = f->unit && *f->unit ? dup(c, f->unit) : NULL;
  g->start = dup(c, f->start);
  g->end = dup(c, f->end);
}

void cx_compare_add_entity(cx_compare *c, size_t claim, const char *name) {
  cx_cmp_claim *k = c->claims[claim];
  if (!name || !*name) return;
  for (size_t i = 0; i < k->n_entities; i++)
    if (!strcmp(k->entities[i], name)) return;
  GROW(k->entities, k->n_entities, k->cap_entities);
  k->entities[k->n_entities++] = dup(c, name);
}

void cx_compare_add_source(cx_compare *c, size_t claim, const char *source) {
  cx_cmp_claim *k = c->claims[claim];
  if (!source || !*source) return;
  GROW(k->sources, k->n_sources, k->cap_sources);
  k->sources[k->n_sources++] = dup(c, source);
}

void cx_compare_set_doc_copy(cx_compare *c, size_t claim, const char *doc) {
  c->claims[claim]->doc_copy_of = doc && *doc ? dup(c, doc) : NULL;
}

size_t cx_compare_n_claims(const cx_compare *c) { return c->n_claims; }
cx_cmp_claim *cx_compare_claim(const cx_compare *c, size_t i) {
  return i < c->n_claims ? c->claims[i] : NULL;
}
size_t cx_compare_n_groups(const cx_compare *c) { return c->n_groups; }
const cx_cmp_group *cx_compare_group(const cx_compare *c, size_t i) {
  return i < c->n_groups ? &c->groups[i] : NULL;
}

/* ---------------------------------------------------------------- words */

static int u32cmp(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static void set_finish(hashset *s) {
  qsort(s->h, s->n, sizeof *s->h, u32cmp);
  size_t w = 0;
  for (size_t i = 0; i < s->n; i++)
    if (!w || s->h[w - 1] != s->h[i]) s->h[w++] = s->h[i];
  s->n = w;
}

static double jaccard(const hashset *a, const hashset *b) {
  if (!a->n || !b->n) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < a->n && j < b->n) {
    if (a->h[i] == b->h[j]) both++, i++, j++;
    else if (a->h[i] < b->h[j]) i++;
    else j++;
  }
  return (double)both / (double)(a->n + b->n - both);
}

static bool sets_equal(const hashset *a, const hashset *b) {
  return a->n == b->n && (!a->n || !memcmp(a->h, b->h, a->n * sizeof *a->h));
}

static bool sets_disjoint(const hashset *a, const hashset *b) {
  return jaccard(a, b) == 0;
}

/* ASCII letters and digits, and every byte of a non-ASCII character. */
static bool word_byte(unsigned char ch) {
  return ch >= 0x80 || (unsigned)((ch | 0x20) - 'a') < 26u || (unsigned)(ch - '0') < 10u;
}

static char fold(unsigned char ch) {
  return (char)((unsigned)(ch - 'A') < 26u ? ch | 0x20 : ch);
}

/* A word: letters/digits and any non-ASCII byte. Folded to lower case,
 * a plural 's' dropped; numbers and stop words skipped. Calls add for
 * each word kept with its byte offset. */
typedef struct wordscan {
  const cx_compare *c;
  hashset *words, *scope;
  int from, to;     /* byte window, to < 0 = whole text */
} wordscan;

static void scan_words(const wordscan *ws, const char *s, cx_arena *a) {
  size_t n = strlen(s), cap = n / 2 + 1;
  if (ws->words) ws->words->h = cx_arena_alloc(a, cap * sizeof(uint32_t)), ws->words->n = 0;
  if (ws->scope) ws->scope->h = cx_arena_alloc(a, cap * sizeof(uint32_t)), ws->scope->n = 0;
  char w[64];
  size_t i = 0;
  while (i < n) {
    unsigned char ch = (unsigned char)s[i];
    if (!word_byte(ch)) { i++; continue; }
    size_t b = i, len = 0;
    bool digits = true;
    while (i < n) {
      ch = (unsigned char)s[i];
      if (!word_byte(ch)) break;
      if ((unsigned)(ch - '0') >= 10u) digits = false;
      if (len < sizeof w - 1) w[len++] = fold(ch);
      i++;
    }
    if (ws->to >= 0 && ((int)i < ws->from || (int)b > ws->to)) continue;
    if (digits || len < 2) continue;
    if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's') len--;
    w[len] = 0;
    if (ws->c->stop && cx_lexicon_has(ws->c->stop, w, len)) continue;
    uint32_t h = (uint32_t)XXH3_64bits(w, len);
    if (ws->words) ws->words->h[ws->words->n++] = h;
    if (ws->scope && ws->c->scope) {
      const char *cls = cx_lexicon_get(ws->c->scope, w, len);
      if (cls) ws->scope->h[ws->scope->n++] = (uint32_t)XXH3_64bits(cls, strlen(cls));
    }
  }
  if (ws->words) set_finish(ws->words);
  if (ws->scope) set_finish(ws->scope);
}

/* s[b, e) as a content word: folded, plural -s dropped, into w (cap 64);
 * 0 for numbers, one-letter words and stop words. */
static size_t content_word(const cx_compare *c, const char *s, int b, int e,
                           char w[64]) {
  size_t len = 0;
  bool digits = true;
  for (int k = b; k < e && len < 63; k++) {
    if ((unsigned)((unsigned char)s[k] - '0') >= 10u) digits = false;
    w[len++] = fold((unsigned char)s[k]);
  }
  if (digits || len < 2) return 0;
  if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's') len--;
  if (c->stop && cx_lexicon_has(c->stop, w, len)) return 0;
  return len;
}

/* Scope words of a figure at text[ps, pe): up to three content words
 * before it in its clause ("annual revenue of $5m", "was fined 412m won"),
 * the first content word after it ("$5m in sales") and the words after a
 * connector that widens it ("73 drones and spare parts"). */
static void scope_words(const cx_compare *c, const char *s, int ps, int pe,
                        hashset *out, cx_arena *a) {
  out->h = cx_arena_alloc(a, 8 * sizeof(uint32_t));
  out->n = 0;
  char w[64];
  /* backwards */
  int i = ps, taken = 0;
  while (i > 0 && taken < 3) {
    unsigned char ch = (unsigned char)s[i - 1];
    if (ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == '.') break;
    if (!word_byte(ch)) { i--; continue; }
    int e = i;
    while (i > 0 && word_byte((unsigned char)s[i - 1])) i--;
    size_t len = content_word(c, s, i, e, w);
    if (!len) continue;
    taken++;
    const char *cls = cx_lexicon_get(c->scope, w, len);
    if (cls && out->n < 8) out->h[out->n++] = (uint32_t)XXH3_64bits(cls, strlen(cls));
  }
  /* forwards */
  int n = (int)strlen(s), tokens = 0, content = 0, widen = 0;
  i = pe;
  while (i < n && tokens < 6) {
    unsigned char ch = (unsigned char)s[i];
    if (ch == ',' || ch == ';' || ch == ':' || ch == '(' || ch == '.') break;
    if (!word_byte(ch)) { i++; continue; }
    int b = i;
    while (i < n && word_byte((unsigned char)s[i])) i++;
    tokens++;
    size_t len = 0;
    for (int k = b; k < i && len < sizeof w - 1; k++) w[len++] = fold((unsigned char)s[k]);
    if ((len == 3 && !memcmp(w, "and", 3)) || (len == 4 && !memcmp(w, "plus", 4)) ||
        (len == 9 && !memcmp(w, "including", 9))) {
      if (tokens <= 2) widen = 2;
      continue;
    }
    if (len > 3 && w[len - 1] == 's' && w[len - 2] != 's') len--;
    if (len < 2 || (c->stop && cx_lexicon_has(c->stop, w, len))) continue;
    if (content >= 1 && !widen) break;
    content++;
    const char *cls = cx_lexicon_get(c->scope, w, len);
    if (cls && out->n < 8) out->h[out->n++] = (uint32_t)XXH3_64bits(cls, strlen(cls));
    if (widen && --widen == 0) break;
  }
  set_finish(out);
}

/* Content words next to a figure at text[ps, pe): up to three on each
 * side within the sentence ("52 percent in Egypt" vs "82 percent in
 * India" are two figures, not two values of one). */
static void near_words(const cx_compare *c, const char *s, int ps, int pe,
                       hashset *out, cx_arena *a) {
  out->h = cx_arena_alloc(a, 6 * sizeof(uint32_t));
  out->n = 0;
  int n = (int)strlen(s);
  for (int dir = -1; dir <= 1; dir += 2) {
    int i = dir < 0 ? ps : pe, taken = 0;
    while (taken < 3 && (dir < 0 ? i > 0 : i < n)) {
      unsigned char ch = (unsigned char)s[dir < 0 ? i - 1 : i];
      if (ch == '.' || ch == ';' || ch == '?' || ch == '!') break;
      if (!word_byte(ch)) { i += dir; continue; }
      int b = i, e = i;
      if (dir < 0) { while (b > 0 && word_byte((unsigned char)s[b - 1])) b--; i = b; }
      else { while (e < n && word_byte((unsigned char)s[e])) e++; i = e; }
      char w[64];
      size_t len = content_word(c, s, b, e, w);
      if (!len) continue;
      taken++;
      out->h[out->n++] = (uint32_t)XXH3_64bits(w, len);
    }
  }
  set_finish(out);
}

/* Folded text hash: syndicated copies differ in spacing and quotes only. */
static uint64_t copy_hash(const char *s) {
  XXH3_state_t st;
  XXH3_64bits_reset(&st);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (word_byte(ch)) {
      char f = fold(ch);
      XXH3_64bits_update(&st, &f, 1);
    }
  }
  return XXH3_64bits_digest(&st);
}

static uint64_t fig_key(const cx_cmp_figure *f) {
  /* dates and periods compare with each other */
  int fam = f->type == CX_FIG_DATERANGE ? CX_FIG_DATE : (int)f->type;
  uint64_t h = (uint64_t)fam * 0x9E3779B97F4A7C15ull;
  if (fam != CX_FIG_DATE && f->unit) {
    char u[32];
    size_t n = 0;
    for (const char *p = f->unit; *p && n < sizeof u; p++)
      u[n++] = fold((unsigned char)*p);
    h ^= XXH3_64bits(u, n);
  }
  return h;
}

/* ---------------------------------------------------------------- values */

static int sig_digits(double v, char *out, size_t cap) {
  char buf[64];
  snprintf(buf, sizeof buf, "%.12g", fabs(v));
  size_t n = 0;
  bool lead = true;
  for (char *p = buf; *p && *p != 'e'; p++) {
    if (*p < '0' || *p > '9') continue;
    if (lead && *p == '0') continue;
    lead = false;
    if (n + 1 < cap) out[n++] = *p;
  }
  while (n > 1 && out[n - 1] == '0') n--;
  out[n] = 0;
  return (int)n;
}

static double round_sig(double x, int k) {
  if (x == 0 || k <= 0) return x;
  double e = floor(log10(fabs(x))) - k + 1;
  double p = pow(10, e);
  return round(x / p) * p;
}

static bool near(double a, double b) {
  return fabs(a - b) <= 1e-9 * fmax(fabs(a), fabs(b)) + 1e-12;
}

/* Two plain values agree when they are equal at the coarser precision. */
static bool round_agree(double a, double b) {
  char da[32], db[32];
  int ka = sig_digits(a, da, sizeof da), kb = sig_digits(b, db, sizeof db);
  int k = ka < kb ? ka : kb;
  return near(round_sig(a, k), round_sig(b, k));
}

static void interval(const cx_cmp_figure *f, double *lo, double *hi) {
  if (f->range) { *lo = f->min; *hi = f->max; }
  else { *lo = *hi = f->value; }
  switch (f->qualifier) {
    case CX_Q_AT_LEAST: case CX_Q_OVER: *hi = INFINITY; break;
    case CX_Q_UP_TO: case CX_Q_UNDER: *lo = -INFINITY; break;
    case CX_Q_ABOUT: *lo *= 0.9; *hi *= 1.1; break;
    default: break;
  }
}

/* The same significant digits in another order (37 vs 73). */
static bool transposed(double a, double b) {
  char da[32], db[32];
  int ka = sig_digits(a, da, sizeof da), kb = sig_digits(b, db, sizeof db);
  if (ka != kb || ka < 2 || !strcmp(da, db)) return false;
  if (floor(log10(fabs(a))) != floor(log10(fabs(b)))) return false;
  int cnt[10] = {0};
  for (int i = 0; i < ka; i++) cnt[da[i] - '0']++, cnt[db[i] - '0']--;
  for (int i = 0; i < 10; i++)
    if (cnt[i]) return false;
  return true;
}

static bool num_agree(const cx_cmp_figure *a, const cx_cmp_figure *b,
                      bool *swap) {
  *swap = false;
  bool pa = !a->range && a->qualifier == CX_Q_NONE;
  bool pb = !b->range && b->qualifier == CX_Q_NONE;
  if (pa && pb) {
    if (round_agree(a->value, b->value)) return true;
    *swap = transposed(a->value, b->value);
    return false;
  }
  if (!a->range && !b->range && transposed(a->value, b->value)) {
    *swap = true;
    return false;
  }
  double alo, ahi, blo, bhi;
  interval(a, &alo, &ahi);
  interval(b, &blo, &bhi);
  if (alo <= bhi * (1 + 1e-9) && blo <= ahi * (1 + 1e-9)) return true;
  /* a bound written coarser than the value it is compared with */
  double ea[2] = {alo, ahi}, eb[2] = {blo, bhi};
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++)
      if (isfinite(ea[i]) && isfinite(eb[j]) && round_agree(ea[i], eb[j]))
        return true;
  return false;
}

/* ISO date at its own granularity → [first, last] day number. */
static bool days_from_civil(int y, int m, int d, long *out) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *out = era * 146097 + doe;
  return true;
}

static bool date_span(const char *s, long *lo, long *hi) {
  int y, m, d, n = 0;
  char q;
  if (!s) return false;
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && (s[n] == 0 || s[n] == 'T'))
    return days_from_civil(y, m, d, lo) && days_from_civil(y, m, d, hi);
  if (sscanf(s, "%4d-Q%1d%n", &y, &m, &n) == 2 && !s[n] && m >= 1 && m <= 4)
    return days_from_civil(y, 3 * m - 2, 1, lo) &&
           days_from_civil(y, 3 * m, mdays[3 * m - 1], hi);
  if (sscanf(s, "%4d-H%1d%n", &y, &m, &n) == 2 && !s[n] && m >= 1 && m <= 2)
    return days_from_civil(y, 6 * m - 5, 1, lo) &&
           days_from_civil(y, 6 * m, mdays[6 * m - 1], hi);
  if (sscanf(s, "%4d-W%2d%n", &y, &m, &n) == 2 && !s[n]) {
    long jan4;
    if (!days_from_civil(y, 1, 4, &jan4)) return false;
    long wd = (jan4 + 3) % 7; /* 0 = Monday */
    *lo = jan4 - wd + 7L * (m - 1);
    *hi = *lo + 6;
    return true;
  }
  if (sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && !s[n]) {
    if (!days_from_civil(y, m, 1, lo)) return false;
    long next;
    days_from_civil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1, &next);
    *hi = next - 1;
    return true;
  }
  if (sscanf(s, "%4d%n", &y, &n) == 1 && !s[n] && n == 4)
    return days_from_civil(y, 1, 1, lo) && days_from_civil(y, 12, 31, hi);
  (void)q;
  return false;
}

/* Endpoints agree when one holds the other (2023-03 holds 2023-03-03). */
static bool point_agree(const char *a, const char *b) {
  if (!a || !b) return true; /* an open end says nothing */
  long alo, ahi, blo, bhi;
  /* PRESENT_REF, seasons...: nothing to compare */
  if (!date_span(a, &alo, &ahi) || !date_span(b, &blo, &bhi)) return true;
  return (alo <= blo && bhi <= ahi) || (blo <= alo && ahi <= bhi);
}

static bool date_agree(const cx_cmp_figure *a, const cx_cmp_figure *b) {
  bool ra = a->type == CX_FIG_DATERANGE, rb = b->type == CX_FIG_DATERANGE;
  if (ra && rb) return point_agree(a->start, b->start) && point_agree(a->end, b->end);
  if (!ra && !rb) return point_agree(a->start, b->start);
  /* a date inside a period (or its endpoint) is another statement */
  const cx_cmp_figure *r = ra ? a : b, *p = ra ? b : a;
  long lo, hi, plo, phi, x;
  if (!date_span(p->start, &plo, &phi)) return true;
  lo = r->start && date_span(r->start, &lo, &x) ? lo : -100000000L;
  hi = r->end && date_span(r->end, &x, &hi) ? hi : 100000000L;
  return plo <= hi && lo <= phi;
}

static bool fig_agree(const cx_cmp_figure *a, const cx_cmp_figure *b, bool *swap) {
  *swap = false;
  bool da = a->type >= CX_FIG_DATE, db = b->type >= CX_FIG_DATE;
  if (da || db) return da && db ? date_agree(a, b) : true;
  return num_agree(a, b, swap);
}

static bool fig_same(const cx_cmp_figure *a, const cx_cmp_figure *b) {
  if (a->type != b->type || a->range != b->range || a->qualifier != b->qualifier)
    return false;
  if (a->type >= CX_FIG_DATE) {
    if (!a->start != !b->start || !a->end != !b->end) return false;
    return (!a->start || !strcmp(a->start, b->start)) &&
           (!a->end || !strcmp(a->end, b->end));
  }
  return a->range ? near(a->min, b->min) && near(a->max, b->max)
                  : near(a->value, b->value);
}

static void num_label(cx_buf *b, double v) { cx_buf_json_num(b, v); }

void cx_compare_value_label(cx_buf *b, const cx_cmp_figure *f) {
  const char *q = cx_qualifier_name(f->qualifier);
  if (q) {
    cx_buf_puts(b, q);
    cx_buf_putc(b, ' ');
  }
  if (f->type == CX_FIG_DATE) {
    cx_buf_puts(b, f->start ? f->start : "?");
  } else if (f->type == CX_FIG_DATERANGE) {
    cx_buf_puts(b, f->start ? f->start : "..");
    cx_buf_putc(b, '/');
    cx_buf_puts(b, f->end ? f->end : "..");
  } else if (f->range) {
    num_label(b, f->min);
    cx_buf_putc(b, '-');
    num_label(b, f->max);
  } else {
    num_label(b, f->value);
  }
}

/* ---------------------------------------------------------------- order */

static int pubcmp(const char *a, const char *b) {
  if (!a || !b) return !a - !b; /* undated last */
  return strcmp(a, b);
}

static int claim_cmp(const cx_cmp_claim *a, const cx_cmp_claim *b) {
  int r = pubcmp(a->published, b->published);
  if (!r) r = strcmp(a->doc, b->doc);
  if (!r) r = strcmp(a->id, b->id);
  if (!r) r = strcmp(a->text, b->text);
  return r;
}

static int order_cmp(const void *x, const void *y, void *ctx) {
  const cx_compare *c = ctx;
  size_t a = *(const size_t *)x, b = *(const size_t *)y;
  int r = claim_cmp(c->claims[a], c->claims[b]);
  return r ? r : (a < b ? -1 : a > b);
}

/* ---------------------------------------------------------------- grouping */

static size_t uf_find(size_t *p, size_t x) {
  while (p[x] != x) x = p[x] = p[p[x]];
  return x;
}

static void uf_union(size_t *p, const size_t *rank, size_t a, size_t b) {
  a = uf_find(p, a);
  b = uf_find(p, b);
  if (a == b) return;
  /* the root is the earlier claim: groups keep a stable representative */
  if (rank[a] < rank[b]) p[b] = a;
  else p[a] = b;
}

static bool scopes_exclude(const figinfo *a, const figinfo *b) {
  return a->scope.n && b->scope.n && sets_disjoint(&a->scope, &b->scope);
}

static bool linked(const cx_compare *c, const claiminfo *inf, size_t a, size_t b) {
  const cx_cmp_claim *x = c->claims[a], *y = c->claims[b];
  if (!strcmp(x->doc, y->doc)) return false;
  const claiminfo *ia = &inf[a], *ib = &inf[b];
  if (ia->copy_hash == ib->copy_hash) return true;
  double ts = jaccard(&ia->words, &ib->words);
  double es = jaccard(&ia->ents, &ib->ents);
  bool strong = false, date = false;
  for (size_t i = 0; i < x->n_figures; i++)
    for (size_t j = 0; j < y->n_figures; j++) {
      if (ia->figs[i].key != ib->figs[j].key) continue;
      if (scopes_exclude(&ia->figs[i], &ib->figs[j])) continue;
      if (x->figures[i].type >= CX_FIG_DATE) date = true;
      else strong = true;
    }
  if (strong) return ts >= 0.35 || (es >= 0.5 && ts >= 0.1);
  if (date) return ts >= 0.45 || (es >= 0.5 && ts >= 0.2);
  return ts >= 0.7;
}

/* Stricter than linked: two claims close enough that differing values
 * are a disagreement rather than two facts of one story. */
static bool same_fact(const cx_compare *c, const claiminfo *inf, size_t a, size_t b) {
  if (!strcmp(c->claims[a]->doc, c->claims[b]->doc)) return false;
  if (inf[a].copy_hash == inf[b].copy_hash) return true;
  double ts = jaccard(&inf[a].words, &inf[b].words);
  double es = jaccard(&inf[a].ents, &inf[b].ents);
  return ts >= 0.3 || (es >= 0.5 && ts >= 0.2);
}

typedef struct posting {
  uint64_t key;
  size_t rank;
  bool copy;    /* key is a copy hash, not a figure key */
} posting;

/* Pairs are compared within this distance in (published, doc) order: the
 * same fact is reported close in time, and it bounds the work per key. */
enum { PAIR_WINDOW = 512 };

static int post_cmp(const void *x, const void *y) {
  const posting *a = x, *b = y;
  if (a->copy != b->copy) return a->copy - b->copy;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return a->rank < b->rank ? -1 : a->rank > b->rank;
}

enum { SLOT_SAMPLE = 32 };

typedef struct occ {
  size_t claim, fig;
} occ;

typedef struct slotb {
  uint64_t key;
  occ *occ;
  size_t n, cap;
} slotb;

static const char *voice_of(const cx_compare *c, const claiminfo *inf, size_t k) {
  return inf[k].voice ? inf[k].voice : c->claims[k]->outlet;
}

static bool same_voice(const char *a, const char *b) {
  if (!a || !b) return false;
  return !strcasecmp(a, b);
}

static void explain(cx_compare *c, const claiminfo *inf, cx_cmp_slot *s,
                    bool swap) {
  cx_buf b;
  cx_buf_init(&b);
  bool first_v = true;
  for (size_t v = 0; v < s->n_values; v++) {
    const cx_cmp_value *val = &s->values[v];
    if (!val->conflicting) continue;
    if (!first_v) cx_buf_puts(&b, " vs ");
    first_v = false;
    cx_compare_value_label(&b, &val->fig);
    if (s->unit) {
      cx_buf_putc(&b, ' ');
      cx_buf_puts(&b, s->unit);
    }
    cx_buf_puts(&b, " in ");
    bool first_c = true;
    for (size_t i = 0; i < val->n_claims; i++) {
      const cx_cmp_claim *k = c->claims[val->claims[i]];
      if (inf[val->claims[i]].voice) continue;
      if (!first_c) cx_buf_puts(&b, ", ");
      first_c = false;
      cx_buf_printf(&b, "%s (%s, %s)", k->outlet ? k->outlet : "unknown outlet",
                    k->doc, k->published ? k->published : "undated");
    }
  }
  if (swap) cx_buf_puts(&b, " (digits transposed)");
  s->explanation = cx_arena_strdup(c->res, b.data ? b.data : "");
  cx_buf_free(&b);
}

/* Builds the slots of one group from its claims (in order). */
static void build_slots(cx_compare *c, const claiminfo *inf, cx_cmp_group *g) {
  slotb *sb = NULL;
  size_t ns = 0, caps = 0;
  for (size_t gi = 0; gi < g->n_claims; gi++) {
    size_t k = g->claims[gi];
    const cx_cmp_claim *cl = c->claims[k];
    for (size_t f = 0; f < cl->n_figures; f++) {
      const figinfo *fi = &inf[k].figs[f];
      size_t same_key = 0;
      for (size_t j = 0; j < cl->n_figures; j++) same_key += inf[k].figs[j].key == fi->key;
      double best = -1;
      size_t bi = ns;
      for (size_t s = 0; s < ns; s++) {
        if (sb[s].key != fi->key) continue;
        bool taken = false, exclude = false, unique = same_key == 1;
        double sim = 0;
        /* the first occurrences stand for the slot: bounded work */
        for (size_t o = 0; o < sb[s].n && o < SLOT_SAMPLE; o++) {
          size_t ok = sb[s].occ[o].claim;
          const figinfo *of = &inf[ok].figs[sb[s].occ[o].fig];
          if (ok == k) taken = true;
          if (scopes_exclude(fi, of)) exclude = true;
          double js = jaccard(&fi->ctx, &of->ctx);
          if (js > sim) sim = js;
          size_t ok_same = 0;
          for (size_t j = 0; j < c->claims[ok]->n_figures; j++)
            ok_same += inf[ok].figs[j].key == fi->key;
          if (ok_same != 1) unique = false;
        }
        for (size_t o = SLOT_SAMPLE; o < sb[s].n && !taken; o++)
          taken = sb[s].occ[o].claim == k;
        if (taken || exclude) continue;
        if (sim < 0.15 && !unique) continue;
        if (unique) sim += 1;
        if (sim > best) best = sim, bi = s;
      }
      if (bi == ns) {
        GROW(sb, ns, caps);
        sb[ns++] = (slotb){fi->key, NULL, 0, 0};
      }
      GROW(sb[bi].occ, sb[bi].n, sb[bi].cap);
      sb[bi].occ[sb[bi].n++] = (occ){k, f};
    }
  }
  g->slots = cx_arena_calloc(c->res, (ns ? ns : 1) * sizeof *g->slots);
  g->n_slots = 0;
  for (size_t s = 0; s < ns; s++) {
    cx_cmp_slot *out = &g->slots[g->n_slots++];
    const cx_cmp_figure *f0 = &c->claims[sb[s].occ[0].claim]->figures[sb[s].occ[0].fig];
    out->type = f0->type;
    out->unit = f0->type < CX_FIG_DATE ? f0->unit : NULL;
    if (f0->type == CX_FIG_PERCENT && !out->unit) out->unit = NULL;
    /* distinct values, in order of first appearance */
    out->values = cx_arena_calloc(c->res, sb[s].n * sizeof *out->values);
    for (size_t o = 0; o < sb[s].n; o++) {
      size_t k = sb[s].occ[o].claim;
      const cx_cmp_figure *f = &c->claims[k]->figures[sb[s].occ[o].fig];
      if (f->type == CX_FIG_DATERANGE) out->type = CX_FIG_DATERANGE;
      size_t v = 0;
      /* values are few; a slot of thousands has many repeats of each */
      while (v < out->n_values && !fig_same(&out->values[v].fig, f)) v++;
      if (v == out->n_values) {
        out->values[v].fig = *f;
        out->values[v].claims = cx_arena_alloc(c->res, sb[s].n * sizeof(size_t));
        out->values[v].figs = cx_arena_alloc(c->res, sb[s].n * sizeof(size_t));
        out->values[v].quoted = true;
        out->n_values++;
      }
      cx_cmp_value *val = &out->values[v];
      val->figs[val->n_claims] = sb[s].occ[o].fig;
      val->claims[val->n_claims++] = k;
      if (!inf[k].voice) val->quoted = false;
    }
    /* conflict: two values that do not agree, given by two voices (neither
     * quoting another outlet) with the same scope */
    bool swap = false, any_swap = false;
    for (size_t v1 = 0; v1 < out->n_values; v1++)
      for (size_t v2 = v1 + 1; v2 < out->n_values; v2++) {
        cx_cmp_value *x = &out->values[v1], *y = &out->values[v2];
        if (x->quoted || y->quoted || fig_agree(&x->fig, &y->fig, &swap)) continue;
        bool found = false;
        for (size_t a = 0; a < x->n_claims && a < SLOT_SAMPLE && !found; a++)
          for (size_t b = 0; b < y->n_claims && b < SLOT_SAMPLE && !found; b++) {
            size_t ka = x->claims[a], kb = y->claims[b];
            if (inf[ka].voice || inf[kb].voice) continue;
            const char *va = voice_of(c, inf, ka), *vb = voice_of(c, inf, kb);
            if (va && vb ? same_voice(va, vb) : !strcmp(c->claims[ka]->doc, c->claims[kb]->doc))
              continue;
            const figinfo *fa = &inf[ka].figs[x->figs[a]], *fb = &inf[kb].figs[y->figs[b]];
            if (!sets_equal(&fa->scope, &fb->scope)) continue;
            /* the two claims themselves state the same fact, and the
             * figures sit among the same words */
            if (fa->near.n && fb->near.n && jaccard(&fa->near, &fb->near) < 0.2) continue;
            if (!same_fact(c, inf, ka, kb)) continue;
            found = true;
          }
        if (found) {
          out->conflict = x->conflicting = y->conflicting = true;
          any_swap |= swap;
        }
      }
    if (out->conflict) {
      g->conflict = true;
      explain(c, inf, out, any_swap);
    }
    free(sb[s].occ);
  }
  free(sb);
}

static int str_ptr_cmp(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_outlet(const cx_compare *c, const char *name, const char *own) {
  if (own && !strcasecmp(name, own)) return false;
  for (size_t i = 0; i < c->n_claims; i++) {
    const char *o = c->claims[i]->outlet;
    if (o && !strcasecmp(o, name)) return true;
  }
  return false;
}

cx_status cx_compare_run(cx_compare *c, cx_diag *diag) {
  if (!c->stop) c->stop = cx_lexicon_load("compare_stopwords.tsv", false, diag);
  if (!c->scope) c->scope = cx_lexicon_load("compare_scope.tsv", false, diag);
  if (!c->stop || !c->scope) return diag ? diag->status : CX_ERR_DATA;
  cx_arena_reset(c->res);
  c->groups = NULL;
  c->n_groups = 0;
  size_t n = c->n_claims;
  if (!n) return CX_OK;
  cx_arena *a = c->res;

  size_t *order = cx_arena_alloc(a, n * sizeof *order), *rank = cx_arena_alloc(a, n * sizeof *rank);
  for (size_t i = 0; i < n; i++) order[i] = i;
  qsort_r(order, n, sizeof *order, order_cmp, c);
  for (size_t i = 0; i < n; i++) rank[order[i]] = i;

  /* features */
  claiminfo *inf = cx_arena_calloc(a, n * sizeof *inf);
  for (size_t i = 0; i < n; i++) {
    cx_cmp_claim *k = c->claims[i];
    k->group = k->copy_of = -1;
    k->quotes = NULL;
    claiminfo *ci = &inf[i];
    wordscan ws = {c, &ci->words, NULL, 0, -1};
    scan_words(&ws, k->text, a);
    ci->ents.h = cx_arena_alloc(a, (k->n_entities + 1) * sizeof(uint32_t));
    for (size_t e = 0; e < k->n_entities; e++)
      ci->ents.h[ci->ents.n++] = (uint32_t)XXH3_64bits(k->entities[e], strlen(k->entities[e]));
    set_finish(&ci->ents);
    ci->copy_hash = copy_hash(k->text);
    ci->figs = cx_arena_calloc(a, (k->n_figures + 1) * sizeof *ci->figs);
    for (size_t f = 0; f < k->n_figures; f++) {
      const cx_cmp_figure *fg = &k->figures[f];
      figinfo *fi = &ci->figs[f];
      fi->key = fig_key(fg);
      wordscan fw = {c, &fi->ctx, NULL, 0, -1};
      int tl = (int)strlen(k->text);
      if (fg->pos_start >= 0 && fg->pos_end >= fg->pos_start && fg->pos_end <= tl) {
        /* the words around the figure, about six either side */
        fw.from = fg->pos_start - 48;
        fw.to = fg->pos_end + 48;
        scope_words(c, k->text, fg->pos_start, fg->pos_end, &fi->scope, a);
        near_words(c, k->text, fg->pos_start, fg->pos_end, &fi->near, a);
      } else {
        /* unplaced figure: the claim's scope words stand for it */
        wordscan sw = {c, NULL, &fi->scope, 0, -1};
        scan_words(&sw, k->text, a);
      }
      scan_words(&fw, k->text, a);
    }
    /* a claim attributed to another outlet of the set quotes that outlet */
    for (size_t s = 0; s < k->n_sources; s++)
      if (is_outlet(c, k->sources[s], k->outlet)) {
        ci->voice = k->quotes = k->sources[s];
        break;
      }
  }

  /* candidate pairs through an index on figure keys and copy hashes */
  size_t *parent = cx_arena_alloc(a, n * sizeof *parent);
  for (size_t i = 0; i < n; i++) parent[i] = i;
  size_t n_keys = 0;
  for (size_t i = 0; i < n; i++) n_keys += c->claims[i]->n_figures + 1;
  posting *post = cx_arena_alloc(a, n_keys * sizeof *post);
  size_t np = 0;
  for (size_t r = 0; r < n; r++) {
    size_t i = order[r];
    post[np++] = (posting){inf[i].copy_hash, r, true};
    for (size_t f = 0; f < c->claims[i]->n_figures; f++) {
      uint64_t key = inf[i].figs[f].key;
      bool seen = false;
      for (size_t g = 0; g < f; g++) seen |= inf[i].figs[g].key == key;
      if (!seen) post[np++] = (posting){key, r, false};
    }
  }
  qsort(post, np, sizeof *post, post_cmp);
  for (size_t s = 0; s < np;) {
    size_t e = s;
    while (e < np && post[e].key == post[s].key && post[e].copy == post[s].copy) e++;
    for (size_t x = s; x < e; x++) {
      size_t ka = order[post[x].rank];
      if (post[x].copy) {
        /* the earliest claim with this text in another document */
        for (size_t y = s; y < x; y++) {
          size_t kb = order[post[y].rank];
          if (strcmp(c->claims[ka]->doc, c->claims[kb]->doc)) {
            c->claims[ka]->copy_of = (int)kb;
            uf_union(parent, rank, ka, kb);
            break;
          }
        }
        continue;
      }
      for (size_t y = x + 1; y < e && y - x <= PAIR_WINDOW; y++) {
        size_t kb = order[post[y].rank];
        if (uf_find(parent, ka) == uf_find(parent, kb)) continue;
        if (linked(c, inf, ka, kb)) uf_union(parent, rank, ka, kb);
      }
    }
    s = e;
  }

  /* groups: components with claims from two documents or more */
  size_t *gid = cx_arena_alloc(a, n * sizeof *gid);
  for (size_t i = 0; i < n; i++) gid[i] = SIZE_MAX;
  size_t *members = cx_arena_alloc(a, n * sizeof *members);
  c->groups = cx_arena_calloc(a, n * sizeof *c->groups);
  for (size_t r = 0; r < n; r++) {
    size_t i = order[r], root = uf_find(parent, i);
    if (gid[root] != SIZE_MAX) continue;
    size_t m = 0;
    bool two_docs = false;
    for (size_t q = r; q < n; q++) {
      size_t j = order[q];
      if (uf_find(parent, j) != root) continue;
      members[m++] = j;
      if (strcmp(c->claims[j]->doc, c->claims[i]->doc)) two_docs = true;
    }
    gid[root] = c->n_groups;
    if (!two_docs) {
      gid[root] = SIZE_MAX - 1;
      continue;
    }
    cx_cmp_group *g = &c->groups[c->n_groups];
    g->claims = cx_arena_alloc(a, m * sizeof *g->claims);
    memcpy(g->claims, members, m * sizeof *members);
    g->n_claims = m;
    g->first = members[0];
    g->outlets = cx_arena_alloc(a, m * sizeof *g->outlets);
    for (size_t q = 0; q < m; q++) {
      const char *o = c->claims[members[q]]->outlet;
      if (!o) continue;
      bool seen = false;
      for (size_t z = 0; z < g->n_outlets; z++) seen |= !strcmp(g->outlets[z], o);
      if (!seen) g->outlets[g->n_outlets++] = o;
    }
    qsort(g->outlets, g->n_outlets, sizeof *g->outlets, str_ptr_cmp);
    for (size_t q = 0; q < m; q++) c->claims[members[q]]->group = (int)c->n_groups;
    build_slots(c, inf, g);
    c->n_groups++;
  }
  return CX_OK;
}
