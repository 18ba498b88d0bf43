/* entity extractor: one case per rule family, through the whole pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../pipeline/cx.h"

typedef struct want { const char *text, *type, *name; } want;

#include "pipeline_fixture.h"

/* Every wanted mention appears with its type and canonical name. */
static void check(const char *text, const want *w, size_t n) {
  cx_doc *d = cx_doc_new();
  cx_diag diag;
  cx_diag_clear(&diag);
  d->id = "t";
  d->text = text;
  d->text_len = strlen(text);
  assert_int_equal(cx_process(wk, d, &diag), CX_OK);
  for (size_t i = 0; i < n; i++) {
    bool found = false;
    for (size_t k = 0; k < d->n_mentions && !found; k++) {
      const cx_mention *m = &d->mentions[k];
      if (strcmp(cx_mention_type_name(m->type), w[i].type) != 0) continue;
      size_t l = m->end - m->start;
      if (l == strlen(w[i].text) && memcmp(d->norm + m->start, w[i].text, l) == 0 &&
          m->str && strcmp(m->str, w[i].name) == 0)
        found = true;
    }
    if (!found) fail_msg("missing %s %s (%s) in: %s", w[i].type, w[i].text, w[i].name, text);
  }
  cx_doc_free(d);
}

static void test_gazetteer_and_possessive(void **st) {
  (void)st;
  want w[] = {{"China", "gpe", "China"}, {"DJI", "org", "DJI"},
              {"Hong Kong", "gpe", "Hong Kong"}, {"Asia Times", "org", "Asia Times"}};
  check("China's DJI makes drones, reports Hong Kong's Asia Times.", w, 4);
}

static void test_demonyms_and_caps(void **st) {
  (void)st;
  want w[] = {{"JAPANESE", "norp", "Japan"}, {"Nikkei Asia", "org", "Nikkei Asia"},
              {"china", "gpe", "China"}, {"Chinese", "norp", "China"}};
  check("A JAPANESE Nikkei Asia investigation says china buys Chinese parts.", w, 4);
}

static void test_titles_and_aliases(void **st) {
  (void)st;
  want w[] = {{"Russian", "norp", "Russia"}, {"Vladimir Putin", "person", "Vladimir Putin"},
              {"Putin", "person", "Vladimir Putin"}, {"Lena Okafor", "person", "Lena Okafor"},
              {"Okafor", "person", "Lena Okafor"}};
  check("Russian President Vladimir Putin met Finance Minister Lena Okafor. "
        "Putin spoke first and Okafor replied.", w, 5);
}

static void test_org_words(void **st) {
  (void)st;
  want w[] = {{"Chinese", "norp", "China"},
              {"Ministry of Commerce", "org", "Ministry of Commerce"},
              {"Acme Widgets Ltd", "org", "Acme Widgets Ltd"}};
  check("A Chinese Ministry of Commerce spokesman praised Acme Widgets Ltd on Monday.", w, 3);
}

static void test_headline(void **st) {
  (void)st;
  want w[] = {{"JAPAN", "gpe", "Japan"}, {"CHINA", "gpe", "China"}};
  check("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .\n", w, 2);
}

static void test_datelines_and_scores(void **st) {
  (void)st;
  want w[] = {{"ALMATY", "gpe", "ALMATY"}, {"Lech Poznan", "org", "Lech Poznan"},
              {"Gornik Zabrze", "org", "Gornik Zabrze"}};
  check("ALMATY, May 16 (staff)\nLech Poznan 2 Gornik Zabrze 1\n", w, 3);
}

/* names inside figures: the counted noun or currency adjective of a count
 * or money mention may be a name; a dateline names a place */
static void test_names_inside_figures(void **st) {
  (void)st;
  want w[] = {{"Polish", "norp", "Poland"}, {"Swiss", "norp", "Switzerland"},
              {"Russian", "norp", "Russia"}};
  check("An estimated 800 Polish nurses work abroad. He paid 10,000 Swiss francs. "
        "At least 50 Russian soldiers were hurt.\n", w, 3);
}

static void test_people_shapes(void **st) {
  (void)st;
  want w[] = {{"M. Gatting", "person", "M. Gatting"},
              {"Patrick Rafter", "person", "Patrick Rafter"}};
  check("Scores came from M. Gatting today. Then unseeded Patrick Rafter won.", w, 2);
}

static void test_org_shapes(void **st) {
  (void)st;
  want w[] = {{"Dynamo Batumi", "org", "Dynamo Batumi"},
              {"Democratic Party", "org", "Democratic Party"},
              {"National Bank of Poland", "org", "National Bank of Poland"},
              {"U.S. Agriculture Department", "org", "U.S. Agriculture Department"}};
  check("Fans of Dynamo Batumi cheered. The Democratic Party and the National Bank of "
        "Poland met the U.S. Agriculture Department.", w, 4);
}

static void test_one_type_per_document(void **st) {
  (void)st;
  want w[] = {{"Petofi", "org", "Petofi"}};
  /* typed by its score line; the later mention takes the same type */
  check("Petofi 2 Ujpest 1\nLater the coach praised Petofi again.\n", w, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gazetteer_and_possessive),
      cmocka_unit_test(test_demonyms_and_caps),
      cmocka_unit_test(test_titles_and_aliases),
      cmocka_unit_test(test_org_words),
      cmocka_unit_test(test_headline),
      cmocka_unit_test(test_datelines_and_scores),
      cmocka_unit_test(test_names_inside_figures),
      cmocka_unit_test(test_people_shapes),
      cmocka_unit_test(test_org_shapes),
      cmocka_unit_test(test_one_type_per_document),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
