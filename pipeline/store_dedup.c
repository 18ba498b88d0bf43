/* Seeding the de-duplication index from a store (see store_dedup.h). */
#include "store_dedup.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_read.h"

size_t cx_store_dedup_seed(const char *target, cx_dedup_index *x) {
  cx_diag diag;
  cx_diag_clear(&diag);
  size_t n = 0;
  struct stat st;
  bool pg = !strncmp(target, "postgres", 8);
  cx_store_reader *r = pg || stat(target, &st) == 0 ? cx_store_reader_open(target, &diag) : NULL;
  if (r) {
    /* one document's passages together (seed calls with one id are
     * consecutive); byte order so both backends agree */
    cx_rows *q = cx_rows_query(
        r,
        "SELECT p.hash, p.first_doc, d.published, p.first_paragraph"
        " FROM passages p LEFT JOIN documents d ON d.id = p.first_doc"
        " ORDER BY p.first_doc{C}, p.first_paragraph",
        0, NULL, &diag);
    while (q && cx_rows_next(q, &diag) == 1) {
      const char *hx = cx_rows_text(q, 0);
      uint64_t h = hx ? strtoull(hx, NULL, 16) : 0;
      cx_dedup_index_seed(x, cx_rows_text(q, 1), cx_rows_text(q, 2), h,
                          (uint32_t)cx_rows_int(q, 3));
      n++;
    }
    cx_rows_free(q);
    cx_store_reader_free(r);
  }
  cx_dedup_index_seed(x, NULL, NULL, 0, 0); /* marks the batch's end anyway */
  return n;
}
