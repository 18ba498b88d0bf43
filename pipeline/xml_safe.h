/* XML parsing with the safety settings every reader shares: no network, no
 * DTD loading, no entity substitution (XXE and entity bombs do nothing),
 * the default depth limit (XML_PARSE_HUGE stays off). */
#ifndef CX_XML_SAFE_H
#define CX_XML_SAFE_H

#include <libxml/tree.h>

#include "cx.h"

#define CX_XML_OPTIONS                                              \
  (XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR |        \
   XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT)

/* Parses s[0..n); NULL with diag set (against id) when nothing usable. */
xmlDocPtr cx_xml_parse(const char *s, size_t n, const char *id,
                       cx_diag *diag);
/* Direct text and CDATA children of n, concatenated (entity references
 * are not followed); into b, NUL-terminated. */
void cx_xml_text(const xmlNode *n, cx_buf *b);
/* First child element of n with this local name (any namespace). */
xmlNodePtr cx_xml_child(const xmlNode *n, const char *local);
/* Value of an attribute without following entity references; NULL. */
const char *cx_xml_attr(const xmlNode *n, const char *name);

#endif
