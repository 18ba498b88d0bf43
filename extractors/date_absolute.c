/* Written dates: month/day/year in every order, numeric dates, years and
 * decades, quarters and halves, fiscal years, holidays, spoken years, times
 * of day. */
#include "date_int.h"

static size_t parse_ampm(const ctx *c, size_t k, int *pm);
static bool month_context_ok(const ctx *c, size_t i);
static size_t day_after(ctx *c, size_t k, cx_ymd *day, bool *have);
static size_t rule_quarter_after_year(ctx *c, size_t k, int y, tx *r);
static bool holiday_date(const char *rule, int y, cx_ymd *out);

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

size_t date_rule_time(ctx *c, size_t i, tx *r) {
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
    int pm2;
    if (adj(c, k) && is_p(c, k, ':') && adj(c, k + 1) && is_num(c, k + 1) &&
        c->t[k + 1].ndig == 2 && c->t[k + 1].num < 60) {
      mi = c->t[k + 1].num;
      k += 2, colon = true;
    } else if (adj(c, k) && is_p(c, k, '.') && adj(c, k + 1) && is_plain_num(c, k + 1) &&
               c->t[k + 1].ndig == 2 && c->t[k + 1].num < 60 &&
               parse_ampm(c, k + 2, &pm2)) {
      mi = c->t[k + 1].num; /* British 10.30am */
      k += 2;
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
  if ((is_w(c, k, "EST") || is_w(c, k, "EDT") || is_w(c, k, "CST") || is_w(c, k, "CDT") ||
       is_w(c, k, "MST") || is_w(c, k, "MDT") || is_w(c, k, "PST") || is_w(c, k, "PDT") ||
       is_w(c, k, "GMT") || is_w(c, k, "UTC") || is_w(c, k, "BST") || is_w(c, k, "CET") ||
       is_w(c, k, "ET")) &&
      c->t[k].cap)
    k++;
  cx_ymd day = c->ref;
  bool have = c->has_ref;
  size_t k2 = k;
  if (is_p(c, k2, ',')) k2++;
  size_t d = day_after(c, k2, &day, &have);
  if (d) k = k2 + d;
  r->type = CX_TIME;
  if (have) date_set_val(r, "%04d-%02d-%02dT%02d:%02d", day.y, day.m, day.d, h, mi);
  else date_set_val(r, "XXXX-XX-XXT%02d:%02d", h, mi);
  return k - i;
}

/* Month [day][, year] | month [of] year | month alone. */
static bool month_context_ok(const ctx *c, size_t i) {
  /* "May", "March" also are words: alone they need a temporal context */
  if (i == 0) return false;
  if (date_context_word(c, i - 1, 'm')) return true;
  if (is_p(c, i - 1, '-')) return true;
  return false;
}

size_t date_rule_month(ctx *c, size_t i, tx *r, bool with_ctx) {
  if (!has(c, i, DC_MONTH) || !c->t[i].cap) return 0;
  int m = c->t[i].num;
  size_t wl = c->t[i].e - c->t[i].s;
  size_t k = i + 1;
  if (wl <= 4 && !(is_w(c, i, "may") || is_w(c, i, "june") || is_w(c, i, "july"))) {
    /* abbreviations need their dot */
    if (date_strip_abbrev_dot(c, i)) k++;
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
    if (date_year_tok(c, kk)) {
      date_set_val(r, "%04d-%02d-%02d", c->t[kk].num, m, d);
      r->year_explicit = true;
      return kk + 1 - i;
    }
    if (!c->has_ref) date_set_val(r, "XXXX-%02d-%02d", m, d);
    else {
      /* "the year ended March 31": a closed period */
      int y = i > 0 && is_w(c, i - 1, "ended")
                  ? cx_cal_resolve_month_day(c->ref, m, d, true)
                  : cx_cal_nearest_month_day(c->ref, m, d);
      date_set_val(r, "%04d-%02d-%02d", y, m, d);
    }
    r->month = m, r->day = d;
    return k2 - i;
  }
  /* year */
  size_t kk = k;
  if (is_w(c, kk, "of") || is_p(c, kk, ',')) kk++;
  if (date_year_tok(c, kk)) {
    date_set_val(r, "%04d-%02d", c->t[kk].num, m);
    r->year_explicit = true;
    return kk + 1 - i;
  }
  {
    tx sy;
    memset(&sy, 0, sizeof sy);
    size_t sn = date_rule_spoken_year(c, kk, &sy);
    if (sn) {
      date_set_val(r, "%.4s-%02d", sy.val, m);
      r->year_explicit = true;
      return kk + sn - i;
    }
  }
  if (is_p(c, k, '\'') && is_num(c, k + 1) && c->t[k + 1].ndig == 2) {
    int y = c->t[k + 1].num;
    date_set_val(r, "%04d-%02d", y < 40 ? 2000 + y : 1900 + y, m);
    r->year_explicit = true;
    return k + 2 - i;
  }
  /* January this year / June last year */
  if ((is_w(c, k, "this") || is_w(c, k, "last") || is_w(c, k, "next")) &&
      is_w(c, k + 1, "year") && c->has_ref) {
    int y = c->ref.y + (is_w(c, k, "last") ? -1 : is_w(c, k, "next") ? 1 : 0);
    date_set_val(r, "%04d-%02d", y, m);
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
  if (!c->has_ref) date_set_val(r, "XXXX-%02d", m);
  else
    date_set_val(r, "%04d-%02d", cx_cal_resolve_month(c->ref, m, !date_sentence_future(c, i)), m);
  return k - i;
}

/* 3 March [2023] | the 3rd of March */
size_t date_rule_day_month(ctx *c, size_t i, tx *r) {
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
      !is_w(c, k - 1, "july") && date_strip_abbrev_dot(c, k - 1))
    k++;
  r->type = CX_DATE;
  r->dateish = true;
  size_t kk = k;
  if (is_p(c, kk, ',')) kk++;
  if (date_year_tok(c, kk)) {
    date_set_val(r, "%04d-%02d-%02d", c->t[kk].num, m, d);
    r->year_explicit = true;
    return kk + 1 - i;
  }
  r->month = m, r->day = d;
  if (!c->has_ref) date_set_val(r, "XXXX-%02d-%02d", m, d);
  else
    date_set_val(r, "%04d-%02d-%02d",
            cx_cal_nearest_month_day(c->ref, m, d), m, d);
  return k - i;
}

/* 2023-03-03, 3/3/2023 */
size_t date_rule_numeric(ctx *c, size_t i, tx *r) {
  if (!is_plain_num(c, i)) return 0;
  if (c->t[i].ndig == 4 && adj(c, i + 1) && is_p(c, i + 1, '-') && adj(c, i + 2) &&
      is_num(c, i + 2) && c->t[i + 2].ndig == 2 && adj(c, i + 3) &&
      is_p(c, i + 3, '-') && adj(c, i + 4) && is_num(c, i + 4) &&
      c->t[i + 4].ndig == 2 && !(adj(c, i + 5) && is_p(c, i + 5, '-'))) {
    cx_ymd t = {c->t[i].num, c->t[i + 2].num, c->t[i + 4].num};
    if (!cx_cal_valid(t)) return 0;
    r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
    date_val_day(r, t);
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
    date_val_day(r, t);
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
    if (date_strip_abbrev_dot(c, k)) k2++;
    if (c->has_ref) {
      *day = cx_cal_resolve_weekday(c->ref, c->t[k].num, !date_sentence_future(c, k));
      *have = true;
    }
    return k2 - k;
  }
  if ((n = date_rule_month(c, k, &r2, true)) && r2.val[4] == '-' && strlen(r2.val) == 10 &&
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
size_t date_rule_weekday(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_WDAY) || !c->t[i].cap) return 0;
  size_t wl = c->t[i].e - c->t[i].s;
  size_t k = i + 1;
  if (wl <= 5 && !(is_w(c, i, "monday") || is_w(c, i, "friday") || is_w(c, i, "sunday"))) {
    if (date_strip_abbrev_dot(c, i)) k++;
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
  size_t n = date_rule_month(c, k2, &r2, true);
  if (n && strlen(r2.val) == 10) {
    memcpy(r->val, r2.val, sizeof r->val);
    r->year_explicit = r2.year_explicit;
    return k2 + n - i;
  }
  n = date_rule_day_month(c, k2, &r2);
  if (n) {
    memcpy(r->val, r2.val, sizeof r->val);
    r->year_explicit = r2.year_explicit;
    return k2 + n - i;
  }
  cx_ymd t = {0, 0, 0};
  if (c->has_ref) t = cx_cal_resolve_weekday(c->ref, c->t[i].num, !date_sentence_future(c, i));
  if (has(c, k, DC_DAYPART)) {
    r->type = CX_TIME;
    if (c->has_ref) date_set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, c->t[k].code);
    else date_set_val(r, "XXXX-WXX-%dT%s", c->t[i].num, c->t[k].code);
    return k + 1 - i;
  }
  if (c->has_ref) date_val_day(r, t);
  else date_set_val(r, "XXXX-WXX-%d", c->t[i].num);
  return k - i;
}

size_t date_rule_year(ctx *c, size_t i, tx *r) {
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
    date_set_val(r, "%03d", y / 10);
    return 1;
  }
  if (!date_year_tok(c, i)) return 0;
  int y = c->t[i].num;
  bool ctx_ok = date_year_context(c, i);
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
  date_set_val(r, "%04d", y);
  size_t q = rule_quarter_after_year(c, i + 1, y, r);
  if (q) r->the_ok = true;
  if (!q && is_w(c, i + 1, "quarter") && c->last_q) {
    date_set_val(r, "%04d-Q%d", y, c->last_q);
    r->the_ok = true;
    q = 1;
  } else if (!q && is_w(c, i + 1, "period") && i > 0 && is_w(c, i - 1, "the")) {
    r->the_ok = true;
    q = 1;
  }
  return 1 + q;
}

/* quarters and halves: the third quarter [of 2023], Q3 2023, H1, third-quarter */
size_t date_parse_qh(ctx *c, size_t i, char *kind, int *num) {
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
  size_t n = date_parse_qh(c, k, &kind, &q);
  /* 2023 Q3, 2023 H1 */
  if (!n && (is_w(c, k, "q") || is_w(c, k, "h")) && c->t[k].cap && adj(c, k + 1) &&
      is_plain_num(c, k + 1) && c->t[k + 1].ndig == 1) {
    kind = is_w(c, k, "q") ? 'Q' : 'H';
    q = c->t[k + 1].num;
    if (q < 1 || q > (kind == 'Q' ? 4 : 2)) return 0;
    n = 2;
  }
  if (!n) return 0;
  date_set_val(r, "%04d-%c%d", y, kind, q);
  if (kind == 'Q') c->last_qy = y, c->last_q = q;
  return n;
}

size_t date_rule_quarter(ctx *c, size_t i, tx *r) {
  char kind = 'Q';
  int q = 0;
  size_t n = 0;
  /* fiscal Q1 2024 */
  size_t qi = is_w(c, i, "fiscal") && (is_w(c, i + 1, "q") || is_w(c, i + 1, "h")) ? i + 1 : i;
  if (c->t[qi].kind == DT_WORD && (is_w(c, qi, "q") || is_w(c, qi, "h")) &&
      c->t[qi].cap && adj(c, qi + 1) && is_plain_num(c, qi + 1) &&
      c->t[qi + 1].ndig == 1) {
    kind = is_w(c, qi, "q") ? 'Q' : 'H';
    q = c->t[qi + 1].num;
    if (q < 1 || q > (kind == 'Q' ? 4 : 2)) return 0;
    n = qi + 2 - i;
  } else
    n = date_parse_qh(c, i, &kind, &q);
  if (!n) return 0;
  size_t k = i + n;
  r->type = CX_DATE, r->dateish = true;
  r->the_ok = !(is_p(c, i + 1, '-') || is_p(c, i + 2, '-'));
  size_t kk = k;
  if (is_w(c, kk, "of") || is_p(c, kk, ',')) kk++;
  bool fiscal = false;
  for (size_t f = i; f < k; f++) fiscal = fiscal || is_w(c, f, "fiscal");
  if (is_w(c, kk, "fiscal")) kk++, fiscal = true;
  else if (is_w(c, kk, "fy") && c->t[kk].cap && adj(c, kk + 1)) kk++, fiscal = true;
  if (date_year_tok(c, kk) || (fiscal && is_w(c, kk - 1, "fy") && is_plain_num(c, kk) &&
                               c->t[kk].ndig == 2)) {
    int y = c->t[kk].num;
    if (c->t[kk].ndig == 2) y += y < 40 ? 2000 : 1900;
    date_set_val(r, "%04d-%c%d", y, kind, q);
    r->year_explicit = true;
    if (kind == 'Q') c->last_qy = y, c->last_q = q;
    if (fiscal) r->fy = y, r->fkind = kind, r->fnum = q;
    return kk + 1 - i;
  }
  /* "the first quarter of next year" */
  if (is_w(c, k, "of") && (is_w(c, k + 1, "this") || is_w(c, k + 1, "last") ||
                            is_w(c, k + 1, "next")) && is_w(c, k + 2, "year") && c->has_ref) {
    int y = c->ref.y + (is_w(c, k + 1, "last") ? -1 : is_w(c, k + 1, "next") ? 1 : 0);
    date_set_val(r, "%04d-%c%d", y, kind, q);
    return k + 3 - i;
  }
  if (!c->has_ref) {
    date_set_val(r, "XXXX-%c%d", kind, q);
    return n;
  }
  int y;
  /* quarters in news are reported ones: the last that has begun */
  bool past = true;
  if (kind == 'Q') y = cx_cal_resolve_quarter(c->ref, q, past);
  else y = past ? (q <= cx_cal_half(c->ref.m) ? c->ref.y : c->ref.y - 1)
                : (q >= cx_cal_half(c->ref.m) ? c->ref.y : c->ref.y + 1);
  date_set_val(r, "%04d-%c%d", y, kind, q);
  if (kind == 'Q') c->last_qy = y, c->last_q = q;
  return n;
}

/* fiscal 1989, fiscal year 1989, FY2024, FY 2024 */
size_t date_rule_fiscal(ctx *c, size_t i, tx *r) {
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
    date_set_val(r, "%04d", y);
    size_t q = rule_quarter_after_year(c, k + 1, y, r);
    r->fy = y;
    if (q) r->fkind = r->val[5], r->fnum = r->val[6] - '0';
    return k + 1 + q - i;
  }
  return 0;
}

/* nineteen ninety-six, two thousand (and) one */
size_t date_rule_spoken_year(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_NUMW)) return 0;
  int hi = c->t[i].num, lo = 0;
  size_t k = i + 1;
  if (hi >= 10 && hi <= 20 && has(c, k, DC_NUMW) && c->t[k].num >= 10 &&
      c->t[k].num <= 90 && !is_w(c, k, "a") && !is_w(c, k, "an")) {
    size_t n = date_parse_count(c, k, &lo);
    if (!n || lo < 10 || lo > 99) return 0;
    k += n;
  } else if (hi == 2 && is_w(c, k, "thousand")) {
    hi = 20;
    k++;
    if (is_w(c, k, "and")) k++;
    if (has(c, k, DC_NUMW) && c->t[k].num > 0 && c->t[k].num < 100 && !is_w(c, k, "a")) {
      size_t n = date_parse_count(c, k, &lo);
      k += n;
    }
  } else
    return 0;
  if (has(c, k, DC_UNIT)) return 0; /* "two thousand years" */
  r->type = CX_DATE, r->dateish = true, r->year_explicit = true;
  date_set_val(r, "%04d", hi * 100 + lo);
  return k - i;
}

/* the 20th century */
size_t date_rule_century(ctx *c, size_t i, tx *r) {
  int n;
  if (has(c, i, DC_ORD) && c->t[i].ordv > 0) n = c->t[i].ordv;
  else if (is_num(c, i) && c->t[i].ordinal) n = c->t[i].num;
  else return 0;
  size_t k = i + 1;
  if (is_p(c, k, '-') && adj(c, k)) k++;
  if (!is_w(c, k, "century") || n < 1 || n > 21) return 0;
  r->type = CX_DATE, r->dateish = true, r->the_ok = true;
  date_set_val(r, "%02d", n - 1);
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
size_t date_rule_holiday(ctx *c, size_t i, tx *r, int dir) {
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
  if (date_year_tok(c, k) && holiday_date(rule, c->t[k].num, &t)) {
    date_val_day(r, t);
    r->year_explicit = true;
    return k + 1 - i;
  }
  if (!c->has_ref) {
    if (rule[2] == '-') date_set_val(r, "XXXX-%.5s", rule);
    else date_set_val(r, "XXXX-XX-XX");
    return best - i;
  }
  /* the nearest one not after the reference date, or not before it;
   * "last"/"next" (dir) exclude the reference day itself */
  bool past = dir ? dir < 0 : !date_sentence_future(c, i);
  int y = c->ref.y;
  if (!holiday_date(rule, y, &t)) return 0;
  long rd = cx_cal_to_days(c->ref), td = cx_cal_to_days(t);
  if (past && (td > rd || (dir && td == rd))) holiday_date(rule, y - 1, &t);
  if (!past && (td < rd || (dir && td == rd))) holiday_date(rule, y + 1, &t);
  date_val_day(r, t);
  return best - i;
}
