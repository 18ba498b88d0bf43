/* Read-only hash maps over embedded data files (open addressing, a
 * word-at-a-time multiplicative hash on ASCII-lowercased keys). Slots keep
 * 32 bits of the hash so that most misses never compare a key, and a mask of
 * the key lengths present rejects most impossible look-ups before hashing. */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
  const char *key, *value;
  size_t key_len;
  uint64_t w0; /* first (up to) 8 bytes, folded unless case-sensitive, zero-padded */
} entry;

struct cx_lexicon {
  char *text;        /* private copy, entries point into it */
  entry *entries;    /* file order */
  size_t n;
  uint64_t *slots;   /* (hash >> 32) << 32 | index+1 into entries; 0 = empty */
  size_t n_slots;
  bool case_sensitive;
  int max_words;
  uint64_t len_mask; /* bit min(len, 63) set for each key length present */
  struct cx_lexicon *first; /* first words of multi-word keys (NULL: none) */
};

/* Adds 0x20 to every byte in 'A'..'Z' (SWAR). */
static inline uint64_t fold8(uint64_t x) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t low7 = x & ~high;
  uint64_t ge_a = low7 + (0x80 - 'A') * ones;
  uint64_t gt_z = low7 + (0x7f - 'Z') * ones;
  uint64_t upper = ge_a & ~gt_z & ~x & high;
  return x | (upper >> 2);
}

/* Bytes s[0..n), n < 8, as a little-endian word padded with zeros (fixed-size
 * loads: a variable memcpy would be a library call). */
static inline uint64_t load_tail(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 4) {
    uint32_t lo, hi;
    memcpy(&lo, s, 4);
    memcpy(&hi, s + n - 4, 4);
    return (uint64_t)lo | ((uint64_t)hi << ((n - 4) * 8));
  }
  if (!n) return 0;
  return (uint64_t)u[0] | ((uint64_t)u[n / 2] << (n / 2 * 8)) |
         ((uint64_t)u[n - 1] << ((n - 1) * 8));
}

static inline uint64_t load8(const char *s) {
  uint64_t w;
  memcpy(&w, s, 8);
  return w;
}

/* First min(n, 8) bytes as a word, folded unless cs. */
static inline uint64_t head_word(const char *s, size_t n, bool cs) {
  uint64_t w = n >= 8 ? load8(s) : load_tail(s, n);
  return cs ? w : fold8(w);
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
    uint64_t w = load8(s + i);
    if (!cs) w = fold8(w);
    h = (h ^ w) * k;
    h ^= h >> 29;
  }
  if (i < n) {
    uint64_t w = load_tail(s + i, n - i);
    if (!cs) w = fold8(w);
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
    if (fold8(x) != fold8(y)) return false;
  }
  return i == an || fold8(load_tail(a + i, an - i)) == fold8(load_tail(b + i, an - i));
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
  for (size_t i = 0; i < lx->n; i++) {
    entry *e = &lx->entries[i];
    lx->len_mask |= len_bit(e->key_len);
    uint64_t h = hash_key(e->key, e->key_len, case_sensitive);
    size_t s = h & (lx->n_slots - 1);
    bool dup = false;
    while (lx->slots[s]) {
      entry *o = &lx->entries[(uint32_t)lx->slots[s] - 1];
      if (key_eq(o->key, o->key_len, e->key, e->key_len, case_sensitive)) {
        dup = true; /* first entry wins */
        break;
      }
      s = (s + 1) & (lx->n_slots - 1);
    }
    if (!dup) lx->slots[s] = (h & 0xffffffff00000000ull) | ((uint64_t)i + 1);
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
  cx_lexicon_free(lx->first);
  free(lx);
}

static const entry *find(const cx_lexicon *lx, const char *key, size_t n) {
  if (!lx || !(lx->len_mask & len_bit(n))) return NULL;
  bool cs = lx->case_sensitive;
  uint64_t w = head_word(key, n, cs);
  uint64_t h = n <= 8 ? hash_short(w, n) : hash_key(key, n, cs);
  uint64_t tag = h & 0xffffffff00000000ull;
  size_t mask = lx->n_slots - 1, s = h & mask;
  for (uint64_t v; (v = lx->slots[s]); s = (s + 1) & mask) {
    if ((v & 0xffffffff00000000ull) != tag) continue;
    const entry *e = &lx->entries[(uint32_t)v - 1];
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
