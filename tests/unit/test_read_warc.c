/* WARC reader: response records with HTML, skipped records, chunked
 * payloads, metadata precedence, truncation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "read_helpers.h"

static size_t record(char *out, const char *type, const char *uri,
                     const char *ctype, const char *payload) {
  return (size_t)sprintf(out,
                         "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
                         "WARC-Date: 2024-03-15T10:00:01Z\r\nContent-Type: %s\r\n"
                         "Content-Length: %zu\r\n\r\n%s\r\n\r\n",
                         type, uri, ctype, strlen(payload), payload);
}

static void test_records(void **state) {
  (void)state;
  char buf[8192];
  size_t n = 0;
  n += record(buf + n, "warcinfo", "-", "application/warc-fields", "software: x\r\n");
  n += record(buf + n, "request", "https://a.example/", "application/http; msgtype=request",
              "GET / HTTP/1.1\r\n\r\n");
  n += record(buf + n, "response", "https://a.example/1", "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n"
              "<html><head><meta property='article:published_time' content='2024-03-01'></head>"
              "<body><article><p>Caf\xe9 sold 12 cakes.</p></article></body></html>");
  n += record(buf + n, "response", "https://a.example/img", "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG");
  n += record(buf + n, "response", "https://a.example/moved", "application/http; msgtype=response",
              "HTTP/1.1 302 Found\r\nContent-Type: text/html\r\n\r\n<p>moved</p>");
  n += record(buf + n, "response", "https://a.example/2", "application/http; msgtype=response",
              "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
              "10\r\n<p>Chunked text \r\nb\r\nwith 3 eggs\r\n5\r\n.</p>\r\n0\r\n\r\n");
  read_result r = read_all("warc", "c.warc", buf, n, NULL);
  assert_int_equal(r.n_docs, 2);
  assert_int_equal(r.n_bad, 0);
  assert_string_equal(r.id[0], "c.warc#1");
  assert_string_equal(r.text[0], "Caf\xc3\xa9 sold 12 cakes.");
  assert_string_equal(r.url[0], "https://a.example/1");
  assert_string_equal(r.published[0], "2024-03-01"); /* the page's date wins */
  assert_string_equal(r.id[1], "c.warc#2");
  assert_string_equal(r.text[1], "Chunked text with 3 eggs.");
  assert_string_equal(r.published[1], "2024-03-15T10:00"); /* WARC-Date */
  read_result_free(&r);
  /* truncated record: fatal for the input, earlier documents kept */
  r = read_all("warc", "c.warc", buf, n - 40, NULL);
  assert_int_equal(r.n_docs, 1);
  assert_true(r.fatal);
  read_result_free(&r);
  r = read_all("warc", "c.warc", "not a warc\n", 11, NULL);
  assert_true(r.fatal);
  read_result_free(&r);
}

static void test_content_encoding(void **state) {
  (void)state;
  const char *page = "<html><body><article><p>Deflated 42 words.</p></article></body></html>";
  unsigned char z[512];
  uLongf zn = sizeof z;
  compress2(z, &zn, (const Bytef *)page, strlen(page), 9);
  const char *head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: deflate\r\n\r\n";
  char buf[2048];
  size_t hn = strlen(head);
  size_t n = (size_t)sprintf(buf,
                             "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: u\r\n"
                             "Content-Type: application/http; msgtype=response\r\n"
                             "Content-Length: %zu\r\n\r\n%s", hn + (size_t)zn, head);
  memcpy(buf + n, z, zn);
  n += zn;
  memcpy(buf + n, "\r\n\r\n", 4);
  n += 4;
  read_result r = read_all("warc", "c.warc", buf, n, NULL);
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.text[0], "Deflated 42 words.");
  read_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_records),
      cmocka_unit_test(test_content_encoding),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
