#!/usr/bin/env bash
# `claimx compare STORE` reads the claim store (issue 9) and gives the same
# output as `claimx compare` over the same articles on the fly:
#  1. corpus/compare/ into SQLite: --format json equals the on-the-fly
#     output and tests/golden/compare/corpus.json.golden; table and html
#     equal the on-the-fly ones too;
#  2. the whole corpus (all stories, all formats) the same way;
#  3. with CX_PG_URL set: the same from PostgreSQL (skipped, saying so, when
#     it is unset; tests/e2e/pg_start.sh starts a throwaway server);
#  4. a store that cannot be opened is exit 2 with its name.
# Run from the repository root; $1 = claimx.
set -euo pipefail
CLAIMX=${1:?usage: compare_store.sh path/to/claimx}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
GOLDEN=tests/golden/compare/corpus.json.golden

[ -d corpus/compare ] || { echo "SKIP compare_store.sh: corpus/compare missing"; exit 0; }

same() { # label, store target, articles...
  local label=$1 store=$2; shift 2
  for f in json table html; do
    "$CLAIMX" compare --format $f "$@" > "$TMP/fly.$f"
    "$CLAIMX" compare --format $f "$store" > "$TMP/store.$f"
    cmp -s "$TMP/fly.$f" "$TMP/store.$f" ||
      { diff -u "$TMP/fly.$f" "$TMP/store.$f" | head -30; fail "$label: --format $f differs from on the fly"; }
  done
  echo "$label: json, table and html equal on the fly ($(wc -l < "$TMP/store.json") groups)"
}

# ---------------------------------------------------------------- 1. story
"$CLAIMX" extract --out "$TMP/compare.db" corpus/compare
same "sqlite corpus/compare" "$TMP/compare.db" corpus/compare
if [ -f "$GOLDEN" ]; then
  "$CLAIMX" compare --format json "$TMP/compare.db" | cmp -s - "$GOLDEN" ||
    fail "compare from the store differs from $GOLDEN"
  echo "sqlite corpus/compare: equals $GOLDEN"
fi

# ---------------------------------------------------------------- 2. corpus
"$CLAIMX" extract --out "$TMP/corpus.db" corpus || [ $? -eq 1 ]
same "sqlite corpus" "$TMP/corpus.db" corpus

# ---------------------------------------------------------------- 3. postgres
if [ -n "${CX_PG_URL:-}" ]; then
  command -v psql >/dev/null || fail "CX_PG_URL is set but psql is missing"
  SCHEMA="cx_cmp_test_$$"
  psql -qX -v ON_ERROR_STOP=1 "$CX_PG_URL" -c "CREATE SCHEMA $SCHEMA" >/dev/null
  trap 'psql -qX "$CX_PG_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true; rm -rf "$TMP"' EXIT
  case "$CX_PG_URL" in *\?*) SEP='&' ;; *) SEP='?' ;; esac
  PGURL="${CX_PG_URL}${SEP}options=-csearch_path%3D${SCHEMA}"
  "$CLAIMX" extract --out "$PGURL" corpus/compare
  same "postgresql corpus/compare" "$PGURL" corpus/compare
  if [ -f "$GOLDEN" ]; then
    "$CLAIMX" compare --format json "$PGURL" | cmp -s - "$GOLDEN" ||
      fail "compare from PostgreSQL differs from $GOLDEN"
  fi
  "$CLAIMX" extract --out "$PGURL" corpus || [ $? -eq 1 ]
  same "postgresql corpus" "$PGURL" corpus
else
  echo "SKIP PostgreSQL: CX_PG_URL is not set (tests/e2e/pg_start.sh starts a throwaway server)"
fi

# ---------------------------------------------------------------- 4. errors
: > "$TMP/empty.db"
rc=0; "$CLAIMX" compare "$TMP/empty.db" > /dev/null 2> "$TMP/err" || rc=$?
[ "$rc" = 2 ] && grep -q "empty.db" "$TMP/err" || fail "compare of a non-store: exit $rc, $(cat "$TMP/err")"
echo "compare_store.sh: ok"
