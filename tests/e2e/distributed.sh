#!/usr/bin/env bash
# The distributed recipe end to end (run from the repository root;
# $1 = claimx): tools/claimx_dask.py runs `claimx extract --shard K/3` as
# three tasks on a Dask LocalCluster of worker processes, all writing into
# one PostgreSQL store at the same time; the store must hold the same rows
# as a single-process run into another schema (every content table, every
# column but run ids and row sequence numbers). The input has cross-document
# copies, so shards must agree on repeats.
# Skips (saying so) when Dask distributed or PostgreSQL is not installed,
# unless CX_REQUIRE_DISTRIBUTED=1.
set -euo pipefail
CLAIMX=$(realpath "${1:?usage: distributed.sh path/to/claimx}")
skip() {
  if [ "${CX_REQUIRE_DISTRIBUTED:-0}" = 1 ]; then echo "FAIL: $*" >&2; exit 1; fi
  echo "SKIP distributed.sh: $*"; exit 0
}
PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import dask.distributed' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || skip "Dask distributed not installed (Debian: python3-distributed)"
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 && command -v psql >/dev/null ||
  skip "PostgreSQL server or psql not installed"
"$CLAIMX" extract --out postgresql://127.0.0.1:1/none /dev/null 2>&1 | grep -qi "without libpq\|not built" &&
  skip "claimx built without libpq"

TMP=$(mktemp -d)
URL=$(tests/e2e/pg_start.sh)
trap 'tests/e2e/pg_start.sh --stop "$URL"; rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# input: the store test's articles, and a dump with copies of them
"$PY" - "$TMP/dump.jsonl" tests/e2e/store_data <<'PY'
import json, os, sys
out, src = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    for i, name in enumerate(sorted(os.listdir(src))):
        text = open(os.path.join(src, name), encoding="utf-8").read()
        for r in range(3):  # the same story under three ids, on three days
            f.write(json.dumps({"id": f"wire{r}/{name}", "published": f"2024-05-0{r + 1}",
                                "text": text}) + "\n")
        f.write(json.dumps({"id": f"solo/{i}", "text": f"Item {i}: the council met on "
                            f"Tuesday and approved {i + 2} new bus routes."}) + "\n")
PY
INPUTS=("$TMP/dump.jsonl" tests/e2e/store_data)

case "$URL" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
for s in single shards; do psql -qX -v ON_ERROR_STOP=1 "$URL" -c "CREATE SCHEMA $s" >/dev/null; done
SINGLE="${URL}${SEP}options=-csearch_path%3Dsingle"
SHARDS="${URL}${SEP}options=-csearch_path%3Dshards"

"$CLAIMX" extract --jobs 1 --out "$SINGLE" "${INPUTS[@]}" || [ $? -eq 1 ]
"$PY" tools/claimx_dask.py --claimx "$CLAIMX" --shards 3 --out "$SHARDS" "${INPUTS[@]}" ||
  fail "claimx_dask.py failed"

# every content table, rows sorted, without run ids and sequence numbers
dump() {
  local url=$1 schema=$2 out=""
  for t in documents passages appearances claims mentions claim_mentions attributions; do
    cols=$(psql -qtAX "$url" -c "SELECT string_agg(quote_ident(column_name), ',' ORDER BY ordinal_position)
      FROM information_schema.columns WHERE table_schema='$schema' AND table_name='$t'
      AND column_name NOT IN ('run','seq')")
    [ -n "$cols" ] || fail "no table $schema.$t"
    n=$(psql -qtAX "$url" -c "SELECT count(*) FROM $t")
    sum=$(psql -qtAX "$url" -c "SELECT md5(coalesce(string_agg(r, E'\n' ORDER BY r), ''))
      FROM (SELECT ($cols)::text AS r FROM $t) x")
    out+="$t=$n:$sum "
  done
  echo "$out"
}
A=$(dump "$SINGLE" single)
B=$(dump "$SHARDS" shards)
echo "single: ${A//:*([0-9a-f]) / }"
[ "$A" = "$B" ] || fail "sharded store differs from the single-process store:
single: $A
shards: $B"
# passages.first_doc is compared above: each text's record is written by its
# earliest appearance in the batch only, which every shard agrees on.
RUNS=$(psql -qtAX "$SHARDS" -c "SELECT count(*) FROM runs")
[ "$RUNS" = 3 ] || fail "expected 3 runs (one per shard), found $RUNS"
LINKS=$(psql -qtAX "$SHARDS" -c "SELECT count(*) FROM appearances WHERE repeat_of_doc IS NOT NULL")
[ "$LINKS" -gt 0 ] || fail "no cross-document repeats in the sharded store"
echo "distributed: 3 Dask shards into one PostgreSQL store = single process ($LINKS repeat links)"
