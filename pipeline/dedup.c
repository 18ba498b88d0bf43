/* Repeated passages within a document (see dedup.h). */
#include "dedup.h"

#include <string.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

uint64_t cx_passage_hash(const char *text, size_t n) {
  XXH3_state_t st;
  XXH3_64bits_reset(&st);
  char chunk[256];
  size_t k = 0;
  bool space = false, any = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!word) {
      space = any;
      continue;
    }
    if (space) chunk[k++] = ' ';
    space = false;
    any = true;
    chunk[k++] = (char)c;
    if (k >= sizeof chunk - 2) {
      XXH3_64bits_update(&st, chunk, k);
      k = 0;
    }
  }
  if (!any) return 0;
  XXH3_64bits_update(&st, chunk, k);
  return XXH3_64bits_digest(&st);
}

void cx_dedup_doc(cx_doc *d) {
  size_t n = d->n_paras;
  if (!n) return;
  size_t slots = 16;
  while (slots < n * 2) slots *= 2;
  int32_t *table = cx_arena_alloc(d->arena, slots * sizeof *table);
  memset(table, 0xff, slots * sizeof *table);
  for (size_t i = 0; i < n; i++) {
    cx_para *p = &d->paras[i];
    p->hash = cx_passage_hash(d->norm + p->start, p->end - p->start);
    p->simhash = cx_passage_simhash(d->norm + p->start, p->end - p->start, &p->n_words);
    p->cluster = -1;
    if (!p->hash) continue;
    size_t s = p->hash & (slots - 1);
    while (table[s] >= 0 && d->paras[table[s]].hash != p->hash)
      s = (s + 1) & (slots - 1);
    if (table[s] < 0) {
      table[s] = (int32_t)i;
    } else {
      p->repeat_of = table[s];
      p->repeats = 0;
      d->paras[table[s]].repeats++;
    }
  }
}

/* SimHash over word 3-gram shingles: near copies (a changed word, a dropped
 * clause) keep most shingles, so most signature bits survive. */
uint64_t cx_passage_simhash(const char *text, size_t n, uint32_t *n_words) {
  int32_t acc[64] = {0};
  uint64_t win[3] = {0, 0, 0};
  uint32_t words = 0;
  size_t i = 0;
  while (i < n) {
    while (i < n && !cx_dedup_word_byte((unsigned char)text[i])) i++;
    if (i >= n) break;
    uint64_t h = 1469598103934665603ull;
    while (i < n && cx_dedup_word_byte((unsigned char)text[i])) {
      unsigned char c = (unsigned char)text[i++];
      if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
      h = (h ^ c) * 1099511628211ull;
    }
    win[0] = win[1], win[1] = win[2], win[2] = h;
    words++;
    if (words < 3) continue;
    uint64_t sh = XXH3_64bits(win, sizeof win);
    for (int b = 0; b < 64; b++) acc[b] += (sh >> b) & 1 ? 1 : -1;
  }
  *n_words = words;
  if (words < 3) return 0;
  uint64_t sig = 0;
  for (int b = 0; b < 64; b++)
    if (acc[b] > 0) sig |= 1ull << b;
  return sig ? sig : 1;
}
