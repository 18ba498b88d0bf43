/* RSS 2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry is a document
 * `path#N`. The body (content:encoded, Atom content, else description or
 * summary) is HTML, escaped or in CDATA, and goes through the HTML
 * extractor; Atom xhtml content is walked in place. The outlet is the item's
 * <source>, else the channel or feed title. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html_text.h"
#include "reader.h"
#include "xml_safe.h"
#include "feed.h"

typedef struct rss_state {
  cx_stream *s;
  const char *path;
  const cx_read_options *o;
  cx_buf buf, tmp;
  xmlDocPtr doc;
  xmlNodePtr *items;
  size_t n, next;
  char *feed_title;
  bool read;
} rss_state;

static void *rss_open(cx_stream *s, const char *path, const cx_read_options *o,
                      cx_diag *diag) {
  (void)diag;
  rss_state *r = cx_xcalloc(1, sizeof *r);
  r->s = s;
  r->path = path;
  r->o = o;
  cx_buf_init(&r->buf);
  cx_buf_init(&r->tmp);
  return r;
}

static void rss_close(void *state) {
  rss_state *r = state;
  if (r->doc) xmlFreeDoc(r->doc);
  free(r->items);
  free(r->feed_title);
  cx_buf_free(&r->buf);
  cx_buf_free(&r->tmp);
  free(r);
}

static void push_items(rss_state *r, xmlNodePtr parent) {
  size_t cap = r->n;
  for (xmlNodePtr k = parent->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE) continue;
    if (strcmp((const char *)k->name, "item") && strcmp((const char *)k->name, "entry"))
      continue;
    if (r->n == cap) {
      cap = cap ? cap * 2 : 32;
      r->items = cx_xrealloc(r->items, cap * sizeof *r->items);
    }
    r->items[r->n++] = k;
  }
}

bool cx_feed_root(const xmlNode *root) {
  const char *rn = root ? (const char *)root->name : "";
  return !strcmp(rn, "rss") || !strcmp(rn, "RDF") || !strcmp(rn, "feed");
}

/* Takes the parsed feed (owned from now on) and lists its items. */
static int take_doc(rss_state *r, xmlDocPtr doc, cx_diag *diag) {
  r->read = true;
  r->doc = doc;
  xmlNodePtr root = xmlDocGetRootElement(r->doc);
  xmlNodePtr channel = cx_xml_child(root, "channel");
  const char *rn = (const char *)root->name;
  if (!strcmp(rn, "rss")) {
    if (channel) push_items(r, channel);
  } else if (!strcmp(rn, "RDF")) {
    push_items(r, root);
  } else if (!strcmp(rn, "feed")) {
    push_items(r, root);
    channel = root;
  } else {
    cx_diag_set(diag, CX_ERR_PARSE, r->path, -1,
                "not an RSS or Atom feed (root element <%s>)", rn);
    return CX_READ_FATAL;
  }
  cx_xml_text(cx_xml_child(channel, "title"), &r->tmp);
  r->feed_title = cx_xstrdup(r->tmp.data);
  return CX_READ_DOC;
}

/* Loads the feed on the first call. */
static int load(rss_state *r, cx_diag *diag) {
  r->read = true;
  /* a feed is parsed whole: libxml2 takes at most 2 GiB, we 1 GiB */
  size_t max = (size_t)1 << 30;
  if (r->o->max_input_bytes && r->o->max_input_bytes < max) max = r->o->max_input_bytes;
  cx_status st = cx_stream_read_all(r->s, &r->buf, max, diag);
  if (st != CX_OK) return CX_READ_FATAL;
  xmlDocPtr doc = cx_xml_parse(r->buf.data, r->buf.len, r->path, diag);
  /* the raw bytes are no longer needed */
  cx_buf_free(&r->buf);
  cx_buf_init(&r->buf);
  if (!doc) return CX_READ_FATAL;
  return take_doc(r, doc, diag);
}

void *cx_feed_open_parsed(xmlDocPtr doc, const char *path,
                          const cx_read_options *o, cx_diag *diag) {
  rss_state *r = rss_open(NULL, path, o, diag);
  if (take_doc(r, doc, diag) != CX_READ_DOC) {
    rss_close(r);
    return NULL;
  }
  return r;
}

static void meta_from(rss_state *r, cx_doc *d, const xmlNode *item,
                      const char *key, const char *const *locals) {
  for (int i = 0; locals[i]; i++) {
    xmlNodePtr c = cx_xml_child(item, locals[i]);
    if (!c) continue;
    cx_xml_text(c, &r->tmp);
    if (r->tmp.len) {
      cx_doc_set_meta(d, key, strlen(key), r->tmp.data, r->tmp.len);
      return;
    }
  }
}

static const char *atom_link(const xmlNode *item) {
  const char *any = NULL;
  for (xmlNodePtr k = item->children; k; k = k->next) {
    if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "link")) continue;
    const char *href = cx_xml_attr(k, "href"), *rel = cx_xml_attr(k, "rel");
    if (!href) continue;
    if (!rel || !strcmp(rel, "alternate")) return href;
    if (!any) any = href;
  }
  return any;
}

/* A plain-text body (no markup): blank lines part paragraphs, single
 * line breaks are wrapping. */
static char *plain_body(cx_arena *a, const char *s, size_t n, size_t *len) {
  char *out = cx_arena_alloc(a, n + 1);
  size_t k = 0, newlines = 0;
  bool space = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') newlines++;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
      space = true;
      continue;
    }
    if (k && space) out[k++] = newlines >= 2 ? '\n' : ' ';
    space = false;
    newlines = 0;
    out[k++] = (char)c;
  }
  out[k] = '\0';
  *len = k;
  return out;
}

static int rss_next(void *state, cx_doc *d, cx_diag *diag) {
  rss_state *r = state;
  if (!r->read) {
    int st = load(r, diag);
    if (st != CX_READ_DOC) {
      d->id = cx_arena_strdup(d->arena, r->path);
      return st;
    }
  }
  if (r->next >= r->n) return CX_READ_END;
  xmlNodePtr item = r->items[r->next++];
  d->path = cx_arena_strdup(d->arena, r->path);
  d->item = (long)r->next;
  d->id = cx_arena_printf(d->arena, "%s#%ld", r->path, d->item);
  d->format = "rss";
  static const char *const title[] = {"title", NULL};
  static const char *const date[] = {"pubDate", "published", "date", "updated",
                                     "issued", "modified", NULL};
  static const char *const author[] = {"creator", NULL};
  meta_from(r, d, item, "title", title);
  meta_from(r, d, item, "published", date);
  meta_from(r, d, item, "author", author);
  xmlNodePtr au = cx_xml_child(item, "author");
  if (au && !d->author) {
    xmlNodePtr name = cx_xml_child(au, "name");
    cx_xml_text(name ? name : au, &r->tmp);
    cx_doc_set_meta(d, "author", 6, r->tmp.data, r->tmp.len);
  }
  const char *href = atom_link(item);
  if (href) cx_doc_set_meta(d, "url", 3, href, strlen(href));
  else {
    static const char *const link[] = {"link", "guid", NULL};
    meta_from(r, d, item, "url", link);
  }
  xmlNodePtr src = cx_xml_child(item, "source");
  if (src) {
    xmlNodePtr st = cx_xml_child(src, "title"); /* Atom */
    cx_xml_text(st ? st : src, &r->tmp);
    cx_doc_set_meta(d, "outlet", 6, r->tmp.data, r->tmp.len);
  }
  if (!d->outlet && r->feed_title)
    cx_doc_set_meta(d, "outlet", 6, r->feed_title, strlen(r->feed_title));
  /* body: the fullest field present */
  static const char *const body[] = {"encoded", "content", "description",
                                     "summary", NULL};
  xmlNodePtr b = NULL;
  for (int i = 0; body[i] && !b; i++) {
    b = cx_xml_child(item, body[i]);
    if (b) {
      cx_xml_text(b, &r->tmp);
      const char *type = cx_xml_attr(b, "type");
      bool xhtml = type && !strcmp(type, "xhtml");
      if (!xhtml && r->tmp.len == 0 && !b->children) b = NULL;
    }
  }
  if (!b) {
    cx_diag_set(diag, CX_ERR_EMPTY, d->id, -1, "item has no content or description");
    return CX_READ_BAD;
  }
  const char *type = cx_xml_attr(b, "type");
  if (type && !strcmp(type, "xhtml")) {
    d->text = cx_html_node_text(d->arena, b, 0, &d->text_len);
  } else if (r->tmp.len > r->o->max_doc_bytes) {
    cx_diag_set(diag, CX_ERR_TOO_LARGE, d->id, -1,
                "item larger than the %zu-byte document limit", r->o->max_doc_bytes);
    return CX_READ_BAD;
  } else if ((type && !strcmp(type, "text")) || !memchr(r->tmp.data, '<', r->tmp.len)) {
    d->text = plain_body(d->arena, r->tmp.data, r->tmp.len, &d->text_len);
  } else if (cx_html_read(d, r->tmp.data, r->tmp.len, "UTF-8", CX_HTML_FRAGMENT,
                          diag) != CX_OK) {
    return CX_READ_BAD;
  }
  if (!d->text_len) {
    cx_diag_set(diag, CX_ERR_EMPTY, d->id, -1, "item has no text");
    return CX_READ_BAD;
  }
  return CX_READ_DOC;
}

static const char *const rss_ext[] = {".rss", ".atom", ".rdf", NULL};
const cx_reader cx_reader_rss = {"rss", rss_ext, rss_open, rss_next, rss_close};
