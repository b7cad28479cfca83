#!/usr/bin/env bash
# dangjian's one entry point for building, testing and trying the library.
#
#   ./build.sh demo       install what is missing, build, run the Keshiketeng example:
#                         the article's figures beside the report's, and the HTML
#                         report written to build/keshiketeng_report.html
#   ./build.sh test       install what is missing, build and run every test, with the
#                         library built static (build/) and shared (build-shared/),
#                         and a smoke run of every fuzz target (build-fuzz/)
#   ./build.sh sanitize   build with AddressSanitizer + UndefinedBehaviorSanitizer
#                         (build-sanitize/, the library shared, so that the
#                         instrumented library is on disk once, not in every
#                         test program) and run every test but the package
#                         consumer tests (which link the library into programs
#                         built without the sanitizers) and the ABI checks
#                         (instrumentation is not the ABI)
#   ./build.sh fuzz       build the libFuzzer targets with clang (build-fuzz/) and
#                         run each for a few thousand executions; FUZZ_SECONDS=N
#                         runs each for N seconds instead
#   ./build.sh build      install what is missing and build (build/)
#   ./build.sh deps       only install the Debian packages and the pinned tools
#
# Environment: JOBS (parallel jobs; default: the number of cores),
# BUILD_TYPE (default RelWithDebInfo).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
build_type=${BUILD_TYPE:-RelWithDebInfo}
tools="$root/build/_tools"
# Debug sections compressed (zlib) in objects, libraries and programs: a
# RelWithDebInfo build takes little more than half the disk (BENCHMARKS.md,
# "The disk a build takes"), and a CI machine's disk is not large. gdb,
# valgrind and abidw read them as they are. CMake takes these at a build tree's first
# configure; the consumer builds the tests run inherit them.
export CFLAGS="${CFLAGS:+$CFLAGS }-gz" CXXFLAGS="${CXXFLAGS:+$CXXFLAGS }-gz"
export LDFLAGS="${LDFLAGS:+$LDFLAGS }-gz"

# Debian 12 packages the build, the tests and the tools need.
packages=(
  g++ cmake ninja-build pkg-config git
  time  # GNU time: peak RSS in benchmarks/*.sh (scaling_run.sh has a test)
  libprotobuf-dev protobuf-compiler libabsl-dev zlib1g-dev python3-protobuf
  libzip-dev libexpat1-dev  # Excel workbooks (.xlsx) read: the archive, the XML
  libxlsxwriter-dev         # Excel workbooks written
  python3-openpyxl          # the tests open the workbooks written as another program would
  python3-pandas            # docs/python.md's example reads and writes the ledgers with pandas
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  chromium
  fonts-noto-cjk fontconfig  # Chinese glyphs in Chromium; fc-list (not a chromium dependency)
  python3-pil poppler-utils  # the Chromium test reads its screenshots and printed PDF
  abigail-tools  # abidw/abidiff: the ABI check of shared builds (abi/)
  libopenmpi-dev openmpi-bin  # dangjian-mpi, the report over Open MPI (src/mpi/)
)
# npm fetches buf; a machine with Node.js from elsewhere (e.g. NodeSource, whose
# nodejs package bundles npm and conflicts with Debian's npm) keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

log() { printf '==> %s\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
      missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || {
      echo "build.sh: need root or sudo to install: ${missing[*]}" >&2
      exit 2
    }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# buf (schema lint), from the npm registry at the version pinned in cmake/buf.
install_tools() {
  local want
  want=$(sed -n 's/.*"@bufbuild\/buf": "\([^"]*\)".*/\1/p' cmake/buf/package.json)
  if [[ -x $tools/node_modules/.bin/buf ]] &&
    [[ $("$tools/node_modules/.bin/buf" --version 2>/dev/null) == "$want" ]]; then
    return 0
  fi
  log "installing buf $want from the npm registry into build/_tools"
  mkdir -p "$tools"
  cp cmake/buf/package.json cmake/buf/package-lock.json "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "build.sh: could not install buf; the schema lint tests will be skipped" >&2
  }
}

configure_and_build() {  # DIR SHARED [extra cmake args...]
  local dir=$1 shared=$2
  shift 2
  log "configuring $dir (BUILD_SHARED_LIBS=$shared, $build_type)"
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DBUILD_SHARED_LIBS="$shared" -DDANGJIAN_BUF="$tools/node_modules/.bin/buf" "$@" >/dev/null
  log "building $dir"
  cmake --build "$dir" --parallel "$jobs"
}

run_tests() {  # DIR [extra ctest args...]
  local dir=$1
  shift
  log "testing $dir"
  ctest --test-dir "$dir" --output-on-failure --parallel "$jobs" --timeout 1200 "$@"
}

# The fuzz targets: clang with libFuzzer, everything instrumented (build-fuzz/).
run_fuzzers() {
  CC=clang CXX=clang++ configure_and_build "$root/build-fuzz" OFF \
    -DDANGJIAN_BUILD_FUZZERS=ON -DDANGJIAN_BUILD_TESTS=OFF \
    -DDANGJIAN_BUILD_EXAMPLES=OFF -DDANGJIAN_BUILD_BENCHMARKS=OFF -DDANGJIAN_INSTALL=OFF \
    -DDANGJIAN_MPI=OFF -DDANGJIAN_BUILD_CLI=OFF
  if [[ -n ${FUZZ_SECONDS:-} ]]; then
    local t
    for t in "$root"/build-fuzz/bin/*_fuzzer; do
      log "fuzzing $(basename "$t") for $FUZZ_SECONDS s"
      mkdir -p "$root/build-fuzz/found/$(basename "$t")"
      "$t" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "$root/build-fuzz/found/$(basename "$t")" "$root/tests/fuzz/corpus/$(basename "$t")"
    done
  else
    run_tests "$root/build-fuzz"
  fi
}

cmd=${1:-}
case $cmd in
  deps)
    install_packages
    install_tools
    ;;
  build)
    install_packages
    install_tools
    configure_and_build "$root/build" OFF
    ;;
  demo)
    install_packages
    install_tools
    configure_and_build "$root/build" OFF
    log "running build/bin/keshiketeng_report"
    (cd "$root/build" && ./bin/keshiketeng_report "$root/build/keshiketeng_report.html")
    ;;
  test)
    install_packages
    install_tools
    configure_and_build "$root/build" OFF
    run_tests "$root/build"
    # build/ ran the consumers that build the library from this source tree
    # (add_subdirectory, static; FetchContent, shared, with find_package and
    # pkg-config against its install) and its own install's; build-shared/
    # adds its own install's (shared), not those builds again.
    configure_and_build "$root/build-shared" ON -DDANGJIAN_TEST_SOURCE_CONSUMERS=OFF
    run_tests "$root/build-shared"
    run_fuzzers
    ;;
  fuzz)
    install_packages
    install_tools
    run_fuzzers
    ;;
  sanitize)
    install_packages
    install_tools
    flags="$CXXFLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    configure_and_build "$root/build-sanitize" ON -DCMAKE_CXX_FLAGS="$flags" \
      -DCMAKE_EXE_LINKER_FLAGS="$LDFLAGS -fsanitize=address,undefined" \
      -DCMAKE_SHARED_LINKER_FLAGS="$LDFLAGS -fsanitize=address,undefined" \
      -DDANGJIAN_TEST_SOURCE_CONSUMERS=OFF
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      run_tests "$root/build-sanitize" -E '^(package|abi)[.]'
    ;;
  *)
    if [[ -n $cmd && $cmd != help && $cmd != -h && $cmd != --help ]]; then
      echo "build.sh: unknown command '$cmd'" >&2
    fi
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    [[ -z $cmd || $cmd == help || $cmd == -h || $cmd == --help ]] && exit 0
    exit 2
    ;;
esac
