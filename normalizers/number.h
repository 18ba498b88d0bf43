/* Numbers: surface figures → values.
 *
 * Transformations (before → after):
 *   "1,200"                  → 1200         (thousands separators)
 *   "12,34,567.89"           → 1234567.89   (Indian grouping)
 *   "1.2", "0.5", "-3"       → 1.2, 0.5, -3
 *   "thirty-seven"           → 37
 *   "two hundred and five"   → 205
 *   "a dozen", "two dozen"   → 12, 24
 *   "half a million"         → 500000
 *   "a quarter million"      → 250000
 *   "three quarters billion" → 750000000
 *   "1.2 million", "3 thousand", "4 lakh", "2 crore" → 1200000, 3000, 400000, 20000000
 *   "1.2bn", "4.5m", "30k", "2.1 bn", "3 tn", "5 trn" → 1.2e9, 4.5e6, 30000, 2.1e9, 3e12, 5e12
 * Glued one-letter abbreviations (k, m, b) count only when glued to the
 * digits: "5 m" stays 5 (metres, most likely).
 * Word tables: normalizers/data/number_words.tsv, scales.tsv.
 */
#ifndef CX_NUMBER_H
#define CX_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <strings.h>

#include "../pipeline/cx.h"

typedef struct cx_numbers cx_numbers;

cx_numbers *cx_numbers_new(cx_diag *diag);
void cx_numbers_free(cx_numbers *nx);

enum {
  CX_NUM_DIGITS = 1u << 0,      /* written with digits */
  CX_NUM_WORDS = 1u << 1,       /* written (partly) in words */
  CX_NUM_SCALE = 1u << 2,       /* a scale word or abbreviation applied */
  CX_NUM_DECIMAL = 1u << 3,     /* has a decimal part */
  CX_NUM_GROUPED = 1u << 4,     /* thousands separators */
  CX_NUM_SIGNED = 1u << 5,      /* explicit sign */
  CX_NUM_ALPHA_AFTER = 1u << 6, /* letters glued after the digits ("37th") */
  CX_NUM_ALPHA_BEFORE = 1u << 7,/* letters glued before ("A320", "USD115") */
};

typedef struct cx_num {
  size_t start, end;   /* byte span of the figure, scale included */
  double value;
  double scale;        /* multiplier applied (1 when none) */
  unsigned flags;
  int int_digits;      /* digits before the decimal point (digit figures) */
} cx_num;

/* A figure of a document and the position where the scan found it (its
 * first digit when a sign starts the figure). */
struct cx_doc_num {
  size_t at;
  cx_num num;
};

/* Parses a figure starting exactly at s[at]; false when none starts there. */
bool cx_number_parse(const cx_numbers *nx, const char *s, size_t len,
                     size_t at, cx_num *out);
/* Finds the next figure starting at or after `from`. */
bool cx_number_next(const cx_numbers *nx, const char *s, size_t len,
                    size_t from, cx_num *out);
/* Scale word at s[at] (after optional spaces when !glued): multiplier, or 0
 * when none; *end set past it. */
double cx_number_scale_at(const cx_numbers *nx, const char *s, size_t len,
                          size_t at, bool glued, size_t *end);
/* Value of a number word ("seven" → 7) or -1; kind gets the table's kind
 * letter. */
double cx_number_word(const cx_numbers *nx, const char *w, size_t n,
                      char *kind);
/* Qualifier written just before s[at] ("at least", "over", "some"):
 * CX_Q_NONE when none; *qstart and *qtext (static table string) set.
 * Table: normalizers/data/qualifiers.tsv. */
cx_qualifier cx_number_qualifier_before(const cx_numbers *nx, const char *s,
                                        size_t at, size_t *qstart);
/* True when the word just before s[at] (one space between) is `word`
 * (ASCII letters, any case). Inline: `word` is a literal, its length folds,
 * and the scan back stops one letter past it. */
static inline bool cx_word_before_is(const char *s, size_t at, const char *word,
                                     size_t *wstart) {
  size_t q = at;
  if (q > 0 && s[q - 1] == ' ') q--;
  size_t n = __builtin_strlen(word), b = q;
  while (b > 0 && q - b <= n &&
         (unsigned char)(((unsigned char)s[b - 1] | 0x20) - 'a') < 26)
    b--;
  if (q - b != n || strncasecmp(s + b, word, n) != 0) return false;
  if (wstart) *wstart = b;
  return true;
}

/* cx_number_next over doc->norm from `from`, answered from a list of the
 * document's figures built on first use (one scan shared by every
 * extractor that walks figures). Same result as cx_number_next. */
bool cx_doc_number_next(const cx_numbers *nx, cx_doc *doc, size_t from,
                        cx_num *out);

/* cx_doc_number_next for a walk over the figures: *cursor (0 to start, the
 * caller's) keeps where the last answer was, so a walk whose `from` only
 * moves forward costs no search. Same answers. */
bool cx_doc_number_walk(const cx_numbers *nx, cx_doc *doc, size_t from, size_t *cursor,
                        cx_num *out);

/* Whole-string convenience for tests: true when s is exactly one figure. */
bool cx_number_parse_str(const cx_numbers *nx, const char *s, double *value);

#endif
