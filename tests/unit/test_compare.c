/* Compare: grouping, conflict rules (each look-alike), deterministic order.
 * Claims are built by hand; figure positions are found in the text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../pipeline/compare.h"

typedef struct fig {
  cx_fig_type type;
  const char *surface; /* located in the claim text */
  const char *unit;
  double value, min, max;
  bool range;
  cx_qualifier q;
  const char *start, *end;
} fig;

typedef struct spec {
  const char *id, *doc, *outlet, *published, *text;
  fig figs[4];
  const char *ents[4];
  const char *sources[2];
} spec;

static void add(cx_compare *c, const spec *s) {
  size_t k = cx_compare_add_claim(c, s->id, s->doc, s->outlet, s->published, s->text);
  for (int i = 0; i < 4 && s->figs[i].surface; i++) {
    const fig *f = &s->figs[i];
    const char *at = strstr(s->text, f->surface);
    assert_non_null(at);
    cx_cmp_figure g = {f->type, f->unit, f->range, f->value, f->min, f->max, f->q,
                       f->start, f->end, (int)(at - s->text),
                       (int)(at - s->text + strlen(f->surface))};
    cx_compare_add_figure(c, k, &g);
  }
  for (int i = 0; i < 4 && s->ents[i]; i++) cx_compare_add_entity(c, k, s->ents[i]);
  for (int i = 0; i < 2 && s->sources[i]; i++) cx_compare_add_source(c, k, s->sources[i]);
}

static cx_compare *build(const spec *specs, size_t n) {
  cx_compare *c = cx_compare_new();
  for (size_t i = 0; i < n; i++) add(c, &specs[i]);
  cx_diag d;
  cx_diag_clear(&d);
  assert_int_equal(cx_compare_run(c, &d), CX_OK);
  return c;
}

/* The slot of the group holding claim id with the given type, or NULL. */
static const cx_cmp_slot *slot_of(const cx_compare *c, const char *id, cx_fig_type t) {
  for (size_t i = 0; i < cx_compare_n_claims(c); i++) {
    const cx_cmp_claim *k = cx_compare_claim(c, i);
    if (strcmp(k->id, id) || k->group < 0) continue;
    const cx_cmp_group *g = cx_compare_group(c, (size_t)k->group);
    for (size_t s = 0; s < g->n_slots; s++)
      for (size_t v = 0; v < g->slots[s].n_values; v++)
        for (size_t j = 0; j < g->slots[s].values[v].n_claims; j++)
          if (g->slots[s].values[v].claims[j] == i && g->slots[s].type == t)
            return &g->slots[s];
  }
  return NULL;
}

static int group_of(const cx_compare *c, const char *id) {
  for (size_t i = 0; i < cx_compare_n_claims(c); i++)
    if (!strcmp(cx_compare_claim(c, i)->id, id)) return cx_compare_claim(c, i)->group;
  return -2;
}

#define COUNT(s, v, u) ((fig){CX_FIG_COUNT, s, u, v, 0, 0, false, CX_Q_NONE, NULL, NULL})
#define COUNTQ(s, v, u, q) ((fig){CX_FIG_COUNT, s, u, v, 0, 0, false, q, NULL, NULL})
#define MONEY(s, v, cur) ((fig){CX_FIG_MONEY, s, cur, v, 0, 0, false, CX_Q_NONE, NULL, NULL})
#define DATE(s, d) ((fig){CX_FIG_DATE, s, NULL, 0, 0, 0, false, CX_Q_NONE, d, NULL})
#define PERIOD(s, a, b) ((fig){CX_FIG_DATERANGE, s, NULL, 0, 0, 0, false, CX_Q_NONE, a, b})

/* Two outlets, the same sentence shape, two values for one figure. */
static bool pair_conflicts(fig a, fig b, const char *ta, const char *tb) {
  spec s[2] = {
      {"a1", "a.txt", "Alpha News", "2025-01-01", ta, {a}, {"Kestrel Bay"}, {NULL}},
      {"b1", "b.txt", "Beta Post", "2025-01-02", tb, {b}, {"Kestrel Bay"}, {NULL}},
  };
  cx_compare *c = build(s, 2);
  assert_int_equal(cx_compare_n_groups(c), 1);
  const cx_cmp_slot *sl = slot_of(c, "a1", a.type);
  assert_non_null(sl);
  bool r = sl->conflict;
  if (r) assert_non_null(sl->explanation);
  cx_compare_free(c);
  return r;
}

static void test_count_conflict(void **state) {
  (void)state;
  assert_true(pair_conflicts(COUNT("37 drones", 37, "drone"), COUNT("73 drones", 73, "drone"),
                             "Customs at Kestrel Bay seized 37 drones from the freighter.",
                             "Customs at Kestrel Bay seized 73 drones from the freighter."));
  /* a lower bound does not hold transposed digits */
  assert_true(pair_conflicts(COUNTQ("at least 37 drones", 37, "drone", CX_Q_AT_LEAST),
                             COUNT("73 drones", 73, "drone"),
                             "Customs at Kestrel Bay seized at least 37 drones from the freighter.",
                             "Customs at Kestrel Bay seized 73 drones from the freighter."));
}

static void test_rounding_agrees(void **state) {
  (void)state;
  assert_false(pair_conflicts(MONEY("$2.3bn", 2.3e9, "USD"), MONEY("US$2.3 billion", 2.3e9, "USD"),
                              "The cargo landed at Kestrel Bay was valued at $2.3bn by customs.",
                              "The cargo landed at Kestrel Bay was valued at US$2.3 billion by customs."));
  assert_false(pair_conflicts(MONEY("$2.3bn", 2.3e9, "USD"), MONEY("$2.314bn", 2.314e9, "USD"),
                              "The cargo landed at Kestrel Bay was valued at $2.3bn by customs.",
                              "The cargo landed at Kestrel Bay was valued at $2.314bn by customs."));
  assert_true(pair_conflicts(MONEY("412 billion won", 412e9, "KRW"), MONEY("421 billion won", 421e9, "KRW"),
                             "The shipping line at Kestrel Bay was fined 412 billion won by regulators.",
                             "The shipping line at Kestrel Bay was fined 421 billion won by regulators."));
  assert_true(pair_conflicts(MONEY("Rs 48 crore", 48e7, "INR"), MONEY("Rs 84 crore", 84e7, "INR"),
                             "The port at Kestrel Bay spent Rs 48 crore on new cranes.",
                             "The port at Kestrel Bay spent Rs 84 crore on new cranes."));
  /* "over 30,000" holds 37,000 */
  assert_false(pair_conflicts(COUNTQ("over 30,000 drones", 30000, "drone", CX_Q_OVER),
                              COUNT("35,000 drones", 35000, "drone"),
                              "Kestrel Bay handled over 30,000 drones last year.",
                              "Kestrel Bay handled 35,000 drones last year."));
}

static void test_range_holds_value(void **state) {
  (void)state;
  fig range = {CX_FIG_COUNT, "3,000-4,000 containers", "container", 0, 3000, 4000, true, CX_Q_NONE, NULL, NULL};
  assert_false(pair_conflicts(range, COUNTQ("up to 4,000 containers", 4000, "container", CX_Q_UP_TO),
                              "Inspectors at Kestrel Bay checked 3,000-4,000 containers this week.",
                              "Inspectors at Kestrel Bay checked up to 4,000 containers this week."));
  fig range2 = range;
  range2.surface = "3,000-4,000 containers";
  assert_true(pair_conflicts(range2, COUNT("9,000 containers", 9000, "container"),
                             "Inspectors at Kestrel Bay checked 3,000-4,000 containers this week.",
                             "Inspectors at Kestrel Bay checked 9,000 containers this week."));
}

static void test_scope_differs(void **state) {
  (void)state;
  assert_false(pair_conflicts(COUNT("37 drones", 37, "drone"), COUNT("73 drones", 73, "drone"),
                              "Customs at Kestrel Bay seized 37 drones from the freighter.",
                              "Customs at Kestrel Bay seized 73 drones and spare parts from the freighter."));
}

static void test_dates(void **state) {
  (void)state;
  assert_true(pair_conflicts(DATE("March 3, 2025", "2025-03-03"), DATE("March 13, 2025", "2025-03-13"),
                             "The freighter Lorelei Star docked at Kestrel Bay on March 3, 2025.",
                             "The freighter Lorelei Star docked at Kestrel Bay on March 13, 2025."));
  assert_false(pair_conflicts(DATE("March 2025", "2025-03"), DATE("March 3, 2025", "2025-03-03"),
                              "The freighter Lorelei Star docked at Kestrel Bay in March 2025.",
                              "The freighter Lorelei Star docked at Kestrel Bay on March 3, 2025."));
  assert_true(pair_conflicts(PERIOD("December 2022 and April 2023", "2022-12", "2023-04"),
                             PERIOD("December 2022 and March 2023", "2022-12", "2023-03"),
                             "Kestrel Bay imported the drones between December 2022 and April 2023.",
                             "Kestrel Bay imported the drones between December 2022 and March 2023."));
  assert_false(pair_conflicts(PERIOD("December 2022 and April 2023", "2022-12", "2023-04"),
                              DATE("March 2023", "2023-03"),
                              "Kestrel Bay imported the drones between December 2022 and April 2023.",
                              "Kestrel Bay imported the drones in March 2023."));
}

/* An outlet reporting another outlet's figure is not a third voice. */
static void test_quote_is_not_conflict(void **state) {
  (void)state;
  spec s[] = {
      {"a1", "a.txt", "Alpha News", "2025-01-01", "Customs at Kestrel Bay seized 37 drones from the freighter.",
       {COUNT("37 drones", 37, "drone")}, {"Kestrel Bay"}, {NULL}},
      {"b1", "b.txt", "Beta Post", "2025-01-02",
       "Gamma Times reported that customs at Kestrel Bay seized 73 drones from the freighter.",
       {COUNT("73 drones", 73, "drone")}, {"Kestrel Bay", "Gamma Times"}, {"Gamma Times"}},
      {"c1", "c.txt", "Gamma Times", "2025-01-01", "The harbour at Kestrel Bay reopened.", {{0}}, {NULL}, {NULL}},
  };
  cx_compare *c = build(s, 3);
  const cx_cmp_slot *sl = slot_of(c, "a1", CX_FIG_COUNT);
  assert_non_null(sl);
  assert_int_equal(sl->n_values, 2);
  assert_false(sl->conflict);
  assert_string_equal(cx_compare_claim(c, 1)->quotes, "Gamma Times");
  cx_compare_free(c);
}

/* Syndicated copies share a group; a shipment's value and a company's
 * revenue in the same story do not. */
static void test_grouping(void **state) {
  (void)state;
  spec s[] = {
      {"a1", "a.txt", "Alpha News", "2025-01-01T08:00", "The cargo was valued at $2.3 million, customs filings show.",
       {MONEY("$2.3 million", 2.3e6, "USD")}, {NULL}, {NULL}},
      {"b1", "b.txt", "Beta Post", "2025-01-01T09:00", "The cargo was valued at $2.3 million, customs filings show.",
       {MONEY("$2.3 million", 2.3e6, "USD")}, {NULL}, {NULL}},
      {"c1", "c.txt", "Gamma Times", "2025-01-02", "Halvard Marine reported annual revenue of $2.9 million, filings show.",
       {MONEY("$2.9 million", 2.9e6, "USD")}, {"Halvard Marine"}, {NULL}},
      {"c2", "c.txt", "Gamma Times", "2025-01-02", "Customs put the value of the cargo at $2.3 million, filings show.",
       {MONEY("$2.3 million", 2.3e6, "USD")}, {NULL}, {NULL}},
      {"d1", "d.txt", "Delta Daily", "2025-01-03", "Lawmakers met on Friday.", {{0}}, {NULL}, {NULL}},
  };
  cx_compare *c = build(s, 5);
  assert_int_equal(cx_compare_n_groups(c), 1);
  int g = group_of(c, "a1");
  assert_int_equal(g, 0);
  assert_int_equal(group_of(c, "b1"), g);
  assert_int_equal(group_of(c, "c2"), g);
  assert_int_equal(group_of(c, "c1"), -1);
  assert_int_equal(group_of(c, "d1"), -1);
  const cx_cmp_group *gr = cx_compare_group(c, 0);
  assert_string_equal(cx_compare_claim(c, gr->first)->id, "a1");
  assert_int_equal(gr->n_outlets, 3);
  assert_false(gr->conflict);
  assert_int_equal(cx_compare_claim(c, 1)->copy_of, 0);
  cx_compare_free(c);
}

/* Claims from one document alone never form a group; different
 * currencies are different units. */
static void test_no_group(void **state) {
  (void)state;
  spec s[] = {
      {"a1", "a.txt", "Alpha News", "2025-01-01", "The port at Kestrel Bay spent $48 million on cranes.",
       {MONEY("$48 million", 48e6, "USD")}, {"Kestrel Bay"}, {NULL}},
      {"a2", "a.txt", "Alpha News", "2025-01-01", "The port at Kestrel Bay spent $84 million on cranes.",
       {MONEY("$84 million", 84e6, "USD")}, {"Kestrel Bay"}, {NULL}},
      {"b1", "b.txt", "Beta Post", "2025-01-02", "The port at Kestrel Bay spent €84 million on cranes.",
       {MONEY("€84 million", 84e6, "EUR")}, {"Kestrel Bay"}, {NULL}},
  };
  cx_compare *c = build(s, 3);
  assert_int_equal(cx_compare_n_groups(c), 0);
  cx_compare_free(c);
}

static void test_deterministic_order(void **state) {
  (void)state;
  spec s[] = {
      {"a1", "a.txt", "Alpha News", "2025-01-01", "Customs at Kestrel Bay seized 37 drones from the freighter.",
       {COUNT("37 drones", 37, "drone")}, {"Kestrel Bay"}, {NULL}},
      {"b1", "b.txt", "Beta Post", "2025-01-02", "Customs at Kestrel Bay seized 73 drones from the freighter.",
       {COUNT("73 drones", 73, "drone")}, {"Kestrel Bay"}, {NULL}},
      {"c1", "c.txt", "Gamma Times", "2025-01-01", "The freighter Lorelei Star docked at Kestrel Bay on March 3, 2025.",
       {DATE("March 3, 2025", "2025-03-03")}, {"Lorelei Star"}, {NULL}},
      {"d1", "d.txt", "Delta Daily", "2025-01-03", "The freighter Lorelei Star docked at Kestrel Bay on March 13, 2025.",
       {DATE("March 13, 2025", "2025-03-13")}, {"Lorelei Star"}, {NULL}},
      {"e1", "e.txt", "Echo Wire", NULL, "Customs at Kestrel Bay seized 37 drones from the freighter.",
       {COUNT("37 drones", 37, "drone")}, {"Kestrel Bay"}, {NULL}},
  };
  enum { N = sizeof s / sizeof *s };
  static const size_t perms[][N] = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 4, 0, 3, 1}};
  char *first[3] = {NULL};
  for (int p = 0; p < 3; p++) {
    cx_compare *c = cx_compare_new();
    for (size_t i = 0; i < N; i++) add(c, &s[perms[p][i]]);
    assert_int_equal(cx_compare_run(c, NULL), CX_OK);
    for (int f = 0; f < 3; f++) {
      cx_buf b;
      cx_buf_init(&b);
      cx_compare_render(c, (cx_compare_format)f, false, &b);
      cx_buf_putc(&b, 0);
      if (p == 0 && f == 1) first[0] = cx_xstrdup(b.data);
      if (p > 0 && f == 1) assert_string_equal(first[0], b.data);
      cx_buf_free(&b);
    }
    assert_int_equal(cx_compare_n_groups(c), 2);
    /* groups ordered by first appearance; undated claims last */
    const cx_cmp_group *g0 = cx_compare_group(c, 0);
    assert_string_equal(cx_compare_claim(c, g0->first)->id, "a1");
    assert_string_equal(cx_compare_claim(c, g0->claims[g0->n_claims - 1])->id, "e1");
    cx_compare_free(c);
  }
  assert_non_null(strstr(first[0], "\"conflict\":true"));
  free(first[0]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_count_conflict),      cmocka_unit_test(test_rounding_agrees),
      cmocka_unit_test(test_range_holds_value),   cmocka_unit_test(test_scope_differs),
      cmocka_unit_test(test_dates),               cmocka_unit_test(test_quote_is_not_conflict),
      cmocka_unit_test(test_grouping),            cmocka_unit_test(test_no_group),
      cmocka_unit_test(test_deterministic_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
