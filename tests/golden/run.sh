#!/usr/bin/env bash
# Golden end-to-end test: every input under corpus/ is run through claimx in
# each output format and compared with the reviewed expectation stored beside
# it as INPUT.FORMAT.golden. `run.sh CLAIMX --update` rewrites the goldens
# (review the diff before committing). Run from the repository root.
set -u
claimx=${1:?usage: run.sh CLAIMX [--update]}
update=${2:-}
formats="claims mentions passages docs"
fail=0 checked=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

inputs=$(find corpus -type f ! -name '*.golden' ! -name '*.md' | LC_ALL=C sort)
for input in $inputs; do
  for f in $formats; do
    golden="$input.$f.golden"
    # --ref-date keeps relative dates of undated documents reproducible
    "$claimx" extract --format "$f" --ref-date 2024-01-15 "$input" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "FAIL $input ($f): exit $rc: $(head -c 300 "$tmp/err")"
      fail=$((fail + 1))
      continue
    fi
    if [ "$update" = "--update" ]; then
      cp "$tmp/out" "$golden"
      continue
    fi
    checked=$((checked + 1))
    if [ ! -f "$golden" ]; then
      echo "FAIL $input ($f): no golden file $golden (run with --update and review)"
      fail=$((fail + 1))
    elif ! diff -u "$golden" "$tmp/out" >"$tmp/diff"; then
      echo "FAIL $input ($f): output differs from $golden"
      head -40 "$tmp/diff"
      fail=$((fail + 1))
    fi
  done
done
[ "$update" = "--update" ] && { echo "goldens updated"; exit 0; }
echo "golden: $((checked - fail)) passed, $fail failed"
[ $fail -eq 0 ]
