/* Readers: one per input format, each a const table registered in
 * readers.c. A reader turns a byte stream into documents, one at a time
 * (streaming: only the current document is in memory). */
#ifndef CX_READER_H
#define CX_READER_H

#include "cx.h"
#include "stream.h"

typedef struct cx_read_options {
  size_t max_doc_bytes;      /* per document text */
  size_t max_input_bytes;    /* decompressed size of one input */
  /* generic XML: XPath expressions (NULL = reader defaults) */
  const char *xml_doc, *xml_text, *xml_title, *xml_date, *xml_outlet,
      *xml_url, *xml_id;
} cx_read_options;

enum {
  CX_READ_DOC = 1,     /* d was filled */
  CX_READ_END = 0,     /* no more documents */
  CX_READ_BAD = -1,    /* this document failed (diag set); go on */
  CX_READ_FATAL = -2,  /* the input is unusable (diag set); stop it */
};

typedef struct cx_reader {
  const char *name;               /* also the `format` of its documents */
  const char *const *extensions;  /* ".txt", NULL-terminated */
  void *(*open)(cx_stream *s, const char *path, const cx_read_options *o,
                cx_diag *diag);
  /* d has been reset; the reader fills id/path/item, metadata and text
   * (text in d->arena). On CX_READ_BAD, d->id names the document. */
  int (*next)(void *state, cx_doc *d, cx_diag *diag);
  void (*close)(void *state);
} cx_reader;

/* Reader for a path by its extension (after .gz/.zst), NULL if none. */
const cx_reader *cx_reader_for_path(const char *path);
const cx_reader *cx_reader_by_name(const char *name);

/* Shared by readers: takes metadata `Key: value` pairs. */
void cx_doc_set_meta(cx_doc *d, const char *key, size_t kn, const char *val,
                     size_t vn);
/* Normalizes a publication date to ISO 8601 (date or date-time); NULL when
 * it cannot be read. */
const char *cx_published_iso(cx_arena *a, const char *raw);

#endif
