/* PostgreSQL backend of the claim store (see store.h, docs/store.md).
 * Rows of a batch are staged in COPY text format and loaded with one COPY
 * per table when the batch commits; deletes and look-ups run in the same
 * transaction. Compiled only with CX_WITH_POSTGRES. */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Same tables, columns and keys as store_sqlite.c; types in PostgreSQL's
 * words. Full-text search is a GIN index over to_tsvector('simple'). */
static const char *const migrations[] = {
    /* 1: initial schema */
    "CREATE TABLE runs(\n"
    "  id BIGSERIAL PRIMARY KEY, started TEXT NOT NULL, finished TEXT,\n"
    "  version TEXT NOT NULL, options TEXT, docs_ok BIGINT, docs_failed BIGINT,\n"
    "  docs_stored BIGINT, docs_unchanged BIGINT, bytes BIGINT);\n"
    "CREATE TABLE run_errors(\n"
    "  run BIGINT NOT NULL REFERENCES runs(id), doc TEXT, status BIGINT NOT NULL,\n"
    "  message TEXT NOT NULL);\n"
    "CREATE INDEX run_errors_run ON run_errors(run);\n"
    "CREATE TABLE documents(\n"
    "  id TEXT PRIMARY KEY, path TEXT, item BIGINT, url TEXT, outlet TEXT,\n"
    "  title TEXT, author TEXT, published TEXT, format TEXT,\n"
    "  content_hash TEXT NOT NULL, text_len BIGINT, run BIGINT REFERENCES runs(id));\n"
    "CREATE INDEX documents_outlet ON documents(outlet);\n"
    "CREATE INDEX documents_published ON documents(published);\n"
    "CREATE TABLE passages(\n"
    "  hash TEXT PRIMARY KEY, text TEXT NOT NULL, first_doc TEXT NOT NULL,\n"
    "  first_paragraph BIGINT NOT NULL);\n"
    "CREATE TABLE appearances(\n"
    "  doc TEXT NOT NULL, paragraph BIGINT NOT NULL, hash TEXT NOT NULL,\n"
    "  start_cp BIGINT NOT NULL, end_cp BIGINT NOT NULL, repeats BIGINT,\n"
    "  repeat_of_doc TEXT, repeat_of_paragraph BIGINT,\n"
    "  PRIMARY KEY(doc, paragraph));\n"
    "CREATE INDEX appearances_hash ON appearances(hash);\n"
    "CREATE TABLE claims(\n"
    "  id TEXT PRIMARY KEY, doc TEXT NOT NULL,\n"
    "  sentence BIGINT NOT NULL, start_cp BIGINT NOT NULL, end_cp BIGINT NOT NULL,\n"
    "  text TEXT NOT NULL, stance TEXT NOT NULL, repeats BIGINT NOT NULL);\n"
    "CREATE INDEX claims_doc ON claims(doc);\n"
    "CREATE INDEX claims_fts ON claims USING gin(to_tsvector('simple', text));\n"
    "CREATE TABLE mentions(\n"
    "  doc TEXT NOT NULL, idx BIGINT NOT NULL, type TEXT NOT NULL,\n"
    "  start_cp BIGINT NOT NULL, end_cp BIGINT NOT NULL, text TEXT NOT NULL,\n"
    "  amount DOUBLE PRECISION, count DOUBLE PRECISION, percent DOUBLE PRECISION,\n"
    "  min_value DOUBLE PRECISION, max_value DOUBLE PRECISION,\n"
    "  currency TEXT, currency_assumed BIGINT, qualifier TEXT, qualifier_text TEXT,\n"
    "  unit TEXT, date_start TEXT, date_end TEXT, value_text TEXT, name TEXT,\n"
    "  rule TEXT, flags BIGINT NOT NULL, PRIMARY KEY(doc, idx));\n"
    "CREATE INDEX mentions_entity ON mentions(type, name);\n"
    "CREATE INDEX mentions_amount ON mentions(type, currency, amount);\n"
    "CREATE INDEX mentions_count ON mentions(type, unit, count);\n"
    "CREATE INDEX mentions_date ON mentions(date_start, date_end);\n"
    "CREATE TABLE claim_mentions(\n"
    "  claim TEXT NOT NULL, doc TEXT NOT NULL, mention BIGINT NOT NULL,\n"
    "  PRIMARY KEY(claim, mention));\n"
    "CREATE INDEX claim_mentions_doc ON claim_mentions(doc, mention);\n"
    "CREATE TABLE attributions(\n"
    "  claim TEXT NOT NULL, position BIGINT NOT NULL, source TEXT NOT NULL,\n"
    "  cue TEXT, stance TEXT NOT NULL, PRIMARY KEY(claim, position));\n"
    "CREATE INDEX attributions_source ON attributions(source);\n",
    /* 2: documents record the document they copy (de-duplication) */
    "ALTER TABLE documents ADD COLUMN copy_of TEXT;\n"
    /* value indexes cover only the rows they can answer: an entity
     * mention (most rows) no longer pays for three of them */
    "DROP INDEX mentions_amount;\n"
    "CREATE INDEX mentions_amount ON mentions(currency, amount) WHERE type='money';\n"
    "DROP INDEX mentions_count;\n"
    "CREATE INDEX mentions_count ON mentions(unit, count) WHERE type='count';\n"
    "DROP INDEX mentions_date;\n"
    "CREATE INDEX mentions_date ON mentions(date_start, date_end)\n"
    "  WHERE date_start IS NOT NULL;\n",

};
#define N_MIGRATIONS (int)(sizeof migrations / sizeof migrations[0])
_Static_assert(N_MIGRATIONS == CX_SCHEMA_VERSION, "migrations vs version");

static const char *const delete_sql[] = {
    "DELETE FROM passages p WHERE hash IN (SELECT hash FROM appearances WHERE doc=$1)"
    " AND NOT EXISTS (SELECT 1 FROM appearances a WHERE a.hash=p.hash"
    " AND a.doc<>$1)",
    "DELETE FROM appearances WHERE doc=$1",
    "DELETE FROM attributions WHERE claim IN (SELECT id FROM claims WHERE doc=$1)",
    "DELETE FROM claim_mentions WHERE doc=$1",
    "DELETE FROM mentions WHERE doc=$1",
    "DELETE FROM claims WHERE doc=$1",
    "DELETE FROM documents WHERE id=$1",
};
#define N_DELETE (sizeof delete_sql / sizeof delete_sql[0])

typedef struct pg {
  PGconn *conn;
  char *name;                       /* target without its password */
  cx_buf rows[CX_N_STORE_TABLES];   /* staged COPY text per table */
  size_t n_passages;
} pg;

static cx_status fail(pg *p, cx_diag *diag, const char *what) {
  const char *m = PQerrorMessage(p->conn);
  size_t n = strlen(m);
  while (n && (m[n - 1] == '\n' || m[n - 1] == ' ')) n--;
  return cx_diag_set(diag, CX_ERR_STORE, p->name, -1, "%s: %.*s", what,
                     (int)n, m);
}

static cx_status exec(pg *p, const char *sql, cx_diag *diag) {
  PGresult *r = PQexec(p->conn, sql);
  ExecStatusType s = PQresultStatus(r);
  PQclear(r);
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) return fail(p, diag, "query");
  return CX_OK;
}

static cx_status migrate(pg *p, cx_diag *diag) {
  /* one migrating client at a time; the lock ends with the transaction */
  if (exec(p, "BEGIN", diag) ||
      exec(p, "SELECT pg_advisory_xact_lock(2317040001)", diag) ||
      exec(p, "CREATE TABLE IF NOT EXISTS schema_version("
              "version BIGINT PRIMARY KEY, applied TEXT NOT NULL)", diag))
    return CX_ERR_STORE;
  PGresult *r = PQexec(p->conn, "SELECT coalesce(max(version),0) FROM schema_version");
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    PQclear(r);
    return fail(p, diag, "reading schema version");
  }
  int v = atoi(PQgetvalue(r, 0, 0));
  PQclear(r);
  if (v > N_MIGRATIONS)
    return cx_diag_set(diag, CX_ERR_STORE, p->name, -1,
                       "schema version %d is newer than this claimx (%d)", v,
                       N_MIGRATIONS);
  for (int i = v; i < N_MIGRATIONS; i++) {
    char ver[160];
    snprintf(ver, sizeof ver,
             "INSERT INTO schema_version VALUES (%d, to_char(now() AT TIME ZONE "
             "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
             i + 1);
    if (exec(p, migrations[i], diag) || exec(p, ver, diag)) return CX_ERR_STORE;
  }
  return exec(p, "COMMIT", diag);
}

static void pg_close(void *v) {
  pg *p = v;
  if (!p) return;
  PQfinish(p->conn); /* an open transaction is rolled back */
  for (int i = 0; i < CX_N_STORE_TABLES; i++) cx_buf_free(&p->rows[i]);
  free(p->name);
  free(p);
}

static void *pg_open(const char *target, cx_diag *diag) {
  pg *p = cx_xcalloc(1, sizeof *p);
  p->name = cx_store_display_name(target);
  for (int i = 0; i < CX_N_STORE_TABLES; i++) cx_buf_init(&p->rows[i]);
  p->conn = PQconnectdb(target);
  if (PQstatus(p->conn) != CONNECTION_OK) {
    fail(p, diag, "cannot open store");
    pg_close(p);
    return NULL;
  }
  if (exec(p, "SET client_min_messages=warning", diag) || migrate(p, diag)) {
    pg_close(p);
    return NULL;
  }
  /* looked up once per document: parsed and planned once per run */
  PGresult *r = PQprepare(p->conn, "cx_doc_hash",
                          "SELECT content_hash FROM documents WHERE id=$1", 1, NULL);
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  PQclear(r);
  if (!ok) {
    fail(p, diag, "preparing lookup");
    pg_close(p);
    return NULL;
  }
  return p;
}

static cx_status pg_begin(void *v, cx_diag *diag) { return exec(v, "BEGIN", diag); }

static cx_status copy_in(pg *p, const char *sql, cx_buf *b, cx_diag *diag) {
  PGresult *r = PQexec(p->conn, sql);
  if (PQresultStatus(r) != PGRES_COPY_IN) {
    PQclear(r);
    return fail(p, diag, "COPY");
  }
  PQclear(r);
  if (PQputCopyData(p->conn, b->data, (int)b->len) != 1 ||
      PQputCopyEnd(p->conn, NULL) != 1)
    return fail(p, diag, "COPY");
  cx_status st = CX_OK;
  while ((r = PQgetResult(p->conn))) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && st == CX_OK)
      st = fail(p, diag, "COPY");
    PQclear(r);
  }
  return st;
}

/* Loads the staged rows: passages through a staging table (a known hash is
 * skipped, the first row of the batch wins), the rest straight in. */
static cx_status flush(pg *p, cx_diag *diag) {
  char sql[512];
  for (int t = 0; t < CX_N_STORE_TABLES; t++) {
    cx_buf *b = &p->rows[t];
    if (!b->len) continue;
    cx_status st;
    if (t == CX_T_PASSAGES) {
      if ((st = exec(p, "CREATE TEMP TABLE IF NOT EXISTS passages_stage("
                        "ord BIGINT, hash TEXT, text TEXT, first_doc TEXT,"
                        " first_paragraph BIGINT) ON COMMIT DELETE ROWS", diag)) ||
          (st = copy_in(p, "COPY passages_stage FROM STDIN", b, diag)) ||
          (st = exec(p, "INSERT INTO passages SELECT DISTINCT ON (hash) hash,"
                        " text, first_doc, first_paragraph FROM passages_stage"
                        " ORDER BY hash, ord ON CONFLICT (hash) DO NOTHING", diag)))
        return st;
    } else {
      snprintf(sql, sizeof sql, "COPY %s(%s) FROM STDIN", cx_store_table_name(t),
               cx_store_table_columns(t));
      if ((st = copy_in(p, sql, b, diag))) return st;
    }
    b->len = 0;
  }
  p->n_passages = 0;
  return CX_OK;
}

static void drop_staged(pg *p) {
  for (int i = 0; i < CX_N_STORE_TABLES; i++) p->rows[i].len = 0;
  p->n_passages = 0;
}

static cx_status pg_commit(void *v, cx_diag *diag) {
  pg *p = v;
  cx_status st = flush(p, diag);
  drop_staged(p);
  if (st != CX_OK) return st;
  return exec(p, "COMMIT", diag);
}

static int pg_doc_hash(void *v, const char *id, char hash[17], cx_diag *diag) {
  pg *p = v;
  const char *params[1] = {id};
  PGresult *r = PQexecPrepared(p->conn, "cx_doc_hash", 1, params, NULL, NULL, 0);
  int found = -1;
  if (PQresultStatus(r) != PGRES_TUPLES_OK) {
    fail(p, diag, "looking up document");
  } else if (PQntuples(r) == 0) {
    found = 0;
  } else {
    snprintf(hash, 17, "%s", PQgetvalue(r, 0, 0));
    found = 1;
  }
  PQclear(r);
  return found;
}

static cx_status pg_delete_doc(void *v, const char *id, cx_diag *diag) {
  pg *p = v;
  const char *params[1] = {id};
  for (size_t i = 0; i < N_DELETE; i++) {
    PGresult *r = PQexecParams(p->conn, delete_sql[i], 1, NULL, params, NULL, NULL, 0);
    ExecStatusType s = PQresultStatus(r);
    PQclear(r);
    if (s != PGRES_COMMAND_OK) return fail(p, diag, "deleting document");
  }
  return CX_OK;
}

/* COPY text format: \N for NULL, backslash escapes for \ tab CR LF. NUL
 * bytes cannot be stored in PostgreSQL text and are dropped. */
static void copy_text(cx_buf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *esc = NULL;
    switch (s[i]) {
      case '\\': esc = "\\\\"; break;
      case '\t': esc = "\\t"; break;
      case '\n': esc = "\\n"; break;
      case '\r': esc = "\\r"; break;
      case '\0': esc = ""; break;
      default: continue;
    }
    cx_buf_put(b, s + run, i - run);
    cx_buf_puts(b, esc);
    run = i + 1;
  }
  cx_buf_put(b, s + run, n - run);
}

static void copy_value(cx_buf *b, const cx_value *v) {
  switch (v->kind) {
    case CX_V_NULL: cx_buf_puts(b, "\\N"); break;
    case CX_V_INT: cx_buf_printf(b, "%lld", (long long)v->i); break;
    case CX_V_REAL: cx_buf_printf(b, "%.17g", v->r); break;
    case CX_V_TEXT: copy_text(b, v->s, v->n); break;
  }
}

static cx_status pg_insert(void *v, cx_store_table t, const cx_value *row,
                           cx_diag *diag) {
  (void)diag;
  pg *p = v;
  cx_buf *b = &p->rows[t];
  if (t == CX_T_PASSAGES) cx_buf_printf(b, "%zu\t", p->n_passages++);
  for (int c = 0; c < cx_store_table_ncols(t); c++) {
    if (c) cx_buf_putc(b, '\t');
    copy_value(b, &row[c]);
  }
  cx_buf_putc(b, '\n');
  return CX_OK;
}

static int64_t pg_run_start(void *v, const char *started, const cx_run_info *run,
                            cx_diag *diag) {
  pg *p = v;
  const char *params[3] = {started,
                           run && run->version ? run->version : CX_VERSION,
                           run ? run->options : NULL};
  PGresult *r = PQexecParams(p->conn,
                             "INSERT INTO runs(started, version, options) "
                             "VALUES ($1,$2,$3) RETURNING id",
                             3, NULL, params, NULL, NULL, 0);
  int64_t id = -1;
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
    id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
  else
    fail(p, diag, "recording run");
  PQclear(r);
  return id;
}

static cx_status pg_run_finish(void *v, int64_t run_id, const char *finished,
                               const cx_run_info *run, size_t stored,
                               size_t unchanged, cx_diag *diag) {
  pg *p = v;
  char n[6][32];
  snprintf(n[0], 32, "%zu", run->docs_ok);
  snprintf(n[1], 32, "%zu", run->docs_failed);
  snprintf(n[2], 32, "%zu", stored);
  snprintf(n[3], 32, "%zu", unchanged);
  snprintf(n[4], 32, "%zu", run->bytes);
  snprintf(n[5], 32, "%lld", (long long)run_id);
  const char *params[7] = {finished, n[0], n[1], n[2], n[3], n[4], n[5]};
  PGresult *r = PQexecParams(p->conn,
                             "UPDATE runs SET finished=$1, docs_ok=$2, docs_failed=$3,"
                             " docs_stored=$4, docs_unchanged=$5, bytes=$6 WHERE id=$7",
                             7, NULL, params, NULL, NULL, 0);
  ExecStatusType s = PQresultStatus(r);
  PQclear(r);
  return s == PGRES_COMMAND_OK ? CX_OK : fail(p, diag, "finishing run");
}

const cx_store_backend cx_store_pg = {
    "postgres",    pg_open,   pg_close,     pg_begin,     pg_commit, pg_doc_hash,
    pg_delete_doc, pg_insert, pg_run_start, pg_run_finish,
    /* rows are staged until COPY at commit, and an error aborts the whole
     * PostgreSQL transaction: every error stops the run */
    NULL,          NULL,      NULL};
