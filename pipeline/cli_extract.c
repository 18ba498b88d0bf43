/* claimx extract: options → cx_run_extract, with a progress line. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "run.h"
#include "store.h"

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
  cx_cli_on_error(NULL, d);
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

int cx_cli_extract(int argc, char **argv) {
  static const struct option opts[] = {
      {"format", required_argument, 0, 'f'},
      {"out", required_argument, 0, 'o'},
      {"ref-date", required_argument, 0, 'r'},
      {"fiscal-start", required_argument, 0, 'F'},
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
  long fiscal_start = 1;
  bool cross = true;
  progress prog = {isatty(2), now_s(), 0};
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'j':
        jobs = strtol(optarg, NULL, 10);
        if (jobs < 1 || jobs > 256) return cx_cli_usage_error("--jobs takes 1 to 256");
        break;
      case 's':
        if (sscanf(optarg, "%u/%u", &shard_k, &shard_n) != 2 || shard_n < 1 ||
            shard_k < 1 || shard_k > shard_n)
          return cx_cli_usage_error("--shard takes K/N with 1 <= K <= N");
        break;
      case 'n': cross = false; break;
      case 'p': prog.on = true; break;
      case 'f': format = optarg; break;
      case 'o': out = optarg; break;
      case 'r': ref_date = optarg; break;
      case 'F': {
        char *end;
        fiscal_start = strtol(optarg, &end, 10);
        if (*end || end == optarg || fiscal_start < 1 || fiscal_start > 12)
          return cx_cli_usage_error("--fiscal-start takes a month, 1 to 12");
        break;
      }
      case 'm': max_doc = strtoull(optarg, NULL, 10); break;
      case 'M': max_input = strtoull(optarg, NULL, 10); break;
      case 1000: case 1001: case 1002: case 1003: case 1004: case 1005:
      case 1006: xml[c - 1000] = optarg; break;
      case 'h': fputs(cx_cli_usage, stdout); return 0;
      default: return cx_cli_usage_error("bad option");
    }
  }
  if (optind >= argc) return cx_cli_usage_error("extract needs at least one PATH");
  if (ref_date) {
    cx_doc probe = {0};
    if (cx_doc_set_ref_date(&probe, ref_date) != 0)
      return cx_cli_usage_error("--ref-date takes YYYY-MM-DD");
  }
  const cx_writer *w = cx_writer_by_name(format);
  if (!w) {
    char msg[128];
    snprintf(msg, sizeof msg, "unknown format '%s'", format);
    return cx_cli_usage_error(msg);
  }
  const char *given = out;
  if (given && !(out = cx_cli_store_target(given)))
    return cx_cli_usage_error("--out postgres needs CLAIMX_DATABASE_URL");
  if (out != given) w = NULL; /* a store, whatever the format */
  if (out) {
    const cx_writer *store = cx_writer_for_target(out);
    if (store) w = store;
    if (!w) return cx_cli_usage_error("CLAIMX_DATABASE_URL is not a postgresql:// URL");
  }
  cx_run_options o = {0};
  o.paths = (const char *const *)argv + optind;
  o.n_paths = (size_t)(argc - optind);
  o.writer = w;
  o.target = out;
  o.ref_date = ref_date;
  o.fiscal_start = (int)fiscal_start;
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
    cx_cli_on_error(NULL, &diag);
    return 2;
  }
  if (info.docs_failed)
    fprintf(stderr, "claimx: %zu documents processed, %zu failed\n",
            info.docs_ok, info.docs_failed);
  return info.docs_failed ? 1 : 0;
}

