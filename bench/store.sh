#!/usr/bin/env bash
# Store throughput: documents/s and MB/s into SQLite against --format claims
# to /dev/null, over the same generated batch, in one run.
#   bench/store.sh build/claimx [N_DOCS]       (from the repository root)
set -euo pipefail
CLAIMX=${1:?usage: bench/store.sh path/to/claimx [n_docs]}
N=${2:-20000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
INPUTS=(tests/e2e/store_data)
if [ -d corpus ] && [ -n "$(ls -A corpus 2>/dev/null)" ]; then INPUTS+=(corpus); fi
"$CLAIMX" extract --format docs "${INPUTS[@]}" > "$TMP/docs.jsonl" || true
NDOCS=$(wc -l < "$TMP/docs.jsonl")
COPIES=$(( N / NDOCS + 1 ))
awk -v N="$COPIES" '{ for (i = 1; i <= N; i++) { l = $0
  sub(/^\{"doc":"/, "{\"id\":\"bench" i "/", l)
  sub(/"\}$/, "\\n\\nFile reference " i ".\"}", l); print l } }' \
  "$TMP/docs.jsonl" | head -n "$N" > "$TMP/in.jsonl"
BYTES=$(wc -c < "$TMP/in.jsonl")
run() { # label, then the claimx arguments
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$CLAIMX" extract "$@" "$TMP/in.jsonl"
  t1=$(date +%s.%N)
  awk -v l="$label" -v n="$N" -v b="$BYTES" -v t0="$t0" -v t1="$t1" 'BEGIN {
    s = t1 - t0; printf "%-22s %8d docs %7.2f s %10.0f docs/s %8.2f MB/s\n", l, n, s, n / s, b / s / 1e6 }'
}
run "claims > /dev/null" --format claims --out /dev/null
run "sqlite (new store)" --out "$TMP/bench.db"
run "sqlite (unchanged)" --out "$TMP/bench.db"
if [ -n "${CX_PG_URL:-}" ]; then
  run "postgresql" --out "$CX_PG_URL"
fi
