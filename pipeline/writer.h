/* Writers: one per output format, each a const table registered in
 * writers.c. JSON Lines writers print to a FILE; store writers open their
 * target (a database file or URL). */
#ifndef CX_WRITER_H
#define CX_WRITER_H

#include "cx.h"

typedef struct cx_run_info {
  const char *version;
  const char *options;   /* the command line, for the record */
  size_t docs_ok, docs_failed;
  size_t bytes;          /* document text bytes processed */
  size_t input_total;    /* size of all input files (0 when unknown) */
  size_t input_done;     /* input bytes consumed so far */
  int pass;              /* 1 = de-duplication scan, 2 = extraction */
  size_t docs_skipped;   /* outside this --shard */
  size_t dedup_clusters, dedup_bytes, syndication_links;
} cx_run_info;

typedef struct cx_writer {
  const char *name;
  /* target: output path, URL, or NULL for stdout */
  void *(*open)(const char *target, const cx_run_info *run, cx_diag *diag);
  /* CX_ERR_REFUSED (diag naming the document): this document was not
   * written and is already in the store's error list; the run goes on.
   * Any other error stops the run. */
  cx_status (*write)(void *state, cx_doc *d, cx_diag *diag);
  /* a document that failed: stores keep it in the run's error list */
  void (*error)(void *state, const cx_diag *doc_error);
  cx_status (*close)(void *state, const cx_run_info *run, cx_diag *diag);
  /* Optional, for writers whose output is bytes: render runs on the worker
   * thread that processed the document (it may only read the state), and
   * write_rendered then emits those bytes in input order. Rendering in the
   * workers keeps the single writer thread from being the bottleneck. */
  void (*render)(const void *state, cx_doc *d, cx_buf *out);
  cx_status (*write_rendered)(void *state, const cx_buf *out, cx_diag *diag);
  /* the output uses text, paragraphs and passages only: the run skips the
   * extractors and claim assembly */
  bool text_only;
} cx_writer;

const cx_writer *cx_writer_by_name(const char *name);
/* Store writer chosen by target (".db" → sqlite, postgresql:// → pg). */
const cx_writer *cx_writer_for_target(const char *target);
/* Names of the JSON Lines formats, NULL-terminated (for --help). */
extern const char *const cx_stream_formats[];

/* JSON rendering shared by writers and exports (appends to b). */
void cx_json_mention(cx_buf *b, cx_doc *d, const cx_mention *m, bool with_doc);
void cx_json_value(cx_buf *b, const cx_mention *m);
void cx_json_claim(cx_buf *b, cx_doc *d, const cx_claim *c);
void cx_json_passage(cx_buf *b, cx_doc *d, size_t para);
void cx_json_docinfo(cx_buf *b, cx_doc *d);
/* Text as read for norm span [start,end). */
void cx_doc_orig_span(const cx_doc *d, uint32_t start, uint32_t end,
                      const char **s, size_t *n);

#endif
