#!/usr/bin/env bash
# DuckDB against dangjian (issue 7): the four 100% targets per county and in
# total, computed by both on the same national dataset, checked to agree
# exactly and timed side by side. See benchmarks/duckdb/compare.mjs for the
# four pairs (A, A', B, C) and benchmarks/duckdb/report.sql and decode.sql
# for DuckDB's side.
#
#   benchmarks/duckdb_compare.sh [DIR] [UNITS] [MEMBERS]
#
# DIR (default /tmp/dangjian-duckdb) gets, each step skipped when done:
#   djr/<county>.djr       `dangjian generate --scenario national` (UNITS,
#                          default 100000; MEMBERS, default 3 per unit), unless
#                          DIR/djr already holds streams (or DIR itself holds
#                          *.djr: they are linked into DIR/djr);
#   csv/<county>/*.csv     `dangjian convert --headers en --full-fidelity` of
#                          each stream, the star ledger star_assessments.csv
#                          (the organizations' nested star assessments)
#                          included (cadre assignments, reserve talent,
#                          annual results and region economies have no CSV
#                          ledger: not needed for the targets). Full fidelity:
#                          masked resident IDs and phones cannot be read back,
#                          so dangjian's CSV reader would skip every member
#                          row and every grid row with an instructor's phone;
#   roundtrip/<county>.jsonl  the ledgers read back by dangjian's CSV reader
#                          (`convert --from csv`), for the round-trip check.
# Then runs `npm ci` in benchmarks/duckdb/ if its node_modules is missing, and
# node benchmarks/duckdb/compare.mjs, which prints the table.
#
# Environment: DANGJIAN the CLI (default: build/bin/dangjian of this tree);
# YEAR (2017); REPEAT runs per side, the fastest kept (3); SEED (1);
# ROUNDTRIP=0 skips the roundtrip/ step; JOBS conversions at once (nproc);
# THREADS for DuckDB (2); SNIFF=1 lets DuckDB sniff the CSV columns instead
# of declaring them from the header line (duck.mjs).
# Exit status: 0 all numbers agree; 1 some disagree; 2 a step or run failed.
#
# The edge cases (duplicate ids, closed and later units, dissolved and later
# organizations, statuses stepping back, reported counts, grids), one county:
#   mkdir -p /tmp/dj-edge/djr
#   "$DANGJIAN" convert benchmarks/duckdb/edge_cases.jsonl /tmp/dj-edge/djr/r900101.djr
#   REPEAT=1 benchmarks/duckdb_compare.sh /tmp/dj-edge
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-/tmp/dangjian-duckdb}
units=${2:-100000}
members=${3:-$((units * 3))}
bin=${DANGJIAN:-$root/build/bin/dangjian}
year=${YEAR:-2017}
[[ -x $bin ]] || { echo "no dangjian CLI at $bin: set DANGJIAN= or ./build.sh build" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
command -v node >/dev/null || { echo "node (20 or later) is needed" >&2; exit 2; }

mkdir -p "$dir/djr"
dir=$(cd "$dir" && pwd)
shopt -s nullglob
if [[ -z $(echo "$dir"/djr/*.djr) ]]; then
  existing=("$dir"/*.djr)
  if ((${#existing[@]})); then
    for f in "${existing[@]}"; do ln -sf "$f" "$dir/djr/"; done
  else
    echo "generating $units units, $members members into $dir/djr/"
    "$bin" generate --scenario national --units "$units" --members "$members" \
      --seed "${SEED:-1}" --year "$year" -q -o "$dir/djr/"
  fi
fi
streams=("$dir"/djr/*.djr)
echo "dataset: ${#streams[@]} county streams in $dir/djr ($(du -shL "$dir/djr" | cut -f1))"

# CSV ledgers, one folder per county (csv/ must hold nothing else: it is read
# as one shard per subfolder). convert exits 2 when some records have no CSV
# ledger, or when a duplicate party organization record's star assessments
# are left out (report ignores them too); anything else on its standard
# error is a failure.
convert_one() {  # STREAM
  local f=$1 county log status=0
  county=$(basename "$f" .djr)
  [[ -f $dir/csv/$county/host_organizations.csv ]] && return 0
  mkdir -p "$dir/csv/$county.tmp"
  log=$(mktemp)
  "$bin" convert -q --headers en --full-fidelity "$f" "$dir/csv/$county.tmp/" 2>"$log" || status=$?
  if grep -v -e 'records were not written: no CSV ledger holds them' \
    -e 'star assessments of duplicate party_organization records were not written' "$log" >&2 ||
    ((status != 0 && status != 2)); then
    echo "convert $f failed (exit $status)" >&2
    rm -rf "$log" "$dir/csv/$county.tmp"
    return 2
  fi
  rm -f "$log"
  rm -rf "$dir/csv/$county"
  mv "$dir/csv/$county.tmp" "$dir/csv/$county"
}
export -f convert_one
export dir bin
# JOBS conversions at once (default: one per core).
printf '%s\0' "${streams[@]}" | xargs -0 -n 1 -P "${JOBS:-$(nproc)}" bash -c 'convert_one "$1"' _ ||
  exit 2

# The CSV ledgers read back by dangjian's own CSV reader, one JSON Lines
# file per county (convert reads one ledger file at a time), so that what the
# CSV round trip keeps is checked apart from report's reading of folders.
# ROUNDTRIP=0 skips it (at national scale it writes gigabytes of JSON Lines;
# pairs B and C check report over the CSV folders anyway).
if [[ ${ROUNDTRIP:-1} != 0 ]]; then
mkdir -p "$dir/roundtrip"
for f in "${streams[@]}"; do
  county=$(basename "$f" .djr)
  [[ -f $dir/roundtrip/$county.jsonl ]] && continue
  : >"$dir/roundtrip/$county.jsonl.tmp"
  : >"$dir/roundtrip/$county.log"
  for ledger in "$dir/csv/$county"/*.csv; do
    # Exit 2 with rows listed on standard error: rows the reader refuses
    # (that loss is what the check measures); anything else is a failure.
    status=0
    "$bin" convert -q --from csv - - <"$ledger" >>"$dir/roundtrip/$county.jsonl.tmp" \
      2>>"$dir/roundtrip/$county.log" || status=$?
    ((status == 0 || status == 2)) || { echo "convert --from csv $ledger failed" >&2; exit 2; }
  done
  mv "$dir/roundtrip/$county.jsonl.tmp" "$dir/roundtrip/$county.jsonl"
done
skipped=$(cat "$dir"/roundtrip/*.log | grep -c . || true)
((skipped == 0)) || echo "CSV round trip: dangjian's CSV reader refused $skipped rows (see $dir/roundtrip/*.log)"
fi

if [[ ! -d $root/benchmarks/duckdb/node_modules/@duckdb/node-api ]]; then
  (cd "$root/benchmarks/duckdb" && npm ci --no-audit --no-fund)
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec node "$root/benchmarks/duckdb/compare.mjs" --data "$dir" --dangjian "$bin" \
  --year "$year" --repeat "${REPEAT:-3}" --threads "${THREADS:-2}" ${SNIFF:+--sniff}
