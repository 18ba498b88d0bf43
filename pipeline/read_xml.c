/* Generic XML dumps (NITF, NewsML, TEI, in-house exports), steered by XPath
 * options: xml_doc selects the document nodes (default: the root element),
 * the others are evaluated relative to each of them: xml_text (default: the
 * document node itself), xml_title, xml_date, xml_outlet, xml_url, xml_id.
 * Element text is taken block by block (unknown elements are paragraphs),
 * attributes and strings as they are. A file without options whose root is
 * an RSS or Atom feed is read as a feed; one whose root is <nitf> by the
 * NITF recipe of docs/readers.md. */
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "html_text.h"
#include "reader.h"
#include "xml_safe.h"

enum { F_DOC, F_TEXT, F_TITLE, F_DATE, F_OUTLET, F_URL, F_ID, N_FIELDS };

typedef struct xml_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  bool loaded;
  xmlDocPtr doc;
  xmlXPathContextPtr ctx;
  xmlXPathCompExprPtr expr[N_FIELDS];
  xmlXPathObjectPtr docs;
  size_t next;
  void *feed; /* feed state when the file is RSS/Atom */
  cx_buf buf;
} xml_state;

static const char *option(const cx_read_options *o, int f) {
  switch (f) {
    case F_DOC: return o->xml_doc;
    case F_TEXT: return o->xml_text;
    case F_TITLE: return o->xml_title;
    case F_DATE: return o->xml_date;
    case F_OUTLET: return o->xml_outlet;
    case F_URL: return o->xml_url;
    default: return o->xml_id;
  }
}

/* libxml2 would print XPath errors; we report them ourselves */
static void quiet(void *ctx, const xmlError *e) { (void)ctx, (void)e; }

static xmlXPathCompExprPtr compile(const char *e) {
  xmlXPathContextPtr c = xmlXPathNewContext(NULL);
  if (!c) return NULL;
  c->error = (xmlStructuredErrorFunc)quiet;
  xmlXPathCompExprPtr x = xmlXPathCtxtCompile(c, (const xmlChar *)e);
  xmlXPathFreeContext(c);
  return x;
}

static void *xml_open(cx_stream *s, const char *path, const cx_read_options *o,
                      cx_diag *diag) {
  xml_state *x = cx_xcalloc(1, sizeof *x);
  x->s = s;
  x->path = path;
  x->o = o;
  cx_buf_init(&x->buf);
  for (int f = 0; f < N_FIELDS; f++) {
    const char *e = option(o, f);
    if (!e) continue;
    x->expr[f] = compile(e);
    if (!x->expr[f]) {
      cx_diag_set(diag, CX_ERR_USAGE, path, -1, "bad XPath expression: %s", e);
      for (int k = 0; k < f; k++) xmlXPathFreeCompExpr(x->expr[k]);
      free(x);
      return NULL;
    }
  }
  return x;
}

static void xml_close(void *state) {
  xml_state *x = state;
  if (x->feed) cx_reader_rss.close(x->feed);
  for (int f = 0; f < N_FIELDS; f++)
    if (x->expr[f]) xmlXPathFreeCompExpr(x->expr[f]);
  if (x->docs) xmlXPathFreeObject(x->docs);
  if (x->ctx) xmlXPathFreeContext(x->ctx);
  if (x->doc) xmlFreeDoc(x->doc);
  cx_buf_free(&x->buf);
  free(x);
}

static int load(xml_state *x, cx_diag *diag) {
  x->loaded = true;
  /* parsed whole: libxml2 takes at most 2 GiB, we 1 GiB */
  size_t max = (size_t)1 << 30;
  if (x->o->max_input_bytes && x->o->max_input_bytes < max) max = x->o->max_input_bytes;
  if (cx_stream_read_all(x->s, &x->buf, max, diag) != CX_OK) return CX_READ_FATAL;
  x->doc = cx_xml_parse(x->buf.data, x->buf.len, x->path, diag);
  cx_buf_free(&x->buf);
  cx_buf_init(&x->buf);
  if (!x->doc) return CX_READ_FATAL;
  xmlNodePtr root = xmlDocGetRootElement(x->doc);
  bool any = false;
  for (int f = 0; f < N_FIELDS; f++) any |= x->expr[f] != NULL;
  if (!any && cx_feed_root(root)) {
    xmlDocPtr doc = x->doc;
    x->doc = NULL;
    x->feed = cx_feed_open_parsed(doc, x->path, x->o, diag);
    return x->feed ? CX_READ_DOC : CX_READ_FATAL;
  }
  if (!any && root && !strcmp((const char *)root->name, "nitf")) {
    static const char *const nitf[N_FIELDS] = {
        [F_TEXT] = ".//body.content", [F_TITLE] = ".//hedline/hl1",
        [F_DATE] = ".//date.issue/@norm", [F_OUTLET] = ".//pubdata/@name",
        [F_URL] = ".//doc-id/@id-string[starts-with(., 'http')]",
        [F_ID] = NULL};
    for (int f = 0; f < N_FIELDS; f++)
      if (nitf[f]) x->expr[f] = compile(nitf[f]);
  }
  x->ctx = xmlXPathNewContext(x->doc);
  if (x->ctx) x->ctx->error = (xmlStructuredErrorFunc)quiet;
  if (!x->ctx) {
    cx_diag_set(diag, CX_ERR_PARSE, x->path, -1, "cannot evaluate XPath");
    return CX_READ_FATAL;
  }
  if (x->expr[F_DOC]) {
    x->ctx->node = root;
    x->docs = xmlXPathCompiledEval(x->expr[F_DOC], x->ctx);
    if (!x->docs || x->docs->type != XPATH_NODESET) {
      cx_diag_set(diag, CX_ERR_USAGE, x->path, -1,
                  "--xml-doc must select nodes: %s", x->o->xml_doc);
      return CX_READ_FATAL;
    }
  } else {
    x->docs = xmlXPathNewNodeSet(root);
  }
  return CX_READ_DOC;
}

static size_t n_docs(const xml_state *x) {
  return x->docs && x->docs->nodesetval ? (size_t)x->docs->nodesetval->nodeNr : 0;
}

/* Text of one node: attributes and text nodes as they are, elements block
 * by block. */
static void node_text(cx_arena *a, xmlNodePtr n, cx_buf *out) {
  if (n->type == XML_ATTRIBUTE_NODE) {
    cx_buf b;
    cx_buf_init(&b);
    cx_xml_text(n, &b);
    cx_buf_put(out, b.data, b.len);
    cx_buf_free(&b);
  } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content) cx_buf_puts(out, (const char *)n->content);
  } else if (n->type == XML_ELEMENT_NODE) {
    size_t len;
    char *t = cx_html_node_text(a, n, CX_HTML_XML_BLOCKS, &len);
    cx_buf_put(out, t, len);
  }
}

/* Evaluates field f against node into out (reset); false when empty. */
static bool eval(xml_state *x, int f, xmlNodePtr node, cx_arena *a, cx_buf *out) {
  out->len = 0;
  if (!x->expr[f]) {
    if (f != F_TEXT) return false;
    node_text(a, node, out);
    return out->len > 0;
  }
  x->ctx->node = node;
  xmlXPathObjectPtr r = xmlXPathCompiledEval(x->expr[f], x->ctx);
  if (!r) return false;
  if (r->type == XPATH_NODESET) {
    for (int i = 0; r->nodesetval && i < r->nodesetval->nodeNr; i++) {
      if (out->len) cx_buf_putc(out, f == F_TEXT ? '\n' : ' ');
      node_text(a, r->nodesetval->nodeTab[i], out);
      if (f != F_TEXT) break; /* metadata: the first node */
    }
  } else {
    xmlChar *s = xmlXPathCastToString(r);
    if (s) {
      cx_buf_puts(out, (const char *)s);
      xmlFree(s);
    }
  }
  xmlXPathFreeObject(r);
  return out->len > 0;
}

static int xml_next(void *state, cx_doc *d, cx_diag *diag) {
  xml_state *x = state;
  if (!x->loaded) {
    int st = load(x, diag);
    if (st != CX_READ_DOC) {
      d->id = cx_arena_strdup(d->arena, x->path);
      return st;
    }
  }
  if (x->feed) return cx_reader_rss.next(x->feed, d, diag);
  if (x->next >= n_docs(x)) return CX_READ_END;
  xmlNodePtr node = x->docs->nodesetval->nodeTab[x->next++];
  d->path = cx_arena_strdup(d->arena, x->path);
  d->format = "xml";
  if (n_docs(x) > 1) {
    d->item = (long)x->next;
    d->id = cx_arena_printf(d->arena, "%s#%ld", x->path, d->item);
  } else {
    d->id = d->path;
  }
  cx_buf *b = &x->buf;
  static const struct { int f; const char *key; } meta[] = {
      {F_TITLE, "title"}, {F_DATE, "published"}, {F_OUTLET, "outlet"},
      {F_URL, "url"}};
  for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
    if (eval(x, meta[i].f, node, d->arena, b))
      cx_doc_set_meta(d, meta[i].key, strlen(meta[i].key), b->data, b->len);
  if (eval(x, F_ID, node, d->arena, b)) d->id = cx_arena_strndup(d->arena, b->data, b->len);
  if (!eval(x, F_TEXT, node, d->arena, b)) {
    cx_diag_set(diag, CX_ERR_EMPTY, d->id, -1, "no text at --xml-text");
    return CX_READ_BAD;
  }
  if (b->len > x->o->max_doc_bytes) {
    cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1,
                "larger than the %zu-byte document limit", x->o->max_doc_bytes);
    return CX_READ_BAD;
  }
  d->text = cx_arena_strndup(d->arena, b->data, b->len);
  d->text_len = b->len;
  return CX_READ_DOC;
}

static const char *const xml_ext[] = {".xml", ".nitf", ".newsml", NULL};
const cx_reader cx_reader_xml = {"xml", xml_ext, xml_open, xml_next, xml_close};
