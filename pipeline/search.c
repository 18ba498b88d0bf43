/* `claimx search`: FTS5 over claim text in an SQLite store, best first. */
#include <sqlite3.h>

#include "export.h"
#include "store.h"

cx_status cx_search(const char *store, const char *query, int limit, FILE *out,
                    cx_diag *diag) {
  sqlite3 *db = cx_store_sqlite_open_ro(store, diag);
  if (!db) return diag->status;
  sqlite3_stmt *st = NULL;
  cx_status rc = CX_OK;
  cx_buf b;
  cx_buf_init(&b);
  if (sqlite3_prepare_v2(
          db,
          "SELECT c.id,c.doc,d.outlet,d.published,c.start_cp,c.end_cp,c.text,"
          " c.stance, snippet(claims_fts,0,'[',']','...',16), bm25(claims_fts)"
          " FROM claims_fts JOIN claims c ON c.seq=claims_fts.rowid"
          " JOIN documents d ON d.id=c.doc WHERE claims_fts MATCH ?1"
          " ORDER BY bm25(claims_fts), c.id LIMIT ?2",
          -1, &st, NULL) != SQLITE_OK) {
    rc = cx_diag_set(diag, CX_ERR_STORE, store, -1, "%s", sqlite3_errmsg(db));
    goto cleanup;
  }
  sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    static const char *const keys[] = {"id", "doc", "outlet", "published"};
    b.len = 0;
    for (int i = 0; i < 4; i++) {
      cx_buf_printf(&b, "%c\"%s\":", i ? ',' : '{', keys[i]);
      cx_buf_json_cstr(&b, (const char *)sqlite3_column_text(st, i));
    }
    cx_buf_printf(&b, ",\"start\":%lld,\"end\":%lld,\"text\":",
                  (long long)sqlite3_column_int64(st, 4),
                  (long long)sqlite3_column_int64(st, 5));
    cx_buf_json_cstr(&b, (const char *)sqlite3_column_text(st, 6));
    cx_buf_puts(&b, ",\"stance\":");
    cx_buf_json_cstr(&b, (const char *)sqlite3_column_text(st, 7));
    cx_buf_puts(&b, ",\"snippet\":");
    cx_buf_json_cstr(&b, (const char *)sqlite3_column_text(st, 8));
    cx_buf_puts(&b, ",\"score\":");
    /* bm25 is lower-is-better; print it positive, higher-is-better */
    cx_buf_json_num(&b, -sqlite3_column_double(st, 9));
    cx_buf_puts(&b, "}\n");
    if (fwrite(b.data, 1, b.len, out) != b.len) {
      rc = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
      goto cleanup;
    }
  }
  if (step != SQLITE_DONE)
    rc = cx_diag_set(diag, CX_ERR_USAGE, store, -1, "search '%s': %s", query,
                     sqlite3_errmsg(db));
cleanup:
  sqlite3_finalize(st);
  sqlite3_close(db);
  cx_buf_free(&b);
  return rc;
}
