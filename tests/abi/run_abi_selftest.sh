#!/usr/bin/env bash
# run_abi_selftest.sh CXX WORK_DIR
#   Builds tests/abi/selftest_lib.cc in four variants, dumps the first as a
#   baseline, and runs abi/check_abi.sh on the others: an added function must pass,
#   a changed parameter type and a grown options struct must fail. Shows that the
#   ABI check can fail, and on what. Exits 77 when abidw or abidiff is missing.
set -euo pipefail
cxx=$1 work=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=abi/abi_common.sh
source "$root/abi/abi_common.sh"
for tool in abidw abidiff; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing (Debian: abigail-tools); skipping" >&2
    exit 77
  }
done
rm -rf "$work"
mkdir -p "$work"
for v in 0 1 2 3; do
  "$cxx" -std=c++17 -shared -fPIC -g -O1 -fvisibility=hidden -DVARIANT=$v \
    -o "$work/libselftest$v.so" "$here/selftest_lib.cc"
done
dangjian_abi_dump "$work/libselftest0.so" "$work/baseline.abi"

expect() {  # pass|fail VARIANT WHAT
  local want=$1 v=$2 what=$3 rc=0
  bash "$root/abi/check_abi.sh" "$work/libselftest$v.so" "$work/baseline.abi" \
    >"$work/check$v.log" 2>&1 || rc=$?
  if [[ $want == pass && $rc -eq 0 ]] || [[ $want == fail && $rc -eq 1 ]]; then
    echo "selftest: $what: check_abi.sh exit $rc, as it should"
    return 0
  fi
  cat "$work/check$v.log"
  echo "selftest: $what: check_abi.sh exit $rc, but it should $want" >&2
  return 1
}
ok=0
expect pass 0 "unchanged library" || ok=1
expect pass 1 "added function" || ok=1
expect fail 2 "changed parameter type" || ok=1
expect fail 3 "grown options struct" || ok=1
grep -q 'Twice' "$work/check2.log" || {
  echo "selftest: the report of the changed parameter does not name Twice" >&2
  ok=1
}
exit $ok
