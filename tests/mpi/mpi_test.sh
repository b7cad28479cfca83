#!/usr/bin/env bash
# End to end tests of dangjian-mpi:
#   mpi_test.sh DANGJIAN DANGJIAN_MPI MPIRUN WORK_DIR
# Each check prints "ok - ..." or "not ok - ..."; the last line counts them.
set -u
bin=$(realpath "$1") mpi=$(realpath "$2") mpirun=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
passed=0 failed=0
ok() { echo "ok - $1"; passed=$((passed + 1)); }
bad() { echo "not ok - $1"; failed=$((failed + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
ulimit -c 0  # The rank killed below leaves no core file.

# CI machines run as root, and have fewer cores than the ranks tried here.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
# Open MPI leaks at MPI_Finalize by design: under AddressSanitizer (./build.sh
# sanitize) leak checking stays on for dangjian, off for the MPI processes.
mpi_asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
run() {  # NP ARGS...: dangjian-mpi report on NP ranks
  local np=$1
  shift
  ASAN_OPTIONS=$mpi_asan "$mpirun" --oversubscribe -np "$np" "$mpi" report "$@"
}

run 1 --help >help.txt
check "--help has the usage and an example" \
  '[[ $? -eq 0 ]] && grep -q "Usage: mpirun" help.txt && grep -q Example help.txt'

# National data: 40 county streams of uneven size, with planted faults (so that
# validation finds ERRORs: exit status 1), and one county as CSV ledgers.
"$bin" generate -q --units 40000 --units-per-county 1000 --faults 0.01 -o nat/ || exit 2
"$bin" convert -q "nat/$(ls nat | head -1)" nat/ledgers/ >/dev/null 2>&1 ||
  "$bin" convert "nat/$(ls nat | head -1)" nat/ledgers/ >/dev/null 2>&1
rm -f "nat/$(ls nat | grep djr | head -1)"  # Its ledgers stand for it.
check "the test data: 39 streams and a folder of ledgers" \
  '[[ $(ls nat/*.djr | wc -l) -eq 39 && -n $(ls nat/ledgers/*.csv 2>/dev/null) ]]'

# The same bytes and exit status as dangjian report, on 1, 2 and 4 ranks.
while read -r name ext flags; do
  "$bin" report -q --year 2017 --group-by county $flags -o "want.$name$ext" nat/ 2>/dev/null
  want_rc=$?
  for np in 1 2 4; do
    run $np -q --year 2017 --group-by county $flags -o "got.$name.$np$ext" nat/ \
      </dev/null 2>"err.$name.$np"
    rc=$?
    check "$np ranks, $name: the bytes of dangjian report, exit $want_rc" \
      '[[ -s "want.$name$ext" && $rc -eq $want_rc ]] && cmp -s "want.$name$ext" "got.$name.$np$ext"'
  done
done <<'CASES'
text .txt --format text
json .json --format json
csv .csv --format csv --lang en
html .html --format html
novalidate .json --no-validate --format json
partialpb .pb --partial --as-of 2017-06-30
partialjson .json --partial --no-validate
CASES
check "validated reports exit 1 (the planted faults are ERRORs)" \
  '"$bin" report -q --year 2017 nat/ >/dev/null; [[ $? -eq 1 ]]'
check "the .pb partial is binary, the other JSON" \
  '! grep -q "\"year\"" got.partialpb.2.pb && grep -q "\"year\"" got.partialjson.2.json'

# More ranks than shards: idle ranks merge nothing and the bytes stay.
"$bin" report -q --year 2017 --format json nat/$(ls nat | grep djr | head -1) >want.one
run 3 -q --year 2017 --format json nat/$(ls nat | grep djr | head -1) >got.one
rc=$?
check "3 ranks over 1 shard: the same bytes, exit 1 as dangjian report" '[[ $rc -eq 1 ]] && cmp -s want.one got.one'

# Progress and the ranks' summary on standard error, from rank 0 only.
run 2 --year 2017 --no-validate -o /dev/null nat/ 2>progress.txt
check "rank 0, and only it, says what it runs and what each rank did" \
  '[[ $(grep -c "report: 40 shards, " progress.txt) -eq 1 && $(grep -c "rank 1:" progress.txt) -eq 1 ]] && grep -q "rank 0:" progress.txt && grep -q "peak RSS" progress.txt'

# A damaged shard fails the job naming it and the rank; nothing is written.
mkdir -p dmg && cp nat/*.djr dmg/ && victim=$(ls dmg | sed -n 5p)
head -c 100000 "nat/$victim" >"dmg/$victim"
run 2 -q --year 2017 -o dmg.txt dmg/ 2>dmg.err
rc=$?
check "a damaged shard: exit 2, the shard and the rank named, no output" \
  '[[ $rc -eq 2 && ! -e dmg.txt && ! -e dmg.txt.tmp ]] && grep -q "$victim" dmg.err && grep -q "rank [0-9]" dmg.err && grep -q "could not be read whole" dmg.err'
"$bin" report -q --year 2017 --allow-damaged --format json dmg/ >want.dmg 2>/dev/null
run 2 -q --year 2017 --allow-damaged --format json -o got.dmg dmg/ 2>dmg2.err
rc=$?
check "--allow-damaged: exit 3, the bytes of dangjian report, the shard named" \
  '[[ $rc -eq 3 ]] && cmp -s want.dmg got.dmg && grep -q "$victim" dmg2.err'

# Paths that cannot be read, and inputs that are not for a cluster.
run 2 -q --year 2017 -o miss.txt nat/ missing.djr 2>miss.err
rc=$?
check "a missing input: exit 2, named, no output" \
  '[[ $rc -eq 2 && ! -e miss.txt ]] && grep -q "missing.djr" miss.err'
mkdir -p broken && cp nat/*.djr broken/ && ln -s /nonexistent/x.djr broken/gone.djr
run 2 -q --year 2017 -o broken.txt broken/ 2>broken.err
rc=$?
check "a dangling link in a folder: exit 2, named, no output" \
  '[[ $rc -eq 2 && ! -e broken.txt ]] && grep -q "gone.djr" broken.err'
run 2 -q --year 2017 - <"nat/$victim" 2>stdin.err
check "standard input is refused (every rank would need it)" \
  '[[ $? -eq 2 ]] && grep -q "standard input" stdin.err'
run 2 -q 2>noyear.err nat/
check "a missing --year: exit 2 with the message of dangjian report" \
  '[[ $? -eq 2 ]] && grep -q -- "--year" noyear.err && [[ $(grep -c "give the report year" noyear.err) -eq 1 ]]'
run 2 -q --year 2017 --bogus nat/ 2>bogus.err
check "an unknown flag: exit 2, said once" \
  '[[ $? -eq 2 && $(grep -c -- "--bogus" bogus.err) -eq 1 ]]'
run 2 -q --year 2017 -o nat/ledgers/members.csv nat/ 2>over.err
check "an output that is an input is refused" '[[ $? -eq 2 ]] && grep -q "would destroy the input" over.err && head -1 nat/ledgers/members.csv | grep -qv 年度'

# A shard counted twice (a copy of a county under another name).
mkdir -p twice && cp nat/*.djr twice/ && cp "nat/$victim" "twice/copy-of-$victim"
run 2 -q --year 2017 -o twice.txt twice/ 2>twice.err
rc=$?
check "a shard counted twice: exit 2, both named, no output" \
  '[[ $rc -eq 2 && ! -e twice.txt ]] && grep -q "counted twice" twice.err && grep -q "copy-of-$victim" twice.err'

# A FIFO shard that never ends: the rank that reads it waits there.
mkdir -p fifo && cp nat/*.djr fifo/ && mkfifo fifo/zz-wait.djr
reader_of() {  # OUTPUT: the pid of the dangjian-mpi process (writing OUTPUT) that has the FIFO open
  local p
  for _ in $(seq 300); do
    for p in $(pgrep -f "$mpi report .*-o $1"); do
      ls -l "/proc/$p/fd" 2>/dev/null | grep -q zz-wait.djr && { echo "$p"; return; }
    done
    sleep 0.1
  done
}

# A rank that dies (SIGSEGV while it waits on the FIFO) ends the job with a
# non-zero status; it names itself and its shards; nothing is written.
ASAN_OPTIONS=$mpi_asan "$mpirun" --oversubscribe -np 2 "$mpi" report -q --year 2017 -o fifo.txt fifo/ \
  </dev/null 2>fifo.err &
job=$!
exec 3<>fifo/zz-wait.djr  # A writer that never writes.
dying=$(reader_of fifo.txt)
if [[ -n $dying ]]; then
  kill -SEGV "$dying"
else
  kill -TERM "$job"  # Never found: end the job rather than wait on the FIFO.
fi
wait "$job"
rc=$?
exec 3>&-
check "a rank that dies: non-zero exit, the rank and its shard named, no output" \
  '[[ -n $dying && $rc -ne 0 ]] && ! ls fifo.txt* >/dev/null 2>&1 && grep -q "rank [0-9] died" fifo.err && grep -q "zz-wait.djr" fifo.err'

# The job killed midway (a scheduler's SIGTERM to mpirun) leaves no output;
# until then rank 0 said how far it had got.
ASAN_OPTIONS=$mpi_asan "$mpirun" --oversubscribe -np 2 "$mpi" report --progress-every 0.1 \
  --threads 1 --year 2017 -o killed.txt fifo/ </dev/null 2>killed.err &
job=$!
exec 3<>fifo/zz-wait.djr
reading=$(reader_of killed.txt)
for _ in $(seq 300); do  # Until every other shard is done and said so.
  grep -q "39 of 40 shards done" killed.err && break
  sleep 0.1
done
kill -TERM "$job"
wait "$job"
rc=$?
exec 3>&-
check "a job killed midway (SIGTERM to mpirun): non-zero exit, no output" \
  '[[ -n $reading && $rc -ne 0 ]] && ! ls killed.txt* >/dev/null 2>&1'
check "rank 0's progress lines say how far the job got" \
  'grep -q "39 of 40 shards done" killed.err'
run 2 -q --year 2017 --progress-every 0.01 nat/ 2>every.err
check "--progress-every below 0.1 s is refused" '[[ $? -eq 2 ]] && grep -q "at least 0.1" every.err'

echo "# $passed passed, $failed failed"
[[ $failed -eq 0 ]]
