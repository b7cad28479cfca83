#!/usr/bin/env bash
# check_abi.sh LIB BASELINE [SUPPRESSIONS]
#   Dumps the ABI of the shared library LIB with abidw and compares it with the
#   committed BASELINE (abi/libdangjian.abi) with abidiff, ignoring the types
#   SUPPRESSIONS names (abi/suppressions.abignore). Passes when nothing changed or
#   when the only changes are added functions and variables (compatible); fails on
#   a removed or changed function or variable, or a changed type reachable from
#   one (a public struct's layout, a class's vtable).
# Exits 77 (ctest: skipped) when abidw or abidiff is missing (Debian:
# abigail-tools; ./build.sh installs it) or LIB has no debug information.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=abi/abi_common.sh
source "$here/abi_common.sh"

lib=$1 baseline=$2 suppr=${3:-}
for tool in abidw abidiff; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing (Debian: abigail-tools; ./build.sh deps installs it); skipping" >&2
    exit 77
  }
done
[[ -f $lib ]] || {
  echo "no shared library at $lib" >&2
  exit 1
}
[[ -f $baseline ]] || {
  echo "no ABI baseline at $baseline" >&2
  echo "$DANGJIAN_UPDATE_HINT" >&2
  exit 1
}
# (Not `readelf | grep -q`: grep quitting early would fail the pipe with SIGPIPE.)
if [[ $(readelf -S "$lib") != *.debug_info* ]]; then
  echo "$lib has no debug information (build RelWithDebInfo or Debug): abidw sees" \
    "no types to compare; skipping" >&2
  exit 77
fi
abidiff --version

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dangjian_abi_dump "$lib" "$scratch/current.abi"
opts=(--suppressions "${suppr:-$DANGJIAN_ABI_SUPPRESSIONS}")

# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 ABI change,
# 8 incompatible ABI change (a removed symbol, among others).
rc=0
abidiff "${opts[@]}" "$baseline" "$scratch/current.abi" >"$scratch/report.txt" 2>&1 || rc=$?
cat "$scratch/report.txt"
if ((rc & 3)); then
  echo "abidiff could not compare (exit status $rc)" >&2
  exit 1
fi
if ((rc == 0)); then
  echo "ABI ok: $(basename "$lib") matches $(basename "$baseline")"
  exit 0
fi
if ((!(rc & 8))); then
  # A change, not known to be incompatible: compatible only when it is nothing but
  # additions, i.e. when the comparison without added symbols finds nothing.
  rc2=0
  abidiff "${opts[@]}" --no-added-syms "$baseline" "$scratch/current.abi" \
    >"$scratch/report2.txt" 2>&1 || rc2=$?
  if ((rc2 == 0)); then
    echo "ABI ok: $(basename "$lib") only adds to $(basename "$baseline") (compatible);" \
      "regenerate the baseline with abi/update_baselines.sh when releasing"
    exit 0
  fi
fi
echo "ABI check failed: $(basename "$lib") is not compatible with $baseline" \
  "(abidiff exit status $rc; report above)." >&2
echo "$DANGJIAN_UPDATE_HINT" >&2
exit 1
