/* One temporal expression at a token: the longest rule wins; modifiers
 * ("about", "early", "the") join the extent where TimeML puts them. */
#include "date_int.h"

static size_t parse_core(ctx *c, size_t i, tx *r, bool after_the);
static size_t prefix_len(const ctx *c, size_t i);
static bool is_mod(const ctx *c, size_t i);

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
    /* each rule only where the tests it opens with can pass (a rule that
     * fails them returns 0 untouched): most numbers are no date */
    bool plain = !t->ordinal && !t->plural;
    unsigned nd = t->ndig;
    if (plain && ((nd == 4 && is_p(c, i + 1, '-')) || (nd <= 2 && is_p(c, i + 1, '/'))))
      TRY(date_rule_numeric(c, i, &cur));
    if (plain && nd <= 2 && t->num <= 24) TRY(date_rule_time(c, i, &cur));
    if (!t->plural && nd <= 2 && t->num >= 1 && t->num <= 31)
      TRY(date_rule_day_month(c, i, &cur));
    if ((plain && nd == 4) || (t->plural && (nd == 4 || nd == 2)))
      TRY(date_rule_year(c, i, &cur));
    if (plain && nd <= 3) TRY(date_rule_duration(c, i, &cur));
    if (t->ordinal) {
      TRY(date_rule_quarter(c, i, &cur));
      TRY(date_rule_century(c, i, &cur));
    }
  } else if (t->kind == DT_WORD) {
    /* each rule is called only where its own first test can pass */
    bool deictic = is_w(c, i, "this") || is_w(c, i, "current") || is_w(c, i, "present") ||
                   is_w(c, i, "last") || is_w(c, i, "past") || is_w(c, i, "previous") ||
                   is_w(c, i, "latest") || is_w(c, i, "prior") || is_w(c, i, "preceding") ||
                   is_w(c, i, "next") || is_w(c, i, "coming") || is_w(c, i, "upcoming");
    /* first: on a tie with the deictic rule ("the next day") it wins */
    if (is_w(c, i, "that") ||
        (after_the && ((t->cls & DC_UNIT) || deictic || is_w(c, i, "same") ||
                       is_w(c, i, "following"))))
      TRY(date_rule_anaphora(c, i, &cur, after_the));
    if (t->cls & DC_MONTH) TRY(date_rule_month(c, i, &cur, false));
    if (t->cls & DC_HOLIDAY) TRY(date_rule_holiday(c, i, &cur, 0));
    if (t->cls & DC_WDAY) TRY(date_rule_weekday(c, i, &cur));
    if (t->cls & (DC_NUMW)) {
      TRY(date_rule_duration(c, i, &cur));
      TRY(date_rule_spoken_year(c, i, &cur));
    }
    if (t->cls & DC_ORD) {
      TRY(date_rule_quarter(c, i, &cur));
      TRY(date_rule_century(c, i, &cur));
    }
    if (t->cls & DC_REL) TRY(date_rule_relative(c, i, &cur));
    if (t->cls & DC_SEASON) TRY(date_rule_season(c, i, &cur, after_the));
    if (t->cls & DC_SETW) TRY(date_rule_set(c, i, &cur));
    if (t->cls & DC_UNIT) {
      TRY(date_rule_bare_units(c, i, &cur));
      TRY(date_rule_year_words(c, i, &cur));
    }
    if (is_w(c, i, "noon") || is_w(c, i, "midday") || is_w(c, i, "midnight"))
      TRY(date_rule_time(c, i, &cur));
    /* ordinals had theirs above */
    bool fiscal = is_w(c, i, "fiscal");
    if (!(t->cls & DC_ORD) && (fiscal || is_w(c, i, "q") || is_w(c, i, "h")))
      TRY(date_rule_quarter(c, i, &cur));
    if (fiscal || is_w(c, i, "fy")) TRY(date_rule_fiscal(c, i, &cur));
    if (deictic) TRY(date_rule_deictic(c, i, &cur));
    if (!(t->cls & DC_SETW) && (is_w(c, i, "every") || is_w(c, i, "each") || is_w(c, i, "per")))
      TRY(date_rule_set(c, i, &cur));
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
  if ((is_w(c, i, "more") || is_w(c, i, "less") || is_w(c, i, "fewer")) &&
      is_w(c, i + 1, "than"))
    return 2;
  if ((is_w(c, i, "at") && (is_w(c, i + 1, "least") || is_w(c, i + 1, "most"))) ||
      (is_w(c, i, "up") && is_w(c, i + 1, "to")) ||
      (is_w(c, i, "as") && is_w(c, i + 1, "many")))
    return 2;
  if (is_w(c, i, "no") && is_w(c, i + 1, "more")) return is_w(c, i + 2, "than") ? 3 : 0;
  if (is_w(c, i, "about") || is_w(c, i, "nearly") || is_w(c, i, "almost") ||
      is_w(c, i, "around") || is_w(c, i, "roughly") || is_w(c, i, "approximately") ||
      is_w(c, i, "barely"))
    return 1;
  return 0;
}

static bool is_mod(const ctx *c, size_t i) {
  return is_w(c, i, "early") || is_w(c, i, "late") || is_w(c, i, "mid") ||
         is_w(c, i, "earlier") || is_w(c, i, "later");
}

size_t date_parse_timex(ctx *c, size_t i, tx *r) {
  size_t k = i;
  /* "the year 2000", "the year two thousand" */
  if (is_w(c, k, "the") && is_w(c, k + 1, "year")) {
    tx y;
    memset(&y, 0, sizeof y);
    size_t n = date_year_tok(c, k + 2) ? date_rule_year(c, k + 2, &y) : date_rule_spoken_year(c, k + 2, &y);
    if (n) {
      *r = y;
      r->b = i, r->e = k + 2 + n;
      return r->e - i;
    }
  }
  if (is_w(c, k, "right") && is_w(c, k + 1, "now")) {
    r->type = CX_DATE;
    date_set_val(r, "PRESENT_REF");
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
        if (u == 'Y') date_set_val(r, "%04d", c->ref.y);
        else if (u == 'M') date_set_val(r, "%04d-%02d", c->ref.y, c->ref.m);
        else if (u == 'W') date_val_week(r, c->ref);
        else if (u == 'Q') date_set_val(r, "%04d-Q%d", c->ref.y, cx_cal_quarter(c->ref.m));
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
    size_t n = date_parse_count(c, dk, &v);
    if (!n && (is_w(c, dk, "few") || is_w(c, dk, "several") || is_w(c, dk, "many")))
      n = 1, v = -1;
    else if (!n && is_w(c, dk, "couple") && is_w(c, dk + 1, "of"))
      n = 2, v = 2;
    if (n && !is_w(c, dk, "a") && !is_w(c, dk, "an") && has(c, dk + n, DC_UNIT) &&
        (c->t[dk + n].plural || v == 1) && c->t[dk + n].unit != 'K') {
      char buf[24];
      if (date_unit_value(c->t[dk + n].unit, v, buf, sizeof buf)) {
        r->type = CX_DURATION;
        date_set_val(r, "%s", buf);
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
      date_set_val(r, "%s", date_unit_value(c->t[dk].unit, -1, buf, sizeof buf) ? buf
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
        date_set_val(r, "%s", is_w(c, kk, "future") ? "FUTURE_REF" : "PAST_REF");
        r->b = det, r->e = kk + 1;
        return r->e - i;
      }
      /* the quarter, the latest period, the weekend */
      if ((is_w(c, kk, "quarter") || ((is_w(c, kk, "latest") || is_w(c, kk, "current")) &&
                                      is_w(c, kk + 1, "period"))) &&
          !is_w(c, kk + 1, "of") && !is_p(c, kk + 1, '-') && c->has_ref) {
        int qy, q = date_quarter_anchor(c, &qy);
        if (q) {
          r->type = CX_DATE;
          date_set_val(r, "%04d-Q%d", qy, q);
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
          date_set_val(r, "P1Y");
          r->b = det, r->e = yk + 1;
          return r->e - i;
        }
        if (yk > kk || (det > 0 && is_w(c, det - 1, "for"))) {
          r->type = CX_DATE;
          date_set_val(r, "%04d", c->ref.y);
          if (is_w(c, kk, "fiscal")) {
            r->fy = cx_cal_fiscal_year_of(c->fiscal_start, c->ref);
            date_set_val(r, "%04d", r->fy);
          }
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
        date_set_val(r, "%04d-W%02d-WE", wy, wn);
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
