#!/usr/bin/env bash
# Store throughput: documents/s and MB/s into SQLite (and PostgreSQL when
# CX_PG_URL is set) against --format claims to /dev/null, over the same
# batch, in one run.
#   bench/store.sh build/claimx [N_DOCS]      generated from corpus texts
#   bench/store.sh build/claimx FILE.jsonl    real data, e.g. the BBC dump:
#     python3 bench/make_dump.py bench/out/bbc-20mb.jsonl --mb 20
# (from the repository root). CPU seconds (user+sys) are printed too: on a
# shared machine they say more than wall time.
set -euo pipefail
CLAIMX=${1:?usage: bench/store.sh path/to/claimx [n_docs | file.jsonl]}
ARG=${2:-20000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -f "$ARG" ]; then
  ln -s "$(realpath "$ARG")" "$TMP/in.jsonl"
  N=$(wc -l < "$ARG")
else
N=$ARG
INPUTS=(tests/e2e/store_data)
if [ -d corpus ] && [ -n "$(ls -A corpus 2>/dev/null)" ]; then INPUTS+=(corpus); fi
"$CLAIMX" extract --format docs "${INPUTS[@]}" > "$TMP/docs.jsonl" || true
NDOCS=$(wc -l < "$TMP/docs.jsonl")
COPIES=$(( N / NDOCS + 1 ))
awk -v N="$COPIES" '{ for (i = 1; i <= N; i++) { l = $0
  sub(/^\{"doc":"/, "{\"id\":\"bench" i "/", l)
  sub(/"\}$/, "\\n\\nFile reference " i ".\"}", l); print l } }' \
  "$TMP/docs.jsonl" | head -n "$N" > "$TMP/in.jsonl"
fi
BYTES=$(wc -c < "$TMP/in.jsonl")
run() { # label, then the claimx arguments
  local label=$1; shift
  local t0 t1 cpu
  t0=$(date +%s.%N)
  cpu=$( { /usr/bin/time -f "%U %S" "$CLAIMX" extract "$@" "$TMP/in.jsonl" 2>&1 >/dev/null; } | tail -1)
  t1=$(date +%s.%N)
  awk -v l="$label" -v n="$N" -v b="$BYTES" -v t0="$t0" -v t1="$t1" -v cpu="$cpu" 'BEGIN {
    split(cpu, c, " "); s = t1 - t0; u = c[1] + c[2]
    printf "%-22s %8d docs %7.2f s %8.0f docs/s %7.2f MB/s | cpu %6.2f s %8.0f docs/cpu-s %6.2f MB/cpu-s\n",
      l, n, s, n / s, b / s / 1e6, u, n / u, b / u / 1e6 }'
}
run "claims > /dev/null" --format claims --out /dev/null
run "sqlite (new store)" --out "$TMP/bench.db"
run "sqlite (unchanged)" --out "$TMP/bench.db"
if [ -n "${CX_PG_URL:-}" ]; then
  run "postgresql" --out "$CX_PG_URL"
fi
