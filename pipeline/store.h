/* The claim store: one interface in front of SQLite and PostgreSQL.
 *
 * store.c turns a processed document into rows (one list of tables and
 * columns, below) and drives batching, idempotency and the run record; a
 * backend only knows how to run its own SQL: migrate the schema, look up a
 * document's content hash, delete a document's rows, insert rows, commit.
 * Both backends therefore hold the same rows for the same input.
 *
 * Idempotency: a document whose id is stored with the same content hash is
 * skipped; with another hash its rows are deleted and written again. Ids are
 * the pipeline's stable ids (document id, claim id), never sequence numbers,
 * so they agree across runs, machines and backends.
 *
 * Crash safety: documents are written in batches, one transaction each
 * (CX_STORE_BATCH documents); a run killed mid-batch loses only that batch,
 * which the next run stores again. The run row itself is committed first.
 */
#ifndef CX_STORE_H
#define CX_STORE_H

#include "cx.h"
#include "writer.h"

#define CX_STORE_BATCH 1000
/* Bump with every new migration (both backends). */
#define CX_SCHEMA_VERSION 2

/* Tables written through cx_store_backend.insert, with their columns in
 * order. One list for code and both schemas' insert statements. */
#define CX_STORE_TABLES(X)                                                    \
  X(CX_T_DOCUMENTS, "documents",                                              \
    "id,path,item,url,outlet,title,author,published,format,content_hash,"     \
    "text_len,run,copy_of", 13)                                                       \
  X(CX_T_PASSAGES, "passages", "hash,text,first_doc,first_paragraph", 4)      \
  X(CX_T_APPEARANCES, "appearances",                                          \
    "doc,paragraph,hash,start_cp,end_cp,repeats,repeat_of_doc,"               \
    "repeat_of_paragraph", 8)                                                 \
  X(CX_T_CLAIMS, "claims",                                                    \
    "id,doc,sentence,start_cp,end_cp,text,stance,repeats", 8)                 \
  X(CX_T_MENTIONS, "mentions",                                                \
    "doc,idx,type,start_cp,end_cp,text,amount,count,percent,min_value,"       \
    "max_value,currency,currency_assumed,qualifier,qualifier_text,unit,"      \
    "date_start,date_end,value_text,name,rule,flags", 22)                           \
  X(CX_T_CLAIM_MENTIONS, "claim_mentions", "claim,doc,mention", 3)            \
  X(CX_T_ATTRIBUTIONS, "attributions", "claim,position,source,cue,stance", 5) \
  X(CX_T_RUN_ERRORS, "run_errors", "run,doc,status,message", 4)

typedef enum {
#define X(e, name, cols, n) e,
  CX_STORE_TABLES(X)
#undef X
  CX_N_STORE_TABLES
} cx_store_table;

const char *cx_store_table_name(cx_store_table t);
const char *cx_store_table_columns(cx_store_table t);
int cx_store_table_ncols(cx_store_table t);

/* Tables that hold a document's content, for row counts and tests. */
extern const char *const cx_store_content_tables[];

typedef enum { CX_V_NULL, CX_V_INT, CX_V_REAL, CX_V_TEXT } cx_value_kind;

typedef struct cx_value {
  cx_value_kind kind;
  int64_t i;
  double r;
  const char *s; /* CX_V_TEXT: not NUL-terminated necessarily */
  size_t n;
} cx_value;

typedef struct cx_store_backend {
  const char *name;
  /* Connects/opens and applies pending migrations. NULL + diag on error. */
  void *(*open)(const char *target, cx_diag *diag);
  void (*close)(void *db);
  cx_status (*begin)(void *db, cx_diag *diag);
  cx_status (*commit)(void *db, cx_diag *diag);
  /* 1 and hash[] filled when the document is stored, 0 when not, -1 on
   * error. Rows inserted in the open transaction must be visible. */
  int (*doc_hash)(void *db, const char *id, char hash[17], cx_diag *diag);
  cx_status (*delete_doc)(void *db, const char *id, cx_diag *diag);
  /* Passages are shared between documents: inserting a known hash is a
   * no-op. Other tables never see a duplicate key. */
  cx_status (*insert)(void *db, cx_store_table t, const cx_value *row,
                      cx_diag *diag);
  /* Runs: start commits its own row and returns the new run id (> 0). */
  int64_t (*run_start)(void *db, const char *started, const cx_run_info *run,
                       cx_diag *diag);
  cx_status (*run_finish)(void *db, int64_t run_id, const char *finished,
                          const cx_run_info *run, size_t stored,
                          size_t unchanged, cx_diag *diag);
  /* Per-document failures (optional; NULL: every error stops the run).
   * doc_mark opens a savepoint before a document's rows; doc_done(db, ok)
   * keeps them (ok) or undoes them; doc_error says whether the last error
   * concerns the document (a constraint, a value too big) rather than the
   * store (disk full, locked, I/O). */
  cx_status (*doc_mark)(void *db, cx_diag *diag);
  cx_status (*doc_done)(void *db, bool ok, cx_diag *diag);
  bool (*doc_error)(void *db);
} cx_store_backend;

extern const cx_store_backend cx_store_sqlite;
#ifdef CX_WITH_POSTGRES
extern const cx_store_backend cx_store_pg;
#endif

/* Backend for a target: *.db, *.sqlite, *.sqlite3 → SQLite;
 * postgresql://, postgres:// → PostgreSQL; NULL otherwise. */
const cx_store_backend *cx_store_backend_for(const char *target);

/* A target as it may appear in messages: a URL's password replaced by
 * "***". Heap string; the caller frees it. */
char *cx_store_display_name(const char *target);

/* Content hash of a document (text, metadata and the document it copies),
 * 16 hex digits. */
void cx_store_content_hash(const cx_doc *d, char out[17]);

/* Rows of one document through backend b (no transaction handling). */
cx_status cx_store_put_doc(const cx_store_backend *b, void *db, cx_doc *d,
                           int64_t run_id, cx_diag *diag);

/* SQLite read side shared by export and search: opens an existing store
 * read-only; NULL + diag (naming the store) when it is not one. */
struct sqlite3;
struct sqlite3 *cx_store_sqlite_open_ro(const char *path, cx_diag *diag);

#endif
