/* Compare loader for the claim store: an SQLite file (*.db, *.sqlite,
 * *.sqlite3) or a PostgreSQL URL, read through store_read.h. Claims, the
 * normalized values of their mentions, entities and attribution sources
 * come from the store's rows and are turned into the same model the
 * on-the-fly loader builds from a processed document (compare_load_extract.c),
 * so both give the same compare output for the same articles.
 *
 * Three queries, each ordered by claim id in byte order: claims, their
 * mentions, their attributions. The latter two are merged against the
 * claims by id, so nothing but the model is held in memory. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compare.h"
#include "store.h"
#include "store_read.h"

static bool probe(const char *path) {
  if (!cx_store_backend_for(path)) return false;
  if (strstr(path, "://")) return true;
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Byte offset of code point cp in s (clamped to its ends). */
static int cp_to_byte(const char *s, int64_t cp) {
  int b = 0;
  for (; s[b] && cp > 0; cp--) {
    b++;
    while (((unsigned char)s[b] & 0xC0) == 0x80) b++;
  }
  return b;
}

static cx_qualifier qualifier(const char *s) {
  if (s)
    for (int q = CX_Q_NONE + 1; q <= CX_Q_UNDER; q++)
      if (!strcmp(s, cx_qualifier_name((cx_qualifier)q))) return (cx_qualifier)q;
  return CX_Q_NONE;
}

/* Claims of this load, in id order: model index and start (code points). */
typedef struct loaded {
  size_t *k;
  int64_t *start;
  size_t n, cap;
} loaded;

/* Advances *at to the claim with this id; false when it is not loaded. */
static bool seek(const cx_compare *c, const loaded *l, size_t *at, const char *id) {
  while (*at < l->n && strcmp(cx_compare_claim(c, l->k[*at])->id, id) < 0) (*at)++;
  return *at < l->n && !strcmp(cx_compare_claim(c, l->k[*at])->id, id);
}

enum { M_CLAIM, M_TYPE, M_START, M_END, M_AMOUNT, M_COUNT, M_PERCENT, M_MIN,
       M_MAX, M_CURRENCY, M_QUAL, M_UNIT, M_DSTART, M_DEND, M_NAME, M_FLAGS };

static void add_mention(cx_compare *c, size_t k, int64_t cstart, cx_rows *q) {
  int type = cx_mention_type_from_name(cx_rows_text(q, M_TYPE));
  uint32_t flags = (uint32_t)cx_rows_int(q, M_FLAGS);
  if (flags & CX_MF_SUPPRESSED) return;
  if (type == CX_PERSON || type == CX_ORG || type == CX_GPE || type == CX_LOC ||
      type == CX_NORP) {
    cx_compare_add_entity(c, k, cx_rows_text(q, M_NAME));
    return;
  }
  const char *text = cx_compare_claim(c, k)->text;
  cx_cmp_figure f = {0};
  f.pos_start = cp_to_byte(text, cx_rows_int(q, M_START) - cstart);
  f.pos_end = cp_to_byte(text, cx_rows_int(q, M_END) - cstart);
  f.qualifier = qualifier(cx_rows_text(q, M_QUAL));
  f.range = (flags & CX_MF_RANGE) != 0;
  int value_col = -1;
  switch (type) {
    case CX_MONEY:
      f.type = CX_FIG_MONEY;
      f.unit = cx_rows_text(q, M_CURRENCY);
      value_col = M_AMOUNT;
      break;
    case CX_COUNT:
      f.type = CX_FIG_COUNT;
      f.unit = cx_rows_text(q, M_UNIT);
      value_col = M_COUNT;
      break;
    case CX_PERCENT:
      f.type = CX_FIG_PERCENT;
      f.unit = (flags & CX_MF_POINTS) ? "points" : NULL;
      value_col = M_PERCENT;
      break;
    case CX_DATE:
      if ((flags & CX_MF_ENDPOINT) || !cx_rows_text(q, M_DSTART)) return;
      f.type = CX_FIG_DATE;
      f.start = cx_rows_text(q, M_DSTART);
      break;
    case CX_DATERANGE:
      f.type = CX_FIG_DATERANGE;
      f.start = cx_rows_text(q, M_DSTART);
      f.end = cx_rows_text(q, M_DEND);
      if (!f.start && !f.end) return;
      break;
    default:
      return;
  }
  if (value_col >= 0) {
    if (f.range) {
      f.min = cx_rows_real(q, M_MIN);
      f.max = cx_rows_real(q, M_MAX);
    } else {
      f.value = cx_rows_real(q, value_col);
    }
  }
  cx_compare_add_figure(c, k, &f);
}

static cx_status load_one(cx_compare *c, cx_store_reader *r, cx_diag *diag) {
  loaded l = {0};
  cx_status st = CX_OK;
  cx_rows *q = cx_rows_query(
      r,
      "SELECT c.id, c.doc, d.outlet, d.published, c.text, d.copy_of, c.start_cp"
      " FROM claims c JOIN documents d ON d.id = c.doc ORDER BY c.id{C}",
      0, NULL, diag);
  if (!q) return diag->status;
  int rc;
  while ((rc = cx_rows_next(q, diag)) == 1) {
    size_t k = cx_compare_add_claim(c, cx_rows_text(q, 0), cx_rows_text(q, 1),
                                    cx_rows_text(q, 2), cx_rows_text(q, 3),
                                    cx_rows_text(q, 4) ? cx_rows_text(q, 4) : "");
    if (cx_rows_text(q, 5)) cx_compare_set_doc_copy(c, k, cx_rows_text(q, 5));
    if (l.n == l.cap) {
      l.cap = l.cap ? 2 * l.cap : 256;
      l.k = cx_xrealloc(l.k, l.cap * sizeof *l.k);
      l.start = cx_xrealloc(l.start, l.cap * sizeof *l.start);
    }
    l.k[l.n] = k;
    l.start[l.n++] = cx_rows_int(q, 6);
  }
  cx_rows_free(q);
  if (rc < 0) st = diag->status;

  /* mentions in the order the claim lists them (mention index) */
  if (st == CX_OK &&
      (q = cx_rows_query(
           r,
           "SELECT cm.claim, m.type, m.start_cp, m.end_cp, m.amount, m.count,"
           " m.percent, m.min_value, m.max_value, m.currency, m.qualifier, m.unit,"
           " m.date_start, m.date_end, m.name, m.flags"
           " FROM claim_mentions cm JOIN mentions m"
           " ON m.doc = cm.doc AND m.idx = cm.mention"
           " ORDER BY cm.claim{C}, cm.mention",
           0, NULL, diag))) {
    size_t at = 0;
    while ((rc = cx_rows_next(q, diag)) == 1)
      if (seek(c, &l, &at, cx_rows_text(q, M_CLAIM)))
        add_mention(c, l.k[at], l.start[at], q);
    cx_rows_free(q);
    if (rc < 0) st = diag->status;
  } else if (st == CX_OK) {
    st = diag->status;
  }

  /* attribution sources, outermost first */
  if (st == CX_OK &&
      (q = cx_rows_query(r,
                         "SELECT claim, source FROM attributions"
                         " ORDER BY claim{C}, position",
                         0, NULL, diag))) {
    size_t at = 0;
    while ((rc = cx_rows_next(q, diag)) == 1)
      if (seek(c, &l, &at, cx_rows_text(q, 0)))
        cx_compare_add_source(c, l.k[at], cx_rows_text(q, 1));
    cx_rows_free(q);
    if (rc < 0) st = diag->status;
  } else if (st == CX_OK) {
    st = diag->status;
  }
  free(l.k);
  free(l.start);
  return st;
}

static cx_status load(cx_compare *c, const char *const *paths, size_t n,
                      const cx_compare_load_options *o, size_t *failed,
                      cx_diag *diag) {
  (void)o;
  *failed = 0;
  for (size_t i = 0; i < n; i++) {
    cx_store_reader *r = cx_store_reader_open(paths[i], diag);
    if (!r) return diag->status;
    cx_status st = load_one(c, r, diag);
    cx_store_reader_free(r);
    if (st != CX_OK) return st;
  }
  return CX_OK;
}

const cx_compare_loader cx_compare_load_store = {"store", probe, load};
