/* De-duplication: repeats within a document, clusters across documents,
 * near copies, syndication links and first appearance by date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdint.h>
#include <xxhash.h>

#include "../../pipeline/dedup.h"
#include "../../pipeline/dedup_index.h"

#include "pipeline_fixture.h"

static cx_doc *prepared(const char *id, const char *published, const char *text,
                        size_t seq) {
  cx_doc *d = cx_doc_new();
  d->id = id;
  d->published = published;
  d->text = text;
  d->text_len = strlen(text);
  d->seq = seq;
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_prepare(wk, d, &diag), CX_OK);
  return d;
}

static const char *story =
    "The ministry said exports of drones rose sharply in the first half of the year.\n"
    "Officials in the capital declined to give a figure for the shipments to the region.\n"
    "Analysts expect the trade to continue growing while the conflict lasts, they said.\n"
    "The customs agency publishes its monthly data on the fifth working day of each month.\n";

static const char *edited =
    "CAPITAL (Wire) - The ministry said exports of drones rose sharply in the first half of this year.\n"
    "Officials in the capital declined to give a figure for the shipments to the region.\n"
    "Analysts expect the trade to continue growing while the conflict lasts, they said.\n"
    "The customs agency publishes its monthly data on the fifth working day of each month.\n";

static const char *other =
    "A storm closed the port for two days and delayed the ferries to the islands.\n"
    "Fishermen said the damage to the harbour wall would take weeks to repair.\n"
    "The council promised to publish an estimate of the costs before the winter.\n";

static void test_repeats_in_doc(void **state) {
  (void)state;
  cx_doc *d = prepared("twice", NULL,
                       "Alpha beta gamma delta.\nSecond one here.\nAlpha  beta gamma delta.\n", 0);
  assert_int_equal(d->n_paras, 3);
  assert_int_equal(d->paras[0].repeats, 2);
  assert_int_equal(d->paras[2].repeat_of, 0);
  assert_int_equal(d->paras[1].repeat_of, -1);
  cx_doc_free(d);
}

/* The scan pass's combined walk and the plain passage hash agree, also for
 * words longer than the hashing buffer and for many short words. */
static void test_hash_walks_agree(void **state) {
  (void)state;
  static char text[4096];
  size_t n = 0;
  for (int k = 0; k < 700; k++) text[n++] = (char)('a' + k % 26);
  text[n++] = ' ';
  for (int k = 0; k < 300 && n < sizeof text - 8; k++) {
    memcpy(text + n, k % 3 ? "Ab, " : "x9 ", k % 3 ? 4 : 3);
    n += k % 3 ? 4 : 3;
  }
  text[n++] = '\n';
  memcpy(text + n, "Second paragraph, short.", 24);
  n += 24;
  text[n] = '\0';
  cx_doc *d = prepared("walks", NULL, text, 0);
  assert_int_equal(d->n_paras, 2);
  /* separator runs of every length across the 256-byte blocks, and leading
   * and trailing separators: the hash is XXH3 of the words, lower-cased and
   * joined by single spaces (an oracle written out here) */
  static char mix[1200], ref[1200];
  uint32_t r = 7;
  for (int round = 0; round < 60; round++) {
    size_t m = 0;
    while (m < sizeof mix - 1) {
      r = r * 1103515245u + 12345u;
      unsigned v = (r >> 16) % 10;
      mix[m++] = v < 5 ? (char)('a' + v) : v < 7 ? 'Q' : v < 9 ? ' ' : ',';
    }
    size_t off = (size_t)round % 7, len = 100 + (size_t)round * 17;
    size_t k = 0;
    uint32_t words = 0;
    bool in = false;
    for (size_t i = off; i < off + len; i++) {
      char c = mix[i];
      bool w = c != ' ' && c != ',';
      if (w && !in) {
        if (words) ref[k++] = ' ';
        words++;
      }
      if (w) ref[k++] = c == 'Q' ? 'q' : c;
      in = w;
    }
    uint32_t got_words = 0;
    uint64_t want = words ? XXH3_64bits(ref, k) : 0;
    if (words && !want) want = 1;
    assert_true(cx_passage_hash_words(mix + off, len, &got_words) == want);
    assert_int_equal(got_words, words);
  }
  for (size_t p = 0; p < d->n_paras; p++) {
    uint32_t w = 0;
    uint64_t h = cx_passage_hash_words(d->norm + d->paras[p].start,
                                       d->paras[p].end - d->paras[p].start, &w);
    assert_true(h == d->paras[p].hash);
    assert_int_equal(w, d->paras[p].n_words);
  }
  cx_doc_free(d);
}

static void test_cross_doc(void **state) {
  (void)state;
  /* input order: the copy first, but the original is published earlier */
  cx_doc *a = prepared("copy", "2023-05-02", edited, 0);
  cx_doc *b = prepared("orig", "2023-05-01", story, 1);
  cx_doc *c = prepared("other", "2023-04-01", other, 2);
  cx_dedup_index *x = cx_dedup_index_new();
  cx_dedup_index_add(x, a);
  cx_dedup_index_add(x, b);
  cx_dedup_index_add(x, c);
  cx_dedup_index_finish(x, 2);
  const cx_syndication *links;
  assert_int_equal(cx_dedup_index_links(x, &links), 1);
  assert_string_equal(links[0].copy, "copy");
  assert_string_equal(links[0].original, "orig");
  cx_dedup_index_annotate(x, a);
  cx_dedup_index_annotate(x, b);
  cx_dedup_index_annotate(x, c);
  assert_string_equal(a->copy_of, "orig");
  assert_null(b->copy_of);
  assert_null(c->copy_of);
  /* the first appearance is the earliest published: copy points at orig */
  for (int i = 0; i < 4; i++) {
    assert_non_null(a->paras[i].repeat_doc); /* para 0 is a near copy */
    assert_string_equal(a->paras[i].repeat_doc, "orig");
    assert_int_equal(a->paras[i].repeat_doc_para, i);
    assert_null(b->paras[i].repeat_doc);
  }
  assert_true(cx_dedup_index_bytes(x) > 0);
  cx_dedup_index_free(x);
  cx_doc_free(a);
  cx_doc_free(b);
  cx_doc_free(c);
}

static void test_simhash(void **state) {
  (void)state;
  uint32_t w1, w2, w3;
  const char *s1 = "exports of drones rose sharply in the first half of the year said the ministry";
  const char *s2 = "exports of drones rose sharply in the first half of this year said the ministry";
  const char *s3 = "a storm closed the port for two days and delayed the ferries to the islands";
  uint64_t h1 = cx_passage_simhash(s1, strlen(s1), &w1, NULL);
  uint64_t h2 = cx_passage_simhash(s2, strlen(s2), &w2, NULL);
  uint64_t h3 = cx_passage_simhash(s3, strlen(s3), &w3, NULL);
  assert_int_equal(w1, 15);
  assert_true(__builtin_popcountll(h1 ^ h2) < __builtin_popcountll(h1 ^ h3));
  assert_true(__builtin_popcountll(h1 ^ h3) > 10);
  assert_int_equal(cx_passage_simhash("two words", 9, &w3, NULL), 0);
}

/* The SimHash, sketch and passage hash against a plain oracle: words are
 * runs of ASCII letters and digits and bytes >= 0x80, lower-cased, joined
 * by single spaces (XXH3: the passage hash) and FNV-1a hashed; every 3
 * consecutive word hashes are a shingle, XXH3-hashed; bit b is set when
 * more than half of the shingles have it. Texts of every size up to several
 * fold blocks and many counter batches, long words, odd separators and,
 * at times, any byte at all. */
static uint64_t simhash_oracle(const char *t, size_t n, uint32_t *n_words,
                               uint32_t *sketch, uint64_t *hash) {
  static uint64_t wh[40000];
  static char folded[40000];
  size_t nw = 0, k = 0;
  uint64_t h = 0;
  bool in = false;
  for (size_t i = 0; i <= n; i++) {
    unsigned char c = i < n ? (unsigned char)t[i] : ' ';
    if (cx_dedup_word_byte(c)) {
      if (!in && nw) folded[k++] = ' ';
      if (!in) h = 1469598103934665603ull, in = true;
      if (c >= 'A' && c <= 'Z') c |= 0x20;
      folded[k++] = (char)c;
      h = (h ^ c) * 1099511628211ull;
    } else if (in) {
      wh[nw++] = h, in = false;
    }
  }
  *n_words = (uint32_t)nw;
  *hash = nw ? XXH3_64bits(folded, k) : 0;
  if (nw && !*hash) *hash = 1;
  if (nw < 3) return 0;
  uint32_t count[64] = {0};
  for (size_t i = 0; i + 2 < nw; i++) {
    uint64_t sh = XXH3_64bits(wh + i, 24);
    uint32_t bin = (uint32_t)(sh >> 59) % CX_SKETCH;
    if ((uint32_t)sh < sketch[bin]) sketch[bin] = (uint32_t)sh;
    for (int b = 0; b < 64; b++) count[b] += (sh >> b) & 1;
  }
  uint64_t sig = 0;
  for (int b = 0; b < 64; b++)
    if (2 * count[b] > nw - 2) sig |= 1ull << b;
  return sig ? sig : 1;
}

static void test_simhash_oracle(void **state) {
  (void)state;
  static char text[40000];
  uint64_t r = 88172645463325252ull;
  for (int round = 0; round < 400; round++) {
    size_t n = round < 40 ? (size_t)round
               : round % 3 ? (size_t)(r % sizeof text) : (size_t)(r % 2500);
    for (size_t i = 0; i < n; i++) {
      r ^= r << 13, r ^= r >> 7, r ^= r << 17;
      unsigned x = (unsigned)(r >> 32) % 100;
      /* mostly short words; at times a run of long ones or separators */
      text[i] = x < 15 ? ' ' : x < 17 ? ',' : x < 18 ? '\n' : x < 19 ? (char)0xc3
              : x < 25 ? (char)('A' + x) : x < 28 ? (char)('0' + x % 10)
              : (char)('a' + x % 26);
      if (round % 7 == 3 && i % 900 < 40) text[i] = 'q';
      if (round % 5 == 2 && i % 700 < 30) text[i] = ' ';
      if (round % 4 == 1 && x % 3 == 0) text[i] = (char)(r >> 8);
    }
    uint32_t sk1[CX_SKETCH], sk2[CX_SKETCH], w1, w2, w3;
    memset(sk1, 0xff, sizeof sk1), memset(sk2, 0xff, sizeof sk2);
    uint64_t hash;
    uint64_t h1 = cx_passage_simhash(text, n, &w1, sk1);
    uint64_t h2 = simhash_oracle(text, n, &w2, sk2, &hash);
    assert_int_equal(w1, w2);
    assert_true(h1 == h2);
    assert_memory_equal(sk1, sk2, sizeof sk1);
    assert_int_equal(cx_passage_simhash(text, n, &w3, NULL), h1);
    assert_true(cx_passage_hash_words(text, n, &w3) == hash);
    assert_true(cx_passage_hash(text, n) == hash);
    assert_int_equal(w3, w2);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_repeats_in_doc),
      cmocka_unit_test(test_hash_walks_agree),
      cmocka_unit_test(test_cross_doc),
      cmocka_unit_test(test_simhash),
      cmocka_unit_test(test_simhash_oracle),
  };
  return cmocka_run_group_tests_name("dedup", tests, setup, teardown);
}
