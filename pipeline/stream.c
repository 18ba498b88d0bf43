/* Plain file streams with a read-ahead buffer. */
#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (64 * 1024)

struct cx_stream {
  FILE *f;
  bool own;
  const char *path;
  char *buf;
  size_t pos, len;
  size_t raw;
  bool eof;
};

cx_stream *cx_stream_open(const char *path, cx_diag *diag) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!f) {
    cx_diag_set(diag, CX_ERR_IO, path, -1, "%s", strerror(errno));
    return NULL;
  }
  cx_stream *s = cx_xcalloc(1, sizeof *s);
  s->f = f;
  s->own = f != stdin;
  s->path = path;
  s->buf = cx_xmalloc(CHUNK);
  return s;
}

void cx_stream_close(cx_stream *s) {
  if (!s) return;
  if (s->own) fclose(s->f);
  free(s->buf);
  free(s);
}

static long fill(cx_stream *s, cx_diag *diag) {
  if (s->eof) return 0;
  size_t n = fread(s->buf, 1, CHUNK, s->f);
  if (n == 0) {
    s->eof = true;
    if (ferror(s->f)) {
      cx_diag_set(diag, CX_ERR_IO, s->path, (long)s->raw, "read error: %s",
                  strerror(errno));
      return -1;
    }
    return 0;
  }
  s->raw += n;
  s->pos = 0;
  s->len = n;
  return (long)n;
}

long cx_stream_read(cx_stream *s, void *out, size_t n, cx_diag *diag) {
  if (s->pos == s->len) {
    long r = fill(s, diag);
    if (r <= 0) return r;
  }
  size_t k = s->len - s->pos < n ? s->len - s->pos : n;
  memcpy(out, s->buf + s->pos, k);
  s->pos += k;
  return (long)k;
}

int cx_stream_getline(cx_stream *s, cx_buf *b, size_t max, cx_diag *diag) {
  b->len = 0;
  bool any = false, too_long = false;
  for (;;) {
    if (s->pos == s->len) {
      long r = fill(s, diag);
      if (r < 0) return -1;
      if (r == 0) break;
    }
    any = true;
    char *nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
    size_t k = nl ? (size_t)(nl - (s->buf + s->pos)) : s->len - s->pos;
    if (!too_long) {
      if (b->len + k > max) too_long = true;
      else cx_buf_put(b, s->buf + s->pos, k);
    }
    s->pos += k + (nl ? 1 : 0);
    if (nl) break;
  }
  if (b->data) b->data[b->len] = '\0';
  if (too_long) {
    b->len = 0;
    return -2;
  }
  return any ? 1 : 0;
}

cx_status cx_stream_read_all(cx_stream *s, cx_buf *b, size_t max,
                             cx_diag *diag) {
  b->len = 0;
  for (;;) {
    if (s->pos == s->len) {
      long r = fill(s, diag);
      if (r < 0) return CX_ERR_IO;
      if (r == 0) break;
    }
    if (b->len + (s->len - s->pos) > max)
      return cx_diag_set(diag, CX_ERR_TOO_LARGE, s->path, -1,
                         "larger than the %zu-byte document limit", max);
    cx_buf_put(b, s->buf + s->pos, s->len - s->pos);
    s->pos = s->len;
  }
  if (!b->data) cx_buf_put(b, "", 0);
  return CX_OK;
}

size_t cx_stream_raw_offset(const cx_stream *s) { return s->raw; }
const char *cx_stream_path(const cx_stream *s) { return s->path; }
