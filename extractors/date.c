/* Temporal expressions → date, time, duration, set and daterange mentions
 * with TIMEX3 values (TimeML conventions for extents: a leading "in"/"on"
 * stays outside, "the", "early", "about" and "ago" stay inside).
 *
 * The grammar walks word tokens (date_tok.c). At each token a small set of
 * rules is tried; the longest expression wins. Ranges ("between X and Y",
 * "from X to Y", "X-Y", "since X", "until X") wrap two expressions and add a
 * daterange mention besides each endpoint's date mention.
 *
 * Underspecified dates resolve against the document's reference date: to
 * the nearest one not after it, unless the sentence speaks of the future.
 * Without a reference date they keep X placeholders (XXXX-03).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/calendar.h"
#include "date_tok.h"

typedef struct date_state {
  date_lex lx;
} date_state;

typedef struct ctx {
  cx_doc *doc;
  const date_lex *lx;
  const dtok *t;
  size_t n;
  cx_ymd ref;
  bool has_ref;
  /* the last quarter written in full: anaphora ("the quarter") refer to it */
  int last_qy, last_q;
} ctx;

/* A parsed expression: tokens [b, e). */
typedef struct tx {
  cx_mention_type type;
  size_t b, e;
  char val[48];
  int month;          /* month written without a year (range inheritance) */
  int day;
  bool year_explicit;
  bool dateish;       /* may be a range endpoint */
  bool the_ok;        /* a "the" before it belongs to the extent */
  bool ago;           /* counted back from the reference date */
} tx;

/* ---------------------------------------------------------------- helpers */

/* Hot: inlined so strlen of the literal folds; first byte checked before
 * the case-insensitive compare. */
static inline __attribute__((always_inline)) bool is_w(const ctx *c, size_t i,
                                                       const char *w) {
  if (i >= c->n || c->t[i].kind != DT_WORD) return false;
  size_t n = c->t[i].e - c->t[i].s;
  if (__builtin_strlen(w) != n) return false;
  const char *p = c->doc->norm + c->t[i].s;
  if ((p[0] | 0x20) != (w[0] | 0x20)) return false;
  return strncasecmp(p, w, n) == 0;
}
static bool is_p(const ctx *c, size_t i, char ch) {
  return i < c->n && c->t[i].kind == DT_PUNCT && c->doc->norm[c->t[i].s] == ch;
}
static bool is_num(const ctx *c, size_t i) {
  return i < c->n && c->t[i].kind == DT_NUM;
}
static bool has(const ctx *c, size_t i, unsigned cls) {
  return i < c->n && (c->t[i].cls & cls);
}
/* token i touches token i-1 (no space between) */
static bool adj(const ctx *c, size_t i) {
  return i > 0 && i < c->n && c->t[i].s == c->t[i - 1].e;
}
static bool is_plain_num(const ctx *c, size_t i) {
  return is_num(c, i) && !c->t[i].ordinal && !c->t[i].plural;
}
/* a four-digit number that can be a year (lexically) */
static bool year_tok(const ctx *c, size_t i) {
  if (!is_plain_num(c, i) || c->t[i].ndig != 4) return false;
  int y = c->t[i].num;
  if (y < 1000 || y > 2099) return false;
  /* 1,500 / 2.500 / 555-1234 / $2000 / 2000% */
  if (i > 0 && adj(c, i) &&
      (is_p(c, i - 1, ',') || is_p(c, i - 1, '.') || is_p(c, i - 1, '$') ||
       is_p(c, i - 1, ':') || c->t[i - 1].kind == DT_NUM))
    return false;
  if (i > 0 && adj(c, i) && is_p(c, i - 1, '-') && i > 1 && adj(c, i - 1) &&
      is_num(c, i - 2) && c->t[i - 2].ndig != 4)
    return false;
  if (adj(c, i + 1) && (is_p(c, i + 1, '%') || is_p(c, i + 1, ':')))
    return false;
  /* £2000, €1999 (a non-ASCII sign glued on), 2000m, 1998bn */
  if (i > 0 && adj(c, i) && c->t[i - 1].kind == DT_WORD) return false;
  if (adj(c, i + 1) && c->t[i + 1].kind == DT_WORD) return false;
  if (adj(c, i + 1) && (is_p(c, i + 1, ',') || is_p(c, i + 1, '.')) &&
      adj(c, i + 2) && is_num(c, i + 2))
    return false;
  if (adj(c, i + 1) && is_p(c, i + 1, '-') && adj(c, i + 2) &&
      is_num(c, i + 2) && c->t[i + 2].ndig == 4 && adj(c, i + 3) &&
      is_p(c, i + 3, '-'))
    return false; /* phone-like 1234-5678- */
  return true;
}

static int strip_abbrev_dot(const ctx *c, size_t i) {
  /* "Sept." / "Aug.": the dot belongs to the abbreviation */
  size_t n = c->t[i].e - c->t[i].s;
  if (n <= 5 && adj(c, i + 1) && is_p(c, i + 1, '.')) return 1;
  return 0;
}

/* Future cue (will, next, scheduled ...) before the expression in its
 * sentence, or right after it ("Tuesday will be ..."). */
static bool sentence_future(ctx *c, size_t ti) {
  const cx_doc *d = c->doc;
  uint32_t off = c->t[ti].s;
  size_t lo = 0, hi = d->n_sents;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->sents[mid].end <= off) lo = mid + 1;
    else hi = mid;
  }
  uint32_t ss = 0, se = (uint32_t)d->norm_len;
  if (lo < d->n_sents) ss = d->sents[lo].start, se = d->sents[lo].end;
  size_t a = ti;
  while (a > 0 && c->t[a - 1].s >= ss && ti - a < 12) a--;
  bool fut = false;
  for (size_t k = a; k < ti + 3 && k < c->n && c->t[k].s < se; k++) {
    if (c->t[k].cls & DC_FUTURE) fut = true;
    /* "had been scheduled", "was expected": a past plan */
    if (k < ti && (is_w(c, k, "had") || is_w(c, k, "was") || is_w(c, k, "were") ||
                   is_w(c, k, "ended") || is_w(c, k, "said")))
      fut = false;
  }
  return fut;
}

static void set_val(tx *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
#include <stdarg.h>
static void set_val(tx *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->val, sizeof r->val, fmt, ap);
  va_end(ap);
}

static void val_day(tx *r, cx_ymd t) { set_val(r, "%04d-%02d-%02d", t.y, t.m, t.d); }
static void val_week(tx *r, cx_ymd t) {
  int wy, wn;
  cx_cal_iso_week(t, &wy, &wn);
  set_val(r, "%04d-W%02d", wy, wn);
}

/* ---------------------------------------------------------------- numbers */

/* Number for a duration: digits, number words ("twenty four", "a couple
 * of"). Returns tokens consumed (0 when none); *v = -1 for "several". */
static size_t parse_count(const ctx *c, size_t i, int *v) {
  if (is_plain_num(c, i) && c->t[i].ndig <= 3) {
    if (adj(c, i + 1) && (is_p(c, i + 1, '.') || is_p(c, i + 1, ',')) &&
        is_num(c, i + 2))
      return 0; /* decimals and thousands: not a count of units */
    *v = c->t[i].num;
    return 1;
  }
  if (!has(c, i, DC_NUMW)) return 0;
  int a = c->t[i].num;
  size_t k = i + 1;
  if (is_w(c, i, "a") || is_w(c, i, "an")) {
    if (is_w(c, k, "few") || is_w(c, k, "couple")) {
      a = is_w(c, k, "few") ? -1 : 2;
      k++;
      if (is_w(c, k, "of")) k++;
    } else if (is_w(c, k, "dozen") || is_w(c, k, "hundred")) {
      a = c->t[k].num;
      k++;
    }
    *v = a;
    return k - i;
  }
  if (is_w(c, i, "few") || is_w(c, i, "couple") || is_w(c, i, "some") ||
      is_w(c, i, "many"))
    return 0; /* need "a few", "a couple"; "some"/"many" only as quantifiers */
  if (a >= 20 && a < 100 && a % 10 == 0) {
    size_t k2 = k;
    if (is_p(c, k2, '-') && adj(c, k2)) k2++;
    if (has(c, k2, DC_NUMW) && c->t[k2].num > 0 && c->t[k2].num < 10)
      a += c->t[k2].num, k = k2 + 1;
  }
  if (is_w(c, k, "hundred") && a > 0) a *= 100, k++;
  *v = a;
  return k - i;
}

static const char *unit_value(char u, int n, char *buf, size_t cap) {
  char num[16];
  if (n < 0) snprintf(num, sizeof num, "X");
  else snprintf(num, sizeof num, "%d", n);
  switch (u) {
    case 'Y': snprintf(buf, cap, "P%sY", num); break;
    case 'M': snprintf(buf, cap, "P%sM", num); break;
    case 'W': snprintf(buf, cap, "P%sW", num); break;
    case 'D': snprintf(buf, cap, "P%sD", num); break;
    case 'Q':
      if (n < 0) snprintf(buf, cap, "PXQ");
      else snprintf(buf, cap, "P%dM", 3 * n);
      break;
    case 'E':
      if (n < 0) snprintf(buf, cap, "PXE");
      else snprintf(buf, cap, "P%dY", 10 * n);
      break;
    case 'C':
      if (n < 0) snprintf(buf, cap, "PXC");
      else snprintf(buf, cap, "P%dY", 100 * n);
      break;
    case 'H': snprintf(buf, cap, "PT%sH", num); break;
    case 'N': snprintf(buf, cap, "PT%sM", num); break;
    case 'S': snprintf(buf, cap, "PT%sS", num); break;
    case 'F': snprintf(buf, cap, "P%dW", n < 0 ? 2 : 2 * n); break;
    case 'K': snprintf(buf, cap, "P%sWE", num); break;
    default: return NULL;
  }
  return buf;
}

/* ref shifted by n units (negative = before), rendered at the unit's
 * granularity. */
static void shifted_value(ctx *c, tx *r, char u, int n) {
  if (!c->has_ref) {
    set_val(r, n < 0 ? "PAST_REF" : "FUTURE_REF");
    return;
  }
  cx_ymd t = c->ref;
  if (n == -99999 || n == 99999) { /* unknown count: "years ago" */
    set_val(r, n < 0 ? "PAST_REF" : "FUTURE_REF");
    return;
  }
  switch (u) {
    case 'Y': set_val(r, "%04d", t.y + n); break;
    case 'E': set_val(r, "%04d", t.y + 10 * n); break;
    case 'C': set_val(r, "%02d", (t.y + 100 * n) / 100); break;
    case 'Q': {
      cx_ymd s = cx_cal_add_months(t, 3 * n);
      set_val(r, "%04d-Q%d", s.y, cx_cal_quarter(s.m));
      break;
    }
    case 'M': {
      cx_ymd s = cx_cal_add_months(t, n);
      set_val(r, "%04d-%02d", s.y, s.m);
      break;
    }
    case 'W': val_day(r, cx_cal_add_days(t, 7L * n)); break;
    case 'D': val_day(r, cx_cal_add_days(t, n)); break;
    case 'H': case 'N': case 'S': val_day(r, t); break;
    default: set_val(r, "%s", n < 0 ? "PAST_REF" : "FUTURE_REF");
  }
}

/* ---------------------------------------------------------------- rules */

static int quarter_anchor(ctx *c, int *qy);
static size_t rule_holiday(ctx *c, size_t i, tx *r, int dir);
static size_t parse_qh(ctx *c, size_t i, char *kind, int *num);

/* Times of day: 3 p.m., 10:35 a.m., 14:00, noon, midnight; followed by an
 * optional zone and day. */
static size_t day_after(ctx *c, size_t k, cx_ymd *day, bool *have);

static size_t parse_ampm(const ctx *c, size_t k, int *pm) {
  /* a.m. / p.m. / am / pm */
  if (is_w(c, k, "am") || is_w(c, k, "pm")) {
    *pm = is_w(c, k, "pm");
    return 1;
  }
  if ((is_w(c, k, "a") || is_w(c, k, "p")) && adj(c, k + 1) && is_p(c, k + 1, '.') &&
      is_w(c, k + 2, "m") && adj(c, k + 2)) {
    *pm = is_w(c, k, "p");
    return adj(c, k + 3) && is_p(c, k + 3, '.') ? 4 : 3;
  }
  return 0;
}

static size_t rule_time(ctx *c, size_t i, tx *r) {
  int h = -1, mi = 0, pm = -1;
  size_t k = i;
  /* "High Noon": a capitalised noon inside a sentence is a title */
  if ((is_w(c, i, "noon") || is_w(c, i, "midday") || is_w(c, i, "midnight")) &&
      c->t[i].cap && i > 0 && c->t[i - 1].kind == DT_WORD)
    return 0;
  if (is_w(c, i, "noon") || is_w(c, i, "midday")) h = 12, k++;
  else if (is_w(c, i, "midnight")) h = 24, k++;
  else if (is_plain_num(c, i) && c->t[i].ndig <= 2 && c->t[i].num <= 24) {
    h = c->t[i].num;
    k = i + 1;
    bool colon = false;
    if (adj(c, k) && is_p(c, k, ':') && adj(c, k + 1) && is_num(c, k + 1) &&
        c->t[k + 1].ndig == 2 && c->t[k + 1].num < 60) {
      mi = c->t[k + 1].num;
      k += 2, colon = true;
    }
    size_t a = parse_ampm(c, k, &pm);
    if (a) {
      if (h < 1 || h > 12) return 0;
      k += a;
    } else if (!colon) {
      /* "4 in the morning" */
      if (is_w(c, k, "in") && is_w(c, k + 1, "the") && has(c, k + 2, DC_DAYPART) &&
          h >= 1 && h <= 12) {
        pm = !is_w(c, k + 2, "morning");
        k += 3;
      } else if (is_w(c, k, "o") && is_p(c, k + 1, '\'') && is_w(c, k + 2, "clock")) {
        k += 3;
      } else
        return 0;
    } else {
      /* bare 14:00 only with a preposition of time before it */
      if (!(i > 0 && (is_w(c, i - 1, "at") || is_w(c, i - 1, "by") ||
                      is_w(c, i - 1, "until") || is_w(c, i - 1, "around"))))
        return 0;
    }
    if (pm == 1 && h < 12) h += 12;
    if (pm == 0 && h == 12) h = 0;
  } else
    return 0;
  /* time zone */
  static const char *const zones[] = {"EST", "EDT", "CST", "CDT", "MST", "MDT",
                                      "PST", "PDT", "GMT", "UTC", "BST", "CET",
                                      "ET", NULL};
  for (int z = 0; zones[z]; z++)
    if (is_w(c, k, zones[z]) && c->t[k].cap) {
      k++;
      break;
    }
  cx_ymd day = c->ref;
  bool have = c->has_ref;
  size_t k2 = k;
  if (is_p(c, k2, ',')) k2++;
  size_t d = day_after(c, k2, &day, &have);
  if (d) k = k2 + d;
  r->type = CX_TIME;
  if (have) set_val(r, "%04d-%02d-%02dT%02d:%02d", day.y, day.m, day.d, h, mi);
  else set_val(r, "XXXX-XX-XXT%02d:%02d", h, mi);
  return k - i;
}

static size_t rule_spoken_year(ctx *c, size_t i, tx *r);

/* Month [day][, year] | month [of] year | month alone. */
static bool month_context_ok(const ctx *c, size_t i) {
  /* "May", "March" also are words: alone they need a temporal context */
  if (i == 0) return false;
  static const char *const preps[] = {
      "in", "since", "until", "till", "by", "from", "to", "through", "of",
      "last", "this", "next", "early", "late", "mid", "during", "before",
      "after", "between", "and", "or", "each", "every", "that", "in", "end",
      "beginning", "since", "around", "later", "earlier", "past", "coming", NULL};
  for (int k = 0; preps[k]; k++)
    if (is_w(c, i - 1, preps[k])) return true;
  if (is_p(c, i - 1, '-')) return true;
  return false;
}

static size_t rule_month(ctx *c, size_t i, tx *r, bool with_ctx) {
  if (!has(c, i, DC_MONTH) || !c->t[i].cap) return 0;
  int m = c->t[i].num;
  size_t wl = c->t[i].e - c->t[i].s;
  size_t k = i + 1;
  if (wl <= 4 && !(is_w(c, i, "may") || is_w(c, i, "june") || is_w(c, i, "july"))) {
    /* abbreviations need their dot */
    if (strip_abbrev_dot(c, i)) k++;
    else return 0;
  }
  r->type = CX_DATE;
  r->dateish = true;
  /* day */
  if (is_num(c, k) && c->t[k].ndig <= 2 && c->t[k].num >= 1 && c->t[k].num <= 31 &&
      !(adj(c, k + 1) && (is_p(c, k + 1, ':') || is_p(c, k + 1, '.')) && is_num(c, k + 2))) {
    int d = c->t[k].num;
    size_t k2 = k + 1;
    size_t kk = k2;
    if (is_p(c, kk, ',')) kk++;
    if (year_tok(c, kk)) {
      set_val(r, "%04d-%02d-%02d", c->t[kk].num, m, d);
      r->year_explicit = true;
      return kk + 1 - i;
    }
    if (!c->has_ref) set_val(r, "XXXX-%02d-%02d", m, d);
    else {
      /* "the year ended March 31": a closed period */
      int y = i > 0 && is_w(c, i - 1, "ended")
                  ? cx_cal_resolve_month_day(c->ref, m, d, true)
                  : cx_cal_nearest_month_day(c->ref, m, d);
      set_val(r, "%04d-%02d-%02d", y, m, d);
    }
    r->month = m, r->day = d;
    return k2 - i;
  }
  /* year */
  size_t kk = k;
  if (is_w(c, kk, "of") || is_p(c, kk, ',')) kk++;
  if (year_tok(c, kk)) {
    set_val(r, "%04d-%02d", c->t[kk].num, m);
    r->year_explicit = true;
    return kk + 1 - i;
  }
  {
    tx sy;
    memset(&sy, 0, sizeof sy);
    size_t sn = rule_spoken_year(c, kk, &sy);
    if (sn) {
      set_val(r, "%.4s-%02d", sy.val, m);
      r->year_explicit = true;
      return kk + sn - i;
    }
  }
  if (is_p(c, k, '\'') && is_num(c, k + 1) && c->t[k + 1].ndig == 2) {
    int y = c->t[k + 1].num;
    set_val(r, "%04d-%02d", y < 40 ? 2000 + y : 1900 + y, m);
    r->year_explicit = true;
    return k + 2 - i;
  }
  /* January this year / June last year */
  if ((is_w(c, k, "this") || is_w(c, k, "last") || is_w(c, k, "next")) &&
      is_w(c, k + 1, "year") && c->has_ref) {
    int y = c->ref.y + (is_w(c, k, "last") ? -1 : is_w(c, k, "next") ? 1 : 0);
    set_val(r, "%04d-%02d", y, m);
    r->year_explicit = true;
    return k + 2 - i;
  }
  bool ctx_ok = with_ctx || month_context_ok(c, i);
  /* alone, "May" and "March" are mostly a verb or a modal */
  if (!ctx_ok && (m == 5 || m == 3)) return 0;
  /* "August Wilson", "June Carter": a month before a capitalised word is a
   * name unless a preposition of time introduces it */
  if (!ctx_ok && k < c->n && c->t[k].kind == DT_WORD && c->t[k].cap &&
      !has(c, k, DC_MONTH | DC_WDAY) && c->t[k].s == c->t[k - 1].e + 1)
    return 0;
  r->month = m;
  if (!c->has_ref) set_val(r, "XXXX-%02d", m);
  else
    set_val(r, "%04d-%02d", cx_cal_resolve_month(c->ref, m, !sentence_future(c, i)), m);
  return k - i;
}

/* 3 March [2023] | the 3rd of March */
static size_t rule_day_month(ctx *c, size_t i, tx *r) {
  if (!is_num(c, i) || c->t[i].ndig > 2 || c->t[i].num < 1 || c->t[i].num > 31 ||
      c->t[i].plural)
    return 0;
  size_t k = i + 1;
  if (is_w(c, k, "of")) k++;
  if (!has(c, k, DC_MONTH) || !c->t[k].cap) return 0;
  if (k == i + 2 && !c->t[i].ordinal) return 0;
  size_t wl = c->t[k].e - c->t[k].s;
  int m = c->t[k].num, d = c->t[i].num;
  k++;
  if (wl <= 4 && !is_w(c, k - 1, "may") && !is_w(c, k - 1, "june") &&
      !is_w(c, k - 1, "july") && strip_abbrev_dot(c, k - 1))
    k++;
  r->type = CX_DATE;
  r->dateish = true;
  size_t kk = k;
  if (is_p(c, kk, ',')) kk++;
  if (year_tok(c, kk)) {
    set_val(r, "%04d-%02d-%02d", c->t[kk].num, m, d);
    r->year_explicit = true;
    return kk + 1 - i;
  }
  r->month = m, r->day = d;
  if (!c->has_ref) set_val(r, "XXXX-%02d-%02d", m, d);
  else
    set_val(r, "%04d-%02d-%02d",
            cx_cal_nearest_month_day(c->ref, m, d), m, d);
  return k - i;
}

/* 2023-03-03, 3/3/2023 */
static size_t rule_numeric(ctx *c, size_t i, tx *r) {
  if (!is_plain_num(c, i)) return 0;
  if (c->t[i].ndig == 4 && adj(c, i + 1) && is_p(c, i + 1, '-') && adj(c, i + 2) &&
      is_num(c, i + 2) && c->t[i + 2].ndig == 2 && adj(c, i + 3) &&
      is_p(c, i + 3, '-') && adj(c, i + 4) && is_num(c, i + 4) &&
      c->t[i + 4].ndig == 2 && !(adj(c, i + 5) && is_p(c, i + 5, '-'))) {
    cx_ymd t = {c->t[i].num, c->t[i + 2].num, c->t[i + 4].num};
    if (!cx_cal_valid(t)) return 0;
    r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
    val_day(r, t);
    return 5;
  }
  if (c->t[i].ndig <= 2 && adj(c, i + 1) && is_p(c, i + 1, '/') && adj(c, i + 2) &&
      is_num(c, i + 2) && c->t[i + 2].ndig <= 2 && adj(c, i + 3) &&
      is_p(c, i + 3, '/') && adj(c, i + 4) && is_num(c, i + 4) &&
      (c->t[i + 4].ndig == 4 || c->t[i + 4].ndig == 2) &&
      !(adj(c, i + 5) && (is_p(c, i + 5, '/') || is_num(c, i + 5)))) {
    int a = c->t[i].num, b = c->t[i + 2].num, y = c->t[i + 4].num;
    if (c->t[i + 4].ndig == 2) y += y < 40 ? 2000 : 1900;
    cx_ymd t = {y, a, b}; /* US order unless the first cannot be a month */
    if (a > 12) t.m = b, t.d = a;
    if (!cx_cal_valid(t)) return 0;
    r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
    val_day(r, t);
    return 5;
  }
  return 0;
}

/* A day named after a time or weekday: Friday, Oct. 13 / today / Nov. 9 */
static size_t day_after(ctx *c, size_t k, cx_ymd *day, bool *have) {
  tx r2;
  memset(&r2, 0, sizeof r2);
  size_t n;
  if (has(c, k, DC_WDAY) && c->t[k].cap) {
    size_t k2 = k + 1;
    if (strip_abbrev_dot(c, k)) k2++;
    if (c->has_ref) {
      *day = cx_cal_resolve_weekday(c->ref, c->t[k].num, !sentence_future(c, k));
      *have = true;
    }
    return k2 - k;
  }
  if ((n = rule_month(c, k, &r2, true)) && r2.val[4] == '-' && strlen(r2.val) == 10 &&
      r2.val[0] != 'X') {
    sscanf(r2.val, "%d-%d-%d", &day->y, &day->m, &day->d);
    *have = true;
    return n;
  }
  if (is_w(c, k, "today") || is_w(c, k, "yesterday") || is_w(c, k, "tomorrow")) {
    if (c->has_ref)
      *day = cx_cal_add_days(c->ref, is_w(c, k, "today") ? 0 : is_w(c, k, "yesterday") ? -1 : 1),
      *have = true;
    return 1;
  }
  return 0;
}

/* Friday [, March 3[, 2023]] [morning] */
static size_t rule_weekday(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_WDAY) || !c->t[i].cap) return 0;
  size_t wl = c->t[i].e - c->t[i].s;
  size_t k = i + 1;
  if (wl <= 5 && !(is_w(c, i, "monday") || is_w(c, i, "friday") || is_w(c, i, "sunday"))) {
    if (strip_abbrev_dot(c, i)) k++;
    else return 0;
  }
  /* Sunday Times, Monday Night Football: a weekday in a name */
  if (k < c->n && c->t[k].kind == DT_WORD && c->t[k].cap &&
      !has(c, k, DC_MONTH | DC_DAYPART) && c->t[k].s == c->t[k - 1].e + 1)
    return 0;
  r->type = CX_DATE;
  r->dateish = true;
  size_t k2 = k;
  if (is_p(c, k2, ',')) k2++;
  tx r2;
  memset(&r2, 0, sizeof r2);
  size_t n = rule_month(c, k2, &r2, true);
  if (n && strlen(r2.val) == 10) {
    memcpy(r->val, r2.val, sizeof r->val);
    r->year_explicit = r2.year_explicit;
    return k2 + n - i;
  }
  n = rule_day_month(c, k2, &r2);
  if (n) {
    memcpy(r->val, r2.val, sizeof r->val);
    r->year_explicit = r2.year_explicit;
    return k2 + n - i;
  }
  cx_ymd t = {0, 0, 0};
  if (c->has_ref) t = cx_cal_resolve_weekday(c->ref, c->t[i].num, !sentence_future(c, i));
  if (has(c, k, DC_DAYPART)) {
    r->type = CX_TIME;
    if (c->has_ref) set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, c->t[k].code);
    else set_val(r, "XXXX-WXX-%dT%s", c->t[i].num, c->t[k].code);
    return k + 1 - i;
  }
  if (c->has_ref) val_day(r, t);
  else set_val(r, "XXXX-WXX-%d", c->t[i].num);
  return k - i;
}

/* 1990, 1990s, '90s, the 1988 second quarter */
static bool year_context(const ctx *c, size_t i) {
  static const char *const w[] = {"in", "since", "until", "till", "by", "from",
                                  "of", "to", "through", "year", "around",
                                  "circa", "between", "and", "during", "before",
                                  "after", "early", "late", "mid", "fiscal",
                                  "for", "the", "or", "as", NULL};
  if (i == 0) return false;
  for (int k = 0; w[k]; k++)
    if (is_w(c, i - 1, w[k])) return true;
  return is_p(c, i - 1, '-') || is_p(c, i - 1, ',');
}

static size_t rule_quarter_after_year(ctx *c, size_t k, int y, tx *r);

static size_t rule_year(ctx *c, size_t i, tx *r) {
  if (is_num(c, i) && c->t[i].plural && !c->t[i].ordinal &&
      (c->t[i].ndig == 4 || c->t[i].ndig == 2)) {
    int y = c->t[i].num;
    if (c->t[i].ndig == 2) {
      if (!(i > 0 && is_p(c, i - 1, '\'') && adj(c, i))) return 0;
      y = (y % 10 == 0 ? 1900 + y : -1);
      if (y < 0) return 0;
    } else if (y % 10 != 0 || y < 1000 || y > 2090)
      return 0;
    r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
    r->the_ok = true;
    set_val(r, "%03d", y / 10);
    return 1;
  }
  if (!year_tok(c, i)) return 0;
  int y = c->t[i].num;
  bool ctx_ok = year_context(c, i);
  if (y < 1900 && !ctx_ok) return 0;
  if (!ctx_ok) {
    /* "2000 workers": a count before a plural noun */
    size_t k = i + 1;
    if (k < c->n && c->t[k].kind == DT_WORD && !c->t[k].cap && !adj(c, k) &&
        !has(c, k, DC_MONTH | DC_UNIT | DC_SEASON | DC_ORD)) {
      size_t wl = c->t[k].e - c->t[k].s;
      char z = c->doc->norm[c->t[k].e - 2];
      if (wl > 2 && c->doc->norm[c->t[k].e - 1] == 's' && z != 's' && z != 'i' &&
          z != 'u')
        return 0; /* "analysis", "bonus" are not plurals */
    }
    if (is_w(c, k, "to") || is_w(c, k, "of") || is_w(c, k, "more") ||
        is_w(c, k, "fewer"))
      return 0;
  }
  r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
  set_val(r, "%04d", y);
  size_t q = rule_quarter_after_year(c, i + 1, y, r);
  if (q) r->the_ok = true;
  if (!q && is_w(c, i + 1, "quarter") && c->last_q) {
    set_val(r, "%04d-Q%d", y, c->last_q);
    r->the_ok = true;
    q = 1;
  } else if (!q && is_w(c, i + 1, "period") && i > 0 && is_w(c, i - 1, "the")) {
    r->the_ok = true;
    q = 1;
  }
  return 1 + q;
}

/* quarters and halves: the third quarter [of 2023], Q3 2023, H1, third-quarter */
static size_t parse_qh(ctx *c, size_t i, char *kind, int *num) {
  size_t k = i;
  int q;
  if (is_w(c, k, "fiscal")) k++;
  if (has(c, k, DC_ORD)) q = c->t[k].ordv, k++;
  else if (is_num(c, k) && c->t[k].ordinal) q = c->t[k].num, k++;
  else return 0;
  if (is_p(c, k, '-') && adj(c, k)) k++;
  if (is_w(c, k, "fiscal")) k++;
  if (is_w(c, k, "quarter") && (q == -1 || (q >= 1 && q <= 4))) *kind = 'Q';
  else if (is_w(c, k, "half") && (q == -1 || (q >= 1 && q <= 2))) *kind = 'H';
  else return 0;
  *num = q == -1 ? (*kind == 'Q' ? 4 : 2) : q;
  return k + 1 - i;
}

static size_t rule_quarter_after_year(ctx *c, size_t k, int y, tx *r) {
  char kind;
  int q;
  size_t n = parse_qh(c, k, &kind, &q);
  if (!n) return 0;
  set_val(r, "%04d-%c%d", y, kind, q);
  if (kind == 'Q') c->last_qy = y, c->last_q = q;
  return n;
}

static size_t rule_quarter(ctx *c, size_t i, tx *r) {
  char kind = 'Q';
  int q = 0;
  size_t n = 0;
  if (c->t[i].kind == DT_WORD && (is_w(c, i, "q") || is_w(c, i, "h")) &&
      c->t[i].cap && adj(c, i + 1) && is_plain_num(c, i + 1) && c->t[i + 1].ndig == 1) {
    kind = is_w(c, i, "q") ? 'Q' : 'H';
    q = c->t[i + 1].num;
    if (q < 1 || q > (kind == 'Q' ? 4 : 2)) return 0;
    n = 2;
  } else
    n = parse_qh(c, i, &kind, &q);
  if (!n) return 0;
  size_t k = i + n;
  r->type = CX_DATE, r->dateish = true;
  r->the_ok = !(is_p(c, i + 1, '-') || is_p(c, i + 2, '-'));
  size_t kk = k;
  if (is_w(c, kk, "of") || is_p(c, kk, ',')) kk++;
  if (is_w(c, kk, "fiscal")) kk++;
  if (year_tok(c, kk)) {
    set_val(r, "%04d-%c%d", c->t[kk].num, kind, q);
    r->year_explicit = true;
    if (kind == 'Q') c->last_qy = c->t[kk].num, c->last_q = q;
    return kk + 1 - i;
  }
  /* "the first quarter of next year" */
  if (is_w(c, k, "of") && (is_w(c, k + 1, "this") || is_w(c, k + 1, "last") ||
                            is_w(c, k + 1, "next")) && is_w(c, k + 2, "year") && c->has_ref) {
    int y = c->ref.y + (is_w(c, k + 1, "last") ? -1 : is_w(c, k + 1, "next") ? 1 : 0);
    set_val(r, "%04d-%c%d", y, kind, q);
    return k + 3 - i;
  }
  if (!c->has_ref) {
    set_val(r, "XXXX-%c%d", kind, q);
    return n;
  }
  int y;
  /* quarters in news are reported ones: the last that has begun */
  bool past = true;
  if (kind == 'Q') y = cx_cal_resolve_quarter(c->ref, q, past);
  else y = past ? (q <= cx_cal_half(c->ref.m) ? c->ref.y : c->ref.y - 1)
                : (q >= cx_cal_half(c->ref.m) ? c->ref.y : c->ref.y + 1);
  set_val(r, "%04d-%c%d", y, kind, q);
  if (kind == 'Q') c->last_qy = y, c->last_q = q;
  return n;
}

/* fiscal 1989, fiscal year 1989, FY2024, FY 2024 */
static size_t rule_fiscal(ctx *c, size_t i, tx *r) {
  size_t k = i;
  if (is_w(c, k, "fiscal")) {
    k++;
    if (is_w(c, k, "year")) k++;
  } else if (is_w(c, k, "fy") && c->t[k].cap) {
    k++;
  } else
    return 0;
  if (is_num(c, k) && !c->t[k].ordinal && !c->t[k].plural &&
      (c->t[k].ndig == 2 || (c->t[k].ndig == 4 && c->t[k].num >= 1900 &&
                             c->t[k].num <= 2099))) {
    int y = c->t[k].num;
    if (c->t[k].ndig == 2) y += y < 40 ? 2000 : 1900;
    r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
    set_val(r, "%04d", y);
    size_t q = rule_quarter_after_year(c, k + 1, y, r);
    return k + 1 + q - i;
  }
  return 0;
}

/* Relative words: today, yesterday, now, recently ... */
static size_t rule_relative(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_REL)) return 0;
  const char *code = c->t[i].code;
  r->type = CX_DATE;
  if (code[0] == 'D' && (code[1] == '0' || code[1] == '-' || (code[1] >= '1' && code[1] <= '9'))) {
    int n = atoi(code + 1);
    r->dateish = true;
    if (c->has_ref) val_day(r, cx_cal_add_days(c->ref, n));
    else set_val(r, "%s", n < 0 ? "PAST_REF" : n > 0 ? "FUTURE_REF" : "PRESENT_REF");
    /* yesterday morning */
    if (has(c, i + 1, DC_DAYPART) && c->has_ref) {
      r->type = CX_TIME;
      size_t l = strlen(r->val);
      snprintf(r->val + l, sizeof r->val - l, "T%s", c->t[i + 1].code);
      return 2;
    }
    return 1;
  }
  if (code[0] == 'T' && code[1] != '\0' && (code[1] == '0' || code[1] == '-')) {
    int n = atoi(code + 1);
    const char *part = code + strlen(code) - 2;
    r->type = CX_TIME;
    if (c->has_ref) {
      cx_ymd t = cx_cal_add_days(c->ref, n);
      set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, part);
    } else
      set_val(r, "PRESENT_REF");
    return 1;
  }
  /* "as soon as", "soon after": a conjunction, not a date */
  if (is_w(c, i, "soon") && ((i > 0 && is_w(c, i - 1, "as")) || is_w(c, i + 1, "after") ||
                             is_w(c, i + 1, "afterward") || is_w(c, i + 1, "thereafter")))
    return 0;
  /* "now" is a word of many uses; it is a date in most of them */
  set_val(r, "%s", code);
  return 1;
}

static void season_year(ctx *c, const char *code, int delta, tx *r) {
  if (!c->has_ref) {
    set_val(r, "XXXX-%s", code);
    return;
  }
  /* season start months: SP 3, SU 6, FA 9, WI 12 */
  int start = code[0] == 'S' ? (code[1] == 'P' ? 3 : 6) : code[0] == 'F' ? 9 : 12;
  int y = c->ref.y;
  if (delta < 0) y = (start + 3 <= c->ref.m) ? c->ref.y : c->ref.y - 1;
  if (delta < 0 && start == 12) y = c->ref.m <= 2 ? c->ref.y - 1 : c->ref.y - 1;
  if (delta > 0) y = start > c->ref.m ? c->ref.y : c->ref.y + 1;
  if (delta == 0 && start == 12 && c->ref.m <= 2) y = c->ref.y - 1;
  set_val(r, "%04d-%s", y, code);
}

/* this/last/next/past/coming ... + unit, month, weekday, season */
static size_t rule_deictic(ctx *c, size_t i, tx *r) {
  int dir;
  size_t k = i + 1;
  if (is_w(c, i, "this") || is_w(c, i, "current") || is_w(c, i, "present")) dir = 0;
  else if (is_w(c, i, "last") || is_w(c, i, "past") || is_w(c, i, "previous") ||
           is_w(c, i, "latest") || is_w(c, i, "prior") || is_w(c, i, "preceding"))
    dir = -1;
  else if (is_w(c, i, "next") || is_w(c, i, "coming") || is_w(c, i, "upcoming"))
    dir = 1;
  else
    return 0;
  if (dir == 0 && (is_w(c, k, "coming") || is_w(c, k, "past"))) {
    dir = is_w(c, k, "coming") ? 1 : -1;
    k++;
  }
  bool latest = is_w(c, i, "latest") || is_w(c, i, "current") || is_w(c, i, "this");
  if (is_w(c, k, "fiscal")) k++;
  r->type = CX_DATE;
  r->dateish = true;
  r->the_ok = true;
  if (has(c, k, DC_UNIT) && !c->t[k].plural) {
    char u = c->t[k].unit;
    if (c->t[k].cap) return 0; /* "This Week" is a programme */
    if (!c->has_ref) {
      set_val(r, "%s", dir < 0 ? "PAST_REF" : dir > 0 ? "FUTURE_REF" : "PRESENT_REF");
      return k + 1 - i;
    }
    cx_ymd t = c->ref;
    switch (u) {
      case 'Y':
        set_val(r, "%04d", t.y + dir);
        /* this year's third quarter */
        if (is_p(c, k + 1, '\'') && is_w(c, k + 2, "s")) {
          char kind;
          int q;
          size_t qn = parse_qh(c, k + 3, &kind, &q);
          if (qn) {
            set_val(r, "%04d-%c%d", t.y + dir, kind, q);
            if (kind == 'Q') c->last_qy = t.y + dir, c->last_q = q;
            return k + 3 + qn - i;
          }
          if (is_w(c, k + 3, "quarter")) {
            int qy, qq = quarter_anchor(c, &qy);
            if (qq) {
              set_val(r, "%04d-Q%d", t.y + dir, qq);
              return k + 4 - i;
            }
          }
        }
        break;
      case 'M': {
        cx_ymd s = cx_cal_add_months(t, dir);
        set_val(r, "%04d-%02d", s.y, s.m);
        break;
      }
      case 'W': val_week(r, cx_cal_add_days(t, 7L * dir)); break;
      case 'D': val_day(r, cx_cal_add_days(t, dir)); break;
      case 'Q': {
        if (latest && dir <= 0 && is_w(c, i, "latest") && c->last_q) {
          set_val(r, "%04d-Q%d", c->last_qy, c->last_q);
          break;
        }
        /* "the previous quarter": the one before the quarter just named */
        if ((is_w(c, i, "previous") || is_w(c, i, "prior") || is_w(c, i, "preceding")) &&
            c->last_q) {
          int q = c->last_q - 1, y = c->last_qy;
          if (q == 0) q = 4, y--;
          set_val(r, "%04d-Q%d", y, q);
          break;
        }
        int off = dir;
        if (is_w(c, i, "latest")) off = -1;
        cx_ymd s = cx_cal_add_months(t, 3 * off);
        set_val(r, "%04d-Q%d", s.y, cx_cal_quarter(s.m));
        break;
      }
      case 'E': set_val(r, "%03d", (t.y + 10 * dir) / 10); break;
      case 'C': set_val(r, "%02d", (t.y + 100 * dir) / 100); break;
      case 'K': {
        cx_ymd s = cx_cal_add_days(t, 7L * dir);
        int wy, wn;
        cx_cal_iso_week(s, &wy, &wn);
        set_val(r, "%04d-W%02d-WE", wy, wn);
        break;
      }
      default: return 0;
    }
    return k + 1 - i;
  }
  if (has(c, k, DC_MONTH) && c->t[k].cap) {
    int m = c->t[k].num;
    size_t wl = c->t[k].e - c->t[k].s;
    size_t e = k + 1;
    if (wl <= 4 && !is_w(c, k, "may") && !is_w(c, k, "june") && !is_w(c, k, "july") &&
        strip_abbrev_dot(c, k))
      e++;
    if (!c->has_ref) set_val(r, "XXXX-%02d", m);
    else {
      int y = c->ref.y;
      if (dir < 0) y = m < c->ref.m ? c->ref.y : c->ref.y - 1;
      if (dir > 0) y = m > c->ref.m ? c->ref.y : c->ref.y + 1;
      set_val(r, "%04d-%02d", y, m);
    }
    return e - i;
  }
  if (has(c, k, DC_WDAY) && c->t[k].cap) {
    int wd = c->t[k].num;
    if (!c->has_ref) set_val(r, "XXXX-WXX-%d", wd);
    else {
      cx_ymd t;
      if (dir < 0) t = cx_cal_resolve_weekday(cx_cal_add_days(c->ref, -1), wd, true);
      else if (dir > 0) t = cx_cal_resolve_weekday(cx_cal_add_days(c->ref, 1), wd, false);
      else t = cx_cal_add_days(c->ref, wd - cx_cal_weekday(c->ref));
      val_day(r, t);
    }
    size_t e = k + 1;
    if (has(c, e, DC_DAYPART) && c->has_ref) {
      r->type = CX_TIME;
      size_t l = strlen(r->val);
      snprintf(r->val + l, sizeof r->val - l, "T%s", c->t[e].code);
      e++;
    }
    return e - i;
  }
  if (has(c, k, DC_HOLIDAY) && dir != 0) {
    /* last Thanksgiving, next Christmas */
    tx h;
    memset(&h, 0, sizeof h);
    size_t hn = rule_holiday(c, k, &h, dir);
    if (hn && !h.year_explicit) {
      memcpy(r->val, h.val, sizeof r->val);
      return k + hn - i;
    }
  }
  if (has(c, k, DC_SEASON)) {
    season_year(c, c->t[k].code, dir, r);
    return k + 1 - i;
  }
  if (has(c, k, DC_DAYPART) && dir != 1) {
    /* this morning, last night */
    r->type = CX_TIME;
    if (!c->has_ref) set_val(r, "PRESENT_REF");
    else {
      cx_ymd t = dir < 0 ? cx_cal_add_days(c->ref, -1) : c->ref;
      set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, c->t[k].code);
    }
    return k + 1 - i;
  }
  return 0;
}

/* N units [ago|earlier|later|from now] ; two-year ; a few days */
static size_t rule_duration(ctx *c, size_t i, tx *r) {
  int v = 0;
  size_t n = parse_count(c, i, &v);
  if (!n) return 0;
  size_t k = i + n;
  bool hyph = false;
  if (is_p(c, k, '-') && adj(c, k) && adj(c, k + 1)) k++, hyph = true;
  if (is_w(c, k, "more") || is_w(c, k, "additional") || is_w(c, k, "full") ||
      is_w(c, k, "straight") || is_w(c, k, "consecutive"))
    k++;
  if (is_w(c, k, "trading") || is_w(c, k, "business") || is_w(c, k, "working"))
    k++;
  if (!has(c, k, DC_UNIT) || c->t[k].cap) return 0;
  char u = c->t[k].unit;
  bool pl = c->t[k].plural;
  /* fractions: "a quarter of", "three-quarters of" */
  if (u == 'Q' && (hyph || is_w(c, k + 1, "of") || is_w(c, i, "a"))) return 0;
  /* ages: "a 6-year-old", "52 years old" */
  if (is_w(c, k + 1, "old") || (is_p(c, k + 1, '-') && is_w(c, k + 2, "old")))
    return 0;
  /* "$5 a year", "700 seats a week": a rate, not a period */
  if ((is_w(c, i, "a") || is_w(c, i, "an") || is_w(c, i, "per")) && !hyph) {
    static const char *const ok_before[] = {
        "for", "within", "in", "after", "than", "about", "nearly", "almost",
        "over", "only", "just", "least", "barely", "some", "under", "around",
        "lasted", "lasting", "spent", "took", "takes", "nearly", "roughly",
        "past", "last", "next", "first", "of", "once", "and", "or", "to", NULL};
    bool ok = i == 0 || is_w(c, k + 1, "ago") || is_w(c, k + 1, "earlier") ||
              is_w(c, k + 1, "later") || is_w(c, k + 3, "ago");
    for (int q = 0; !ok && ok_before[q]; q++)
      if (is_w(c, i - 1, ok_before[q])) ok = true;
    if (!ok && i > 0 && c->t[i - 1].kind == DT_PUNCT && !is_p(c, i - 1, ',')) ok = true;
    if (!ok) return 0;
  }
  /* "a second" is an ordinal, "one second" is not */
  if (u == 'S' && !is_num(c, i) && (is_w(c, i, "a") || is_w(c, i, "one"))) {
    if (is_w(c, i, "a")) return 0;
  }
  if (v == 1 && pl && !hyph) return 0;          /* "a days"? */
  /* "a five year low", "a three hour meeting": sloppy but real */
  if (v < 0 && !pl && !hyph) return 0;
  k++;
  r->type = CX_DURATION;
  r->the_ok = !hyph;
  if (hyph && (is_p(c, k, '-') && adj(c, k)) &&
      (is_w(c, k + 1, "old") || is_w(c, k + 1, "long")))
    k += 2;
  char buf[24];
  if (!unit_value(u, v, buf, sizeof buf)) return 0;
  set_val(r, "%s", buf);
  /* 2 1/2 years, a year and a half */
  if (!hyph) {
    int sign = 0;
    size_t k2 = k;
    if (is_w(c, k2, "ago") || is_w(c, k2, "earlier"))
      sign = -1, k2++;
    else if (is_w(c, k2, "later") && !is_w(c, k2 + 1, "than"))
      return k - i; /* "three days later": counted from an event */
    else if (is_w(c, k2, "hence"))
      sign = 1, k2++;
    else if (is_w(c, k2, "from") && is_w(c, k2 + 1, "now"))
      sign = 1, k2 += 2;
    else if (is_w(c, k2, "or") && is_w(c, k2 + 1, "so") && is_w(c, k2 + 2, "ago"))
      sign = -1, k2 += 3;
    if (sign) {
      r->type = CX_DATE;
      r->dateish = true;
      r->ago = true;
      int amount = v < 0 ? 99999 : v;
      shifted_value(c, r, u, sign * amount);
      /* financial reports compare with the same quarter a year ago */
      if (u == 'Y' && amount == 1 && sign < 0 && c->last_q)
        set_val(r, "%04d-Q%d", c->last_qy - 1, c->last_q);
      return k2 - i;
    }
  }
  return k - i;
}

/* bare plural units with a temporal cue before them: "for years", "in recent weeks" */
static size_t rule_bare_units(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_UNIT) || !c->t[i].plural || i == 0) return 0;
  char u = c->t[i].unit;
  if (u == 'S' || u == 'K') return 0;
  if (!(is_w(c, i - 1, "for") || is_w(c, i - 1, "within") ||
        is_w(c, i - 1, "after") || is_w(c, i - 1, "took") || is_w(c, i - 1, "takes") ||
        is_w(c, i - 1, "take") || is_w(c, i - 1, "spent") ||
        ((is_w(c, i + 1, "before") || is_w(c, i + 1, "after") ||
          is_w(c, i + 1, "later")) && c->t[i - 1].kind == DT_WORD && !c->t[i - 1].cap &&
         !is_w(c, i - 1, "the") && !has(c, i - 1, DC_NUMW | DC_ORD))))
    return 0;
  char buf[24];
  if (!unit_value(u, -1, buf, sizeof buf)) return 0;
  r->type = CX_DURATION;
  set_val(r, "%s", buf);
  size_t k = i + 1;
  if (is_w(c, k, "ago")) {
    r->type = CX_DATE;
    set_val(r, "PAST_REF");
    k++;
  }
  return k - i;
}

/* seasons with a year: summer 2023, the summer of 1998 */
static size_t rule_season(ctx *c, size_t i, tx *r, bool after_the) {
  if (!has(c, i, DC_SEASON)) return 0;
  size_t k = i + 1;
  size_t kk = k;
  if (is_w(c, kk, "of")) kk++;
  r->type = CX_DATE, r->dateish = true;
  if (year_tok(c, kk)) {
    set_val(r, "%04d-%s", c->t[kk].num, c->t[i].code);
    r->year_explicit = true;
    r->the_ok = true;
    return kk + 1 - i;
  }
  if (!after_the) {
    if (!(i > 0 && (is_w(c, i - 1, "in") || is_w(c, i - 1, "this") ||
                    is_w(c, i - 1, "over") || is_w(c, i - 1, "during") ||
                    is_w(c, i - 1, "since") || is_w(c, i - 1, "until") ||
                    is_w(c, i - 1, "by") || is_w(c, i - 1, "early") ||
                    is_w(c, i - 1, "late"))))
      return 0;
    /* "in spring" but not "in fall prices" / "the fall of the Wall" */
  }
  if (has(c, k, DC_UNIT) || (k < c->n && c->t[k].kind == DT_WORD && !c->t[k].cap &&
                              !is_w(c, k, "and") && !is_w(c, k, "of") &&
                              !is_w(c, k, "when") && !is_w(c, k, "that")))
    if (!(is_p(c, k, ',') || is_p(c, k, '.')) && k < c->n && c->t[k].kind == DT_WORD &&
        (is_w(c, i, "fall") || is_w(c, i, "spring")))
      return 0;
  if (is_w(c, k, "of")) return 0; /* the fall of Rome */
  r->the_ok = true;
  season_year(c, c->t[i].code, sentence_future(c, i) ? 1 : 0, r);
  return 1;
}

/* recurrence: daily, every month, each Thursday */
static size_t rule_set(ctx *c, size_t i, tx *r) {
  if (has(c, i, DC_SETW)) {
    /* "its quarterly dividend", "the daily Granma": an adjective */
    static const char *const det[] = {"its", "the", "a", "an", "their", "his", "her",
                                      "our", "initial", "regular", "first", "average",
                                      "latest", "usual", "normal", "record", NULL};
    for (int q = 0; i > 0 && det[q]; q++)
      if (is_w(c, i - 1, det[q])) return 0;
    if (i + 1 < c->n && c->t[i + 1].kind == DT_WORD && c->t[i + 1].cap) return 0;
    if (i > 0 && c->t[i - 1].kind == DT_WORD && c->t[i - 1].cap &&
        !(i > 1 && c->t[i - 2].kind == DT_PUNCT))
      return 0; /* "Party daily" */
    r->type = CX_SET;
    set_val(r, "%s", c->t[i].code);
    return 1;
  }
  if (!(is_w(c, i, "every") || is_w(c, i, "each") || is_w(c, i, "per")))
    return 0;
  size_t k = i + 1;
  int v = 1;
  if (is_w(c, i, "every") && (is_w(c, k, "other") || is_w(c, k, "second")))
    v = 2, k++;
  else if (is_w(c, i, "every")) {
    int cnt;
    size_t n = parse_count(c, k, &cnt);
    if (n && cnt > 1 && has(c, k + n, DC_UNIT) && c->t[k + n].plural) v = cnt, k += n;
  }
  r->type = CX_SET;
  if (has(c, k, DC_UNIT) && !(is_w(c, i, "per") && (c->t[k].unit == 'S' || c->t[k].unit == 'N'))) {
    char buf[24];
    if (!unit_value(c->t[k].unit, v, buf, sizeof buf)) return 0;
    set_val(r, "%s", buf);
    return k + 1 - i;
  }
  if (has(c, k, DC_WDAY) && c->t[k].cap) {
    set_val(r, "XXXX-WXX-%d", c->t[k].num);
    return k + 1 - i;
  }
  if (has(c, k, DC_MONTH) && c->t[k].cap) {
    set_val(r, "XXXX-%02d", c->t[k].num);
    return k + 1 - i;
  }
  if (has(c, k, DC_DAYPART)) {
    set_val(r, "XXXX-XX-XXT%s", c->t[k].code);
    return k + 1 - i;
  }
  return 0;
}

static int quarter_anchor(ctx *c, int *qy) {
  if (c->last_q) {
    *qy = c->last_qy;
    return c->last_q;
  }
  if (!c->has_ref) return 0;
  cx_ymd s = cx_cal_add_months(c->ref, -3);
  *qy = s.y;
  return cx_cal_quarter(s.m);
}

/* year-earlier, year-ago, year-end, year's end */
static size_t rule_year_words(ctx *c, size_t i, tx *r) {
  if (!is_w(c, i, "year")) return 0;
  size_t k = i + 1;
  bool hy = is_p(c, k, '-') && adj(c, k);
  if (hy) k++;
  r->type = CX_DATE;
  r->dateish = true;
  if (is_w(c, k, "earlier") || is_w(c, k, "ago")) {
    k++;
    bool period = is_w(c, k, "quarter") || is_w(c, k, "period");
    r->the_ok = period;
    if (is_w(c, k, "third") || is_w(c, k, "second") || is_w(c, k, "first") ||
        is_w(c, k, "fourth")) {
      if (is_w(c, k + 1, "quarter")) {
        r->the_ok = true;
        if (!c->has_ref) set_val(r, "XXXX-Q%d", c->t[k].ordv);
        else set_val(r, "%04d-Q%d", c->ref.y - 1, c->t[k].ordv);
        return k + 2 - i;
      }
    }
    int qy, q = quarter_anchor(c, &qy);
    if (q) set_val(r, "%04d-Q%d", qy - 1, q);
    else set_val(r, "PAST_REF");
    if (!period && !q && c->has_ref) set_val(r, "%04d", c->ref.y - 1);
    return (period ? k + 1 : k) - i;
  }
  if (is_w(c, k, "end") && (hy || !adj(c, k))) {
    if (c->has_ref) set_val(r, "%04d", c->ref.y);
    else set_val(r, "XXXX");
    return k + 1 - i;
  }
  if (is_p(c, i + 1, '\'') && is_w(c, i + 2, "s") && is_w(c, i + 3, "end")) {
    if (c->has_ref) set_val(r, "%04d", c->ref.y);
    else set_val(r, "XXXX");
    return 4;
  }
  return 0;
}

/* nineteen ninety-six, two thousand (and) one */
static size_t rule_spoken_year(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_NUMW)) return 0;
  int hi = c->t[i].num, lo = 0;
  size_t k = i + 1;
  if (hi >= 10 && hi <= 20 && has(c, k, DC_NUMW) && c->t[k].num >= 10 &&
      c->t[k].num <= 90 && !is_w(c, k, "a") && !is_w(c, k, "an")) {
    size_t n = parse_count(c, k, &lo);
    if (!n || lo < 10 || lo > 99) return 0;
    k += n;
  } else if (hi == 2 && is_w(c, k, "thousand")) {
    hi = 20;
    k++;
    if (is_w(c, k, "and")) k++;
    if (has(c, k, DC_NUMW) && c->t[k].num > 0 && c->t[k].num < 100 && !is_w(c, k, "a")) {
      size_t n = parse_count(c, k, &lo);
      k += n;
    }
  } else
    return 0;
  if (has(c, k, DC_UNIT)) return 0; /* "two thousand years" */
  r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
  set_val(r, "%04d", hi * 100 + lo);
  return k - i;
}

/* the 20th century */
static size_t rule_century(ctx *c, size_t i, tx *r) {
  int n;
  if (has(c, i, DC_ORD) && c->t[i].ordv > 0) n = c->t[i].ordv;
  else if (is_num(c, i) && c->t[i].ordinal) n = c->t[i].num;
  else return 0;
  size_t k = i + 1;
  if (is_p(c, k, '-') && adj(c, k)) k++;
  if (!is_w(c, k, "century") || n < 1 || n > 21) return 0;
  r->type = CX_DATE, r->dateish = true, r->the_ok = true;
  set_val(r, "%02d", n - 1);
  return k + 1 - i;
}

/* Date of a holiday rule (holidays.tsv) in year y. */
static bool holiday_date(const char *rule, int y, cx_ymd *out) {
  int m, w, n, d;
  if (rule[0] == 'E') {
    *out = cx_cal_add_days(cx_cal_easter(y), atoi(rule + 1));
    return true;
  }
  if (sscanf(rule, "%d:%d:%d", &m, &w, &n) == 3) {
    *out = cx_cal_nth_weekday(y, m, w, n);
    return true;
  }
  if (sscanf(rule, "%d-%d", &m, &d) == 2) {
    *out = (cx_ymd){y, m, d};
    return cx_cal_valid(*out);
  }
  return false;
}

/* Christmas, New Year's Day, Thanksgiving [2023] */
static size_t rule_holiday(ctx *c, size_t i, tx *r, int dir) {
  const date_lex *lx = c->lx;
  if (!has(c, i, DC_HOLIDAY) || !c->t[i].cap) return 0;
  char key[64];
  size_t len = 0, best = 0;
  const char *rule = NULL;
  for (size_t k = i; k < c->n && k < i + 6; k++) {
    const dtok *t = &c->t[k];
    size_t wl = t->e - t->s;
    if (t->kind == DT_PUNCT && c->doc->norm[t->s] == '\'' && is_w(c, k + 1, "s") &&
        adj(c, k) && adj(c, k + 1)) {
      if (len + 1 >= sizeof key) break;
      key[len++] = 's';
      k++;
    } else if (t->kind == DT_WORD && t->cap && len + wl + 2 < sizeof key) {
      if (len) key[len++] = ' ';
      for (size_t q = 0; q < wl; q++) {
        char ch = c->doc->norm[t->s + q];
        key[len++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      }
    } else
      break;
    const char *v = cx_lexicon_get(lx->holidays, key, len);
    if (v) best = k + 1, rule = v;
  }
  if (!rule) return 0;
  r->type = CX_DATE, r->dateish = true;
  size_t k = best;
  cx_ymd t;
  if (year_tok(c, k) && holiday_date(rule, c->t[k].num, &t)) {
    val_day(r, t);
    r->year_explicit = true;
    return k + 1 - i;
  }
  if (!c->has_ref) {
    if (rule[2] == '-') set_val(r, "XXXX-%.5s", rule);
    else set_val(r, "XXXX-XX-XX");
    return best - i;
  }
  /* the nearest one not after the reference date, or not before it;
   * "last"/"next" (dir) exclude the reference day itself */
  bool past = dir ? dir < 0 : !sentence_future(c, i);
  int y = c->ref.y;
  if (!holiday_date(rule, y, &t)) return 0;
  long rd = cx_cal_to_days(c->ref), td = cx_cal_to_days(t);
  if (past && (td > rd || (dir && td == rd))) holiday_date(rule, y - 1, &t);
  if (!past && (td < rd || (dir && td == rd))) holiday_date(rule, y + 1, &t);
  val_day(r, t);
  return best - i;
}

/* One expression at i without prefixes: the longest rule wins. */
static size_t parse_core(ctx *c, size_t i, tx *r, bool after_the) {
  tx best, cur;
  size_t bn = 0;
  memset(&best, 0, sizeof best);
#define TRY(call)                           \
  do {                                      \
    memset(&cur, 0, sizeof cur);            \
    size_t n_ = (call);                     \
    if (n_ > bn) bn = n_, best = cur;       \
  } while (0)
  const dtok *t = &c->t[i];
  if (t->kind == DT_NUM) {
    TRY(rule_numeric(c, i, &cur));
    TRY(rule_time(c, i, &cur));
    TRY(rule_day_month(c, i, &cur));
    TRY(rule_year(c, i, &cur));
    TRY(rule_duration(c, i, &cur));
    TRY(rule_quarter(c, i, &cur));
    TRY(rule_century(c, i, &cur));
  } else if (t->kind == DT_WORD) {
    if (t->cls & DC_MONTH) TRY(rule_month(c, i, &cur, false));
    if (t->cls & DC_HOLIDAY) TRY(rule_holiday(c, i, &cur, 0));
    if (t->cls & DC_WDAY) TRY(rule_weekday(c, i, &cur));
    if (t->cls & (DC_NUMW)) {
      TRY(rule_duration(c, i, &cur));
      TRY(rule_spoken_year(c, i, &cur));
    }
    if (t->cls & DC_ORD) {
      TRY(rule_quarter(c, i, &cur));
      TRY(rule_century(c, i, &cur));
    }
    if (t->cls & DC_REL) TRY(rule_relative(c, i, &cur));
    if (t->cls & DC_SEASON) TRY(rule_season(c, i, &cur, after_the));
    if (t->cls & DC_SETW) TRY(rule_set(c, i, &cur));
    if (t->cls & DC_UNIT) {
      TRY(rule_bare_units(c, i, &cur));
      TRY(rule_year_words(c, i, &cur));
    }
    TRY(rule_time(c, i, &cur));
    TRY(rule_quarter(c, i, &cur));
    TRY(rule_fiscal(c, i, &cur));
    TRY(rule_deictic(c, i, &cur));
    TRY(rule_set(c, i, &cur));
  }
#undef TRY
  if (bn) {
    *r = best;
    r->b = i, r->e = i + bn;
  }
  return bn;
}

/* Words kept inside the extent before an expression (TimeML): modifiers. */
static size_t prefix_len(const ctx *c, size_t i) {
  static const char *const two[][2] = {
      {"more", "than"}, {"less", "than"}, {"at", "least"}, {"up", "to"},
      {"no", "more"},   {"fewer", "than"}, {"as", "many"}, {"at", "most"}};
  static const char *const one[] = {"about", "nearly", "almost", "around",
                                    "roughly", "approximately",
                                    "barely", NULL};
  for (size_t k = 0; k < sizeof two / sizeof *two; k++)
    if (is_w(c, i, two[k][0]) && is_w(c, i + 1, two[k][1])) {
      if (is_w(c, i, "no") && is_w(c, i + 2, "than")) return 3;
      if (is_w(c, i, "no")) return 0;
      return 2;
    }
  for (int k = 0; one[k]; k++)
    if (is_w(c, i, one[k])) return 1;
  return 0;
}

static bool is_mod(const ctx *c, size_t i) {
  return is_w(c, i, "early") || is_w(c, i, "late") || is_w(c, i, "mid") ||
         is_w(c, i, "earlier") || is_w(c, i, "later");
}

/* A full expression at i: [approx] [the] [early|late|mid[-]] core, also
 * "the end of X", "the first nine months", "the past two years". */
static size_t rule_year(ctx *c, size_t i, tx *r);

static size_t parse_timex(ctx *c, size_t i, tx *r) {
  size_t k = i;
  /* "the year 2000", "the year two thousand" */
  if (is_w(c, k, "the") && is_w(c, k + 1, "year")) {
    tx y;
    memset(&y, 0, sizeof y);
    size_t n = year_tok(c, k + 2) ? rule_year(c, k + 2, &y) : rule_spoken_year(c, k + 2, &y);
    if (n) {
      *r = y;
      r->b = i, r->e = k + 2 + n;
      return r->e - i;
    }
  }
  if (is_w(c, k, "right") && is_w(c, k + 1, "now")) {
    r->type = CX_DATE;
    set_val(r, "PRESENT_REF");
    r->b = i, r->e = k + 2;
    return 2;
  }
  size_t pl = prefix_len(c, k);
  /* "over the weekend", "over the past year": "over" is a preposition */
  if (pl == 1 && is_w(c, k, "over") && is_w(c, k + 1, "the")) pl = 0;
  k += pl;
  bool the = false;
  size_t det = k; /* where a determiner would start the extent */
  if (is_w(c, k, "the") || is_w(c, k, "its") || is_w(c, k, "his") ||
      is_w(c, k, "her") || is_w(c, k, "their")) {
    size_t k2 = k + 1;
    /* "the end of 2024", "the middle of October" */
    if ((is_w(c, k2, "end") || is_w(c, k2, "beginning") || is_w(c, k2, "start") ||
         is_w(c, k2, "middle") || is_w(c, k2, "turn")) &&
        is_w(c, k2 + 1, "of") && is_w(c, k, "the")) {
      tx in;
      memset(&in, 0, sizeof in);
      size_t k3 = k2 + 2;
      bool the2 = is_w(c, k3, "the");
      if (the2) k3++;
      size_t n = parse_core(c, k3, &in, the2);
      if (n && in.type == CX_DATE) {
        *r = in;
        r->b = i, r->e = k3 + n;
        return r->e - i;
      }
      /* the end of the year/month */
      if (the2 && has(c, k3, DC_UNIT) && !c->t[k3].plural && c->has_ref) {
        char u = c->t[k3].unit;
        r->type = CX_DATE, r->dateish = true;
        if (u == 'Y') set_val(r, "%04d", c->ref.y);
        else if (u == 'M') set_val(r, "%04d-%02d", c->ref.y, c->ref.m);
        else if (u == 'W') val_week(r, c->ref);
        else if (u == 'Q') set_val(r, "%04d-Q%d", c->ref.y, cx_cal_quarter(c->ref.m));
        else return 0;
        r->b = i, r->e = k3 + 1;
        return r->e - i;
      }
      return 0;
    }
    the = is_w(c, k, "the");
    k++;
  }
  /* the first nine months, the past two years, the next few days */
  size_t dk = k;
  bool span_word = false;
  if (has(c, dk, DC_ORD) || is_w(c, dk, "past") || is_w(c, dk, "next") ||
      is_w(c, dk, "coming") || is_w(c, dk, "previous") || is_w(c, dk, "last") ||
      is_w(c, dk, "latest") || is_w(c, dk, "final") || is_w(c, dk, "recent") ||
      is_w(c, dk, "preceding") || is_w(c, dk, "following")) {
    span_word = true;
    dk++;
  }
  if (span_word) {
    int v;
    size_t n = parse_count(c, dk, &v);
    if (!n && (is_w(c, dk, "few") || is_w(c, dk, "several") || is_w(c, dk, "many")))
      n = 1, v = -1;
    else if (!n && is_w(c, dk, "couple") && is_w(c, dk + 1, "of"))
      n = 2, v = 2;
    if (n && !is_w(c, dk, "a") && !is_w(c, dk, "an") && has(c, dk + n, DC_UNIT) &&
        (c->t[dk + n].plural || v == 1) && c->t[dk + n].unit != 'K') {
      char buf[24];
      if (unit_value(c->t[dk + n].unit, v, buf, sizeof buf)) {
        r->type = CX_DURATION;
        set_val(r, "%s", buf);
        r->b = the ? det : k, r->e = dk + n + 1;
        if (pl) r->b = i;
        return r->e - i;
      }
    }
    /* recent years / the past few months: vague */
    if (has(c, dk, DC_UNIT) && c->t[dk].plural && c->t[dk].unit != 'S' &&
        !has(c, dk - 1, DC_ORD)) {
      bool fut = is_w(c, dk - 1, "next") || is_w(c, dk - 1, "coming") ||
                 is_w(c, dk - 1, "following");
      char buf[24];
      r->type = CX_DURATION;
      set_val(r, "%s", unit_value(c->t[dk].unit, -1, buf, sizeof buf) ? buf
                       : fut ? "FUTURE_REF" : "PAST_REF");
      r->b = the ? det : k, r->e = dk + 1;
      return r->e - i;
    }
  }
  /* early/late/mid, earlier/later this ... */
  size_t mk = k;
  bool mod = false;
  if (is_mod(c, mk)) {
    mk++;
    mod = true;
    if (is_p(c, mk, '-') && adj(c, mk)) mk++;
    if (is_w(c, mk, "in") && is_w(c, mk + 1, "the")) mk += 2;
  }
  tx core;
  memset(&core, 0, sizeof core);
  size_t n = parse_core(c, mk, &core, the);
  if (n && mod && (is_w(c, k, "earlier") || is_w(c, k, "later")) &&
      has(c, mk, DC_WDAY))
    mod = false, k = mk; /* "Earlier Friday": the weekday alone */
  if (!n && mk != k) {
    mk = k;
    mod = false;
    n = parse_core(c, mk, &core, the);
  }
  if (!n) {
    /* the past, the future, the near future */
    if (the) {
      size_t kk = k;
      if (is_w(c, kk, "near") || is_w(c, kk, "distant") || is_w(c, kk, "immediate") ||
          is_w(c, kk, "foreseeable"))
        kk++;
      if ((is_w(c, kk, "future") || (kk == k && is_w(c, kk, "past"))) &&
          !is_w(c, kk + 1, "of")) {
        r->type = CX_DATE;
        set_val(r, "%s", is_w(c, kk, "future") ? "FUTURE_REF" : "PAST_REF");
        r->b = det, r->e = kk + 1;
        return r->e - i;
      }
      /* the quarter, the latest period, the weekend */
      if ((is_w(c, kk, "quarter") || ((is_w(c, kk, "latest") || is_w(c, kk, "current")) &&
                                      is_w(c, kk + 1, "period"))) &&
          !is_w(c, kk + 1, "of") && !is_p(c, kk + 1, '-') && c->has_ref) {
        int qy, q = quarter_anchor(c, &qy);
        if (q) {
          r->type = CX_DATE;
          set_val(r, "%04d-Q%d", qy, q);
          r->b = det, r->e = is_w(c, kk, "quarter") ? kk + 1 : kk + 2;
          return r->e - i;
        }
      }
      /* the year ended June 30 (a fiscal year), for the (full) year */
      size_t yk = kk;
      if (is_w(c, yk, "full") || is_w(c, yk, "fiscal")) yk++;
      if (is_w(c, yk, "year") && c->has_ref && !is_p(c, yk + 1, '-')) {
        if (is_w(c, yk + 1, "ended") || is_w(c, yk + 1, "ending") ||
            is_w(c, yk + 1, "ends")) {
          r->type = CX_DURATION;
          set_val(r, "P1Y");
          r->b = det, r->e = yk + 1;
          return r->e - i;
        }
        if (yk > kk || (det > 0 && is_w(c, det - 1, "for"))) {
          r->type = CX_DATE;
          set_val(r, "%04d", c->ref.y);
          r->b = det, r->e = yk + 1;
          return r->e - i;
        }
      }
      if (is_w(c, kk, "weekend") && c->has_ref) {
        cx_ymd t = c->ref;
        if (cx_cal_weekday(t) <= 5) t = cx_cal_add_days(t, -7);
        int wy, wn;
        cx_cal_iso_week(t, &wy, &wn);
        r->type = CX_DATE;
        set_val(r, "%04d-W%02d-WE", wy, wn);
        r->b = det, r->e = kk + 1;
        return r->e - i;
      }
    }
    return 0;
  }
  if (core.type == CX_SET && (the || pl)) return 0;
  /* "the next two years or so" */
  if (is_w(c, core.e, "or") && is_w(c, core.e + 1, "so") && core.type != CX_SET)
    core.e += 2;
  *r = core;
  /* where the extent starts: modifiers and "the" only where TimeML puts them */
  size_t b = mod ? k : core.b;
  if (the && (core.the_ok || mod)) b = det;
  if (pl && (core.type == CX_DURATION || core.type == CX_TIME || core.ago)) b = i;
  r->b = b;
  return r->e - i;
}

/* ---------------------------------------------------------------- output */

static uint32_t end_byte(const ctx *c, size_t e) { return c->t[e - 1].e; }

static size_t emit(ctx *c, const tx *r, uint32_t flags) {
  cx_doc *d = c->doc;
  uint32_t s = c->t[r->b].s, e = end_byte(c, r->e);
  size_t idx = d->n_mentions;
  cx_mention *m = cx_doc_add_mention(d, r->type, s, e);
  m->str = cx_arena_strdup(d->arena, r->val);
  m->flags |= flags;
  m->rule = "date";
  return idx;
}

/* Range endpoint without a year takes the other's ("from March to May 2023"). */
static void inherit_year(tx *a, const tx *b) {
  /* "between January and March": the end's resolved year anchors both */
  if (a->year_explicit || !a->month || !(b->year_explicit || b->month)) return;
  if (b->val[0] < '0' || b->val[0] > '9') return;
  int y = atoi(b->val);
  int bm = atoi(b->val + 5);
  if (bm && a->month > bm) y--;
  if (a->day) snprintf(a->val, sizeof a->val, "%04d-%02d-%02d", y, a->month, a->day);
  else snprintf(a->val, sizeof a->val, "%04d-%02d", y, a->month);
  a->year_explicit = true;
}

/* "from Monday through Friday": weekdays resolved apart may cross; the
 * start moves back a week so that it comes first. */
static void order_days(tx *x, const tx *y) {
  cx_ymd a, b;
  if (x->year_explicit || strlen(x->val) != 10 || strlen(y->val) != 10) return;
  if (sscanf(x->val, "%d-%d-%d", &a.y, &a.m, &a.d) != 3 ||
      sscanf(y->val, "%d-%d-%d", &b.y, &b.m, &b.d) != 3)
    return;
  if (cx_cal_to_days(a) > cx_cal_to_days(b) &&
      cx_cal_to_days(a) - cx_cal_to_days(b) < 7)
    snprintf(x->val, sizeof x->val, "%04d-%02d-%02d", cx_cal_add_days(a, -7).y,
             cx_cal_add_days(a, -7).m, cx_cal_add_days(a, -7).d);
}

static void emit_range(ctx *c, size_t b, size_t e, const tx *x, const tx *y) {
  if (x) emit(c, x, CX_MF_ENDPOINT);
  if (y) emit(c, y, CX_MF_ENDPOINT);
  cx_doc *d = c->doc;
  cx_mention *m = cx_doc_add_mention(d, CX_DATERANGE, c->t[b].s, end_byte(c, e));
  m->str = x ? cx_arena_strdup(d->arena, x->val) : NULL;
  m->str2 = y ? cx_arena_strdup(d->arena, y->val) : NULL;
  m->rule = "daterange";
}

static bool range_ok(const tx *x) {
  return x->type == CX_DATE && x->dateish && x->val[0] != 'P' && x->val[0] != 'F';
}

static bool num_only_year(const ctx *c, const tx *x) {
  return x->e == x->b + 1 && is_num(c, x->b);
}

/* Tries a range starting at token i; returns tokens consumed. */
static size_t try_range(ctx *c, size_t i) {
  bool between = is_w(c, i, "between"), from = is_w(c, i, "from");
  tx x, y;
  memset(&x, 0, sizeof x);
  memset(&y, 0, sizeof y);
  if (between || from) {
    size_t n = parse_timex(c, i + 1, &x);
    if (!n || !range_ok(&x)) return 0;
    size_t k = x.e;
    bool sep = false;
    if (between && is_w(c, k, "and")) sep = true;
    if (from && (is_w(c, k, "to") || is_w(c, k, "until") || is_w(c, k, "till") ||
                 is_w(c, k, "through") || is_w(c, k, "into") || is_p(c, k, '-')))
      sep = true;
    if (!sep) return 0;
    /* "from March 5 to 9" */
    size_t m = parse_timex(c, k + 1, &y);
    if (!m || !range_ok(&y)) return 0;
    inherit_year(&x, &y);
    order_days(&x, &y);
    emit_range(c, i, y.e, &x, &y);
    return y.e - i;
  }
  bool since = is_w(c, i, "since"), until = is_w(c, i, "until") || is_w(c, i, "till") ||
                                             is_w(c, i, "through");
  bool by = is_w(c, i, "by");
  if (since || until || by) {
    size_t n = parse_timex(c, i + 1, &x);
    if (!n || !range_ok(&x)) return 0;
    if (x.val[0] == 'P' || strcmp(x.val, "PRESENT_REF") == 0) return 0;
    /* "since 2019-20", "until 2022-23" fall through to X-Y handling */
    if (since) emit_range(c, i, x.e, &x, NULL);
    else emit_range(c, i, x.e, NULL, &x);
    return x.e - i;
  }
  /* 3-5 March 2023 */
  if (is_plain_num(c, i) && c->t[i].ndig <= 2 && c->t[i].num >= 1 && c->t[i].num <= 31 &&
      (is_p(c, i + 1, '-') || is_w(c, i + 1, "to")) && is_num(c, i + 2) &&
      rule_day_month(c, i + 2, &y)) {
    y.b = i + 2, y.e = i + 2 + rule_day_month(c, i + 2, &y);
    int yy = 0, mm = 0, dd = 0;
    if (sscanf(y.val, "%d-%d-%d", &yy, &mm, &dd) == 3 || y.val[0] == 'X') {
      x = y;
      x.b = i, x.e = i + 1;
      if (y.val[0] == 'X') snprintf(x.val, sizeof x.val, "%.8s%02d", y.val, c->t[i].num);
      else snprintf(x.val, sizeof x.val, "%04d-%02d-%02d", yy, mm, c->t[i].num);
      emit_range(c, i, y.e, &x, &y);
      return y.e - i;
    }
  }
  /* X-Y and X to Y with two dates */
  size_t n = parse_timex(c, i, &x);
  if (!n || !range_ok(&x)) return 0;
  size_t k = x.e;
  bool dash = is_p(c, k, '-');
  /* 2022-23: a two-digit year after a four-digit one */
  if (dash && adj(c, k) && adj(c, k + 1) && year_tok(c, x.e - 1) && strlen(x.val) == 4 &&
      is_plain_num(c, k + 1) && c->t[k + 1].ndig == 2) {
    int y1 = c->t[x.e - 1].num, y2 = (y1 / 100) * 100 + c->t[k + 1].num;
    if (y2 != y1 + 1) return 0;
    /* 1957-58: two years, each its own date */
    memset(&y, 0, sizeof y);
    y.type = CX_DATE, y.dateish = true, y.year_explicit = true;
    y.b = k + 1, y.e = k + 2;
    snprintf(y.val, sizeof y.val, "%04d", y2);
    emit_range(c, x.b, y.e, &x, &y);
    return y.e - i;
  }
  /* March 3-5, 2023 */
  if (x.month && x.day && !x.year_explicit && (dash || is_w(c, k, "to")) &&
      is_plain_num(c, k + 1) && c->t[k + 1].ndig <= 2 && c->t[k + 1].num > x.day &&
      c->t[k + 1].num <= 31) {
    y = x;
    y.b = k + 1, y.e = k + 2;
    y.day = c->t[k + 1].num;
    size_t kk = k + 2;
    if (is_p(c, kk, ',')) kk++;
    int yr = 0;
    if (year_tok(c, kk)) yr = c->t[kk].num, y.e = kk + 1;
    else yr = atoi(x.val);
    if (x.val[0] == 'X') {
      snprintf(y.val, sizeof y.val, "XXXX-%02d-%02d", y.month, y.day);
    } else {
      snprintf(x.val, sizeof x.val, "%04d-%02d-%02d", yr, x.month, x.day);
      snprintf(y.val, sizeof y.val, "%04d-%02d-%02d", yr, y.month, y.day);
    }
    emit_range(c, x.b, y.e, &x, &y);
    return y.e - i;
  }
  if (!(dash || is_w(c, k, "to") || is_w(c, k, "through"))) return 0;
  if (is_w(c, k, "to") && num_only_year(c, &x) && !year_context(c, i))
    return 0;
  n = parse_timex(c, k + 1, &y);
  if (!n || !range_ok(&y)) return 0;
  /* both sides of the same kind: years with years, months with months */
  if (num_only_year(c, &x) != num_only_year(c, &y)) return 0;
  inherit_year(&x, &y);
  order_days(&x, &y);
  emit_range(c, x.b, y.e, &x, &y);
  return y.e - i;
}

/* ---------------------------------------------------------------- stage */

static cx_status init(void **state, cx_diag *diag) {
  date_state *st = cx_xcalloc(1, sizeof *st);
  cx_status s = cx_date_lex_load(&st->lx, diag);
  if (s != CX_OK) {
    cx_date_lex_free(&st->lx);
    free(st);
    return s;
  }
  *state = st;
  return CX_OK;
}

static void fini(void *state) {
  date_state *st = state;
  if (!st) return;
  cx_date_lex_free(&st->lx);
  free(st);
}

/* Cheap test: can token i start an expression at all? */
static bool may_start(const dtok *t) {
  if (t->kind == DT_NUM) return true;
  return t->kind == DT_WORD && t->cls != 0;
}

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  const date_state *st = state;
  ctx c;
  memset(&c, 0, sizeof c);
  c.doc = doc;
  c.lx = &st->lx;
  c.t = cx_date_tokenize(&st->lx, doc, &c.n);
  if (doc->ref_year > 0) {
    c.ref = (cx_ymd){doc->ref_year, doc->ref_month ? doc->ref_month : 1,
                     doc->ref_day ? doc->ref_day : 1};
    c.has_ref = true;
  }
  for (size_t i = 0; i < c.n;) {
    if (!may_start(&c.t[i])) {
      i++;
      continue;
    }
    size_t n = try_range(&c, i);
    if (n) {
      i += n;
      continue;
    }
    tx r;
    memset(&r, 0, sizeof r);
    n = parse_timex(&c, i, &r);
    if (n) {
      emit(&c, &r, 0);
      i = r.e;
      continue;
    }
    i++;
  }
}

const cx_extractor cx_extractor_date = {"date", init, fini, run};
