/* normalizers/number: before → after tables for every figure form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "../../normalizers/number.h"

typedef struct { const char *in; double out; } row;

static const row figures[] = {
    {"1,200", 1200},
    {"1.2", 1.2},
    {"0.5", 0.5},
    {"-3", -3},
    {"+4", 4},
    {"12,34,567.89", 1234567.89},
    {"1,000,000", 1000000},
    {"thirty-seven", 37},
    {"thirty seven", 37},
    {"two hundred and five", 205},
    {"two hundred five", 205},
    {"nineteen", 19},
    {"a dozen", 12},
    {"one and a half million", 1500000},
    {"two and a half", 2.5},
    {"two dozen", 24},
    {"2 dozen", 24},
    {"half a million", 500000},
    {"half million", 500000},
    {"a quarter million", 250000},
    {"quarter million", 250000},
    {"three quarters billion", 750000000},
    {"a million", 1000000},
    {"a hundred", 100},
    {"five million", 5000000},
    {"two million three hundred thousand", 2300000},
    {"1.2 million", 1200000},
    {"3 thousand", 3000},
    {"4.5 billion", 4500000000.0},
    {"2 trillion", 2e12},
    {"1.2bn", 1.2e9},
    {"4.5m", 4.5e6},
    {"30k", 30000},
    {"2.1 bn", 2.1e9},
    {"1.2-billion", 1.2e9},
    {"5 mn", 5e6},
    {"3 tn", 3e12},
    {"5 trn", 5e12},
    {"1.5b", 1.5e9},
    {"35 lakh", 3500000},
    {"2 crore", 20000000},
    {"four lakh", 400000},
};

static const char *const not_figures[] = {
    "half", "million", "dozens", "a", "and", "one two",
};

static void test_figures(void **state) {
  cx_numbers *nx = *state;
  for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
    double v = -1;
    bool ok = cx_number_parse_str(nx, figures[i].in, &v);
    if (!ok || fabs(v - figures[i].out) > 1e-6 * fabs(figures[i].out))
      fail_msg("%s → %g (parsed %d), want %g", figures[i].in, v, ok,
               figures[i].out);
  }
}

static void test_not_figures(void **state) {
  cx_numbers *nx = *state;
  for (size_t i = 0; i < sizeof not_figures / sizeof *not_figures; i++) {
    double v;
    if (cx_number_parse_str(nx, not_figures[i], &v))
      fail_msg("%s parsed as %g", not_figures[i], v);
  }
}

static void test_spaced_m_is_no_scale(void **state) {
  cx_numbers *nx = *state;
  cx_num n;
  const char *s = "a 5 m wall";
  assert_true(cx_number_parse(nx, s, strlen(s), 2, &n));
  assert_true(n.value == 5 && n.end == 3);
}

static void test_ordinal_flag(void **state) {
  cx_numbers *nx = *state;
  cx_num n;
  const char *s = "the 37th drone";
  assert_true(cx_number_next(nx, s, strlen(s), 0, &n));
  assert_true(n.flags & CX_NUM_ALPHA_AFTER);
}

static void test_qualifiers(void **state) {
  cx_numbers *nx = *state;
  static const struct { const char *in; cx_qualifier q; } rows[] = {
      {"at least 37", CX_Q_AT_LEAST},   {"no less than 37", CX_Q_AT_LEAST},
      {"a minimum of 37", CX_Q_AT_LEAST}, {"over 37", CX_Q_OVER},
      {"more than 37", CX_Q_OVER},      {"above 37", CX_Q_OVER},
      {"in excess of 37", CX_Q_OVER},   {"upwards of 37", CX_Q_OVER},
      {"about 37", CX_Q_ABOUT},         {"around 37", CX_Q_ABOUT},
      {"roughly 37", CX_Q_ABOUT},       {"approximately 37", CX_Q_ABOUT},
      {"nearly 37", CX_Q_ABOUT},        {"almost 37", CX_Q_ABOUT},
      {"some 37", CX_Q_ABOUT},          {"an estimated 37", CX_Q_ABOUT},
      {"close to 37", CX_Q_ABOUT},      {"up to 37", CX_Q_UP_TO},
      {"as much as 37", CX_Q_UP_TO},    {"as many as 37", CX_Q_UP_TO},
      {"less than 37", CX_Q_UNDER},     {"under 37", CX_Q_UNDER},
      {"below 37", CX_Q_UNDER},         {"fewer than 37", CX_Q_UNDER},
      {"bought 37", CX_Q_NONE},
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    size_t at = strlen(rows[i].in) - 2, qs;
    cx_qualifier q = cx_number_qualifier_before(nx, rows[i].in, at, &qs);
    if (q != rows[i].q) fail_msg("%s → %d, want %d", rows[i].in, q, rows[i].q);
  }
}

static int setup(void **state) {
  cx_diag d;
  cx_diag_clear(&d);
  *state = cx_numbers_new(&d);
  return *state ? 0 : -1;
}
static int teardown(void **state) {
  cx_numbers_free(*state);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_figures),
      cmocka_unit_test(test_not_figures),
      cmocka_unit_test(test_spaced_m_is_no_scale),
      cmocka_unit_test(test_ordinal_flag),
      cmocka_unit_test(test_qualifiers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
