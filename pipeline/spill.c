/* File-backed growable arrays (see spill.h). */
#include "spill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cx.h"

/* Up to this size an array stays on the heap: small batches (and the
 * tests) make no temporary file. */
#define SPILL_AT ((size_t)1 << 20)

static int temp_fd(void) {
  const char *dir = getenv("TMPDIR");
  if (!dir || !*dir) dir = "/tmp";
  char path[4096];
  if (snprintf(path, sizeof path, "%s/claimx-index-XXXXXX", dir) >= (int)sizeof path)
    return -1;
  int fd = mkstemp(path);
  if (fd >= 0) unlink(path); /* gone when the process ends, however it ends */
  return fd;
}

/* Moves a file-backed array back to the heap (growth of the file failed). */
static void to_heap(cx_spill *s, size_t n) {
  char *m = cx_xmalloc(n);
  memcpy(m, s->base, s->len);
  munmap(s->base, s->len);
  close(s->fd1 - 1);
  s->fd1 = 0;
  s->no_file = true;
  s->base = m;
  s->len = n;
}

void cx_spill_grow(cx_spill *s, size_t bytes) {
  if (bytes <= s->len) return;
  size_t n = s->len ? s->len : 4096;
  while (n < bytes) n *= 2;
  if (!s->fd1 && !s->no_file && n > SPILL_AT) {
    int fd = temp_fd();
    void *p = MAP_FAILED;
    if (fd >= 0 && ftruncate(fd, (off_t)n) == 0)
      p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (p != MAP_FAILED) {
      if (s->len) memcpy(p, s->base, s->len);
      free(s->base);
      s->base = p;
      s->len = n;
      s->fd1 = fd + 1;
      return;
    }
    if (fd >= 0) close(fd);
    s->no_file = true;
  }
  if (s->fd1) {
    void *p = MAP_FAILED;
    if (ftruncate(s->fd1 - 1, (off_t)n) == 0)
      p = mremap(s->base, s->len, n, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) {
      to_heap(s, n);
      return;
    }
    s->base = p;
    s->len = n;
    return;
  }
  s->base = cx_xrealloc(s->base, n);
  s->len = n;
}

void cx_spill_trim(const cx_spill *s) {
  /* MADV_DONTNEED on a shared file mapping only unmaps the pages: their
   * contents stay in the page cache (and the file) and fault back in. */
  if (s->fd1) madvise(s->base, s->len, MADV_DONTNEED);
}

void cx_spill_free(cx_spill *s) {
  if (s->fd1) {
    munmap(s->base, s->len);
    close(s->fd1 - 1);
  } else {
    free(s->base);
  }
  memset(s, 0, sizeof *s);
}
