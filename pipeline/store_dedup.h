/* Incremental de-duplication: the passages of a claims store seed the
 * cross-document index, so a new batch links its copies to documents
 * stored by earlier runs. */
#ifndef CX_STORE_DEDUP_H
#define CX_STORE_DEDUP_H

#include "cx.h"
#include "dedup_index.h"

/* Feeds every stored passage (hash, first document, its publication date,
 * paragraph) to cx_dedup_index_seed. A target that is not a store yet (the
 * first batch) seeds nothing and is not an error: the writer reports real
 * problems when it opens the store. Returns the passages read. */
size_t cx_store_dedup_seed(const char *target, cx_dedup_index *x);

#endif
