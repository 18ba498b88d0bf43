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
#include "date_int.h"

static uint32_t end_byte(const ctx *c, size_t e);
static size_t emit(ctx *c, const tx *r, uint32_t flags);
static void inherit_year(tx *a, const tx *b);
static void order_days(tx *x, const tx *y);
static void emit_range(ctx *c, size_t b, size_t e, const tx *x, const tx *y);
static bool range_ok(const tx *x);
static bool num_only_year(const ctx *c, const tx *x);
static size_t try_range(ctx *c, size_t i, tx *at_i, bool *have);

static uint32_t end_byte(const ctx *c, size_t e) { return c->t[e - 1].e; }

static size_t emit(ctx *c, const tx *r, uint32_t flags) {
  cx_doc *d = c->doc;
  uint32_t s = c->t[r->b].s, e = end_byte(c, r->e);
  size_t idx = d->n_mentions;
  cx_mention *m = cx_doc_add_mention(d, r->type, s, e);
  m->str = cx_arena_strdup(d->arena, r->val);
  m->flags |= flags;
  m->rule = "date";
  date_note_antecedent(c, r);
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

/* First (end = false) or last month of the fiscal period r names, when
 * fiscal years are not calendar years; NULL otherwise. */
static const char *fiscal_month(ctx *c, const tx *r, bool end) {
  if (!r || !r->fy || c->fiscal_start <= 1) return NULL;
  cx_ymd a, b;
  cx_cal_fiscal_period(c->fiscal_start, r->fy, r->fkind, r->fnum, &a, &b);
  if (end) a = b;
  return cx_arena_printf(c->doc->arena, "%04d-%02d", a.y, a.m);
}

/* A fiscal year or quarter (fiscal start not January): besides its date
 * mention (TimeML names it: "2024", "2024-Q1"), a daterange of its months. */
static void emit_fiscal(ctx *c, const tx *r) {
  const char *a = fiscal_month(c, r, false);
  if (!a) return;
  cx_doc *d = c->doc;
  cx_mention *m = cx_doc_add_mention(d, CX_DATERANGE, c->t[r->b].s, end_byte(c, r->e));
  m->str = a;
  m->str2 = fiscal_month(c, r, true);
  m->rule = "fiscal";
}

static void emit_range(ctx *c, size_t b, size_t e, const tx *x, const tx *y) {
  if (x) emit(c, x, CX_MF_ENDPOINT);
  if (y) emit(c, y, CX_MF_ENDPOINT);
  cx_doc *d = c->doc;
  const char *fa = fiscal_month(c, x, false), *fb = fiscal_month(c, y, true);
  cx_mention *m = cx_doc_add_mention(d, CX_DATERANGE, c->t[b].s, end_byte(c, e));
  m->str = fa ? fa : x ? cx_arena_strdup(d->arena, x->val) : NULL;
  m->str2 = fb ? fb : y ? cx_arena_strdup(d->arena, y->val) : NULL;
  m->rule = "daterange";
}

static bool range_ok(const tx *x) {
  return x->type == CX_DATE && x->dateish && x->val[0] != 'P' && x->val[0] != 'F';
}

static bool num_only_year(const ctx *c, const tx *x) {
  return x->e == x->b + 1 && is_num(c, x->b);
}

/* Tries a range starting at token i; returns tokens consumed. When it
 * fails after parsing the expression at i, that parse is left in *at_i
 * (*have). */
static size_t try_range(ctx *c, size_t i, tx *at_i, bool *have) {
  bool between = is_w(c, i, "between"), from = is_w(c, i, "from");
  /* y is cleared where a rule first fills it: most starts never get there */
  tx x, y;
  memset(&x, 0, sizeof x);
  if (between || from) {
    size_t n = date_parse_timex(c, i + 1, &x);
    if (!n || !range_ok(&x)) return 0;
    size_t k = x.e;
    bool sep = false;
    if (between && is_w(c, k, "and")) sep = true;
    if (from && (is_w(c, k, "to") || is_w(c, k, "until") || is_w(c, k, "till") ||
                 is_w(c, k, "through") || is_w(c, k, "into") || is_p(c, k, '-')))
      sep = true;
    if (!sep) return 0;
    /* "from March 5 to 9" */
    memset(&y, 0, sizeof y);
    size_t m = date_parse_timex(c, k + 1, &y);
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
    size_t n = date_parse_timex(c, i + 1, &x);
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
      (memset(&y, 0, sizeof y), date_rule_day_month(c, i + 2, &y))) {
    y.b = i + 2, y.e = i + 2 + date_rule_day_month(c, i + 2, &y);
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
  size_t n = date_parse_timex(c, i, &x);
  *at_i = x;
  if (!n) at_i->e = i;
  *have = true;
  if (!n || !range_ok(&x)) return 0;
  size_t k = x.e;
  bool dash = is_p(c, k, '-');
  /* 2022-23, 2022/23, 2022/2023: a season or fiscal year across two years */
  if ((dash || is_p(c, k, '/')) && adj(c, k) && adj(c, k + 1) &&
      (date_year_tok(c, x.e - 1) || (x.fy && !x.fkind)) && strlen(x.val) == 4 &&
      is_plain_num(c, k + 1) &&
      (c->t[k + 1].ndig == 2 || (is_p(c, k, '/') && c->t[k + 1].ndig == 4))) {
    int y1 = c->t[x.e - 1].num, y2 = c->t[k + 1].num;
    if (c->t[k + 1].ndig == 2) y2 += (y1 / 100) * 100;
    if (y2 != y1 + 1) return 0;
    /* 1957-58: two years, each its own date */
    memset(&y, 0, sizeof y);
    y.type = CX_DATE, y.dateish = true, y.year_explicit = true;
    y.b = k + 1, y.e = k + 2;
    snprintf(y.val, sizeof y.val, "%04d", y2);
    /* with a fiscal start, 2022-23 is one fiscal year (FY2023) unless a
     * season: the range runs over its months */
    if (c->fiscal_start > 1 && (x.fy || !is_w(c, k + 2, "season"))) {
      tx fx = x, fy = y;
      fx.fy = fy.fy = y2, fx.fkind = fy.fkind = 0;
      emit(c, &x, CX_MF_ENDPOINT);
      emit(c, &y, CX_MF_ENDPOINT);
      cx_mention *m = cx_doc_add_mention(c->doc, CX_DATERANGE, c->t[x.b].s, end_byte(c, y.e));
      m->str = fiscal_month(c, &fx, false);
      m->str2 = fiscal_month(c, &fy, true);
      m->rule = "fiscal";
      return y.e - i;
    }
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
    if (date_year_tok(c, kk)) yr = c->t[kk].num, y.e = kk + 1;
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
  if (is_w(c, k, "to") && num_only_year(c, &x) && !date_year_context(c, i))
    return 0;
  memset(&y, 0, sizeof y);
  n = date_parse_timex(c, k + 1, &y);
  if (!n || !range_ok(&y)) return 0;
  /* both sides of the same kind: years with years, months with months */
  if (num_only_year(c, &x) != num_only_year(c, &y)) return 0;
  inherit_year(&x, &y);
  order_days(&x, &y);
  emit_range(c, x.b, y.e, &x, &y);
  return y.e - i;
}

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

/* Can an expression start at token i? A filter in front of the grammar
 * (whatever it lets through, the grammar decides), so it must let every
 * real start through:
 * - numbers and calendar words may start one;
 * - a word that only leads in ("the", "about", "between", "early") only
 *   when a head word (number, calendar word) ends the chain of lead-ins,
 *   links ("than", "the end of") and hyphens after it, as the grammar
 *   walks them: at most nine tokens ("between no more than the early-in the");
 * - a number word alone ("a", "two") only before a unit ("a few days",
 *   "two-year") or another number word ("nineteen ninety", "two thousand");
 * - words that only cue the future or a part of the day never do. */
#define LEAD_MAX 9
static bool is_head(const dtok *t) {
  if (t->kind == DT_NUM) return true;
  if (t->kind != DT_WORD) return false;
  unsigned weak = DC_OPENER | DC_FUTURE | DC_DAYPART | DC_PREFIX | DC_LINK;
  return (t->cls & ~weak) || ((t->cls & DC_OPENER) && !(t->cls & DC_PREFIX));
}

static bool may_start(const ctx *c, size_t i) {
  const dtok *t = &c->t[i];
  if (t->kind == DT_NUM) return true;
  if (t->kind != DT_WORD) return false;
  unsigned cls = t->cls & ~(unsigned)(DC_HEAD | DC_LINK);
  if (!(cls & ~(unsigned)(DC_FUTURE | DC_DAYPART))) return false;
  unsigned rest = cls & ~(unsigned)(DC_FUTURE | DC_DAYPART | DC_OPENER);
  if (rest == DC_PREFIX) {
    for (size_t k = i + 1; k < c->n && k <= i + LEAD_MAX; k++) {
      const dtok *u = &c->t[k];
      if (is_head(u)) return true;
      if (!(u->cls & (DC_PREFIX | DC_LINK)) && !is_p(c, k, '-')) return false;
    }
    return false;
  }
  if (rest == DC_NUMW) {
    if (has(c, i + 1, DC_NUMW) || is_w(c, i + 1, "thousand")) return true;
    for (size_t k = i + 1; k < c->n && k <= i + 8; k++)
      if (c->t[k].cls & DC_UNIT) return true;
    return false;
  }
  return true;
}

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  const date_state *st = state;
  ctx c;
  memset(&c, 0, sizeof c);
  c.doc = doc;
  c.lx = &st->lx;
  uint32_t *starts;
  size_t n_starts;
  c.t = cx_date_tokenize(&st->lx, doc, &c.n, &starts, &n_starts);
  if (doc->ref_year > 0) {
    c.ref = (cx_ymd){doc->ref_year, doc->ref_month ? doc->ref_month : 1,
                     doc->ref_day ? doc->ref_day : 1};
    c.has_ref = true;
  }
  c.fiscal_start = doc->fiscal_start >= 1 && doc->fiscal_start <= 12 ? doc->fiscal_start : 1;
  /* i: the first token not yet consumed; the tokens that are no start
   * candidate would fail may_start on their own classes */
  size_t i = 0;
  for (size_t si = 0; si < n_starts; si++) {
    if (starts[si] < i) continue;
    i = starts[si];
    if (!may_start(&c, i)) continue;
    tx r;
    bool have = false;
    int q0 = c.last_q, qy0 = c.last_qy;
    size_t n = try_range(&c, i, &r, &have);
    if (n) {
      i += n;
      continue;
    }
    /* try_range parsed the expression at i already: reuse it unless the
     * quarter anaphora state moved meanwhile (a new parse could differ) */
    if (!have || c.last_q != q0 || c.last_qy != qy0) {
      memset(&r, 0, sizeof r);
      n = date_parse_timex(&c, i, &r);
    } else
      n = r.e > i ? r.e - i : 0;
    if (n) {
      emit(&c, &r, 0);
      if (r.fy && r.type == CX_DATE) emit_fiscal(&c, &r);
      i = r.e;
      continue;
    }
    i++;
  }
}

const cx_extractor cx_extractor_date = {"date", init, fini, run};
