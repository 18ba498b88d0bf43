/* Byte streams with a read-ahead buffer. The first bytes decide the coding:
 * gzip (1f 8b, possibly several members, as .warc.gz), zstd (28 b5 2f fd,
 * possibly several frames), else plain. Decompression streams chunk by
 * chunk; the decoded total is capped so a bomb is an error, not an OOM. */
#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#define CHUNK (64 * 1024)

enum { CODE_UNKNOWN, CODE_PLAIN, CODE_GZIP, CODE_ZSTD };

struct cx_stream {
  FILE *f;
  bool own;
  const char *path;
  char *buf;            /* decoded bytes */
  size_t pos, len;
  char *in;             /* raw bytes (compressed input) */
  size_t in_pos, in_len;
  bool in_eof;
  size_t raw;           /* raw bytes consumed from the file */
  size_t decoded;       /* decoded bytes handed out */
  size_t limit;         /* 0 = none */
  int code;
  bool member_open;     /* inside a gzip member / zstd frame */
  z_stream z;
  bool z_ready;
  ZSTD_DStream *zs;
  bool eof, failed;
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
  s->in = cx_xmalloc(CHUNK);
  return s;
}

cx_stream *cx_stream_open_mem(const void *data, size_t n, const char *path) {
  /* fmemopen refuses size 0 */
  FILE *f = n ? fmemopen((void *)data, n, "rb") : fopen("/dev/null", "rb");
  if (!f) return NULL;
  cx_stream *s = cx_xcalloc(1, sizeof *s);
  s->f = f;
  s->own = true;
  s->path = path;
  s->buf = cx_xmalloc(CHUNK);
  s->in = cx_xmalloc(CHUNK);
  return s;
}

void cx_stream_set_limit(cx_stream *s, size_t max_bytes) {
  if (s) s->limit = max_bytes;
}

void cx_stream_close(cx_stream *s) {
  if (!s) return;
  if (s->own) fclose(s->f);
  if (s->z_ready) inflateEnd(&s->z);
  if (s->zs) ZSTD_freeDStream(s->zs);
  free(s->buf);
  free(s->in);
  free(s);
}

static long fail(cx_stream *s, cx_diag *diag, cx_status st, const char *what) {
  s->failed = true;
  cx_diag_set(diag, st, s->path, (long)s->raw, "%s", what);
  return -1;
}

/* Tops up the raw buffer; returns bytes available, -1 on error. */
static long raw_fill(cx_stream *s, cx_diag *diag) {
  if (s->in_pos < s->in_len) return (long)(s->in_len - s->in_pos);
  if (s->in_eof) return 0;
  size_t n = fread(s->in, 1, CHUNK, s->f);
  if (n == 0) {
    s->in_eof = true;
    if (ferror(s->f)) {
      s->failed = true;
      cx_diag_set(diag, CX_ERR_IO, s->path, (long)s->raw, "read error: %s",
                  strerror(errno));
      return -1;
    }
    return 0;
  }
  s->raw += n;
  s->in_pos = 0;
  s->in_len = n;
  return (long)n;
}

static void detect(cx_stream *s) {
  const unsigned char *p = (const unsigned char *)s->in + s->in_pos;
  size_t n = s->in_len - s->in_pos;
  if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
    s->code = CODE_GZIP;
    /* 16 + MAX_WBITS: gzip wrapper only */
    if (inflateInit2(&s->z, 16 + MAX_WBITS) == Z_OK) s->z_ready = true;
  } else if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f &&
             p[3] == 0xfd) {
    s->code = CODE_ZSTD;
    s->zs = ZSTD_createDStream();
    if (s->zs) ZSTD_initDStream(s->zs);
  } else {
    s->code = CODE_PLAIN;
  }
}

static long decode_gzip(cx_stream *s, cx_diag *diag) {
  if (!s->z_ready) return fail(s, diag, CX_ERR_IO, "cannot start gzip decoder");
  for (;;) {
    long r = raw_fill(s, diag);
    if (r < 0) return -1;
    if (r == 0) {
      if (s->member_open)
        return fail(s, diag, CX_ERR_TRUNCATED, "truncated gzip data");
      return 0;
    }
    if (!s->member_open) {
      /* a new member must open with the magic; anything else is trailing
       * padding, which gzip(1) ignores too */
      const unsigned char *p = (const unsigned char *)s->in + s->in_pos;
      if (p[0] != 0x1f) {
        s->in_pos = s->in_len;
        s->in_eof = true;
        return 0;
      }
      inflateReset(&s->z);
      s->member_open = true;
    }
    s->z.next_in = (Bytef *)s->in + s->in_pos;
    s->z.avail_in = (uInt)(s->in_len - s->in_pos);
    s->z.next_out = (Bytef *)s->buf;
    s->z.avail_out = CHUNK;
    int zr = inflate(&s->z, Z_NO_FLUSH);
    s->in_pos = s->in_len - s->z.avail_in;
    size_t got = CHUNK - s->z.avail_out;
    if (zr == Z_STREAM_END) s->member_open = false;
    else if (zr != Z_OK && zr != Z_BUF_ERROR)
      return fail(s, diag, CX_ERR_PARSE, "corrupt gzip data");
    if (got) return (long)got;
  }
}

static long decode_zstd(cx_stream *s, cx_diag *diag) {
  if (!s->zs) return fail(s, diag, CX_ERR_IO, "cannot start zstd decoder");
  for (;;) {
    long r = raw_fill(s, diag);
    if (r < 0) return -1;
    ZSTD_inBuffer in = {s->in, s->in_len, s->in_pos};
    ZSTD_outBuffer out = {s->buf, CHUNK, 0};
    if (r == 0) {
      /* flush what the decoder still holds */
      if (!s->member_open) return 0;
      size_t zr = ZSTD_decompressStream(s->zs, &out, &in);
      if (ZSTD_isError(zr))
        return fail(s, diag, CX_ERR_PARSE, "corrupt zstd data");
      if (out.pos) return (long)out.pos;
      return fail(s, diag, CX_ERR_TRUNCATED, "truncated zstd data");
    }
    size_t zr = ZSTD_decompressStream(s->zs, &out, &in);
    s->in_pos = in.pos;
    if (ZSTD_isError(zr))
      return fail(s, diag, CX_ERR_PARSE, "corrupt zstd data");
    s->member_open = zr != 0;
    if (out.pos) return (long)out.pos;
  }
}

static long fill(cx_stream *s, cx_diag *diag) {
  if (s->failed) {
    cx_diag_set(diag, CX_ERR_IO, s->path, (long)s->raw, "input unusable");
    return -1;
  }
  if (s->eof) return 0;
  if (s->code == CODE_UNKNOWN) {
    long r = raw_fill(s, diag);
    if (r < 0) return -1;
    detect(s);
  }
  long n;
  if (s->code == CODE_GZIP) n = decode_gzip(s, diag);
  else if (s->code == CODE_ZSTD) n = decode_zstd(s, diag);
  else {
    long r = raw_fill(s, diag);
    if (r <= 0) n = r;
    else {
      memcpy(s->buf, s->in + s->in_pos, (size_t)r);
      s->in_pos = s->in_len;
      n = r;
    }
  }
  if (n <= 0) {
    if (n == 0) s->eof = true;
    return n;
  }
  s->decoded += (size_t)n;
  if (s->limit && s->decoded > s->limit) {
    char msg[128];
    snprintf(msg, sizeof msg, "input larger than the %zu-byte limit %s",
             s->limit, s->code == CODE_PLAIN ? "" : "after decompression");
    return fail(s, diag, CX_ERR_TOO_LARGE, msg);
  }
  s->pos = 0;
  s->len = (size_t)n;
  return n;
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
      if (r < 0) return diag->status ? diag->status : CX_ERR_IO;
      if (r == 0) break;
    }
    if (b->len + (s->len - s->pos) > max)
      return cx_diag_set(diag, CX_ERR_TOO_LARGE, s->path, -1,
                         "larger than the %zu-byte document limit", max);
    cx_buf_put(b, s->buf + s->pos, s->len - s->pos);
    s->pos = s->len;
  }
  if (!b->data) cx_buf_put(b, "", 0);
  b->data[b->len] = '\0';
  return CX_OK;
}

size_t cx_stream_raw_offset(const cx_stream *s) { return s->raw; }
const char *cx_stream_path(const cx_stream *s) { return s->path; }
