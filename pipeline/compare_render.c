/* Compare renderers: dispatch and helpers shared by the formats. */
#include <stdlib.h>
#include <string.h>

#include "compare_render.h"

static void put_list(cx_buf *b, const char **items, size_t n, bool json) {
  for (size_t i = 0; i < n; i++) {
    if (i) cx_buf_puts(b, json ? "," : ", ");
    if (json) cx_buf_json_cstr(b, items[i]);
    else cx_buf_puts(b, items[i] ? items[i] : "?");
  }
}

static size_t distinct(const cx_compare *c, const cx_cmp_value *v, bool docs,
                       const char **out) {
  size_t n = 0;
  for (size_t i = 0; i < v->n_claims; i++) {
    const cx_cmp_claim *k = cx_compare_claim(c, v->claims[i]);
    const char *s = docs ? k->doc : k->outlet;
    if (!s) continue;
    bool seen = false;
    for (size_t j = 0; j < n && !seen; j++) seen = !strcmp(out[j], s);
    if (!seen) out[n++] = s;
  }
  return n;
}

void cx_compare_value_docs(const cx_compare *c, const cx_cmp_value *v,
                           cx_buf *b, bool json) {
  const char **tmp = cx_xmalloc((v->n_claims + 1) * sizeof *tmp);
  put_list(b, tmp, distinct(c, v, true, tmp), json);
  free(tmp);
}

void cx_compare_value_outlets(const cx_compare *c, const cx_cmp_value *v,
                              cx_buf *b, bool json) {
  const char **tmp = cx_xmalloc((v->n_claims + 1) * sizeof *tmp);
  put_list(b, tmp, distinct(c, v, false, tmp), json);
  free(tmp);
}

void cx_compare_render(const cx_compare *c, cx_compare_format f,
                       bool only_conflicts, cx_buf *out) {
  switch (f) {
    case CX_CMP_JSON: cx_compare_render_json(c, only_conflicts, out); break;
    case CX_CMP_HTML: cx_compare_render_html(c, only_conflicts, out); break;
    default: cx_compare_render_text(c, only_conflicts, out); break;
  }
}
