/* The stage runner: normalize → segment → dedup → extract → assemble. */
#include <stdlib.h>
#include <string.h>

#include "../extractors/extractor.h"
#include "dedup.h"
#include "internal.h"

static int mention_cmp(const void *a, const void *b) {
  const cx_mention *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  if (x->end != y->end) return x->end > y->end ? -1 : 1;
  return (int)x->type - (int)y->type;
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
  if (d->n_mentions > 1)
    qsort(d->mentions, d->n_mentions, sizeof *d->mentions, mention_cmp);
  cx_assemble(d);
  return CX_OK;
}
