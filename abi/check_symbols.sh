#!/usr/bin/env bash
# check_symbols.sh LIB ALLOWLIST INCLUDE_DIR...
#   Lists the dynamic symbols the shared library LIB exports in namespace dangjian
#   (nm -D --defined-only, demangled; typeinfo and vtables included) and fails
#   unless the list equals ALLOWLIST (abi/exported_symbols.txt), every name in it is
#   declared in a header under one of the INCLUDE_DIRs (the public API), and LIB
#   exports nothing outside namespace dangjian.
# check_symbols.sh --self-test LIB ALLOWLIST INCLUDE_DIR...
#   Runs the check against a copy of ALLOWLIST with one symbol dropped and one
#   invented; passes only when the check fails naming both.
# Exits 77 (ctest: skipped) when nm or c++filt is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=abi/abi_common.sh
source "$here/abi_common.sh"

for tool in nm c++filt; do
  command -v "$tool" >/dev/null || {
    echo "$tool is missing (binutils); skipping" >&2
    exit 77
  }
done

if [[ ${1:-} == --self-test ]]; then
  shift
  lib=$1 allow=$2
  shift 2
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  dropped=$(grep -m1 -E '^dangjian::' "$allow")
  invented='dangjian::NoSuchFunction(int)'
  { grep -vxF "$dropped" "$allow"; echo "$invented"; } >"$scratch/allow.txt"
  if out=$(bash "$0" "$lib" "$scratch/allow.txt" "$@" 2>&1); then
    printf '%s\n' "$out"
    echo "self-test: the check passed a wrong allow-list" >&2
    exit 1
  fi
  printf '%s\n' "$out"
  if [[ $out == *"+$dropped"* && $out == *"-$invented"* ]]; then
    echo "self-test: the check named the unlisted and the missing symbol, as it should"
    exit 0
  fi
  echo "self-test: the check failed without naming both planted differences" >&2
  exit 1
fi

lib=$1 allow=$2
shift 2
includes=("$@")
[[ -f $lib ]] || {
  echo "no shared library at $lib" >&2
  exit 1
}
[[ -f $allow ]] || {
  echo "no allow-list at $allow" >&2
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dangjian_exported_symbols "$lib" >"$scratch/exported.txt"
grep -vE '^(#|$)' "$allow" | LC_ALL=C sort -u >"$scratch/allowed.txt"
bad=0

if ! diff -U0 "$scratch/allowed.txt" "$scratch/exported.txt" >"$scratch/diff.txt"; then
  echo "$(basename "$lib") exports other symbols than $allow lists" \
    "(+ exported but not listed, - listed but no longer exported):" >&2
  grep -E '^[-+][^-+]' "$scratch/diff.txt" >&2 || true
  bad=1
fi

foreign=$(dangjian_foreign_symbols "$lib")
if [[ -n $foreign ]]; then
  echo "$(basename "$lib") exports symbols outside namespace dangjian (hidden" \
    "visibility should keep them in):" >&2
  printf '  %s\n' "$foreign" >&2
  bad=1
fi

# Every name in an exported symbol is declared in a public header: a symbol of a
# src/ class marked DANGJIAN_EXPORT by mistake is caught even after the allow-list
# was regenerated.
: >"$scratch/headers.txt"
for dir in "${includes[@]}"; do
  for h in "$dir"/dangjian/*.h "$dir"/dangjian/*.h.in; do
    [[ -f $h ]] && cat "$h" >>"$scratch/headers.txt"
  done
done
while IFS= read -r sym; do
  qualified=$(sed -E 's/^(typeinfo name|typeinfo|vtable|VTT|construction vtable) for //;
    s/\[abi:[^]]*\]//g; s/\(.*//' <<<"$sym")
  IFS=':' read -r -a parts <<<"${qualified//::/:}"
  for part in "${parts[@]}"; do
    part=${part#\~}
    [[ -z $part || $part == dangjian || $part == operator* ]] && continue
    if ! grep -qw -- "$part" "$scratch/headers.txt"; then
      echo "exported symbol '$sym': '$part' is declared in no public header" >&2
      bad=1
    fi
  done
done <"$scratch/exported.txt"

if ((bad)); then
  echo "$DANGJIAN_UPDATE_HINT" >&2
  exit 1
fi
echo "exported symbols ok: $(wc -l <"$scratch/exported.txt") symbols, as" \
  "$(basename "$allow") lists, all declared in the public headers"
