#!/usr/bin/env bash
# The national run: generate a country-shaped dataset as one record stream per
# county, then time the report over it end to end with /usr/bin/time -v.
#
#   benchmarks/national_run.sh [UNITS] [MEMBERS] [DIR]
#
# Defaults: 10,000,000 units, 30,000,000 members, /tmp/dangjian-national. Needs
# about 600 bytes of disk per unit. Prints, for generate on 1 and 2 threads,
# report --no-validate on 1 and 2 threads and report (validated and aggregated)
# on 2 threads: wall time, records/s and peak RSS. KEEP=1 keeps an existing
# dataset in DIR.
set -euo pipefail
units=${1:-10000000}
members=${2:-30000000}
dir=${3:-/tmp/dangjian-national}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/build/bin/dangjian"
[[ -x $bin ]] || { echo "build first: ./build.sh build" >&2; exit 2; }

records=0
measure() {  # NAME COMMAND...
  local name=$1 log
  shift
  log=$(mktemp)
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; exit 2; }
  local wall rss seconds
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")
  if [[ $records -eq 0 ]]; then
    records=$(sed -n 's/^wrote \([0-9,]*\) records.*/\1/p' "$log" | tr -d ,)
  fi
  printf '%-24s wall %9s  %12s records  %6.2f M records/s  peak RSS %5d MiB\n' \
    "$name" "$wall" "$records" "$(awk -v r="$records" -v s="$seconds" 'BEGIN { print r / s / 1e6 }')" \
    $((rss / 1024))
  rm -f "$log"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "dataset: $units units, $members members -> $dir"
if [[ ${KEEP:-0} == 1 && -d $dir ]]; then
  records=$(cat "$dir.records" 2>/dev/null || echo 0)
else
  # One thread into a scratch folder (removed), then two into DIR: the same
  # bytes either way, so the dataset is the same.
  rm -rf "$dir" "$dir.j1"
  measure "generate -j1" "$bin" generate --scenario national --units "$units" --members "$members" --threads 1 -o "$dir.j1/"
  rm -rf "$dir.j1"
  measure "generate -j2" "$bin" generate --scenario national --units "$units" --members "$members" --threads 2 -o "$dir/"
  echo "$records" >"$dir.records"
fi
[[ $records -gt 0 ]] || records=$(cat "$dir.records")
echo "    $(ls "$dir" | wc -l) county streams, $(du -sh "$dir" | cut -f1)"
measure "report --no-validate -j1" "$bin" report --year 2017 --no-validate --threads 1 "$dir/"
measure "report --no-validate -j2" "$bin" report --year 2017 --no-validate --threads 2 "$dir/"
measure "report (validated) -j2" "$bin" report --year 2017 --threads 2 "$dir/"
