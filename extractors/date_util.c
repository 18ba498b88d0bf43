/* Shared pieces of the date grammar: value rendering, counts ("twenty
 * four", "a couple of"), the year test and the future cue. */
#include <stdarg.h>

#include "date_int.h"

/* a four-digit number that can be a year (lexically) */
bool date_year_tok(const ctx *c, size_t i) {
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

int date_strip_abbrev_dot(const ctx *c, size_t i) {
  /* "Sept." / "Aug.": the dot belongs to the abbreviation */
  size_t n = c->t[i].e - c->t[i].s;
  if (n <= 5 && adj(c, i + 1) && is_p(c, i + 1, '.')) return 1;
  return 0;
}

/* Future cue (will, next, scheduled ...) before the expression in its
 * sentence, or right after it ("Tuesday will be ..."). */
bool date_sentence_future(ctx *c, size_t ti) {
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

/* Does fmt use only what set_val_fast handles: text, %d with an optional
 * 0 flag and width, %s, %c and %%? */
static bool fast_format_ok(const char *fmt) {
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') continue;
    f++;
    if (*f == '%') continue;
    if (*f == '0') f++;
    while (*f >= '0' && *f <= '9') f++;
    if (*f != 'd' && *f != 's' && *f != 'c') return false;
  }
  return true;
}

/* vsnprintf(r->val, sizeof r->val, fmt, ap) for the formats fast_format_ok
 * accepts, without the stdio machinery: most expressions set a value. */
static void set_val_fast(tx *r, const char *fmt, va_list ap) {
  char *o = r->val;
  size_t k = 0, cap = sizeof r->val - 1;
#define PUT(ch)                 \
  do {                          \
    char ch_ = (ch);            \
    if (k < cap) o[k] = ch_;    \
    k++;                        \
  } while (0)
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      PUT(*f);
      continue;
    }
    f++;
    if (*f == '%') {
      PUT('%');
      continue;
    }
    bool zero = false;
    int width = 0;
    if (*f == '0') zero = true, f++;
    while (*f >= '0' && *f <= '9') width = width * 10 + (*f++ - '0');
    if (*f == 's') {
      const char *a = va_arg(ap, const char *);
      int n = (int)strlen(a);
      for (int i = n; i < width; i++) PUT(' ');
      for (int i = 0; i < n; i++) PUT(a[i]);
    } else if (*f == 'c') {
      int ch = va_arg(ap, int);
      for (int i = 1; i < width; i++) PUT(' ');
      PUT((char)ch);
    } else { /* d */
      int v = va_arg(ap, int);
      unsigned long long m = v < 0 ? 0ull - (unsigned long long)(long long)v : (unsigned long long)v;
      char dig[24];
      int nd = 0;
      do dig[nd++] = (char)('0' + m % 10), m /= 10; while (m);
      int len = nd + (v < 0);
      if (!zero)
        for (int i = len; i < width; i++) PUT(' ');
      if (v < 0) PUT('-');
      if (zero)
        for (int i = len; i < width; i++) PUT('0');
      while (nd) PUT(dig[--nd]);
    }
  }
#undef PUT
  o[k < cap ? k : cap] = '\0';
}

void date_set_val(tx *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (fast_format_ok(fmt)) set_val_fast(r, fmt, ap);
  else vsnprintf(r->val, sizeof r->val, fmt, ap);
  va_end(ap);
}

void date_val_day(tx *r, cx_ymd t) { date_set_val(r, "%04d-%02d-%02d", t.y, t.m, t.d); }

void date_val_week(tx *r, cx_ymd t) {
  int wy, wn;
  cx_cal_iso_week(t, &wy, &wn);
  date_set_val(r, "%04d-W%02d", wy, wn);
}

/* Number for a duration: digits, number words ("twenty four", "a couple
 * of"). Returns tokens consumed (0 when none); *v = -1 for "several". */
size_t date_parse_count(const ctx *c, size_t i, int *v) {
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

const char *date_unit_value(char u, int n, char *buf, size_t cap) {
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
void date_shifted_value(ctx *c, tx *r, char u, int n) {
  if (!c->has_ref) {
    date_set_val(r, n < 0 ? "PAST_REF" : "FUTURE_REF");
    return;
  }
  cx_ymd t = c->ref;
  if (n == -99999 || n == 99999) { /* unknown count: "years ago" */
    date_set_val(r, n < 0 ? "PAST_REF" : "FUTURE_REF");
    return;
  }
  switch (u) {
    case 'Y': date_set_val(r, "%04d", t.y + n); break;
    case 'E': date_set_val(r, "%04d", t.y + 10 * n); break;
    case 'C': date_set_val(r, "%02d", (t.y + 100 * n) / 100); break;
    case 'Q': {
      cx_ymd s = cx_cal_add_months(t, 3 * n);
      date_set_val(r, "%04d-Q%d", s.y, cx_cal_quarter(s.m));
      break;
    }
    case 'M': {
      cx_ymd s = cx_cal_add_months(t, n);
      date_set_val(r, "%04d-%02d", s.y, s.m);
      break;
    }
    case 'W': date_val_day(r, cx_cal_add_days(t, 7L * n)); break;
    case 'D': date_val_day(r, cx_cal_add_days(t, n)); break;
    case 'H': case 'N': case 'S': date_val_day(r, t); break;
    default: date_set_val(r, "%s", n < 0 ? "PAST_REF" : "FUTURE_REF");
  }
}

/* Is token k a word of date_context.tsv with flag f ('m' month, 'y' year)? */
bool date_context_word(const ctx *c, size_t k, char f) {
  if (k >= c->n || c->t[k].kind != DT_WORD) return false;
  const char *v = cx_lexicon_get(c->lx->context, c->doc->norm + c->t[k].s,
                                 c->t[k].e - c->t[k].s);
  return v && strchr(v, f);
}

/* 1990, 1990s, '90s, the 1988 second quarter */
bool date_year_context(const ctx *c, size_t i) {
  if (i == 0) return false;
  if (date_context_word(c, i - 1, 'y')) return true;
  return is_p(c, i - 1, '-') || is_p(c, i - 1, ',');
}

int date_quarter_anchor(ctx *c, int *qy) {
  if (c->last_q) {
    *qy = c->last_qy;
    return c->last_q;
  }
  if (!c->has_ref) return 0;
  cx_ymd s = cx_cal_add_months(c->ref, -3);
  *qy = s.y;
  return cx_cal_quarter(s.m);
}
