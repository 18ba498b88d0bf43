/* Name gazetteers and canonical forms (see names.h). */
#include "names.h"

#include <assert.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "fold8.h"
#include "lexicon.h"

/* Gazetteer tables (ntable, keyed by cx_names_hash): every key of every
 * gazetteer with its answer (first list wins), and per first word the most
 * words any key starting with it has. Built in cx_names_new, then folded
 * into the word table and freed. */
typedef struct nt_entry {
  uint64_t h;
  const char *key; /* NULL: empty slot */
  uint32_t len;
  int words;       /* first-word table: max words of keys starting here */
  cx_name_hit hit;
} nt_entry;

typedef struct ntable {
  nt_entry *e;
  size_t mask;
} ntable;

/* The word table: every key of every list (single words and the gazetteer
 * and title keys of several words), with all its answers; the only table
 * the entity stage probes. Compact for the cache: open addressing over
 * 16-byte slots that hold the key's first eight bytes folded (most keys are
 * no longer) and the single-word answers, so a look-up reads one slot line;
 * keys longer than 8 bytes (their folded tail words) and gazetteer entries
 * (their hit) have an aux record. */
typedef struct wt_slot {
  uint64_t w0;       /* first (up to) 8 bytes, folded, zero-padded */
  cx_name_word w;
  uint8_t len;       /* 0: empty slot */
  uint16_t aux;      /* index + 1 into wt_aux, 0: none */
} wt_slot;

typedef struct wt_aux {
  uint32_t rest;     /* len > 8: index in wt_keys of the folded words after */
  cx_name_hit hit;   /* CX_NW_GAZ */
} wt_aux;

struct cx_names {
  cx_lexicon *countries, *demonyms, *places, *orgs, *orgs_more, *learned;
  cx_lexicon *titles, *first, *first_extra, *first_en, *common, *org_words, *stop, *org_context, *words;
  int max_words;
  wt_slot *wt;
  size_t wt_mask;
  wt_aux *wt_aux;
  size_t wt_aux_n, wt_aux_cap;
  uint64_t *wt_keys;
  size_t wt_keys_n, wt_keys_cap;
  wt_slot wt_scratch; /* build only: see wt_add */
  bool wt_full;       /* more aux records than a slot can index */
  uint64_t country_bits[1024]; /* cx_names_country_may */
  uint64_t country_head_bits[1024]; /* cx_names_country_head_may */
  uint64_t *gaz_prefix;        /* cx_names_gaz_prefix_bits */
  size_t gaz_prefix_mask;
};

static inline unsigned char fold(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline bool key_eq(const char *a, size_t an, const char *b, size_t bn) {
  if (an != bn) return false;
  for (size_t i = 0; i < an; i++)
    if (fold((unsigned char)a[i]) != fold((unsigned char)b[i])) return false;
  return true;
}

static void nt_init(ntable *t, size_t n) {
  size_t slots = 16;
  while (slots < n * 2) slots *= 2;
  t->e = cx_xcalloc(slots, sizeof *t->e);
  t->mask = slots - 1;
}

/* Entry for key (hash h), or the empty slot where it goes. */
static inline size_t slot_of(uint64_t h, size_t mask) {
  /* FNV's low bits mix poorly: index by the high bits of a multiply */
  return (size_t)((h ^ (h >> 32)) * 0x9E3779B97F4A7C15ull >> 32) & mask;
}

static inline nt_entry *nt_slot(const ntable *t, uint64_t h, const char *key, size_t len) {
  size_t s = slot_of(h, t->mask);
  while (t->e[s].key && !(t->e[s].h == h && key_eq(t->e[s].key, t->e[s].len, key, len)))
    s = (s + 1) & t->mask;
  return &t->e[s];
}

/* Adds every key of lx (first entry wins) and its first word. */
static void nt_add_lexicon(ntable *t, ntable *first, const cx_lexicon *lx,
                           const cx_names *n, bool gazetteer) {
  for (size_t i = 0; i < cx_lexicon_size(lx); i++) {
    const char *k = cx_lexicon_key(lx, i);
    size_t len = strlen(k);
    uint64_t h = cx_names_hash(CX_NAMES_HASH0, k, len);
    nt_entry *e = nt_slot(t, h, k, len);
    if (!e->key) {
      cx_name_hit hit = {0};
      if (gazetteer && !cx_names_lookup_slow(n, k, len, &hit)) continue;
      *e = (nt_entry){h, k, (uint32_t)len, 0, hit};
    }
    const char *sp = memchr(k, ' ', len);
    size_t fl = sp ? (size_t)(sp - k) : len;
    /* in tokens, as the entity stage counts them: punctuation may stand
     * alone ("People 's Daily" is four) */
    int words = 1;
    for (size_t j = 0; j < len; j++)
      words += k[j] == ' ' || (ispunct((unsigned char)k[j]) != 0);
    /* the first token may stop at punctuation inside the first word
     * ("S.B.K- Brooks"): every such prefix opens the key */
    for (size_t pl = 1; pl <= fl; pl++) {
      if (pl < fl && !ispunct((unsigned char)k[pl])) continue;
      uint64_t fh = cx_names_hash(CX_NAMES_HASH0, k, pl);
      nt_entry *f = nt_slot(first, fh, k, pl);
      if (!f->key) *f = (nt_entry){fh, k, (uint32_t)pl, words, {0}};
      else if (words > f->words) f->words = words;
    }
  }
}

/* Slot of key (hash h) when present (len != 0), else the empty slot where
 * it goes. Keys of 256 bytes or more are in no list (see wt_add). Inlined:
 * the entity stage probes once per capitalised token. */
static inline __attribute__((always_inline)) const wt_slot *
wt_find(const cx_names *n, uint64_t h, const char *key, size_t len) {
  uint64_t w0 = cx_fold8(cx_head8(key, len));
  size_t s = slot_of(h, n->wt_mask);
  for (const wt_slot *e; (e = &n->wt[s])->len; s = (s + 1) & n->wt_mask)
    if (e->w0 == w0 && e->len == len &&
        (len <= 8 || cx_folded_eq(n->wt_keys + n->wt_aux[e->aux - 1].rest, key + 8, len - 8)))
      return e;
  return &n->wt[s];
}

static wt_aux *aux_of(cx_names *n, wt_slot *e) {
  if (!e->aux) {
    if (n->wt_aux_n == n->wt_aux_cap) {
      n->wt_aux_cap = n->wt_aux_cap ? n->wt_aux_cap * 2 : 1024;
      n->wt_aux = cx_xrealloc(n->wt_aux, n->wt_aux_cap * sizeof *n->wt_aux);
    }
    if (n->wt_aux_n == UINT16_MAX) { /* cx_names_new fails */
      n->wt_full = true;
      return &n->wt_aux[0];
    }
    n->wt_aux[n->wt_aux_n] = (wt_aux){0};
    e->aux = (uint16_t)++n->wt_aux_n;
  }
  return &n->wt_aux[e->aux - 1];
}

/* The slot of key, added when absent. */
static wt_slot *wt_add(cx_names *n, const char *key, size_t len) {
  static_assert(sizeof(wt_slot) == 16, "one quarter of a cache line");
  if (!len || len > 255) {
    /* no such key in the data (longest is far shorter): answers go nowhere */
    n->wt_scratch = (wt_slot){0};
    return &n->wt_scratch;
  }
  uint64_t h = cx_names_hash(CX_NAMES_HASH0, key, len);
  wt_slot *e = (wt_slot *)wt_find(n, h, key, len);
  if (e->len) return e;
  *e = (wt_slot){.w0 = cx_fold8(cx_head8(key, len)), .len = (uint8_t)len};
  if (len > 8) {
    size_t words = (len - 8 + 7) / 8;
    if (n->wt_keys_n + words > n->wt_keys_cap) {
      n->wt_keys_cap = (n->wt_keys_n + words) * 2;
      n->wt_keys = cx_xrealloc(n->wt_keys, n->wt_keys_cap * sizeof *n->wt_keys);
    }
    aux_of(n, e)->rest = (uint32_t)n->wt_keys_n;
    for (size_t i = 8; i < len; i += 8)
      n->wt_keys[n->wt_keys_n++] =
          cx_fold8(i + 8 <= len ? cx_load8(key + i) : cx_load_tail(key + i, len - i));
  }
  return e;
}

static inline size_t country_bit(const char *key, size_t len) {
  return cx_names_country_bit(key, len);
}

/* Sets flag on every key of lx. */
static void wt_add_lexicon(cx_names *n, const cx_lexicon *lx, uint8_t flag) {
  for (size_t i = 0; i < cx_lexicon_size(lx); i++) {
    const char *k = cx_lexicon_key(lx, i);
    wt_add(n, k, strlen(k))->w.flags |= flag;
  }
}

static void wt_add_ntable(cx_names *n, const ntable *t, int what) {
  for (size_t i = 0; i <= t->mask; i++) {
    const nt_entry *e = &t->e[i];
    if (!e->key) continue;
    wt_slot *w = wt_add(n, e->key, e->len);
    if (what == 0) {
      w->w.flags |= CX_NW_GAZ;
      aux_of(n, w)->hit = e->hit;
    } else if (what == 1) {
      w->w.gaz_first = (uint8_t)(e->words > 255 ? 255 : e->words);
    } else if (what == 2) {
      w->w.flags |= CX_NW_TITLE;
    } else {
      w->w.title_first = (uint8_t)(e->words > 255 ? 255 : e->words);
    }
  }
}

static inline void prefix_set(cx_names *n, uint64_t h) {
  size_t b = cx_names_prefix_bit(h, n->gaz_prefix_mask);
  n->gaz_prefix[b >> 6] |= 1ull << (b & 63);
}

/* Where a phrase of two tokens or more can end in key k: past its first
 * ASCII byte that is no letter or digit (a space, or punctuation, which is
 * a token of its own or sits between tokens); len + 1 when k has none. */
static size_t phrase_from(const char *k, size_t len) {
  for (size_t j = 0; j < len; j++) {
    unsigned char x = (unsigned char)k[j];
    if (x < 0x80 && (unsigned)((x | 0x20) - 'a') >= 26 && (unsigned)(x - '0') >= 10)
      return j + 1;
  }
  return len + 1;
}

/* Bits of the prefixes of gazetteer keys and plural demonyms (all that
 * cx_names_lookup_w can find) that a phrase of two tokens or more can be:
 * a phrase whose bit is clear opens no key. About 8 bits per prefix. */
static void gaz_prefix_build(cx_names *n, const ntable *gaz) {
  size_t count = 0;
  for (size_t i = 0; i <= gaz->mask; i++)
    if (gaz->e[i].key) count += gaz->e[i].len + 1; /* at most */
  size_t bits = 64;
  while (bits < count * 8) bits *= 2;
  n->gaz_prefix = cx_xcalloc(bits / 64, sizeof *n->gaz_prefix);
  n->gaz_prefix_mask = bits - 1;
  for (size_t i = 0; i <= gaz->mask; i++) {
    const nt_entry *e = &gaz->e[i];
    if (!e->key) continue;
    size_t p = phrase_from(e->key, e->len);
    if (p > e->len) continue;
    uint64_t h = cx_names_hash(CX_NAMES_HASH0, e->key, p - 1);
    for (size_t j = p - 1; j < e->len; j++) {
      h = cx_names_hash(h, e->key + j, 1);
      prefix_set(n, h);
    }
    if (e->hit.source == CX_NAME_DEMONYM) prefix_set(n, cx_names_hash(h, "s", 1));
  }
}

static void wt_build(cx_names *n, const ntable *nts[4]) {
  size_t total = 0;
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j <= nts[i]->mask; j++) total += nts[i]->e[j].key != NULL;
  const cx_lexicon *lists[] = {n->common, n->stop, n->first, n->first_extra, n->first_en,
                               n->org_words, n->org_context, n->words};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) total += cx_lexicon_size(lists[i]);
  /* total counts a key once per list that has it: distinct keys are
   * fewer, so the table is at most about two thirds full */
  size_t slots = 16;
  for (size_t j = 0; j <= nts[0]->mask; j++) /* their plurals */
    total += nts[0]->e[j].key && nts[0]->e[j].hit.source == CX_NAME_DEMONYM;
  while (slots < total * 3 / 2) slots *= 2;
  n->wt = cx_xcalloc(slots, sizeof *n->wt);
  n->wt_mask = slots - 1;
  for (int i = 0; i < 4; i++) wt_add_ntable(n, nts[i], i);
  wt_add_lexicon(n, n->common, CX_NW_COMMON);
  wt_add_lexicon(n, n->stop, CX_NW_COMMON | CX_NW_STOP);
  wt_add_lexicon(n, n->first, CX_NW_FIRST);
  wt_add_lexicon(n, n->first_extra, CX_NW_FIRST);
  wt_add_lexicon(n, n->first_en, CX_NW_FIRST);
  wt_add_lexicon(n, n->words, CX_NW_WORDS);
  /* per-value answers: asked through the lexicon, so the first entry of a
   * key decides as it does there */
  for (size_t i = 0; i < cx_lexicon_size(n->org_words); i++) {
    const char *k = cx_lexicon_key(n->org_words, i);
    size_t len = strlen(k);
    wt_add(n, k, len)->w.org_word = (uint8_t)cx_names_org_word(n, k, len);
  }
  for (size_t i = 0; i < cx_lexicon_size(n->org_context); i++) {
    const char *k = cx_lexicon_key(n->org_context, i);
    size_t len = strlen(k);
    wt_slot *e = wt_add(n, k, len);
    if (cx_names_org_context(n, k, len, true)) e->w.flags |= CX_NW_CTX_BEFORE;
    if (cx_names_org_context(n, k, len, false)) e->w.flags |= CX_NW_CTX_AFTER;
  }
  for (size_t i = 0; i <= nts[0]->mask; i++) {
    const nt_entry *e = &nts[0]->e[i];
    if (e->key && e->hit.source == CX_NAME_DEMONYM && e->len + 1 > 3 && e->len < 255) {
      char buf[256]; /* "Russians": the plural reads as the demonym */
      memcpy(buf, e->key, e->len);
      buf[e->len] = 's';
      wt_add(n, buf, e->len + 1)->w.flags2 |= CX_NW2_PLURAL_DEM;
    }
    if (e->key && e->hit.source == CX_NAME_COUNTRY) {
      size_t b = country_bit(e->key, e->len);
      n->country_bits[b >> 6] |= 1ull << (b & 63);
      if (e->len >= 4) {
        uint32_t head4 = (uint32_t)cx_fold8(cx_load_tail(e->key, 4));
        uint64_t x = (uint64_t)head4 | (uint64_t)e->len << 32;
        size_t hb = (size_t)((x * 0x9E3779B97F4A7C15ull) >> 48);
        n->country_head_bits[hb >> 6] |= 1ull << (hb & 63);
      }
    }
  }
  gaz_prefix_build(n, nts[0]);
}

const cx_name_word *cx_names_word(const cx_names *n, uint64_t h, const char *key,
                                  size_t len) {
  if (len > 255) return NULL;
  const wt_slot *e = wt_find(n, h, key, len);
  return e->len ? &e->w : NULL;
}

const cx_name_word *cx_names_word_w0(const cx_names *n, uint64_t h, uint64_t w0,
                                     size_t len) {
  /* wt_find for a key that fits in w0 */
  size_t s = slot_of(h, n->wt_mask);
  for (const wt_slot *e; (e = &n->wt[s])->len; s = (s + 1) & n->wt_mask)
    if (e->w0 == w0 && e->len == len) return &e->w;
  return NULL;
}

const cx_name_hit *cx_names_word_hit(const cx_names *n, const cx_name_word *w) {
  const wt_slot *e = (const wt_slot *)(const void *)((const char *)w - offsetof(wt_slot, w));
  return &n->wt_aux[e->aux - 1].hit;
}

const uint64_t *cx_names_country_bits(const cx_names *n) { return n->country_bits; }

const uint64_t *cx_names_country_head_bits(const cx_names *n) { return n->country_head_bits; }

const uint64_t *cx_names_gaz_prefix_bits(const cx_names *n, size_t *mask) {
  *mask = n->gaz_prefix_mask;
  return n->gaz_prefix;
}

bool cx_names_country_may(const cx_names *n, const char *key, size_t len) {
  if (!len) return false;
  size_t b = country_bit(key, len);
  return (n->country_bits[b >> 6] >> (b & 63)) & 1;
}

cx_names *cx_names_new(cx_diag *diag) {
  cx_names *n = cx_xcalloc(1, sizeof *n);
  n->countries = cx_lexicon_load("names_countries.tsv", false, diag);
  n->demonyms = cx_lexicon_load("names_demonyms.tsv", false, diag);
  n->places = cx_lexicon_load("names_places.tsv", false, diag);
  n->orgs = cx_lexicon_load("names_orgs.tsv", false, diag);
  n->orgs_more = cx_lexicon_load("names_orgs_more.tsv", false, diag);
  n->learned = cx_lexicon_load("names_gazetteer.tsv", false, diag);
  n->titles = cx_lexicon_load("names_titles.tsv", false, diag);
  n->first = cx_lexicon_load("names_first.tsv", false, diag);
  n->first_extra = cx_lexicon_load("names_first_extra.tsv", false, diag);
  n->first_en = cx_lexicon_load("names_first_en.tsv", false, diag);
  n->common = cx_lexicon_load("names_common.tsv", false, diag);
  n->org_words = cx_lexicon_load("names_org_words.tsv", false, diag);
  n->stop = cx_lexicon_load("names_stop.tsv", false, diag);
  n->org_context = cx_lexicon_load("names_org_context.tsv", false, diag);
  n->words = cx_lexicon_load("names_words.tsv", true, diag);
  if (!n->countries || !n->demonyms || !n->places || !n->orgs || !n->orgs_more ||
      !n->learned || !n->titles || !n->first || !n->first_extra || !n->first_en ||
      !n->common || !n->org_words || !n->stop || !n->org_context || !n->words) {
    cx_names_free(n);
    return NULL;
  }
  const cx_lexicon *all[] = {n->countries, n->demonyms, n->places, n->orgs, n->orgs_more,
                             n->learned, n->titles};
  size_t total = 0;
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
    if (cx_lexicon_max_words(all[i]) > n->max_words)
      n->max_words = cx_lexicon_max_words(all[i]);
    total += cx_lexicon_size(all[i]);
  }
  ntable gaz, gaz_first, title, title_first;
  nt_init(&gaz, total);
  nt_init(&gaz_first, total * 4); /* room for the prefixes */
  for (size_t i = 0; i + 1 < sizeof all / sizeof *all; i++) /* all but titles */
    nt_add_lexicon(&gaz, &gaz_first, all[i], n, true);
  nt_init(&title, cx_lexicon_size(n->titles));
  nt_init(&title_first, cx_lexicon_size(n->titles) * 4);
  nt_add_lexicon(&title, &title_first, n->titles, n, false);
  const ntable *nts[4] = {&gaz, &gaz_first, &title, &title_first};
  wt_build(n, nts);
  free(gaz.e);
  free(gaz_first.e);
  free(title.e);
  free(title_first.e);
  if (n->wt_full) {
    cx_diag_set(diag, CX_ERR_DATA, "names", -1, "too many gazetteer keys for the word table");
    cx_names_free(n);
    return NULL;
  }
  return n;
}

void cx_names_free(cx_names *n) {
  if (!n) return;
  cx_lexicon_free(n->countries);
  cx_lexicon_free(n->demonyms);
  cx_lexicon_free(n->places);
  cx_lexicon_free(n->orgs);
  cx_lexicon_free(n->orgs_more);
  cx_lexicon_free(n->learned);
  cx_lexicon_free(n->titles);
  cx_lexicon_free(n->first);
  cx_lexicon_free(n->first_extra);
  cx_lexicon_free(n->first_en);
  cx_lexicon_free(n->common);
  cx_lexicon_free(n->org_words);
  cx_lexicon_free(n->stop);
  cx_lexicon_free(n->org_context);
  cx_lexicon_free(n->words);
  free(n->wt);
  free(n->wt_aux);
  free(n->wt_keys);
  free(n->gaz_prefix);
  free(n);
}

static const char *nonempty(const char *v) { return v && *v ? v : NULL; }

const char *cx_names_demonym(const cx_names *n, const char *key, size_t len) {
  const char *v = cx_lexicon_get(n->demonyms, key, len);
  if (!v && len > 3 && (key[len - 1] == 's' || key[len - 1] == 'S'))
    v = cx_lexicon_get(n->demonyms, key, len - 1); /* Russians */
  return v;
}

/* The gazetteer hit of key (hash h), NULL when none. */
static inline const cx_name_hit *gaz_get(const cx_names *n, uint64_t h, const char *key,
                                         size_t len) {
  const cx_name_word *w = cx_names_word(n, h, key, len);
  return w && (w->flags & CX_NW_GAZ) ? cx_names_word_hit(n, w) : NULL;
}

bool cx_names_lookup_w(const cx_names *n, const cx_name_word *w, const char *key,
                       size_t len, cx_name_hit *hit) {
  const cx_name_hit *e = w && (w->flags & CX_NW_GAZ) ? cx_names_word_hit(n, w) : NULL;
  if (e && e->source <= CX_NAME_DEMONYM) {
    *hit = *e;
    return true;
  }
  /* "Russians": a plural demonym comes before places and organisations */
  if (w && (w->flags2 & CX_NW2_PLURAL_DEM)) {
    *hit = *gaz_get(n, cx_names_hash(CX_NAMES_HASH0, key, len - 1), key, len - 1);
    return true;
  }
  if (e) {
    *hit = *e;
    return true;
  }
  memset(hit, 0, sizeof *hit);
  return false;
}

bool cx_names_lookup_h(const cx_names *n, uint64_t h, const char *key, size_t len,
                       cx_name_hit *hit) {
  return cx_names_lookup_w(n, cx_names_word(n, h, key, len), key, len, hit);
}

bool cx_names_lookup(const cx_names *n, const char *key, size_t len, cx_name_hit *hit) {
  return cx_names_lookup_h(n, cx_names_hash(CX_NAMES_HASH0, key, len), key, len, hit);
}

int cx_names_first_words(const cx_names *n, uint64_t h, const char *word, size_t len) {
  const cx_name_word *w = cx_names_word(n, h, word, len);
  return w ? w->gaz_first : 0;
}

int cx_names_title_first_words(const cx_names *n, uint64_t h, const char *word, size_t len) {
  const cx_name_word *w = cx_names_word(n, h, word, len);
  return w ? w->title_first : 0;
}

bool cx_names_is_title_h(const cx_names *n, uint64_t h, const char *key, size_t len) {
  const cx_name_word *w = cx_names_word(n, h, key, len);
  return w && (w->flags & CX_NW_TITLE);
}

bool cx_names_lookup_slow(const cx_names *n, const char *key, size_t len,
                          cx_name_hit *hit) {
  const char *v;
  memset(hit, 0, sizeof *hit);
  if ((v = cx_lexicon_get(n->countries, key, len))) {
    *hit = (cx_name_hit){CX_GPE, CX_NAME_COUNTRY, nonempty(v)};
    return true;
  }
  if ((v = cx_names_demonym(n, key, len))) {
    *hit = (cx_name_hit){CX_NORP, CX_NAME_DEMONYM, nonempty(v)};
    return true;
  }
  if ((v = cx_lexicon_get(n->places, key, len))) {
    /* "gpe" | "loc", optionally "\tCanonical" */
    hit->type = strncmp(v, "loc", 3) == 0 ? CX_LOC : CX_GPE;
    hit->source = CX_NAME_PLACE;
    const char *tab = strchr(v, '\t');
    hit->canonical = tab ? nonempty(tab + 1) : NULL;
    return true;
  }
  if ((v = cx_lexicon_get(n->orgs, key, len))) {
    *hit = (cx_name_hit){CX_ORG, CX_NAME_ORG, nonempty(v)};
    return true;
  }
  if ((v = cx_lexicon_get(n->orgs_more, key, len))) {
    *hit = (cx_name_hit){CX_ORG, CX_NAME_ORG, nonempty(v)};
    return true;
  }
  if ((v = cx_lexicon_get(n->learned, key, len))) {
    int t = cx_mention_type_from_name(v);
    if (t < 0) return false;
    *hit = (cx_name_hit){(cx_mention_type)t, CX_NAME_LEARNED, NULL};
    return true;
  }
  return false;
}

bool cx_names_is_title(const cx_names *n, const char *key, size_t len) {
  return cx_names_is_title_h(n, cx_names_hash(CX_NAMES_HASH0, key, len), key, len);
}

bool cx_names_is_first_name(const cx_names *n, const char *key, size_t len) {
  return cx_lexicon_has(n->first, key, len) ||
         cx_lexicon_has(n->first_extra, key, len) ||
         cx_lexicon_has(n->first_en, key, len);
}

bool cx_names_is_common(const cx_names *n, const char *key, size_t len) {
  return cx_lexicon_has(n->common, key, len) || cx_lexicon_has(n->stop, key, len);
}

bool cx_names_is_stop(const cx_names *n, const char *key, size_t len) {
  return cx_lexicon_has(n->stop, key, len);
}

int cx_names_org_word(const cx_names *n, const char *key, size_t len) {
  const char *v = cx_lexicon_get(n->org_words, key, len);
  if (!v) return CX_ORGW_NONE;
  if (strcmp(v, "head") == 0) return CX_ORGW_HEAD;
  if (strcmp(v, "govhead") == 0) return CX_ORGW_GOVHEAD;
  if (strcmp(v, "clubhead") == 0) return CX_ORGW_CLUBHEAD;
  if (strcmp(v, "placehead") == 0) return CX_ORGW_PLACEHEAD;
  if (strcmp(v, "event") == 0) return CX_ORGW_EVENT;
  if (strcmp(v, "locsuffix") == 0) return CX_ORGW_LOCSUFFIX;
  return CX_ORGW_SUFFIX;
}

bool cx_names_org_context(const cx_names *n, const char *key, size_t len,
                          bool before) {
  const char *v = cx_lexicon_get(n->org_context, key, len);
  return v && strcmp(v, before ? "before" : "after") == 0;
}

int cx_names_word_type(const cx_names *n, const char *key, size_t len) {
  const char *v = cx_lexicon_get(n->words, key, len);
  return v ? cx_mention_type_from_name(v) : -1;
}

int cx_names_max_words(const cx_names *n) { return n->max_words; }
