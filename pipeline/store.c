/* Store writers (see store.h): rows of a document, batching, run record. */
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

static const struct {
  const char *name, *cols;
  int n;
} tables[] = {
#define X(e, name, cols, n) {name, cols, n},
    CX_STORE_TABLES(X)
#undef X
};

const char *cx_store_table_name(cx_store_table t) { return tables[t].name; }
const char *cx_store_table_columns(cx_store_table t) { return tables[t].cols; }
int cx_store_table_ncols(cx_store_table t) { return tables[t].n; }

const char *const cx_store_content_tables[] = {
    "documents", "passages",     "appearances", "claims", "mentions",
    "claim_mentions", "attributions", NULL};

static bool has_suffix(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcasecmp(s + n - m, suf) == 0;
}

const cx_store_backend *cx_store_backend_for(const char *target) {
  if (!target) return NULL;
  if (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11)) {
#ifdef CX_WITH_POSTGRES
    return &cx_store_pg;
#else
    return NULL;
#endif
  }
  if (has_suffix(target, ".db") || has_suffix(target, ".sqlite") ||
      has_suffix(target, ".sqlite3"))
    return &cx_store_sqlite;
  return NULL;
}

/* The URL as it may appear in messages: password replaced by "***". */
char *cx_store_display_name(const char *url) {
  cx_buf b;
  cx_buf_init(&b);
  const char *user = strstr(url, "://");
  user = user ? user + 3 : url;
  const char *at = strchr(user, '@'), *colon = strchr(user, ':');
  const char *p = url;
  if (at && colon && colon < at) { /* scheme://user:PASSWORD@host */
    cx_buf_put(&b, url, (size_t)(colon - url));
    cx_buf_puts(&b, ":***");
    p = at;
  }
  for (const char *q; (q = strstr(p, "password=")); ) { /* ?password=... */
    cx_buf_put(&b, p, (size_t)(q - p) + 9);
    cx_buf_puts(&b, "***");
    p = q + 9 + strcspn(q + 9, "& ");
  }
  cx_buf_puts(&b, p);
  cx_buf_putc(&b, '\0');
  return b.data;
}

/* ---------------------------------------------------------------- values */

static cx_value vnull(void) { return (cx_value){.kind = CX_V_NULL}; }
static cx_value vint(int64_t i) { return (cx_value){.kind = CX_V_INT, .i = i}; }
static cx_value vreal(double r) { return (cx_value){.kind = CX_V_REAL, .r = r}; }
static cx_value vtextn(const char *s, size_t n) {
  return (cx_value){.kind = CX_V_TEXT, .s = s, .n = n};
}
static cx_value vtext(const char *s) {
  return s ? vtextn(s, strlen(s)) : vnull();
}

static void hash_field(XXH3_state_t *st, const char *s) {
  /* field separator keeps ("ab","c") and ("a","bc") apart; NULL ≠ "" */
  if (s) XXH3_64bits_update(st, s, strlen(s) + 1);
  else XXH3_64bits_update(st, "\xff", 1);
}

void cx_store_content_hash(const cx_doc *d, char out[17]) {
  XXH3_state_t st;
  XXH3_64bits_reset(&st);
  hash_field(&st, d->title);
  hash_field(&st, d->outlet);
  hash_field(&st, d->published);
  hash_field(&st, d->url);
  hash_field(&st, d->author);
  hash_field(&st, d->format);
  XXH3_64bits_update(&st, d->text ? d->text : "", d->text_len);
  /* the document it copies comes from the whole batch: a new link means
   * new rows (and a store from before copy_of was kept gets it). Absent,
   * it leaves the hash as it was. */
  if (d->copy_of) {
    XXH3_64bits_update(&st, "\xfe", 1);
    hash_field(&st, d->copy_of);
  }
  snprintf(out, 17, "%016llx", (unsigned long long)XXH3_64bits_digest(&st));
}

/* ---------------------------------------------------------------- rows */

#define PUT(t, ...)                                           \
  do {                                                        \
    const cx_value row_[] = {__VA_ARGS__};                    \
    _Static_assert(sizeof row_ / sizeof row_[0] > 0, "row"); \
    if ((st = b->insert(db, t, row_, diag)) != CX_OK) return st; \
  } while (0)

static cx_status put_mention(const cx_store_backend *b, void *db, cx_doc *d,
                             size_t idx, cx_diag *diag) {
  cx_status st;
  const cx_mention *m = &d->mentions[idx];
  const char *s;
  size_t n;
  cx_doc_orig_span(d, m->start, m->end, &s, &n);
  bool range = m->flags & CX_MF_RANGE;
  cx_value amount = vnull(), count = vnull(), percent = vnull();
  cx_value mn = vnull(), mx = vnull(), currency = vnull(), assumed = vnull();
  cx_value qual = vnull(), unit = vnull(), ds = vnull(), de = vnull();
  cx_value vt = vnull(), name = vnull();
  cx_value num = range ? vnull() : vreal(m->value);
  switch (m->type) {
    case CX_MONEY:
      amount = num;
      currency = m->currency[0] ? vtext(m->currency) : vnull();
      assumed = vint(!!(m->flags & CX_MF_CURRENCY_ASSUMED));
      break;
    case CX_COUNT: count = num; unit = vtext(m->unit); break;
    case CX_PERCENT: percent = num; break;
    case CX_DATE: ds = vtext(m->str); de = vtext(m->str); break;
    case CX_TIME: ds = vtext(m->str); vt = vtext(m->str); break;
    case CX_DATERANGE: ds = vtext(m->str); de = vtext(m->str2); break;
    case CX_DURATION: case CX_SET: vt = vtext(m->str); break;
    default: name = vtext(m->str); break;
  }
  if (m->type == CX_MONEY || m->type == CX_COUNT || m->type == CX_PERCENT) {
    qual = vtext(cx_qualifier_name(m->qualifier));
    if (range) mn = vreal(m->min), mx = vreal(m->max);
  }
  PUT(CX_T_MENTIONS, vtext(d->id), vint((int64_t)idx),
      vtext(cx_mention_type_name(m->type)),
      vint(cx_doc_cp_offset(d, m->start)), vint(cx_doc_cp_offset(d, m->end)),
      vtextn(s, n), amount, count, percent, mn, mx, currency, assumed, qual,
      vtext(m->qual_text), unit, ds, de, vt, name, vtext(m->rule),
      vint(m->flags));
  return CX_OK;
}

cx_status cx_store_put_doc(const cx_store_backend *b, void *db, cx_doc *d,
                           int64_t run_id, cx_diag *diag) {
  cx_status st;
  char hash[17], hx[17];
  cx_store_content_hash(d, hash);
  PUT(CX_T_DOCUMENTS, vtext(d->id), vtext(d->path), vint(d->item),
      vtext(d->url), vtext(d->outlet), vtext(d->title), vtext(d->author),
      vtext(d->published), vtext(d->format), vtext(hash),
      vint(cx_doc_cp_offset(d, (uint32_t)d->norm_len)), vint(run_id),
      vtext(d->copy_of));
  for (size_t i = 0; i < d->n_paras; i++) {
    const cx_para *p = &d->paras[i];
    const char *s;
    size_t n;
    cx_doc_orig_span(d, p->start, p->end, &s, &n);
    snprintf(hx, sizeof hx, "%016llx", (unsigned long long)p->hash);
    /* one writer per text in a batch, the same in every shard */
    if (p->repeat_of < 0 && p->hash_first >= 0)
      PUT(CX_T_PASSAGES, vtext(hx), vtextn(s, n), vtext(d->id), vint((int64_t)i));
    cx_value rdoc = vnull(), rpara = vnull();
    if (p->repeat_of >= 0) rdoc = vtext(d->id), rpara = vint(p->repeat_of);
    else if (p->repeat_doc) rdoc = vtext(p->repeat_doc), rpara = vint(p->repeat_doc_para);
    PUT(CX_T_APPEARANCES, vtext(d->id), vint((int64_t)i), vtext(hx),
        vint(cx_doc_cp_offset(d, p->start)), vint(cx_doc_cp_offset(d, p->end)),
        vint(p->repeats), rdoc, rpara);
  }
  for (size_t i = 0; i < d->n_mentions; i++) {
    if (d->mentions[i].type == CX_CUE) continue;
    if ((st = put_mention(b, db, d, i, diag)) != CX_OK) return st;
  }
  for (size_t i = 0; i < d->n_claims; i++) {
    const cx_claim *c = &d->claims[i];
    const char *s;
    size_t n;
    cx_doc_orig_span(d, c->start, c->end, &s, &n);
    PUT(CX_T_CLAIMS, vtext(c->id), vtext(d->id), vint(c->sent),
        vint(cx_doc_cp_offset(d, c->start)), vint(cx_doc_cp_offset(d, c->end)),
        vtextn(s, n), vtext(cx_stance_name(c->stance)), vint(c->repeats));
    for (uint32_t k = 0; k < c->n_mentions; k++)
      PUT(CX_T_CLAIM_MENTIONS, vtext(c->id), vtext(d->id),
          vint(d->claim_mentions[c->first_mention + k]));
    for (uint32_t k = 0; k < c->n_attribution; k++) {
      const cx_attrib *a = &c->attribution[k];
      PUT(CX_T_ATTRIBUTIONS, vtext(c->id), vint(k), vtext(a->source),
          vtext(a->cue), vtext(cx_stance_name(a->stance)));
    }
  }
  return CX_OK;
}

/* ---------------------------------------------------------------- writer */

typedef struct store_writer {
  const cx_store_backend *b;
  void *db;
  char *target;
  int64_t run_id;
  bool in_tx;
  bool broken; /* a write failed: the open batch is rolled back, not committed */
  size_t in_batch, stored, unchanged;
  /* ids written in the open batch: a repeated id commits the batch first so
   * that backends which stage rows until commit see the earlier copy */
  char **batch_ids;
} store_writer;

static void now_iso(char out[32]) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void clear_batch(store_writer *w) {
  for (size_t i = 0; i < w->in_batch; i++) free(w->batch_ids[i]);
  w->in_batch = 0;
}

static cx_status commit(store_writer *w, cx_diag *diag) {
  if (!w->in_tx) return CX_OK;
  w->in_tx = false;
  clear_batch(w);
  return w->b->commit(w->db, diag);
}

static cx_status ensure_tx(store_writer *w, cx_diag *diag) {
  if (w->in_tx) return CX_OK;
  cx_status st = w->b->begin(w->db, diag);
  if (st == CX_OK) w->in_tx = true;
  return st;
}

static void *store_open(const char *target, const cx_run_info *run,
                        cx_diag *diag) {
  const cx_store_backend *b = cx_store_backend_for(target);
  if (!b) {
    bool url = target && strstr(target, "://");
    char *shown = cx_store_display_name(target ? target : "");
    cx_diag_set(diag, CX_ERR_STORE, shown, -1,
                url ? "this claimx was built without PostgreSQL support"
                    : "not a store target (*.db, *.sqlite, postgresql://...)");
    free(shown);
    return NULL;
  }
  void *db = b->open(target, diag);
  if (!db) return NULL;
  char when[32];
  now_iso(when);
  int64_t id = b->run_start(db, when, run, diag);
  if (id <= 0) {
    b->close(db);
    return NULL;
  }
  store_writer *w = cx_xcalloc(1, sizeof *w);
  w->b = b;
  w->db = db;
  w->target = cx_store_display_name(target); /* for messages */
  w->run_id = id;
  w->batch_ids = cx_xcalloc(CX_STORE_BATCH, sizeof *w->batch_ids);
  return w;
}

static void record_error(store_writer *w, const cx_diag *e);

static cx_status write_doc(store_writer *w, cx_doc *d, cx_diag *diag) {
  cx_status st;
  if (!d->id) d->id = d->path ? d->path : ""; /* readers set it; be safe */
  const char *id = d->id;
  for (size_t i = 0; i < w->in_batch; i++)
    if (strcmp(w->batch_ids[i], id) == 0) {
      if ((st = commit(w, diag)) != CX_OK) return st;
      break;
    }
  if ((st = ensure_tx(w, diag)) != CX_OK) return st;
  char old[17], now[17];
  int have = w->b->doc_hash(w->db, id, old, diag);
  if (have < 0) return diag->status;
  cx_store_content_hash(d, now);
  if (have && strcmp(old, now) == 0) {
    w->unchanged++;
  } else {
    bool sp = w->b->doc_mark != NULL;
    if (sp && (st = w->b->doc_mark(w->db, diag)) != CX_OK) return st;
    st = have ? w->b->delete_doc(w->db, id, diag) : CX_OK;
    if (st == CX_OK) st = cx_store_put_doc(w->b, w->db, d, w->run_id, diag);
    if (st != CX_OK) {
      /* a document the store refuses goes to the run's error list; a store
       * that cannot be written stops the run */
      if (!sp || !w->b->doc_error(w->db)) return st;
      cx_diag e = *diag;
      snprintf(e.doc, sizeof e.doc, "%s", id); /* not the store's name */
      cx_diag_clear(diag);
      if ((st = w->b->doc_done(w->db, false, diag)) != CX_OK) return st;
      record_error(w, &e);
      *diag = e;
      diag->status = CX_ERR_REFUSED;
      return CX_ERR_REFUSED; /* not in batch_ids: nothing of it is stored */
    }
    if (sp && (st = w->b->doc_done(w->db, true, diag)) != CX_OK) return st;
    w->stored++;
  }
  w->batch_ids[w->in_batch++] = cx_xstrdup(id);
  if (w->in_batch >= CX_STORE_BATCH) return commit(w, diag);
  return CX_OK;
}

static cx_status store_write(void *state, cx_doc *d, cx_diag *diag) {
  store_writer *w = state;
  if (w->broken) return cx_diag_set(diag, CX_ERR_STORE, w->target, -1, "store failed earlier");
  cx_status st = write_doc(w, d, diag);
  if (st != CX_OK && st != CX_ERR_REFUSED) w->broken = true;
  return st;
}

static void record_error(store_writer *w, const cx_diag *e) {
  cx_diag ignored;
  cx_diag_clear(&ignored);
  /* the error list is best effort: a failing store shows up at close */
  if (w->broken || ensure_tx(w, &ignored) != CX_OK) return;
  const cx_value row[] = {
      vint(w->run_id), e->doc[0] ? vtext(e->doc) : vnull(), vint(e->status),
      vtext(e->text[0] ? e->text : cx_status_message(e->status))};
  w->b->insert(w->db, CX_T_RUN_ERRORS, row, &ignored);
}

static void store_error(void *state, const cx_diag *e) {
  record_error(state, e);
}

static cx_status store_close(void *state, const cx_run_info *run,
                             cx_diag *diag) {
  store_writer *w = state;
  cx_status st = w->broken ? CX_ERR_STORE : commit(w, diag);
  if (st == CX_OK) {
    char when[32];
    now_iso(when);
    st = w->b->run_finish(w->db, w->run_id, when, run, w->stored,
                          w->unchanged, diag);
  }
  w->b->close(w->db);
  clear_batch(w);
  free(w->batch_ids);
  free(w->target);
  free(w);
  return st;
}

/* One writer for both backends: the target picks the backend. */
const cx_writer cx_writer_sqlite = {"sqlite",    store_open,  store_write,
                                    store_error, store_close, NULL, NULL, false};
const cx_writer cx_writer_postgres = {"postgres",  store_open,  store_write,
                                      store_error, store_close, NULL, NULL, false};
