/* Compare output as JSON Lines: one group per line, DESIGN.md's compare
 * contract ({"group","claims","figures"}) plus conflict, explanation,
 * first appearance, outlets and copy links. */
#include "compare_render.h"

static void value_json(cx_buf *b, const cx_cmp_figure *f) {
  if (f->type == CX_FIG_DATE) {
    cx_buf_json_cstr(b, f->start);
  } else if (f->type == CX_FIG_DATERANGE) {
    cx_buf b2;
    cx_buf_init(&b2);
    cx_buf_printf(&b2, "%s/%s", f->start ? f->start : "..", f->end ? f->end : "..");
    cx_buf_json_cstr(b, b2.data);
    cx_buf_free(&b2);
  } else if (f->range) {
    cx_buf_puts(b, "{\"min\":");
    cx_buf_json_num(b, f->min);
    cx_buf_puts(b, ",\"max\":");
    cx_buf_json_num(b, f->max);
    cx_buf_putc(b, '}');
  } else {
    cx_buf_json_num(b, f->value);
  }
}

void cx_compare_render_json(const cx_compare *c, bool only_conflicts, cx_buf *b) {
  for (size_t gi = 0; gi < cx_compare_n_groups(c); gi++) {
    const cx_cmp_group *g = cx_compare_group(c, gi);
    if (only_conflicts && !g->conflict) continue;
    const cx_cmp_claim *first = cx_compare_claim(c, g->first);
    cx_buf_printf(b, "{\"group\":%zu,\"conflict\":%s,\"first\":{\"doc\":", gi + 1,
                  g->conflict ? "true" : "false");
    cx_buf_json_cstr(b, first->doc);
    cx_buf_puts(b, ",\"outlet\":");
    cx_buf_json_cstr(b, first->outlet);
    cx_buf_puts(b, ",\"published\":");
    cx_buf_json_cstr(b, first->published);
    cx_buf_puts(b, "},\"outlets\":[");
    for (size_t i = 0; i < g->n_outlets; i++) {
      if (i) cx_buf_putc(b, ',');
      cx_buf_json_cstr(b, g->outlets[i]);
    }
    cx_buf_puts(b, "],\"claims\":[");
    for (size_t i = 0; i < g->n_claims; i++) {
      const cx_cmp_claim *k = cx_compare_claim(c, g->claims[i]);
      if (i) cx_buf_putc(b, ',');
      cx_buf_puts(b, "{\"id\":");
      cx_buf_json_cstr(b, k->id);
      cx_buf_puts(b, ",\"doc\":");
      cx_buf_json_cstr(b, k->doc);
      cx_buf_puts(b, ",\"outlet\":");
      cx_buf_json_cstr(b, k->outlet);
      cx_buf_puts(b, ",\"published\":");
      cx_buf_json_cstr(b, k->published);
      cx_buf_puts(b, ",\"text\":");
      cx_buf_json_cstr(b, k->text);
      cx_buf_puts(b, ",\"copy_of\":");
      if (k->copy_of >= 0) cx_buf_json_cstr(b, cx_compare_claim(c, (size_t)k->copy_of)->doc);
      else cx_buf_puts(b, "null");
      if (k->doc_copy_of) {
        cx_buf_puts(b, ",\"doc_copy_of\":");
        cx_buf_json_cstr(b, k->doc_copy_of);
      }
      if (k->quotes) {
        cx_buf_puts(b, ",\"quotes\":");
        cx_buf_json_cstr(b, k->quotes);
      }
      if (k->n_sources) {
        cx_buf_puts(b, ",\"sources\":[");
        for (size_t s = 0; s < k->n_sources; s++) {
          if (s) cx_buf_putc(b, ',');
          cx_buf_json_cstr(b, k->sources[s]);
        }
        cx_buf_putc(b, ']');
      }
      cx_buf_putc(b, '}');
    }
    cx_buf_puts(b, "],\"figures\":[");
    for (size_t s = 0; s < g->n_slots; s++) {
      const cx_cmp_slot *sl = &g->slots[s];
      if (s) cx_buf_putc(b, ',');
      cx_buf_puts(b, "{\"type\":");
      cx_buf_json_cstr(b, cx_fig_type_name(sl->type));
      cx_buf_puts(b, ",\"unit\":");
      cx_buf_json_cstr(b, sl->unit);
      cx_buf_puts(b, ",\"values\":[");
      for (size_t v = 0; v < sl->n_values; v++) {
        const cx_cmp_value *val = &sl->values[v];
        if (v) cx_buf_putc(b, ',');
        cx_buf_puts(b, "{\"value\":");
        value_json(b, &val->fig);
        cx_buf_puts(b, ",\"qualifier\":");
        cx_buf_json_cstr(b, cx_qualifier_name(val->fig.qualifier));
        cx_buf_puts(b, ",\"docs\":[");
        cx_compare_value_docs(c, val, b, true);
        cx_buf_puts(b, "],\"outlets\":[");
        cx_compare_value_outlets(c, val, b, true);
        cx_buf_printf(b, "],\"quoted\":%s,\"conflicting\":%s}", val->quoted ? "true" : "false",
                      val->conflicting ? "true" : "false");
      }
      cx_buf_printf(b, "],\"conflict\":%s", sl->conflict ? "true" : "false");
      if (sl->explanation) {
        cx_buf_puts(b, ",\"explanation\":");
        cx_buf_json_cstr(b, sl->explanation);
      }
      cx_buf_putc(b, '}');
    }
    cx_buf_puts(b, "]}\n");
  }
}
