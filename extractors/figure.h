/* Helpers the money, percent and count extractors share: range connectors
 * between two figures and the qualifier mention fields. */
#ifndef CX_FIGURE_H
#define CX_FIGURE_H

#include "../normalizers/number.h"
#include "extractor.h"

/* After a figure spanning s[start..at): a range connector ("-", " to ",
 * " - ", and " and " when `between`) followed by the next figure's first
 * byte. Returns that position, or 0 when there is none. "from X to Y" is a
 * change between two figures, not a range. */
size_t cx_figure_range_next(const char *s, size_t len, size_t start,
                            size_t at, bool between);

/* Applies the second figure's scale to a bare first one: "$5-7 million"
 * → 5e6..7e6; "500 to 2 million" stays 500..2e6. */
double cx_figure_scale_min(const cx_num *a, const cx_num *b);

/* Sets qualifier, qual_text (arena copy of s[qs..qe)) on mention index mi. */
void cx_figure_set_qualifier(cx_doc *doc, size_t mi, cx_qualifier q,
                             size_t qs, size_t qe);

#endif
