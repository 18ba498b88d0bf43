/* Article text and metadata from HTML (and XHTML/XML trees), shared by the
 * HTML, RSS/Atom, XML and WARC readers. */
#ifndef CX_HTML_TEXT_H
#define CX_HTML_TEXT_H

#include <libxml/tree.h>

#include "cx.h"

enum {
  /* a feed body or XML node: no page furniture search, keep all blocks
   * that are not link lists */
  CX_HTML_FRAGMENT = 1u << 0,
  /* unknown elements are blocks (XML vocabularies: NITF, TEI) */
  CX_HTML_XML_BLOCKS = 1u << 1,
};

/* Parses an HTML page or fragment and fills d->text (paragraphs joined by
 * "\n") and every metadata field of d still NULL. charset: from the
 * transport (HTTP header) or NULL; otherwise BOM, <meta charset> or
 * http-equiv decide, and undeclared bytes are UTF-8 when valid, else
 * windows-1252. On failure diag is set against d->id. */
cx_status cx_html_read(cx_doc *d, const char *html, size_t n,
                       const char *charset, unsigned flags, cx_diag *diag);

/* Visible text under root (any libxml2 tree), paragraphs joined by "\n",
 * allocated in a. Entity references are never expanded. */
char *cx_html_node_text(cx_arena *a, xmlNodePtr root, unsigned flags,
                        size_t *len);

#endif
