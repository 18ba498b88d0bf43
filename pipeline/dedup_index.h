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
 * Memory (bytes; "file" = a cx_spill array, on the heap up to 1 MiB, then
 * a mapped temporary file whose pages are dropped from the resident set
 * whenever the process passes 40 MiB resident; arrays grow by doubling, so
 * a file is up to twice its records):
 *   per distinct passage  24 cluster record (file) + 64 SimHash band
 *                         entries for passages of 8+ words (file) + 8-16
 *                         exact-hash slot (heap)             = 96-104
 *   per appearance        16 paragraph record + 24 appearance (file) = 40
 *   per document          48 record + 128 sketch + 64 LSH chain links +
 *                         id + 1 (file), and for each of its up to 16 new
 *                         LSH band keys 24-48 (file)         = 240 + id
 *   fixed                 1 MiB of SimHash band heads (heap)
 * Measured (peak RSS of the whole process, /usr/bin/time): the 100 MB BBC
 * dump (42k documents) 38 MiB; the 1 GB one (423k documents, 191 copies
 * of each passage) 60 MiB with 226 MiB of temporary file; 1M distinct
 * passages (100k documents) 61 MiB with 110 MiB of file. cx_dedup_index_bytes()
 * reports the total (heap + file).
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
 * syndicated documents, on `threads` threads (the result is the same for
 * any number). */
void cx_dedup_index_finish(cx_dedup_index *x, int threads);
/* Pass 2: sets paragraph repeat_of/repeat_doc, claim also_in and the
 * document's copy_of. Thread-safe (read-only index). */
void cx_dedup_index_annotate(const cx_dedup_index *x, cx_doc *d);

size_t cx_dedup_index_bytes(const cx_dedup_index *x);
size_t cx_dedup_index_clusters(const cx_dedup_index *x);

/* Syndication links found: copy -> original with the copied share, in
 * input order of the copies. */
typedef struct cx_syndication {
  const char *copy, *original;
  double share;
} cx_syndication;
size_t cx_dedup_index_links(const cx_dedup_index *x,
                            const cx_syndication **links);

#endif
