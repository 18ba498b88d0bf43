/* The stage runner: normalize → segment → dedup → extract → assemble. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../extractors/extractor.h"
#include "dedup.h"
#include "internal.h"

static inline bool mention_before(const cx_mention *x, const cx_mention *y) {
  if (x->start != y->start) return x->start < y->start;
  if (x->end != y->end) return x->end > y->end;
  return x->type < y->type;
}

/* Orders mentions by position (start, longer first, type), stably.
 * Extractors append in text order, so the list is a few sorted runs:
 * adjacent runs are merged until one is left. */
static void sort_mentions(cx_doc *d) {
  size_t n = d->n_mentions;
  cx_mention *a = d->mentions;
  size_t i = 1;
  while (i < n && !mention_before(&a[i], &a[i - 1])) i++;
  if (i >= n) return; /* already in order: the common case for short texts */
  cx_mention *b = cx_arena_alloc(d->arena, n * sizeof *b);
  for (;;) {
    size_t runs = 0, lo = 0;
    while (lo < n) {
      size_t mid = lo + 1;
      while (mid < n && !mention_before(&a[mid], &a[mid - 1])) mid++;
      size_t hi = mid;
      if (hi < n) {
        hi++;
        while (hi < n && !mention_before(&a[hi], &a[hi - 1])) hi++;
      }
      /* merge a[lo,mid) and a[mid,hi) into b; ties keep the left first */
      size_t x = lo, y = mid, k = lo;
      while (x < mid && y < hi) b[k++] = mention_before(&a[y], &a[x]) ? a[y++] : a[x++];
      while (x < mid) b[k++] = a[x++];
      while (y < hi) b[k++] = a[y++];
      runs++;
      lo = hi;
    }
    cx_mention *t = a;
    a = b, b = t;
    if (runs == 1) break;
  }
  if (a != d->mentions) memcpy(d->mentions, a, n * sizeof *a);
}

static cx_status prepare(cx_worker *w, cx_doc *d, bool signatures,
                         cx_diag *diag) {
  const cx_resources *r = w->res;
  cx_status st = cx_text_normalize(r->folds, d, diag);
  if (st != CX_OK) return st;
  /* the signature pass (pass 1) needs paragraphs, not sentences */
  if (signatures) cx_segment_paras(r->segmenter, d);
  else cx_segment(r->segmenter, d);
  cx_dedup_doc(d, signatures);
  return CX_OK;
}

cx_status cx_prepare(cx_worker *w, cx_doc *d, cx_diag *diag) {
  return prepare(w, d, true, diag);
}

cx_status cx_process_text(cx_worker *w, cx_doc *d, cx_diag *diag) {
  return prepare(w, d, false, diag);
}

cx_status cx_process(cx_worker *w, cx_doc *d, cx_diag *diag) {
  const cx_resources *r = w->res;
  /* near-copy signatures are the first pass's business */
  cx_status st = prepare(w, d, false, diag);
  if (st != CX_OK) return st;
  for (size_t i = 0; i < cx_n_extractors; i++)
    cx_extractors[i]->run(r->ext_state[i], w, d);
  /* drop suppressed mentions, then order by position (stable output) */
  size_t k = 0;
  for (size_t i = 0; i < d->n_mentions; i++)
    if (!(d->mentions[i].flags & CX_MF_SUPPRESSED))
      d->mentions[k++] = d->mentions[i];
  d->n_mentions = k;
  if (d->n_mentions > 1) sort_mentions(d);
  cx_assemble(d);
  return CX_OK;
}
