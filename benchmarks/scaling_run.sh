#!/usr/bin/env bash
# The scaling curve: the national scenario at several sizes, and the report's
# time and memory at each, so that the growth of cost with data is plain.
#
#   benchmarks/scaling_run.sh [DIR] [UNITS...]
#
# UNITS defaults to 100000 1000000 10000000 30000000 (three members per unit,
# the national run's shape). DIR (default /tmp/dangjian-scaling) gets one
# folder of county streams per size, DIR/u<UNITS>/, with the record count in
# DIR/u<UNITS>.records; a size whose folder and count are there is not
# generated again (a folder generated before, e.g. by national_run.sh, can be
# linked in as DIR/u<UNITS> with its count in DIR/u<UNITS>.records). Needs
# about 700 bytes of disk per unit (30 M units: 21 GB).
#
# For each size: `report --year 2017 --no-validate --threads 2` and `report
# --year 2017 --threads 2` (validated), each REPEAT times (default 3), the
# fastest kept; wall time by /usr/bin/time -v, with its peak RSS. A size whose
# streams do not fit in the page cache beside the rest is read from disk:
# the first run and the best are both printed, so that shows.
#
# Environment: DANGJIAN the CLI (default build/bin/dangjian of this tree);
# REPEAT runs per report (3); SEED (1).
# Exit status: 0 done; 2 a step failed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-/tmp/dangjian-scaling}
shift || true
sizes=("$@")
((${#sizes[@]})) || sizes=(100000 1000000 10000000 30000000)
bin=${DANGJIAN:-$root/build/bin/dangjian}
repeat=${REPEAT:-3}
[[ -x $bin ]] || { echo "no dangjian CLI at $bin: set DANGJIAN= or ./build.sh build" >&2; exit 2; }
for u in "${sizes[@]}"; do
  [[ $u =~ ^[1-9][0-9]*$ ]] || { echo "UNITS must be whole numbers, not '$u'" >&2; exit 2; }
done
mkdir -p "$dir"

# Runs a command under /usr/bin/time -v; prints "SECONDS RSS_MIB": the wall
# time to the millisecond (time -v rounds it to a hundredth), the peak RSS.
timed() {
  local log start end
  log=$(mktemp)
  start=$(date +%s%N)
  /usr/bin/time -v "$@" 2>"$log" >/dev/null || { cat "$log" >&2; rm -f "$log"; exit 2; }
  end=$(date +%s%N)
  awk -F': ' -v ns=$((end - start)) '
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.3f %d\n", ns / 1e9, rss }' "$log"
  rm -f "$log"
}

# Runs a report REPEAT times; prints "FIRST_SECONDS BEST_SECONDS RSS_MIB_OF_BEST".
# (Each step runs in a command substitution, whose exit 2 is passed on.)
best_of() {
  local first="" best="" rss="" s m out
  for ((i = 0; i < repeat; i++)); do
    out=$(timed "$@") || exit 2
    read -r s m <<<"$out"
    [[ -n $first ]] || first=$s
    if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$s
      rss=$m
    fi
  done
  echo "$first $best $rss"
}

# Millions of RECORDS per SECONDS, to a hundredth.
rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.2f", (s > 0 ? r / s / 1e6 : 0) }'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dangjian: $bin ($("$bin" --version | head -1)); best of $repeat"
printf '%-10s %11s %7s %6s | %-28s | %-28s\n' "units" "records" "streams" "GB" \
  "plain -j2: first/best s, M rec/s, MiB" "validated -j2: first/best s, M rec/s, MiB"
for u in "${sizes[@]}"; do
  data=$dir/u$u
  if [[ ! -d $data || ! -s $data.records ]]; then
    rm -rf "$data"
    log=$(mktemp)
    "$bin" generate --scenario national --units "$u" --members $((u * 3)) --seed "${SEED:-1}" \
      --threads 2 -o "$data/" 2>"$log" || { cat "$log" >&2; exit 2; }
    sed -n 's/^wrote \([0-9,]*\) records.*/\1/p' "$log" | tr -d , >"$data.records"
    rm -f "$log"
  fi
  records=$(cat "$data.records")
  streams=$(find -L "$data/" -maxdepth 1 -name '*.djr' | wc -l)
  gb=$(du -sbL "$data/" | awk '{ printf "%.2f", $1 / 1e9 }')
  out=$(best_of "$bin" report --year 2017 --no-validate --threads 2 "$data/") || exit 2
  read -r pf pb pm <<<"$out"
  out=$(best_of "$bin" report --year 2017 --threads 2 "$data/") || exit 2
  read -r vf vb vm <<<"$out"
  printf '%-10s %11s %7s %6s | %6s/%6s %6s %6s | %6s/%6s %6s %6s\n' "$u" "$records" "$streams" "$gb" \
    "$pf" "$pb" "$(rate "$records" "$pb")" "$pm" "$vf" "$vb" "$(rate "$records" "$vb")" "$vm"
done
