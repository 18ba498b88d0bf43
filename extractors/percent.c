/* Percentages: "12%", "12 percent", "12 per cent", "0.5 percentage points"
 * (points), "5 to 10 percent", "5-10%", "between 5% and 10%", "minus five
 * percent" → -5, qualifiers before the figure. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/bytemask.h"
#include "figure.h"

typedef struct percent_state {
  cx_numbers *nx;
} percent_state;

static cx_status init(void **state, cx_diag *diag) {
  percent_state *st = cx_xcalloc(1, sizeof *st);
  st->nx = cx_numbers_new(diag);
  *state = st;
  return st->nx ? CX_OK : CX_ERR_DATA;
}

static void fini(void *state) {
  percent_state *st = state;
  if (!st) return;
  cx_numbers_free(st->nx);
  free(st);
}

static inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool is_alnum(unsigned char c) {
  return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Case-insensitive word at s[p] ending at a word boundary. */
static size_t word_at(const char *s, size_t len, size_t p, const char *w) {
  size_t n = strlen(w);
  if (p + n > len || strncasecmp(s + p, w, n) != 0) return 0;
  if (p + n < len && is_alpha((unsigned char)s[p + n])) return 0;
  return p + n;
}

/* The percent sign or word after a figure ending at `at`: returns its end
 * (0 when none); *points set for "percentage point(s)". */
static size_t percent_suffix(const char *s, size_t len, size_t at,
                             bool *points) {
  *points = false;
  size_t p = at;
  if (p < len && s[p] == '%') goto sign;
  if (p < len && s[p] == ' ') p++;
  else if (p < len && s[p] == '-') p++;
  else return 0;
  if (p < len && s[p] == '%' && s[at] == ' ') goto sign;
  /* every word below starts with a p */
  if (p >= len || (s[p] | 0x20) != 'p') return 0;
  static const char *const words[] = {"percent", "percents", "per cent",
                                      "per-cent", "pct", "percentage", "pc"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    size_t e = word_at(s, len, p, words[i]);
    if (!e) continue;
    if (i == 6 && s[p] != 'p') continue; /* "10 PC games" */
    size_t e2;
    if (i == 5 && ((e2 = word_at(s, len, e + 1, "points")) ||
                   (e2 = word_at(s, len, e + 1, "point")))) {
      *points = true;
      return e2;
    }
    return e;
  }
  return 0;
sign:
  /* "%28" inside a URL is an escape, not a percentage */
  if (p + 1 < len && is_alnum((unsigned char)s[p + 1])) return 0;
  return p + 1;
}

/* Inside a URL or query string: the token holding s[at] has "://", '=' or
 * '%' before the figure. */
static bool in_url(const char *s, size_t at) {
  size_t b = at;
  while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && at - b < 512) b--;
  for (size_t k = b; k < at; k++)
    if (s[k] == '=' || s[k] == '%' || s[k] == '/' || s[k] == '?') return true;
  return false;
}

static void add(cx_doc *doc, const percent_state *st, size_t start, size_t end,
                bool range, double v, double lo, bool points, const char *rule) {
  const char *s = doc->norm;
  size_t qs = 0;
  cx_qualifier q = cx_number_qualifier_before(st->nx, s, start, &qs);
  size_t mi = doc->n_mentions;
  cx_mention *m =
      cx_doc_add_mention(doc, CX_PERCENT, (uint32_t)start, (uint32_t)end);
  if (range) {
    m->flags |= CX_MF_RANGE;
    m->min = lo;
    m->max = v;
  } else {
    m->value = v;
  }
  if (points) m->flags |= CX_MF_POINTS;
  m->rule = rule;
  if (q != CX_Q_NONE) {
    size_t qe = start;
    while (qe > qs && s[qe - 1] == ' ') qe--;
    cx_figure_set_qualifier(doc, mi, q, qs, qe);
  }
}

/* Does s[0..len) hold '%', "per", "Per", "PER", "pc" or "basis"? Visits
 * only the bytes 'p', 'P', 'b' and '%' (64-byte masks): one pass where five
 * memmem calls each walked the text. */
static bool may_hold_percent(const char *s, size_t len) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t base = 0; base < len; base += 64) {
    size_t m = len - base < 64 ? len - base : 64;
    uint64_t hits = cx_mask64_bytes(u + base, m, 'p', 'P', 'b', '%');
    while (hits) {
      size_t i = base + (size_t)__builtin_ctzll(hits);
      hits &= hits - 1;
      size_t left = len - i;
      switch (u[i]) {
        case '%': return true;
        case 'p':
          if ((left >= 3 && u[i + 1] == 'e' && u[i + 2] == 'r') ||
              (left >= 2 && u[i + 1] == 'c'))
            return true;
          break;
        case 'P':
          if (left >= 3 && ((u[i + 1] == 'e' && u[i + 2] == 'r') ||
                            (u[i + 1] == 'E' && u[i + 2] == 'R')))
            return true;
          break;
        default:
          if (left >= 5 && memcmp(u + i, "basis", 5) == 0) return true;
      }
    }
  }
  return false;
}

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  const percent_state *st = state;
  const char *s = doc->norm;
  size_t len = doc->norm_len;
  /* prefilter: no '%' and no "per" means no percentage */
  if (!may_hold_percent(s, len)) return;
  cx_num n;
  size_t pos = 0;
  const uint32_t taken = CX_BIT(CX_MONEY) | CX_BIT(CX_DATE) | CX_BIT(CX_TIME);
  size_t cursor = 0;
  while (cx_doc_number_walk(st->nx, doc, pos, &cursor, &n)) {
    pos = n.end > n.start ? n.end : n.start + 1;
    if (n.flags & CX_NUM_ALPHA_BEFORE) continue;
    if (n.flags & CX_NUM_ALPHA_AFTER) {
      /* "5pc", "12pct": per cent glued to the figure */
      size_t g = n.end;
      if (g + 2 <= len && s[g] == 'p' && s[g + 1] == 'c') {
        size_t e = g + 2 + (g + 2 < len && s[g + 2] == 't');
        if (e == len || !is_alpha((unsigned char)s[e])) {
          if (!cx_doc_overlaps(doc, (uint32_t)n.start, (uint32_t)e,
                               CX_BIT(CX_MONEY) | CX_BIT(CX_DATE)))
            add(doc, st, n.start, e, false, n.value, 0, false, "percent.figure");
          pos = e;
        }
      }
      continue;
    }
    if (cx_doc_overlaps(doc, (uint32_t)n.start, (uint32_t)n.end, taken))
      continue;
    size_t start = n.start, fig_end = n.end;
    double v = n.value;
    /* tokenized decimals: "6 . 2 %" */
    if (!(n.flags & (CX_NUM_DECIMAL | CX_NUM_WORDS)) && fig_end + 3 < len &&
        s[fig_end] == ' ' && s[fig_end + 1] == '.' && s[fig_end + 2] == ' ' &&
        s[fig_end + 3] >= '0' && s[fig_end + 3] <= '9') {
      cx_num frac;
      bool pts;
      if (cx_number_parse(st->nx, s, len, fig_end + 3, &frac) &&
          !(frac.flags & ~CX_NUM_DIGITS) &&
          percent_suffix(s, len, frac.end, &pts)) {
        double d = 1;
        for (int k = 0; k < frac.int_digits; k++) d *= 10;
        v += frac.value / d;
        fig_end = frac.end;
      }
    }
    /* "minus five percent" */
    size_t ws = 0;
    if (cx_word_before_is(s, start, "minus", &ws) ||
        cx_word_before_is(s, start, "negative", &ws)) {
      v = -v;
      start = ws;
    }
    if (in_url(s, n.start)) continue;
    bool points;
    size_t e = percent_suffix(s, len, fig_end, &points);
    size_t bstart = 0; /* set when between */
    bool between = cx_word_before_is(s, start, "between", &bstart);
    size_t r = cx_figure_range_next(s, len, start, e ? e : fig_end, between);
    if (r) {
      cx_num n2;
      bool p2;
      size_t e2;
      if (cx_number_parse(st->nx, s, len, r, &n2) &&
          !(n2.flags & (CX_NUM_ALPHA_AFTER | CX_NUM_ALPHA_BEFORE)) &&
          (e2 = percent_suffix(s, len, n2.end, &p2)) && n.value < n2.value &&
          !(n.flags & CX_NUM_SCALE) && !(n2.flags & CX_NUM_SCALE)) {
        add(doc, st, between ? bstart : start, e2, true, n2.value, v,
            p2 || points, "percent.range");
        pos = e2;
        continue;
      }
    }
    /* "25 basis points" → 0.25 percentage points */
    size_t be;
    if (!e && (be = word_at(s, len, fig_end + 1, "basis")) && s[fig_end] == ' ' &&
        (e = word_at(s, len, be + 1, "points") ? word_at(s, len, be + 1, "points")
                                               : word_at(s, len, be + 1, "point"))) {
      add(doc, st, start, e, false, v / 100, 0, true, "percent.basis_points");
      pos = e;
      continue;
    }
    if (e) {
      add(doc, st, start, e, false, v, 0, points, "percent.figure");
      pos = e;
      continue;
    }
    /* "percent of 10", "per cent of twenty-two" */
    static const char *const lead[] = {"percent of ", "percents of ",
                                       "per cent of "};
    for (size_t i = 0; i < 3; i++) {
      size_t k = strlen(lead[i]);
      if (start >= k && strncasecmp(s + start - k, lead[i], k) == 0 &&
          (start == k || !is_alnum((unsigned char)s[start - k - 1])) &&
          !(start > k + 1 && s[start - k - 2] >= '0' && s[start - k - 2] <= '9')) {
        add(doc, st, start - k, n.end, false, v, 0, false, "percent.of");
        break;
      }
    }
  }
}

const cx_extractor cx_extractor_percent = {"percent", init, fini, run};
