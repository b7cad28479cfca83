#!/usr/bin/env bash
# run_consumer.sh MODE CONSUMER_DIR DANGJIAN_SOURCE PREFIX WORK_DIR SHARED
# Builds and runs tests/consumer against dangjian:
#   find_package      CMake package installed under PREFIX
#   pkg-config        dangjian.pc installed under PREFIX, compiled with plain c++
#   add_subdirectory  DANGJIAN_SOURCE built inside the consumer's build
# SHARED is the BUILD_SHARED_LIBS of the build under test.
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
      -DDANGJIAN_CONSUMER_MODE=add_subdirectory -DDANGJIAN_SOURCE_DIR="$source"
    cmake --build "$work"
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
./consumer "$work/consumer.pb"
