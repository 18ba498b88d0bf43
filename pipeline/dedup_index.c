/* Cross-document de-duplication index (see dedup_index.h). */
#include "dedup_index.h"

#include <stdlib.h>
#include <string.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#define NEAR_MIN_WORDS 8   /* shorter passages match exactly or not at all */
#define NEAR_MAX_DIST 3    /* SimHash Hamming distance for a near copy */
#define SYND_SHARE 0.6     /* share of a document's words that makes a copy */
#define SYND_MAX_DOCS 64   /* clusters wider than this are boilerplate */
#define SKETCH_MIN_J 0.45  /* estimated word 3-gram Jaccard of a copy */
#define BANDS 16           /* LSH: 16 bands of 2 sketch bins */
#define ROWS (CX_SKETCH / BANDS)

typedef struct xdoc {
  char *id;
  int32_t pub;         /* YYYYMMDD, INT32_MAX when undated */
  uint32_t first_para; /* into para_cluster */
  uint32_t n_paras;
  uint32_t words;
  int32_t copy_of;     /* doc index or -1 */
  float share;
} xdoc;

typedef struct cluster {
  uint64_t hash;
  uint32_t first_app, n_apps; /* into apps after finish */
  uint32_t first_doc, first_para;
} cluster;

typedef struct app {
  uint32_t doc, para, cluster, words;
} app;

typedef struct doc_pair {
  uint32_t a, b; /* a added after b */
  float j;
} doc_pair;

typedef struct lsh_entry {
  uint32_t key, doc; /* doc + 1, 0 = empty */
} lsh_entry;

typedef struct band_entry {
  uint64_t sim;
  uint32_t cluster;
  int32_t next;
} band_entry;

struct cx_dedup_index {
  xdoc *docs;
  size_t n_docs, cap_docs;
  int32_t *para_cluster; /* per appearance in doc order: cluster id */
  uint64_t *para_sim;    /* parallel: SimHash (0 when under 5 words) */
  size_t n_pc, cap_pc;
  cluster *clusters;
  size_t n_clusters, cap_clusters;
  app *apps;
  size_t n_apps, cap_apps;
  uint32_t *exact;       /* cluster+1, open addressing on hash */
  size_t exact_slots;
  int32_t *band_head[4]; /* 65536 heads per 16-bit band */
  band_entry *bands;
  size_t n_bands, cap_bands;
  cx_syndication *links;
  size_t n_links;
  size_t id_bytes;
  uint32_t *sketches;    /* CX_SKETCH per document */
  lsh_entry *lsh;
  size_t lsh_slots, n_lsh;
  doc_pair *pairs;
  size_t n_pairs, cap_pairs;
};

#define GROW(arr, n, cap)                                         \
  do {                                                            \
    if ((n) == (cap)) {                                           \
      (cap) = (cap) ? (cap) * 2 : 256;                            \
      (arr) = cx_xrealloc((arr), (cap) * sizeof *(arr));          \
    }                                                             \
  } while (0)

cx_dedup_index *cx_dedup_index_new(void) {
  cx_dedup_index *x = cx_xcalloc(1, sizeof *x);
  x->exact_slots = 1024;
  x->exact = cx_xcalloc(x->exact_slots, sizeof *x->exact);
  for (int b = 0; b < 4; b++) {
    x->band_head[b] = cx_xmalloc(65536 * sizeof(int32_t));
    memset(x->band_head[b], 0xff, 65536 * sizeof(int32_t));
  }
  return x;
}

void cx_dedup_index_free(cx_dedup_index *x) {
  if (!x) return;
  for (size_t i = 0; i < x->n_docs; i++) free(x->docs[i].id);
  free(x->docs);
  free(x->para_cluster);
  free(x->para_sim);
  free(x->clusters);
  free(x->apps);
  free(x->exact);
  for (int b = 0; b < 4; b++) free(x->band_head[b]);
  free(x->bands);
  free(x->links);
  free(x->sketches);
  free(x->lsh);
  free(x->pairs);
  free(x);
}

static int32_t pub_key(const char *iso) {
  int y, m, d;
  if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3) return y * 10000 + m * 100 + d;
  return INT32_MAX;
}

static void exact_grow(cx_dedup_index *x) {
  size_t ns = x->exact_slots * 2;
  uint32_t *t = cx_xcalloc(ns, sizeof *t);
  for (size_t c = 0; c < x->n_clusters; c++) {
    size_t s = x->clusters[c].hash & (ns - 1);
    while (t[s]) s = (s + 1) & (ns - 1);
    t[s] = (uint32_t)c + 1;
  }
  free(x->exact);
  x->exact = t;
  x->exact_slots = ns;
}

static int32_t exact_find(const cx_dedup_index *x, uint64_t h) {
  size_t s = h & (x->exact_slots - 1);
  while (x->exact[s]) {
    if (x->clusters[x->exact[s] - 1].hash == h) return (int32_t)x->exact[s] - 1;
    s = (s + 1) & (x->exact_slots - 1);
  }
  return -1;
}

static int32_t near_find(const cx_dedup_index *x, uint64_t sim) {
  int best_d = NEAR_MAX_DIST + 1;
  int32_t best = -1;
  for (int b = 0; b < 4; b++) {
    for (int32_t e = x->band_head[b][(sim >> (16 * b)) & 0xffff]; e >= 0;
         e = x->bands[e].next) {
      int dist = __builtin_popcountll(x->bands[e].sim ^ sim);
      if (dist < best_d || (dist == best_d && (int32_t)x->bands[e].cluster < best)) {
        best_d = dist;
        best = (int32_t)x->bands[e].cluster;
      }
    }
  }
  return best;
}

static void near_add(cx_dedup_index *x, uint64_t sim, uint32_t c) {
  for (int b = 0; b < 4; b++) {
    GROW(x->bands, x->n_bands, x->cap_bands);
    int32_t *head = &x->band_head[b][(sim >> (16 * b)) & 0xffff];
    x->bands[x->n_bands] = (band_entry){sim, c, *head};
    *head = (int32_t)x->n_bands++;
  }
}

static uint32_t band_key(const uint32_t *sk, int b) {
  return (uint32_t)XXH3_64bits_withSeed(sk + b * ROWS, ROWS * sizeof *sk, (uint64_t)b);
}

static void lsh_insert(cx_dedup_index *x, uint32_t key, uint32_t doc) {
  if ((x->n_lsh + 1) * 2 > x->lsh_slots) {
    size_t ns = x->lsh_slots ? x->lsh_slots * 2 : 4096;
    lsh_entry *t = cx_xcalloc(ns, sizeof *t);
    for (size_t i = 0; i < x->lsh_slots; i++)
      if (x->lsh[i].doc) {
        size_t s = (x->lsh[i].key * 2654435761u) & (ns - 1);
        while (t[s].doc) s = (s + 1) & (ns - 1);
        t[s] = x->lsh[i];
      }
    free(x->lsh);
    x->lsh = t;
    x->lsh_slots = ns;
  }
  size_t s = (key * 2654435761u) & (x->lsh_slots - 1);
  while (x->lsh[s].doc) s = (s + 1) & (x->lsh_slots - 1);
  x->lsh[s] = (lsh_entry){key, doc + 1};
  x->n_lsh++;
}

static float sketch_jaccard(const uint32_t *a, const uint32_t *b) {
  int same = 0, used = 0;
  for (int i = 0; i < CX_SKETCH; i++) {
    if (a[i] == UINT32_MAX && b[i] == UINT32_MAX) continue;
    used++;
    same += a[i] == b[i];
  }
  return used ? (float)same / (float)used : 0.f;
}

/* Documents whose sketches share a band with doc's are candidates; those
 * estimated similar enough become pairs. */
static void sketch_add(cx_dedup_index *x, uint32_t doc, const uint32_t *sk) {
  uint32_t *mine = &x->sketches[(size_t)doc * CX_SKETCH];
  if (sk) memcpy(mine, sk, CX_SKETCH * sizeof *mine);
  else memset(mine, 0xff, CX_SKETCH * sizeof *mine);
  int empty = 0;
  for (int i = 0; i < CX_SKETCH; i++) empty += mine[i] == UINT32_MAX;
  if (!sk || empty > CX_SKETCH / 2) return; /* too short to judge */
  uint32_t cand[64];
  int nc = 0;
  for (int b = 0; b < BANDS; b++) {
    bool hole = false;
    for (int r = 0; r < ROWS; r++) hole |= mine[b * ROWS + r] == UINT32_MAX;
    if (hole) continue;
    uint32_t key = band_key(mine, b);
    if (x->lsh_slots) {
      size_t s = (key * 2654435761u) & (x->lsh_slots - 1);
      for (; x->lsh[s].doc; s = (s + 1) & (x->lsh_slots - 1)) {
        if (x->lsh[s].key != key) continue;
        uint32_t o = x->lsh[s].doc - 1;
        bool dup = false;
        for (int k = 0; k < nc && !dup; k++) dup = cand[k] == o;
        if (!dup && nc < 64) cand[nc++] = o;
      }
    }
    lsh_insert(x, key, doc);
  }
  for (int k = 0; k < nc; k++) {
    float j = sketch_jaccard(mine, &x->sketches[(size_t)cand[k] * CX_SKETCH]);
    if (j < SKETCH_MIN_J) continue;
    GROW(x->pairs, x->n_pairs, x->cap_pairs);
    x->pairs[x->n_pairs++] = (doc_pair){doc, cand[k], j};
  }
}

void cx_dedup_index_add(cx_dedup_index *x, const cx_doc *d) {
  if (x->n_docs == x->cap_docs) {
    size_t old = x->cap_docs;
    GROW(x->docs, x->n_docs, x->cap_docs);
    (void)old;
    x->sketches = cx_xrealloc(x->sketches, x->cap_docs * CX_SKETCH * sizeof *x->sketches);
  }
  uint32_t di = (uint32_t)x->n_docs++;
  xdoc *xd = &x->docs[di];
  xd->id = cx_xstrdup(d->id ? d->id : "");
  x->id_bytes += strlen(xd->id) + 1;
  xd->pub = pub_key(d->published);
  xd->first_para = (uint32_t)x->n_pc;
  xd->n_paras = (uint32_t)d->n_paras;
  xd->words = 0;
  xd->copy_of = -1;
  xd->share = 0;
  sketch_add(x, di, d->n_paras ? d->sketch : NULL);
  for (size_t i = 0; i < d->n_paras; i++) {
    const cx_para *p = &d->paras[i];
    if (x->n_pc == x->cap_pc)
      x->para_sim = cx_xrealloc(x->para_sim, (x->cap_pc ? x->cap_pc * 2 : 256) * sizeof *x->para_sim);
    GROW(x->para_cluster, x->n_pc, x->cap_pc);
    x->para_sim[x->n_pc] = p->n_words >= 5 ? p->simhash : 0;
    x->para_cluster[x->n_pc++] = -1;
    xd->words += p->n_words;
    if (!p->hash) continue;
    int32_t c = exact_find(x, p->hash);
    bool near_ok = p->n_words >= NEAR_MIN_WORDS && p->simhash;
    if (c < 0 && near_ok) c = near_find(x, p->simhash);
    if (c < 0) {
      if ((x->n_clusters + 1) * 2 > x->exact_slots) exact_grow(x);
      GROW(x->clusters, x->n_clusters, x->cap_clusters);
      c = (int32_t)x->n_clusters++;
      x->clusters[c] = (cluster){.hash = p->hash};
      size_t s = p->hash & (x->exact_slots - 1);
      while (x->exact[s]) s = (s + 1) & (x->exact_slots - 1);
      x->exact[s] = (uint32_t)c + 1;
      if (near_ok) near_add(x, p->simhash, (uint32_t)c);
    }
    x->para_cluster[x->n_pc - 1] = c;
    GROW(x->apps, x->n_apps, x->cap_apps);
    x->apps[x->n_apps++] = (app){di, (uint32_t)i, (uint32_t)c, p->n_words};
  }
}

static int app_cmp(const void *a, const void *b, void *ctx) {
  const app *x = a, *y = b;
  const cx_dedup_index *ix = ctx;
  if (x->cluster != y->cluster) return x->cluster < y->cluster ? -1 : 1;
  int32_t px = ix->docs[x->doc].pub, py = ix->docs[y->doc].pub;
  if (px != py) return px < py ? -1 : 1;
  if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
  return (x->para > y->para) - (x->para < y->para);
}

/* pair key → words of the first doc shared with the second */
typedef struct pair_entry {
  uint64_t key;
  uint32_t words;
} pair_entry;

static void pair_add(pair_entry **tab, size_t *slots, size_t *n, uint64_t key,
                     uint32_t words) {
  if ((*n + 1) * 2 > *slots) {
    size_t ns = *slots ? *slots * 2 : 1024;
    pair_entry *t = cx_xcalloc(ns, sizeof *t);
    for (size_t i = 0; i < *slots; i++)
      if ((*tab)[i].key) {
        size_t s = ((*tab)[i].key * 0x9E3779B97F4A7C15ull) >> 20 & (ns - 1);
        while (t[s].key) s = (s + 1) & (ns - 1);
        t[s] = (*tab)[i];
      }
    free(*tab);
    *tab = t;
    *slots = ns;
  }
  size_t s = (key * 0x9E3779B97F4A7C15ull) >> 20 & (*slots - 1);
  while ((*tab)[s].key && (*tab)[s].key != key) s = (s + 1) & (*slots - 1);
  if (!(*tab)[s].key) {
    (*tab)[s].key = key;
    (*n)++;
  }
  (*tab)[s].words += words;
}

static int link_cmp(const void *a, const void *b) {
  const cx_syndication *x = a, *y = b;
  int c = strcmp(x->copy, y->copy);
  return c ? c : strcmp(x->original, y->original);
}

/* Is doc a earlier than doc b (published, then input order)? */
static bool earlier(const cx_dedup_index *x, uint32_t a, uint32_t b) {
  if (x->docs[a].pub != x->docs[b].pub) return x->docs[a].pub < x->docs[b].pub;
  return a < b;
}

/* Sorts appearances by cluster, first appearance first, and records each
 * cluster's range and first appearance. */
static void summarize_clusters(cx_dedup_index *x) {
  qsort_r(x->apps, x->n_apps, sizeof *x->apps, app_cmp, x);
  for (size_t i = 0; i < x->n_apps;) {
    size_t j = i;
    while (j < x->n_apps && x->apps[j].cluster == x->apps[i].cluster) j++;
    cluster *c = &x->clusters[x->apps[i].cluster];
    c->first_app = (uint32_t)i;
    c->n_apps = (uint32_t)(j - i);
    c->first_doc = x->apps[i].doc;
    c->first_para = x->apps[i].para;
    i = j;
  }
}

static uint32_t find_root(uint32_t *parent, uint32_t c) {
  while (parent[c] != c) c = parent[c] = parent[parent[c]];
  return c;
}

#define ALIGN_MAX_DIST 12  /* SimHash distance, anywhere in the original */
#define ALIGN_GAP_DIST 26  /* SimHash distance, in the same place */

/* Index in the original of the paragraph sharing a cluster, or -1. */
static int32_t matched_in(const cx_dedup_index *x, uint32_t *parent,
                          const xdoc *db, int32_t c) {
  if (c < 0) return -1;
  uint32_t r = find_root(parent, (uint32_t)c);
  for (uint32_t j = 0; j < db->n_paras; j++) {
    int32_t cj = x->para_cluster[db->first_para + j];
    if (cj >= 0 && find_root(parent, (uint32_t)cj) == r) return (int32_t)j;
  }
  return -1;
}

/* Within a syndicated pair, a paragraph of the copy that matched nothing
 * joins a paragraph of the original: the one in the same place between
 * matched neighbours (a new dateline, "per cent" for "percent", a dropped
 * clause), else the closest one anywhere. With the documents known to be
 * copies, looser SimHash distances are safe. */
static void align_linked(cx_dedup_index *x) {
  uint32_t *parent = cx_xmalloc((x->n_clusters ? x->n_clusters : 1) * sizeof *parent);
  for (size_t c = 0; c < x->n_clusters; c++) parent[c] = (uint32_t)c;
  bool merged = false;
  for (size_t a = 0; a < x->n_docs; a++) {
    const xdoc *da = &x->docs[a];
    if (da->copy_of < 0) continue;
    const xdoc *db = &x->docs[da->copy_of];
    for (uint32_t i = 0; i < da->n_paras; i++) {
      int32_t ca = x->para_cluster[da->first_para + i];
      uint64_t sa = x->para_sim[da->first_para + i];
      if (ca < 0 || !sa || matched_in(x, parent, db, ca) >= 0) continue;
      /* the place between matched neighbours */
      int32_t prev = i > 0 ? matched_in(x, parent, db, x->para_cluster[da->first_para + i - 1]) : -1;
      int32_t next = i + 1 < da->n_paras ? matched_in(x, parent, db, x->para_cluster[da->first_para + i + 1]) : -1;
      int32_t slot = -1;
      if (prev >= 0 && (uint32_t)prev + 1 < db->n_paras) slot = prev + 1;
      else if (next > 0) slot = next - 1;
      else if (i == 0 && prev < 0 && next < 0) slot = 0;
      int32_t cb = -1;
      if (slot >= 0) {
        int32_t c = x->para_cluster[db->first_para + slot];
        uint64_t sb = x->para_sim[db->first_para + slot];
        if (c >= 0 && sb && matched_in(x, parent, da, c) < 0 &&
            __builtin_popcountll(sa ^ sb) <= ALIGN_GAP_DIST)
          cb = c;
      }
      if (cb < 0) {
        int best = ALIGN_MAX_DIST + 1;
        for (uint32_t j = 0; j < db->n_paras; j++) {
          int32_t c = x->para_cluster[db->first_para + j];
          uint64_t sb = x->para_sim[db->first_para + j];
          if (c < 0 || !sb) continue;
          int dist = __builtin_popcountll(sa ^ sb);
          if (dist < best) best = dist, cb = c;
        }
      }
      if (cb < 0) continue;
      uint32_t ra = find_root(parent, (uint32_t)ca), rb = find_root(parent, (uint32_t)cb);
      if (ra == rb) continue;
      /* the lower id (earlier in input) stays the root: deterministic */
      if (ra < rb) parent[rb] = ra;
      else parent[ra] = rb;
      merged = true;
    }
  }
  if (merged) {
    for (size_t i = 0; i < x->n_pc; i++)
      if (x->para_cluster[i] >= 0)
        x->para_cluster[i] = (int32_t)find_root(parent, (uint32_t)x->para_cluster[i]);
    for (size_t i = 0; i < x->n_apps; i++)
      x->apps[i].cluster = find_root(parent, x->apps[i].cluster);
    for (size_t c = 0; c < x->n_clusters; c++) x->clusters[c].n_apps = 0;
    summarize_clusters(x);
  }
  free(parent);
}

void cx_dedup_index_finish(cx_dedup_index *x) {
  summarize_clusters(x);
  /* document pairs sharing passages: words of each side in shared clusters */
  pair_entry *tab = NULL;
  size_t slots = 0, n = 0;
  for (size_t c = 0; c < x->n_clusters; c++) {
    const cluster *cl = &x->clusters[c];
    if (cl->n_apps < 2 || cl->n_apps > SYND_MAX_DOCS) continue;
    const app *a = &x->apps[cl->first_app];
    for (uint32_t i = 0; i < cl->n_apps; i++) {
      for (uint32_t j = 0; j < cl->n_apps; j++) {
        /* appearances are sorted so one document's are adjacent: count
         * each other document once */
        if (a[j].doc == a[i].doc || (j > 0 && a[j - 1].doc == a[j].doc)) continue;
        pair_add(&tab, &slots, &n, ((uint64_t)a[i].doc << 32 | a[j].doc) + 1,
                 a[i].words);
      }
    }
  }
  /* decide links: the later document copies the earlier one */
  x->links = cx_xcalloc(x->n_docs ? x->n_docs : 1, sizeof *x->links);
  for (size_t s = 0; s < slots; s++) {
    if (!tab[s].key) continue;
    uint64_t key = tab[s].key - 1;
    uint32_t a = (uint32_t)(key >> 32), b = (uint32_t)key;
    xdoc *da = &x->docs[a];
    if (!da->words) continue;
    float share = (float)tab[s].words / (float)da->words;
    if (share < SYND_SHARE || !earlier(x, b, a)) continue;
    if (share > da->share || (share == da->share && b < (uint32_t)da->copy_of)) {
      da->share = share;
      da->copy_of = (int32_t)b;
    }
  }
  free(tab);
  /* whole-document near copies (edited words, added or dropped sentences)
   * that paragraph matching misses */
  for (size_t i = 0; i < x->n_pairs; i++) {
    uint32_t a = x->pairs[i].a, b = x->pairs[i].b;
    if (earlier(x, a, b)) {
      uint32_t t = a;
      a = b;
      b = t;
    }
    xdoc *da = &x->docs[a];
    float share = x->pairs[i].j;
    if (da->copy_of < 0 || share > da->share ||
        (share == da->share && b < (uint32_t)da->copy_of)) {
      if (da->copy_of >= 0 && da->share >= share) continue;
      da->share = share;
      da->copy_of = (int32_t)b;
    }
  }
  align_linked(x);
  for (size_t i = 0; i < x->n_docs; i++)
    if (x->docs[i].copy_of >= 0)
      x->links[x->n_links++] = (cx_syndication){
          x->docs[i].id, x->docs[x->docs[i].copy_of].id, x->docs[i].share};
  qsort(x->links, x->n_links, sizeof *x->links, link_cmp);
}

void cx_dedup_index_annotate(const cx_dedup_index *x, cx_doc *d) {
  if (d->seq >= x->n_docs) return;
  const xdoc *xd = &x->docs[d->seq];
  if (xd->n_paras != d->n_paras) return; /* input changed between passes */
  for (size_t i = 0; i < d->n_paras; i++) {
    cx_para *p = &d->paras[i];
    int32_t c = x->para_cluster[xd->first_para + i];
    p->cluster = c;
    if (c < 0) continue;
    const cluster *cl = &x->clusters[c];
    if (cl->first_doc == d->seq) {
      if (cl->first_para != i && p->repeat_of < 0) p->repeat_of = (int32_t)cl->first_para;
    } else if (p->repeat_of < 0) {
      p->repeat_doc = x->docs[cl->first_doc].id;
      p->repeat_doc_para = (int32_t)cl->first_para;
    }
  }
  if (xd->copy_of >= 0) {
    d->copy_of = x->docs[xd->copy_of].id;
    d->copy_share = xd->share;
  }
  /* claims: the other documents carrying the claim's passage */
  for (size_t ci = 0; ci < d->n_claims; ci++) {
    cx_claim *cl = &d->claims[ci];
    int32_t c = d->paras[d->sents[cl->sent].para].cluster;
    if (c < 0 || x->clusters[c].n_apps < 2) continue;
    const cluster *k = &x->clusters[c];
    const app *a = &x->apps[k->first_app];
    uint32_t cap = k->n_apps < 50 ? k->n_apps : 50;
    cl->also_in = cx_arena_alloc(d->arena, cap * sizeof *cl->also_in);
    cl->n_also_in = 0;
    for (uint32_t i = 0; i < k->n_apps && cl->n_also_in < cap; i++) {
      if (a[i].doc == d->seq) continue;
      bool dup = i > 0 && a[i - 1].doc == a[i].doc;
      if (!dup) cl->also_in[cl->n_also_in++] = x->docs[a[i].doc].id;
    }
  }
}

size_t cx_dedup_index_bytes(const cx_dedup_index *x) {
  return x->cap_docs * (sizeof *x->docs + CX_SKETCH * sizeof(uint32_t)) +
         x->lsh_slots * sizeof *x->lsh + x->cap_pairs * sizeof *x->pairs +
         x->id_bytes +
         x->cap_pc * (sizeof *x->para_cluster + sizeof *x->para_sim) +
         x->cap_clusters * sizeof *x->clusters + x->cap_apps * sizeof *x->apps +
         x->exact_slots * sizeof *x->exact + 4 * 65536 * sizeof(int32_t) +
         x->cap_bands * sizeof *x->bands;
}

size_t cx_dedup_index_clusters(const cx_dedup_index *x) { return x->n_clusters; }

size_t cx_dedup_index_links(const cx_dedup_index *x,
                            const cx_syndication **links) {
  *links = x->links;
  return x->n_links;
}
