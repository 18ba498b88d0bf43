/* Read-only hash maps over embedded data files (open addressing, a
 * word-at-a-time multiplicative hash on ASCII-lowercased keys). Most
 * look-ups miss (the date tokenizer asks about every word), so a miss should
 * touch little memory: a mask of the key lengths present rejects most before
 * hashing, a small Bloom filter (one 64-bit word per probe, two bits) most
 * of the rest, and the 32-bit slots keep hash bits above the entry index so
 * that a probe rarely reads an entry. */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

#include "fold8.h"

typedef struct entry {
  const char *key, *value;
  size_t key_len;
  uint64_t w0; /* first (up to) 8 bytes, folded unless case-sensitive, zero-padded */
} entry;

struct cx_lexicon {
  char *text;        /* private copy, entries point into it */
  entry *entries;    /* file order */
  size_t n;
  uint32_t *slots;   /* tag (hash bits) | index+1 into entries; 0 = empty */
  size_t n_slots;
  uint32_t idx_mask; /* entry index bits of a slot */
  uint64_t *bloom;   /* two bits per key in one word */
  size_t bloom_mask; /* words - 1 */
  bool case_sensitive;
  int max_words;
  uint64_t len_mask; /* bit min(len, 63) set for each key length present */
  struct cx_lexicon *first; /* first words of multi-word keys (NULL: none) */
};

/* First min(n, 8) bytes as a word, folded unless cs. */
static inline uint64_t head_word(const char *s, size_t n, bool cs) {
  uint64_t w = n >= 8 ? cx_load8(s) : cx_load_tail(s, n);
  return cs ? w : cx_fold8(w);
}

static inline uint64_t finish(uint64_t h) {
  h ^= h >> 32;
  h *= 0xd6e8feb86659fd93ull;
  h ^= h >> 32;
  return h;
}

/* Keys of at most 8 bytes (most of them) hash from their head word alone,
 * which the look-up then also compares: no second pass over the key. */
static inline uint64_t hash_short(uint64_t w, size_t n) {
  const uint64_t k = 0x9e3779b97f4a7c15ull;
  return finish(((uint64_t)n * k ^ w) * k);
}

static inline uint64_t hash_key(const char *s, size_t n, bool cs) {
  if (n <= 8) return hash_short(head_word(s, n, cs), n);
  const uint64_t k = 0x9e3779b97f4a7c15ull;
  uint64_t h = (uint64_t)n * k;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = cx_load8(s + i);
    if (!cs) w = cx_fold8(w);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  if (i < n) {
    uint64_t w = cx_load_tail(s + i, n - i);
    if (!cs) w = cx_fold8(w);
    h = (h ^ w) * k;
  }
  return finish(h);
}

static inline bool key_eq(const char *a, size_t an, const char *b, size_t bn,
                   bool cs) {
  if (an != bn) return false;
  if (cs) return memcmp(a, b, an) == 0;
  size_t i = 0;
  for (; i + 8 <= an; i += 8) {
    uint64_t x, y;
    memcpy(&x, a + i, 8);
    memcpy(&y, b + i, 8);
    if (cx_fold8(x) != cx_fold8(y)) return false;
  }
  return i == an || cx_fold8(cx_load_tail(a + i, an - i)) == cx_fold8(cx_load_tail(b + i, an - i));
}

static inline size_t bloom_word(const cx_lexicon *lx, uint64_t h) {
  return (size_t)(h >> 32) & lx->bloom_mask;
}
static inline uint64_t bloom_bits(uint64_t h) {
  return 1ull << (h >> 52 & 63) | 1ull << (h >> 58);
}
/* Hash bits above the entry index (the slot number uses the low bits). */
static inline uint32_t slot_tag(const cx_lexicon *lx, uint64_t h) {
  return (uint32_t)(h >> 32) & ~lx->idx_mask;
}

static inline uint64_t len_bit(size_t n) { return 1ull << (n < 63 ? n : 63); }

/* The set of first words of the keys (every key's text up to its first
 * space), itself a lexicon without values. */
static cx_lexicon *first_words(const cx_lexicon *lx) {
  cx_buf b;
  cx_buf_init(&b);
  for (size_t i = 0; i < lx->n; i++) {
    const char *k = lx->entries[i].key;
    const char *sp = memchr(k, ' ', lx->entries[i].key_len);
    cx_buf_put(&b, k, sp ? (size_t)(sp - k) : lx->entries[i].key_len);
    cx_buf_put(&b, "\n", 1);
  }
  cx_diag d;
  cx_diag_clear(&d);
  cx_lexicon *f = cx_lexicon_parse("first words", b.data ? b.data : "", b.len,
                                   lx->case_sensitive, &d);
  cx_buf_free(&b);
  return f;
}

cx_lexicon *cx_lexicon_parse(const char *name, const char *text, size_t len,
                             bool case_sensitive, cx_diag *diag) {
  cx_lexicon *lx = cx_xcalloc(1, sizeof *lx);
  lx->case_sensitive = case_sensitive;
  lx->text = cx_xmalloc(len + 1);
  memcpy(lx->text, text, len);
  lx->text[len] = '\0';
  size_t cap = 64;
  lx->entries = cx_xmalloc(cap * sizeof *lx->entries);
  char *p = lx->text, *end = lx->text + len;
  long line_no = 0;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    char *le = nl ? nl : end;
    line_no++;
    char *line = p;
    p = nl ? nl + 1 : end;
    if (le > line && le[-1] == '\r') le--;
    *le = '\0';
    if (line == le || line[0] == '#') continue;
    char *tab = strchr(line, '\t');
    const char *value = "";
    if (tab) {
      *tab = '\0';
      value = tab + 1;
    }
    size_t kl = strlen(line);
    while (kl && line[kl - 1] == ' ') line[--kl] = '\0';
    if (!kl) {
      cx_diag_set(diag, CX_ERR_DATA, name, line_no, "empty key");
      cx_lexicon_free(lx);
      return NULL;
    }
    if (lx->n == cap) {
      cap *= 2;
      lx->entries = cx_xrealloc(lx->entries, cap * sizeof *lx->entries);
    }
    lx->entries[lx->n++] = (entry){line, value, kl, head_word(line, kl, case_sensitive)};
    int words = 1;
    for (size_t i = 0; i < kl; i++) words += line[i] == ' ';
    if (words > lx->max_words) lx->max_words = words;
  }
  lx->n_slots = 16;
  while (lx->n_slots < lx->n * 2) lx->n_slots *= 2;
  lx->slots = cx_xcalloc(lx->n_slots, sizeof *lx->slots);
  lx->idx_mask = 1;
  while (lx->idx_mask < lx->n + 1) lx->idx_mask = lx->idx_mask * 2 + 1;
  size_t words = 1; /* about 16 bits per key */
  while (words * 4 < lx->n) words *= 2;
  lx->bloom = cx_xcalloc(words, sizeof *lx->bloom);
  lx->bloom_mask = words - 1;
  for (size_t i = 0; i < lx->n; i++) {
    entry *e = &lx->entries[i];
    lx->len_mask |= len_bit(e->key_len);
    uint64_t h = hash_key(e->key, e->key_len, case_sensitive);
    lx->bloom[bloom_word(lx, h)] |= bloom_bits(h);
    size_t s = h & (lx->n_slots - 1);
    bool dup = false;
    while (lx->slots[s]) {
      entry *o = &lx->entries[(lx->slots[s] & lx->idx_mask) - 1];
      if (key_eq(o->key, o->key_len, e->key, e->key_len, case_sensitive)) {
        dup = true; /* first entry wins */
        break;
      }
      s = (s + 1) & (lx->n_slots - 1);
    }
    if (!dup) lx->slots[s] = slot_tag(lx, h) | (uint32_t)(i + 1);
  }
  if (lx->max_words > 1) lx->first = first_words(lx);
  return lx;
}

cx_lexicon *cx_lexicon_load(const char *name, bool case_sensitive,
                            cx_diag *diag) {
  size_t len;
  const char *text = cx_data_get(name, &len);
  if (!text) {
    cx_diag_set(diag, CX_ERR_DATA, name, -1, "no such data file");
    return NULL;
  }
  return cx_lexicon_parse(name, text, len, case_sensitive, diag);
}

void cx_lexicon_free(cx_lexicon *lx) {
  if (!lx) return;
  free(lx->text);
  free(lx->entries);
  free(lx->slots);
  free(lx->bloom);
  cx_lexicon_free(lx->first);
  free(lx);
}

static inline const entry *find(const cx_lexicon *lx, const char *key, size_t n) {
  if (!lx || !(lx->len_mask & len_bit(n))) return NULL;
  bool cs = lx->case_sensitive;
  uint64_t w = head_word(key, n, cs);
  uint64_t h = n <= 8 ? hash_short(w, n) : hash_key(key, n, cs);
  uint64_t bits = bloom_bits(h);
  if ((lx->bloom[bloom_word(lx, h)] & bits) != bits) return NULL;
  uint32_t tag = slot_tag(lx, h), im = lx->idx_mask;
  size_t mask = lx->n_slots - 1, s = h & mask;
  for (uint32_t v; (v = lx->slots[s]); s = (s + 1) & mask) {
    if ((v & ~im) != tag) continue;
    const entry *e = &lx->entries[(v & im) - 1];
    if (e->key_len != n || e->w0 != w) continue;
    if (n <= 8 || key_eq(e->key + 8, n - 8, key + 8, n - 8, cs)) return e;
  }
  return NULL;
}

const char *cx_lexicon_get(const cx_lexicon *lx, const char *key, size_t n) {
  const entry *e = find(lx, key, n);
  return e ? e->value : NULL;
}

long cx_lexicon_find(const cx_lexicon *lx, const char *key, size_t n) {
  const entry *e = find(lx, key, n);
  return e ? (long)(e - lx->entries) : -1;
}

bool cx_lexicon_has(const cx_lexicon *lx, const char *key, size_t n) {
  return find(lx, key, n) != NULL;
}

bool cx_lexicon_may_have_len(const cx_lexicon *lx, size_t n) {
  return lx && (lx->len_mask & len_bit(n));
}

bool cx_lexicon_has_first_word(const cx_lexicon *lx, const char *word,
                               size_t n) {
  if (!lx) return false;
  return lx->first ? find(lx->first, word, n) != NULL : find(lx, word, n) != NULL;
}

size_t cx_lexicon_size(const cx_lexicon *lx) { return lx ? lx->n : 0; }
int cx_lexicon_max_words(const cx_lexicon *lx) { return lx ? lx->max_words : 0; }
const char *cx_lexicon_key(const cx_lexicon *lx, size_t i) {
  return i < lx->n ? lx->entries[i].key : NULL;
}
const char *cx_lexicon_value(const cx_lexicon *lx, size_t i) {
  return i < lx->n ? lx->entries[i].value : NULL;
}
