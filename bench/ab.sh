#!/usr/bin/env bash
# A/B benchmark: builds claimx at revision REV (default: HEAD~1) beside the
# current build and times both on the same BBC-based dump in one run,
# alternating A and B three times; prints CPU MB/s of each and the ratio.
# Usage: bench/ab.sh [REV] [SIZE_MB] [FORMAT]   (e.g. bench/ab.sh main~5 20 claims)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-HEAD~1}
mb=${2:-20}
fmt=${3:-claims}
out=bench/out
mkdir -p "$out"
dump=$out/bbc-${mb}mb.jsonl
[ -f "$dump" ] || python3 bench/make_dump.py "$dump" --mb "$mb"
new=${CLAIMX:-build/claimx}
[ -x "$new" ] || { echo "build claimx first ($new)"; exit 2; }
sha=$(git rev-parse --short "$rev")
src=$out/ab-$sha
if [ ! -x "$src/build/claimx" ]; then
  rm -rf "$src"
  git worktree add -q --detach "$src" "$sha"
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$src/build" -j"$(nproc)" --target claimx >/dev/null
fi
old=$src/build/claimx
bytes=$(stat -c %s "$dump")
cpu() { /usr/bin/time -f "%U %S" -o "$out/ab.time" "$@" >/dev/null 2>&1 || true; awk '{print $1 + $2}' "$out/ab.time"; }
ta=0 tb=0
for i in 1 2 3; do
  a=$(cpu "$old" extract --format "$fmt" --jobs 1 "$dump")
  b=$(cpu "$new" extract --format "$fmt" --jobs 1 "$dump")
  ta=$(echo "$ta + $a" | bc -l); tb=$(echo "$tb + $b" | bc -l)
done
printf 'A %s (%s): %6.1f MB/s CPU\n' "$rev" "$sha" "$(echo "3 * $bytes / 1000000 / $ta" | bc -l)"
printf 'B working tree:     %6.1f MB/s CPU\n' "$(echo "3 * $bytes / 1000000 / $tb" | bc -l)"
printf 'B/A speed ratio:    %6.3f  (above 1: B is faster)\n' "$(echo "$ta / $tb" | bc -l)"
