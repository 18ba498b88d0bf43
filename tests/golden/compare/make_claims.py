#!/usr/bin/env python3
"""Writes tests/golden/compare/claims.jsonl: claim records for the
corpus/compare story as the extractors are expected to produce them
(hand-specified mentions, offsets computed from the articles). The compare
goldens are built from this file, so they do not depend on the extractors.
Run from the repository root."""
import hashlib, json, re

def read_doc(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".txt"):
        head, body = raw.split("\n\n", 1)
        meta = {k.lower(): v for k, v in (l.split(": ", 1) for l in head.splitlines())}
        return [dict(id=path, outlet=meta["outlet"], published=meta["published"],
                     url=meta["url"], text=body)]
    return [dict(id=r["id"], outlet=r["outlet"], published=r["published"],
                 url=r["url"], text=r["text"])
            for r in map(json.loads, open(path, encoding="utf-8"))]

def money(t, amount, cur, q=None): return ("money", t, {"amount": amount, "currency": cur, "qualifier": q})
def count(t, n, unit, q=None): return ("count", t, {"count": n, "unit": unit, "qualifier": q})
def crange(t, lo, hi, unit, q=None): return ("count", t, {"min": lo, "max": hi, "unit": unit, "qualifier": q})
def date(t, d): return ("date", t, {"date": d})
def ent(kind, t, name): return (kind, t, {"name": name})

# per document: sentence prefix -> (mentions, attribution sources)
NW = {
 "Customs officers": ([ent("gpe", "Kestrel Bay", "Kestrel Bay"), count("37 drones", 37, "drone"),
                       date("on Tuesday", "2025-03-04")], ["port authority"]),
 "The freighter": ([ent("org", "Lorelei Star", "Lorelei Star"), ent("gpe", "Kestrel Bay", "Kestrel Bay"),
                    date("March 3, 2025", "2025-03-03"), ent("gpe", "Port Calloway", "Port Calloway")], []),
 "The cargo": ([money("$2.3 million", 2300000, "USD")], []),
 "The shipping line": ([ent("org", "Halvard Marine", "Halvard Marine"),
                        money("412 million won", 412000000, "KRW")], ["port authority"]),
 "Inspectors": ([crange("between 3,000 and 4,000 containers", 3000, 4000, "container")], []),
}
CP = {
 "Lawmakers": ([date("on Wednesday", "2025-03-05"), ent("gpe", "Kestrel Bay", "Kestrel Bay")], []),
 "Customs officers": NW["Customs officers"],
 "The freighter": NW["The freighter"],
 "The cargo": ([money("US$2.31 million", 2310000, "USD")], []),
 "Officers also": ([count("120 drones", 120, "drone")], []),
 "Inspectors": ([count("up to 4,000 containers", 4000, "container", "up_to")], []),
}
TT = {
 "Port officials": ([ent("gpe", "Kestrel Bay", "Kestrel Bay"), count("73 drones", 73, "drone"),
                     ent("org", "Lorelei Star", "Lorelei Star")], ["port authority"]),
 "Halvard Marine, the": ([ent("org", "Halvard Marine", "Halvard Marine"),
                          money("421 million won", 421000000, "KRW")], ["port authority"]),
 "Halvard Marine reported": ([ent("org", "Halvard Marine", "Halvard Marine"),
                              money("2.3 billion won", 2300000000, "KRW")], []),
 "Customs put": ([money("$2.3 million", 2300000, "USD")], []),
}
MD = {
 "The freighter": ([ent("org", "Lorelei Star", "Lorelei Star"), ent("gpe", "Kestrel Bay", "Kestrel Bay"),
                    date("March 13, 2025", "2025-03-13")], []),
 "The Tidewater": ([ent("org", "The Tidewater Times", "Tidewater Times"), count("73 drones", 73, "drone"),
                    ent("org", "Lorelei Star", "Lorelei Star")], ["Tidewater Times"]),
 "Halvard Marine was": ([ent("org", "Halvard Marine", "Halvard Marine"),
                         money("412 million won", 412000000, "KRW")], ["port authority"]),
 "Halvard Marine's": ([ent("org", "Halvard Marine", "Halvard Marine"),
                       money("about $2.3 million", 2300000, "USD", "about")], []),
}
PLAN = [("corpus/compare/01_northwind_wire.txt", NW), ("corpus/compare/02_valley_courier.txt", NW),
        ("corpus/compare/03_coastline_post.txt", CP), ("corpus/compare/04_tidewater_times.txt", TT),
        ("corpus/compare/05_meridian_daily.jsonl", MD)]

out = []
for path, plan in PLAN:
    doc = read_doc(path)[0]
    text = doc["text"]
    for n, m in enumerate(re.finditer(r"[^\n]+", text)):
        sent = m.group(0)
        key = next((k for k in plan if sent.startswith(k)), None)
        if key is None:
            continue
        mentions, sources = plan[key]
        ms = []
        for kind, surface, value in mentions:
            i = sent.index(surface)
            ms.append({"type": kind, "text": surface, "start": m.start() + i,
                       "end": m.start() + i + len(surface), "value": value})
        ms.sort(key=lambda x: x["start"])
        cid = hashlib.sha1((doc["id"] + "\0" + sent).encode()).hexdigest()[:16]
        out.append({"id": cid, "doc": doc["id"], "outlet": doc["outlet"], "published": doc["published"],
                    "url": doc["url"], "sentence": n, "start": m.start(), "end": m.end(), "text": sent,
                    "mentions": ms,
                    "attribution": [{"source": s, "cue": "said", "stance": "reports"} for s in sources],
                    "stance": "reports" if sources else "asserts", "repeats": 1, "also_in": []})
with open("tests/golden/compare/claims.jsonl", "w", encoding="utf-8") as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(out), "claims")
