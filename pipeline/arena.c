/* One arena per document: bump allocation in chained blocks, reset after the
 * document is written. Oversized requests get a block of their own. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cx.h"

#define ARENA_BLOCK (64 * 1024)

typedef struct block {
  struct block *next;
  size_t size, used;
  _Alignas(16) unsigned char data[];
} block;

struct cx_arena {
  block *head;   /* current block (most recent) */
  block *first;  /* kept across resets */
  size_t total;
};

static block *block_new(size_t size) {
  block *b = cx_xmalloc(sizeof(block) + size);
  b->next = NULL;
  b->size = size;
  b->used = 0;
  return b;
}

cx_arena *cx_arena_new(void) {
  cx_arena *a = cx_xcalloc(1, sizeof *a);
  a->first = a->head = block_new(ARENA_BLOCK);
  return a;
}

void cx_arena_free(cx_arena *a) {
  if (!a) return;
  block *b = a->head;
  while (b) {
    block *n = b->next;
    free(b);
    b = n;
  }
  free(a);
}

void cx_arena_reset(cx_arena *a) {
  block *b = a->head;
  while (b && b != a->first) {
    block *n = b->next;
    free(b);
    b = n;
  }
  a->head = a->first;
  a->first->used = 0;
  a->first->next = NULL;
  a->total = 0;
}

void *cx_arena_alloc(cx_arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (a->head->used + n > a->head->size) {
    size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
    block *b = block_new(size);
    b->next = a->head;
    a->head = b;
  }
  void *p = a->head->data + a->head->used;
  a->head->used += n;
  a->total += n;
  return p;
}

void *cx_arena_calloc(cx_arena *a, size_t n) {
  return memset(cx_arena_alloc(a, n), 0, n);
}

char *cx_arena_strndup(cx_arena *a, const char *s, size_t n) {
  char *p = cx_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *cx_arena_strdup(cx_arena *a, const char *s) {
  return cx_arena_strndup(a, s, strlen(s));
}

char *cx_arena_printf(cx_arena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *p = cx_arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

size_t cx_arena_used(const cx_arena *a) { return a->total; }
