/* Names: gazetteers of countries, demonyms, places, organisations, titles,
 * first names and organisation words, with their canonical forms.
 *
 * All lookups are ASCII case-insensitive over a single-space-joined key:
 *   "China"            → gpe  China
 *   "Russian Federation" → gpe Russia
 *   "JAPANESE"         → norp Japan        (demonym → country)
 *   "Russians"         → norp Russia       (plural demonym)
 *   "Hong Kong"        → gpe  Hong Kong
 *   "Europe"           → loc  Europe
 *   "Nikkei"           → org  Nikkei Asia  (alias of an outlet)
 *   "Kiev"             → gpe  Kyiv
 * Lexicons are the data files normalizers/data/names_*.tsv; the learned
 * gazetteer (tools/learn_names.py) is consulted after the hand-written ones.
 */
#ifndef CX_NAMES_H
#define CX_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../pipeline/cx.h"

typedef struct cx_names cx_names;

typedef enum {
  CX_NAME_COUNTRY = 1, /* names_countries.tsv */
  CX_NAME_DEMONYM,     /* names_demonyms.tsv */
  CX_NAME_PLACE,       /* names_places.tsv */
  CX_NAME_ORG,         /* names_orgs.tsv */
  CX_NAME_LEARNED,     /* names_gazetteer.tsv */
} cx_name_source;

typedef struct cx_name_hit {
  cx_mention_type type;
  cx_name_source source;
  const char *canonical; /* NULL: the surface text is the name */
} cx_name_hit;

/* Organisation word roles (names_org_words.tsv). GOVHEAD: a head that a
 * nationality qualifies without joining ("Chinese | Foreign Ministry"). */
enum { CX_ORGW_NONE = 0, CX_ORGW_HEAD, CX_ORGW_SUFFIX, CX_ORGW_PLACEHEAD, CX_ORGW_EVENT,
       CX_ORGW_LOCSUFFIX, CX_ORGW_GOVHEAD,
       CX_ORGW_CLUBHEAD };

cx_names *cx_names_new(cx_diag *diag);
void cx_names_free(cx_names *n);

/* Looks up key[0..len) in the gazetteers, hand-written first. */
bool cx_names_lookup(const cx_names *n, const char *key, size_t len,
                     cx_name_hit *hit);
/* The same, one lexicon at a time (used to build the index). */
bool cx_names_lookup_slow(const cx_names *n, const char *key, size_t len,
                          cx_name_hit *hit);

/* Hashed look-ups for callers that grow a key word by word: the hash of
 * "w1 w2" is cx_names_hash(cx_names_hash(cx_names_hash(CX_NAMES_HASH0,
 * w1), " "), w2) (ASCII case-folded FNV-1a). */
#define CX_NAMES_HASH0 1469598103934665603ull
static inline uint64_t cx_names_hash(uint64_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    h ^= c >= 'A' && c <= 'Z' ? (unsigned)(c + 32) : c;
    h *= 1099511628211ull;
  }
  return h;
}
/* The same hash of a key of len <= 8 bytes from w0, its bytes folded and
 * zero-padded (cx_fold8(cx_head8(key, len)), see fold8.h): one fold serves
 * the hash and the probe (cx_names_word_w0). */
static inline uint64_t cx_names_hash_w0(uint64_t w0, size_t len) {
  uint64_t h = CX_NAMES_HASH0;
  for (size_t i = 0; i < len; i++, w0 >>= 8) h = (h ^ (w0 & 0xff)) * 1099511628211ull;
  return h;
}
bool cx_names_lookup_h(const cx_names *n, uint64_t h, const char *key, size_t len,
                       cx_name_hit *hit);
bool cx_names_is_title_h(const cx_names *n, uint64_t h, const char *key, size_t len);
/* Most words of any gazetteer (title) key whose first word is word (hash
 * h); 0 when no key starts with it. */
int cx_names_first_words(const cx_names *n, uint64_t h, const char *word, size_t len);
int cx_names_title_first_words(const cx_names *n, uint64_t h, const char *word, size_t len);
/* Everything the single-word look-ups below say about one word, found
 * with one probe (hash h as above) for callers that ask many questions
 * about the same token. NULL: the word is in none of the lists, so every
 * answer is false / 0 / CX_ORGW_NONE (a word may also be listed with
 * nothing to say but CX_NW2_PLURAL_DEM). */
enum {
  CX_NW_COMMON = 1,       /* cx_names_is_common */
  CX_NW_STOP = 2,         /* cx_names_is_stop */
  CX_NW_FIRST = 4,        /* cx_names_is_first_name */
  CX_NW_TITLE = 8,        /* cx_names_is_title */
  CX_NW_CTX_BEFORE = 16,  /* cx_names_org_context(, true) */
  CX_NW_CTX_AFTER = 32,   /* cx_names_org_context(, false) */
  CX_NW_WORDS = 64,       /* some case variant is in names_words.tsv */
  CX_NW_GAZ = 128,        /* a gazetteer key: cx_names_word_hit is its entry */
};
enum {
  CX_NW2_PLURAL_DEM = 1,  /* the key less its last byte ('s') is a demonym
                             gazetteer key (cx_names_lookup_h reads it so) */
};
typedef struct cx_name_word {
  uint8_t flags;
  uint8_t org_word;       /* cx_names_org_word */
  uint8_t gaz_first;      /* cx_names_first_words */
  uint8_t title_first;    /* cx_names_title_first_words */
  uint8_t flags2;         /* CX_NW2_* */
} cx_name_word;
const cx_name_word *cx_names_word(const cx_names *n, uint64_t h, const char *key,
                                  size_t len);
/* cx_names_word of a key of 1 to 8 bytes given by its w0 and hash
 * (cx_names_hash_w0). */
const cx_name_word *cx_names_word_w0(const cx_names *n, uint64_t h, uint64_t w0, size_t len);
/* The gazetteer entry of a word with CX_NW_GAZ (not the plural-demonym
 * reading: see lookup_h). */
const cx_name_hit *cx_names_word_hit(const cx_names *n, const cx_name_word *w);
/* cx_names_lookup_h of the key whose cx_names_word is w (NULL allowed),
 * without probing for it again. */
bool cx_names_lookup_w(const cx_names *n, const cx_name_word *w, const char *key,
                       size_t len, cx_name_hit *hit);
/* Cheap test before hashing: false when no country name has this folded
 * first and last four bytes and length (a lower-case word can only name a
 * country, see the entity stage). */
bool cx_names_country_may(const cx_names *n, const char *key, size_t len);
/* The same test inline, for a caller that asks for every token: bits is
 * cx_names_country_bits(n) and cx_names_country_bit picks the bit. */
const uint64_t *cx_names_country_bits(const cx_names *n);
/* The bit of a key of len bytes whose first and last four bytes (or, when
 * len < 4, its bytes zero-padded) are the low and high half of k. */
static inline size_t cx_names_country_bit_k(uint64_t k, size_t len) {
  /* fold ASCII capitals (as cx_fold8) */
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t low7 = k & ~high;
  uint64_t up = (low7 + (0x80 - 'A') * ones) & ~(low7 + (0x7f - 'Z') * ones) & ~k & high;
  k |= up >> 2;
  return (size_t)(((k ^ len) * 0x9E3779B97F4A7C15ull) >> 48);
}
static inline size_t cx_names_country_bit(const char *key, size_t len) {
  uint64_t k = 0;
  if (len >= 4) {
    uint32_t a, b;
    memcpy(&a, key, 4);
    memcpy(&b, key + len - 4, 4);
    k = (uint64_t)a | (uint64_t)b << 32;
  } else {
    for (size_t i = 0; i < len; i++) k |= (uint64_t)(unsigned char)key[i] << (8 * i);
  }
  return cx_names_country_bit_k(k, len);
}
/* A cheaper test of the same kind for a word of ASCII letters only, of len
 * >= 4 bytes, whose first four bytes OR 0x20 (lower-cased) are head4: false
 * when no country name of len bytes opens with them. bits is
 * cx_names_country_head_bits(n). */
const uint64_t *cx_names_country_head_bits(const cx_names *n);
static inline bool cx_names_country_head_may(const uint64_t *bits, uint32_t head4,
                                             size_t len) {
  uint64_t x = (uint64_t)head4 | (uint64_t)len << 32;
  size_t b = (size_t)((x * 0x9E3779B97F4A7C15ull) >> 48);
  return (bits[b >> 6] >> (b & 63)) & 1;
}
static inline bool cx_names_country_bit_set(const uint64_t *bits, const char *key, size_t len) {
  size_t b = cx_names_country_bit(key, len);
  return len && ((bits[b >> 6] >> (b & 63)) & 1);
}

/* Prefix filter for phrases grown a token at a time: the bit of hash h
 * (cx_names_hash of the phrase so far) is clear when no gazetteer key
 * starts with the phrase, so no longer phrase can match either. */
const uint64_t *cx_names_gaz_prefix_bits(const cx_names *n, size_t *mask);
static inline size_t cx_names_prefix_bit(uint64_t h, size_t mask) {
  return (size_t)((h ^ (h >> 29)) * 0x9E3779B97F4A7C15ull >> 24) & mask;
}
static inline bool cx_names_prefix_may(const uint64_t *bits, size_t mask, uint64_t h) {
  size_t b = cx_names_prefix_bit(h, mask);
  return (bits[b >> 6] >> (b & 63)) & 1;
}

/* Country (or group) of a demonym, plural -s allowed; NULL when unknown. */
const char *cx_names_demonym(const cx_names *n, const char *key, size_t len);
bool cx_names_is_title(const cx_names *n, const char *key, size_t len);
bool cx_names_is_first_name(const cx_names *n, const char *key, size_t len);
/* Word frequent in lower case or rarely a name when capitalised. */
bool cx_names_is_common(const cx_names *n, const char *key, size_t len);
/* Calendar words and the like: never part of a name. */
bool cx_names_is_stop(const cx_names *n, const char *key, size_t len);
int cx_names_org_word(const cx_names *n, const char *key, size_t len);
/* A word before ("firm X") or after ("X shares") a name marking it as an
 * organisation. */
bool cx_names_org_context(const cx_names *n, const char *key, size_t len,
                          bool before);
/* Type a word keeps inside names ("Xamax" → org), -1 when unknown
 * (names_words.tsv, case-sensitive). */
int cx_names_word_type(const cx_names *n, const char *key, size_t len);
/* Longest key, in words, over the gazetteers. */
int cx_names_max_words(const cx_names *n);

#endif
