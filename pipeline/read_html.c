/* HTML pages: one document per file, the article text and metadata found by
 * html_text.c. The page is read whole (up to the document limit). */
#include <stdlib.h>

#include "html_text.h"
#include "reader.h"

typedef struct html_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  bool done;
  cx_buf buf;
} html_state;

static void *html_open(cx_stream *s, const char *path,
                       const cx_read_options *o, cx_diag *diag) {
  (void)diag;
  html_state *h = cx_xcalloc(1, sizeof *h);
  h->s = s;
  h->path = path;
  h->o = o;
  cx_buf_init(&h->buf);
  return h;
}

static void html_close(void *state) {
  html_state *h = state;
  cx_buf_free(&h->buf);
  free(h);
}

static int html_next(void *state, cx_doc *d, cx_diag *diag) {
  html_state *h = state;
  if (h->done) return CX_READ_END;
  h->done = true;
  d->id = d->path = cx_arena_strdup(d->arena, h->path);
  d->format = "html";
  if (cx_stream_read_all(h->s, &h->buf, h->o->max_doc_bytes, diag) != CX_OK)
    return CX_READ_BAD;
  if (cx_html_read(d, h->buf.data, h->buf.len, NULL, 0, diag) != CX_OK)
    return CX_READ_BAD;
  return CX_READ_DOC;
}

static const char *const html_ext[] = {".html", ".htm", ".xhtml", NULL};
const cx_reader cx_reader_html = {"html", html_ext, html_open, html_next,
                                  html_close};
