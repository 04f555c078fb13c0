#!/usr/bin/env bash
# The binding output's own script: compiles the extension against the library the top-level build installed.
set -e
CC=${CC:-gcc}
include=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
mkdir -p "$SP_DIR"
"$CC" -O2 -fPIC -shared -I"$include" -I"$PREFIX/include" binding.c -L"$PREFIX/lib" -lsplitdemo \
    -Wl,-rpath,"$PREFIX/lib" -o "$SP_DIR/splitdemo$suffix"
