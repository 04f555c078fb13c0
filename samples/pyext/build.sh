#!/usr/bin/env bash
# Compiles the extension directly against the variant's Python headers: no setuptools needed, so the
# same script serves every Python of the matrix (3.12 ships without setuptools).
CC=${CC:-gcc}
include=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')
suffix=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')

mkdir -p "$SP_DIR/pyext_demo"
cp pyext_demo/__init__.py "$SP_DIR/pyext_demo/"
"$CC" -O2 -fPIC -shared -I"$include" pyext_demo/_speedups.c -o "$SP_DIR/pyext_demo/_speedups$suffix"

# Distribution metadata, so importlib.metadata and pip see the installed package.
dist="$SP_DIR/pyext_demo-${PKG_VERSION}.dist-info"
mkdir -p "$dist"
printf 'Metadata-Version: 2.1\nName: pyext-demo\nVersion: %s\n' "$PKG_VERSION" > "$dist/METADATA"
echo conda > "$dist/INSTALLER"
