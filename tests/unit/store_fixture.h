/* A hand-made document for the store tests (shared by the SQLite and
 * PostgreSQL tests): the extractors are not needed. */
#ifndef CX_TEST_STORE_FIXTURE_H
#define CX_TEST_STORE_FIXTURE_H

#include <string.h>

#include "../../pipeline/internal.h"

/* Byte offset of needle in the normalized text. */
static uint32_t at(cx_doc *d, const char *needle) {
  const char *p = strstr(d->norm, needle);
  assert_non_null(p);
  return (uint32_t)(p - d->norm);
}

/* A document with non-ASCII text before the figures (so code point and byte
 * offsets differ), a money mention, a count, a person, a cue with a source,
 * and a repeated paragraph. Mentions are added by hand: the test does not
 * depend on the extractors. */
static void make_doc(cx_worker *w, cx_doc *d, const char *id, const char *extra) {
  cx_doc_reset(d);
  const char *text = cx_arena_printf(
      d->arena,
      "Café owners in Zürich — quoted by Maria Rossi — said the city paid "
      "US$103,000 for 37 drones.\n\nNothing else happened%s.\n\n"
      "Café owners in Zürich — quoted by Maria Rossi — said the city paid "
      "US$103,000 for 37 drones.\n",
      extra);
  d->id = id;
  d->path = "test.txt";
  d->title = "Drones";
  d->outlet = "Example Times";
  d->published = "2024-03-01";
  d->format = "txt";
  d->text = text;
  d->text_len = strlen(text);
  cx_diag diag;
  cx_diag_clear(&diag);
  assert_int_equal(cx_process(w, d, &diag), CX_OK);
  d->n_mentions = 0;
  uint32_t p = at(d, "Maria Rossi");
  cx_mention *m = cx_doc_add_mention(d, CX_PERSON, p, p + 11);
  m->str = "Maria Rossi";
  p = at(d, "Maria Rossi");
  m = cx_doc_add_mention(d, CX_CUE, at(d, "quoted by"), at(d, "quoted by") + 9);
  m->str = "Maria Rossi";
  m->str2 = "quote";
  m->stance = CX_ST_QUOTES;
  m->src_start = p;
  m->src_end = p + 11;
  p = at(d, "US$103,000");
  m = cx_doc_add_mention(d, CX_MONEY, p, p + 10);
  m->value = 103000;
  memcpy(m->currency, "USD", 4);
  p = at(d, "37 drones");
  m = cx_doc_add_mention(d, CX_COUNT, p, p + 9);
  m->value = 37;
  m->unit = "drone";
  m->qualifier = CX_Q_AT_LEAST;
  /* the repeated paragraph's figure: the claim counts a repeat */
  p = (uint32_t)(strstr(d->norm + p + 1, "US$103,000") - d->norm);
  m = cx_doc_add_mention(d, CX_MONEY, p, p + 10);
  m->value = 103000;
  memcpy(m->currency, "USD", 4);
  /* sorted by start as cx_process leaves them */
  for (size_t i = 1; i < d->n_mentions; i++)
    for (size_t j = i; j > 0 && d->mentions[j - 1].start > d->mentions[j].start; j--) {
      cx_mention t = d->mentions[j];
      d->mentions[j] = d->mentions[j - 1];
      d->mentions[j - 1] = t;
    }
  cx_assemble(d);
}

#endif
