#!/usr/bin/env python3
"""Builds a JSON Lines dump of about SIZE MB from a directory of .txt
articles (the BBC corpus by default), repeating it with distinct ids.

Usage: bench/make_dump.py OUT.jsonl [--mb 100] [--src DIR]
"""
import argparse, json, os

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--mb", type=float, default=100)
ap.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "news-bbc", "bbc"))
a = ap.parse_args()
arts = []
for root, _, files in sorted(os.walk(a.src)):
    for f in sorted(files):
        if not f.endswith(".txt") or f == "README.TXT":
            continue
        raw = open(os.path.join(root, f), "rb").read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        title, _, body = text.partition("\n")
        arts.append((os.path.relpath(os.path.join(root, f), a.src), title.strip(), body.strip()))
if not arts:
    raise SystemExit(f"no articles under {a.src}")
target = int(a.mb * 1e6)
size = rnd = 0
with open(a.out, "w", encoding="utf-8") as out:
    while size < target:
        for name, title, body in arts:
            line = json.dumps({"id": f"r{rnd}/{name}", "title": title,
                               "published": "2005-%02d-%02d" % (1 + rnd % 12, 1 + len(name) % 28),
                               "text": body}, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
            if size >= target:
                break
        rnd += 1
print(f"{a.out}: {size / 1e6:.1f} MB, {rnd} rounds of {len(arts)} articles")
