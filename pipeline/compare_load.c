/* Compare loaders: registry and choice by path. A new source (the claim
 * store) is one compare_load_X.c and one line here. */
#include "compare.h"

static const cx_compare_loader *const loaders[] = {
    &cx_compare_load_claims,
    NULL,
};

cx_status cx_compare_load(cx_compare *c, const char *const *paths, size_t n,
                          const cx_compare_load_options *o, size_t *failed,
                          cx_diag *diag) {
  *failed = 0;
  for (size_t l = 0; loaders[l]; l++) {
    size_t ok = 0;
    while (ok < n && loaders[l]->probe(paths[ok])) ok++;
    if (n && ok == n) return loaders[l]->load(c, paths, n, o, failed, diag);
  }
  return cx_compare_load_extract.load(c, paths, n, o, failed, diag);
}
