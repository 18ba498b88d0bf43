#!/usr/bin/env python3
"""Synthetic syndication benchmark with known ground truth.

Takes N original articles from a directory of .txt files (the BBC corpus by
default), writes a JSON Lines dump holding the originals plus edited copies
(word substitutions, added and removed sentences, a new lead, truncation) at
several edit rates, runs `claimx extract --format docs` on it and reports
precision, recall and throughput of the copy → original links.

Usage: bench/synth_syndication.py [--claimx build/claimx] [--n 400] [--seed 7]
The data is generated on every run and never committed.
"""
import argparse, json, os, random, re, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--claimx", default="build/claimx")
ap.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "news-bbc", "bbc"))
ap.add_argument("--n", type=int, default=400)
ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()
rng = random.Random(a.seed)

arts = []
for root, _, files in sorted(os.walk(a.src)):
    for f in sorted(files):
        if f.endswith(".txt") and f != "README.TXT":
            raw = open(os.path.join(root, f), "rb").read().decode("utf-8", "replace")
            title, _, body = raw.partition("\n")
            paras = [p.strip() for p in body.split("\n") if p.strip()]
            if len(paras) >= 4:
                arts.append(paras)
rng.shuffle(arts)
# drop articles that already overlap another (the source has its own
# near-duplicates) so that the ground truth is clean
def grams5(p):
    w = re.findall(r"[a-z0-9]+", " ".join(p).lower())
    return {hash(tuple(w[i:i + 5])) for i in range(len(w) - 4)}
owner, uniq = {}, []
for p in arts:
    g = grams5(p)
    hits = {}
    for h in g:
        if h in owner:
            hits[owner[h]] = hits.get(owner[h], 0) + 1
    if any(c / max(1, len(g)) > 0.1 for c in hits.values()):
        continue
    for h in g:
        owner.setdefault(h, len(uniq))
    uniq.append(p)
originals = uniq[: a.n]
filler = [s for p in uniq[a.n: a.n + 300] for s in re.split(r"(?<=[.!?])\s+", p[0])]
words = sorted({w for p in originals for w in " ".join(p).split() if w.isalpha() and len(w) > 3})

def sentences(p):
    return re.split(r"(?<=[.!?])\s+", p)

def edit(paras, rate):
    out = []
    for p in paras:
        ws = p.split()
        ws = [rng.choice(words) if rng.random() < rate else w for w in ws]
        out.append(" ".join(ws))
    return out

EDITS = {
    "identical": lambda p: list(p),
    "subst_2pct": lambda p: edit(p, 0.02),
    "subst_5pct": lambda p: edit(p, 0.05),
    "subst_10pct": lambda p: edit(p, 0.10),
    "new_lead": lambda p: [" ".join(rng.sample(filler, 2))] + list(p[1:]),
    "sentence_added": lambda p: [x + " " + rng.choice(filler) if i % 3 == 1 else x for i, x in enumerate(p)],
    "sentence_removed": lambda p: [" ".join(sentences(x)[:-1]) or x if i % 2 else x for i, x in enumerate(p)],
    "truncated_60pct": lambda p: list(p[: max(2, int(len(p) * 0.6))]),
    "dateline_credit": lambda p: ["LONDON (Wire) - " + p[0]] + list(p[1:]) + ["Reporting by Wire staff."],
}

docs, truth = [], {}
for i, p in enumerate(originals):
    oid = f"orig-{i}"
    docs.append({"id": oid, "outlet": "Origin", "published": "2005-01-01", "text": "\n\n".join(p)})
    kind = list(EDITS)[i % len(EDITS)]
    if i % 4 != 3:  # a quarter of the originals stay unique (negatives)
        cid = f"copy-{i}-{kind}"
        docs.append({"id": cid, "outlet": "Copier", "published": "2005-01-02",
                     "text": "\n\n".join(EDITS[kind](p))})
        truth[cid] = (oid, kind)
rng.shuffle(docs)
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "synth.jsonl")
with open(path, "w") as f:
    for d in docs:
        f.write(json.dumps(d) + "\n")
size = os.path.getsize(path)
t0 = time.time()
out = subprocess.run([a.claimx, "extract", "--format", "docs", path], capture_output=True, text=True)
dt = time.time() - t0
links = {}
for line in out.stdout.splitlines():
    d = json.loads(line)
    if d.get("copy_of"):
        links[d["doc"]] = d["copy_of"]["doc"]
tp = sum(1 for c, o in links.items() if truth.get(c, (None,))[0] == o)
fp = len(links) - tp
per_kind = {}
for c, (o, kind) in truth.items():
    k = per_kind.setdefault(kind, [0, 0])
    k[1] += 1
    k[0] += links.get(c) == o
res = {"documents": len(docs), "true_links": len(truth), "found": len(links),
       "precision": round(tp / len(links), 4) if links else 1.0,
       "recall": round(tp / len(truth), 4) if truth else 1.0,
       "false_links": fp, "MB_per_s": round(size / 1e6 / dt, 2),
       "recall_by_edit": {k: f"{v[0]}/{v[1]}" for k, v in per_kind.items()}}
print(json.dumps(res, indent=1))
os.remove(path); os.rmdir(tmp)
