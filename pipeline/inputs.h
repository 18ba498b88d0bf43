/* Expands the command line's paths into the list of inputs: files as
 * given, directories recursively in sorted order (only files some reader
 * takes), "-" for standard input. */
#ifndef CX_INPUTS_H
#define CX_INPUTS_H

#include "cx.h"

typedef struct cx_inputs {
  char **paths;
  size_t n, cap;
} cx_inputs;

void cx_inputs_init(cx_inputs *in);
void cx_inputs_cleanup(cx_inputs *in);
/* Adds path (expanding a directory). Returns CX_ERR_IO with diag set when a
 * path does not exist. */
cx_status cx_inputs_add(cx_inputs *in, const char *path, cx_diag *diag);

#endif
