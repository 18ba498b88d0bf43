/* Safe XML parsing helpers (see xml_safe.h). */
#include "xml_safe.h"

#include <libxml/parser.h>
#include <string.h>
#include <strings.h>

xmlDocPtr cx_xml_parse(const char *s, size_t n, const char *id,
                       cx_diag *diag) {
  if (n > (size_t)INT32_MAX) {
    cx_diag_set(diag, CX_ERR_TOO_LARGE, id, -1, "XML input too large");
    return NULL;
  }
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    cx_diag_set(diag, CX_ERR_PARSE, id, -1, "cannot create XML parser");
    return NULL;
  }
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, s, (int)n, NULL, NULL, CX_XML_OPTIONS);
  if (!doc || !xmlDocGetRootElement(doc)) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    cx_diag_set(diag, CX_ERR_PARSE, id, e ? e->line : -1,
                "malformed XML%s%s", e && e->message ? ": " : "",
                e && e->message ? e->message : "");
    /* libxml2 messages end in a newline */
    size_t k = strlen(diag->text);
    if (k && diag->text[k - 1] == '\n') diag->text[k - 1] = '\0';
    if (doc) xmlFreeDoc(doc);
    doc = NULL;
  }
  xmlFreeParserCtxt(ctxt);
  return doc;
}

void cx_xml_text(const xmlNode *n, cx_buf *b) {
  b->len = 0;
  for (const xmlNode *k = n ? n->children : NULL; k; k = k->next)
    if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
        k->content)
      cx_buf_puts(b, (const char *)k->content);
  if (!b->data) cx_buf_put(b, "", 0);
  b->data[b->len] = '\0';
}

xmlNodePtr cx_xml_child(const xmlNode *n, const char *local) {
  for (xmlNodePtr k = n ? n->children : NULL; k; k = k->next)
    if (k->type == XML_ELEMENT_NODE && strcasecmp((const char *)k->name, local) == 0)
      return k;
  return NULL;
}

const char *cx_xml_attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
    if (strcasecmp((const char *)a->name, name) == 0) {
      const xmlNode *v = a->children;
      return v && v->type == XML_TEXT_NODE && v->content ? (const char *)v->content : "";
    }
  return NULL;
}
