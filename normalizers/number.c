/* Figures in digits and words → values (see number.h for the forms). */
#include "number.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bytemask.h"
#include "lexicon.h"

struct cx_numbers {
  cx_lexicon *words;  /* number_words.tsv: "value kind" */
  cx_lexicon *scales; /* scales.tsv: "multiplier [g]" */
  cx_lexicon *quals;  /* qualifiers.tsv: phrase → qualifier name */
  cx_lexicon *qual_last; /* the last words of those phrases */
  /* number words by first and last letter: bit n set when such a word has
   * n letters (a cheap test before the hash lookup) */
  uint32_t opener[26][26];
  /* a word can open a figure (a number word, or "a" and a space) only when
   * bit (c2 & 31) of pre[(c0 & 31) | (c1 & 31) << 8] is set for its first
   * bytes c0 c1 c2: one probe for most words of the text */
  uint32_t pre[0x1f1f + 1];
  bool pre_ok; /* every number word has at least three ASCII letters */
  /* the number words of at most 8 letters, packed lower case (pack_word),
   * open addressing (0: empty): an exact test before parse_words */
  uint64_t words8[128];
  /* the same lexicons' answers for keys of at most 8 letters, parsed once
   * (strtod per lookup was most of a failed lookup's cost) */
  struct wordval {
    uint64_t key; /* pack_word; 0: empty slot */
    double value;
    char tag;     /* number word: its kind letter; scale: 'g' or 0 */
  } word_vals[128], scale_vals[64];
};

/* w[0..n) (n <= 8 letters) lower-cased, packed first byte lowest. */
static inline uint64_t pack_word(const unsigned char *w, size_t n) {
  uint64_t v = 0;
  for (size_t k = 0; k < n; k++) v |= (uint64_t)(w[k] | 0x20) << (8 * k);
  return v;
}

static inline size_t words8_slot(uint64_t v) {
  return (size_t)((v * 0x9e3779b97f4a7c15ull) >> 57);
}

static inline bool all_letters(const char *w, size_t n) {
  for (size_t k = 0; k < n; k++)
    if ((unsigned char)(((unsigned char)w[k] | 0x20) - 'a') >= 26) return false;
  return true;
}

/* Every key of up to 8 letters with what the lexicon answers for it, as
 * cx_number_word / cx_number_scale_at read the answer. */
static void fill_vals(const cx_lexicon *lx, struct wordval *t, size_t mask,
                      bool scale) {
  for (size_t i = 0; i < cx_lexicon_size(lx); i++) {
    const char *k = cx_lexicon_key(lx, i);
    size_t n = strlen(k);
    if (n == 0 || n > 8 || !all_letters(k, n)) continue;
    const char *v = cx_lexicon_get(lx, k, n);
    if (!v) continue;
    char *e;
    double x = strtod(v, &e);
    char tag;
    if (scale) {
      tag = strchr(e, 'g') ? 'g' : 0;
    } else {
      while (*e == ' ') e++;
      tag = *e;
    }
    uint64_t key = pack_word((const unsigned char *)k, n);
    size_t sl = words8_slot(key) & mask;
    while (t[sl].key && t[sl].key != key) sl = (sl + 1) & mask;
    t[sl] = (struct wordval){key, x, tag};
  }
}

/* The entry for the letters w[0..n) (1 <= n <= 8), or NULL when the
 * lexicon has none. */
static inline const struct wordval *find_val(const struct wordval *t, size_t mask,
                                             const char *w, size_t n) {
  uint64_t key = pack_word((const unsigned char *)w, n);
  for (size_t sl = words8_slot(key) & mask; t[sl].key; sl = (sl + 1) & mask)
    if (t[sl].key == key) return &t[sl];
  return NULL;
}

cx_numbers *cx_numbers_new(cx_diag *diag) {
  cx_numbers *nx = cx_xcalloc(1, sizeof *nx);
  nx->words = cx_lexicon_load("number_words.tsv", false, diag);
  nx->scales = cx_lexicon_load("scales.tsv", false, diag);
  nx->quals = cx_lexicon_load("qualifiers.tsv", false, diag);
  if (!nx->words || !nx->scales || !nx->quals) {
    cx_numbers_free(nx);
    return NULL;
  }
  for (size_t i = 0; i < cx_lexicon_size(nx->words); i++) {
    const char *k = cx_lexicon_key(nx->words, i);
    size_t n = strlen(k);
    if (n < 32 && k[0] >= 'a' && k[0] <= 'z' && k[n - 1] >= 'a' &&
        k[n - 1] <= 'z')
      nx->opener[k[0] - 'a'][k[n - 1] - 'a'] |= 1u << n;
  }
  nx->opener[0][0] |= 1u << 1; /* "a dozen", "a million" */
  nx->pre_ok = true;
  for (size_t i = 0; i < cx_lexicon_size(nx->words); i++) {
    const char *k = cx_lexicon_key(nx->words, i);
    if (strlen(k) < 3 || !all_letters(k, 3)) {
      nx->pre_ok = false;
      continue;
    }
    nx->pre[(k[0] & 31) | (k[1] & 31) << 8] |= 1u << (k[2] & 31);
  }
  nx->pre[('a' & 31) | (' ' & 31) << 8] = ~0u; /* "a dozen" */
  /* a phrase ends with the word just before the figure: without one of
   * these last words no phrase can match (cx_number_qualifier_before) */
  cx_buf last;
  cx_buf_init(&last);
  for (size_t i = 0; i < cx_lexicon_size(nx->quals); i++) {
    const char *k = cx_lexicon_key(nx->quals, i), *sp = strrchr(k, ' ');
    cx_buf_printf(&last, "%s\t1\n", sp ? sp + 1 : k);
  }
  nx->qual_last = cx_lexicon_parse("qualifier_last_words", last.data ? last.data : "",
                                   last.len, false, diag);
  cx_buf_free(&last);
  if (!nx->qual_last) {
    cx_numbers_free(nx);
    return NULL;
  }
  fill_vals(nx->words, nx->word_vals, 127, false);
  fill_vals(nx->scales, nx->scale_vals, 63, true);
  for (size_t i = 0; i < cx_lexicon_size(nx->words); i++) {
    const char *k = cx_lexicon_key(nx->words, i);
    size_t n = strlen(k);
    if (n == 0 || n > 8) continue;
    uint64_t v = pack_word((const unsigned char *)k, n);
    size_t sl = words8_slot(v);
    while (nx->words8[sl] && nx->words8[sl] != v) sl = (sl + 1) & 127;
    nx->words8[sl] = v;
  }
  return nx;
}

void cx_numbers_free(cx_numbers *nx) {
  if (!nx) return;
  cx_lexicon_free(nx->words);
  cx_lexicon_free(nx->scales);
  cx_lexicon_free(nx->quals);
  cx_lexicon_free(nx->qual_last);
  free(nx);
}

static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool is_wordish(unsigned char c) {
  return is_alpha(c) || is_digit(c) || c >= 0x80;
}

/* Length of the ASCII letter run at s[p]. */
static size_t alpha_run(const char *s, size_t len, size_t p) {
  size_t q = p;
  while (q < len && is_alpha((unsigned char)s[q])) q++;
  return q - p;
}

double cx_number_word(const cx_numbers *nx, const char *w, size_t n,
                      char *kind) {
  if (n == 0 || n > 9) return -1;
  if (n <= 8 && all_letters(w, n)) {
    const struct wordval *f = find_val(nx->word_vals, 127, w, n);
    if (!f) return -1;
    if (kind) *kind = f->tag;
    return f->value;
  }
  const char *v = cx_lexicon_get(nx->words, w, n);
  if (!v) return -1;
  char *e;
  double x = strtod(v, &e);
  while (*e == ' ') e++;
  if (kind) *kind = *e;
  return x;
}

double cx_number_scale_at(const cx_numbers *nx, const char *s, size_t len,
                          size_t at, bool glued, size_t *end) {
  size_t p = at;
  if (!glued) {
    /* "1.2 million", "$1.2-billion" */
    if (p < len && (s[p] == ' ' || s[p] == '-')) p++;
    else return 0;
  }
  size_t n = alpha_run(s, len, p);
  if (n == 0 || n > 9) return 0;
  /* the scale must end the word: "5 mnemonics" is no scale */
  if (p + n < len && (is_digit((unsigned char)s[p + n]) ||
                      (unsigned char)s[p + n] >= 0x80))
    return 0;
  double x;
  if (n <= 8) { /* letters: alpha_run */
    const struct wordval *f = find_val(nx->scale_vals, 63, s + p, n);
    if (!f) return 0;
    if (!glued && f->tag == 'g') return 0;
    x = f->value;
  } else {
    const char *v = cx_lexicon_get(nx->scales, s + p, n);
    if (!v) return 0;
    char *e;
    x = strtod(v, &e);
    if (!glued && strchr(e, 'g')) return 0;
  }
  *end = p + n;
  return x;
}

/* Number words: "thirty-seven", "two hundred and five", "half a million". */
static bool parse_words(const cx_numbers *nx, const char *s, size_t len,
                        size_t at, cx_num *out) {
  double total = 0, cur = 0, frac = 0;
  char last = 0;
  bool any = false, article = false;
  size_t p = at, end = at;
  for (;;) {
    size_t n = alpha_run(s, len, p);
    if (n == 0) break;
    char kind = 0;
    double v = cx_number_word(nx, s + p, n, &kind);
    if (v < 0) {
      bool is_a = (n == 1 && (s[p] == 'a' || s[p] == 'A'));
      bool is_and = (n == 3 && strncasecmp(s + p, "and", 3) == 0);
      size_t q = p + n;
      char nk = 0;
      if (q < len && s[q] == ' ') {
        size_t m = alpha_run(s, len, q + 1);
        if (cx_number_word(nx, s + q + 1, m, &nk) < 0) nk = 0;
      }
      if (is_a && !any && (nk == 'h' || nk == 's' || nk == 'd' || nk == 'f')) {
        article = true;
      } else if (is_a && last == 'f' && nk == 's') {
        /* "half a million" */
      } else if (is_and && (last == 'h' || last == 's') &&
                 (nk == 'u' || nk == 'e' || nk == 't')) {
        /* "two hundred and five" */
      } else if (is_and && (last == 'u' || last == 'e' || last == 't') &&
                 q + 7 <= len && strncasecmp(s + q, " a half", 7) == 0 &&
                 (q + 7 == len || !is_alpha((unsigned char)s[q + 7]))) {
        /* "one and a half million", "two and a half" */
        cur += 0.5;
        end = q + 7;
        last = 'e';
        if (q + 8 < len && s[q + 7] == ' ' && is_alpha((unsigned char)s[q + 8])) {
          p = q + 8;
          continue;
        }
        break;
      } else {
        break;
      }
      p = q + 1;
      continue;
    }
    bool ok = true;
    switch (kind) {
      case 'u':
      case 'e':
        if (last == 'u' || last == 'e' || (last == 't' && kind == 'e') ||
            last == 'f' || last == 'F')
          ok = false;
        else
          cur += v;
        break;
      case 't':
        if (last == 'u' || last == 'e' || last == 't' || last == 'f')
          ok = false;
        else
          cur += v;
        break;
      case 'h':
        if (cur == 0 && !article) ok = false;
        else if (last == 'h') ok = false;
        else cur = (cur ? cur : 1) * 100;
        break;
      case 's':
        if (frac) {
          total += frac * v;
          frac = 0;
        } else if (cur == 0 && !article) {
          ok = false;
        } else {
          total += (cur ? cur : 1) * v;
        }
        cur = 0;
        break;
      case 'd':
        if (last == 'd' || last == 'f') ok = false;
        else cur = (cur ? cur : 1) * 12;
        break;
      case 'f': /* half, quarter: only as a fraction of a following scale */
        if (any && !article) ok = false;
        else frac = v;
        break;
      case 'F': /* "three quarters" */
        if (cur == 0 || last != 'u') ok = false;
        else frac = cur * v, cur = 0;
        break;
      default:
        ok = false;
    }
    if (!ok) break;
    any = true;
    last = kind;
    p += n;
    if (!frac) end = p;
    if (p + 1 < len && (s[p] == ' ' || s[p] == '-') &&
        is_alpha((unsigned char)s[p + 1]))
      p++;
    else
      break;
  }
  if (end == at) return false;
  out->start = at;
  out->end = end;
  out->value = total + cur;
  out->scale = 1;
  out->flags = CX_NUM_WORDS;
  out->int_digits = 0;
  if (total >= 1000) out->flags |= CX_NUM_SCALE;
  return true;
}

/* Digit groups after the first: standard ",ddd" or Indian ",dd,...,ddd". */
static size_t parse_groups(const char *s, size_t len, size_t p, int first) {
  size_t q = p;
  int last_n = 0;
  bool indian = false;
  while (q + 1 < len && s[q] == ',' && is_digit((unsigned char)s[q + 1])) {
    size_t r = q + 1;
    while (r < len && is_digit((unsigned char)s[r])) r++;
    int n = (int)(r - q - 1);
    if (n == 3) {
      q = r;
      last_n = 3;
      if (indian) break;
      continue;
    }
    if (n == 2 && first <= 2 && (last_n == 0 || last_n == 2)) {
      indian = true;
      last_n = 2;
      q = r;
      continue;
    }
    break;
  }
  if (indian && last_n != 3) return p; /* "1,23" is no grouped figure */
  if (first > 3 && q > p) return p;
  return q;
}

bool cx_number_parse(const cx_numbers *nx, const char *s, size_t len,
                     size_t at, cx_num *out) {
  if (at >= len) return false;
  size_t p = at;
  unsigned flags = 0;
  if ((s[p] == '-' || s[p] == '+') && p + 1 < len &&
      is_digit((unsigned char)s[p + 1])) {
    flags |= CX_NUM_SIGNED;
    p++;
  }
  if (!is_digit((unsigned char)s[p])) {
    if (flags) return false;
    if (!is_alpha((unsigned char)s[p])) return false;
    if (at > 0 && is_alpha((unsigned char)s[at - 1])) return false;
    return parse_words(nx, s, len, at, out);
  }
  size_t d0 = p;
  while (p < len && is_digit((unsigned char)s[p])) p++;
  int first = (int)(p - d0);
  size_t g = parse_groups(s, len, p, first);
  if (g > p) flags |= CX_NUM_GROUPED;
  p = g;
  char buf[64];
  size_t bn = 0;
  for (size_t i = d0; i < p && bn < sizeof buf - 1; i++)
    if (s[i] != ',') buf[bn++] = s[i];
  int int_digits = (int)bn;
  if (p + 1 < len && s[p] == '.' && is_digit((unsigned char)s[p + 1])) {
    flags |= CX_NUM_DECIMAL;
    buf[bn < sizeof buf - 1 ? bn++ : bn] = '.';
    p++;
    while (p < len && is_digit((unsigned char)s[p])) {
      if (bn < sizeof buf - 1) buf[bn++] = s[p];
      p++;
    }
  }
  buf[bn] = '\0';
  double v;
  if (!(flags & CX_NUM_DECIMAL) && bn <= 15) {
    /* an integer of at most 15 digits is exact in a double: strtod's
     * value without its cost */
    uint64_t iv = 0;
    for (size_t i = 0; i < bn; i++) iv = iv * 10 + (uint64_t)(buf[i] - '0');
    v = (double)iv;
  } else {
    v = strtod(buf, NULL);
  }
  if (flags & CX_NUM_SIGNED && s[at] == '-') v = -v;
  flags |= CX_NUM_DIGITS;
  if (at > 0 && is_alpha((unsigned char)s[at - 1])) flags |= CX_NUM_ALPHA_BEFORE;
  double scale = 1;
  size_t e = p;
  if (p < len && is_alpha((unsigned char)s[p])) {
    double sc = cx_number_scale_at(nx, s, len, p, true, &e);
    if (sc > 0) {
      scale = sc;
      p = e;
    } else {
      flags |= CX_NUM_ALPHA_AFTER;
    }
  } else {
    double sc = cx_number_scale_at(nx, s, len, p, false, &e);
    if (sc > 0) {
      scale = sc;
      p = e;
    } else if (p + 6 <= len && s[p] == ' ' &&
               strncasecmp(s + p + 1, "dozen", 5) == 0 &&
               (p + 6 == len || !is_alpha((unsigned char)s[p + 6]))) {
      scale = 12;
      p += 6;
    }
  }
  if (scale != 1) flags |= CX_NUM_SCALE;
  out->start = at;
  out->end = p;
  out->value = v * scale;
  out->scale = scale;
  out->flags = flags;
  out->int_digits = int_digits;
  return true;
}

/* Length of the run of ASCII letters at u[q..len), eight bytes at a time
 * (SWAR, little-endian lanes) where eight are left. */
static inline size_t letter_run(const unsigned char *u, size_t q, size_t len) {
  size_t q0 = q;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  for (; q + 8 <= len; q += 8) {
    uint64_t w;
    memcpy(&w, u + q, 8);
    uint64_t low7 = (w | 0x20 * ones) & ~high; /* letters folded */
    uint64_t letter = (low7 + (0x80 - 'a') * ones) & ~(low7 + (0x7f - 'z') * ones) &
                      ~w & high;
    uint64_t other = ~letter & high;
    if (other) return q - q0 + (size_t)__builtin_ctzll(other) / 8;
  }
#endif
  while (q < len && is_alpha(u[q])) q++;
  return q - q0;
}

/* Could the letters w[0..n) be a number word (cx_number_word)? Exact for
 * up to 8 letters; 9 letters are left to the lexicon. */
static inline bool maybe_number_word(const cx_numbers *nx, const unsigned char *w,
                                     size_t n) {
  if (n == 0 || n > 9) return false;
  if (n == 9) return true;
  uint64_t v = pack_word(w, n);
  for (size_t sl = words8_slot(v); nx->words8[sl]; sl = (sl + 1) & 127)
    if (nx->words8[sl] == v) return true;
  return false;
}

/* parse_words fails unless its first word is a number word, or "a" before
 * one ("a dozen", "a million"): most candidates end here, before the
 * lexicon. */
static inline bool words_may_parse(const cx_numbers *nx, const unsigned char *u,
                                   size_t len, size_t p, size_t n) {
  if (maybe_number_word(nx, u + p, n)) return true;
  if (n != 1 || (u[p] | 0x20) != 'a') return false;
  size_t q = p + 1;
  if (q >= len || u[q] != ' ') return false;
  size_t m = alpha_run((const char *)u, len, q + 1);
  return maybe_number_word(nx, u + q + 1, m);
}

/* The byte-by-byte scan this replaces stopped only at digits that do not
 * continue a digit run and at letters that start a word (the byte before is
 * neither letter nor digit): every other byte moved on by one. Those stops
 * are found with 64-byte masks (bytemask.h) and visited in order. */
/* Where a scan for figures stands: the block at base (64 bytes) whose stops
 * not yet visited are `stops`, and where the next block opens. */
typedef struct num_scan {
  size_t base, next;
  uint64_t L, D, stops;
} num_scan;

/* The next figure at a stop of the scan, which moves past it. The stops
 * are a property of each byte and the one before it (a digit not after a
 * digit, a letter after neither), so a scan resumed after a figure's stop
 * visits the stops a scan started there would. */
static bool scan_next(const cx_numbers *nx, const char *s, size_t len, num_scan *sc,
                      cx_num *out) {
  const unsigned char *u = (const unsigned char *)s;
  for (;;) {
    const size_t base = sc->base;
    const uint64_t L = sc->L, D = sc->D;
    while (sc->stops) {
      unsigned b = (unsigned)__builtin_ctzll(sc->stops);
      sc->stops &= sc->stops - 1;
      size_t p = base + b;
      if (D >> b & 1) {
        unsigned char prev = p > 0 ? u[p - 1] : ' ';
        /* inside "1.5" or "1,500" whose start was rejected */
        if ((prev == '.' || prev == ',') && p >= 2 && is_digit(u[p - 2])) continue;
        size_t at = p;
        if (prev == '-' && p >= 2 && !is_wordish(u[p - 2]) && u[p - 2] != '-')
          at = p - 1; /* "-3" */
        if (cx_number_parse(nx, s, len, at, out)) return true;
        continue;
      }
      /* a word: its letters hold no stop */
      uint64_t rest = ~L >> b;
      size_t n = rest ? (size_t)__builtin_ctzll(rest) : 64 - b;
      if (b + n == 64) n += letter_run(u, base + 64, len);
      size_t q = p + n;
      unsigned fc = (u[p] | 0x20) - 'a', lc = (unsigned)((u[q - 1] | 0x20) - 'a');
      bool found = n < 32 && (nx->opener[fc][lc] >> n & 1u) &&
                   words_may_parse(nx, u, len, p, n) && cx_number_parse(nx, s, len, p, out);
      if (q >= base + 64) {
        sc->next = q;
        sc->stops = 0;
      }
      if (found) return true;
    }
    const size_t nb = sc->next;
    if (nb >= len) return false;
    size_t m = len - nb < 64 ? len - nb : 64;
    uint64_t L2, D2;
    cx_mask64_tail(u + nb, m, &L2, &D2);
    unsigned char c0 = nb > 0 ? u[nb - 1] : ' ';
    uint64_t pd = is_digit(c0), pa = is_digit(c0) || is_alpha(c0);
    uint64_t words = L2 & ~((L2 | D2) << 1 | pa);
    if (nx->pre_ok && nb + 64 + 4 <= len) {
      /* no number word has two letters (pre_ok), "a" has one */
      words &= ~((L2 >> 1) & ~(L2 >> 2) & ~(3ull << 62));
      /* most words cannot open a figure (pre): they are dropped here, one
       * probe each; a word that runs on into the next block is dropped as
       * well, as the next block's letters after letters are no stops */
      uint64_t keep = 0;
      const unsigned char *ub = u + nb;
      for (uint64_t w = words; w; w &= w - 1) {
        size_t b = (size_t)__builtin_ctzll(w);
        uint32_t x;
        memcpy(&x, ub + b, 4);
        if (nx->pre[x & 0x1f1f] >> (x >> 16 & 31) & 1) keep |= w & -w;
      }
      words = keep;
    }
    sc->base = nb;
    sc->next = nb + 64;
    sc->L = L2, sc->D = D2;
    sc->stops = (D2 & ~(D2 << 1 | pd)) | words;
  }
}

bool cx_number_next(const cx_numbers *nx, const char *s, size_t len,
                    size_t from, cx_num *out) {
  num_scan sc = {from, from, 0, 0, 0};
  return scan_next(nx, s, len, &sc, out);
}

static void build_doc_numbers(const cx_numbers *nx, cx_doc *doc) {
  const char *s = doc->norm;
  size_t len = doc->norm_len, n = 0, cap = 0;
  struct cx_doc_num *v = NULL;
  cx_num x;
  /* one scan: the next figure's stop lies past this one's (its first digit,
   * or the letter opening its words) */
  num_scan sc = {0, 0, 0, 0, 0};
  while (scan_next(nx, s, len, &sc, &x)) {
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      struct cx_doc_num *w = cx_arena_alloc(doc->arena, nc * sizeof *w);
      if (n) memcpy(w, v, n * sizeof *w);
      v = w, cap = nc;
    }
    /* a leading '-' is taken from the character before the candidate */
    size_t at = x.start < len && s[x.start] == '-' ? x.start + 1 : x.start;
    v[n].at = at;
    v[n].num = x;
    n++;
  }
  doc->nums = v;
  doc->n_nums = n;
  doc->nums_built = true;
}

bool cx_doc_number_next(const cx_numbers *nx, cx_doc *doc, size_t from,
                        cx_num *out) {
  size_t cursor = SIZE_MAX;
  return cx_doc_number_walk(nx, doc, from, &cursor, out);
}

bool cx_doc_number_walk(const cx_numbers *nx, cx_doc *doc, size_t from, size_t *cursor,
                        cx_num *out) {
  if (!doc->nums_built) build_doc_numbers(nx, doc);
  const struct cx_doc_num *v = doc->nums;
  size_t n = doc->n_nums, i = *cursor;
  if (i > n || (i > 0 && v[i - 1].at >= from)) { /* not behind from: search */
    size_t lo = 0, hi = n;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (v[mid].at < from) lo = mid + 1;
      else hi = mid;
    }
    i = lo;
  } else { /* every figure before i is: walk on */
    while (i < n && v[i].at < from) i++;
  }
  *cursor = i;
  if (i == n) return false;
  *out = v[i].num;
  return true;
}

bool cx_number_parse_str(const cx_numbers *nx, const char *s, double *value) {
  cx_num n;
  size_t len = strlen(s);
  if (!cx_number_parse(nx, s, len, 0, &n) || n.end != len) return false;
  *value = n.value;
  return true;
}

cx_qualifier cx_number_qualifier_before(const cx_numbers *nx, const char *s,
                                        size_t at, size_t *qstart) {
  size_t q = at;
  if (q > 0 && s[q - 1] == ' ') q--;
  size_t starts[4];
  int nw = 0;
  size_t p = q;
  while (nw < 4 && p > 0) {
    size_t b = p;
    while (b > 0 && (is_alpha((unsigned char)s[b - 1]) || s[b - 1] == '.')) b--;
    if (b == p) break;
    starts[nw++] = b;
    /* every phrase ends with the word just before: without a phrase's last
     * word there, the words before need not be found */
    if (nw == 1 && !cx_lexicon_has(nx->qual_last, s + b, q - b)) return CX_Q_NONE;
    if (b >= 2 && s[b - 1] == ' ' && is_alpha((unsigned char)s[b - 2]))
      p = b - 1;
    else
      break;
  }
  for (int k = nw; k-- > 0;) {
    const char *v = cx_lexicon_get(nx->quals, s + starts[k], q - starts[k]);
    if (!v) continue;
    for (int qq = CX_Q_AT_LEAST; qq <= CX_Q_UNDER; qq++)
      if (strcmp(cx_qualifier_name((cx_qualifier)qq), v) == 0) {
        *qstart = starts[k];
        return (cx_qualifier)qq;
      }
  }
  return CX_Q_NONE;
}

