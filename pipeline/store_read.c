/* Read side of the claim store (see store_read.h). */
#include "store_read.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#ifdef CX_WITH_POSTGRES
#include <libpq-fe.h>
#endif

#include "store.h"

#define FETCH_ROWS 500

struct cx_store_reader {
  sqlite3 *db;
#ifdef CX_WITH_POSTGRES
  PGconn *pg;
  int n_cursors;
#endif
  char name[256]; /* for messages: file name, or "postgresql" */
};

struct cx_rows {
  cx_store_reader *r;
  sqlite3_stmt *st;
#ifdef CX_WITH_POSTGRES
  PGresult *res;
  int row, n;
  bool done;
  char cursor[32];
#endif
};

static bool is_url(const char *t) {
  return !strncmp(t, "postgresql://", 13) || !strncmp(t, "postgres://", 11);
}

#ifdef CX_WITH_POSTGRES
static void pg_fail(cx_store_reader *r, cx_diag *diag, const char *what) {
  const char *m = PQerrorMessage(r->pg);
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
  cx_diag_set(diag, CX_ERR_STORE, r->name, -1, "%s: %.*s", what, (int)n, m);
}

static bool pg_ok(cx_store_reader *r, PGresult *res, cx_diag *diag,
                  const char *what) {
  ExecStatusType s = PQresultStatus(res);
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) return true;
  pg_fail(r, diag, what);
  return false;
}
#endif

cx_store_reader *cx_store_reader_open(const char *target, cx_diag *diag) {
  cx_store_reader *r = cx_xcalloc(1, sizeof *r);
  if (is_url(target)) {
    char *shown = cx_store_display_name(target);
    snprintf(r->name, sizeof r->name, "%s", shown);
    free(shown);
#ifdef CX_WITH_POSTGRES
    r->pg = PQconnectdb(target);
    if (PQstatus(r->pg) != CONNECTION_OK) {
      pg_fail(r, diag, "cannot open store");
      goto fail;
    }
    /* one snapshot for the whole export; cursors live in it */
    PGresult *res = PQexec(r->pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    bool ok = pg_ok(r, res, diag, "cannot open store");
    PQclear(res);
    if (!ok) goto fail;
    res = PQexec(r->pg, "SELECT max(version) FROM schema_version");
    ok = pg_ok(r, res, diag, "not a claimx store");
    PQclear(res);
    if (!ok) goto fail;
    return r;
#else
    cx_diag_set(diag, CX_ERR_STORE, r->name, -1,
                "this claimx was built without PostgreSQL support");
    goto fail;
#endif
  }
  snprintf(r->name, sizeof r->name, "%s", target);
  r->db = cx_store_sqlite_open_ro(target, diag);
  if (!r->db) goto fail;
  return r;
fail:
  cx_store_reader_free(r);
  return NULL;
}

void cx_store_reader_free(cx_store_reader *r) {
  if (!r) return;
  sqlite3_close(r->db);
#ifdef CX_WITH_POSTGRES
  if (r->pg) PQfinish(r->pg);
#endif
  free(r);
}

bool cx_store_reader_is_pg(const cx_store_reader *r) { return r->db == NULL; }

/* {C} → the backend's byte-order collation; ? → $n for PostgreSQL. */
static char *dialect(const char *sql, bool pg) {
  cx_buf b;
  cx_buf_init(&b);
  int n = 0;
  for (const char *p = sql; *p; p++) {
    if (!strncmp(p, "{C}", 3)) {
      cx_buf_puts(&b, pg ? " COLLATE \"C\"" : " COLLATE BINARY");
      p += 2;
    } else if (*p == '?' && pg) {
      cx_buf_printf(&b, "$%d", ++n);
    } else {
      cx_buf_putc(&b, *p);
    }
  }
  cx_buf_putc(&b, '\0');
  return b.data;
}

cx_rows *cx_rows_query(cx_store_reader *r, const char *sql, int n_params,
                       const char *const *params, cx_diag *diag) {
  cx_rows *q = cx_xcalloc(1, sizeof *q);
  q->r = r;
  char *s = dialect(sql, cx_store_reader_is_pg(r));
  if (r->db) {
    if (sqlite3_prepare_v2(r->db, s, -1, &q->st, NULL) != SQLITE_OK) {
      cx_diag_set(diag, CX_ERR_STORE, r->name, -1, "%s", sqlite3_errmsg(r->db));
      goto fail;
    }
    for (int i = 0; i < n_params; i++)
      sqlite3_bind_text(q->st, i + 1, params[i], -1, SQLITE_TRANSIENT);
    free(s);
    return q;
  }
#ifdef CX_WITH_POSTGRES
  snprintf(q->cursor, sizeof q->cursor, "cx_rows_%d", r->n_cursors++);
  cx_buf decl;
  cx_buf_init(&decl);
  cx_buf_printf(&decl, "DECLARE %s NO SCROLL CURSOR FOR %s", q->cursor, s);
  cx_buf_putc(&decl, '\0');
  PGresult *res = PQexecParams(r->pg, decl.data, n_params, NULL, params, NULL, NULL, 0);
  cx_buf_free(&decl);
  bool ok = pg_ok(r, res, diag, "query");
  PQclear(res);
  if (!ok) goto fail;
  q->row = q->n = 0;
  free(s);
  return q;
#endif
fail:
  free(s);
  cx_rows_free(q);
  return NULL;
}

int cx_rows_next(cx_rows *q, cx_diag *diag) {
  cx_store_reader *r = q->r;
  if (q->st) {
    int rc = sqlite3_step(q->st);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    cx_diag_set(diag, CX_ERR_STORE, r->name, -1, "%s", sqlite3_errmsg(r->db));
    return -1;
  }
#ifdef CX_WITH_POSTGRES
  if (++q->row < q->n) return 1;
  if (q->done) return 0;
  PQclear(q->res);
  char sql[64];
  snprintf(sql, sizeof sql, "FETCH %d FROM %s", FETCH_ROWS, q->cursor);
  q->res = PQexec(r->pg, sql);
  if (!pg_ok(r, q->res, diag, "query")) return -1;
  q->n = PQntuples(q->res);
  q->row = 0;
  if (q->n < FETCH_ROWS) q->done = true;
  return q->n > 0;
#else
  (void)diag;
  return 0;
#endif
}

const char *cx_rows_text(cx_rows *q, int col) {
  if (q->st) return (const char *)sqlite3_column_text(q->st, col);
#ifdef CX_WITH_POSTGRES
  if (PQgetisnull(q->res, q->row, col)) return NULL;
  return PQgetvalue(q->res, q->row, col);
#else
  return NULL;
#endif
}

size_t cx_rows_len(cx_rows *q, int col) {
  if (q->st) {
    sqlite3_column_text(q->st, col); /* bytes of the text form */
    return (size_t)sqlite3_column_bytes(q->st, col);
  }
#ifdef CX_WITH_POSTGRES
  return (size_t)PQgetlength(q->res, q->row, col);
#else
  return 0;
#endif
}

bool cx_rows_null(cx_rows *q, int col) {
  if (q->st) return sqlite3_column_type(q->st, col) == SQLITE_NULL;
#ifdef CX_WITH_POSTGRES
  return PQgetisnull(q->res, q->row, col);
#else
  return true;
#endif
}

int64_t cx_rows_int(cx_rows *q, int col) {
  if (q->st) return sqlite3_column_int64(q->st, col);
  const char *s = cx_rows_text(q, col);
  return s ? strtoll(s, NULL, 10) : 0;
}

double cx_rows_real(cx_rows *q, int col) {
  if (q->st) return sqlite3_column_double(q->st, col);
  const char *s = cx_rows_text(q, col);
  return s ? strtod(s, NULL) : 0;
}

void cx_rows_free(cx_rows *q) {
  if (!q) return;
  sqlite3_finalize(q->st);
#ifdef CX_WITH_POSTGRES
  PQclear(q->res);
  if (q->cursor[0] && q->r->pg) {
    char sql[64];
    snprintf(sql, sizeof sql, "CLOSE %s", q->cursor);
    PQclear(PQexec(q->r->pg, sql));
  }
#endif
  free(q);
}
