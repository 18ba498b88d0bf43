/* names normalizer: surface → (type, canonical) tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/names.h"

static void test_lookup_table(void **st) {
  (void)st;
  cx_diag diag;
  cx_diag_clear(&diag);
  cx_names *n = cx_names_new(&diag);
  assert_non_null(n);
  static const struct { const char *in; cx_mention_type type; const char *canon; } cases[] = {
      {"China", CX_GPE, "China"},
      {"Russian Federation", CX_GPE, "Russia"},
      {"JAPANESE", CX_NORP, "Japan"},
      {"Chinese", CX_NORP, "China"},
      {"Russians", CX_NORP, "Russia"},
      {"Hong Kong", CX_GPE, "Hong Kong"},
      {"Europe", CX_LOC, NULL},
      {"Nikkei", CX_ORG, "Nikkei Asia"},
      {"Asia Times", CX_ORG, NULL},
      {"Kiev", CX_GPE, "Kyiv"},
      {"U.S.", CX_GPE, "United States"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    cx_name_hit h;
    assert_true(cx_names_lookup(n, cases[i].in, strlen(cases[i].in), &h));
    assert_int_equal(h.type, cases[i].type);
    if (cases[i].canon) assert_string_equal(h.canonical, cases[i].canon);
  }
  assert_true(cx_names_is_title(n, "Finance Minister", 16));
  assert_true(cx_names_is_first_name(n, "Vladimir", 8));
  assert_int_equal(cx_names_org_word(n, "Ltd", 3), CX_ORGW_SUFFIX);
  assert_true(cx_names_is_stop(n, "Monday", 6));
  cx_names_free(n);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_lookup_table)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
