/* Reading a claim store back: `claimx export` and `claimx search`.
 * Both read a store, an SQLite file or a PostgreSQL URL (store_read.h), and
 * print to out; they never exit or print elsewhere. */
#ifndef CX_EXPORT_H
#define CX_EXPORT_H

#include "cx.h"

typedef enum { CX_EXPORT_CSV, CX_EXPORT_JSONL, CX_EXPORT_JSONLD } cx_export_format;

/* Returns 0 and sets *f for "csv", "jsonl", "jsonld"; -1 otherwise. */
int cx_export_format_from_name(const char *name, cx_export_format *f);

/* csv: one row per claim; jsonl: one claim per line in the shape of the
 * claims format; jsonld: one schema.org Claim per distinct claim text, with
 * every document that carries it as an appearance. */
cx_status cx_export(const char *store, cx_export_format f, FILE *out,
                    cx_diag *diag);

/* Full-text search over claim text (SQLite: FTS5 query syntax; PostgreSQL:
 * websearch_to_tsquery syntax), best first, at most
 * limit results, one JSON object per line. */
cx_status cx_search(const char *store, const char *query, int limit, FILE *out,
                    cx_diag *diag);

#endif
