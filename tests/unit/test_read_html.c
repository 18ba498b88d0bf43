/* HTML reader: article text without furniture, metadata sources and their
 * order, JSON-LD, character sets, block voting, hostile pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "read_helpers.h"

static read_result html(const char *s) {
  return read_all("html", "t.html", s, strlen(s), NULL);
}

static void test_article_and_furniture(void **state) {
  (void)state;
  read_result r = html(
      "<html><head><title>T | Site</title>"
      "<meta property='og:site_name' content='Site Daily'>"
      "<meta property='article:published_time' content='2024-03-14T09:30:00Z'>"
      "<link rel='canonical' href='https://s.example/a'></head><body>"
      "<div class='cookie-consent'>We use 3 cookies</div>"
      "<nav><a href='/'>Home 1</a></nav><header>Header 2</header>"
      "<article><h1>Big title 9</h1><p>First   paragraph with 10 apples.</p>"
      "<div class='social-share'><a>Share 4</a></div>"
      "<p>Second <b>para</b>graph, 20 pears<span class='share'> on <span class='date'>May 1</span></span>.</p>"
      "<aside>Aside 5</aside><p class='article-date'>Updated 8 May</p></article>"
      "<aside class='sidebar'>Most read 6</aside><footer>Footer 7</footer>"
      "<script>var x = 8;</script></body></html>");
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.text[0],
                      "First paragraph with 10 apples.\nSecond paragraph, 20 pears on May 1.");
  assert_string_equal(r.title[0], "T | Site");
  assert_string_equal(r.outlet[0], "Site Daily");
  assert_string_equal(r.published[0], "2024-03-14T09:30");
  assert_string_equal(r.url[0], "https://s.example/a");
  read_result_free(&r);
}

static void test_jsonld(void **state) {
  (void)state;
  read_result r = html(
      "<html><head><script type='application/ld+json'>"
      "[{\"@type\":\"BreadcrumbList\"},{\"@type\":[\"NewsArticle\"],"
      "\"headline\":\"H\",\"datePublished\":\"2023-05-16\","
      "\"publisher\":{\"name\":\"Pub\"},\"articleBody\":\"Line one.\\n\\n  Line   two.\"}]"
      "</script></head><body><div>Visible 1 that is not used.</div></body></html>");
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.text[0], "Line one.\nLine two.");
  assert_string_equal(r.title[0], "H");
  assert_string_equal(r.outlet[0], "Pub");
  assert_string_equal(r.published[0], "2023-05-16");
  read_result_free(&r);
}

static void test_itemprop_and_time(void **state) {
  (void)state;
  read_result r = html(
      "<html><body><div class='teasers'><p>Teaser about 5 things that run long enough to count.</p></div>"
      "<div itemprop='articleBody'><p>Body with 7 facts.</p>"
      "<p><time datetime='2022-01-02T03:04:05Z'>2 Jan</time> update.</p></div>"
      "<div><p>Unrelated paragraph with 8 words in it that is quite long too.</p></div>"
      "</body></html>");
  assert_int_equal(r.n_docs, 1);
  assert_string_equal(r.text[0], "Body with 7 facts.\n2 Jan update.");
  assert_string_equal(r.published[0], "2022-01-02T03:04");
  read_result_free(&r);
}

static void test_block_voting(void **state) {
  (void)state;
  /* no article markup: the container with the real paragraphs wins over
   * link lists and short fragments */
  read_result r = html(
      "<html><body><div id='menu'><ul><li><a href='/'>One 1</a></li><li><a href='/2'>Two 2</a></li></ul></div>"
      "<div id='c'><p>The committee met on Tuesday, for the third time, and agreed on 4 points.</p>"
      "<p>Members said the decision, which took months, would cost about 2 million.</p>"
      "<p>Another meeting is planned, the chair said, for early next year.</p></div>"
      "<div><p><a href='/x'>Link heavy story 9</a> and <a href='/y'>another one 10</a></p></div>"
      "</body></html>");
  assert_int_equal(r.n_docs, 1);
  assert_non_null(strstr(r.text[0], "agreed on 4 points."));
  assert_non_null(strstr(r.text[0], "early next year."));
  assert_null(strstr(r.text[0], "One 1"));
  assert_null(strstr(r.text[0], "story 9"));
  read_result_free(&r);
}

static void test_layout_classes(void **state) {
  (void)state;
  /* wrappers whose class words look like furniture do not hide the article */
  read_result r = html(
      "<html><body><div class='content with-sidebar'><article class='post tag-economy'>"
      "<p>Kept paragraph 1.</p><div class='related'><p>Related 2</p></div></article>"
      "<div class='sidebar'><p>Side text that is long enough to be a real paragraph 3.</p></div></div></body></html>");
  assert_string_equal(r.text[0], "Kept paragraph 1.");
  read_result_free(&r);
  /* no article markup, wrapper named like furniture */
  r = html(
      "<html><body><div class='layout has-sidebar'><div class='story'>"
      "<p>The council, after a long debate, voted for 5 new parks on Monday.</p>"
      "<p>Work starts in May, the mayor said, and will take 2 years.</p>"
      "<div class='share-tools'><p>Share this story with your 3 friends, now, today, please.</p></div></div>"
      "<div class='sidebar-box'><p>Other story 9</p></div></div></body></html>");
  assert_string_equal(r.text[0],
                      "The council, after a long debate, voted for 5 new parks on Monday.\n"
                      "Work starts in May, the mayor said, and will take 2 years.");
  read_result_free(&r);
}

static void test_charsets(void **state) {
  (void)state;
  /* declared latin-1 */
  read_result r = html("<html><head><meta charset='iso-8859-1'></head><body>"
                       "<p>Caf\xe9 prices rose 5%.</p></body></html>");
  assert_string_equal(r.text[0], "Caf\xc3\xa9 prices rose 5%.");
  read_result_free(&r);
  /* undeclared but valid UTF-8 */
  r = html("<html><body><p>\xe2\x82\xac" "5 for a caf\xc3\xa9.</p></body></html>");
  assert_string_equal(r.text[0], "\xe2\x82\xac" "5 for a caf\xc3\xa9.");
  read_result_free(&r);
  /* undeclared, not UTF-8: windows-1252 */
  r = html("<html><body><p>\x80" "5 only.</p></body></html>");
  assert_string_equal(r.text[0], "\xe2\x82\xac" "5 only.");
  read_result_free(&r);
  /* BOM */
  r = html("\xef\xbb\xbf<html><body><p>Bom text.</p></body></html>");
  assert_string_equal(r.text[0], "Bom text.");
  read_result_free(&r);
}

static void test_hostile(void **state) {
  (void)state;
  /* deep nesting: ends, no crash */
  size_t depth = 200000;
  char *deep = malloc(depth * 11 + 64);
  char *p = deep;
  p += sprintf(p, "<html><body>");
  for (size_t i = 0; i < depth; i++) p += sprintf(p, "<div>");
  p += sprintf(p, "x 1");
  for (size_t i = 0; i < depth; i++) p += sprintf(p, "</div>");
  read_result r = read_all("html", "t.html", deep, (size_t)(p - deep), NULL);
  assert_int_equal(r.n_docs + r.n_bad, 1);
  read_result_free(&r);
  free(deep);
  /* binary data */
  char bin[4096];
  for (size_t i = 0; i < sizeof bin; i++) bin[i] = (char)((i * 7919u) >> 3);
  r = read_all("html", "t.html", bin, sizeof bin, NULL);
  assert_int_equal(r.n_docs, 0);
  assert_int_equal(r.n_bad, 1);
  read_result_free(&r);
  /* empty page: an error, not an empty document */
  r = html("<html><body><nav>Only nav</nav></body></html>");
  assert_int_equal(r.n_docs, 0);
  assert_int_equal(r.last_error, CX_ERR_EMPTY);
  read_result_free(&r);
  /* document limit */
  cx_read_options o = {.max_doc_bytes = 10};
  r = read_all("html", "t.html", "<p>longer than ten</p>", 22, &o);
  assert_int_equal(r.last_error, CX_ERR_TOO_LARGE);
  read_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_article_and_furniture),
      cmocka_unit_test(test_jsonld),
      cmocka_unit_test(test_itemprop_and_time),
      cmocka_unit_test(test_block_voting),
      cmocka_unit_test(test_layout_classes),
      cmocka_unit_test(test_charsets),
      cmocka_unit_test(test_hostile),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
