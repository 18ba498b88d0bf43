/* Unicode text normalization with an offset map back to the text as read.
 *
 * Transformations (before → after):
 *   invalid UTF-8               → CX_ERR_UTF8 (the document is rejected)
 *   "e\u0301" (e + combining)   → "é"          (NFC, utf8proc)
 *   "China’s"                   → "China's"    (curly quotes → ASCII)
 *   "“drones”"                  → "\"drones\"" 
 *   "2022–2023", "a — b"        → "2022-2023", "a - b" (dashes → hyphen)
 *   "US$103,000\u00a0dollars"   → "US$103,000 dollars" (no-break/thin spaces)
 *   "co\u00adoperate"           → "cooperate"  (soft hyphen, zero-width dropped)
 *   "wait…"                     → "wait..."
 *   "\r\n"                      → "\n"; other C0 controls → space
 * The folding table lives in normalizers/data/typographic.tsv.
 */
#ifndef CX_TEXT_H
#define CX_TEXT_H

#include "../pipeline/cx.h"

typedef struct cx_text_folds cx_text_folds;

cx_text_folds *cx_text_folds_new(cx_diag *diag);
void cx_text_folds_free(cx_text_folds *f);

/* Fills d->norm, d->norm_len, d->norm_to_orig from d->text. */
cx_status cx_text_normalize(const cx_text_folds *f, cx_doc *d, cx_diag *diag);

/* Checks that s[0..n) is valid UTF-8; returns the byte offset of the first
 * invalid sequence or -1. */
long cx_utf8_invalid_at(const char *s, size_t n);

#endif
