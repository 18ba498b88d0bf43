/* claimx compare: claims across outlets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"

int cx_cli_compare(int argc, char **argv) {
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
  lo.on_error = cx_cli_on_error;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:o:j:h", opts, NULL)) != -1) {
    switch (c) {
      case 'f': format = optarg; break;
      case 'o': out = optarg; break;
      case 'r': lo.ref_date = optarg; break;
      case 'j': lo.jobs = (int)strtol(optarg, NULL, 10); break;
      case 'c': only_conflicts = true; break;
      case 'h': fputs(cx_cli_usage, stdout); return 0;
      default: return cx_cli_usage_error("bad option");
    }
  }
  cx_compare_format f;
  if (!strcmp(format, "table") || !strcmp(format, "text")) f = CX_CMP_TEXT;
  else if (!strcmp(format, "json") || !strcmp(format, "jsonl")) f = CX_CMP_JSON;
  else if (!strcmp(format, "html")) f = CX_CMP_HTML;
  else return cx_cli_usage_error("compare --format takes table, json or html");
  if (optind >= argc) return cx_cli_usage_error("compare needs at least one PATH");
  if (lo.jobs < 1 || lo.jobs > 256) return cx_cli_usage_error("--jobs takes 1 to 256");
  cx_compare *cmp = cx_compare_new();
  cx_diag diag;
  cx_diag_clear(&diag);
  size_t failed = 0;
  cx_status st = cx_compare_load(cmp, (const char *const *)argv + optind,
                                 (size_t)(argc - optind), &lo, &failed, &diag);
  if (st == CX_OK) st = cx_compare_run(cmp, &diag);
  if (st != CX_OK) {
    cx_cli_on_error(NULL, &diag);
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

