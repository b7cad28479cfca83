# shellcheck shell=bash
# Shared by abi/*.sh (sourced, not run). Keep the ABI dump and the symbol list made
# the same way by the checks and by update_baselines.sh.

# abidw flags: no paths or source locations in the dump, so that it does not depend
# on where the tree was built; hashed type ids, so that a regenerated baseline
# differs from the old one only where the ABI does.
DANGJIAN_ABIDW_FLAGS=(--no-show-locs --no-comp-dir-path --no-corpus-path --type-id-style hash)

# The types the ABI check leaves out (see the file).
DANGJIAN_ABI_SUPPRESSIONS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/suppressions.abignore

# dangjian_abi_dump LIB OUT: the ABI of the shared library LIB, as abixml, into OUT.
dangjian_abi_dump() {
  abidw "${DANGJIAN_ABIDW_FLAGS[@]}" --suppressions "$DANGJIAN_ABI_SUPPRESSIONS" \
    --out-file "$2" "$1"
}

# dangjian_exported_symbols LIB: the dynamic symbols LIB defines in namespace
# dangjian (functions, data, typeinfo, vtables), demangled, sorted, one a line.
# The generated protobuf code lives in libdangjian_proto, not here; instantiations
# of other namespaces' templates (absl::, google::protobuf::, std::) that merely
# name a dangjian type are not part of our API and are listed only when they
# leak (see the check).
dangjian_exported_symbols() {
  nm -D --defined-only "$1" | sed -E 's/^[0-9a-fA-F]* *[A-Za-z] //' | c++filt |
    grep -E '^((typeinfo|typeinfo name|vtable|VTT|construction vtable) for )?dangjian::' |
    LC_ALL=C sort -u
}

# dangjian_foreign_symbols LIB: strong (non-weak) defined dynamic symbols outside
# namespace dangjian: with hidden visibility there should be none. Weak ones are
# left out: they are instantiations of std:: templates, which libstdc++ declares
# with default visibility, merged at load time with the program's own copies.
dangjian_foreign_symbols() {
  nm -D --defined-only "$1" | grep -vE '^[0-9a-fA-F]* *[WVwvu] ' |
    sed -E 's/^[0-9a-fA-F]* *[A-Za-z] //' | c++filt |
    grep -vE '^((typeinfo|typeinfo name|vtable|VTT|construction vtable) for )?dangjian::' |
    grep -vE '^(_init|_fini|_edata|_end|__bss_start)$' | LC_ALL=C sort -u || true
}

# shellcheck disable=SC2034  # used by the scripts that source this file
DANGJIAN_UPDATE_HINT="If the change is deliberate (a new public function, or a release
that may break the ABI: see docs/compatibility.md), regenerate the baselines from a
shared build and commit them with a CHANGELOG entry:
    abi/update_baselines.sh build-shared"
