/* Writer registry. */
#include <string.h>

#include "writer.h"

#include "store.h"

extern const cx_writer cx_writer_claims, cx_writer_mentions,
    cx_writer_passages, cx_writer_docs, cx_writer_sqlite, cx_writer_postgres;

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
  if (!target) return NULL;
  /* a PostgreSQL URL goes to the store writer even in a build without
   * libpq: its open then says so instead of writing a file of that name */
  if (!strncmp(target, "postgresql://", 13) || !strncmp(target, "postgres://", 11))
    return &cx_writer_postgres;
  return cx_store_backend_for(target) ? &cx_writer_sqlite : NULL;
}
