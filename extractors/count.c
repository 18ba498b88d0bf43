/* Counts: a figure with the noun it counts, unit = the noun's singular lemma.
 *
 *   "at least 37 Chinese drones"   → 37 drone, at_least
 *   "10 rugged personal computers" → 10 computer
 *   "a dozen LNG carriers"         → 12 carrier
 *   "3,000-4,000 workers"          → 3000..4000 worker
 *   "5,000 tonnes", "20 km"        → 5000 tonne, 20 km
 * Not counts: numbers inside money, percent and date mentions, years
 * ("in 2021", "May 2022"), model and section numbers ("Mavic 3",
 * "Article 5"), ages ("45-year-old"), durations ("3 years"), ordinals, and
 * figures with no counted noun after them.
 * Context words: normalizers/data/count_stops.tsv; lemmas:
 * normalizers/data/count_lemmas.tsv.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/lexicon.h"
#include "figure.h"

typedef struct count_state {
  cx_numbers *nx;
  cx_lexicon *stops;  /* word → role */
  cx_lexicon *lemmas; /* plural/unit → lemma */
} count_state;

static cx_status init(void **state, cx_diag *diag) {
  count_state *st = cx_xcalloc(1, sizeof *st);
  st->nx = cx_numbers_new(diag);
  st->stops = cx_lexicon_load("count_stops.tsv", false, diag);
  st->lemmas = cx_lexicon_load("count_lemmas.tsv", false, diag);
  *state = st;
  return st->nx && st->stops && st->lemmas ? CX_OK : CX_ERR_DATA;
}

static void fini(void *state) {
  count_state *st = state;
  if (!st) return;
  cx_numbers_free(st->nx);
  cx_lexicon_free(st->stops);
  cx_lexicon_free(st->lemmas);
  free(st);
}

static inline bool is_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }

static bool role_is(const count_state *st, const char *w, size_t n,
                    const char *role) {
  const char *v = cx_lexicon_get(st->stops, w, n);
  return v && strstr(v, role);
}

/* The word ending just before s[at] (one space between); *ws its start. */
static size_t word_before(const char *s, size_t at, size_t *ws) {
  size_t q = at;
  if (q > 0 && s[q - 1] == ' ') q--;
  size_t b = q;
  while (b > 0 && (is_alpha((unsigned char)s[b - 1]) || s[b - 1] == '.')) b--;
  /* "No." keeps its dot; a sentence's full stop does not belong to a word */
  *ws = b;
  return q - b;
}

/* A figure that names rather than counts: "Mavic 3", "Article 5", years. */
static bool not_a_count(const count_state *st, const char *s, size_t len,
                        const cx_num *n, bool qualified) {
  size_t ws;
  size_t wn = word_before(s, n->start, &ws);
  const char *w = s + ws;
  if (wn && role_is(st, w, wn, "pre")) return true;
  if (wn > 1 && w[wn - 1] == '.' && !role_is(st, w, wn, "pre")) wn--;
  if (n->start > 0 && (s[n->start - 1] == '#' || s[n->start - 1] == '+' ||
                       s[n->start - 1] == '(' || s[n->start - 1] == '/'))
    return true;
  /* a capitalised word right before, not opening the sentence: a name
   * ("Mavic 3", "iPhone 15") */
  bool caps = false;
  for (size_t k = 0; k < wn; k++) caps |= is_upper((unsigned char)w[k]);
  if (wn && caps && !qualified && ws + wn + 1 == n->start) {
    if (!is_upper((unsigned char)w[0])) return true;
    size_t b = ws;
    while (b > 0 && s[b - 1] == ' ') b--;
    bool opens = b == 0 || s[b - 1] == '.' || s[b - 1] == '\n' ||
                 s[b - 1] == '"' || s[b - 1] == '\'' || s[b - 1] == '!' ||
                 s[b - 1] == '?' || s[b - 1] == ':' || s[b - 1] == '(';
    if (!opens) return true;
  }
  /* years: 4 digits 1900-2099 beside a month or after in/since/by/from */
  if ((n->flags & CX_NUM_DIGITS) &&
      !(n->flags & (CX_NUM_GROUPED | CX_NUM_DECIMAL | CX_NUM_SCALE)) &&
      n->int_digits == 4 && n->value >= 1900 && n->value <= 2099 && !qualified)
    return true;
  /* times and scores: "10:30", "3-2" handled by the noun test; ratios */
  size_t e = n->end;
  if (e + 1 < len && (s[e] == ':' || s[e] == '/') && is_digit((unsigned char)s[e + 1]))
    return true;
  /* "45-year-old", "10-member": a compound adjective */
  if (e + 1 < len && s[e] == '-' && is_alpha((unsigned char)s[e + 1])) return true;
  return false;
}

/* Singular lemma of a counted noun s[0..n) into the arena; NULL when the
 * word is not a plural-looking noun. */
static const char *lemma_of(const count_state *st, cx_doc *doc, const char *w,
                            size_t n, bool singular_ok) {
  const char *v = cx_lexicon_get(st->lemmas, w, n);
  if (v) return v;
  if (n < 3) return NULL;
  char buf[64];
  if (n >= sizeof buf) return NULL;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)w[i];
    buf[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  buf[n] = '\0';
  if (buf[n - 1] != 's' || buf[n - 2] == 's' || buf[n - 2] == 'u' ||
      buf[n - 2] == 'i' || buf[n - 2] == '\'') {
    if (singular_ok) return cx_arena_strndup(doc->arena, buf, n);
    return NULL;
  }
  size_t m = n - 1;
  if (n > 4 && !strcmp(buf + n - 3, "ies")) {
    buf[n - 3] = 'y';
    m = n - 2;
  } else if (n > 4 && (!strcmp(buf + n - 4, "ches") || !strcmp(buf + n - 4, "shes") ||
                       !strcmp(buf + n - 4, "sses") || !strcmp(buf + n - 3, "xes") ||
                       !strcmp(buf + n - 3, "zes"))) {
    m = n - 2;
  }
  return cx_arena_strndup(doc->arena, buf, m);
}

/* The counted noun after a figure ending at `at`: up to three modifiers,
 * then a plural noun or unit. Returns its end (0 when none), *unit set. */
static size_t counted_noun(const count_state *st, cx_doc *doc, size_t at,
                           bool singular, const char **unit) {
  const char *s = doc->norm;
  size_t len = doc->norm_len;
  size_t p = at;
  /* "14 of its biggest projects", "20 of the stations" */
  static const char *const dets[] = {"the ", "its ", "their ", "his ", "her ",
                                     "our ", "these ", "those ", "them "};
  if (p + 4 < len && strncmp(s + p, " of ", 4) == 0) {
    for (size_t i = 0; i < sizeof dets / sizeof *dets - 1; i++) {
      size_t dn = strlen(dets[i]);
      if (p + 4 + dn < len && strncmp(s + p + 4, dets[i], dn) == 0) {
        p += 3 + dn; /* now at the space before the noun phrase */
        break;
      }
    }
  }
  /* an attributive plural ("sports utility vehicles", "news stories") is
   * the head only when no other noun follows */
  const char *fallback = NULL;
  size_t fallback_end = 0;
  for (int k = 0; k < 4; k++) {
    if (p >= len || s[p] != ' ') break;
    p++;
    size_t q = p;
    /* "Chinese-made drones": a compound is one word */
    while (q < len && (is_alpha((unsigned char)s[q]) ||
                       ((s[q] == '-' || s[q] == '/') && q + 1 < len &&
                        is_alpha((unsigned char)s[q + 1]) && q > p)))
      q++;
    if (q == p) break;
    size_t n = q - p;
    const char *v = cx_lexicon_get(st->stops, s + p, n);
    if (v && (strstr(v, "stop") || strstr(v, "year") || strstr(v, "time") ||
              strstr(v, "noun")))
      break;
    if (q < len && s[q] == '\'') break; /* "37 Russia's" */
    const char *lem = cx_lexicon_get(st->lemmas, s + p, n);
    if (!lem && !memchr(s + p, '-', n) && !memchr(s + p, '/', n))
      lem = lemma_of(st, doc, s + p, n, false);
    if (v && strstr(v, "attr")) {
      if (!fallback) fallback = lem, fallback_end = q;
      p = q;
      continue;
    }
    if (lem) {
      *unit = lem;
      return q;
    }
    if (singular && k == 0) { /* "one drone" */
      *unit = lemma_of(st, doc, s + p, n, true);
      return *unit ? q : 0;
    }
    p = q;
  }
  if (fallback) {
    *unit = fallback;
    return fallback_end;
  }
  return 0;
}

static void run(const void *state, cx_worker *w, cx_doc *doc) {
  (void)w;
  const count_state *st = state;
  const char *s = doc->norm;
  size_t len = doc->norm_len;
  const uint32_t taken = CX_BIT(CX_MONEY) | CX_BIT(CX_PERCENT) |
                         CX_BIT(CX_DATE) | CX_BIT(CX_TIME) |
                         CX_BIT(CX_DATERANGE) | CX_BIT(CX_DURATION) |
                         CX_BIT(CX_SET);
  cx_num n;
  size_t pos = 0;
  size_t cursor = 0;
  while (cx_doc_number_walk(st->nx, doc, pos, &cursor, &n)) {
    pos = n.end > n.start ? n.end : n.start + 1;
    if (n.flags & (CX_NUM_ALPHA_BEFORE | CX_NUM_SIGNED)) continue;
    /* the second half of "2-1", "737-800": scores and model numbers */
    if (n.start >= 2 && s[n.start - 1] == '-' &&
        is_digit((unsigned char)s[n.start - 2]))
      continue;
    if (cx_doc_overlaps(doc, (uint32_t)n.start, (uint32_t)n.end, taken))
      continue;
    /* "01", "000": clock times, codes, pieces of a tokenized "200 , 000" */
    if (s[n.start] == '0' && n.end > n.start + 1 && is_digit((unsigned char)s[n.start + 1]))
      continue;
    /* "one" is mostly a pronoun or article, not a count */
    if ((n.flags & CX_NUM_WORDS) && n.value <= 1) continue;
    size_t qs = 0;
    cx_qualifier q = cx_number_qualifier_before(st->nx, s, n.start, &qs);
    if (not_a_count(st, s, len, &n, q != CX_Q_NONE)) continue;
    const char *unit = NULL;
    size_t end = 0;
    size_t start = n.start;
    bool range = false;
    double lo = n.value, hi = n.value;
    if (n.flags & CX_NUM_ALPHA_AFTER) {
      /* "20km", "5kg": a unit glued to the digits */
      size_t e = n.end;
      while (e < len && is_alpha((unsigned char)s[e])) e++;
      const char *lem = cx_lexicon_get(st->lemmas, s + n.end, e - n.end);
      if (!lem || (e < len && is_digit((unsigned char)s[e]))) continue;
      /* "3G" is a network generation: glued units are written in lower
       * case or exactly as the table spells them ("5MW") */
      bool lower = true;
      for (size_t k = n.end; k < e; k++) lower &= !is_upper((unsigned char)s[k]);
      if (!lower && (strlen(lem) != e - n.end || strncmp(lem, s + n.end, e - n.end)))
        continue;
      unit = lem;
      end = e;
    } else {
      size_t bstart = 0; /* set when between */
      bool between = cx_word_before_is(s, n.start, "between", &bstart);
      size_t r = cx_figure_range_next(s, len, n.start, n.end, between);
      cx_num n2;
      if (r && cx_number_parse(st->nx, s, len, r, &n2) &&
          !(n2.flags & (CX_NUM_ALPHA_AFTER | CX_NUM_ALPHA_BEFORE)) &&
          !cx_doc_overlaps(doc, (uint32_t)n2.start, (uint32_t)n2.end, taken)) {
        double a = cx_figure_scale_min(&n, &n2);
        if (a < n2.value && (end = counted_noun(st, doc, n2.end, false, &unit))) {
          range = true;
          lo = a;
          hi = n2.value;
          if (between) start = bstart;
        }
      }
      if (!range) end = counted_noun(st, doc, n.end, n.value == 1, &unit);
    }
    if (!end || !unit) continue;
    /* "Six Nations": a capitalised number word with a capitalised noun
     * names something */
    if ((n.flags & CX_NUM_WORDS) && is_upper((unsigned char)s[n.start])) {
      size_t h = end;
      while (h > n.end && s[h - 1] != ' ') h--;
      if (is_upper((unsigned char)s[h])) continue;
    }
    /* "1010 WINS": a head noun in capitals names a station or a brand */
    {
      size_t h = end, caps = 0;
      while (h > n.end && s[h - 1] != ' ') caps += is_upper((unsigned char)s[--h]);
      if (end - h >= 3 && caps == end - h) continue;
    }
    /* "60m hurdles": a distance in metres naming an event, not millions */
    if (n.scale == 1e6 && s[n.end - 1] == 'm' && is_digit((unsigned char)s[n.end - 2])) {
      size_t h = end;
      while (h > n.end && s[h - 1] != ' ') h--;
      if (role_is(st, s + h, end - h, "event")) continue;
    }
    /* "Covid-19 patients", "F-16 jets": part of a name */
    if (n.start >= 2 && s[n.start - 1] == '-' && is_alpha((unsigned char)s[n.start - 2]))
      continue;
    /* durations belong to the date extractor */
    if (role_is(st, unit, strlen(unit), "time")) continue;
    size_t mi = doc->n_mentions;
    cx_mention *m = cx_doc_add_mention(doc, CX_COUNT, (uint32_t)start,
                                       (uint32_t)end);
    if (range) {
      m->flags |= CX_MF_RANGE;
      m->min = lo;
      m->max = hi;
      m->rule = "count.range";
    } else {
      m->value = n.value;
      m->rule = "count.noun";
    }
    m->unit = unit;
    if (q != CX_Q_NONE) {
      size_t qe = n.start;
      while (qe > qs && s[qe - 1] == ' ') qe--;
      cx_figure_set_qualifier(doc, mi, q, qs, qe);
    }
    pos = end;
  }
}

const cx_extractor cx_extractor_count = {"count", init, fini, run};
