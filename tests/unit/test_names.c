/* names normalizer: surface → (type, canonical) tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "../../normalizers/fold8.h"
#include "../../normalizers/lexicon.h"
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

/* The word table answers as the one-list look-ups do, for every key of
 * every list and in any case. */
static void check_word(const cx_names *n, const char *k, size_t len) {
  const cx_name_word *w = cx_names_word(n, cx_names_hash(CX_NAMES_HASH0, k, len), k, len);
  unsigned f = w ? w->flags : 0;
  assert_int_equal(!!(f & CX_NW_COMMON), cx_names_is_common(n, k, len));
  assert_int_equal(!!(f & CX_NW_STOP), cx_names_is_stop(n, k, len));
  assert_int_equal(!!(f & CX_NW_FIRST), cx_names_is_first_name(n, k, len));
  assert_int_equal(!!(f & CX_NW_TITLE), cx_names_is_title(n, k, len));
  assert_int_equal(!!(f & CX_NW_CTX_BEFORE), cx_names_org_context(n, k, len, true));
  assert_int_equal(!!(f & CX_NW_CTX_AFTER), cx_names_org_context(n, k, len, false));
  assert_int_equal(w ? w->org_word : 0, cx_names_org_word(n, k, len));
  uint64_t h = cx_names_hash(CX_NAMES_HASH0, k, len);
  assert_int_equal(w ? w->gaz_first : 0, cx_names_first_words(n, h, k, len));
  assert_int_equal(w ? w->title_first : 0, cx_names_title_first_words(n, h, k, len));
  if (cx_names_word_type(n, k, len) >= 0) assert_true(f & CX_NW_WORDS);
  cx_name_hit hit;
  if (!(f & CX_NW_GAZ) && !(len > 3 && (k[len - 1] == 's' || k[len - 1] == 'S')))
    assert_false(cx_names_lookup(n, k, len, &hit));
  if ((f & CX_NW_GAZ) && cx_names_word_hit(n, w)->source <= CX_NAME_DEMONYM) {
    assert_true(cx_names_lookup(n, k, len, &hit));
    assert_int_equal(hit.type, cx_names_word_hit(n, w)->type);
    assert_ptr_equal(hit.canonical, cx_names_word_hit(n, w)->canonical);
  }
  if (cx_names_country_may(n, k, len) == false) {
    assert_false((f & CX_NW_GAZ) && cx_names_word_hit(n, w)->source == CX_NAME_COUNTRY);
  }
  if (len >= 1 && len <= 8) { /* one fold for the hash and the probe */
    uint64_t w0 = cx_fold8(cx_head8(k, len));
    assert_true(cx_names_hash_w0(w0, len) == h);
    assert_ptr_equal(cx_names_word_w0(n, h, w0, len), w);
  }
  bool letters4 = len >= 4;
  for (size_t i = 0; i < 4 && letters4; i++)
    letters4 = (unsigned)((k[i] | 0x20) - 'a') < 26;
  if (letters4 && (f & CX_NW_GAZ) && cx_names_word_hit(n, w)->source == CX_NAME_COUNTRY) {
    uint32_t head4; /* a country's name passes the entity stage's head test */
    memcpy(&head4, k, 4);
    assert_true(
        cx_names_country_head_may(cx_names_country_head_bits(n), head4 | 0x20202020u, len));
  }
}

/* The gazetteer reading of key by the lists themselves: the first list
 * that has the key answers (NULL gaz: not a gazetteer key). */
static const cx_lexicon *gaz_lists[6];
static bool gaz_slow(const cx_names *n, const char *k, size_t len, cx_name_hit *hit) {
  for (size_t i = 0; i < 6; i++)
    if (cx_lexicon_has(gaz_lists[i], k, len)) return cx_names_lookup_slow(n, k, len, hit);
  return false;
}

/* cx_names_lookup against its definition: a country or demonym, else a
 * plural demonym ("Russians"), else any gazetteer entry. */
static void check_lookup(const cx_names *n, const char *k, size_t len) {
  cx_name_hit want = {0}, d, got;
  bool found = gaz_slow(n, k, len, &want);
  if (!(found && want.source <= CX_NAME_DEMONYM) && len > 3 &&
      (k[len - 1] == 's' || k[len - 1] == 'S') && gaz_slow(n, k, len - 1, &d) &&
      d.source == CX_NAME_DEMONYM)
    want = d, found = true;
  assert_int_equal(cx_names_lookup(n, k, len, &got), found);
  if (!found) return;
  assert_int_equal(got.type, want.type);
  assert_int_equal(got.source, want.source);
  if (want.canonical) assert_string_equal(got.canonical, want.canonical);
  else assert_null(got.canonical);
}

static void test_word_table(void **st) {
  (void)st;
  cx_diag diag;
  cx_diag_clear(&diag);
  cx_names *n = cx_names_new(&diag);
  assert_non_null(n);
  static const char *const files[] = {
      "names_countries.tsv", "names_demonyms.tsv", "names_places.tsv", "names_orgs.tsv",
      "names_orgs_more.tsv", "names_gazetteer.tsv", "names_titles.tsv", "names_first.tsv",
      "names_first_extra.tsv", "names_first_en.tsv", "names_common.tsv", "names_org_words.tsv",
      "names_stop.tsv", "names_org_context.tsv", "names_words.tsv"};
  for (size_t f = 0; f < 6; f++) /* the gazetteers, in look-up order */
    gaz_lists[f] = cx_lexicon_load(files[f], false, &diag);
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    cx_lexicon *lx = cx_lexicon_load(files[f], false, &diag);
    assert_non_null(lx);
    for (size_t i = 0; i < cx_lexicon_size(lx); i++) {
      char buf[256];
      const char *k = cx_lexicon_key(lx, i);
      size_t len = strlen(k);
      if (len >= sizeof buf) continue;
      check_word(n, k, len);
      for (size_t j = 0; j < len; j++) /* another case */
        buf[j] = (char)(k[j] >= 'a' && k[j] <= 'z' ? k[j] - 32 : k[j]);
      check_word(n, buf, len);
      const char *sp = memchr(k, ' ', len); /* a first word */
      if (sp) check_word(n, k, (size_t)(sp - k));
      if (len + 1 < sizeof buf) { /* a plural */
        memcpy(buf, k, len);
        buf[len] = 's';
        check_word(n, buf, len + 1);
        check_lookup(n, buf, len + 1);
      }
      check_lookup(n, k, len);
    }
    cx_lexicon_free(lx);
  }
  for (size_t f = 0; f < 6; f++) cx_lexicon_free((cx_lexicon *)gaz_lists[f]);
  check_word(n, "zzqx", 4);
  check_word(n, "the", 3);
  cx_names_free(n);
}

/* Every prefix of a key of several tokens passes the prefix filter, case
 * folded; a phrase no key starts with is cut. */
static void test_gaz_prefix(void **st) {
  (void)st;
  cx_diag diag;
  cx_diag_clear(&diag);
  cx_names *n = cx_names_new(&diag);
  assert_non_null(n);
  size_t mask;
  const uint64_t *bits = cx_names_gaz_prefix_bits(n, &mask);
  static const char *const in[] = {"Hong Kong", "HONG KONG", "Russian Federation", "Asia Times",
                                   "U.S."};
  for (size_t i = 0; i < sizeof in / sizeof *in; i++)
    for (size_t l = (size_t)(strpbrk(in[i], " .") - in[i]) + 1; l <= strlen(in[i]); l++)
      assert_true(cx_names_prefix_may(bits, mask, cx_names_hash(CX_NAMES_HASH0, in[i], l)));
  assert_false(cx_names_prefix_may(bits, mask,
                                   cx_names_hash(CX_NAMES_HASH0, "Hong Kong zqxj wvk", 18)));
  cx_names_free(n);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_lookup_table),
                                     cmocka_unit_test(test_word_table),
                                     cmocka_unit_test(test_gaz_prefix)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
