/* Cross-document de-duplication index (see dedup_index.h). */
#include "dedup_index.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "spill.h"

#define NEAR_MIN_WORDS 8   /* shorter passages match exactly or not at all */
#define NEAR_MAX_DIST 3    /* SimHash Hamming distance for a near copy */
#define SYND_SHARE 0.6     /* share of a document's words that makes a copy */
#define SYND_MAX_DOCS 64   /* clusters wider than this are boilerplate */
#define SKETCH_MIN_J 0.45  /* estimated word 3-gram Jaccard of a copy */
#define BANDS 16           /* LSH: 16 bands of 2 sketch bins */
#define ROWS (CX_SKETCH / BANDS)
/* Records touched (each possibly a page) between two looks at the resident
 * set; above the cap, file-backed pages are dropped from it. */
#define TRIM_CHECK 256
#define RESIDENT_CAP ((size_t)40 << 20)
#define TRIM_SLACK ((size_t)8 << 20)
#define RESIDENT_MAX ((size_t)48 << 20)
/* A read fault on a mapped file maps its cached neighbours too (the
 * kernel's fault-around, 64 KiB): a record read at random counts as this
 * many records of at most 2 pages. Counting it as one let the resident
 * set run far past the trim level between two checks. */
#define RANDOM_READ 8

typedef struct xdoc {
  uint64_t id;         /* offset into the id pool */
  uint64_t first_para; /* into paras */
  int32_t pub;         /* YYYYMMDD, INT32_MAX when undated */
  uint32_t n_paras;
  uint32_t words;
  int32_t copy_of;     /* doc index or -1 */
  float share;
  float pair_j;        /* best whole-document sketch match: estimate */
  int32_t pair_b;      /* ... and the earlier document, or -1 */
} xdoc;

typedef struct xpara {
  uint64_t sim;        /* SimHash, 0 under 5 words */
  int32_t cluster;     /* -1: empty paragraph */
  uint32_t words : 31;
  /* the earliest appearance of its exact text (hash) in the batch */
  uint32_t hash_first : 1;
} xpara;

typedef struct cluster {
  uint64_t hash;
  uint32_t first_app, n_apps; /* into apps after finish */
  uint32_t first_doc, first_para;
} cluster;

typedef struct app {
  uint64_t hash; /* exact text: a cluster also holds near copies */
  uint32_t doc, para, cluster;
} app;

typedef struct lsh_key {
  uint32_t key, head, tail; /* chain nodes: doc * BANDS + band + 1 */
} lsh_key;

typedef struct band_entry {
  uint64_t sim;
  uint32_t cluster;
  int32_t next;
} band_entry;

/* Everything that grows with the input is a cx_spill (file-backed beyond
 * 1 MiB); only the exact-hash table and the SimHash band heads stay on the
 * heap. */
struct cx_dedup_index {
  cx_spill docs, sketches, ids, paras, clusters, apps, bands, lsh, lsh_next, links;
  size_t n_docs, id_bytes, n_paras, n_clusters, n_apps, n_bands;
  size_t lsh_slots, n_lsh, n_links;
  uint32_t *exact;       /* cluster+1, open addressing on hash */
  size_t exact_slots;
  int32_t *band_head[4]; /* 65536 heads per 16-bit band */
  _Atomic size_t touches;
  _Atomic size_t next_check; /* touches at which resident memory is read */
  _Atomic size_t trim_at; /* resident bytes that trigger a trim */
  int statm_fd;
  size_t n_batch;        /* documents of this batch; the rest are stored */
  uint32_t *batch_ids;   /* while seeding: batch documents by id hash */
  size_t batch_slots;
  int threads;           /* finish's threads */
  int phase;             /* PHASE_ADD, PHASE_FINISH, PHASE_ANNOTATE */
  size_t bytes;          /* the index's size when finish began */
};

enum { PHASE_ADD, PHASE_FINISH, PHASE_ANNOTATE };

#define DOCS(x) ((xdoc *)(x)->docs.base)
#define PARAS(x) ((xpara *)(x)->paras.base)
#define CLUSTERS(x) ((cluster *)(x)->clusters.base)
#define APPS(x) ((app *)(x)->apps.base)
#define BANDS_(x) ((band_entry *)(x)->bands.base)
#define LSH(x) ((lsh_key *)(x)->lsh.base)
#define SKETCHES(x) ((uint32_t *)(x)->sketches.base)
#define LINKS(x) ((cx_syndication *)(x)->links.base)

static const char *id_of(const cx_dedup_index *x, uint32_t doc) {
  return x->ids.base + DOCS(x)[doc].id;
}

/* Appends one record of `size` bytes to s (n records so far). */
static void *push(cx_spill *s, size_t *n, size_t size) {
  cx_spill_reserve(s, (*n + 1) * size);
  return s->base + (*n)++ * size;
}

/* Resident set of the process in bytes, 0 when unknown. */
/* Resident set in bytes from /proc/self/statm, read through a descriptor
 * kept open (an open per check was a visible share of the run), 0 when
 * unknown. */
static size_t resident_bytes(int fd) {
  char buf[128];
  if (fd < 0) return 0;
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  buf[n] = '\0';
  const char *p = strchr(buf, ' ');
  if (!p) return 0;
  unsigned long res = strtoul(p + 1, NULL, 10);
  return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

static void trim_all(const cx_dedup_index *x) {
  const cx_spill *all[] = {&x->docs, &x->sketches, &x->ids, &x->paras,
                           &x->clusters, &x->apps, &x->bands, &x->lsh,
                           &x->lsh_next, &x->links};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) cx_spill_trim(all[i]);
}

/* The arrays the adds (and annotations) only append to or walk in order.
 * A trim drops them first: the ones read at random (tables, sketches,
 * clusters) would fault back in page by page, on the add path that runs
 * one document at a time. */
static void trim_cold(const cx_dedup_index *x) {
  cx_spill_trim(&x->paras);
  cx_spill_trim(&x->apps);
  if (x->phase == PHASE_ADD) {
    cx_spill_trim(&x->ids);
    cx_spill_trim(&x->links);
  }
}

/* Counts records touched (each possibly a new page). The resident set is
 * read when enough records have been touched to reach the trim level if
 * each of them faulted in new pages (at least every TRIM_CHECK): far below
 * it, that is rarely, since a read of /proc costs a system call. When the
 * process's resident set passes the trim level, the file-backed pages are
 * dropped from it. Thread-safe: in pass 2 the mappings are read-only and
 * dropped pages fault back in from the page cache. */
static void touch(const cx_dedup_index *x, size_t n) {
  cx_dedup_index *m = (cx_dedup_index *)x; /* the counters only */
  size_t now = atomic_fetch_add_explicit(&m->touches, n, memory_order_relaxed) + n;
  if (now < atomic_load_explicit(&m->next_check, memory_order_relaxed)) return;
  size_t res = resident_bytes(x->statm_fd);
  size_t at = atomic_load_explicit(&m->trim_at, memory_order_relaxed);
  if (res && res >= at) {
    /* the cold arrays first; all of them when that is not enough (finish
     * walks everything: there all of them go at once) */
    if (x->phase != PHASE_FINISH) {
      trim_cold(x);
      res = resident_bytes(x->statm_fd);
    }
    if (x->phase == PHASE_FINISH || res + TRIM_SLACK / 2 > at) trim_all(x);
    /* when the rest of the process alone is near the cap (a large document,
     * many slots), trimming at every check would only thrash: allow the
     * index some working set above what the rest holds */
    res = resident_bytes(x->statm_fd);
    at = res + TRIM_SLACK > RESIDENT_CAP ? res + TRIM_SLACK : RESIDENT_CAP;
    if (at > RESIDENT_MAX) at = RESIDENT_MAX; /* memory stays flat first */
    atomic_store_explicit(&m->trim_at, at, memory_order_relaxed);
  }
  /* a record may straddle two pages */
  size_t room = res && res < at ? (at - res) / (2 * (size_t)sysconf(_SC_PAGESIZE)) : 0;
  atomic_store_explicit(&m->next_check, now + (room > TRIM_CHECK ? room : TRIM_CHECK),
                        memory_order_relaxed);
}

cx_dedup_index *cx_dedup_index_new(void) {
  cx_dedup_index *x = cx_xcalloc(1, sizeof *x);
  x->n_batch = SIZE_MAX;
  x->statm_fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
  atomic_init(&x->trim_at, RESIDENT_CAP);
  atomic_init(&x->next_check, TRIM_CHECK);
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
  cx_spill *all[] = {&x->docs, &x->sketches, &x->ids, &x->paras,
                     &x->clusters, &x->apps, &x->bands, &x->lsh, &x->lsh_next, &x->links};
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) cx_spill_free(all[i]);
  free(x->exact);
  free(x->batch_ids);
  for (int b = 0; b < 4; b++) free(x->band_head[b]);
  if (x->statm_fd >= 0) close(x->statm_fd);
  free(x);
}

static int32_t pub_key(const char *iso) {
  int y, m, d;
  /* "YYYY-MM-DD...", the usual form, without sscanf */
  if (iso && iso[0] >= '0' && iso[0] <= '9') {
    bool plain = true;
    for (int i = 1; i < 10 && plain; i++)
      plain = i == 4 || i == 7 ? iso[i] == '-' : iso[i] >= '0' && iso[i] <= '9';
    if (plain && !(iso[10] >= '0' && iso[10] <= '9'))
      return ((iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0')) * 10000 +
             ((iso[5] - '0') * 10 + (iso[6] - '0')) * 100 + (iso[8] - '0') * 10 + (iso[9] - '0');
  }
  if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3) return y * 10000 + m * 100 + d;
  return INT32_MAX;
}

static void exact_grow(cx_dedup_index *x) {
  trim_all(x); /* room for the old and the new table at once */
  size_t ns = x->exact_slots * 2;
  uint32_t *t = cx_xcalloc(ns, sizeof *t);
  const cluster *cl = CLUSTERS(x);
  for (size_t c = 0; c < x->n_clusters; c++) {
    size_t s = cl[c].hash & (ns - 1);
    while (t[s]) s = (s + 1) & (ns - 1);
    t[s] = (uint32_t)c + 1;
    /* the walk reads every cluster: it must not all stay resident beside
     * the two tables */
    if ((c & 65535) == 65535) cx_spill_trim(&x->clusters);
  }
  free(x->exact);
  x->exact = t;
  x->exact_slots = ns;
  trim_all(x); /* walked every cluster */
}

static int32_t exact_find(const cx_dedup_index *x, uint64_t h) {
  size_t s = h & (x->exact_slots - 1);
  while (x->exact[s]) {
    if (CLUSTERS(x)[x->exact[s] - 1].hash == h) return (int32_t)x->exact[s] - 1;
    s = (s + 1) & (x->exact_slots - 1);
  }
  return -1;
}

static int32_t near_find(const cx_dedup_index *x, uint64_t sim) {
  int best_d = NEAR_MAX_DIST + 1;
  int32_t best = -1;
  const band_entry *be = BANDS_(x);
  size_t seen = 0;
  for (int b = 0; b < 4; b++) {
    for (int32_t e = x->band_head[b][(sim >> (16 * b)) & 0xffff]; e >= 0;
         e = be[e].next) {
      seen++;
      int dist = __builtin_popcountll(be[e].sim ^ sim);
      if (dist < best_d || (dist == best_d && (int32_t)be[e].cluster < best)) {
        best_d = dist;
        best = (int32_t)be[e].cluster;
      }
    }
  }
  touch(x, seen * RANDOM_READ);
  return best;
}

static void near_add(cx_dedup_index *x, uint64_t sim, uint32_t c) {
  for (int b = 0; b < 4; b++) {
    int32_t *head = &x->band_head[b][(sim >> (16 * b)) & 0xffff];
    band_entry *e = push(&x->bands, &x->n_bands, sizeof *e);
    *e = (band_entry){sim, c, *head};
    *head = (int32_t)x->n_bands - 1;
  }
}

static uint32_t band_key(const uint32_t *sk, int b) {
  return (uint32_t)XXH3_64bits_withSeed(sk + b * ROWS, ROWS * sizeof *sk, (uint64_t)b);
}

/* LSH: one entry per distinct band key, chaining the (document, band)
 * nodes that carry it in insertion order; the chain links live in a
 * file-backable array (BANDS per document), so the hot table stays small
 * when documents repeat. */
static lsh_key *lsh_slot(const cx_dedup_index *x, uint32_t key) {
  lsh_key *t = LSH(x);
  size_t s = (key * 2654435761u) & (x->lsh_slots - 1);
  while (t[s].head && t[s].key != key) s = (s + 1) & (x->lsh_slots - 1);
  return &t[s];
}

static void lsh_insert(cx_dedup_index *x, uint32_t key, uint32_t doc, int b) {
  if ((x->n_lsh + 1) * 2 > x->lsh_slots) {
    size_t ns = x->lsh_slots ? x->lsh_slots * 2 : 4096;
    cx_spill t = {0};
    cx_spill_reserve(&t, ns * sizeof(lsh_key));
    lsh_key *te = (lsh_key *)t.base;
    /* a new temporary file reads as zeros: clearing it would only make
     * all of it resident and dirty at once */
    if (!t.fd1) memset(te, 0, ns * sizeof *te);
    const lsh_key *old = LSH(x);
    for (size_t i = 0; i < x->lsh_slots; i++) {
      if (!old[i].head) continue;
      size_t s = (old[i].key * 2654435761u) & (ns - 1);
      while (te[s].head) s = (s + 1) & (ns - 1);
      te[s] = old[i];
      /* both tables need not be resident; the new one is written at
       * random, a page per entry at worst: drop it often */
      if ((i & 1023) == 1023) {
        cx_spill_trim(&t);
        cx_spill_trim(&x->lsh);
      }
    }
    cx_spill_free(&x->lsh);
    x->lsh = t;
    x->lsh_slots = ns;
    touch(x, TRIM_CHECK);
  }
  uint32_t node = doc * BANDS + (uint32_t)b + 1;
  ((uint32_t *)x->lsh_next.base)[node - 1] = 0;
  lsh_key *k = lsh_slot(x, key);
  if (!k->head) {
    *k = (lsh_key){key, node, node};
    x->n_lsh++;
  } else {
    ((uint32_t *)x->lsh_next.base)[k->tail - 1] = node;
    k->tail = node;
  }
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

/* Tie order of documents: stored ones (seeded after the batch) come before
 * the batch, then input order. */
static size_t order(const cx_dedup_index *x, uint32_t doc) {
  return doc >= x->n_batch ? doc - x->n_batch : doc + (x->n_docs - x->n_batch);
}

/* Is doc a earlier than doc b (published, then input order)? */
static bool earlier(const cx_dedup_index *x, uint32_t a, uint32_t b) {
  const xdoc *d = DOCS(x);
  if (d[a].pub != d[b].pub) return d[a].pub < d[b].pub;
  return order(x, a) < order(x, b);
}

/* A whole-document near copy: the later document keeps its best match
 * (highest estimate, the first found on ties). Kept per document rather
 * than as a list of pairs, so it costs 8 bytes a document. */
static void pair_note(cx_dedup_index *x, uint32_t a, uint32_t b, float j) {
  if (earlier(x, a, b)) {
    uint32_t t = a;
    a = b;
    b = t;
  }
  xdoc *da = &DOCS(x)[a];
  if (da->pair_b < 0 || j > da->pair_j) {
    da->pair_j = j;
    da->pair_b = (int32_t)b;
  }
}

/* Documents whose sketches share a band with doc's are candidates; those
 * estimated similar enough become pairs. */
static void sketch_add(cx_dedup_index *x, uint32_t doc, const uint32_t *sk) {
  uint32_t *mine = &SKETCHES(x)[(size_t)doc * CX_SKETCH];
  if (sk) memcpy(mine, sk, CX_SKETCH * sizeof *mine);
  else memset(mine, 0xff, CX_SKETCH * sizeof *mine);
  int empty = 0;
  for (int i = 0; i < CX_SKETCH; i++) empty += mine[i] == UINT32_MAX;
  if (!sk || empty > CX_SKETCH / 2) return; /* too short to judge */
  /* The adds run one at a time, in input order, so they are what the
   * other threads wait for: the bands' table slots and chain heads are
   * fetched for all bands at once, not one cache miss after another. */
  uint32_t keys[BANDS];
  unsigned use = 0;
  for (int b = 0; b < BANDS; b++) {
    bool hole = false;
    for (int r = 0; r < ROWS; r++) hole |= mine[b * ROWS + r] == UINT32_MAX;
    if (hole) continue;
    keys[b] = band_key(mine, b);
    use |= 1u << b;
    if (x->lsh_slots)
      __builtin_prefetch(&LSH(x)[(keys[b] * 2654435761u) & (x->lsh_slots - 1)]);
  }
  if (x->lsh_slots) {
    const uint32_t *next = (const uint32_t *)x->lsh_next.base;
    for (int b = 0; b < BANDS; b++) {
      if (!(use >> b & 1)) continue;
      uint32_t h = lsh_slot(x, keys[b])->head;
      if (h) {
        __builtin_prefetch(&next[h - 1]);
        __builtin_prefetch(&SKETCHES(x)[(size_t)((h - 1) / BANDS) * CX_SKETCH]);
      }
    }
  }
  uint32_t cand[64];
  int nc = 0;
  for (int b = 0; b < BANDS; b++) {
    if (!(use >> b & 1)) continue;
    uint32_t key = keys[b];
    if (x->lsh_slots && nc < 64) {
      const uint32_t *next = (const uint32_t *)x->lsh_next.base;
      for (uint32_t n = lsh_slot(x, key)->head; n && nc < 64; n = next[n - 1]) {
        uint32_t o = (n - 1) / BANDS;
        bool dup = false;
        for (int k = 0; k < nc && !dup; k++) dup = cand[k] == o;
        if (!dup) cand[nc++] = o;
      }
    }
    lsh_insert(x, key, doc, b);
    mine = &SKETCHES(x)[(size_t)doc * CX_SKETCH];
  }
  touch(x, (BANDS + 2 * (size_t)nc) * RANDOM_READ);
  for (int k = 0; k < nc; k++) {
    float j = sketch_jaccard(mine, &SKETCHES(x)[(size_t)cand[k] * CX_SKETCH]);
    if (j >= SKETCH_MIN_J) pair_note(x, doc, cand[k], j);
  }
}

void cx_dedup_index_add(cx_dedup_index *x, const cx_doc *d) {
  uint32_t di = (uint32_t)x->n_docs;
  xdoc *xd = push(&x->docs, &x->n_docs, sizeof *xd);
  const char *id = d->id ? d->id : "";
  size_t il = strlen(id) + 1;
  cx_spill_reserve(&x->ids, x->id_bytes + il);
  memcpy(x->ids.base + x->id_bytes, id, il);
  *xd = (xdoc){.id = x->id_bytes, .first_para = x->n_paras,
               .pub = pub_key(d->published), .n_paras = (uint32_t)d->n_paras,
               .copy_of = -1, .pair_b = -1};
  x->id_bytes += il;
  cx_spill_reserve(&x->sketches, x->n_docs * CX_SKETCH * sizeof(uint32_t));
  cx_spill_reserve(&x->lsh_next, x->n_docs * BANDS * sizeof(uint32_t));
  sketch_add(x, di, d->n_paras ? d->sketch : NULL);
  uint32_t words = 0;
  /* as in sketch_add: the paragraphs' table slots, then their clusters,
   * are fetched together before they are used one by one */
  size_t pre = d->n_paras < 64 ? d->n_paras : 64;
  for (size_t i = 0; i < pre; i++)
    __builtin_prefetch(&x->exact[d->paras[i].hash & (x->exact_slots - 1)]);
  for (size_t i = 0; i < pre; i++) {
    uint32_t c = x->exact[d->paras[i].hash & (x->exact_slots - 1)];
    if (c) __builtin_prefetch(&CLUSTERS(x)[c - 1]);
  }
  for (size_t i = 0; i < d->n_paras; i++) {
    const cx_para *p = &d->paras[i];
    size_t pi = x->n_paras;
    xpara *xp = push(&x->paras, &x->n_paras, sizeof *xp);
    *xp = (xpara){p->n_words >= 5 ? p->simhash : 0, -1,
                  p->n_words < (1u << 31) ? p->n_words : (1u << 31) - 1, 0};
    words += p->n_words;
    if (!p->hash) continue;
    int32_t c = exact_find(x, p->hash);
    bool near_ok = p->n_words >= NEAR_MIN_WORDS && p->simhash;
    if (c < 0 && near_ok) c = near_find(x, p->simhash);
    if (c < 0) {
      if ((x->n_clusters + 1) * 2 > x->exact_slots) exact_grow(x);
      c = (int32_t)x->n_clusters;
      cluster *k = push(&x->clusters, &x->n_clusters, sizeof *k);
      *k = (cluster){.hash = p->hash};
      size_t s = p->hash & (x->exact_slots - 1);
      while (x->exact[s]) s = (s + 1) & (x->exact_slots - 1);
      x->exact[s] = (uint32_t)c + 1;
      if (near_ok) near_add(x, p->simhash, (uint32_t)c);
    }
    PARAS(x)[pi].cluster = c;
    app *a = push(&x->apps, &x->n_apps, sizeof *a);
    *a = (app){p->hash, di, (uint32_t)i, (uint32_t)c};
  }
  DOCS(x)[di].words = words;
  touch(x, 2 + 2 * d->n_paras + d->n_paras * RANDOM_READ); /* + its clusters */
}

static int app_cmp(const void *a, const void *b, void *ctx) {
  const app *x = a, *y = b;
  const cx_dedup_index *ix = ctx;
  if (x->cluster != y->cluster) return x->cluster < y->cluster ? -1 : 1;
  int32_t px = DOCS(ix)[x->doc].pub, py = DOCS(ix)[y->doc].pub;
  if (px != py) return px < py ? -1 : 1;
  if (x->doc != y->doc) return order(ix, x->doc) < order(ix, y->doc) ? -1 : 1;
  return (x->para > y->para) - (x->para < y->para);
}

/* Flags the first appearance of each exact text among a cluster's
 * appearances (in first-appearance order): the one document of the batch
 * that owns the text's passage record, whichever process or shard writes
 * it. A cluster holds few distinct texts, so a short list does. */
static void mark_hash_firsts(cx_dedup_index *x, const app *a, uint32_t n) {
  uint64_t small[8], *seen = small;
  size_t ns = 0, cap = 8;
  for (uint32_t i = 0; i < n; i++) {
    bool dup = false;
    for (size_t j = 0; j < ns && !dup; j++) dup = seen[j] == a[i].hash;
    if (dup) continue;
    if (ns == cap) {
      uint64_t *g = cx_xmalloc(2 * cap * sizeof *g);
      memcpy(g, seen, ns * sizeof *g);
      if (seen != small) free(seen);
      seen = g, cap *= 2;
    }
    seen[ns++] = a[i].hash;
    /* documents seeded from the store have their record already */
    if (a[i].doc < x->n_batch) {
      PARAS(x)[DOCS(x)[a[i].doc].first_para + a[i].para].hash_first = 1;
      touch(x, 2 * RANDOM_READ);
    }
  }
  if (seen != small) free(seen);
}

/* Orders appearances by cluster, first appearance first (a counting sort by
 * cluster, then each cluster's few appearances sorted: no sort over the
 * whole array), and records each cluster's range and first appearance. */
/* app_cmp's order for a short list: insertion sort without a call per
 * comparison (the order is total, so any correct sort gives the same) */
static void sort_apps_small(const cx_dedup_index *x, app *a, uint32_t n) {
  const xdoc *D = DOCS(x);
  for (uint32_t i = 1; i < n; i++) {
    app v = a[i];
    int32_t pv = D[v.doc].pub;
    size_t ov = order(x, v.doc);
    uint32_t j = i;
    while (j > 0) {
      const app *u = &a[j - 1];
      int32_t pu = D[u->doc].pub;
      bool after = u->cluster != v.cluster ? u->cluster > v.cluster
                   : pu != pv               ? pu > pv
                   : u->doc != v.doc        ? order(x, u->doc) > ov
                                            : u->para > v.para;
      if (!after) break;
      a[j] = a[j - 1];
      j--;
    }
    a[j] = v;
  }
}

/* Runs fn over [0, n) in x->threads parts at once (each item is
 * independent: what an item writes no other item reads or writes). */
typedef void range_fn(cx_dedup_index *x, size_t lo, size_t hi);
typedef struct range_job {
  range_fn *fn;
  cx_dedup_index *x;
  size_t lo, hi;
} range_job;

static void *range_main(void *arg) {
  range_job *j = arg;
  j->fn(j->x, j->lo, j->hi);
  return NULL;
}

static void split_range(cx_dedup_index *x, size_t n, range_fn *fn) {
  enum { MAX_PARTS = 16 };
  int parts = x->threads < 1 ? 1 : x->threads > MAX_PARTS ? MAX_PARTS : x->threads;
  if (n < 4096) parts = 1; /* a thread costs more than a small batch */
  range_job jobs[MAX_PARTS];
  pthread_t tid[MAX_PARTS];
  bool started[MAX_PARTS] = {false};
  for (int p = 0; p < parts; p++)
    jobs[p] = (range_job){fn, x, n * (size_t)p / (size_t)parts, n * (size_t)(p + 1) / (size_t)parts};
  for (int p = 1; p < parts; p++)
    started[p] = pthread_create(&tid[p], NULL, range_main, &jobs[p]) == 0;
  range_main(&jobs[0]);
  for (int p = 1; p < parts; p++) {
    if (started[p]) pthread_join(tid[p], NULL);
    else range_main(&jobs[p]); /* no thread: the work is done all the same */
  }
}

/* Sorts each cluster's appearances and records its first appearance. */
static void sort_clusters(cx_dedup_index *x, size_t lo, size_t hi) {
  cluster *cl = CLUSTERS(x);
  app *out = APPS(x);
  for (size_t c = lo; c < hi; c++) {
    cluster *k = &cl[c];
    if (!k->n_apps) continue;
    if (k->n_apps > 64) qsort_r(out + k->first_app, k->n_apps, sizeof *out, app_cmp, x);
    else if (k->n_apps > 1) sort_apps_small(x, out + k->first_app, k->n_apps);
    k->first_doc = out[k->first_app].doc;
    k->first_para = out[k->first_app].para;
    touch(x, k->n_apps);
    mark_hash_firsts(x, out + k->first_app, k->n_apps);
  }
}

static void summarize_clusters(cx_dedup_index *x) {
  cluster *cl = CLUSTERS(x);
  for (size_t c = 0; c < x->n_clusters; c++) cl[c].n_apps = 0;
  const app *apps = APPS(x);
  /* passes over every appearance: touches are counted in blocks (one
   * atomic add, not one per record), so trimming keeps up cheaply */
  for (size_t i = 0; i < x->n_apps; i++) {
    cl[apps[i].cluster].n_apps++;
    if ((i & 255) == 255) touch(x, 256);
  }
  uint32_t off = 0;
  for (size_t c = 0; c < x->n_clusters; c++) {
    cl[c].first_app = off;
    off += cl[c].n_apps;
    cl[c].n_apps = 0;
  }
  /* the sorted copy is x->apps from the start, so trims reach it */
  cx_spill unsorted = x->apps;
  memset(&x->apps, 0, sizeof x->apps);
  cx_spill_reserve(&x->apps, (x->n_apps ? x->n_apps : 1) * sizeof(app));
  app *out = APPS(x);
  for (size_t i = 0; i < x->n_apps; i++) {
    cluster *k = &cl[apps[i].cluster];
    out[k->first_app + k->n_apps++] = apps[i];
    if ((i & 255) == 255) touch(x, 256);
    if ((i & 65535) == 65535) cx_spill_trim(&unsorted);
  }
  cx_spill_free(&unsorted);
  split_range(x, x->n_clusters, sort_clusters);
}

/* Words of doc a shared with each other document: a small table reused
 * from document to document. */
typedef struct share_tab {
  uint32_t *doc, *words, *used; /* doc + 1, 0 = empty */
  size_t slots, n;
} share_tab;

static void share_add(share_tab *t, uint32_t doc, uint32_t words) {
  if ((t->n + 1) * 2 > t->slots) {
    share_tab g = {.slots = t->slots ? t->slots * 2 : 256};
    g.doc = cx_xcalloc(g.slots, sizeof *g.doc);
    g.words = cx_xcalloc(g.slots, sizeof *g.words);
    g.used = cx_xmalloc(g.slots * sizeof *g.used);
    for (size_t i = 0; i < t->n; i++) {
      uint32_t s = t->used[i];
      size_t h = (t->doc[s] * 2654435761u) & (g.slots - 1);
      while (g.doc[h]) h = (h + 1) & (g.slots - 1);
      g.doc[h] = t->doc[s];
      g.words[h] = t->words[s];
      g.used[g.n++] = (uint32_t)h;
    }
    free(t->doc);
    free(t->words);
    free(t->used);
    *t = g;
  }
  size_t h = ((doc + 1) * 2654435761u) & (t->slots - 1);
  while (t->doc[h] && t->doc[h] != doc + 1) h = (h + 1) & (t->slots - 1);
  if (!t->doc[h]) {
    t->doc[h] = doc + 1;
    t->words[h] = 0;
    t->used[t->n++] = (uint32_t)h;
  }
  t->words[h] += words;
}

/* Syndication from shared passages: document a copies the earlier document
 * b whose clusters (2 to SYND_MAX_DOCS appearances) cover the largest share
 * of a's words, at least SYND_SHARE; ties go to the earlier input. */
static void link_range(cx_dedup_index *x, size_t lo, size_t hi) {
  share_tab t = {0};
  const cluster *cl = CLUSTERS(x);
  const app *apps = APPS(x);
  for (size_t a = lo; a < hi; a++) {
    xdoc *da = &DOCS(x)[a];
    if (!da->words) continue;
    for (size_t i = 0; i < t.n; i++) t.doc[t.used[i]] = 0;
    t.n = 0;
    size_t seen = 1;
    for (uint32_t i = 0; i < da->n_paras; i++) {
      const xpara *p = &PARAS(x)[da->first_para + i];
      if (p->cluster < 0) continue;
      const cluster *k = &cl[p->cluster];
      if (k->n_apps < 2 || k->n_apps > SYND_MAX_DOCS) continue;
      const app *ap = &apps[k->first_app];
      for (uint32_t j = 0; j < k->n_apps; j++) {
        /* one document's appearances are adjacent: count each once */
        if (ap[j].doc == a || (j > 0 && ap[j - 1].doc == ap[j].doc)) continue;
        share_add(&t, ap[j].doc, p->words);
      }
      seen += 2 + k->n_apps;
    }
    for (size_t i = 0; i < t.n; i++) {
      uint32_t s = t.used[i], b = t.doc[s] - 1;
      float share = (float)t.words[s] / (float)da->words;
      if (share < SYND_SHARE || !earlier(x, b, (uint32_t)a)) continue;
      if (share > da->share || (share == da->share && b < (uint32_t)da->copy_of)) {
        da->share = share;
        da->copy_of = (int32_t)b;
      }
      seen++;
    }
    touch(x, seen * RANDOM_READ);
  }
  free(t.doc);
  free(t.words);
  free(t.used);
}

static void link_by_passages(cx_dedup_index *x) {
  split_range(x, x->n_docs, link_range);
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
  const xpara *pb = &PARAS(x)[db->first_para];
  for (uint32_t j = 0; j < db->n_paras; j++) {
    int32_t cj = pb[j].cluster;
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
  const xpara *P = PARAS(x);
  for (size_t a = 0; a < x->n_docs; a++) {
    const xdoc *da = &DOCS(x)[a];
    if (da->copy_of < 0) continue;
    const xdoc *db = &DOCS(x)[da->copy_of];
    const xpara *pa = &P[da->first_para], *pb = &P[db->first_para];
    touch(x, (2 + da->n_paras + db->n_paras) * RANDOM_READ);
    for (uint32_t i = 0; i < da->n_paras; i++) {
      int32_t ca = pa[i].cluster;
      uint64_t sa = pa[i].sim;
      if (ca < 0 || !sa || matched_in(x, parent, db, ca) >= 0) continue;
      /* the place between matched neighbours */
      int32_t prev = i > 0 ? matched_in(x, parent, db, pa[i - 1].cluster) : -1;
      int32_t next = i + 1 < da->n_paras ? matched_in(x, parent, db, pa[i + 1].cluster) : -1;
      int32_t slot = -1;
      if (prev >= 0 && (uint32_t)prev + 1 < db->n_paras) slot = prev + 1;
      else if (next > 0) slot = next - 1;
      else if (i == 0 && prev < 0 && next < 0 && db->n_paras) slot = 0;
      int32_t cb = -1;
      if (slot >= 0) {
        int32_t c = pb[slot].cluster;
        uint64_t sb = pb[slot].sim;
        if (c >= 0 && sb && matched_in(x, parent, da, c) < 0 &&
            __builtin_popcountll(sa ^ sb) <= ALIGN_GAP_DIST)
          cb = c;
      }
      if (cb < 0) {
        int best = ALIGN_MAX_DIST + 1;
        for (uint32_t j = 0; j < db->n_paras; j++) {
          int32_t c = pb[j].cluster;
          uint64_t sb = pb[j].sim;
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
    xpara *pp = PARAS(x);
    for (size_t i = 0; i < x->n_paras; i++) {
      if (pp[i].cluster >= 0) pp[i].cluster = (int32_t)find_root(parent, (uint32_t)pp[i].cluster);
      if ((i & 1023) == 1023) touch(x, 16);
    }
    app *ap = APPS(x);
    for (size_t i = 0; i < x->n_apps; i++) {
      ap[i].cluster = find_root(parent, ap[i].cluster);
      if ((i & 1023) == 1023) touch(x, 16);
    }
    summarize_clusters(x);
  }
  free(parent);
}

static uint32_t id_hash(const char *id) {
  return (uint32_t)XXH3_64bits(id, strlen(id));
}

static bool in_batch(const cx_dedup_index *x, const char *id) {
  size_t s = id_hash(id) & (x->batch_slots - 1);
  for (; x->batch_ids[s]; s = (s + 1) & (x->batch_slots - 1))
    if (!strcmp(id_of(x, x->batch_ids[s] - 1), id)) return true;
  return false;
}

void cx_dedup_index_seed(cx_dedup_index *x, const char *doc_id,
                         const char *published, uint64_t hash, uint32_t para) {
  if (x->n_batch == SIZE_MAX) {
    x->n_batch = x->n_docs;
    x->batch_slots = 16;
    while (x->batch_slots < x->n_docs * 2) x->batch_slots *= 2;
    x->batch_ids = cx_xcalloc(x->batch_slots, sizeof *x->batch_ids);
    for (size_t i = 0; i < x->n_docs; i++) {
      size_t s = id_hash(id_of(x, (uint32_t)i)) & (x->batch_slots - 1);
      while (x->batch_ids[s]) s = (s + 1) & (x->batch_slots - 1);
      x->batch_ids[s] = (uint32_t)i + 1;
    }
  }
  if (!hash || !doc_id) return;
  int32_t c = exact_find(x, hash);
  touch(x, 2);
  /* only passages this batch shows, and never the batch's own documents
   * (a rerun, or another shard writing the same batch right now) */
  if (c < 0 || in_batch(x, doc_id)) return;
  uint32_t di = (uint32_t)x->n_docs - 1;
  if (x->n_docs == x->n_batch || strcmp(id_of(x, di), doc_id)) {
    di = (uint32_t)x->n_docs;
    xdoc *xd = push(&x->docs, &x->n_docs, sizeof *xd);
    size_t il = strlen(doc_id) + 1;
    cx_spill_reserve(&x->ids, x->id_bytes + il);
    memcpy(x->ids.base + x->id_bytes, doc_id, il);
    *xd = (xdoc){.id = x->id_bytes, .first_para = x->n_paras,
                 .pub = pub_key(published), .copy_of = -1, .pair_b = -1};
    x->id_bytes += il;
  }
  app *a = push(&x->apps, &x->n_apps, sizeof *a);
  *a = (app){hash, di, para, (uint32_t)c};
}

void cx_dedup_index_finish(cx_dedup_index *x, int threads) {
  x->threads = threads;
  x->bytes = cx_dedup_index_bytes(x);
  x->phase = PHASE_FINISH;
  /* what only the adds and seeds look up goes now: less to page */
  cx_spill_free(&x->sketches);
  cx_spill_free(&x->lsh);
  cx_spill_free(&x->lsh_next);
  cx_spill_free(&x->bands);
  free(x->exact);
  x->exact = NULL;
  x->exact_slots = 0;
  for (int b = 0; b < 4; b++) {
    free(x->band_head[b]);
    x->band_head[b] = NULL;
  }
  free(x->batch_ids);
  x->batch_ids = NULL;
  if (x->n_batch == SIZE_MAX) x->n_batch = x->n_docs;
  summarize_clusters(x);
  link_by_passages(x);
  /* whole-document near copies (edited words, added or dropped sentences)
   * that paragraph matching misses: a better estimate wins */
  for (size_t a = 0; a < x->n_docs; a++) {
    xdoc *da = &DOCS(x)[a];
    if (da->pair_b >= 0 && (da->copy_of < 0 || da->pair_j > da->share)) {
      da->share = da->pair_j;
      da->copy_of = da->pair_b;
    }
    if ((a & 1023) == 1023) touch(x, 16);
  }
  align_linked(x);
  for (size_t i = 0; i < x->n_docs; i++) {
    const xdoc *d = &DOCS(x)[i];
    if (d->copy_of < 0) continue;
    cx_syndication *l = push(&x->links, &x->n_links, sizeof *l);
    *l = (cx_syndication){id_of(x, (uint32_t)i), id_of(x, (uint32_t)d->copy_of), d->share};
    touch(x, 2);
  }
  x->phase = PHASE_ANNOTATE;
}

void cx_dedup_index_annotate(const cx_dedup_index *x, cx_doc *d) {
  if (d->seq >= x->n_docs) return;
  const xdoc *xd = &DOCS(x)[d->seq];
  if (xd->n_paras != d->n_paras) return; /* input changed between passes */
  const cluster *cls = CLUSTERS(x);
  size_t seen = 1 + d->n_paras;
  for (size_t i = 0; i < d->n_paras; i++) {
    cx_para *p = &d->paras[i];
    const xpara *xp = &PARAS(x)[xd->first_para + i];
    int32_t c = xp->cluster;
    p->cluster = c;
    if (c < 0) continue;
    p->hash_first = xp->hash_first ? 1 : -1;
    const cluster *cl = &cls[c];
    if (cl->first_doc == d->seq) {
      if (cl->first_para != i && p->repeat_of < 0) p->repeat_of = (int32_t)cl->first_para;
    } else if (p->repeat_of < 0) {
      p->repeat_doc = id_of(x, cl->first_doc);
      p->repeat_doc_para = (int32_t)cl->first_para;
      seen += 2;
    }
  }
  if (xd->copy_of >= 0) {
    d->copy_of = id_of(x, (uint32_t)xd->copy_of);
    d->copy_share = xd->share;
  }
  /* claims: the other documents carrying the claim's passage */
  for (size_t ci = 0; ci < d->n_claims; ci++) {
    cx_claim *cl = &d->claims[ci];
    int32_t c = d->paras[d->sents[cl->sent].para].cluster;
    if (c < 0 || cls[c].n_apps < 2) continue;
    const cluster *k = &cls[c];
    const app *a = &APPS(x)[k->first_app];
    uint32_t cap = k->n_apps < 50 ? k->n_apps : 50;
    cl->also_in = cx_arena_alloc(d->arena, cap * sizeof *cl->also_in);
    cl->n_also_in = 0;
    for (uint32_t i = 0; i < k->n_apps && cl->n_also_in < cap; i++) {
      if (a[i].doc == d->seq) continue;
      bool dup = i > 0 && a[i - 1].doc == a[i].doc;
      if (!dup) cl->also_in[cl->n_also_in++] = id_of(x, a[i].doc);
    }
    seen += 2 + 2 * cl->n_also_in;
  }
  touch(x, seen * RANDOM_READ);
}

size_t cx_dedup_index_bytes(const cx_dedup_index *x) {
  if (x->phase != PHASE_ADD) return x->bytes; /* its size at its largest */
  const cx_spill *all[] = {&x->docs, &x->sketches, &x->ids, &x->paras,
                           &x->clusters, &x->apps, &x->bands, &x->lsh, &x->lsh_next, &x->links};
  size_t n = x->exact_slots * sizeof *x->exact + 4 * 65536 * sizeof(int32_t);
  for (size_t i = 0; i < sizeof all / sizeof *all; i++) n += cx_spill_bytes(all[i]);
  return n;
}

size_t cx_dedup_index_clusters(const cx_dedup_index *x) { return x->n_clusters; }

size_t cx_dedup_index_links(const cx_dedup_index *x,
                            const cx_syndication **links) {
  *links = LINKS(x);
  return x->n_links;
}
