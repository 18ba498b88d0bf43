/* Paragraph and sentence segmentation (see segment.h). */
#include "segment.h"

#include "../normalizers/bytemask.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct cx_segmenter {
  cx_lexicon *abbrev;
  cx_lexicon *openers;
};

cx_segmenter *cx_segmenter_new(cx_diag *diag) {
  cx_segmenter *s = cx_xcalloc(1, sizeof *s);
  s->abbrev = cx_lexicon_load("abbreviations.tsv", true, diag);
  s->openers = cx_lexicon_load("sentence_openers.tsv", true, diag);
  if (!s->abbrev || !s->openers) {
    cx_segmenter_free(s);
    return NULL;
  }
  return s;
}

void cx_segmenter_free(cx_segmenter *s) {
  if (!s) return;
  cx_lexicon_free(s->abbrev);
  cx_lexicon_free(s->openers);
  free(s);
}

/* isalpha/isdigit of the C locale (the program never sets another), inline */
static inline bool is_letter(unsigned char c) {
  return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline bool is_dig(unsigned char c) { return (unsigned char)(c - '0') < 10; }

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }
static bool is_close(char c) {
  return c == '"' || c == '\'' || c == ')' || c == ']';
}
static bool is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static bool ends_sentence(char c) {
  return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '\'';
}

/* The word before the stop at `dot` (letters and inner dots). */
static size_t word_before(const char *t, size_t lo, size_t dot) {
  size_t b = dot;
  while (b > lo && (is_letter((unsigned char)t[b - 1]) || t[b - 1] == '.')) b--;
  return b;
}

static bool stop_ends_sentence(const cx_segmenter *s, const char *t, size_t lo,
                               size_t dot, size_t next, size_t hi) {
  /* what follows must look like a sentence start */
  if (next >= hi) return true;
  unsigned char c = (unsigned char)t[next];
  if (!(is_upper(c) || is_dig(c) || c == '"' || c == '\'' || c == '(' ||
        c == '[' || c >= 0x80))
    return false;
  if (t[dot] != '.') return true;
  size_t b = word_before(t, lo, dot);
  size_t wl = dot - b;
  if (wl == 0) return true;
  /* single initial: "F. Kennedy", but a lone capital ending a sentence
   * before "The" still ends it */
  const char *cls = cx_lexicon_get(s->abbrev, t + b, wl);
  bool initial = wl == 1 && is_upper((unsigned char)t[b]);
  bool dotted = false; /* "U.S." style with inner dots */
  for (size_t k = b; k < dot; k++) dotted |= t[k] == '.';
  if (!cls && !initial && !dotted) return true;
  if (cls && strcmp(cls, "title") == 0) return false;
  /* ambiguous: ends only before a usual sentence opener */
  size_t e = next;
  while (e < hi && is_letter((unsigned char)t[e])) e++;
  return cx_lexicon_has(s->openers, t + next, e - next);
}

/* First '.', '!' or '?' in t[i..hi), or hi: 64 bytes per test (masks). */
static inline size_t next_stop(const char *t, size_t i, size_t hi) {
  const unsigned char *u = (const unsigned char *)t;
  for (; i < hi; i += 64) {
    size_t m = hi - i < 64 ? hi - i : 64;
    uint64_t hit = cx_mask64_bytes(u + i, m, '.', '!', '?', '.');
    if (hit) return i + (size_t)__builtin_ctzll(hit);
  }
  return hi;
}

static void split_sentences(const cx_segmenter *s, cx_doc *d, uint32_t para,
                            size_t lo, size_t hi, size_t *cap) {
  const char *t = d->norm;
  size_t start = lo;
  for (size_t i = lo; i < hi; i++) {
    /* jump to the next stop character */
    i = next_stop(t, i, hi);
    if (i >= hi) break;
    char c = t[i];
    if (c != '.' && c != '!' && c != '?') continue;
    if (c == '.' && i + 1 < hi && is_dig((unsigned char)t[i + 1])) continue;
    size_t j = i + 1;
    while (j < hi && (t[j] == '.' || t[j] == '!' || t[j] == '?')) j++;
    while (j < hi && is_close(t[j])) j++;
    if (j < hi && !is_space(t[j])) continue;
    size_t next = j;
    while (next < hi && is_space(t[next])) next++;
    if (!stop_ends_sentence(s, t, start, i, next, hi)) continue;
    if (d->n_sents == *cap) {
      *cap *= 2;
      cx_sent *ns = cx_arena_alloc(d->arena, *cap * sizeof *ns);
      memcpy(ns, d->sents, d->n_sents * sizeof *ns);
      d->sents = ns;
    }
    d->sents[d->n_sents++] = (cx_sent){(uint32_t)start, (uint32_t)j, para};
    start = next;
    i = next ? next - 1 : 0;
  }
  if (start < hi) {
    if (d->n_sents == *cap) {
      *cap *= 2;
      cx_sent *ns = cx_arena_alloc(d->arena, *cap * sizeof *ns);
      memcpy(ns, d->sents, d->n_sents * sizeof *ns);
      d->sents = ns;
    }
    d->sents[d->n_sents++] = (cx_sent){(uint32_t)start, (uint32_t)hi, para};
  }
}

static void segment(const cx_segmenter *s, cx_doc *d, bool sentences) {
  const char *t = d->norm;
  size_t n = d->norm_len;
  /* count lines for an upper bound on paragraphs */
  size_t lines = 1;
  for (const char *p = t, *e = t + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
    lines++;
  d->paras = cx_arena_alloc(d->arena, lines * sizeof *d->paras);
  d->n_paras = 0;
  size_t scap = lines * 4 + 16;
  d->sents = cx_arena_alloc(d->arena, scap * sizeof *d->sents);
  d->n_sents = 0;
  size_t i = 0;
  while (i < n) {
    /* skip blank space between paragraphs */
    while (i < n && is_space(t[i])) i++;
    if (i >= n) break;
    size_t start = i, end;
    for (;;) {
      const char *nl = memchr(t + i, '\n', n - i);
      end = nl ? (size_t)(nl - t) : n;
      size_t e = end;
      while (e > start && is_space(t[e - 1])) e--;
      /* hard wrap: the line does not end a sentence and the next line
       * continues in lower case */
      size_t nx = end + 1;
      while (nx < n && (t[nx] == ' ' || t[nx] == '\t')) nx++;
      if (end < n && nx < n && t[nx] != '\n' && e > start &&
          !ends_sentence(t[e - 1]) && is_lower((unsigned char)t[nx])) {
        i = nx;
        continue;
      }
      end = e;
      i = nl ? (size_t)(nl - t) + 1 : n;
      break;
    }
    cx_para *p = &d->paras[d->n_paras];
    memset(p, 0, sizeof *p);
    p->start = (uint32_t)start;
    p->end = (uint32_t)end;
    p->repeat_of = -1;
    p->repeat_doc_para = -1;
    p->repeats = 1;
    p->first_sent = (uint32_t)d->n_sents;
    if (sentences) split_sentences(s, d, (uint32_t)d->n_paras, start, end, &scap);
    p->n_sents = (uint32_t)d->n_sents - p->first_sent;
    d->n_paras++;
  }
}

void cx_segment(const cx_segmenter *s, cx_doc *d) { segment(s, d, true); }
void cx_segment_paras(const cx_segmenter *s, cx_doc *d) { segment(s, d, false); }
