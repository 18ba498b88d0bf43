/* Cross-document de-duplication index: clusters of passages (exact copies
 * by hash, near copies by SimHash within Hamming distance 3) with every
 * appearance kept, and document-level syndication links.
 *
 * Built in a first pass over the batch (documents added in input order, so
 * the result does not depend on thread count), finished, then consulted
 * read-only by the workers of the second pass. The first appearance of a
 * passage is the earliest published one (undated documents count as later
 * than dated ones; ties go to input order).
 *
 * Memory: per distinct passage one cluster record (32 bytes) plus its
 * exact-hash slot (~8 bytes at load <= 0.5) and, for passages of 8+ words,
 * four SimHash band entries (4 x 16 bytes); per appearance 12 bytes; per
 * document its id and 24 bytes. cx_dedup_index_bytes() reports the total.
 */
#ifndef CX_DEDUP_INDEX_H
#define CX_DEDUP_INDEX_H

#include "cx.h"

typedef struct cx_dedup_index cx_dedup_index;

cx_dedup_index *cx_dedup_index_new(void);
void cx_dedup_index_free(cx_dedup_index *x);

/* Pass 1: a prepared document (normalized, segmented, cx_dedup_doc run),
 * with d->seq its position in the batch. */
void cx_dedup_index_add(cx_dedup_index *x, const cx_doc *d);
/* Incremental runs, after pass 1 and before finish: a passage already in
 * a store, first shown in document doc_id (published: ISO date or NULL) at
 * paragraph para. Only passages this batch shows are kept, and none whose
 * document is in the batch (a rerun, or another shard writing the same
 * batch at the same time), so every shard seeds alike. Stored documents
 * count as earlier than batch documents published the same day. Calls with
 * one doc_id must be consecutive. */
void cx_dedup_index_seed(cx_dedup_index *x, const char *doc_id,
                         const char *published, uint64_t hash, uint32_t para);
/* Between passes: orders appearances, picks first appearances, links
 * syndicated documents. */
void cx_dedup_index_finish(cx_dedup_index *x);
/* Pass 2: sets paragraph repeat_of/repeat_doc, claim also_in and the
 * document's copy_of. Thread-safe (read-only index). */
void cx_dedup_index_annotate(const cx_dedup_index *x, cx_doc *d);

size_t cx_dedup_index_bytes(const cx_dedup_index *x);
size_t cx_dedup_index_clusters(const cx_dedup_index *x);

/* Syndication links found: copy -> original with the copied share. */
typedef struct cx_syndication {
  const char *copy, *original;
  double share;
} cx_syndication;
size_t cx_dedup_index_links(const cx_dedup_index *x,
                            const cx_syndication **links);

#endif
