/* Compare: claims from different documents about the same fact, the values
 * each outlet gives for its figures, and where they disagree.
 *
 * The model is in memory and independent of where claims come from: a
 * loader (compare_load_*.c) fills a cx_compare with claims, cx_compare_run
 * groups them, renderers (compare_text.c, compare_json.c, compare_html.c)
 * print the groups. Ownership: the cx_compare owns every string it holds
 * (copied in by the add functions into its own arena); callers keep theirs.
 *
 * Conflict rules (each figure slot of a group):
 *   $2.3bn vs US$2.3 billion     agree (same value after normalization)
 *   2.3bn vs 2,314m              agree (rounding: the coarser precision wins)
 *   412bn won vs 421bn won       conflict
 *   3,000-4,000 vs up to 4,000   agree (qualifiers and ranges are intervals)
 *   at least 37 vs 73            conflict (transposed digits beat the bound)
 *   drones vs drones and parts   apart (scope words differ: no comparison)
 *   X says "Y reported 73"       the quoted value is Y's voice, not X's
 */
#ifndef CX_COMPARE_H
#define CX_COMPARE_H

#include "cx.h"

typedef enum {
  CX_FIG_MONEY,
  CX_FIG_COUNT,
  CX_FIG_PERCENT,
  CX_FIG_DATE,
  CX_FIG_DATERANGE
} cx_fig_type;

const char *cx_fig_type_name(cx_fig_type t);

/* One figure of a claim. Numbers use value (or min/max when range); dates
 * use start (and end for a range; NULL for an open end). pos_start/pos_end
 * locate the figure in the claim text (bytes), -1 when unknown. */
typedef struct cx_cmp_figure {
  cx_fig_type type;
  const char *unit;      /* currency (money), lemma (count), "points" */
  bool range;
  double value, min, max;
  cx_qualifier qualifier;
  const char *start, *end;
  int pos_start, pos_end;
} cx_cmp_figure;

typedef struct cx_cmp_claim {
  const char *id, *doc, *outlet, *published, *text;
  cx_cmp_figure *figures;
  size_t n_figures, cap_figures;
  const char **entities;  /* canonical names */
  size_t n_entities, cap_entities;
  const char **sources;   /* attribution sources, outermost first */
  size_t n_sources, cap_sources;
  /* filled by cx_compare_run */
  int group;              /* index of its group, -1 when alone */
  int copy_of;            /* earlier claim with the same text, -1 */
  const char *quotes;     /* outlet of the set its attribution names: its
                             figures are that outlet's, not its own */
  const char *doc_copy_of; /* the document its document copies (syndication,
                              from de-duplication), NULL when none/unknown */
} cx_cmp_claim;


/* One value given for a figure slot and who gives it. */
typedef struct cx_cmp_value {
  cx_cmp_figure fig;        /* representative */
  size_t *claims;           /* claim indices (into the model) */
  size_t *figs;             /* the figure of each claim it comes from */
  size_t n_claims;
  bool quoted;              /* every claim attributes it to another outlet */
  bool conflicting;         /* disagrees with another value of the slot */
} cx_cmp_value;

typedef struct cx_cmp_slot {
  cx_fig_type type;
  const char *unit;
  cx_cmp_value *values;
  size_t n_values;
  bool conflict;
  const char *explanation;  /* NULL when no conflict */
} cx_cmp_slot;

typedef struct cx_cmp_group {
  size_t *claims;            /* ordered by published, doc, id */
  size_t n_claims;
  size_t first;              /* claim index of the first appearance */
  const char **outlets;      /* distinct, sorted */
  size_t n_outlets;
  cx_cmp_slot *slots;
  size_t n_slots;
  bool conflict;
} cx_cmp_group;

typedef struct cx_compare cx_compare;

cx_compare *cx_compare_new(void);
void cx_compare_free(cx_compare *c);

/* Adds a claim (strings copied; NULL allowed for all but text) and returns
 * its index. The pointer from cx_compare_claim stays valid until free. */
size_t cx_compare_add_claim(cx_compare *c, const char *id, const char *doc,
                            const char *outlet, const char *published,
                            const char *text);
void cx_compare_add_figure(cx_compare *c, size_t claim, const cx_cmp_figure *f);
void cx_compare_add_entity(cx_compare *c, size_t claim, const char *name);
void cx_compare_add_source(cx_compare *c, size_t claim, const char *source);
/* Sets the document-level copy link of a claim (string copied). */
void cx_compare_set_doc_copy(cx_compare *c, size_t claim, const char *doc);

size_t cx_compare_n_claims(const cx_compare *c);
cx_cmp_claim *cx_compare_claim(const cx_compare *c, size_t i);

/* Groups the claims and finds conflicts; may be called again after adding
 * claims (results are rebuilt). Output is deterministic: it does not depend
 * on the order in which claims were added. */
cx_status cx_compare_run(cx_compare *c, cx_diag *diag);
size_t cx_compare_n_groups(const cx_compare *c);
const cx_cmp_group *cx_compare_group(const cx_compare *c, size_t i);

/* Value as printed: "2300000000", "3000-4000", "2023-03-03",
 * "2022-12/2023-04", with "at_least " etc. prefixes when qualified. */
void cx_compare_value_label(cx_buf *b, const cx_cmp_figure *f);

/* ---------------------------------------------------------------- loaders */

typedef struct cx_compare_load_options {
  const char *ref_date;
  int jobs;
  void (*on_error)(void *ctx, const cx_diag *d); /* per bad document */
  void *ctx;
} cx_compare_load_options;

/* A loader fills the model from its kind of input. probe says whether it
 * reads this path (by name or content). Adding a source (a store) is one
 * new compare_load_X.c plus one entry in compare_load.c. */
typedef struct cx_compare_loader {
  const char *name;
  bool (*probe)(const char *path);
  /* returns CX_OK or a setup error; *failed counts bad documents/records */
  cx_status (*load)(cx_compare *c, const char *const *paths, size_t n,
                    const cx_compare_load_options *o, size_t *failed,
                    cx_diag *diag);
} cx_compare_loader;

extern const cx_compare_loader cx_compare_load_claims; /* claims JSON Lines */
extern const cx_compare_loader cx_compare_load_extract; /* run extraction */
extern const cx_compare_loader cx_compare_load_store;   /* SQLite/PostgreSQL */

/* Loads each path with the first loader whose probe accepts it; the other
 * paths are articles, extracted on the fly (one batch). */
cx_status cx_compare_load(cx_compare *c, const char *const *paths, size_t n,
                          const cx_compare_load_options *o, size_t *failed,
                          cx_diag *diag);

/* ---------------------------------------------------------------- output */

typedef enum { CX_CMP_TEXT, CX_CMP_JSON, CX_CMP_HTML } cx_compare_format;

/* Renders all groups (run first). only_conflicts limits to groups with a
 * conflict. */
void cx_compare_render(const cx_compare *c, cx_compare_format f,
                       bool only_conflicts, cx_buf *out);

#endif
