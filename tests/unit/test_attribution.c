/* attribution: cue mentions and claim chains/stances through the pipeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../pipeline/cx.h"

#include "pipeline_fixture.h"

/* The claim holding `needle`: its chain joined "A<B" and its stance. */
static void check(const char *text, const char *needle, const char *chain,
                  const char *stance) {
  cx_doc *d = cx_doc_new();
  cx_diag diag;
  cx_diag_clear(&diag);
  d->id = "t";
  d->text = text;
  d->text_len = strlen(text);
  assert_int_equal(cx_process(wk, d, &diag), CX_OK);
  bool found = false;
  for (size_t i = 0; i < d->n_claims; i++) {
    const cx_claim *c = &d->claims[i];
    size_t l = c->end - c->start;
    char *s = strndup(d->norm + c->start, l);
    bool hit = strstr(s, needle) != NULL;
    free(s);
    if (!hit) continue;
    char buf[512] = "";
    for (size_t k = 0; k < c->n_attribution; k++) {
      if (k) strcat(buf, "<");
      strncat(buf, c->attribution[k].source, 100);
    }
    assert_string_equal(buf, chain);
    assert_string_equal(cx_stance_name(c->stance), stance);
    found = true;
  }
  if (!found) fail_msg("no claim with \"%s\"", needle);
  cx_doc_free(d);
}

static const char *article =
    "A Nikkei Asia investigation says Acme is exporting drones, reports Hong Kong's Asia Times.\n\n"
    "Firms imported drones, the Nikkei investigation reported.\n\n"
    "The investigation also claims firms paid for parts.\n\n"
    "China continues to deny that its drones are used, which if confirmed could trigger sanctions.\n\n"
    "'We call for peace,' said a Chinese Ministry of Commerce spokesman quoted by Nikkei.\n\n"
    "Customs records show shipments rose, allegedly.\n";

static void test_credit_line(void **st) {
  (void)st;
  check(article, "exporting", "Asia Times<Nikkei Asia", "reports");
}
static void test_trailing_cue_alias(void **st) {
  (void)st;
  check(article, "imported", "Asia Times<Nikkei Asia", "reports");
}
static void test_anaphoric_source(void **st) {
  (void)st;
  check(article, "paid", "Asia Times<Nikkei Asia", "claims");
}
static void test_denial_beats_hedge(void **st) {
  (void)st;
  check(article, "deny", "Asia Times<China", "denies");
}
static void test_quote_nested(void **st) {
  (void)st;
  check(article, "peace",
        "Asia Times<Nikkei Asia<Chinese Ministry of Commerce spokesman", "quotes");
}
static void test_records_and_hedge(void **st) {
  (void)st;
  check(article, "shipments", "Asia Times<Customs records", "hedged");
}

static const char *speech =
    "According to police, the blast hurt people.\n\n"
    "\"We will not back down,\" Prime Minister Anna Berg told parliament.\n\n"
    "Eleanor Scott, the party's health spokeswoman, said she was pleased.\n\n"
    "The US government denied the claims, saying it condemned torture.\n\n"
    "Police said three men were arrested, Reuters reported.\n\n"
    "The minister, who took office in May, said prices would fall.\n";

static void test_according_to(void **st) {
  (void)st;
  check(speech, "blast", "police", "reports");
}
static void test_direct_speech(void **st) {
  (void)st;
  check(speech, "back down", "Anna Berg", "quotes");
}
static void test_appositive(void **st) {
  (void)st;
  check(speech, "pleased", "Eleanor Scott", "reports");
}
static void test_participle_same_speaker(void **st) {
  (void)st;
  check(speech, "torture", "US government", "denies");
}

static void test_closing_clause_is_outer(void **st) {
  (void)st;
  check(speech, "arrested", "Reuters<Police", "reports");
}
static void test_subject_noun_before_apposition(void **st) {
  (void)st;
  check(speech, "prices", "minister", "reports");
}

/* news patterns: the one told, nested "according to ... quoted by", a
 * quotation over two sentences, conditions and next-sentence hedges */
static const char *news =
    "Sources told Reuters that Harlow Shipping sold 12 tankers.\n\n"
    "Harlow Shipping paid $4 million in fees, the sources said. The claim could not be "
    "independently verified.\n\n"
    "\"The pumps failed 3 times. Nobody fixed them,\" said Elena Marsh, the chief inspector.\n\n"
    "Officials said the firm faces fines of $2 million if the findings are confirmed.\n\n"
    "The cost is $3 million a day, according to a company spokesman quoted by Reuters.\n";

static void test_told_outlet_is_outer(void **st) {
  (void)st;
  check(news, "tankers", "Reuters<Sources", "reports");
}
static void test_hedge_in_next_sentence(void **st) {
  (void)st;
  check(news, "fees", "Sources", "hedged");
}
static void test_quote_over_sentences(void **st) {
  (void)st;
  check(news, "pumps failed", "Elena Marsh", "quotes");
  check(news, "Nobody fixed", "Elena Marsh", "quotes");
}
static void test_if_condition_hedges(void **st) {
  (void)st;
  check(news, "fines", "Officials", "hedged");
}
static void test_quoted_by_outside_according_to(void **st) {
  (void)st;
  check(news, "a day", "Reuters<company spokesman", "reports");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_credit_line),       cmocka_unit_test(test_trailing_cue_alias),
      cmocka_unit_test(test_anaphoric_source),  cmocka_unit_test(test_denial_beats_hedge),
      cmocka_unit_test(test_quote_nested),      cmocka_unit_test(test_records_and_hedge),
      cmocka_unit_test(test_according_to),      cmocka_unit_test(test_direct_speech),
      cmocka_unit_test(test_appositive),        cmocka_unit_test(test_participle_same_speaker),
      cmocka_unit_test(test_closing_clause_is_outer),
      cmocka_unit_test(test_subject_noun_before_apposition),
      cmocka_unit_test(test_told_outlet_is_outer),
      cmocka_unit_test(test_hedge_in_next_sentence),
      cmocka_unit_test(test_quote_over_sentences),
      cmocka_unit_test(test_if_condition_hedges),
      cmocka_unit_test(test_quoted_by_outside_according_to),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
