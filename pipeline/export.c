/* `claimx export`: claims from a store (SQLite or PostgreSQL) as CSV, JSON Lines or
 * JSON-LD (schema.org Claim). Mention values are rebuilt as cx_mention so
 * the JSON is the same as the extract formats' (cx_json_value). */
#include "export.h"

#include <string.h>

#include "store_read.h"
#include "writer.h"

int cx_export_format_from_name(const char *name, cx_export_format *f) {
  if (!strcmp(name, "csv")) *f = CX_EXPORT_CSV;
  else if (!strcmp(name, "jsonl")) *f = CX_EXPORT_JSONL;
  else if (!strcmp(name, "jsonld") || !strcmp(name, "json-ld")) *f = CX_EXPORT_JSONLD;
  else return -1;
  return 0;
}

static const char *col(cx_rows *st, int i) { return cx_rows_text(st, i); }

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


static void mention_json(cx_buf *b, cx_rows *st) {
  cx_mention m;
  memset(&m, 0, sizeof m);
  int t = cx_mention_type_from_name(col(st, 0));
  m.type = t < 0 ? CX_CUE : (cx_mention_type)t;
  m.flags = (uint32_t)cx_rows_int(st, 18);
  for (int i = 4; i <= 6; i++)
    if (!cx_rows_null(st, i)) m.value = cx_rows_real(st, i);
  m.min = cx_rows_real(st, 7);
  m.max = cx_rows_real(st, 8);
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
                (long long)cx_rows_int(st, 2), (long long)cx_rows_int(st, 3));
  cx_json_value(b, &m);
  if (col(st, 17)) {
    cx_buf_puts(b, ",\"rule\":");
    cx_buf_json_cstr(b, col(st, 17));
  }
  cx_buf_putc(b, '}');
}

/* ---------------------------------------------------------------- claims */

typedef struct exporter {
  cx_store_reader *r;
  cx_buf b;
  FILE *out;
} exporter;

static const char mentions_sql[] =
    "SELECT " MENTION_COLS " FROM claim_mentions cm JOIN mentions m"
    " ON m.doc=cm.doc AND m.idx=cm.mention WHERE cm.claim=? ORDER BY cm.mention";
static const char attribs_sql[] =
    "SELECT source,cue,stance FROM attributions WHERE claim=? ORDER BY position";

static cx_status mentions_json(exporter *x, const char *claim, cx_diag *diag) {
  cx_rows *q = cx_rows_query(x->r, mentions_sql, 1, &claim, diag);
  if (!q) return diag->status;
  int got, n = 0;
  cx_buf_putc(&x->b, '[');
  while ((got = cx_rows_next(q, diag)) == 1) {
    if (n++) cx_buf_putc(&x->b, ',');
    mention_json(&x->b, q);
  }
  cx_buf_putc(&x->b, ']');
  cx_rows_free(q);
  return got < 0 ? diag->status : CX_OK;
}

/* json: the attribution list; else (csv) "A <- B", outermost first. */
static cx_status attribution(exporter *x, const char *claim, bool json,
                             cx_buf *b, cx_diag *diag) {
  cx_rows *q = cx_rows_query(x->r, attribs_sql, 1, &claim, diag);
  if (!q) return diag->status;
  int got, n = 0;
  if (json) cx_buf_putc(b, '[');
  while ((got = cx_rows_next(q, diag)) == 1) {
    if (!json) {
      if (n++) cx_buf_puts(b, " <- ");
      cx_buf_puts(b, col(q, 0) ? col(q, 0) : "");
      continue;
    }
    if (n++) cx_buf_putc(b, ',');
    cx_buf_puts(b, "{\"source\":");
    cx_buf_json_cstr(b, col(q, 0));
    cx_buf_puts(b, ",\"cue\":");
    cx_buf_json_cstr(b, col(q, 1));
    cx_buf_puts(b, ",\"stance\":");
    cx_buf_json_cstr(b, col(q, 2));
    cx_buf_putc(b, '}');
  }
  if (json) cx_buf_putc(b, ']');
  cx_rows_free(q);
  return got < 0 ? diag->status : CX_OK;
}

static const char claims_sql[] =
    "SELECT c.id,c.doc,d.outlet,d.published,d.url,c.sentence,c.start_cp,"
    "c.end_cp,c.text,c.stance,c.repeats FROM claims c JOIN documents d ON "
    "d.id=c.doc ORDER BY c.doc{C}, c.sentence";

static cx_status export_rows(exporter *x, bool csv, cx_diag *diag) {
  cx_rows *st = cx_rows_query(x->r, claims_sql, 0, NULL, diag);
  if (!st) return diag->status;
  cx_status rc = CX_OK;
  cx_buf *b = &x->b, tmp;
  cx_buf_init(&tmp);
  if (csv)
    cx_buf_puts(b, "id,doc,outlet,published,url,sentence,start,end,stance,"
                   "repeats,attribution,text\r\n");
  int got;
  while (rc == CX_OK && (got = cx_rows_next(st, diag)) == 1) {
    const char *id = col(st, 0);
    if (csv) {
      for (int i = 0; i < 10; i++) {
        if (i == 8) continue; /* text goes last: it is the long one */
        csv_field(b, col(st, i));
        cx_buf_putc(b, ',');
      }
      tmp.len = 0;
      rc = attribution(x, id, false, &tmp, diag);
      cx_buf_putc(&tmp, '\0');
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
                    (long long)cx_rows_int(st, 5), (long long)cx_rows_int(st, 6),
                    (long long)cx_rows_int(st, 7));
      cx_buf_json_cstr(b, col(st, 8));
      cx_buf_puts(b, ",\"mentions\":");
      if ((rc = mentions_json(x, id, diag))) break;
      cx_buf_puts(b, ",\"attribution\":");
      if ((rc = attribution(x, id, true, b, diag))) break;
      cx_buf_puts(b, ",\"stance\":");
      cx_buf_json_cstr(b, col(st, 9));
      cx_buf_printf(b, ",\"repeats\":%lld}\n", (long long)cx_rows_int(st, 10));
    }
    if (b->len > 1 << 16) rc = flush_out(b, x->out, diag);
  }
  if (rc == CX_OK && got < 0) rc = diag->status;
  cx_rows_free(st);
  cx_buf_free(&tmp);
  return rc ? rc : flush_out(b, x->out, diag);
}

/* ---------------------------------------------------------------- json-ld */

static void creative_work(cx_buf *b, cx_rows *st) {
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
static cx_status claimant(exporter *x, const char *claim, const char *doc,
                          const char *outlet, cx_buf *b, cx_diag *diag) {
  cx_rows *q = cx_rows_query(x->r, attribs_sql, 1, &claim, diag);
  if (!q) return diag->status;
  cx_buf name;
  cx_buf_init(&name);
  int got;
  while ((got = cx_rows_next(q, diag)) == 1) {
    name.len = 0;
    cx_buf_puts(&name, col(q, 0) ? col(q, 0) : "");
  }
  cx_rows_free(q);
  cx_buf_putc(&name, '\0');
  const char *who = name.data[0] ? name.data : outlet;
  cx_status rc = got < 0 ? diag->status : CX_OK;
  if (rc == CX_OK && who) {
    const char *params[2] = {doc, who};
    q = cx_rows_query(x->r,
                      "SELECT 1 FROM mentions WHERE doc=? AND type='person' AND"
                      " name=? LIMIT 1",
                      2, params, diag);
    got = q ? cx_rows_next(q, diag) : -1;
    cx_rows_free(q);
    if (got < 0) {
      rc = diag->status;
    } else {
      cx_buf_printf(b, ",\"author\":{\"@type\":\"%s\",\"name\":",
                    got ? "Person" : "Organization");
      cx_buf_json_cstr(b, who);
      cx_buf_putc(b, '}');
    }
  }
  cx_buf_free(&name);
  return rc;
}

static cx_status export_jsonld(exporter *x, cx_diag *diag) {
  /* one Claim per distinct text; its appearances oldest first */
  cx_rows *st = cx_rows_query(
      x->r,
      "SELECT c.id,c.text,c.doc,d.outlet,d.published,d.url,d.title"
      " FROM claims c JOIN documents d ON d.id=c.doc ORDER BY"
      " c.text{C}, d.published IS NULL, d.published{C}, c.doc{C}",
      0, NULL, diag);
  if (!st) return diag->status;
  cx_status rc = CX_OK;
  cx_buf *b = &x->b, text;
  cx_buf_init(&text);
  cx_buf_puts(b, "{\"@context\":\"https://schema.org\",\"@graph\":[");
  bool open = false;
  size_t n_claims = 0;
  int got;
  while (rc == CX_OK && (got = cx_rows_next(st, diag)) == 1) {
    const char *t = col(st, 1);
    size_t tn = cx_rows_len(st, 1);
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
    if ((rc = claimant(x, col(st, 0), col(st, 2), col(st, 3), b, diag))) break;
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
    if (b->len > 1 << 16) rc = flush_out(b, x->out, diag);
  }
  if (rc == CX_OK && got < 0) rc = diag->status;
  if (open) cx_buf_puts(b, "]}");
  cx_buf_puts(b, "\n]}\n");
  cx_rows_free(st);
  cx_buf_free(&text);
  return rc ? rc : flush_out(b, x->out, diag);
}

cx_status cx_export(const char *store, cx_export_format f, FILE *out,
                    cx_diag *diag) {
  exporter x = {0};
  x.out = out;
  x.r = cx_store_reader_open(store, diag);
  if (!x.r) return diag->status;
  cx_buf_init(&x.b);
  cx_status rc = f == CX_EXPORT_JSONLD ? export_jsonld(&x, diag)
                                       : export_rows(&x, f == CX_EXPORT_CSV, diag);
  cx_store_reader_free(x.r);
  cx_buf_free(&x.b);
  if (rc == CX_OK && fflush(out) != 0)
    rc = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  return rc;
}
