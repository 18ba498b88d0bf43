/* `claimx search`: full-text search over claim text, best first. SQLite:
 * FTS5 (its query syntax); PostgreSQL: the GIN index over
 * to_tsvector('simple'), web-search query syntax. */
#include <stdlib.h>

#include "export.h"
#include "store_read.h"

static const char sqlite_sql[] =
    "SELECT c.id,c.doc,d.outlet,d.published,c.start_cp,c.end_cp,c.text,c.stance,"
    " snippet(claims_fts,0,'[',']','...',16), -bm25(claims_fts)"
    " FROM claims_fts JOIN claims c ON c.seq=claims_fts.rowid"
    " JOIN documents d ON d.id=c.doc WHERE claims_fts MATCH ?"
    " ORDER BY bm25(claims_fts), c.id{C} LIMIT %d";

static const char pg_sql[] =
    "SELECT c.id,c.doc,d.outlet,d.published,c.start_cp,c.end_cp,c.text,c.stance,"
    " ts_headline('simple', c.text, q, 'StartSel=[,StopSel=],MaxWords=16,MinWords=6'),"
    " ts_rank(to_tsvector('simple', c.text), q)"
    " FROM claims c JOIN documents d ON d.id=c.doc,"
    " websearch_to_tsquery('simple', ?) q"
    " WHERE to_tsvector('simple', c.text) @@ q"
    " ORDER BY 10 DESC, c.id{C} LIMIT %d";

cx_status cx_search(const char *store, const char *query, int limit, FILE *out,
                    cx_diag *diag) {
  cx_store_reader *r = cx_store_reader_open(store, diag);
  if (!r) return diag->status;
  char sql[1024];
  snprintf(sql, sizeof sql, cx_store_reader_is_pg(r) ? pg_sql : sqlite_sql,
           limit > 0 ? limit : 1 << 30);
  cx_status rc = CX_OK;
  cx_buf b;
  cx_buf_init(&b);
  cx_diag e;
  cx_diag_clear(&e);
  cx_rows *q = cx_rows_query(r, sql, 1, &query, &e);
  int got = q ? 0 : -1;
  while (q && (got = cx_rows_next(q, &e)) == 1) {
    static const char *const keys[] = {"id", "doc", "outlet", "published"};
    b.len = 0;
    for (int i = 0; i < 4; i++) {
      cx_buf_printf(&b, "%c\"%s\":", i ? ',' : '{', keys[i]);
      cx_buf_json_cstr(&b, cx_rows_text(q, i));
    }
    cx_buf_printf(&b, ",\"start\":%lld,\"end\":%lld,\"text\":",
                  (long long)cx_rows_int(q, 4), (long long)cx_rows_int(q, 5));
    cx_buf_json_cstr(&b, cx_rows_text(q, 6));
    cx_buf_puts(&b, ",\"stance\":");
    cx_buf_json_cstr(&b, cx_rows_text(q, 7));
    cx_buf_puts(&b, ",\"snippet\":");
    cx_buf_json_cstr(&b, cx_rows_text(q, 8));
    cx_buf_puts(&b, ",\"score\":"); /* higher is better */
    cx_buf_json_num(&b, cx_rows_real(q, 9));
    cx_buf_puts(&b, "}\n");
    if (fwrite(b.data, 1, b.len, out) != b.len) {
      rc = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
      break;
    }
  }
  /* a query the engine rejects is the user's mistake, not the store's */
  if (rc == CX_OK && got < 0)
    rc = cx_diag_set(diag, CX_ERR_USAGE, e.doc, -1, "search '%s': %s", query, e.text);
  cx_rows_free(q);
  cx_store_reader_free(r);
  cx_buf_free(&b);
  return rc;
}
