#!/usr/bin/env bash
# A batch with bad documents: each is reported on stderr as path[#N]: what is
# wrong, the exit status is 1, and every good document still comes out.
set -u
claimx=${1:?usage: bad_inputs.sh CLAIMX}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/batch"
cp corpus/seed/seed.txt "$tmp/batch/a_article.txt"
printf 'Prices rose \xff\xfe by 5%% in May.\n' >"$tmp/batch/b_latin.txt"
{
  printf '{"id":"good-1","text":"The ministry said it paid $5 million in 2021."}\n'
  printf '{"id":"cut-2","text":"The ministry said it paid $5 mil'
} >"$tmp/batch/c_dump.jsonl"
printf '{"id":"x","text":42}\n\n{"text":"Bare line without id, 3 ships."}\n' >"$tmp/batch/d_more.jsonl"

"$claimx" extract --format docs "$tmp/batch" >"$tmp/out" 2>"$tmp/err"
rc=$?
fails=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fails=$((fails + 1)); fi; }
check '[ $rc -eq 1 ]' "exit status $rc, want 1"
check 'grep -q "b_latin.txt: invalid UTF-8" "$tmp/err"' "no error line for the invalid UTF-8 file"
check 'grep -q "c_dump.jsonl#2: truncated JSON" "$tmp/err"' "no error line for the truncated JSON line"
check 'grep -q "d_more.jsonl#1: field \"text\" is not a string" "$tmp/err"' "no error for a non-string text"
check 'grep -q "\"doc\":\"$tmp/batch/a_article.txt\"" "$tmp/out"' "good article missing"
check 'grep -q "\"doc\":\"good-1\"" "$tmp/out"' "good JSON Lines record missing"
check 'grep -q "\"doc\":\"$tmp/batch/d_more.jsonl#2\"" "$tmp/out"' "record after a bad one missing (path#N id)"
check '[ $(wc -l <"$tmp/out") -eq 3 ]' "want 3 documents out, got $(wc -l <"$tmp/out")"
check 'grep -q "3 documents processed, 3 failed" "$tmp/err"' "summary line missing"
# usage errors exit 2
"$claimx" extract --format nope x 2>/dev/null; check '[ $? -eq 2 ]' "unknown format must exit 2"
"$claimx" extract 2>/dev/null; check '[ $? -eq 2 ]' "missing PATH must exit 2"
"$claimx" extract "$tmp/does-not-exist.txt" >/dev/null 2>"$tmp/err2"; rc2=$?
check '[ $rc2 -eq 1 ] && grep -q "does-not-exist.txt: No such file" "$tmp/err2"' "missing input must be reported (exit 1)"
# stdin
printf '{"id":"s1","text":"It cost $3."}\n' | "$claimx" extract --format docs - >"$tmp/out3"
check 'grep -q "\"doc\":\"s1\"" "$tmp/out3"' "stdin JSON Lines not read"
cat "$tmp/err"
echo "bad_inputs: $((13 - fails)) passed, $fails failed"
[ $fails -eq 0 ]
