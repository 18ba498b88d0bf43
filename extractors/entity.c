/* Entity extractor: person, org, gpe, loc, norp.
 *
 * One pass over the tokens of the normalized text. At each capitalised
 * token (or an unambiguous lower-case country name) it tries, in order:
 *   1. a title ("Russian President Vladimir Putin": the name after it is a
 *      person; "President" itself is not a name),
 *   2. the gazetteers, longest match, hash lookups only (cx_names): countries
 *      and demonyms ("Chinese" → norp China), places, organisations and
 *      outlets, then the learned gazetteer; a longer run around the match
 *      can win ("Hong Kong Stock Exchange", "Democratic Party", "Dinamo
 *      Bucharest", "National Bank of Poland"),
 *   3. a run of capitalised words with connectors ("Ministry of Commerce"),
 *      typed by organisation words (heads, suffixes, club heads), place
 *      suffixes, initials and first names, context (a score line makes a
 *      club, "maker X" / "X shares" / "X said it" a company, "in X" a place),
 *      datelines ("ALMATY, May 16"), and aliases of names already seen
 *      ("Putin" → Vladimir Putin, "Nikkei" → Nikkei Asia).
 * Sentence-initial and ALL-CAPS headline words that are common English words
 * are not names; a lone unknown word is left out unless the same word got a
 * type elsewhere in the document. Possessive 's stays outside the span
 * ("China's" → China). Events ("Fed Cup") are not emitted.
 */
#include <string.h>

#include "../normalizers/fold8.h"
#include "../normalizers/names.h"
#include "extractor.h"
#include "scan.h"

enum { SH_OTHER, SH_LOWER, SH_CAP, SH_CAPS, SH_PUNCT };

typedef struct tok {
  uint32_t start, end;
  uint8_t shape;
  bool sent_start; /* first word of a sentence or line */
  bool caps_line;  /* the line is an ALL-CAPS headline */
  bool poss;       /* followed by 's */
  bool nl_before;
  bool blocked;    /* inside a money/date/... mention */
  bool info_known; /* h and wi below are set (winfo) */
  bool lc_country; /* SH_LOWER and may be a country's name: the main loop
                    * tests it (false: the country-bit test failed) */
  uint64_t h;      /* cx_names_hash of the token */
  const cx_name_word *wi; /* what the name lists say about it */
} tok;

typedef struct seen_name {
  uint32_t first, last; /* token indices */
  cx_mention_type type;
  const char *canonical;
  /* hash and length of the first and last token: alias_of and the second
   * look compare these before the text */
  uint64_t h_first, h_last;
  uint32_t l_first, l_last;
  int32_t alias_prev; /* next older name in the same alias bucket, -1 */
} seen_name;

enum { ALIAS_BUCKETS = 256 };

typedef struct ctx {
  const cx_names *names;
  const uint64_t *gaz_prefix; /* cx_names_gaz_prefix_bits */
  size_t gaz_prefix_mask;
  cx_doc *d;
  tok *t;
  size_t n;
  seen_name *seen;
  size_t n_seen, cap_seen;
  /* names of more than one token a lone word can stand for (a person's
   * last token, an organisation's first), newest first per bucket of the
   * word's hash: alias_of walks one bucket, not every name seen */
  int32_t alias_head[ALIAS_BUCKETS];
} ctx;

static cx_status init(void **state, cx_diag *diag) {
  cx_names *n = cx_names_new(diag);
  *state = n;
  return n ? CX_OK : diag->status;
}

static void fini(void *state) { cx_names_free(state); }

/* ------------------------------------------------------------ tokens */

static bool word_byte(unsigned char c) { return cx_is_word_byte(c); }
static bool upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Abbreviations that keep their full stop inside a name. */
static bool keeps_dot(const char *s, size_t n) {
  static const char *const ab[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Co", "Corp",
                                   "Inc", "Ltd", "Jr", "Sr", "Gen", "Lt",
                                   "Col", "Sen", "Rep", "Prof", "Rev", "Capt",
                                   "Sgt", "Maj", "Adm", "Mt", "Ft", "Bros"};
  if (n == 1 && upper((unsigned char)s[0])) return true; /* initial J. */
  if (memchr(s, '.', n)) return true;                    /* U.S. */
  if (n < 2 || n > 4 || !upper((unsigned char)s[0])) return false; /* as all of ab */
  for (size_t i = 0; i < sizeof ab / sizeof *ab; i++)
    if (strlen(ab[i]) == n && memcmp(ab[i], s, n) == 0) return true;
  return false;
}

/* Shape of a word token from counts taken while scanning it: `other` is a
 * digit ("W265", "H1", "Q2": codes, not names) or a hyphen before a
 * lower-case letter after a capital ("Ohio-based", "Kremlin-backed": a
 * modifier, not a name). */
static uint8_t shape_from(const char *s, size_t n, size_t up, size_t lo, bool other) {
  if (other) return SH_OTHER;
  if (!up && !lo) {
    /* non-ASCII initial letter: treat two-byte Latin capitals as capitals */
    unsigned char c = (unsigned char)s[0];
    if (c == 0xC3 && n > 1 && (unsigned char)s[1] < 0x9F) return SH_CAP;
    return SH_OTHER;
  }
  if (upper((unsigned char)s[0]) || ((unsigned char)s[0] == 0xC3 && n > 1 &&
                                     (unsigned char)s[1] < 0x9F))
    return lo == 0 && up >= 2 ? SH_CAPS : SH_CAP;
  if (lo && !up) return SH_LOWER;
  return lower((unsigned char)s[0]) ? SH_LOWER : SH_OTHER;
}

/* up: 2 per ALL-CAPS token of the line, lo: 1 per lower-case or
 * capitalised one (counted as the tokens are made). */
static void mark_caps_line(tok *t, size_t from, size_t to, size_t up, size_t lo) {
  /* ALL-CAPS lines: lower-case letters are rare */
  if (up >= 4 && lo * 4 < up)
    for (size_t j = from; j < to; j++) t[j].caps_line = true;
}

/* Leading ASCII letters of the eight bytes in w (byte 0 lowest); *letter:
 * the high bit of each letter byte. */
static inline size_t letters8(uint64_t w, uint64_t *letter) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t low7 = (w | 0x2020202020202020ull) & ~high;
  *letter = (low7 + (0x80 - 'a') * ones) & ~(low7 + (0x7f - 'z') * ones) & ~w & high;
  uint64_t other = ~*letter & high;
  return other ? (size_t)__builtin_ctzll(other) / 8 : 8;
}

/* The first r (< 8) letters of w (letter: from letters8) are capitals. */
static inline bool all_up8(uint64_t w, uint64_t letter, size_t r) {
  return !((w << 2) & letter & ((1ull << (r * 8)) - 1)); /* bit 5: lower case */
}

/* The end of a word of r (1..7) ASCII letters at s[i] (w: its eight bytes)
 * followed by x, a byte that is no letter or space, when x ends the word
 * as the general loop in tokenize would end it (a comma, a full stop or
 * hyphen before a space...); 0 when that loop must decide (a digit, a byte
 * >= 0x80, "U.S", "Ohio-based", "Reuters's"). */
static inline size_t punct_end(const char *s, size_t len, size_t i, uint64_t w, size_t r,
                               unsigned char x) {
  size_t e = i + r;
  if (x >= 0x80 || (unsigned)(x - '0') < 10) return 0;
  if (x == '.' || x == '-' || x == '&' || x == '\'') {
    if (e + 1 < len && word_byte((unsigned char)s[e + 1])) return 0;
    /* only a capital opens an abbreviation that keeps its full stop */
    if (x == '.' && !(w & 0x20) && keeps_dot(s + i, r)) e++;
  }
  return e;
}

/* One pass: token bounds, shapes, possessives, sentence starts, and the
 * ALL-CAPS test of each line as the line ends. */
static size_t tokenize(cx_doc *d, const uint64_t *head_bits, tok **out) {
  const char *s = d->norm;
  size_t len = d->norm_len, cap = len / 3 + 16, n = 0, line = 0, line_up = 0, line_lo = 0;
  tok *t = cx_arena_alloc(d->arena, cap * sizeof *t);
  bool nl = true;
  size_t i = 0;
  while (i < len) {
    unsigned char c = (unsigned char)s[i];
    if (c <= ' ') { /* most tokens open at a letter: one test */
      if (c == ' ' || c == '\t' || c == '\r') { i++; continue; }
      if (c == '\n') { nl = true; i++; continue; }
    }
    size_t b = i;
    uint8_t shape;
    size_t r8 = 0;
    uint64_t w8 = 0, let8 = 0;
    if (i + 8 <= len && (unsigned)((c | 0x20) - 'a') < 26) /* else no letters */
      w8 = cx_load8(s + i), r8 = letters8(w8, &let8);
    size_t e8 = 0;
    if (r8 && r8 < 8) {
      unsigned char x = (unsigned char)s[i + r8];
      e8 = x == ' ' ? i + r8 : punct_end(s, len, i, w8, r8, x);
    }
    bool lc_country = true; /* unless tested here */
    if (e8) {
      /* most words: ASCII letters then a space or punctuation (what the
       * loop below and shape_from make of them) */
      i = e8;
      shape = !upper(c) ? SH_LOWER : r8 >= 2 && all_up8(w8, let8, r8) ? SH_CAPS : SH_CAP;
      lc_country = shape == SH_LOWER && r8 >= 4 &&
                   cx_names_country_head_may(head_bits, (uint32_t)w8 | 0x20202020u, r8);
    } else if (r8 == 8 && i + 16 <= len && (r8 = letters8(cx_load8(s + i + 8), &let8)) < 8 &&
               s[i + 8 + r8] == ' ') {
      /* the same for words of 8 to 15 letters */
      uint64_t w2 = cx_load8(s + i + 8);
      i += 8 + r8;
      shape = !upper(c) ? SH_LOWER
              : !((w8 << 2) & 0x8080808080808080ull) && all_up8(w2, let8, r8) ? SH_CAPS
                                                                           : SH_CAP;
    } else if (word_byte(c)) {
      size_t up = 0, lo = 0;
      bool other = false;
      while (i < len) {
        if (i + 8 <= len) { /* letters eight at a time */
          size_t u = 0, r = cx_letter_run8(s + i, &u);
          up += u, lo += r - u, i += r;
          if (r == 8) continue;
        }
        unsigned char x = (unsigned char)s[i];
        if (x == ' ') break; /* most words end here */
        if ((unsigned)(x - 'a') < 26) { lo++; i++; continue; }
        if ((unsigned)(x - 'A') < 26) { up++; i++; continue; }
        if ((unsigned)(x - '0') < 10) { other = true; i++; continue; }
        if (x >= 0x80) { i++; continue; }
        if ((x == '.' || x == '-' || x == '&' || x == '\'') && i + 1 < len &&
            word_byte((unsigned char)s[i + 1]) && i > b) {
          if (x == '\'' && (s[i + 1] == 's' || s[i + 1] == 'S') &&
              (i + 2 >= len || !word_byte((unsigned char)s[i + 2])))
            break; /* possessive */
          if (x == '-' && lower((unsigned char)s[i + 1]) && upper(c)) other = true;
          i++;
          continue;
        }
        break;
      }
      if (i < len && s[i] == '.' && keeps_dot(s + b, i - b)) i++;
      shape = shape_from(s + b, i - b, up, lo, other);
    } else {
      i++;
      while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
      shape = SH_PUNCT;
    }
    if (n == cap) {
      tok *nt = cx_arena_alloc(d->arena, 2 * cap * sizeof *t);
      memcpy(nt, t, n * sizeof *t);
      t = nt, cap *= 2;
    }
    if (nl && n > line) {
      mark_caps_line(t, line, n, line_up, line_lo);
      line = n, line_up = line_lo = 0;
    }
    if (shape == SH_CAPS) line_up += 2;
    else if (shape == SH_LOWER || shape == SH_CAP) line_lo++;
    tok *k = &t[n];
    *k = (tok){.start = (uint32_t)b, .end = (uint32_t)i, .shape = shape, .nl_before = nl};
    nl = false;
    /* possessive: word, "'", "s" with no space between */
    if (n >= 2 && i - b == 1 && (s[b] == 's' || s[b] == 'S') && k[-1].shape == SH_PUNCT &&
        s[k[-1].start] == '\'' && k[-1].end == b && k[-2].end == k[-1].start)
      k[-2].poss = true;
    if (n == 0 || k->nl_before) {
      k->sent_start = true;
    } else if (k[-1].shape == SH_PUNCT) {
      char pc = s[k[-1].start];
      if (pc == '.' || pc == '!' || pc == '?' || pc == ':' || pc == '"' ||
          pc == '\'' || pc == '(' || pc == '-' || pc == ';')
        k->sent_start = true;
    }
    k->lc_country = shape == SH_LOWER && lc_country;
    n++;
    if (i >= len || s[i] != ' ') continue; /* punctuation next: no word */
    i++;                                   /* the usual single space */
    if (shape == SH_PUNCT) continue;
    /* The words that follow on the line, ASCII letters then one space each
     * (most of the text), as the fast paths above make them, with none of
     * the tests after them to make: no line start, no sentence start or
     * possessive "s" after a word. */
    while (i + 8 <= len && n < cap) {
      uint64_t w = cx_load8(s + i), let;
      size_t r = letters8(w, &let), e;
      bool lc = (w & 0x20) != 0, country; /* the first letter */
      uint8_t sh;
      if (r && r < 8) {
        if ((uint8_t)(w >> (8 * r)) != ' ') break;
        e = i + r;
        sh = lc ? SH_LOWER : r >= 2 && all_up8(w, let, r) ? SH_CAPS : SH_CAP;
        /* the main loop's first test of a lower-case word, from the register */
        country = lc && r >= 4 && cx_names_country_head_may(head_bits, (uint32_t)w | 0x20202020u, r);
      } else if (r == 8 && i + 16 <= len) { /* 8 to 15 letters */
        uint64_t w2 = cx_load8(s + i + 8), let2;
        size_t r2 = letters8(w2, &let2);
        if (r2 == 8 || (uint8_t)(w2 >> (8 * r2)) != ' ') break;
        e = i + 8 + r2;
        sh = lc ? SH_LOWER
             : !((w << 2) & 0x8080808080808080ull) && all_up8(w2, let2, r2) ? SH_CAPS
                                                                          : SH_CAP;
        country = lc && cx_names_country_head_may(head_bits, (uint32_t)w | 0x20202020u, e - i);
      } else {
        break;
      }
      if (sh == SH_CAPS) line_up += 2;
      else line_lo++;
      t[n++] = (tok){.start = (uint32_t)i, .end = (uint32_t)e, .shape = sh,
                     .lc_country = country};
      i = e + 1;
    }
  }
  if (n > line) mark_caps_line(t, line, n, line_up, line_lo);
  *out = t;
  return n;
}

/* Tokens inside earlier money, date, count... mentions are not names, with
 * three exceptions where the figure's span reaches over a name:
 *  - the counted noun or currency adjective of a count or money mention
 *    ("100 Polish nurses", "10,000 Swiss francs", a score line "1 Red Star
 *    Belgrade"): only the figure's own tokens are blocked; a capitalised
 *    word glued to the figure ("US$103,000") stays blocked;
 *  - a date that runs over a line break ("7-5\nJan Siemerink"): the part
 *    on the next line is left to names;
 *  - a lone capitalised date word inside a sentence that is no calendar
 *    word ("People's Daily", "Cheah Soon Kit"). */
static bool is_stop(const ctx *c, size_t k);
static bool figure_tok(const ctx *c, const cx_mention *m, size_t k) {
  const tok *t = &c->t[k];
  if (t->shape != SH_CAP && t->shape != SH_CAPS) return true;
  if (t->sent_start || t->start != m->start || t->end != m->end) return true;
  return is_stop(c, k);
}

static void block_figures(ctx *c) {
  for (size_t i = 0; i < c->d->n_mentions; i++) {
    const cx_mention *m = &c->d->mentions[i];
    if (m->type > CX_SET) continue;
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (c->t[mid].end <= m->start) lo = mid + 1;
      else hi = mid;
    }
    bool figure = m->type == CX_MONEY || m->type == CX_COUNT || m->type == CX_PERCENT;
    for (size_t k = lo; k < c->n && c->t[k].start < m->end; k++) {
      if (c->t[k].nl_before && c->t[k].start > m->start) break;
      if (figure && (c->t[k].shape == SH_CAP || c->t[k].shape == SH_CAPS) &&
          !(k + 1 < c->n && c->t[k + 1].start == c->t[k].end && c->t[k + 1].start < m->end))
        break; /* the counted noun or currency adjective: names may start here */
      if (figure || figure_tok(c, m, k)) c->t[k].blocked = true;
    }
  }
}

/* ------------------------------------------------------------ helpers */

static bool is_head(int ow) { return ow == CX_ORGW_HEAD || ow == CX_ORGW_GOVHEAD; }
static inline const char *tx(const ctx *c, size_t k) { return c->d->norm + c->t[k].start; }
static inline size_t tl(const ctx *c, size_t k) { return c->t[k].end - c->t[k].start; }
static inline unsigned char fold(unsigned char ch) {
  return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + 32) : ch;
}
/* Token k is w (lower case), ignoring ASCII case. Inlined: w is a literal,
 * so its length is known and most tokens fail on theirs. */
static inline __attribute__((always_inline)) bool tok_is(const ctx *c, size_t k,
                                                         const char *w) {
  size_t n = strlen(w);
  if (k >= c->n || tl(c, k) != n) return false;
  const char *s = tx(c, k);
  for (size_t i = 0; i < n; i++)
    if (fold((unsigned char)s[i]) != (unsigned char)w[i]) return false;
  return true;
}
static inline __attribute__((always_inline)) bool capish(const ctx *c, size_t k) {
  return k < c->n && !c->t[k].blocked &&
         (c->t[k].shape == SH_CAP || c->t[k].shape == SH_CAPS);
}
/* What the name lists say about token k: hashed and looked up once, on
 * first use (the answers of cx_names_is_common, _org_word, ... in one).
 * winfo_find is that first use, out of line. */
static __attribute__((noinline)) const cx_name_word *winfo_find(const ctx *c, size_t k) {
  tok *t = &c->t[k];
  size_t l = tl(c, k);
  if (l <= 8) { /* most words: folded once for the hash and the probe */
    uint64_t w0 = cx_fold8(cx_head8(tx(c, k), l));
    t->h = cx_names_hash_w0(w0, l);
    t->wi = cx_names_word_w0(c->names, t->h, w0, l);
  } else {
    t->h = cx_names_hash(CX_NAMES_HASH0, tx(c, k), l);
    t->wi = cx_names_word(c->names, t->h, tx(c, k), l);
  }
  t->info_known = true;
  return t->wi;
}
/* Inlined: asked many times per token, found once */
static inline __attribute__((always_inline)) const cx_name_word *winfo(const ctx *c,
                                                                       size_t k) {
  const tok *t = &c->t[k];
  return t->info_known ? t->wi : winfo_find(c, k);
}
static uint64_t thash(const ctx *c, size_t k) {
  winfo(c, k);
  return c->t[k].h;
}
static inline unsigned wflags(const ctx *c, size_t k) {
  const cx_name_word *w = winfo(c, k);
  return w ? w->flags : 0;
}
static bool common(const ctx *c, size_t k) { return wflags(c, k) & CX_NW_COMMON; }
static bool is_stop(const ctx *c, size_t k) { return wflags(c, k) & CX_NW_STOP; }
static bool first_name(const ctx *c, size_t k) { return wflags(c, k) & CX_NW_FIRST; }
static bool org_context(const ctx *c, size_t k, bool before) {
  return wflags(c, k) & (before ? CX_NW_CTX_BEFORE : CX_NW_CTX_AFTER);
}
static int org_word(const ctx *c, size_t k) {
  const cx_name_word *w = winfo(c, k);
  return w ? w->org_word : CX_ORGW_NONE;
}
static int word_type(const ctx *c, size_t k) {
  if (!(wflags(c, k) & CX_NW_WORDS)) return -1; /* no case of it is listed */
  return cx_names_word_type(c->names, tx(c, k), tl(c, k));
}
static bool plural_s(const ctx *c, size_t k) {
  size_t l = tl(c, k);
  return l > 3 && (tx(c, k)[l - 1] == 's' || tx(c, k)[l - 1] == 'S');
}
/* cx_names_lookup of token k. */
static inline __attribute__((always_inline)) bool lookup_tok(const ctx *c, size_t k,
                                                          cx_name_hit *hit) {
  return cx_names_lookup_w(c->names, winfo(c, k), tx(c, k), tl(c, k), hit);
}

/* A token boundary no name crosses. */
static inline __attribute__((always_inline)) bool hard_stop(const ctx *c, size_t k) {
  if (c->t[k].nl_before || c->t[k].blocked) return true;
  if (c->t[k].shape != SH_PUNCT) return false;
  char ch = c->d->norm[c->t[k].start];
  return !(ch == '&' || ch == '-' || ch == '.' || ch == '\'');
}

/* Extends the phrase (n bytes, hash h) by token j, after a space when the
 * text has white space before it; false when it would not fit in cap.
 * *plain stays true while the phrase is the text itself (every gap one
 * space or none): then no copy is made (phrase_text). */
static bool phrase_append(const ctx *c, size_t j, size_t cap, size_t *n, uint64_t *h,
                          bool *plain) {
  size_t l = tl(c, j);
  if (*n + l + 1 >= cap) return false;
  if (c->t[j].start > c->t[j - 1].end) {
    (*n)++;
    *h = cx_names_hash(*h, " ", 1);
    if (c->t[j].start != c->t[j - 1].end + 1 || c->d->norm[c->t[j - 1].end] != ' ')
      *plain = false;
  }
  *n += l;
  *h = cx_names_hash(*h, tx(c, j), l);
  return true;
}

/* The phrase of tokens i..j as phrase_append counts it: the text when
 * plain, else written into buf (room checked by phrase_append). */
static const char *phrase_text(const ctx *c, size_t i, size_t j, bool plain, char *buf) {
  if (plain) return tx(c, i);
  size_t n = 0;
  for (size_t k = i; k <= j; k++) {
    if (k > i && c->t[k].start > c->t[k - 1].end) buf[n++] = ' ';
    memcpy(buf + n, tx(c, k), tl(c, k));
    n += tl(c, k);
  }
  return buf;
}

/* Longest gazetteer match starting at i; returns its length in tokens.
 * The key grows a token at a time (buffer and hash extended, not rebuilt)
 * and stops at the most words any key opening with token i has. */
static size_t gazetteer_match(const ctx *c, size_t i, cx_name_hit *hit) {
  const cx_name_word *w = winfo(c, i);
  size_t maxw = w ? w->gaz_first : 0;
  if (!maxw) {
    if (plural_s(c, i)) maxw = 1; /* "Russians": plural of a demonym */
    else return 0;
  }
  if (maxw > 8) maxw = 8;
  char buf[256];
  size_t best = 0, n = tl(c, i);
  if (c->t[i].blocked || n + 1 >= sizeof buf) return 0;
  cx_name_hit hh;
  if ((capish(c, i) || c->t[i].shape == SH_LOWER) && lookup_tok(c, i, &hh)) {
    best = 1;
    *hit = hh;
  }
  if (c->t[i].poss || maxw == 1) return best;
  uint64_t h = c->t[i].h;
  bool plain = true;
  for (size_t j = i + 1; j < c->n && j < i + maxw; j++) {
    if (hard_stop(c, j)) break;
    if (!phrase_append(c, j, sizeof buf, &n, &h, &plain)) break;
    if (!cx_names_prefix_may(c->gaz_prefix, c->gaz_prefix_mask, h)) break; /* no key */
    bool last_ok = capish(c, j) || c->t[j].shape == SH_OTHER;
    if (last_ok &&
        cx_names_lookup_h(c->names, h, phrase_text(c, i, j, plain, buf), n, &hh)) {
      best = j + 1 - i;
      *hit = hh;
    }
    if (c->t[j].poss) break;
  }
  return best;
}

/* title_match of a token that opens a title key (title_first > 0). */
static size_t title_match_long(const ctx *c, size_t i, const cx_name_word *w) {
  size_t maxw = w->title_first;
  if (maxw > 4) maxw = 4;
  char buf[128];
  size_t best = 0, n = tl(c, i);
  if (!maxw || n + 1 >= sizeof buf) return 0;
  if (w->flags & CX_NW_TITLE) best = 1;
  uint64_t h = c->t[i].h;
  bool plain = true;
  for (size_t j = i + 1; j < c->n && j < i + maxw; j++) {
    if (hard_stop(c, j)) break;
    if (!phrase_append(c, j, sizeof buf, &n, &h, &plain)) break;
    if (cx_names_is_title_h(c->names, h, phrase_text(c, i, j, plain, buf), n))
      best = j + 1 - i;
  }
  return best;
}

/* Title starting at i ("Finance Minister"); returns its length. Inlined:
 * most capitalised words open none. */
static inline __attribute__((always_inline)) size_t title_match(const ctx *c, size_t i) {
  const cx_name_word *w = winfo(c, i);
  return w && w->title_first ? title_match_long(c, i, w) : 0;
}

static bool connector(const ctx *c, size_t k) {
  if (k >= c->n || tl(c, k) > 3) return false; /* all connectors are short */
  switch (fold((unsigned char)*tx(c, k))) {
  case 'o': return tok_is(c, k, "of") || tok_is(c, k, "on");
  case 'f': return tok_is(c, k, "for");
  case 'a': return tok_is(c, k, "and") || tok_is(c, k, "al");
  case 'd': return tok_is(c, k, "de") || tok_is(c, k, "da") || tok_is(c, k, "del") ||
                   tok_is(c, k, "der") || tok_is(c, k, "du");
  case 'v': return tok_is(c, k, "van") || tok_is(c, k, "von");
  case 'l': return tok_is(c, k, "la") || tok_is(c, k, "le");
  case 'b': return tok_is(c, k, "bin");
  case '&': return tok_is(c, k, "&");
  case 't': return tok_is(c, k, "the");
  default: return false;
  }
}

/* Capitalised run from i; connectors only inside organisation-like names. */
static size_t cap_run(const ctx *c, size_t i) {
  size_t j = i + 1;
  bool orgish = org_word(c, i) != CX_ORGW_NONE;
  if (c->t[i].poss) return 1;
  while (j < c->n && j - i < 16) { /* names are short; bounds rescans */
    if (hard_stop(c, j)) break;
    if (capish(c, j)) {
      if (c->t[j].caps_line != c->t[i].caps_line) break;
      /* headlines: common words separate names ("SHEARER NAMED AS ...") */
      if (c->t[j].caps_line && common(c, j)) break;
      if (is_stop(c, j)) break;
      /* a title inside starts a new name ("Association President Ramon") */
      if (title_match(c, j) && capish(c, j + 1)) break;
      if (org_word(c, j)) orgish = true;
      j++;
      if (c->t[j - 1].poss) break;
      continue;
    }
    /* "Ministry of Commerce", "Bank of England", "Procter & Gamble" */
    int prev_ow = org_word(c, j - 1);
    if (prev_ow == CX_ORGW_SUFFIX && !tok_is(c, j, "&"))
      break; /* "Daniels Pharmaceuticals Inc of St. Petersburg" */
    if (connector(c, j) && capish(c, j + 1) && !c->t[j].caps_line &&
        (orgish || tok_is(c, j, "&") ||
         (tok_is(c, j, "de") || tok_is(c, j, "van") || tok_is(c, j, "von") ||
          tok_is(c, j, "bin") || tok_is(c, j, "al") || tok_is(c, j, "da")))) {
      if (tok_is(c, j, "and") || tok_is(c, j, "the") || tok_is(c, j, "on"))
        if (!orgish) break;
      j++;
      continue;
    }
    break;
  }
  while (j > i + 1 && connector(c, j - 1)) j--; /* never end on "of" */
  return j - i;
}

static const char *surface(ctx *c, size_t a, size_t b) {
  return cx_arena_strndup(c->d->arena, c->d->norm + c->t[a].start,
                          c->t[b - 1].end - c->t[a].start);
}

static inline size_t alias_bucket(uint64_t h) {
  return (size_t)((h ^ (h >> 32)) * 0x9E3779B97F4A7C15ull >> 56) & (ALIAS_BUCKETS - 1);
}

/* cx_names_hash of token k, without the name-list look-up of winfo. */
static inline __attribute__((always_inline)) uint64_t tok_hash(const ctx *c, size_t k) {
  const tok *t = &c->t[k];
  return t->info_known ? t->h : cx_names_hash(CX_NAMES_HASH0, tx(c, k), tl(c, k));
}

static void remember(ctx *c, size_t a, size_t b, cx_mention_type type,
                     const char *canonical) {
  if (c->n_seen == c->cap_seen) {
    size_t cap = c->cap_seen ? c->cap_seen * 2 : 64;
    seen_name *s = cx_arena_alloc(c->d->arena, cap * sizeof *s);
    if (c->n_seen) memcpy(s, c->seen, c->n_seen * sizeof *s);
    c->seen = s, c->cap_seen = cap;
  }
  seen_name *e = &c->seen[c->n_seen];
  *e = (seen_name){(uint32_t)a, (uint32_t)(b - 1), type, canonical,
                   tok_hash(c, a), tok_hash(c, b - 1),
                   (uint32_t)tl(c, a), (uint32_t)tl(c, b - 1), -1};
  if (b - a > 1 && (type == CX_PERSON || type == CX_ORG)) {
    size_t k = alias_bucket(type == CX_PERSON ? e->h_last : e->h_first);
    e->alias_prev = c->alias_head[k];
    c->alias_head[k] = (int32_t)c->n_seen;
  }
  c->n_seen++;
}

static void emit(ctx *c, size_t a, size_t b, cx_mention_type type,
                 const char *canonical, const char *rule) {
  if (!canonical) canonical = surface(c, a, b);
  cx_mention *m = cx_doc_add_mention(c->d, type, c->t[a].start, c->t[b - 1].end);
  m->str = canonical;
  m->rule = rule;
  remember(c, a, b, type, canonical);
}

static inline __attribute__((always_inline)) bool same_tok(const ctx *c, size_t a, size_t b) {
  if (tl(c, a) != tl(c, b) || thash(c, a) != thash(c, b)) return false;
  const char *x = tx(c, a), *y = tx(c, b);
  for (size_t i = 0, n = tl(c, a); i < n; i++)
    if (fold((unsigned char)x[i]) != fold((unsigned char)y[i])) return false;
  return true;
}

/* A single word naming someone seen before: surname of a person, first word
 * of an organisation ("Nikkei" after "Nikkei Asia"). Bounded look-back. */
static const seen_name *alias_of(const ctx *c, size_t a, size_t b) {
  if (b - a != 1) return NULL;
  long lo = c->n_seen > 256 ? (long)c->n_seen - 256 : 0;
  uint64_t h = tok_hash(c, a);
  uint32_t l = (uint32_t)tl(c, a);
  /* newest first, as a walk back over all names seen would meet them */
  for (long s = c->alias_head[alias_bucket(h)]; s >= lo; s = c->seen[s].alias_prev) {
    const seen_name *e = &c->seen[s];
    if (e->type == CX_PERSON && e->h_last == h && e->l_last == l && same_tok(c, a, e->last))
      return e;
    if (e->type == CX_ORG && e->h_first == h && e->l_first == l && same_tok(c, a, e->first))
      return e;
  }
  return NULL;
}

static bool says_after(const ctx *c, size_t k) {
  static const char *const v[] = {"said", "says", "told", "added", "scored",
                                  "wrote", "asked", "stated", "explained",
                                  "who", "has", "had", "was"};
  for (size_t i = 0; i < sizeof v / sizeof *v; i++)
    if (tok_is(c, k, v[i])) return true;
  return false;
}

static bool place_before(const ctx *c, size_t k) {
  if (k == 0) return false;
  static const char *const p[] = {"in", "at", "from", "near", "outside",
                                  "across", "into", "towards", "to"};
  for (size_t i = 0; i < sizeof p / sizeof *p; i++)
    if (tok_is(c, k - 1, p[i])) return true;
  return false;
}

static inline __attribute__((always_inline)) bool small_number(const ctx *c, size_t k) {
  if (k >= c->n || c->t[k].nl_before) return false;
  size_t l = tl(c, k);
  if (l > 3) return false;
  for (size_t i = 0; i < l; i++)
    if (tx(c, k)[i] < '0' || tx(c, k)[i] > '9') return false;
  return true;
}

/* A score or a standings row after the name ending before token k:
 * "Orrell 23 Wasps 30" (another name with a score on the line) or a line
 * that opens with the name and goes on with three or more numbers. */
static bool score_after(const ctx *c, size_t k) {
  if (!small_number(c, k)) return false;
  size_t ls = k, le = k + 1;
  while (ls > 0 && !c->t[ls].nl_before) ls--;
  while (le < c->n && !c->t[le].nl_before) le++;
  size_t names_scored = 0, numbers = 0;
  for (size_t j = ls; j < le; j++) {
    if (j > ls && small_number(c, j) &&
        (c->t[j - 1].shape == SH_CAP || c->t[j - 1].shape == SH_CAPS))
      names_scored++;
    if (j >= k && c->t[j].shape == SH_OTHER) numbers++;
  }
  return names_scored >= 2 || numbers >= 3;
}

/* "M.", "D.A.", "F.W.": initials */
static bool is_initials(const char *s, size_t n) {
  if (n < 2 || n % 2) return false;
  for (size_t i = 0; i < n; i += 2)
    if (!upper((unsigned char)s[i]) || s[i + 1] != '.') return false;
  return true;
}

/* Datelines: "ALMATY, May 16", "MOSCOW 1996-08-30": an ALL-CAPS line
 * opening, then a comma or a date. */
static bool dateline(const ctx *c, size_t a, size_t b) {
  if (!c->t[a].nl_before || b >= c->n || c->t[b].nl_before) return false;
  char ch = c->d->norm[c->t[b].start];
  /* a comma, or a date (not a score: "CHICAGO 5 Houston 3") */
  if (ch != ',' && !(ch >= '0' && ch <= '9' && c->t[b].blocked)) return false;
  for (size_t k = a; k < b; k++)
    if (c->t[k].shape != SH_CAPS) return false;
  return true;
}

/* Types an unknown capitalised run [a, b). Returns false to skip it. */
static bool classify(ctx *c, size_t a, size_t b, bool after_title,
                     cx_mention_type *type, const char **canonical,
                     const char **rule) {
  size_t n = b - a;
  *canonical = NULL;
  const seen_name *e = alias_of(c, a, b);
  if (e) {
    *type = e->type, *canonical = e->canonical, *rule = "alias";
    return true;
  }
  int last_ow = org_word(c, b - 1);
  bool has_of = false, head_of = false; /* "National Bank of Poland" */
  for (size_t k = a; k < b; k++)
    if (tok_is(c, k, "of")) {
      has_of = true;
      if (k > a && is_head(org_word(c, k - 1)))
        head_of = true;
    }
  if (after_title) {
    *type = CX_PERSON, *rule = "title";
    return true;
  }
  if (last_ow == CX_ORGW_EVENT) return false; /* "Greater Milwaukee Open" */
  if (dateline(c, a, b)) {
    *type = CX_GPE, *rule = "dateline";
    return true;
  }
  if (c->t[a].caps_line) {
    bool all_common = true;
    for (size_t k = a; k < b; k++)
      if (!connector(c, k) && !common(c, k)) all_common = false;
    if (all_common) return false;
  }
  if (n == 1 && last_ow != CX_ORGW_NONE && last_ow != CX_ORGW_CLUBHEAD)
    return false; /* "Party", "City" */
  if (is_head(last_ow) || last_ow == CX_ORGW_SUFFIX ||
      head_of) {
    if (n == 1 && (c->t[a].sent_start || common(c, a))) return false;
    *type = CX_ORG, *rule = "org-word";
    return true;
  }
  if (has_of && org_word(c, a) == CX_ORGW_PLACEHEAD) {
    *type = CX_GPE, *rule = "place-head";
    return true;
  }
  if (last_ow == CX_ORGW_LOCSUFFIX && n >= 2) { /* "Ellis Park", "Grace Road" */
    *type = CX_LOC, *rule = "place-suffix";
    return true;
  }
  for (size_t k = a; k < b; k++)
    if (tok_is(c, k, "&")) { /* "Douglas & Lomason" */
      *type = CX_ORG, *rule = "ampersand";
      return true;
    }
  if (n == 2 && cx_names_demonym(c->names, tx(c, b - 1), tl(c, b - 1))) {
    *type = CX_NORP, *rule = "demonym-phrase"; /* "West Indian" */
    return true;
  }
  /* words known from other people's names: "Dahl", "Banharn" */
  if (!c->t[a].caps_line && n >= 2) {
    int vote = -1;
    bool agree = true;
    for (size_t k = a; k < b; k++) {
      int t = word_type(c, k);
      if (t < 0) continue;
      if (vote >= 0 && vote != t) agree = false;
      vote = t;
    }
    /* only people: surnames recur in other names, places and firms less so */
    if (vote == CX_PERSON && agree) {
      *type = CX_PERSON, *rule = "name-words";
      return true;
    }
  }
  /* an initial opens a person's name: "M. Gatting" */
  if (n >= 2 && n <= 3 && is_initials(tx(c, a), tl(c, a)) &&
      !org_word(c, a) &&
      !lookup_tok(c, b - 1, &(cx_name_hit){0})) {
    *type = CX_PERSON, *rule = "initial";
    return true;
  }
  if (first_name(c, a) && n >= 2 &&
      (!c->t[a].caps_line || n == 2)) {
    *type = CX_PERSON, *rule = "first-name";
    return true;
  }
  int first_ow = org_word(c, a);
  if (n >= 2 && (first_ow == CX_ORGW_CLUBHEAD || first_ow == CX_ORGW_HEAD) &&
      !c->t[a].caps_line) { /* "Dynamo Batumi", "Bank Indonesia" */
    *type = CX_ORG, *rule = "club";
    return true;
  }
  /* every word common: a capitalised phrase, not a name */
  if (is_stop(c, a)) return false;
  bool all_common = true;
  for (size_t k = a; k < b; k++)
    if (!connector(c, k) && !common(c, k)) all_common = false;
  if (all_common) return false;
  /* "tyre maker Pirelli", "Pirelli shares", "Pirelli 's chairman" */
  if (n == 1 && !common(c, a) && tl(c, a) > 2 && !c->t[a].caps_line) {
    size_t nb = b;
    if (nb < c->n && c->t[b - 1].poss) nb = b + 2; /* skip 's */
    else if (nb + 1 < c->n && tok_is(c, nb, "'") && tok_is(c, nb + 1, "s")) nb += 2;
    if ((a > 0 && c->t[a - 1].shape == SH_LOWER &&
         org_context(c, a - 1, true)) ||
        (nb < c->n && !c->t[nb].nl_before && c->t[nb].shape == SH_LOWER &&
         org_context(c, nb, false))) {
      *type = CX_ORG, *rule = "org-context";
      return true;
    }
  }
  /* "Comelf said it almost doubled output": a company speaks of itself */
  if (b + 1 < c->n && (tok_is(c, b, "said") || tok_is(c, b, "says")) &&
      (tok_is(c, b + 1, "it") || tok_is(c, b + 1, "its")) && !c->t[a].caps_line) {
    *type = CX_ORG, *rule = "said-it";
    return true;
  }
  if (n == 1 && score_after(c, b) && !common(c, a)) {
    *type = CX_ORG, *rule = "team-score";
    return true;
  }
  if (n == 1 && c->t[a].shape == SH_CAPS && !c->t[a].caps_line && !common(c, a) &&
      !tok_is(c, b, ":")) { /* "ISSUER : ...": a field label */
    *type = CX_ORG, *rule = "acronym";
    return true;
  }
  if (n == 1 && place_before(c, a)) {
    *type = CX_GPE, *rule = "place-context";
    return true;
  }
  /* a lone word known from other people's names: "Buffett" */
  if (n == 1 && !c->t[a].caps_line) {
    int t = word_type(c, a);
    if (t == CX_PERSON) {
      *type = CX_PERSON, *rule = "name-word";
      return true;
    }
  }
  /* a company or an acronym inside: "Reynard Honda", "CITIC Pacific" */
  if (c->t[a].caps_line) return false; /* headline fragments: too unsure */
  for (size_t k = a; k < b; k++) /* table headers: "W D L PCT" */
    if (tl(c, k) == 1) return false;
  for (size_t k = a; k < b && n >= 2; k++) {
    cx_name_hit h;
    /* places inside are left out: surnames (Holland, Jordan) look alike */
    if ((c->t[k].shape == SH_CAPS && tl(c, k) > 2) ||
        (lookup_tok(c, k, &h) && h.type == CX_ORG)) {
      *type = CX_ORG, *rule = "name-with-caps";
      return true;
    }
  }
  /* a name then a city: a club or a company ("Levski Sofia"); a first
   * name before it made it a person already ("Trevor Holland") */
  if (n == 2) {
    cx_name_hit h;
    if (lookup_tok(c, b - 1, &h) &&
        (h.type == CX_GPE || h.type == CX_LOC) && h.source != CX_NAME_COUNTRY &&
        tx(c, a)[tl(c, a) - 1] != '.') {
      *type = CX_ORG, *rule = "name-city";
      return true;
    }
  }
  if (n >= 2 && n <= 3 && says_after(c, b)) {
    *type = CX_PERSON, *rule = "speaker";
    return true;
  }
  if (n == 2 || n == 3) {
    /* people's names are rarely made of ordinary words ("Gold Fields") */
    bool has_common = false;
    for (size_t k = a; k < b; k++)
      if (common(c, k)) has_common = true;
    if (has_common) return false; /* titles of works, phrases: unsure */
    if (score_after(c, b)) { /* "Lech Poznan 2 Gornik Zabrze 1": clubs */
      *type = CX_ORG, *rule = "name-score";
      return true;
    }
    *type = CX_PERSON, *rule = "name-shape";
    return true;
  }
  /* a lone unknown word or a long unexplained run: measured on news text,
   * guessing loses more than it gains */
  return false;
}

/* ------------------------------------------------------------ scan */

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  if (!doc->norm_len) return;
  ctx c = {.names = state, .d = doc};
  c.gaz_prefix = cx_names_gaz_prefix_bits(state, &c.gaz_prefix_mask);
  memset(c.alias_head, 0xff, sizeof c.alias_head); /* -1: empty */
  const uint64_t *country_bits = cx_names_country_bits(state);
  c.n = tokenize(doc, cx_names_country_head_bits(state), &c.t);
  block_figures(&c);
  bool after_title = false;
  uint32_t *left = NULL; /* untyped lone words, for a second look */
  size_t n_left = 0, cap_left = 0;
  for (size_t i = 0; i < c.n;) {
    /* most tokens: lower-case words that name no country, passed over as
     * the tests below would pass them */
    if (c.t[i].shape == SH_LOWER && !c.t[i].lc_country) {
      do i++;
      while (i < c.n && c.t[i].shape == SH_LOWER && !c.t[i].lc_country);
      after_title = false;
      continue;
    }
    const tok *t = &c.t[i];
    if (t->blocked || t->shape == SH_PUNCT || t->shape == SH_OTHER) {
      after_title = false;
      i++;
      continue;
    }
    if (t->shape == SH_LOWER) {
      /* unambiguous lower-case country names ("china") */
      /* only a word that is itself a country's name can match as one
       * (cheap test first: most words are none) */
      cx_name_hit h;
      const cx_name_word *wi;
      if (t->lc_country && tl(&c, i) >= 4 && cx_names_country_bit_set(country_bits, tx(&c, i), tl(&c, i)) &&
          (wi = winfo(&c, i)) && (wi->flags & CX_NW_GAZ) &&
          cx_names_word_hit(c.names, wi)->source == CX_NAME_COUNTRY &&
          gazetteer_match(&c, i, &h) == 1 && h.source == CX_NAME_COUNTRY && !common(&c, i))
        emit(&c, i, i + 1, CX_GPE, h.canonical, "country-lower");
      after_title = false;
      i++;
      continue;
    }
    /* titles first: "President" is not a name, the word after it is */
    size_t nt = title_match(&c, i);
    cx_name_hit h;
    size_t ng;
    if (nt && !(nt == 1 && c.t[i].caps_line)) {
      ng = gazetteer_match(&c, i, &h);
      if (ng <= nt) {
        after_title = true;
        i += nt;
        continue;
      }
    } else {
      ng = gazetteer_match(&c, i, &h);
    }
    size_t nr = cap_run(&c, i);
    if (ng) {
      bool take = true;
      /* a longer run ending in an organisation word is one organisation
       * ("Hong Kong Stock Exchange"), unless the match is a demonym or a
       * country qualifying it ("Chinese Ministry of Commerce") */
      if (nr > ng && !after_title) {
        int ow = org_word(&c, i + nr - 1);
        bool org_end = is_head(ow) || ow == CX_ORGW_SUFFIX;
        /* a party or movement named by its adjective ("Democratic Party",
         * "Scottish Labour Party") against a country's body ("Chinese
         * Ministry of Commerce", which stays norp + org) */
        cx_name_hit ch = {0};
        bool group = h.source == CX_NAME_DEMONYM && h.canonical &&
                     (!cx_names_lookup(c.names, h.canonical, strlen(h.canonical), &ch) ||
                      ch.source == CX_NAME_DEMONYM);
        bool qualifier = h.source == CX_NAME_COUNTRY || (h.source == CX_NAME_DEMONYM && !group);
        bool of_follows = tok_is(&c, i + ng, "of");
        if (org_end && (!qualifier || h.source == CX_NAME_COUNTRY ||
                        ow != CX_ORGW_GOVHEAD) && !of_follows)
          take = false;
        /* "National Bank of Poland", "Chicago Board of Trade": an
         * organisation head, then "of" (a nationality before a government
         * body stays apart: "Chinese | Ministry of Commerce") */
        for (size_t k = i + ng; k + 1 < i + nr; k++) {
          if (!tok_is(&c, k + 1, "of")) continue;
          int hw = org_word(&c, k);
          if (hw == CX_ORGW_HEAD || (hw == CX_ORGW_GOVHEAD && !qualifier)) take = false;
        }
        if (of_follows && is_head(org_word(&c, i + ng - 1)))
          take = false;
      }
      /* a known first name opening a longer run is a full name
       * ("Phil Simmons", "Brent Mayne") */
      if (take && nr > ng && ng == 1 &&
          (h.type == CX_PERSON || h.source == CX_NAME_LEARNED) &&
          first_name(&c, i))
        take = false;
      /* an event named after a place or body: "Fed Cup", "Greater
       * Milwaukee Open" */
      if (take && nr > ng &&
          org_word(&c, i + nr - 1) == CX_ORGW_EVENT) {
        i += nr;
        after_title = false;
        continue;
      }
      /* a club or company then its city: "Dinamo Bucharest", "NEC Nijmegen" */
      if (take && nr == ng + 1 && h.type == CX_ORG && !after_title && !c.t[i].caps_line) {
        cx_name_hit h2;
        if (gazetteer_match(&c, i + ng, &h2) == 1 && (h2.type == CX_GPE || h2.type == CX_LOC) &&
            h2.source != CX_NAME_COUNTRY) {
          emit(&c, i, i + nr, CX_ORG, NULL, "org-city");
          i += nr;
          after_title = false;
          continue;
        }
      }
      /* a place followed by a team or company name: "Philadelphia Eagles" */
      if (take && nr == ng + 1 && h.source != CX_NAME_DEMONYM && h.type != CX_PERSON &&
          h.type != CX_ORG && !after_title) {
        cx_name_hit h2;
        if (gazetteer_match(&c, i + ng, &h2) == 1 && h2.type == CX_ORG &&
            h2.source == CX_NAME_ORG) {
          emit(&c, i, i + nr, CX_ORG, NULL, "place-team");
          i += nr;
          after_title = false;
          continue;
        }
      }
      /* a learned single word that is a calendar or organisation word
       * ("Wednesday", "United", "Cup") names nothing alone */
      if (take && ng == 1 && h.source == CX_NAME_LEARNED &&
          (is_stop(&c, i) ||
           (org_word(&c, i) != CX_ORGW_NONE &&
            org_word(&c, i) != CX_ORGW_CLUBHEAD)))
        take = false;
      /* a learned single word at a sentence start that is common English */
      if (take && ng == 1 && (h.source == CX_NAME_LEARNED || h.source == CX_NAME_ORG) &&
          (t->sent_start || t->caps_line) && common(&c, i))
        take = false;
      /* a section slug opening a headline: "ATHLETICS - ..." */
      if (take && h.source == CX_NAME_LEARNED && t->caps_line && t->nl_before &&
          tok_is(&c, i + ng, "-"))
        take = false;
      if (take) {
        cx_mention_type type = h.type;
        /* a dateline names a place, whatever else the word names:
         * "MILWAUKEE , Wisconsin 1996-08-29", "NICE , France" */
        if (dateline(&c, i, i + ng) && h.type != CX_GPE && h.type != CX_LOC)
          type = CX_GPE;
        /* a city followed by a score is a team ("Chicago 5 Houston 3") */
        if ((h.source == CX_NAME_PLACE || (h.source == CX_NAME_LEARNED && h.type == CX_GPE)) &&
            score_after(&c, i + ng))
          type = CX_ORG;
        if (after_title && type != CX_NORP && type != CX_GPE) type = CX_PERSON;
        /* people named after a title keep the title's person reading */
        const seen_name *e = ng == 1 ? alias_of(&c, i, i + 1) : NULL;
        if (e && h.source == CX_NAME_LEARNED)
          emit(&c, i, i + 1, e->type, e->canonical, "alias");
        else
          emit(&c, i, i + ng, type, h.canonical, "gazetteer");
        after_title = false;
        i += ng;
        continue;
      }
    }
    /* unknown capitalised run */
    size_t a = i, b = i + nr;
    /* a common word opening a sentence or headline is not part of the name */
    /* one word at a time: the scan restarts after it */
    if (a < b && (c.t[a].sent_start || c.t[a].caps_line ||
                  is_stop(&c, a)) &&
        common(&c, a) && !after_title &&
        !(a + 1 < b && org_word(&c, a)))
      a++;
    /* a describing word before a full name: "Unseeded Patrick Rafter" */
    else if (b - a >= 3 && common(&c, a) && !after_title &&
             first_name(&c, a + 1) &&
             !org_word(&c, a))
      a++;
    if (a < b && connector(&c, a)) a = b;
    if (a > i && a < b) { /* look again from the first uncommon word */
      i = a;
      continue;
    }
    if (a < b) {
      cx_mention_type type;
      const char *canon, *rule;
      if (classify(&c, a, b, after_title, &type, &canon, &rule))
        emit(&c, a, b, type, canon, rule);
      else if (b == a + 1 && !common(&c, a) && tl(&c, a) > 2) {
        if (n_left == cap_left) {
          size_t cap = cap_left ? cap_left * 2 : 32;
          uint32_t *nl = cx_arena_alloc(doc->arena, cap * sizeof *nl);
          if (n_left) memcpy(nl, left, n_left * sizeof *nl);
          left = nl, cap_left = cap;
        }
        left[n_left++] = (uint32_t)a;
      }
    }
    after_title = false;
    i = b > i ? b : i + 1;
  }
  /* one name, one type per document: a word left untyped takes the type
   * it has where context told ("Petofi" after "Petofi 2 Ujpest 1") */
  size_t n_named = c.n_seen, lo = n_named > 512 ? n_named - 512 : 0;
  /* the one-word names among the last 512, oldest first per bucket of
   * their hash: the walk below meets them in the order a scan would */
  int32_t one_head[ALIAS_BUCKETS], *one_next = NULL;
  if (n_left) {
    memset(one_head, 0xff, sizeof one_head);
    one_next = cx_arena_alloc(doc->arena, (n_named - lo + 1) * sizeof *one_next);
    for (size_t e = n_named; e-- > lo;) {
      if (c.seen[e].first != c.seen[e].last) continue;
      size_t bk = alias_bucket(c.seen[e].h_first);
      one_next[e - lo] = one_head[bk];
      one_head[bk] = (int32_t)e;
    }
  }
  for (size_t k = 0; k < n_left; k++) {
    uint64_t hk = tok_hash(&c, left[k]);
    uint32_t lk = (uint32_t)tl(&c, left[k]);
    for (int32_t e = one_head[alias_bucket(hk)]; e >= 0; e = one_next[e - lo]) {
      const seen_name *sn = &c.seen[e];
      if (sn->h_first != hk || sn->l_first != lk || !same_tok(&c, left[k], sn->first))
        continue;
      if (sn->type == CX_NORP) break;
      cx_mention *m = cx_doc_add_mention(doc, sn->type, c.t[left[k]].start, c.t[left[k]].end);
      m->str = sn->canonical;
      m->rule = "same-in-doc";
      break;
    }
  }
}

const cx_extractor cx_extractor_entity = {"entity", init, fini, run};
