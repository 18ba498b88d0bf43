/* The immutable resources (folding table, segmenter lexicons, extractor
 * states) and the per-worker scratch. */
#include <stdlib.h>

#include "../extractors/extractor.h"
#include "../normalizers/text.h"
#include "internal.h"

cx_resources *cx_resources_new(cx_diag *diag) {
  cx_resources *r = cx_xcalloc(1, sizeof *r);
  r->folds = cx_text_folds_new(diag);
  r->segmenter = cx_segmenter_new(diag);
  if (!r->folds || !r->segmenter) goto fail;
  r->ext_state = cx_xcalloc(cx_n_extractors, sizeof *r->ext_state);
  for (size_t i = 0; i < cx_n_extractors; i++)
    if (cx_extractors[i]->init(&r->ext_state[i], diag) != CX_OK) goto fail;
  return r;
fail:
  cx_resources_free(r);
  return NULL;
}

void cx_resources_free(cx_resources *r) {
  if (!r) return;
  if (r->ext_state)
    for (size_t i = 0; i < cx_n_extractors; i++)
      if (r->ext_state[i]) cx_extractors[i]->free(r->ext_state[i]);
  free(r->ext_state);
  cx_segmenter_free(r->segmenter);
  cx_text_folds_free(r->folds);
  free(r);
}

cx_worker *cx_worker_new(const cx_resources *r) {
  cx_worker *w = cx_xcalloc(1, sizeof *w);
  w->res = r;
  w->md = pcre2_match_data_create(64, NULL);
  if (!w->md) {
    fputs("claimx: out of memory\n", stderr);
    abort();
  }
  return w;
}

void cx_worker_free(cx_worker *w) {
  if (!w) return;
  pcre2_match_data_free(w->md);
  free(w);
}

pcre2_match_data *cx_worker_match_data(cx_worker *w) { return w->md; }
