#!/usr/bin/env bash
# run_buf.sh BUF MODE DIR [CONFIG]
#   MODE lint:           run `buf lint` in DIR (which holds buf.yaml); pass when buf
#                        finds nothing.
#   MODE lint-must-fail: lint DIR/proto under the project's CONFIG (buf.yaml) in a
#                        scratch copy; pass when buf reports the planted violations
#                        (a self-test of the lint).
# Exits 77 (ctest: skipped) when buf is not installed.
set -u
buf=$1 mode=$2 dir=$3 config=${4:-}
if [[ -z $buf || ! -x $buf ]]; then
  echo "buf is not installed; ./build.sh installs it (cmake/buf/package.json)" >&2
  exit 77
fi
if [[ $mode == lint-must-fail ]]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cp "$config" "$scratch/buf.yaml" && cp -r "$dir/proto" "$scratch/" || exit 1
  dir=$scratch
fi
cd "$dir" || exit 1
"$buf" --version
out=$("$buf" lint 2>&1)
rc=$?
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
