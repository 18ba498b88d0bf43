/* claimx public API.
 *
 * Ownership rule: a cx_doc owns its bytes and everything derived from it
 * (normalized text, offset maps, paragraphs, sentences, mentions, claims);
 * all of it lives in the document's arena and is reset when the document is
 * reset. Stages borrow the document and append into memory it owns.
 * A cx_resources object (compiled patterns, lexicons) is built once, is
 * immutable afterwards and may be shared by worker threads; each worker owns
 * a cx_worker (PCRE2 match data and scratch).
 */
#ifndef CX_H
#define CX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define CX_VERSION "0.1.0"

/* ---------------------------------------------------------------- status */

/* Pinned values: they reach the database's run table. */
#define CX_STATUS_LIST(X)                                   \
  X(CX_OK, 0, "ok")                                         \
  X(CX_ERR_USAGE, 1, "usage error")                         \
  X(CX_ERR_IO, 2, "cannot read input")                      \
  X(CX_ERR_UTF8, 3, "invalid UTF-8")                        \
  X(CX_ERR_PARSE, 4, "malformed input")                     \
  X(CX_ERR_TOO_LARGE, 5, "document too large")              \
  X(CX_ERR_TRUNCATED, 6, "truncated input")                 \
  X(CX_ERR_PATTERN, 7, "pattern compilation failed")        \
  X(CX_ERR_DATA, 8, "bad lexicon data")                     \
  X(CX_ERR_STORE, 9, "store error")                         \
  X(CX_ERR_EMPTY, 10, "no text")                            \
  X(CX_ERR_UNSUPPORTED, 11, "unsupported format")                 \
  X(CX_ERR_REFUSED, 12, "document refused by the store")

typedef enum {
#define X(name, val, msg) name = val,
  CX_STATUS_LIST(X)
#undef X
} cx_status;

const char *cx_status_message(cx_status st);

/* First error wins: later failures do not overwrite the first diagnostic. */
typedef struct cx_diag {
  cx_status status;
  char doc[256];    /* document the error is about ("" when none) */
  long offset;      /* byte offset / line number, -1 when unknown */
  char text[512];   /* human-readable detail */
} cx_diag;

void cx_diag_clear(cx_diag *d);
/* Records an error unless one is already recorded; returns st. */
cx_status cx_diag_set(cx_diag *d, cx_status st, const char *doc, long offset,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* ---------------------------------------------------------------- memory */

/* Out of memory aborts: a batch tool has no sensible recovery. */
void *cx_xmalloc(size_t n);
void *cx_xcalloc(size_t n, size_t size);
void *cx_xrealloc(void *p, size_t n);
char *cx_xstrdup(const char *s);

typedef struct cx_arena cx_arena;
cx_arena *cx_arena_new(void);
void cx_arena_free(cx_arena *a);
/* Keeps the first block, drops the rest: memory stays flat across documents. */
void cx_arena_reset(cx_arena *a);
void *cx_arena_alloc(cx_arena *a, size_t n);          /* 16-byte aligned */
void *cx_arena_calloc(cx_arena *a, size_t n);
char *cx_arena_strndup(cx_arena *a, const char *s, size_t n);
char *cx_arena_strdup(cx_arena *a, const char *s);
char *cx_arena_printf(cx_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
size_t cx_arena_used(const cx_arena *a);

/* Growable byte buffer (heap-owned; caller frees with cx_buf_free). */
typedef struct cx_buf {
  char *data;
  size_t len, cap;
} cx_buf;
void cx_buf_init(cx_buf *b);
void cx_buf_free(cx_buf *b);
void cx_buf_reserve(cx_buf *b, size_t extra);
/* Appends keep data NUL-terminated. Inline: the writers call them per
 * field, and a call per byte was a tenth of the JSON writer's time. */
static inline void cx_buf_put(cx_buf *b, const void *p, size_t n) {
  if (b->len + n + 1 > b->cap) cx_buf_reserve(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}
static inline void cx_buf_puts(cx_buf *b, const char *s) {
  cx_buf_put(b, s, strlen(s));
}
static inline void cx_buf_putc(cx_buf *b, char c) {
  if (b->len + 2 > b->cap) cx_buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = '\0';
}
void cx_buf_printf(cx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* JSON string literal with quotes; NULL prints null. */
void cx_buf_json_str(cx_buf *b, const char *s, size_t n);
void cx_buf_json_cstr(cx_buf *b, const char *s);
/* Shortest round-tripping number, integers without a fraction. */
void cx_buf_json_num(cx_buf *b, double v);
/* h as 16 lower-case hex digits (no NUL), as "%016llx" prints it. */
void cx_hex16(char out[16], uint64_t h);

/* ---------------------------------------------------------------- mentions */

/* One list shared by code and database (kinds of mention). Internal kinds
 * (cue) are not printed as mentions. */
#define CX_MENTION_TYPES(X) \
  X(CX_MONEY, "money")      \
  X(CX_COUNT, "count")      \
  X(CX_PERCENT, "percent")  \
  X(CX_DATE, "date")        \
  X(CX_TIME, "time")        \
  X(CX_DATERANGE, "daterange") \
  X(CX_DURATION, "duration") \
  X(CX_SET, "set")          \
  X(CX_PERSON, "person")    \
  X(CX_ORG, "org")          \
  X(CX_GPE, "gpe")          \
  X(CX_LOC, "loc")          \
  X(CX_NORP, "norp")        \
  X(CX_CUE, "cue")

typedef enum {
#define X(e, s) e,
  CX_MENTION_TYPES(X)
#undef X
  CX_N_MENTION_TYPES
} cx_mention_type;

const char *cx_mention_type_name(cx_mention_type t);
int cx_mention_type_from_name(const char *s); /* -1 when unknown */

#define CX_QUALIFIERS(X)      \
  X(CX_Q_NONE, NULL)          \
  X(CX_Q_AT_LEAST, "at_least") \
  X(CX_Q_OVER, "over")        \
  X(CX_Q_ABOUT, "about")      \
  X(CX_Q_UP_TO, "up_to")      \
  X(CX_Q_UNDER, "under")

typedef enum {
#define X(e, s) e,
  CX_QUALIFIERS(X)
#undef X
} cx_qualifier;
const char *cx_qualifier_name(cx_qualifier q); /* NULL for none */

#define CX_STANCES(X)        \
  X(CX_ST_ASSERTS, "asserts") \
  X(CX_ST_REPORTS, "reports") \
  X(CX_ST_CLAIMS, "claims")   \
  X(CX_ST_DENIES, "denies")   \
  X(CX_ST_QUOTES, "quotes")   \
  X(CX_ST_HEDGED, "hedged")

typedef enum {
#define X(e, s) e,
  CX_STANCES(X)
#undef X
} cx_stance;
const char *cx_stance_name(cx_stance s);

/* Mention flags. */
enum {
  CX_MF_RANGE = 1u << 0,            /* min/max instead of value */
  CX_MF_CURRENCY_ASSUMED = 1u << 1, /* currency from default/context */
  CX_MF_POINTS = 1u << 2,           /* percentage points */
  CX_MF_ENDPOINT = 1u << 3,         /* date written as a range endpoint */
  CX_MF_DOC_CREDIT = 1u << 4,       /* cue: credit line for the whole doc */
  CX_MF_SUPPRESSED = 1u << 5,       /* dropped by a later stage */
};

/* A mention is a span of the normalized text with a normalized value.
 * start/end are byte offsets into doc->norm; writers map them back to code
 * point offsets into the text as read. Strings live in the doc arena or are
 * static. */
typedef struct cx_mention {
  cx_mention_type type;
  uint32_t start, end;
  uint32_t flags;
  cx_qualifier qualifier;
  double value;       /* money amount, count, percent */
  double min, max;    /* when CX_MF_RANGE */
  char currency[4];   /* ISO 4217, "" when unknown */
  const char *unit;   /* count unit lemma */
  const char *str;    /* date/time/duration/set value, range start, entity
                         canonical name, cue: source canonical name */
  const char *str2;   /* range end; cue: cue lemma */
  const char *qual_text; /* the qualifier's own words */
  const char *rule;   /* which rule fired (static string) */
  /* cue only: the source's span (norm bytes), stance */
  uint32_t src_start, src_end;
  cx_stance stance;
} cx_mention;

/* ---------------------------------------------------------------- document */

typedef struct cx_para {
  uint32_t start, end;   /* norm byte offsets */
  uint64_t hash;         /* of the folded paragraph text */
  int32_t repeat_of;     /* index of first occurrence in this doc, -1 */
  const char *repeat_doc; /* other doc holding the first occurrence, or NULL */
  int32_t repeat_doc_para;
  uint32_t repeats;      /* occurrences in this doc (on first occurrence) */
  uint32_t first_sent, n_sents;
  uint64_t simhash;      /* near-copy signature (0 when too short) */
  uint32_t n_words;
  int32_t cluster;       /* cross-document passage cluster, -1 when none */
  /* 1: the batch's earliest appearance of this exact text (it owns the
   * passage record), -1: a later one, 0: unknown (no cross-document pass) */
  int8_t hash_first;
} cx_para;

typedef struct cx_sent {
  uint32_t start, end;   /* norm byte offsets */
  uint32_t para;
} cx_sent;

typedef struct cx_attrib {
  const char *source;
  const char *cue;
  cx_stance stance;
} cx_attrib;

typedef struct cx_claim {
  char id[17];
  uint32_t sent;         /* index into doc->sents */
  uint32_t start, end;   /* norm byte offsets */
  uint32_t first_mention, n_mentions; /* into doc->claim_mentions */
  cx_attrib *attribution;
  uint32_t n_attribution;
  cx_stance stance;
  uint32_t repeats;
  const char **also_in;
  uint32_t n_also_in;
} cx_claim;

typedef struct cx_doc {
  cx_arena *arena;
  /* identity and metadata (arena or static strings; NULL when unknown) */
  const char *id;
  const char *path;
  long item;             /* N for path#N, 0 for a whole file */
  const char *title, *outlet, *published, *url, *format, *author;
  /* text as read (UTF-8), offsets count into it */
  const char *text;
  size_t text_len;
  /* normalized text and map back: norm byte i came from text byte
   * norm_to_orig[i]; norm_to_orig[norm_len] == text_len. NULL when norm
   * is a copy of the text (plain ASCII): offsets are then the same. */
  char *norm;
  size_t norm_len;
  uint32_t *norm_to_orig;
  /* reference date for relative expressions; ref_year == 0 when none */
  int ref_year, ref_month, ref_day;

  cx_para *paras;
  size_t n_paras;
  cx_sent *sents;
  size_t n_sents;

  cx_mention *mentions; /* heap vector, capacity kept across resets */
  size_t n_mentions, cap_mentions;

  cx_claim *claims;
  size_t n_claims;
  uint32_t *claim_mentions; /* mention indices, grouped per claim */
  size_t n_claim_mentions;

  /* lazily built: code points before each 64-byte block of text (NULL
   * with cp_ascii set when the text is ASCII: offsets are bytes) */
  uint32_t *cp_index;

  /* position in the batch (input order, from 0) */
  size_t seq;
  /* cross-document de-duplication: the document this one copies (most of
   * its passages), or NULL; share = fraction of its words in copied
   * passages */
  const char *copy_of;
  double copy_share;
  /* document MinHash sketch (one-permutation, CX_SKETCH bins of word
   * 3-gram hashes), filled by the scan pass; NULL otherwise */
  uint32_t *sketch;
  bool cp_ascii, cp_built;
  /* figures in norm, found once and shared by the money, percent and count
   * extractors (normalizers/number.h: cx_doc_number_next) */
  struct cx_doc_num *nums;
  size_t n_nums;
  bool nums_built;
  /* month (1..12) the fiscal year starts in (--fiscal-start); 0 or 1:
   * fiscal years are calendar years */
  int fiscal_start;
} cx_doc;

#define CX_SKETCH 32

cx_doc *cx_doc_new(void);
void cx_doc_free(cx_doc *d);
void cx_doc_reset(cx_doc *d);
cx_mention *cx_doc_add_mention(cx_doc *d, cx_mention_type t, uint32_t start,
                               uint32_t end);
/* Code point offset into doc->text of a norm byte offset. */
uint32_t cx_doc_cp_offset(cx_doc *d, uint32_t norm_off);
/* The same from a forward walk: w holds the code points before text byte
 * w->orig (start from {0, 0}). Offsets asked in increasing order cost one
 * pass over the text in all; a step back restarts from base when base is
 * not past the target (base may be NULL), else from the start. */
typedef struct cx_cp_walk {
  size_t orig;
  uint32_t cp;
} cx_cp_walk;
uint32_t cx_doc_cp_walk(const cx_doc *d, cx_cp_walk *w, const cx_cp_walk *base,
                        uint32_t norm_off);
/* Sets ref date from "YYYY-MM-DD..." text; returns 0 on success. */
int cx_doc_set_ref_date(cx_doc *d, const char *iso);

/* ---------------------------------------------------------------- resources */

typedef struct cx_resources cx_resources;
typedef struct cx_worker cx_worker;

cx_resources *cx_resources_new(cx_diag *diag);
void cx_resources_free(cx_resources *r);
cx_worker *cx_worker_new(const cx_resources *r);
void cx_worker_free(cx_worker *w);

/* ---------------------------------------------------------------- stages */

/* Runs normalize → segment → dedup → extract → assemble on a document whose
 * reader has filled identity, metadata and text. */
cx_status cx_process(cx_worker *w, cx_doc *d, cx_diag *diag);
/* The text stages only (normalize, paragraphs, sentences, passage hashes
 * and in-document repeats): for outputs without mentions or claims. */
cx_status cx_process_text(cx_worker *w, cx_doc *d, cx_diag *diag);
/* The first stages only (normalize, paragraphs, passage hashes and
 * signatures): what the cross-document de-duplication pass needs. */
cx_status cx_prepare(cx_worker *w, cx_doc *d, cx_diag *diag);

/* ---------------------------------------------------------------- options */

typedef struct cx_options {
  const char *ref_date;   /* YYYY-MM-DD or NULL */
  size_t max_doc_bytes;   /* documents above this are errors */
} cx_options;

#endif
