/* Range connectors and qualifiers shared by the figure extractors. */
#include "figure.h"

#include <string.h>
#include <strings.h>

static inline bool fig_start(unsigned char c) {
  return (c >= '0' && c <= '9') || c == '$' || c >= 0x80 ||
         (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t cx_figure_range_next(const char *s, size_t len, size_t start,
                            size_t at, bool between) {
  /* "5-7", "$5-$7", "€180m-€220m"; not "5-year" */
  if (at + 1 < len && s[at] == '-') {
    unsigned char c = (unsigned char)s[at + 1];
    if (fig_start(c) && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
      return at + 1;
  }
  if (at + 3 < len && s[at] == ' ' && s[at + 1] == '-' && s[at + 2] == ' ')
    return at + 3;
  if (at + 4 < len && strncasecmp(s + at, " to ", 4) == 0) {
    size_t q = start;
    while (q > 0 && s[q - 1] == ' ') q--;
    if (q >= 4 && strncasecmp(s + q - 4, "from", 4) == 0 &&
        (q == 4 || !((s[q - 5] | 0x20) >= 'a' && (s[q - 5] | 0x20) <= 'z')))
      return 0;
    return at + 4;
  }
  if (between && at + 5 < len && strncasecmp(s + at, " and ", 5) == 0)
    return at + 5;
  return 0;
}

double cx_figure_scale_min(const cx_num *a, const cx_num *b) {
  if (a->scale == 1 && b->scale != 1 && !(a->flags & CX_NUM_WORDS) &&
      a->value * b->scale <= b->value)
    return a->value * b->scale;
  return a->value;
}

void cx_figure_set_qualifier(cx_doc *doc, size_t mi, cx_qualifier q,
                             size_t qs, size_t qe) {
  cx_mention *m = &doc->mentions[mi];
  m->qualifier = q;
  if (q != CX_Q_NONE && qe > qs)
    m->qual_text = cx_arena_strndup(doc->arena, doc->norm + qs, qe - qs);
}
