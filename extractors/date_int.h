/* Private contract of the date extractor's files (extractors/date*.c):
 * the parse context, the parsed-expression record and the grammar rules.
 *
 *   date_tok.c       words → tokens with calendar classes
 *   date_util.c      value rendering, counts, future cues, year tests
 *   date_absolute.c  written dates: months, days, years, quarters, holidays, times
 *   date_relative.c  relative dates, durations, sets, seasons
 *   date_parse.c     one expression with its modifiers and TimeML extent
 *   date.c           the stage: ranges, mentions
 *
 * A rule takes the token index where an expression may start, fills a tx and
 * returns the number of tokens it consumed (0 when it does not apply).
 */
#ifndef CX_DATE_INT_H
#define CX_DATE_INT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/calendar.h"
#include "date_tok.h"

typedef struct date_state {
  date_lex lx;
} date_state;

typedef struct ctx {
  cx_doc *doc;
  const date_lex *lx;
  const dtok *t;
  size_t n;
  cx_ymd ref;
  bool has_ref;
  /* the last quarter written in full: anaphora ("the quarter") refer to it */
  int last_qy, last_q;
  int fiscal_start; /* 1..12 */
  /* the last date mentioned (anaphora: "that year", "the following day");
   * ante_g: its granularity, 'Y', 'M' or 'D' (0: none yet) */
  cx_ymd ante;
  char ante_g;
} ctx;

/* A parsed expression: tokens [b, e). */
typedef struct tx {
  cx_mention_type type;
  size_t b, e;
  char val[48];
  int month;          /* month written without a year (range inheritance) */
  int day;
  bool year_explicit;
  bool dateish;       /* may be a range endpoint */
  bool the_ok;        /* a "the" before it belongs to the extent */
  bool ago;           /* counted back from the reference date */
  int fy;             /* a fiscal year written or meant: its name (FY2024: 2024) */
  char fkind;         /* with fy: 'Q' or 'H' for a part of it, else 0 */
  int fnum;
} tx;

/* ---------------------------------------------------------------- tokens */

/* A literal's first 8 bytes lowercased as the tokenizer packs dtok.w8;
 * folds to a constant when w is a literal. */
static inline __attribute__((always_inline)) uint64_t date_lit8_at(const char *w,
                                                                   size_t n, size_t k) {
  if (k >= n) return 0;
  unsigned char ch = (unsigned char)w[k];
  if (ch >= 'A' && ch <= 'Z') ch |= 0x20;
  return (uint64_t)ch << (8 * k);
}

/* No loop: GCC left the loop this replaced to run at some call sites. */
static inline __attribute__((always_inline)) uint64_t date_lit8(const char *w,
                                                                size_t n) {
  return date_lit8_at(w, n, 0) | date_lit8_at(w, n, 1) | date_lit8_at(w, n, 2) |
         date_lit8_at(w, n, 3) | date_lit8_at(w, n, 4) | date_lit8_at(w, n, 5) |
         date_lit8_at(w, n, 6) | date_lit8_at(w, n, 7);
}

/* Hot: inlined so that the literal's length and packed bytes fold; most
 * tests end at the length or the one 64-bit compare. */
static inline __attribute__((always_inline)) bool is_w(const ctx *c, size_t i,
                                                       const char *w) {
  if (i >= c->n || c->t[i].kind != DT_WORD) return false;
  size_t wl = __builtin_strlen(w);
  if (c->t[i].e - c->t[i].s != wl || c->t[i].w8 != date_lit8(w, wl)) return false;
  return wl <= 8 || strncasecmp(c->doc->norm + c->t[i].s + 8, w + 8, wl - 8) == 0;
}

static inline bool is_p(const ctx *c, size_t i, char ch) {
  return i < c->n && c->t[i].kind == DT_PUNCT && c->doc->norm[c->t[i].s] == ch;
}

static inline bool is_num(const ctx *c, size_t i) {
  return i < c->n && c->t[i].kind == DT_NUM;
}

static inline bool has(const ctx *c, size_t i, unsigned cls) {
  return i < c->n && (c->t[i].cls & cls);
}

/* token i touches token i-1 (no space between) */
static inline bool adj(const ctx *c, size_t i) {
  return i > 0 && i < c->n && c->t[i].s == c->t[i - 1].e;
}

static inline bool is_plain_num(const ctx *c, size_t i) {
  return is_num(c, i) && !c->t[i].ordinal && !c->t[i].plural;
}

/* ---------------------------------------------------------------- shared */

bool date_year_tok(const ctx *c, size_t i);
int date_strip_abbrev_dot(const ctx *c, size_t i);
bool date_sentence_future(ctx *c, size_t ti);
void date_set_val(tx *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void date_val_day(tx *r, cx_ymd t);
void date_val_week(tx *r, cx_ymd t);
size_t date_parse_count(const ctx *c, size_t i, int *v);
const char *date_unit_value(char u, int n, char *buf, size_t cap);
void date_shifted_value(ctx *c, tx *r, char u, int n);
int date_quarter_anchor(ctx *c, int *qy);
bool date_context_word(const ctx *c, size_t k, char f);
bool date_year_context(const ctx *c, size_t i);
size_t date_rule_time(ctx *c, size_t i, tx *r);
size_t date_rule_month(ctx *c, size_t i, tx *r, bool with_ctx);
size_t date_rule_day_month(ctx *c, size_t i, tx *r);
size_t date_rule_numeric(ctx *c, size_t i, tx *r);
size_t date_rule_weekday(ctx *c, size_t i, tx *r);
size_t date_rule_year(ctx *c, size_t i, tx *r);
size_t date_parse_qh(ctx *c, size_t i, char *kind, int *num);
size_t date_rule_quarter(ctx *c, size_t i, tx *r);
size_t date_rule_fiscal(ctx *c, size_t i, tx *r);
size_t date_rule_spoken_year(ctx *c, size_t i, tx *r);
size_t date_rule_century(ctx *c, size_t i, tx *r);
size_t date_rule_holiday(ctx *c, size_t i, tx *r, int dir);
size_t date_rule_relative(ctx *c, size_t i, tx *r);
size_t date_rule_deictic(ctx *c, size_t i, tx *r);
size_t date_rule_duration(ctx *c, size_t i, tx *r);
size_t date_rule_bare_units(ctx *c, size_t i, tx *r);
size_t date_rule_season(ctx *c, size_t i, tx *r, bool after_the);
size_t date_rule_set(ctx *c, size_t i, tx *r);
size_t date_rule_year_words(ctx *c, size_t i, tx *r);
size_t date_rule_anaphora(ctx *c, size_t i, tx *r, bool after_the);
void date_note_antecedent(ctx *c, const tx *r);
size_t date_parse_timex(ctx *c, size_t i, tx *r);

#endif
