/* Cross-document de-duplication index (see dedup_index.h). */
#include "dedup_index.h"

#include <stdlib.h>
#include <string.h>

#define NEAR_MIN_WORDS 8   /* shorter passages match exactly or not at all */
#define NEAR_MAX_DIST 3    /* SimHash Hamming distance for a near copy */
#define SYND_SHARE 0.5     /* share of a document's words that makes a copy */
#define SYND_MAX_DOCS 64   /* clusters wider than this are boilerplate */

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

typedef struct band_entry {
  uint64_t sim;
  uint32_t cluster;
  int32_t next;
} band_entry;

struct cx_dedup_index {
  xdoc *docs;
  size_t n_docs, cap_docs;
  int32_t *para_cluster; /* per appearance in doc order: cluster id */
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
  free(x->clusters);
  free(x->apps);
  free(x->exact);
  for (int b = 0; b < 4; b++) free(x->band_head[b]);
  free(x->bands);
  free(x->links);
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

void cx_dedup_index_add(cx_dedup_index *x, const cx_doc *d) {
  GROW(x->docs, x->n_docs, x->cap_docs);
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
  for (size_t i = 0; i < d->n_paras; i++) {
    const cx_para *p = &d->paras[i];
    GROW(x->para_cluster, x->n_pc, x->cap_pc);
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

void cx_dedup_index_finish(cx_dedup_index *x) {
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
  return x->cap_docs * sizeof *x->docs + x->id_bytes +
         x->cap_pc * sizeof *x->para_cluster +
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
