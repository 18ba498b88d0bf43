/* Feed items as documents, for readers that find a feed inside another
 * format (an RSS file named .xml). */
#ifndef CX_FEED_H
#define CX_FEED_H

#include <libxml/tree.h>

#include "reader.h"

/* True when root is <rss>, <rdf:RDF> or Atom <feed>. */
bool cx_feed_root(const xmlNode *root);
/* A feed reader state over an already parsed feed (takes doc); use with
 * cx_reader_rss.next/close. NULL with diag set when it is no feed. */
void *cx_feed_open_parsed(xmlDocPtr doc, const char *path,
                          const cx_read_options *o, cx_diag *diag);
extern const cx_reader cx_reader_rss;

#endif
