/* Compare loader that runs extraction on the fly: cx_run_extract with a
 * writer whose write() copies each document's claims, figures, entities
 * and attribution sources into the compare model. Everything is copied:
 * the document arena is reset after each document. */
#include <string.h>

#include "compare.h"
#include "run.h"

typedef struct sink {
  cx_compare *c;
} sink;

/* The run hands the writer its target string; this in-process writer gets
 * its sink through it instead of a file name. */
static void *sink_open(const char *target, const cx_run_info *run, cx_diag *diag) {
  (void)run;
  (void)diag;
  return (void *)target;
}

static cx_status sink_close(void *state, const cx_run_info *run, cx_diag *diag) {
  (void)state;
  (void)run;
  (void)diag;
  return CX_OK;
}

static void sink_error(void *state, const cx_diag *e) {
  (void)state;
  (void)e;
}

static cx_status sink_write(void *state, cx_doc *d, cx_diag *diag) {
  (void)diag;
  sink *s = state;
  cx_buf text;
  cx_buf_init(&text);
  for (size_t ci = 0; ci < d->n_claims; ci++) {
    const cx_claim *cl = &d->claims[ci];
    const char *p;
    size_t n;
    cx_doc_orig_span(d, cl->start, cl->end, &p, &n);
    text.len = 0;
    cx_buf_put(&text, p, n);
    cx_buf_putc(&text, 0);
    size_t k = cx_compare_add_claim(s->c, cl->id, d->id, d->outlet, d->published, text.data);
    if (d->copy_of) cx_compare_set_doc_copy(s->c, k, d->copy_of);
    size_t base = (size_t)(p - d->text);
    for (uint32_t i = 0; i < cl->n_mentions; i++) {
      const cx_mention *m = &d->mentions[d->claim_mentions[cl->first_mention + i]];
      if (m->flags & CX_MF_SUPPRESSED) continue;
      cx_cmp_figure f = {0};
      const char *ms;
      size_t mn;
      cx_doc_orig_span(d, m->start, m->end, &ms, &mn);
      f.pos_start = (int)((size_t)(ms - d->text) - base);
      f.pos_end = f.pos_start + (int)mn;
      f.qualifier = m->qualifier;
      f.range = (m->flags & CX_MF_RANGE) != 0;
      f.value = m->value;
      f.min = m->min;
      f.max = m->max;
      switch (m->type) {
        case CX_MONEY: f.type = CX_FIG_MONEY; f.unit = m->currency[0] ? m->currency : NULL; break;
        case CX_COUNT: f.type = CX_FIG_COUNT; f.unit = m->unit; break;
        case CX_PERCENT: f.type = CX_FIG_PERCENT; f.unit = (m->flags & CX_MF_POINTS) ? "points" : NULL; break;
        case CX_DATE:
          if ((m->flags & CX_MF_ENDPOINT) || !m->str) continue;
          f.type = CX_FIG_DATE;
          f.start = m->str;
          break;
        case CX_DATERANGE:
          if (!m->str && !m->str2) continue;
          f.type = CX_FIG_DATERANGE;
          f.start = m->str;
          f.end = m->str2;
          break;
        case CX_PERSON: case CX_ORG: case CX_GPE: case CX_LOC: case CX_NORP:
          cx_compare_add_entity(s->c, k, m->str);
          continue;
        default:
          continue;
      }
      cx_compare_add_figure(s->c, k, &f);
    }
    for (uint32_t i = 0; i < cl->n_attribution; i++)
      cx_compare_add_source(s->c, k, cl->attribution[i].source);
  }
  cx_buf_free(&text);
  return CX_OK;
}

static const cx_writer sink_writer = {"compare", sink_open, sink_write,
                                      sink_error, sink_close, NULL, NULL, false};

static bool probe(const char *path) {
  (void)path;
  return true;
}

static cx_status load(cx_compare *c, const char *const *paths, size_t n,
                      const cx_compare_load_options *o, size_t *failed,
                      cx_diag *diag) {
  sink s = {c};
  cx_run_options ro = {0};
  ro.paths = paths;
  ro.n_paths = n;
  ro.writer = &sink_writer;
  ro.target = (const char *)&s;
  ro.ref_date = o ? o->ref_date : NULL;
  ro.read.max_doc_bytes = 16u << 20;
  ro.read.max_input_bytes = (size_t)1 << 34;
  ro.jobs = o && o->jobs > 0 ? o->jobs : 1;
  ro.cross_dedup = true;
  ro.on_error = o ? o->on_error : NULL;
  ro.ctx = o ? o->ctx : NULL;
  cx_run_info info;
  cx_status st = cx_run_extract(&ro, &info, diag);
  *failed = info.docs_failed;
  return st;
}

const cx_compare_loader cx_compare_load_extract = {"extract", probe, load};
