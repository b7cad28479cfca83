#!/usr/bin/env bash
# benchmarks/scaling_run.sh on two small sizes: a line per size with records,
# times, rates and peak RSS; a size reused, not generated again; a report
# that fails and a bad size, exit 2.
#
#   tests/benchmarks/scaling_run_test.sh DANGJIAN WORK_DIR
set -euo pipefail
bin=$1
work=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$(DANGJIAN=$bin REPEAT=1 bash "$root/benchmarks/scaling_run.sh" "$work/data" 300 600)
echo "$out"
lines=$(grep -cE '^(300|600) ' <<<"$out") || true
[[ $lines == 2 ]] || fail "expected a line for each of 300 and 600 units, got $lines"
while read -r units records streams gb _ first best rate rss _; do
  [[ $records =~ ^[1-9][0-9]*$ ]] || fail "$units units: records '$records'"
  [[ $(cat "$work/data/u$units.records") == "$records" ]] || fail "$units units: records file"
  # The rate is records over the fastest seconds, in millions, to 0.01 (a
  # sanitizer build's may round to 0.00).
  awk -v f="${first%/}" -v b="$best" -v r="$rate" -v n="$records" \
    'BEGIN { d = r - n / b / 1e6; exit !(b > 0 && b <= f && d * d < 0.0001) }' ||
    fail "$units units: times '$first $best', rate '$rate'"
  [[ $rss =~ ^[1-9][0-9]*$ ]] || fail "$units units: peak RSS '$rss'"
done < <(grep -E '^(300|600) ' <<<"$out")

# A size already there is read again, not generated again.
touch -d '2000-01-01' "$work/data/u300.records"
DANGJIAN=$bin REPEAT=1 bash "$root/benchmarks/scaling_run.sh" "$work/data" 300 >/dev/null
[[ $(stat -c %Y "$work/data/u300.records") == $(date -d '2000-01-01' +%s) ]] ||
  fail "the 300-unit data was generated again"

# A report that fails (a stream cut short): exit 2 with its message.
mkdir -p "$work/cut"
cp -r "$work/data/u300" "$work/cut/u300"
cp "$work/data/u300.records" "$work/cut/"
f=$(find "$work/cut/u300" -name '*.djr' | head -1)
truncate -s -7 "$f"
status=0
DANGJIAN=$bin REPEAT=1 bash "$root/benchmarks/scaling_run.sh" "$work/cut" 300 >/dev/null 2>"$work/err" ||
  status=$?
[[ $status == 2 ]] || fail "a damaged stream: exit $status, want 2"
grep -q "could not be read whole" "$work/err" || fail "a damaged stream: no message"

# A size that is not a whole number: exit 2, nothing run.
status=0
DANGJIAN=$bin bash "$root/benchmarks/scaling_run.sh" "$work/data" 1e6 2>"$work/err" || status=$?
[[ $status == 2 ]] || fail "UNITS 1e6: exit $status, want 2"
grep -q "whole numbers" "$work/err" || fail "UNITS 1e6: no message"
echo "PASS"
