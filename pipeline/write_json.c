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

/* ---------------------------------------------------------------- output
 * The claims output is several times the input, so these appends are the
 * writer's inner loop: no strlen on literals, no NUL after every field (a
 * record ends with one), one room check for a run of literals and numbers,
 * short names copied in fixed-size blocks into the buffer's slack. */

static inline void room(cx_buf *b, size_t n) {
  if (b->len + n + 1 > b->cap) cx_buf_reserve(b, n);
}

static inline void put(cx_buf *b, const char *s, size_t n) {
  room(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

#define LIT(b, s) put(b, s, sizeof s - 1)

/* Unchecked: for runs of literals and numbers after one room() for all. */
static inline void put_raw(cx_buf *b, const char *s, size_t n) {
  memcpy(b->data + b->len, s, n);
  b->len += n;
}

#define LIT_RAW(b, s) put_raw(b, s, sizeof s - 1)

static inline void putch(cx_buf *b, char c) {
  room(b, 1);
  b->data[b->len++] = c;
}

static inline void end_record(cx_buf *b) { b->data[b->len] = '\0'; }

enum { U_MAX = 20 }; /* digits of the largest uint64_t */

/* Decimal unsigned (printf was a tenth of the writer's time), written in
 * place from its last digit, two digits a step; needs room for U_MAX. */

static inline void put_u_raw(cx_buf *b, uint64_t v) {
  static const char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  size_t n;
  if (v < 10) n = 1;
  else if (v < 100) n = 2;
  else if (v < 1000) n = 3;
  else if (v < 10000) n = 4;
  else {
    n = 5;
    for (uint64_t t = 100000; n < 20 && v >= t; t *= 10) n++;
  }
  char *o = b->data + b->len + n;
  b->len += n;
  for (; v >= 100; v /= 100) o -= 2, memcpy(o, pairs + 2 * (v % 100), 2);
  if (v >= 10) memcpy(o - 2, pairs + 2 * v, 2);
  else o[-1] = (char)('0' + v);
}

static inline void put_u(cx_buf *b, uint64_t v) {
  room(b, U_MAX);
  put_u_raw(b, v);
}

/* The literal k (a key with its punctuation), then v. */
#define PUT_KV(b, k, v) (LIT(b, k), put_u(b, v))

/* Names from the enumerations, quoted, in 16-byte slots: none needs
 * escaping and a slot is copied whole. */
typedef struct name_lit {
  char s[16];
  size_t n;
} name_lit;

#define QUOTED(str) {"\"" str "\"", sizeof str + 1}
static const name_lit type_lits[] = {
#define X(e, str) QUOTED(str),
    CX_MENTION_TYPES(X)
#undef X
};
static const name_lit stance_lits[] = {
#define X(e, str) QUOTED(str),
    CX_STANCES(X)
#undef X
};
#undef QUOTED

/* Needs room for the whole slot. */
static inline void put_name_raw(cx_buf *b, const name_lit *l) {
  memcpy(b->data + b->len, l->s, sizeof l->s);
  b->len += l->n;
}

static inline void put_name(cx_buf *b, const name_lit *l) {
  room(b, sizeof l->s);
  put_name_raw(b, l);
}

static void put_type(cx_buf *b, cx_mention_type t) {
  if ((unsigned)t < CX_N_MENTION_TYPES) put_name(b, &type_lits[t]);
  else cx_buf_json_cstr(b, cx_mention_type_name(t));
}

static void put_stance(cx_buf *b, cx_stance s) {
  if ((unsigned)s < sizeof stance_lits / sizeof *stance_lits) put_name(b, &stance_lits[s]);
  else cx_buf_json_cstr(b, cx_stance_name(s));
}

/* ---------------------------------------------------------------- render
 * What one document's records share: code point offsets come from forward
 * walks over the text (base: the record's start; cur: the latest offset),
 * and strings that recur (the document's id and metadata, rule names) are
 * escaped once, then copied from where they were first written in the
 * output. Offsets into the output, not pointers: it may move as it grows. */
enum { RULE_SLOTS = 32 };

typedef struct render {
  cx_doc *d;
  cx_cp_walk base, cur;
  size_t meta_off, meta_len; /* "doc":...,"url":... (0: not yet written) */
  size_t id_off, id_len;     /* "doc":"...", */
  /* text bytes [plain_lo, plain_hi) need no escaping */
  size_t plain_lo, plain_hi;
  const char *rule_key[RULE_SLOTS];
  uint32_t rule_off[RULE_SLOTS], rule_len[RULE_SLOTS];
} render;

static void render_init(render *r, cx_doc *d) {
  memset(r, 0, sizeof *r);
  r->d = d;
}

static uint32_t cp_base(render *r, uint32_t off) {
  uint32_t v = cx_doc_cp_walk(r->d, &r->base, NULL, off);
  r->cur = r->base;
  return v;
}

static uint32_t cp_next(render *r, uint32_t off) {
  return cx_doc_cp_walk(r->d, &r->cur, &r->base, off);
}

/* Copies an earlier stretch of the output to its end. */
static void put_again(cx_buf *b, size_t off, size_t n) {
  room(b, n);
  memcpy(b->data + b->len, b->data + off, n);
  b->len += n;
}

static void put_rule(render *r, cx_buf *b, const char *rule) {
  size_t h = (size_t)(((uintptr_t)rule * 0x9E3779B97F4A7C15ull) >> 59);
  if (r->rule_key[h] == rule) {
    put_again(b, r->rule_off[h], r->rule_len[h]);
    return;
  }
  size_t off = b->len;
  cx_buf_json_cstr(b, rule);
  if (off <= UINT32_MAX && b->len - off <= UINT32_MAX)
    r->rule_key[h] = rule, r->rule_off[h] = (uint32_t)off,
    r->rule_len[h] = (uint32_t)(b->len - off);
}

/* The text of norm span [start, end), escaped; remembers a span that needed
 * no escaping, so spans inside it are copied as they are. */
static void put_text(render *r, cx_buf *b, uint32_t start, uint32_t end, bool remember) {
  const char *s;
  size_t n;
  cx_doc_orig_span(r->d, start, end, &s, &n);
  size_t lo = (size_t)(s - r->d->text);
  if (lo >= r->plain_lo && lo + n <= r->plain_hi) {
    room(b, n + 2);
    char *o = b->data + b->len;
    o[0] = '"';
    memcpy(o + 1, s, n);
    o[n + 1] = '"';
    b->len += n + 2;
    return;
  }
  size_t before = b->len;
  cx_buf_json_str(b, s, n);
  if (remember && b->len - before == n + 2) r->plain_lo = lo, r->plain_hi = lo + n;
}

static void num_or_range(cx_buf *b, const cx_mention *m, const char *k, size_t kn) {
  if (m->flags & CX_MF_RANGE) {
    LIT(b, "\"min\":");
    cx_buf_json_num(b, m->min);
    LIT(b, ",\"max\":");
    cx_buf_json_num(b, m->max);
  } else {
    put(b, k, kn);
    cx_buf_json_num(b, m->value);
  }
}

#define NUM_OR_RANGE(b, m, k) num_or_range(b, m, k, sizeof k - 1)

static void qualifier(cx_buf *b, const cx_mention *m) {
  LIT(b, ",\"qualifier\":");
  cx_buf_json_cstr(b, cx_qualifier_name(m->qualifier));
  if (m->qual_text) {
    LIT(b, ",\"qualifier_text\":");
    cx_buf_json_cstr(b, m->qual_text);
  }
}

void cx_json_value(cx_buf *b, const cx_mention *m) {
  putch(b, '{');
  switch (m->type) {
    case CX_MONEY:
      NUM_OR_RANGE(b, m, "\"amount\":");
      LIT(b, ",\"currency\":");
      if (m->currency[0]) cx_buf_json_str(b, m->currency, strnlen(m->currency, sizeof m->currency));
      else LIT(b, "null");
      qualifier(b, m);
      if (m->flags & CX_MF_CURRENCY_ASSUMED) LIT(b, ",\"currency_assumed\":true");
      break;
    case CX_COUNT:
      NUM_OR_RANGE(b, m, "\"count\":");
      LIT(b, ",\"unit\":");
      cx_buf_json_cstr(b, m->unit);
      qualifier(b, m);
      break;
    case CX_PERCENT:
      NUM_OR_RANGE(b, m, "\"percent\":");
      qualifier(b, m);
      if (m->flags & CX_MF_POINTS) LIT(b, ",\"points\":true");
      break;
    case CX_DATE: LIT(b, "\"date\":"); cx_buf_json_cstr(b, m->str); break;
    case CX_TIME: LIT(b, "\"time\":"); cx_buf_json_cstr(b, m->str); break;
    case CX_DURATION: LIT(b, "\"duration\":"); cx_buf_json_cstr(b, m->str); break;
    case CX_SET: LIT(b, "\"set\":"); cx_buf_json_cstr(b, m->str); break;
    case CX_DATERANGE:
      LIT(b, "\"start\":");
      cx_buf_json_cstr(b, m->str);
      LIT(b, ",\"end\":");
      cx_buf_json_cstr(b, m->str2);
      break;
    case CX_PERSON: case CX_ORG: case CX_GPE: case CX_LOC: case CX_NORP:
      LIT(b, "\"name\":");
      cx_buf_json_cstr(b, m->str);
      break;
    case CX_CUE:
      LIT(b, "\"source\":");
      cx_buf_json_cstr(b, m->str);
      LIT(b, ",\"cue\":");
      cx_buf_json_cstr(b, m->str2);
      LIT(b, ",\"stance\":");
      put_stance(b, m->stance);
      break;
    default:
      break;
  }
  putch(b, '}');
  end_record(b);
}

/* "doc":<id>, — written once per document, copied afterwards. */
static void put_doc_key(render *r, cx_buf *b) {
  if (r->id_len) {
    put_again(b, r->id_off, r->id_len);
    return;
  }
  size_t off = b->len;
  LIT(b, "\"doc\":");
  cx_buf_json_cstr(b, r->d->id);
  putch(b, ',');
  r->id_off = off, r->id_len = b->len - off;
}

/* A mention in a claim (its start continues the claim's walk) or on its
 * own line (with_doc: its start begins a walk). */
static void mention(render *r, cx_buf *b, const cx_mention *m, bool with_doc) {
  putch(b, '{');
  if (with_doc) put_doc_key(r, b);
  if ((unsigned)m->type < CX_N_MENTION_TYPES) {
    room(b, 7 + sizeof type_lits->s + 8);
    LIT_RAW(b, "\"type\":");
    put_name_raw(b, &type_lits[m->type]);
    LIT_RAW(b, ",\"text\":");
  } else {
    LIT(b, "\"type\":");
    put_type(b, m->type);
    LIT(b, ",\"text\":");
  }
  put_text(r, b, m->start, m->end, false);
  uint32_t start = with_doc ? cp_base(r, m->start) : cp_next(r, m->start);
  uint32_t end = cp_next(r, m->end);
  room(b, 9 + U_MAX + 7 + U_MAX + 9);
  LIT_RAW(b, ",\"start\":");
  put_u_raw(b, start);
  LIT_RAW(b, ",\"end\":");
  put_u_raw(b, end);
  LIT_RAW(b, ",\"value\":");
  cx_json_value(b, m);
  if (m->rule) {
    LIT(b, ",\"rule\":");
    put_rule(r, b, m->rule);
  }
  putch(b, '}');
}

void cx_json_mention(cx_buf *b, cx_doc *d, const cx_mention *m, bool with_doc) {
  render r;
  render_init(&r, d);
  if (!with_doc) cp_base(&r, m->start);
  mention(&r, b, m, with_doc);
  end_record(b);
}

static void meta(render *r, cx_buf *b) {
  if (r->meta_len) {
    put_again(b, r->meta_off, r->meta_len);
    return;
  }
  cx_doc *d = r->d;
  size_t off = b->len;
  LIT(b, "\"doc\":");
  cx_buf_json_cstr(b, d->id);
  LIT(b, ",\"outlet\":");
  cx_buf_json_cstr(b, d->outlet);
  LIT(b, ",\"published\":");
  cx_buf_json_cstr(b, d->published);
  LIT(b, ",\"url\":");
  cx_buf_json_cstr(b, d->url);
  r->meta_off = off, r->meta_len = b->len - off;
}

static void claim(render *r, cx_buf *b, const cx_claim *c) {
  cx_doc *d = r->d;
  LIT(b, "{\"id\":");
  cx_buf_json_str(b, c->id, strnlen(c->id, sizeof c->id));
  putch(b, ',');
  meta(r, b);
  uint32_t start = cp_base(r, c->start), end = cp_next(r, c->end);
  room(b, 12 + U_MAX + 9 + U_MAX + 7 + U_MAX + 8);
  LIT_RAW(b, ",\"sentence\":");
  put_u_raw(b, c->sent);
  LIT_RAW(b, ",\"start\":");
  put_u_raw(b, start);
  LIT_RAW(b, ",\"end\":");
  put_u_raw(b, end);
  LIT_RAW(b, ",\"text\":");
  put_text(r, b, c->start, c->end, true);
  LIT(b, ",\"mentions\":[");
  for (uint32_t i = 0; i < c->n_mentions; i++) {
    if (i) putch(b, ',');
    mention(r, b, &d->mentions[d->claim_mentions[c->first_mention + i]], false);
  }
  LIT(b, "],\"attribution\":[");
  for (uint32_t i = 0; i < c->n_attribution; i++) {
    const cx_attrib *a = &c->attribution[i];
    if (i) putch(b, ',');
    LIT(b, "{\"source\":");
    cx_buf_json_cstr(b, a->source);
    LIT(b, ",\"cue\":");
    cx_buf_json_cstr(b, a->cue);
    LIT(b, ",\"stance\":");
    put_stance(b, a->stance);
    putch(b, '}');
  }
  if ((unsigned)c->stance < sizeof stance_lits / sizeof *stance_lits) {
    room(b, 11 + sizeof stance_lits->s + 11 + U_MAX + 12);
    LIT_RAW(b, "],\"stance\":");
    put_name_raw(b, &stance_lits[c->stance]);
  } else {
    LIT(b, "],\"stance\":");
    put_stance(b, c->stance);
    room(b, 11 + U_MAX + 12);
  }
  LIT_RAW(b, ",\"repeats\":");
  put_u_raw(b, c->repeats);
  LIT_RAW(b, ",\"also_in\":[");
  for (uint32_t i = 0; i < c->n_also_in; i++) {
    if (i) putch(b, ',');
    cx_buf_json_cstr(b, c->also_in[i]);
  }
  LIT(b, "]}");
}

void cx_json_claim(cx_buf *b, cx_doc *d, const cx_claim *c) {
  render r;
  render_init(&r, d);
  claim(&r, b, c);
  end_record(b);
}

static void passage(render *r, cx_buf *b, size_t pi) {
  const cx_para *p = &r->d->paras[pi];
  putch(b, '{');
  put_doc_key(r, b);
  PUT_KV(b, "\"paragraph\":", pi);
  PUT_KV(b, ",\"start\":", cp_base(r, p->start));
  PUT_KV(b, ",\"end\":", cp_next(r, p->end));
  LIT(b, ",\"text\":");
  put_text(r, b, p->start, p->end, false);
  LIT(b, ",\"hash\":\"");
  room(b, 16);
  cx_hex16(b->data + b->len, p->hash);
  b->len += 16;
  LIT(b, "\",\"repeat_of\":");
  if (p->repeat_of >= 0) {
    LIT(b, "{\"doc\":");
    cx_buf_json_cstr(b, r->d->id);
    cx_buf_printf(b, ",\"paragraph\":%d}", p->repeat_of);
  } else if (p->repeat_doc) {
    LIT(b, "{\"doc\":");
    cx_buf_json_cstr(b, p->repeat_doc);
    cx_buf_printf(b, ",\"paragraph\":%d}", p->repeat_doc_para);
  } else {
    LIT(b, "null");
  }
  PUT_KV(b, ",\"repeats\":", p->repeats);
  putch(b, '}');
}

void cx_json_passage(cx_buf *b, cx_doc *d, size_t pi) {
  render r;
  render_init(&r, d);
  passage(&r, b, pi);
  end_record(b);
}

void cx_json_docinfo(cx_buf *b, cx_doc *d) {
  LIT(b, "{\"doc\":");
  cx_buf_json_cstr(b, d->id);
  LIT(b, ",\"title\":");
  cx_buf_json_cstr(b, d->title);
  LIT(b, ",\"outlet\":");
  cx_buf_json_cstr(b, d->outlet);
  LIT(b, ",\"published\":");
  cx_buf_json_cstr(b, d->published);
  LIT(b, ",\"url\":");
  cx_buf_json_cstr(b, d->url);
  LIT(b, ",\"author\":");
  cx_buf_json_cstr(b, d->author);
  LIT(b, ",\"format\":");
  cx_buf_json_cstr(b, d->format);
  LIT(b, ",\"copy_of\":");
  if (d->copy_of) {
    LIT(b, "{\"doc\":");
    cx_buf_json_cstr(b, d->copy_of);
    LIT(b, ",\"share\":");
    cx_buf_json_num(b, (double)(int)(d->copy_share * 1000 + 0.5) / 1000);
    putch(b, '}');
  } else {
    LIT(b, "null");
  }
  LIT(b, ",\"text\":");
  cx_buf_json_str(b, d->text, d->text_len);
  putch(b, '}');
  end_record(b);
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
  render r;
  render_init(&r, d);
  switch (w->kind) {
    case FMT_CLAIMS:
      for (size_t i = 0; i < d->n_claims; i++) {
        claim(&r, b, &d->claims[i]);
        putch(b, '\n');
      }
      break;
    case FMT_MENTIONS:
      for (size_t i = 0; i < d->n_mentions; i++) {
        if (d->mentions[i].type == CX_CUE) continue;
        mention(&r, b, &d->mentions[i], true);
        putch(b, '\n');
      }
      break;
    case FMT_PASSAGES:
      for (size_t i = 0; i < d->n_paras; i++) {
        passage(&r, b, i);
        putch(b, '\n');
      }
      break;
    case FMT_DOCS:
      cx_json_docinfo(b, d);
      putch(b, '\n');
      break;
  }
  if (b->data) end_record(b);
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
