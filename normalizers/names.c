/* Name gazetteers and canonical forms (see names.h). */
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "lexicon.h"

struct cx_names {
  cx_lexicon *countries, *demonyms, *places, *orgs, *orgs_more, *learned;
  cx_lexicon *titles, *first, *first_extra, *first_en, *common, *org_words, *stop, *org_context, *words;
  int max_words;
};

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
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    if (cx_lexicon_max_words(all[i]) > n->max_words)
      n->max_words = cx_lexicon_max_words(all[i]);
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
  free(n);
}

static const char *nonempty(const char *v) { return v && *v ? v : NULL; }

const char *cx_names_demonym(const cx_names *n, const char *key, size_t len) {
  const char *v = cx_lexicon_get(n->demonyms, key, len);
  if (!v && len > 3 && (key[len - 1] == 's' || key[len - 1] == 'S'))
    v = cx_lexicon_get(n->demonyms, key, len - 1); /* Russians */
  return v;
}

bool cx_names_lookup(const cx_names *n, const char *key, size_t len,
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
  return cx_lexicon_has(n->titles, key, len);
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
