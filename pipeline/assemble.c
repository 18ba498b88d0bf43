/* Claim assembly: one claim per distinct sentence that carries a figure, a
 * date, or an attribution/denial. Identical sentences (a body printed twice)
 * come out once, counting their repeats. */
#include <string.h>
#define XXH_INLINE_ALL /* a claim id hashes a few dozen bytes: no call */
#include <xxhash.h>

#include "dedup.h"
#include "internal.h"

static bool is_figure(cx_mention_type t) {
  switch (t) {
    case CX_MONEY: case CX_COUNT: case CX_PERCENT: case CX_DATE:
    case CX_TIME: case CX_DATERANGE: case CX_DURATION: case CX_SET:
      return true;
    default:
      return false;
  }
}

/* XXH3 of the document id (with its NUL) then the sentence hash: one call
 * over both when they fit a small buffer (the same value as the streaming
 * form, which long ids take). */
static void claim_id(const char *id, size_t id_n, uint64_t sent_hash, char out[17]) {
  uint64_t h;
  char buf[256];
  if (id_n + 1 + sizeof sent_hash <= sizeof buf) {
    memcpy(buf, id, id_n + 1);
    memcpy(buf + id_n + 1, &sent_hash, sizeof sent_hash);
    h = XXH3_64bits(buf, id_n + 1 + sizeof sent_hash);
  } else {
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    XXH3_64bits_update(&st, id, id_n + 1);
    XXH3_64bits_update(&st, &sent_hash, sizeof sent_hash);
    h = XXH3_64bits_digest(&st);
  }
  cx_hex16(out, h);
  out[16] = '\0';
}

/* Cues ordered outermost first: document credit lines, then by nesting
 * level the attribution stage assigned (value), then position. */
static int cue_rank_cmp(const cx_mention *a, const cx_mention *b) {
  int ca = !(a->flags & CX_MF_DOC_CREDIT), cb = !(b->flags & CX_MF_DOC_CREDIT);
  if (ca != cb) return ca - cb;
  if (a->value != b->value) return a->value < b->value ? -1 : 1;
  return a->start < b->start ? -1 : a->start > b->start;
}

/* mi: the first mention starting at or after the sentence (mentions are
 * sorted by start), so only the sentence's own mentions are scanned. */
static void build_attribution(cx_doc *d, cx_claim *c, const cx_sent *s, size_t mi,
                              const cx_mention **credits, size_t n_credits) {
  const cx_mention *cues[32];
  size_t n = 0;
  for (size_t i = 0; i < n_credits && n < 32; i++) cues[n++] = credits[i];
  for (size_t i = mi; i < d->n_mentions && d->mentions[i].start <= s->end && n < 32; i++) {
    const cx_mention *m = &d->mentions[i];
    if (m->type != CX_CUE || (m->flags & CX_MF_DOC_CREDIT)) continue;
    if (m->start >= s->start && m->end <= s->end) cues[n++] = m;
  }
  /* insertion sort: few cues per sentence */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && cue_rank_cmp(cues[j - 1], cues[j]) > 0; j--) {
      const cx_mention *t = cues[j];
      cues[j] = cues[j - 1];
      cues[j - 1] = t;
    }
  c->attribution = cx_arena_alloc(d->arena, (n ? n : 1) * sizeof *c->attribution);
  c->n_attribution = 0;
  c->stance = CX_ST_ASSERTS;
  bool hedged = false;
  for (size_t i = 0; i < n; i++) {
    const cx_mention *m = cues[i];
    if (!m->str) { /* a hedge or stance marker without a source */
      if (m->stance == CX_ST_HEDGED) hedged = true;
      else c->stance = m->stance;
      continue;
    }
    /* the same source twice in a row (credit repeated in the sentence) */
    if (c->n_attribution &&
        strcmp(c->attribution[c->n_attribution - 1].source, m->str) == 0)
      c->n_attribution--;
    c->attribution[c->n_attribution++] =
        (cx_attrib){m->str, m->str2 ? m->str2 : "", m->stance};
    c->stance = m->stance;
  }
  /* "The claim could not be independently verified." right after */
  if (s + 1 < d->sents + d->n_sents)
    for (size_t i = mi; i < d->n_mentions; i++) {
      const cx_mention *m = &d->mentions[i];
      if (m->start >= s[1].end) break;
      if (m->type == CX_CUE && m->start >= s[1].start && m->rule &&
          strcmp(m->rule, "hedge-previous") == 0)
        hedged = true;
    }
  if (hedged && (c->stance == CX_ST_ASSERTS || c->stance == CX_ST_REPORTS ||
                 c->stance == CX_ST_CLAIMS))
    c->stance = CX_ST_HEDGED;
}

void cx_assemble(cx_doc *d) {
  d->claims = cx_arena_alloc(d->arena, (d->n_sents ? d->n_sents : 1) * sizeof *d->claims);
  d->claim_mentions = cx_arena_alloc(d->arena, (d->n_mentions ? d->n_mentions : 1) * sizeof(uint32_t));
  d->n_claims = d->n_claim_mentions = 0;
  /* claim sentence hashes: open addressing, claim index + 1 (0 = empty) */
  size_t slots = 16;
  while (slots < d->n_sents * 2) slots *= 2;
  uint64_t *hashes = cx_arena_alloc(d->arena, slots * sizeof *hashes);
  uint32_t *owner = cx_arena_alloc(d->arena, slots * sizeof *owner);
  memset(owner, 0, slots * sizeof *owner);
  const char *id = d->id ? d->id : "";
  size_t id_n = strlen(id);
  const cx_mention *credits[8];
  size_t n_credits = 0;
  for (size_t i = 0; i < d->n_mentions && n_credits < 8; i++)
    if (d->mentions[i].type == CX_CUE && (d->mentions[i].flags & CX_MF_DOC_CREDIT))
      credits[n_credits++] = &d->mentions[i];

  size_t mi = 0; /* mentions are sorted by start */
  for (size_t si = 0; si < d->n_sents; si++) {
    const cx_sent *s = &d->sents[si];
    while (mi < d->n_mentions && d->mentions[mi].start < s->start) mi++;
    bool worthy = false;
    size_t first = d->n_claim_mentions;
    for (size_t k = mi; k < d->n_mentions && d->mentions[k].start < s->end; k++) {
      const cx_mention *m = &d->mentions[k];
      if (m->end > s->end) continue;
      if (m->type == CX_CUE) {
        if (m->str || m->stance == CX_ST_DENIES) worthy = true;
        continue;
      }
      if (is_figure(m->type)) worthy = true;
      d->claim_mentions[d->n_claim_mentions++] = (uint32_t)k;
    }
    if (!worthy) {
      d->n_claim_mentions = first;
      continue;
    }
    /* a sentence that is a whole paragraph has its hash already (the
     * dedup stage hashed every paragraph the same way) */
    const cx_para *p = s->para < d->n_paras ? &d->paras[s->para] : NULL;
    uint64_t h = p && p->start == s->start && p->end == s->end
                     ? p->hash
                     : cx_passage_hash(d->norm + s->start, s->end - s->start);
    size_t slot = h & (slots - 1);
    while (owner[slot] && hashes[slot] != h) slot = (slot + 1) & (slots - 1);
    if (owner[slot]) {
      d->claims[owner[slot] - 1].repeats++;
      d->n_claim_mentions = first;
      continue;
    }
    cx_claim *c = &d->claims[d->n_claims];
    memset(c, 0, sizeof *c);
    hashes[slot] = h;
    owner[slot] = (uint32_t)d->n_claims + 1;
    c->sent = (uint32_t)si;
    c->start = s->start;
    c->end = s->end;
    c->first_mention = (uint32_t)first;
    c->n_mentions = (uint32_t)(d->n_claim_mentions - first);
    c->repeats = 1;
    claim_id(id, id_n, h, c->id);
    build_attribution(d, c, s, mi, credits, n_credits);
    d->n_claims++;
  }
}
