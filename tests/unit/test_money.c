/* extractors money, percent, count: text → mention values, one row per form
 * in issue 3 (numbers, currencies, qualifiers, ranges, counts, non-counts). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "../../pipeline/cx.h"

typedef struct row {
  const char *text;
  cx_mention_type type;
  double value, min, max; /* min/max when a range (max != 0) */
  const char *cur_or_unit; /* ISO code (money) or unit (count); NULL = any */
  cx_qualifier q;
  unsigned flags;          /* CX_MF_CURRENCY_ASSUMED, CX_MF_POINTS to expect */
} row;

#define M(t, v, c, q) {t, CX_MONEY, v, 0, 0, c, q, 0}
#define MA(t, v, c, q) {t, CX_MONEY, v, 0, 0, c, q, CX_MF_CURRENCY_ASSUMED}
#define MR(t, lo, hi, c) {t, CX_MONEY, 0, lo, hi, c, CX_Q_NONE, 0}
#define C(t, v, u, q) {t, CX_COUNT, v, 0, 0, u, q, 0}
#define CR(t, lo, hi, u) {t, CX_COUNT, 0, lo, hi, u, CX_Q_NONE, 0}
#define P(t, v, q) {t, CX_PERCENT, v, 0, 0, NULL, q, 0}
#define PR(t, lo, hi) {t, CX_PERCENT, 0, lo, hi, NULL, CX_Q_NONE, 0}

static const row rows[] = {
    /* money: symbols, codes, names, glued forms */
    M("It cost US$103,000 in all.", 103000, "USD", CX_Q_NONE),
    MA("Firms paid $1.2 million for it.", 1200000, "USD", CX_Q_NONE),
    MA("Worth over $2 million.", 2000000, "USD", CX_Q_OVER),
    M("Profit was USD34.6 million.", 34600000, "USD", CX_Q_NONE),
    M("Profit was USD34.6m.", 34600000, "USD", CX_Q_NONE),
    M("It raised GBP 27 million.", 27000000, "GBP", CX_Q_NONE),
    M("It raised 4.5m USD.", 4500000, "USD", CX_Q_NONE),
    MA("A $1.2bn deal.", 1.2e9, "USD", CX_Q_NONE),
    M("A HK$10.05 billion market.", 10.05e9, "HKD", CX_Q_NONE),
    M("An A$5m grant.", 5e6, "AUD", CX_Q_NONE),
    M("A C$300 million charge.", 3e8, "CAD", CX_Q_NONE),
    M("S$40 each.", 40, "SGD", CX_Q_NONE),
    M("NZ$12 each.", 12, "NZD", CX_Q_NONE),
    M("It fell to €2 million.", 2e6, "EUR", CX_Q_NONE),
    M("It fell to £8.10 million.", 8.1e6, "GBP", CX_Q_NONE),
    M("Fined ₹500 crore.", 5e9, "INR", CX_Q_NONE),
    M("A ₽40bn budget.", 4e10, "RUB", CX_Q_NONE),
    M("A ₩3 trillion plan.", 3e12, "KRW", CX_Q_NONE),
    M("Priced at R$9.90.", 9.9, "BRL", CX_Q_NONE),
    M("It sold for 323 million euros.", 3.23e8, "EUR", CX_Q_NONE),
    M("A bill of five million yen.", 5e6, "JPY", CX_Q_NONE),
    M("Output of 100 billion yuan.", 1e11, "CNY", CX_Q_NONE),
    M("Paid 20 billion renminbi.", 2e10, "CNY", CX_Q_NONE),
    M("Fined 10,000 swiss francs.", 10000, "CHF", CX_Q_NONE),
    M("It lost 40 billion roubles.", 4e10, "RUB", CX_Q_NONE),
    M("It lost 40 billion rubles.", 4e10, "RUB", CX_Q_NONE),
    M("A 500 billion won fund.", 5e11, "KRW", CX_Q_NONE),
    M("Just 10 turkish lira.", 10, "TRY", CX_Q_NONE),
    MA("Eligible for 35 lakh rupees.", 3.5e6, "INR", CX_Q_NONE),
    M("It costs half million usd.", 5e5, "USD", CX_Q_NONE),
    M("It costs a quarter million us dollars.", 2.5e5, "USD", CX_Q_NONE),
    MA("Worth half a million dollars.", 5e5, "USD", CX_Q_NONE),
    MA("It cost thirteen dollars and forty-five cents.", 13.45, "USD", CX_Q_NONE),
    M("Shares fell 34 cents.", 34, "", CX_Q_NONE),
    M("Shares closed at 197 pence.", 197, "", CX_Q_NONE),
    /* qualifiers on money */
    MA("At least $5 million was lost.", 5e6, "USD", CX_Q_AT_LEAST),
    MA("No less than $5 million.", 5e6, "USD", CX_Q_AT_LEAST),
    MA("More than $5 million.", 5e6, "USD", CX_Q_OVER),
    MA("In excess of $5 million.", 5e6, "USD", CX_Q_OVER),
    MA("About $5 million.", 5e6, "USD", CX_Q_ABOUT),
    MA("An estimated $5 million.", 5e6, "USD", CX_Q_ABOUT),
    MA("Up to $5 million.", 5e6, "USD", CX_Q_UP_TO),
    MA("As much as $5 million.", 5e6, "USD", CX_Q_UP_TO),
    MA("Less than $5 million.", 5e6, "USD", CX_Q_UNDER),
    /* ranges */
    MR("Bids of $5 million to $7 million.", 5e6, 7e6, "USD"),
    P("It rose from 5% to 7%.", 5, CX_Q_NONE),
    MR("It costs $5-7 million.", 5e6, 7e6, "USD"),
    MR("It costs between $5 and $7 million.", 5e6, 7e6, "USD"),
    MR("It costs 5 to 7 million euros.", 5e6, 7e6, "EUR"),
    /* a bare $ takes an earlier explicit one */
    M("HK$5 at first. Later $8 was asked.", 5, "HKD", CX_Q_NONE),
    M("A cut of 40 yuan. Then ¥30 more.", 40, "CNY", CX_Q_NONE),
    /* percentages */
    P("Up 12% on the year.", 12, CX_Q_NONE),
    P("Up 12 percent.", 12, CX_Q_NONE),
    P("Up 12 per cent.", 12, CX_Q_NONE),
    P("Up 12pc on the year.", 12, CX_Q_NONE),
    P("Up about 12.5%.", 12.5, CX_Q_ABOUT),
    P("Just minus five percent.", -5, CX_Q_NONE),
    PR("Between 5% and 10%.", 5, 10),
    PR("Up 5 to 10 percent.", 5, 10),
    PR("Up 5-10%.", 5, 10),
    {"Rates rose 0.5 percentage points.", CX_PERCENT, 0.5, 0, 0, NULL, CX_Q_NONE, CX_MF_POINTS},
    {"Rates rose 25 basis points.", CX_PERCENT, 0.25, 0, 0, NULL, CX_Q_NONE, CX_MF_POINTS},
    /* counts */
    C("Russia bought at least 37 Chinese-made drones.", 37, "drone", CX_Q_AT_LEAST),
    C("They bought 10 rugged personal computers.", 10, "computer", CX_Q_NONE),
    C("It ordered a dozen LNG carriers.", 12, "carrier", CX_Q_NONE),
    C("It sacked three ministers.", 3, "minister", CX_Q_NONE),
    C("It shipped 5,000 tonnes of grain.", 5000, "tonne", CX_Q_NONE),
    C("A road of 20 km was built.", 20, "km", CX_Q_NONE),
    C("Over 30,000 drones went.", 30000, "drone", CX_Q_OVER),
    C("They hired 2 million people.", 2e6, "person", CX_Q_NONE),
    C("They hired thirty-seven nurses.", 37, "nurse", CX_Q_NONE),
    C("They built two hundred and five houses.", 205, "house", CX_Q_NONE),
    C("Nearly 40 countries came.", 40, "country", CX_Q_ABOUT),
    C("Fewer than 40 boxes came.", 40, "box", CX_Q_UNDER),
    C("As many as 40 children came.", 40, "child", CX_Q_UP_TO),
    C("A 5MW plant.", 5, "MW", CX_Q_NONE),
    C("A 20km road.", 20, "km", CX_Q_NONE),
    C("It reaches 100m people.", 1e8, "person", CX_Q_NONE),
    C("It closed 14 of its biggest plants.", 14, "plant", CX_Q_NONE),
    CR("It hired 3,000-4,000 workers.", 3000, 4000, "worker"),
    CR("It hired between 30 and 40 workers.", 30, 40, "worker"),
};

/* no count (and no money) in these */
static const char *const non_counts[] = {
    "Imports rose in 2022 and again in May 2023.",
    "It flew the Mavic 3 over the city.",
    "Under Article 5 allies must help.",
    "The 45-year-old man was held.",
    "Call 020 7946 0958 for details.",
    "He finished 37th in the race.",
    "It happened at 10:30 in the morning.",
    "Chelsea won 3-1 at home.",
    "He was jailed for three years.",
    "Flight 17 came down.",
    "The iPhone 15 Pro costs more.",
    "Sales of 3G phones rose.",
    "He won the 60m hurdles again.",
    "Covid-19 patients were moved.",
    "Some 2.5GB of data leaked.",
};

#include "pipeline_fixture.h"

static cx_doc *process(const char *text) {
  cx_doc *d = cx_doc_new();
  d->path = "test";
  d->text = text;
  d->text_len = strlen(text);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_process(wk, d, &diag), CX_OK);
  return d;
}

static bool close_to(double a, double b) {
  return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

static void test_rows(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    const row *r = &rows[i];
    cx_doc *d = process(r->text);
    const cx_mention *m = NULL;
    for (size_t k = 0; k < d->n_mentions && !m; k++)
      if (d->mentions[k].type == r->type) m = &d->mentions[k];
    if (!m) fail_msg("%s: no %s mention", r->text, cx_mention_type_name(r->type));
    bool range = r->max != 0;
    if (range != !!(m->flags & CX_MF_RANGE))
      fail_msg("%s: range %d, want %d", r->text, !!(m->flags & CX_MF_RANGE), range);
    if (range ? !(close_to(m->min, r->min) && close_to(m->max, r->max))
              : !close_to(m->value, r->value))
      fail_msg("%s: value %g (%g..%g)", r->text, m->value, m->min, m->max);
    if (r->cur_or_unit) {
      const char *got = r->type == CX_MONEY ? m->currency : m->unit;
      if (!got || strcmp(got, r->cur_or_unit))
        fail_msg("%s: %s, want %s", r->text, got ? got : "(null)", r->cur_or_unit);
    }
    if (m->qualifier != r->q)
      fail_msg("%s: qualifier %d, want %d", r->text, m->qualifier, r->q);
    if ((m->flags & r->flags) != r->flags)
      fail_msg("%s: flags %x, want %x", r->text, m->flags, r->flags);
    cx_doc_free(d);
  }
}

static void test_non_counts(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof non_counts / sizeof *non_counts; i++) {
    cx_doc *d = process(non_counts[i]);
    for (size_t k = 0; k < d->n_mentions; k++)
      if (d->mentions[k].type == CX_COUNT || d->mentions[k].type == CX_MONEY)
        fail_msg("%s: %s mention at %u", non_counts[i],
                 cx_mention_type_name(d->mentions[k].type), d->mentions[k].start);
    cx_doc_free(d);
  }
}

static void test_bare_dollar_context(void **state) {
  (void)state;
  cx_doc *d = process("It paid HK$5 million. A further $8 million followed.");
  int seen = 0;
  for (size_t k = 0; k < d->n_mentions; k++) {
    const cx_mention *m = &d->mentions[k];
    if (m->type != CX_MONEY) continue;
    assert_string_equal(m->currency, "HKD");
    if (seen++ == 1) assert_true(m->flags & CX_MF_CURRENCY_ASSUMED);
  }
  assert_int_equal(seen, 2);
  cx_doc_free(d);
}

static void test_yen_sign_context(void **state) {
  (void)state;
  cx_doc *d = process("It cost 40 yuan. Then \u00a530 more, or 12 Australian dollars and later $9.");
  const char *want[] = {"CNY", "CNY", "AUD", "AUD"};
  size_t k = 0;
  for (size_t i = 0; i < d->n_mentions; i++)
    if (d->mentions[i].type == CX_MONEY) {
      assert_true(k < 4);
      assert_string_equal(d->mentions[i].currency, want[k]);
      k++;
    }
  assert_int_equal(k, 4);
  cx_doc_free(d);
}


int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rows),
      cmocka_unit_test(test_non_counts),
      cmocka_unit_test(test_bare_dollar_context),
      cmocka_unit_test(test_yen_sign_context),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
