#!/bin/bash
# conda-build contract: PREFIX (install here), SRC_DIR (the copied source: path: src), RECIPE_DIR.
# CONDA_SAMPLE_HOST_ROOT stands for /opt/cray: the "host" MPI library is built there, outside PREFIX.
set -euo pipefail

CC="${CC:-gcc}"
HOST_ROOT="${CONDA_SAMPLE_HOST_ROOT:-/opt/cray}"
SRC="${SRC_DIR:-$PWD}"

mkdir -p "$HOST_ROOT/lib" "$PREFIX/lib" "$PREFIX/bin"

# 1. The host library, as the site provides it (not part of the package).
$CC -shared -fPIC -Wl,-soname,libhostmpi.so -o "$HOST_ROOT/lib/libhostmpi.so" "$SRC/hostmpi.c"

# 2. The package: a library and a program linked against the host library. The RPATHs are what a real
#    build leaves: the host directory, the prefix, and a directory the whitelist does not cover.
RPATHS=(-Wl,-rpath,"$HOST_ROOT/lib" -Wl,-rpath,"$PREFIX/lib" -Wl,-rpath,/usr/local/not-whitelisted)

$CC ${CFLAGS:-} -shared -fPIC -Wl,-soname,libdemo.so -I"$SRC" -o "$PREFIX/lib/libdemo.so" "$SRC/demo.c" \
    -L"$HOST_ROOT/lib" -lhostmpi "${RPATHS[@]}" ${LDFLAGS:-}
$CC ${CFLAGS:-} -I"$SRC" -o "$PREFIX/bin/demo" "$SRC/main.c" \
    -L"$PREFIX/lib" -ldemo -L"$HOST_ROOT/lib" -lhostmpi "${RPATHS[@]}" ${LDFLAGS:-}
