/* Unicode normalizer: before → after table, and the offset map back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/text.h"

typedef struct {
  const char *before, *after;
} row;

static const row table[] = {
    {"plain ascii", "plain ascii"},
    {"e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9"},               /* NFC */
    {"China\xE2\x80\x99s", "China's"},                       /* ’ */
    {"\xE2\x80\x9C" "drones" "\xE2\x80\x9D", "\"drones\""},  /* “ ” */
    {"\xE2\x80\x98special\xE2\x80\x99", "'special'"},        /* ‘ ’ */
    {"2022\xE2\x80\x93" "2023", "2022-2023"},                /* en dash */
    {"a \xE2\x80\x94 b", "a - b"},                           /* em dash */
    {"US$103,000\xC2\xA0" "dollars", "US$103,000 dollars"},  /* NBSP */
    {"10\xE2\x80\xAF%", "10 %"},                             /* narrow NBSP */
    {"co\xC2\xAD" "operate", "cooperate"},                   /* soft hyphen */
    {"zero\xE2\x80\x8Bwidth", "zerowidth"},                  /* ZWSP */
    {"wait\xE2\x80\xA6", "wait..."},                         /* ellipsis */
    {"line\r\nbreak", "line\nbreak"},                        /* CRLF */
    {"tab\there", "tab\there"},
    {"bell\x07", "bell "},                                   /* C0 control */
    {"\xE2\x88\x92" "5", "-5"},                              /* minus sign */
    {"Z\xC3\xBCrich", "Z\xC3\xBCrich"},                      /* already NFC */
};

static cx_text_folds *folds;

static int setup(void **state) {
  (void)state;
  cx_diag d;
  cx_diag_clear(&d);
  folds = cx_text_folds_new(&d);
  return folds ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  cx_text_folds_free(folds);
  return 0;
}

static void normalize(cx_doc *d, const char *s) {
  cx_doc_reset(d);
  d->id = "t";
  d->text = s;
  d->text_len = strlen(s);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_text_normalize(folds, d, &diag), CX_OK);
}

static void test_table(void **state) {
  (void)state;
  cx_doc *d = cx_doc_new();
  for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
    normalize(d, table[i].before);
    assert_string_equal(d->norm, table[i].after);
    assert_int_equal(d->norm_len, strlen(table[i].after));
  }
  cx_doc_free(d);
}

static void test_offset_map(void **state) {
  (void)state;
  cx_doc *d = cx_doc_new();
  /* "‘Ab’ cd": curly quotes are 3 bytes and one code point each */
  normalize(d, "\xE2\x80\x98" "Ab" "\xE2\x80\x99" " cd");
  assert_string_equal(d->norm, "'Ab' cd");
  const char *cd = strstr(d->norm, "cd");
  uint32_t s = (uint32_t)(cd - d->norm);
  assert_int_equal(cx_doc_cp_offset(d, s), 5);          /* code points */
  assert_int_equal(cx_doc_cp_offset(d, s + 2), 7);
  assert_int_equal(d->norm_to_orig[s], 9);               /* bytes */
  assert_int_equal(cx_doc_cp_offset(d, 1), 1);           /* 'A' */
  cx_doc_free(d);
}

/* Plain ASCII (LF and TAB allowed) is copied as it is, with no offset map;
 * a CR or another control character takes the folding path. */
static void test_ascii_identity(void **state) {
  (void)state;
  cx_doc *d = cx_doc_new();
  normalize(d, "Plain text,\twith a tab\nand a line feed: 100%.");
  assert_null(d->norm_to_orig);
  assert_string_equal(d->norm, "Plain text,\twith a tab\nand a line feed: 100%.");
  assert_int_equal(cx_doc_cp_offset(d, 6), 6);
  normalize(d, "CR\r\nLF and a bell\a here");
  assert_non_null(d->norm_to_orig);
  assert_string_equal(d->norm, "CR\nLF and a bell  here");
  cx_doc_free(d);
}

/* Code point offsets against a byte-by-byte count, over several 64-byte
 * blocks of mixed 1-, 2-, 3- and 4-byte characters, and over ASCII. */
static void test_cp_offset_blocks(void **state) {
  (void)state;
  static const char *const pieces[] = {"ab ", "\xC3\xA9", "\xE2\x82\xAC",
                                       "\xF0\x9F\x98\x80", "xyz"};
  for (int ascii = 0; ascii < 2; ascii++) {
    char text[400];
    size_t n = 0;
    for (int k = 0; n + 4 < sizeof text - 1; k++) {
      const char *p = ascii ? "word " : pieces[(k * 7) % 5];
      size_t m = strlen(p);
      if (n + m >= sizeof text - 1) break;
      memcpy(text + n, p, m);
      n += m;
    }
    text[n] = '\0';
    cx_doc *d = cx_doc_new();
    d->text = text;
    d->text_len = n;
    uint32_t cp = 0;
    for (size_t i = 0; i <= n; i++) {
      bool cont = i < n && ((unsigned char)text[i] & 0xC0) == 0x80;
      uint32_t want = cont && cp ? cp - 1 : cp;
      assert_int_equal(cx_doc_cp_offset(d, (uint32_t)i), want);
      if (i < n && !cont) cp++;
    }
    cx_doc_free(d);
  }
}

static void test_invalid_utf8(void **state) {
  (void)state;
  cx_doc *d = cx_doc_new();
  d->id = "bad";
  d->text = "ok \xC3\x28 no";
  d->text_len = strlen(d->text);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_text_normalize(folds, d, &diag), CX_ERR_UTF8);
  assert_string_equal(diag.doc, "bad");
  assert_int_equal(diag.offset, 3);
  assert_int_equal(cx_utf8_invalid_at("abc", 3), -1);
  assert_int_equal(cx_utf8_invalid_at("ab\xFF", 3), 2);
  cx_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_offset_map),
      cmocka_unit_test(test_cp_offset_blocks),
      cmocka_unit_test(test_ascii_identity),
      cmocka_unit_test(test_invalid_utf8),
  };
  return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
