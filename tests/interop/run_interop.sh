#!/usr/bin/env bash
# Python interop for record streams and JSON Lines (see interop.py).
# Usage: run_interop.sh TOOL PROTOC PYTHON PROTO_ROOT SCRIPT WORKDIR
# Exits 77 (skipped) when Python or python3-protobuf is missing.
set -euo pipefail
tool=$1 protoc=$2 python=$3 proto_root=$4 script=$5 work=$6
if [[ ! -x $python ]] || ! "$python" -c 'import google.protobuf' 2>/dev/null; then
  echo "python3 with google.protobuf (Debian: python3-protobuf) not found: skipped"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work/py"
"$protoc" -I "$proto_root" --python_out="$work/py" "$proto_root"/dangjian/v1/*.proto
"$tool" write "$work"
PYTHONPATH="$work/py" "$python" "$script" "$work"
"$tool" check "$work"
