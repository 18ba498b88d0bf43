/* date extractor: before → after tables through the whole pipeline, one
 * reference date per table (the publication date of a made-up article). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../pipeline/cx.h"

/* text: the sentence; span: the expected mention text (NULL: none of type);
 * type; value (str); value2 (range end, "-" for null). */
typedef struct dcase {
  const char *text, *span, *type, *value, *value2;
} dcase;

#include "pipeline_fixture.h"

static bool temporal(cx_mention_type t) {
  return t == CX_DATE || t == CX_TIME || t == CX_DURATION || t == CX_SET ||
         t == CX_DATERANGE;
}

static void run_table_fs(const char *ref, int fiscal_start, const dcase *cs, size_t n);

static void run_table(const char *ref, const dcase *cs, size_t n) {
  run_table_fs(ref, 0, cs, n);
}

static void run_table_fs(const char *ref, int fiscal_start, const dcase *cs, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const dcase *c = &cs[i];
    cx_doc *d = cx_doc_new();
    cx_diag diag;
    cx_diag_clear(&diag);
    d->id = "t";
    d->text = c->text;
    d->text_len = strlen(c->text);
    if (ref) assert_int_equal(cx_doc_set_ref_date(d, ref), 0);
    d->fiscal_start = fiscal_start;
    assert_int_equal(cx_process(wk, d, &diag), CX_OK);
    bool found = false, any = false;
    for (size_t k = 0; k < d->n_mentions; k++) {
      const cx_mention *m = &d->mentions[k];
      if (!temporal(m->type)) continue;
      if (!c->span) {
        if ((int)m->type == cx_mention_type_from_name(c->type)) any = true;
        continue;
      }
      if (strcmp(cx_mention_type_name(m->type), c->type) != 0) continue;
      size_t l = m->end - m->start;
      if (l != strlen(c->span) || memcmp(d->norm + m->start, c->span, l) != 0) continue;
      const char *v2 = m->str2 ? m->str2 : "-";
      if (strcmp(m->str ? m->str : "", c->value) == 0 &&
          (!c->value2 || strcmp(v2, c->value2) == 0))
        found = true;
    }
    if (!c->span && any) fail_msg("unexpected %s in: %s", c->type, c->text);
    if (c->span && !found) {
      for (size_t k = 0; k < d->n_mentions; k++) {
        const cx_mention *m = &d->mentions[k];
        if (temporal(m->type))
          print_error("  got %s '%.*s' %s %s\n", cx_mention_type_name(m->type),
                      (int)(m->end - m->start), d->norm + m->start,
                      m->str ? m->str : "null", m->str2 ? m->str2 : "");
      }
      fail_msg("missing %s '%s' = %s in: %s", c->type, c->span, c->value, c->text);
    }
    cx_doc_free(d);
  }
}

/* Friday 3 March 2023 */
static void test_absolute_forms(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"It happened on March 3, 2023 in Kyiv.", "March 3, 2023", "date", "2023-03-03", NULL},
      {"It happened on 3 March 2023 in Kyiv.", "3 March 2023", "date", "2023-03-03", NULL},
      {"Filed 2023-03-01 by the clerk.", "2023-03-01", "date", "2023-03-01", NULL},
      {"Filed 3/1/2023 by the clerk.", "3/1/2023", "date", "2023-03-01", NULL},
      {"Sales rose in December 2022 again.", "December 2022", "date", "2022-12", NULL},
      {"Prices fell in 1998 and rose after.", "1998", "date", "1998", NULL},
      {"The Sept. 30 deadline passed.", "Sept. 30", "date", "2022-09-30", NULL},
      {"Profit rose in Q3 2022, it said.", "Q3 2022", "date", "2022-Q3", NULL},
      {"Profit rose in 2022 Q3, it said.", "2022 Q3", "date", "2022-Q3", NULL},
      {"Profit rose in the third quarter of 2022.", "the third quarter of 2022", "date", "2022-Q3", NULL},
      {"Results for H1 2022 were weak.", "H1 2022", "date", "2022-H1", NULL},
      {"Results for fiscal 2024 are due.", "fiscal 2024", "date", "2024", NULL},
      {"Music of the 1990s is back.", "the 1990s", "date", "199", NULL},
      {"It was in the summer of 1998 that it began.", "the summer of 1998", "date", "1998-SU", NULL},
      {"Born on 29 February 2024 at dawn.", "29 February 2024", "date", "2024-02-29", NULL},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

static void test_relative_forms(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"He said so yesterday.", "yesterday", "date", "2023-03-02", NULL},
      {"He said so today.", "today", "date", "2023-03-03", NULL},
      {"Officials met on Tuesday to talk.", "Tuesday", "date", "2023-02-28", NULL},
      {"Officials will meet on Tuesday to talk.", "Tuesday", "date", "2023-03-07", NULL},
      {"The plant closed last week.", "last week", "date", "2023-W08", NULL},
      {"The plant closed last month.", "last month", "date", "2023-02", NULL},
      {"Sales grew this year.", "this year", "date", "2023", NULL},
      {"Sales will grow next year.", "next year", "date", "2024", NULL},
      {"The firm was founded two years ago.", "two years ago", "date", "2021", NULL},
      {"It opened five days ago.", "five days ago", "date", "2023-02-26", NULL},
      {"Prices rose earlier this month.", "earlier this month", "date", "2023-03", NULL},
      {"Prices are high now.", "now", "date", "PRESENT_REF", NULL},
      {"It ended last fall.", "last fall", "date", "2022-FA", NULL},
      {"It happened in March.", "March", "date", "2023-03", NULL},
      {"Profit fell in the third quarter.", "the third quarter", "date", "2022-Q3", NULL},
      {"He left this morning.", "this morning", "time", "2023-03-03TMO", NULL},
      {"Profit fell in the third quarter of 2022 after the previous quarter rose.",
       "the previous quarter", "date", "2022-Q2", NULL},
      {"Output grew 4% in FY2024.", "FY2024", "date", "2024", NULL},
      {"It hired staff in mid-2022.", "mid-2022", "date", "2022", NULL},
      {"Net rose 5% from a year earlier.", "a year earlier", "date", "2022", NULL},
      {"He was freed on Christmas Day.", "Christmas Day", "date", "2022-12-25", NULL},
      {"Sales were slow last Thanksgiving.", "last Thanksgiving", "date", "2022-11-24", NULL},
      {"It reopened at Easter 2021.", "Easter 2021", "date", "2021-04-04", NULL},
      {"Talks ended on New Year's Eve.", "New Year's Eve", "date", "2022-12-31", NULL},
      {"The vote is at 3 p.m. Friday.", "3 p.m. Friday", "time", "2023-03-03T15:00", NULL},
      {"Polls closed at 10.30pm.", "10.30pm", "time", "2023-03-03T22:30", NULL},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

/* the edge of the year: a January article */
static void test_year_boundary(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"Sales peaked in December.", "December", "date", "2022-12", NULL},
      {"The deal closed on Dec. 28.", "Dec. 28", "date", "2022-12-28", NULL},
      {"The hearing is set for Jan. 20.", "Jan. 20", "date", "2023-01-20", NULL},
      {"Sales fell last year.", "last year", "date", "2022", NULL},
      {"Profit fell in the fourth quarter.", "the fourth quarter", "date", "2022-Q4", NULL},
      {"The plant closed last week.", "last week", "date", "2022-W52", NULL},
      {"It closed on Friday.", "Friday", "date", "2022-12-30", NULL},
  };
  run_table("2023-01-02", cs, sizeof cs / sizeof *cs);
}

/* no reference date: unresolved placeholders, never the clock */
static void test_no_reference(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"It happened in March.", "March", "date", "XXXX-03", NULL},
      {"The deal closed on Dec. 28.", "Dec. 28", "date", "XXXX-12-28", NULL},
      {"Officials met on Tuesday.", "Tuesday", "date", "XXXX-WXX-2", NULL},
      {"It happened in March 2020.", "March 2020", "date", "2020-03", NULL},
  };
  run_table(NULL, cs, sizeof cs / sizeof *cs);
}

static void test_durations_and_sets(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"The war lasted three years.", "three years", "duration", "P3Y", NULL},
      {"It took 18 months to build.", "18 months", "duration", "P18M", NULL},
      {"He served for two weeks.", "two weeks", "duration", "P2W", NULL},
      {"A two-year contract was signed.", "two-year", "duration", "P2Y", NULL},
      {"Sales fell over the past two months.", "the past two months", "duration", "P2M", NULL},
      {"It lasted about five hours.", "about five hours", "duration", "PT5H", NULL},
      {"They meet every month.", "every month", "set", "P1M", NULL},
      {"They publish it annually.", "annually", "set", "P1Y", NULL},
      {"Net rose in the first nine months.", "the first nine months", "duration", "P9M", NULL},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

static void test_ranges(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"Drones were sold between December 2022 and April 2023, it said.",
       "between December 2022 and April 2023", "daterange", "2022-12", "2023-04"},
      {"Drones were sold between December 2022 and April 2023, it said.",
       "December 2022", "date", "2022-12", NULL},
      {"Sales ran from March 2022 to May 2023.", "from March 2022 to May 2023",
       "daterange", "2022-03", "2023-05"},
      {"Sales ran from March to May 2023.", "March", "date", "2023-03", NULL},
      {"Sales ran from December to February 2023.", "December", "date", "2022-12", NULL},
      {"Prices have risen since 2021.", "since 2021", "daterange", "2021", "-"},
      {"The ban holds until June 2024.", "until June 2024", "daterange", "", "2024-06"},
      {"The 1957-58 expedition.", "1957-58", "daterange", "1957", "1958"},
      {"The 1957-58 expedition.", "58", "date", "1958", NULL},
      {"Revenue rose in fiscal 2022-23.", "fiscal 2022-23", "daterange", "2022", "2023"},
      {"He starred in the 2021/22 season.", "2021/22", "daterange", "2021", "2022"},
      {"Debt is to fall by the end of 2024.", "by the end of 2024", "daterange", "", "2024"},
      {"Shares rose between January and March.", "between January and March",
       "daterange", "2023-01", "2023-03"},
      {"The line ran from Monday through Friday.", "from Monday through Friday",
       "daterange", "2023-02-27", "2023-03-03"},
      {"The summit ran March 3-5, 2022 in Paris.", "March 3-5, 2022", "daterange",
       "2022-03-03", "2022-03-05"},
      {"The fair ran 3-5 June 2022.", "3-5 June 2022", "daterange", "2022-06-03", "2022-06-05"},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

/* things that must not become dates */
static void test_precision(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"The company cut 1500 workers.", NULL, "date", NULL, NULL},
      {"The company cut 2000 workers.", NULL, "date", NULL, NULL},
      {"Officials may decide whether to act.", NULL, "date", NULL, NULL},
      {"Protesters march on the capital.", NULL, "date", NULL, NULL},
      {"He told the Sunday Times about it.", NULL, "date", NULL, NULL},
      {"Install version 2.1.2019 of the tool.", NULL, "date", NULL, NULL},
      {"Call 555-2019 for details.", NULL, "date", NULL, NULL},
      {"It sold 1,999 units.", NULL, "date", NULL, NULL},
      {"It pays $5 a year in fees.", NULL, "duration", NULL, NULL},
      {"He watched High Noon again.", NULL, "time", NULL, NULL},
      {"It cost \xc2\xa3" "2000 in all.", NULL, "date", NULL, NULL},
      {"Turnover hit 1999m euros.", NULL, "date", NULL, NULL},
      {"Prices jumped 2000% there.", NULL, "date", NULL, NULL},
      {"She read the Sunday Telegraph.", NULL, "date", NULL, NULL},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

/* fiscal years (named by the year they end in) with each start month */
#define FISCAL_TEXT "Sales rose in fiscal 2024 and in FY2022-23, then fell in fiscal Q1 2024."
static void test_fiscal_start_1(void **st) {
  (void)st;
  static const dcase cs[] = {
      {FISCAL_TEXT, "fiscal 2024", "date", "2024", NULL},
      {FISCAL_TEXT, "FY2022-23", "daterange", "2022", "2023"},
      {FISCAL_TEXT, "fiscal Q1 2024", "date", "2024-Q1", NULL},
      {"It will rise this fiscal year.", "this fiscal year", "date", "2023", NULL},
  };
  run_table_fs("2023-03-03", 1, cs, sizeof cs / sizeof *cs);
}

static void test_fiscal_start_4(void **st) {
  (void)st;
  static const dcase cs[] = {
      {FISCAL_TEXT, "fiscal 2024", "date", "2024", NULL},
      {FISCAL_TEXT, "fiscal 2024", "daterange", "2023-04", "2024-03"},
      {FISCAL_TEXT, "FY2022-23", "daterange", "2022-04", "2023-03"},
      {FISCAL_TEXT, "fiscal Q1 2024", "date", "2024-Q1", NULL},
      {FISCAL_TEXT, "fiscal Q1 2024", "daterange", "2023-04", "2023-06"},
      {"Results for FY24 were weak.", "FY24", "daterange", "2023-04", "2024-03"},
      {"It was his best 2021/22 season.", "2021/22", "daterange", "2021", "2022"},
      /* March 2023 still belongs to FY2023 (April 2022 .. March 2023) */
      {"It will rise this fiscal year.", "this fiscal year", "daterange", "2022-04", "2023-03"},
  };
  run_table_fs("2023-03-03", 4, cs, sizeof cs / sizeof *cs);
}

static void test_fiscal_start_7(void **st) {
  (void)st;
  static const dcase cs[] = {
      {FISCAL_TEXT, "fiscal 2024", "daterange", "2023-07", "2024-06"},
      {FISCAL_TEXT, "FY2022-23", "daterange", "2022-07", "2023-06"},
      {FISCAL_TEXT, "fiscal Q1 2024", "daterange", "2023-07", "2023-09"},
      {"Revenue rose in fiscal 2022/23.", "fiscal 2022/23", "daterange", "2022-07", "2023-06"},
      {"Profit fell in the second half of fiscal 2024.",
       "the second half of fiscal 2024", "daterange", "2024-01", "2024-06"},
  };
  run_table_fs("2023-03-03", 7, cs, sizeof cs / sizeof *cs);
}

static void test_fiscal_start_10(void **st) {
  (void)st;
  static const dcase cs[] = {
      {FISCAL_TEXT, "fiscal 2024", "daterange", "2023-10", "2024-09"},
      {FISCAL_TEXT, "FY2022-23", "daterange", "2022-10", "2023-09"},
      {FISCAL_TEXT, "fiscal Q1 2024", "daterange", "2023-10", "2023-12"},
      {"Profit fell in the first quarter of fiscal 2024.",
       "the first quarter of fiscal 2024", "daterange", "2023-10", "2023-12"},
      {"Profit fell in the fourth quarter of fiscal 2024.",
       "the fourth quarter of fiscal 2024", "daterange", "2024-07", "2024-09"},
      {"Spending fell last fiscal year.", "last fiscal year", "date", "2022", NULL},
      {"Spending fell last fiscal year.", "last fiscal year", "daterange", "2021-10", "2022-09"},
  };
  run_table_fs("2023-03-03", 10, cs, sizeof cs / sizeof *cs);
}

/* anaphora: the last date mentioned, else the reference date */
static void test_anaphora(void **st) {
  (void)st;
  static const dcase cs[] = {
      {"He moved in June 1998 and left later that year.", "later that year", "date", "1998", NULL},
      {"The vote was on March 3, 2020. Earlier that day, crowds met.", "Earlier that day",
       "date", "2020-03-03", NULL},
      {"It began in May 2019; that month, rents rose.", "that month", "date", "2019-05", NULL},
      {"It opened in 2015; the same year it closed.", "the same year", "date", "2015", NULL},
      {"It opened on 4 July 2015 and shut that same day.", "that same day", "date",
       "2015-07-04", NULL},
      {"The vote was on March 3, 2020. The following day, results came.",
       "The following day", "date", "2020-03-04", NULL},
      {"It opened on 4 July 2015. The following week it shut.", "The following week",
       "date", "2015-W28", NULL},
      {"The vote was on March 3, 2020. The next day was calm.", "The next day", "date",
       "2020-03-04", NULL},
      {"Profit in 2004 rose 5% on the previous year.", "the previous year", "date", "2003", NULL},
      {"Credit rose in December, more than in the previous month.", "the previous month",
       "date", "2022-11", NULL},
      {"Sales hit a record in 2010, up from 900 the year before.", "the year before", "date",
       "2009", NULL},
      {"It closed on Friday, a record set the day before.", "the day before", "date",
       "2023-03-02", NULL},
      {"It opened on 4 July 2015, the day after, it shut.", "the day after", "date",
       "2015-07-05", NULL},
      /* no date before: the reference date */
      {"Nothing happened that year.", "that year", "date", "2023", NULL},
      {"The next day was calm.", "The next day", "date", "2023-03-04", NULL},
      {"Sales rose the previous year.", "the previous year", "date", "2022", NULL},
      /* deictic without "the"; a quarter just named */
      {"It opened in 2015 and will grow next year.", "next year", "date", "2024", NULL},
      {"Profit fell in the third quarter of 2022 after the previous quarter rose.",
       "the previous quarter", "date", "2022-Q2", NULL},
      /* "before" with an object: not anaphora */
      {"The day before the vote, nothing happened.", NULL, "date", NULL,
       NULL},
  };
  run_table("2023-03-03", cs, sizeof cs / sizeof *cs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_absolute_forms), cmocka_unit_test(test_relative_forms),
      cmocka_unit_test(test_year_boundary),  cmocka_unit_test(test_no_reference),
      cmocka_unit_test(test_durations_and_sets), cmocka_unit_test(test_ranges),
      cmocka_unit_test(test_precision),
      cmocka_unit_test(test_fiscal_start_1), cmocka_unit_test(test_fiscal_start_4),
      cmocka_unit_test(test_fiscal_start_7), cmocka_unit_test(test_fiscal_start_10),
      cmocka_unit_test(test_anaphora)};
  return cmocka_run_group_tests(tests, setup, teardown);
}
