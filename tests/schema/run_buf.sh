#!/usr/bin/env bash
# run_buf.sh BUF MODE DIR [CONFIG | BASELINE]
#   MODE lint:           run `buf lint` in DIR (which holds buf.yaml); pass when buf
#                        finds nothing.
#   MODE lint-must-fail: lint DIR/proto under the project's CONFIG (buf.yaml) in a
#                        scratch copy; pass when buf reports the planted violations
#                        (a self-test of the lint).
#   MODE breaking:       run `buf breaking` in DIR (the project) against BASELINE,
#                        the image of the released schema; pass when nothing breaks.
#   MODE breaking-must-fail: renumber HostOrganization.name in a scratch copy of
#                        DIR (the project) and check it against BASELINE; pass when
#                        buf reports the renumbered field (a self-test of the check).
# Exits 77 (ctest: skipped) when buf is not installed.
set -euo pipefail
buf=${1:-} mode=$2 dir=$3 config=${4:-}
if [[ -z $buf || ! -x $buf ]]; then
  echo "buf is not installed; ./build.sh installs it (cmake/buf/package.json)" >&2
  exit 77
fi

breaking() {
  local baseline=$config
  if [[ ! -f $baseline ]]; then
    echo "schema baseline $baseline is missing" >&2
    exit 1
  fi
  if [[ $mode == breaking-must-fail ]]; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    cp "$dir/buf.yaml" "$scratch/" && cp -r "$dir/proto" "$scratch/" || exit 1
    local host=$scratch/proto/dangjian/v1/host.proto
    grep -q '^  string name = 2;$' "$host" || {
      echo "host.proto no longer has 'string name = 2;': update this self-test" >&2
      exit 1
    }
    sed -i 's/^  string name = 2;$/  string name = 99;/' "$host"
    dir=$scratch
  fi
  cd "$dir" || exit 1
  "$buf" --version
  local out rc=0
  out=$("$buf" breaking --against "$baseline" 2>&1) || rc=$?
  printf '%s\n' "$out"
  if [[ $mode == breaking ]]; then
    if [[ $rc -ne 0 ]]; then
      echo "buf breaking: proto/dangjian/v1 is not compatible with the released" \
        "schema $(basename "$baseline"). Field numbers and names are forever: mark a" \
        "removed field 'reserved'; a deliberate break takes a new package" \
        "(dangjian.v2). See docs/compatibility.md, \"Changing a baseline\"." >&2
    fi
    exit $rc
  fi
  if [[ $rc -ne 0 && $out == *host.proto* && $out == *'"name"'* ]]; then
    echo "buf breaking reported the renumbered field, as it should"
    exit 0
  fi
  echo "buf breaking did not report the renumbered field" >&2
  exit 1
}

case $mode in
  breaking | breaking-must-fail) breaking ;;
esac

if [[ $mode == lint-must-fail ]]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cp "$config" "$scratch/buf.yaml" && cp -r "$dir/proto" "$scratch/" || exit 1
  dir=$scratch
fi
cd "$dir" || exit 1
"$buf" --version
rc=0
out=$("$buf" lint 2>&1) || rc=$?
printf '%s\n' "$out"
case $mode in
  lint) exit $rc ;;
  lint-must-fail)
    if [[ $rc -ne 0 && $out == *_UNSPECIFIED* && $out == *lower_snake_case* && $out == *"non-empty comment"* ]]; then
      echo "buf lint reported the planted violations, as it should"
      exit 0
    fi
    echo "buf lint did not report the planted violations" >&2
    exit 1 ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
