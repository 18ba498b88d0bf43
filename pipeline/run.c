/* Batch driver (see run.h). */
#include "run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "dedup_index.h"
#include "inputs.h"
#include "store_dedup.h"

enum { SLOT_FREE, SLOT_READY, SLOT_BAD, SLOT_DONE };

typedef struct slot {
  cx_doc *doc;
  cx_buf out; /* the document's output, rendered by its worker */
  cx_diag diag;
  int state;
  bool failed;
  bool counted;      /* its text counts in the bytes processed */
  size_t input_done; /* input bytes read when it was read: for progress */
} slot;

typedef struct engine {
  const cx_run_options *o;
  const cx_resources *res;
  int pass;
  cx_dedup_index *index;
  slot *slots;
  size_t n_slots;
  size_t next_seq, work_seq, write_seq;
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  bool quit;
  bool writer_waiting; /* signal `done` only when someone waits for it */
  bool delivering;     /* a thread is indexing or writing the oldest slot */
  size_t skipped;      /* documents of other shards not yet counted in info */
  int idle;            /* workers waiting for `work` */
  size_t wake_batch;   /* queued documents that wake a sleeping worker */
  int jobs;
  pthread_t *threads;
  cx_worker **workers;
  void *ws;
  cx_run_info *info;
  cx_status st;
  cx_diag *diag;
} engine;

unsigned cx_shard_of(const char *id, unsigned n) {
  if (n <= 1) return 1;
  return (unsigned)(XXH3_64bits(id, strlen(id)) % n) + 1;
}

/* The stages one slot needs in this pass. */
static void work_on(engine *e, cx_worker *w, slot *s) {
  if (s->state != SLOT_READY) return;
  cx_doc *d = s->doc;
  cx_status st = e->pass == 1                  ? cx_prepare(w, d, &s->diag)
                 : e->o->writer->text_only ? cx_process_text(w, d, &s->diag)
                                           : cx_process(w, d, &s->diag);
  if (st != CX_OK) {
    if (!s->diag.doc[0]) snprintf(s->diag.doc, sizeof s->diag.doc, "%s", d->id);
    s->failed = true;
    return;
  }
  if (e->pass == 2 && e->index) cx_dedup_index_annotate(e->index, d);
  if (e->pass == 2 && e->o->writer->render) {
    s->out.len = 0;
    e->o->writer->render(e->ws, d, &s->out);
  }
}

/* Indexes (pass 1) or writes (pass 2) one finished slot. One thread at a
 * time, in input order. Returns the run's status after it (the caller
 * stores it: under the lock when threads run). */
static cx_status deliver(engine *e, slot *s) {
  cx_doc *d = s->doc;
  cx_status run_st = e->st;
  e->info->input_done = s->input_done;
  if (s->counted) e->info->bytes += d->text_len;
  if (e->pass == 1) {
    if (s->failed) d->n_paras = 0; /* keeps ordinals aligned */
    cx_dedup_index_add(e->index, d);
  } else if (s->failed) {
    e->info->docs_failed++;
    e->o->writer->error(e->ws, &s->diag);
    if (e->o->on_error) e->o->on_error(e->o->ctx, &s->diag);
  } else if (e->st == CX_OK) {
    cx_diag refused;
    cx_diag_clear(&refused);
    cx_status st = e->o->writer->render
                       ? e->o->writer->write_rendered(e->ws, &s->out, &refused)
                       : e->o->writer->write(e->ws, d, &refused);
    if (st == CX_OK) {
      e->info->docs_ok++;
    } else if (st == CX_ERR_REFUSED) {
      /* the store keeps it in its error list; the batch goes on */
      e->info->docs_failed++;
      if (e->o->on_error) e->o->on_error(e->o->ctx, &refused);
    } else {
      *e->diag = refused;
      run_st = st;
    }
  }
  if (e->o->on_progress) e->o->on_progress(e->o->ctx, e->info);
  /* a long document's output is not kept in the ring (flat memory) */
  if (s->out.cap > ((size_t)256 << 10)) cx_buf_free(&s->out);
  return run_st;
}

/* mu held: delivers finished slots from the oldest on, unless another
 * thread is at it. Whichever thread finishes the oldest document delivers
 * it, so its output is written from the cache of the core that made it. */
static void deliver_ready(engine *e) {
  while (!e->delivering && e->write_seq < e->next_seq) {
    slot *s = &e->slots[e->write_seq % e->n_slots];
    if (s->state != SLOT_DONE) break;
    e->info->docs_skipped += e->skipped;
    e->skipped = 0;
    e->delivering = true;
    pthread_mutex_unlock(&e->mu);
    cx_status st = deliver(e, s);
    pthread_mutex_lock(&e->mu);
    e->st = st;
    s->state = SLOT_FREE;
    e->write_seq++;
    e->delivering = false;
    if (e->writer_waiting) pthread_cond_signal(&e->done);
  }
}

static void *worker_main(void *arg) {
  engine *e = ((void **)arg)[0];
  cx_worker *w = ((void **)arg)[1];
  free(arg);
  pthread_mutex_lock(&e->mu);
  for (;;) {
    while (!e->quit && e->work_seq >= e->next_seq) {
      e->idle++;
      pthread_cond_wait(&e->work, &e->mu);
      e->idle--;
    }
    if (e->work_seq >= e->next_seq && e->quit) break;
    slot *s = &e->slots[e->work_seq++ % e->n_slots];
    /* more queued: wake a sleeping worker too (the reader woke only one) */
    if (e->idle && e->work_seq < e->next_seq) pthread_cond_signal(&e->work);
    pthread_mutex_unlock(&e->mu);
    work_on(e, w, s);
    pthread_mutex_lock(&e->mu);
    s->state = SLOT_DONE;
    deliver_ready(e);
    if (e->writer_waiting) pthread_cond_signal(&e->done);
  }
  pthread_mutex_unlock(&e->mu);
  return NULL;
}

/* The reading thread waits until every slot before `seq` is delivered.
 * Rather than sleep, it processes queued documents and delivers finished
 * ones itself: no core idles while it waits (the result is the same
 * whoever does either). */
static void wait_delivered(engine *e, size_t seq) {
  if (e->jobs <= 1) return; /* submit delivered it already */
  pthread_mutex_lock(&e->mu);
  while (e->write_seq < seq) {
    deliver_ready(e);
    if (e->write_seq >= seq) break;
    if (e->work_seq < e->next_seq) {
      slot *h = &e->slots[e->work_seq++ % e->n_slots];
      pthread_mutex_unlock(&e->mu);
      work_on(e, e->workers[0], h);
      pthread_mutex_lock(&e->mu);
      h->state = SLOT_DONE;
      continue;
    }
    e->writer_waiting = true;
    pthread_cond_wait(&e->done, &e->mu);
    e->writer_waiting = false;
  }
  pthread_mutex_unlock(&e->mu);
}

static slot *free_slot(engine *e) {
  /* the slot last held document next_seq - n_slots */
  if (e->next_seq >= e->n_slots) wait_delivered(e, e->next_seq - e->n_slots + 1);
  return &e->slots[e->next_seq % e->n_slots];
}

static void submit(engine *e, slot *s) {
  if (e->jobs <= 1) {
    work_on(e, e->workers[0], s);
    e->next_seq++;
    e->st = deliver(e, s);
    s->state = SLOT_FREE;
    e->write_seq++;
    return;
  }
  pthread_mutex_lock(&e->mu);
  e->next_seq++;
  /* sleeping workers wake for a batch, not for every document: a wake-up
   * per document cost a context switch per document (the reader lends a
   * hand when it must wait, so nothing stalls below the batch) */
  if (e->idle && e->next_seq - e->work_seq >= e->wake_batch)
    pthread_cond_signal(&e->work);
  pthread_mutex_unlock(&e->mu);
}

static cx_status status_now(engine *e) {
  if (e->jobs <= 1) return e->st;
  pthread_mutex_lock(&e->mu);
  cx_status st = e->st;
  pthread_mutex_unlock(&e->mu);
  return st;
}

/* An input that yields no document: reported after the documents read
 * before it, as --jobs 1 does. */
static void report(engine *e, const cx_diag *d) {
  if (e->pass != 2) return; /* pass 1 stays quiet: pass 2 reports */
  wait_delivered(e, e->next_seq); /* no other thread touches the writer now */
  e->info->docs_failed++;
  if (e->ws) e->o->writer->error(e->ws, d);
  if (e->o->on_error) e->o->on_error(e->o->ctx, d);
}

/* One pass over every input. */
static void run_pass(engine *e, const cx_inputs *in, const char *stdin_copy) {
  const cx_run_options *o = e->o;
  size_t ordinal = 0, done_bytes = 0;
  cx_diag err;
  for (size_t i = 0; i < in->n && status_now(e) == CX_OK; i++) {
    const char *path = in->paths[i];
    bool is_stdin = strcmp(path, "-") == 0;
    const cx_reader *r = is_stdin ? cx_reader_by_name("jsonl") : cx_reader_for_path(path);
    cx_diag_clear(&err);
    if (!r) {
      cx_diag_set(&err, CX_ERR_UNSUPPORTED, path, -1,
                  "unknown input format (by extension)");
      report(e, &err);
      continue;
    }
    cx_stream *st = cx_stream_open(is_stdin && stdin_copy ? stdin_copy : path, &err);
    cx_stream_set_limit(st, o->read.max_input_bytes);
    void *rs = st ? r->open(st, path, &o->read, &err) : NULL;
    if (!rs) {
      if (!err.doc[0]) snprintf(err.doc, sizeof err.doc, "%s", path);
      report(e, &err);
      cx_stream_close(st);
      continue;
    }
    for (;;) {
      slot *s = free_slot(e);
      cx_doc_reset(s->doc);
      cx_diag_clear(&s->diag);
      s->failed = false;
      int got = r->next(rs, s->doc, &s->diag);
      s->input_done = done_bytes + cx_stream_raw_offset(st);
      s->counted = false;
      if (got == CX_READ_END) break;
      cx_doc *d = s->doc;
      d->seq = ordinal++;
      if (got != CX_READ_DOC) {
        if (!s->diag.doc[0])
          snprintf(s->diag.doc, sizeof s->diag.doc, "%s", d->id ? d->id : path);
        if (!d->id) d->id = cx_arena_strdup(d->arena, s->diag.doc);
        s->failed = true;
        if (got == CX_READ_FATAL) {
          /* the rest of this input is unusable: report it once */
          ordinal--;
          report(e, &s->diag);
          break;
        }
        if (e->pass == 2 && o->shard_n > 1 && cx_shard_of(d->id, o->shard_n) != o->shard_k) {
          continue;
        }
        s->state = SLOT_BAD;
        submit(e, s);
        continue;
      }
      if (e->pass == 2 && o->shard_n > 1 && cx_shard_of(d->id, o->shard_n) != o->shard_k) {
        if (e->jobs > 1) pthread_mutex_lock(&e->mu);
        e->skipped++;
        if (e->jobs > 1) pthread_mutex_unlock(&e->mu);
        continue;
      }
      if (!d->published || cx_doc_set_ref_date(d, d->published) != 0)
        if (o->ref_date) cx_doc_set_ref_date(d, o->ref_date);
      d->fiscal_start = o->fiscal_start;
      s->counted = e->pass == 2;
      s->state = SLOT_READY;
      submit(e, s);
    }
    done_bytes += cx_stream_raw_offset(st);
    r->close(rs);
    cx_stream_close(st);
  }
  wait_delivered(e, e->next_seq);
  e->info->docs_skipped += e->skipped; /* no other thread delivers now */
  e->skipped = 0;
  e->info->input_done = done_bytes;
}

static void start_threads(engine *e) {
  if (e->jobs <= 1) return;
  e->threads = cx_xcalloc((size_t)e->jobs, sizeof *e->threads);
  e->quit = false;
  /* N jobs are N-1 threads and the reader/writer, which processes documents
   * whenever it waits: a thread more than there are cores made them share
   * a core, and each switch cost the caches */
  for (int t = 1; t < e->jobs; t++) {
    void **arg = cx_xmalloc(2 * sizeof *arg);
    arg[0] = e;
    arg[1] = e->workers[t];
    pthread_create(&e->threads[t], NULL, worker_main, arg);
  }
}

static void stop_threads(engine *e) {
  if (e->jobs <= 1) return;
  pthread_mutex_lock(&e->mu);
  e->quit = true;
  pthread_cond_broadcast(&e->work);
  pthread_mutex_unlock(&e->mu);
  for (int t = 1; t < e->jobs; t++) pthread_join(e->threads[t], NULL);
  free(e->threads);
  e->threads = NULL;
}

/* Copies standard input to a temporary file so that it can be read twice. */
static char *spool_stdin(cx_diag *diag) {
  char tmpl[] = "/tmp/claimx-stdin-XXXXXX";
  int fd = mkstemp(tmpl);
  if (fd < 0) {
    cx_diag_set(diag, CX_ERR_IO, "-", -1, "cannot create a temporary file");
    return NULL;
  }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
    if (write(fd, buf, n) != (ssize_t)n) {
      close(fd);
      unlink(tmpl);
      cx_diag_set(diag, CX_ERR_IO, "-", -1, "cannot spool standard input");
      return NULL;
    }
  close(fd);
  return cx_xstrdup(tmpl);
}

cx_status cx_run_extract(const cx_run_options *o, cx_run_info *info,
                         cx_diag *diag) {
  memset(info, 0, sizeof *info);
  info->version = CX_VERSION;
  info->options = o->command_line;
  engine e = {.o = o, .info = info, .diag = diag, .st = CX_OK};
  e.jobs = o->jobs > 0 ? o->jobs : 1;
  cx_inputs in;
  cx_inputs_init(&in);
  cx_diag err;
  bool has_stdin = false;
  for (size_t i = 0; i < o->n_paths; i++) {
    cx_diag_clear(&err);
    if (cx_inputs_add(&in, o->paths[i], &err) != CX_OK) {
      info->docs_failed++;
      if (o->on_error) o->on_error(o->ctx, &err);
    }
    has_stdin |= strcmp(o->paths[i], "-") == 0;
  }
  for (size_t i = 0; i < in.n; i++) {
    struct stat st;
    if (strcmp(in.paths[i], "-") && stat(in.paths[i], &st) == 0)
      info->input_total += (size_t)st.st_size;
  }
  e.res = cx_resources_new(diag);
  if (!e.res) {
    cx_inputs_cleanup(&in);
    return diag->status;
  }
  /* a deep ring: documents vary in size, and a worker should never wait
   * for the writer to free the slot of one long document */
  e.n_slots = e.jobs > 1 ? (size_t)e.jobs * 16 : 1;
  e.wake_batch = e.n_slots / 4 ? e.n_slots / 4 : 1;
  e.slots = cx_xcalloc(e.n_slots, sizeof *e.slots);
  for (size_t i = 0; i < e.n_slots; i++) e.slots[i].doc = cx_doc_new();
  /* one per thread; [0] is the reader/writer's */
  e.workers = cx_xcalloc((size_t)e.jobs, sizeof *e.workers);
  for (int t = 0; t < e.jobs; t++) e.workers[t] = cx_worker_new(e.res);
  pthread_mutex_init(&e.mu, NULL);
  pthread_cond_init(&e.work, NULL);
  pthread_cond_init(&e.done, NULL);

  char *stdin_copy = NULL;
  /* one plain-text file has no other document to share passages with */
  bool two_pass = o->cross_dedup &&
                  !(in.n == 1 && cx_reader_for_path(in.paths[0]) == cx_reader_by_name("txt"));
  if (two_pass && has_stdin && !(stdin_copy = spool_stdin(diag))) {
    e.st = diag->status;
    goto cleanup;
  }
  if (two_pass) {
    e.pass = 1;
    info->pass = 1;
    e.index = cx_dedup_index_new();
    start_threads(&e);
    run_pass(&e, &in, stdin_copy);
    stop_threads(&e);
    if (o->target && o->writer == cx_writer_for_target(o->target))
      cx_store_dedup_seed(o->target, e.index); /* incremental: see store_dedup.h */
    cx_dedup_index_finish(e.index, e.jobs);
    info->dedup_clusters = cx_dedup_index_clusters(e.index);
    info->dedup_bytes = cx_dedup_index_bytes(e.index);
    const cx_syndication *links;
    info->syndication_links = cx_dedup_index_links(e.index, &links);
    e.next_seq = e.work_seq = e.write_seq = 0;
  }
  e.ws = o->writer->open(o->target, info, diag);
  if (!e.ws) {
    e.st = diag->status;
    goto cleanup;
  }
  e.pass = 2;
  info->pass = 2;
  info->input_done = 0;
  start_threads(&e);
  run_pass(&e, &in, stdin_copy);
  stop_threads(&e);
  cx_status cst = o->writer->close(e.ws, info, diag);
  if (e.st == CX_OK) e.st = cst;

cleanup:
  if (stdin_copy) {
    unlink(stdin_copy);
    free(stdin_copy);
  }
  cx_dedup_index_free(e.index);
  pthread_cond_destroy(&e.done);
  pthread_cond_destroy(&e.work);
  pthread_mutex_destroy(&e.mu);
  for (int t = 0; t < e.jobs; t++) cx_worker_free(e.workers[t]);
  free(e.workers);
  for (size_t i = 0; i < e.n_slots; i++) {
    cx_doc_free(e.slots[i].doc);
    cx_buf_free(&e.slots[i].out);
  }
  free(e.slots);
  cx_resources_free((cx_resources *)e.res);
  cx_inputs_cleanup(&in);
  return e.st;
}
