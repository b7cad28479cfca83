#!/usr/bin/env bash
# dangjian-mpi against dangjian report over the same national dataset: wall time
# and peak RSS of each rank, for 1, 2 and 4 ranks (mpirun --oversubscribe past the
# cores), validated and not, best of ROUNDS in one window; and what the model of
# docs/distributed.md needs: the bytes of a county's and of the nation's partial
# report, and the time of one merge of two half-nation partials.
#
#   benchmarks/mpi_run.sh [DIR] [ROUNDS]
#
# DIR: a folder of county streams (default /tmp/dangjian-national, as
# benchmarks/national_run.sh leaves it). ROUNDS: default 3. Every output is
# checked byte for byte against dangjian report's.
set -euo pipefail
dir=${1:-/tmp/dangjian-national}
rounds=${2:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/build/bin/dangjian" mpi="$root/build/bin/dangjian-mpi"
[[ -x $bin && -x $mpi ]] || { echo "build first, with MPI: ./build.sh build" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "dataset: $dir, $(ls "$dir" | wc -l) county streams, $(du -sh "$dir" | cut -f1)"
cat "$dir"/* >/dev/null  # Into the page cache, for every run alike.

seconds() {  # LOG: /usr/bin/time's wall clock in seconds
  sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}

for mode in validated no-validate; do
  flags=(--year 2017 --group-by county --format json)
  [[ $mode == no-validate ]] && flags+=(--no-validate)
  best=
  for _ in $(seq "$rounds"); do
    /usr/bin/time -v "$bin" report -q "${flags[@]}" -o "$work/want.json" "$dir/" 2>"$work/t.log" || [[ $? -eq 1 ]]
    s=$(seconds "$work/t.log")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/t.log")
    if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$s best_rss=$rss
    fi
  done
  printf '%-12s dangjian report -j2       wall %6.2f s  peak RSS %5d MiB\n' "$mode" "$best" $((best_rss / 1024))
  for np in 1 2 4; do
    best=
    for _ in $(seq "$rounds"); do
      /usr/bin/time -v mpirun --oversubscribe -np "$np" "$mpi" report "${flags[@]}" \
        -o "$work/got.json" "$dir/" 2>"$work/m.log" || [[ $? -eq 1 ]]
      cmp -s "$work/want.json" "$work/got.json" || { echo "np $np: the output differs" >&2; exit 1; }
      s=$(seconds "$work/m.log")
      if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        best=$s
        cp "$work/m.log" "$work/best.log"
      fi
    done
    printf '%-12s mpirun -np %d dangjian-mpi wall %6.2f s (same bytes)\n' "$mode" "$np" "$best"
    grep -E '^dangjian-mpi report: (rank|[0-9,]+ records)' "$work/best.log" | sed 's/^dangjian-mpi report: /               /'
  done
done

# The model's inputs: partial sizes and one merge.
"$bin" report -q --year 2017 --no-validate --group-by county --partial -o "$work/nation.pb" "$dir/"
"$bin" report -q --year 2017 --no-validate --partial -o "$work/nation1.pb" "$dir/"
first=$(ls "$dir" | sed -n 1p)  # (head would end ls with SIGPIPE: pipefail)
"$bin" report -q --year 2017 --no-validate --group-by county --partial -o "$work/county.pb" "$dir/$first"
# The same paths as above: the partial names each shard by its first file.
mapfile -t files < <(ls "$dir" | sed "s|^|$dir/|")
half=$((${#files[@]} / 2))
"$bin" report -q --year 2017 --no-validate --group-by county --partial -o "$work/a.pb" "${files[@]:0:half}"
"$bin" report -q --year 2017 --no-validate --group-by county --partial -o "$work/b.pb" "${files[@]:half}"
printf 'partial (.pb): one county %s B; the nation by county %s B; the nation in one group %s B\n' \
  "$(stat -c %s "$work/county.pb")" "$(stat -c %s "$work/nation.pb")" "$(stat -c %s "$work/nation1.pb")"
best=
for _ in $(seq "$rounds"); do
  /usr/bin/time -v "$bin" merge --partial -o "$work/ab.pb" "$work/a.pb" "$work/b.pb" 2>"$work/t.log"
  s=$(seconds "$work/t.log")
  if [[ -z $best ]] || awk -v a="$s" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$s; fi
done
cmp -s "$work/ab.pb" "$work/nation.pb" || { echo "the merged halves differ from the nation" >&2; exit 1; }
printf 'merge of two half-nation partials (read, merge, write): %.2f s\n' "$best"
