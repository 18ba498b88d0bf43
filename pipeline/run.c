/* Batch driver (see run.h). */
#include "run.h"

#include <string.h>

#include "inputs.h"

static void doc_failed(const cx_run_options *o, const cx_writer *w, void *ws,
                       cx_run_info *info, const cx_diag *e) {
  info->docs_failed++;
  if (w && ws) w->error(ws, e);
  if (o->on_error) o->on_error(o->ctx, e);
}

cx_status cx_run_extract(const cx_run_options *o, cx_run_info *info,
                         cx_diag *diag) {
  memset(info, 0, sizeof *info);
  info->version = CX_VERSION;
  info->options = o->command_line;
  cx_inputs in;
  cx_inputs_init(&in);
  cx_diag e;
  for (size_t i = 0; i < o->n_paths; i++) {
    cx_diag_clear(&e);
    if (cx_inputs_add(&in, o->paths[i], &e) != CX_OK) doc_failed(o, NULL, NULL, info, &e);
  }
  cx_resources *res = cx_resources_new(diag);
  if (!res) {
    cx_inputs_cleanup(&in);
    return diag->status;
  }
  void *ws = o->writer->open(o->target, info, diag);
  if (!ws) {
    cx_resources_free(res);
    cx_inputs_cleanup(&in);
    return diag->status;
  }
  /* errors for paths that did not exist go to the store's run record too */
  cx_worker *w = cx_worker_new(res);
  cx_doc *d = cx_doc_new();
  cx_status st = CX_OK;
  for (size_t i = 0; i < in.n && st == CX_OK; i++) {
    const char *path = in.paths[i];
    bool stdin_ = strcmp(path, "-") == 0;
    const cx_reader *r = stdin_ ? cx_reader_by_name("jsonl") : cx_reader_for_path(path);
    cx_diag_clear(&e);
    if (!r) {
      cx_diag_set(&e, CX_ERR_UNSUPPORTED, path, -1,
                  "unknown input format (by extension)");
      doc_failed(o, o->writer, ws, info, &e);
      continue;
    }
    cx_stream *s = cx_stream_open(path, &e);
    if (!s) {
      doc_failed(o, o->writer, ws, info, &e);
      continue;
    }
    cx_stream_set_limit(s, o->read.max_input_bytes);
    void *rs = r->open(s, path, &o->read, &e);
    if (!rs) {
      doc_failed(o, o->writer, ws, info, &e);
      cx_stream_close(s);
      continue;
    }
    for (;;) {
      cx_doc_reset(d);
      cx_diag_clear(&e);
      int got = r->next(rs, d, &e);
      if (got == CX_READ_END) break;
      if (got != CX_READ_DOC) {
        if (!e.doc[0]) snprintf(e.doc, sizeof e.doc, "%s", d->id ? d->id : path);
        doc_failed(o, o->writer, ws, info, &e);
        if (got == CX_READ_FATAL) break;
        continue;
      }
      if (!d->published || cx_doc_set_ref_date(d, d->published) != 0)
        if (o->ref_date) cx_doc_set_ref_date(d, o->ref_date);
      info->bytes += d->text_len;
      if (cx_process(w, d, &e) != CX_OK) {
        if (!e.doc[0]) snprintf(e.doc, sizeof e.doc, "%s", d->id);
        doc_failed(o, o->writer, ws, info, &e);
        continue;
      }
      if ((st = o->writer->write(ws, d, diag)) != CX_OK) break;
      info->docs_ok++;
      if (o->on_progress) o->on_progress(o->ctx, info);
    }
    r->close(rs);
    cx_stream_close(s);
  }
  cx_status cst = o->writer->close(ws, info, diag);
  if (st == CX_OK) st = cst;
  cx_doc_free(d);
  cx_worker_free(w);
  cx_resources_free(res);
  cx_inputs_cleanup(&in);
  return st;
}
