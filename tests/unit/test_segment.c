/* Segmenter: paragraphs and sentence boundaries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/text.h"
#include "../../pipeline/segment.h"

static cx_text_folds *folds;
static cx_segmenter *seg;

static int setup(void **state) {
  (void)state;
  cx_diag d;
  cx_diag_clear(&d);
  folds = cx_text_folds_new(&d);
  seg = cx_segmenter_new(&d);
  return folds && seg ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cx_text_folds_free(folds);
  cx_segmenter_free(seg);
  return 0;
}

static cx_doc *segment(const char *s) {
  cx_doc *d = cx_doc_new();
  d->id = "t";
  d->text = s;
  d->text_len = strlen(s);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_text_normalize(folds, d, &diag), CX_OK);
  cx_segment(seg, d);
  return d;
}

static void expect_sentences(const char *text, const char *const *want, size_t n) {
  cx_doc *d = segment(text);
  if (d->n_sents != n) {
    for (size_t i = 0; i < d->n_sents; i++)
      print_message("  [%zu] %.*s\n", i, (int)(d->sents[i].end - d->sents[i].start),
                    d->norm + d->sents[i].start);
  }
  assert_int_equal(d->n_sents, n);
  for (size_t i = 0; i < n; i++) {
    size_t len = d->sents[i].end - d->sents[i].start;
    assert_int_equal(len, strlen(want[i]));
    assert_memory_equal(d->norm + d->sents[i].start, want[i], len);
  }
  cx_doc_free(d);
}

#define EXPECT(text, ...)                                          \
  do {                                                             \
    static const char *const w[] = {__VA_ARGS__};                  \
    expect_sentences(text, w, sizeof w / sizeof *w);               \
  } while (0)

static void test_boundaries(void **state) {
  (void)state;
  EXPECT("One fact. Another fact.", "One fact.", "Another fact.");
  EXPECT("Mr. Smith paid $1.2 million. He left.", "Mr. Smith paid $1.2 million.", "He left.");
  EXPECT("The U.S. Treasury said so. It did.", "The U.S. Treasury said so.", "It did.");
  EXPECT("On Jan. 5 it rained.", "On Jan. 5 it rained.");
  EXPECT("John F. Kennedy spoke.", "John F. Kennedy spoke.");
  EXPECT("Shares in Acme Corp. rose. The index fell.", "Shares in Acme Corp. rose.", "The index fell.");
  EXPECT("It was sold to Acme Co. The deal closed.", "It was sold to Acme Co.", "The deal closed.");
  EXPECT("Bought from Acme Co. Ltd for cash.", "Bought from Acme Co. Ltd for cash.");
  EXPECT("\"We will win.\" She smiled.", "\"We will win.\"", "She smiled.");
  EXPECT("'It is over.' Then silence.", "'It is over.'", "Then silence.");
  EXPECT("Really? Yes! Fine.", "Really?", "Yes!", "Fine.");
  EXPECT("Growth was 2.5 percent. Prices rose.", "Growth was 2.5 percent.", "Prices rose.");
  EXPECT("no final stop", "no final stop");
}

static void test_paragraphs(void **state) {
  (void)state;
  cx_doc *d = segment("First line.\nSecond line.\n\n\nThird para\ncontinues here.\n");
  assert_int_equal(d->n_paras, 3);
  assert_memory_equal(d->norm + d->paras[2].start, "Third para\ncontinues here.",
                      d->paras[2].end - d->paras[2].start);
  assert_int_equal(d->paras[1].n_sents, 1);
  cx_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_boundaries),
      cmocka_unit_test(test_paragraphs),
  };
  return cmocka_run_group_tests_name("segment", tests, setup, teardown);
}
