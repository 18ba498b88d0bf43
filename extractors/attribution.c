/* attribution extractor: first version pending (see issue tracker). */
#include "extractor.h"

static cx_status init(void **state, cx_diag *diag) {
  (void)diag;
  *state = NULL;
  return CX_OK;
}
static void fini(void *state) { (void)state; }
static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)state, (void)w, (void)doc;
}
const cx_extractor cx_extractor_attribution = {"attribution", init, fini, run};
