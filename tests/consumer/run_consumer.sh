#!/usr/bin/env bash
# run_consumer.sh MODE CONSUMER_DIR DANGJIAN_SOURCE PREFIX WORK_DIR SHARED
# Builds and runs tests/consumer against dangjian:
#   find_package      CMake package installed under PREFIX
#   pkg-config        dangjian.pc installed under PREFIX, compiled with plain c++
#   add_subdirectory  DANGJIAN_SOURCE built inside the consumer's build
#   FetchContent      DANGJIAN_SOURCE fetched from its local path; when PREFIX is
#                     given, the build also installs dangjian there afterwards (as
#                     a superbuild would), for the find_package and pkg-config
#                     consumers of the other library kind
# SHARED (ON/OFF) is the library kind: of the package under PREFIX for
# find_package and pkg-config, the BUILD_SHARED_LIBS to build with otherwise. The
# program must link libdangjian that way (checked with readelf).
set -euo pipefail
mode=$1 consumer=$2 source=$3 prefix=$4 work=$5 shared=${6:-OFF}
rm -rf "$work"
mkdir -p "$work"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
case $shared in ON|on|1|TRUE|true) shared=ON ;; *) shared=OFF ;; esac

case $mode in
  find_package)
    cmake -S "$consumer" -B "$work" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
      -DCMAKE_BUILD_RPATH="$prefix/lib" -DDANGJIAN_CONSUMER_MODE=find_package
    cmake --build "$work"
    ;;
  add_subdirectory)
    cmake -S "$consumer" -B "$work" "${generator[@]}" -DBUILD_SHARED_LIBS=$shared \
      -DDANGJIAN_CONSUMER_MODE=add_subdirectory -DDANGJIAN_SOURCE_DIR="$source" \
      -DCMAKE_EXPORT_COMPILE_COMMANDS=ON -DCMAKE_BUILD_TYPE=
    cmake --build "$work"
    # Embedded with no build type: the library is optimized all the same, and
    # only what the consumer needs is built (no CLI, tests or examples).
    if ! grep -q -- '-O2 .*src/core/policy.cc' "$work/compile_commands.json"; then
      echo "consumer: libdangjian was not compiled with -O2 under a parent with no build type" >&2
      exit 1
    fi
    if grep -q 'src/cli/' "$work/compile_commands.json"; then
      echo "consumer: add_subdirectory built the dangjian CLI (DANGJIAN_BUILD_CLI defaults OFF)" >&2
      exit 1
    fi
    echo "consumer: the library is optimized, the CLI not built"
    ;;
  FetchContent)
    install=()
    [[ -n $prefix ]] && install=(-DDANGJIAN_INSTALL=ON)
    cmake -S "$consumer" -B "$work" "${generator[@]}" -DBUILD_SHARED_LIBS=$shared \
      -DDANGJIAN_CONSUMER_MODE=FetchContent \
      -DDANGJIAN_SOURCE_DIR="$source" "${install[@]}"
    cmake --build "$work"
    if [[ -n $prefix ]]; then
      rm -rf "$prefix"
      cmake --install "$work" --prefix "$prefix"
    fi
    ;;
  pkg-config)
    pcdir=$(dirname "$(find "$prefix" -name dangjian.pc -print -quit)")
    export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
    echo "pkg-config: $(pkg-config --modversion dangjian)"
    libdir=$(pkg-config --variable=libdir dangjian)
    # shellcheck disable=SC2046
    c++ -std=c++17 -o "$work/consumer" "$consumer/main.cc" \
      $(pkg-config --cflags --libs dangjian) -Wl,-rpath,"$libdir"
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac

cd "$work"
# The program links the library kind asked for.
# (Not `readelf | grep -q`: grep quitting early would fail the pipe with SIGPIPE.)
if [[ $(readelf -d ./consumer) =~ NEEDED[^$'\n']*libdangjian[.]so ]]; then linked=ON; else linked=OFF; fi
if [[ $linked != "$shared" ]]; then
  echo "consumer: expected BUILD_SHARED_LIBS=$shared but the program links" \
    "libdangjian $([[ $linked == ON ]] && echo shared || echo static)" >&2
  exit 1
fi
echo "consumer links libdangjian $([[ $linked == ON ]] && echo shared || echo static)"
./consumer "$work/consumer.pb"
