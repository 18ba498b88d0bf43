/* PCRE2 helpers shared by the extractors: JIT compilation with limits,
 * next-match iteration, overlap checks against earlier mentions. */
#include <string.h>

#include "extractor.h"

pcre2_code *cx_re_compile(const char *pattern, uint32_t flags, cx_diag *diag) {
  int err;
  PCRE2_SIZE off;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_NO_UTF_CHECK | flags, &err,
                                 &off, NULL);
  if (!re) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    cx_diag_set(diag, CX_ERR_PATTERN, NULL, (long)off, "%s at %zu in /%.80s/",
                (const char *)msg, (size_t)off, pattern);
    return NULL;
  }
  /* JIT is an optimisation: where it is unavailable the interpreter runs */
  (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
  return re;
}

void cx_re_free(pcre2_code *re) { pcre2_code_free(re); }

int cx_re_next(const pcre2_code *re, cx_worker *w, const char *subject,
               size_t len, size_t from) {
  int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, from, PCRE2_NO_UTF_CHECK,
                       cx_worker_match_data(w), NULL);
  return rc > 0 ? rc : 0;
}

int cx_re_at(const pcre2_code *re, cx_worker *w, const char *subject,
             size_t len, size_t at) {
  int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, at,
                       PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED,
                       cx_worker_match_data(w), NULL);
  return rc > 0 ? rc : 0;
}

bool cx_doc_overlaps(const cx_doc *d, uint32_t start, uint32_t end,
                     uint32_t type_mask) {
  for (size_t i = d->n_mentions; i-- > 0;) {
    const cx_mention *m = &d->mentions[i];
    if ((type_mask & CX_BIT(m->type)) && !(m->flags & CX_MF_SUPPRESSED) &&
        m->start < end && start < m->end)
      return true;
  }
  return false;
}
