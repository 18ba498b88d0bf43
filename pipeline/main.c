/* claimx command line: arguments → subcommand → exit code. The
 * subcommands live in cli_*.c; library code never prints or exits. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char cx_cli_usage[] =
    "usage: claimx extract [options] PATH...\n"
    "       claimx export [--format csv|jsonl|jsonld] STORE\n"
    "       claimx search [--limit N] STORE QUERY\n"
    "       claimx compare [options] PATH...\n"
    "       claimx --help | --version\n"
    "\n"
    "Reads news articles (files, directories, '-' for JSON Lines on stdin)\n"
    "and prints structured claim records as JSON Lines.\n"
    "\n"
    "extract options:\n"
    "  -f, --format F      claims (default), mentions, passages, docs\n"
    "  -o, --out TARGET    write to a file instead of standard output; a store\n"
    "                      for *.db, *.sqlite, *.sqlite3 (SQLite) or\n"
    "                      postgresql://... (PostgreSQL); 'postgres' takes the\n"
    "                      URL from CLAIMX_DATABASE_URL\n"
    "      --ref-date D    reference date (YYYY-MM-DD) for relative dates in\n"
    "                      documents without a publication date\n"
    "      --fiscal-start M  month (1-12) fiscal years start in (default 1:\n"
    "                      calendar years); FY2024 is the one ending in 2024,\n"
    "                      so with 10 it runs 2023-10..2024-09; fiscal years and\n"
    "                      quarters then also get a daterange of their months\n"
    "      --max-doc-bytes N  reject documents larger than N bytes (default 16 MiB)\n"
    "      --max-input-bytes N  reject inputs larger than N bytes after\n"
    "                      decompression (default 16 GiB)\n"
    "\n"
    "XML dumps (.xml): XPath expressions, all but --xml-doc relative to each\n"
    "document node (see docs/readers.md for a NITF recipe):\n"
    "      --xml-doc X     nodes that are documents (default: the root)\n"
    "      --xml-text X    article text (default: the document node)\n"
    "      --xml-title X, --xml-date X, --xml-outlet X, --xml-url X,\n"
    "      --xml-id X      metadata and document id\n"
    "  -j, --jobs N        threads (default: number of cores); output is\n"
    "                      identical for any N\n"
    "      --shard K/N     process only shard K of N (by document id hash)\n"
    "      --no-cross-dedup  skip the first pass that links passages across\n"
    "                      documents (repeats within a document still count)\n"
    "      --progress      progress line on stderr even when it is not a terminal\n"
    "\n"
    "export writes every claim in a store (jsonld: schema.org Claim);\n"
    "search runs an FTS5 query over claim text (JSON Lines, best first).\n"
    "compare options (PATH: claims JSON Lines from 'claimx extract', or\n"
    "articles, which are extracted on the fly):\n"
    "  -f, --format F      table (default), json (JSON Lines), html\n"
    "  -o, --out FILE      write to FILE instead of standard output\n"
    "      --conflicts     only groups where outlets disagree\n"
    "      --ref-date D, -j N  as for extract\n"
    "\n"
    "Exit status: 0 all documents processed, 1 some documents failed,\n"
    "2 usage or setup error.\n";

void cx_cli_on_error(void *ctx, const cx_diag *d) {
  (void)ctx;
  fprintf(stderr, "%s: %s", d->doc[0] ? d->doc : "claimx",
          d->text[0] ? d->text : cx_status_message(d->status));
  fputc('\n', stderr);
}

int cx_cli_usage_error(const char *msg) {
  fprintf(stderr, "claimx: %s\n(run 'claimx --help' for usage)\n", msg);
  return 2;
}

/* --out postgres: the URL comes from the environment, so that passwords
 * stay out of command lines and the run record. */
const char *cx_cli_store_target(const char *out) {
  if (out && (!strcmp(out, "postgres") || !strcmp(out, "postgresql")))
    return getenv("CLAIMX_DATABASE_URL");
  return out;
}

int main(int argc, char **argv) {
  if (argc < 2) return cx_cli_usage_error("no command");
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
      !strcmp(argv[1], "help")) {
    fputs(cx_cli_usage, stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("claimx %s\n", CX_VERSION);
    return 0;
  }
  if (!strcmp(argv[1], "extract")) return cx_cli_extract(argc - 1, argv + 1);
  if (!strcmp(argv[1], "export")) return cx_cli_export(argc - 1, argv + 1);
  if (!strcmp(argv[1], "search")) return cx_cli_search(argc - 1, argv + 1);
  if (!strcmp(argv[1], "compare")) return cx_cli_compare(argc - 1, argv + 1);
  char msg[128];
  snprintf(msg, sizeof msg, "unknown command '%s'", argv[1]);
  return cx_cli_usage_error(msg);
}
