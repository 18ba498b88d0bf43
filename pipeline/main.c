/* claimx command line: arguments → options → library calls → exit code.
 * Only this file prints to the user or exits. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "compare.h"
#include "run.h"
#include "store.h"

static const char usage_text[] =
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
    "  -j, --jobs N        worker threads (default: number of cores); output is\n"
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

static void on_error(void *ctx, const cx_diag *d) {
  (void)ctx;
  fprintf(stderr, "%s: %s", d->doc[0] ? d->doc : "claimx",
          d->text[0] ? d->text : cx_status_message(d->status));
  fputc('\n', stderr);
}

typedef struct progress {
  bool on;
  double start, last;
} progress;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_progress(void *ctx, const cx_run_info *info) {
  progress *p = ctx;
  if (!p || !p->on) return;
  double t = now_s();
  if (t - p->last < 0.5) return;
  p->last = t;
  double el = t - p->start, mb = info->input_done / 1e6;
  double rate = el > 0 ? mb / el : 0;
  fprintf(stderr, "\r%s %zu docs, %.1f MB, %.1f MB/s, %zu errors",
          info->pass == 1 ? "scan" : "extract", info->docs_ok, mb, rate,
          info->docs_failed);
  if (info->input_total && rate > 0) {
    double left = (info->input_total / 1e6 - mb) / rate;
    fprintf(stderr, ", ETA %.0fs (pass %d of 2)  ", left > 0 ? left : 0, info->pass);
  }
}

static void on_error_progress(void *ctx, const cx_diag *d) {
  progress *p = ctx;
  if (p && p->on && p->last > 0) fputc('\n', stderr);
  on_error(NULL, d);
}

static int usage_error(const char *msg) {
  fprintf(stderr, "claimx: %s\n(run 'claimx --help' for usage)\n", msg);
  return 2;
}

/* --out postgres: the URL comes from the environment, so that passwords
 * stay out of command lines and the run record. */
static const char *store_target(const char *out) {
  if (out && (!strcmp(out, "postgres") || !strcmp(out, "postgresql")))
    return getenv("CLAIMX_DATABASE_URL");
  return out;
}

static char *join_args(int argc, char **argv) {
  cx_buf b;
  cx_buf_init(&b);
  for (int i = 0; i < argc; i++) {
    if (i) cx_buf_putc(&b, ' ');
    /* the run record keeps the command line, not a URL's password */
    char *shown = cx_store_display_name(argv[i]);
    cx_buf_puts(&b, shown);
    free(shown);
  }
  cx_buf_putc(&b, '\0');
  return b.data;
}

static int cmd_extract(int argc, char **argv) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'},
      {"out", required_argument, 0, 'o'},
      {"ref-date", required_argument, 0, 'r'},
      {"max-doc-bytes", required_argument, 0, 'm'},
      {"jobs", required_argument, 0, 'j'},
      {"shard", required_argument, 0, 's'},
      {"no-cross-dedup", no_argument, 0, 'n'},
      {"progress", no_argument, 0, 'p'},
      {"max-input-bytes", required_argument, 0, 'M'},
      {"xml-doc", required_argument, 0, 1000},
      {"xml-text", required_argument, 0, 1001},
      {"xml-title", required_argument, 0, 1002},
      {"xml-date", required_argument, 0, 1003},
      {"xml-outlet", required_argument, 0, 1004},
      {"xml-url", required_argument, 0, 1005},
      {"xml-id", required_argument, 0, 1006},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *xml[7] = {0};
  size_t max_input = (size_t)1 << 34;
  const char *format = "claims", *out = NULL, *ref_date = NULL;
  size_t max_doc = 16u << 20;
  long jobs = sysconf(_SC_NPROCESSORS_ONLN);
  unsigned shard_k = 0, shard_n = 0;
  bool cross = true;
  progress prog = {isatty(2), now_s(), 0};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'j':
        jobs = strtol(optarg, NULL, 10);
        if (jobs < 1 || jobs > 256) return usage_error("--jobs takes 1 to 256");
        break;
      case 's':
        if (sscanf(optarg, "%u/%u", &shard_k, &shard_n) != 2 || shard_n < 1 ||
            shard_k < 1 || shard_k > shard_n)
          return usage_error("--shard takes K/N with 1 <= K <= N");
        break;
      case 'n': cross = false; break;
      case 'p': prog.on = true; break;
      case 'f': format = optarg; break;
      case 'o': out = optarg; break;
      case 'r': ref_date = optarg; break;
      case 'm': max_doc = strtoull(optarg, NULL, 10); break;
      case 'M': max_input = strtoull(optarg, NULL, 10); break;
      case 1000: case 1001: case 1002: case 1003: case 1004: case 1005:
      case 1006: xml[c - 1000] = optarg; break;
      case 'h': fputs(usage_text, stdout); return 0;
      default: return usage_error("bad option");
    }
  }
  if (optind >= argc) return usage_error("extract needs at least one PATH");
  if (ref_date) {
    cx_doc probe = {0};
    if (cx_doc_set_ref_date(&probe, ref_date) != 0)
      return usage_error("--ref-date takes YYYY-MM-DD");
  }
  const cx_writer *w = cx_writer_by_name(format);
  if (!w) {
    char msg[128];
    snprintf(msg, sizeof msg, "unknown format '%s'", format);
    return usage_error(msg);
  }
  const char *given = out;
  if (given && !(out = store_target(given)))
    return usage_error("--out postgres needs CLAIMX_DATABASE_URL");
  if (out != given) w = NULL; /* a store, whatever the format */
  if (out) {
    const cx_writer *store = cx_writer_for_target(out);
    if (store) w = store;
    if (!w) return usage_error("CLAIMX_DATABASE_URL is not a postgresql:// URL");
  }
  cx_run_options o = {0};
  o.paths = (const char *const *)argv + optind;
  o.n_paths = (size_t)(argc - optind);
  o.writer = w;
  o.target = out;
  o.ref_date = ref_date;
  o.read.max_doc_bytes = max_doc;
  o.read.max_input_bytes = max_input;
  o.read.xml_doc = xml[0];
  o.read.xml_text = xml[1];
  o.read.xml_title = xml[2];
  o.read.xml_date = xml[3];
  o.read.xml_outlet = xml[4];
  o.read.xml_url = xml[5];
  o.read.xml_id = xml[6];
  o.on_error = on_error_progress;
  o.on_progress = on_progress;
  o.ctx = &prog;
  o.jobs = (int)(jobs > 0 ? jobs : 1);
  o.cross_dedup = cross;
  o.shard_k = shard_k;
  o.shard_n = shard_n;
  char *cmdline = join_args(argc, argv);
  o.command_line = cmdline;
  cx_run_info info;
  cx_diag diag;
  cx_diag_clear(&diag);
  cx_status st = cx_run_extract(&o, &info, &diag);
  if (prog.on && prog.last > 0) fputc('\n', stderr);
  free(cmdline);
  if (st != CX_OK) {
    on_error(NULL, &diag);
    return 2;
  }
  if (info.docs_failed)
    fprintf(stderr, "claimx: %zu documents processed, %zu failed\n",
            info.docs_ok, info.docs_failed);
  return info.docs_failed ? 1 : 0;
}

static int cmd_export(int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                        {0, 0, 0, 0}};
  cx_export_format f = CX_EXPORT_JSONL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
    if (c != 'f') return usage_error("bad option");
    if (cx_export_format_from_name(optarg, &f) != 0)
      return usage_error("export formats: csv, jsonl, jsonld");
  }
  if (optind + 1 != argc) return usage_error("export needs one STORE");
  cx_diag diag;
  cx_diag_clear(&diag);
  const char *store = store_target(argv[optind]);
  if (!store) return usage_error("export postgres needs CLAIMX_DATABASE_URL");
  if (cx_export(store, f, stdout, &diag) != CX_OK) {
    on_error(NULL, &diag);
    return 2;
  }
  return 0;
}

static int cmd_search(int argc, char **argv) {
  static const struct option opts[] = {{"limit", required_argument, 0, 'n'},
                                        {0, 0, 0, 0}};
  int limit = 20, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
    if (c != 'n') return usage_error("bad option");
    limit = atoi(optarg);
  }
  if (optind + 2 != argc) return usage_error("search needs STORE and QUERY");
  cx_diag diag;
  cx_diag_clear(&diag);
  const char *store = store_target(argv[optind]);
  if (!store) return usage_error("search postgres needs CLAIMX_DATABASE_URL");
  if (cx_search(store, argv[optind + 1], limit, stdout, &diag) != CX_OK) {
    on_error(NULL, &diag);
    return 2;
  }
  return 0;
}

static int cmd_compare(int argc, char **argv) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'},
      {"out", required_argument, 0, 'o'},
      {"ref-date", required_argument, 0, 'r'},
      {"jobs", required_argument, 0, 'j'},
      {"conflicts", no_argument, 0, 'c'},
      {"help", no_argument, 0, 'h'},
      {0, 0, 0, 0}};
  const char *format = "table", *out = NULL;
  bool only_conflicts = false;
  cx_compare_load_options lo = {0};
  lo.jobs = 1;
  lo.on_error = on_error;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': format = optarg; break;
      case 'o': out = optarg; break;
      case 'r': lo.ref_date = optarg; break;
      case 'j': lo.jobs = (int)strtol(optarg, NULL, 10); break;
      case 'c': only_conflicts = true; break;
      case 'h': fputs(usage_text, stdout); return 0;
      default: return usage_error("bad option");
    }
  }
  cx_compare_format f;
  if (!strcmp(format, "table") || !strcmp(format, "text")) f = CX_CMP_TEXT;
  else if (!strcmp(format, "json") || !strcmp(format, "jsonl")) f = CX_CMP_JSON;
  else if (!strcmp(format, "html")) f = CX_CMP_HTML;
  else return usage_error("compare --format takes table, json or html");
  if (optind >= argc) return usage_error("compare needs at least one PATH");
  if (lo.jobs < 1 || lo.jobs > 256) return usage_error("--jobs takes 1 to 256");
  cx_compare *cmp = cx_compare_new();
  cx_diag diag;
  cx_diag_clear(&diag);
  size_t failed = 0;
  cx_status st = cx_compare_load(cmp, (const char *const *)argv + optind,
                                 (size_t)(argc - optind), &lo, &failed, &diag);
  if (st == CX_OK) st = cx_compare_run(cmp, &diag);
  if (st != CX_OK) {
    on_error(NULL, &diag);
    cx_compare_free(cmp);
    return 2;
  }
  cx_buf b;
  cx_buf_init(&b);
  cx_compare_render(cmp, f, only_conflicts, &b);
  FILE *fp = out ? fopen(out, "w") : stdout;
  int rc = failed ? 1 : 0;
  if (!fp || fwrite(b.data, 1, b.len, fp) != b.len) {
    fprintf(stderr, "claimx: cannot write %s\n", out ? out : "output");
    rc = 2;
  }
  if (fp && fp != stdout) fclose(fp);
  cx_buf_free(&b);
  cx_compare_free(cmp);
  if (failed) fprintf(stderr, "claimx: %zu documents or records failed\n", failed);
  return rc;
}

int main(int argc, char **argv) {
  if (argc < 2) return usage_error("no command");
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
      !strcmp(argv[1], "help")) {
    fputs(usage_text, stdout);
    return 0;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("claimx %s\n", CX_VERSION);
    return 0;
  }
  if (!strcmp(argv[1], "extract")) return cmd_extract(argc - 1, argv + 1);
  if (!strcmp(argv[1], "export")) return cmd_export(argc - 1, argv + 1);
  if (!strcmp(argv[1], "search")) return cmd_search(argc - 1, argv + 1);
  if (!strcmp(argv[1], "compare")) return cmd_compare(argc - 1, argv + 1);
  char msg[128];
  snprintf(msg, sizeof msg, "unknown command '%s'", argv[1]);
  return usage_error(msg);
}
