/* Reader registry and metadata helpers shared by readers. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "reader.h"

extern const cx_reader cx_reader_txt, cx_reader_jsonl, cx_reader_html,
    cx_reader_rss, cx_reader_xml, cx_reader_warc;

static const cx_reader *const readers[] = {&cx_reader_txt, &cx_reader_jsonl,
                                           &cx_reader_html, &cx_reader_rss,
                                           &cx_reader_xml, &cx_reader_warc,
                                           NULL};

/* Compression suffixes are looked through: "a.jsonl.gz" reads as jsonl. */
static const char *const packed[] = {".gz", ".zst", ".zstd", NULL};

static bool ends_with(const char *s, size_t n, const char *suf) {
  size_t k = strlen(suf);
  return n >= k && strncasecmp(s + n - k, suf, k) == 0;
}

const cx_reader *cx_reader_for_path(const char *path) {
  size_t n = strlen(path);
  for (int i = 0; packed[i]; i++)
    if (ends_with(path, n, packed[i])) {
      n -= strlen(packed[i]);
      break;
    }
  for (int r = 0; readers[r]; r++)
    for (int e = 0; readers[r]->extensions[e]; e++)
      if (ends_with(path, n, readers[r]->extensions[e])) return readers[r];
  return NULL;
}

const cx_reader *cx_reader_by_name(const char *name) {
  for (int r = 0; readers[r]; r++)
    if (strcmp(readers[r]->name, name) == 0) return readers[r];
  return NULL;
}

static char *trimmed(cx_arena *a, const char *v, size_t n) {
  while (n && isspace((unsigned char)*v)) v++, n--;
  while (n && isspace((unsigned char)v[n - 1])) n--;
  return cx_arena_strndup(a, v, n);
}

void cx_doc_set_meta(cx_doc *d, const char *key, size_t kn, const char *val,
                     size_t vn) {
  char *v = trimmed(d->arena, val, vn);
  if (!*v) return;
#define IS(k) (kn == strlen(k) && strncasecmp(key, k, kn) == 0)
  if (IS("title")) d->title = v;
  else if (IS("outlet") || IS("source")) { if (!d->outlet || IS("outlet")) d->outlet = v; }
  else if (IS("url") || IS("link")) d->url = v;
  else if (IS("author")) d->author = v;
  else if (IS("published") || IS("date")) {
    const char *iso = cx_published_iso(d->arena, v);
    if (iso && (!d->published || IS("published"))) d->published = iso;
  }
#undef IS
}

/* "YYYY-MM-DD": the form nearly every dump carries, read without sscanf */
static bool plain_iso_day(const char *s, int *y, int *mo, int *da) {
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i])) return false;
  *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  *mo = (s[5] - '0') * 10 + (s[6] - '0');
  *da = (s[8] - '0') * 10 + (s[9] - '0');
  return true;
}

const char *cx_published_iso(cx_arena *a, const char *raw) {
  int y, mo, da, h = -1, mi = 0;
  while (isspace((unsigned char)*raw)) raw++;
  if (plain_iso_day(raw, &y, &mo, &da) && raw[10] == '\0' && mo >= 1 && mo <= 12 &&
      da >= 1 && da <= 31)
    return cx_arena_strdup(a, raw);
  if (sscanf(raw, "%4d-%2d-%2d", &y, &mo, &da) == 3 && mo >= 1 && mo <= 12 &&
      da >= 1 && da <= 31) {
    if (sscanf(raw + 10, "%*[T ]%2d:%2d", &h, &mi) == 2 && h < 24 && mi < 60)
      return cx_arena_printf(a, "%04d-%02d-%02dT%02d:%02d", y, mo, da, h, mi);
    return cx_arena_printf(a, "%04d-%02d-%02d", y, mo, da);
  }
  /* ISO 8601 basic format (NITF norm attributes): 20240315T120000Z */
  if (sscanf(raw, "%4d%2d%2d", &y, &mo, &da) == 3 && isdigit((unsigned char)raw[7]) &&
      mo >= 1 && mo <= 12 && da >= 1 && da <= 31) {
    if (raw[8] == 'T' && sscanf(raw + 9, "%2d%2d", &h, &mi) == 2 && h < 24 && mi < 60)
      return cx_arena_printf(a, "%04d-%02d-%02dT%02d:%02d", y, mo, da, h, mi);
    return cx_arena_printf(a, "%04d-%02d-%02d", y, mo, da);
  }
  /* RFC 822 (RSS), "16 May 2023", "May 16, 2023" */
  static const char *const formats[] = {
      "%a, %d %b %Y %H:%M", "%d %b %Y %H:%M", "%a, %d %b %Y", "%d %b %Y",
      "%B %d, %Y %H:%M",    "%B %d, %Y",      "%b %d, %Y",    "%d %B %Y",
      "%Y/%m/%d",           NULL};
  for (int i = 0; formats[i]; i++) {
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_hour = -1;
    const char *end = strptime(raw, formats[i], &tm);
    if (!end) continue;
    if (tm.tm_hour >= 0 && strchr(formats[i], 'H'))
      return cx_arena_printf(a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
                             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
    return cx_arena_printf(a, "%04d-%02d-%02d", tm.tm_year + 1900,
                           tm.tm_mon + 1, tm.tm_mday);
  }
  return NULL;
}
