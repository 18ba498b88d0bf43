#!/usr/bin/env bash
# The claim store end to end (run from the repository root; $1 = claimx).
#  1. an 18-document batch from corpus/ (issue 8's holdout-style check) and
#     the whole corpus, each stored twice: same row counts, documents =
#     documents read;
#  2. kill -9 mid-way through a multi-thousand-document batch, then rerun:
#     row counts equal a clean run's, PRAGMA integrity_check = ok;
#  3. with CX_PG_URL set: the same input in PostgreSQL holds the same row
#     counts as in SQLite (skipped, saying so, when it is unset);
#  4. export and search read the store; a store that cannot be opened is
#     exit 2 with its name in the message;
#  5. a document the store refuses (a constraint) goes to the run's error
#     list and the other documents are stored.
# Needs the sqlite3 command-line shell (and psql for step 3).
set -euo pipefail
CLAIMX=${1:?usage: store.sh path/to/claimx}
command -v sqlite3 >/dev/null || { echo "store.sh: needs the sqlite3 shell" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
TABLES="documents passages appearances claims mentions claim_mentions attributions"
fail() { echo "FAIL: $*" >&2; exit 1; }

# Inputs: the project corpus (when present) and this test's own articles.
INPUTS=(tests/e2e/store_data)
if [ -d corpus ] && [ -n "$(ls -A corpus 2>/dev/null)" ]; then INPUTS+=(corpus); fi

counts() { # db → "table=n ..." over the content tables
  local out=""
  for t in $TABLES; do out+="$t=$(sqlite3 "$1" "SELECT count(*) FROM $t") "; done
  echo "$out"
}

# ---------------------------------------------------------------- 1. twice
# 18 documents: 4 news articles, 6 of the compare story, and 8 from the
# format samples (one of each format, never a compressed twin of another).
if [ -d corpus/news ] && [ -d corpus/compare ] && [ -d corpus/formats ]; then
  B18=(corpus/news/council_budget.txt corpus/news/harbour_expansion.txt corpus/news/phone_maker.txt corpus/news/wheat_exports.txt corpus/compare corpus/formats/crawl.warc corpus/formats/dump.jsonl.gz
       corpus/formats/feed.atom corpus/formats/page.html corpus/formats/story.nitf.xml)
  N18=$("$CLAIMX" extract --format docs "${B18[@]}" | wc -l)
  [ "$N18" = 18 ] || fail "the 18-document batch reads as $N18 documents"
  "$CLAIMX" extract --out "$TMP/b18.db" "${B18[@]}"
  C18A=$(counts "$TMP/b18.db")
  "$CLAIMX" extract --out "$TMP/b18.db" "${B18[@]}"
  C18B=$(counts "$TMP/b18.db")
  echo "18-document batch, run 1: $C18A"
  echo "18-document batch, run 2: $C18B"
  [ "$C18A" = "$C18B" ] || fail "18-document batch: second run changed the store"
  [ "$(sqlite3 "$TMP/b18.db" 'SELECT count(*) FROM documents')" = 18 ] || fail "documents != 18"
  [ "$(sqlite3 "$TMP/b18.db" 'SELECT docs_unchanged FROM runs WHERE id=2')" = 18 ] ||
    fail "18-document batch: second run did not find all 18 unchanged"
else
  echo "SKIP 18-document batch: corpus/news, corpus/compare or corpus/formats missing"
fi
"$CLAIMX" extract --format docs "${INPUTS[@]}" > "$TMP/docs.jsonl" || true
NDOCS=$(wc -l < "$TMP/docs.jsonl")
"$CLAIMX" extract --out "$TMP/twice.db" "${INPUTS[@]}" || [ $? -eq 1 ]
FIRST=$(counts "$TMP/twice.db")
"$CLAIMX" extract --out "$TMP/twice.db" "${INPUTS[@]}" || [ $? -eq 1 ]
SECOND=$(counts "$TMP/twice.db")
echo "corpus: $FIRST"
[ "$FIRST" = "$SECOND" ] || fail "second run changed the store: $FIRST vs $SECOND"
[ "$(sqlite3 "$TMP/twice.db" 'SELECT count(*) FROM documents')" = "$NDOCS" ] ||
  fail "documents != $NDOCS"
[ "$(sqlite3 "$TMP/twice.db" 'SELECT count(*) FROM runs')" = 2 ] || fail "runs != 2"
[ "$(sqlite3 "$TMP/twice.db" 'SELECT docs_unchanged FROM runs WHERE id=2')" = "$NDOCS" ] ||
  fail "second run did not find every document unchanged"

# ---------------------------------------------------------------- 2. kill -9
# A few thousand distinct documents from the corpus texts: new ids and a
# closing line of their own so that every document differs.
COPIES=$(( 8000 / (NDOCS > 0 ? NDOCS : 1) + 1 ))
awk -v N="$COPIES" '{
  for (i = 1; i <= N; i++) {
    l = $0
    sub(/^\{"doc":"/, "{\"id\":\"bulk" i "/", l)
    sub(/"\}$/, "\\n\\nFile reference " i ".\"}", l)
    print l
  }
}' "$TMP/docs.jsonl" > "$TMP/bulk.jsonl"
NBULK=$(wc -l < "$TMP/bulk.jsonl")
"$CLAIMX" extract --out "$TMP/clean.db" "$TMP/bulk.jsonl"
CLEAN=$(counts "$TMP/clean.db")

"$CLAIMX" extract --out "$TMP/killed.db" "$TMP/bulk.jsonl" &
PID=$!
# kill as soon as a batch is committed, so the run dies part-way
for _ in $(seq 1 2000); do
  n=$(sqlite3 "$TMP/killed.db" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
  [ "${n:-0}" -gt 0 ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.005
done
kill -9 "$PID" 2>/dev/null || true
wait "$PID" 2>/dev/null || true
PART=$(sqlite3 "$TMP/killed.db" "SELECT count(*) FROM documents")
echo "killed after $PART of $NBULK documents"
[ "$PART" -lt "$NBULK" ] || fail "the run finished before it could be killed"
[ "$(sqlite3 "$TMP/killed.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after kill"
[ "$(sqlite3 "$TMP/killed.db" 'SELECT finished IS NULL FROM runs WHERE id=1')" = 1 ] ||
  fail "killed run should be unfinished"
"$CLAIMX" extract --out "$TMP/killed.db" "$TMP/bulk.jsonl"
RESUMED=$(counts "$TMP/killed.db")
echo "clean:   $CLEAN"
echo "resumed: $RESUMED"
[ "$CLEAN" = "$RESUMED" ] || fail "resumed store differs from a clean run"
[ "$(sqlite3 "$TMP/killed.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after rerun"
[ "$(sqlite3 "$TMP/killed.db" "INSERT INTO claims_fts(claims_fts) VALUES('integrity-check'); SELECT 'ok'")" = ok ] ||
  fail "FTS index out of step with claims"

# ---------------------------------------------------------------- 3. postgres
if [ -n "${CX_PG_URL:-}" ]; then
  command -v psql >/dev/null || fail "CX_PG_URL is set but psql is missing"
  SCHEMA="cx_store_test_$$"
  psql -qX -v ON_ERROR_STOP=1 "$CX_PG_URL" -c "CREATE SCHEMA $SCHEMA" >/dev/null
  case "$CX_PG_URL" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
  PGURL="${CX_PG_URL}${SEP}options=-csearch_path%3D${SCHEMA}"
  pgcounts() {
    local out=""
    for t in $TABLES; do
      out+="$t=$(psql -qtAX "$PGURL" -c "SELECT count(*) FROM $t") "
    done
    echo "$out"
  }
  cleanup_pg() { psql -qX "$CX_PG_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true; }
  trap 'cleanup_pg; rm -rf "$TMP"' EXIT
  "$CLAIMX" extract --out "$PGURL" "${INPUTS[@]}" || [ $? -eq 1 ]
  "$CLAIMX" extract --out "$PGURL" "${INPUTS[@]}" || [ $? -eq 1 ]
  PG1=$(pgcounts)
  echo "pg corpus: $PG1"
  [ "$PG1" = "$FIRST" ] || fail "PostgreSQL corpus counts differ: $PG1 vs $FIRST"
  # the same bulk batch, killed and resumed there too
  CLAIMX_DATABASE_URL="$PGURL" "$CLAIMX" extract --out postgres "$TMP/bulk.jsonl" &
  PID=$!
  for _ in $(seq 1 2000); do
    n=$(psql -qtAX "$PGURL" -c "SELECT count(*) FROM documents WHERE id LIKE 'bulk%'" 2>/dev/null || echo 0)
    [ "${n:-0}" -gt 0 ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.005
  done
  kill -9 "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  PART=$(psql -qtAX "$PGURL" -c "SELECT count(*) FROM documents WHERE id LIKE 'bulk%'")
  echo "pg: killed after $PART of $NBULK documents"
  [ "$PART" -lt "$NBULK" ] || fail "the PostgreSQL run finished before it could be killed"
  CLAIMX_DATABASE_URL="$PGURL" "$CLAIMX" extract --out postgres "$TMP/bulk.jsonl"
  # SQLite fed the same batches in the same order, for comparison (a store's
  # passages seed the next batch's de-duplication, so order matters)
  "$CLAIMX" extract --out "$TMP/mirror.db" "${INPUTS[@]}" || [ $? -eq 1 ]
  "$CLAIMX" extract --out "$TMP/mirror.db" "$TMP/bulk.jsonl"
  SQ2=$(counts "$TMP/mirror.db")
  PG2=$(pgcounts)
  echo "pg bulk:   $PG2"
  [ "$PG2" = "$SQ2" ] || fail "PostgreSQL bulk counts differ: $PG2 vs $SQ2"
  # same content, not just the same number of rows
  for q in "SELECT id, content_hash FROM documents" \
           "SELECT id, doc, start_cp, end_cp, stance, repeats FROM claims" \
           "SELECT doc, idx, type, start_cp, end_cp, currency, unit, name FROM mentions" \
           "SELECT claim, position, source, stance FROM attributions"; do
    a=$(psql -qtAX "$PGURL" -c "$q" | LC_ALL=C sort | md5sum)
    b=$(sqlite3 "$TMP/mirror.db" "$q" | LC_ALL=C sort | md5sum)
    [ "$a" = "$b" ] || fail "PostgreSQL and SQLite differ on: $q"
  done
  for f in jsonl csv jsonld; do
    cmp -s <("$CLAIMX" export --format $f "$PGURL") <("$CLAIMX" export --format $f "$TMP/mirror.db") ||
      fail "export --format $f differs between PostgreSQL and SQLite"
  done
else
  echo "SKIP PostgreSQL comparison: CX_PG_URL is not set (tests/e2e/pg_start.sh starts a throwaway server)"
fi

# ---------------------------------------------------------------- 4. read side
"$CLAIMX" export --format jsonl "$TMP/twice.db" > "$TMP/claims.jsonl"
[ "$(wc -l < "$TMP/claims.jsonl")" = "$(sqlite3 "$TMP/twice.db" 'SELECT count(*) FROM claims')" ] ||
  fail "export jsonl: one line per claim"
"$CLAIMX" export --format csv "$TMP/twice.db" > "$TMP/claims.csv"
head -1 "$TMP/claims.csv" | grep -q '^id,doc,outlet,published' || fail "export csv header"
"$CLAIMX" export --format jsonld "$TMP/twice.db" > "$TMP/claims.jsonld"
grep -q '"@context":"https://schema.org"' "$TMP/claims.jsonld" || fail "export jsonld"
"$CLAIMX" search "$TMP/twice.db" "council" > "$TMP/hits.jsonl"
rc=0; "$CLAIMX" export --format csv "$TMP/missing/none.db" 2> "$TMP/err" || rc=$?
[ "$rc" = 2 ] && grep -q "missing/none.db" "$TMP/err" || fail "export of a missing store: exit $rc, $(cat "$TMP/err")"
rc=0; "$CLAIMX" extract --out "$TMP/missing/none.db" tests/e2e/store_data 2> "$TMP/err" || rc=$?
[ "$rc" = 2 ] && grep -q "missing/none.db" "$TMP/err" || fail "extract to an unopenable store: exit $rc, $(cat "$TMP/err")"

# ---------------------------------------------------------------- 5. refused
# A trigger makes the store refuse one document's rows (a constraint error):
# that document lands in run_errors, the others are stored, the run goes on.
"$CLAIMX" extract --out "$TMP/refuse.db" tests/e2e/store_data/budget.txt
sqlite3 "$TMP/refuse.db" "CREATE TRIGGER refuse BEFORE INSERT ON mentions
  WHEN new.doc LIKE '%harbour%' BEGIN SELECT RAISE(ABORT, 'refused by test'); END;"
rc=0; "$CLAIMX" extract --out "$TMP/refuse.db" tests/e2e/store_data 2> "$TMP/err" || rc=$?
# exit 1: one document failed, the run went on and says so
[ "$rc" = 1 ] && grep -q "harbour.txt: .*refused by test" "$TMP/err" || fail "a refused document: exit $rc, $(cat "$TMP/err")"
[ "$(sqlite3 "$TMP/refuse.db" "SELECT count(*) FROM documents WHERE id LIKE '%harbour%'")" = 0 ] ||
  fail "refused document partly stored"
[ "$(sqlite3 "$TMP/refuse.db" "SELECT count(*) FROM mentions WHERE doc LIKE '%harbour%'")" = 0 ] ||
  fail "refused document's mentions stored"
[ "$(sqlite3 "$TMP/refuse.db" 'SELECT count(*) FROM documents')" = 3 ] || fail "other documents not stored"
sqlite3 "$TMP/refuse.db" "SELECT doc, message FROM run_errors WHERE run=2" | grep -q "harbour.*refused by test" ||
  fail "refused document not in the run's error list"
[ "$(sqlite3 "$TMP/refuse.db" 'SELECT docs_failed FROM runs WHERE id=2')" = 1 ] || fail "runs.docs_failed != 1"
[ "$(sqlite3 "$TMP/refuse.db" 'PRAGMA integrity_check')" = ok ] || fail "integrity after a refused document"
echo "store.sh: ok"
