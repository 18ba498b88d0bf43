/* Compare output as one self-contained HTML file (inline CSS and a few
 * lines of JS, no external assets): a timeline of who published when, then
 * per group a table with one column per outlet, its claims and the values
 * it gives for each figure; conflicting figures are highlighted. Data
 * attributes (data-group, data-conflict, data-outlet, data-value) let tests
 * and scripts read the DOM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_render.h"

static void esc(cx_buf *b, const char *s) {
  if (!s) return;
  for (; *s; s++) {
    switch (*s) {
      case '&': cx_buf_puts(b, "&amp;"); break;
      case '<': cx_buf_puts(b, "&lt;"); break;
      case '>': cx_buf_puts(b, "&gt;"); break;
      case '"': cx_buf_puts(b, "&quot;"); break;
      case '\'': cx_buf_puts(b, "&#39;"); break;
      default: cx_buf_putc(b, *s);
    }
  }
}

static const char css[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}"
    "h1{font-size:20px}h2{font-size:16px;margin:0 0 8px}"
    ".summary{color:#555}"
    "#timeline{position:relative;background:#fff;border:1px solid #ddd;padding:12px;margin:16px 0}"
    "#timeline ol{list-style:none;margin:0;padding:0}"
    "#timeline li{position:relative;height:22px;border-bottom:1px dotted #eee}"
    "#timeline .dot{position:absolute;left:calc(var(--x)*0.55 + 40%);top:5px;width:10px;height:10px;"
    "border-radius:50%;background:#36c}"
    "#timeline .label{position:absolute;left:0;width:39%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}"
    ".group{background:#fff;border:1px solid #ddd;border-left:6px solid #9c9;padding:12px;margin:16px 0}"
    ".group[data-conflict=true]{border-left-color:#d33}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th,td{border:1px solid #e3e3e3;padding:6px;vertical-align:top;text-align:left}"
    "thead th{background:#f3f3f3}"
    "tr.figure th{width:14%;font-weight:600}"
    "tr.figure[data-conflict=true] td{background:#fde2e2}"
    "tr.figure[data-conflict=true] th::after{content:' \\26A0 conflict';color:#c00}"
    ".claim{margin:0 0 6px}.copy{color:#888;font-size:12px;overflow-wrap:anywhere}"
    ".quoted{color:#777;font-style:italic}.conflicting{font-weight:700;color:#a00}"
    ".explanation{color:#a00;margin:8px 0 0}"
    "body.only-conflicts .group[data-conflict=false]{display:none}";

static const char js[] =
    "document.getElementById('only').addEventListener('change',function(e){"
    "document.body.classList.toggle('only-conflicts',e.target.checked);});";

/* Minutes since 1970 of an ISO date or date-time; -1 when unreadable. */
static double minutes(const char *s) {
  int y, m, d, hh = 0, mm = 0;
  if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
  if (strlen(s) >= 16) sscanf(s + 11, "%2d:%2d", &hh, &mm);
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
  long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
  return days * 1440.0 + hh * 60 + mm;
}

static const char *col_key(const cx_cmp_claim *k) { return k->outlet ? k->outlet : k->doc; }

static void timeline(const cx_compare *c, bool only_conflicts, cx_buf *b) {
  /* distinct documents in groups, in claim order (published, doc) */
  size_t n = cx_compare_n_claims(c), nd = 0;
  const cx_cmp_claim **docs = cx_xmalloc((n + 1) * sizeof *docs);
  for (size_t gi = 0; gi < cx_compare_n_groups(c); gi++) {
    const cx_cmp_group *g = cx_compare_group(c, gi);
    if (only_conflicts && !g->conflict) continue;
    for (size_t i = 0; i < g->n_claims; i++) {
      const cx_cmp_claim *k = cx_compare_claim(c, g->claims[i]);
      bool seen = false;
      for (size_t j = 0; j < nd && !seen; j++) seen = !strcmp(docs[j]->doc, k->doc);
      if (!seen) docs[nd++] = k;
    }
  }
  /* insertion sort by publication time, then doc */
  for (size_t i = 1; i < nd; i++)
    for (size_t j = i; j > 0; j--) {
      const cx_cmp_claim *x = docs[j - 1], *y = docs[j];
      int r = (!x->published || !y->published) ? !x->published - !y->published
                                               : strcmp(x->published, y->published);
      if (!r) r = strcmp(x->doc, y->doc);
      if (r <= 0) break;
      docs[j - 1] = y;
      docs[j] = x;
    }
  double lo = -1, hi = -1;
  for (size_t i = 0; i < nd; i++) {
    double t = minutes(docs[i]->published);
    if (t < 0) continue;
    if (lo < 0 || t < lo) lo = t;
    if (t > hi) hi = t;
  }
  cx_buf_puts(b, "<section id=\"timeline\"><h2>Who published when</h2><ol>\n");
  for (size_t i = 0; i < nd; i++) {
    double t = minutes(docs[i]->published);
    double x = t < 0 ? 100 : (hi > lo ? 100 * (t - lo) / (hi - lo) : 0);
    cx_buf_printf(b, "<li class=\"tl\" data-doc=\"");
    esc(b, docs[i]->doc);
    cx_buf_puts(b, "\" data-outlet=\"");
    esc(b, docs[i]->outlet);
    cx_buf_puts(b, "\" data-published=\"");
    esc(b, docs[i]->published);
    cx_buf_printf(b, "\" style=\"--x:%.1f%%\"><span class=\"label\">", x);
    esc(b, docs[i]->published ? docs[i]->published : "undated");
    cx_buf_puts(b, " &middot; <b>");
    esc(b, docs[i]->outlet ? docs[i]->outlet : "unknown outlet");
    cx_buf_puts(b, "</b> &middot; ");
    esc(b, docs[i]->doc);
    cx_buf_puts(b, "</span><span class=\"dot\"></span></li>\n");
  }
  cx_buf_puts(b, "</ol></section>\n");
  free(docs);
}

static void group_html(const cx_compare *c, size_t gi, cx_buf *b) {
  const cx_cmp_group *g = cx_compare_group(c, gi);
  const cx_cmp_claim *first = cx_compare_claim(c, g->first);
  /* columns: outlets (or docs without one) in order of first appearance */
  const char **cols = cx_xmalloc((g->n_claims + 1) * sizeof *cols);
  size_t nc = 0;
  for (size_t i = 0; i < g->n_claims; i++) {
    const char *key = col_key(cx_compare_claim(c, g->claims[i]));
    bool seen = false;
    for (size_t j = 0; j < nc && !seen; j++) seen = !strcmp(cols[j], key);
    if (!seen) cols[nc++] = key;
  }
  cx_buf_printf(b, "<section class=\"group\" id=\"g%zu\" data-group=\"%zu\" data-conflict=\"%s\" data-claims=\"%zu\" data-outlets=\"%zu\">\n",
                gi + 1, gi + 1, g->conflict ? "true" : "false", g->n_claims, nc);
  cx_buf_printf(b, "<h2>Group %zu%s</h2><p class=\"first\">First: <b>", gi + 1,
                g->conflict ? " &mdash; outlets disagree" : "");
  esc(b, first->outlet ? first->outlet : "unknown outlet");
  cx_buf_puts(b, "</b>, ");
  esc(b, first->published ? first->published : "undated");
  cx_buf_puts(b, " (");
  esc(b, first->doc);
  cx_buf_puts(b, ")</p>\n<table><thead><tr><th></th>");
  for (size_t j = 0; j < nc; j++) {
    cx_buf_puts(b, "<th data-outlet=\"");
    esc(b, cols[j]);
    cx_buf_puts(b, "\">");
    esc(b, cols[j]);
    cx_buf_puts(b, "</th>");
  }
  cx_buf_puts(b, "</tr></thead><tbody>\n<tr class=\"claims\"><th>claims</th>");
  for (size_t j = 0; j < nc; j++) {
    cx_buf_puts(b, "<td>");
    for (size_t i = 0; i < g->n_claims; i++) {
      const cx_cmp_claim *k = cx_compare_claim(c, g->claims[i]);
      if (strcmp(col_key(k), cols[j])) continue;
      cx_buf_puts(b, "<p class=\"claim\" data-claim=\"");
      esc(b, k->id);
      cx_buf_puts(b, "\" data-doc=\"");
      esc(b, k->doc);
      cx_buf_puts(b, "\">");
      esc(b, k->text);
      cx_buf_puts(b, " <span class=\"copy\">");
      esc(b, k->published ? k->published : "undated");
      cx_buf_puts(b, " &middot; ");
      esc(b, k->doc);
      if (k->copy_of >= 0) {
        cx_buf_puts(b, " &middot; copy of ");
        esc(b, cx_compare_claim(c, (size_t)k->copy_of)->doc);
      }
      if (k->doc_copy_of) {
        cx_buf_puts(b, " &middot; article syndicated from ");
        esc(b, k->doc_copy_of);
      }
      cx_buf_puts(b, "</span></p>");
    }
    cx_buf_puts(b, "</td>");
  }
  cx_buf_puts(b, "</tr>\n");
  for (size_t s = 0; s < g->n_slots; s++) {
    const cx_cmp_slot *sl = &g->slots[s];
    cx_buf_printf(b, "<tr class=\"figure\" data-type=\"%s\" data-unit=\"", cx_fig_type_name(sl->type));
    esc(b, sl->unit);
    cx_buf_printf(b, "\" data-conflict=\"%s\"><th>%s", sl->conflict ? "true" : "false",
                  cx_fig_type_name(sl->type));
    if (sl->unit) {
      cx_buf_puts(b, " (");
      esc(b, sl->unit);
      cx_buf_putc(b, ')');
    }
    cx_buf_puts(b, "</th>");
    for (size_t j = 0; j < nc; j++) {
      cx_buf_puts(b, "<td>");
      for (size_t v = 0; v < sl->n_values; v++) {
        const cx_cmp_value *val = &sl->values[v];
        bool here = false, quoting = true;
        const char *quoted = NULL;
        for (size_t i = 0; i < val->n_claims; i++) {
          const cx_cmp_claim *k = cx_compare_claim(c, val->claims[i]);
          if (strcmp(col_key(k), cols[j])) continue;
          here = true;
          if (!k->quotes) quoting = false;
          else quoted = k->quotes;
        }
        if (!here) continue;
        cx_buf b2;
        cx_buf_init(&b2);
        cx_compare_value_label(&b2, &val->fig);
        cx_buf_printf(b, "<span class=\"value%s%s\" data-conflicting=\"%s\" data-value=\"",
                      quoting ? " quoted" : "", val->conflicting ? " conflicting" : "",
                      val->conflicting ? "true" : "false");
        esc(b, b2.data);
        cx_buf_puts(b, "\">");
        esc(b, b2.data);
        if (quoting) {
          cx_buf_puts(b, " (quoting ");
          esc(b, quoted);
          cx_buf_putc(b, ')');
        }
        cx_buf_puts(b, "</span> ");
        cx_buf_free(&b2);
      }
      cx_buf_puts(b, "</td>");
    }
    cx_buf_puts(b, "</tr>\n");
  }
  cx_buf_puts(b, "</tbody></table>\n");
  for (size_t s = 0; s < g->n_slots; s++)
    if (g->slots[s].explanation) {
      cx_buf_printf(b, "<p class=\"explanation\" data-type=\"%s\">", cx_fig_type_name(g->slots[s].type));
      esc(b, g->slots[s].explanation);
      cx_buf_puts(b, "</p>\n");
    }
  cx_buf_puts(b, "</section>\n");
  free(cols);
}

void cx_compare_render_html(const cx_compare *c, bool only_conflicts, cx_buf *b) {
  size_t groups = 0, conflicts = 0;
  for (size_t gi = 0; gi < cx_compare_n_groups(c); gi++) {
    const cx_cmp_group *g = cx_compare_group(c, gi);
    if (only_conflicts && !g->conflict) continue;
    groups++;
    for (size_t s = 0; s < g->n_slots; s++) conflicts += g->slots[s].conflict;
  }
  cx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                 "<title>claimx compare</title><style>");
  cx_buf_puts(b, css);
  cx_buf_puts(b, "</style></head>\n<body>\n<h1>claimx compare</h1>\n");
  cx_buf_printf(b, "<p class=\"summary\" data-groups=\"%zu\" data-conflicts=\"%zu\">%zu groups of claims "
                "from different documents, %zu conflicting figures. "
                "<label><input type=\"checkbox\" id=\"only\"> only conflicts</label></p>\n",
                groups, conflicts, groups, conflicts);
  timeline(c, only_conflicts, b);
  for (size_t gi = 0; gi < cx_compare_n_groups(c); gi++) {
    const cx_cmp_group *g = cx_compare_group(c, gi);
    if (only_conflicts && !g->conflict) continue;
    group_html(c, gi, b);
  }
  cx_buf_puts(b, "<script>");
  cx_buf_puts(b, js);
  cx_buf_puts(b, "</script>\n</body></html>\n");
}
