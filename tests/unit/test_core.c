/* Arena, buffers, JSON helpers, lexicons and passage hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/lexicon.h"
#include "../../pipeline/dedup.h"

static void test_arena(void **state) {
  (void)state;
  cx_arena *a = cx_arena_new();
  char *s = cx_arena_strdup(a, "hello");
  assert_string_equal(s, "hello");
  void *big = cx_arena_alloc(a, 1 << 20); /* oversized block */
  memset(big, 1, 1 << 20);
  for (int i = 0; i < 10000; i++) cx_arena_alloc(a, 100);
  assert_true(cx_arena_used(a) > (1 << 20));
  assert_true(((uintptr_t)cx_arena_alloc(a, 3) & 15) == 0);
  cx_arena_reset(a);
  assert_int_equal(cx_arena_used(a), 0);
  assert_string_equal(cx_arena_printf(a, "%d-%s", 42, "x"), "42-x");
  cx_arena_free(a);
  cx_arena_free(NULL);
}

static void test_json(void **state) {
  (void)state;
  cx_buf b;
  cx_buf_init(&b);
  cx_buf_json_cstr(&b, "a\"b\\c\n\x01");
  assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001\"");
  b.len = 0;
  cx_buf_json_num(&b, 103000);
  cx_buf_putc(&b, ' ');
  cx_buf_json_num(&b, 1.2e6);
  cx_buf_putc(&b, ' ');
  cx_buf_json_num(&b, 0.5);
  cx_buf_putc(&b, ' ');
  cx_buf_json_num(&b, 34.6);
  assert_string_equal(b.data, "103000 1200000 0.5 34.6");
  b.len = 0;
  cx_buf_json_cstr(&b, NULL);
  assert_string_equal(b.data, "null");
  cx_buf_free(&b);
}

static void test_lexicon(void **state) {
  (void)state;
  cx_diag d;
  cx_diag_clear(&d);
  const char text[] = "# comment\nNikkei Asia\torg\nDJI\torg\n\nkeyonly\n";
  cx_lexicon *lx = cx_lexicon_parse("t", text, sizeof text - 1, false, &d);
  assert_non_null(lx);
  assert_int_equal(cx_lexicon_size(lx), 3);
  assert_string_equal(cx_lexicon_get(lx, "nikkei asia", 11), "org");
  assert_string_equal(cx_lexicon_get(lx, "NIKKEI ASIA", 11), "org");
  assert_string_equal(cx_lexicon_get(lx, "keyonly", 7), "");
  assert_null(cx_lexicon_get(lx, "nikkei", 6));
  assert_int_equal(cx_lexicon_max_words(lx), 2);
  assert_int_equal(cx_lexicon_find(lx, "dji", 3), 1);
  assert_int_equal(cx_lexicon_find(lx, "DJIX", 3), 1); /* length counts */
  assert_int_equal(cx_lexicon_find(lx, "dj", 2), -1);
  assert_int_equal(cx_lexicon_find(lx, "Nikkei Asib", 11), -1); /* past 8 bytes */
  cx_lexicon_free(lx);
  /* case-sensitive, keys of 8 bytes and longer */
  const char t2[] = "Abcdefgh\t1\nAbcdefghi\t2\nabcdefgh\t3\n";
  lx = cx_lexicon_parse("t2", t2, sizeof t2 - 1, true, &d);
  assert_non_null(lx);
  assert_string_equal(cx_lexicon_get(lx, "Abcdefgh", 8), "1");
  assert_string_equal(cx_lexicon_get(lx, "Abcdefghi", 9), "2");
  assert_string_equal(cx_lexicon_get(lx, "abcdefgh", 8), "3");
  assert_null(cx_lexicon_get(lx, "ABCDEFGH", 8));
  assert_null(cx_lexicon_get(lx, "AbcdefghI", 9));
  cx_lexicon_free(lx);
  assert_null(cx_lexicon_load("no-such-file.tsv", false, &d));
  assert_int_equal(d.status, CX_ERR_DATA);
}

static void test_passage_hash(void **state) {
  (void)state;
  const char *a = "China's DJI is the world's largest.";
  const char *b = "china's  DJI is the World's largest";
  assert_true(cx_passage_hash(a, strlen(a)) == cx_passage_hash(b, strlen(b)));
  const char *c = "China's DJI is the world's smallest.";
  assert_true(cx_passage_hash(a, strlen(a)) != cx_passage_hash(c, strlen(c)));
  assert_true(cx_passage_hash("...", 3) == 0);
}

static void test_status(void **state) {
  (void)state;
  cx_diag d;
  cx_diag_clear(&d);
  cx_diag_set(&d, CX_ERR_UTF8, "a.txt", 3, "first %d", 1);
  cx_diag_set(&d, CX_ERR_PARSE, "b.txt", 4, "second");
  assert_int_equal(d.status, CX_ERR_UTF8); /* first error wins */
  assert_string_equal(d.doc, "a.txt");
  assert_string_equal(d.text, "first 1");
  assert_string_equal(cx_status_message(CX_ERR_UTF8), "invalid UTF-8");
  assert_string_equal(cx_mention_type_name(CX_DATERANGE), "daterange");
  assert_int_equal(cx_mention_type_from_name("norp"), CX_NORP);
  assert_string_equal(cx_qualifier_name(CX_Q_AT_LEAST), "at_least");
  assert_null(cx_qualifier_name(CX_Q_NONE));
  assert_string_equal(cx_stance_name(CX_ST_DENIES), "denies");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena),      cmocka_unit_test(test_json),
      cmocka_unit_test(test_lexicon),    cmocka_unit_test(test_passage_hash),
      cmocka_unit_test(test_status),
  };
  return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
