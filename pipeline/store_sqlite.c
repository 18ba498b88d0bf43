/* SQLite backend of the claim store (see store.h, docs/store.md).
 * WAL journal, one transaction per batch, prepared statements per table. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Migrations, applied in order; migration i brings the schema to version
 * i+1. Never edit a released one: append. */
static const char *const migrations[] = {
    /* 1: initial schema */
    "CREATE TABLE runs(\n"
    "  id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT,\n"
    "  version TEXT NOT NULL, options TEXT, docs_ok INTEGER, docs_failed INTEGER,\n"
    "  docs_stored INTEGER, docs_unchanged INTEGER, bytes INTEGER);\n"
    "CREATE TABLE run_errors(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id), doc TEXT, status INTEGER NOT NULL,\n"
    "  message TEXT NOT NULL);\n"
    "CREATE INDEX run_errors_run ON run_errors(run);\n"
    "CREATE TABLE documents(\n"
    "  id TEXT PRIMARY KEY, path TEXT, item INTEGER, url TEXT, outlet TEXT,\n"
    "  title TEXT, author TEXT, published TEXT, format TEXT,\n"
    "  content_hash TEXT NOT NULL, text_len INTEGER, run INTEGER REFERENCES runs(id));\n"
    "CREATE INDEX documents_outlet ON documents(outlet);\n"
    "CREATE INDEX documents_published ON documents(published);\n"
    "CREATE TABLE passages(\n"
    "  hash TEXT PRIMARY KEY, text TEXT NOT NULL, first_doc TEXT NOT NULL,\n"
    "  first_paragraph INTEGER NOT NULL);\n"
    "CREATE TABLE appearances(\n"
    "  doc TEXT NOT NULL, paragraph INTEGER NOT NULL, hash TEXT NOT NULL,\n"
    "  start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL, repeats INTEGER,\n"
    "  repeat_of_doc TEXT, repeat_of_paragraph INTEGER,\n"
    "  PRIMARY KEY(doc, paragraph));\n"
    "CREATE INDEX appearances_hash ON appearances(hash);\n"
    "CREATE TABLE claims(\n"
    "  seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL,\n"
    "  sentence INTEGER NOT NULL, start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL, stance TEXT NOT NULL, repeats INTEGER NOT NULL);\n"
    "CREATE INDEX claims_doc ON claims(doc);\n"
    "CREATE TABLE mentions(\n"
    "  doc TEXT NOT NULL, idx INTEGER NOT NULL, type TEXT NOT NULL,\n"
    "  start_cp INTEGER NOT NULL, end_cp INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  amount REAL, count REAL, percent REAL, min_value REAL, max_value REAL,\n"
    "  currency TEXT, currency_assumed INTEGER, qualifier TEXT, qualifier_text TEXT,\n"
    "  unit TEXT, date_start TEXT, date_end TEXT, value_text TEXT, name TEXT,\n"
    "  rule TEXT, flags INTEGER NOT NULL, PRIMARY KEY(doc, idx));\n"
    "CREATE INDEX mentions_entity ON mentions(type, name);\n"
    "CREATE INDEX mentions_amount ON mentions(type, currency, amount);\n"
    "CREATE INDEX mentions_count ON mentions(type, unit, count);\n"
    "CREATE INDEX mentions_date ON mentions(date_start, date_end);\n"
    "CREATE TABLE claim_mentions(\n"
    "  claim TEXT NOT NULL, doc TEXT NOT NULL, mention INTEGER NOT NULL,\n"
    "  PRIMARY KEY(claim, mention));\n"
    "CREATE INDEX claim_mentions_doc ON claim_mentions(doc, mention);\n"
    "CREATE TABLE attributions(\n"
    "  claim TEXT NOT NULL, position INTEGER NOT NULL, source TEXT NOT NULL,\n"
    "  cue TEXT, stance TEXT NOT NULL, PRIMARY KEY(claim, position));\n"
    "CREATE INDEX attributions_source ON attributions(source);\n"
    "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims',\n"
    "  content_rowid='seq', tokenize='unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN\n"
    "  INSERT INTO claims_fts(rowid, text) VALUES (new.seq, new.text); END;\n"
    "CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN\n"
    "  INSERT INTO claims_fts(claims_fts, rowid, text)\n"
    "  VALUES ('delete', old.seq, old.text); END;\n",
    /* 2: claims_fts is filled by the writer once per batch (a trigger per
     * row cost more than the claim row itself); documents record the
     * document they copy (de-duplication) for compare */
    "DROP TRIGGER claims_ai;\n"
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
    /* passages first: only those no other document still shows */
    "DELETE FROM passages WHERE hash IN (SELECT hash FROM appearances WHERE doc=?1)"
    " AND NOT EXISTS (SELECT 1 FROM appearances a WHERE a.hash=passages.hash"
    " AND a.doc<>?1)",
    "DELETE FROM appearances WHERE doc=?1",
    "DELETE FROM attributions WHERE claim IN (SELECT id FROM claims WHERE doc=?1)",
    "DELETE FROM claim_mentions WHERE doc=?1",
    "DELETE FROM mentions WHERE doc=?1",
    "DELETE FROM claims WHERE doc=?1",
    "DELETE FROM documents WHERE id=?1",
};
#define N_DELETE (sizeof delete_sql / sizeof delete_sql[0])

typedef struct sq {
  sqlite3 *db;
  char *path;
  sqlite3_stmt *ins[CX_N_STORE_TABLES];
  sqlite3_stmt *del[N_DELETE];
  sqlite3_stmt *hash;
  /* claims_fts is filled at commit from the claims of the batch: their
   * seqs form one range, since each gets max(seq)+1 and a batch never
   * deletes its own rows (store.c commits before a repeated id) */
  sqlite3_stmt *fts;
  int64_t fts_first, fts_last; /* 0: no claim in the open batch */
  int last_rc;                  /* primary result code of the last error */
} sq;

static cx_status fail(sq *s, cx_diag *diag, const char *what) {
  s->last_rc = sqlite3_errcode(s->db) & 0xff;
  return cx_diag_set(diag, CX_ERR_STORE, s->path, -1, "%s: %s", what,
                     sqlite3_errmsg(s->db));
}

static cx_status exec(sq *s, const char *sql, cx_diag *diag) {
  char *err = NULL;
  if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
    s->last_rc = sqlite3_errcode(s->db) & 0xff;
    cx_diag_set(diag, CX_ERR_STORE, s->path, -1, "%s", err ? err : "error");
    sqlite3_free(err);
    return CX_ERR_STORE;
  }
  return CX_OK;
}

static int schema_version(sq *s) {
  sqlite3_stmt *st;
  int v = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT max(version) FROM schema_version", -1,
                         &st, NULL) != SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return v;
}

static cx_status migrate(sq *s, cx_diag *diag) {
  if (exec(s, "CREATE TABLE IF NOT EXISTS schema_version("
              "version INTEGER PRIMARY KEY, applied TEXT NOT NULL)", diag))
    return CX_ERR_STORE;
  int v = schema_version(s);
  if (v < 0) return fail(s, diag, "reading schema version");
  if (v > N_MIGRATIONS)
    return cx_diag_set(diag, CX_ERR_STORE, s->path, -1,
                       "schema version %d is newer than this claimx (%d)", v,
                       N_MIGRATIONS);
  for (int i = v; i < N_MIGRATIONS; i++) {
    char ver[160];
    snprintf(ver, sizeof ver,
             "INSERT INTO schema_version VALUES (%d, strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ','now'))",
             i + 1);
    /* each migration with its version row, atomically */
    if (exec(s, "BEGIN IMMEDIATE", diag) || exec(s, migrations[i], diag) ||
        exec(s, ver, diag) || exec(s, "COMMIT", diag)) {
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
      return CX_ERR_STORE;
    }
  }
  return CX_OK;
}

static void sq_close(void *p) {
  sq *s = p;
  if (!s) return;
  for (int i = 0; i < CX_N_STORE_TABLES; i++) sqlite3_finalize(s->ins[i]);
  for (size_t i = 0; i < N_DELETE; i++) sqlite3_finalize(s->del[i]);
  sqlite3_finalize(s->hash);
  sqlite3_finalize(s->fts);
  sqlite3_close(s->db); /* an open transaction is rolled back */
  free(s->path);
  free(s);
}

static cx_status prepare(sq *s, cx_diag *diag) {
  char sql[512];
  for (int t = 0; t < CX_N_STORE_TABLES; t++) {
    int n = snprintf(sql, sizeof sql, "INSERT %sINTO %s(%s) VALUES (",
                     t == CX_T_PASSAGES ? "OR IGNORE " : "",
                     cx_store_table_name(t), cx_store_table_columns(t));
    for (int c = 0; c < cx_store_table_ncols(t); c++)
      n += snprintf(sql + n, sizeof sql - n, c ? ",?" : "?");
    snprintf(sql + n, sizeof sql - n, ")");
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->ins[t],
                           NULL) != SQLITE_OK)
      return fail(s, diag, "preparing insert");
  }
  for (size_t i = 0; i < N_DELETE; i++)
    if (sqlite3_prepare_v3(s->db, delete_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->del[i], NULL) != SQLITE_OK)
      return fail(s, diag, "preparing delete");
  if (sqlite3_prepare_v3(s->db, "SELECT content_hash FROM documents WHERE id=?",
                         -1, SQLITE_PREPARE_PERSISTENT, &s->hash, NULL) != SQLITE_OK)
    return fail(s, diag, "preparing lookup");
  if (sqlite3_prepare_v3(s->db, "INSERT INTO claims_fts(rowid, text)"
                         " SELECT seq, text FROM claims WHERE seq BETWEEN ?1 AND ?2",
                         -1, SQLITE_PREPARE_PERSISTENT, &s->fts, NULL) != SQLITE_OK)
    return fail(s, diag, "preparing full-text insert");
  return CX_OK;
}

static void *sq_open(const char *target, cx_diag *diag) {
  sq *s = cx_xcalloc(1, sizeof *s);
  s->path = cx_xstrdup(target);
  int rc = sqlite3_open_v2(target, &s->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                               SQLITE_OPEN_NOMUTEX, NULL); /* one thread */
  if (rc != SQLITE_OK) {
    cx_diag_set(diag, CX_ERR_STORE, target, -1, "cannot open store: %s",
                s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
    sq_close(s);
    return NULL;
  }
  sqlite3_busy_timeout(s->db, 10000);
  /* WAL + NORMAL: a commit survives a killed process; a power cut may lose
   * the last batches but never corrupts the file. */
  cx_diag first;
  cx_diag_clear(&first);
  if (exec(s, "PRAGMA journal_mode=WAL", &first) ||
      exec(s, "PRAGMA synchronous=NORMAL", &first) ||
      exec(s, "PRAGMA foreign_keys=ON", &first) ||
      exec(s, "PRAGMA cache_size=-65536", &first) ||
      exec(s, "PRAGMA temp_store=MEMORY", &first)) {
    /* the first statement is where "not a database" shows up */
    cx_diag_set(diag, CX_ERR_STORE, target, -1, "cannot open store: %s", first.text);
    sq_close(s);
    return NULL;
  }
  if (migrate(s, diag) || prepare(s, diag)) {
    sq_close(s);
    return NULL;
  }
  return s;
}

static cx_status step_done(sq *s, sqlite3_stmt *st, cx_diag *diag,
                           const char *what);

static cx_status sq_begin(void *p, cx_diag *diag) {
  sq *s = p;
  s->fts_first = s->fts_last = 0;
  return exec(s, "BEGIN IMMEDIATE", diag);
}
static cx_status sq_commit(void *p, cx_diag *diag) {
  sq *s = p;
  if (s->fts_first) {
    sqlite3_bind_int64(s->fts, 1, s->fts_first);
    sqlite3_bind_int64(s->fts, 2, s->fts_last);
    s->fts_first = s->fts_last = 0;
    if (step_done(s, s->fts, diag, "filling claims_fts") != CX_OK) return CX_ERR_STORE;
  }
  return exec(p, "COMMIT", diag);
}

static int sq_doc_hash(void *p, const char *id, char hash[17], cx_diag *diag) {
  sq *s = p;
  sqlite3_stmt *st = s->hash;
  sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st), found = 0;
  if (rc == SQLITE_ROW) {
    const char *h = (const char *)sqlite3_column_text(st, 0);
    snprintf(hash, 17, "%s", h ? h : "");
    found = 1;
  } else if (rc != SQLITE_DONE) {
    fail(s, diag, "looking up document");
    found = -1;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return found;
}

static cx_status step_done(sq *s, sqlite3_stmt *st, cx_diag *diag,
                           const char *what) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc == SQLITE_DONE ? CX_OK : fail(s, diag, what);
}

static cx_status sq_delete_doc(void *p, const char *id, cx_diag *diag) {
  sq *s = p;
  for (size_t i = 0; i < N_DELETE; i++) {
    sqlite3_bind_text(s->del[i], 1, id, -1, SQLITE_STATIC);
    if (step_done(s, s->del[i], diag, "deleting document") != CX_OK)
      return CX_ERR_STORE;
  }
  return CX_OK;
}

static cx_status sq_insert(void *p, cx_store_table t, const cx_value *row,
                           cx_diag *diag) {
  sq *s = p;
  sqlite3_stmt *st = s->ins[t];
  for (int c = 0; c < cx_store_table_ncols(t); c++) {
    const cx_value *v = &row[c];
    switch (v->kind) {
      case CX_V_NULL: sqlite3_bind_null(st, c + 1); break;
      case CX_V_INT: sqlite3_bind_int64(st, c + 1, v->i); break;
      case CX_V_REAL: sqlite3_bind_double(st, c + 1, v->r); break;
      case CX_V_TEXT:
        sqlite3_bind_text(st, c + 1, v->s, (int)v->n, SQLITE_STATIC);
        break;
    }
  }
  if (step_done(s, st, diag, cx_store_table_name(t)) != CX_OK) return CX_ERR_STORE;
  if (t == CX_T_CLAIMS) {
    s->fts_last = sqlite3_last_insert_rowid(s->db);
    if (!s->fts_first) s->fts_first = s->fts_last;
  }
  return CX_OK;
}

static int64_t sq_run_start(void *p, const char *started,
                            const cx_run_info *run, cx_diag *diag) {
  sq *s = p;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "INSERT INTO runs(started, version, options) VALUES (?,?,?)",
                         -1, &st, NULL) != SQLITE_OK) {
    fail(s, diag, "recording run");
    return -1;
  }
  sqlite3_bind_text(st, 1, started, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, run && run->version ? run->version : CX_VERSION, -1,
                    SQLITE_STATIC);
  if (run && run->options) sqlite3_bind_text(st, 3, run->options, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    fail(s, diag, "recording run");
    return -1;
  }
  return sqlite3_last_insert_rowid(s->db);
}

static cx_status sq_run_finish(void *p, int64_t run_id, const char *finished,
                               const cx_run_info *run, size_t stored,
                               size_t unchanged, cx_diag *diag) {
  sq *s = p;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "UPDATE runs SET finished=?, docs_ok=?, docs_failed=?,"
                         " docs_stored=?, docs_unchanged=?, bytes=? WHERE id=?",
                         -1, &st, NULL) != SQLITE_OK)
    return fail(s, diag, "finishing run");
  sqlite3_bind_text(st, 1, finished, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, (int64_t)run->docs_ok);
  sqlite3_bind_int64(st, 3, (int64_t)run->docs_failed);
  sqlite3_bind_int64(st, 4, (int64_t)stored);
  sqlite3_bind_int64(st, 5, (int64_t)unchanged);
  sqlite3_bind_int64(st, 6, (int64_t)run->bytes);
  sqlite3_bind_int64(st, 7, run_id);
  return step_done(s, st, diag, "finishing run") == CX_OK
             ? (sqlite3_finalize(st), CX_OK)
             : (sqlite3_finalize(st), CX_ERR_STORE);
}

static cx_status sq_doc_mark(void *p, cx_diag *diag) {
  return exec(p, "SAVEPOINT doc", diag);
}

static cx_status sq_doc_done(void *p, bool ok, cx_diag *diag) {
  return exec(p, ok ? "RELEASE doc" : "ROLLBACK TO doc; RELEASE doc", diag);
}

static bool sq_doc_error(void *p) {
  int rc = ((sq *)p)->last_rc;
  return rc == SQLITE_CONSTRAINT || rc == SQLITE_TOOBIG ||
         rc == SQLITE_MISMATCH || rc == SQLITE_RANGE;
}

const cx_store_backend cx_store_sqlite = {
    "sqlite",     sq_open,     sq_close,      sq_begin,    sq_commit,
    sq_doc_hash,  sq_delete_doc, sq_insert,   sq_run_start, sq_run_finish,
    sq_doc_mark,  sq_doc_done, sq_doc_error};

sqlite3 *cx_store_sqlite_open_ro(const char *path, cx_diag *diag) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK) {
    cx_diag_set(diag, CX_ERR_STORE, path, -1, "cannot open store: %s",
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT max(version) FROM schema_version", -1, &st,
                         NULL) != SQLITE_OK ||
      sqlite3_step(st) != SQLITE_ROW) {
    cx_diag_set(diag, CX_ERR_STORE, path, -1, "not a claimx store: %s",
                sqlite3_errmsg(db));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_finalize(st);
  sqlite3_busy_timeout(db, 10000);
  return db;
}
