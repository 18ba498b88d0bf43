/* The batch driver behind `claimx extract`: inputs → readers → stages →
 * writer, streaming one document at a time. A document that fails is
 * reported through on_error and counted; the batch goes on. */
#ifndef CX_RUN_H
#define CX_RUN_H

#include "cx.h"
#include "reader.h"
#include "writer.h"

typedef struct cx_run_options {
  const char *const *paths;
  size_t n_paths;
  const cx_writer *writer;
  const char *target;          /* writer target (NULL = stdout) */
  const char *ref_date;        /* fallback reference date */
  const char *command_line;    /* recorded by stores */
  cx_read_options read;
  /* called for every failed document and unreadable input */
  void (*on_error)(void *ctx, const cx_diag *d);
  /* called after every document (progress); may be NULL */
  void (*on_progress)(void *ctx, const cx_run_info *info);
  void *ctx;
} cx_run_options;

/* Returns CX_OK when the run completed (documents may have failed: see
 * info->docs_failed); another status (diag set) when setup failed. */
cx_status cx_run_extract(const cx_run_options *o, cx_run_info *info,
                         cx_diag *diag);

#endif
