/* Main-text extraction. The tree is walked once, iteratively (no recursion,
 * so nesting depth cannot blow the stack), into text blocks: paragraphs,
 * headings, list items, quotes. Subtrees that are page furniture are skipped
 * by tag (nav, header, footer, aside, form, script...) and by class/id/role
 * words (cookie, consent, share, related...). The article is then the
 * JSON-LD articleBody, else the itemprop=articleBody or largest <article>
 * element, else the container that the text blocks vote for (readability's
 * scoring); link-dense blocks are dropped everywhere (jusText). */
#include "html_text.h"

#include <ctype.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../normalizers/text.h"
#include "reader.h"

enum { K_INLINE, K_BLOCK, K_SKIP, K_BREAK };

typedef struct tagkind {
  const char *name;
  unsigned char kind, heading;
} tagkind;

static const tagkind tags[] = {
    {"p", K_BLOCK, 0},        {"div", K_BLOCK, 0},      {"li", K_BLOCK, 0},
    {"h1", K_BLOCK, 1},       {"h2", K_BLOCK, 2},       {"h3", K_BLOCK, 3},
    {"h4", K_BLOCK, 4},       {"h5", K_BLOCK, 5},       {"h6", K_BLOCK, 6},
    {"section", K_BLOCK, 0},  {"article", K_BLOCK, 0},  {"main", K_BLOCK, 0},
    {"blockquote", K_BLOCK, 0}, {"pre", K_BLOCK, 0},    {"ul", K_BLOCK, 0},
    {"ol", K_BLOCK, 0},       {"dl", K_BLOCK, 0},       {"dd", K_BLOCK, 0},
    {"dt", K_BLOCK, 0},       {"table", K_BLOCK, 0},    {"tr", K_BLOCK, 0},
    {"td", K_BLOCK, 0},       {"th", K_BLOCK, 0},       {"tbody", K_BLOCK, 0},
    {"address", K_BLOCK, 0},  {"center", K_BLOCK, 0},   {"body", K_BLOCK, 0},
    {"hr", K_BREAK, 0},       {"br", K_BREAK, 0},       {"html", K_BLOCK, 0},
    {"script", K_SKIP, 0},    {"style", K_SKIP, 0},     {"noscript", K_SKIP, 0},
    {"nav", K_SKIP, 0},       {"header", K_SKIP, 0},    {"footer", K_SKIP, 0},
    {"aside", K_SKIP, 0},     {"form", K_SKIP, 0},      {"button", K_SKIP, 0},
    {"select", K_SKIP, 0},    {"textarea", K_SKIP, 0},  {"iframe", K_SKIP, 0},
    {"svg", K_SKIP, 0},       {"figure", K_SKIP, 0},    {"template", K_SKIP, 0},
    {"object", K_SKIP, 0},    {"embed", K_SKIP, 0},     {"canvas", K_SKIP, 0},
    {"head", K_SKIP, 0},      {"input", K_SKIP, 0},     {"label", K_SKIP, 0},
    {"menu", K_SKIP, 0},      {"dialog", K_SKIP, 0},    {"video", K_SKIP, 0},
    {"audio", K_SKIP, 0},     {"map", K_SKIP, 0},       {"title", K_SKIP, 0},
    {"math", K_SKIP, 0},
};

static const char *const inline_tags[] = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font",
    "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
    "sup", "time", "u", "var", "wbr", "ins", "del", "big", "tt", "strike",
    "img", NULL};

static const tagkind *tag_of(const xmlChar *name) {
  for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
    if (strcasecmp((const char *)name, tags[i].name) == 0) return &tags[i];
  return NULL;
}

static int kind_of(const xmlNode *n, unsigned flags, unsigned *heading) {
  *heading = 0;
  const tagkind *t = tag_of(n->name);
  if (t) {
    *heading = t->heading;
    return t->kind;
  }
  if (flags & CX_HTML_XML_BLOCKS) {
    for (int i = 0; inline_tags[i]; i++)
      if (strcasecmp((const char *)n->name, inline_tags[i]) == 0)
        return K_INLINE;
    /* mixed content: an element with words beside it runs inline */
    const xmlNode *sib[2] = {n->prev, n->next};
    for (int i = 0; i < 2; i++)
      if (sib[i] && (sib[i]->type == XML_TEXT_NODE ||
                     sib[i]->type == XML_CDATA_SECTION_NODE) && sib[i]->content)
        for (const xmlChar *p = sib[i]->content; *p; p++)
          if (!isspace(*p)) return K_INLINE;
    return K_BLOCK;
  }
  return K_INLINE;
}

static const char *attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (strcasecmp((const char *)a->name, name) == 0) {
      const xmlNode *v = a->children;
      return v && v->type == XML_TEXT_NODE && v->content
                 ? (const char *)v->content
                 : "";
    }
  return NULL;
}

/* Class and id words of furniture. Whole words (split at - _ space), and
 * longer stems that may sit inside a word ("cookieBanner"). */
static const char *const junk_words[] = {
    "ad", "ads", "advert", "nav", "navbar", "menu", "share", "sharing",
    "social", "tags", "footer", "header", "masthead", "byline",
    "banner", "modal", "popup", "related", "sidebar", "comments", "comment",
    "breadcrumb", "breadcrumbs", "newsletter", "promo", "widget", "teaser",
    "teasers", "trending", "popular", "recommended", "outbrain",
    "taboola", "subscribe", "signup", "paywall", "toolbar", "skip", "caption",
    "credit", "credits", "disclaimer", "date", "timestamp", "published",
    "updated", "author", "authors", "meta", "bio", "tools", "actions",
    "pagination", "pager", "gallery", "carousel", "slideshow", "player",
    "rating", "login", "donate", "donation", "survey", "poll", NULL};
static const char *const junk_stems[] = {
    "cookie", "consent", "gdpr", "newsletter", "related", "sidebar",
    "breadcrumb", "sharebar", "share-", "social", "advert", "recommend",
    "outbrain", "taboola", "most-read", "mostread", "trending", "subscri",
    "comments", NULL};

static bool junk_value(const char *v) {
  char low[256];
  size_t n = strlen(v);
  if (n >= sizeof low) n = sizeof low - 1;
  for (size_t i = 0; i < n; i++) low[i] = (char)tolower((unsigned char)v[i]);
  low[n] = '\0';
  for (int i = 0; junk_stems[i]; i++)
    if (strstr(low, junk_stems[i])) return true;
  size_t i = 0;
  while (i < n) {
    while (i < n && !isalnum((unsigned char)low[i])) i++;
    size_t s = i;
    while (i < n && isalnum((unsigned char)low[i])) i++;
    if (i == s) break;
    for (int k = 0; junk_words[k]; k++)
      if (strlen(junk_words[k]) == i - s && memcmp(low + s, junk_words[k], i - s) == 0)
        return true;
  }
  return false;
}

static bool is_article_body(const xmlNode *n) {
  const char *ip = attr(n, "itemprop");
  return ip && strstr(ip, "articleBody");
}

/* Furniture by attributes: invisible elements; and for blocks (not words
 * inside a sentence: <span class="date"> stays) landmark roles, aria-hidden
 * and class/id words. The article containers themselves are never
 * furniture. */
static bool junk_node(const xmlNode *n, int kind, bool use_class) {
  if (attr(n, "hidden")) return true;
  const char *v = attr(n, "style");
  if (v && (strstr(v, "display:none") || strstr(v, "display: none"))) return true;
  if (kind == K_INLINE) return false;
  v = attr(n, "aria-hidden");
  if (v && strcasecmp(v, "true") == 0) return true;
  v = attr(n, "role");
  if (v && (!strcasecmp(v, "navigation") || !strcasecmp(v, "banner") ||
            !strcasecmp(v, "contentinfo") || !strcasecmp(v, "complementary") ||
            !strcasecmp(v, "dialog") || !strcasecmp(v, "alertdialog") ||
            !strcasecmp(v, "search") || !strcasecmp(v, "menu")))
    return true;
  if (!use_class) return false;
  if (!strcasecmp((const char *)n->name, "article") ||
      !strcasecmp((const char *)n->name, "main") ||
      !strcasecmp((const char *)n->name, "body") || is_article_body(n))
    return false;
  v = attr(n, "class");
  if (v && junk_value(v)) return true;
  v = attr(n, "id");
  return v && junk_value(v);
}

/* ---------------------------------------------------------------- blocks */

typedef struct block {
  size_t off, len, link;
  const xmlNode *owner;
  unsigned heading;
} block;

#define MAX_MARKS 64

typedef struct collect {
  cx_buf text;
  block *b;
  size_t n, cap;
  size_t cur, link;
  int in_link;
  bool space;
  const xmlNode *owner;
  unsigned heading;
  unsigned flags;
  bool use_class;
  /* found on the way */
  const xmlNode *body_node;                /* itemprop=articleBody */
  const xmlNode *articles[MAX_MARKS];
  size_t n_articles;
  const char *time_attr;                   /* first <time datetime> */
  const char *date_prop;                   /* itemprop=datePublished */
} collect;

static void flush(collect *c) {
  while (c->text.len > c->cur && c->text.data[c->text.len - 1] == ' ')
    c->text.len--;
  if (c->text.len > c->cur) {
    if (c->n == c->cap) {
      c->cap = c->cap ? c->cap * 2 : 64;
      c->b = cx_xrealloc(c->b, c->cap * sizeof *c->b);
    }
    block *b = &c->b[c->n++];
    b->off = c->cur;
    b->len = c->text.len - c->cur;
    b->link = c->link < b->len ? c->link : b->len;
    b->owner = c->owner;
    b->heading = c->heading;
  }
  c->cur = c->text.len;
  c->link = 0;
  c->space = false;
}

static void put_text(collect *c, const char *s) {
  size_t before = c->text.len;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
        ch == '\v') {
      if (c->text.len > c->cur) c->space = true;
      continue;
    }
    if (c->space) {
      cx_buf_putc(&c->text, ' ');
      c->space = false;
    }
    cx_buf_putc(&c->text, (char)ch);
  }
  if (c->in_link) c->link += c->text.len - before;
}

static void enter(collect *c, const xmlNode *n, int k, unsigned heading) {
  if (k == K_BLOCK || k == K_BREAK) {
    flush(c);
    if (k == K_BLOCK) {
      c->owner = n;
      c->heading = heading;
    }
  }
  if (!strcasecmp((const char *)n->name, "a")) c->in_link++;
  if (!(c->flags & CX_HTML_FRAGMENT)) {
    if (!c->body_node && is_article_body(n)) c->body_node = n;
    if (!strcasecmp((const char *)n->name, "article") &&
        c->n_articles < MAX_MARKS)
      c->articles[c->n_articles++] = n;
    if (!c->time_attr && !strcasecmp((const char *)n->name, "time"))
      c->time_attr = attr(n, "datetime");
    const char *ip = attr(n, "itemprop");
    if (!c->date_prop && ip && !strcmp(ip, "datePublished")) {
      c->date_prop = attr(n, "datetime");
      if (!c->date_prop) c->date_prop = attr(n, "content");
    }
  }
}

static void leave(collect *c, const xmlNode *n, int k) {
  if (k == K_BLOCK) {
    flush(c);
    c->owner = n->parent;
    c->heading = 0;
  }
  if (!strcasecmp((const char *)n->name, "a") && c->in_link) c->in_link--;
}

/* Iterative pre/post-order walk below root. Only text and CDATA count:
 * entity references are skipped, so no entity is ever expanded here. */
static void walk(collect *c, const xmlNode *root) {
  const xmlNode *cur = root->children;
  c->owner = root;
  while (cur) {
    bool down = false;
    if (cur->type == XML_ELEMENT_NODE) {
      unsigned h;
      int k = kind_of(cur, c->flags, &h);
      if (k != K_SKIP && !junk_node(cur, k, c->use_class)) {
        enter(c, cur, k, h);
        if (cur->children) down = true;
        else leave(c, cur, k);
      }
    } else if ((cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) &&
               cur->content) {
      put_text(c, (const char *)cur->content);
    }
    if (down) {
      cur = cur->children;
      continue;
    }
    while (cur != root && !cur->next) {
      cur = cur->parent;
      if (cur != root) {
        unsigned h;
        leave(c, cur, kind_of(cur, c->flags, &h));
      }
    }
    if (cur == root) break;
    cur = cur->next;
  }
  flush(c);
}

static bool inside(const xmlNode *n, const xmlNode *container) {
  for (; n; n = n->parent)
    if (n == container) return true;
  return false;
}

static bool link_dense(const block *b) { return b->link * 2 > b->len; }

static size_t text_inside(const collect *c, const xmlNode *container) {
  size_t sum = 0;
  for (size_t k = 0; k < c->n; k++)
    if (!link_dense(&c->b[k]) && inside(c->b[k].owner, container))
      sum += c->b[k].len;
  return sum;
}

/* Readability's vote: each real paragraph scores for its parent and half
 * for its grandparent; the best scored element holds the article. */
static const xmlNode *vote(collect *c) {
  typedef struct cand { const xmlNode *n; double score; } cand;
  cand *cs = cx_xcalloc(2 * c->n + 1, sizeof *cs);
  size_t nc = 0;
  const xmlNode *best = NULL;
  double best_score = 0;
  for (size_t i = 0; i < c->n; i++) {
    block *b = &c->b[i];
    if (b->len < 25 || link_dense(b) || !b->owner) continue;
    double s = 1.0;
    for (size_t k = 0; k < b->len; k++)
      if (c->text.data[b->off + k] == ',') s += 1;
    s += b->len / 100 > 3 ? 3 : (double)(b->len / 100);
    const xmlNode *p = b->owner->parent;
    for (int lvl = 0; lvl < 2 && p && p->type == XML_ELEMENT_NODE; lvl++, p = p->parent) {
      /* _private holds the candidate index + 1 (ours while we hold the tree) */
      size_t idx = (size_t)(uintptr_t)p->_private;
      if (!idx) {
        cs[nc].n = p;
        ((xmlNode *)p)->_private = (void *)(uintptr_t)(nc + 1);
        idx = ++nc;
      }
      cs[idx - 1].score += lvl ? s / 2 : s;
      if (cs[idx - 1].score > best_score) {
        best_score = cs[idx - 1].score;
        best = p;
      }
    }
  }
  for (size_t i = 0; i < nc; i++) ((xmlNode *)cs[i].n)->_private = NULL;
  free(cs);
  return best;
}

static char *emit(cx_arena *a, collect *c, const xmlNode *container,
                  bool drop_h1, size_t *len) {
  cx_buf out;
  cx_buf_init(&out);
  for (size_t i = 0; i < c->n; i++) {
    block *b = &c->b[i];
    if (link_dense(b)) continue;
    if (drop_h1 && b->heading == 1) continue;
    if (container && !inside(b->owner, container)) continue;
    if (out.len) cx_buf_putc(&out, '\n');
    cx_buf_put(&out, c->text.data + b->off, b->len);
  }
  *len = out.len;
  char *s = cx_arena_strndup(a, out.data ? out.data : "", out.len);
  cx_buf_free(&out);
  return s;
}

static void collect_init(collect *c, unsigned flags, bool use_class) {
  memset(c, 0, sizeof *c);
  cx_buf_init(&c->text);
  c->flags = flags;
  c->use_class = use_class;
}

static void collect_cleanup(collect *c) {
  cx_buf_free(&c->text);
  free(c->b);
}

char *cx_html_node_text(cx_arena *a, xmlNodePtr root, unsigned flags,
                        size_t *len) {
  collect c;
  collect_init(&c, flags | CX_HTML_FRAGMENT, true);
  /* the root itself may be a block: walk() starts below it */
  walk(&c, root);
  char *s = emit(a, &c, NULL, false, len);
  if (*len == 0 && c.n) { /* everything looked like furniture: relax */
    collect_cleanup(&c);
    collect_init(&c, flags | CX_HTML_FRAGMENT, false);
    walk(&c, root);
    s = emit(a, &c, NULL, false, len);
  }
  collect_cleanup(&c);
  return s;
}

/* ---------------------------------------------------------------- metadata */

typedef struct meta {
  const char *title, *og_title, *site, *publisher, *published, *url, *canonical,
      *author;
  const char *ld_body, *ld_published, *ld_publisher, *ld_headline, *ld_url,
      *ld_author;
} meta;

static bool ld_is_article(json_t *o) {
  json_t *t = json_object_get(o, "@type");
  const char *names[8];
  size_t n = 0;
  if (json_is_string(t)) names[n++] = json_string_value(t);
  else if (json_is_array(t))
    for (size_t i = 0; i < json_array_size(t) && n < 8; i++)
      if (json_is_string(json_array_get(t, i)))
        names[n++] = json_string_value(json_array_get(t, i));
  for (size_t i = 0; i < n; i++)
    if (strstr(names[i], "Article") || strstr(names[i], "BlogPosting") ||
        strstr(names[i], "NewsArticle") || strstr(names[i], "Report"))
      return true;
  return json_object_get(o, "articleBody") != NULL;
}

static const char *ld_name(json_t *v) {
  if (json_is_string(v)) return json_string_value(v);
  if (json_is_array(v) && json_array_size(v)) v = json_array_get(v, 0);
  if (json_is_object(v)) {
    json_t *n = json_object_get(v, "name");
    if (json_is_string(n)) return json_string_value(n);
  }
  return NULL;
}

static void ld_take(cx_arena *a, meta *m, json_t *o) {
#define STR(k) (json_is_string(json_object_get(o, k)) \
                    ? json_string_value(json_object_get(o, k)) : NULL)
#define TAKE(field, val) do { const char *v_ = (val); \
    if (!m->field && v_ && *v_) m->field = cx_arena_strdup(a, v_); } while (0)
  TAKE(ld_body, STR("articleBody"));
  TAKE(ld_published, STR("datePublished"));
  TAKE(ld_headline, STR("headline"));
  TAKE(ld_url, STR("url"));
  TAKE(ld_publisher, ld_name(json_object_get(o, "publisher")));
  TAKE(ld_author, ld_name(json_object_get(o, "author")));
#undef STR
#undef TAKE
}

static void ld_scan(cx_arena *a, meta *m, json_t *v, int depth) {
  if (depth > 6) return;
  if (json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); i++)
      ld_scan(a, m, json_array_get(v, i), depth + 1);
  } else if (json_is_object(v)) {
    if (ld_is_article(v)) ld_take(a, m, v);
    json_t *g = json_object_get(v, "@graph");
    if (g) ld_scan(a, m, g, depth + 1);
    json_t *me = json_object_get(v, "mainEntity");
    if (json_is_object(me)) ld_scan(a, m, me, depth + 1);
  }
}

static void node_string(const xmlNode *n, cx_buf *b) {
  b->len = 0;
  for (const xmlNode *k = n->children; k; k = k->next)
    if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
      cx_buf_puts(b, (const char *)k->content);
  if (!b->data) cx_buf_put(b, "", 0);
}

/* Head metadata: one iterative walk over <meta>, <link>, <title> and JSON-LD
 * scripts anywhere in the page. */
static void read_meta(cx_arena *a, const xmlNode *root, meta *m) {
  cx_buf tmp;
  cx_buf_init(&tmp);
  const xmlNode *cur = root;
  size_t seen = 0;
  while (cur && seen < 200000) {
    seen++;
    bool down = cur->type == XML_ELEMENT_NODE && cur->children;
    if (cur->type == XML_ELEMENT_NODE) {
      const char *name = (const char *)cur->name;
      if (!strcasecmp(name, "meta")) {
        const char *p = attr(cur, "property");
        if (!p) p = attr(cur, "name");
        if (!p) p = attr(cur, "itemprop");
        const char *c = attr(cur, "content");
        if (p && c && *c) {
#define SET(f) do { if (!m->f) m->f = cx_arena_strdup(a, c); } while (0)
          if (!strcasecmp(p, "og:site_name")) SET(site);
          else if (!strcasecmp(p, "publisher") || !strcasecmp(p, "application-name") ||
                   !strcasecmp(p, "dc.publisher"))
            SET(publisher);
          else if (!strcasecmp(p, "og:title")) SET(og_title);
          else if (!strcasecmp(p, "og:url")) SET(url);
          else if (!strcasecmp(p, "article:published_time") ||
                   !strcasecmp(p, "datePublished") ||
                   !strcasecmp(p, "pubdate") || !strcasecmp(p, "publish-date") ||
                   !strcasecmp(p, "parsely-pub-date") || !strcasecmp(p, "date") ||
                   !strcasecmp(p, "dc.date") || !strcasecmp(p, "dcterms.date") ||
                   !strcasecmp(p, "dc.date.issued") || !strcasecmp(p, "dcterms.created") ||
                   !strcasecmp(p, "og:published_time") || !strcasecmp(p, "publishdate") ||
                   !strcasecmp(p, "publication_date") || !strcasecmp(p, "sailthru.date") ||
                   !strcasecmp(p, "article.published"))
            SET(published);
          else if (!strcasecmp(p, "author") || !strcasecmp(p, "article:author") ||
                   !strcasecmp(p, "parsely-author"))
            SET(author);
#undef SET
        }
      } else if (!strcasecmp(name, "link")) {
        const char *rel = attr(cur, "rel"), *href = attr(cur, "href");
        if (rel && href && *href && !strcasecmp(rel, "canonical") && !m->canonical)
          m->canonical = cx_arena_strdup(a, href);
      } else if (!strcasecmp(name, "title")) {
        if (!m->title) {
          node_string(cur, &tmp);
          m->title = cx_arena_strdup(a, tmp.data);
        }
        down = false;
      } else if (!strcasecmp(name, "script")) {
        const char *t = attr(cur, "type");
        if (t && strstr(t, "ld+json")) {
          node_string(cur, &tmp);
          json_t *j = json_loadb(tmp.data, tmp.len, 0, NULL);
          if (j) {
            ld_scan(a, m, j, 0);
            json_decref(j);
          }
        }
        down = false;
      }
    }
    if (down) {
      cur = cur->children;
      continue;
    }
    while (cur != root && !cur->next) cur = cur->parent;
    if (cur == root) break;
    cur = cur->next;
  }
  cx_buf_free(&tmp);
}

/* Whitespace-collapsed copy of s, lines kept as paragraphs. */
static char *clean_lines(cx_arena *a, const char *s, size_t *len) {
  cx_buf b;
  cx_buf_init(&b);
  bool space = false, nl = false;
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '\n' || ch == '\r') {
      if (b.len) nl = true;
      space = false;
    } else if (ch == ' ' || ch == '\t' || ch == '\f' || ch == '\v') {
      if (b.len && !nl) space = true;
    } else {
      if (nl) cx_buf_putc(&b, '\n');
      else if (space) cx_buf_putc(&b, ' ');
      nl = space = false;
      cx_buf_putc(&b, (char)ch);
    }
  }
  *len = b.len;
  char *out = cx_arena_strndup(a, b.data ? b.data : "", b.len);
  cx_buf_free(&b);
  return out;
}

static void set_if(cx_doc *d, const char **field, const char *v) {
  if (*field || !v) return;
  size_t n;
  char *c = clean_lines(d->arena, v, &n);
  for (char *p = c; *p; p++)
    if (*p == '\n') *p = ' ';
  if (*c) *field = c;
}

/* Charset when neither a BOM nor a declaration says: UTF-8 if it is. */
static const char *sniff_charset(const char *s, size_t n) {
  if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
    return NULL;
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) return "UTF-8";
  size_t head = n < 4096 ? n : 4096;
  if (memmem(s, head, "charset", 7) || memmem(s, head, "CHARSET", 7) ||
      memmem(s, head, "encoding=", 9))
    return NULL;
  return cx_utf8_invalid_at(s, n) < 0 ? "UTF-8" : "windows-1252";
}

static bool looks_binary(const char *s, size_t n) {
  size_t head = n < 8192 ? n : 8192, ctl = 0;
  if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF')))
    return false; /* UTF-16 has NULs */
  for (size_t i = 0; i < head; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 9 || (c > 13 && c < 32) || c == 127) ctl++;
  }
  return ctl * 50 > head; /* over 2 % control bytes */
}

cx_status cx_html_read(cx_doc *d, const char *html, size_t n,
                       const char *charset, unsigned flags, cx_diag *diag) {
  const char *id = d->id ? d->id : "html";
  if (n > (size_t)INT32_MAX)
    return cx_diag_set(diag, CX_ERR_TOO_LARGE, id, -1, "HTML too large");
  if (looks_binary(html, n))
    return cx_diag_set(diag, CX_ERR_PARSE, id, -1, "binary data, not HTML");
  if (!charset) charset = sniff_charset(html, n);
  htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, charset,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                      HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_COMPACT);
  if (!doc) {
    d->text = "";
    d->text_len = 0;
    if (flags & CX_HTML_FRAGMENT) return CX_OK;
    return cx_diag_set(diag, CX_ERR_PARSE, id, -1, "no HTML could be parsed");
  }
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (!root) {
    xmlFreeDoc(doc);
    d->text = "";
    d->text_len = 0;
    if (flags & CX_HTML_FRAGMENT) return CX_OK;
    return cx_diag_set(diag, CX_ERR_PARSE, id, -1, "no HTML element found");
  }
  if (flags & CX_HTML_FRAGMENT) {
    d->text = cx_html_node_text(d->arena, root, flags, &d->text_len);
    xmlFreeDoc(doc);
    return CX_OK;
  }
  meta m = {0};
  read_meta(d->arena, root, &m);
  /* pass 1, tags only: find the article container, if the page marks it.
   * Class words are left out here so that a wrapper named "with-sidebar"
   * cannot hide the article; they apply inside the container (pass 2). */
  collect all, c;
  collect_init(&all, flags, false);
  collect_init(&c, flags, true);
  walk(&all, root);
  const char *text = NULL;
  size_t len = 0;
  if (m.ld_body) {
    /* articleBody sometimes carries markup */
    if (strchr(m.ld_body, '<')) {
      cx_doc tmp = {.arena = d->arena, .id = id};
      cx_diag ig;
      cx_diag_clear(&ig);
      if (cx_html_read(&tmp, m.ld_body, strlen(m.ld_body), "UTF-8",
                       CX_HTML_FRAGMENT, &ig) == CX_OK) {
        text = tmp.text;
        len = tmp.text_len;
      }
    } else {
      text = clean_lines(d->arena, m.ld_body, &len);
    }
  }
  const xmlNode *container = all.body_node;
  size_t page_text = 0, best = 0;
  for (size_t k = 0; k < all.n; k++)
    if (!link_dense(&all.b[k])) page_text += all.b[k].len;
  if (container) best = text_inside(&all, container);
  else
    for (size_t i = 0; i < all.n_articles; i++) {
      size_t sum = text_inside(&all, all.articles[i]);
      if (sum > best) best = sum, container = all.articles[i];
    }
  /* a marked container holding a small part of the page's prose is a
   * teaser or a header-only <article>: let the paragraphs vote instead */
  if (container && best * 5 < page_text) container = NULL;
  bool scoped = false; /* c walked below the container only */
  if (container) {
    walk(&c, container);
    scoped = true;
  } else {
    /* no markup: paragraphs vote, with furniture words applied; when
     * those words removed most of the page, vote on the tags-only pass
     * and apply the words inside the winner only */
    walk(&c, root);
    size_t kept = 0, total = 0;
    for (size_t k = 0; k < c.n; k++) kept += link_dense(&c.b[k]) ? 0 : c.b[k].len;
    for (size_t k = 0; k < all.n; k++) total += link_dense(&all.b[k]) ? 0 : all.b[k].len;
    container = kept * 3 >= total ? vote(&c) : NULL;
    if (!container && (container = vote(&all))) {
      collect_cleanup(&c);
      collect_init(&c, flags, true);
      walk(&c, container);
      scoped = true;
    }
  }
  if (!len) {
    text = emit(d->arena, &c, scoped ? NULL : container, true, &len);
    if (!len && container) text = emit(d->arena, &all, container, true, &len);
    if (!len) text = emit(d->arena, &all, vote(&all), true, &len);
  }
  const char *time_attr = c.time_attr ? c.time_attr : all.time_attr;
  const char *date_prop = all.date_prop;
  set_if(d, &d->title, m.og_title);
  set_if(d, &d->title, m.ld_headline);
  set_if(d, &d->title, m.title);
  set_if(d, &d->url, m.canonical);
  set_if(d, &d->url, m.url);
  set_if(d, &d->url, m.ld_url);
  set_if(d, &d->outlet, m.site);
  set_if(d, &d->outlet, m.ld_publisher);
  set_if(d, &d->outlet, m.publisher);
  set_if(d, &d->author, m.author);
  set_if(d, &d->author, m.ld_author);
  const char *dates[] = {m.published, m.ld_published, date_prop, time_attr};
  for (int i = 0; i < 4 && !d->published; i++)
    if (dates[i]) d->published = cx_published_iso(d->arena, dates[i]);
  collect_cleanup(&c);
  collect_cleanup(&all);
  xmlFreeDoc(doc);
  d->text = text;
  d->text_len = len;
  if (!len)
    return cx_diag_set(diag, CX_ERR_EMPTY, id, -1, "no article text found");
  return CX_OK;
}
