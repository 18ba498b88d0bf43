/* Tokenizer and word classes for the date grammar (see date_tok.h). */
#include "date_tok.h"

#include "../normalizers/bytemask.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void classify(const date_lex *lx, const char *w, size_t n, dtok *t);

/* First min(n, 8) bytes of the letters w[0..n) lowercased, packed
 * little-end first as date_lit8 does; avail: bytes readable at w. */
static inline uint64_t pack8(const unsigned char *w, size_t n, size_t avail) {
  size_t m = n < 8 ? n : 8;
  uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (avail >= 8) {
    static const uint64_t keep[9] = {0, 0xff, 0xffff, 0xffffff, 0xffffffff,
                                     0xffffffffffull, 0xffffffffffffull,
                                     0xffffffffffffffull, ~0ull};
    memcpy(&v, w, 8);
    return (v | 0x2020202020202020ull) & keep[m];
  }
#endif
  (void)avail;
  for (size_t k = 0; k < m; k++) v |= (uint64_t)(w[k] | 0x20) << (8 * k);
  return v;
}

/* byte classes: space, digit, ASCII letter, non-ASCII, other */
enum { BP = 0, BS, BD, BA, BH }; /* other, space, digit, letter, high */
static const uint8_t byte_class[256] = {
    BP, BP, BP, BP, BP, BP, BP, BP, BP, BS, BS, BP, BP, BS, BP, BP,
    BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP,
    BS, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP, BP,
    BD, BD, BD, BD, BD, BD, BD, BD, BD, BD, BP, BP, BP, BP, BP, BP,
    BP, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA,
    BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BP, BP, BP, BP, BP,
    BP, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA,
    BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BA, BP, BP, BP, BP, BP,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
    BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH, BH,
};

/* a..z (either case) → 1..26, anything else 0 */
static inline unsigned letter_ix(unsigned char c) {
  unsigned k = (unsigned)((c | 0x20) - 'a');
  return k < 26 ? k + 1 : 0;
}

static inline size_t short_slot(const date_lex *lx, uint64_t w8) {
  return (size_t)((w8 * 0x9e3779b97f4a7c15ull) >> 40) & lx->short_mask;
}

/* first index of a key wins, as in the merged lexicon */
static void short_put(date_lex *lx, uint64_t w8, int idx) {
  size_t s = short_slot(lx, w8);
  while (lx->short_tab[s].key && lx->short_tab[s].key != w8) s = (s + 1) & lx->short_mask;
  if (lx->short_tab[s].key) return;
  lx->short_tab[s].key = w8;
  lx->short_tab[s].tok = &lx->words[idx];
}

/* words index of the word w[0..n) (w8 packed), -1 when no lexicon has it */
static inline long word_index(const date_lex *lx, const unsigned char *w, size_t n,
                              uint64_t w8) {
  if (n <= 8) {
    for (size_t s = short_slot(lx, w8); lx->short_tab[s].key; s = (s + 1) & lx->short_mask)
      if (lx->short_tab[s].key == w8) return lx->short_tab[s].tok - lx->words;
    return -1;
  }
  if (n > lx->max_len ||
      !(lx->pair_len[letter_ix(w[0])][letter_ix(w[1])] >> (n < 31 ? n : 31) & 1))
    return -1;
  const char *v = cx_lexicon_get(lx->all, (const char *)w, n);
  return v ? atol(v) : -1;
}

cx_status cx_date_lex_load(date_lex *lx, cx_diag *diag) {
  memset(lx, 0, sizeof *lx);
  struct {
    cx_lexicon **slot;
    const char *file;
  } files[] = {
      {&lx->months, "months.tsv"},     {&lx->wdays, "weekdays.tsv"},
      {&lx->seasons, "seasons.tsv"},   {&lx->units, "date_units.tsv"},
      {&lx->numbers, "date_numbers.tsv"}, {&lx->ordinals, "date_ordinals.tsv"},
      {&lx->relative, "date_relative.tsv"}, {&lx->dayparts, "dayparts.tsv"},
      {&lx->sets, "date_sets.tsv"},    {&lx->future, "date_future.tsv"},
      {&lx->openers, "date_openers.tsv"},  {&lx->holidays, "holidays.tsv"},
      {&lx->scan, "date_scan.tsv"},    {&lx->context, "date_context.tsv"},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    *files[i].slot = cx_lexicon_load(files[i].file, false, diag);
    if (!*files[i].slot) return diag && diag->status ? diag->status : CX_ERR_DATA;
  }
  /* first words of holiday names open a holiday rule */
  cx_buf first;
  cx_buf_init(&first);
  for (size_t k = 0; k < cx_lexicon_size(lx->holidays); k++) {
    const char *key = cx_lexicon_key(lx->holidays, k);
    cx_buf_put(&first, key, strcspn(key, " "));
    cx_buf_putc(&first, '\n');
  }
  lx->holiday_first = cx_lexicon_parse("holiday_first", first.data ? first.data : "",
                                       first.len, false, diag);
  cx_buf_free(&first);
  if (!lx->holiday_first) return CX_ERR_DATA;
  /* merge: every key of every lexicon once, with all its classes */
  size_t total = 0;
  for (size_t i = 0; i < sizeof files / sizeof *files; i++)
    total += cx_lexicon_size(*files[i].slot);
  total += cx_lexicon_size(lx->holiday_first);
  lx->words = cx_xcalloc(total ? total : 1, sizeof *lx->words);
  cx_buf text;
  cx_buf_init(&text);
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    const cx_lexicon *l = *files[i].slot;
    for (size_t k = 0; k < cx_lexicon_size(l); k++) {
      const char *key = cx_lexicon_key(l, k);
      size_t kl = strlen(key);
      cx_buf_printf(&text, "%s\t%zu\n", key, lx->n_words++);
      if (kl > lx->max_len) lx->max_len = kl;
    }
  }
  for (size_t k = 0; k < cx_lexicon_size(lx->holiday_first); k++) {
    const char *key = cx_lexicon_key(lx->holiday_first, k);
    cx_buf_printf(&text, "%s\t%zu\n", key, lx->n_words++);
    if (strlen(key) > lx->max_len) lx->max_len = strlen(key);
  }
  /* the merged lexicon keeps the first index of a key; classify all */
  lx->all = cx_lexicon_parse("date_words", text.data ? text.data : "", text.len, false, diag);
  cx_buf_free(&text);
  if (!lx->all) return CX_ERR_DATA;
  /* load factor at most 1/4: a miss mostly ends at its first slot */
  lx->short_mask = 15;
  while (lx->short_mask + 1 < 4 * cx_lexicon_size(lx->all))
    lx->short_mask = 2 * lx->short_mask + 1;
  lx->short_tab = cx_xcalloc(lx->short_mask + 1, sizeof *lx->short_tab);
  for (size_t i = 0; i < cx_lexicon_size(lx->all); i++) {
    const char *key = cx_lexicon_key(lx->all, i);
    const char *idx = cx_lexicon_get(lx->all, key, strlen(key));
    dtok t;
    memset(&t, 0, sizeof t);
    classify(lx, key, strlen(key), &t);
    dtok *w = &lx->words[atoi(idx)];
    *w = (dtok){.kind = DT_WORD, .plural = t.plural, .unit = t.unit, .cls = t.cls,
                .num = t.num, .ordv = t.ordv, .code = t.code};
    size_t kl = strlen(key);
    if (kl <= 8) short_put(lx, pack8((const unsigned char *)key, kl, 0), atoi(idx));
    else
      lx->pair_len[letter_ix((unsigned char)key[0])][letter_ix((unsigned char)key[1])] |=
          1u << (kl < 31 ? kl : 31);
  }
  return CX_OK;
}

void cx_date_lex_free(date_lex *lx) {
  cx_lexicon_free(lx->all);
  free(lx->words);
  free(lx->short_tab);
  cx_lexicon_free(lx->months), cx_lexicon_free(lx->wdays);
  cx_lexicon_free(lx->seasons), cx_lexicon_free(lx->units);
  cx_lexicon_free(lx->numbers), cx_lexicon_free(lx->ordinals);
  cx_lexicon_free(lx->relative), cx_lexicon_free(lx->dayparts);
  cx_lexicon_free(lx->sets), cx_lexicon_free(lx->future);
  cx_lexicon_free(lx->openers), cx_lexicon_free(lx->scan);
  cx_lexicon_free(lx->context);
  cx_lexicon_free(lx->holidays), cx_lexicon_free(lx->holiday_first);
}

static inline bool is_alpha(unsigned char c) {
  return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static void classify(const date_lex *lx, const char *w, size_t n, dtok *t) {
  const char *v;
  if ((v = cx_lexicon_get(lx->months, w, n))) t->cls |= DC_MONTH, t->num = atoi(v);
  if ((v = cx_lexicon_get(lx->wdays, w, n))) t->cls |= DC_WDAY, t->num = atoi(v);
  if ((v = cx_lexicon_get(lx->seasons, w, n))) t->cls |= DC_SEASON, t->code = v;
  if ((v = cx_lexicon_get(lx->units, w, n))) {
    t->cls |= DC_UNIT;
    t->unit = v[0];
    t->plural = strchr(v, 's') != NULL;
  }
  if ((v = cx_lexicon_get(lx->numbers, w, n)))
    t->cls |= DC_NUMW, t->num = v[0] == 'X' ? -1 : atoi(v);
  if ((v = cx_lexicon_get(lx->ordinals, w, n))) t->cls |= DC_ORD, t->ordv = atoi(v);
  if ((v = cx_lexicon_get(lx->relative, w, n))) t->cls |= DC_REL, t->code = v;
  if ((v = cx_lexicon_get(lx->dayparts, w, n))) t->cls |= DC_DAYPART, t->code = v;
  if ((v = cx_lexicon_get(lx->sets, w, n))) t->cls |= DC_SETW, t->code = v;
  if (cx_lexicon_has(lx->future, w, n)) t->cls |= DC_FUTURE;
  if (cx_lexicon_has(lx->openers, w, n)) t->cls |= DC_OPENER;
  if (lx->holiday_first && cx_lexicon_has(lx->holiday_first, w, n)) t->cls |= DC_HOLIDAY;
  if ((v = cx_lexicon_get(lx->scan, w, n)))
    t->cls |= v[0] == 'p' ? DC_PREFIX : v[0] == 'h' ? DC_HEAD : DC_LINK;
}

/* A number token at s[i] (a digit): the digits, and an ordinal suffix or
 * a plural s that belongs to them. Returns its end. */
static size_t number_token(const unsigned char *s, size_t len, size_t i, dtok *t) {
  memset(t, 0, sizeof *t);
  t->s = (uint32_t)i;
  size_t j = i;
  long v = 0;
  while (j < len && is_digit(s[j])) {
    if (j - i < 9) v = v * 10 + (s[j] - '0');
    j++;
  }
  t->kind = DT_NUM;
  t->ndig = (uint8_t)(j - i > 255 ? 255 : j - i);
  t->num = (int)v;
  /* 3rd, 30th: the suffix belongs to the number */
  if (j + 1 < len && (j + 2 >= len || !is_alpha(s[j + 2]))) {
    char a = (char)(s[j] | 32), b = (char)(s[j + 1] | 32);
    if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
        (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
      t->ordinal = 1, j += 2;
  }
  /* 1990s */
  if (!t->ordinal && j < len && s[j] == 's' &&
      (j + 1 >= len || !is_alpha(s[j + 1])))
    t->plural = 1, j++;
  t->e = (uint32_t)j;
  return j;
}

/* classes that let an expression start at a word (cx_date_may_start_cls) */
#define DC_STARTS (0xffffu & ~(unsigned)(DC_HEAD | DC_LINK | DC_FUTURE | DC_DAYPART))

/* The word s[p..j) of wl letters (w8 packed): its token, the lexicon's
 * when it has the word (copied whole but for span, capital and w8).
 * Returns whether an expression may start at it. */
static inline __attribute__((always_inline)) bool word_tok(const date_lex *lx,
                                                           const struct date_slot *tab,
                                                           size_t mask16, const unsigned char *s,
                                                           size_t p, size_t j, size_t wl,
                                                           uint64_t w8, uint8_t cap, dtok *t) {
  const dtok *w = NULL;
  t->s = (uint32_t)p;
  t->e = (uint32_t)j;
  if (wl <= 8) {
    /* byte offsets into tab: mask16 is the slot mask times the slot size */
    const char *base = (const char *)tab;
    size_t off = (size_t)((w8 * 0x9e3779b97f4a7c15ull) >> 36) & mask16;
    const struct date_slot *e = (const struct date_slot *)(const void *)(base + off);
    while (e->key != w8) {
      if (!e->key) goto miss;
      off = (off + sizeof *e) & mask16;
      e = (const struct date_slot *)(const void *)(base + off);
    }
    w = e->tok;
  } else {
    long wi = word_index(lx, s + p, wl, w8);
    if (wi >= 0) w = &lx->words[wi];
  }
  if (w) {
    memcpy(&t->kind, &w->kind, offsetof(dtok, w8) - offsetof(dtok, kind));
    t->cap = cap;
    t->w8 = w8;
    return (w->cls & DC_STARTS) != 0;
  }
miss:
  memset(&t->kind, 0, offsetof(dtok, w8) - offsetof(dtok, kind));
  t->kind = DT_WORD;
  t->cap = cap;
  t->w8 = w8;
  return false;
}

/* keep[n]: the first min(n, 8) bytes of a little-end load */
static const uint64_t keep_n[64] = {
    0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffffull, 0xffffffffffffull,
    0xffffffffffffffull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
    ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
    ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
    ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
    ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
    ~0ull, ~0ull, ~0ull, ~0ull};

static inline uint64_t load8(const unsigned char *w) {
  uint64_t v;
  memcpy(&v, w, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/* The byte-by-byte walk this replaces made a token at every byte that is
 * not white space: a word of ASCII letters, a number, a run of non-ASCII
 * letters, or one punctuation byte. Here a 64-byte window's masks
 * (bytemask.h) give the starts of its words and its punctuation bytes at
 * once; a word inside the window is measured by its mask and packed from
 * one 8-byte load (the last window's bytes are copied to a zero-padded
 * buffer first, so that no load reads past the text); a number, a
 * non-ASCII run or a word running past the window is read byte by byte
 * and the next window starts where it ends. */
dtok *cx_date_tokenize(const date_lex *lx, cx_doc *doc, size_t *n_out,
                       uint32_t **starts_out, size_t *n_starts) {
  const unsigned char *s = (const unsigned char *)doc->norm;
  size_t len = doc->norm_len;
  /* a token needs at least one byte: len bounds the count */
  size_t cap = len / 2 + 16;
  dtok *toks = cx_arena_alloc(doc->arena, cap * sizeof *toks);
  /* start candidates: at most one per token, so toks' capacity bounds them */
  uint32_t *cand = cx_arena_alloc(doc->arena, cap * sizeof *cand);
  dtok *t = toks;
  uint32_t *cd = cand;
  size_t i = 0, wb = 0; /* i: first byte not yet read; window [wb, wb + 64) */
  /* the lexicon's short-key table in locals: stores into the tokens could
   * alias its fields, so the compiler would reload them for every word */
  const struct date_slot *tab = lx->short_tab;
  const size_t mask16 = lx->short_mask * sizeof *tab;
  unsigned char tail[64 + 8];
  while (i < len) {
    /* room for a window's tokens (at most one per byte) and the sentinel */
    size_t n = (size_t)(t - toks);
    if (n + 66 >= cap) {
      dtok *bigger = cx_arena_alloc(doc->arena, 2 * cap * sizeof *toks);
      memcpy(bigger, toks, n * sizeof *toks);
      uint32_t *more = cx_arena_alloc(doc->arena, 2 * cap * sizeof *cand);
      size_t nc = (size_t)(cd - cand);
      memcpy(more, cand, nc * sizeof *cand);
      toks = bigger, cand = more, cap *= 2;
      t = toks + n, cd = cand + nc;
    }
    if (i - wb >= 64) wb = i;
    size_t m = len - wb < 64 ? len - wb : 64;
    const unsigned char *ws = s + wb;
    if (len - wb < 64 + 8) {
      memset(tail, 0, sizeof tail);
      memcpy(tail, s + wb, len - wb < sizeof tail ? len - wb : sizeof tail);
      ws = tail;
    }
    uint64_t L, D, S, H;
    cx_mask64_classes(ws, m, &L, &D, &S, &H);
    (void)D, (void)H;
    uint64_t valid = m == 64 ? ~0ull : (1ull << m) - 1;
    /* word starts and every other byte that is no white space, from i on
     * (a token ends before a letter only where a number ends: "5km") */
    uint64_t starts = ((L & ~(L << 1)) | (valid & ~(L | S))) & (~0ull << (i - wb));
    size_t next = wb + m;
    while (starts) {
      unsigned b = (unsigned)__builtin_ctzll(starts);
      starts &= starts - 1;
      size_t p = wb + b, j;
      if (L >> b & 1) {
        uint64_t rest = ~L >> b;
        if (__builtin_expect(rest != 0, 1)) {
          size_t wl = (size_t)__builtin_ctzll(rest);
          uint64_t raw = load8(ws + b);
          uint64_t w8 = (raw | 0x2020202020202020ull) & keep_n[wl];
          /* a letter is a capital when its 0x20 bit is clear */
          uint8_t cap = (uint8_t)(~raw >> 5 & 1);
          if (word_tok(lx, tab, mask16, s, p, p + wl, wl, w8, cap, t))
            *cd++ = (uint32_t)(t - toks);
          t++;
          continue; /* no start inside the word */
        }
        j = wb + 64; /* the word runs past the window */
        while (j < len && byte_class[s[j]] == BA) j++;
        size_t wl = j - p;
        uint64_t w8 = pack8(s + p, wl, len - p);
        uint8_t cap = s[p] >= 'A' && s[p] <= 'Z';
        if (word_tok(lx, tab, mask16, s, p, j, wl, w8, cap, t))
          *cd++ = (uint32_t)(t - toks);
        t++;
      } else {
        unsigned char c = ws[b];
        if (byte_class[c] == BD) {
          j = number_token(s, len, p, t);
          *cd++ = (uint32_t)(t - toks);
          t++;
        } else if (c >= 0x80) {
          /* a non-ASCII letter run is a word no lexicon knows */
          j = p + 1;
          while (j < len && (s[j] & 0xC0) == 0x80) j++;
          while (j < len && (s[j] >= 0x80 || is_alpha(s[j]))) j++;
          memset(t, 0, sizeof *t);
          t->s = (uint32_t)p;
          t->kind = DT_WORD;
          t->e = (uint32_t)j;
          t++;
        } else {
          memset(t, 0, sizeof *t);
          t->s = (uint32_t)p;
          t->kind = DT_PUNCT;
          t->e = (uint32_t)(p + 1);
          t++;
          continue;
        }
      }
      /* a token of several bytes: the window goes on after it */
      if (j - wb < 64) {
        starts &= ~0ull << (j - wb);
        continue;
      }
      next = j;
      break;
    }
    i = next;
    if (i - wb >= 64) wb += 64; /* the next window; further when i is past it */
  }
  memset(t, 0, sizeof *t); /* sentinel */
  *n_out = (size_t)(t - toks);
  *starts_out = cand;
  *n_starts = (size_t)(cd - cand);
  return toks;
}
