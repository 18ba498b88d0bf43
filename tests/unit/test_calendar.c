/* calendar: before → after tables for the arithmetic in calendar.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/calendar.h"

static void test_leap_and_month_length(void **st) {
  (void)st;
  static const struct { int y, m, days; } cases[] = {
      {2024, 2, 29}, {2023, 2, 28}, {1900, 2, 28}, {2000, 2, 29},
      {2023, 4, 30}, {2023, 12, 31}, {2023, 13, 0}, {2100, 2, 28}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    assert_int_equal(cx_cal_days_in_month(cases[i].y, cases[i].m), cases[i].days);
  assert_true(cx_cal_is_leap(2024));
  assert_false(cx_cal_is_leap(1900));
  assert_true(cx_cal_is_leap(2000));
}

static void test_weekday(void **st) {
  (void)st;
  static const struct { cx_ymd t; int wd; } cases[] = {
      {{2023, 3, 3}, 5},  {{1970, 1, 1}, 4}, {{2000, 1, 1}, 6},
      {{2024, 2, 29}, 4}, {{1969, 12, 31}, 3}, {{2013, 3, 22}, 5}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    assert_int_equal(cx_cal_weekday(cases[i].t), cases[i].wd);
}

static void test_iso_week(void **st) {
  (void)st;
  static const struct { cx_ymd t; int wy, wn; } cases[] = {
      {{2021, 1, 1}, 2020, 53}, {{2024, 12, 30}, 2025, 1}, {{2023, 1, 1}, 2022, 52},
      {{2023, 1, 2}, 2023, 1},  {{1998, 2, 27}, 1998, 9},  {{2020, 12, 31}, 2020, 53},
      {{2026, 6, 15}, 2026, 25}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    int wy, wn;
    cx_cal_iso_week(cases[i].t, &wy, &wn);
    assert_int_equal(wy, cases[i].wy);
    assert_int_equal(wn, cases[i].wn);
  }
}

static void test_add(void **st) {
  (void)st;
  static const struct { cx_ymd t; long days; int months; cx_ymd want; } cases[] = {
      {{2024, 2, 28}, 1, 0, {2024, 2, 29}},  {{2023, 2, 28}, 1, 0, {2023, 3, 1}},
      {{2023, 1, 1}, -1, 0, {2022, 12, 31}}, {{2023, 12, 31}, 1, 0, {2024, 1, 1}},
      {{2023, 1, 31}, 0, 1, {2023, 2, 28}},  {{2024, 1, 31}, 0, 1, {2024, 2, 29}},
      {{2023, 1, 15}, 0, -1, {2022, 12, 15}}, {{2023, 3, 31}, 0, -13, {2022, 2, 28}},
      {{2024, 2, 29}, 0, 12, {2025, 2, 28}}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cx_ymd r = cases[i].months ? cx_cal_add_months(cases[i].t, cases[i].months)
                               : cx_cal_add_days(cases[i].t, cases[i].days);
    assert_int_equal(r.y, cases[i].want.y);
    assert_int_equal(r.m, cases[i].want.m);
    assert_int_equal(r.d, cases[i].want.d);
  }
  /* round trip over four centuries of day counts */
  for (long z = -150000; z < 150000; z += 37) {
    cx_ymd t = cx_cal_from_days(z);
    assert_true(cx_cal_valid(t));
    assert_int_equal(cx_cal_to_days(t), z);
  }
}

static void test_quarter_half(void **st) {
  (void)st;
  static const int q[13] = {0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
  for (int m = 1; m <= 12; m++) {
    assert_int_equal(cx_cal_quarter(m), q[m]);
    assert_int_equal(cx_cal_half(m), m <= 6 ? 1 : 2);
  }
}

static void test_resolve(void **st) {
  (void)st;
  cx_ymd jan = {2023, 1, 15}, mar = {2023, 3, 3};
  /* "December" in a January article is last December */
  assert_int_equal(cx_cal_resolve_month(jan, 12, true), 2022);
  assert_int_equal(cx_cal_resolve_month(jan, 1, true), 2023);
  /* ... unless the sentence speaks of the future */
  assert_int_equal(cx_cal_resolve_month(jan, 12, false), 2023);
  assert_int_equal(cx_cal_resolve_month(mar, 2, false), 2024);
  /* month/day: nearest either way */
  assert_int_equal(cx_cal_nearest_month_day(jan, 12, 28), 2022);
  assert_int_equal(cx_cal_nearest_month_day(jan, 2, 10), 2023);
  assert_int_equal(cx_cal_nearest_month_day((cx_ymd){2023, 12, 20}, 1, 5), 2024);
  assert_int_equal(cx_cal_resolve_month_day(jan, 1, 20, true), 2022);
  /* weekdays: Friday 2023-03-03 */
  cx_ymd t = cx_cal_resolve_weekday(mar, 2, true);
  assert_int_equal(t.m, 2);
  assert_int_equal(t.d, 28);
  t = cx_cal_resolve_weekday(mar, 5, true);
  assert_int_equal(t.d, 3);
  t = cx_cal_resolve_weekday(mar, 1, false);
  assert_int_equal(t.d, 6);
  /* quarters */
  assert_int_equal(cx_cal_resolve_quarter(jan, 4, true), 2022);
  assert_int_equal(cx_cal_resolve_quarter((cx_ymd){1989, 11, 2}, 3, true), 1989);
  assert_int_equal(cx_cal_resolve_quarter(jan, 2, false), 2023);
}

/* fiscal year 2024 and its parts for each start month; year of a date */
static void test_fiscal(void **st) {
  (void)st;
  static const struct {
    int start;
    char kind;
    int n, fy, m1, fm, ly, lm;
  } cs[] = {
      {1, 0, 0, 2024, 2024, 1, 2024, 12},  {4, 0, 0, 2024, 2023, 4, 2024, 3},
      {7, 0, 0, 2024, 2023, 7, 2024, 6},   {10, 0, 0, 2024, 2023, 10, 2024, 9},
      {10, 'Q', 1, 2024, 2023, 10, 2023, 12}, {10, 'Q', 4, 2024, 2024, 7, 2024, 9},
      {4, 'H', 2, 2024, 2023, 10, 2024, 3}, {1, 'Q', 3, 2024, 2024, 7, 2024, 9},
  };
  for (size_t i = 0; i < sizeof cs / sizeof *cs; i++) {
    cx_ymd a, b;
    cx_cal_fiscal_period(cs[i].start, cs[i].fy, cs[i].kind, cs[i].n, &a, &b);
    assert_int_equal(a.y, cs[i].m1);
    assert_int_equal(a.m, cs[i].fm);
    assert_int_equal(b.y, cs[i].ly);
    assert_int_equal(b.m, cs[i].lm);
  }
  assert_int_equal(cx_cal_fiscal_year_of(10, (cx_ymd){2023, 9, 30}), 2023);
  assert_int_equal(cx_cal_fiscal_year_of(10, (cx_ymd){2023, 10, 1}), 2024);
  assert_int_equal(cx_cal_fiscal_year_of(4, (cx_ymd){2024, 3, 31}), 2024);
  assert_int_equal(cx_cal_fiscal_year_of(1, (cx_ymd){2024, 12, 31}), 2024);
}

static void test_holiday_rules(void **st) {
  (void)st;
  static const struct { cx_ymd want; int y, m, wd, n; } nth[] = {
      {{2022, 11, 24}, 2022, 11, 4, 4},  /* Thanksgiving */
      {{2023, 11, 23}, 2023, 11, 4, 4},
      {{2023, 5, 29}, 2023, 5, 1, -1},   /* last Monday of May */
      {{2024, 9, 2}, 2024, 9, 1, 1}};    /* first Monday of September */
  for (size_t i = 0; i < sizeof nth / sizeof *nth; i++) {
    cx_ymd t = cx_cal_nth_weekday(nth[i].y, nth[i].m, nth[i].wd, nth[i].n);
    assert_int_equal(t.m, nth[i].want.m);
    assert_int_equal(t.d, nth[i].want.d);
  }
  static const cx_ymd easter[] = {{2022, 4, 17}, {2023, 4, 9}, {2024, 3, 31},
                                  {2000, 4, 23}, {2038, 4, 25}};
  for (size_t i = 0; i < sizeof easter / sizeof *easter; i++) {
    cx_ymd t = cx_cal_easter(easter[i].y);
    assert_int_equal(t.m, easter[i].m);
    assert_int_equal(t.d, easter[i].d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_leap_and_month_length), cmocka_unit_test(test_weekday),
      cmocka_unit_test(test_iso_week), cmocka_unit_test(test_add),
      cmocka_unit_test(test_quarter_half), cmocka_unit_test(test_resolve),
      cmocka_unit_test(test_holiday_rules), cmocka_unit_test(test_fiscal)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
