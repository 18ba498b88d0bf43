/* A growable byte array that moves to a temporary file once it passes a
 * threshold: the file is mapped (MAP_SHARED), so the index's bulk lives in
 * the page cache, and cx_spill_trim() drops the pages a process touched
 * from its resident set (the data stays in the file). Small arrays stay on
 * the heap and create no file. When no temporary file can be made, the
 * array stays on the heap.
 *
 * Pointers into base are invalidated by cx_spill_reserve (it may move the
 * mapping); the data is never lost by cx_spill_trim. */
#ifndef CX_SPILL_H
#define CX_SPILL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cx_spill {
  char *base;
  size_t len;    /* bytes usable at base */
  int fd1;       /* file descriptor + 1, 0 while on the heap */
  bool no_file;  /* a temporary file could not be made */
} cx_spill;

void cx_spill_grow(cx_spill *s, size_t bytes);
/* Ensures at least `bytes` usable bytes (contents kept, growth doubles);
 * inline: the index reserves for every record it appends. */
static inline void cx_spill_reserve(cx_spill *s, size_t bytes) {
  if (bytes > s->len) cx_spill_grow(s, bytes);
}
/* Drops resident pages of a file-backed array; no-op on the heap. */
void cx_spill_trim(const cx_spill *s);
void cx_spill_free(cx_spill *s);
/* Bytes of the array (file or heap). */
static inline size_t cx_spill_bytes(const cx_spill *s) { return s->len; }

#endif
