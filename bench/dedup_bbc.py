#!/usr/bin/env python3
"""Scores claimx's document-level syndication links on a directory of
articles against word 5-gram overlap computed here.

Usage: bench/dedup_bbc.py [--claimx build/claimx] DIR

Ground truth: for every pair of documents, the share of word 5-grams they
have in common, as Jaccard (|A∩B|/|A∪B|) and as containment
(|A∩B|/min(|A|,|B|)). Reports recall on pairs with share >= 0.8 and the
number of linked pairs whose share is < 0.3, for both definitions.
"""
import argparse, collections, json, os, re, subprocess, sys

def grams(text):
    w = re.findall(r"[a-z0-9]+", text.lower())
    return {hash(tuple(w[i:i + 5])) for i in range(len(w) - 4)}

ap = argparse.ArgumentParser()
ap.add_argument("--claimx", default="build/claimx")
ap.add_argument("dir")
a = ap.parse_args()
out = subprocess.run([a.claimx, "extract", "--format", "docs", a.dir],
                     capture_output=True, text=True)
docs = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
g = {d["doc"]: grams(d["text"]) for d in docs}
links = {frozenset((d["doc"], d["copy_of"]["doc"])) for d in docs if d.get("copy_of")}
inv = collections.defaultdict(list)
for doc, s in g.items():
    for h in s:
        inv[h].append(doc)
common = collections.Counter()
for h, ds in inv.items():
    if 1 < len(ds) <= 50:
        for i in range(len(ds)):
            for j in range(i + 1, len(ds)):
                common[frozenset((ds[i], ds[j]))] += 1
res = {}
for name, share in (("jaccard", lambda a, b, c: c / (len(g[a]) + len(g[b]) - c)),
                    ("containment", lambda a, b, c: c / max(1, min(len(g[a]), len(g[b]))))):
    hi = set(); sh = {}
    for p, c in common.items():
        x, y = tuple(p)
        s = share(x, y, c); sh[p] = s
        if s >= 0.8: hi.add(p)
    found = len(hi & links)
    low = [p for p in links if sh.get(p, 0.0) < 0.3]
    for p in low: print(f"  {name} linked below 0.3: {sorted(p)} share={sh.get(p, 0.0):.2f}", file=sys.stderr)
    res[name] = {"pairs_ge_0.8": len(hi), "linked": found,
                 "recall": round(found / len(hi), 4) if hi else 1.0,
                 "linked_below_0.3": len(low)}
    missed = sorted(hi - links, key=lambda p: -sh[p])[:10]
    for p in missed:
        print(f"  {name} missed {sorted(p)} share={sh[p]:.2f}", file=sys.stderr)
print(json.dumps({"docs": len(docs), "links": len(links), **res}, indent=1))
