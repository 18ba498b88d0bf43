/* Compare loaders: registry and choice by path. Each path goes to the
 * first loader whose probe accepts it; the rest are articles, extracted on
 * the fly. A new source (the claim store) is one compare_load_X.c and one
 * line here. */
#include <stdlib.h>

#include "compare.h"

static const cx_compare_loader *const loaders[] = {
    &cx_compare_load_claims,
    &cx_compare_load_store,
    NULL,
};

cx_status cx_compare_load(cx_compare *c, const char *const *paths, size_t n,
                          const cx_compare_load_options *o, size_t *failed,
                          cx_diag *diag) {
  *failed = 0;
  const char **mine = cx_xmalloc((n + 1) * sizeof *mine);
  bool *taken = cx_xcalloc(n + 1, sizeof *taken);
  cx_status st = CX_OK;
  for (size_t l = 0; loaders[l] && st == CX_OK; l++) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
      if (!taken[i] && loaders[l]->probe(paths[i])) taken[i] = true, mine[m++] = paths[i];
    size_t f = 0;
    if (m) st = loaders[l]->load(c, mine, m, o, &f, diag);
    *failed += f;
  }
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!taken[i]) mine[m++] = paths[i];
  if (m && st == CX_OK) {
    size_t f = 0;
    st = cx_compare_load_extract.load(c, mine, m, o, &f, diag);
    *failed += f;
  }
  free(mine);
  free(taken);
  return st;
}
