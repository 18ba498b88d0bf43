/* Generic XML reader: XPath options, defaults, NITF defaults, feeds named
 * .xml, bad expressions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "read_helpers.h"

static const char dump[] =
    "<export><story id='s1'><hl>Head one</hl><when>2024-01-05</when><by>Agency A</by>"
    "<text><para>Para <em>one</em> 1.</para><para>Para two 2.</para></text></story>"
    "<story id='s2'><hl>Head two</hl><when>20240106T101500Z</when>"
    "<text><para>Only 3.</para></text></story></export>";

static void test_xpath_options(void **state) {
  (void)state;
  cx_read_options o = {0};
  o.xml_doc = "//story";
  o.xml_text = "text/para";
  o.xml_title = "hl";
  o.xml_date = "when";
  o.xml_outlet = "string(by)";
  o.xml_id = "@id";
  read_result r = read_all("xml", "d.xml", dump, strlen(dump), &o);
  assert_int_equal(r.n_docs, 2);
  assert_string_equal(r.id[0], "s1");
  assert_string_equal(r.text[0], "Para one 1.\nPara two 2.");
  assert_string_equal(r.title[0], "Head one");
  assert_string_equal(r.published[0], "2024-01-05");
  assert_string_equal(r.outlet[0], "Agency A");
  assert_string_equal(r.published[1], "2024-01-06T10:15");
  assert_null(r.outlet[1]);
  read_result_free(&r);
}

static void test_defaults(void **state) {
  (void)state;
  read_result r = read_all("xml", "d.xml", dump, strlen(dump), NULL);
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.id[0], "d.xml");
  assert_non_null(strstr(r.text[0], "Para one 1.\nPara two 2."));
  read_result_free(&r);
  const char *nitf =
      "<nitf><head><docdata><date.issue norm='20240415T063000Z'/></docdata>"
      "<pubdata name='Press'/></head><body><body.head><hedline><hl1>Title</hl1></hedline>"
      "<byline>By X, 1 May</byline></body.head><body.content><p>Body 4.</p></body.content></body></nitf>";
  r = read_all("xml", "n.xml", nitf, strlen(nitf), NULL);
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.text[0], "Body 4.");
  assert_string_equal(r.title[0], "Title");
  assert_string_equal(r.outlet[0], "Press");
  assert_string_equal(r.published[0], "2024-04-15T06:30");
  read_result_free(&r);
  const char *feed = "<rss><channel><title>C</title><item><description>In feed 5.</description></item></channel></rss>";
  r = read_all("xml", "f.xml", feed, strlen(feed), NULL);
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.id[0], "f.xml#1");
  assert_string_equal(r.text[0], "In feed 5.");
  read_result_free(&r);
}

static void test_errors(void **state) {
  (void)state;
  cx_read_options o = {0};
  o.xml_doc = "//story[";
  read_result r = read_all("xml", "d.xml", dump, strlen(dump), &o);
  assert_int_equal(r.n_docs, 0);
  read_result_free(&r);
  o.xml_doc = "count(//story)";
  r = read_all("xml", "d.xml", dump, strlen(dump), &o);
  assert_true(r.fatal);
  read_result_free(&r);
  r = read_all("xml", "d.xml", "<a><b>", 6, NULL);
  assert_true(r.n_docs <= 1);
  read_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_xpath_options),
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
