/* Attribution extractor: cue mentions (type cue) naming who says what.
 *
 * Per sentence, one pass over the words with hash lookups of the cue
 * lexicon (attribution_cues.tsv: word(s) → lemma, stance, role):
 *   "Nikkei Asia also claims that ..."        subject cue: source before
 *   "..., the Nikkei investigation reported." trailing cue: source before
 *   "'...,' said a ministry spokesman"        inverted cue: source after
 *   "according to officials", "quoted by Nikkei"  source after
 *   "..., reports Hong Kong's Asia Times."    credit line for the document
 *   "if confirmed", "allegedly"               hedge marker, no source
 * The source is the entity the earlier stage found there (canonical name),
 * a source noun ("customs records"), or, for "the investigation" or "he",
 * the source named last. value = nesting level (0 outermost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../normalizers/fold8.h"
#include "../normalizers/lexicon.h"
#include "extractor.h"
#include "scan.h"

/* A cue's value (lemma \t stance \t role), parsed once at init. */
typedef struct cue_val {
  char lemma[32];
  cx_stance stance;
  char role;
} cue_val;

/* First words of the cue lexicon with the most words of a cue opening
 * with each (fw_words, by entry of fw) and the one-word cue it is itself
 * (fw_single, entry of cues or -1): a word that opens no cue costs one
 * probe, not one look-up per cue length. The probe is fw_tab, a small
 * open-addressed table of the first words as folded 8-byte words (head and
 * tail), filled at init and read as each word is scanned, so the sentence
 * loop only looks at candidates. fw_next lists, per first word, the second
 * words of its longer cues: when the next word is none of them, no longer
 * cue can match and the look-ups are skipped. */
enum { FW_SLOTS = 512, FW_NEXT = 4, FW_MAX_LEN = 16 };
typedef struct fw_slot {
  uint64_t k0, k1; /* folded head and tail words of the first word */
  uint8_t len;     /* 0: empty slot */
  bool is_if;      /* "if": if_hedge may start here */
  int32_t fw;      /* entry of fw, -1 when only is_if */
} fw_slot;
typedef struct fw_next {
  uint64_t k0[FW_NEXT]; /* folded second words (at most 8 bytes) */
  uint8_t len[FW_NEXT];
  uint8_t n;
  bool any; /* a second word the list cannot hold: never skip */
} fw_next;
/* A set of words (folded head and tail words and length, as fw_tab): a
 * look-up of a phrase in a lexicon is skipped when its first word opens no
 * key of that many words. all: a word the set cannot hold, every word may. */
enum { WS_SLOTS = 128 };
typedef struct wset {
  uint64_t k0[WS_SLOTS], k1[WS_SLOTS];
  uint8_t len[WS_SLOTS]; /* 0: empty slot */
  bool all;
} wset;
typedef struct state {
  cx_lexicon *cues, *sources, *adverbs, *fw;
  /* adverb keys of one word, first words of adverb keys of two words,
   * source keys of one word */
  wset adv1, adv2, src1;
  uint8_t *fw_lens; /* by entry of fw: bit m set when a cue of m words opens with it */
  int max_words;
  int *fw_words;
  long *fw_single;
  fw_next *fw_next; /* by entry of fw */
  bool fw_slow;      /* a first word fw_tab cannot hold: look words up in fw */
  fw_slot fw_tab[FW_SLOTS];
  cue_val *vals;  /* by entry of cues */
  cue_val hedge;  /* "if confirmed" */
  /* The document's scan for cue openers (doc_cands): bit (c2 & 31) of
   * tri[(c0 & 31) | (c1 & 31) << 8] is set for the first three bytes c0 c1
   * c2 of each first word (every bit after a two-letter one); a word whose
   * opening bytes hit no bit opens no cue. */
  uint32_t tri[0x1f1f + 1];
  bool tri_ok; /* every first word has 2..FW_MAX_LEN ASCII letters */
} state;

static inline unsigned char fold(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline size_t fw_hash(uint64_t k0, size_t len) {
  return (size_t)(((k0 ^ len) * 0x9E3779B97F4A7C15ull) >> 55); /* 9 bits */
}

/* Folded head word of w[0..len) (all of it when len <= 8). */
static inline uint64_t head_key(const char *w, size_t len) {
  return cx_fold8(cx_head8(w, len));
}

/* The fw_tab slot of w[0..len), NULL when w opens no cue and is not "if". */
static inline const fw_slot *fw_probe(const state *st, const char *w, size_t len) {
  if (!len || len > FW_MAX_LEN) return NULL;
  uint64_t k0 = head_key(w, len);
  for (size_t s = fw_hash(k0, len);; s = (s + 1) & (FW_SLOTS - 1)) {
    const fw_slot *e = &st->fw_tab[s];
    if (!e->len) return NULL;
    if (e->k0 == k0 && e->len == len &&
        (len <= 8 || e->k1 == cx_fold8(cx_load8(w + len - 8))))
      return e;
  }
}

static inline uint64_t tail_key(const char *w, size_t len) {
  return len > 8 ? cx_fold8(cx_load8(w + len - 8)) : 0;
}

static void ws_add(wset *ws, const char *w, size_t len) {
  if (!len || len > FW_MAX_LEN) {
    ws->all = true;
    return;
  }
  uint64_t k0 = head_key(w, len), k1 = tail_key(w, len);
  size_t s = fw_hash(k0, len);
  for (size_t tries = 0; ws->len[s & (WS_SLOTS - 1)]; s++) {
    size_t j = s & (WS_SLOTS - 1);
    if (ws->k0[j] == k0 && ws->k1[j] == k1 && ws->len[j] == len) return;
    if (++tries == WS_SLOTS) {
      ws->all = true;
      return;
    }
  }
  s &= WS_SLOTS - 1;
  ws->k0[s] = k0, ws->k1[s] = k1, ws->len[s] = (uint8_t)len;
}

/* w[0..len) may be in ws (always when ws->all). */
static inline bool ws_may(const wset *ws, const char *w, size_t len) {
  if (ws->all) return true;
  if (!len || len > FW_MAX_LEN) return false;
  uint64_t k0 = head_key(w, len);
  for (size_t s = fw_hash(k0, len);; s++) {
    size_t j = s & (WS_SLOTS - 1);
    if (!ws->len[j]) return false;
    if (ws->k0[j] == k0 && ws->len[j] == len && ws->k1[j] == tail_key(w, len)) return true;
  }
}

/* Adds to one (and two) the words of lx's keys of one word (the first
 * words of its keys of two). */
static void ws_fill(const cx_lexicon *lx, wset *one, wset *two) {
  for (size_t i = 0; i < cx_lexicon_size(lx); i++) {
    const char *k = cx_lexicon_key(lx, i);
    size_t len = strlen(k), fl = strcspn(k, " ");
    int words = 1;
    for (size_t j = 0; j < len; j++) words += k[j] == ' ';
    if (words == 1) ws_add(one, k, len);
    else if (words == 2 && two) ws_add(two, k, fl);
  }
}

static bool fw_add(state *st, const char *w, size_t len, long fw, bool is_if) {
  if (!len || len > FW_MAX_LEN) return false;
  uint64_t k0 = head_key(w, len), k1 = len > 8 ? cx_fold8(cx_load8(w + len - 8)) : 0;
  size_t s = fw_hash(k0, len);
  for (size_t tries = 0; st->fw_tab[s].len; s = (s + 1) & (FW_SLOTS - 1)) {
    fw_slot *e = &st->fw_tab[s];
    if (e->k0 == k0 && e->k1 == k1 && e->len == len) {
      if (fw >= 0) e->fw = (int32_t)fw;
      e->is_if |= is_if;
      return true;
    }
    if (++tries == FW_SLOTS) return false;
  }
  st->fw_tab[s] = (fw_slot){k0, k1, (uint8_t)len, is_if, (int32_t)fw};
  return true;
}

static void parse_val(const char *v, cue_val *out) {
  char stance[16] = "", role[16] = "";
  out->lemma[0] = '\0';
  sscanf(v, "%31[^\t]\t%15[^\t]\t%15s", out->lemma, stance, role);
  int st = 0;
  for (int i = 0; i <= CX_ST_HEDGED; i++)
    if (strcmp(cx_stance_name((cx_stance)i), stance) == 0) st = i;
  out->stance = (cx_stance)st;
  out->role = role[0];
}

static void fini(void *p) {
  state *s = p;
  if (!s) return;
  cx_lexicon_free(s->cues);
  cx_lexicon_free(s->sources);
  cx_lexicon_free(s->adverbs);
  cx_lexicon_free(s->fw);
  free(s->fw_words);
  free(s->fw_single);
  free(s->fw_next);
  free(s->fw_lens);
  free(s->vals);
  free(s);
}

static cx_status init(void **out, cx_diag *diag) {
  state *s = cx_xcalloc(1, sizeof *s);
  s->cues = cx_lexicon_load("attribution_cues.tsv", false, diag);
  s->sources = cx_lexicon_load("attribution_sources.tsv", false, diag);
  s->adverbs = cx_lexicon_load("attribution_adverbs.tsv", false, diag);
  if (!s->cues || !s->sources || !s->adverbs) {
    fini(s);
    *out = NULL;
    return diag->status;
  }
  s->max_words = cx_lexicon_max_words(s->cues);
  size_t nc = cx_lexicon_size(s->cues);
  s->vals = cx_xcalloc(nc ? nc : 1, sizeof *s->vals);
  parse_val("hedge\thedged\thedge", &s->hedge);
  cx_buf b;
  cx_buf_init(&b);
  for (size_t i = 0; i < nc; i++) {
    const char *k = cx_lexicon_key(s->cues, i);
    size_t fl = strcspn(k, " ");
    cx_buf_put(&b, k, fl);
    cx_buf_put(&b, "\n", 1);
    parse_val(cx_lexicon_value(s->cues, i), &s->vals[i]);
  }
  s->fw = cx_lexicon_parse("cue first words", b.data ? b.data : "", b.len, false, diag);
  cx_buf_free(&b);
  if (!s->fw) {
    fini(s);
    *out = NULL;
    return diag->status;
  }
  s->fw_words = cx_xcalloc(cx_lexicon_size(s->fw) + 1, sizeof *s->fw_words);
  s->fw_single = cx_xcalloc(cx_lexicon_size(s->fw) + 1, sizeof *s->fw_single);
  s->fw_next = cx_xcalloc(cx_lexicon_size(s->fw) + 1, sizeof *s->fw_next);
  s->fw_lens = cx_xcalloc(cx_lexicon_size(s->fw) + 1, sizeof *s->fw_lens);
  ws_fill(s->adverbs, &s->adv1, &s->adv2);
  ws_fill(s->sources, &s->src1, NULL);
  for (size_t i = 0; i < cx_lexicon_size(s->fw); i++) {
    const char *k = cx_lexicon_key(s->fw, i);
    s->fw_single[i] = cx_lexicon_find(s->cues, k, strlen(k));
  }
  for (size_t i = 0; i < nc; i++) {
    const char *k = cx_lexicon_key(s->cues, i);
    size_t len = strlen(k), fl = strcspn(k, " ");
    int words = 1;
    for (size_t j = 0; j < len; j++) words += k[j] == ' ';
    long f = cx_lexicon_find(s->fw, k, fl);
    if (f >= 0 && words > s->fw_words[f]) s->fw_words[f] = words;
    if (f >= 0 && words < 8) s->fw_lens[f] |= (uint8_t)(1u << words);
    if (f >= 0 && words >= 8) s->fw_lens[f] = 0xff; /* look every length up */
    if (f >= 0 && words >= 2) {
      const char *w2 = k + fl + 1;
      size_t l2 = strcspn(w2, " ");
      fw_next *x = &s->fw_next[f];
      if (l2 > 8 || x->n == FW_NEXT) {
        x->any = true;
      } else {
        x->k0[x->n] = head_key(w2, l2);
        x->len[x->n++] = (uint8_t)l2;
      }
    }
  }
  for (size_t i = 0; i < cx_lexicon_size(s->fw); i++) {
    const char *k = cx_lexicon_key(s->fw, i);
    size_t len = strlen(k);
    if (!fw_add(s, k, len, cx_lexicon_find(s->fw, k, len), false)) s->fw_slow = true;
  }
  if (!fw_add(s, "if", 2, cx_lexicon_find(s->fw, "if", 2), true)) s->fw_slow = true;
  s->tri_ok = !s->fw_slow;
  for (size_t i = 0; i <= cx_lexicon_size(s->fw) && s->tri_ok; i++) {
    const char *k = i < cx_lexicon_size(s->fw) ? cx_lexicon_key(s->fw, i) : "if";
    size_t len = strlen(k);
    for (size_t j = 0; j < len; j++)
      if ((unsigned)((k[j] | 0x20) - 'a') >= 26) s->tri_ok = false;
    if (len < 2 || len > FW_MAX_LEN) s->tri_ok = false;
    if (!s->tri_ok) break;
    s->tri[(k[0] & 31) | (k[1] & 31) << 8] |= len == 2 ? ~0u : 1u << (k[2] & 31);
  }
  *out = s;
  return CX_OK;
}

typedef struct word {
  uint32_t start, end;
  int32_t fw; /* entry of the cue first words, -1 when it opens no cue */
  bool cand;  /* opens a cue or is "if": the sentence loop looks here */
} word;

typedef struct cue {
  uint32_t w0, w1; /* words [w0, w1) */
  const char *lemma;
  cx_stance stance;
  char role; /* v verb, p participle, a after, s statement, h hedge */
  const char *source;
  uint32_t src_start, src_end;
  bool inverted, credit;
} cue;

typedef struct ctx {
  const state *st;
  cx_doc *d;
  word *w;
  size_t nw;
  const uint32_t *ents; /* entity mention indices, by start */
  size_t n_ents;
  const char *last_source, *last_person;
  uint32_t last_src_start, last_src_end;
  /* "the investigation" after "the Nikkei investigation reported" */
  struct { const char *noun; size_t len; const char *source; } nouns[16];
  size_t n_nouns;
} ctx;

static void remember_noun(ctx *c, const char *noun, size_t len, const char *source) {
  for (size_t i = 0; i < c->n_nouns; i++)
    if (c->nouns[i].len == len && strncasecmp(c->nouns[i].noun, noun, len) == 0) {
      c->nouns[i].source = source;
      return;
    }
  size_t i = c->n_nouns < 16 ? c->n_nouns++ : 15;
  c->nouns[i].noun = noun, c->nouns[i].len = len, c->nouns[i].source = source;
}

static const char *noun_source(const ctx *c, const char *noun, size_t len) {
  for (size_t i = 0; i < c->n_nouns; i++)
    if (c->nouns[i].len == len && strncasecmp(c->nouns[i].noun, noun, len) == 0)
      return c->nouns[i].source;
  return NULL;
}

static bool is_entity(cx_mention_type t) {
  return t == CX_PERSON || t == CX_ORG || t == CX_GPE || t == CX_NORP ||
         t == CX_LOC;
}

/* Entry of the cue first words for w[0..len) (-1 when none); *is_if when
 * w is "if". */
static inline long word_fw(const state *st, const char *w, size_t len, bool *is_if) {
  if (st->fw_slow) {
    *is_if = len == 2 && fold((unsigned char)w[0]) == 'i' && fold((unsigned char)w[1]) == 'f';
    return len ? cx_lexicon_find(st->fw, w, len) : -1;
  }
  const fw_slot *e = fw_probe(st, w, len);
  *is_if = e && e->is_if;
  return e ? e->fw : -1;
}

/* Entry of the cue first words for a word of len (<= 8) letters whose
 * folded, zero-padded bytes are k0 (-1 when none); *is_if when it is "if". */
static inline long letters_fw(const state *st, uint64_t k0, size_t len, bool *is_if) {
  for (size_t s = fw_hash(k0, len);; s = (s + 1) & (FW_SLOTS - 1)) {
    const fw_slot *e = &st->fw_tab[s];
    if (!e->len) break;
    if (e->k0 == k0 && e->len == len) {
      *is_if = e->is_if;
      return e->fw;
    }
  }
  *is_if = false;
  return -1;
}

/* Appends the word [b, i) (a run of word bytes, ' and - inside the
 * sentence) to out, looked up in the cue first words; "China's": the word
 * is China. */
static inline __attribute__((always_inline)) void
add_word(const state *st, const char *t, size_t len, uint32_t b, uint32_t i, bool letters,
         word *out, size_t *n, uint32_t *cands, size_t *nc) {
  size_t l = i - b;
  bool is_if;
  long fw;
  if (letters && l <= 8 && b + 8 <= len) {
    /* ASCII letters only (fast_end is 0 on the slow path): one load, bit 5
     * set folds them */
    uint64_t k0 = cx_load8(t + b) | 0x2020202020202020ull;
    if (l < 8) k0 &= (1ull << (l * 8)) - 1;
    fw = letters_fw(st, k0, l, &is_if);
  } else if (l <= 8 && b + 8 <= len && !st->fw_slow) {
    if (l > 2 && t[i - 2] == '\'' && t[i - 1] == 's') l -= 2, i -= 2;
    uint64_t k0 = cx_fold8(cx_load8(t + b));
    if (l < 8) k0 &= (1ull << (l * 8)) - 1;
    fw = letters_fw(st, k0, l, &is_if);
  } else {
    if (l > 2 && t[i - 2] == '\'' && t[i - 1] == 's') l -= 2, i -= 2;
    fw = word_fw(st, t + b, l, &is_if);
  }
  if (fw >= 0 || is_if) cands[(*nc)++] = (uint32_t)*n;
  out[(*n)++] = (word){b, i, (int32_t)fw, fw >= 0 || is_if};
}

/* Word-start, word and letter masks of the 64 bytes of t at blk, with no
 * word byte at or past e (the end of the text reads as zero padding, which
 * is in no class). */
static inline void block_masks(const char *t, size_t len, uint32_t blk, uint32_t e,
                               uint64_t *wb, uint64_t *wc, uint64_t *al) {
  if (blk + 64 <= len) {
    cx_word_masks64((const unsigned char *)t + blk, wb, wc, al);
  } else {
    unsigned char buf[64] = {0};
    memcpy(buf, t + blk, len - blk);
    cx_word_masks64(buf, wb, wc, al);
  }
  if (e - blk < 64) {
    uint64_t lim = (1ull << (e - blk)) - 1;
    *wb &= lim, *wc &= lim;
  }
}

/* Words of [s, e); punctuation is a gap between words. Each word is looked
 * up in the cue first words as it is found; returns the number of words;
 * cands[0..*n_cand) are the words that may open a cue. A word opens at a
 * word byte and runs over word bytes, ' and -: both found 64 bytes at a
 * time from byte-class masks. */
static size_t words_of(const state *st, cx_doc *d, uint32_t s, uint32_t e, word *out,
                       uint32_t *cands, size_t *n_cand) {
  const char *t = d->norm;
  const size_t len = d->norm_len, fast_end = st->fw_slow ? 0 : len;
  size_t n = 0, nc = 0;
  bool in_word = false;
  uint32_t b = 0;
  for (uint32_t blk = s; blk < e; blk += 64) {
    uint64_t wb, wc, al;
    block_masks(t, len, blk, e, &wb, &wc, &al);
    uint64_t not_al = ~al;
    unsigned from = 0; /* bits below were seen */
    for (;;) {
      if (!in_word) {
        uint64_t m = from < 64 ? wb & (~0ull << from) : 0;
        if (!m) break;
        from = (unsigned)__builtin_ctzll(m);
        b = blk + from;
        in_word = true;
      }
      uint64_t stop = ~wc & (~0ull << from);
      if (!stop) break; /* the word goes on in the next block */
      unsigned q = (unsigned)__builtin_ctzll(stop);
      /* a word inside this block made of letters only: no "'s", key by
       * setting bit 5 */
      bool letters = b >= blk && !(not_al & (stop ^ (stop - 1)) >> 1 & (~0ull << (b - blk)));
      add_word(st, t, fast_end, b, blk + q, letters, out, &n, cands, &nc);
      in_word = false;
      from = q + 1;
    }
  }
  if (in_word) add_word(st, t, fast_end, b, e, false, out, &n, cands, &nc);
  *n_cand = nc;
  return n;
}

/* A word of the whole text that opens a cue or is "if", found before the
 * text is split into sentences' words: word_fw's answer for it. */
typedef struct dcand {
  uint32_t b;  /* its first byte */
  int32_t fw;  /* entry of the cue first words, -1 for "if" alone */
  bool keep;   /* keep_cands may keep it (the next word is looked at across
                * sentence ends: more, never fewer) */
} dcand;

static inline bool wb_byte(unsigned char c) { return cx_is_word_byte(c); }
static inline bool wc_byte(unsigned char c) {
  return cx_is_word_byte(c) || c == '\'' || c == '-';
}

/* End of the word opening at u[b] (a run of word bytes, ' and -) less a
 * trailing "'s", as words_of ends it; *raw the end of the run. */
static inline size_t word_end(const unsigned char *u, size_t len, size_t b, size_t *raw) {
  size_t i = b;
  while (i < len && wc_byte(u[i])) i++;
  *raw = i;
  if (i - b > 2 && u[i - 2] == '\'' && u[i - 1] == 's') i -= 2;
  return i;
}

/* The first-word entry of the word opening at u[b] (word_fw of the word
 * words_of ends, "'s" off); *raw the end of its run. */
static inline long word_fw_at(const state *st, const unsigned char *u, size_t len, size_t b,
                              size_t *raw, bool *is_if) {
  if (b + 8 <= len) {
    size_t r = cx_letter_run8((const char *)u + b, NULL);
    if (r < 8 && !wc_byte(u[b + r])) { /* ASCII letters only: bit 5 folds */
      *raw = b + r;
      uint64_t k0 = (cx_load8((const char *)u + b) | 0x2020202020202020ull) &
                    ((1ull << (r * 8)) - 1);
      return letters_fw(st, k0, r, is_if);
    }
  }
  size_t i = word_end(u, len, b, raw);
  return word_fw(st, (const char *)u + b, i - b, is_if);
}

/* second_may for the word after the one ending at u[p] in the whole text. */
static bool next_may(const state *st, long fi, const unsigned char *u, size_t len, size_t p) {
  const fw_next *x = &st->fw_next[fi];
  if (x->any) return true;
  for (size_t gap = 0; p < len && !wb_byte(u[p]); p++)
    if (++gap > 64) return true; /* far away: keep, the sentence decides */
  if (p >= len) return false;
  size_t l;
  uint64_t k0;
  size_t r = p + 8 <= len ? cx_letter_run8((const char *)u + p, NULL) : 0;
  if (r && r < 8 && !wc_byte(u[p + r])) { /* ASCII letters only */
    l = r;
    k0 = (cx_load8((const char *)u + p) | 0x2020202020202020ull) & ((1ull << (r * 8)) - 1);
  } else {
    size_t raw;
    l = word_end(u, len, p, &raw) - p;
    if (l > 8) return false;
    k0 = head_key((const char *)u + p, l);
  }
  for (size_t i = 0; i < x->n; i++)
    if (x->len[i] == l && x->k0[i] == k0) return true;
  return false;
}

/* The words of the whole text that open a cue or are "if", in text order:
 * a word is looked at only when its first three bytes can open a first
 * word (tri), so most words cost a mask bit and one table probe. Words
 * are the runs words_of finds when a sentence starts outside a word: a run
 * of word bytes, ' and - opening at its first word byte. */
/* Appends the word opening at u[b] to v when it opens a cue or is "if"
 * (b opens a run of word bytes whose first bytes passed tri). */
static void doc_cand(const state *st, cx_doc *d, size_t b, dcand **v, size_t *n, size_t *cap) {
  const unsigned char *u = (const unsigned char *)d->norm;
  const size_t len = d->norm_len;
  size_t p = b;
  while (p > 0 && (u[p - 1] == '\'' || u[p - 1] == '-')) p--;
  if (p < b && p > 0 && wb_byte(u[p - 1])) return; /* inside a word */
  size_t raw;
  bool is_if;
  long fw = word_fw_at(st, u, len, b, &raw, &is_if);
  if (fw < 0 && !is_if) return;
  if (*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 32;
    dcand *w = cx_arena_alloc(d->arena, nc * sizeof *w);
    if (*n) memcpy(w, *v, *n * sizeof *w);
    *v = w, *cap = nc;
  }
  bool keep = is_if || st->fw_single[fw] >= 0 ||
              (st->fw_words[fw] >= 2 && next_may(st, fw, u, len, raw));
  (*v)[(*n)++] = (dcand){(uint32_t)b, (int32_t)fw, keep};
}

/* The words of the whole text that open a cue or are "if", in text order:
 * a word is looked at only when its first three bytes can open a first
 * word (tri), so most words cost a mask bit and one table probe. Words
 * are the runs words_of finds when a sentence starts outside a word: a run
 * of word bytes, ' and - opening at its first word byte. */
static dcand *doc_cands(const state *st, cx_doc *d, size_t *n_out) {
  const unsigned char *u = (const unsigned char *)d->norm;
  const size_t len = d->norm_len;
  const uint32_t *tri = st->tri;
  dcand *v = NULL;
  size_t n = 0, cap = 0;
  uint64_t carry = 0; /* the byte before the block is a word byte */
  for (size_t blk = 0; blk < len; blk += 64) {
    uint64_t a, dg, sp, hi;
    cx_mask64_classes(u + blk, len - blk < 64 ? len - blk : 64, &a, &dg, &sp, &hi);
    uint64_t wb = a | dg | hi;
    /* every word opens a run of word bytes; "o'neil": a run inside a word */
    uint64_t starts = wb & ~(wb << 1 | carry);
    carry = wb >> 63;
    /* a first word opens with two ASCII letters (tri_ok): not "a", "5G" */
    starts &= a & (a >> 1 | 1ull << 63);
    uint8_t hit[32]; /* a run start every other byte at most */
    unsigned nh = 0;
    const unsigned char *base = u + blk;
    if (blk + 64 + 4 <= len) {
      for (; starts; starts &= starts - 1) {
        size_t o = (size_t)__builtin_ctzll(starts);
        uint32_t x;
        memcpy(&x, base + o, 4);
        if (tri[x & 0x1f1f] >> (x >> 16 & 31) & 1) hit[nh++] = (uint8_t)o;
      }
    } else { /* the end of the text: the opening bytes one by one */
      for (; starts; starts &= starts - 1) {
        unsigned o = (unsigned)__builtin_ctzll(starts);
        uint32_t x = 0;
        for (size_t k = blk + o; k < len && k < blk + o + 4; k++)
          x |= (uint32_t)u[k] << (8 * (k - blk - o));
        hit[nh] = (uint8_t)o;
        nh += tri[x & 0x1f1f] >> (x >> 16 & 31) & 1;
      }
    }
    for (unsigned h = 0; h < nh; h++) doc_cand(st, d, blk + hit[h], &v, &n, &cap);
  }
  *n_out = n;
  return v;
}

/* words_of for a sentence no word crosses the ends of, with the cue first
 * words taken from doc_cands' list (dc[*ci..nd), at or after s). */
static size_t words_merge(cx_doc *d, uint32_t s, uint32_t e, const dcand *dc, size_t nd,
                          size_t *ci, word *out, uint32_t *cands, size_t *n_cand) {
  const char *t = d->norm;
  const size_t len = d->norm_len;
  size_t n = 0, nc = 0, k = *ci;
  bool in_word = false;
  uint32_t b = 0;
  /* the next listed word: every listed word in [s, e) opens a word here */
  uint32_t next_b = k < nd ? dc[k].b : UINT32_MAX;
#define PUT_WORD(i_)                                                       \
  do {                                                                     \
    uint32_t i = (i_);                                                     \
    if (t[i - 1] == 's' && i - b > 2 && t[i - 2] == '\'') i -= 2;          \
    int32_t fw = -1;                                                       \
    bool cand = false;                                                     \
    if (b >= next_b) {                                                     \
      while (k < nd && dc[k].b < b) k++;                                   \
      if (k < nd && dc[k].b == b) {                                        \
        fw = dc[k].fw, cand = true;                                        \
        cands[nc++] = (uint32_t)n;                                         \
        k++;                                                               \
      }                                                                    \
      next_b = k < nd ? dc[k].b : UINT32_MAX;                              \
    }                                                                      \
    out[n++] = (word){b, i, fw, cand};                                     \
  } while (0)
  for (uint32_t blk = s; blk < e; blk += 64) {
    uint64_t wb, wc, al;
    block_masks(t, len, blk, e, &wb, &wc, &al);
    unsigned from = 0;
    for (;;) {
      if (!in_word) {
        uint64_t m = from < 64 ? wb & (~0ull << from) : 0;
        if (!m) break;
        from = (unsigned)__builtin_ctzll(m);
        b = blk + from;
        in_word = true;
      }
      uint64_t stop = ~wc & (~0ull << from);
      if (!stop) break;
      unsigned q = (unsigned)__builtin_ctzll(stop);
      PUT_WORD(blk + q);
      in_word = false;
      from = q + 1;
    }
  }
  if (in_word) PUT_WORD(e);
#undef PUT_WORD
  *ci = k;
  *n_cand = nc;
  return n;
}

/* A cue longer than one word opening with first word fi at word k can
 * match: the next word is one of the second words of such cues. */
static bool second_may(const ctx *c, long fi, size_t k);

static const char *wtext(const ctx *c, size_t k) { return c->d->norm + c->w[k].start; }
static size_t wlen(const ctx *c, size_t k) { return c->w[k].end - c->w[k].start; }

static bool second_may(const ctx *c, long fi, size_t k) {
  const fw_next *x = &c->st->fw_next[fi];
  if (x->any) return true;
  if (k + 1 >= c->nw) return false;
  size_t l = wlen(c, k + 1);
  if (l > 8) return false;
  uint64_t k0 = head_key(wtext(c, k + 1), l);
  for (size_t i = 0; i < x->n; i++)
    if (x->len[i] == l && x->k0[i] == k0) return true;
  return false;
}

/* Keeps the candidates where a cue can match: a one-word cue, a longer one
 * whose second word follows, or "if" (if_hedge); most "in", "as", "could"
 * open nothing. Clears the flag of the others and keeps the rest, in
 * order, at the front of cands; returns how many. */
static size_t keep_cands(ctx *c, uint32_t *cands, size_t n) {
  size_t left = 0;
  for (size_t i = 0; i < n; i++) {
    word *w = &c->w[cands[i]];
    long fi = w->fw;
    bool is_if = wlen(c, cands[i]) == 2 && fold((unsigned char)wtext(c, cands[i])[0]) == 'i' &&
                 fold((unsigned char)wtext(c, cands[i])[1]) == 'f';
    if (is_if || (fi >= 0 && (c->st->fw_single[fi] >= 0 ||
                              (c->st->fw_words[fi] >= 2 && second_may(c, fi, cands[i])))))
      cands[left++] = cands[i];
    else
      w->cand = false;
  }
  return left;
}

/* Text between two words has only spaces (no comma, no quote). */
static bool adjacent(const ctx *c, size_t a, size_t b) {
  uint32_t i = c->w[a].end;
  if (i + 2 <= c->w[b].start && c->d->norm[i] == '\'' && c->d->norm[i + 1] == 's')
    i += 2; /* possessive: "Hong Kong's Asia Times" */
  for (; i < c->w[b].start; i++)
    if (c->d->norm[i] != ' ') return false;
  return true;
}

/* Entry of lx for words [a, b) joined by single spaces; -1 when absent or
 * when punctuation separates them. */
static long lookup_index(const ctx *c, size_t a, size_t b, const cx_lexicon *lx) {
  if (b > c->nw) return -1;
  /* most words open no adverb or source: no phrase to build */
  const state *st = c->st;
  const wset *pre = lx == st->adverbs ? (b - a == 1 ? &st->adv1 : b - a == 2 ? &st->adv2 : NULL)
                    : lx == st->sources && b - a == 1 ? &st->src1
                                                      : NULL;
  if (pre && !ws_may(pre, wtext(c, a), wlen(c, a))) return -1;
  char buf[128];
  size_t n = 0;
  for (size_t k = a; k < b; k++) {
    if (k > a && !adjacent(c, k - 1, k)) return -1;
    if (n + wlen(c, k) + 1 >= sizeof buf) return -1;
    if (k > a) buf[n++] = ' ';
    memcpy(buf + n, wtext(c, k), wlen(c, k));
    n += wlen(c, k);
  }
  return cx_lexicon_find(lx, buf, n);
}

static bool lookup(const ctx *c, size_t a, size_t b, const cx_lexicon *lx,
                   const char **val) {
  long i = lookup_index(c, a, b, lx);
  if (i >= 0 && val) *val = cx_lexicon_value(lx, (size_t)i);
  return i >= 0;
}

/* First entity (in start order) starting at or after byte `pos`. */
static size_t first_entity_from(const ctx *c, uint32_t pos) {
  size_t lo = 0, hi = c->n_ents;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c->d->mentions[c->ents[mid]].start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* Entity mention covering or ending at [s, e). -1 when none. */
static long entity_in(const ctx *c, uint32_t s, uint32_t e) {
  long best = -1;
  for (size_t i = first_entity_from(c, s); i < c->n_ents; i++) {
    const cx_mention *m = &c->d->mentions[c->ents[i]];
    if (m->start >= e) break;
    if (m->start >= s && m->end <= e) best = (long)c->ents[i];
  }
  return best;
}

static void set_source_entity(ctx *c, cue *q, long mi) {
  const cx_mention *m = &c->d->mentions[mi];
  q->source = m->str;
  q->src_start = m->start, q->src_end = m->end;
}

/* A word opening a clause, never part of a source phrase. */
static bool clause_word(const ctx *c, size_t k) {
  static const char *const w[] = {"that", "which", "who", "and", "but", "while", "as",
                                  "because", "when", "where", "if", "so", "also"};
  for (size_t i = 0; i < sizeof w / sizeof *w; i++)
    if (wlen(c, k) == strlen(w[i]) && strncasecmp(wtext(c, k), w[i], wlen(c, k)) == 0)
      return true;
  return false;
}

/* Source before the cue: skip adverbs, then an entity possibly followed by
 * a source noun ("the Nikkei investigation"), a source noun alone, or a
 * pronoun / anaphoric noun that names the last source. */
static bool source_before(ctx *c, cue *q) {
  long k = (long)q->w0 - 1;
  /* "The Legal Affairs Committee (JURI) said": skip the parenthesis */
  if (k >= 1) {
    uint32_t p = c->w[q->w0].start;
    while (p > c->w[k].end && c->d->norm[p - 1] == ' ') p--;
    if (p > c->w[k].end && c->d->norm[p - 1] == ')') {
      while (k >= 0 && c->w[k].start > 0 && c->d->norm[c->w[k].start - 1] != '(') k--;
      k--;
      if (k < 0) return false;
      q->w0 = (uint32_t)k + 1; /* adjacency is checked from the name */
    }
  }
  while (k >= 0 && adjacent(c, (size_t)k, (size_t)k + 1)) {
    if (k >= 1 && lookup(c, (size_t)k - 1, (size_t)k + 1, c->st->adverbs, NULL)) { k -= 2; continue; }
    if (lookup(c, (size_t)k, (size_t)k + 1, c->st->adverbs, NULL)) { k--; continue; }
    break;
  }
  if (k < 0) return false;
  if (k + 1 < (long)q->w0 && !adjacent(c, (size_t)k, (size_t)k + 1)) return false;
  size_t head = (size_t)k;
  bool noun = lookup(c, head, head + 1, c->st->sources, NULL);
  /* the subject phrase: up to 6 words back, stopping at punctuation */
  size_t first = head;
  while (first > 0 && head - first < 6 && adjacent(c, first - 1, first)) first--;
  long mi = entity_in(c, c->w[first].start, c->w[head].end);
  if (!noun && mi >= 0 && c->d->mentions[mi].end == c->w[head].end) {
    set_source_entity(c, q, mi);
    return true;
  }
  if (noun) {
    if (mi >= 0) { /* "the Nikkei investigation", "a Ministry spokesman" */
      set_source_entity(c, q, mi);
      remember_noun(c, wtext(c, head), wlen(c, head), q->source);
      return true;
    }
    bool definite = head > 0 && adjacent(c, head - 1, head) &&
                    wlen(c, head - 1) == 3 && strncasecmp(wtext(c, head - 1), "the", 3) == 0;
    const char *named = definite ? noun_source(c, wtext(c, head), wlen(c, head)) : NULL;
    if (named) { /* "the investigation": named before */
      q->source = named;
      q->src_start = c->w[head - 1].start, q->src_end = c->w[head].end;
      return true;
    }
    /* "customs records", "officials" */
    size_t a = head;
    if (head > 0 && adjacent(c, head - 1, head) &&
        !(wlen(c, head - 1) <= 3 && (strncasecmp(wtext(c, head - 1), "the", 3) == 0 ||
                                     strncasecmp(wtext(c, head - 1), "a", 1) == 0)) &&
        !clause_word(c, head - 1)) /* "that inspectors found" */
      a = head - 1;
    q->source = cx_arena_strndup(c->d->arena, wtext(c, a), c->w[head].end - c->w[a].start);
    q->src_start = c->w[a].start, q->src_end = c->w[head].end;
    remember_noun(c, wtext(c, head), wlen(c, head), q->source);
    return true;
  }
  /* pronouns: he/she name the last person, they/it the last source */
  static const char *const pron[] = {"he", "she", "they", "it"};
  for (size_t i = 0; i < 4; i++)
    if (wlen(c, head) == strlen(pron[i]) && strncasecmp(wtext(c, head), pron[i], wlen(c, head)) == 0) {
      const char *src = i < 2 ? c->last_person : c->last_source;
      if (!src) return false;
      q->source = src;
      q->src_start = c->w[head].start, q->src_end = c->w[head].end;
      return true;
    }
  return false;
}

/* Source after the cue, up to punctuation or another cue: an entity with a
 * role noun after it keeps the phrase ("Chinese Ministry of Commerce
 * spokesman"); else the last organisation or person in it. */
static bool source_after(ctx *c, cue *q, size_t *end_word) {
  size_t a = q->w1, b = a;
  if (a >= c->nw || !adjacent(c, a - 1, a)) return false;
  while (b < c->nw && (b == a || adjacent(c, b - 1, b)) && b - a < 10) {
    if (c->w[b].fw >= 0 &&
        (lookup(c, b, b + 1, c->st->cues, NULL) || lookup(c, b, b + 2, c->st->cues, NULL)))
      break;
    static const char *const stop[] = {"who", "that", "which", "in", "on", "at", "as"};
    bool s = false;
    for (size_t i = 0; i < 7; i++)
      if (wlen(c, b) == strlen(stop[i]) && strncmp(wtext(c, b), stop[i], wlen(c, b)) == 0) s = true;
    if (s) break;
    b++;
  }
  if (b == a) return false;
  *end_word = b;
  /* the source opens the phrase: "said a ministry spokesman", "said Nikkei";
   * not "said it was vital to ask whether Mr X ..." */
  {
    unsigned char f = (unsigned char)wtext(c, a)[0];
    bool det = (wlen(c, a) == 1 && (f == 'a' || f == 'A')) ||
               (wlen(c, a) == 2 && strncasecmp(wtext(c, a), "an", 2) == 0) ||
               (wlen(c, a) == 3 && strncasecmp(wtext(c, a), "the", 3) == 0) ||
               (wlen(c, a) == 3 && strncasecmp(wtext(c, a), "his", 3) == 0) ||
               (wlen(c, a) == 3 && strncasecmp(wtext(c, a), "her", 3) == 0) ||
               (wlen(c, a) == 5 && strncasecmp(wtext(c, a), "their", 5) == 0);
    if (!det && !(f >= 'A' && f <= 'Z') && f < 0x80 &&
        !lookup(c, a, a + 1, c->st->sources, NULL))
      return false;
  }
  /* skip determiners */
  while (a < b && ((wlen(c, a) == 1 && (wtext(c, a)[0] == 'a' || wtext(c, a)[0] == 'A')) ||
                   (wlen(c, a) == 2 && strncasecmp(wtext(c, a), "an", 2) == 0) ||
                   (wlen(c, a) == 3 && strncasecmp(wtext(c, a), "the", 3) == 0)))
    a++;
  if (a == b) return false;
  bool role = lookup(c, b - 1, b, c->st->sources, NULL);
  long best = -1, first = -1;
  for (size_t i = first_entity_from(c, c->w[a].start); i < c->n_ents; i++) {
    const cx_mention *m = &c->d->mentions[c->ents[i]];
    if (m->start >= c->w[b - 1].end) break;
    if (m->start < c->w[a].start) continue;
    if (first < 0) first = (long)c->ents[i];
    if (m->end == c->w[b - 1].end) role = false; /* "Dimension Data" is a name */
    if (m->type == CX_ORG || m->type == CX_PERSON || best < 0) best = (long)c->ents[i];
  }
  /* "says Cara Diemont of IT firm Dimension Data": the person speaks */
  if (first >= 0 && c->d->mentions[first].type == CX_PERSON &&
      c->d->mentions[first].start == c->w[a].start) {
    set_source_entity(c, q, first);
    return true;
  }
  if (role || best < 0) {
    /* a phrase that names nobody is not a source ("rejected its adoption") */
    if (!role) return false;
    q->source = cx_arena_strndup(c->d->arena, wtext(c, a), c->w[b - 1].end - c->w[a].start);
    q->src_start = c->w[a].start, q->src_end = c->w[b - 1].end;
    return true;
  }
  set_source_entity(c, q, best);
  return true;
}

static bool quote_char(char ch) { return ch == '\'' || ch == '"'; }

/* "X, 32, from Wembley, London, said": the speaker is the last person named
 * before the cue in the sentence, else its first organisation. */
static bool appositive_subject(ctx *c, const cx_sent *s, cue *q) {
  long person = -1, org = -1;
  uint32_t end = c->w[q->w0].start;
  for (size_t i = first_entity_from(c, s->start); i < c->n_ents; i++) {
    const cx_mention *m = &c->d->mentions[c->ents[i]];
    if (m->start >= end) break;
    if (m->start < s->start) continue;
    if (m->type == CX_PERSON) person = (long)c->ents[i];
    else if (m->type == CX_ORG && org < 0) org = (long)c->ents[i];
  }
  long mi = person >= 0 ? person : org;
  if (mi >= 0) {
    set_source_entity(c, q, mi);
    return true;
  }
  /* "The minister, who took office in May, said": the source noun that
   * opens the sentence */
  for (size_t k = 0; k < q->w0 && k < 4; k++) {
    if (lookup(c, k, k + 1, c->st->sources, NULL)) {
      size_t a = k;
      if (k > 0 && adjacent(c, k - 1, k) && !(wlen(c, k - 1) <= 3 &&
          (strncasecmp(wtext(c, k - 1), "the", 3) == 0 || strncasecmp(wtext(c, k - 1), "a", 1) == 0)))
        a = k - 1;
      q->source = cx_arena_strndup(c->d->arena, wtext(c, a), c->w[k].end - c->w[a].start);
      q->src_start = c->w[a].start, q->src_end = c->w[k].end;
      return true;
    }
    if (k + 1 < c->nw && !adjacent(c, k, k + 1)) break; /* the first comma */
  }
  return false;
}

/* "if the findings are confirmed", "if true": a condition hedging the
 * claim; returns the words up to the condition's verb. */
static bool if_hedge(const ctx *c, size_t k, size_t *n) {
  if (!(wlen(c, k) == 2 && fold((unsigned char)wtext(c, k)[0]) == 'i' &&
        fold((unsigned char)wtext(c, k)[1]) == 'f'))
    return false;
  static const char *const w[] = {"confirmed", "verified", "proven", "true", "accurate"};
  for (size_t j = k + 1; j < c->nw && j <= k + 5; j++) {
    if (!adjacent(c, j - 1, j)) return false;
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
      if (wlen(c, j) == strlen(w[i]) && strncasecmp(wtext(c, j), w[i], wlen(c, j)) == 0) {
        *n = j + 1 - k;
        return true;
      }
  }
  return false;
}

/* The sentence opens by pointing back: "The claim ...", "This ...". */
static bool anaphoric_opening(const ctx *c, size_t cue_w) {
  static const char *const one[] = {"this", "that", "it", "these", "those"};
  static const char *const nouns[] = {"claim", "claims", "report", "reports", "allegation",
                                      "allegations", "account", "figure", "figures",
                                      "information", "footage", "video", "statement"};
  if (!c->nw || cue_w > 4) return false;
  for (size_t i = 0; i < sizeof one / sizeof *one; i++)
    if (wlen(c, 0) == strlen(one[i]) && strncasecmp(wtext(c, 0), one[i], wlen(c, 0)) == 0)
      return true;
  if (c->nw < 2 || !(wlen(c, 0) == 3 && strncasecmp(wtext(c, 0), "the", 3) == 0)) return false;
  for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
    if (wlen(c, 1) == strlen(nouns[i]) && strncasecmp(wtext(c, 1), nouns[i], wlen(c, 1)) == 0)
      return true;
  return false;
}

/* cands[0..n_cands): the words where a cue may open (keep_cands); the
 * words between them open nothing and are not visited. Not inlined: run's
 * word loops keep their registers (fewer instructions). */
__attribute__((noinline)) static void sentence(ctx *c, const cx_sent *s, bool first_para,
                                               const uint32_t *cands, size_t n_cands) {
  cue qs[16];
  size_t nq = 0;
  const char *subject_source = NULL;
  uint32_t subj_s = 0, subj_e = 0;
  for (size_t k = 0, ci = 0; nq < 16;) {
    while (ci < n_cands && cands[ci] < k) ci++;
    if (ci == n_cands) break;
    k = cands[ci];
    const cue_val *v = NULL;
    size_t n = 0;
    long fi = c->w[k].fw;
    size_t m = fi >= 0 ? (size_t)c->st->fw_words[fi] : 0;
    if (m >= 2 && !second_may(c, fi, k)) m = 1; /* no longer cue can match */
    for (; m >= 1; m--) {
      /* one word: the first-word entry knows its own cue */
      if (m < 8 && !(c->st->fw_lens[fi] >> m & 1)) continue; /* no cue of m words */
      long e = m == 1 ? c->st->fw_single[fi] : lookup_index(c, k, k + m, c->st->cues);
      if (e >= 0) {
        v = &c->st->vals[e];
        n = m;
        break;
      }
    }
    if (!n && if_hedge(c, k, &n)) v = &c->st->hedge;
    if (!n) { k++; continue; }
    cue q = {.w0 = (uint32_t)k, .w1 = (uint32_t)(k + n), .role = v->role};
    q.lemma = strcmp(v->lemma, "said") == 0 ? "said" : cx_arena_strdup(c->d->arena, v->lemma);
    q.stance = v->stance;
    k += n;
    /* "the media reports were wrong", "claims of abuse": nouns, not cues */
    if (n == 1 && k < c->nw && adjacent(c, k - 1, k)) {
      static const char *const noun_next[] = {"were", "was", "are", "is", "have", "has",
                                              "had", "of", "about", "by", "on"};
      static const char *const noun_forms[] = {"reports", "report", "claims", "claim",
                                               "show", "shows", "denials", "findings"};
      bool form = false, next = false;
      for (size_t i = 0; i < sizeof noun_forms / sizeof *noun_forms; i++)
        if (wlen(c, k - 1) == strlen(noun_forms[i]) &&
            strncasecmp(wtext(c, k - 1), noun_forms[i], wlen(c, k - 1)) == 0)
          form = true;
      for (size_t i = 0; i < sizeof noun_next / sizeof *noun_next && form; i++)
        if (wlen(c, k) == strlen(noun_next[i]) &&
            strncasecmp(wtext(c, k), noun_next[i], wlen(c, k)) == 0)
          next = true;
      if (form && next) continue;
    }
    bool ok = false;
    if (q.role == 'h') {
      ok = true;
    } else if (q.role == 'a') {
      size_t e;
      ok = source_after(c, &q, &e);
    } else if (q.role == 'p') {
      /* "..., saying it suspended": the sentence's subject speaks */
      if (subject_source) {
        q.source = subject_source, q.src_start = subj_s, q.src_end = subj_e;
        ok = true;
      } else if (c->nw) { /* the sentence's opening name: "DJI released ..." */
        long mi = entity_in(c, c->w[0].start, c->w[c->nw > 3 ? 3 : c->nw - 1].end);
        if (mi >= 0 && (c->d->mentions[mi].type == CX_ORG ||
                        c->d->mentions[mi].type == CX_PERSON)) {
          set_source_entity(c, &q, mi);
          ok = true;
        }
      }
    } else if (q.role == 's') {
      ok = source_before(c, &q);
    } else {
      /* inverted when the cue follows a comma or a closing quote */
      uint32_t p = c->w[q.w0].start;
      while (p > s->start && c->d->norm[p - 1] == ' ') p--;
      char prev = p > s->start ? c->d->norm[p - 1] : '\0';
      size_t e = 0;
      if ((prev == ',' || quote_char(prev)) && source_after(c, &q, &e)) {
        q.inverted = true;
        ok = true;
        /* credit line: ", reports Hong Kong's Asia Times." ends the first
         * paragraph's sentence */
        if (first_para && q.stance == CX_ST_REPORTS && e == c->nw && prev == ',' &&
            strcmp(q.lemma, "reported") == 0)
          q.credit = true;
        if (quote_char(prev) || (prev == ',' && p >= s->start + 2 && quote_char(c->d->norm[p - 2])))
          q.stance = CX_ST_QUOTES;
      } else if (prev == ',' && appositive_subject(c, s, &q)) {
        ok = true; /* "Eleanor Scott, the party's spokeswoman, said" */
      } else {
        ok = source_before(c, &q);
        /* a closing clause ("..., Reuters reported.") frames the sentence */
        if (ok && q.w1 + 2 >= c->nw) {
          uint32_t b = q.src_start;
          while (b > s->start && c->d->norm[b - 1] == ' ') b--;
          if (b > s->start && c->d->norm[b - 1] == ',') q.inverted = true;
          /* "..., the Nikkei investigation reported." */
          else if (c->w[0].start < q.src_start) {
            for (size_t k = 1; k < q.w0; k++)
              if (c->w[k].start <= q.src_start && c->w[k].end >= q.src_start) {
                size_t d = k;
                while (d > 0 && adjacent(c, d - 1, d) && wlen(c, d - 1) <= 3) d--;
                if (d > 0 && !adjacent(c, d - 1, d)) q.inverted = true;
                break;
              }
          }
        }
      }
    }
    if (!ok) continue;
    /* "Sources told Reuters that ...": the one told carries the account */
    if (q.role == 'v' && !q.inverted && q.w1 < c->nw && nq + 1 < 16 &&
        ((wlen(c, q.w0) == 4 && strncasecmp(wtext(c, q.w0), "told", 4) == 0) ||
         (wlen(c, q.w0) == 5 && strncasecmp(wtext(c, q.w0), "tells", 5) == 0))) {
      size_t y = q.w1;
      if (wlen(c, y) == 3 && strncasecmp(wtext(c, y), "the", 3) == 0 && y + 1 < c->nw) y++;
      size_t ei = first_entity_from(c, c->w[y].start);
      if (adjacent(c, q.w1 - 1, q.w1) && ei < c->n_ents &&
          c->d->mentions[c->ents[ei]].start == c->w[y].start) {
        const cx_mention *m = &c->d->mentions[c->ents[ei]];
        if (m->type == CX_ORG || m->type == CX_PERSON) {
          cue r = {.w0 = q.w0, .w1 = q.w1, .lemma = "told", .stance = CX_ST_REPORTS,
                   .role = 'v', .source = m->str, .src_start = m->start,
                   .src_end = m->end, .inverted = true};
          qs[nq++] = r;
        }
      }
    }
    /* direct speech: the sentence opens with a quotation the cue closes
     * ('"We will not back down," the minister told parliament'), or the
     * cue introduces one ('she said: "The time has come"') */
    if (q.role == 'v' && q.stance == CX_ST_REPORTS) {
      uint32_t p = s->start;
      while (p < s->end && c->d->norm[p] == ' ') p++;
      uint32_t after = c->w[q.w1 - 1].end;
      if (q.src_end > after) after = q.src_end;
      while (after < s->end && c->d->norm[after] == ' ') after++;
      if ((p < s->end && quote_char(c->d->norm[p]) && p < c->w[q.w0].start) ||
          (after + 1 < s->end && c->d->norm[after] == ':' &&
           (quote_char(c->d->norm[after + 1]) ||
            (c->d->norm[after + 1] == ' ' && after + 2 < s->end &&
             quote_char(c->d->norm[after + 2])))))
        q.stance = CX_ST_QUOTES;
    }
    /* "denied the claims, saying ...": the same speaker's one act */
    if (q.role == 'p') {
      bool same = false;
      for (size_t i = 0; i < nq; i++)
        if (qs[i].source && q.source && strcmp(qs[i].source, q.source) == 0) same = true;
      if (same) continue;
    }
    if (q.source && !subject_source && !q.inverted) {
      subject_source = q.source, subj_s = q.src_start, subj_e = q.src_end;
    }
    qs[nq++] = q;
  }
  /* nesting: "quoted by"/"according to" outermost, then trailing and
   * inverted clauses, then subject cues in order */
  size_t n_after = 0, n_inv = 0;
  for (size_t i = 0; i < nq; i++) {
    if (qs[i].role == 'a') n_after++;
    else if (qs[i].inverted) n_inv++;
  }
  /* among "according to" / "quoted by" cues, a "quoted by" carries what
   * precedes it (outermost, the last first); "according to X, citing Y"
   * nests in text order */
  size_t next_subj = 0, n_quoted = 0, next_quoted = 0, next_after = 0;
  for (size_t i = 0; i < nq; i++)
    if (qs[i].role == 'a' && strcmp(qs[i].lemma, "quoted by") == 0) n_quoted++;
  for (size_t i = 0; i < nq; i++) {
    cue *q = &qs[i];
    cx_mention *m = cx_doc_add_mention(c->d, CX_CUE, c->w[q->w0].start, c->w[q->w1 - 1].end);
    m->str = q->source;
    m->str2 = q->lemma;
    m->stance = q->stance;
    m->src_start = q->src_start, m->src_end = q->src_end;
    m->rule = q->credit ? "credit" : q->role == 'h' ? "hedge" : q->inverted ? "inverted" : "cue";
    /* "The claim could not be independently verified.": the hedge is about
     * the sentence before */
    if (q->role == 'h' && i == 0 && nq == 1 && anaphoric_opening(c, q->w0))
      m->rule = "hedge-previous";
    if (q->credit) m->flags |= CX_MF_DOC_CREDIT;
    if (q->role == 'a')
      m->value = strcmp(q->lemma, "quoted by") == 0 ? (double)(n_quoted - 1 - next_quoted++)
                                                  : (double)(n_quoted + next_after++);
    else if (q->inverted) m->value = (double)n_after;
    else m->value = (double)(n_after + n_inv + next_subj++);
    if (q->source && q->role != 'h') {
      long mi = entity_in(c, q->src_start, q->src_end);
      if (mi >= 0 && c->d->mentions[mi].type == CX_PERSON && c->d->mentions[mi].str == q->source)
        c->last_person = q->source;
      c->last_source = q->source;
      c->last_src_start = q->src_start, c->last_src_end = q->src_end;
    }
  }
}

static int ent_cmp(const void *a, const void *b, void *doc) {
  const cx_mention *ms = ((const cx_doc *)doc)->mentions;
  uint32_t x = ms[*(const uint32_t *)a].start, y = ms[*(const uint32_t *)b].start;
  return x < y ? -1 : x > y;
}

/* Stable sort of entity indices by start. The entity stage appends them
 * in text order, then its second look at lone words adds a second run in
 * text order: two runs are merged in one pass; anything else is sorted
 * (qsort_r is a stable merge sort in glibc: merging keeps the same order
 * of equal starts). */
static void sort_ents(uint32_t *ents, size_t ne, cx_doc *doc) {
  const cx_mention *ms = doc->mentions;
  size_t r = 1;
  while (r < ne && ms[ents[r - 1]].start <= ms[ents[r]].start) r++;
  if (r >= ne) return;
  size_t r2 = r + 1;
  while (r2 < ne && ms[ents[r2 - 1]].start <= ms[ents[r2]].start) r2++;
  if (r2 < ne) {
    qsort_r(ents, ne, sizeof *ents, ent_cmp, doc);
    return;
  }
  uint32_t *a = cx_arena_alloc(doc->arena, r * sizeof *a);
  memcpy(a, ents, r * sizeof *a);
  size_t i = 0, j = r, o = 0;
  while (i < r && j < ne)
    ents[o++] = ms[ents[j]].start < ms[a[i]].start ? ents[j++] : a[i++];
  while (i < r) ents[o++] = a[i++];
}

static void run(const void *p, cx_worker *w, cx_doc *doc) {
  (void)w;
  if (!p || !doc->n_sents) return;
  ctx c = {.st = p, .d = doc};
  uint32_t *ents = cx_arena_alloc(doc->arena, (doc->n_mentions + 1) * sizeof *ents);
  size_t ne = 0;
  for (size_t i = 0; i < doc->n_mentions; i++)
    if (is_entity(doc->mentions[i].type)) ents[ne++] = (uint32_t)i;
  /* by start: the entity stage appends in text order except its second
   * look at lone words */
  sort_ents(ents, ne, doc);
  c.ents = ents, c.n_ents = ne;
  size_t max_w = 0;
  for (size_t i = 0; i < doc->n_sents; i++) {
    size_t l = doc->sents[i].end - doc->sents[i].start;
    if (l / 2 + 2 > max_w) max_w = l / 2 + 2;
  }
  c.w = cx_arena_alloc(doc->arena, max_w * sizeof *c.w);
  uint32_t *cands = cx_arena_alloc(doc->arena, max_w * sizeof *cands);
  /* a quotation running over sentences: its speaker is named where it
   * closes ('"... for years. Nobody checked," said X'); the opening
   * sentences get the closing sentence's sourced cues, marked at their
   * opening quote */
  size_t open_from = SIZE_MAX;
  size_t nd = 0, di = 0;
  const bool fast = c.st->tri_ok;
  const dcand *dc = fast ? doc_cands(c.st, doc, &nd) : NULL;
  for (size_t i = 0; i < doc->n_sents; i++) {
    const cx_sent *s = &doc->sents[i];
    size_t n_cand = 0;
    bool cut = (s->start > 0 && wc_byte((unsigned char)doc->norm[s->start - 1])) ||
               (s->end > s->start && s->end < doc->norm_len &&
                wc_byte((unsigned char)doc->norm[s->end - 1]) &&
                wc_byte((unsigned char)doc->norm[s->end]));
    if (fast && !cut) {
      /* the words of the whole text are this sentence's: no word opening
       * a cue that keep_cands keeps, no need for its words */
      while (di > 0 && dc[di - 1].b >= s->start) di--;
      while (di < nd && dc[di].b < s->start) di++;
      bool any = false;
      for (size_t j = di; j < nd && dc[j].b < s->end && !any; j++) any = dc[j].keep;
      if (any) c.nw = words_merge(doc, s->start, s->end, dc, nd, &di, c.w, cands, &n_cand);
    } else {
      c.nw = words_of(c.st, doc, s->start, s->end, c.w, cands, &n_cand);
    }
    if (n_cand) n_cand = keep_cands(&c, cands, n_cand);
    size_t before = doc->n_mentions;
    if (n_cand) sentence(&c, s, s->para == 0, cands, n_cand); /* else no cue can open */
    if (open_from != SIZE_MAX && doc->sents[i].para != doc->sents[open_from].para)
      open_from = SIZE_MAX; /* quotes do not run over paragraphs here */
    size_t quotes = 0;
    for (const char *p = doc->norm + s->start, *e = doc->norm + s->end;
         (p = memchr(p, '"', (size_t)(e - p))); p++)
      quotes++;
    if (open_from == SIZE_MAX) {
      uint32_t p = s->start;
      while (p < s->end && doc->norm[p] == ' ') p++;
      if (quotes % 2 == 1 && p < s->end && doc->norm[p] == '"' && doc->n_mentions == before)
        open_from = i;
      continue;
    }
    if (quotes % 2 == 0) {
      if (doc->n_mentions != before) open_from = SIZE_MAX; /* gave up: cues inside */
      continue;
    }
    /* the quotation closes here */
    size_t after = doc->n_mentions;
    for (size_t o = open_from; o < i; o++) {
      uint32_t q = doc->sents[o].start;
      while (q < doc->sents[o].end && doc->norm[q] != '"') q++;
      if (q >= doc->sents[o].end) q = doc->sents[o].start;
      for (size_t m = before; m < after; m++) {
        if (doc->mentions[m].type != CX_CUE || !doc->mentions[m].str) continue;
        cx_mention src = doc->mentions[m];
        cx_mention *nm = cx_doc_add_mention(doc, CX_CUE, q, q + 1);
        nm->str = src.str, nm->str2 = src.str2, nm->stance = src.stance;
        nm->src_start = src.src_start, nm->src_end = src.src_end;
        nm->value = src.value, nm->rule = "quote-span";
      }
    }
    open_from = SIZE_MAX;
  }
}

const cx_extractor cx_extractor_attribution = {"attribution", init, fini, run};
