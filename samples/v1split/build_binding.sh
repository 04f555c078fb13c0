#!/usr/bin/env bash
# The extension output: compiled against the library of the staging build, for this variant's Python.
set -euo pipefail
CC=${CC:-gcc}
include=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
mkdir -p "$SP_DIR"
"$CC" -O2 -fPIC -shared -I"$include" -I"$PREFIX/include" -DV1DEMO_VERSION="\"$V1DEMO_VERSION\"" binding.c \
    -L"$PREFIX/lib" -lv1demo -Wl,-rpath,"$PREFIX/lib" -o "$SP_DIR/v1demo$suffix"
