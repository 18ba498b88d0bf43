/* Test helper: reads every document of an in-memory input with a named
 * reader, keeping the documents' metadata and text as one string per doc. */
#ifndef CX_TEST_READ_HELPERS_H
#define CX_TEST_READ_HELPERS_H

#include <stdlib.h>
#include <string.h>

#include "../../pipeline/reader.h"

typedef struct read_result {
  int n_docs, n_bad, fatal;
  char *text[16], *title[16], *outlet[16], *published[16], *url[16], *id[16];
  cx_status last_error;
} read_result;

static inline char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static inline read_result read_all(const char *reader, const char *path,
                                   const char *data, size_t n,
                                   const cx_read_options *opt) {
  read_result r;
  memset(&r, 0, sizeof r);
  cx_read_options o = {0};
  if (opt) o = *opt;
  if (!o.max_doc_bytes) o.max_doc_bytes = 1u << 20;
  if (!o.max_input_bytes) o.max_input_bytes = 64u << 20;
  cx_stream *s = cx_stream_open_mem(data, n, path);
  cx_stream_set_limit(s, o.max_input_bytes);
  cx_diag diag;
  cx_diag_clear(&diag);
  void *st = cx_reader_by_name(reader)->open(s, path, &o, &diag);
  cx_doc *d = cx_doc_new();
  while (st) {
    cx_doc_reset(d);
    cx_diag_clear(&diag);
    int got = cx_reader_by_name(reader)->next(st, d, &diag);
    if (got == CX_READ_END) break;
    if (got != CX_READ_DOC) {
      r.last_error = diag.status;
      if (got == CX_READ_FATAL) {
        r.fatal = 1;
        break;
      }
      r.n_bad++;
      continue;
    }
    if (r.n_docs < 16) {
      int i = r.n_docs;
      r.text[i] = strndup(d->text, d->text_len);
      r.title[i] = dup_or_null(d->title);
      r.outlet[i] = dup_or_null(d->outlet);
      r.published[i] = dup_or_null(d->published);
      r.url[i] = dup_or_null(d->url);
      r.id[i] = dup_or_null(d->id);
    }
    r.n_docs++;
  }
  if (st) cx_reader_by_name(reader)->close(st);
  cx_doc_free(d);
  cx_stream_close(s);
  return r;
}

static inline void read_result_free(read_result *r) {
  for (int i = 0; i < 16; i++) {
    free(r->text[i]);
    free(r->title[i]);
    free(r->outlet[i]);
    free(r->published[i]);
    free(r->url[i]);
    free(r->id[i]);
  }
}

#endif
