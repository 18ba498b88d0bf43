/* Segmenter: paragraphs and sentences over the normalized text.
 *
 * Paragraphs are lines; blank lines also separate. A line that does not end a
 * sentence and is followed by a line starting in lower case is a hard wrap
 * and joins the next one.
 * Sentences end at . ! ? (and closing quotes/brackets after them) followed
 * by white space and a capital, digit or quote — except after abbreviations
 * (Mr., Jan., U.S., Corp. before a name), initials ("F."), and inside
 * numbers ("$1.2 million").
 */
#ifndef CX_SEGMENT_H
#define CX_SEGMENT_H

#include "../normalizers/lexicon.h"
#include "cx.h"

typedef struct cx_segmenter cx_segmenter;

cx_segmenter *cx_segmenter_new(cx_diag *diag);
void cx_segmenter_free(cx_segmenter *s);
/* Fills d->paras and d->sents. */
void cx_segment(const cx_segmenter *s, cx_doc *d);
/* Fills d->paras only (the same paragraphs; no sentences): enough for the
 * cross-document de-duplication pass. */
void cx_segment_paras(const cx_segmenter *s, cx_doc *d);

#endif
