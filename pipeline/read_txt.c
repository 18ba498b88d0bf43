/* Plain text articles. An optional header block of `Key: value` lines
 * (Title, Outlet, Published, URL, Author; a first line without a key is the
 * title) ended by a blank line becomes metadata; offsets count from the
 * body's first character. The block is recognised only when every line
 * after the first really is a known `Key: value` line. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/text.h"
#include "reader.h"

typedef struct txt_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  bool done;
  cx_buf buf;
} txt_state;

static void *txt_open(cx_stream *s, const char *path,
                      const cx_read_options *o, cx_diag *diag) {
  (void)diag;
  txt_state *t = cx_xcalloc(1, sizeof *t);
  t->s = s;
  t->path = path;
  t->o = o;
  cx_buf_init(&t->buf);
  return t;
}

static void txt_close(void *state) {
  txt_state *t = state;
  cx_buf_free(&t->buf);
  free(t);
}

static const char *const header_keys[] = {"title", "outlet", "published",
                                          "url", "author", "date", "source",
                                          "link", NULL};

/* Length of the key if line[0..n) is `Key: value` with a known key. */
static size_t header_key(const char *line, size_t n) {
  const char *colon = memchr(line, ':', n);
  if (!colon || colon == line) return 0;
  size_t kl = (size_t)(colon - line);
  if (kl + 1 >= n || line[kl + 1] != ' ') return 0;
  for (int i = 0; header_keys[i]; i++)
    if (strlen(header_keys[i]) == kl && strncasecmp(line, header_keys[i], kl) == 0)
      return kl;
  return 0;
}

/* Returns the body offset when text opens with a header block, else 0. */
static size_t parse_header(cx_doc *d, const char *text, size_t n) {
  size_t pos = 0, lines = 0, keyed = 0;
  const char *first = NULL;
  size_t first_len = 0;
  while (pos < n) {
    const char *nl = memchr(text + pos, '\n', n - pos);
    size_t le = nl ? (size_t)(nl - text) : n;
    size_t ll = le - pos;
    if (ll && text[pos + ll - 1] == '\r') ll--;
    if (ll == 0) break; /* blank line ends the block */
    if (!header_key(text + pos, ll)) {
      if (lines > 0) return 0; /* a non-key line after the first */
      first = text + pos;
      first_len = ll;
    } else {
      keyed++;
    }
    lines++;
    if (lines > 20 || !nl) return 0;
    pos = le + 1;
  }
  if (pos >= n || keyed == 0) return 0;
  /* second pass: take the values */
  size_t p = 0;
  while (p < pos) {
    const char *nl = memchr(text + p, '\n', pos - p);
    size_t le = nl ? (size_t)(nl - text) : pos;
    size_t ll = le - p;
    if (ll && text[p + ll - 1] == '\r') ll--;
    size_t kl = header_key(text + p, ll);
    if (kl) {
      const char *v = text + p + kl + 1;
      size_t vn = ll - kl - 1;
      while (vn && *v == ' ') v++, vn--;
      cx_doc_set_meta(d, text + p, kl, v, vn);
    }
    p = le + 1;
  }
  if (first) cx_doc_set_meta(d, "title", 5, first, first_len);
  /* body starts after the blank line(s) */
  while (pos < n && (text[pos] == '\n' || text[pos] == '\r')) pos++;
  return pos;
}

static int txt_next(void *state, cx_doc *d, cx_diag *diag) {
  txt_state *t = state;
  if (t->done) return CX_READ_END;
  t->done = true;
  d->id = d->path = cx_arena_strdup(d->arena, t->path);
  d->format = "txt";
  if (cx_stream_read_all(t->s, &t->buf, t->o->max_doc_bytes, diag) != CX_OK)
    return CX_READ_BAD;
  const char *text = t->buf.data;
  size_t n = t->buf.len;
  if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, n -= 3;
  long bad = cx_utf8_invalid_at(text, n);
  if (bad >= 0) {
    cx_diag_set(diag, CX_ERR_UTF8, d->id, bad,
                "invalid UTF-8 at byte %ld (convert the file to UTF-8)", bad);
    return CX_READ_BAD;
  }
  size_t body = parse_header(d, text, n);
  d->text = cx_arena_strndup(d->arena, text + body, n - body);
  d->text_len = n - body;
  return CX_READ_DOC;
}

static const char *const txt_ext[] = {".txt", ".text", NULL};
const cx_reader cx_reader_txt = {"txt", txt_ext, txt_open, txt_next, txt_close};
