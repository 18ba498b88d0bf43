/* Streams: plain, gzip (several members), zstd, truncated and corrupt
 * input, and the decoded-size limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "../../pipeline/stream.h"

static size_t gz(const char *s, size_t n, unsigned char *out, size_t cap) {
  z_stream z;
  memset(&z, 0, sizeof z);
  deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
  z.next_in = (Bytef *)s;
  z.avail_in = (uInt)n;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  deflate(&z, Z_FINISH);
  size_t k = cap - z.avail_out;
  deflateEnd(&z);
  return k;
}

/* Reads the whole stream; returns the status. */
static cx_status slurp(const void *p, size_t n, size_t limit, cx_buf *b) {
  cx_stream *s = cx_stream_open_mem(p, n, "t");
  cx_stream_set_limit(s, limit);
  cx_diag d;
  cx_diag_clear(&d);
  cx_status st = cx_stream_read_all(s, b, (size_t)1 << 30, &d);
  cx_stream_close(s);
  return st;
}

static void test_plain(void **state) {
  (void)state;
  cx_buf b;
  cx_buf_init(&b);
  assert_int_equal(slurp("hello\nworld", 11, 0, &b), CX_OK);
  assert_string_equal(b.data, "hello\nworld");
  assert_int_equal(slurp("", 0, 0, &b), CX_OK);
  assert_int_equal(b.len, 0);
  cx_buf_free(&b);
}

static void test_gzip_members(void **state) {
  (void)state;
  unsigned char z[256];
  size_t k1 = gz("first line\n", 11, z, sizeof z);
  size_t k2 = gz("second\n", 7, z + k1, sizeof z - k1);
  cx_buf b;
  cx_buf_init(&b);
  assert_int_equal(slurp(z, k1 + k2, 0, &b), CX_OK);
  assert_string_equal(b.data, "first line\nsecond\n");
  /* line reading across members */
  cx_stream *s = cx_stream_open_mem(z, k1 + k2, "t");
  cx_diag d;
  cx_diag_clear(&d);
  assert_int_equal(cx_stream_getline(s, &b, 100, &d), 1);
  assert_string_equal(b.data, "first line");
  assert_int_equal(cx_stream_getline(s, &b, 100, &d), 1);
  assert_string_equal(b.data, "second");
  assert_int_equal(cx_stream_getline(s, &b, 100, &d), 0);
  cx_stream_close(s);
  /* truncated */
  assert_int_equal(slurp(z, k1 - 4, 0, &b), CX_ERR_TRUNCATED);
  /* corrupt */
  unsigned char bad[64];
  memcpy(bad, z, k1);
  memset(bad + 10, 0xff, 6);
  assert_int_not_equal(slurp(bad, k1, 0, &b), CX_OK);
  cx_buf_free(&b);
}

static void test_zstd(void **state) {
  (void)state;
  const char *text = "zstd text 123\n";
  unsigned char z[256];
  size_t k = ZSTD_compress(z, sizeof z, text, strlen(text), 3);
  assert_false(ZSTD_isError(k));
  cx_buf b;
  cx_buf_init(&b);
  assert_int_equal(slurp(z, k, 0, &b), CX_OK);
  assert_string_equal(b.data, text);
  assert_int_equal(slurp(z, k - 3, 0, &b), CX_ERR_TRUNCATED);
  cx_buf_free(&b);
}

static void test_limit(void **state) {
  (void)state;
  /* 4 MiB of zeros compress to a few kB: the cap stops it at 1 MiB */
  size_t n = 4u << 20;
  char *zeros = calloc(1, n);
  size_t cap = n / 100;
  unsigned char *z = malloc(cap);
  size_t k = gz(zeros, n, z, cap);
  cx_buf b;
  cx_buf_init(&b);
  assert_int_equal(slurp(z, k, 1u << 20, &b), CX_ERR_TOO_LARGE);
  assert_true(b.len <= (1u << 20));
  assert_int_equal(slurp(z, k, 0, &b), CX_OK);
  assert_int_equal(b.len, n);
  /* plain input obeys the cap too */
  assert_int_equal(slurp(zeros, n, 1u << 20, &b), CX_ERR_TOO_LARGE);
  cx_buf_free(&b);
  free(z);
  free(zeros);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain),
      cmocka_unit_test(test_gzip_members),
      cmocka_unit_test(test_zstd),
      cmocka_unit_test(test_limit),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
