/* Private to the compare renderers (compare_json.c, compare_text.c,
 * compare_html.c). */
#ifndef CX_COMPARE_RENDER_H
#define CX_COMPARE_RENDER_H

#include "compare.h"

void cx_compare_render_json(const cx_compare *c, bool only_conflicts, cx_buf *b);
void cx_compare_render_text(const cx_compare *c, bool only_conflicts, cx_buf *b);
void cx_compare_render_html(const cx_compare *c, bool only_conflicts, cx_buf *b);

/* Distinct docs / outlets of a value's claims, in claim order, as a JSON
 * list body (json) or ", "-separated text. */
void cx_compare_value_docs(const cx_compare *c, const cx_cmp_value *v,
                           cx_buf *b, bool json);
void cx_compare_value_outlets(const cx_compare *c, const cx_cmp_value *v,
                              cx_buf *b, bool json);

#endif
