/* `claimx export`: claims from an SQLite store as CSV, JSON Lines or
 * JSON-LD (schema.org Claim). Mention values are rebuilt as cx_mention so
 * the JSON is the same as the extract formats' (cx_json_value). */
#include "export.h"

#include <sqlite3.h>
#include <string.h>

#include "store.h"
#include "writer.h"

int cx_export_format_from_name(const char *name, cx_export_format *f) {
  if (!strcmp(name, "csv")) *f = CX_EXPORT_CSV;
  else if (!strcmp(name, "jsonl")) *f = CX_EXPORT_JSONL;
  else if (!strcmp(name, "jsonld") || !strcmp(name, "json-ld")) *f = CX_EXPORT_JSONLD;
  else return -1;
  return 0;
}

static const char *col(sqlite3_stmt *st, int i) {
  return (const char *)sqlite3_column_text(st, i);
}

static cx_status db_fail(sqlite3 *db, const char *store, cx_diag *diag) {
  return cx_diag_set(diag, CX_ERR_STORE, store, -1, "%s", sqlite3_errmsg(db));
}

static cx_status flush_out(cx_buf *b, FILE *out, cx_diag *diag) {
  if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
    return cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  b->len = 0;
  return CX_OK;
}

/* ---------------------------------------------------------------- csv */

static void csv_field(cx_buf *b, const char *s) {
  if (!s) return;
  if (!strpbrk(s, ",\"\r\n")) {
    cx_buf_puts(b, s);
    return;
  }
  cx_buf_putc(b, '"');
  for (; *s; s++) {
    if (*s == '"') cx_buf_putc(b, '"');
    cx_buf_putc(b, *s);
  }
  cx_buf_putc(b, '"');
}

/* ---------------------------------------------------------------- mentions */

static cx_qualifier qualifier_from_name(const char *s) {
  for (int q = CX_Q_AT_LEAST; s && q <= CX_Q_UNDER; q++)
    if (!strcmp(cx_qualifier_name((cx_qualifier)q), s)) return (cx_qualifier)q;
  return CX_Q_NONE;
}

#define MENTION_COLS                                                         \
  "m.type,m.text,m.start_cp,m.end_cp,m.amount,m.count,m.percent,m.min_value," \
  "m.max_value,m.currency,m.qualifier,m.qualifier_text,m.unit,m.date_start,"  \
  "m.date_end,m.value_text,m.name,m.rule,m.flags"

static void mention_json(cx_buf *b, sqlite3_stmt *st) {
  cx_mention m;
  memset(&m, 0, sizeof m);
  int t = cx_mention_type_from_name(col(st, 0));
  m.type = t < 0 ? CX_CUE : (cx_mention_type)t;
  m.flags = (uint32_t)sqlite3_column_int64(st, 18);
  for (int i = 4; i <= 6; i++)
    if (sqlite3_column_type(st, i) != SQLITE_NULL) m.value = sqlite3_column_double(st, i);
  m.min = sqlite3_column_double(st, 7);
  m.max = sqlite3_column_double(st, 8);
  if (col(st, 9)) snprintf(m.currency, sizeof m.currency, "%s", col(st, 9));
  m.qualifier = qualifier_from_name(col(st, 10));
  m.qual_text = col(st, 11);
  m.unit = col(st, 12);
  switch (m.type) {
    case CX_DATE: case CX_DATERANGE: m.str = col(st, 13); m.str2 = col(st, 14); break;
    case CX_TIME: case CX_DURATION: case CX_SET: m.str = col(st, 15); break;
    default: m.str = col(st, 16); break;
  }
  cx_buf_puts(b, "{\"type\":");
  cx_buf_json_cstr(b, col(st, 0));
  cx_buf_puts(b, ",\"text\":");
  cx_buf_json_cstr(b, col(st, 1));
  cx_buf_printf(b, ",\"start\":%lld,\"end\":%lld,\"value\":",
                (long long)sqlite3_column_int64(st, 2),
                (long long)sqlite3_column_int64(st, 3));
  cx_json_value(b, &m);
  if (col(st, 17)) {
    cx_buf_puts(b, ",\"rule\":");
    cx_buf_json_cstr(b, col(st, 17));
  }
  cx_buf_putc(b, '}');
}

/* ---------------------------------------------------------------- claims */

typedef struct exporter {
  sqlite3 *db;
  const char *store;
  sqlite3_stmt *mentions, *attribs, *source_type;
  cx_buf b;
  FILE *out;
} exporter;

static cx_status prepare(exporter *x, const char *sql, sqlite3_stmt **st,
                         cx_diag *diag) {
  if (sqlite3_prepare_v2(x->db, sql, -1, st, NULL) != SQLITE_OK)
    return db_fail(x->db, x->store, diag);
  return CX_OK;
}

static void attribution_json(exporter *x, const char *claim) {
  cx_buf *b = &x->b;
  sqlite3_stmt *st = x->attribs;
  sqlite3_bind_text(st, 1, claim, -1, SQLITE_STATIC);
  cx_buf_putc(b, '[');
  for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
    if (n) cx_buf_putc(b, ',');
    cx_buf_puts(b, "{\"source\":");
    cx_buf_json_cstr(b, col(st, 0));
    cx_buf_puts(b, ",\"cue\":");
    cx_buf_json_cstr(b, col(st, 1));
    cx_buf_puts(b, ",\"stance\":");
    cx_buf_json_cstr(b, col(st, 2));
    cx_buf_putc(b, '}');
  }
  cx_buf_putc(b, ']');
  sqlite3_reset(st);
}

/* "outlet <- A <- B" from the attribution chain, for the CSV column. */
static void attribution_csv(exporter *x, const char *claim, cx_buf *tmp) {
  sqlite3_stmt *st = x->attribs;
  sqlite3_bind_text(st, 1, claim, -1, SQLITE_STATIC);
  tmp->len = 0;
  for (int n = 0; sqlite3_step(st) == SQLITE_ROW; n++) {
    if (n) cx_buf_puts(tmp, " <- ");
    cx_buf_puts(tmp, col(st, 0) ? col(st, 0) : "");
  }
  cx_buf_putc(tmp, '\0');
  sqlite3_reset(st);
}

static const char claims_sql[] =
    "SELECT c.id,c.doc,d.outlet,d.published,d.url,c.sentence,c.start_cp,"
    "c.end_cp,c.text,c.stance,c.repeats FROM claims c JOIN documents d ON "
    "d.id=c.doc ORDER BY c.doc, c.sentence";

static cx_status export_rows(exporter *x, bool csv, cx_diag *diag) {
  sqlite3_stmt *st;
  cx_status rc;
  if ((rc = prepare(x, claims_sql, &st, diag))) return rc;
  cx_buf *b = &x->b, tmp;
  cx_buf_init(&tmp);
  if (csv)
    cx_buf_puts(b, "id,doc,outlet,published,url,sentence,start,end,stance,"
                   "repeats,attribution,text\r\n");
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *id = col(st, 0);
    if (csv) {
      for (int i = 0; i < 10; i++) {
        if (i == 8) continue; /* text goes last: it is the long one */
        csv_field(b, col(st, i));
        cx_buf_putc(b, ',');
      }
      attribution_csv(x, id, &tmp);
      csv_field(b, tmp.data);
      cx_buf_putc(b, ',');
      csv_field(b, col(st, 8));
      cx_buf_puts(b, "\r\n");
    } else {
      cx_buf_puts(b, "{\"id\":");
      cx_buf_json_cstr(b, id);
      static const char *const keys[] = {"doc", "outlet", "published", "url"};
      for (int i = 0; i < 4; i++) {
        cx_buf_printf(b, ",\"%s\":", keys[i]);
        cx_buf_json_cstr(b, col(st, 1 + i));
      }
      cx_buf_printf(b, ",\"sentence\":%lld,\"start\":%lld,\"end\":%lld,\"text\":",
                    (long long)sqlite3_column_int64(st, 5),
                    (long long)sqlite3_column_int64(st, 6),
                    (long long)sqlite3_column_int64(st, 7));
      cx_buf_json_cstr(b, col(st, 8));
      cx_buf_puts(b, ",\"mentions\":[");
      sqlite3_bind_text(x->mentions, 1, id, -1, SQLITE_STATIC);
      for (int n = 0; sqlite3_step(x->mentions) == SQLITE_ROW; n++) {
        if (n) cx_buf_putc(b, ',');
        mention_json(b, x->mentions);
      }
      sqlite3_reset(x->mentions);
      cx_buf_puts(b, "],\"attribution\":");
      attribution_json(x, id);
      cx_buf_puts(b, ",\"stance\":");
      cx_buf_json_cstr(b, col(st, 9));
      cx_buf_printf(b, ",\"repeats\":%lld}\n", (long long)sqlite3_column_int64(st, 10));
    }
    if (b->len > 1 << 16 && (rc = flush_out(b, x->out, diag))) break;
  }
  if (step != SQLITE_DONE && step != SQLITE_ROW) rc = db_fail(x->db, x->store, diag);
  sqlite3_finalize(st);
  cx_buf_free(&tmp);
  return rc ? rc : flush_out(b, x->out, diag);
}

/* ---------------------------------------------------------------- json-ld */

static void creative_work(cx_buf *b, sqlite3_stmt *st) {
  /* columns 2..6: doc, outlet, published, url, title */
  cx_buf_puts(b, "{\"@type\":\"NewsArticle\",\"identifier\":");
  cx_buf_json_cstr(b, col(st, 2));
  if (col(st, 5)) {
    cx_buf_puts(b, ",\"url\":");
    cx_buf_json_cstr(b, col(st, 5));
  }
  if (col(st, 6)) {
    cx_buf_puts(b, ",\"headline\":");
    cx_buf_json_cstr(b, col(st, 6));
  }
  if (col(st, 4)) {
    cx_buf_puts(b, ",\"datePublished\":");
    cx_buf_json_cstr(b, col(st, 4));
  }
  if (col(st, 3)) {
    cx_buf_puts(b, ",\"publisher\":{\"@type\":\"Organization\",\"name\":");
    cx_buf_json_cstr(b, col(st, 3));
    cx_buf_putc(b, '}');
  }
  cx_buf_putc(b, '}');
}

/* author = the claimant: the innermost source of the attribution chain,
 * else the outlet that published it. Person when the document names it as
 * a person, Organization otherwise. */
static void claimant(exporter *x, const char *claim, const char *doc,
                     const char *outlet, cx_buf *b) {
  sqlite3_stmt *st = x->attribs;
  sqlite3_bind_text(st, 1, claim, -1, SQLITE_STATIC);
  cx_buf name;
  cx_buf_init(&name);
  while (sqlite3_step(st) == SQLITE_ROW) {
    name.len = 0;
    cx_buf_puts(&name, col(st, 0) ? col(st, 0) : "");
  }
  sqlite3_reset(st);
  cx_buf_putc(&name, '\0');
  const char *who = name.data[0] ? name.data : outlet;
  if (!who) {
    cx_buf_free(&name);
    return;
  }
  bool person = false;
  sqlite3_bind_text(x->source_type, 1, doc, -1, SQLITE_STATIC);
  sqlite3_bind_text(x->source_type, 2, who, -1, SQLITE_STATIC);
  if (sqlite3_step(x->source_type) == SQLITE_ROW) person = true;
  sqlite3_reset(x->source_type);
  cx_buf_printf(b, ",\"author\":{\"@type\":\"%s\",\"name\":",
                person ? "Person" : "Organization");
  cx_buf_json_cstr(b, who);
  cx_buf_putc(b, '}');
  cx_buf_free(&name);
}

static cx_status export_jsonld(exporter *x, cx_diag *diag) {
  sqlite3_stmt *st;
  cx_status rc;
  /* one Claim per distinct text; its appearances oldest first */
  if ((rc = prepare(x,
                    "SELECT c.id,c.text,c.doc,d.outlet,d.published,d.url,d.title"
                    " FROM claims c JOIN documents d ON d.id=c.doc ORDER BY"
                    " c.text, d.published IS NULL, d.published, c.doc",
                    &st, diag)))
    return rc;
  cx_buf *b = &x->b, text;
  cx_buf_init(&text);
  cx_buf_puts(b, "{\"@context\":\"https://schema.org\",\"@graph\":[");
  bool open = false;
  size_t n_claims = 0;
  int step;
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    const char *t = col(st, 1);
    size_t tn = (size_t)sqlite3_column_bytes(st, 1);
    if (open && text.len == tn && memcmp(text.data, t, tn) == 0) {
      cx_buf_putc(b, ',');
      creative_work(b, st);
      continue;
    }
    if (open) cx_buf_puts(b, "]}");
    if (n_claims++) cx_buf_putc(b, ',');
    cx_buf_puts(b, "\n{\"@type\":\"Claim\",\"@id\":\"urn:claimx:claim:");
    cx_buf_puts(b, col(st, 0));
    cx_buf_puts(b, "\",\"text\":");
    cx_buf_json_str(b, t, tn);
    claimant(x, col(st, 0), col(st, 2), col(st, 3), b);
    if (col(st, 4)) {
      cx_buf_puts(b, ",\"datePublished\":");
      cx_buf_json_cstr(b, col(st, 4));
    }
    cx_buf_puts(b, ",\"firstAppearance\":");
    creative_work(b, st);
    cx_buf_puts(b, ",\"appearance\":[");
    creative_work(b, st);
    text.len = 0;
    cx_buf_put(&text, t, tn);
    open = true;
    if (b->len > 1 << 16 && (rc = flush_out(b, x->out, diag))) break;
  }
  if (open) cx_buf_puts(b, "]}");
  cx_buf_puts(b, "\n]}\n");
  if (step != SQLITE_DONE && step != SQLITE_ROW) rc = db_fail(x->db, x->store, diag);
  sqlite3_finalize(st);
  cx_buf_free(&text);
  return rc ? rc : flush_out(b, x->out, diag);
}

cx_status cx_export(const char *store, cx_export_format f, FILE *out,
                    cx_diag *diag) {
  exporter x = {0};
  x.store = store;
  x.out = out;
  cx_buf_init(&x.b);
  x.db = cx_store_sqlite_open_ro(store, diag);
  if (!x.db) return diag->status;
  cx_status rc;
  if ((rc = prepare(&x,
                    "SELECT " MENTION_COLS " FROM claim_mentions cm JOIN mentions m"
                    " ON m.doc=cm.doc AND m.idx=cm.mention WHERE cm.claim=?"
                    " ORDER BY cm.mention",
                    &x.mentions, diag)) ||
      (rc = prepare(&x,
                    "SELECT source,cue,stance FROM attributions WHERE claim=?"
                    " ORDER BY position",
                    &x.attribs, diag)) ||
      (rc = prepare(&x,
                    "SELECT 1 FROM mentions WHERE doc=? AND type='person' AND"
                    " name=? LIMIT 1",
                    &x.source_type, diag)))
    goto cleanup;
  rc = f == CX_EXPORT_JSONLD ? export_jsonld(&x, diag)
                             : export_rows(&x, f == CX_EXPORT_CSV, diag);
cleanup:
  sqlite3_finalize(x.mentions);
  sqlite3_finalize(x.attribs);
  sqlite3_finalize(x.source_type);
  sqlite3_close(x.db);
  cx_buf_free(&x.b);
  if (rc == CX_OK && fflush(out) != 0)
    rc = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  return rc;
}
