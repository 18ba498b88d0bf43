/* Compare output for a terminal: per group its claims (date, outlet, doc,
 * text) and a figure table, conflicts marked and explained. */
#include <string.h>

#include "compare_render.h"

/* Up to max bytes of s on one line, cut at a UTF-8 boundary. */
static void clipped(cx_buf *b, const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) {
    cx_buf_put(b, s, n);
    return;
  }
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  cx_buf_put(b, s, max);
  cx_buf_puts(b, "...");
}

void cx_compare_render_text(const cx_compare *c, bool only_conflicts, cx_buf *b) {
  size_t shown = 0, conflicts = 0;
  for (size_t gi = 0; gi < cx_compare_n_groups(c); gi++) {
    const cx_cmp_group *g = cx_compare_group(c, gi);
    if (only_conflicts && !g->conflict) continue;
    shown++;
    const cx_cmp_claim *first = cx_compare_claim(c, g->first);
    cx_buf_printf(b, "== group %zu%s: %zu claims, %zu outlets; first: %s, %s (%s)\n",
                  gi + 1, g->conflict ? "  [CONFLICT]" : "", g->n_claims,
                  g->n_outlets, first->outlet ? first->outlet : "unknown outlet",
                  first->published ? first->published : "undated", first->doc);
    for (size_t i = 0; i < g->n_claims; i++) {
      const cx_cmp_claim *k = cx_compare_claim(c, g->claims[i]);
      cx_buf_printf(b, "  %-20.20s %-22.22s %-24.24s ", k->published ? k->published : "undated",
                    k->outlet ? k->outlet : "-", k->doc);
      clipped(b, k->text, 90);
      if (k->copy_of >= 0) cx_buf_puts(b, "  (copy)");
      cx_buf_putc(b, '\n');
    }
    for (size_t s = 0; s < g->n_slots; s++) {
      const cx_cmp_slot *sl = &g->slots[s];
      cx_buf_printf(b, "  %s %-10s %-12s", sl->conflict ? "!!" : "  ",
                    cx_fig_type_name(sl->type), sl->unit ? sl->unit : "");
      for (size_t v = 0; v < sl->n_values; v++) {
        if (v) cx_buf_puts(b, " | ");
        cx_compare_value_label(b, &sl->values[v].fig);
        cx_buf_puts(b, ": ");
        cx_compare_value_outlets(c, &sl->values[v], b, false);
        if (sl->values[v].quoted) cx_buf_puts(b, " (quoting)");
      }
      cx_buf_putc(b, '\n');
      if (sl->explanation) {
        conflicts++;
        cx_buf_printf(b, "     conflict: %s\n", sl->explanation);
      }
    }
    cx_buf_putc(b, '\n');
  }
  cx_buf_printf(b, "%zu groups, %zu conflicting figures\n", shown, conflicts);
}
