/* Read-only hash maps over embedded data files (open addressing, FNV-1a on
 * ASCII-lowercased keys). */
#include "lexicon.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
  const char *key, *value;
  size_t key_len;
} entry;

struct cx_lexicon {
  char *text;        /* private copy, entries point into it */
  entry *entries;    /* file order */
  size_t n;
  uint32_t *slots;   /* index+1 into entries, 0 = empty */
  size_t n_slots;
  bool case_sensitive;
  int max_words;
};

static inline unsigned char fold(unsigned char c, bool cs) {
  return (!cs && c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static uint64_t hash_key(const char *s, size_t n, bool cs) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++) {
    h ^= fold((unsigned char)s[i], cs);
    h *= 1099511628211ull;
  }
  return h;
}

static bool key_eq(const char *a, size_t an, const char *b, size_t bn,
                   bool cs) {
  if (an != bn) return false;
  for (size_t i = 0; i < an; i++)
    if (fold((unsigned char)a[i], cs) != fold((unsigned char)b[i], cs))
      return false;
  return true;
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
    lx->entries[lx->n++] = (entry){line, value, kl};
    int words = 1;
    for (size_t i = 0; i < kl; i++) words += line[i] == ' ';
    if (words > lx->max_words) lx->max_words = words;
  }
  lx->n_slots = 16;
  while (lx->n_slots < lx->n * 2) lx->n_slots *= 2;
  lx->slots = cx_xcalloc(lx->n_slots, sizeof *lx->slots);
  for (size_t i = 0; i < lx->n; i++) {
    entry *e = &lx->entries[i];
    size_t s = hash_key(e->key, e->key_len, case_sensitive) & (lx->n_slots - 1);
    bool dup = false;
    while (lx->slots[s]) {
      entry *o = &lx->entries[lx->slots[s] - 1];
      if (key_eq(o->key, o->key_len, e->key, e->key_len, case_sensitive)) {
        dup = true; /* first entry wins */
        break;
      }
      s = (s + 1) & (lx->n_slots - 1);
    }
    if (!dup) lx->slots[s] = (uint32_t)i + 1;
  }
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
  free(lx);
}

static const entry *find(const cx_lexicon *lx, const char *key, size_t n) {
  if (!lx || !lx->n) return NULL;
  size_t s = hash_key(key, n, lx->case_sensitive) & (lx->n_slots - 1);
  while (lx->slots[s]) {
    const entry *e = &lx->entries[lx->slots[s] - 1];
    if (key_eq(e->key, e->key_len, key, n, lx->case_sensitive)) return e;
    s = (s + 1) & (lx->n_slots - 1);
  }
  return NULL;
}

const char *cx_lexicon_get(const cx_lexicon *lx, const char *key, size_t n) {
  const entry *e = find(lx, key, n);
  return e ? e->value : NULL;
}

bool cx_lexicon_has(const cx_lexicon *lx, const char *key, size_t n) {
  return find(lx, key, n) != NULL;
}

size_t cx_lexicon_size(const cx_lexicon *lx) { return lx ? lx->n : 0; }
int cx_lexicon_max_words(const cx_lexicon *lx) { return lx ? lx->max_words : 0; }
const char *cx_lexicon_key(const cx_lexicon *lx, size_t i) {
  return i < lx->n ? lx->entries[i].key : NULL;
}
const char *cx_lexicon_value(const cx_lexicon *lx, size_t i) {
  return i < lx->n ? lx->entries[i].value : NULL;
}
