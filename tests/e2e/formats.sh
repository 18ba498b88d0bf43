#!/usr/bin/env bash
# Reader checks over corpus/formats (the golden harness holds the expected
# output of each file): gzip and zstd copies give the same documents, the
# NITF recipe of docs/readers.md equals the built-in NITF defaults, and
# numbers planted in page furniture and teasers never reach the text.
# Usage: formats.sh path/to/claimx   (run from the repository root)
set -u
BIN=${1:?claimx binary}
DIR=corpus/formats
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
docs() { "$BIN" extract --format docs "$@" | sed 's/^{"doc":"[^"]*"/{"doc":""/'; }

for f in "$DIR"/*.html "$DIR"/*.rss "$DIR"/*.atom "$DIR"/*.xml "$DIR"/*.warc; do
  name=$(basename "$f")
  cp "$f" "$T/$name"; gzip -c "$f" > "$T/$name.gz"; zstd -q -c "$f" > "$T/$name.zst"
  docs "$T/$name" > "$T/a"
  [ -s "$T/a" ] || { echo "FAIL $name: no documents"; fail=1; }
  for c in gz zst; do
    docs "$T/$name.$c" > "$T/b"
    if cmp -s "$T/a" "$T/b"; then echo "ok   $name.$c"; else echo "FAIL $name.$c differs from $name"; fail=1; fi
  done
done

docs "$DIR/story.nitf.xml" > "$T/a"
docs --xml-doc '//nitf' --xml-text './/body.content' --xml-title './/hedline/hl1' \
     --xml-date './/date.issue/@norm' --xml-outlet './/pubdata/@name' "$DIR/story.nitf.xml" > "$T/b"
if cmp -s "$T/a" "$T/b"; then echo "ok   NITF recipe"; else echo "FAIL NITF recipe differs from the defaults"; fail=1; fi

# furniture: cookie banner, navigation, share bars, sidebars, related lists,
# footers, scripts, feed teasers and "appeared first" lines
"$BIN" extract --format docs "$DIR" > "$T/all" 2>/dev/null
for planted in 98765 '44 cookies' 'Subscribe for' 'World 2024' 'Share on 3' '7 ports' \
               '21%' '5,000 jobs' 'Ferry fares' '555-0199' 'Top 10' 'Story one 11' \
               '64 percent' 'Cookies: 2' '1999-2024' '99 balloons' 'Share with 5' \
               'appeared first' '77 turbines' 'Top 5' 'est. 1921' 'Moved 301' 'Short 12' \
               '3 issues' '4 agencies' 'Advertisement' 'Storm kills' 'Comments (23)' \
               '9 billion' '908396' 'Saturday 1 June' '77 words'; do
  if grep -qF -- "$planted" <(sed 's/"title":"[^"]*"//' "$T/all"); then
    echo "FAIL furniture text extracted: $planted"; fail=1
  fi
done
[ $fail = 0 ] && echo "ok   no furniture in the extracted text"
exit $fail
