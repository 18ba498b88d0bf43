#!/usr/bin/env python3
"""Writes the BBC corpus articles (or any directory of .txt articles) as
HTML pages with page furniture (cookie banner, navigation, sidebar, related
links, footer, scripts, JSON-LD-free metadata), as plain text with a header
block, and as one WARC file of those pages: the same articles in three
shapes, for reader benchmarks.

Usage: bench/make_pages.py OUTDIR [--mb 20] [--src DIR]
"""
import argparse, html, os

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--mb", type=float, default=20)
ap.add_argument("--src", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "news-bbc", "bbc"))
a = ap.parse_args()
for sub in ("html", "txt"):
    os.makedirs(os.path.join(a.out, sub), exist_ok=True)
arts = []
for root, _, files in sorted(os.walk(a.src)):
    for f in sorted(files):
        if f.endswith(".txt") and f != "README.TXT":
            raw = open(os.path.join(root, f), "rb").read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            title, _, body = text.partition("\n")
            arts.append((title.strip(), [p.strip() for p in body.split("\n") if p.strip()]))
FURNITURE_TOP = ('<div id="cookie-banner" class="consent">We and our 812 partners use cookies. '
                 '<button>Accept</button></div><header class="site-header"><nav><a href="/">Home</a> '
                 '<a href="/news">News</a> <a href="/sport">Sport 24/7</a></nav></header>')
SIDEBAR = ('<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/1">Prices up 4%</a></li>'
           '<li><a href="/2">3,000 jobs cut</a></li></ol></aside>'
           '<div class="related"><h3>Related</h3><p><a href="/3">Fares rise by $2</a></p></div>')
FOOTER = '<footer><p>&copy; 2005 Example News, 10 Main Street</p></footer><script>var pv=123456;</script>'
total = 0
n = 0
warc = open(os.path.join(a.out, "pages.warc"), "wb")
while total < a.mb * 1e6:
    for title, paras in arts:
        if total >= a.mb * 1e6:
            break
        n += 1
        body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras)
        page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} - Example News</title>'
                f'<meta property="og:site_name" content="Example News">'
                f'<meta property="article:published_time" content="2005-03-0{n % 9 + 1}T10:00:00Z"></head><body>'
                f'{FURNITURE_TOP}<main><article><h1>{html.escape(title)}</h1>{body}</article>{SIDEBAR}</main>{FOOTER}'
                f'</body></html>\n').encode()
        open(os.path.join(a.out, "html", f"{n:06d}.html"), "wb").write(page)
        txt = f"Title: {title}\nOutlet: Example News\n\n" + "\n".join(paras) + "\n"
        open(os.path.join(a.out, "txt", f"{n:06d}.txt"), "w", encoding="utf-8").write(txt)
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page
        warc.write(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/%d\r\n"
                   b"WARC-Date: 2005-03-01T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
                   b"Content-Length: %d\r\n\r\n" % (n, len(http)) + http + b"\r\n\r\n")
        total += len(page)
warc.close()
print(f"{n} articles, {total / 1e6:.1f} MB of HTML")
