#!/usr/bin/env bash
# The one build of the source: the shared library and its header. The outputs take their files from here.
CC=${CC:-gcc}
mkdir -p "$PREFIX/lib" "$PREFIX/include"
"$CC" -O2 -fPIC -shared -DSPLITDEMO_VERSION="\"$PKG_VERSION\"" -Wl,-soname,libsplitdemo.so.1 \
    splitdemo.c -o "$PREFIX/lib/libsplitdemo.so.1"
ln -sf libsplitdemo.so.1 "$PREFIX/lib/libsplitdemo.so"
cp splitdemo.h "$PREFIX/include/"
