/* The PostgreSQL store holds the same rows as the SQLite store for the same
 * documents (COPY escaping included). Runs against the server in CX_PG_URL
 * (tests/e2e/pg_start.sh starts one); skipped, saying so, when unset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../pipeline/export.h"
#include "../../pipeline/store.h"
#include "../../pipeline/writer.h"

#ifdef CX_WITH_POSTGRES
#include "store_fixture.h"
#include <libpq-fe.h>

extern const cx_writer cx_writer_sqlite, cx_writer_postgres;

static char pg_url[1024], sq_path[64], schema[64];

static void store(const cx_writer *wr, const char *target, const char *extra) {
  cx_diag diag;
  cx_diag_clear(&diag);
  cx_resources *res = cx_resources_new(&diag);
  assert_non_null(res);
  cx_worker *w = cx_worker_new(res);
  cx_doc *d = cx_doc_new();
  cx_run_info run = {.version = CX_VERSION, .options = "test"};
  void *s = wr->open(target, &run, &diag);
  if (!s) fail_msg("%s: %s", diag.doc, diag.text);
  static const char *const ids[] = {"a", "b\tc", "d\\e", NULL};
  for (size_t i = 0; ids[i]; i++) {
    make_doc(w, d, ids[i], extra);
    assert_int_equal(wr->write(s, d, &diag), CX_OK);
    run.docs_ok++;
  }
  cx_diag e;
  cx_diag_clear(&e);
  cx_diag_set(&e, CX_ERR_PARSE, "broken.html", -1, "malformed\tHTML\\");
  wr->error(s, &e);
  run.docs_failed++;
  assert_int_equal(wr->close(s, &run, &diag), CX_OK);
  cx_doc_free(d);
  cx_worker_free(w);
  cx_resources_free(res);
}

/* Rows of a query, one per line, sorted (the backends order differently). */
static int line_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *sorted(char **lines, size_t n) {
  qsort(lines, n, sizeof *lines, line_cmp);
  cx_buf b;
  cx_buf_init(&b);
  for (size_t i = 0; i < n; i++) {
    cx_buf_puts(&b, lines[i]);
    cx_buf_putc(&b, '\n');
    free(lines[i]);
  }
  free(lines);
  cx_buf_putc(&b, '\0');
  return b.data;
}

static char *pg_rows(PGconn *c, const char *sql) {
  PGresult *r = PQexec(c, sql);
  if (PQresultStatus(r) != PGRES_TUPLES_OK) fail_msg("%s: %s", sql, PQerrorMessage(c));
  size_t n = (size_t)PQntuples(r);
  char **lines = calloc(n + 1, sizeof *lines);
  for (size_t i = 0; i < n; i++) {
    cx_buf b;
    cx_buf_init(&b);
    for (int k = 0; k < PQnfields(r); k++) {
      if (k) cx_buf_putc(&b, '|');
      cx_buf_puts(&b, PQgetisnull(r, (int)i, k) ? "NULL" : PQgetvalue(r, (int)i, k));
    }
    cx_buf_putc(&b, '\0');
    lines[i] = b.data;
  }
  PQclear(r);
  return sorted(lines, n);
}

static char *sq_rows(sqlite3 *db, const char *sql) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    fail_msg("%s: %s", sql, sqlite3_errmsg(db));
  size_t n = 0, cap = 16;
  char **lines = calloc(cap, sizeof *lines);
  while (sqlite3_step(st) == SQLITE_ROW) {
    cx_buf b;
    cx_buf_init(&b);
    for (int k = 0; k < sqlite3_column_count(st); k++) {
      if (k) cx_buf_putc(&b, '|');
      const char *v = (const char *)sqlite3_column_text(st, k);
      cx_buf_puts(&b, v ? v : "NULL");
    }
    cx_buf_putc(&b, '\0');
    if (n == cap) lines = realloc(lines, (cap *= 2) * sizeof *lines);
    lines[n++] = b.data;
  }
  sqlite3_finalize(st);
  return sorted(lines, n);
}

static char *exported(const char *target, cx_export_format f) {
  char *buf = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&buf, &n);
  cx_diag diag;
  cx_diag_clear(&diag);
  if (cx_export(target, f, out, &diag) != CX_OK) fail_msg("%s: %s", diag.doc, diag.text);
  fclose(out);
  return buf;
}

static char *searched(const char *target, const char *query) {
  char *buf = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&buf, &n);
  cx_diag diag;
  cx_diag_clear(&diag);
  if (cx_search(target, query, 10, out, &diag) != CX_OK) fail_msg("%s: %s", diag.doc, diag.text);
  fclose(out);
  return buf;
}

static void test_same_rows(void **state) {
  (void)state;
  store(&cx_writer_sqlite, sq_path, " with\ta tab, a \\ backslash\r\nand lines");
  store(&cx_writer_postgres, pg_url, " with\ta tab, a \\ backslash\r\nand lines");
  /* twice: nothing added; then a change replaces */
  store(&cx_writer_sqlite, sq_path, " with\ta tab, a \\ backslash\r\nand lines");
  store(&cx_writer_postgres, pg_url, " with\ta tab, a \\ backslash\r\nand lines");
  store(&cx_writer_sqlite, sq_path, " changed");
  store(&cx_writer_postgres, pg_url, " changed");
  PGconn *c = PQconnectdb(pg_url);
  assert_int_equal(PQstatus(c), CONNECTION_OK);
  sqlite3 *db;
  assert_int_equal(sqlite3_open(sq_path, &db), SQLITE_OK);
  /* every column but the run-dependent ones; floats through integers */
  static const char *const queries[] = {
      "SELECT id,path,item,url,outlet,title,author,published,format,content_hash,"
      "text_len,run FROM documents",
      "SELECT hash,text,first_doc,first_paragraph FROM passages",
      "SELECT doc,paragraph,hash,start_cp,end_cp,repeats,repeat_of_doc,"
      "repeat_of_paragraph FROM appearances",
      "SELECT id,doc,sentence,start_cp,end_cp,text,stance,repeats FROM claims",
      "SELECT doc,idx,type,start_cp,end_cp,text,CAST(amount AS BIGINT),"
      "CAST(count AS BIGINT),currency,currency_assumed,qualifier,unit,date_start,"
      "date_end,name,flags FROM mentions",
      "SELECT claim,doc,mention FROM claim_mentions",
      "SELECT claim,position,source,cue,stance FROM attributions",
      "SELECT run,doc,status,message FROM run_errors",
      "SELECT id,version,options,docs_ok,docs_failed,docs_stored,docs_unchanged,"
      "bytes FROM runs",
  };
  for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
    char *a = pg_rows(c, queries[i]), *b = sq_rows(db, queries[i]);
    if (strcmp(a, b) != 0) fail_msg("%s\n--- pg\n%s--- sqlite\n%s", queries[i], a, b);
    assert_true(strlen(a) > 0 || i == 8);
    free(a);
    free(b);
  }
  /* the exports read the same from either store */
  for (int fmt = CX_EXPORT_CSV; fmt <= CX_EXPORT_JSONLD; fmt++) {
    char *a = exported(pg_url, (cx_export_format)fmt);
    char *b = exported(sq_path, (cx_export_format)fmt);
    assert_true(strlen(a) > 100);
    assert_string_equal(a, b);
    free(a);
    free(b);
  }
  char *hits = searched(pg_url, "drones");
  assert_non_null(strstr(hits, "[drones]"));
  size_t lines = 0;
  for (const char *p = hits; *p; p++) lines += *p == '\n';
  assert_int_equal(lines, 3);
  free(hits);
  char *n = pg_rows(c, "SELECT count(*) FROM claims WHERE to_tsvector('simple', text)"
                       " @@ plainto_tsquery('simple', 'drones')");
  assert_string_equal(n, "3\n");
  free(n);
  sqlite3_close(db);
  PQfinish(c);
}

static int setup(void **state) {
  (void)state;
  const char *url = getenv("CX_PG_URL");
  snprintf(schema, sizeof schema, "cx_unit_%d", (int)getpid());
  PGconn *c = PQconnectdb(url);
  if (PQstatus(c) != CONNECTION_OK) fail_msg("%s", PQerrorMessage(c));
  char sql[128];
  snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
  PQclear(PQexec(c, sql));
  PQfinish(c);
  snprintf(pg_url, sizeof pg_url, "%s%coptions=-csearch_path%%3D%s", url,
           strchr(url, '?') ? '&' : '?', schema);
  snprintf(sq_path, sizeof sq_path, "/tmp/cx_test_pg_%d.db", (int)getpid());
  unlink(sq_path);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  PGconn *c = PQconnectdb(getenv("CX_PG_URL"));
  char sql[128];
  snprintf(sql, sizeof sql, "SET client_min_messages=warning; DROP SCHEMA %s CASCADE", schema);
  PQclear(PQexec(c, sql));
  PQfinish(c);
  char p[80];
  unlink(sq_path);
  snprintf(p, sizeof p, "%s-wal", sq_path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", sq_path);
  unlink(p);
  return 0;
}
#endif

int main(void) {
#ifdef CX_WITH_POSTGRES
  if (!getenv("CX_PG_URL") || !*getenv("CX_PG_URL")) {
    printf("SKIP test_store_pg: CX_PG_URL is not set "
           "(tests/e2e/pg_start.sh starts a throwaway server)\n");
    return 0;
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_same_rows, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
#else
  printf("SKIP test_store_pg: built without PostgreSQL\n");
  return 0;
#endif
}
