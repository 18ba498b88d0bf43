/* Contract between the pipeline and the extractors.
 *
 * An extractor is a const table of functions registered in registry.c. It
 * compiles its patterns and loads its lexicons once (init), keeping them in
 * an immutable state shared by all workers, and appends mentions to a
 * document (run). Extractors run in registry order; a later one may look at
 * what earlier ones found (counts skip numbers inside money and dates).
 */
#ifndef CX_EXTRACTOR_H
#define CX_EXTRACTOR_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>

#include "../pipeline/cx.h"

typedef struct cx_extractor {
  const char *name;
  cx_status (*init)(void **state, cx_diag *diag);
  void (*free)(void *state);
  void (*run)(const void *state, cx_worker *w, cx_doc *doc);
} cx_extractor;

extern const cx_extractor *const cx_extractors[];
extern const size_t cx_n_extractors;

/* Per-worker scratch shared by all extractors. */
pcre2_match_data *cx_worker_match_data(cx_worker *w);

/* Compiles a pattern with PCRE2_UTF plus `flags`, JIT-compiles it and sets
 * match limits. NULL with diag set on failure. */
pcre2_code *cx_re_compile(const char *pattern, uint32_t flags, cx_diag *diag);
void cx_re_free(pcre2_code *re);
/* Matches at or after `from` in subject[0..len). Returns the number of
 * captured pairs (> 0) or 0 for no match; ovector via
 * pcre2_get_ovector_pointer(cx_worker_match_data(w)). */
int cx_re_next(const pcre2_code *re, cx_worker *w, const char *subject,
               size_t len, size_t from);
/* Anchored match exactly at `at`. */
int cx_re_at(const pcre2_code *re, cx_worker *w, const char *subject,
             size_t len, size_t at);

/* True when [start,end) overlaps a mention whose type bit is in type_mask
 * (bit = 1u << cx_mention_type). */
bool cx_doc_overlaps(const cx_doc *d, uint32_t start, uint32_t end,
                     uint32_t type_mask);
#define CX_BIT(t) (1u << (t))

/* ASCII helpers over normalized text. */
static inline bool cx_is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

#endif
