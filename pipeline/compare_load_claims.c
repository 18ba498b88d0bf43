/* Compare loader for claim records: the `claims` JSON Lines that
 * `claimx extract` prints, recognised by content (records with "mentions"
 * and "stance"). Figures are placed in the claim text by their code point
 * offsets; a date that is a range's endpoint is left to the range. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

static bool probe(const char *path) {
  size_t n = strlen(path);
  if (!(n > 6 && !strcmp(path + n - 6, ".jsonl")) &&
      !(n > 7 && !strcmp(path + n - 7, ".ndjson")))
    return false;
  FILE *f = fopen(path, "r");
  if (!f) return false;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  bool yes = false;
  while ((len = getline(&line, &cap, f)) > 0) {
    if (len <= 1) continue;
    json_t *j = json_loadb(line, (size_t)len, 0, NULL);
    yes = j && json_is_object(j) && json_object_get(j, "mentions") &&
          json_object_get(j, "stance");
    json_decref(j);
    break;
  }
  free(line);
  fclose(f);
  return yes;
}

static const char *str(json_t *o, const char *k) {
  json_t *v = json_object_get(o, k);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static double num(json_t *o, const char *k, bool *has) {
  json_t *v = json_object_get(o, k);
  if (has) *has = json_is_number(v);
  return json_is_number(v) ? json_number_value(v) : 0;
}

/* Byte offset of code point cp in s (clamped to its end). */
static int cp_to_byte(const char *s, long cp) {
  int b = 0;
  for (; s[b] && cp > 0; cp--) {
    b++;
    while (((unsigned char)s[b] & 0xC0) == 0x80) b++;
  }
  return b;
}

static cx_qualifier qualifier(json_t *v) {
  const char *q = str(v, "qualifier");
  if (!q) return CX_Q_NONE;
  static const struct { const char *s; cx_qualifier q; } t[] = {
      {"at_least", CX_Q_AT_LEAST}, {"over", CX_Q_OVER}, {"about", CX_Q_ABOUT},
      {"up_to", CX_Q_UP_TO}, {"under", CX_Q_UNDER}};
  for (size_t i = 0; i < sizeof t / sizeof *t; i++)
    if (!strcmp(q, t[i].s)) return t[i].q;
  return CX_Q_NONE;
}

static void add_mentions(cx_compare *c, size_t k, json_t *rec, const char *text) {
  json_t *ms = json_object_get(rec, "mentions");
  long cstart = (long)num(rec, "start", NULL);
  size_t i;
  json_t *m;
  json_array_foreach(ms, i, m) {
    const char *type = str(m, "type");
    json_t *v = json_object_get(m, "value");
    if (!type || !json_is_object(v)) continue;
    long ms_ = (long)num(m, "start", NULL), me = (long)num(m, "end", NULL);
    int t = cx_mention_type_from_name(type);
    if (t == CX_PERSON || t == CX_ORG || t == CX_GPE || t == CX_LOC || t == CX_NORP) {
      cx_compare_add_entity(c, k, str(v, "name"));
      continue;
    }
    cx_cmp_figure f = {0};
    bool has;
    f.pos_start = cp_to_byte(text, ms_ - cstart);
    f.pos_end = cp_to_byte(text, me - cstart);
    f.qualifier = qualifier(v);
    const char *amount_key = NULL;
    switch (t) {
      case CX_MONEY: f.type = CX_FIG_MONEY; f.unit = str(v, "currency"); amount_key = "amount"; break;
      case CX_COUNT: f.type = CX_FIG_COUNT; f.unit = str(v, "unit"); amount_key = "count"; break;
      case CX_PERCENT:
        f.type = CX_FIG_PERCENT;
        f.unit = json_is_true(json_object_get(v, "points")) ? "points" : NULL;
        amount_key = "percent";
        break;
      case CX_DATE: {
        /* a range's endpoint: the range speaks for it */
        bool inside = false;
        size_t j;
        json_t *o;
        json_array_foreach(ms, j, o) {
          const char *ot = str(o, "type");
          if (ot && !strcmp(ot, "daterange") && num(o, "start", NULL) <= ms_ &&
              num(o, "end", NULL) >= me)
            inside = true;
        }
        if (inside || !str(v, "date")) continue;
        f.type = CX_FIG_DATE;
        f.start = str(v, "date");
        break;
      }
      case CX_DATERANGE:
        f.type = CX_FIG_DATERANGE;
        f.start = str(v, "start");
        f.end = str(v, "end");
        if (!f.start && !f.end) continue;
        break;
      default:
        continue;
    }
    if (amount_key) {
      f.value = num(v, amount_key, &has);
      if (!has) {
        bool h1, h2;
        f.min = num(v, "min", &h1);
        f.max = num(v, "max", &h2);
        if (!h1 || !h2) continue;
        f.range = true;
      }
    }
    cx_compare_add_figure(c, k, &f);
  }
}

static cx_status load(cx_compare *c, const char *const *paths, size_t n,
                      const cx_compare_load_options *o, size_t *failed,
                      cx_diag *diag) {
  for (size_t p = 0; p < n; p++) {
    FILE *f = fopen(paths[p], "r");
    if (!f) return cx_diag_set(diag, CX_ERR_IO, paths[p], -1, "cannot open");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0;
    while ((len = getline(&line, &cap, f)) > 0) {
      lineno++;
      if (len <= 1) continue;
      json_error_t err;
      json_t *rec = json_loadb(line, (size_t)len, 0, &err);
      const char *text = rec ? str(rec, "text") : NULL;
      if (!rec || !json_is_object(rec) || !text) {
        cx_diag d;
        cx_diag_clear(&d);
        d.status = CX_ERR_PARSE;
        d.offset = lineno;
        snprintf(d.doc, sizeof d.doc, "%s#%ld", paths[p], lineno);
        snprintf(d.text, sizeof d.text, "%s", rec ? "not a claim record" : err.text);
        if (o && o->on_error) o->on_error(o->ctx, &d);
        (*failed)++;
        json_decref(rec);
        continue;
      }
      size_t k = cx_compare_add_claim(c, str(rec, "id"), str(rec, "doc"),
                                      str(rec, "outlet"), str(rec, "published"), text);
      add_mentions(c, k, rec, text);
      size_t i;
      json_t *a;
      json_array_foreach(json_object_get(rec, "attribution"), i, a)
          cx_compare_add_source(c, k, str(a, "source"));
      json_decref(rec);
    }
    free(line);
    fclose(f);
  }
  return CX_OK;
}

const cx_compare_loader cx_compare_load_claims = {"claims", probe, load};
