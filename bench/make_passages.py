#!/usr/bin/env python3
"""Synthetic JSON Lines dump of N distinct passages (for the de-duplication
index's memory at scale): documents of 10 paragraphs of 12-20 random words
from a fixed vocabulary, seeded, so no two paragraphs are alike.

Usage: bench/make_passages.py OUT.jsonl [--passages 1000000]
"""
import argparse, json, random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--passages", type=int, default=1000000)
a = ap.parse_args()
rnd = random.Random(7)
syll = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fi", "gu", "he", "ju"]
vocab = sorted({"".join(rnd.choice(syll) for _ in range(rnd.randint(2, 4))) for _ in range(20000)})
with open(a.out, "w") as f:
    n = 0
    while n < a.passages:
        paras = []
        for _ in range(min(10, a.passages - n)):
            words = [rnd.choice(vocab) for _ in range(rnd.randint(12, 20))]
            paras.append(" ".join(words).capitalize() + ".")
            n += 1
        f.write(json.dumps({"id": f"syn/{n}", "published": "2024-01-%02d" % (1 + n % 28),
                            "text": "\n\n".join(paras)}) + "\n")
print(f"{a.out}: {n} passages")
