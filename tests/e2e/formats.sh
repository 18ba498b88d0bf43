#!/usr/bin/env bash
# Every input format in corpus/formats gives the documents (metadata and the
# exact text offsets count into) recorded in corpus/formats/expected, and a
# gzip- or zstd-compressed copy gives the same documents.
# Usage: formats.sh path/to/claimx [--update]   (run from the repository root)
set -u
BIN=${1:?claimx binary}
UPDATE=${2:-}
DIR=corpus/formats
EXP=$DIR/expected
NITF=(--xml-doc '//nitf' --xml-text './/body.content' --xml-title './/hedline/hl1'
      --xml-date './/date.issue/@norm' --xml-outlet './/pubdata/@name'
      --xml-id './/doc-id/@id-string')
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
run() { # file → docs on stdout
  local f=$1; shift
  case $f in *.nitf.xml*) "$BIN" extract --format docs "${NITF[@]}" "$f" ;;
             *) "$BIN" extract --format docs "$f" ;; esac
}
mkdir -p "$EXP"
for f in "$DIR"/*.*; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  run "$f" > "$T/out" 2> "$T/err"
  if [ "$UPDATE" = --update ]; then cp "$T/out" "$EXP/$name.docs"; continue; fi
  if ! cmp -s "$T/out" "$EXP/$name.docs"; then
    echo "FAIL $name: documents differ from $EXP/$name.docs"
    diff "$EXP/$name.docs" "$T/out" | head -5; fail=1; continue
  fi
  # compressed copies: same documents apart from the path in "doc"
  case $name in *.gz|*.zst) continue ;; esac
  cp "$f" "$T/$name"; gzip -c "$f" > "$T/$name.gz"; zstd -q -c "$f" > "$T/$name.zst"
  run "$T/$name" | sed 's/^{"doc":"[^"]*"/{"doc":""/' > "$T/a"
  for c in gz zst; do
    run "$T/$name.$c" | sed 's/^{"doc":"[^"]*"/{"doc":""/' > "$T/b"
    if ! cmp -s "$T/a" "$T/b"; then echo "FAIL $name.$c differs from $name"; fail=1; fi
  done
  echo "ok   $name"
done
exit $fail
