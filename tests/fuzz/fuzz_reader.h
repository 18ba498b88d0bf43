/* Shared body of the reader fuzz targets: every document of the input is
 * read and dropped; the reader must neither crash nor leak. */
#ifndef CX_FUZZ_READER_H
#define CX_FUZZ_READER_H

#include <stddef.h>
#include <stdint.h>

#include "../../pipeline/reader.h"

static inline void fuzz_read(const char *reader, const char *path,
                             const cx_read_options *o, const uint8_t *data,
                             size_t size) {
  const cx_reader *r = cx_reader_by_name(reader);
  cx_stream *s = cx_stream_open_mem(data, size, path);
  if (!r || !s) {
    cx_stream_close(s);
    return;
  }
  cx_stream_set_limit(s, o->max_input_bytes);
  cx_diag diag;
  cx_diag_clear(&diag);
  void *st = r->open(s, path, o, &diag);
  if (st) {
    cx_doc *d = cx_doc_new();
    for (int i = 0; i < 10000; i++) {
      cx_doc_reset(d);
      cx_diag_clear(&diag);
      int got = r->next(st, d, &diag);
      if (got == CX_READ_END || got == CX_READ_FATAL) break;
    }
    cx_doc_free(d);
    r->close(st);
  }
  cx_stream_close(s);
}

static inline cx_read_options fuzz_options(void) {
  cx_read_options o = {0};
  o.max_doc_bytes = 1u << 20;
  o.max_input_bytes = 16u << 20;
  return o;
}

#endif
