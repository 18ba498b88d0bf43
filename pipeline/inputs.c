/* Input expansion (see inputs.h). */
#include "inputs.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "reader.h"

void cx_inputs_init(cx_inputs *in) { memset(in, 0, sizeof *in); }

void cx_inputs_cleanup(cx_inputs *in) {
  for (size_t i = 0; i < in->n; i++) free(in->paths[i]);
  free(in->paths);
  cx_inputs_init(in);
}

static void push(cx_inputs *in, const char *p) {
  if (in->n == in->cap) {
    in->cap = in->cap ? in->cap * 2 : 16;
    in->paths = cx_xrealloc(in->paths, in->cap * sizeof *in->paths);
  }
  in->paths[in->n++] = cx_xstrdup(p);
}

static int name_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static cx_status walk(cx_inputs *in, const char *dir, int depth,
                      cx_diag *diag) {
  if (depth > 64) return CX_OK;
  DIR *dp = opendir(dir);
  if (!dp) return cx_diag_set(diag, CX_ERR_IO, dir, -1, "%s", strerror(errno));
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(dp))) {
    if (e->d_name[0] == '.') continue; /* hidden files and . .. */
    if (n == cap) {
      cap = cap ? cap * 2 : 32;
      names = cx_xrealloc(names, cap * sizeof *names);
    }
    names[n++] = cx_xstrdup(e->d_name);
  }
  closedir(dp);
  qsort(names, n, sizeof *names, name_cmp);
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') dl--;
  for (size_t i = 0; i < n; i++) {
    size_t len = dl + 1 + strlen(names[i]) + 1;
    char *p = cx_xmalloc(len);
    snprintf(p, len, "%.*s/%s", (int)dl, dir, names[i]);
    struct stat st;
    if (stat(p, &st) == 0) {
      if (S_ISDIR(st.st_mode)) walk(in, p, depth + 1, diag);
      else if (S_ISREG(st.st_mode) && cx_reader_for_path(p)) push(in, p);
    }
    free(p);
    free(names[i]);
  }
  free(names);
  return CX_OK;
}

cx_status cx_inputs_add(cx_inputs *in, const char *path, cx_diag *diag) {
  if (strcmp(path, "-") == 0) {
    push(in, path);
    return CX_OK;
  }
  struct stat st;
  if (stat(path, &st) != 0)
    return cx_diag_set(diag, CX_ERR_IO, path, -1, "%s", strerror(errno));
  if (S_ISDIR(st.st_mode)) return walk(in, path, 0, diag);
  push(in, path);
  return CX_OK;
}
