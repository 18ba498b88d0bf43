#!/usr/bin/env bash
# Golden test for `claimx compare` (run from the repository root).
#  - tests/golden/compare/claims.jsonl (claim records for the corpus/compare
#    story, written by make_claims.py) → claims.{table,json,html}.golden;
#    the same records in reverse order must give the same output.
#  - corpus/compare/ extracted on the fly → corpus.json.golden. Skipped while
#    that golden does not exist (the extractors are not merged yet); create
#    it with --update once they are, and review it.
# `compare_golden.sh CLAIMX --update` rewrites the goldens (review the diff).
set -u
claimx=${1:?usage: compare_golden.sh CLAIMX [--update]}
update=${2:-}
dir=tests/golden/compare
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 checked=0

check() { # name golden actual
  if [ "$update" = "--update" ]; then cp "$3" "$2"; echo "updated $2"; return; fi
  checked=$((checked + 1))
  if [ ! -f "$2" ]; then
    echo "FAIL $1: no golden $2 (run with --update and review)"; fail=$((fail + 1))
  elif ! diff -u "$2" "$3" >"$tmp/diff"; then
    echo "FAIL $1: output differs from $2"; head -40 "$tmp/diff"; fail=$((fail + 1))
  fi
}

for f in table json html; do
  if ! "$claimx" compare --format $f "$dir/claims.jsonl" >"$tmp/claims.$f" 2>"$tmp/err"; then
    echo "FAIL claims ($f): exit status $?: $(head -c 300 "$tmp/err")"; fail=$((fail + 1)); continue
  fi
  check "claims ($f)" "$dir/claims.$f.golden" "$tmp/claims.$f"
done

# order of the input does not matter
tac "$dir/claims.jsonl" >"$tmp/reversed.jsonl"
"$claimx" compare --format json "$tmp/reversed.jsonl" >"$tmp/rev.json" 2>/dev/null
if [ "$update" != "--update" ]; then
  checked=$((checked + 1))
  cmp -s "$tmp/rev.json" "$tmp/claims.json" || { echo "FAIL: output depends on input order"; fail=$((fail + 1)); }
fi

"$claimx" compare --format json --ref-date 2025-03-04 corpus/compare >"$tmp/corpus.json" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then
  echo "FAIL corpus: exit status $rc: $(head -c 300 "$tmp/err")"; fail=$((fail + 1))
elif [ "$update" = "--update" ] || [ -f "$dir/corpus.json.golden" ]; then
  check "corpus (on-the-fly extraction)" "$dir/corpus.json.golden" "$tmp/corpus.json"
else
  echo "SKIP corpus golden: $dir/corpus.json.golden not created yet (run --update once the extractors land)"
fi

[ "$update" = "--update" ] && exit 0
echo "compare_golden: $((checked - fail)) passed, $fail failed"
[ $fail -eq 0 ]
