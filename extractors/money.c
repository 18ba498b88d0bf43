/* Money: a figure with a currency before or after it, ranges, qualifiers.
 *
 *   "US$103,000"               → 103000 USD
 *   "over $2 million"          → 2000000 USD, over (currency_assumed unless
 *                                the document wrote US$/HK$... earlier)
 *   "USD34.6m", "GBP 27 million", "4.5m USD", "75 USD million"
 *   "$5-7 million", "between $5 and $7 million", "$5 million to $7 million"
 *   "thirteen dollars and forty-five cents" → 13.45
 *   "34 cents", "470 pence"    → 34, 470 with no ISO code (the subunit)
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/currency.h"
#include "figure.h"

typedef struct money_state {
  cx_numbers *nx;
  cx_currencies *cur;
} money_state;

static cx_status init(void **state, cx_diag *diag) {
  money_state *st = cx_xcalloc(1, sizeof *st);
  st->nx = cx_numbers_new(diag);
  st->cur = cx_currencies_new(diag);
  *state = st;
  return st->nx && st->cur ? CX_OK : CX_ERR_DATA;
}

static void fini(void *state) {
  money_state *st = state;
  if (!st) return;
  cx_numbers_free(st->nx);
  cx_currencies_free(st->cur);
  free(st);
}

typedef struct amount {
  size_t start, end;
  cx_num num;
  cx_currency cur;
  bool cur_before;
} amount;

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "dollars and forty-five cents", "dollars 50", "$ 30 cent": the minor part
 * after a major unit. Returns the new end or 0. */
static size_t minor_part(const money_state *st, const char *s, size_t len,
                         size_t at, bool name_unit, double *cents) {
  size_t p = at;
  if (p >= len || s[p] != ' ') return 0;
  p++;
  if (p + 4 < len && strncasecmp(s + p, "and ", 4) == 0) p += 4;
  cx_num m;
  if (!cx_number_parse(st->nx, s, len, p, &m)) return 0;
  if (m.flags & (CX_NUM_DECIMAL | CX_NUM_SCALE | CX_NUM_SIGNED |
                 CX_NUM_ALPHA_AFTER | CX_NUM_GROUPED) ||
      m.value < 1 || m.value >= 100 || m.value != (double)(long)m.value)
    return 0;
  size_t e = m.end;
  cx_currency c;
  if (cx_currency_after(st->cur, s, len, e, &c)) {
    if (!(c.flags & CX_CUR_SUBUNIT)) return 0; /* "50 dollar 40 rmb" */
    e = c.end;
  } else {
    if (!name_unit) return 0;
    /* "15 dollars 50." but not "5 dollars 20 times" */
    if (e < len && s[e] == ' ' && e + 1 < len && is_alpha((unsigned char)s[e + 1])) {
      if (!(e + 4 < len && strncasecmp(s + e + 1, "and", 3) == 0 &&
            !is_alpha((unsigned char)s[e + 4])))
        return 0;
    }
    if (e < len && (is_digit((unsigned char)s[e]) || s[e] == '%')) return 0;
  }
  *cents = m.value;
  return e;
}

/* A single amount built on the figure n. */
static bool parse_amount(const money_state *st, const char *s, size_t len,
                         const cx_num *n, bool allow_before, amount *a) {
  memset(a, 0, sizeof *a);
  a->num = *n;
  a->start = n->start;
  a->end = n->end;
  cx_currency c;
  bool before = allow_before && cx_currency_before(st->cur, s, n->start, &c);
  if (before) {
    a->cur = c;
    a->cur_before = true;
    a->start = c.start;
  }
  if ((n->flags & CX_NUM_ALPHA_BEFORE) && !before) return false;
  cx_currency c2;
  bool after = cx_currency_after(st->cur, s, len, n->end, &c2);
  if (after && (n->flags & CX_NUM_ALPHA_AFTER) && c2.start != n->end)
    after = false;
  if (!after && (n->flags & CX_NUM_ALPHA_AFTER)) return false;
  if (after && before && (c2.flags & CX_CUR_SYMBOL)) after = false;
  if (after && (c2.flags & CX_CUR_NAME) && strcmp(c2.iso, "GBP") == 0 &&
      c2.end + 3 < len && strncmp(s + c2.end, " of", 3) == 0)
    after = false; /* "300 pounds of explosives" weighs */
  /* "50 Cent" is a rapper: a capitalised subunit name is a proper name */
  if (after && (c2.flags & CX_CUR_SUBUNIT) && c2.end - c2.start > 1 &&
      s[c2.start] >= 'A' && s[c2.start] <= 'Z')
    after = false;
  if (after && (c2.flags & CX_CUR_VERB) &&
      !(n->flags & (CX_NUM_SCALE | CX_NUM_GROUPED)))
    after = false; /* "2004 won", "Burnout 3 won" */
  if (!before && !after) return false;
  if (after) {
    if (!before) a->cur = c2;
    a->end = c2.end;
    if (!(n->flags & CX_NUM_SCALE)) {
      size_t e;
      double sc = cx_number_scale_at(st->nx, s, len, c2.end, false, &e);
      if (sc > 0) { /* "75 USD million" */
        a->num.value *= sc;
        a->num.scale = sc;
        a->num.flags |= CX_NUM_SCALE;
        a->end = e;
      }
    }
  }
  if (a->cur.flags & CX_CUR_MEGA) a->num.value *= 1e6, a->num.scale = 1e6;
  if (!(a->num.flags & (CX_NUM_DECIMAL | CX_NUM_SCALE)) &&
      !(a->cur.flags & CX_CUR_SUBUNIT)) {
    double cents;
    /* a bare minor figure ("15 dollars 50") only after a word unit */
    bool name_unit = after && !(c2.flags & CX_CUR_SYMBOL);
    size_t e = minor_part(st, s, len, a->end, name_unit, &cents);
    if (e) {
      a->num.value += cents / 100;
      a->end = e;
    }
  }
  return true;
}

/* The family an ambiguous currency belongs to, for the document context. */
enum { FAM_NONE = -1, FAM_DOLLAR, FAM_YEN, FAM_RUPEE, N_FAM };

static int family(const cx_currency *c, const char *s) {
  if (!c->iso[0]) return FAM_NONE;
  static const char dollars[][4] = {"USD", "AUD", "CAD", "HKD", "SGD", "NZD",
                                    "TWD"};
  if (memchr(s + c->start, '$', c->end - c->start)) return FAM_DOLLAR;
  for (size_t i = 0; i < sizeof dollars / sizeof *dollars; i++)
    if (!strcmp(c->iso, dollars[i])) return FAM_DOLLAR;
  if (!strcmp(c->iso, "JPY") || !strcmp(c->iso, "CNY")) return FAM_YEN;
  if (!strcmp(c->iso, "INR") || !strcmp(c->iso, "PKR") ||
      !strcmp(c->iso, "LKR") || !strcmp(c->iso, "NPR"))
    return FAM_RUPEE;
  return FAM_NONE;
}

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  const money_state *st = state;
  const char *s = doc->norm;
  size_t len = doc->norm_len;
  char ctx[N_FAM][4] = {"", "", ""};
  char url_iso[4], url_fam;
  if (cx_currency_for_url(st->cur, doc->url, url_iso, &url_fam)) {
    int f = url_fam == 'd' ? FAM_DOLLAR : url_fam == 'y' ? FAM_YEN : FAM_RUPEE;
    memcpy(ctx[f], url_iso, 4);
  }
  cx_num n1;
  size_t pos = 0;
  size_t cursor = 0;
  while (cx_doc_number_walk(st->nx, doc, pos, &cursor, &n1)) {
    pos = n1.end > n1.start ? n1.end : n1.start + 1;
    if (cx_doc_overlaps(doc, (uint32_t)n1.start, (uint32_t)n1.end,
                        CX_BIT(CX_DATE) | CX_BIT(CX_TIME)))
      continue;
    amount a1, a2;
    bool have1 = parse_amount(st, s, len, &n1, true, &a1);
    size_t bstart = 0; /* set when between */
    bool between = cx_word_before_is(s, have1 ? a1.start : n1.start, "between",
                                     &bstart);
    /* the second figure of a range */
    size_t r = cx_figure_range_next(
        s, len, have1 ? a1.start : n1.start, have1 ? a1.end : n1.end, between);
    bool range = false;
    if (r) {
      cx_num n2;
      size_t lim = r + 16 < len ? r + 16 : len;
      if (cx_number_next(st->nx, s, lim, r, &n2) && n2.start >= r) {
        n2.end = 0; /* re-parse against the full text for scales */
        cx_number_parse(st->nx, s, len, n2.start, &n2);
        bool have2 = parse_amount(st, s, len, &n2, true, &a2);
        if (have2 && (!have1 || !a1.cur_before || a2.cur_before ||
                      !strcmp(a1.cur.iso, a2.cur.iso)) &&
            (a2.start == r || n2.start == r)) {
          if (!have1) {
            memset(&a1, 0, sizeof a1);
            a1.num = n1;
            a1.start = n1.start;
            a1.end = n1.end;
            a1.cur = a2.cur;
            have1 = !(n1.flags & (CX_NUM_ALPHA_BEFORE | CX_NUM_ALPHA_AFTER));
          }
          range = have1 && !strcmp(a1.cur.iso, a2.cur.iso);
        } else if (!have2 && have1 && a1.cur_before && n2.start == r &&
                   !(n2.flags & (CX_NUM_ALPHA_AFTER | CX_NUM_ALPHA_BEFORE))) {
          /* "$5-7 million": the second takes the first's currency */
          memset(&a2, 0, sizeof a2);
          a2.num = n2;
          a2.start = n2.start;
          a2.end = n2.end;
          a2.cur = a1.cur;
          range = true;
        }
        if (range) {
          double lo = cx_figure_scale_min(&a1.num, &a2.num);
          if (!(lo < a2.num.value)) range = false;
          else a1.num.value = lo;
        }
      }
    }
    if (!have1) continue;
    size_t start = a1.start, end = range ? a2.end : a1.end;
    if (range && between) start = bstart;
    /* currency of a bare "$": the document's own earlier explicit one */
    bool assumed = false;
    int fam = family(&a1.cur, s);
    char iso[4];
    memcpy(iso, a1.cur.iso, 4);
    if (a1.cur.flags & CX_CUR_AMBIGUOUS) {
      assumed = true;
      if (fam != FAM_NONE && ctx[fam][0]) memcpy(iso, ctx[fam], 4);
    } else if (fam != FAM_NONE) {
      memcpy(ctx[fam], iso, 4);
    }
    size_t qs = 0;
    cx_qualifier q = cx_number_qualifier_before(st->nx, s, start, &qs);
    size_t mi = doc->n_mentions;
    cx_mention *m = cx_doc_add_mention(doc, CX_MONEY, (uint32_t)start,
                                       (uint32_t)end);
    memcpy(m->currency, iso, 4);
    if (assumed) m->flags |= CX_MF_CURRENCY_ASSUMED;
    if (range) {
      m->flags |= CX_MF_RANGE;
      m->min = a1.num.value;
      m->max = a2.num.value;
      m->rule = "money.range";
    } else {
      m->value = a1.num.value;
      m->rule = a1.cur_before ? "money.currency_before" : "money.currency_after";
    }
    if (a1.cur.flags & CX_CUR_SUBUNIT)
      m->unit = cx_arena_strndup(doc->arena, s + a1.cur.start,
                                 a1.cur.end - a1.cur.start);
    if (q != CX_Q_NONE) {
      size_t qe = start;
      while (qe > qs && s[qe - 1] == ' ') qe--;
      cx_figure_set_qualifier(doc, mi, q, qs, qe);
    }
    pos = end;
  }
}

const cx_extractor cx_extractor_money = {"money", init, fini, run};
