#!/usr/bin/env bash
# Hostile inputs must end within seconds, without a crash (exit status 0 or
# 1, never a signal or 2) and without leaking local files.
# Usage: hostile.sh path/to/claimx   (run from the repository root)
set -u
BIN=${1:?claimx binary}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# XXE: an external entity pointing at /etc/passwd, in RSS and generic XML
cat > "$T/xxe.rss" <<'X'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Feed &xxe;</title>
<item><title>T &xxe;</title><description>Body &xxe; text with 3 apples.</description></item>
</channel></rss>
X
cp "$T/xxe.rss" "$T/xxe.xml"
# parameter entity / external DTD
cat > "$T/xxe-dtd.rss" <<'X'
<?xml version="1.0"?>
<!DOCTYPE rss SYSTEM "file:///etc/passwd">
<rss version="2.0"><channel><title>x</title><item><title>t</title><description>Body 5 pears.</description></item></channel></rss>
X
# billion laughs
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE rss ['
  echo ' <!ENTITY l0 "lollollollollollollollollollol">'
  for i in $(seq 1 12); do
    p=$((i - 1))
    echo " <!ENTITY l$i \"&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;&l$p;\">"
  done
  echo ']>'
  echo '<rss version="2.0"><channel><title>bomb</title><item><title>&l12;</title><description>&l12; 7 lols</description></item></channel></rss>'
} > "$T/laughs.rss"
# 200,000 levels of nesting
python3 - "$T" <<'X'
import sys, os
t = sys.argv[1]
open(os.path.join(t, "deep.html"), "w").write("<html><body>" + "<div>" * 200000 + "deep 42" + "</div>" * 200000 + "</body></html>")
open(os.path.join(t, "deep-open.html"), "w").write("<html><body>" + "<span><b>" * 100000 + "x 1")
open(os.path.join(t, "deep.xml"), "w").write("<a>" * 200000 + "t" + "</a>" * 200000)
open(os.path.join(t, "random.html"), "wb").write(os.urandom(200 * 1024))
X
# gzip bomb: 2 GiB of zeros in 2 MB (2048 identical gzip members, which
# gzip(1) reads as one stream), named as a page, a dump and a crawl
head -c 1048576 /dev/zero | gzip -9 > "$T/one.gz"
for i in 1 2 3 4 5 6 7 8 9 10 11; do cat "$T/one.gz" "$T/one.gz" > "$T/two.gz"; mv "$T/two.gz" "$T/one.gz"; done
mv "$T/one.gz" "$T/bomb.html.gz"
cp "$T/bomb.html.gz" "$T/bomb.jsonl.gz"
cp "$T/bomb.html.gz" "$T/bomb.warc.gz"

for f in xxe.rss xxe.xml xxe-dtd.rss laughs.rss deep.html deep-open.html deep.xml \
         random.html bomb.html.gz bomb.jsonl.gz bomb.warc.gz; do
  start=$(date +%s)
  timeout 20 "$BIN" extract --format docs --max-input-bytes 100000000 "$T/$f" \
    > "$T/out" 2> "$T/err"
  rc=$?
  secs=$(( $(date +%s) - start ))
  if [ $rc -gt 1 ]; then
    echo "FAIL $f: exit status $rc"; head -3 "$T/err"; fail=1
  elif [ $secs -gt 10 ]; then
    echo "FAIL $f: took ${secs}s"; fail=1
  elif grep -q 'root:' "$T/out" "$T/err"; then
    echo "FAIL $f: /etc/passwd content leaked"; fail=1
  else
    echo "ok   $f (exit $rc, ${secs}s)"
  fi
done
exit $fail
