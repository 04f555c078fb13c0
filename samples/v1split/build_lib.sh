#!/usr/bin/env bash
# The staging build: the site library (outside the prefix, as a site's software tree would be), then the
# package's library linked against it. The outputs take their files from the prefix.
set -euo pipefail
CC=${CC:-gcc}
SITE_ROOT=${CONDA_SAMPLE_SITE_ROOT:-/opt/site}
mkdir -p "$SITE_ROOT/lib" "$PREFIX/lib" "$PREFIX/include"
"$CC" -shared -fPIC -Wl,-soname,libsitelog.so -o "$SITE_ROOT/lib/libsitelog.so" sitelog.c
"$CC" -O2 -fPIC -shared -DV1DEMO_VERSION="\"$PKG_VERSION\"" -Wl,-soname,libv1demo.so.2 \
    v1demo.c -o "$PREFIX/lib/libv1demo.so.2" -L"$SITE_ROOT/lib" -lsitelog \
    -Wl,-rpath,"$SITE_ROOT/lib" -Wl,-rpath,"$PREFIX/lib" -Wl,-rpath,/usr/local/not-allowlisted
ln -sf libv1demo.so.2 "$PREFIX/lib/libv1demo.so"
cp v1demo.h "$PREFIX/include/"
