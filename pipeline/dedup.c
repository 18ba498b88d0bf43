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

static uint32_t count_words(const char *t, size_t n) {
  uint32_t w = 0;
  bool in = false;
  for (size_t i = 0; i < n; i++) {
    bool wb = cx_dedup_word_byte((unsigned char)t[i]);
    w += wb && !in;
    in = wb;
  }
  return w;
}

void cx_dedup_doc(cx_doc *d, bool signatures) {
  size_t n = d->n_paras;
  if (!n) return;
  size_t slots = 16;
  while (slots < n * 2) slots *= 2;
  int32_t *table = cx_arena_alloc(d->arena, slots * sizeof *table);
  memset(table, 0xff, slots * sizeof *table);
  for (size_t i = 0; i < n; i++) {
    cx_para *p = &d->paras[i];
    p->hash = cx_passage_hash(d->norm + p->start, p->end - p->start);
    if (signatures)
      p->simhash = cx_passage_simhash(d->norm + p->start, p->end - p->start, &p->n_words);
    else
      p->n_words = count_words(d->norm + p->start, p->end - p->start);
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

/* Byte value → its 8 bits spread over the 8 bytes of a word, so eight
 * SimHash bit counters advance with one addition (SWAR). */
static uint64_t spread_byte(unsigned v) {
  uint64_t r = 0;
  for (int k = 0; k < 8; k++)
    if (v >> k & 1) r |= 1ull << (8 * k);
  return r;
}

/* SimHash over word 3-gram shingles: near copies (a changed word, a dropped
 * clause) keep most shingles, so most signature bits survive. Bit b is set
 * when more than half of the shingle hashes have it. */
uint64_t cx_passage_simhash(const char *text, size_t n, uint32_t *n_words) {
  uint64_t spread[256];
  for (unsigned v = 0; v < 256; v++) spread[v] = spread_byte(v);
  uint32_t count[64] = {0};
  uint64_t lanes[8] = {0}; /* 64 byte-wide counters, flushed before overflow */
  uint32_t in_lanes = 0, shingles = 0;
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
    for (int j = 0; j < 8; j++) lanes[j] += spread[(sh >> (8 * j)) & 0xff];
    shingles++;
    if (++in_lanes == 255) {
      for (int j = 0; j < 8; j++)
        for (int k = 0; k < 8; k++) count[8 * j + k] += (lanes[j] >> (8 * k)) & 0xff;
      memset(lanes, 0, sizeof lanes);
      in_lanes = 0;
    }
  }
  for (int j = 0; j < 8; j++)
    for (int k = 0; k < 8; k++) count[8 * j + k] += (lanes[j] >> (8 * k)) & 0xff;
  *n_words = words;
  if (words < 3) return 0;
  uint64_t sig = 0;
  for (int b = 0; b < 64; b++)
    if (2 * count[b] > shingles) sig |= 1ull << b;
  return sig ? sig : 1;
}
