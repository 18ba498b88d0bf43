/* WARC files (.warc, .warc.gz as Common Crawl's CC-NEWS), streamed record
 * by record. `response` records whose HTTP payload is HTML become
 * documents `path#N` through the HTML extractor; WARC-Target-URI is the
 * URL, WARC-Date the publication date when the page gives none. Other
 * records (warcinfo, request, metadata, non-HTML, non-2xx) are skipped.
 * Payloads still chunked or gzip/deflate-coded are decoded here. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "html_text.h"
#include "reader.h"

#define MAX_HEADER_LINE 65536

typedef struct warc_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  long item;
  cx_buf line, block, body;
} warc_state;

static void *warc_open(cx_stream *s, const char *path, const cx_read_options *o,
                       cx_diag *diag) {
  (void)diag;
  warc_state *w = cx_xcalloc(1, sizeof *w);
  w->s = s;
  w->path = path;
  w->o = o;
  cx_buf_init(&w->line);
  cx_buf_init(&w->block);
  cx_buf_init(&w->body);
  return w;
}

static void warc_close(void *state) {
  warc_state *w = state;
  cx_buf_free(&w->line);
  cx_buf_free(&w->block);
  cx_buf_free(&w->body);
  free(w);
}

static void chomp(cx_buf *b) {
  while (b->len && (b->data[b->len - 1] == '\r' || b->data[b->len - 1] == '\n'))
    b->data[--b->len] = '\0';
}

/* Value of header `name:` in line, or NULL. */
static const char *header(const char *line, const char *name) {
  size_t n = strlen(name);
  if (strncasecmp(line, name, n) != 0 || line[n] != ':') return NULL;
  line += n + 1;
  while (*line == ' ' || *line == '\t') line++;
  return line;
}

/* Reads exactly n bytes into b (keep) or discards them. */
static int read_block(warc_state *w, size_t n, bool keep, cx_diag *diag) {
  w->block.len = 0;
  char tmp[65536];
  while (n) {
    long r = cx_stream_read(w->s, tmp, n < sizeof tmp ? n : sizeof tmp, diag);
    if (r < 0) return -1;
    if (r == 0) {
      cx_diag_set(diag, CX_ERR_TRUNCATED, w->path, (long)cx_stream_raw_offset(w->s),
                  "truncated WARC record");
      return -1;
    }
    if (keep) cx_buf_put(&w->block, tmp, (size_t)r);
    n -= (size_t)r;
  }
  if (!w->block.data) cx_buf_put(&w->block, "", 0);
  return 0;
}

/* Undoes HTTP chunked transfer coding into w->body; false if malformed. */
static bool dechunk(warc_state *w, const char *p, size_t n) {
  w->body.len = 0;
  const char *end = p + n;
  while (p < end) {
    char *q;
    unsigned long k = strtoul(p, &q, 16);
    const char *nl = memchr(q, '\n', (size_t)(end - q));
    if (q == p || !nl) return false;
    p = nl + 1;
    if (k == 0) break;
    if (k > (size_t)(end - p)) return false;
    cx_buf_put(&w->body, p, k);
    p += k;
    if (p < end && *p == '\r') p++;
    if (p < end && *p == '\n') p++;
  }
  if (!w->body.data) cx_buf_put(&w->body, "", 0);
  return true;
}

/* Undoes gzip/deflate content coding into w->body, at most max bytes;
 * false when corrupt or too large. */
static bool inflate_body(warc_state *w, const char *p, size_t n, size_t max) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 15 + 32) != Z_OK) return false; /* gzip or zlib */
  w->body.len = 0;
  z.next_in = (Bytef *)p;
  z.avail_in = (uInt)n;
  char out[65536];
  int r;
  do {
    z.next_out = (Bytef *)out;
    z.avail_out = sizeof out;
    r = inflate(&z, Z_NO_FLUSH);
    if (r != Z_OK && r != Z_STREAM_END) break;
    size_t got = sizeof out - z.avail_out;
    if (w->body.len + got > max) {
      r = Z_MEM_ERROR;
      break;
    }
    cx_buf_put(&w->body, out, got);
  } while (r == Z_OK && (z.avail_in || z.avail_out == 0));
  inflateEnd(&z);
  if (!w->body.data) cx_buf_put(&w->body, "", 0);
  return r == Z_STREAM_END;
}

static void param_charset(const char *ct, char *out, size_t cap) {
  out[0] = '\0';
  const char *c = strcasestr(ct, "charset=");
  if (!c) return;
  c += 8;
  if (*c == '"' || *c == '\'') c++;
  size_t i = 0;
  while (c[i] && i + 1 < cap && (isalnum((unsigned char)c[i]) || c[i] == '-' || c[i] == '_'))
    out[i] = c[i], i++;
  out[i] = '\0';
}

static int warc_next(void *state, cx_doc *d, cx_diag *diag) {
  warc_state *w = state;
  for (;;) {
    /* version line, skipping the blank lines between records */
    int r;
    do {
      r = cx_stream_getline(w->s, &w->line, MAX_HEADER_LINE, diag);
      if (r == 1) chomp(&w->line);
    } while (r == 1 && w->line.len == 0);
    if (r == 0) return CX_READ_END;
    if (r < 0 || strncmp(w->line.data, "WARC/", 5) != 0) {
      d->id = cx_arena_strdup(d->arena, w->path);
      cx_diag_set(diag, r == -1 ? diag->status : CX_ERR_PARSE, w->path,
                  (long)cx_stream_raw_offset(w->s), "not a WARC record header");
      return CX_READ_FATAL;
    }
    char *type = NULL, *uri = NULL, *date = NULL, *ctype = NULL;
    long long length = -1;
    for (;;) {
      r = cx_stream_getline(w->s, &w->line, MAX_HEADER_LINE, diag);
      if (r != 1) {
        cx_diag_set(diag, CX_ERR_TRUNCATED, w->path, -1, "truncated WARC header");
        return CX_READ_FATAL;
      }
      chomp(&w->line);
      if (w->line.len == 0) break;
      const char *v;
      if ((v = header(w->line.data, "WARC-Type"))) type = cx_arena_strdup(d->arena, v);
      else if ((v = header(w->line.data, "WARC-Target-URI"))) uri = cx_arena_strdup(d->arena, v);
      else if ((v = header(w->line.data, "WARC-Date"))) date = cx_arena_strdup(d->arena, v);
      else if ((v = header(w->line.data, "Content-Type"))) ctype = cx_arena_strdup(d->arena, v);
      else if ((v = header(w->line.data, "Content-Length"))) length = strtoll(v, NULL, 10);
    }
    if (length < 0) {
      cx_diag_set(diag, CX_ERR_PARSE, w->path, -1, "WARC record without Content-Length");
      return CX_READ_FATAL;
    }
    bool want = type && !strcmp(type, "response") && ctype &&
                strcasestr(ctype, "application/http");
    /* headers of a page may add a few kB to the document limit */
    bool too_big = want && (size_t)length > w->o->max_doc_bytes + 65536;
    if (read_block(w, (size_t)length, want && !too_big, diag) != 0) {
      d->id = cx_arena_strdup(d->arena, w->path);
      return CX_READ_FATAL;
    }
    if (!want) continue;
    /* HTTP status line and headers */
    const char *p = w->block.data, *end = p + w->block.len;
    const char *hend = NULL;
    for (const char *q = p; q + 1 < end; q++)
      if (q[0] == '\n' && (q[1] == '\n' || (q[1] == '\r' && q + 2 < end && q[2] == '\n'))) {
        hend = q + (q[1] == '\n' ? 2 : 3);
        break;
      }
    if (!too_big && !hend) continue;
    int status = 0;
    if (!too_big) sscanf(p, "HTTP/%*s %d", &status);
    if (!too_big && (status < 200 || status > 299)) continue;
    bool html = false, chunked = false, encoded = false, gzipped = false;
    char charset[48] = "";
    for (const char *q = p; !too_big && q < hend;) {
      const char *nl = memchr(q, '\n', (size_t)(hend - q));
      size_t ln = nl ? (size_t)(nl - q) : (size_t)(hend - q);
      char hl[1024];
      size_t k = ln < sizeof hl - 1 ? ln : sizeof hl - 1;
      memcpy(hl, q, k);
      hl[k] = '\0';
      while (k && (hl[k - 1] == '\r')) hl[--k] = '\0';
      const char *v;
      if ((v = header(hl, "Content-Type"))) {
        html = strcasestr(v, "html") != NULL;
        param_charset(v, charset, sizeof charset);
      } else if ((v = header(hl, "Transfer-Encoding"))) {
        chunked = strcasestr(v, "chunked") != NULL;
      } else if ((v = header(hl, "Content-Encoding"))) {
        gzipped = !strcasecmp(v, "gzip") || !strcasecmp(v, "x-gzip") ||
                  !strcasecmp(v, "deflate");
        encoded = !gzipped && strcasecmp(v, "identity") != 0;
      }
      q = nl ? nl + 1 : hend;
    }
    if (!too_big && !html) continue;
    w->item++;
    d->path = cx_arena_strdup(d->arena, w->path);
    d->item = w->item;
    d->id = cx_arena_printf(d->arena, "%s#%ld", w->path, w->item);
    d->format = "warc";
    if (uri) cx_doc_set_meta(d, "url", 3, uri, strlen(uri));
    if (too_big) {
      cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1,
                  "record larger than the %zu-byte document limit", w->o->max_doc_bytes);
      return CX_READ_BAD;
    }
    if (encoded) {
      cx_diag_set(diag, CX_ERR_UNSUPPORTED, d->id, -1,
                  "HTTP payload with a Content-Encoding is not supported");
      return CX_READ_BAD;
    }
    const char *body = hend;
    size_t n = (size_t)(end - hend);
    if (chunked) {
      if (!dechunk(w, body, n)) {
        cx_diag_set(diag, CX_ERR_PARSE, d->id, -1, "malformed chunked HTTP payload");
        return CX_READ_BAD;
      }
      body = w->body.data;
      n = w->body.len;
    }
    if (gzipped) {
      /* dechunked bytes may sit in w->body: inflate from a copy */
      char *src = cx_arena_strndup(d->arena, body, n);
      if (!inflate_body(w, src, n, w->o->max_doc_bytes)) {
        cx_diag_set(diag, CX_ERR_PARSE, d->id, -1,
                    "corrupt or oversized compressed HTTP payload");
        return CX_READ_BAD;
      }
      body = w->body.data;
      n = w->body.len;
    }
    if (cx_html_read(d, body, n, charset[0] ? charset : NULL, 0, diag) != CX_OK)
      return CX_READ_BAD;
    if (!d->published && date) cx_doc_set_meta(d, "published", 9, date, strlen(date));
    return CX_READ_DOC;
  }
}

static const char *const warc_ext[] = {".warc", NULL};
const cx_reader cx_reader_warc = {"warc", warc_ext, warc_open, warc_next,
                                  warc_close};
