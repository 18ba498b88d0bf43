/* The batch driver behind `claimx extract`: inputs → readers → stages →
 * writer. Documents stream through a bounded ring of slots: the calling
 * thread reads and writes in input order and runs the stages when it
 * would wait; --jobs N adds N-1 threads that run them too, so N cores are
 * busy and output is byte-identical whatever the number of threads.
 * With cross-document de-duplication on, a first pass (read, normalize,
 * segment, hash) builds the passage index and a second pass extracts.
 * A document that fails is reported through on_error and counted; the
 * batch goes on. */
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
  int jobs;                    /* threads running stages, the caller's included (>= 1) */
  bool cross_dedup;            /* two passes, passages across documents */
  unsigned shard_k, shard_n;   /* process shard k of n (1-based); n 0 = all */
  /* called for every failed document and unreadable input */
  void (*on_error)(void *ctx, const cx_diag *d);
  /* called after every document (progress); may be NULL */
  void (*on_progress)(void *ctx, const cx_run_info *info);
  void *ctx;
  int fiscal_start;            /* month fiscal years start in; 0 = 1 */
} cx_run_options;

/* Returns CX_OK when the run completed (documents may have failed: see
 * info->docs_failed); another status (diag set) when setup failed. */
cx_status cx_run_extract(const cx_run_options *o, cx_run_info *info,
                         cx_diag *diag);

/* Deterministic shard of a document id: 1..n. */
unsigned cx_shard_of(const char *id, unsigned n);

#endif
