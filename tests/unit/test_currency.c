/* normalizers/currency: symbols, codes and names → ISO 4217. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../normalizers/currency.h"

/* "text" with the figure at offset `at`: currency before it. */
typedef struct { const char *text; size_t at; const char *iso; bool ambiguous; } before_row;
static const before_row befores[] = {
    {"US$103,000", 3, "USD", false}, {"$1.2", 1, "USD", true},
    {"HK$10", 3, "HKD", false},      {"A$10", 2, "AUD", false},
    {"C$10", 2, "CAD", false},       {"S$10", 2, "SGD", false},
    {"NZ$10", 3, "NZD", false},      {"R$10", 2, "BRL", false},
    {"€10", 3, "EUR", false},        {"£10", 2, "GBP", false},
    {"¥10", 2, "JPY", true},         {"₹10", 3, "INR", false},
    {"Rs 10", 3, "INR", true},       {"₽10", 3, "RUB", false},
    {"₩10", 3, "KRW", false},        {"us $ 150", 5, "USD", false},
    {"hk $ 10", 5, "HKD", false},    {"c $ 16", 4, "CAD", false},
    {"u.s $ 1", 6, "USD", false},    {"USD 4.5m", 4, "USD", false},
    {"GBP 27", 4, "GBP", false},     {"USD34.6m", 3, "USD", false},
    {"Mex$ 10", 5, "MXN", false},    {"usd$ 15", 5, "USD", false},
    {"MUSD 30", 5, "USD", false},
};

/* currency after a figure ending at `at` */
typedef struct { const char *text; size_t at; const char *iso; } after_row;
static const after_row afters[] = {
    {"4.5m USD", 4, "USD"},          {"27 million GBP", 10, "GBP"},
    {"5 dollars", 1, "USD"},         {"5 euros", 1, "EUR"},
    {"5 pounds", 1, "GBP"},          {"5 yen", 1, "JPY"},
    {"5 yuan", 1, "CNY"},            {"5 renminbi", 1, "CNY"},
    {"5 rupees", 1, "INR"},          {"5 roubles", 1, "RUB"},
    {"5 rubles", 1, "RUB"},          {"5 won", 1, "KRW"},
    {"5 lira", 1, "TRY"},            {"10 swiss francs", 2, "CHF"},
    {"125 australian dollars", 3, "AUD"}, {"10 us dollar", 2, "USD"},
    {"100 chinese yuan", 3, "CNY"},  {"115USD", 3, "USD"},
    {"one-yen", 3, "JPY"},           {"5 €", 1, "EUR"},
    {"100 ₡", 3, "CRC"},             {"20 rmb", 2, "CNY"},
};

static const char *const not_after[] = {"5 people", "5 ALL", "5 Try", "5 usd50"};

static void test_before(void **state) {
  cx_currencies *cx = *state;
  for (size_t i = 0; i < sizeof befores / sizeof *befores; i++) {
    cx_currency c;
    const before_row *r = &befores[i];
    if (!cx_currency_before(cx, r->text, r->at, &c))
      fail_msg("%s: no currency before %zu", r->text, r->at);
    if (strcmp(c.iso, r->iso) || !!(c.flags & CX_CUR_AMBIGUOUS) != r->ambiguous)
      fail_msg("%s → %s (ambiguous %d), want %s", r->text, c.iso,
               !!(c.flags & CX_CUR_AMBIGUOUS), r->iso);
  }
}

static void test_after(void **state) {
  cx_currencies *cx = *state;
  for (size_t i = 0; i < sizeof afters / sizeof *afters; i++) {
    cx_currency c;
    const after_row *r = &afters[i];
    if (!cx_currency_after(cx, r->text, strlen(r->text), r->at, &c))
      fail_msg("%s: no currency after %zu", r->text, r->at);
    if (strcmp(c.iso, r->iso)) fail_msg("%s → %s, want %s", r->text, c.iso, r->iso);
  }
  for (size_t i = 0; i < sizeof not_after / sizeof *not_after; i++) {
    cx_currency c;
    if (cx_currency_after(cx, not_after[i], strlen(not_after[i]), 1, &c))
      fail_msg("%s: currency %s found", not_after[i], c.iso);
  }
}

static void test_subunits(void **state) {
  cx_currencies *cx = *state;
  cx_currency c;
  assert_true(cx_currency_after(cx, "34 cents", 8, 2, &c));
  assert_true(c.flags & CX_CUR_SUBUNIT);
  assert_string_equal(c.iso, "");
  assert_true(cx_currency_after(cx, "20p", 3, 2, &c));
  assert_false(cx_currency_after(cx, "20 p", 4, 2, &c));
}

static void test_outlet(void **state) {
  cx_currencies *cx = *state;
  char iso[4], fam;
  assert_true(cx_currency_for_url(cx, "https://www.smh.com.au/business/x", iso, &fam));
  assert_string_equal(iso, "AUD");
  assert_int_equal(fam, 'd');
  assert_true(cx_currency_for_url(cx, "https://timesofindia.indiatimes.in/a", iso, &fam));
  assert_string_equal(iso, "INR");
  assert_false(cx_currency_for_url(cx, "https://www.bbc.co.uk/news", iso, &fam));
  assert_false(cx_currency_for_url(cx, NULL, iso, &fam));
}

static int setup(void **state) {
  cx_diag d;
  cx_diag_clear(&d);
  *state = cx_currencies_new(&d);
  return *state ? 0 : -1;
}
static int teardown(void **state) {
  cx_currencies_free(*state);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_before),
      cmocka_unit_test(test_after),
      cmocka_unit_test(test_subunits),
      cmocka_unit_test(test_outlet),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
