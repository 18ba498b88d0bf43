/* Writer registry. */
#include <string.h>

#include "writer.h"

extern const cx_writer cx_writer_claims, cx_writer_mentions,
    cx_writer_passages, cx_writer_docs;

static const cx_writer *const writers[] = {
    &cx_writer_claims, &cx_writer_mentions, &cx_writer_passages,
    &cx_writer_docs, NULL};

const char *const cx_stream_formats[] = {"claims", "mentions", "passages",
                                         "docs", NULL};

const cx_writer *cx_writer_by_name(const char *name) {
  for (int i = 0; writers[i]; i++)
    if (strcmp(writers[i]->name, name) == 0) return writers[i];
  return NULL;
}

const cx_writer *cx_writer_for_target(const char *target) {
  (void)target;
  return NULL; /* stores register here */
}
