/* claimx export and claimx search: reading a claim store back. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "export.h"
#include "store.h"

int cx_cli_export(int argc, char **argv) {
  static const struct option opts[] = {{"format", required_argument, 0, 'f'},
                                        {0, 0, 0, 0}};
  cx_export_format f = CX_EXPORT_JSONL;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "f:", opts, NULL)) != -1) {
    if (c != 'f') return cx_cli_usage_error("bad option");
    if (cx_export_format_from_name(optarg, &f) != 0)
      return cx_cli_usage_error("export formats: csv, jsonl, jsonld");
  }
  if (optind + 1 != argc) return cx_cli_usage_error("export needs one STORE");
  cx_diag diag;
  cx_diag_clear(&diag);
  const char *store = cx_cli_store_target(argv[optind]);
  if (!store) return cx_cli_usage_error("export postgres needs CLAIMX_DATABASE_URL");
  if (cx_export(store, f, stdout, &diag) != CX_OK) {
    cx_cli_on_error(NULL, &diag);
    return 2;
  }
  return 0;
}

int cx_cli_search(int argc, char **argv) {
  static const struct option opts[] = {{"limit", required_argument, 0, 'n'},
                                        {0, 0, 0, 0}};
  int limit = 20, c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
    if (c != 'n') return cx_cli_usage_error("bad option");
    limit = atoi(optarg);
  }
  if (optind + 2 != argc) return cx_cli_usage_error("search needs STORE and QUERY");
  cx_diag diag;
  cx_diag_clear(&diag);
  const char *store = cx_cli_store_target(argv[optind]);
  if (!store) return cx_cli_usage_error("search postgres needs CLAIMX_DATABASE_URL");
  if (cx_search(store, argv[optind + 1], limit, stdout, &diag) != CX_OK) {
    cx_cli_on_error(NULL, &diag);
    return 2;
  }
  return 0;
}

