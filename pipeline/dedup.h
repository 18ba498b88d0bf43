/* De-duplication of repeated passages.
 *
 * A paragraph's identity is a 64-bit XXH3 hash of its folded text (ASCII
 * lower case, letters and digits only, white space collapsed), so that
 * "China's DJI" and "China’s  DJI" are the same passage. Within a document
 * a paragraph whose hash occurred before is a repeat: it points at its first
 * occurrence (repeat_of) and the first occurrence counts the repeats.
 */
#ifndef CX_DEDUP_H
#define CX_DEDUP_H

#include "cx.h"

/* Hash of the folded form of text[0..n). Empty folded text hashes to 0. */
uint64_t cx_passage_hash(const char *text, size_t n);
/* The same, counting words on the way (n_words may be NULL). */
uint64_t cx_passage_hash_words(const char *text, size_t n, uint32_t *n_words);

/* Marks repeats among d->paras (within the document) and computes each
 * paragraph's hash, word count and, with signatures, its SimHash. */
void cx_dedup_doc(cx_doc *d, bool signatures);

/* 64-bit SimHash of word 3-grams (0 when fewer than three words). When
 * sketch is not NULL (CX_SKETCH bins, initialised to UINT32_MAX) the same
 * shingles also feed a one-permutation MinHash of the document. */
uint64_t cx_passage_simhash(const char *text, size_t n, uint32_t *n_words,
                            uint32_t *sketch);

static inline bool cx_dedup_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c >= 0x80;
}

#endif
