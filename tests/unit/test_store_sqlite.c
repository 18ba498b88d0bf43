/* The SQLite claim store: schema and migrations, rows of a hand-made
 * document, idempotency, replacement of a changed document, code point
 * offsets, run records with errors, FTS5, exports. */
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
#include "../../pipeline/internal.h"
#include "../../pipeline/store.h"
#include "../../pipeline/writer.h"
#include "store_fixture.h"

extern const cx_writer cx_writer_sqlite;

typedef struct fixture {
  cx_resources *res;
  cx_worker *w;
  cx_doc *d;
  char path[64];
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  cx_diag diag;
  cx_diag_clear(&diag);
  f->res = cx_resources_new(&diag);
  assert_non_null(f->res);
  f->w = cx_worker_new(f->res);
  f->d = cx_doc_new();
  snprintf(f->path, sizeof f->path, "/tmp/cx_test_store_%d.db", (int)getpid());
  unlink(f->path);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  char p[80];
  unlink(f->path);
  snprintf(p, sizeof p, "%s-wal", f->path);
  unlink(p);
  snprintf(p, sizeof p, "%s-shm", f->path);
  unlink(p);
  cx_doc_free(f->d);
  cx_worker_free(f->w);
  cx_resources_free(f->res);
  free(f);
  return 0;
}

static long count(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  long n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

static char *text_of(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  char *s = strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return s;
}

/* Runs the store writer over the given documents (NULL id = a failed one). */
static void store_docs(fixture *f, const char *const *ids, const char *extra) {
  cx_run_info run = {.version = CX_VERSION, .options = "test"};
  cx_diag diag;
  cx_diag_clear(&diag);
  void *s = cx_writer_sqlite.open(f->path, &run, &diag);
  assert_non_null(s);
  for (size_t i = 0; ids[i]; i++) {
    if (!strcmp(ids[i], "!bad")) {
      cx_diag e;
      cx_diag_clear(&e);
      cx_diag_set(&e, CX_ERR_UTF8, "bad.txt", 3, "invalid UTF-8 at byte 3");
      cx_writer_sqlite.error(s, &e);
      run.docs_failed++;
      continue;
    }
    make_doc(f->w, f->d, ids[i], extra);
    assert_int_equal(cx_writer_sqlite.write(s, f->d, &diag), CX_OK);
    run.docs_ok++;
  }
  assert_int_equal(cx_writer_sqlite.close(s, &run, &diag), CX_OK);
}

static void test_rows_and_offsets(void **state) {
  fixture *f = *state;
  const char *ids[] = {"a", "b", NULL};
  store_docs(f, ids, "");
  assert_int_equal(count(f->path, "SELECT max(version) FROM schema_version"),
                   CX_SCHEMA_VERSION);
  assert_int_equal(count(f->path, "SELECT count(*) FROM documents"), 2);
  /* three paragraphs, two distinct: the passages are shared by a and b */
  assert_int_equal(count(f->path, "SELECT count(*) FROM appearances"), 6);
  assert_int_equal(count(f->path, "SELECT count(*) FROM passages"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM claims"), 2);
  assert_int_equal(count(f->path, "SELECT repeats FROM claims WHERE doc='a'"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM mentions"), 8);
  assert_int_equal(count(f->path, "SELECT count(*) FROM claim_mentions"), 6);
  assert_int_equal(count(f->path, "SELECT count(*) FROM attributions"), 2);
  /* code point offsets: "Café owners in Zürich — quoted by " is 34 code
   * points (and 38 bytes) */
  assert_int_equal(count(f->path, "SELECT start_cp FROM mentions WHERE doc='a' AND type='person'"), 34);
  assert_int_equal(count(f->path, "SELECT end_cp FROM mentions WHERE doc='a' AND type='person'"), 45);
  char *t = text_of(f->path, "SELECT text FROM mentions WHERE type='money' AND doc='a'");
  assert_string_equal(t, "US$103,000");
  free(t);
  assert_int_equal(count(f->path, "SELECT amount FROM mentions WHERE type='money' AND currency='USD' AND doc='a'"), 103000);
  t = text_of(f->path, "SELECT qualifier||' '||unit FROM mentions WHERE type='count' AND doc='a'");
  assert_string_equal(t, "at_least drone");
  free(t);
  t = text_of(f->path, "SELECT source||'/'||stance FROM attributions WHERE position=0 LIMIT 1");
  assert_string_equal(t, "Maria Rossi/quotes");
  free(t);
  t = text_of(f->path, "PRAGMA journal_mode");
  assert_string_equal(t, "wal");
  free(t);
}

static void test_idempotent_and_replace(void **state) {
  fixture *f = *state;
  const char *ids[] = {"a", "b", NULL};
  store_docs(f, ids, "");
  char *claim = text_of(f->path, "SELECT id FROM claims WHERE doc='a'");
  store_docs(f, ids, "");
  assert_int_equal(count(f->path, "SELECT count(*) FROM documents"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM claims"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM mentions"), 8);
  assert_int_equal(count(f->path, "SELECT count(*) FROM passages"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM runs"), 2);
  assert_int_equal(count(f->path, "SELECT docs_unchanged FROM runs WHERE id=2"), 2);
  assert_int_equal(count(f->path, "SELECT docs_stored FROM runs WHERE id=2"), 0);
  /* a changed document replaces its rows; the claim id stays */
  const char *only_a[] = {"a", NULL};
  store_docs(f, only_a, " today");
  assert_int_equal(count(f->path, "SELECT count(*) FROM documents"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM claims"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM mentions"), 8);
  assert_int_equal(count(f->path, "SELECT count(*) FROM appearances"), 6);
  /* the changed paragraph is a new passage; the old one is still b's */
  assert_int_equal(count(f->path, "SELECT count(*) FROM passages"), 3);
  assert_int_equal(count(f->path, "SELECT run FROM documents WHERE id='a'"), 3);
  char *claim2 = text_of(f->path, "SELECT id FROM claims WHERE doc='a'");
  assert_string_equal(claim, claim2);
  free(claim);
  free(claim2);
  /* FTS follows replacements: one hit per document */
  assert_int_equal(count(f->path, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'drones'"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH 'zurich'"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM appearances a WHERE a.hash=p.hash)"), 0);
}

static void test_run_errors(void **state) {
  fixture *f = *state;
  const char *ids[] = {"a", "!bad", "b", NULL};
  store_docs(f, ids, "");
  assert_int_equal(count(f->path, "SELECT count(*) FROM documents"), 2);
  assert_int_equal(count(f->path, "SELECT count(*) FROM run_errors WHERE run=1"), 1);
  char *t = text_of(f->path, "SELECT doc||': '||message FROM run_errors");
  assert_string_equal(t, "bad.txt: invalid UTF-8 at byte 3");
  free(t);
  assert_int_equal(count(f->path, "SELECT status FROM run_errors"), CX_ERR_UTF8);
  assert_int_equal(count(f->path, "SELECT docs_failed FROM runs WHERE id=1"), 1);
  assert_int_equal(count(f->path, "SELECT finished IS NOT NULL FROM runs WHERE id=1"), 1);
}

static void test_open_errors(void **state) {
  (void)state;
  cx_run_info run = {.version = CX_VERSION};
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_null(cx_writer_sqlite.open("/nonexistent/dir/x.db", &run, &diag));
  assert_int_equal(diag.status, CX_ERR_STORE);
  assert_string_equal(diag.doc, "/nonexistent/dir/x.db");
  cx_diag_clear(&diag);
  assert_null(cx_store_sqlite_open_ro("/nonexistent/x.db", &diag));
  assert_int_equal(diag.status, CX_ERR_STORE);
  assert_ptr_equal(cx_store_backend_for("x.DB"), &cx_store_sqlite);
  assert_ptr_equal(cx_store_backend_for("x.sqlite3"), &cx_store_sqlite);
  assert_null(cx_store_backend_for("x.jsonl"));
  assert_non_null(cx_writer_for_target("postgresql://localhost/x"));
  assert_non_null(cx_writer_for_target("postgres://localhost/x"));
  assert_non_null(cx_writer_for_target("out.sqlite"));
  assert_null(cx_writer_for_target("out.jsonl"));
  /* passwords never reach messages or the run record */
  static const char *const shown[][2] = {
      {"postgresql://desk:s3cret@db:5432/claims", "postgresql://desk:***@db:5432/claims"},
      {"postgres://db/claims?password=x&sslmode=require", "postgres://db/claims?password=***&sslmode=require"},
      {"postgresql://desk@db/claims", "postgresql://desk@db/claims"},
      {"claims.db", "claims.db"},
  };
  for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
    char *s = cx_store_display_name(shown[i][0]);
    assert_string_equal(s, shown[i][1]);
    free(s);
  }
}

static void test_newer_schema_refused(void **state) {
  fixture *f = *state;
  const char *ids[] = {"a", NULL};
  store_docs(f, ids, "");
  sqlite3 *db;
  assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
  assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_version VALUES (99, 'later')",
                                NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  cx_run_info run = {.version = CX_VERSION};
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_null(cx_writer_sqlite.open(f->path, &run, &diag));
  assert_int_equal(diag.status, CX_ERR_STORE);
  assert_non_null(strstr(diag.text, "newer"));
}

static char *export_to_string(const char *path, cx_export_format fmt) {
  char *buf = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&buf, &n);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_export(path, fmt, out, &diag), CX_OK);
  fclose(out);
  return buf;
}

static void test_exports_and_search(void **state) {
  fixture *f = *state;
  const char *ids[] = {"a", "b", NULL};
  store_docs(f, ids, "");
  char *s = export_to_string(f->path, CX_EXPORT_JSONL);
  assert_non_null(strstr(s, "\"value\":{\"amount\":103000,\"currency\":\"USD\",\"qualifier\":null}"));
  assert_non_null(strstr(s, "\"value\":{\"count\":37,\"unit\":\"drone\",\"qualifier\":\"at_least\"}"));
  assert_non_null(strstr(s, "\"attribution\":[{\"source\":\"Maria Rossi\",\"cue\":\"quote\",\"stance\":\"quotes\"}]"));
  free(s);
  s = export_to_string(f->path, CX_EXPORT_CSV);
  assert_non_null(strstr(s, "id,doc,outlet,published,url,sentence,start,end,stance,repeats,attribution,text\r\n"));
  assert_non_null(strstr(s, ",Example Times,2024-03-01,,0,0,"));
  free(s);
  s = export_to_string(f->path, CX_EXPORT_JSONLD);
  assert_non_null(strstr(s, "\"@context\":\"https://schema.org\""));
  assert_non_null(strstr(s, "\"@type\":\"Claim\""));
  assert_non_null(strstr(s, "\"author\":{\"@type\":\"Person\",\"name\":\"Maria Rossi\"}"));
  assert_non_null(strstr(s, "\"firstAppearance\":{\"@type\":\"NewsArticle\",\"identifier\":\"a\""));
  /* same text in a and b: one Claim with two appearances */
  const char *p = strstr(s, "\"appearance\":[");
  assert_non_null(p);
  assert_non_null(strstr(p, "\"identifier\":\"b\""));
  assert_null(strstr(p + 1, "\"@type\":\"Claim\""));
  free(s);
  char *buf = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&buf, &n);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_search(f->path, "drones", 10, out, &diag), CX_OK);
  fclose(out);
  assert_non_null(strstr(buf, "\"snippet\":"));
  assert_non_null(strstr(buf, "[drones]"));
  free(buf);
  out = open_memstream(&buf, &n);
  assert_int_equal(cx_search(f->path, "\"unbalanced", 10, out, &diag), CX_ERR_USAGE);
  fclose(out);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_rows_and_offsets, setup, teardown),
      cmocka_unit_test_setup_teardown(test_idempotent_and_replace, setup, teardown),
      cmocka_unit_test_setup_teardown(test_run_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_exports_and_search, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
