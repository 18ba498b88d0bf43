/* JSON Lines dumps: one document per line with fields id, url, outlet,
 * published, title, text (jansson). A bad line is an error for that
 * document only. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

typedef struct jsonl_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  long item;
  cx_buf line;
} jsonl_state;

static void *jsonl_open(cx_stream *s, const char *path,
                        const cx_read_options *o, cx_diag *diag) {
  (void)diag;
  jsonl_state *j = cx_xcalloc(1, sizeof *j);
  j->s = s;
  j->path = path;
  j->o = o;
  cx_buf_init(&j->line);
  return j;
}

static void jsonl_close(void *state) {
  jsonl_state *j = state;
  cx_buf_free(&j->line);
  free(j);
}

static const char *str_field(json_t *obj, const char *key) {
  json_t *v = json_object_get(obj, key);
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static int jsonl_next(void *state, cx_doc *d, cx_diag *diag) {
  jsonl_state *j = state;
  for (;;) {
    int r = cx_stream_getline(j->s, &j->line, j->o->max_doc_bytes, diag);
    if (r == 0) return CX_READ_END;
    if (r == -1) return CX_READ_FATAL;
    /* skip blank lines without counting them */
    if (r == 1) {
      size_t k = 0;
      while (k < j->line.len && (j->line.data[k] == ' ' || j->line.data[k] == '\t' || j->line.data[k] == '\r')) k++;
      if (k == j->line.len) continue;
    }
    j->item++;
    d->path = cx_arena_strdup(d->arena, j->path);
    d->item = j->item;
    d->id = cx_arena_printf(d->arena, "%s#%ld", j->path, j->item);
    d->format = "jsonl";
    if (r == -2) {
      cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1,
                  "line longer than the %zu-byte document limit",
                  j->o->max_doc_bytes);
      return CX_READ_BAD;
    }
    json_error_t err;
    json_t *obj = json_loadb(j->line.data, j->line.len,
                             JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK, &err);
    if (!obj) {
      bool trunc = strstr(err.text, "premature end") != NULL ||
                   strstr(err.text, "unexpected newline") != NULL;
      cx_diag_set(diag, trunc ? CX_ERR_TRUNCATED : CX_ERR_PARSE, d->id,
                  err.position, "%s JSON at column %d: %s",
                  trunc ? "truncated" : "malformed", err.column, err.text);
      return CX_READ_BAD;
    }
    if (!json_is_object(obj)) {
      json_decref(obj);
      cx_diag_set(diag, CX_ERR_PARSE, d->id, -1, "not a JSON object");
      return CX_READ_BAD;
    }
    const char *where = d->id; /* errors name path#N, as the contract says */
    json_t *id = json_object_get(obj, "id");
    if (json_is_string(id) && json_string_length(id))
      d->id = cx_arena_strdup(d->arena, json_string_value(id));
    else if (json_is_integer(id))
      d->id = cx_arena_printf(d->arena, "%lld", (long long)json_integer_value(id));
    static const char *const keys[] = {"title", "outlet", "published", "url", "author", "source", "date", NULL};
    for (int k = 0; keys[k]; k++) {
      const char *v = str_field(obj, keys[k]);
      if (v) cx_doc_set_meta(d, keys[k], strlen(keys[k]), v, strlen(v));
    }
    json_t *text = json_object_get(obj, "text");
    if (!json_is_string(text)) {
      json_decref(obj);
      cx_diag_set(diag, CX_ERR_PARSE, where, -1, "%s (id \"%s\")",
                  text ? "field \"text\" is not a string" : "no \"text\" field",
                  d->id);
      return CX_READ_BAD;
    }
    d->text_len = json_string_length(text);
    d->text = cx_arena_strndup(d->arena, json_string_value(text), d->text_len);
    json_decref(obj);
    if (memchr(d->text, '\0', d->text_len)) {
      cx_diag_set(diag, CX_ERR_PARSE, where, -1, "text contains a NUL character (id \"%s\")", d->id);
      return CX_READ_BAD;
    }
    return CX_READ_DOC;
  }
}

static const char *const jsonl_ext[] = {".jsonl", ".ndjson", ".json", NULL};
const cx_reader cx_reader_jsonl = {"jsonl", jsonl_ext, jsonl_open, jsonl_next,
                                   jsonl_close};
