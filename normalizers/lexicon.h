/* Lexicons: plain text data files compiled into the binary (see
 * tools/embed.c), parsed once into read-only hash maps.
 *
 * File format: one entry per line, `key<TAB>value` (value optional),
 * `#` starts a comment line, blank lines ignored. Keys are matched
 * case-insensitively (ASCII) unless the lexicon is loaded case-sensitive.
 *   "Nikkei Asia\torg"  → get("nikkei asia") == "org"
 */
#ifndef CX_LEXICON_H
#define CX_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#include "../pipeline/cx.h"

typedef struct cx_lexicon cx_lexicon;

/* Embedded data file by base name ("currencies.tsv"); NULL if absent. */
const char *cx_data_get(const char *name, size_t *len);

/* Loads the named embedded data file. */
cx_lexicon *cx_lexicon_load(const char *name, bool case_sensitive,
                            cx_diag *diag);
/* Parses text (not copied: entries point into a private copy). */
cx_lexicon *cx_lexicon_parse(const char *name, const char *text, size_t len,
                             bool case_sensitive, cx_diag *diag);
void cx_lexicon_free(cx_lexicon *lx);

/* Value for key[0..n) ("" for a key without value), NULL when absent. */
const char *cx_lexicon_get(const cx_lexicon *lx, const char *key, size_t n);
bool cx_lexicon_has(const cx_lexicon *lx, const char *key, size_t n);
/* Index (file order) of the entry for key[0..n), -1 when absent: lets a
 * caller keep per-entry data parsed once. */
long cx_lexicon_find(const cx_lexicon *lx, const char *key, size_t n);
/* Cheap pre-filters for callers that build keys from several words: false
 * means no key of that byte length / no key whose first word (text up to the
 * first space) is word[0..n) exists, so the look-up can be skipped. */
bool cx_lexicon_may_have_len(const cx_lexicon *lx, size_t n);
bool cx_lexicon_has_first_word(const cx_lexicon *lx, const char *word,
                               size_t n);
size_t cx_lexicon_size(const cx_lexicon *lx);
/* Largest number of space-separated words in any key. */
int cx_lexicon_max_words(const cx_lexicon *lx);
/* Iteration over entries in file order: index 0..size-1. */
const char *cx_lexicon_key(const cx_lexicon *lx, size_t i);
const char *cx_lexicon_value(const cx_lexicon *lx, size_t i);

#endif
