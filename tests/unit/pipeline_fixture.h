/* Shared by the unit tests that run documents through the whole pipeline:
 * one resources object and one worker for the test group. */
#ifndef CX_TEST_PIPELINE_FIXTURE_H
#define CX_TEST_PIPELINE_FIXTURE_H

#include "../../pipeline/cx.h"

static cx_resources *res;
static cx_worker *wk;

static int setup(void **st) {
  (void)st;
  cx_diag diag;
  cx_diag_clear(&diag);
  res = cx_resources_new(&diag);
  wk = res ? cx_worker_new(res) : NULL;
  return wk ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  cx_worker_free(wk);
  cx_resources_free(res);
  return 0;
}

#endif
