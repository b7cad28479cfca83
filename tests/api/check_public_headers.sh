#!/usr/bin/env bash
# check_public_headers.sh INCLUDE_DIR PROTO_DIR
#   Fails unless every header in INCLUDE_DIR/dangjian/ includes only
#     - other public headers: "dangjian/X.h" that exists in INCLUDE_DIR/dangjian/,
#       "dangjian/version.h" (generated from cmake/version.h.in) or
#       "dangjian/v1/X.pb.h" whose X.proto is in PROTO_DIR/dangjian/v1/;
#     - abseil ("absl/...") and protobuf ("google/protobuf/...") headers;
#     - standard headers (<name>, no directory, no ".h");
#   none opens a namespace `internal` (internals live in src/); no function
#   takes a string view or a const std::string& (a string parameter is a
#   StringArg, which takes std::string_view and Debian's absl::string_view
#   alike); and the umbrella header dangjian/dangjian.h reaches every public
#   header.
#   A src/ header ("validate/checks.h", "src/...", "../src/...") is thus refused.
# check_public_headers.sh --self-test INCLUDE_DIR PROTO_DIR
#   Copies the headers to a scratch directory, plants a src/ include, a
#   non-standard <...> include, a namespace internal, a std::string_view
#   parameter and a header the umbrella header misses, and passes only when the
#   check reports all five.
set -euo pipefail

if [[ ${1:-} == --self-test ]]; then
  include=$2 proto=$3
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  cp -r "$include/dangjian" "$scratch/"
  printf '#include "validate/checks.h"\n#include <zlib.h>\nnamespace dangjian::internal {}\n' \
    >>"$scratch/dangjian/policy.h"
  printf 'void Planted(int n,\n             std::string_view planted_view);\nvoid Planted(const std::string& planted_ref);\n' \
    >>"$scratch/dangjian/record.h"
  printf '// Not in the umbrella header.\n' >"$scratch/dangjian/orphan.h"
  if out=$(bash "$0" "$scratch" "$proto" 2>&1); then
    printf '%s\n' "$out"
    echo "self-test: the check passed headers that include a src/ header" >&2
    exit 1
  fi
  printf '%s\n' "$out"
  for want in '"validate/checks.h"' '<zlib.h>' 'namespace internal' 'planted_view' 'planted_ref' \
    'dangjian/orphan.h'; do
    if [[ $out != *"$want"* ]]; then
      echo "self-test: the check did not report $want" >&2
      exit 1
    fi
  done
  echo "self-test: the check reported every planted fault, as it should"
  exit 0
fi

include=$1 proto=$2
shopt -s nullglob
headers=("$include"/dangjian/*.h)
((${#headers[@]})) || {
  echo "no headers in $include/dangjian" >&2
  exit 1
}
bad=0
for h in "${headers[@]}"; do
  name=${h#"$include"/}
  while IFS= read -r line; do
    target=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*//' <<<"$line")
    ok=0
    case $target in
      \"dangjian/v1/*.pb.h\")
        stem=${target#\"dangjian/v1/}
        stem=${stem%.pb.h\"}
        [[ -f $proto/dangjian/v1/$stem.proto ]] && ok=1 ;;
      \"dangjian/version.h\") ok=1 ;;
      \"dangjian/*/*\") ok=0 ;;
      \"dangjian/*.h\")
        file=${target#\"}
        file=${file%\"}
        [[ -f $include/$file ]] && ok=1 ;;
      \"absl/*\" | \"google/protobuf/*\") ok=1 ;;
      \<*\>)
        # Standard headers have no directory and no extension.
        [[ $target =~ ^\<[a-z_0-9]+\>$ ]] && ok=1 ;;
    esac
    if ((!ok)); then
      echo "$name: $line: a public header may include only dangjian/, absl/," \
        "google/protobuf/ and standard headers (no src/ header)" >&2
      bad=1
    fi
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include' "$h" || true)
  if grep -nE 'namespace[[:space:]]+([a-z_:]*::)?internal\b' "$h" >/dev/null; then
    echo "$name: opens a namespace internal: internals belong in src/" >&2
    bad=1
  fi
  # A parameter `absl::string_view name`, `std::string_view name` or
  # `const std::string& name` (followed
  # by `,`, `)` or a default), outside comments and constants; StringArg's own
  # constructors take them.
  if [[ $name != dangjian/string_arg.h ]] && views=$(grep -nE '((absl|std)::string_view|const std::string&)[[:space:]]+[a-z_0-9]+[[:space:]]*[,)=]' "$h" |
    grep -vE '^[0-9]+:[[:space:]]*//|constexpr'); then
    while IFS= read -r v; do
      echo "$name:$v: a string parameter is a dangjian::StringArg, so that" \
        "callers holding std::string_view and absl::string_view both compile" >&2
    done <<<"$views"
    bad=1
  fi
done
# The umbrella header reaches every public header, directly or through another.
if [[ -f $include/dangjian/dangjian.h ]]; then
  declare -A reached=([dangjian.h]=1)
  queue=(dangjian.h)
  while ((${#queue[@]})); do
    h=${queue[0]}
    queue=("${queue[@]:1}")
    [[ -f $include/dangjian/$h ]] || continue
    while IFS= read -r inc; do
      if [[ -z ${reached[$inc]:-} ]]; then
        reached[$inc]=1
        queue+=("$inc")
      fi
    done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"dangjian\/([a-z_0-9]+\.h)".*/\1/p' \
      "$include/dangjian/$h")
  done
  for h in "${headers[@]}"; do
    base=${h##*/}
    if [[ -z ${reached[$base]:-} ]]; then
      echo "dangjian/dangjian.h does not include dangjian/$base (it promises the whole" \
        "public API)" >&2
      bad=1
    fi
  done
fi
if ((bad)); then
  exit 1
fi
echo "public headers ok: ${#headers[@]} headers, all reached from dangjian.h, include" \
  "only public, absl, protobuf and standard headers, take strings as StringArg"
