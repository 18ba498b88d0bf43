/* Fuzz target: arbitrary bytes as a document's text through every stage
 * (normalize, segment, dedup, all extractors, assembly) and every JSON
 * writer. Invalid UTF-8 must be rejected cleanly, anything else processed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../pipeline/cx.h"
#include "../../pipeline/writer.h"

static cx_resources *res;
static cx_worker *worker;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!res) {
    cx_diag d;
    cx_diag_clear(&d);
    res = cx_resources_new(&d);
    if (!res) abort();
    worker = cx_worker_new(res);
  }
  cx_doc *doc = cx_doc_new();
  doc->id = "fuzz";
  char *text = cx_arena_strndup(doc->arena, (const char *)data, size);
  doc->text = text;
  doc->text_len = size;
  /* exercise relative dates with a reference date taken from the input */
  cx_doc_set_ref_date(doc, size && (data[0] & 1) ? "2023-03-15" : NULL);
  cx_diag diag;
  cx_diag_clear(&diag);
  if (!memchr(data, 0, size) && cx_process(worker, doc, &diag) == CX_OK) {
    cx_buf b;
    cx_buf_init(&b);
    for (size_t i = 0; i < doc->n_claims; i++) cx_json_claim(&b, doc, &doc->claims[i]);
    for (size_t i = 0; i < doc->n_mentions; i++) cx_json_mention(&b, doc, &doc->mentions[i], true);
    for (size_t i = 0; i < doc->n_paras; i++) cx_json_passage(&b, doc, i);
    cx_json_docinfo(&b, doc);
    cx_buf_free(&b);
  }
  cx_doc_free(doc);
  return 0;
}
