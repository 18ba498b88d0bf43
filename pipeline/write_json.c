/* The JSON Lines formats of DESIGN.md: claims, mentions, passages, docs. */
#include <stdlib.h>
#include <string.h>

#include "writer.h"

void cx_doc_orig_span(const cx_doc *d, uint32_t start, uint32_t end,
                      const char **s, size_t *n) {
  size_t a = d->norm_to_orig ? d->norm_to_orig[start] : start;
  size_t b = d->norm_to_orig ? d->norm_to_orig[end] : end;
  if (b < a) b = a;
  *s = d->text + a;
  *n = b - a;
}

/* Decimal unsigned (printf was a tenth of the writer's time). */
static void put_u(cx_buf *b, uint64_t v) {
  char tmp[24];
  size_t k = sizeof tmp;
  do tmp[--k] = (char)('0' + v % 10); while (v /= 10);
  cx_buf_put(b, tmp + k, sizeof tmp - k);
}

/* The literal k (a key with its punctuation), then v. */
static void put_kv(cx_buf *b, const char *k, uint64_t v) {
  cx_buf_puts(b, k);
  put_u(b, v);
}

static void key(cx_buf *b, const char *k) {
  cx_buf_putc(b, '"');
  cx_buf_puts(b, k);
  cx_buf_put(b, "\":", 2);
}

static void num_or_range(cx_buf *b, const cx_mention *m, const char *k) {
  if (m->flags & CX_MF_RANGE) {
    key(b, "min");
    cx_buf_json_num(b, m->min);
    cx_buf_putc(b, ',');
    key(b, "max");
    cx_buf_json_num(b, m->max);
  } else {
    key(b, k);
    cx_buf_json_num(b, m->value);
  }
}

static void qualifier(cx_buf *b, const cx_mention *m) {
  cx_buf_putc(b, ',');
  key(b, "qualifier");
  cx_buf_json_cstr(b, cx_qualifier_name(m->qualifier));
  if (m->qual_text) {
    cx_buf_putc(b, ',');
    key(b, "qualifier_text");
    cx_buf_json_cstr(b, m->qual_text);
  }
}

void cx_json_value(cx_buf *b, const cx_mention *m) {
  cx_buf_putc(b, '{');
  switch (m->type) {
    case CX_MONEY:
      num_or_range(b, m, "amount");
      cx_buf_putc(b, ',');
      key(b, "currency");
      cx_buf_json_cstr(b, m->currency[0] ? m->currency : NULL);
      qualifier(b, m);
      if (m->flags & CX_MF_CURRENCY_ASSUMED) cx_buf_puts(b, ",\"currency_assumed\":true");
      break;
    case CX_COUNT:
      num_or_range(b, m, "count");
      cx_buf_putc(b, ',');
      key(b, "unit");
      cx_buf_json_cstr(b, m->unit);
      qualifier(b, m);
      break;
    case CX_PERCENT:
      num_or_range(b, m, "percent");
      qualifier(b, m);
      if (m->flags & CX_MF_POINTS) cx_buf_puts(b, ",\"points\":true");
      break;
    case CX_DATE: key(b, "date"); cx_buf_json_cstr(b, m->str); break;
    case CX_TIME: key(b, "time"); cx_buf_json_cstr(b, m->str); break;
    case CX_DURATION: key(b, "duration"); cx_buf_json_cstr(b, m->str); break;
    case CX_SET: key(b, "set"); cx_buf_json_cstr(b, m->str); break;
    case CX_DATERANGE:
      key(b, "start");
      cx_buf_json_cstr(b, m->str);
      cx_buf_putc(b, ',');
      key(b, "end");
      cx_buf_json_cstr(b, m->str2);
      break;
    case CX_PERSON: case CX_ORG: case CX_GPE: case CX_LOC: case CX_NORP:
      key(b, "name");
      cx_buf_json_cstr(b, m->str);
      break;
    case CX_CUE:
      key(b, "source");
      cx_buf_json_cstr(b, m->str);
      cx_buf_putc(b, ',');
      key(b, "cue");
      cx_buf_json_cstr(b, m->str2);
      cx_buf_putc(b, ',');
      key(b, "stance");
      cx_buf_json_cstr(b, cx_stance_name(m->stance));
      break;
    default:
      break;
  }
  cx_buf_putc(b, '}');
}

void cx_json_mention(cx_buf *b, cx_doc *d, const cx_mention *m, bool with_doc) {
  const char *s;
  size_t n;
  cx_doc_orig_span(d, m->start, m->end, &s, &n);
  cx_buf_putc(b, '{');
  if (with_doc) {
    key(b, "doc");
    cx_buf_json_cstr(b, d->id);
    cx_buf_putc(b, ',');
  }
  key(b, "type");
  cx_buf_json_cstr(b, cx_mention_type_name(m->type));
  cx_buf_putc(b, ',');
  key(b, "text");
  cx_buf_json_str(b, s, n);
  put_kv(b, ",\"start\":", cx_doc_cp_offset(d, m->start));
  put_kv(b, ",\"end\":", cx_doc_cp_offset(d, m->end));
  cx_buf_putc(b, ',');
  key(b, "value");
  cx_json_value(b, m);
  if (m->rule) {
    cx_buf_putc(b, ',');
    key(b, "rule");
    cx_buf_json_cstr(b, m->rule);
  }
  cx_buf_putc(b, '}');
}

static void meta(cx_buf *b, cx_doc *d) {
  key(b, "doc");
  cx_buf_json_cstr(b, d->id);
  cx_buf_putc(b, ',');
  key(b, "outlet");
  cx_buf_json_cstr(b, d->outlet);
  cx_buf_putc(b, ',');
  key(b, "published");
  cx_buf_json_cstr(b, d->published);
  cx_buf_putc(b, ',');
  key(b, "url");
  cx_buf_json_cstr(b, d->url);
}

void cx_json_claim(cx_buf *b, cx_doc *d, const cx_claim *c) {
  const char *s;
  size_t n;
  cx_doc_orig_span(d, c->start, c->end, &s, &n);
  cx_buf_putc(b, '{');
  key(b, "id");
  cx_buf_json_cstr(b, c->id);
  cx_buf_putc(b, ',');
  meta(b, d);
  put_kv(b, ",\"sentence\":", c->sent);
  put_kv(b, ",\"start\":", cx_doc_cp_offset(d, c->start));
  put_kv(b, ",\"end\":", cx_doc_cp_offset(d, c->end));
  cx_buf_putc(b, ',');
  key(b, "text");
  cx_buf_json_str(b, s, n);
  cx_buf_puts(b, ",\"mentions\":[");
  for (uint32_t i = 0; i < c->n_mentions; i++) {
    if (i) cx_buf_putc(b, ',');
    cx_json_mention(b, d, &d->mentions[d->claim_mentions[c->first_mention + i]], false);
  }
  cx_buf_puts(b, "],\"attribution\":[");
  for (uint32_t i = 0; i < c->n_attribution; i++) {
    const cx_attrib *a = &c->attribution[i];
    if (i) cx_buf_putc(b, ',');
    cx_buf_puts(b, "{\"source\":");
    cx_buf_json_cstr(b, a->source);
    cx_buf_puts(b, ",\"cue\":");
    cx_buf_json_cstr(b, a->cue);
    cx_buf_puts(b, ",\"stance\":");
    cx_buf_json_cstr(b, cx_stance_name(a->stance));
    cx_buf_putc(b, '}');
  }
  cx_buf_puts(b, "],\"stance\":");
  cx_buf_json_cstr(b, cx_stance_name(c->stance));
  put_kv(b, ",\"repeats\":", c->repeats);
  cx_buf_puts(b, ",\"also_in\":[");
  for (uint32_t i = 0; i < c->n_also_in; i++) {
    if (i) cx_buf_putc(b, ',');
    cx_buf_json_cstr(b, c->also_in[i]);
  }
  cx_buf_puts(b, "]}");
}

void cx_json_passage(cx_buf *b, cx_doc *d, size_t pi) {
  const cx_para *p = &d->paras[pi];
  const char *s;
  size_t n;
  cx_doc_orig_span(d, p->start, p->end, &s, &n);
  cx_buf_putc(b, '{');
  key(b, "doc");
  cx_buf_json_cstr(b, d->id);
  put_kv(b, ",\"paragraph\":", pi);
  put_kv(b, ",\"start\":", cx_doc_cp_offset(d, p->start));
  put_kv(b, ",\"end\":", cx_doc_cp_offset(d, p->end));
  cx_buf_putc(b, ',');
  key(b, "text");
  cx_buf_json_str(b, s, n);
  cx_buf_printf(b, ",\"hash\":\"%016llx\",\"repeat_of\":", (unsigned long long)p->hash);
  if (p->repeat_of >= 0) {
    cx_buf_puts(b, "{\"doc\":");
    cx_buf_json_cstr(b, d->id);
    cx_buf_printf(b, ",\"paragraph\":%d}", p->repeat_of);
  } else if (p->repeat_doc) {
    cx_buf_puts(b, "{\"doc\":");
    cx_buf_json_cstr(b, p->repeat_doc);
    cx_buf_printf(b, ",\"paragraph\":%d}", p->repeat_doc_para);
  } else {
    cx_buf_puts(b, "null");
  }
  put_kv(b, ",\"repeats\":", p->repeats);
  cx_buf_putc(b, '}');
}

void cx_json_docinfo(cx_buf *b, cx_doc *d) {
  cx_buf_putc(b, '{');
  key(b, "doc");
  cx_buf_json_cstr(b, d->id);
  cx_buf_putc(b, ',');
  key(b, "title");
  cx_buf_json_cstr(b, d->title);
  cx_buf_putc(b, ',');
  key(b, "outlet");
  cx_buf_json_cstr(b, d->outlet);
  cx_buf_putc(b, ',');
  key(b, "published");
  cx_buf_json_cstr(b, d->published);
  cx_buf_putc(b, ',');
  key(b, "url");
  cx_buf_json_cstr(b, d->url);
  cx_buf_putc(b, ',');
  key(b, "author");
  cx_buf_json_cstr(b, d->author);
  cx_buf_putc(b, ',');
  key(b, "format");
  cx_buf_json_cstr(b, d->format);
  cx_buf_putc(b, ',');
  key(b, "copy_of");
  if (d->copy_of) {
    cx_buf_puts(b, "{\"doc\":");
    cx_buf_json_cstr(b, d->copy_of);
    cx_buf_puts(b, ",\"share\":");
    cx_buf_json_num(b, (double)(int)(d->copy_share * 1000 + 0.5) / 1000);
    cx_buf_putc(b, '}');
  } else {
    cx_buf_puts(b, "null");
  }
  cx_buf_putc(b, ',');
  key(b, "text");
  cx_buf_json_str(b, d->text, d->text_len);
  cx_buf_putc(b, '}');
}

/* ---------------------------------------------------------------- writers */

typedef enum { FMT_CLAIMS, FMT_MENTIONS, FMT_PASSAGES, FMT_DOCS } fmt_kind;

typedef struct json_writer {
  FILE *out;
  bool own;
  fmt_kind kind;
  cx_buf b;
  cx_buf pend; /* rendered, not yet written */
} json_writer;

static void *json_open(const char *target, fmt_kind kind, cx_diag *diag) {
  FILE *f = stdout;
  if (target && strcmp(target, "-") != 0) {
    f = fopen(target, "w");
    if (!f) {
      cx_diag_set(diag, CX_ERR_IO, target, -1, "cannot open for writing");
      return NULL;
    }
  }
  json_writer *w = cx_xcalloc(1, sizeof *w);
  w->out = f;
  w->own = f != stdout;
  w->kind = kind;
  cx_buf_init(&w->b);
  cx_buf_init(&w->pend);
  return w;
}

static void json_render(const void *state, cx_doc *d, cx_buf *b) {
  const json_writer *w = state;
  switch (w->kind) {
    case FMT_CLAIMS:
      for (size_t i = 0; i < d->n_claims; i++) {
        cx_json_claim(b, d, &d->claims[i]);
        cx_buf_putc(b, '\n');
      }
      break;
    case FMT_MENTIONS:
      for (size_t i = 0; i < d->n_mentions; i++) {
        if (d->mentions[i].type == CX_CUE) continue;
        cx_json_mention(b, d, &d->mentions[i], true);
        cx_buf_putc(b, '\n');
      }
      break;
    case FMT_PASSAGES:
      for (size_t i = 0; i < d->n_paras; i++) {
        cx_json_passage(b, d, i);
        cx_buf_putc(b, '\n');
      }
      break;
    case FMT_DOCS:
      cx_json_docinfo(b, d);
      cx_buf_putc(b, '\n');
      break;
  }
}

/* Output gathers in w->pend and leaves in writes of about JSON_CHUNK: the
 * output is several times the input, and a write per document was a
 * system call per document. */
enum { JSON_CHUNK = 1 << 20 };

static cx_status json_flush(json_writer *w, cx_diag *diag) {
  if (w->pend.len && fwrite(w->pend.data, 1, w->pend.len, w->out) != w->pend.len)
    return cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  w->pend.len = 0;
  return CX_OK;
}

static cx_status json_write_rendered(void *state, const cx_buf *b, cx_diag *diag) {
  json_writer *w = state;
  cx_buf_put(&w->pend, b->data ? b->data : "", b->len);
  return w->pend.len >= JSON_CHUNK ? json_flush(w, diag) : CX_OK;
}

static cx_status json_write(void *state, cx_doc *d, cx_diag *diag) {
  json_writer *w = state;
  w->b.len = 0;
  json_render(w, d, &w->b);
  return json_write_rendered(w, &w->b, diag);
}

static void json_error(void *state, const cx_diag *e) { (void)state, (void)e; }

static cx_status json_close(void *state, const cx_run_info *run, cx_diag *diag) {
  (void)run;
  json_writer *w = state;
  cx_status st = json_flush(w, diag);
  if (fflush(w->out) != 0)
    st = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  if (w->own && fclose(w->out) != 0)
    st = cx_diag_set(diag, CX_ERR_IO, "output", -1, "write failed");
  cx_buf_free(&w->b);
  cx_buf_free(&w->pend);
  free(w);
  return st;
}

#define JSON_FORMAT(name, kind, text_only)                                   \
  static void *open_##name(const char *t, const cx_run_info *r, cx_diag *d) { \
    (void)r;                                                                 \
    return json_open(t, kind, d);                                            \
  }                                                                          \
  const cx_writer cx_writer_##name = {#name,       open_##name, json_write,  \
                                      json_error,  json_close,  json_render, \
                                      json_write_rendered, text_only};
JSON_FORMAT(claims, FMT_CLAIMS, false)
JSON_FORMAT(mentions, FMT_MENTIONS, false)
JSON_FORMAT(passages, FMT_PASSAGES, true)
JSON_FORMAT(docs, FMT_DOCS, true)
