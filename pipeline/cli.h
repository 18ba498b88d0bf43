/* The command line's shared pieces: each subcommand lives in its own
 * cli_*.c file; only these files (and main.c) print to the user. */
#ifndef CX_CLI_H
#define CX_CLI_H

#include "cx.h"

extern const char cx_cli_usage[];

/* Prints "doc: message" on stderr. */
void cx_cli_on_error(void *ctx, const cx_diag *d);
/* Prints a usage error and returns exit status 2. */
int cx_cli_usage_error(const char *msg);
/* --out postgres: the store URL from CLAIMX_DATABASE_URL. */
const char *cx_cli_store_target(const char *out);

int cx_cli_extract(int argc, char **argv);
int cx_cli_export(int argc, char **argv);
int cx_cli_search(int argc, char **argv);
int cx_cli_compare(int argc, char **argv);

#endif
