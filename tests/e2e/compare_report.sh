#!/usr/bin/env bash
# The compare HTML report in a real headless browser (Debian's chromium):
# render it, check groups, conflicts and the timeline in the DOM, keep a
# screenshot under tests/out/compare/ (gitignored) as a test artifact.
# Skips (exit 0, "SKIP") when chromium is not installed, unless
# CX_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
set -u
claimx=${1:?usage: compare_report.sh CLAIMX}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "${CX_REQUIRE_BROWSER:-0}" = 1 ]; then
    echo "FAIL: chromium not installed and CX_REQUIRE_BROWSER=1"; exit 1
  fi
  echo "SKIP: chromium not installed (apt-get install -y chromium; CI sets CX_REQUIRE_BROWSER=1)"
  exit 0
fi
out=tests/out/compare
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 checked=0
ok() { checked=$((checked + 1)); if ! eval "$1"; then echo "FAIL: $2"; fail=$((fail + 1)); fi; }

browse() { # file.html → dumps DOM to stdout; extra args pass through
  local html=$1; shift
  timeout 90 "$browser" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$tmp/profile" "$@" "file://$(realpath "$html")" 2>>"$tmp/browser.log"
}

# the story's claim records: five groups, three of them with a conflict
report=$out/report.html
"$claimx" compare --format html --out "$report" tests/golden/compare/claims.jsonl
ok '[ $? -eq 0 ] && [ -s "$report" ]' "claimx compare --format html failed"
ok '! grep -Eq "<(link|img|iframe)[^>]*(href|src)=|<script[^>]+src=" "$report"' "report loads external assets"
browse "$report" --dump-dom >"$tmp/dom.html"
ok '[ -s "$tmp/dom.html" ]' "chromium rendered nothing: $(tail -3 "$tmp/browser.log")"
count() { grep -o "$1" "$tmp/dom.html" | wc -l; }
ok '[ $(count "<section class=\"group\"") -eq 5 ]' "want 5 groups in the DOM, got $(count '<section class="group"')"
ok '[ $(count "<section class=\"group\"[^>]*data-conflict=\"true\"") -eq 3 ]' "want 3 conflicting groups"
ok '[ $(count "<tr class=\"figure\"[^>]*data-conflict=\"true\"") -eq 3 ]' "want 3 conflicting figure rows"
ok '[ $(count "class=\"explanation\"") -eq 3 ]' "want 3 explanations"
ok '[ $(count "data-conflicting=\"true\"") -ge 5 ]' "conflicting values not marked"
ok '[ $(count "<li class=\"tl\"") -eq 5 ]' "want 5 documents on the timeline"
ok 'grep -q "data-type=\"count\" data-unit=\"drone\" data-conflict=\"true\"" "$tmp/dom.html"' "drone count conflict not marked"
ok 'grep -q "data-type=\"money\" data-unit=\"KRW\" data-conflict=\"true\"" "$tmp/dom.html"' "won fine conflict not marked"
ok 'grep -q "data-type=\"date\" data-unit=\"\" data-conflict=\"true\"" "$tmp/dom.html"' "date conflict not marked"
ok 'grep -q "data-type=\"money\" data-unit=\"USD\" data-conflict=\"false\"" "$tmp/dom.html"' "rounded USD values must not conflict"
ok 'grep -q "data-type=\"count\" data-unit=\"container\" data-conflict=\"false\"" "$tmp/dom.html"' "range vs up-to must not conflict"
ok 'grep -q "data-outlet=\"Tidewater Times\"" "$tmp/dom.html"' "outlet column missing"
rm -f "$out/report.png"
browse "$report" --screenshot="$out/report.png" --window-size=1280,2000 >/dev/null
ok '[ -s "$out/report.png" ]' "no screenshot taken"

# the corpus itself, extracted on the fly, renders as a valid report too
"$claimx" compare --format html --out "$out/corpus.html" corpus/compare
ok '[ $? -eq 0 ]' "compare over corpus/compare failed"
browse "$out/corpus.html" --dump-dom >"$tmp/dom2.html"
ok 'grep -q "class=\"summary\"" "$tmp/dom2.html"' "corpus report did not render"
ok 'grep -q "<section class=\"group\"[^>]*data-conflict=\"true\"" "$tmp/dom2.html"' "no conflict found in corpus/compare"

echo "compare_report: $((checked - fail)) passed, $fail failed (screenshot: $out/report.png)"
[ $fail -eq 0 ]
