/* Currency symbols, codes and names around a figure → ISO 4217. */
#include "currency.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

struct cx_currencies {
  cx_lexicon *table; /* currencies.tsv: "ISO [flags]" */
  cx_lexicon *tlds;  /* outlet_currencies.tsv: ".au" → "AUD d" */
};

cx_currencies *cx_currencies_new(cx_diag *diag) {
  cx_currencies *cx = cx_xcalloc(1, sizeof *cx);
  cx->table = cx_lexicon_load("currencies.tsv", false, diag);
  cx->tlds = cx_lexicon_load("outlet_currencies.tsv", false, diag);
  if (!cx->table || !cx->tlds) {
    cx_currencies_free(cx);
    return NULL;
  }
  return cx;
}

void cx_currencies_free(cx_currencies *cx) {
  if (!cx) return;
  cx_lexicon_free(cx->table);
  cx_lexicon_free(cx->tlds);
  free(cx);
}

static inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

bool cx_currency_lookup(const cx_currencies *cx, const char *s, size_t n,
                        cx_currency *out) {
  if (n == 0 || n > 24) return false;
  const char *v = cx_lexicon_get(cx->table, s, n);
  if (!v) return false;
  memset(out, 0, sizeof *out);
  size_t i = 0;
  if (v[0] != '-')
    for (; i < 3 && is_alpha((unsigned char)v[i]); i++) out->iso[i] = v[i];
  out->iso[i] = '\0';
  const char *f = strchr(v, ' ');
  for (; f && *f; f++) switch (*f) {
      case 'a': out->flags |= CX_CUR_AMBIGUOUS; break;
      case 'u': out->flags |= CX_CUR_UPPER; break;
      case 's': out->flags |= CX_CUR_SUBUNIT; break;
      case 'M': out->flags |= CX_CUR_MEGA; break;
      case 'p': out->flags |= CX_CUR_PREFIX; break;
      case 'x': out->flags |= CX_CUR_SUFFIX; break;
      case 'g': out->flags |= CX_CUR_GLUED; break;
      case 'v': out->flags |= CX_CUR_VERB; break;
    }
  bool has_alpha = false;
  for (size_t k = 0; k < n; k++) {
    unsigned char c = (unsigned char)s[k];
    if (is_alpha(c)) has_alpha = true;
    if ((out->flags & CX_CUR_UPPER) && is_lower(c)) return false;
  }
  if (memchr(s, '$', n) || !has_alpha) out->flags |= CX_CUR_SYMBOL;
  else if (out->flags & CX_CUR_SUFFIX)
    out->flags |= CX_CUR_NAME;
  /* codes written in lower case pass only as whole-token codes in
   * lower-case text (the specs' "usd 200"); mixed case like "Usd" is rare */
  return true;
}

/* Characters a currency token is made of: letters, '.', '$', and any
 * non-ASCII byte (symbols). */
static inline bool tok_byte(unsigned char c) {
  return is_alpha(c) || c == '.' || c == '$' || c >= 0x80;
}

bool cx_currency_before(const cx_currencies *cx, const char *s, size_t at,
                        cx_currency *out) {
  size_t q = at;
  if (q > 0 && s[q - 1] == ' ') q--;
  size_t b1 = q;
  while (b1 > 0 && tok_byte((unsigned char)s[b1 - 1]) && q - b1 < 24) b1--;
  if (b1 == q) return false;
  char key[48];
  cx_currency c;
  /* "us $", "hk $", "u.s $": a prefix word spaced from the "$" */
  if (s[q - 1] == '$' && q - b1 == 1 && b1 >= 2 && s[b1 - 1] == ' ') {
    size_t e0 = b1 - 1, b0 = e0;
    while (b0 > 0 && (is_alpha((unsigned char)s[b0 - 1]) || s[b0 - 1] == '.') &&
           e0 - b0 < 8)
      b0--;
    if (b0 < e0 && (b0 == 0 || !tok_byte((unsigned char)s[b0 - 1]))) {
      size_t n = e0 - b0;
      memcpy(key, s + b0, n);
      key[n] = '$';
      if (cx_currency_lookup(cx, key, n + 1, &c) &&
          !(c.flags & CX_CUR_SUFFIX)) {
        /* "a $5 bill" is no Australian money: one-letter capital
         * prefixes (A$, S$) must be glued */
        if (!(c.flags & CX_CUR_UPPER)) {
          c.start = b0;
          c.end = q;
          *out = c;
          return true;
        }
      }
    }
  }
  /* the whole token: "US$", "(US$" ('(' is no token byte), "USD", "Rs." */
  if (cx_currency_lookup(cx, s + b1, q - b1, &c) && !(c.flags & CX_CUR_SUFFIX)) {
    c.start = b1;
    c.end = q;
    *out = c;
    return true;
  }
  /* a symbol glued after a non-letter symbol ("≈$5"): the last character
   * alone; after a letter ("the$5") it is a typo, not a prefix */
  size_t k = q - 1;
  while (k > b1 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  if (k > b1 && !is_alpha((unsigned char)s[k]) && s[k] != '.' &&
      !is_alpha((unsigned char)s[k - 1]) &&
      cx_currency_lookup(cx, s + k, q - k, &c) && !(c.flags & CX_CUR_SUFFIX)) {
    c.start = k;
    c.end = q;
    *out = c;
    return true;
  }
  return false;
}

/* End of the token at s[p]: a word of letters and inner dots, or one
 * non-ASCII character, or "$". */
static size_t token_end(const char *s, size_t len, size_t p) {
  unsigned char c = (unsigned char)s[p];
  if (is_alpha(c)) {
    size_t q = p;
    while (q < len && (is_alpha((unsigned char)s[q]) ||
                       (s[q] == '.' && q + 1 < len &&
                        is_alpha((unsigned char)s[q + 1]))))
      q++;
    /* keep a final dot of an abbreviation like "u.s." */
    if (q < len && s[q] == '.' && q - p >= 3 && s[q - 2] == '.') q++;
    return q;
  }
  if (c == '$') return p + 1;
  if (c >= 0x80) {
    /* a symbol, possibly several characters ("ரூ"): the non-ASCII run */
    size_t q = p;
    while (q < len && (unsigned char)s[q] >= 0x80) q++;
    return q;
  }
  return p;
}

bool cx_currency_after(const cx_currencies *cx, const char *s, size_t len,
                       size_t at, cx_currency *out) {
  size_t p = at;
  bool hyphen = false;
  if (p < len && s[p] == ' ') p++;
  else if (p < len && s[p] == '-') p++, hyphen = true;
  if (p >= len) return false;
  size_t ends[3];
  int nt = 0;
  size_t q = p;
  while (nt < 3) {
    size_t e = token_end(s, len, q);
    if (e == q) break;
    ends[nt++] = e;
    if (e + 1 < len && s[e] == ' ' && is_alpha((unsigned char)s[e + 1]) &&
        is_alpha((unsigned char)s[q]))
      q = e + 1;
    else
      break;
  }
  char key[64];
  for (int k = nt; k-- > 0;) {
    size_t e = ends[k], n = e - p;
    if (n >= sizeof key) continue;
    /* words must end at a word boundary */
    if (e < len && is_alpha((unsigned char)s[e - 1]) &&
        (is_alpha((unsigned char)s[e]) || is_digit((unsigned char)s[e])))
      continue;
    memcpy(key, s + p, n);
    cx_currency c;
    bool found = cx_currency_lookup(cx, key, n, &c);
    size_t cend = e;
    if (!found && n > 1 && key[n - 1] == '.') {
      found = cx_currency_lookup(cx, key, n - 1, &c);
      cend = e - 1;
    }
    if (!found || (c.flags & CX_CUR_PREFIX)) continue;
    if ((c.flags & CX_CUR_GLUED) && p != at) continue;
    /* "12-cent", "one-yen": only names take a hyphen */
    if (hyphen && !(c.flags & (CX_CUR_NAME | CX_CUR_SUBUNIT))) continue;
    /* "USD50": a code glued to the next figure belongs to that figure */
    if (cend < len && is_digit((unsigned char)s[cend])) continue;
    c.start = p;
    c.end = cend;
    *out = c;
    return true;
  }
  return false;
}

bool cx_currency_for_url(const cx_currencies *cx, const char *url,
                         char iso[4], char *family) {
  if (!url) return false;
  const char *h = strstr(url, "://");
  h = h ? h + 3 : url;
  size_t n = strcspn(h, "/:?#");
  const char *dot = NULL;
  for (size_t i = n; i-- > 0;)
    if (h[i] == '.') {
      dot = h + i;
      break;
    }
  if (!dot) return false;
  const char *v = cx_lexicon_get(cx->tlds, dot, (size_t)(h + n - dot));
  if (!v || strlen(v) < 5) return false;
  memcpy(iso, v, 3);
  iso[3] = '\0';
  *family = v[4];
  return true;
}
