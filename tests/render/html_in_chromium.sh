#!/usr/bin/env bash
# Opens the HTML report in headless Chromium and checks the DOM it built holds
# the charts and figures: html_in_chromium.sh DANGJIAN WORK_DIR
# Exit 77 (skipped) when Chromium is not installed (Debian: apt-get install
# chromium; ./build.sh installs it).
set -u
bin=$(realpath "$1") work=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "chromium not found: skipped"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# The DOM Chromium builds from FILE, serialized.
dom() {
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --user-data-dir="$(mktemp -d -p "$work")" --dump-dom \
    "file://$work/$1" 2>/dev/null
}
count() { grep -o -- "$1" "$2" | wc -l; }

# Checks a report page of the Keshiketeng scenario by township; returns how
# many checks failed.
check_page() {  # DOM_FILE
  local d=$1 f=0
  for id in chart-targets chart-stars chart-funding chart-six-haves; do
    grep -q "<svg id=\"$id\"" "$d" || { echo "  missing svg#$id"; f=$((f + 1)); }
  done
  # Total and 23 townships, a bar per target.
  for t in 1 2 3 4; do
    [[ $(count "class=\"bar t$t\"" "$d") -eq 24 ]] || { echo "  bars of target $t"; f=$((f + 1)); }
  done
  [[ $(count 'class="bar star' "$d") -eq 6 ]] || { echo "  star bars"; f=$((f + 1)); }
  [[ $(count 'class="bar fund' "$d") -eq 5 ]] || { echo "  funding bars"; f=$((f + 1)); }
  [[ $(count 'class="bar have' "$d") -eq 7 ]] || { echo "  six-haves bars"; f=$((f + 1)); }
  grep -q 'id="worklist-4"' "$d" || { echo "  worklists"; f=$((f + 1)); }
  return $f
}

"$bin" generate -q --scenario keshiketeng-2014 -o k.djr || exit 2
"$bin" report -q --year 2014 --group-by township --format html -o zh.html k.djr
dom zh.html >zh.dom
check "Chromium builds a DOM from the Chinese page" '[[ -s zh.dom ]] && grep -q "<body" zh.dom'
check "it holds the four charts with a bar per target per township" 'check_page zh.dom'
check "the headline cards: 116 / 116 standalone, full coverage" \
  'grep -q "116 / 116" zh.dom && grep -A3 "card-full-coverage" zh.dom | grep -q "是"'
check "the star distribution: 12 five-star, 15 four-star" \
  'grep -q ">12</text>" zh.dom && grep -q ">15</text>" zh.dom'
check "the 红山水泥 funding" 'grep -q "100,000.00 元" zh.dom'
check "the six haves: 103 of 123 venues" 'grep -q "83.7% (103/123)" zh.dom'
check "every figure table: 7,000 units" 'grep -q "<td>7,000</td>" zh.dom'
check "nothing loaded from elsewhere" '! grep -Eq "<script|<link|src=" zh.dom'

"$bin" report -q --year 2014 --group-by township --format html --lang en -o en.html k.djr
dom en.html >en.dom
check "the English page holds the charts too" 'check_page en.dom && grep -q "found where possible" en.dom'

# The same checks fail on a page without the charts: the text report.
"$bin" report -q --year 2014 --group-by township --format text -o text.html k.djr
dom text.html >text.dom
check "the checks fail on a page without charts" '! check_page text.dom >/dev/null'

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
