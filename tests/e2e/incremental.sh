#!/usr/bin/env bash
# Incremental de-duplication (run from the repository root; $1 = claimx):
# batch 1 goes into a store; batch 2, with a copy of a batch-1 article
# under a new id, goes into the same store: the copy's appearances point at
# the batch-1 document (repeat_of_doc), its claims' passages are not new
# passages, and it is linked as a copy. Storing batch 1 again changes
# nothing (its documents never point at themselves). Needs sqlite3.
set -euo pipefail
CLAIMX=${1:?usage: incremental.sh path/to/claimx}
command -v sqlite3 >/dev/null || { echo "incremental.sh: needs the sqlite3 shell" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

python3 - "$TMP" <<'PY'
import json, sys
d = sys.argv[1]
story = ("The port authority said container traffic rose 12 percent in March, "
         "the fastest growth in three years.\n\n"
         "Officials said the new terminal would open in the autumn and cost $40 million.\n\n"
         "Shipping lines expect volumes to keep rising while fuel prices stay low, "
         "an analyst at the bank said.\n\n"
         "The authority will publish its quarterly figures on the fifth working day of July.")
other = ("Heavy rain closed two roads in the valley on Sunday and delayed the buses.\n\n"
         "The council said repairs to the bridge would take about six weeks.")
third = ("The library will extend its opening hours from next month, the mayor said.\n\n"
         "About 2,000 people signed a petition asking for evening hours last year.")
def w(name, docs):
    with open(f"{d}/{name}", "w") as f:
        for doc in docs:
            f.write(json.dumps(doc) + "\n")
w("batch1.jsonl", [{"id": "day1/port", "published": "2024-03-01", "text": story},
                   {"id": "day1/rain", "published": "2024-03-01", "text": other}])
w("batch2.jsonl", [{"id": "day2/library", "published": "2024-03-02", "text": third},
                   {"id": "day2/port-copy", "published": "2024-03-02", "text": story}])
PY

DB=$TMP/claims.db
"$CLAIMX" extract --out "$DB" "$TMP/batch1.jsonl"
"$CLAIMX" extract --out "$DB" "$TMP/batch2.jsonl"
q() { sqlite3 "$DB" "$1"; }
N=$(q "SELECT count(*) FROM appearances WHERE doc='day2/port-copy'")
LINKED=$(q "SELECT count(*) FROM appearances WHERE doc='day2/port-copy' AND repeat_of_doc='day1/port'")
echo "copy: $LINKED of $N paragraphs point at day1/port"
[ "$N" -gt 0 ] && [ "$LINKED" = "$N" ] || fail "the copy's paragraphs do not all point at day1/port"
# ... at the same paragraph
[ "$(q "SELECT count(*) FROM appearances WHERE doc='day2/port-copy' AND repeat_of_paragraph<>paragraph")" = 0 ] ||
  fail "repeat_of_paragraph differs from the paragraph copied"
# first appearances stay with batch 1
[ "$(q "SELECT count(*) FROM passages WHERE first_doc='day2/port-copy'")" = 0 ] ||
  fail "the copy's passages were stored as new"
[ "$(q "SELECT count(*) FROM appearances WHERE doc='day2/library' AND repeat_of_doc IS NOT NULL")" = 0 ] ||
  fail "an unrelated batch-2 article points at batch 1"
# batch 1 again: unchanged, and not pointing at itself
BEFORE=$(q "SELECT count(*), sum(repeat_of_doc IS NOT NULL) FROM appearances")
"$CLAIMX" extract --out "$DB" "$TMP/batch1.jsonl"
AFTER=$(q "SELECT count(*), sum(repeat_of_doc IS NOT NULL) FROM appearances")
[ "$BEFORE" = "$AFTER" ] || fail "storing batch 1 again changed appearances: $BEFORE -> $AFTER"
[ "$(q "SELECT count(*) FROM appearances WHERE doc='day1/port' AND repeat_of_doc IS NOT NULL")" = 0 ] ||
  fail "day1/port points somewhere"
# a fresh store with the second batch alone: no links (nothing seeded)
"$CLAIMX" extract --out "$TMP/fresh.db" "$TMP/batch2.jsonl"
[ "$(sqlite3 "$TMP/fresh.db" "SELECT count(*) FROM appearances WHERE repeat_of_doc IS NOT NULL")" = 0 ] ||
  fail "a fresh store has links"
echo "incremental: ok"
