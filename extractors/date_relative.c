/* Dates relative to the reference date (yesterday, last week, two years
 * ago), durations (three years, the past two months), seasons and sets
 * (every month, annually). */
#include "date_int.h"

static void season_year(ctx *c, const char *code, int delta, tx *r);

/* Relative words: today, yesterday, now, recently ... */
size_t date_rule_relative(ctx *c, size_t i, tx *r) {
  if (!has(c, i, DC_REL)) return 0;
  const char *code = c->t[i].code;
  r->type = CX_DATE;
  if (code[0] == 'D' && (code[1] == '0' || code[1] == '-' || (code[1] >= '1' && code[1] <= '9'))) {
    int n = atoi(code + 1);
    r->dateish = true;
    if (c->has_ref) date_val_day(r, cx_cal_add_days(c->ref, n));
    else date_set_val(r, "%s", n < 0 ? "PAST_REF" : n > 0 ? "FUTURE_REF" : "PRESENT_REF");
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
      date_set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, part);
    } else
      date_set_val(r, "PRESENT_REF");
    return 1;
  }
  /* "as soon as", "soon after": a conjunction, not a date */
  if (is_w(c, i, "soon") && ((i > 0 && is_w(c, i - 1, "as")) || is_w(c, i + 1, "after") ||
                             is_w(c, i + 1, "afterward") || is_w(c, i + 1, "thereafter")))
    return 0;
  /* "now" is a word of many uses; it is a date in most of them */
  date_set_val(r, "%s", code);
  return 1;
}

static void season_year(ctx *c, const char *code, int delta, tx *r) {
  if (!c->has_ref) {
    date_set_val(r, "XXXX-%s", code);
    return;
  }
  /* season start months: SP 3, SU 6, FA 9, WI 12 */
  int start = code[0] == 'S' ? (code[1] == 'P' ? 3 : 6) : code[0] == 'F' ? 9 : 12;
  int y = c->ref.y;
  if (delta < 0) y = (start + 3 <= c->ref.m) ? c->ref.y : c->ref.y - 1;
  if (delta < 0 && start == 12) y = c->ref.m <= 2 ? c->ref.y - 1 : c->ref.y - 1;
  if (delta > 0) y = start > c->ref.m ? c->ref.y : c->ref.y + 1;
  if (delta == 0 && start == 12 && c->ref.m <= 2) y = c->ref.y - 1;
  date_set_val(r, "%04d-%s", y, code);
}

/* this/last/next/past/coming ... + unit, month, weekday, season */
size_t date_rule_deictic(ctx *c, size_t i, tx *r) {
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
  bool fiscal = is_w(c, k, "fiscal");
  if (fiscal) k++;
  r->type = CX_DATE;
  r->dateish = true;
  r->the_ok = true;
  if (has(c, k, DC_UNIT) && !c->t[k].plural) {
    char u = c->t[k].unit;
    if (c->t[k].cap) return 0; /* "This Week" is a programme */
    if (!c->has_ref) {
      date_set_val(r, "%s", dir < 0 ? "PAST_REF" : dir > 0 ? "FUTURE_REF" : "PRESENT_REF");
      return k + 1 - i;
    }
    cx_ymd t = c->ref;
    switch (u) {
      case 'Y':
        date_set_val(r, "%04d", t.y + dir);
        if (fiscal) {
          r->fy = cx_cal_fiscal_year_of(c->fiscal_start, t) + dir;
          date_set_val(r, "%04d", r->fy);
        }
        /* this year's third quarter */
        if (is_p(c, k + 1, '\'') && is_w(c, k + 2, "s")) {
          char kind;
          int q;
          size_t qn = date_parse_qh(c, k + 3, &kind, &q);
          if (qn) {
            date_set_val(r, "%04d-%c%d", t.y + dir, kind, q);
            if (kind == 'Q') c->last_qy = t.y + dir, c->last_q = q;
            return k + 3 + qn - i;
          }
          if (is_w(c, k + 3, "quarter")) {
            int qy, qq = date_quarter_anchor(c, &qy);
            if (qq) {
              date_set_val(r, "%04d-Q%d", t.y + dir, qq);
              return k + 4 - i;
            }
          }
        }
        break;
      case 'M': {
        cx_ymd s = cx_cal_add_months(t, dir);
        date_set_val(r, "%04d-%02d", s.y, s.m);
        break;
      }
      case 'W': date_val_week(r, cx_cal_add_days(t, 7L * dir)); break;
      case 'D': date_val_day(r, cx_cal_add_days(t, dir)); break;
      case 'Q': {
        if (latest && dir <= 0 && is_w(c, i, "latest") && c->last_q) {
          date_set_val(r, "%04d-Q%d", c->last_qy, c->last_q);
          break;
        }
        /* "the previous quarter": the one before the quarter just named */
        if ((is_w(c, i, "previous") || is_w(c, i, "prior") || is_w(c, i, "preceding")) &&
            c->last_q) {
          int q = c->last_q - 1, y = c->last_qy;
          if (q == 0) q = 4, y--;
          date_set_val(r, "%04d-Q%d", y, q);
          break;
        }
        int off = dir;
        if (is_w(c, i, "latest")) off = -1;
        cx_ymd s = cx_cal_add_months(t, 3 * off);
        date_set_val(r, "%04d-Q%d", s.y, cx_cal_quarter(s.m));
        break;
      }
      case 'E': date_set_val(r, "%03d", (t.y + 10 * dir) / 10); break;
      case 'C': date_set_val(r, "%02d", (t.y + 100 * dir) / 100); break;
      case 'K': {
        cx_ymd s = cx_cal_add_days(t, 7L * dir);
        int wy, wn;
        cx_cal_iso_week(s, &wy, &wn);
        date_set_val(r, "%04d-W%02d-WE", wy, wn);
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
        date_strip_abbrev_dot(c, k))
      e++;
    if (!c->has_ref) date_set_val(r, "XXXX-%02d", m);
    else {
      int y = c->ref.y;
      if (dir < 0) y = m < c->ref.m ? c->ref.y : c->ref.y - 1;
      if (dir > 0) y = m > c->ref.m ? c->ref.y : c->ref.y + 1;
      date_set_val(r, "%04d-%02d", y, m);
    }
    return e - i;
  }
  if (has(c, k, DC_WDAY) && c->t[k].cap) {
    int wd = c->t[k].num;
    if (!c->has_ref) date_set_val(r, "XXXX-WXX-%d", wd);
    else {
      cx_ymd t;
      if (dir < 0) t = cx_cal_resolve_weekday(cx_cal_add_days(c->ref, -1), wd, true);
      else if (dir > 0) t = cx_cal_resolve_weekday(cx_cal_add_days(c->ref, 1), wd, false);
      else t = cx_cal_add_days(c->ref, wd - cx_cal_weekday(c->ref));
      date_val_day(r, t);
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
    size_t hn = date_rule_holiday(c, k, &h, dir);
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
    if (!c->has_ref) date_set_val(r, "PRESENT_REF");
    else {
      cx_ymd t = dir < 0 ? cx_cal_add_days(c->ref, -1) : c->ref;
      date_set_val(r, "%04d-%02d-%02dT%s", t.y, t.m, t.d, c->t[k].code);
    }
    return k + 1 - i;
  }
  return 0;
}

/* N units [ago|earlier|later|from now] ; two-year ; a few days */
size_t date_rule_duration(ctx *c, size_t i, tx *r) {
  int v = 0;
  size_t n = date_parse_count(c, i, &v);
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
    bool ok = i == 0 || is_w(c, k + 1, "ago") || is_w(c, k + 1, "earlier") ||
              is_w(c, k + 1, "later") || is_w(c, k + 3, "ago");
    if (!ok)
      ok = is_w(c, i - 1, "for") || is_w(c, i - 1, "within") || is_w(c, i - 1, "in") ||
           is_w(c, i - 1, "after") || is_w(c, i - 1, "than") || is_w(c, i - 1, "about") ||
           is_w(c, i - 1, "nearly") || is_w(c, i - 1, "almost") ||
           is_w(c, i - 1, "over") || is_w(c, i - 1, "only") || is_w(c, i - 1, "just") ||
           is_w(c, i - 1, "least") || is_w(c, i - 1, "barely") ||
           is_w(c, i - 1, "some") || is_w(c, i - 1, "under") ||
           is_w(c, i - 1, "around") || is_w(c, i - 1, "lasted") ||
           is_w(c, i - 1, "lasting") || is_w(c, i - 1, "spent") ||
           is_w(c, i - 1, "took") || is_w(c, i - 1, "takes") ||
           is_w(c, i - 1, "roughly") || is_w(c, i - 1, "past") ||
           is_w(c, i - 1, "last") || is_w(c, i - 1, "next") || is_w(c, i - 1, "first") ||
           is_w(c, i - 1, "of") || is_w(c, i - 1, "once") || is_w(c, i - 1, "and") ||
           is_w(c, i - 1, "or") || is_w(c, i - 1, "to");
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
  if (!date_unit_value(u, v, buf, sizeof buf)) return 0;
  date_set_val(r, "%s", buf);
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
      date_shifted_value(c, r, u, sign * amount);
      /* financial reports compare with the same quarter a year ago */
      if (u == 'Y' && amount == 1 && sign < 0 && c->last_q)
        date_set_val(r, "%04d-Q%d", c->last_qy - 1, c->last_q);
      return k2 - i;
    }
  }
  return k - i;
}

/* bare plural units with a temporal cue before them: "for years", "in recent weeks" */
size_t date_rule_bare_units(ctx *c, size_t i, tx *r) {
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
  if (!date_unit_value(u, -1, buf, sizeof buf)) return 0;
  r->type = CX_DURATION;
  date_set_val(r, "%s", buf);
  size_t k = i + 1;
  if (is_w(c, k, "ago")) {
    r->type = CX_DATE;
    date_set_val(r, "PAST_REF");
    k++;
  }
  return k - i;
}

/* seasons with a year: summer 2023, the summer of 1998 */
size_t date_rule_season(ctx *c, size_t i, tx *r, bool after_the) {
  if (!has(c, i, DC_SEASON)) return 0;
  size_t k = i + 1;
  size_t kk = k;
  if (is_w(c, kk, "of")) kk++;
  r->type = CX_DATE, r->dateish = true;
  if (date_year_tok(c, kk)) {
    date_set_val(r, "%04d-%s", c->t[kk].num, c->t[i].code);
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
  season_year(c, c->t[i].code, date_sentence_future(c, i) ? 1 : 0, r);
  return 1;
}

/* recurrence: daily, every month, each Thursday */
size_t date_rule_set(ctx *c, size_t i, tx *r) {
  if (has(c, i, DC_SETW)) {
    /* "its quarterly dividend", "the daily Granma": an adjective */
    if (i > 0 &&
        (is_w(c, i - 1, "its") || is_w(c, i - 1, "the") || is_w(c, i - 1, "a") ||
         is_w(c, i - 1, "an") || is_w(c, i - 1, "their") || is_w(c, i - 1, "his") ||
         is_w(c, i - 1, "her") || is_w(c, i - 1, "our") || is_w(c, i - 1, "initial") ||
         is_w(c, i - 1, "regular") || is_w(c, i - 1, "first") ||
         is_w(c, i - 1, "average") || is_w(c, i - 1, "latest") ||
         is_w(c, i - 1, "usual") || is_w(c, i - 1, "normal") || is_w(c, i - 1, "record")))
      return 0;
    if (i + 1 < c->n && c->t[i + 1].kind == DT_WORD && c->t[i + 1].cap) return 0;
    if (i > 0 && c->t[i - 1].kind == DT_WORD && c->t[i - 1].cap &&
        !(i > 1 && c->t[i - 2].kind == DT_PUNCT))
      return 0; /* "Party daily" */
    r->type = CX_SET;
    date_set_val(r, "%s", c->t[i].code);
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
    size_t n = date_parse_count(c, k, &cnt);
    if (n && cnt > 1 && has(c, k + n, DC_UNIT) && c->t[k + n].plural) v = cnt, k += n;
  }
  r->type = CX_SET;
  if (has(c, k, DC_UNIT) && !(is_w(c, i, "per") && (c->t[k].unit == 'S' || c->t[k].unit == 'N'))) {
    char buf[24];
    if (!date_unit_value(c->t[k].unit, v, buf, sizeof buf)) return 0;
    date_set_val(r, "%s", buf);
    return k + 1 - i;
  }
  if (has(c, k, DC_WDAY) && c->t[k].cap) {
    date_set_val(r, "XXXX-WXX-%d", c->t[k].num);
    return k + 1 - i;
  }
  if (has(c, k, DC_MONTH) && c->t[k].cap) {
    date_set_val(r, "XXXX-%02d", c->t[k].num);
    return k + 1 - i;
  }
  if (has(c, k, DC_DAYPART)) {
    date_set_val(r, "XXXX-XX-XXT%s", c->t[k].code);
    return k + 1 - i;
  }
  return 0;
}

/* year-earlier, year-ago, year-end, year's end */
size_t date_rule_year_words(ctx *c, size_t i, tx *r) {
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
        if (!c->has_ref) date_set_val(r, "XXXX-Q%d", c->t[k].ordv);
        else date_set_val(r, "%04d-Q%d", c->ref.y - 1, c->t[k].ordv);
        return k + 2 - i;
      }
    }
    int qy, q = date_quarter_anchor(c, &qy);
    if (q) date_set_val(r, "%04d-Q%d", qy - 1, q);
    else date_set_val(r, "PAST_REF");
    if (!period && !q && c->has_ref) date_set_val(r, "%04d", c->ref.y - 1);
    return (period ? k + 1 : k) - i;
  }
  if (is_w(c, k, "end") && (hy || !adj(c, k))) {
    if (c->has_ref) date_set_val(r, "%04d", c->ref.y);
    else date_set_val(r, "XXXX");
    return k + 1 - i;
  }
  if (is_p(c, i + 1, '\'') && is_w(c, i + 2, "s") && is_w(c, i + 3, "end")) {
    if (c->has_ref) date_set_val(r, "%04d", c->ref.y);
    else date_set_val(r, "XXXX");
    return 4;
  }
  return 0;
}

static bool digits(const char *v, int n) {
  for (int k = 0; k < n; k++)
    if (v[k] < '0' || v[k] > '9') return false;
  return true;
}

/* Every date mentioned becomes the antecedent of later anaphora, at the
 * granularity written or resolved: 2023, 2023-Q3 → year; 2023-03 → month;
 * 2023-03-03[T...] → day. Decades, placeholders and *_REF do not. */
void date_note_antecedent(ctx *c, const tx *r) {
  const char *v = r->val;
  if ((r->type != CX_DATE && r->type != CX_TIME) || !digits(v, 4)) return;
  /* four digits checked: atoi's value, or one never used (v[4] a digit) */
  cx_ymd t = {(v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0'),
              1, 1};
  char g = 'Y';
  if (v[4] == '-' && digits(v + 5, 2) && (v[7] == '\0' || v[7] == '-')) {
    t.m = (v[5] - '0') * 10 + (v[6] - '0');
    g = 'M';
    if (v[7] == '-' && digits(v + 8, 2) && (v[10] == '\0' || v[10] == 'T')) {
      t.d = (v[8] - '0') * 10 + (v[9] - '0');
      g = 'D';
    }
    if (!cx_cal_valid(t)) return;
  } else if (v[4] != '\0' && v[4] != '-')
    return;
  c->ante = t, c->ante_g = g;
}

/* t shifted by n units u rendered at u's granularity */
static void anaphora_value(tx *r, cx_ymd t, char u, int n) {
  switch (u) {
    case 'Y': date_set_val(r, "%04d", t.y + n); break;
    case 'M': {
      cx_ymd s = cx_cal_add_months(t, n);
      date_set_val(r, "%04d-%02d", s.y, s.m);
      break;
    }
    case 'W': date_val_week(r, cx_cal_add_days(t, 7L * n)); break;
    default: date_val_day(r, cx_cal_add_days(t, n)); break;
  }
}

/* A time just mentioned: "that year", "(the) same day", "the following
 * month", "the next day", "the previous year", "the day before/after".
 * They count from the last date mentioned before them (the antecedent)
 * when it is fine enough for the unit; "that"/"same"/"following"/
 * "before"/"after" fall back to the reference date, "next"/"previous"
 * leave it to the deictic rule ("the next day" after no date). */
size_t date_rule_anaphora(ctx *c, size_t i, tx *r, bool after_the) {
  size_t k = i + 1, e;
  int n;
  bool fallback = true;
  if (is_w(c, i, "that")) {
    n = 0;
    if (is_w(c, k, "same")) k++; /* that same day */
  }
  else if (!after_the) return 0;
  else if (is_w(c, i, "same")) n = 0;
  else if (is_w(c, i, "following")) n = 1;
  else if (is_w(c, i, "next")) n = 1, fallback = false;
  else if (is_w(c, i, "previous") || is_w(c, i, "preceding") || is_w(c, i, "prior"))
    n = -1, fallback = false;
  else if (has(c, i, DC_UNIT) && (is_w(c, i + 1, "before") || is_w(c, i + 1, "after"))) {
    /* "the day before the vote": before/after with an object is not anaphora */
    size_t a = i + 2;
    if (a < c->n && !(c->t[a].kind == DT_PUNCT && !is_p(c, a, '-') && !is_p(c, a, '\'')) &&
        !is_w(c, a, "and") && !is_w(c, a, "but"))
      return 0;
    n = is_w(c, i + 1, "before") ? -1 : 1;
    k = i;
  } else
    return 0;
  if (!has(c, k, DC_UNIT) || c->t[k].plural || c->t[k].cap) return 0;
  char u = c->t[k].unit;
  if (u != 'Y' && u != 'M' && u != 'W' && u != 'D') return 0;
  e = k == i ? i + 2 : k + 1;
  char need = u == 'Y' ? 'Y' : u == 'M' ? 'M' : 'D';
  bool ok = c->ante_g && (need == 'Y' || c->ante_g == 'D' || (need == 'M' && c->ante_g == 'M'));
  cx_ymd t;
  if (ok) t = c->ante;
  else if (fallback && c->has_ref) t = c->ref;
  else return 0;
  r->type = CX_DATE;
  r->dateish = true;
  r->the_ok = true;
  anaphora_value(r, t, u, n);
  return e - i;
}
