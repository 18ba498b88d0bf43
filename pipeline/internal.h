/* Private to pipeline/: the insides of resources and workers, and the
 * stages' entry points. */
#ifndef CX_INTERNAL_H
#define CX_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "../normalizers/text.h"
#include "cx.h"
#include "segment.h"

struct cx_resources {
  cx_text_folds *folds;
  cx_segmenter *segmenter;
  void **ext_state; /* one per registered extractor */
};

struct cx_worker {
  const cx_resources *res;
  pcre2_match_data *md;
};

/* Claim assembly: sentences with figures, dates or attributions. */
void cx_assemble(cx_doc *d);

#endif
