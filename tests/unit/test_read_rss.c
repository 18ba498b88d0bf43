/* RSS/Atom reader: escaped and CDATA bodies, outlet sources, ids, and
 * hostile DTDs (external entities, entity bombs) doing nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "read_helpers.h"

static read_result rss(const char *s) {
  return read_all("rss", "f.rss", s, strlen(s), NULL);
}

static void test_rss(void **state) {
  (void)state;
  read_result r = rss(
      "<?xml version='1.0'?><rss version='2.0' "
      "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
      "<title>Chan</title>"
      "<item><title>A</title><link>https://x.example/a</link>"
      "<pubDate>Tue, 12 Mar 2024 07:15:00 GMT</pubDate>"
      "<description>&lt;p&gt;Escaped 1 &amp;amp; more.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</description></item>"
      "<item><title>B</title><source url='u'>Src</source>"
      "<description>teaser 99</description>"
      "<content:encoded><![CDATA[<p>Cdata <i>body</i> 2.</p><div class='share'><a>Share 5</a></div>]]></content:encoded></item>"
      "<item><title>C</title></item>"
      "</channel></rss>");
  assert_int_equal(r.n_docs, 2);
  assert_int_equal(r.n_bad, 1); /* C has no body */
  assert_string_equal(r.id[0], "f.rss#1");
  assert_string_equal(r.id[1], "f.rss#2");
  assert_string_equal(r.text[0], "Escaped 1 & more.\nTwo.");
  assert_string_equal(r.title[0], "A");
  assert_string_equal(r.url[0], "https://x.example/a");
  assert_string_equal(r.published[0], "2024-03-12T07:15");
  assert_string_equal(r.outlet[0], "Chan");
  assert_string_equal(r.text[1], "Cdata body 2.");
  assert_string_equal(r.outlet[1], "Src");
  read_result_free(&r);
}

static void test_atom(void **state) {
  (void)state;
  read_result r = rss(
      "<feed xmlns='http://www.w3.org/2005/Atom'><title>Feed T</title>"
      "<entry><title>E1</title><link rel='self' href='s'/><link href='https://a.example/1'/>"
      "<updated>2024-04-02T12:00:00Z</updated><published>2024-04-01T08:00:00Z</published>"
      "<summary>Sum 3</summary><content type='html'>&lt;p&gt;Html 4.&lt;/p&gt;</content></entry>"
      "<entry><title>E2</title><updated>2024-04-03</updated>"
      "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>X 5.</p><p>Y 6.</p></div></content></entry>"
      "<entry><title>E3</title><summary>Only summary 7.</summary></entry>"
      "<entry><title>E4</title><content type='text'>Plain text\n wrapped 8.\n\nSecond 9.</content></entry>"
      "</feed>");
  assert_int_equal(r.n_docs, 4);
  assert_string_equal(r.text[0], "Html 4.");
  assert_string_equal(r.text[3], "Plain text wrapped 8.\nSecond 9.");
  assert_string_equal(r.url[0], "https://a.example/1");
  assert_string_equal(r.published[0], "2024-04-01T08:00");
  assert_string_equal(r.outlet[0], "Feed T");
  assert_string_equal(r.text[1], "X 5.\nY 6.");
  assert_string_equal(r.published[1], "2024-04-03");
  assert_string_equal(r.text[2], "Only summary 7.");
  read_result_free(&r);
}

static void test_hostile(void **state) {
  (void)state;
  read_result r = rss(
      "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
      "<rss><channel><title>T &x;</title><item><description>A &x; b 1.</description></item></channel></rss>");
  assert_int_equal(r.n_docs, 1);
  assert_null(strstr(r.text[0], "root:"));
  assert_string_equal(r.text[0], "A b 1.");
  read_result_free(&r);
  /* entity expansion bomb */
  char bomb[4096], *p = bomb;
  p += sprintf(p, "<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY a0 'lollollollol'>");
  for (int i = 1; i <= 12; i++)
    p += sprintf(p, "<!ENTITY a%d '&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;'>", i,
                 i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  p += sprintf(p, "]><rss><channel><title>&a12;</title><item><description>&a12; 1</description></item></channel></rss>");
  r = read_all("rss", "f.rss", bomb, (size_t)(p - bomb), NULL);
  for (int i = 0; i < r.n_docs && i < 16; i++) assert_true(strlen(r.text[i]) < 1000);
  read_result_free(&r);
  /* not a feed, not XML */
  r = rss("<html><body>x</body></html>");
  assert_true(r.fatal);
  read_result_free(&r);
  r = rss("\x01\x02 garbage");
  assert_true(r.fatal);
  read_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rss),
      cmocka_unit_test(test_atom),
      cmocka_unit_test(test_hostile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
