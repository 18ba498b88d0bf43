/* Word tokens for the temporal grammar (private to extractors/date*.c).
 *
 * The date extractor works on tokens rather than one giant regex: a
 * document is split once into words, numbers and punctuation, each word is
 * classified against the calendar lexicons (months, weekdays, units ...),
 * and the grammar in date.c walks the token array. Tokens live in the doc
 * arena: one allocation per document.
 */
#ifndef CX_DATE_TOK_H
#define CX_DATE_TOK_H

#include <stdint.h>

#include "../normalizers/lexicon.h"
#include "extractor.h"

enum { DT_WORD = 1, DT_NUM, DT_PUNCT };

/* word classes (bit set) */
enum {
  DC_MONTH = 1u << 0,
  DC_WDAY = 1u << 1,
  DC_SEASON = 1u << 2,
  DC_UNIT = 1u << 3,
  DC_NUMW = 1u << 4,
  DC_ORD = 1u << 5,
  DC_REL = 1u << 6,
  DC_DAYPART = 1u << 7,
  DC_SETW = 1u << 8,
  DC_FUTURE = 1u << 9,
  DC_OPENER = 1u << 10,
  DC_HOLIDAY = 1u << 11, /* first word of a holiday name */
  DC_PREFIX = 1u << 12,  /* leads into an expression, never heads one */
  DC_HEAD = 1u << 13,    /* heads an expression, no other class says so */
  DC_LINK = 1u << 14,    /* links a lead-in to its head: "than", "of" */
};

typedef struct dtok {
  uint32_t s, e;     /* norm byte span */
  uint8_t kind;
  uint8_t cap;       /* word starts with an upper-case letter */
  uint8_t ndig;      /* number: digit count */
  uint8_t ordinal;   /* number followed by st/nd/rd/th (absorbed) */
  uint8_t plural;    /* unit word in the plural; number followed by "s" */
  char unit;         /* unit code (date_units.tsv) */
  uint16_t cls;      /* DC_* bits */
  int num;           /* number value, month, weekday, ordinal, number word (-1 = X) */
  int ordv;          /* ordinal value when DC_ORD */
  const char *code;  /* season, relative, daypart, set code */
  uint64_t w8;       /* word: its first 8 bytes ASCII-lowercased, 0-padded */
} dtok;

typedef struct date_lex {
  cx_lexicon *months, *wdays, *seasons, *units, *numbers, *ordinals,
      *relative, *dayparts, *sets, *future, *openers, *holidays, *scan,
      *context;
  cx_lexicon *holiday_first; /* first words of the holiday names */
  /* one lookup per word: key → index into words, each word's token as
   * the lexicons class it (s, e, cap and w8 left 0: the tokenizer copies
   * the rest) */
  cx_lexicon *all;
  dtok *words;
  size_t n_words;
  size_t max_len;
  /* keys of at most 8 bytes by their packed bytes (dtok.w8): open
   * addressing, a slot holds the packed key (0: empty; no word packs to
   * 0) and its token in words */
  struct date_slot {
    uint64_t key;
    const dtok *tok;
  } *short_tab;
  size_t short_mask;
  /* per (first letter, second letter): bit n set when a longer key of
   * length n (capped at 31) starts so; most are rejected before hashing */
  uint32_t pair_len[27][27];
} date_lex;

cx_status cx_date_lex_load(date_lex *lx, cx_diag *diag);
void cx_date_lex_free(date_lex *lx);
/* A word with these classes may start an expression (date.c checks the
 * rest): any class but those that only cue the future or a part of the
 * day, head or link. */
static inline bool cx_date_may_start_cls(unsigned cls) {
  return (cls & ~(unsigned)(DC_HEAD | DC_LINK | DC_FUTURE | DC_DAYPART)) != 0;
}

/* Tokenizes doc->norm into an arena array; *n receives the count. The
 * indices of the tokens an expression may start at (numbers, words whose
 * classes pass cx_date_may_start_cls), ascending, go to an arena array
 * *starts of *n_starts: the grammar visits only those. */
dtok *cx_date_tokenize(const date_lex *lx, cx_doc *doc, size_t *n, uint32_t **starts,
                       size_t *n_starts);

#endif
